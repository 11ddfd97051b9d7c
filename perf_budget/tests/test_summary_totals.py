"""The department self-evaluation summary's 合计 row on a real site: computed
from the totals (Σ执行 ÷ Σ预算; the mean score over projects), the same in
the report and in its Excel export, with no automatic total row of Frappe's.

The figures are chosen so each wrong way of adding up gives another number:

	unit 甲: budget 100, executed 100,    score 90   (Excellent)
	         budget 200, executed  81.02, score 70   (Fair)
	unit 乙: budget 100, executed  95,    score 60.5 (Poor)

	执行率   Σ 276.02 ÷ Σ 400 = 69.005 % → 69.01 (half-up; 69.00 half-even)
	         mean of the units' rates (60.34, 95) = 77.67
	         mean of the projects' rates (100, 40.51, 95) = 78.50
	平均总分 (90 + 70 + 60.5) ÷ 3 projects = 73.50
	         mean of the units' averages (80, 60.5) = 70.25; their sum 140.50
"""

import io
import re

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import FrappeAPITestCase, make_request
from openpyxl import load_workbook

from perf_budget.tests.factories import (
	committed,
	make_evaluated_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
	session_for,
)

YEAR = "2071"
REPORT = "Department Self-Evaluation Summary"
OFFICER = "tot.officer@perf.test"
USER_A = "tot.a@perf.test"
EVALUATIONS = (  # unit, code, budget, executed, score, grade
	("甲", "TOT-1", 100, 100, 90, "Excellent"),
	("甲", "TOT-2", 200, 81.02, 70, "Fair"),
	("乙", "TOT-3", 100, 95, 60.5, "Poor"),
)
TOTAL = {
	"projects": 3,
	"annual_budget": 400.0,
	"executed_amount": 276.02,
	"execution_rate": 69.01,
	"average_score": 73.5,
	"excellent": 1,
	"good": 0,
	"fair": 1,
	"poor": 1,
}


class TestSummaryTotals(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR)
			units = {"甲": make_unit("合计甲科").name, "乙": make_unit("合计乙科").name}
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(USER_A, unit=units["甲"])
			for unit, code, budget, executed, score, grade in EVALUATIONS:
				figures = {"annual_budget": budget, "executed_amount": executed, "total_score": score}
				make_evaluated_goal(units[unit], YEAR, code, {**figures, "grade": grade})
			return units

		cls.units = committed(setup)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(OFFICER, USER_A), units=tuple(cls.units.values()), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def report(self, user: str) -> dict:
		frappe.set_user(user)
		try:
			return run_report(REPORT, {"performance_year": YEAR})
		finally:
			frappe.set_user("Administrator")

	def test_the_total_row_is_computed_from_the_totals(self):
		answer = self.report(OFFICER)
		rows = answer["result"]
		# two units, a subtotal per expenditure type (all three projects are 项目支出)
		# and one total row: Frappe adds none of its own
		self.assertFalse(answer["add_total_row"])
		self.assertEqual(len(rows), 6, rows)
		project, policy, special = rows[2:5]
		self.assertEqual(
			[row["budget_unit"] for row in rows[2:5]],
			[
				frappe._("{0} Subtotal").format(frappe._(kind))
				for kind in ("Project Expenditure", "Policy Expenditure", "Special Fund")
			],
		)
		self.assertEqual({key: project[key] for key in TOTAL}, TOTAL)
		for empty in (policy, special):
			self.assertEqual(
				(empty["projects"], empty["annual_budget"], empty["execution_rate"], empty["average_score"]),
				(0, 0.0, None, None),
			)
		self.assertEqual([row["budget_unit"] for row in rows[:2]], [self.units["甲"], self.units["乙"]])
		total = rows[-1]
		self.assertTrue(total["is_total_row"])
		self.assertEqual(total["budget_unit"], frappe._("Total"))
		self.assertEqual({key: total[key] for key in TOTAL}, TOTAL)
		# the unit rows the total is not the sum or mean of
		self.assertEqual(
			[(row["execution_rate"], row["average_score"]) for row in rows[:2]], [(60.34, 80.0), (95.0, 60.5)]
		)
		rate_column = next(c for c in answer["columns"] if c["fieldname"] == "execution_rate")
		self.assertEqual(rate_column["precision"], 2)
		# the headline shows the same figures, as the desk shows them
		summary = {item["label"]: item["value"] for item in answer["report_summary"]}
		self.assertEqual(summary[frappe._("Execution Rate")], "69.01%")
		self.assertEqual(summary[frappe._("Average Total Score")], "73.50")

	def test_a_year_without_evaluations_has_no_rows_and_no_figures(self):
		from perf_budget.perf_budget.report.department_self_evaluation_summary.department_self_evaluation_summary import (
			execute,
		)

		frappe.set_user(OFFICER)
		_columns, rows, _message, chart, headline, skip_total_row = execute({"performance_year": "2071-none"})
		self.assertEqual((rows, chart, headline, skip_total_row), ([], None, [], 1))

	def test_a_unit_user_sees_the_total_of_their_own_unit(self):
		rows = self.report(USER_A)["result"]
		self.assertEqual([row["budget_unit"] for row in rows[:-4]], [self.units["甲"]])
		total = rows[-1]
		self.assertEqual(
			(total["projects"], total["annual_budget"], total["executed_amount"]), (2, 300.0, 181.02)
		)
		# 181.02 ÷ 300 = 60.34 %; (90 + 70) ÷ 2 = 80
		self.assertEqual((total["execution_rate"], total["average_score"]), (60.34, 80.0))

	def test_the_excel_export_shows_the_same_total(self):
		response = make_request(
			target=self.TEST_CLIENT.get,
			args=("/api/method/perf_budget.exchange.evaluations.export_department_summary",),
			kwargs={"query_string": {"sid": session_for(OFFICER), "performance_year": YEAR}},
		)
		self.assertEqual(response.status_code, 200, response.get_data()[:300].decode("utf-8", "replace"))
		sheet = load_workbook(io.BytesIO(response.get_data()))["按单位汇总"]
		rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
		header = rows.index(
			[
				"单位",
				"项目数",
				"全年预算数（万元）",
				"全年执行数（万元）",
				"执行率（%）",
				"平均得分",
				"优",
				"良",
				"中",
				"差",
			]
		)
		body = rows[header + 1 :]
		self.assertEqual(
			[row[0] for row in body],
			[self.units["甲"], self.units["乙"], "项目支出小计", "政策支出小计", "专项资金小计", "合计"],
		)
		self.assertEqual(body[2], ["项目支出小计", 3, 400, 276.02, 69.01, 73.5, 1, 0, 1, 1])
		self.assertEqual(body[3], ["政策支出小计", 0, 0, 0, "—", "—", 0, 0, 0, 0])
		self.assertEqual(body[-1], ["合计", 3, 400, 276.02, 69.01, 73.5, 1, 0, 1, 1])
		total_cells = list(sheet.iter_rows())[header + len(body)]
		self.assertEqual([c.number_format for c in total_cells[2:6]], ["0.00"] * 4)
		bold_rows = list(sheet.iter_rows())[header + 3 : header + len(body) + 1]
		self.assertTrue(all(c.font.b for line in bold_rows for c in line))
		intro = re.search(
			r"共自评项目(\d+)个，全年预算([\d.]+)万元，执行([\d.]+)万元，执行率([\d.—]+)%，平均得分([\d.—]+)分",
			rows[1][0],
		)
		self.assertIsNotNone(intro, rows[1][0])
		self.assertEqual(intro.groups(), ("3", "400.00", "276.02", "69.01", "73.50"))
