"""The indicator library on a goal (issue 12, item 6): the picker offers the
library's entries in use by name with their levels and unit, level 1 → level 2;
a goal's rows are kept in that order however they were picked, and so are the
rows of its monitoring and self-evaluation records and the official form.
Also: accepting a rectification without a review result is refused in words,
and the desk's standard Cancel is not offered where the workflow decides."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.exchange.goals import goal_workbook
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import (
	indicator_library,
	template_rows,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.security.doors import can_cancel_document
from perf_budget.tests.factories import (
	committed_unit,
	confirm_goal,
	make_goal,
	make_rectification,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2063"
USER, HEAD, OFFICER = "pick.user@perf.test", "pick.head@perf.test", "pick.officer@perf.test"
MARK = "拾取测试"  # the library entries this test makes

# (name, level 1, level 2, unit), in the order they are entered into the library
LIBRARY = [
	("群众满意度", "Satisfaction", "Service Recipient", "%"),
	("按期完工率", "Output", "Timeliness", "%"),
	("单位造价", "Cost", "Economic Cost", "元/平方米"),
	("维修道路长度", "Output", "Quantity", "公里"),
	("出行条件改善", "Effect", "Social", ""),
	("验收合格率", "Output", "Quality", "%"),
	("更换路灯数量", "Output", "Quantity", "盏"),
	("停用的旧指标", "Output", "Quantity", "个"),  # disabled below
]

# rows in the order a unit picked them: 产出 split in two blocks
PICKED = [
	("维修道路长度", "Output", "Quantity", 20),
	("基层业务能力提升", "Effect", "Social", 30),
	("参训人员满意度", "Satisfaction", "Service Recipient", 10),
	("按期完成率", "Output", "Timeliness", 15),
	("培训合格率", "Output", "Quality", 10),
	("更换路灯数量", "Output", "Quantity", 5),
]
SORTED = ["维修道路长度", "更换路灯数量", "培训合格率", "按期完成率", "基层业务能力提升", "参训人员满意度"]


def picked_rows():
	return [
		{
			"level1": level1,
			"level2": level2,
			"indicator_name": name,
			"operator": ">=",
			"target_value": 90,
			"unit": "%",
			"weight": weight,
		}
		for name, level1, level2, weight in PICKED
	]


def names_in_sheet(data: bytes, wanted: set[str]) -> list[str]:
	"""The wanted indicator names in the order the form lists them, top to bottom."""
	sheet = load_workbook(io.BytesIO(data)).active
	return [cell.value for row in sheet.iter_rows() for cell in row if cell.value in wanted]


class TestIndicatorPicker(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		cls.unit = committed_unit("指标拾取科", USER, HEAD, OFFICER)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER), units=(cls.unit,))
		super().tearDownClass()

	def setUp(self):
		make_year(YEAR)
		self.templates = {}
		for name, level1, level2, unit in LIBRARY:
			doc = frappe.get_doc(
				{
					"doctype": "Indicator Template",
					"indicator_name": f"{MARK}{name}",
					"level1": level1,
					"level2": level2,
					"unit": unit,
					"operator": ">=",
					"disabled": int(name == "停用的旧指标"),
				}
			).insert()
			self.templates[name] = doc.name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()

	def test_the_picker_lists_entries_in_use_by_name_level_and_unit_in_level_order(self):
		frappe.set_user(USER)
		library = indicator_library()
		mine = [
			(row.indicator_name.removeprefix(MARK), row.level1, row.level2, row.unit or "")
			for row in library["indicators"]
			if row.indicator_name.startswith(MARK)
		]
		self.assertEqual(
			mine,
			[
				("维修道路长度", "Output", "Quantity", "公里"),
				("更换路灯数量", "Output", "Quantity", "盏"),
				("验收合格率", "Output", "Quality", "%"),
				("按期完工率", "Output", "Timeliness", "%"),
				("出行条件改善", "Effect", "Social", ""),
				("群众满意度", "Satisfaction", "Service Recipient", "%"),
				("单位造价", "Cost", "Economic Cost", "元/平方米"),
			],
		)
		# the order the desk keeps the grid in
		self.assertEqual(list(library["levels"]), ["Output", "Effect", "Satisfaction", "Cost"])
		self.assertEqual(library["levels"]["Output"], ("Quantity", "Quality", "Timeliness", "Cost"))

	def test_picked_entries_become_rows_in_level_order_and_a_disabled_one_is_not_taken(self):
		frappe.set_user(USER)
		picked = [
			self.templates[name] for name in ("群众满意度", "停用的旧指标", "按期完工率", "维修道路长度")
		]
		rows = template_rows(frappe.as_json(picked))
		self.assertEqual(
			[(row["indicator_name"], row["template"], row["unit"]) for row in rows],
			[
				(f"{MARK}维修道路长度", self.templates["维修道路长度"], "公里"),
				(f"{MARK}按期完工率", self.templates["按期完工率"], "%"),
				(f"{MARK}群众满意度", self.templates["群众满意度"], "%"),
			],
		)
		# what a request may send instead of a list of names: refused in words, not a server error
		for sent in ("x", '{"name": 1}', "[1, 2]"):
			with self.assertRaisesRegex(frappe.ValidationError, "a list of their names is expected"):
				template_rows(sent)

	def test_a_goal_saved_in_pick_order_comes_back_level_by_level_and_so_does_its_form(self):
		frappe.set_user(USER)
		goal = make_goal(self.unit, year=YEAR, project_code="PICK-1", indicators=picked_rows())
		stored = frappe.get_doc("Performance Goal", goal.name)
		self.assertEqual([row.indicator_name for row in stored.indicators], SORTED)
		self.assertEqual([row.idx for row in stored.indicators], [1, 2, 3, 4, 5, 6])
		self.assertEqual(names_in_sheet(goal_workbook([goal.name]), set(SORTED)), SORTED)

		# a row added at the end by hand joins its level on the next save
		stored.append(
			"indicators",
			{
				"level1": "Output",
				"level2": "Quantity",
				"indicator_name": "新增路段数",
				"operator": ">=",
				"target_value": 3,
				"unit": "段",
				"weight": 0,
			},
		)
		stored.save()
		self.assertEqual(
			[row.indicator_name for row in frappe.get_doc("Performance Goal", goal.name).indicators],
			[SORTED[0], SORTED[1], "新增路段数", *SORTED[2:]],
		)

	def test_the_migration_puts_rows_filed_in_pick_order_back_in_level_order(self):
		from perf_budget.patches.sort_indicator_rows import execute

		frappe.set_user(USER)
		goal = make_goal(self.unit, year=YEAR, project_code="PICK-3", indicators=picked_rows())
		frappe.set_user("Administrator")
		stored = frappe.get_doc("Performance Goal", goal.name)
		by_name = {row.indicator_name: row.name for row in stored.indicators}
		for idx, (name, *_levels) in enumerate(PICKED, 1):  # as a site before the change stored them
			frappe.db.set_value("Goal Indicator", by_name[name], "idx", idx)
		execute()
		self.assertEqual(
			[row.indicator_name for row in frappe.get_doc("Performance Goal", goal.name).indicators], SORTED
		)

	def test_monitoring_and_self_evaluation_rows_follow_the_goal_and_keep_level_order(self):
		frappe.set_user(USER)
		goal = make_goal(self.unit, year=YEAR, project_code="PICK-2", indicators=picked_rows())
		frappe.set_user("Administrator")
		confirm_goal(goal.name, USER, HEAD, OFFICER)
		frappe.set_user(OFFICER)
		create_monitoring_round(YEAR, 7)
		create_evaluation_round(YEAR)
		for doctype in ("Performance Monitoring", "Performance Evaluation"):
			record = frappe.get_doc(doctype, {"performance_goal": goal.name})
			self.assertEqual([row.indicator_name for row in record.indicators], SORTED, doctype)

	def test_accepting_a_rectification_without_a_result_is_refused_in_words(self):
		frappe.set_user("Administrator")
		rectification = make_rectification(self.unit, YEAR, stored={"workflow_state": "Finance Review"})
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.ValidationError) as refused:
			act_as(OFFICER, "Rectification", rectification.name, "Accept")
		self.assertEqual(str(refused.exception), "审核通过前请选择审核结论（已整改、部分整改或未整改）。")
		self.assertEqual(
			frappe.db.get_value("Rectification", rectification.name, "workflow_state"), "Finance Review"
		)

	def test_the_desk_offers_no_standard_cancel_where_the_workflow_decides(self):
		frappe.set_user(OFFICER)
		for doctype in (
			"Performance Goal",
			"Performance Monitoring",
			"Performance Evaluation",
			"Rectification",
		):
			self.assertIs(can_cancel_document(doctype), False, doctype)
