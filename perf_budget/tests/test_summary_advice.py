"""The department summary's 结果应用建议 sheet, which the bureau sends on to the
city finance bureau, says what the Budget Advice report says (issue 13,
item 8): the confirmed decision where the finance head confirmed one, else
the recommendation with the project's unrectified rectifications counted,
and which of the two it is (来源).

Rules set for the test: Fair cuts 20 %, an unrectified rectification 15 % more.

	甲 SA-1  Good 85       1 open rectification (1 rectified)  no advice       调减预算 15 建议
	            (the grade alone: 按需安排 0)
	甲 SA-2  Fair 70       1 open rectification   advice confirmed, overridden   调减预算 50 已确认
	            (recommended 调减预算 35)
	甲 SA-3  Poor 40       advice drafted, overridden (not confirmed)       取消或暂停 100 建议
	            (the draft's decision, 调减预算 60, is not shown)
	乙 SA-4  Excellent 95  an overdue rectification of another project      优先安排 0 建议
	乙 SA-5  Good 80       not accepted yet: only with accepted_only 0      按需安排 0 建议
"""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.exchange.evaluations import export_department_summary
from perf_budget.perf_budget.report.budget_advice.budget_advice import execute as budget_advice_report
from perf_budget.rounds import create_records
from perf_budget.settings import clear_rules_cache
from perf_budget.tests.factories import make_goal, make_rectification, make_unit, make_user, make_year

YEAR = "2074"
OFFICER, FINANCE_HEAD, USER_A = "sa.officer@perf.test", "sa.head@perf.test", "sa.a@perf.test"
HEADER = [
	"项目编码",
	"项目名称",
	"单位",
	"总分",
	"等级",
	"依据",
	"未整改到位事项",
	"下年度预算安排建议",
	"调减比例（%）",
	"来源",
]


def accepted_evaluation(
	unit: str, code: str, grade: str | None, score: float, budget: float, accepted=True
) -> str:
	goal = make_goal(unit, year=YEAR, project_code=code, project_name=f"项目{code}")
	goal.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
	(name,) = create_records("Performance Evaluation", [goal.name])
	values = {"grade": grade, "total_score": score, "annual_budget": budget}
	if accepted:
		values.update(docstatus=1, workflow_state="Accepted")
	frappe.db.set_value("Performance Evaluation", name, values)
	return name


def advice(evaluation: str, action: str, cut: float, reason: str) -> "frappe.Document":
	"""The finance head's advice on the evaluation, overriding the recommendation."""
	return frappe.get_doc(
		{
			"doctype": "Budget Advice",
			"performance_evaluation": evaluation,
			"decided_action": action,
			"decided_cut_percent": cut,
			"override_reason": reason,
		}
	).insert()


