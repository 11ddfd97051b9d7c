"""Desk boot: the performance year the dashboard shows, the precision scores are shown with,
the role lists the desk checks."""

import frappe

from perf_budget.roles import FINANCE_ROLES, PUBLISHER_ROLES
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import desk_chains


def boot_session(bootinfo):
	bootinfo.perf_budget_year = current_year()
	bootinfo.perf_budget_score_precision = get_rules().score_precision
	# the role lists the desk checks (perf_budget.has_any_role), from perf_budget/roles.py
	bootinfo.perf_budget_roles = {"finance": FINANCE_ROLES, "publishers": PUBLISHER_ROLES}
	# the review chains' stages and steps (perf_budget.chosen_step), from the live workflows
	bootinfo.perf_budget_chains = desk_chains()


def current_year() -> str:
	"""The latest open Performance Year whose execution is under way (it has
	monitoring or self-evaluation records); otherwise the latest open year.
	Goals for next year's budget are filed long before that year runs, so a
	year with goals only is not yet "current"."""
	years = frappe.get_all("Performance Year", filters={"status": "Open"}, pluck="name", order_by="year desc")
	for year in years:
		if frappe.db.exists("Performance Monitoring", {"performance_year": year}) or frappe.db.exists(
			"Performance Evaluation", {"performance_year": year}
		):
			return year
	return years[0] if years else ""
