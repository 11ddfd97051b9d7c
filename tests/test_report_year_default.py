"""Every report with a performance_year filter opens on the running year.

Tier 1: plain pytest, no Frappe. A required filter without a value makes
Frappe 15's query report throw "Filter missing" (a JS error) the moment the
report opens, so each such filter defaults to the running year the dashboard
uses (frappe.boot.perf_budget_year, perf_budget/boot.py)."""

import re
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parents[1] / "perf_budget" / "perf_budget" / "report"
REPORT_SCRIPTS = sorted(REPORTS.glob("*/*.js"))
FILTERS = re.compile(r"\bfilters\s*:\s*\[")


def object_literals(text: str, start: int) -> list[str]:
	"""The top-level ``{…}`` literals of the array opening at ``text[start]``."""
	found, depth, begin, quote, i = [], 0, None, None, start + 1
	while i < len(text):
		ch = text[i]
		if quote:
			if ch == "\\":
				i += 1
			elif ch == quote:
				quote = None
		elif ch in "\"'`":
			quote = ch
		elif ch in "{[(":
			if depth == 0 and ch == "{":
				begin = i
			depth += 1
		elif ch in "}])":
			if depth == 0:  # the array's own ]
				return found
			depth -= 1
			if depth == 0 and ch == "}":
				found.append(text[begin : i + 1])
		i += 1
	raise AssertionError("unterminated filters array")


def report_filters(path: Path) -> list[str]:
	text = path.read_text(encoding="utf-8")
	match = FILTERS.search(text)
	return object_literals(text, match.end() - 1) if match else []


def key(literal: str, name: str) -> str | None:
	"""The source text of ``name: value`` in a filter literal (None when absent)."""
	match = re.search(rf"\b{name}\s*:\s*([^,\n}}]+)", literal)
	return match.group(1).strip() if match else None


def test_the_reports_are_found():
	assert len(REPORT_SCRIPTS) >= 9
	assert all(report_filters(path) for path in REPORT_SCRIPTS)


@pytest.mark.parametrize("path", REPORT_SCRIPTS, ids=lambda p: p.parent.name)
def test_every_year_filter_opens_on_the_running_year(path):
	"""Required or not, a report opens on the running year (issue 12); the user may clear it."""
	years = [
		literal
		for literal in report_filters(path)
		if key(literal, "fieldname") in ('"performance_year"', "'performance_year'")
	]
	assert years, f"{path.name}: no performance_year filter"
	for literal in years:
		assert key(literal, "default") == "frappe.boot.perf_budget_year", (
			f"{path.name}: the performance_year filter needs "
			"default: frappe.boot.perf_budget_year (the running year)"
		)


def test_the_check_sees_a_missing_default():
	text = 'x = { filters: [ { fieldname: "performance_year", reqd: 1 }, { fieldname: "b", default: 1 } ] };'
	literals = object_literals(text, FILTERS.search(text).end() - 1)
	assert len(literals) == 2
	assert key(literals[0], "reqd") == "1" and key(literals[0], "default") is None
