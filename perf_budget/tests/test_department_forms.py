"""The department-wide official forms on a real site: a unit's 部门整体支出绩效目标申报表,
监控表 and 自评表 exported, filled the way a clerk fills them and imported back into
the unit's draft with exact figures (sums, rates and scores the system's own); a
unit user can neither export nor import another unit's record; a closed year, a
record past filing, another form and an older export are refused, nothing written."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from perf_budget.exchange import department as exchange
from perf_budget.exchange.evaluations import evaluation_workbook as project_evaluation_workbook
from perf_budget.exchange.goals import GoalImportError
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.tests.department_goals import (
	confirm_department_goal,
	make_department_goal,
	remove_department_goals,
)
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.tests.workbooks import Form, edited

YEAR = "2054"
USER, HEAD, OFFICER, OTHER = (
	"dform.user@perf.test",
	"dform.head@perf.test",
	"dform.officer@perf.test",
	"dform.other@perf.test",
)
GOAL, MONITORING, EVALUATION = exchange.GOAL, exchange.MONITORING, exchange.EVALUATION


def saved(book: Workbook) -> bytes:
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


class TestDepartmentForms(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			year = make_year(YEAR)
			year.append("monitoring_rounds", {"period_end_month": 7, "deadline": f"{YEAR}-08-15"})
			year.save(ignore_permissions=True)
			unit = make_unit_people("表格部门甲科", USER, HEAD, OFFICER)
			other_unit = make_unit("表格部门乙科").name
			make_user(OTHER, unit=other_unit)
			goal = as_user(USER, make_department_goal, unit, YEAR).name
			confirm_department_goal(goal, USER, HEAD, OFFICER)
			other_goal = as_user(OTHER, make_department_goal, other_unit, YEAR, "乙").name
			frappe.set_user(OFFICER)
			create_monitoring_round(YEAR, 7)
			create_evaluation_round(YEAR)
			frappe.set_user("Administrator")
			return unit, other_unit, goal, other_goal

		# made once and committed; what each test writes is rolled back
		cls.unit, cls.other_unit, cls.goal, cls.other_goal = committed(fixtures)
		cls.monitoring = frappe.db.get_value(MONITORING, {"department_goal": cls.goal})
		cls.evaluation = frappe.db.get_value(EVALUATION, {"department_goal": cls.goal})

	@classmethod
	def tearDownClass(cls):
		def remove():
			frappe.db.rollback()
			for doctype in (MONITORING, EVALUATION):
				for name in frappe.get_all(doctype, filters={"department_goal": cls.goal}, pluck="name"):
					frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			remove_department_goals([cls.unit, cls.other_unit])
			frappe.db.commit()

		remove()
		remove_committed(users=(USER, HEAD, OFFICER, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def refused(self, importer, data: bytes, user: str, *expected: str) -> str:
		"""The import refused with every ``expected`` text, and nothing written."""
		before = {
			doctype: frappe.get_all(doctype, fields=["name", "modified"], order_by="name")
			for doctype in (GOAL, MONITORING, EVALUATION)
		}
		frappe.set_user(user)
		with self.assertRaises(GoalImportError) as refused:
			importer(data)
		frappe.set_user("Administrator")
		for text in expected:
			self.assertIn(text, str(refused.exception))
		for doctype, rows in before.items():
			self.assertEqual(frappe.get_all(doctype, fields=["name", "modified"], order_by="name"), rows)
		return str(refused.exception)

	# -- the goal ---------------------------------------------------------------
	def test_goal_form_filled_and_imported_into_the_draft(self):
		frappe.set_user(OTHER)
		data = exchange.goal_workbook([self.other_goal])
		self.assertEqual(Form(data).title, self.other_unit)

		def fill(form):
			return {
				form.right_of("部门职能职责概述"): "负责片区规划编制、实施监督与档案管理。",
				form.right_of("人员经费"): "６１０．５万元",
				form.right_of("一般公共预算"): "1,810.50",
				# the clerk corrects the sums typed on the form too (the file is refused otherwise)
				form.right_of("基本支出"): "760.5",
				form.right_of("资金总额"): "2,010.50",
				form.right_of("实有人数"): "29人",
				form.at("乙信息化建设", "主要内容"): "建设数据共享平台",
			}

		answer = exchange.import_goals(edited(data, fill), "goal.xlsx")
		self.assertEqual(answer, {"updated": [self.other_goal]})
		doc = frappe.get_doc(GOAL, self.other_goal)
		self.assertEqual(doc.functions_overview, "负责片区规划编制、实施监督与档案管理。")
		self.assertEqual(doc.actual_staff, 29)
		self.assertEqual(doc.key_tasks[1].task_content, "建设数据共享平台")
		# 基本支出 610.5 + 150; 资金总额 760.5 + 1,250 = 2,010.5 = 1,810.5 + 150 + 50
		self.assertEqual(
			(doc.personnel_expenditure, doc.basic_expenditure, doc.total_budget, doc.source_general_budget),
			(610.5, 760.5, 2010.5, 1810.5),
		)
		self.assertEqual(
			[
				(task.task_name, task.total_amount, task.fiscal_amount, task.other_amount)
				for task in doc.key_tasks
			],
			[("乙城市道路维护", 850.0, 800.0, 50.0), ("乙信息化建设", 400.0, 400.0, 0.0)],
		)
		self.assertEqual(
			[(row.level2, row.indicator_name, row.target_value, row.weight) for row in doc.indicators][:2],
			[
				("Management Efficiency", "乙部门预算执行率", 95.0, 25.0),
				("Performance of Duties", "乙年度重点工作任务完成率", 100.0, 25.0),
			],
		)
		# the form exported again carries the new figures
		again = Form(exchange.goal_workbook([self.other_goal]))
		self.assertEqual(
			(again.right_of("资金总额").value, again.right_of("基本支出").value), (2010.5, 760.5)
		)

	def test_sources_that_do_not_add_up_refuse_the_file(self):
		frappe.set_user(OTHER)
		data = edited(exchange.goal_workbook([self.other_goal]), lambda f: {f.right_of("一般公共预算"): 1700})
		self.refused(exchange.import_goals, data, OTHER, "1900.00", "2000.00")

	def test_weights_off_the_department_settings_refuse_the_file(self):
		frappe.set_user(OTHER)
		data = edited(
			exchange.goal_workbook([self.other_goal]), lambda f: {f.at("乙部门预算执行率", "分值"): "30分"}
		)
		self.refused(exchange.import_goals, data, OTHER, "must add up to")

	def test_a_confirmed_goal_is_not_replaced_by_a_file(self):
		frappe.set_user(USER)
		data = exchange.goal_workbook([self.goal])
		self.refused(exchange.import_goals, data, USER, self.goal, "cannot be replaced by a file")

	def test_an_older_export_is_refused(self):
		frappe.set_user(OTHER)
		data = exchange.goal_workbook([self.other_goal])
		frappe.db.set_value(GOAL, self.other_goal, "annual_goal", "桌面上改过的目标")
		self.refused(exchange.import_goals, data, OTHER, "after this file was exported")

	# -- isolation --------------------------------------------------------------
	def test_a_unit_user_cannot_export_another_units_records(self):
		frappe.set_user(OTHER)
		for workbook, name in (
			(exchange.goal_workbook, self.goal),
			(exchange.monitoring_workbook, self.monitoring),
			(exchange.evaluation_workbook, self.evaluation),
		):
			self.assertRaises(frappe.PermissionError, workbook, [name])
		# a year's export holds only the user's own unit
		self.assertEqual(exchange._names(GOAL, performance_year=YEAR), [self.other_goal])
		frappe.set_user(OFFICER)
		self.assertEqual(set(exchange._names(GOAL, performance_year=YEAR)), {self.goal, self.other_goal})

	def test_a_unit_user_cannot_import_into_another_unit(self):
		frappe.set_user(USER)
		data = exchange.evaluation_workbook([self.evaluation])
		self.refused(
			exchange.import_evaluations,
			data,
			OTHER,
			f"You can only import records of your own unit, not {self.unit}",
		)
		frappe.set_user(OTHER)
		data = exchange.goal_workbook([self.other_goal])
		self.refused(exchange.import_goals, data, USER, f"not {self.other_unit}")

	def test_a_closed_year_takes_no_file(self):
		frappe.set_user(USER)
		data = exchange.monitoring_workbook([self.monitoring])
		frappe.db.set_value("Performance Year", YEAR, "status", "Closed")
		self.refused(exchange.import_monitorings, data, USER, f"Performance year {YEAR} is closed")

	def test_another_form_is_refused(self):
		frappe.set_user(USER)
		self.refused(
			exchange.import_evaluations,
			exchange.goal_workbook([self.goal]),
			USER,
			"No sheet in the file is a 部门整体支出绩效自评表",
		)
		self.refused(
			exchange.import_goals, project_evaluation_workbook([]), USER, "部门整体支出绩效目标申报表"
		)

	# -- monitoring -------------------------------------------------------------
	def test_monitoring_form_filled_and_imported(self):
		frappe.set_user(USER)
		data = exchange.monitoring_workbook([self.monitoring])
		form = Form(data)
		self.assertEqual(form.below("部门整体支出绩效监控表").value, f"（{YEAR}年1—7月）")

		def fill(form):
			return {
				form.below("1-7月执行数"): "1,100.40",
				form.below("1-7月目标完成进度"): "分区规划完成两项。",
				form.at("部门预算执行率", "1-7月执行情况"): "55%",
				form.at("部门预算执行率", "全年预计完成值"): "96%",
				form.at("部门预算执行率", "完成目标可能性"): "有可能",
				form.at("长效管理制度健全性", "1-7月执行情况"): "部分达成：资产制度已修订",
			}

		answer = exchange.import_monitorings(edited(data, fill), "round.xlsx")
		self.assertEqual(answer["updated"], [self.monitoring])
		doc = frappe.get_doc(MONITORING, self.monitoring)
		# 1,100.40 of 2,000 万元: 55.02 %
		self.assertEqual((doc.executed_amount, doc.execution_rate), (1100.4, 55.02))
		self.assertEqual(doc.goal_progress, "分区规划完成两项。")
		rows = {row.indicator_name: row for row in doc.indicators}
		self.assertEqual(
			(
				rows["部门预算执行率"].actual_to_date,
				rows["部门预算执行率"].expected_completion,
				rows["部门预算执行率"].likelihood,
			),
			(55.0, 96.0, "Possible"),
		)
		self.assertEqual(
			(rows["长效管理制度健全性"].qualitative_progress, rows["长效管理制度健全性"].actual_text),
			("Partly", "资产制度已修订"),
		)
		self.assertEqual(answer["warning_levels"], {self.monitoring: doc.warning_level})

	# -- self-evaluation --------------------------------------------------------
	def clerk_evaluation(self, score_of_first: str = "25") -> bytes:
		"""The 自评表 typed from scratch by the unit's clerk: every target met, the budget spent."""
		book = Workbook()
		ws = book.active
		ws.title = "自评"
		for row in (
			["附件2"],
			[f"{YEAR}年度部门整体支出绩效自评表"],
			["部门（单位）名称：", None, self.unit],
			["预算执行情况（万元）", "年度预算数", None, "全年执行数", None, "分值", "执行率", "得分"],
			[None, "2,000.00", None, "２０００万元", None, "10", "100%", "10"],
			["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
			[None, "全面完成年度重点工作任务。", None, None, None, " 全部完成。 "],
			[
				"年度绩效指标",
				"一级指标",
				"二级指标",
				"三级指标",
				"年度指标值",
				"实际完成值",
				"分值",
				"得分",
				"偏差原因分析及改进措施",
			],
			[None, "产出指标", "管理效率", "部门预算执行率", "≥95%", "100%", "25", score_of_first],
			[None, None, "履职效能", "年度重点工作任务完成率", "≥100%", "100%", "25", "25"],
			[None, None, None, None, None, None, None, None],
			[None, "效益指标", "社会效应", "政务服务事项按时办结率", "≥98%", "99%", "15", "15"],
			[
				None,
				None,
				"可持续发展能力",
				"长效管理制度健全性",
				"定性：预算、资产、采购制度健全并有效执行",
				"达成年度指标：制度健全",
				"15",
				"15",
			],
			[None, "满意度指标", "服务对象满意度指标", "服务对象综合满意度", "≥90%", "95%", "10", "10"],
			[None, "成本指标", "运行成本", "“三公”经费控制率", "≤100%", "96%", "0", "0"],
			["总分", None, None, None, None, None, "100", None],
			["自评等级", None, "优", None, "有效问卷（份）", None, "200", "满意问卷（份）", "190"],
			["存在的主要问题", None, "个别制度执行不到位。"],
			["改进措施", None, "加强制度执行检查。"],
		):
			ws.append(row)
		ws.merge_cells("B9:B11")
		ws.merge_cells("A16:F16")
		return saved(book)

	def test_a_clerk_filled_self_evaluation_is_scored_by_the_rules(self):
		frappe.set_user(USER)
		answer = exchange.import_evaluations(self.clerk_evaluation(), "自评.xlsx")
		self.assertEqual(answer, {"updated": [self.evaluation], "differences": []})
		doc = frappe.get_doc(EVALUATION, self.evaluation)
		self.assertEqual((doc.executed_amount, doc.execution_rate), (2000.0, 100.0))
		self.assertEqual((doc.valid_respondents, doc.satisfied_respondents), (200, 190))
		self.assertEqual((doc.actual_completion, doc.problems), ("全部完成。", "个别制度执行不到位。"))
		rows = {row.indicator_name: row for row in doc.indicators}
		self.assertEqual(rows["政务服务事项按时办结率"].actual_value, 99.0)
		self.assertEqual(rows["长效管理制度健全性"].qualitative_result, "Achieved")
		# every target met and the budget spent: 10 + 25 + 25 + 15 + 15 + 10 = 100, 优
		self.assertEqual((doc.total_score, doc.grade), (100.0, "Excellent"))
		printed = Form(exchange.evaluation_workbook([self.evaluation]))
		self.assertEqual(printed.at("总分", "得分").value, 100.0)

	def test_a_score_the_rules_do_not_give_is_listed(self):
		frappe.set_user(USER)
		answer = exchange.import_evaluations(self.clerk_evaluation(score_of_first="20"), "自评.xlsx")
		self.assertEqual(len(answer["differences"]), 1)
		self.assertIn("部门预算执行率: the file says 20.0, the rules give 25.0", answer["differences"][0])
