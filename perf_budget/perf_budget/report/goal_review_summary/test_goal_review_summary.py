# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.report.goal_review_summary.goal_review_summary import execute
from perf_budget.tests.factories import make_goal, make_unit, make_year

YEAR = "2086"


def goal(unit: str, code: str, stored: dict | None = None, **values) -> str:
	name = make_goal(unit, year=YEAR, project_code=code, **values).name
	if stored:
		frappe.db.set_value("Performance Goal", name, stored)
	return name


class TestGoalReviewSummary(FrappeTestCase):
	def setUp(self):
		make_year(YEAR)
		self.unit_a, self.unit_b = make_unit("汇总甲科").name, make_unit("汇总乙科").name
		confirmed = {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed", "review_rating": "Good"}
		goal(self.unit_a, "GR-A1", is_key_project=1)  # 80 + 20
		goal(self.unit_a, "GR-A2", fiscal_amount=30.25, other_amount=0)
		goal(self.unit_a, "GR-A3", confirmed)
		# a superseded version is history: not counted
		goal(self.unit_a, "GR-A4", {**confirmed, "is_current": 0})
		goal(self.unit_b, "GR-B1", {"review_rating": "Fair"}, fiscal_amount=12.5, other_amount=7.5)
		goal(self.unit_b, "GR-B2", is_key_project=1)

	def tearDown(self):
		frappe.db.rollback()

	def test_goals_counted_and_summed_per_unit_state_and_rating(self):
		_columns, rows, _message, chart = execute({"performance_year": YEAR})
		draft, done = _("Draft"), _("Confirmed")
		self.assertEqual(
			[
				(
					r["budget_unit"],
					r["workflow_state"],
					r["review_rating"],
					r["goals"],
					r["key_projects"],
					r["total_amount"],
					r["fiscal_amount"],
					r["other_amount"],
				)
				for r in rows
			],
			[
				# units, then states and ratings, in code point order (乙 before 甲)
				(self.unit_b, draft, "", 1, 1, 100.0, 80.0, 20.0),
				(self.unit_b, draft, _("Fair"), 1, 0, 20.0, 12.5, 7.5),
				(self.unit_a, done, _("Good"), 1, 0, 100.0, 80.0, 20.0),
				(self.unit_a, draft, "", 2, 1, 130.25, 110.25, 20.0),
			],
		)
		self.assertEqual(chart["data"]["labels"], sorted([draft, done]))
		self.assertEqual(
			dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True)),
			{draft: 4, done: 1},
		)

	def test_filters_narrow_the_groups(self):
		rows = execute({"performance_year": YEAR, "budget_unit": self.unit_a, "workflow_state": "Draft"})[1]
		self.assertEqual(
			[(r["budget_unit"], r["goals"], r["total_amount"]) for r in rows], [(self.unit_a, 2, 130.25)]
		)
		self.assertEqual(execute({"performance_year": "2000"})[1:], ([], None, None))
