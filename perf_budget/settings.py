"""The one accessor for Perf Budget Settings (read once per request): the rule
parameters it holds become a ``rules.parameters.Rules``."""

import frappe

from perf_budget.rules.parameters import Rules


def get_settings():
	return frappe.get_cached_doc("Perf Budget Settings")


def get_rules() -> Rules:
	if getattr(frappe.local, "perf_budget_rules", None) is None:
		frappe.local.perf_budget_rules = Rules.from_mapping(get_settings().as_dict())
	return frappe.local.perf_budget_rules


def clear_rules_cache() -> None:
	frappe.local.perf_budget_rules = None


def result_synonyms() -> dict[str, str]:
	"""Everyday words for qualitative results the Excel imports accept (好 -> Achieved…)."""
	from perf_budget.excel.vocabulary import parse_synonyms

	return parse_synonyms(get_settings().get("qualitative_synonyms"))[0]
