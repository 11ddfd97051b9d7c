"""Unit isolation (SPEC §1): a unit user sees and changes only their unit's records.

Frappe User Permissions on ``Budget Unit`` restrict lists, forms, link search
and reports of every DocType with a ``budget_unit`` link. Two doors stay open
with User Permissions alone, and these hooks close them:

* a user with a unit role but no unit assigned would see *every* unit;
* Script Reports and whitelisted methods run their own queries.

Everything reads ``allowed_units``, so the rule lives in one place.
"""

import frappe

from perf_budget.doctypes import SUBMITTED_ONLY_FOR_UNITS
from perf_budget.roles import ALL_UNITS_ROLES

UNIT_FIELD = "budget_unit"


def sees_all_units(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(ALL_UNITS_ROLES.intersection(frappe.get_roles(user)))


def allowed_units(user: str | None = None) -> list[str] | None:
	"""The Budget Units ``user`` may see, descendants included; None means all."""
	user = user or frappe.session.user
	if sees_all_units(user):
		return None
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	return sorted({perm.doc for perm in get_user_permissions(user).get("Budget Unit", [])})


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	units = allowed_units(user)
	if units is None:
		return ""
	if not units:
		return "1=0"
	field = "name" if doctype == "Budget Unit" else UNIT_FIELD
	values = ", ".join(frappe.db.escape(unit) for unit in units)
	condition = f"`tab{doctype}`.`{field}` in ({values})"
	if doctype in SUBMITTED_ONLY_FOR_UNITS:
		condition += f" and `tab{doctype}`.`docstatus` = 1"
	return condition


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""The record's unit must be one of the user's — both the unit it has in
	the database and the one a request is about to give it (Frappe judges the
	edited document, so checking only the new value would let a request move
	another unit's record into one's own)."""
	units = allowed_units(user)
	if units is None:
		return None
	unit = doc.name if doc.doctype == "Budget Unit" else doc.get(UNIT_FIELD)
	if not unit and doc.is_new():
		return None  # being created; validate() requires the unit
	if unit not in units:
		return False
	if doc.doctype in SUBMITTED_ONLY_FOR_UNITS and doc.docstatus != 1:
		return False
	if doc.doctype != "Budget Unit" and not doc.is_new() and doc.name:
		stored = frappe.db.get_value(doc.doctype, doc.name, UNIT_FIELD)
		if stored is not None and stored not in units:
			return False
	return True


def assert_unit_access(unit: str, user: str | None = None) -> None:
	"""For whitelisted methods and exports that take a unit as argument."""
	units = allowed_units(user)
	if units is not None and unit not in units:
		frappe.throw(
			frappe._("You can only work with your own unit's records, not those of {0}.").format(unit),
			frappe.PermissionError,
		)


def restrict_to_units(query, table, user: str | None = None):
	"""A frappe.qb query limited to the rows of the units ``user`` may see
	(Script Reports and exports build their own queries)."""
	units = allowed_units(user)
	if units is None:
		return query
	return query.where(table[UNIT_FIELD].isin(units or [""]))


def require_roles(roles) -> None:
	"""Like ``frappe.only_for``, which tests skip; this one holds in tests too."""
	if frappe.session.user == "Administrator" or set(roles).intersection(frappe.get_roles()):
		return
	frappe.throw(
		frappe._("Only {0} may do this.").format(", ".join(frappe._(role) for role in roles)),
		frappe.PermissionError,
	)
