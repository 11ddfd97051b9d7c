"""Frappe's definitions the tier-1 static checks rely on, and their graph helpers (no Frappe import).

Used by tests/test_static_json.py. The app's own files are read by
scripts/app_files.py.

Frappe's definitions (field types, reserved fieldnames, roles, option lists…)
are read from the installed framework's source when there is one: the
``frappe`` package this Python would import, else the bench where
scripts/lib.sh puts it ($BENCH_DIR, by default ~$BENCH_USER/perf-bench). Its
files are parsed (JSON, ``ast``), never imported. Without a framework the
pinned copy of Frappe v15.44.2 below is used. tests/conftest.py prints which
in pytest's header; test_frappe_definitions compares the two.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import pwd
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app_files import app_doctypes, app_roles

# --------------------------------------------------------------------------
# Frappe's definitions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class FrappeDefinitions:
	source: str  # where they were read from (shown in pytest's header)
	version: str
	fieldtypes: frozenset[str]  # the options of DocField.fieldtype
	table_fieldtypes: frozenset[str]  # frappe.model.table_fields
	no_value_fieldtypes: frozenset[str]  # frappe.model.no_value_fields
	reserved_fieldnames: frozenset[str]  # frappe.model.default_fields + child_table_fields
	roles: frozenset[str]  # Role.STANDARD_ROLES + permissions.AUTOMATIC_ROLES
	report_types: frozenset[str]  # the options of Report.report_type
	workflow_state_styles: frozenset[str]  # … of Workflow State.style
	workspace_shortcut_types: frozenset[str]  # … of Workspace Shortcut.type
	workspace_link_types: frozenset[str]  # … of Workspace Link.link_type
	doctypes: dict[str, bool]  # DocType name -> istable (pinned: only CORE_DOCTYPES)
	reports: frozenset[str]  # standard Report names (pinned: only CORE_REPORTS)


PINNED_VERSION = "15.44.2"

# Core DocTypes and Reports the app may point to (Link / Table options, report
# ref_doctype, workspace links, print formats). The app's own choice: a new
# one is added here, and test_frappe_definitions checks each against the
# installed framework.
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
CORE_CHILD_DOCTYPES = frozenset({"Has Role"})  # the istable ones, usable as Table options
CORE_REPORTS: frozenset[str] = frozenset()  # none referenced by the app yet

_NO_VALUE = ("Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect",
	"Button", "Image", "Fold", "Heading")  # fmt: skip
PINNED = FrappeDefinitions(
	source=f"pinned copy of Frappe v{PINNED_VERSION} (no framework found)",
	version=PINNED_VERSION,
	# frappe.model.data_fieldtypes without "Long Int" (not selectable for a DocField), + no_value_fields
	fieldtypes=frozenset({
		"Currency", "Int", "Float", "Percent", "Check", "Small Text", "Long Text", "Code",
		"Text Editor", "Markdown Editor", "HTML Editor", "Date", "Datetime", "Time", "Text",
		"Data", "Link", "Dynamic Link", "Password", "Select", "Rating", "Read Only", "Attach",
		"Attach Image", "Signature", "Color", "Barcode", "Geolocation", "Duration", "Icon",
		"Phone", "Autocomplete", "JSON", *_NO_VALUE,
	}),
	table_fieldtypes=frozenset({"Table", "Table MultiSelect"}),
	no_value_fieldtypes=frozenset(_NO_VALUE),
	reserved_fieldnames=frozenset({"doctype", "name", "owner", "creation", "modified", "modified_by",
		"docstatus", "idx", "parent", "parentfield", "parenttype"}),
	roles=frozenset({"Administrator", "System Manager", "Script Manager", "All", "Guest", "Desk User"}),
	report_types=frozenset({"Report Builder", "Query Report", "Script Report", "Custom Report"}),
	workflow_state_styles=frozenset({"", "Primary", "Info", "Success", "Warning", "Danger", "Inverse"}),
	workspace_shortcut_types=frozenset({"DocType", "Report", "Page", "Dashboard", "URL"}),
	workspace_link_types=frozenset({"DocType", "Page", "Report"}),
	doctypes={name: name in CORE_CHILD_DOCTYPES for name in CORE_DOCTYPES},
	reports=CORE_REPORTS,
)  # fmt: skip


class FrameworkReadError(Exception):
	pass


def framework_dir() -> Path | None:
	"""The ``frappe`` package's source folder, or None when there is no framework."""
	spec = importlib.util.find_spec("frappe")  # finds, does not import
	if spec is not None and spec.origin:
		return Path(spec.origin).parent
	user = os.environ.get("BENCH_USER", "frappe")
	try:
		home = Path(pwd.getpwnam(user).pw_dir)
	except KeyError:
		home = Path("/home") / user
	bench = Path(os.environ.get("BENCH_DIR") or home / "perf-bench")
	package = bench / "apps" / "frappe" / "frappe"
	return package if (package / "__init__.py").is_file() else None


