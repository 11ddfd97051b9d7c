# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Goal Review Summary: goals of a year by unit, expenditure type (art. 19),
workflow state, review rating and ex-ante assessment (a goal that needs one and has
none concluded is Awaiting Assessment), with counts and amounts (万元). One query
grouped by the database."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import flt

from perf_budget.permissions import restrict_to_units
from perf_budget.rules.policy import EXPENDITURE_TYPES

AMOUNTS = ("total_amount", "fiscal_amount", "other_amount")
AWAITING = "Awaiting Assessment"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = summarise(fetch_groups(filters))
	return columns(), rows, None, chart(rows)


def columns():
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 180,
		},
		{"fieldname": "expenditure_type", "label": _("Expenditure Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 140},
		{"fieldname": "review_rating", "label": _("Overall Rating"), "fieldtype": "Data", "width": 110},
		{"fieldname": "ex_ante", "label": _("Ex-ante Assessment"), "fieldtype": "Data", "width": 120},
		{"fieldname": "goals", "label": _("Goals"), "fieldtype": "Int", "width": 90},
		{"fieldname": "key_projects", "label": _("Key Projects"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "total_amount",
			"label": _("Total Amount (10k Yuan)"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 150,
		},
		{
			"fieldname": "fiscal_amount",
			"label": _("Fiscal Funds (10k Yuan)"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 150,
		},
		{
			"fieldname": "other_amount",
			"label": _("Other Funds (10k Yuan)"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 150,
		},
	]


def fetch_groups(filters) -> list[dict]:
	"""Goals per unit, expenditure type, state and rating; a state or rating not set is its own group."""
	goal = frappe.qb.DocType("Performance Goal")
	state, rating = IfNull(goal.workflow_state, ""), IfNull(goal.review_rating, "")
	ex_ante = (
		Case()
		.when(IfNull(goal.ex_ante_conclusion, "") != "", goal.ex_ante_conclusion)
		.when(goal.ex_ante_required == 1, AWAITING)
		.else_("")
	)
	query = (
		frappe.qb.from_(goal)
		.select(
			goal.budget_unit,
			goal.expenditure_type,
			state.as_("workflow_state"),
			rating.as_("review_rating"),
			ex_ante.as_("ex_ante"),
			Count("*").as_("goals"),
			Sum(goal.is_key_project).as_("key_projects"),
			*(Sum(goal[f]).as_(f) for f in AMOUNTS),
		)
		# superseded versions are history, not work: count each goal once
		.where((goal.docstatus == 0) | (goal.is_current == 1))
		.groupby(goal.budget_unit, goal.expenditure_type, state, rating, ex_ante)
	)
	if filters.performance_year:
		query = query.where(goal.performance_year == filters.performance_year)
	if filters.budget_unit:
		query = query.where(goal.budget_unit == filters.budget_unit)
	if filters.expenditure_type:
		query = query.where(goal.expenditure_type == filters.expenditure_type)
	if filters.workflow_state:
		query = query.where(goal.workflow_state == filters.workflow_state)
	return restrict_to_units(query, goal).run(as_dict=True)


def summarise(groups: list[dict]) -> list[dict]:
	# in code point order, as the report always was; the database's collation
	# would fold case and order some characters otherwise
	groups = sorted(
		groups,
		key=lambda g: (
			g.budget_unit,
			EXPENDITURE_TYPES.index(g.expenditure_type),
			g.workflow_state,
			g.review_rating,
			g.ex_ante,
		),
	)
	return [
		{
			"budget_unit": group.budget_unit,
			"expenditure_type": _(group.expenditure_type),
			"workflow_state": _(group.workflow_state) if group.workflow_state else "",
			"review_rating": _(group.review_rating) if group.review_rating else "",
			"ex_ante": _(group.ex_ante) if group.ex_ante else "",
			"goals": int(group.goals),
			"key_projects": int(group.key_projects or 0),
			**{f: flt(group[f], 2) for f in AMOUNTS},
		}
		for group in groups
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	by_state: dict[str, int] = {}
	for row in rows:
		by_state[row["workflow_state"]] = by_state.get(row["workflow_state"], 0) + row["goals"]
	labels = sorted(by_state)
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _("Goals"), "values": [by_state[label] for label in labels]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}
