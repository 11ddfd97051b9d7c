"""Department-wide goals (部门整体支出绩效目标): filed by a unit's clerk, through the
real review chain (head → finance → finance bureau → 已确认) with its returns and the
bureau's revision request; the funds picture worked out and refused to the fen;
one goal a unit and year; the bureau's own goal; the whole-unit indicator groups
and library scope on both kinds of goal; the closed year; isolation.

Figures (万元, perf_budget/tests/department_goals.py): 人员 600 + 公用 150 = 基本 750;
+ 项目 1,250 = 2,000 = 一般公共预算 1,800 + 政府性基金 150 + 其他 50; key tasks
800 + 50 = 850 and 400 + 0 = 400.
"""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_goal.performance_goal import indicator_library, template_rows
from perf_budget.security.doors import get_count
from perf_budget.security.records import child_permission
from perf_budget.tests.department_goals import (
	DEPARTMENT_RATING,
	confirm_department_goal,
	make_department_goal,
	remove_department_goals,
)
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

DPG = "Department Performance Goal"
YEAR, CLOSED = "2071", "2072"
USER, HEAD, OFFICER = "dept.user@perf.test", "dept.head@perf.test", "dept.officer@perf.test"
OTHER = "dept.other@perf.test"
BUREAU_USER = "dept.bureau@perf.test"


