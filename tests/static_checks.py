"""Shared helpers for the tier-1 static checks (no Frappe import).

Used by tests/test_static_json.py, tests/test_translations.py and
scripts/translations.py. Everything here reads the app's files as plain
JSON / Python source; nothing imports Frappe or the app's Frappe modules.

Frappe facts hard-coded below were checked against Frappe v15
(branch version-15, commit e0497f5505642acbf881cd51432534aca0271323).
"""

from __future__ import annotations

import ast
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "perf_budget"
MODULE_DIR = APP / "perf_budget"  # the "Perf Budget" module
MODULE_NAME = "Perf Budget"
WORKFLOW_DIR = APP / "workflow"
ROLE_FIXTURE = APP / "fixtures" / "role.json"
RULES_DIR = APP / "rules"
LOCALE_DIR = APP / "locale"
ZH_PO = LOCALE_DIR / "zh.po"
# Marks a zh.po entry that translates one of Frappe's own strings (the desk's
# navbar, lists, timeline…) where Frappe's zh catalogue has none or a wrong one:
# apps later in apps.txt win, so ours is what the desk shows. The app's code does
# not use these strings, so they are deliberate, not obsolete.
FRAPPE_MARK = "#. frappe"

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


def rel(path: Path) -> str:
	try:
		return str(Path(path).relative_to(ROOT))
	except ValueError:
		return str(path)


# --------------------------------------------------------------------------
# Loading the app's files
# --------------------------------------------------------------------------


class JsonFileError(Exception):
	pass


@cache
def load_json(path: Path):
	"""Parsed JSON of ``path``; JsonFileError with the reason when it does not parse."""
	try:
		return json.loads(Path(path).read_text(encoding="utf-8"))
	except (OSError, UnicodeDecodeError, ValueError) as e:
		raise JsonFileError(f"{rel(path)}: not valid JSON: {e}") from e


def try_load(path: Path):
	try:
		return load_json(path)
	except JsonFileError:
		return None


def _entity_files(kind: str) -> list[Path]:
	"""<module>/<kind>/<name>/<name>.json for every folder under <kind>/."""
	base = MODULE_DIR / kind
	if not base.is_dir():
		return []
	return sorted(base / d.name / f"{d.name}.json" for d in base.iterdir() if _is_entity_dir(d))


def _is_entity_dir(d: Path) -> bool:
	return d.is_dir() and not d.name.startswith((".", "_"))


def doctype_files() -> list[Path]:
	return _entity_files("doctype")


def report_files() -> list[Path]:
	return _entity_files("report")


def workspace_files() -> list[Path]:
	return _entity_files("workspace")


def print_format_files() -> list[Path]:
	return _entity_files("print_format")


def workflow_files() -> list[Path]:
	return sorted(WORKFLOW_DIR.glob("*.json")) if WORKFLOW_DIR.is_dir() else []


def app_doctypes() -> dict[str, dict]:
	"""name -> DocType JSON for every app DocType file that parses."""
	out = {}
	for path in doctype_files():
		data = try_load(path)
		if isinstance(data, dict) and isinstance(data.get("name"), str):
			out[data["name"]] = data
	return out


def app_reports() -> dict[str, dict]:
	out = {}
	for path in report_files():
		data = try_load(path)
		if isinstance(data, dict) and isinstance(data.get("name"), str):
			out[data["name"]] = data
	return out


def app_roles() -> set[str]:
	data = try_load(ROLE_FIXTURE) if ROLE_FIXTURE.exists() else []
	roles = set()
	for row in data if isinstance(data, list) else []:
		if isinstance(row, dict):
			roles.update(r for r in (row.get("name"), row.get("role_name")) if isinstance(r, str) and r)
	return roles


def known_roles() -> set[str]:
	return app_roles() | CORE_ROLES


def known_doctypes() -> set[str]:
	return set(app_doctypes()) | CORE_DOCTYPES


def fields_of(doctype: dict) -> list[dict]:
	return [f for f in doctype.get("fields") or [] if isinstance(f, dict)]