def _module_values(path: Path, names: Iterable[str]) -> dict[str, object]:
	"""Module-level literals of ``path`` by name; a Name inside one refers to an earlier string constant."""
	try:
		tree = ast.parse(path.read_text(encoding="utf-8"))
	except (OSError, SyntaxError) as e:
		raise FrameworkReadError(f"{path}: {e}") from e
	constants: dict[str, object] = {}
	for stmt in tree.body:
		if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
			targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
			value = _NameResolver(constants).visit(stmt.value)
			try:
				literal = ast.literal_eval(value)
			except (ValueError, TypeError, SyntaxError):  # not a literal: not one of ours
				continue
			constants.update({t.id: literal for t in targets if isinstance(t, ast.Name)})
	missing = [n for n in names if n not in constants]
	if missing:
		raise FrameworkReadError(f"{path}: no literal {', '.join(missing)}")
	return {n: constants[n] for n in names}


class _NameResolver(ast.NodeTransformer):
	def __init__(self, constants: dict[str, object]) -> None:
		self.constants = constants

	def visit_Name(self, node: ast.Name) -> ast.AST:
		value = self.constants.get(node.id)
		return ast.Constant(value) if isinstance(value, str) else node


def _select_options(path: Path, fieldname: str) -> frozenset[str]:
	try:
		fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
		options = next(f["options"] for f in fields if f.get("fieldname") == fieldname)
	except (OSError, ValueError, KeyError, StopIteration) as e:
		raise FrameworkReadError(f"{path}: no options for {fieldname}: {e!r}") from e
	return frozenset(options.split("\n"))


def _standard(root: Path, kind: str) -> dict[str, dict]:
	"""name -> JSON of every <module>/<kind>/<x>/<x>.json of the framework."""
	out = {}
	for path in root.glob(f"*/{kind}/*/*.json"):
		if path.stem == path.parent.name:
			data = json.loads(path.read_text(encoding="utf-8"))
			if isinstance(data, dict) and isinstance(data.get("name"), str):
				out[data["name"]] = data
	return out


def read_framework(root: Path) -> FrappeDefinitions:
	model = _module_values(
		root / "model" / "__init__.py",
		["no_value_fields", "table_fields", "default_fields", "child_table_fields"],
	)
	roles = _module_values(root / "core" / "doctype" / "role" / "role.py", ["STANDARD_ROLES"])
	automatic = _module_values(root / "permissions.py", ["AUTOMATIC_ROLES"])
	version = str(_module_values(root / "__init__.py", ["__version__"])["__version__"])
	doctype = root / "core" / "doctype"
	desk = root / "desk" / "doctype"
	return FrappeDefinitions(
		source=f"installed Frappe v{version} at {root}",
		version=version,
		fieldtypes=_select_options(doctype / "docfield" / "docfield.json", "fieldtype"),
		table_fieldtypes=frozenset(model["table_fields"]),
		no_value_fieldtypes=frozenset(model["no_value_fields"]),
		reserved_fieldnames=frozenset((*model["default_fields"], *model["child_table_fields"])),
		roles=frozenset((*roles["STANDARD_ROLES"], *automatic["AUTOMATIC_ROLES"])),
		report_types=_select_options(doctype / "report" / "report.json", "report_type"),
		workflow_state_styles=_select_options(
			root / "workflow" / "doctype" / "workflow_state" / "workflow_state.json", "style"
		),
		workspace_shortcut_types=_select_options(
			desk / "workspace_shortcut" / "workspace_shortcut.json", "type"
		),
		workspace_link_types=_select_options(desk / "workspace_link" / "workspace_link.json", "link_type"),
		doctypes={
			name: bool(data.get("istable"))
			for name, data in _standard(root, "doctype").items()
			if data.get("doctype") == "DocType"
		},
		reports=frozenset(
			name for name, data in _standard(root, "report").items() if data.get("doctype") == "Report"
		),
	)


FRAMEWORK_DIR = framework_dir()
FRAPPE = read_framework(FRAMEWORK_DIR) if FRAMEWORK_DIR else PINNED

FIELDTYPES = FRAPPE.fieldtypes
TABLE_FIELDTYPES = FRAPPE.table_fieldtypes
NO_VALUE_FIELDTYPES = FRAPPE.no_value_fieldtypes
# the no-value types that lay out the form (the app's own grouping, not a Frappe list)
LAYOUT_FIELDTYPES = frozenset({"Section Break", "Column Break", "Tab Break"})
RESERVED_FIELDNAMES = FRAPPE.reserved_fieldnames
STANDARD_FIELDNAMES = RESERVED_FIELDNAMES  # usable in sort_field, fetch_from targets, conditions
CORE_ROLES = FRAPPE.roles
REPORT_TYPES = FRAPPE.report_types
WORKFLOW_STATE_STYLES = FRAPPE.workflow_state_styles
WORKSPACE_SHORTCUT_TYPES = FRAPPE.workspace_shortcut_types
WORKSPACE_LINK_TYPES = FRAPPE.workspace_link_types

# Workflows with states that no transition leads to because the app's Python
# code sets them (a scheduled job): the chain's stage "set_aside"
# (perf_budget/rules/chains.py). The code must ask for that stage in some .py
# file under perf_budget/ besides the chains themselves, so the list cannot
# hide a state nothing ever enters.
SET_ASIDE_BY_CODE = frozenset(
	{
		"Performance Goal Review",  # performance_goal.py's deadline job (bureau measures art. 11)
	}
)


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
