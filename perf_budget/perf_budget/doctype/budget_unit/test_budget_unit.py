# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.roles import UNIT_ROLES
from perf_budget.tests.factories import make_unit, make_user


class TestBudgetUnit(FrappeTestCase):
	def setUp(self):
		self.bureau = make_unit("局", unit_type="Bureau", is_group=1)
		self.section = make_unit("规划科", parent=self.bureau.name)

	def test_units_form_a_tree_under_the_bureau(self):
		self.bureau.reload()
		self.section.reload()
		self.assertTrue(self.bureau.lft < self.section.lft < self.section.rgt < self.bureau.rgt)

	def test_adding_a_member_grants_role_and_unit(self):
		make_user("member.one@perf.test")
		self.section.append("members", {"user": "member.one@perf.test", "role": "Perf Unit Head"})
		self.section.save()
		self.assertIn("Perf Unit Head", frappe.get_roles("member.one@perf.test"))
		self.assertTrue(
			frappe.db.exists(
				"User Permission",
				{"user": "member.one@perf.test", "allow": "Budget Unit", "for_value": self.section.name},
			)
		)

	def test_removing_a_member_takes_the_unit_away(self):
		make_user("member.two@perf.test", unit=self.section.name)
		self.section.reload()
		self.section.members = []
		self.section.save()
		self.assertFalse(
			frappe.db.exists(
				"User Permission", {"user": "member.two@perf.test", "for_value": self.section.name}
			)
		)

	def test_a_person_is_listed_once(self):
		make_user("member.three@perf.test")
		for role in UNIT_ROLES:
			self.section.append("members", {"user": "member.three@perf.test", "role": role})
		self.assertRaises(frappe.ValidationError, self.section.save)
