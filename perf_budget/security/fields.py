"""Read-only and system fields cannot be set by a request.

Frappe treats *Read Only* as a desk matter: ``frappe.client.set_value`` or a
REST ``PUT`` may write any of them (``is_current``, ``previous_version``,
scores, the indicator targets an evaluation copies from its goal). On every
save by a user, a read-only field must keep its stored value, and on insert
a read-only *no-copy* field (set only by the server: version links,
``is_current``, ``amended_from``) must keep its default. Fields Frappe fetches
from a link (``fetch_from``) are set again by Frappe itself and are left to it.
Values the controllers compute are computed after this check, in ``validate``.
A change is refused with the field's name, never dropped silently.

Child rows are checked with their parent. A child row saved, inserted or
deleted on its own (``frappe.client.save`` of a row, ``POST
/api/resource/Goal Indicator``) is refused: rows change through their record.
"""

import frappe
from frappe import _
from frappe.model import numeric_fieldtypes, table_fields
from frappe.utils import cstr, flt

from perf_budget.doctypes import UNIT_DOCTYPES
from perf_budget.security import is_server_change
from perf_budget.security.records import can

# Frappe's own bookkeeping columns, which change on every save.
BOOKKEEPING = {
	"modified",
	"modified_by",
	"creation",
	"owner",
	"idx",
	"docstatus",
	"_user_tags",
	"_comments",
	"_assign",
	"_liked_by",
	"_seen",
}
NO_VALUE_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading", "Fold", "Image"}


def same(df, old, new) -> bool:
	if df.fieldtype in numeric_fieldtypes or df.fieldtype == "Check":
		return flt(old, 9) == flt(new, 9)
	if df.fieldtype in ("Date", "Datetime", "Time"):
		return cstr(old)[:19] == cstr(new)[:19]
	return cstr(old) == cstr(new)


def value_fields(meta):
	return [
		df for df in meta.fields if df.fieldtype not in NO_VALUE_TYPES and df.fieldname not in BOOKKEEPING
	]


def rows_differ(df, doc, before) -> bool:
	new_rows, old_rows = doc.get(df.fieldname) or [], before.get(df.fieldname) or []
	if [r.name for r in new_rows] != [r.name for r in old_rows]:
		return True
	child_fields = value_fields(frappe.get_meta(df.options))
	return any(
		not same(f, old.get(f.fieldname), new.get(f.fieldname))
		for new, old in zip(new_rows, old_rows, strict=True)
		for f in child_fields
	)


def changed_fields(doc, before) -> set[str]:
	"""Fieldnames whose value (or, for tables, whose rows) differ from ``before``."""
	changed = set()
	for df in value_fields(doc.meta):
		if df.fieldtype in table_fields:
			if rows_differ(df, doc, before):
				changed.add(df.fieldname)
		elif not same(df, before.get(df.fieldname), doc.get(df.fieldname)):
			changed.add(df.fieldname)
	return changed


def protected(df) -> bool:
	return bool(df.read_only) and not df.fetch_from and df.fieldtype not in table_fields


def check_protected_fields(doc, method=None):
	"""before_validate and before_update_after_submit of every unit record."""
	if is_server_change(doc):
		return
	before = doc.get_doc_before_save()
	workflow_field = doc.meta.get_workflow() and frappe.get_cached_value(
		"Workflow", doc.meta.get_workflow(), "workflow_state_field"
	)
	touched = []
	for df in value_fields(doc.meta):
		if df.fieldname == workflow_field:
			continue  # the chain guard decides about the state
		if df.fieldtype in table_fields:
			touched += child_rows_touched(df, doc, before)
		elif protected(df):
			if before and not same(df, before.get(df.fieldname), doc.get(df.fieldname)):
				touched.append(_(df.label))
			elif not before and df.no_copy and not same(df, default_of(df), doc.get(df.fieldname)):
				touched.append(_(df.label))
	if touched:
		frappe.throw(
			_("These fields are filled in by the system and cannot be set: {0}.").format(", ".join(touched)),
			frappe.PermissionError,
			title=_("Read-only fields"),
		)


def child_rows_touched(df, doc, before) -> list[str]:
	child_meta = frappe.get_meta(df.options)
	locked = [f for f in value_fields(child_meta) if protected(f)]
	if not locked:
		return []
	old_rows = {row.name: row for row in (before.get(df.fieldname) if before else [])}
	touched = []
	for row in doc.get(df.fieldname) or []:
		old = old_rows.get(row.name)
		for f in locked:
			if old is not None and not same(f, old.get(f.fieldname), row.get(f.fieldname)):
				touched.append(_("{0} row {1}: {2}").format(_(df.label), row.idx, _(f.label)))
			elif old is None and before and not same(f, default_of(f), row.get(f.fieldname)):
				# a new row may not bring values only the server fills (targets copied from the goal)
				touched.append(_("{0} row {1}: {2}").format(_(df.label), row.idx, _(f.label)))
	return touched


def default_of(df):
	default = df.default
	if default in (None, ""):
		return None
	if df.fieldtype in numeric_fieldtypes or df.fieldtype == "Check":
		return flt(default)
	return default


def refuse_direct_child_change(doc, method=None):
	"""validate / before_insert / on_trash of a child DocType of a unit record:
	a row saved on its own skips its record's rules and isolation checks."""
	if frappe.session.user == "Administrator" or doc.flags.ignore_permissions:
		return
	frappe.throw(
		_("{0} rows are changed through their {1}, not on their own.").format(
			_(doc.doctype), _(doc.get("parenttype") or _("record"))
		),
		frappe.PermissionError,
	)


def check_links(doc, method=None):
	"""before_validate of unit records: a link to another unit record (and a
	row's) stays inside the record's unit, so that nothing of another unit can
	be read through it (``fields=["last_year_goal.review_opinion"]``)."""

	if is_server_change(doc):
		return
	before = doc.get_doc_before_save()
	unit = doc.get("budget_unit")
	old_rows = {row.name: row for row in before.get_all_children()} if before else {}
	for row in [doc, *doc.get_all_children()]:
		old = before if row is doc else old_rows.get(row.name)
		for df in row.meta.get_link_fields() + row.meta.get("fields", {"fieldtype": "Dynamic Link"}):
			target_type = df.options if df.fieldtype == "Link" else row.get(df.options)
			value = row.get(df.fieldname)
			if target_type not in UNIT_DOCTYPES or not value or (old and old.get(df.fieldname) == value):
				continue
			target_unit = frappe.db.get_value(target_type, value, "budget_unit")
			if not can(target_type, "read", doc=value) or (unit and target_unit != unit):
				frappe.throw(
					_("{0}: {1} {2} is not a record of {3}.").format(
						_(df.label), _(target_type), value, unit or _("your unit")
					),
					frappe.PermissionError,
				)


def check_row_owners(doc, method=None):
	"""before_validate: a row sent with the name of an existing row of another
	record would be rewritten by Frappe (it updates child rows by name only)."""
	known = (
		{row.name for row in doc.get_doc_before_save().get_all_children()}
		if doc.get_doc_before_save()
		else set()
	)
	for row in doc.get_all_children():
		if not row.name or row.name in known or row.get("__islocal"):
			continue
		owner = frappe.db.get_value(row.doctype, row.name, ["parent", "parenttype"], as_dict=True)
		if owner and (owner.parent, owner.parenttype) != (doc.name, doc.doctype):
			frappe.throw(
				_("Row {0} of {1} belongs to another record; add new rows instead.").format(
					row.idx, _(row.parentfield)
				),
				frappe.PermissionError,
			)
