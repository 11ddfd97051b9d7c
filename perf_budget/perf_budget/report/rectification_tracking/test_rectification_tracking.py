# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from perf_budget.perf_budget.report.rectification_tracking.rectification_tracking import execute
from perf_budget.tests import factories
from perf_budget.tests.factories import committed, make_unit, make_user, make_year, remove_committed

YEAR = "2081"
USER_A, OFFICER = "rt.a@perf.test", "rt.officer@perf.test"


def make_rectification(unit: str, state: str, status: str, due_in: int, sent_days_ago=None, **values):
	"""A rectification put straight into a state (the chain itself is tested elsewhere)."""
	today = getdate(nowdate())
	problem = values.pop("problem", "培训合格率未达标\n第二行说明")
	stored = {
		"workflow_state": state,
		"status": status,
		"notice_date": add_days(today, -sent_days_ago) if sent_days_ago is not None else None,
		**values,
	}
	return factories.make_rectification(
		unit,
		YEAR,
		stored,
		problem=problem,
		requirement="限期整改",
		due_date=add_days(today, due_in),
		# found before it was due (a due date cannot come before the finding)
		result_date=add_days(today, min(0, due_in - 30)),
	).name


class TestRectificationTracking(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			cls.unit_a = make_unit("整改跟踪甲科").name
			cls.unit_b = make_unit("整改跟踪乙科").name
			make_user(USER_A, unit=cls.unit_a)
			make_user(OFFICER, roles=("Perf Finance Officer",))
			cls.overdue = make_rectification(
				cls.unit_a, "Sent to Unit", "Overdue", due_in=-3, sent_days_ago=10
			)
			cls.open = make_rectification(
				cls.unit_a, "Sent to Unit", "In Progress", due_in=20, sent_days_ago=5
			)
			cls.completed = make_rectification(
				cls.unit_b, "Accepted", "Completed", due_in=5, sent_days_ago=30, docstatus=1
			)
			cls.not_sent = make_rectification(cls.unit_b, "Draft", "Not Sent", due_in=30)
			cls.cancelled = make_rectification(
				cls.unit_b, "Draft", "Cancelled", due_in=30, sent_days_ago=2, docstatus=2
			)

		# made once and committed: the tests only read them
		committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER_A, OFFICER), units=(cls.unit_a, cls.unit_b), years=(YEAR,), records=("Rectification",)
		)
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def rows(self, **filters):
		columns, rows, _message, chart, summary = execute({"performance_year": YEAR, **filters})
		self.columns, self.chart, self.summary = columns, chart, summary
		return rows

	def test_every_rectification_with_its_age_and_days_overdue(self):
		rows = self.rows()
		self.assertEqual(
			[row["name"] for row in rows], [self.overdue, self.open, self.not_sent, self.completed]
		)  # overdue first, then open, then done; cancelled ones are left out
		by_name = {row["name"]: row for row in rows}
		overdue = by_name[self.overdue]
		self.assertEqual((overdue["age_days"], overdue["days_overdue"]), (10, 3))
		self.assertEqual(overdue["status"], frappe._("Overdue"))
		self.assertEqual(overdue["problem"], "培训合格率未达标")  # first line only
		self.assertEqual(overdue["source_type"], "测试来源")
		self.assertEqual((by_name[self.open]["age_days"], by_name[self.open]["days_overdue"]), (5, None))
		self.assertEqual(by_name[self.not_sent]["age_days"], 0)  # not sent: counted from creation
		self.assertIsNone(by_name[self.not_sent]["notice_date"])
		self.assertEqual(
			[column["fieldname"] for column in self.columns],
			[
				"name",
				"budget_unit",
				"project_code",
				"project_name",
				"source_type",
				"source_name",
				"problem",
				"notice_date",
				"due_date",
				"status",
				"workflow_state",
				"age_days",
				"days_overdue",
			],
		)

	def test_summary_and_chart_count_open_overdue_and_completed(self):
		self.rows()
		self.assertEqual(
			[(item["label"], item["value"]) for item in self.summary],
			[(frappe._("Open, Not Overdue"), 2), (frappe._("Overdue"), 1), (frappe._("Completed"), 1)],
		)
		data = self.chart["data"]
		self.assertEqual(data["labels"], sorted([self.unit_a, self.unit_b]))
		counts = {
			unit: (data["datasets"][0]["values"][i], data["datasets"][1]["values"][i])
			for i, unit in enumerate(data["labels"])
		}
		self.assertEqual(counts, {self.unit_a: (1, 1), self.unit_b: (1, 0)})

	def test_filters(self):
		self.assertEqual(
			{row["name"] for row in self.rows(only_open=1)}, {self.overdue, self.open, self.not_sent}
		)
		self.assertEqual([row["name"] for row in self.rows(status="Overdue")], [self.overdue])
		self.assertEqual([row["name"] for row in self.rows(status="Cancelled")], [self.cancelled])
		self.assertEqual(
			{row["name"] for row in self.rows(budget_unit=self.unit_b)}, {self.completed, self.not_sent}
		)

	def test_a_unit_user_sees_only_their_units_rectifications(self):
		frappe.set_user(USER_A)
		self.assertEqual({row["name"] for row in self.rows()}, {self.overdue, self.open})
		self.assertEqual({row["budget_unit"] for row in self.rows()}, {self.unit_a})
