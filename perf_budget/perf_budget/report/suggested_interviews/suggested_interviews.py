# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Suggested Interviews (SPEC 4.5, art. 26): units the finance section should
talk to — a project graded Poor in the year, or rectifications overdue now —
with the last interview held. The rows are those of
``performance_interview.suggested_interviews`` (set-based, unit-restricted)."""

import frappe
from frappe import _

from perf_budget.perf_budget.doctype.performance_interview.performance_interview import (
	suggested_interviews,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, []
	rows = [
		{**row, "reasons": _(", ").join(row["reasons"])}
		for row in suggested_interviews(str(filters.performance_year))
	]
	return columns(), rows, None, None, summary(rows)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 180,
		},
		{"fieldname": "poor_projects", "label": _("Projects Graded Poor"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "overdue_rectifications",
			"label": _("Overdue Rectifications"),
			"fieldtype": "Int",
			"width": 130,
		},
		{"fieldname": "reasons", "label": _("Interview Reasons"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "basis",
			"label": _("Projects Graded Poor and Basis"),
			"fieldtype": "Data",
			"width": 300,
		},
		{"fieldname": "last_interview", "label": _("Last Interview"), "fieldtype": "Date", "width": 110},
	]


def summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	return [
		{"value": len(rows), "label": _("Units to Interview"), "datatype": "Int", "indicator": "Orange"},
		{
			"value": sum(1 for row in rows if not row["last_interview"]),
			"label": _("Not Interviewed Yet"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
