"""The year's disclosure package (arts. 15 and 25): key projects' confirmed
goals and the accepted self-evaluation results, public columns only, each
with the date it was published. Finance records publication; everybody
exports what they may see."""

import frappe
from frappe import _
from frappe.utils import nowdate

from perf_budget.excel.disclosure import PUBLIC_RESULT_COLUMNS, disclosure_workbook
from perf_budget.exchange import send_workbook
from perf_budget.exchange.goals import goal_record
from perf_budget.permissions import require_roles
from perf_budget.roles import PUBLISHER_ROLES

GOAL_FILTERS = {"is_key_project": 1, "is_current": 1, "docstatus": 1}
RESULT_FILTERS = {"docstatus": 1}


def public_goals(performance_year: str) -> list[dict]:
	"""Key projects' confirmed goals, as far as the user may see them."""
	names = frappe.get_list(
		"Performance Goal",
		filters={"performance_year": performance_year, **GOAL_FILTERS},
		pluck="name",
		order_by="budget_unit, project_code",
	)
	records = []
	for name in names:
		doc = frappe.get_doc("Performance Goal", name)
		records.append({**goal_record(doc), "published_on": doc.published_on})
	return records


def public_results(performance_year: str) -> list[dict]:
	"""Accepted self-evaluations of the year, public columns only."""
	return frappe.get_list(
		"Performance Evaluation",
		filters={"performance_year": performance_year, **RESULT_FILTERS},
		fields=[key for key, _caption, _width in PUBLIC_RESULT_COLUMNS],
		order_by="budget_unit, project_code",
	)


@frappe.whitelist()
@frappe.read_only()
def export_disclosure_package(performance_year: str):
	data = disclosure_workbook(
		performance_year, public_goals(performance_year), public_results(performance_year)
	)
	send_workbook(data, f"{performance_year}-预算绩效信息公开表.xlsx")


@frappe.whitelist(methods=["POST"])
def record_publication(performance_year: str, published_on: str | None = None) -> dict:
	"""Give every record of the package that has no publication date yet the
	date it was published (default today); dates already set stay."""
	require_roles(PUBLISHER_ROLES)
	published_on = published_on or nowdate()
	counts = {}
	for doctype, filters in (("Performance Goal", GOAL_FILTERS), ("Performance Evaluation", RESULT_FILTERS)):
		names = frappe.get_all(
			doctype,
			filters={"performance_year": performance_year, "published_on": ["is", "not set"], **filters},
			pluck="name",
		)
		for name in names:
			frappe.db.set_value(doctype, name, "published_on", published_on)
			frappe.get_doc(doctype, name).add_comment("Info", _("Published on {0}").format(published_on))
		counts[doctype] = len(names)
	return counts
