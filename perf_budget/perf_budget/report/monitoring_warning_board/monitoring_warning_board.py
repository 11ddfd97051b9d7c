# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Monitoring Warning Board (SPEC 4.3): every project's lights for a round,
execution against time, and deviation reasons by category. One query for
the records, one aggregate for the reasons."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Sum
from frappe.utils import flt

from perf_budget.permissions import restrict_to_units
from perf_budget.workflow.chains import chain

LIGHTS = ("Red", "Yellow", "Green")
REASONS = {
	"reason_funding": "Reason: Funding",
	"reason_rules": "Reason: Rules and Systems",
	"reason_staffing": "Reason: Staffing",
	"reason_conditions": "Reason: Equipment and Conditions",
	"reason_other": "Reason: Other",
}
FIELDS = (
	"name",
	"project_name",
	"budget_unit",
	"period_end_month",
	"execution_rate",
	"time_adjusted_rate",
	"execution_light",
	"red_indicators",
	"warning_level",
	"workflow_state",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = fetch(filters)
	reasons = reason_counts(filters)
	return columns(), rows, None, reason_chart(reasons), light_summary(rows)


def monitorings(filters):
	mo = frappe.qb.DocType("Performance Monitoring")
	query = frappe.qb.from_(mo).where(mo.docstatus < 2)
	for field in ("performance_year", "period_end_month", "budget_unit", "warning_level"):
		if filters.get(field):
			query = query.where(mo[field] == filters.get(field))
	return restrict_to_units(query, mo), mo


def fetch(filters) -> list[dict]:
	query, mo = monitorings(filters)
	# red first, then yellow: the board is read from the top
	order = Case().when(mo.warning_level == "Red", 0).when(mo.warning_level == "Yellow", 1).else_(2)
	query = query.select(*(mo[f] for f in FIELDS)).orderby(order).orderby(mo.time_adjusted_rate)
	labels = {value: _(value) for value in (*LIGHTS, *chain("Performance Monitoring").stage)}
	rows = []
	for record in query.run(as_dict=True):
		for field in ("execution_light", "warning_level", "workflow_state"):
			record[field] = labels.get(record[field], record[field] or "")
		record["execution_rate"] = flt(record["execution_rate"], 2)
		record["time_adjusted_rate"] = flt(record["time_adjusted_rate"], 2)
		rows.append(dict(record))
	return rows


def reason_counts(filters) -> dict[str, int]:
	"""Indicator rows that give a reason in each of the five categories."""
	query, mo = monitorings(filters)
	row = frappe.qb.DocType("Monitoring Indicator")
	query = (
		query.join(row)
		.on((row.parent == mo.name) & (row.parenttype == "Performance Monitoring"))
		.select(
			*(
				Sum(Case().when(row[field].isnotnull() & (row[field] != ""), 1).else_(0)).as_(field)
				for field in REASONS
			)
		)
	)
	counts = query.run(as_dict=True)[0]
	return {field: int(counts[field] or 0) for field in REASONS}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Performance Monitoring"),
			"fieldtype": "Link",
			"options": "Performance Monitoring",
			"width": 150,
		},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 150,
		},
		{"fieldname": "period_end_month", "label": _("Months 1 to"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "execution_rate",
			"label": _("Execution Rate"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "time_adjusted_rate",
			"label": _("Time-Adjusted Execution"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 120,
		},
		{"fieldname": "execution_light", "label": _("Execution Light"), "fieldtype": "Data", "width": 100},
		{"fieldname": "red_indicators", "label": _("Red Indicators"), "fieldtype": "Int", "width": 90},
		{"fieldname": "warning_level", "label": _("Warning Level"), "fieldtype": "Data", "width": 90},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 120},
	]


def reason_chart(reasons: dict[str, int]) -> dict | None:
	if not any(reasons.values()):
		return None
	return {
		"data": {
			"labels": [_(label) for label in REASONS.values()],
			"datasets": [{"name": _("Deviation Reasons"), "values": list(reasons.values())}],
		},
		"type": "bar",
		"colors": ["#e24c4c"],
	}


def light_summary(rows: list[dict]) -> list[dict]:
	indicator = {"Red": "Red", "Yellow": "Orange", "Green": "Green"}
	counts = Counter(row["warning_level"] for row in rows)  # the rows hold the lights translated
	return [
		{"value": counts[_(light)], "label": _(light), "datatype": "Int", "indicator": indicator[light]}
		for light in LIGHTS
	]
