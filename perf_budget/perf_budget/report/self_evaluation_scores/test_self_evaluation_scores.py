# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.report.self_evaluation_scores.self_evaluation_scores import execute
from perf_budget.rounds import create_records
from perf_budget.tests.factories import make_goal, make_unit, make_year

YEAR = "2088"
# project name, total score, output score, grade
SCORED = (
	("乙排名项目", 85, 40, "Good"),
	("丙排名项目", 70, 30, "Fair"),
	("甲排名项目", 90, 45, "Excellent"),
	("丁排名项目", 85, 41, "Good"),
)


class TestSelfEvaluationScores(FrappeTestCase):
	def setUp(self):
		make_year(YEAR)
		self.unit = make_unit("排名科").name
		goals = []
		for number, (project, *_scores) in enumerate(SCORED):
			name = make_goal(self.unit, year=YEAR, project_code=f"RK-{number}", project_name=project).name
			frappe.db.set_value(
				"Performance Goal", name, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
			)
			goals.append(name)
		for name, (_project, total, output, grade) in zip(
			create_records("Performance Evaluation", goals), SCORED, strict=True
		):
			frappe.db.set_value(
				"Performance Evaluation",
				name,
				{"total_score": total, "output_score": output, "grade": grade, "execution_rate": 50},
			)

	def tearDown(self):
		frappe.db.rollback()

	def test_ranking_shares_a_rank_between_equal_totals(self):
		_columns, rows, _message, chart, summary = execute({"performance_year": YEAR})
		self.assertEqual(
			[(r["rank"], r["project_name"], r["total_score"], r["grade"]) for r in rows],
			[
				(1, "甲排名项目", 90.0, _("Excellent")),
				# equal totals share rank 2, by project name in code point order (丁 before 乙)
				(2, "丁排名项目", 85.0, _("Good")),
				(2, "乙排名项目", 85.0, _("Good")),
				(4, "丙排名项目", 70.0, _("Fair")),
			],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 2, 1, 0])
		averages = {item["label"]: item["value"] for item in summary}
		self.assertEqual(averages[_("Average Total Score")], "82.50")
		self.assertEqual(averages[_("Output Score")], "39.00")

	def test_by_unit_the_database_averages(self):
		_columns, rows, _message, chart, summary = execute(
			{"performance_year": YEAR, "group_by": "Budget Unit"}
		)
		self.assertEqual(
			[
				(r["budget_unit"], r["projects"], r["total_score"], r["output_score"], r["execution_rate"])
				for r in rows
			],
			[(self.unit, 4, 82.5, 39.0, 50.0)],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 2, 1, 0])
		self.assertEqual(
			{item["label"]: item["value"] for item in summary}[_("Average Total Score")], "82.50"
		)