class TestDepartmentGoal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR)
			make_year(CLOSED)
			unit = make_unit_people("部门整体科", USER, HEAD, OFFICER)
			other = make_unit("部门整体他科").name
			make_user(OTHER, unit=other)
			bureau = make_unit("部门整体全局", unit_type="Bureau", is_group=1).name
			make_user(BUREAU_USER, unit=bureau)
			return unit, other, bureau

		cls.unit, cls.other, cls.bureau = committed(setup)

	@classmethod
	def tearDownClass(cls):
		units = (cls.unit, cls.other, cls.bureau)
		committed(lambda: remove_department_goals(units))
		remove_committed(users=(USER, HEAD, OFFICER, OTHER, BUREAU_USER), units=units, years=(YEAR, CLOSED))
		super().tearDownClass()

	def setUp(self):
		self.lang = frappe.local.lang

	def tearDown(self):
		frappe.local.lang = self.lang
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def file(self, **values):
		return as_user(USER, make_department_goal, self.unit, YEAR, **values)

	def refused(self, fn, *args, **kwargs) -> str:
		"""The message of the refusal ``fn`` meets, in Chinese."""
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.ValidationError) as caught:
			fn(*args, **kwargs)
		frappe.local.lang = self.lang
		return str(caught.exception)

	# -- the chain ------------------------------------------------------------------
	def test_a_unit_files_its_goal_and_it_goes_through_the_chain(self):
		goal = self.file()
		self.assertEqual((goal.workflow_state, goal.docstatus, goal.is_bureau), ("Draft", 0, 0))
		self.assertEqual((goal.basic_expenditure, goal.total_budget), (750, 2000))
		self.assertEqual([row.total_amount for row in goal.key_tasks], [850, 400])
		# the whole-unit groups are kept in the national order, each after its level 1's project ones
		self.assertEqual(
			[row.level2 for row in goal.indicators],
			[
				"Management Efficiency",
				"Performance of Duties",
				"Social Impact",
				"Development Sustainability",
				"Service Recipient",
				"Operating Cost",
			],
		)

		act_as(USER, DPG, goal.name, "Submit to Unit Head")
		# the head returns it: only with a reason
		message = self.refused(act_as, HEAD, DPG, goal.name, "Return")
		self.assertEqual(
			message, f"请先在“退回原因”中写明部门整体支出绩效目标 {goal.name}退回到“已退回”的理由。"
		)
		act_as(HEAD, DPG, goal.name, "Return", return_reason="年度主要任务的资金请分列。")
		self.assertEqual(frappe.db.get_value(DPG, goal.name, "workflow_state"), "Returned")
		act_as(USER, DPG, goal.name, "Submit to Unit Head")
		act_as(HEAD, DPG, goal.name, "Approve")
		self.assertEqual(frappe.db.get_value(DPG, goal.name, "workflow_state"), "Finance Review")

		# finance forwards only a goal rated 优 or 良 (the workflow's condition)
		with self.assertRaises(frappe.ValidationError):
			act_as(OFFICER, DPG, goal.name, "Forward to Finance Bureau", review_rating="Fair")
		act_as(OFFICER, DPG, goal.name, "Forward to Finance Bureau", **DEPARTMENT_RATING)
		# the finance bureau's revision request keeps its feedback
		message = self.refused(act_as, OFFICER, DPG, goal.name, "Request Revision")
		self.assertEqual(
			message, f"请先在“财政部门反馈意见”中写明部门整体支出绩效目标 {goal.name}退回到“待修订”的理由。"
		)
		act_as(OFFICER, DPG, goal.name, "Request Revision", bureau_feedback="履职效能指标请细化。")
		self.assertEqual(frappe.db.get_value(DPG, goal.name, "workflow_state"), "Revision Required")

		confirmed = confirm_department_goal(goal.name, USER, HEAD, OFFICER)
		self.assertEqual((confirmed.workflow_state, confirmed.docstatus), ("Confirmed", 1))
		self.assertEqual(confirmed.bureau_feedback, "履职效能指标请细化。")

	# -- refusals -------------------------------------------------------------------
	def test_sources_must_add_up_to_the_total_to_the_fen(self):
		message = self.refused(self.file, source_other=49.99)
		self.assertEqual(message, "按来源填列的资金合计1,999.99万元，预算总额为2,000.00万元，两者必须相等")
		message = self.refused(self.file, source_other=50.01)
		self.assertEqual(message, "按来源填列的资金合计2,000.01万元，预算总额为2,000.00万元，两者必须相等")
		self.assertEqual(self.file(source_other=50).total_budget, 2000)

	def test_nan_infinity_and_words_are_refused_never_stored_as_zero(self):
		for bad, shown in (("NaN", "NaN"), ("Infinity", "Infinity"), ("一百万", "一百万")):
			message = self.refused(self.file, project_expenditure=bad)
			self.assertEqual(message, f"项目支出应为数字，不能是“{shown}”。")
		message = self.refused(
			self.file,
			key_tasks=[{"task_name": "道路养护", "fiscal_amount": "NaN", "other_amount": 0}],
		)
		self.assertEqual(message, "年度主要任务第1行：财政资金应为数字，不能是“NaN”。")
		self.assertFalse(frappe.db.exists(DPG, {"budget_unit": self.unit}))

	def test_one_goal_a_unit_and_year_a_cancelled_one_does_not_count(self):
		first = self.file()
		message = self.refused(self.file)
		self.assertEqual(
			message,
			f"{self.unit}已有{YEAR}年度的部门整体支出绩效目标：{first.name}。请打开并修改该目标，不要重复填报。",
		)
		frappe.db.set_value(DPG, first.name, "docstatus", 2)
		self.assertTrue(self.file().name)

	def test_a_closed_year_takes_no_goal(self):
		frappe.db.set_value("Performance Year", CLOSED, "status", "Closed")
		message = self.refused(as_user, USER, make_department_goal, self.unit, CLOSED)
		self.assertEqual(message, f"绩效年度{CLOSED}已关闭，其记录不能修改。")

	# -- the bureau as a whole ------------------------------------------------------
	def test_the_bureaus_own_goal_is_marked_by_the_server(self):
		goal = as_user(BUREAU_USER, make_department_goal, self.bureau, YEAR)
		self.assertEqual(goal.is_bureau, 1)
		# a request cannot set it on a unit's goal
		self.assertEqual(self.file(is_bureau=1).is_bureau, 0)

	# -- indicator groups and library scope -----------------------------------------
	def test_whole_unit_groups_and_department_templates_stay_off_project_goals(self):
		department = frappe.get_all("Indicator Template", {"scope": "Department"}, ["name", "indicator_name"])
		project = frappe.get_all("Indicator Template", {"scope": "Project"}, ["name", "indicator_name"])
		self.assertTrue(department and project)
		offered = as_user(USER, indicator_library, "Department")
		self.assertEqual({e.name for e in offered["indicators"]}, {e.name for e in department})
		self.assertIn("Operating Cost", offered["levels"]["Cost"])
		offered = as_user(USER, indicator_library)
		self.assertEqual({e.name for e in offered["indicators"]}, {e.name for e in project})
		self.assertNotIn("Operating Cost", offered["levels"]["Cost"])
		self.assertEqual(as_user(USER, template_rows, [project[0].name], "Department"), [])

		row = {"level1": "Cost", "level2": "Operating Cost", "indicator_name": "人均公用经费"}
		row |= {"operator": "<=", "target_value": 3, "unit": "万元/人", "weight": 0}
		message = self.refused(
			as_user, USER, make_goal, self.unit, year=YEAR, project_code="D-P1", indicators=[row]
		)
		self.assertEqual(message, "第1行：“运行成本”是部门整体指标，只能用于部门整体支出绩效目标")
		del row["weight"]
		message = self.refused(
			as_user, USER, make_goal, self.unit, year=YEAR, project_code="D-P2", medium_term_indicators=[row]
		)
		self.assertEqual(message, "中期指标第1行：“运行成本”是部门整体指标，只能用于部门整体支出绩效目标")

		# a library entry of a whole-unit group is a Department one
		template = {"doctype": "Indicator Template", "indicator_name": "测试运行成本", "operator": "<="}
		template |= {"level1": "Cost", "level2": "Operating Cost", "scope": "Project", "unit": "%"}
		message = self.refused(lambda: frappe.get_doc(template).insert())
		self.assertEqual(message, "“运行成本”是部门整体指标，请将适用范围设为部门整体。")

		picked = as_user(USER, template_rows, [project[0].name], "Project")[0]
		message = self.refused(self.file, indicators=[{**picked, "weight": 10}])
		self.assertEqual(
			message,
			f"第1行：指标库指标“{project[0].indicator_name}”用于项目绩效目标，不能用于部门整体支出绩效目标",
		)

	# -- isolation ------------------------------------------------------------------
	def test_another_units_user_cannot_reach_the_goal_or_its_rows(self):
		goal = self.file(annual_goal="隔离标记年度目标")
		frappe.db.commit()
		self.addCleanup(lambda: committed(lambda: frappe.delete_doc(DPG, goal.name, force=True)))
		frappe.set_user(OTHER)
		self.assertFalse(frappe.has_permission(DPG, "read", doc=goal.name))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(DPG, goal.name).check_permission("read")
		self.assertEqual(frappe.get_list(DPG, pluck="name"), [])
		self.assertEqual(get_count(DPG), 0)
		self.assertEqual(search_link(DPG, "", page_length=50), [])
		self.assertEqual(frappe.get_list(DPG, filters={"annual_goal": ["like", "%隔离标记%"]}), [])
		for child in ("Department Key Task", "Goal Indicator"):
			rows = frappe.get_list(child, filters={"parent": goal.name}, parent_doctype=DPG, pluck="name")
			self.assertEqual(rows, [])
			row = goal.key_tasks[0] if child == "Department Key Task" else goal.indicators[0]
			self.assertIs(child_permission(frappe.get_doc(child, row.name), "read", OTHER), False)
		# the unit's own people see it
		frappe.set_user(USER)
		self.assertEqual(frappe.get_list(DPG, pluck="name"), [goal.name])
		self.assertEqual(get_count(DPG), 1)
