"""Department-wide performance (部门整体支出绩效) and ex-ante assessments where the
bureau looks (issue 15), on a site holding only what this test made: the
Department Self-Evaluation Summary (report and Excel sheet), the workspace
cards and charts, and the written reports read back with python-docx.

	the bureau (全局): budget 52,000.00, executed 49,400.50, 95.00 %, 91.25 优 (accepted)
	unit 甲:           budget  3,200.00, executed  2,560.00, 80.00 %, 78.00 中 (accepted)
	unit 乙:           budget    500.00, executed    100.00, 20.00 %, 40.00 差 (a draft)
	one project of 甲: budget 100, executed 90, 85 良 — the project totals stay 100.00 / 90.00

	average of the accepted department self-evaluations (91.25 + 78) ÷ 2 = 84.625 → 84.63
	department goals: the bureau's Confirmed, 甲's at Finance Review, 乙's a Draft;
	                  甲's next year's with its unit head
	ex-ante assessments: 2 予以支持, 1 不予支持 (concluded), 1 at Finance Review, 1 withdrawn;
	                     next year's: 1 调整后支持
	department monitoring 1–7月: the bureau red (1 red indicator), 甲 green
"""

import io
import json

import frappe
from docx import Document
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.dashboard import department_goals_by_state, exante_conclusions
from perf_budget.exchange.evaluations import export_department_summary
from perf_budget.exchange.written_reports import word_document
from perf_budget.perf_budget.report.department_self_evaluation_summary.department_self_evaluation_summary import (
	summarise,
)
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR, NEXT_YEAR = "2044", "2045"
REPORT = "Department Self-Evaluation Summary"
OFFICER, USER_A, LEADER = "ds.officer@perf.test", "ds.a@perf.test", "ds.leader@perf.test"
PEOPLE = (OFFICER, USER_A, LEADER)
DEPARTMENT_DOCTYPES = (
	"Department Performance Goal",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Ex-ante Assessment",
)
# unit, budget, executed, rate, score, grade, docstatus, state
DEPARTMENT_EVALUATIONS = (
	("局", 52000, 49400.5, 95, 91.25, "Excellent", 1, "Accepted"),
	("甲", 3200, 2560, 80, 78, "Fair", 1, "Accepted"),
	("乙", 500, 100, 20, 40, "Poor", 0, "Draft"),
)
DEPARTMENT_GOALS = (  # unit, year, docstatus, state
	("局", YEAR, 1, "Confirmed"),
	("甲", YEAR, 0, "Finance Review"),
	("乙", YEAR, 0, "Draft"),
	("甲", NEXT_YEAR, 0, "Pending Unit Head"),
)
# year, conclusion, docstatus, state
ASSESSMENTS = (
	(YEAR, "Support", 1, "Concluded"),
	(YEAR, "Support", 1, "Concluded"),
	(YEAR, "Do Not Support", 1, "Concluded"),
	(YEAR, "", 0, "Finance Review"),
	(YEAR, "Support", 2, "Withdrawn"),
	(NEXT_YEAR, "Support after Adjustment", 1, "Concluded"),
)
# unit, budget, executed, rate, execution light, warning level, red indicators
DEPARTMENT_MONITORING = (
	("局", 52000, 20800, 40, "Yellow", "Red", 1),
	("甲", 3200, 1900, 59.38, "Green", "Green", 0),
)


def insert(doctype: str, values: dict) -> None:
	"""A record with exactly these figures (the chains and scoring are tested where they live)."""
	frappe.get_doc({"doctype": doctype, "name": frappe.generate_hash(length=12), **values}).db_insert()


