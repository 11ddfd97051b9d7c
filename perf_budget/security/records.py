"""The unit rule for everything that belongs to, or points at, a unit record.

* Child rows (indicators, experts, participants, commitments, unit members)
  are read through lists and REST as rows of their own; they are visible only
  where their record is.
* Frappe's generic DocTypes that point at a record by (DocType, name) —
  versions, comments, files, shares, assignments, tags, workflow actions,
  follows, likes, view and activity logs — show a unit user only what points
  at a record they can read (and nothing of records their role cannot read
  at all, such as accountability referrals).

Both are ``permission_query_conditions`` (lists, counts, reports, search) and
``has_permission`` hooks (forms, REST, downloads). The hooks only ever deny:
for Frappe's own DocTypes they return None when the unit rule has nothing to
say, so Frappe's own checks still decide.
"""

import frappe

from perf_budget.doctypes import BOUND, CHILD_DOCTYPES, FINANCE_CHAINED_DOCTYPES, POINTERS, UNIT_DOCTYPES
from perf_budget.permissions import UNIT_FIELD, allowed_units, query_conditions


def can(doctype: str, ptype: str = "read", doc=None, user: str | None = None) -> bool:
	"""``frappe.has_permission`` without adding to the refusal Frappe shows for
	an outer check: that message would name the record this one looked at."""
	logs = frappe.flags.get("has_permission_check_logs")
	kept = list(logs) if logs is not None else None
	try:
		return bool(frappe.has_permission(doctype, ptype, doc=doc, user=user))
	finally:
		if logs is not None:
			logs[:] = kept  # Frappe appends to the outer check's list in place


def readable_record_sql(doctype: str, user: str | None) -> str | None:
	"""SQL for the names of ``doctype`` records ``user`` may read; None when the
	role cannot read the DocType at all."""
	if not can(doctype, "read", user=user):
		return None
	condition = query_conditions(user, doctype) or "1=1"
	return f"select `name` from `tab{doctype}` where {condition}"


def child_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child DocType: only those whose record the user can read."""
	if allowed_units(user) is None:
		return ""
	branches = []
	for parent in CHILD_DOCTYPES[doctype]:
		names = readable_record_sql(parent, user)
		if names:
			branches.append(
				f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in ({names}))"
			)
	return "(" + " or ".join(branches) + ")" if branches else "1=0"


def pointer_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a pointer DocType: unit records only where the user can read them."""
	if allowed_units(user) is None:
		return ""
	dt_col, name_col = POINTERS[doctype]
	table = f"`tab{doctype}`"
	bound = ", ".join(frappe.db.escape(d) for d in (*BOUND, *CHILD_DOCTYPES))
	branches = [f"ifnull({table}.`{dt_col}`, '') not in ({bound})"]
	for target in BOUND:
		names = readable_record_sql(target, user)
		if names:
			branches.append(
				f"({table}.`{dt_col}` = {frappe.db.escape(target)} and {table}.`{name_col}` in ({names}))"
			)
	return "(" + " or ".join(branches) + ")"


def record_readable(doctype: str | None, name: str | None, user: str | None = None) -> bool | None:
	"""False when (doctype, name) is a unit record ``user`` may not read; None
	when the unit rule does not apply."""
	if not doctype or allowed_units(user) is None:
		return None
	if doctype in POINTERS and name:
		# a comment, assignment, file … of a unit record stands for that record
		ref = frappe.db.get_value(doctype, name, list(POINTERS[doctype]))
		if not ref or not ref[0] or not ref[1]:
			return None
		doctype, name = ref
	if doctype in CHILD_DOCTYPES:
		row = frappe.db.get_value(doctype, name, ["parenttype", "parent"], as_dict=True)
		if not row:
			return False
		doctype, name = row.parenttype, row.parent
	if doctype in FINANCE_CHAINED_DOCTYPES:
		return False  # finance's own records (the written reports): no unit user reads them
	if doctype not in BOUND:
		return None
	if not name or not frappe.db.exists(doctype, name):
		return False
	return can(doctype, "read", doc=name, user=user)


def child_permission(doc, ptype=None, user=None, **kwargs) -> bool | None:
	if doc.is_new() and not doc.get("parent"):
		return None
	return record_readable(doc.get("parenttype"), doc.get("parent"), user)


def pointer_permission(doc, ptype=None, user=None, **kwargs) -> bool | None:
	dt_col, name_col = POINTERS[doc.doctype]
	if record_readable(doc.get(dt_col), doc.get(name_col), user) is False:
		return False
	return None


def unit_of(doctype: str, name: str) -> str | None:
	if doctype == "Budget Unit":
		return name
	if doctype in UNIT_DOCTYPES:
		return frappe.db.get_value(doctype, name, UNIT_FIELD)
	return None
