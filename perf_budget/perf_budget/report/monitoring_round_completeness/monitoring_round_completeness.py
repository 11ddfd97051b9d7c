# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Who has not reported for a monitoring round: every current confirmed goal
of the year with its monitoring record — submitted, not submitted, or
missing (no record at all) —, then each unit's confirmed department-wide goal
with its department monitoring. Missing is shown as missing, never as zero.
One query each (goals left-joined to the round's records)."""

import functools
from collections import Counter

import frappe
from frappe import _

from perf_budget.permissions import restrict_to_units
from perf_budget.workflow.chains import chain


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not (filters.performance_year and filters.period_end_month):
		return columns(), [], _("Choose a performance year and the round's last month."), None, []
	rows = fetch(filters) + department_rows(filters)
	return columns(), rows, None, None, summary(rows)


def fetch(filters) -> list[dict]:
	goal, mo = frappe.qb.DocType("Performance Goal"), frappe.qb.DocType("Performance Monitoring")
	query = (
		frappe.qb.from_(goal)
		.left_join(mo)
		.on(
			(mo.performance_goal == goal.name)
			& (mo.period_end_month == int(filters.period_end_month))
			& (mo.docstatus < 2)
		)
		.select(
			goal.budget_unit,
			goal.project_code,
			goal.project_name,
			mo.name.as_("performance_monitoring"),
			mo.workflow_state,
			mo.docstatus,
			mo.round_deadline,
		)
		.where(goal.performance_year == filters.performance_year)
		.where(goal.docstatus == 1)
		.where(goal.is_current == 1)
		.orderby(goal.budget_unit)
		.orderby(goal.project_code)
	)
	if filters.budget_unit:
		query = query.where(goal.budget_unit == filters.budget_unit)
	status, say = status_of("Performance Monitoring"), Words()
	# read as tuples: a frappe._dict per row and its attributes cost a third of the query
	return [
		{
			"budget_unit": unit,
			"project_code": code,
			"project_name": project_name,
			"monitoring_doctype": "Performance Monitoring",
			"performance_monitoring": record,
			"status": status(record, state, docstatus),
			"workflow_state": say[state],
			"round_deadline": deadline,
		}
		for unit, code, project_name, record, state, docstatus, deadline in restrict_to_units(
			query, goal
		).run()
	]


def department_rows(filters) -> list[dict]:
	"""The round's department-wide records (部门整体支出绩效监控): one per unit
	whose department goal is confirmed. Kept apart from ``fetch``, whose rows
	the monitoring report counts as projects."""
	goal, mo = (
		frappe.qb.DocType("Department Performance Goal"),
		frappe.qb.DocType("Department Performance Monitoring"),
	)
	query = (
		frappe.qb.from_(goal)
		.left_join(mo)
		.on(
			(mo.department_goal == goal.name)
			& (mo.period_end_month == int(filters.period_end_month))
			& (mo.docstatus < 2)
		)
		.select(goal.budget_unit, mo.name, mo.workflow_state, mo.docstatus, mo.round_deadline)
		.where(goal.performance_year == filters.performance_year)
		.where(goal.docstatus == 1)
		.orderby(goal.budget_unit)
	)
	if filters.budget_unit:
		query = query.where(goal.budget_unit == filters.budget_unit)
	doctype = "Department Performance Monitoring"
	status, say, whole = status_of(doctype), Words(), _("Department as a Whole")
	return [
		{
			"budget_unit": unit,
			"project_code": "",
			"project_name": whole,
			"monitoring_doctype": doctype,
			"performance_monitoring": record,
			"status": status(record, state, docstatus),
			"workflow_state": say[state],
			"round_deadline": deadline,
		}
		for unit, record, state, docstatus, deadline in restrict_to_units(query, goal).run()
	]


def status_of(doctype: str):
	"""(record, state, docstatus) -> Missing, Submitted or Not Submitted in the
	reader's language; the chain read and the words translated once per
	report, not once per row (5,000 rows at city scale)."""
	steps = chain(doctype)
	missing, submitted, not_submitted = _("Missing"), _("Submitted"), _("Not Submitted")
	filing = functools.cache(lambda state: steps.is_in(state, "filing"))

	def status(record, state, docstatus) -> str:
		if not record:
			return missing
		if docstatus == 1 or not filing(state):
			return submitted
		return not_submitted

	return status


class Words(dict):
	"""A stored word in the reader's language ("" for none), each translated once."""

	def __missing__(self, word):
		self[word] = _(word) if word else ""
		return self[word]


def columns() -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 160,
		},
		{"fieldname": "project_code", "label": _("Project Code"), "fieldtype": "Data", "width": 110},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
		{"fieldname": "monitoring_doctype", "label": _("Document Type"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "performance_monitoring",
			"label": _("Performance Monitoring"),
			"fieldtype": "Dynamic Link",
			"options": "monitoring_doctype",
			"width": 150,
		},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 120},
		{"fieldname": "round_deadline", "label": _("Round Deadline"), "fieldtype": "Date", "width": 100},
	]


def summary(rows: list[dict]) -> list[dict]:
	colours = {"Submitted": "Green", "Not Submitted": "Orange", "Missing": "Red"}
	counts = Counter(row["status"] for row in rows)
	return [
		{"value": counts[_(status)], "label": _(status), "datatype": "Int", "indicator": colour}
		for status, colour in colours.items()
	]
