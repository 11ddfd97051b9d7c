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

	def test_a_member_of_the_bureau_reaches_the_bureau_not_every_unit(self):
		from perf_budget.permissions import allowed_units

		make_user("member.four@perf.test")
		self.bureau.reload()  # the section below it moved its tree numbers
		self.bureau.append("members", {"user": "member.four@perf.test", "role": "Perf Unit Head"})
		self.bureau.save()
		self.assertEqual(allowed_units("member.four@perf.test"), [self.bureau.name])
		self.assertFalse(frappe.has_permission("Budget Unit", doc=self.section, user="member.four@perf.test"))

	def test_a_member_of_a_group_below_the_bureau_reaches_its_units(self):
		from perf_budget.permissions import allowed_units

		group = make_unit("城管中心", parent=self.bureau.name, is_group=1)
		station = make_unit("执法一队", parent=group.name)
		make_user("member.five@perf.test")
		group.reload()
		group.append("members", {"user": "member.five@perf.test", "role": "Perf Unit Head"})
		group.save()
		self.assertEqual(allowed_units("member.five@perf.test"), sorted([group.name, station.name]))

	def test_a_person_is_listed_once(self):
		make_user("member.three@perf.test")
		for role in UNIT_ROLES:
			self.section.append("members", {"user": "member.three@perf.test", "role": role})
		self.assertRaises(frappe.ValidationError, self.section.save)
