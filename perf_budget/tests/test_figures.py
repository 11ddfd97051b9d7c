"""Figures and print on a real site (issue 12, item 5): each print format is
its DocType's default, fits an A4 page in the official form's orientation and
prints the figures as the forms do; reports hand the desk columns that show
two decimals (scores at the set precision).

The evaluation, worked by hand (national defaults):
  budget 1,500 + 409.5 = 1,909.50 万元, executed 700 + 159.28 = 859.28 → 45.00 % → 4.50 of 10
  培训人次 ≥500, actual 620 → 20 of 20; 培训合格率 ≥95 %, never entered → 0 of 15, shown "—"
  按期完成率 ≥100 %, actual 100 → 15 of 15; qualitative, Partly, entered 20 → 20 of 30
  satisfaction 170 of 200 = 85 % → 85/90 × 10 = 9.44 of 10
  total 4.50 + 20 + 0 + 15 + 20 + 9.44 = 68.94 → 中
"""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.report.monitoring_warning_board import monitoring_warning_board
from perf_budget.perf_budget.report.self_evaluation_scores import self_evaluation_scores
from perf_budget.settings import clear_rules_cache
from perf_budget.tests.factories import (
	as_user,
	committed_unit,
	confirm_goal,
	make_goal,
	remove_committed,
)

YEAR = "2062"
USER, HEAD, OFFICER = "fig.user@perf.test", "fig.head@perf.test", "fig.officer@perf.test"
ACTUALS = {"培训人次": 620, "按期完成率": 100}
PRINT_FORMATS = {
	"Performance Goal": "项目支出绩效目标申报表",
	"Performance Evaluation": "项目支出绩效自评表",
	"Rectification": "预算绩效整改通知及整改情况报告",
	"Performance Interview": "预算绩效约谈记录",
}


def row_of(html: str, indicator: str) -> str:
	"""The printed table row of one indicator."""
	return html.split(indicator, 1)[1].split("</tr>", 1)[0]


def set_score_precision(precision: str) -> None:
	frappe.db.set_single_value("Perf Budget Settings", "score_precision", precision)
	frappe.clear_document_cache("Perf Budget Settings", "Perf Budget Settings")
	clear_rules_cache()


