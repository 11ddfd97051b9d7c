"""The official goal form in Excel on a real site: round trip, create/update,
all-or-nothing import of malformed files, unit isolation. Every edit finds
its cell by the caption beside it, as the import does."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from perf_budget.exchange.goals import (
	GoalImportError,
	goal_workbook,
	goals_of,
	import_goals,
)
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.tests.workbooks import Form, edited
from perf_budget.workflow.actions import act_as

YEAR = "2092"
UNKNOWN_YEAR = "2061"  # no test makes it
USER_A, USER_B, OFFICER = "xl.a@perf.test", "xl.b@perf.test", "xl.officer@perf.test"
ANNUAL = "年度资金总额"


def without_stamp(data: bytes) -> list:
	"""The form's cells without the export's version stamp (it changes with every save)."""
	form = Form(data)
	form.right_of("导出时版本").value = None
	return form.values()


class TestGoalExcel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		# committed once: a unit made inside each test would hold the unit tree's
		# lock (a nested set) against every other session for the whole test
		def people():
			unit_a, unit_b = make_unit("表格甲科").name, make_unit("表格乙科").name
			make_user(USER_A, unit=unit_a)
			make_user(USER_B, unit=unit_b)
			make_user(OFFICER, roles=("Perf Finance Officer",))
			return unit_a, unit_b

		cls.unit_a, cls.unit_b = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER_A, USER_B, OFFICER), units=(cls.unit_a, cls.unit_b))
		super().tearDownClass()

	def setUp(self):
		make_year(YEAR)
		frappe.set_user(USER_A)
		self.goal = make_goal(self.unit_a, year=YEAR, project_code="XL-1", contact_phone="0355-1234567")
		frappe.set_user("Administrator")
		self.form = goal_workbook([self.goal.name])

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # every test starts from its own setUp

	def snapshot(self):
		"""What the database holds of goals: a failed import must leave it equal."""
		return (
			frappe.get_all("Performance Goal", fields=["name", "modified", "total_amount"], order_by="name"),
			frappe.db.count("Goal Indicator"),
			frappe.db.count("Goal Medium Term Indicator"),
		)

	def assert_refused(self, data: bytes, *expected: str, filename: str = "goal.xlsx"):
		before = self.snapshot()
		frappe.set_user(USER_A)
		with self.assertRaises(GoalImportError) as refused:
			import_goals(data, filename)
		frappe.set_user("Administrator")
		for text in expected:
			self.assertIn(text, str(refused.exception))
		self.assertEqual(self.snapshot(), before)
		return str(refused.exception)

	# -- round trip -----------------------------------------------------------
	def test_export_import_export_gives_the_same_form(self):
		frappe.set_user(USER_A)
		result = import_goals(self.form, "goal.xlsx")
		self.assertEqual(
			result,
			{
				"created": [],
				"updated": [self.goal.name],
				"sheets": [{"sheet": "XL-1", "record": self.goal.name, "created": 0}],
				"notes": [],
			},
		)
		again = goal_workbook([self.goal.name])
		self.assertEqual(without_stamp(again), without_stamp(self.form))
		# the import saved the goal: the first export is now older than the record
		self.assertNotEqual(
			Form(again).right_of("导出时版本").value, Form(self.form).right_of("导出时版本").value
		)
		frappe.set_user("Administrator")
		self.assert_refused(self.form, self.goal.name, "XL-1")

	def test_the_form_carries_the_goal(self):
		form = Form(self.form)
		title = form.find("项目支出绩效目标申报表")
		self.assertEqual(title.row, 1)
		self.assertEqual(form.box(title)[3], form.box(form.find("项目名称"))[3] + 6)  # across the print width
		self.assertEqual(form.right_of("项目名称").value, self.goal.project_name)
		self.assertEqual(form.right_of("实施单位").value, self.unit_a)
		self.assertEqual(
			(
				form.money(ANNUAL).value,
				form.money(ANNUAL, "其中：财政拨款").value,
				form.money(ANNUAL, "其他资金").value,
			),
			(100, 80, 20),
		)
		self.assertEqual(form.right_of("项目编码").value, "XL-1")
		self.assertEqual(form.right_of("记录编号").value, self.goal.name)
		self.assertEqual(form.right_of("导出时版本").value, str(self.goal.modified))
		self.assertEqual(form.right_of("联系电话").value, "0355-1234567")
		self.assertEqual(form.at("培训人次", "指标值").value, "≥500人次")
		self.assertEqual(form.at("培训人次", "分值").value, 20)

	def test_an_edited_form_updates_the_draft(self):
		frappe.set_user(USER_A)
		import_goals(
			edited(self.form, lambda f: {f.money(ANNUAL, "其中：财政拨款"): 120, f.money(ANNUAL): 140}),
			"goal.xlsx",
		)
		self.goal.reload()
		self.assertEqual(
			(self.goal.fiscal_amount, self.goal.other_amount, self.goal.total_amount), (120, 20, 140)
		)
		self.assertEqual(self.goal.contact_phone, "0355-1234567")

	def test_a_new_project_code_files_a_new_draft(self):
		frappe.set_user(USER_A)
		result = import_goals(edited(self.form, lambda f: {f.right_of("项目编码"): "XL-2"}), "goal.xlsx")
		self.assertEqual(len(result["created"]), 1)
		new = frappe.get_doc("Performance Goal", result["created"][0])
		self.assertEqual(
			(new.project_code, new.budget_unit, new.workflow_state), ("XL-2", self.unit_a, "Draft")
		)
		self.assertEqual(len(new.indicators), 5)
		self.assertEqual([row.weight for row in new.indicators], [20, 15, 15, 30, 10])

	def test_a_goal_under_review_is_not_replaced(self):
		act_as(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		self.assert_refused(goal_workbook([self.goal.name]), "XL-1")

	# -- malformed files: clear error, nothing written ---------------------------
	def test_wrong_template(self):
		message = self.assert_refused(edited(self.form, lambda f: {f.find("项目名称"): "项目"}), "项目名称")
		self.assertIn("XL-1", message)  # the sheet

	def test_missing_sheet(self):
		book = Workbook()
		book.active["A1"] = "说明"
		out = io.BytesIO()
		book.save(out)
		self.assert_refused(out.getvalue(), "项目支出绩效目标申报表")

	def test_text_in_a_number_cell(self):
		cell = Form(self.form).money(ANNUAL, "其中：财政拨款")
		message = self.assert_refused(
			edited(self.form, lambda f: {f.money(ANNUAL, "其中：财政拨款"): "一千万"}),
			cell.column_letter,
			str(cell.row),
			"一千万",
		)
		self.assertIn("XL-1", message)

	def test_negative_amount(self):
		cell = Form(self.form).money(ANNUAL, "其他资金")
		self.assert_refused(
			edited(self.form, lambda f: {f.money(ANNUAL, "其他资金"): -5, f.money(ANNUAL): 75}),
			f"column {cell.column_letter}",
			f"row {cell.row}",
		)

	def test_weights_not_summing(self):
		# 培训合格率 15 -> 25: output indicators 60 of the 50 points the level carries
		self.assert_refused(edited(self.form, lambda f: {f.at("培训合格率", "分值"): 25}), "60", "50")

	def test_unknown_unit(self):
		self.assert_refused(
			edited(self.form, lambda f: {f.right_of("实施单位"): "不存在的科室"}), "不存在的科室"
		)

	def test_duplicate_indicators(self):
		self.assert_refused(edited(self.form, lambda f: {f.find("培训合格率"): "培训人次"}), "培训人次")

	def test_empty_file(self):
		self.assert_refused(b"")

	def test_non_excel_file_renamed_xlsx(self):
		self.assert_refused("项目名称,金额\n培训,100\n".encode(), filename="goal.xlsx")

	def test_ten_megabyte_file(self):
		self.assert_refused(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024), "MB")

	def test_another_units_goal_in_the_file(self):
		self.assert_refused(edited(self.form, lambda f: {f.right_of("实施单位"): self.unit_b}), self.unit_b)

	def test_unknown_year(self):
		self.assertFalse(frappe.db.exists("Performance Year", UNKNOWN_YEAR))
		self.assert_refused(
			edited(
				self.form,
				lambda f: {
					f.find(f"（{YEAR}年度）"): f"（{UNKNOWN_YEAR}年度）",
					f.right_of("绩效年度"): None,
				},
			),
			UNKNOWN_YEAR,
		)

	# -- isolation --------------------------------------------------------------
	def test_another_units_goal_cannot_be_exported(self):
		frappe.set_user(USER_B)
		self.assertRaises(frappe.PermissionError, goal_workbook, [self.goal.name])

	def test_a_year_export_holds_only_the_users_unit(self):
		frappe.set_user(USER_B)
		b_goal = make_goal(self.unit_b, year=YEAR, project_code="XL-B").name
		self.assertEqual(goals_of(YEAR), [b_goal])
		frappe.set_user(OFFICER)
		self.assertEqual(set(goals_of(YEAR)), {self.goal.name, b_goal})
