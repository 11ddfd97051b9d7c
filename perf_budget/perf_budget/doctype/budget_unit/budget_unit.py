# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from perf_budget.roles import UNIT_ROLES, UNIT_USER


class BudgetUnit(NestedSet):
	nsm_parent_field = "parent_budget_unit"

	def validate(self):
		self.validate_members()

	def on_update(self):
		super().on_update()
		self.sync_member_access()

	def on_trash(self):
		super().on_trash(allow_root_deletion=True)
		for perm in self.member_permissions():
			frappe.delete_doc("User Permission", perm.name, ignore_permissions=True)

	def validate_members(self):
		seen = set()
		for row in self.members:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice; keep one row per person.").format(row.idx, row.user)
				)
			seen.add(row.user)
			if row.user in ("Administrator", "Guest"):
				frappe.throw(_("Row {0}: {1} cannot be a unit member.").format(row.idx, row.user))

	def member_permissions(self):
		return frappe.get_all(
			"User Permission",
			filters={"allow": "Budget Unit", "for_value": self.name},
			fields=["name", "user"],
		)

	def sync_member_access(self):
		"""Members get their role and a User Permission on this unit; removed
		members lose the unit (their role stays if they belong to another unit)."""
		members = {row.user: row.role for row in self.members}
		for perm in self.member_permissions():
			if perm.user not in members:
				frappe.delete_doc("User Permission", perm.name, ignore_permissions=True)
		for user, role in members.items():
			add_unit_member(self.name, user, role, from_unit_form=True)


def add_unit_member(unit: str, user: str, role: str = UNIT_USER, from_unit_form: bool = False) -> None:
	"""Put ``user`` into ``unit`` with ``role`` (idempotent). A member of the root
	unit (the bureau) files the bureau's own records, such as its department-wide
	goal: Frappe's User Permission on a tree would also open every unit below it,
	and let the bureau's unit head approve any unit's goal, so the root is granted
	without its descendants."""
	if role not in UNIT_ROLES:
		frappe.throw(
			_("A unit member's role must be one of: {0}").format(", ".join(_(r) for r in UNIT_ROLES))
		)
	user_doc = frappe.get_doc("User", user)
	if role not in {r.role for r in user_doc.roles}:
		user_doc.flags.ignore_permissions = True
		user_doc.add_roles(role)
	if not frappe.db.exists("User Permission", {"user": user, "allow": "Budget Unit", "for_value": unit}):
		# the first unit is the user's default: new records fill it in by themselves
		has_default = frappe.db.exists(
			"User Permission", {"user": user, "allow": "Budget Unit", "is_default": 1}
		)
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "Budget Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
				"is_default": 0 if has_default else 1,
				"hide_descendants": 0
				if frappe.db.get_value("Budget Unit", unit, "parent_budget_unit")
				else 1,
			}
		).insert(ignore_permissions=True)
	if not from_unit_form:
		unit_doc = frappe.get_doc("Budget Unit", unit)
		if user not in {row.user for row in unit_doc.members}:
			unit_doc.append("members", {"user": user, "role": role})
			unit_doc.save(ignore_permissions=True)
