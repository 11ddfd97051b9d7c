"""Frappe's definitions the tier-1 static checks rely on, and their graph helpers (no Frappe import).

Used by tests/test_static_json.py. The app's own files are read by
scripts/app_files.py.

Frappe facts hard-coded below were checked against Frappe v15
(branch version-15, commit e0497f5505642acbf881cd51432534aca0271323).
"""

from __future__ import annotations

from collections.abc import Iterable

from app_files import app_doctypes, app_roles

# --------------------------------------------------------------------------
# Frappe v15 facts
# --------------------------------------------------------------------------

# The options of DocField.fieldtype in v15 (frappe/core/doctype/docfield/docfield.json).
# Equals frappe.model.data_fieldtypes + no_value_fields, minus "Long Int", which is
# in data_fieldtypes but not selectable for a DocField in v15.
FIELDTYPES = frozenset(
	{
		# frappe.model.data_fieldtypes
		"Currency", "Int", "Float", "Percent", "Check", "Small Text", "Long Text", "Code",
		"Text Editor", "Markdown Editor", "HTML Editor", "Date", "Datetime", "Time", "Text",
		"Data", "Link", "Dynamic Link", "Password", "Select", "Rating", "Read Only", "Attach",
		"Attach Image", "Signature", "Color", "Barcode", "Geolocation", "Duration", "Icon",
		"Phone", "Autocomplete", "JSON",
		# frappe.model.no_value_fields (includes table_fields)
		"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect",
		"Button", "Image", "Fold", "Heading",
	}
)  # fmt: skip
TABLE_FIELDTYPES = frozenset({"Table", "Table MultiSelect"})  # frappe.model.table_fields
NO_VALUE_FIELDTYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect",
	 "Button", "Image", "Fold", "Heading"}
)  # fmt: skip
LAYOUT_FIELDTYPES = frozenset({"Section Break", "Column Break", "Tab Break"})
# frappe.model.default_fields + child_table_fields
RESERVED_FIELDNAMES = frozenset(
	{"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx",
	 "parent", "parentfield", "parenttype", "doctype"}
)  # fmt: skip
STANDARD_FIELDNAMES = RESERVED_FIELDNAMES  # usable in sort_field, fetch_from targets, conditions

# Core DocTypes a Link may point to; each verified to exist in v15 with
# `git show version-15:frappe/<module>/doctype/<x>/<x>.json`.
CORE_DOCTYPES = frozenset(
	{
		"User", "Role", "DocType", "Module Def", "File", "Report", "Language", "Has Role",  # core
		"Workflow State",  # workflow
		"Country", "Currency",  # geo
		"Contact", "Address", "Gender", "Salutation",  # contacts
		"Print Format", "Letter Head",  # printing
		"Email Account",  # email
	}
)  # fmt: skip
CORE_CHILD_DOCTYPES = frozenset({"Has Role"})  # istable core DocTypes usable as Table options
CORE_ROLES = frozenset({"System Manager", "Administrator", "Guest", "All"})
CORE_REPORTS: frozenset[str] = frozenset()  # none referenced by the app yet

REPORT_TYPES = frozenset({"Report Builder", "Query Report", "Script Report", "Custom Report"})
WORKFLOW_STATE_STYLES = frozenset({"", "Primary", "Info", "Success", "Warning", "Danger", "Inverse"})
WORKSPACE_SHORTCUT_TYPES = frozenset({"DocType", "Report", "Page", "Dashboard", "URL"})
WORKSPACE_LINK_TYPES = frozenset({"DocType", "Page", "Report"})

# Workflow states that no transition leads to because the app's Python code
# sets them (e.g. a scheduled job). Map workflow_name -> state names. A state
# listed here must also be named in some .py file under perf_budget/, so the
# list cannot hide a state nothing ever enters.
STATES_SET_BY_CODE: dict[str, frozenset[str]] = {
	# performance_goal.py's deadline job sets it (bureau measures art. 11).
	"Performance Goal Review": frozenset({"Excluded"}),
}


def scrub(text: str) -> str:
	"""frappe.scrub: "Sales Order" -> "sales_order"."""
	return str(text).replace(" ", "_").replace("-", "_").lower()


def controller_class(doctype: str) -> str:
	"""Class name Frappe imports from a DocType's controller."""
	return doctype.replace(" ", "").replace("-", "")


def known_roles() -> set[str]:
	return app_roles() | CORE_ROLES


def known_doctypes() -> set[str]:
	return set(app_doctypes()) | CORE_DOCTYPES


# --------------------------------------------------------------------------
# Workflow graph helpers
# --------------------------------------------------------------------------


def workflow_graph(workflow: dict) -> dict[str, set[str]]:
	graph: dict[str, set[str]] = {}
	for t in workflow.get("transitions") or []:
		if isinstance(t, dict):
			graph.setdefault(t.get("state"), set()).add(t.get("next_state"))
	return graph


def reachable(graph: dict[str, set[str]], starts: Iterable[str]) -> set[str]:
	seen, todo = set(), list(starts)
	while todo:
		state = todo.pop()
		if state in seen:
			continue
		seen.add(state)
		todo.extend(graph.get(state, ()))
	return seen
