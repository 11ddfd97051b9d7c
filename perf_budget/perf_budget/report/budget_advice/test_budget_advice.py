# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.report.budget_advice.budget_advice import execute
from perf_budget.rounds import create_records
from perf_budget.rules.advice import budget_advice, suggested_next_amount
from perf_budget.settings import get_rules
from perf_budget.tests import factories
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR, NEXT_YEAR = "2083", "2084"
USER_A, OFFICER = "ba.a@perf.test", "ba.officer@perf.test"


def confirmed_goal(unit: str, code: str, year: str = YEAR) -> str:
	name = make_goal(unit, year=year, project_code=code).name
	frappe.db.set_value(
		"Performance Goal", name, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
	)
	return name


def accepted_evaluation(goal: str, grade: str, score: float, budget: float, accepted=True) -> str:
	(name,) = create_records("Performance Evaluation", [goal])
	values = {"grade": grade, "total_score": score, "annual_budget": budget}
	if accepted:
		values.update(docstatus=1, workflow_state="Accepted")
	frappe.db.set_value("Performance Evaluation", name, values)
	return name


def make_rectification(unit: str, code: str, status: str, review_result=None) -> str:
	stored = {"project_code": code, "status": status, "review_result": review_result}
	return factories.make_rectification(unit, YEAR, stored).name


class TestBudgetAdviceReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			make_year(NEXT_YEAR)
			make_user(OFFICER, roles=("Perf Finance Officer",))
			cls.unit_a = make_unit("预算建议甲科").name
			cls.unit_b = make_unit("预算建议乙科").name
			make_user(USER_A, unit=cls.unit_a)
			# BA-1: Good, with a confirmed advice; next year filed for 120
			cls.good = accepted_evaluation(confirmed_goal(cls.unit_a, "BA-1"), "Good", 85, 100)
			cls.advice = frappe.get_doc({"doctype": "Budget Advice", "performance_evaluation": cls.good})
			cls.advice.insert().submit()
			make_goal(cls.unit_a, year=NEXT_YEAR, project_code="BA-1", fiscal_amount=90, other_amount=30)
			# BA-2: Fair, no advice yet, one rectification still open (one done does not count)
			cls.fair = accepted_evaluation(confirmed_goal(cls.unit_a, "BA-2"), "Fair", 70, 50)
			make_rectification(cls.unit_a, "BA-2", "In Progress")
			make_rectification(cls.unit_a, "BA-2", "Completed", "Rectified")
			make_rectification(cls.unit_a, "BA-9", "Overdue")  # another project
			# BA-3: not accepted yet, so not on the report
			accepted_evaluation(confirmed_goal(cls.unit_a, "BA-3"), "Poor", 40, 10, accepted=False)
			# BA-4: unit B, Excellent, next year's goal confirmed for 66
			cls.excellent = accepted_evaluation(confirmed_goal(cls.unit_b, "BA-4"), "Excellent", 95, 60)
			confirmed_goal(cls.unit_b, "BA-4", year=NEXT_YEAR)
			frappe.db.set_value(
				"Performance Goal",
				{"project_code": "BA-4", "performance_year": NEXT_YEAR},
				{"total_amount": 66},
			)

		# made once and committed: each test rolls back what it adds
		committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(OFFICER, USER_A),
			units=(cls.unit_a, cls.unit_b),
			years=(YEAR, NEXT_YEAR),
			records=("Budget Advice", "Rectification"),
		)
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def report(self, **filters):
		columns, rows, _message, chart, summary = execute({"performance_year": YEAR, **filters})
		self.columns, self.chart, self.summary = columns, chart, summary
		return {row["performance_evaluation"]: row for row in rows}

	def test_one_row_per_accepted_evaluation_with_its_advice_and_next_years_request(self):
		rows = self.report()
		self.assertEqual(set(rows), {self.good, self.fair, self.excellent})
		good = rows[self.good]
		self.assertEqual(good["budget_advice"], self.advice.name)
		self.assertEqual((good["confirmed"], good["is_overridden"]), (1, 0))
		self.assertEqual(good["decided_action"], frappe._("Fund as Needed"))
		self.assertEqual((good["current_amount"], good["advised_amount"]), (100, 100))
		self.assertEqual(good["requested_amount"], 120)  # next year's goal, still being filed
		self.assertEqual(rows[self.excellent]["requested_amount"], 66)  # confirmed next year
		self.assertIsNone(rows[self.fair]["requested_amount"])  # nothing filed: empty, not 0
		self.assertEqual(
			[column["fieldname"] for column in self.columns],
			[
				"performance_evaluation",
				"project_code",
				"project_name",
				"budget_unit",
				"total_score",
				"grade",
				"basis",
				"unresolved_rectifications",
				"recommended_action",
				"recommended_cut_percent",
				"decided_action",
				"decided_cut_percent",
				"current_amount",
				"advised_amount",
				"requested_amount",
				"next_year_goal",
				"budget_advice",
				"confirmed",
				"is_overridden",
			],
		)

	def test_advice_is_computed_for_an_evaluation_without_an_advice_record(self):
		fair = self.report()[self.fair]
		expected = budget_advice("Fair", True, get_rules())  # one rectification still open
		self.assertIsNone(fair["budget_advice"])
		self.assertEqual(fair["unresolved_rectifications"], 1)
		self.assertEqual(fair["recommended_action"], frappe._(expected.action))
		self.assertEqual(fair["recommended_cut_percent"], expected.cut_percent)
		self.assertEqual(fair["advised_amount"], suggested_next_amount(50, expected))
		self.assertEqual((fair["decided_action"], fair["confirmed"]), ("", 0))
		excellent = self.report()[self.excellent]
		self.assertEqual(
			(excellent["recommended_action"], excellent["advised_amount"]),
			(frappe._("Fund with Priority"), 60),
		)

	def test_chart_summary_and_action_filter(self):
		self.report()
		chart = dict(
			zip(self.chart["data"]["labels"], self.chart["data"]["datasets"][0]["values"], strict=True)
		)
		self.assertEqual(chart[frappe._("Fund as Needed")], 1)
		self.assertEqual(chart[frappe._("Cut Budget")], 1)
		self.assertEqual(chart[frappe._("Fund with Priority")], 1)
		self.assertEqual(self.summary[0]["value"], 1)  # confirmed
		self.assertEqual(self.summary[1]["value"], 2)  # awaiting confirmation
		self.assertEqual(set(self.report(action="Cut Budget")), {self.fair})
		self.assertEqual(set(self.report(budget_unit=self.unit_b)), {self.excellent})

	def test_a_unit_user_sees_only_their_units_projects(self):
		frappe.set_user(USER_A)
		self.assertEqual(set(self.report()), {self.good, self.fair})

	def test_next_years_request_is_the_same_units_project(self):
		"""Unit A filing next year's goal under B's project code BA-4 (for 999)
		is not B's request, and B's row keeps its own 66; rectifications of the
		same code in another unit do not count against B either."""
		frappe.set_user("Administrator")
		make_goal(self.unit_a, year=NEXT_YEAR, project_code="BA-4", fiscal_amount=999, other_amount=0)
		make_rectification(self.unit_a, "BA-4", "Overdue")
		frappe.set_user(OFFICER)
		row = self.report()[self.excellent]
		self.assertEqual((row["requested_amount"], row["unresolved_rectifications"]), (66, 0))
		self.assertEqual(
			frappe.db.get_value("Performance Goal", row["next_year_goal"], "budget_unit"), self.unit_b
		)
