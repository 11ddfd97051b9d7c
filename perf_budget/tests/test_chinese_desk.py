"""A Chinese desk (issue 12, item 2): the app's zh.po translates Frappe's own
strings where Frappe 15's zh catalogue has none or a wrong one (entries
marked ``#. frappe``), and ours is what the server and the desk show; the
timeline records what a user changed, in the reader's language, and nothing
when a save changes nothing."""

import json
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache, get_all_translations, get_messages_for_boot

from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

ZH_PO = Path(frappe.get_app_path("perf_budget", "locale", "zh.po"))
YEAR = "2064"
USER = "cd.user@perf.test"


def frappe_overrides() -> list:
	with ZH_PO.open("rb") as po:
		catalog = read_po(po)
	return [m for m in catalog if m.id and "frappe" in m.auto_comments]


class TestFrappeStringsInChinese(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_cache()  # translations as the compiled zh.po has them now
		cls.overrides = frappe_overrides()

	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "zh"

	def tearDown(self):
		frappe.local.lang = self.lang

	def test_our_translation_wins_over_frappes(self):
		self.assertGreater(len(self.overrides), 700)
		shown = get_all_translations("zh")  # what _() and the desk's __() look up
		for message in self.overrides:
			key = f"{message.id}:{message.context}" if message.context else message.id
			with self.subTest(key=key):
				self.assertEqual(shown.get(key), message.string)

	def test_frappes_wrong_ones_are_replaced(self):
		# Frappe 15's zh.csv: 7米 for seven minutes, 明确 for Clear, 总 for Total, 公 for Public
		for msgid, shown in (
			("{0} m", "7分钟"),
			("Clear", "清除"),
			("Total", "合计"),
			("Public", "公共"),
			("You created this", "您创建了此记录"),
			("This form is not editable due to a Workflow.", "此表单受审批流程控制，不能直接修改。"),
		):
			self.assertEqual(frappe._(msgid).format(7), shown)

	def test_the_desk_receives_them(self):
		"""frappe.boot.__messages, what the desk's __() reads (frappe/boot.py)."""
		messages = get_messages_for_boot()
		self.assertEqual(messages["List View"], "列表视图")
		self.assertEqual(messages["Search or type a command ({0})"], "搜索或输入命令（{0}）")
		self.assertEqual(messages["Type a reply / comment"], "输入回复或评论")
		self.assertEqual(messages["{0} m"], "{0}分钟")
		self.assertEqual(messages["{0} from {1} to {2} in row #{3}"], "第{3}行的{0}由{1}改为{2}")
		# __("m", null, "Minutes (Field: Duration)") looks up the context first
		self.assertEqual(messages["m:Minutes (Field: Duration)"], "分")


class TestTimeline(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			unit = make_unit("桌面科").name
			make_user(USER, unit=unit)
			return unit

		# other sessions test on the same site: a deadlock on the unit tree is retried
		cls.unit = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER,), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def setUp(self):
		self.lang = frappe.local.lang
		frappe.set_user(USER)
		self.goal = make_goal(self.unit, year=YEAR, project_code="CD-1")

	def tearDown(self):
		frappe.local.lang = self.lang
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def versions(self) -> list[dict]:
		return [
			json.loads(data)
			for data in frappe.get_all(
				"Version",
				filters={"ref_doctype": "Performance Goal", "docname": self.goal.name},
				pluck="data",
				order_by="creation",
			)
		]

	def save_from_desk(self, **changes):
		"""As frappe.desk.form.save.savedocs saves what the form sends: the record
		as loaded, with the user's changes (versions kept, as outside tests)."""
		sent = frappe.get_doc("Performance Goal", self.goal.name).as_dict()
		sent.update(changes)
		frappe.get_doc(json.loads(frappe.as_json(sent))).save(ignore_version=False)

	def test_saving_unchanged_writes_no_version(self):
		# No evaluation last year: the last result's figures and each row's last
		# year's actual are empty, stored as 0 — once read "from 0 to null".
		self.assertEqual(self.goal.last_score, 0)
		self.assertEqual({row.last_year_actual for row in self.goal.indicators}, {0})
		before = len(self.versions())
		self.save_from_desk()
		self.save_from_desk()
		# a date left empty comes back from the form as "", stored as NULL
		self.save_from_desk(published_on="")
		self.assertEqual(len(self.versions()), before)

	def test_a_change_writes_only_that_change(self):
		before = len(self.versions())
		self.save_from_desk(annual_goal="完成年度培训任务，培训基层骨干三百人次。")
		versions = self.versions()
		self.assertEqual(len(versions), before + 1)
		self.assertEqual(
			versions[-1]["changed"],
			[
				[
					"annual_goal",
					"完成年度培训任务，提升基层业务能力。",
					"完成年度培训任务，培训基层骨干三百人次。",
				]
			],
		)
		self.assertEqual(versions[-1]["row_changed"], [])

	def test_a_select_value_is_recorded_in_chinese(self):
		frappe.local.lang = "zh"
		frappe.set_user("Administrator")
		frappe.db.set_value("Performance Goal", self.goal.name, "basis_rating", "Good")
		self.save_from_desk(basis_rating="Fair")
		self.assertEqual(self.versions()[-1]["changed"], [["basis_rating", "良", "中"]])