def fieldmap(doctype: dict) -> dict[str, dict]:
	return {f["fieldname"]: f for f in fields_of(doctype) if isinstance(f.get("fieldname"), str)}


def python_files(under: Path = APP, exclude: Iterable[Path] = ()) -> list[Path]:
	excluded = [Path(p) for p in exclude]
	return sorted(
		p
		for p in under.rglob("*.py")
		if "__pycache__" not in p.parts and not any(p.is_relative_to(e) for e in excluded)
	)


def source_files(suffix: str, under: Path = APP, exclude: Iterable[Path] = ()) -> list[Path]:
	excluded = [Path(p) for p in exclude]
	return sorted(
		p
		for p in under.rglob(f"*{suffix}")
		if "node_modules" not in p.parts
		and "__pycache__" not in p.parts
		and not any(p.is_relative_to(e) for e in excluded)
	)


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


# --------------------------------------------------------------------------
# Translatable strings
# --------------------------------------------------------------------------


@dataclass
class Extraction:
	"""msgid -> where it was found (first few places), plus files that could not be read."""

	messages: dict[str, list[str]] = field(default_factory=dict)
	errors: list[str] = field(default_factory=list)

	def add(self, text, where: str) -> None:
		if not isinstance(text, str) or not is_translatable(text):
			return
		places = self.messages.setdefault(text, [])
		if len(places) < 5:
			places.append(where)


def is_translatable(text: str) -> bool:
	"""Worth a translation: not blank and has a letter (skips "", "2", ">=", "<=", "{0}: {1}")."""
	return bool(text.strip()) and any(ch.isalpha() for ch in text)


def select_options(options) -> list[str]:
	"""Select option lines without the empty ones (Frappe stores "\\nA\\nB" for an empty first choice)."""
	if not isinstance(options, str):
		return []
	return [line for line in options.split("\n") if line.strip()]


def extract_messages() -> Extraction:
	"""Every user-visible English string of the app (the msgids zh.po must translate)."""
	ex = Extraction()
	_extract_doctypes(ex)
	_extract_workflows(ex)
	_extract_roles(ex)
	_extract_reports(ex)
	_extract_workspaces(ex)
	_extract_print_formats(ex)
	for path in python_files(APP, exclude=[RULES_DIR]):
		_extract_python_underscore(ex, path)
	for path in source_files(".js", APP):
		_extract_js(ex, path)
	for path in source_files(".html", APP):
		_extract_jinja(ex, path.read_text(encoding="utf-8"), rel(path))
	for path in python_files(RULES_DIR):
		_extract_rules_messages(ex, path)
	_extract_form_messages(ex)
	return ex


FORM_MODULES = (
	"perf_budget.forms.goal_form",
	"perf_budget.forms.evaluation_form",
	"perf_budget.forms.monitoring_form",
)


def _extract_form_messages(ex: Extraction) -> None:
	"""perf_budget/forms lists every message key an import can return in MESSAGES."""
	import importlib
	import sys

	if str(ROOT) not in sys.path:
		sys.path.insert(0, str(ROOT))
	for name in FORM_MODULES:
		for message in importlib.import_module(name).MESSAGES:
			ex.add(message, name)


def _json_or_error(ex: Extraction, path: Path):
	try:
		return load_json(path)
	except JsonFileError as e:
		ex.errors.append(str(e))
		return None


def _extract_doctypes(ex: Extraction) -> None:
	for path in doctype_files():
		data = _json_or_error(ex, path)
		if not isinstance(data, dict):
			continue
		where = rel(path)
		ex.add(data.get("name"), f"{where}: DocType name")
		ex.add(data.get("description"), f"{where}: DocType description")
		for f in fields_of(data):
			name = f.get("fieldname")
			ex.add(f.get("label"), f"{where}: label of {name}")
			ex.add(f.get("description"), f"{where}: description of {name}")
			if f.get("fieldtype") == "Select":
				for option in select_options(f.get("options")):
					ex.add(option, f"{where}: option of {name}")
		for link in data.get("links") or []:
			if isinstance(link, dict):
				ex.add(link.get("group"), f"{where}: connections group")
		for action in data.get("actions") or []:
			if isinstance(action, dict):
				ex.add(action.get("label"), f"{where}: action label")
				ex.add(action.get("group"), f"{where}: action group")
		for perm in data.get("permissions") or []:
			if isinstance(perm, dict):
				ex.add(perm.get("role"), f"{where}: permission role")


