"""Desk boot: the performance year the dashboard shows, the precision scores are shown with,
the role lists the desk checks, and the cards and charts of the user's own workspaces."""

import frappe
from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config
from frappe.desk.query_report import get_script

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
	bootinfo.perf_budget_widgets = workspace_widgets(bootinfo.get("allowed_workspaces") or [])


def workspace_widgets(workspaces: list[dict]) -> dict:
	"""The number cards and dashboard charts of the app's workspaces this user
	sees (Frappe's sidebar pages), with the code of their chart sources and
	reports. The desk otherwise fetches each card's and chart's definition, then
	each chart source's or report's code, before it can ask for a single figure:
	two rounds of a dozen requests on every home page, and a report chart waits
	for all of them (public/js/workspace_widgets.js uses what is here instead)."""
	visible = [page["name"] for page in workspaces if page.get("module") == "Perf Budget"]
	docs, sources, reports = [], {}, {}
	for doctype, child, field in (
		("Number Card", "Workspace Number Card", "number_card_name"),
		("Dashboard Chart", "Workspace Chart", "chart_name"),
	):
		names = frappe.get_all(
			child, filters={"parent": ["in", visible or [""]], "parenttype": "Workspace"}, pluck=field
		)
		for name in sorted(set(names)):
			doc = frappe.get_cached_doc(doctype, name)
			if not doc.has_permission("read"):
				continue
			docs.append(doc.as_dict())
			if doctype == "Dashboard Chart" and doc.chart_type == "Custom" and doc.source:
				sources.setdefault(doc.source, get_config(doc.source))
			if doctype == "Dashboard Chart" and doc.chart_type == "Report" and may_run(doc.report_name):
				reports.setdefault(doc.report_name, get_script(doc.report_name))
	return {"docs": docs, "chart_sources": sources, "reports": reports}


def may_run(report_name: str) -> bool:
	"""What get_script checks, without the message it throws."""
	report = frappe.get_cached_doc("Report", report_name)
	return report.is_permitted() and bool(frappe.has_permission(report.ref_doctype, "report"))


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
