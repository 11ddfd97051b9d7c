"""The app's own files as plain data, read without Frappe.

Shared by scripts/translations.py, scripts/app_strings.py and the tier-1
static checks (tests/). Nothing here imports Frappe or the app.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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


def select_options(options) -> list[str]:
	"""Select option lines without the empty ones (Frappe stores "\\nA\\nB" for an empty first choice)."""
	if not isinstance(options, str):
		return []
	return [line for line in options.split("\n") if line.strip()]