class TestDepartmentSummary(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR)
			units = {
				"局": make_unit("汇总测试局", unit_type="Bureau", is_group=1).name,
				"甲": make_unit("汇总甲科").name,
				"乙": make_unit("汇总乙科").name,
			}
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(LEADER, roles=("Perf Leader",))
			make_user(USER_A, unit=units["甲"])
			goal = make_goal(units["甲"], year=YEAR, project_code="DS-1")
			goal.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
			evaluation = frappe.get_doc(
				{"doctype": "Performance Evaluation", "performance_goal": goal.name}
			).insert(ignore_permissions=True)
			evaluation.db_set(
				{
					"docstatus": 1,
					"workflow_state": "Accepted",
					"annual_budget": 100,
					"executed_amount": 90,
					"total_score": 85,
					"grade": "Good",
				}
			)
			for unit, budget, executed, rate, score, grade, docstatus, state in DEPARTMENT_EVALUATIONS:
				insert(
					"Department Performance Evaluation",
					{
						"performance_year": YEAR,
						"budget_unit": units[unit],
						"annual_budget": budget,
						"executed_amount": executed,
						"execution_rate": rate,
						"total_score": score,
						"grade": grade,
						"docstatus": docstatus,
						"workflow_state": state,
					},
				)
			for unit, year, docstatus, state in DEPARTMENT_GOALS:
				insert(
					"Department Performance Goal",
					{
						"performance_year": year,
						"budget_unit": units[unit],
						"is_bureau": int(unit == "局"),
						"docstatus": docstatus,
						"workflow_state": state,
					},
				)
			for number, (year, conclusion, docstatus, state) in enumerate(ASSESSMENTS, 1):
				insert(
					"Ex-ante Assessment",
					{
						"performance_year": year,
						"budget_unit": units["甲" if number % 2 else "乙"],
						"project_name": f"评估项目{number}",
						"conclusion": conclusion,
						"docstatus": docstatus,
						"workflow_state": state,
					},
				)
			for unit, budget, executed, rate, light, level, red in DEPARTMENT_MONITORING:
				insert(
					"Department Performance Monitoring",
					{
						"performance_year": YEAR,
						"budget_unit": units[unit],
						"period_end_month": 7,
						"annual_budget": budget,
						"executed_amount": executed,
						"execution_rate": rate,
						"execution_light": light,
						"warning_level": level,
						"red_indicators": red,
						"docstatus": 0,
						"workflow_state": "Draft",
					},
				)
			return units

		cls.units = committed(setup)
		cls.bureau, cls.unit_a, cls.unit_b = (cls.units[key] for key in ("局", "甲", "乙"))

	@classmethod
	def tearDownClass(cls):
		def remove():
			for doctype in (*DEPARTMENT_DOCTYPES, "Performance Report"):
				frappe.db.delete(doctype, {"performance_year": ["in", (YEAR, NEXT_YEAR)]})

		committed(remove)
		remove_committed(users=PEOPLE, units=tuple(cls.units.values()), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def as_user(self, user: str, fn, *args, **kwargs):
		frappe.set_user(user)
		try:
			return fn(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def department_rows(self, user: str, accepted_only: int = 1) -> list[tuple]:
		summary = self.as_user(
			user, summarise, frappe._dict(performance_year=YEAR, accepted_only=accepted_only)
		)
		return [
			(
				row.budget_unit,
				row.is_bureau,
				row.annual_budget,
				row.executed_amount,
				row.execution_rate,
				row.total_score,
				row.grade,
			)
			for row in summary["departments"]
		]

	# ------------------------------------------------------------ the summary

	def test_each_unit_and_the_bureau_apart_from_the_project_totals(self):
		self.assertEqual(
			self.department_rows(OFFICER),
			[
				(self.bureau, 1, 52000.0, 49400.5, 95.0, 91.25, "Excellent"),
				(self.unit_a, 0, 3200.0, 2560.0, 80.0, 78.0, "Fair"),
			],
		)
		# with drafts: 乙's below, by score
		self.assertEqual(
			[row[0] for row in self.department_rows(OFFICER, accepted_only=0)],
			[self.bureau, self.unit_a, self.unit_b],
		)
		answer = self.as_user(OFFICER, run_report, REPORT, {"performance_year": YEAR})
		total = answer["result"][-1]
		# the project figures are the one project's: no department budget added in
		self.assertEqual(
			(total["projects"], total["annual_budget"], total["executed_amount"], total["average_score"]),
			(1, 100.0, 90.0, 85.0),
		)
		message = answer["message"]
		self.assertIn("Department-wide Expenditure Performance", message)
		self.assertIn(f"{self.bureau} (Whole Bureau)", message)
		for figure in ("52,000.00", "49,400.50", "95.00%", "91.25", "3,200.00", "78.00"):
			self.assertIn(figure, message)
		self.assertNotIn(self.unit_b, message)

	def test_a_unit_user_sees_their_own_unit_only(self):
		self.assertEqual(self.department_rows(USER_A), [(self.unit_a, 0, 3200.0, 2560.0, 80.0, 78.0, "Fair")])
		message = self.as_user(USER_A, run_report, REPORT, {"performance_year": YEAR})["message"]
		self.assertIn(self.unit_a, message)
		self.assertNotIn(self.bureau, message)
		self.assertNotIn("52,000.00", message)

	def test_the_excel_sheet(self):
		self.as_user(OFFICER, export_department_summary, YEAR)
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		rows = [[cell.value for cell in line] for line in book["部门整体支出绩效"].iter_rows()]
		self.assertEqual(rows[0][0], f"{YEAR}年度部门整体支出绩效自评情况")
		self.assertEqual(
			rows[3:],
			[
				[f"{self.bureau}（全局）", 52000, 49400.5, 95, 91.25, "优"],
				[self.unit_a, 3200, 2560, 80, 78, "中"],
			],
		)
		units = [[cell.value for cell in line] for line in book["按单位汇总"].iter_rows()]
		self.assertEqual(units[-1][:4], ["合计", 1, 100, 90])

	# ------------------------------------------------------------ the workspaces

	def card(self, name: str, user: str):
		doc = frappe.get_doc("Number Card", name)
		filters = json.loads(doc.filters_json or "[]")
		filters += [[*row[:3], YEAR] for row in json.loads(doc.dynamic_filters_json or "[]")]
		frappe.set_user(user)
		try:
			if doc.type == "Custom":
				return frappe.get_attr(doc.method)(filters=json.dumps(filters))
			return frappe.get_list(doc.document_type, filters=filters, fields=["count(name) as n"])[0].n
		finally:
			frappe.set_user("Administrator")

	def test_the_cards(self):
		average = self.card("Department Self-Evaluation Average Score", LEADER)
		self.assertEqual((average["value"], average["precision"]), (84.63, 2))
		self.assertEqual(average["route"], ["query-report", REPORT])
		self.assertEqual(self.card("Department Self-Evaluation Average Score", USER_A)["value"], 78)
		self.assertEqual(self.card("Assessments Awaiting Finance", LEADER)["value"], 1)
		self.assertEqual(self.card("Assessments Awaiting Finance", USER_A)["value"], 0)  # 乙's

	def test_the_charts(self):
		# the chart's year and the years after it: next year's goals and assessments are made in this one
		chart_filters = json.dumps({"performance_year": YEAR})
		self.assertEqual(
			self.as_user(LEADER, department_goals_by_state, filters=chart_filters),
			{
				"labels": ["Draft", "Pending Unit Head", "Finance Review", "Confirmed"],
				"datasets": [
					{"name": f"{YEAR} Department Goals", "values": [1, 0, 1, 1]},
					{"name": f"{NEXT_YEAR} Department Goals", "values": [0, 1, 0, 0]},
				],
			},
		)
		self.assertEqual(
			self.as_user(USER_A, department_goals_by_state, filters=chart_filters)["labels"],
			["Pending Unit Head", "Finance Review"],
		)
		conclusions = self.as_user(LEADER, exante_conclusions, filters=chart_filters)
		self.assertEqual(
			conclusions["labels"], ["Support", "Support after Adjustment", "Do Not Support", "Being Assessed"]
		)
		# one dataset a conclusion (its colour), the withdrawn assessment not counted
		self.assertEqual(
			[row["values"] for row in conclusions["datasets"]],
			[[2, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]],
		)
		next_year = json.dumps({"performance_year": NEXT_YEAR})
		self.assertEqual(
			[
				row["values"]
				for row in self.as_user(LEADER, exante_conclusions, filters=next_year)["datasets"]
			],
			[[0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
		)
		later = json.dumps({"performance_year": "2046"})
		self.assertEqual(self.as_user(LEADER, exante_conclusions, filters=later), {})
		self.assertEqual(self.as_user(LEADER, department_goals_by_state, filters=later), {})

	# ------------------------------------------------------------ the written reports

	def written(self, **values) -> tuple:
		frappe.set_user(OFFICER)
		try:
			report = frappe.get_doc(
				{"doctype": "Performance Report", "performance_year": YEAR, **values}
			).insert()
			return report, Document(io.BytesIO(word_document(report)))
		finally:
			frappe.set_user("Administrator")

	def test_the_self_evaluation_summary_report(self):
		report, doc = self.written(report_kind="Self-Evaluation Summary Report")
		figures = json.loads(report.figures_json)
		self.assertEqual(
			figures["exante"],
			{"Support": 2, "Support after Adjustment": 0, "Do Not Support": 1, "in_progress": 1},
		)
		paragraphs = [p.text for p in doc.paragraphs if p.text]
		self.assertIn("（五）部门整体支出绩效自评情况", paragraphs)
		self.assertIn(
			f"{self.bureau}（全局）部门整体支出全年预算数52,000.00万元，全年执行数49,400.50万元，"
			"预算执行率95.00%，自评得分91.25分，评价等级为“优”。",
			paragraphs,
		)
		self.assertIn(
			f"{YEAR}年度共开展事前绩效评估4个，已形成评估结论3个，其中予以支持2个，调整后支持0个，不予支持1个；"
			"尚在评估中1个。",
			paragraphs,
		)
		tables = {table.rows[0].cells[0].text: table for table in doc.tables}
		self.assertEqual(
			[[cell.text for cell in row.cells] for row in tables["单位"].rows],
			[
				["单位", "全年预算数（万元）", "全年执行数（万元）", "执行率", "自评得分", "等级"],
				[f"{self.bureau}（全局）", "52,000.00", "49,400.50", "95.00%", "91.25", "优"],
				[self.unit_a, "3,200.00", "2,560.00", "80.00%", "78.00", "中"],
			],
		)
		self.assertEqual(
			[[cell.text for cell in row.cells] for row in tables["评估结论"].rows][1:],
			[
				["予以支持", "2", "66.67%"],
				["调整后支持", "0", "0.00%"],
				["不予支持", "1", "33.33%"],
				["合计", "3", "100.00%"],
			],
		)

	def test_the_monitoring_report(self):
		_report, doc = self.written(report_kind="Monitoring Report", period_end_month=7)
		paragraphs = [p.text for p in doc.paragraphs if p.text]
		self.assertIn("部门整体支出绩效监控2个单位，红灯1个，黄灯0个，绿灯1个。", paragraphs)
		table = next(t for t in doc.tables if t.rows[0].cells[0].text == "单位")
		self.assertEqual(
			[[cell.text for cell in row.cells] for row in table.rows][1:],
			[
				[f"{self.bureau}（全局）", "52,000.00", "20,800.00", "40.00%", "黄灯", "红灯", "1"],
				[self.unit_a, "3,200.00", "1,900.00", "59.38%", "绿灯", "绿灯", "0"],
			],
		)
