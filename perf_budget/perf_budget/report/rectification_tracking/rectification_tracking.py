# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Rectification Tracking (SPEC 6, art. 24): every rectification with where
it stands — open, overdue, completed — its age and days overdue, by unit.
One query, which also counts the days (DATEDIFF), not Python row by row."""

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import IfNull
from frappe.utils import getdate, nowdate
from pypika.terms import CustomFunction

from perf_budget.permissions import restrict_to_units

# "Open" on this report: not finished and not overdue (finance may still be drafting it).
OPEN_STATUSES = ("Not Sent", "In Progress", "Under Review")
UNFINISHED_STATUSES = (*OPEN_STATUSES, "Overdue")
STATUSES = (*UNFINISHED_STATUSES, "Completed", "Cancelled")
PROBLEM_CHARS = 60
FIELDS = (  # in the order fetch reads them
	"name",
	"budget_unit",
	"project_code",
	"project_name",
	"source_doctype",
	"source_name",
	"source_description",
	"problem",
	"notice_date",
	"due_date",
	"status",
	"workflow_state",
)
DATEDIFF = CustomFunction("DATEDIFF", ["end", "start"])  # whole days, the time of day ignored


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = fetch(filters)
	return columns(), rows, None, unit_chart(rows), summary(rows)


def fetch(filters, today=None) -> list[dict]:
	today = getdate(today or nowdate())
	rect = frappe.qb.DocType("Rectification")
	# overdue first, then open, then the rest; oldest due date first within each
	order = (
		Case()
		.when(rect.status == "Overdue", 0)
		.when(rect.status.isin(OPEN_STATUSES), 1)
		.when(rect.status == "Completed", 2)
		.else_(3)
	)
	query = (
		frappe.qb.from_(rect)
		.select(
			*(rect[f] for f in FIELDS),
			# not sent yet: counted from when finance made it
			DATEDIFF(today, IfNull(rect.notice_date, rect.creation)).as_("age_days"),
			Case()
			.when((rect.status == "Overdue") & rect.due_date.isnotnull(), DATEDIFF(today, rect.due_date))
			.as_("days_overdue"),
		)
		.orderby(order)
		.orderby(rect.due_date, order=Order.asc)
		.orderby(rect.name)
	)
	query = query.where(rect.docstatus < 2) if filters.status != "Cancelled" else query
	for field in ("performance_year", "budget_unit", "status"):
		if filters.get(field):
			query = query.where(rect[field] == filters.get(field))
	if int(filters.get("only_open") or 0):
		query = query.where(rect.status.isin(UNFINISHED_STATUSES))
	label = Words()
	other = _("Other")
	# read as tuples: a frappe._dict per row and its attributes cost as much as the query
	return [
		{
			"name": name,
			"budget_unit": unit,
			"project_code": code,
			"project_name": project_name,
			"source_type": label[source_doctype] if source_doctype else (source_description or other),
			"source_doctype": source_doctype,
			"source_name": source_name,
			"problem": short(problem),
			"notice_date": notice_date,
			"due_date": due_date,
			"status": label[status],
			"workflow_state": label[workflow_state],
			"age_days": age_days,
			"days_overdue": days_overdue,
			"_status": status,
		}
		for (
			name,
			unit,
			code,
			project_name,
			source_doctype,
			source_name,
			source_description,
			problem,
			notice_date,
			due_date,
			status,
			workflow_state,
			age_days,
			days_overdue,
		) in restrict_to_units(query, rect).run()
	]


class Words(dict):
	"""A stored word in the reader's language ("" for none), each translated
	once per report, not once per row."""

	def __missing__(self, word):
		self[word] = _(word) if word else ""
		return self[word]


def short(text: str | None) -> str:
	"""The problem's first line, cut to PROBLEM_CHARS with "…"."""
	text = text.strip() if text else ""
	line = text.splitlines()[0] if text else ""
	return line if len(line) <= PROBLEM_CHARS else line[: PROBLEM_CHARS - 1] + "…"


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Rectification"),
			"fieldtype": "Link",
			"options": "Rectification",
			"width": 150,
		},
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 150,
		},
		{"fieldname": "project_code", "label": _("Project Code"), "fieldtype": "Data", "width": 100},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "source_type", "label": _("Source Type"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "source_name",
			"label": _("Source Record"),
			"fieldtype": "Dynamic Link",
			"options": "source_doctype",
			"width": 140,
		},
		{"fieldname": "problem", "label": _("Problem Found"), "fieldtype": "Data", "width": 220},
		{"fieldname": "notice_date", "label": _("Sent to Unit On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "due_date", "label": _("Rectification Due"), "fieldtype": "Date", "width": 100},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 90},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 110},
		{"fieldname": "age_days", "label": _("Age (Days)"), "fieldtype": "Int", "width": 80},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
	]


def unit_chart(rows: list[dict]) -> dict | None:
	counts: dict[str, dict[str, int]] = {}
	for row in rows:
		if row["_status"] in UNFINISHED_STATUSES:
			unit = counts.setdefault(row["budget_unit"], {"open": 0, "overdue": 0})
			unit["overdue" if row["_status"] == "Overdue" else "open"] += 1
	if not counts:
		return None
	units = sorted(counts)
	return {
		"data": {
			"labels": units,
			"datasets": [
				{"name": _("Open, Not Overdue"), "values": [counts[unit]["open"] for unit in units]},
				{"name": _("Overdue"), "values": [counts[unit]["overdue"] for unit in units]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#f0ad4e", "#e24c4c"],
	}


def summary(rows: list[dict]) -> list[dict]:
	groups = (
		(_("Open, Not Overdue"), OPEN_STATUSES, "Orange"),
		(_("Overdue"), ("Overdue",), "Red"),
		(_("Completed"), ("Completed",), "Green"),
	)
	return [
		{
			"value": sum(1 for row in rows if row["_status"] in statuses),
			"label": label,
			"datatype": "Int",
			"indicator": colour,
		}
		for label, statuses, colour in groups
	]
