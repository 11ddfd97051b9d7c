# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Goal Review Summary: goals of a year by unit, workflow state and review
rating, with counts and amounts (万元). One query, then pandas."""

import frappe
import pandas as pd
from frappe import _
from frappe.utils import flt

from perf_budget.permissions import restrict_to_units

AMOUNTS = ("total_amount", "fiscal_amount", "other_amount")
KEYS = ["budget_unit", "workflow_state", "review_rating"]


def execute(filters=None):
	filters = frappe._dict(filters or {})
	goals = fetch_goals(filters)
	rows = summarise(goals)
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
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 140},
		{"fieldname": "review_rating", "label": _("Overall Rating"), "fieldtype": "Data", "width": 110},
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


def fetch_goals(filters) -> pd.DataFrame:
	goal = frappe.qb.DocType("Performance Goal")
	query = (
		frappe.qb.from_(goal)
		.select(
			goal.budget_unit,
			goal.workflow_state,
			goal.review_rating,
			goal.is_key_project,
			*(goal[f] for f in AMOUNTS),
		)
		# superseded versions are history, not work: count each goal once
		.where((goal.docstatus == 0) | (goal.is_current == 1))
	)
	if filters.performance_year:
		query = query.where(goal.performance_year == filters.performance_year)
	if filters.budget_unit:
		query = query.where(goal.budget_unit == filters.budget_unit)
	if filters.workflow_state:
		query = query.where(goal.workflow_state == filters.workflow_state)
	query = restrict_to_units(query, goal)
	return pd.DataFrame.from_records(query.run(), columns=[*KEYS, "is_key_project", *AMOUNTS])


def summarise(goals: pd.DataFrame) -> list[dict]:
	if goals.empty:
		return []
	goals = goals.fillna({"review_rating": "", "workflow_state": ""})
	grouped = (
		goals.groupby(KEYS, sort=True)
		.agg(
			goals=("budget_unit", "size"),
			key_projects=("is_key_project", "sum"),
			**{f: (f, "sum") for f in AMOUNTS},
		)
		.reset_index()
	)
	rows = []
	for record in grouped.to_dict("records"):
		rows.append(
			{
				"budget_unit": record["budget_unit"],
				"workflow_state": _(record["workflow_state"]) if record["workflow_state"] else "",
				"review_rating": _(record["review_rating"]) if record["review_rating"] else "",
				"goals": int(record["goals"]),
				"key_projects": int(record["key_projects"]),
				**{f: flt(record[f], 2) for f in AMOUNTS},
			}
		)
	return rows


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	by_state = pd.DataFrame(rows).groupby("workflow_state")["goals"].sum()
	return {
		"data": {
			"labels": list(by_state.index),
			"datasets": [{"name": _("Goals"), "values": [int(v) for v in by_state.values]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}
