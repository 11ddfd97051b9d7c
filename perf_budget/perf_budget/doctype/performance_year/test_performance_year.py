# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.tests.factories import make_goal, make_unit, make_year


class TestPerformanceYear(FrappeTestCase):
	def test_year_is_named_by_its_four_digits(self):
		year = make_year("2097")
		self.assertEqual(year.name, "2097")
		self.assertEqual(str(year.start_date), "2097-01-01")
		self.assertRaises(frappe.ValidationError, make_year, "97")

	def test_a_round_month_must_be_a_month(self):
		year = make_year("2096")
		year.append("monitoring_rounds", {"period_end_month": 13, "deadline": "2096-08-15"})
		self.assertRaises(frappe.ValidationError, year.save)

	def test_a_closed_year_rejects_changes_to_its_records(self):
		make_year("2095")
		unit = make_unit("闭年科")
		goal = make_goal(unit.name, year="2095")
		frappe.db.set_value("Performance Year", "2095", "status", "Closed")
		goal.annual_goal = "改一下"
		with self.assertRaisesRegex(frappe.ValidationError, "2095"):
			goal.save()
		self.assertRaises(frappe.ValidationError, make_goal, unit.name, year="2095", project_code="T-002")
		self.assertRaises(frappe.ValidationError, goal.delete)

	def test_a_closed_year_can_only_be_reopened(self):
		year = make_year("2094")
		year.status = "Closed"
		year.save()
		year.goal_deadline = "2094-01-31"
		self.assertRaises(frappe.ValidationError, year.save)
		year.reload()
		year.status = "Open"
		year.save()
		self.assertEqual(frappe.db.get_value("Performance Year", "2094", "status"), "Open")
