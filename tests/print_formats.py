"""Shared helpers of the print-format tests: render a standard print format without Frappe.

Frappe renders print formats with a Jinja environment that does not
autoescape, so a template must escape user text itself (| e). The tests use
plain jinja2 and its sandbox (as Frappe does) with a fake ``doc``.
"""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from perf_budget.rules import figures

ROOT = Path(__file__).resolve().parent.parent
PRINT_FORMAT_DIR = ROOT / "perf_budget/perf_budget/print_format"
ENVIRONMENTS = {"plain": jinja2.Environment, "sandboxed": SandboxedEnvironment}


class FakeDoc(SimpleNamespace):
	def get(self, key, default=None):
		return getattr(self, key, default)


def load_print_format(folder: str) -> dict:
	return json.loads((PRINT_FORMAT_DIR / folder / f"{folder}.json").read_text(encoding="utf-8"))


# The app's Jinja filters (hooks.jinja, perf_budget/figures.py) with scores at 2 decimals.
FILTERS = {
	"pb_amount": figures.amount,
	"pb_rate": figures.rate,
	"pb_score": lambda value: figures.score(value, 2),
}


def renderer(print_format: dict, environment: str, filters: dict | None = None):
	"""A function doc -> HTML rendering the print format's template in the named environment."""
	env = ENVIRONMENTS[environment](autoescape=False)
	env.filters.update(filters or FILTERS)
	template = env.from_string(print_format["html"])
	return lambda doc: template.render(doc=doc)


# The look every printed government form shares (see the goal form's CSS).
CSS_NEEDLES = (
	"SimSun",
	"Noto Serif CJK SC",
	"10.5pt",
	"border-collapse",
	"1px solid black",
	"page-break-inside: avoid",
	"16pt",
)


def expected_essentials(name: str, doc_type: str) -> dict:
	"""The JSON keys that make a standard, Chinese, Jinja print format of this app."""
	return {
		"doctype": "Print Format",
		"name": name,
		"doc_type": doc_type,
		"module": "Perf Budget",
		"standard": "Yes",
		"custom_format": 1,
		"print_format_type": "Jinja",
		"disabled": 0,
		"default_print_language": "zh",
	}


def uses_frappe_globals(html: str) -> bool:
	"""Whether the template calls frappe.* or _(); it should use only ``doc``."""
	return "frappe." in html or re.search(r"\b_\(", html) is not None
