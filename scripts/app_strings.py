"""Every user-visible English string of the app: the msgids zh.po must translate.

Read without Frappe from the app's JSON, Python, JS and Jinja files (see
extract_messages for what counts). Used by scripts/translations.py and the
tier-1 test tests/test_translations.py.
"""

from __future__ import annotations

import ast
import html
import importlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app_files import (
	APP,
	ROLE_FIXTURE,
	RULES_DIR,
	JsonFileError,
	app_roles,
	doctype_files,
	fields_of,
	load_json,
	print_format_files,
	python_files,
	rel,
	report_files,
	select_options,
	source_files,
	workflow_files,
	workspace_files,
)


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
	"perf_budget.excel.goal_form",
	"perf_budget.excel.evaluation_form",
	"perf_budget.excel.monitoring_form",
	"perf_budget.excel.survey",
	"perf_budget.excel.department_goal_form",
	"perf_budget.excel.department_monitoring_form",
	"perf_budget.excel.department_evaluation_form",
	"perf_budget.budget_system.reader",
)


def _extract_form_messages(ex: Extraction) -> None:
	"""perf_budget/excel lists every message key an import can return in MESSAGES
	(the app's root must be importable: pytest's pythonpath, or translations.py's entry point)."""
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
#      tuple: the (message, args) "Problem" pairs of parameters.validate_rules;
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