class TestSummaryAdvice(FrappeTestCase):
	def setUp(self):
		self.lang = frappe.local.lang
		frappe.db.set_single_value(
			"Perf Budget Settings", {"fair_cut_percent": 20, "unrectified_cut_percent": 15}
		)
		clear_rules_cache()
		make_year(YEAR)
		self.unit_a, self.unit_b = make_unit("建议来源甲科").name, make_unit("建议来源乙科").name
		make_user(OFFICER, roles=("Perf Finance Officer",))
		make_user(FINANCE_HEAD, roles=("Perf Finance Head", "Perf Finance Officer"))
		make_user(USER_A, unit=self.unit_a)
		accepted_evaluation(self.unit_a, "SA-1", "Good", 85, 100)
		make_rectification(self.unit_a, YEAR, {"project_code": "SA-1", "status": "In Progress"})
		make_rectification(
			self.unit_a, YEAR, {"project_code": "SA-1", "status": "Completed", "review_result": "Rectified"}
		)
		fair = accepted_evaluation(self.unit_a, "SA-2", "Fair", 70, 50)
		make_rectification(self.unit_a, YEAR, {"project_code": "SA-2", "status": "In Progress"})
		poor = accepted_evaluation(self.unit_a, "SA-3", "Poor", 40, 10)
		accepted_evaluation(self.unit_b, "SA-4", "Excellent", 95, 60)
		make_rectification(self.unit_b, YEAR, {"project_code": "SA-9", "status": "Overdue"})
		accepted_evaluation(self.unit_b, "SA-5", "Good", 80, 30, accepted=False)
		frappe.set_user(FINANCE_HEAD)
		advice(fair, "Cut Budget", 50, "连续两年未完成产出指标").submit()
		advice(poor, "Cut Budget", 60, "项目仍需保留")  # a draft: not confirmed
		frappe.set_user(OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = self.lang
		frappe.db.rollback()
		clear_rules_cache()

	def sheet(self, accepted_only: int = 1) -> list[list]:
		"""The 结果应用建议 sheet of the export: its header, then its rows."""
		frappe.local.response = frappe._dict()
		export_department_summary(YEAR, accepted_only)
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		sheet = book["结果应用建议"]
		rows = [[cell.value for cell in line] for line in sheet.iter_rows()]
		self.assertEqual(rows[0][0], "绩效评价结果应用建议")
		self.assertTrue(rows[1][0].startswith("来源：“已确认”为财务科负责人已确认的安排"), rows[1][0])
		self.assertEqual(rows[2], HEADER)
		return rows[3:]

	def report_as_sheet(self) -> list[list]:
		"""The Budget Advice report as a Chinese desk shows it, in the sheet's
		columns: the decided advice where confirmed, else the recommended."""
		frappe.local.lang = "zh"
		try:
			_columns, rows, *_rest = budget_advice_report({"performance_year": YEAR})
		finally:
			frappe.local.lang = self.lang
		shown = []
		for row in sorted(rows, key=lambda row: row["total_score"], reverse=True):
			kind = "decided" if row["confirmed"] else "recommended"
			shown.append(
				[
					row["project_code"],
					row["project_name"],
					row["budget_unit"],
					row["total_score"],
					row["grade"],
					row["basis"],
					row["unresolved_rectifications"],
					row[f"{kind}_action"],
					row[f"{kind}_cut_percent"],
					"已确认" if row["confirmed"] else "建议",
				]
			)
		return shown

	def test_the_sheet_says_what_the_budget_advice_report_says(self):
		a, b = self.unit_a, self.unit_b
		expected = [
			["SA-4", "项目SA-4", b, 95, "优", "自评 95.00", 0, "优先安排", 0, "建议"],
			# Good alone would be 按需安排 0: the open rectification cuts 15 %
			["SA-1", "项目SA-1", a, 85, "良", "自评 85.00", 1, "调减预算", 15, "建议"],
			# recommended 调减预算 20 + 15 = 35; the finance head confirmed 50
			["SA-2", "项目SA-2", a, 70, "中", "自评 70.00", 1, "调减预算", 50, "已确认"],
			# the draft decision (调减预算 60) is not confirmed: the recommendation stands
			["SA-3", "项目SA-3", a, 40, "差", "自评 40.00", 0, "取消或暂停", 100, "建议"],
		]
		self.assertEqual(self.sheet(), expected)
		self.assertEqual(self.report_as_sheet(), expected)
		frappe.local.lang = "zh"
		report = {row["project_code"]: row for row in budget_advice_report({"performance_year": YEAR})[1]}
		self.assertEqual(
			[
				report["SA-2"][key]
				for key in ("recommended_action", "recommended_cut_percent", "is_overridden")
			],
			["调减预算", 35, 1],
		)
		self.assertEqual((report["SA-3"]["decided_action"], report["SA-3"]["confirmed"]), ("调减预算", 0))

	def test_a_unit_sees_its_own_projects_in_both(self):
		frappe.set_user(USER_A)
		self.assertEqual([row[0] for row in self.sheet()], ["SA-1", "SA-2", "SA-3"])
		self.assertEqual(self.sheet(), self.report_as_sheet())

	def test_evaluations_not_yet_accepted_get_the_recommendation(self):
		frappe.set_user("Administrator")
		# opened, not scored yet: listed without advice (the export once stopped at it)
		accepted_evaluation(self.unit_b, "SA-6", None, 0, 0, accepted=False)
		frappe.set_user(OFFICER)
		rows = self.sheet(accepted_only=0)
		self.assertEqual([row[0] for row in rows], ["SA-4", "SA-1", "SA-5", "SA-2", "SA-3", "SA-6"])
		self.assertEqual(
			rows[2], ["SA-5", "项目SA-5", self.unit_b, 80, "良", "自评 80.00", 0, "按需安排", 0, "建议"]
		)
		self.assertEqual(rows[5], ["SA-6", "项目SA-6", self.unit_b, 0, None, None, 0, None, None, "建议"])