class TestFigures(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		cls.unit = committed_unit("数字格式科", USER, HEAD, OFFICER, year=YEAR)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(USER)
		self.goal = make_goal(
			self.unit, year=YEAR, project_code="FIG-1", fiscal_amount=1500, other_amount=409.5
		)
		frappe.set_user("Administrator")
		confirm_goal(self.goal.name, USER, HEAD, OFFICER)
		as_user(OFFICER, create_evaluation_round, YEAR)
		self.evaluation = self.fill(
			frappe.get_doc("Performance Evaluation", {"performance_goal": self.goal.name})
		)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Perf Budget Settings", "Perf Budget Settings")
		clear_rules_cache()

	def fill(self, doc):
		frappe.set_user(USER)
		doc.update(
			{
				"annual_fiscal": 1500,
				"annual_other": 409.5,
				"executed_fiscal": 700,
				"executed_other": 159.28,
				"execution_reason": "工程款按进度支付，年底前未结算。",
				"valid_respondents": 200,
				"satisfied_respondents": 170,
			}
		)
		for row in doc.indicators:
			if row.indicator_name in ACTUALS:
				row.actual_value = ACTUALS[row.indicator_name]
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Partly", 20
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def test_each_print_format_is_the_default_of_its_doctype(self):
		for doctype, name in PRINT_FORMATS.items():
			self.assertEqual(frappe.get_meta(doctype).default_print_format, name)
			print_format = frappe.get_doc("Print Format", name)
			self.assertEqual((print_format.doc_type, print_format.disabled), (doctype, 0))

	def test_the_evaluation_prints_as_the_10_form_on_landscape_a4(self):
		self.assertEqual((self.evaluation.total_score, self.evaluation.grade), (68.94, "Fair"))
		html = frappe.get_print("Performance Evaluation", self.evaluation.name)  # the default format
		self.assertIn("项目支出绩效自评表", html)
		self.assertIn("size: A4 landscape;", html)
		self.assertIn("orientation: Landscape;", html)  # what wkhtmltopdf reads for the PDF
		self.assertIn(">1,909.50<", html)
		self.assertIn(">859.28<", html)
		self.assertRegex(html, r'rowspan="4">45\.00%<')  # one cell, never "45.0 / 0%"
		self.assertRegex(html, r'rowspan="4">10\.00<')
		self.assertRegex(html, r'rowspan="4">4\.50<')
		trained = row_of(html, "培训人次")
		self.assertIn(">≥500人次<", trained)
		self.assertIn(">620人次<", trained)
		self.assertEqual(re.findall(r">(20\.00)<", trained), ["20.00", "20.00"])  # 分值 beside 得分
		passed = row_of(html, "培训合格率")
		self.assertIn(">≥95%<", passed)
		self.assertIn(">—<", passed)  # never entered: missing, not "0%"
		self.assertIn(">15.00<", passed)
		self.assertIn(">0.00<", passed)
		self.assertIn(">68.94<", html)
		self.assertNotIn("&gt;=", html)  # the stored operator never reaches the paper

	def test_scores_print_at_the_precision_of_the_settings(self):
		set_score_precision("1")
		html = frappe.get_print("Performance Evaluation", self.evaluation.name)
		self.assertEqual(re.findall(r">(20\.0)<", row_of(html, "培训人次")), ["20.0", "20.0"])
		self.assertIn(">68.9<", html)
		self.assertRegex(html, r'rowspan="4">45\.00%<')  # a rate keeps two decimals

	def test_the_goal_prints_as_the_88_form_on_portrait_a4(self):
		html = frappe.get_print("Performance Goal", self.goal.name)
		self.assertIn("项目支出绩效目标申报表", html)
		self.assertIn("size: A4 portrait;", html)
		self.assertIn(">1,909.50<", html)
		self.assertIn(">1,500.00<", html)
		trained = row_of(html, "培训人次")
		self.assertIn("≥500", trained)
		self.assertIn(">20.00<", trained)

	def test_report_columns_show_two_decimals(self):
		frappe.set_user(OFFICER)
		columns, rows, _message, _chart, summary = self_evaluation_scores.execute(
			{"performance_year": YEAR, "budget_unit": self.unit}
		)
		by_field = {column["fieldname"]: column for column in columns}
		self.assertEqual(
			(by_field["total_score"]["fieldtype"], by_field["total_score"]["precision"]), ("Float", 2)
		)
		self.assertEqual(
			(by_field["execution_rate"]["fieldtype"], by_field["execution_rate"]["precision"]), ("Percent", 2)
		)
		(row,) = rows
		self.assertEqual(
			(row["name"], row["total_score"], row["execution_rate"]), (self.evaluation.name, 68.94, 45.0)
		)
		# the figures above the table come as the desk shows them (Frappe drops a summary's decimals)
		averages = {item["label"]: (item["value"], item["datatype"]) for item in summary}
		self.assertEqual(averages[frappe._("Average Total Score")], ("68.94", "Data"))
		self.assertEqual(averages[frappe._("Execution Score")], ("4.50", "Data"))
		board = {column["fieldname"]: column for column in monitoring_warning_board.execute({})[0]}
		self.assertEqual(board["execution_rate"]["precision"], 2)
		self.assertEqual(board["time_adjusted_rate"]["precision"], 2)

	def test_whole_scores_are_an_int_column_at_precision_0(self):
		set_score_precision("0")
		frappe.set_user(OFFICER)
		columns = self_evaluation_scores.execute({"performance_year": YEAR})[0]
		total = next(column for column in columns if column["fieldname"] == "total_score")
		self.assertEqual(total["fieldtype"], "Int")  # Frappe would show a Float of precision 0 with 3

	def test_indicator_values_have_two_decimals_on_the_desk(self):
		for doctype, fieldname in (
			("Goal Indicator", "target_value"),
			("Evaluation Indicator", "actual_value"),
			("Monitoring Indicator", "actual_to_date"),
		):
			self.assertEqual(frappe.get_meta(doctype).get_field(fieldname).precision, "2")
