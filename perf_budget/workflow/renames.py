"""A state renamed in the admin panel is renamed everywhere it is stored.

Frappe keeps the old name in every record that was in the state when an
admin edits its row in a Workflow (and in the open workflow actions), so
those records would sit in a state their workflow no longer has and could not
move on. The app's home pages filter their lists by state as well. On every
save of a chain's Workflow, a state row that kept its identity but changed
its name is followed into the records, their open workflow actions and the
shipped workspaces and number cards that name it.
"""

import json

import frappe
from frappe import _

from perf_budget.doctypes import CHAINED_DOCTYPES, FINANCE_CHAINED_DOCTYPES

MODULE = "Perf Budget"


def follow_renamed_states(workflow, method=None):
	"""Workflow on_update."""
	before = workflow.get_doc_before_save()
	if not before or workflow.document_type not in (*CHAINED_DOCTYPES, *FINANCE_CHAINED_DOCTYPES):
		return
	renamed = renamed_states(before.states, workflow.states)
	if not renamed:
		return
	doctype, field = workflow.document_type, workflow.workflow_state_field
	table = frappe.qb.DocType(doctype)
	actions = frappe.qb.DocType("Workflow Action")
	for old, new in renamed.items():
		frappe.qb.update(table).set(table[field], new).where(table[field] == old).run()
		(
			frappe.qb.update(actions)
			.set(actions.workflow_state, new)
			.where(actions.reference_doctype == doctype)
			.where(actions.workflow_state == old)
		).run()
	follow_in_desk_filters(doctype, renamed)
	frappe.msgprint(
		_("Records of {0} in a renamed state now carry its new name: {1}").format(
			_(doctype), ", ".join(f"{_(old)} → {_(new)}" for old, new in renamed.items())
		),
		alert=True,
	)


def renamed_states(old_rows, new_rows) -> dict[str, str]:
	"""{old name: new name} for each state row that kept its identity — its row
	in the form, or its node in Frappe's workflow builder — while the admin
	edited its name, when the old name is no longer a state of the workflow."""
	old_by_key = {}
	for row in old_rows:
		old_by_key.update({key: row.state for key in row_keys(row)})
	names_now = {row.state for row in new_rows}
	renamed = {}
	for row in new_rows:
		old = next((old_by_key[key] for key in row_keys(row) if key in old_by_key), None)
		if old and old != row.state and old not in names_now:
			renamed[old] = row.state
	return renamed


def row_keys(row) -> list[tuple]:
	return [(field, row.get(field)) for field in ("name", "workflow_builder_id") if row.get(field)]


def follow_in_desk_filters(doctype: str, renamed: dict[str, str]) -> None:
	"""The app's workspaces (quick lists, shortcuts) and number cards filter by state."""
	# rows written directly: saving a standard Workspace in developer mode would
	# rewrite the app's own JSON files
	workspaces = frappe.get_all("Workspace", filters={"module": MODULE}, pluck="name")
	rows = [
		("Workspace Quick List", "quick_list_filter", {"document_type": doctype}),
		("Workspace Shortcut", "stats_filter", {"link_to": doctype}),
	]
	for child, field, match in rows:
		for row in frappe.get_all(
			child,
			filters={"parenttype": "Workspace", "parent": ["in", workspaces or [""]], **match},
			fields=["name", field],
		):
			rename_in(child, row.name, field, row.get(field), renamed)
	for card in frappe.get_all(
		"Number Card", filters={"module": MODULE, "document_type": doctype}, fields=["name", "filters_json"]
	):
		rename_in("Number Card", card.name, "filters_json", card.filters_json, renamed)


def rename_in(doctype: str, name: str, field: str, text: str | None, renamed: dict[str, str]) -> None:
	filters = renamed_filter(text, renamed)
	if filters is not None:
		frappe.db.set_value(doctype, name, field, filters)


def renamed_filter(text: str | None, renamed: dict[str, str]) -> str | None:
	"""The filter JSON with the renamed states' values replaced, or None when
	it names none of them."""
	if not text:
		return None
	filters = json.loads(text)
	changed = False
	for condition in filters:
		if len(condition) < 4 or condition[1] != "workflow_state":
			continue
		value = condition[3]
		if isinstance(value, list):
			new_value = [renamed.get(v, v) for v in value]
		else:
			new_value = renamed.get(value, value)
		if new_value != value:
			condition[3] = new_value
			changed = True
	return json.dumps(filters, ensure_ascii=False) if changed else None