def _extract_workflows(ex: Extraction) -> None:
	for path in workflow_files():
		data = _json_or_error(ex, path)
		if not isinstance(data, dict):
			continue
		where = rel(path)
		for s in data.get("states") or []:
			if isinstance(s, dict):
				ex.add(s.get("state"), f"{where}: workflow state")
		for t in data.get("transitions") or []:
			if isinstance(t, dict):
				ex.add(t.get("action"), f"{where}: workflow action")


def _extract_roles(ex: Extraction) -> None:
	for role in sorted(app_roles()):
		ex.add(role, f"{rel(ROLE_FIXTURE)}: role")


def _extract_reports(ex: Extraction) -> None:
	# Column labels and filter labels come from _() / __() in the report's .py / .js.
	for path in report_files():
		data = _json_or_error(ex, path)
		if isinstance(data, dict):
			ex.add(data.get("report_name") or data.get("name"), f"{rel(path)}: report name")


HEADER_TAGS = re.compile(r"<[^>]+>")


def workspace_header_text(raw: str) -> str:
	"""The key Frappe v15's workspace header block translates: the header's
	inner text, HTML-escaped the way frappe.utils.escape_html does it."""
	text = html.unescape(HEADER_TAGS.sub("", raw or ""))
	escapes = {
		"&": "&amp;",
		"<": "&lt;",
		">": "&gt;",
		'"': "&quot;",
		"'": "&#39;",
		"`": "&#x60;",
		"=": "&#x3D;",
	}
	return "".join(escapes.get(ch, ch) for ch in text)


def _extract_workspaces(ex: Extraction) -> None:
	for path in workspace_files():
		data = _json_or_error(ex, path)
		if not isinstance(data, dict):
			continue
		where = rel(path)
		ex.add(data.get("label"), f"{where}: workspace label")
		ex.add(data.get("title"), f"{where}: workspace title")
		for key in ("shortcuts", "links", "charts", "number_cards", "quick_lists", "custom_blocks"):
			for row in data.get(key) or []:
				if isinstance(row, dict):
					ex.add(row.get("label"), f"{where}: {key} label")
					ex.add(row.get("description"), f"{where}: {key} description")
		try:
			content = json.loads(data.get("content") or "[]")
		except ValueError as e:
			ex.errors.append(f"{where}: content is not valid JSON: {e}")
			continue
		for block in content if isinstance(content, list) else []:
			if isinstance(block, dict) and block.get("type") in ("header", "paragraph"):
				text = (block.get("data") or {}).get("text")
				if isinstance(text, str):
					ex.add(workspace_header_text(text), f"{where}: {block['type']} text")


def _extract_print_formats(ex: Extraction) -> None:
	for path in print_format_files():
		data = _json_or_error(ex, path)
		if isinstance(data, dict) and isinstance(data.get("html"), str):
			_extract_jinja(ex, data["html"], f"{rel(path)}: html")


def _is_underscore_call(node: ast.Call, name: str = "_") -> bool:
	func = node.func
	return (isinstance(func, ast.Name) and func.id == name) or (
		isinstance(func, ast.Attribute) and func.attr == name
	)


def _parse_python(ex: Extraction, path: Path) -> ast.AST | None:
	try:
		return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	except (SyntaxError, UnicodeDecodeError) as e:
		ex.errors.append(f"{rel(path)}: cannot parse: {e}")
		return None


