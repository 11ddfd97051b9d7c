# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.report.submission_completeness.submission_completeness import (
	execute,
	round_months,
)
from perf_budget.rounds import create_records
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_rectification,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2085"
USER_A, OFFICER = "sc.a@perf.test", "sc.officer@perf.test"


def goal(unit: str, code: str, confirmed=True) -> str:
	name = make_goal(unit, year=YEAR, project_code=code).name
	if confirmed:
		frappe.db.set_value(
			"Performance Goal", name, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
		)
	return name


def records(doctype: str, goals: list[str], **values) -> list[str]:
	return create_records(doctype, goals, values)


def move(doctype: str, name: str, state: str, docstatus: int = 0) -> None:
	frappe.db.set_value(doctype, name, {"workflow_state": state, "docstatus": docstatus})


def rectification(unit: str, state: str, docstatus: int = 0) -> str:
	return make_rectification(unit, YEAR, {"workflow_state": state, "docstatus": docstatus}).name


class TestSubmissionCompleteness(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			year = make_year(YEAR)
			year.append("monitoring_rounds", {"period_end_month": 7, "deadline": f"{YEAR}-08-15"})
			december = {"period_end_month": 12, "deadline": f"{YEAR}-12-31"}  # not opened
			year.append("monitoring_rounds", december)
			year.save()
			make_user(OFFICER, roles=("Perf Finance Officer",))
			group = make_unit("报送组", is_group=1).name
			unit_a = make_unit("报送甲科", parent=group).name
			unit_b = make_unit("报送乙中心", parent=group, unit_type="Subordinate Unit").name
			unit_c = make_unit("报送丙科", parent=group).name  # nothing filed, nothing due
			finance = make_unit("报送财务科", parent=group, unit_type="Finance Section").name
			make_user(USER_A, unit=unit_a)
			# unit A: 2 goals confirmed, 1 still a draft; monitoring 1 of 2 at finance;
			# no self-evaluation at finance; rectification reports 1 of 2 delivered
			a1, a2 = goal(unit_a, "SC-A1"), goal(unit_a, "SC-A2")
			goal(unit_a, "SC-A3", confirmed=False)
			m1, _m2 = records("Performance Monitoring", [a1, a2], period_end_month=7)
			move("Performance Monitoring", m1, "Finance Review")
			records("Performance Evaluation", [a1, a2])  # opened, still with the unit
			rectification(unit_a, "Sent to Unit")
			rectification(unit_a, "Finance Review")
			rectification(unit_a, "Draft")  # not sent yet: not due
			# unit B: everything delivered, no rectification
			b1 = goal(unit_b, "SC-B1")
			(mb,) = records("Performance Monitoring", [b1], period_end_month=7)
			move("Performance Monitoring", mb, "Accepted", 1)
			(eb,) = records("Performance Evaluation", [b1])
			move("Performance Evaluation", eb, "Forwarded", 1)
			return unit_a, unit_b, unit_c, finance, group

		# made once and committed: the tests only read them
		cls.unit_a, cls.unit_b, cls.unit_c, cls.finance, cls.group = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		units = (cls.unit_a, cls.unit_b, cls.unit_c, cls.finance, cls.group)  # the group last
		remove_committed(users=(OFFICER, USER_A), units=units, years=(YEAR,), records=("Rectification",))
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def report(self, **filters):
		columns, rows, _message, chart, summary = execute(
			{"performance_year": YEAR, "budget_unit": self.group, **filters}
		)
		self.columns, self.chart, self.summary = columns, chart, summary
		return {row["budget_unit"]: row for row in rows}

	def test_one_row_per_filing_unit_with_a_column_per_stage_and_round(self):
		rows = self.report()
		self.assertEqual(list(rows), [self.unit_a, self.unit_b, self.unit_c])  # no group, no finance section
		self.assertEqual(
			[column["fieldname"] for column in self.columns],
			["budget_unit", "goals", "round_7", "round_12", "evaluation", "rectification", "complete"],
		)

	def test_a_round_not_opened_and_not_past_its_deadline_is_not_due(self):
		rows = self.report()
		self.assertEqual({row["round_12"] for row in rows.values()}, {"—"})
		self.assertEqual(rows[self.unit_b]["complete"], 1)
		months, due = round_months(YEAR, today=f"{int(YEAR) + 1}-01-05")
		self.assertEqual((months, "round_12" in due), ([7, 12], True))  # past its deadline: due

	def test_missing_is_shown_as_missing_never_as_zero(self):
		a = self.report()[self.unit_a]
		self.assertEqual(a["goals"], _("{0} / {1} · Missing {2}").format(2, 3, 1))
		self.assertEqual(a["round_7"], _("{0} / {1} · Missing {2}").format(1, 2, 1))
		self.assertEqual(a["evaluation"], _("Not filed · Missing {0}").format(2))
		self.assertEqual(a["rectification"], _("{0} / {1} · Missing {2}").format(1, 2, 1))
		self.assertEqual(a["complete"], 0)
		self.assertNotIn("0", a["evaluation"])  # nothing filed reads "Not filed", not 0

	def test_complete_unit_and_nothing_due(self):
		rows = self.report()
		b, c = rows[self.unit_b], rows[self.unit_c]
		self.assertEqual(
			(b["goals"], b["round_7"], b["evaluation"], b["rectification"], b["complete"]),
			("1 / 1", "1 / 1", "1 / 1", "—", 1),
		)
		self.assertEqual({c[key] for key in ("goals", "round_7", "evaluation", "rectification")}, {"—"})

	def test_chart_and_summary_count_what_is_missing(self):
		self.report()
		chart = dict(
			zip(self.chart["data"]["labels"], self.chart["data"]["datasets"][0]["values"], strict=True)
		)
		self.assertEqual(chart[_("Goals")], 1)
		self.assertEqual(chart[_("Self-Evaluation")], 2)
		self.assertEqual([item["value"] for item in self.summary], [2, 1, 5])

	def test_a_unit_user_sees_only_their_unit(self):
		frappe.set_user(USER_A)
		self.assertEqual(list(self.report()), [self.unit_a])
		self.assertEqual(list(self.report(budget_unit=None)), [self.unit_a])