def _extract_python_underscore(ex: Extraction, path: Path) -> None:
	"""Literal first arguments of _("...") and frappe._("...")."""
	tree = _parse_python(ex, path)
	for node in ast.walk(tree) if tree else ():
		if isinstance(node, ast.Call) and _is_underscore_call(node) and node.args:
			arg = node.args[0]
			if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
				ex.add(arg.value, f"{rel(path)}:{node.lineno}")


_JS_STRING = r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\$]|\\.)*`)"""
JS_CALL = re.compile(r"(?<![\w$.])__\(\s*" + _JS_STRING)
JINJA_CALL = re.compile(r"(?<![\w$.])_\(\s*" + _JS_STRING)
_JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_unquote(literal: str) -> str:
	"""Value of a JS / Jinja string literal (quotes included in ``literal``)."""
	body, out, i = literal[1:-1], [], 0
	while i < len(body):
		ch = body[i]
		if ch != "\\" or i + 1 == len(body):
			out.append(ch)
			i += 1
			continue
		nxt = body[i + 1]
		if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
			out.append(chr(int(body[i + 2 : i + 6], 16)))
			i += 6
		elif nxt == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", body[i + 2 : i + 4]):
			out.append(chr(int(body[i + 2 : i + 4], 16)))
			i += 4
		elif nxt == "\n":  # line continuation
			i += 2
		else:
			out.append(_JS_ESCAPES.get(nxt, nxt))
			i += 2
	return "".join(out)


def _extract_js(ex: Extraction, path: Path) -> None:
	text = path.read_text(encoding="utf-8")
	for m in JS_CALL.finditer(text):
		ex.add(js_unquote(m.group(1)), f"{rel(path)}:{text.count(chr(10), 0, m.start()) + 1}")


def _extract_jinja(ex: Extraction, text: str, where: str) -> None:
	for m in JINJA_CALL.finditer(text):
		ex.add(js_unquote(m.group(1)), where)


# --- perf_budget/rules: message keys the Frappe side passes through _() ----
#
# perf_budget/rules has no Frappe; it returns English keys with {0}…
# placeholders which the Frappe side shows as _(message).format(*args).
# A string literal in perf_budget/rules/*.py (docstrings excluded; f-strings
# are never keys) counts as such a key when
#   1. it is bound to a parameter or dataclass field named ``message`` of a
#      function or class defined in perf_budget/rules, by position or keyword
#      (ScoringError(message, …), Finding(severity, row, message, …),
#      _error(row, message, …), _warning(row, message, …));
#   2. it is the first item of a 2-tuple literal whose second item is a
#      tuple: the (message, args) "Problem" pairs of settings.validate_rules;
#   3. it sits in a module-level constant whose name ends in MESSAGE,
#      MESSAGES or REASON, or contains ADVICE (UNRECTIFIED_REASON,
#      _ADVICE_BY_GRADE: the advice reasons a user reads, plus the grade and
#      action words next to them). Choice lists such as DEVIATION_REASONS
#      are not messages; they reach zh.po as Select options of a DocType;
#   4. it contains a positional placeholder {0}…{9} (catch-all).

RULES_CONSTANT_NAMES = re.compile(r"MESSAGES?$|REASON$|ADVICE")
PLACEHOLDER_INDEX = re.compile(r"\{\d\}")


def _message_positions(trees: Iterable[ast.AST]) -> dict[str, int | None]:
	"""Callable name -> positional index of its ``message`` parameter (None: keyword only)."""
	positions: dict[str, int | None] = {}

	def from_args(args: ast.arguments, skip_self: bool) -> int | bool | None:
		names = [a.arg for a in (*args.posonlyargs, *args.args)]
		if skip_self and names:
			names = names[1:]
		if "message" in names:
			return names.index("message")
		if any(a.arg == "message" for a in args.kwonlyargs):
			return None
		return False

	for tree in trees:
		for node in ast.walk(tree):
			if isinstance(node, ast.FunctionDef):
				pos = from_args(node.args, skip_self=False)
				if pos is not False:
					positions.setdefault(node.name, pos)
			elif isinstance(node, ast.ClassDef):
				init = next(
					(n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None
				)
				if init is not None:
					pos = from_args(init.args, skip_self=True)
				else:  # dataclass: fields in order
					names = [
						n.target.id
						for n in node.body
						if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
					]
					pos = names.index("message") if "message" in names else False
				if pos is not False:
					positions[node.name] = pos
	return positions


def _docstring_nodes(tree: ast.AST) -> set[int]:
	ids = set()
	for node in ast.walk(tree):
		if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
			body = node.body
			if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
				ids.add(id(body[0].value))
	return ids


def _str_constants(node: ast.AST) -> Iterator[ast.Constant]:
	for sub in ast.walk(node):
		if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
			yield sub


@cache
def _rules_trees() -> tuple[tuple[Path, ast.AST | None, str | None], ...]:
	out = []
	for path in python_files(RULES_DIR):
		try:
			out.append((path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), None))
		except (SyntaxError, UnicodeDecodeError) as e:
			out.append((path, None, f"{rel(path)}: cannot parse: {e}"))
	return tuple(out)


def _extract_rules_messages(ex: Extraction, path: Path) -> None:
	trees = _rules_trees()
	entry = next((t for t in trees if t[0] == path), None)
	if entry is None or entry[1] is None:
		if entry and entry[2]:
			ex.errors.append(entry[2])
		return
	tree = entry[1]
	positions = _message_positions(t for _, t, _ in trees if t is not None)
	docstrings = _docstring_nodes(tree)
	found: dict[int, tuple[ast.Constant, str]] = {}

	def take(node: ast.AST, why: str) -> None:
		if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
			found.setdefault(id(node), (node, why))

	for node in ast.walk(tree):
		if isinstance(node, ast.Call):  # rule 1
			func = node.func
			name = (
				func.id
				if isinstance(func, ast.Name)
				else func.attr
				if isinstance(func, ast.Attribute)
				else None
			)
			if name in positions:
				pos = positions[name]
				before = node.args[:pos] if pos is not None else []
				if (
					pos is not None
					and pos < len(node.args)
					and not any(isinstance(a, ast.Starred) for a in before)
				):
					take(node.args[pos], f"message of {name}()")
				for kw in node.keywords:
					if kw.arg == "message":
						take(kw.value, f"message of {name}()")
		elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Tuple):
			take(node.elts[0], "(message, args) pair")  # rule 2
	for stmt in getattr(tree, "body", []):  # rule 3
		targets = []
		if isinstance(stmt, ast.Assign):
			targets = [t.id for t in stmt.targets if isinstance(t, ast.Name)]
		elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
			targets = [stmt.target.id]
		if any(RULES_CONSTANT_NAMES.search(t) for t in targets):
			for const in _str_constants(stmt.value):
				take(const, f"constant {targets[0]}")
	for const in _str_constants(tree):  # rule 4
		if PLACEHOLDER_INDEX.search(const.value):
			take(const, "has a {0} placeholder")

	for const, why in sorted(found.values(), key=lambda item: (item[0].lineno, item[0].col_offset)):
		ex.add(const.value, f"{rel(path)}:{const.lineno} ({why})")


# --------------------------------------------------------------------------
# PO files (a tiny reader/writer; no babel dependency)
# --------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
	"""The str.format placeholders of ``text`` as a sorted list ({0}, {1}, {name}…)."""
	return sorted(PLACEHOLDER.findall(text))


class PoError(ValueError):
	pass


@dataclass
class PoEntry:
	msgid: str
	msgstr: str = ""
	msgctxt: str | None = None
	msgid_plural: str | None = None
	msgstr_plural: dict[int, str] = field(default_factory=dict)
	flags: list[str] = field(default_factory=list)
	comments: list[str] = field(default_factory=list)  # raw "#…" lines other than flags
	line: int = 0

	@property
	def key(self) -> tuple[str | None, str]:
		return (self.msgctxt, self.msgid)

	@property
	def fuzzy(self) -> bool:
		return "fuzzy" in self.flags

	@property
	def translations(self) -> list[str]:
		return list(self.msgstr_plural.values()) if self.msgid_plural is not None else [self.msgstr]

	@property
	def translated(self) -> bool:
		return not self.fuzzy and all(t.strip() for t in self.translations)

	@property
	def frappe_override(self) -> bool:
		return FRAPPE_MARK in self.comments


_PO_UNESCAPES = {
	"n": "\n",
	"t": "\t",
	"r": "\r",
	'"': '"',
	"\\": "\\",
	"a": "\a",
	"b": "\b",
	"f": "\f",
	"v": "\v",
}


def po_unquote(token: str, lineno: int) -> str:
	token = token.strip()
	if len(token) < 2 or token[0] != '"' or token[-1] != '"':
		raise PoError(f"line {lineno}: expected a quoted string, got {token!r}")
	body, out, i = token[1:-1], [], 0
	while i < len(body):
		ch = body[i]
		if ch == "\\":
			if i + 1 == len(body) or body[i + 1] not in _PO_UNESCAPES:
				raise PoError(f"line {lineno}: bad escape in {token!r}")
			out.append(_PO_UNESCAPES[body[i + 1]])
			i += 2
		elif ch == '"':
			raise PoError(f"line {lineno}: unescaped quote in {token!r}")
		else:
			out.append(ch)
			i += 1
	return "".join(out)


def po_quote(text: str) -> str:
	escaped = (
		text.replace("\\", "\\\\")
		.replace('"', '\\"')
		.replace("\n", "\\n")
		.replace("\t", "\\t")
		.replace("\r", "\\r")
	)
	return f'"{escaped}"'


_PO_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")


def parse_po(text: str) -> list[PoEntry]:
	"""Entries of a PO file, header (msgid "") included; obsolete (#~) entries are dropped."""
	entries: list[PoEntry] = []
	pending_comments: list[str] = []
	pending_flags: list[str] = []
	current: dict | None = None  # keyword -> value while an entry is being read
	last_key: str | None = None

	def finish() -> None:
		nonlocal current, last_key
		if current is None:
			return
		if "msgid" not in current:
			raise PoError(f"line {current['_line']}: entry without msgid")
		plural = {int(k[7:-1]): v for k, v in current.items() if k.startswith("msgstr[")}
		if "msgstr" not in current and not plural:
			raise PoError(f"line {current['_line']}: msgid {current['msgid']!r} has no msgstr")
		entries.append(
			PoEntry(
				msgid=current["msgid"],
				msgstr=current.get("msgstr", ""),
				msgctxt=current.get("msgctxt"),
				msgid_plural=current.get("msgid_plural"),
				msgstr_plural=plural,
				flags=current["_flags"],
				comments=current["_comments"],
				line=current["_line"],
			)
		)
		current, last_key = None, None

	for lineno, raw in enumerate(text.splitlines(), 1):
		line = raw.strip()
		if not line:
			finish()
			continue
		if line.startswith("#~"):
			finish()
			continue
		if line.startswith("#"):
			if current is not None and any(k.startswith("msgstr") for k in current):
				finish()
			if line.startswith("#,"):
				pending_flags += [f.strip() for f in line[2:].split(",") if f.strip()]
			else:
				pending_comments.append(raw.rstrip("\n"))
			continue
		if line.startswith('"'):
			if current is None or last_key is None:
				raise PoError(f"line {lineno}: string continuation outside an entry")
			current[last_key] += po_unquote(line, lineno)
			continue
		m = _PO_KEYWORD.match(line)
		if not m:
			raise PoError(f"line {lineno}: cannot read {raw!r}")
		keyword = m.group(1)
		starts_new = keyword in ("msgctxt", "msgid") and (
			current is None or any(k.startswith("msgstr") for k in current)
		)
		if starts_new:
			finish()
		if current is None:
			current = {"_line": lineno, "_flags": pending_flags, "_comments": pending_comments}
			pending_flags, pending_comments = [], []
		if keyword in current:
			raise PoError(f"line {lineno}: {keyword} given twice in one entry")
		current[keyword] = po_unquote(m.group(3), lineno)
		last_key = keyword
	finish()
	return entries


def read_po(path: Path = ZH_PO) -> list[PoEntry]:
	return parse_po(Path(path).read_text(encoding="utf-8"))


def header_fields(entries: list[PoEntry]) -> dict[str, str]:
	header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
	out = {}
	for line in (header.msgstr if header else "").split("\n"):
		if ":" in line:
			key, value = line.split(":", 1)
			out[key.strip()] = value.strip()
	return out


DEFAULT_HEADER = {
	"Project-Id-Version": "Perf Budget",
	"Report-Msgid-Bugs-To": "perf-budget@example.org",
	"PO-Revision-Date": "",
	"Last-Translator": "perf_budget contributors <perf-budget@example.org>",
	"Language-Team": "Chinese <perf-budget@example.org>",
	"Language": "zh",
	"MIME-Version": "1.0",
	"Content-Type": "text/plain; charset=UTF-8",
	"Content-Transfer-Encoding": "8bit",
	"Plural-Forms": "nplurals=1; plural=0;",
}


def format_po(entries: list[PoEntry], header: dict[str, str] | None = None) -> str:
	"""A PO file: header first (Language: zh, UTF-8 forced), then entries sorted by (msgctxt, msgid)."""
	fields_ = dict(DEFAULT_HEADER)
	fields_.update(header or {})
	fields_["Language"] = "zh"
	fields_["Content-Type"] = "text/plain; charset=UTF-8"
	fields_["Content-Transfer-Encoding"] = "8bit"
	if not fields_.get("PO-Revision-Date"):
		fields_["PO-Revision-Date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
	lines = [
		"# Chinese (Simplified) translations for Perf Budget.",
		"# Edit with scripts/translations.py (missing / add).",
		'msgid ""',
		'msgstr ""',
		*(po_quote(f"{k}: {v}\n") for k, v in fields_.items()),
		"",
	]
	body = [e for e in entries if not (e.msgid == "" and e.msgctxt is None)]
	for e in sorted(body, key=lambda e: (e.msgctxt or "", e.msgid)):
		lines += [c for c in e.comments if not c.startswith("#,")]
		if e.flags:
			lines.append("#, " + ", ".join(e.flags))
		if e.msgctxt is not None:
			lines.append(f"msgctxt {po_quote(e.msgctxt)}")
		lines.append(f"msgid {po_quote(e.msgid)}")
		if e.msgid_plural is not None:
			lines.append(f"msgid_plural {po_quote(e.msgid_plural)}")
			lines += [f"msgstr[{i}] {po_quote(s)}" for i, s in sorted(e.msgstr_plural.items())]
		else:
			lines.append(f"msgstr {po_quote(e.msgstr)}")
		lines.append("")
	return "\n".join(lines)


def translated_msgids(entries: list[PoEntry]) -> set[str]:
	"""msgids with a usable translation for a plain _() lookup (no context, not fuzzy, non-empty)."""
	return {e.msgid for e in entries if e.msgctxt is None and e.msgid and e.translated}


def missing_translations(ex: Extraction | None = None, po_path: Path = ZH_PO) -> list[str]:
	ex = ex or extract_messages()
	done = translated_msgids(read_po(po_path)) if Path(po_path).exists() else set()
	return sorted(m for m in ex.messages if m not in done)


# TSV cells used by scripts/translations.py ("msgid<TAB>msgstr"): \\, \t and \n escaped.
def tsv_escape(text: str) -> str:
	return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def tsv_unescape(text: str) -> str:
	out, i = [], 0
	while i < len(text):
		if text[i] == "\\" and i + 1 < len(text):
			out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
			i += 2
		else:
			out.append(text[i])
			i += 1
	return "".join(out)
