# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Self-Evaluation Scores: ranking of a year's projects, or averages by unit,
with the grade distribution and level-1 averages. One query, then pandas."""

import frappe
import pandas as pd
from frappe import _
from frappe.utils import flt

from perf_budget.permissions import restrict_to_units

GRADES = ("Excellent", "Good", "Fair", "Poor")
SCORES = ("execution_score", "output_score", "effect_score", "satisfaction_score", "total_score")
FIELDS = ("name", "project_name", "budget_unit", "workflow_state", "execution_rate", *SCORES, "grade")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	evaluations = fetch(filters)
	by_unit = filters.group_by == "Budget Unit"
	rows = unit_averages(evaluations) if by_unit else ranking(evaluations)
	return columns(by_unit), rows, None, grade_chart(evaluations), level_summary(evaluations)


def fetch(filters) -> pd.DataFrame:
	ev = frappe.qb.DocType("Performance Evaluation")
	query = frappe.qb.from_(ev).select(*(ev[f] for f in FIELDS)).where(ev.docstatus < 2)
	if filters.performance_year:
		query = query.where(ev.performance_year == filters.performance_year)
	if filters.budget_unit:
		query = query.where(ev.budget_unit == filters.budget_unit)
	if filters.grade:
		query = query.where(ev.grade == filters.grade)
	if filters.submitted_only:
		query = query.where(ev.docstatus == 1)
	query = restrict_to_units(query, ev)
	frame = pd.DataFrame.from_records(query.run(), columns=list(FIELDS))
	for field in ("execution_rate", *SCORES):
		frame[field] = frame[field].astype(float)
	return frame


def ranking(frame: pd.DataFrame) -> list[dict]:
	if frame.empty:
		return []
	frame = frame.sort_values(["total_score", "project_name"], ascending=[False, True]).reset_index(drop=True)
	frame["rank"] = frame["total_score"].rank(method="min", ascending=False).astype(int)
	frame["grade"] = frame["grade"].map(lambda g: _(g) if g else "")
	frame["workflow_state"] = frame["workflow_state"].map(lambda s: _(s) if s else "")
	return frame.to_dict("records")


def unit_averages(frame: pd.DataFrame) -> list[dict]:
	if frame.empty:
		return []
	grouped = frame.groupby("budget_unit").agg(
		projects=("name", "size"), **{f: (f, "mean") for f in ("execution_rate", *SCORES)}
	)
	grouped = grouped.sort_values("total_score", ascending=False).reset_index()
	return [
		{k: (flt(v, 2) if isinstance(v, float) else v) for k, v in row.items()}
		for row in grouped.to_dict("records")
	]


def columns(by_unit: bool) -> list[dict]:
	score_columns = [
		{"fieldname": "execution_rate", "label": _("Execution Rate"), "fieldtype": "Percent", "width": 100},
		{
			"fieldname": "execution_score",
			"label": _("Execution Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "output_score",
			"label": _("Output Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "effect_score",
			"label": _("Effect Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 100,
		},
		{
			"fieldname": "satisfaction_score",
			"label": _("Satisfaction Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "total_score",
			"label": _("Total Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 90,
		},
	]
	unit = {
		"fieldname": "budget_unit",
		"label": _("Budget Unit"),
		"fieldtype": "Link",
		"options": "Budget Unit",
		"width": 160,
	}
	if by_unit:
		return [
			unit,
			{"fieldname": "projects", "label": _("Projects"), "fieldtype": "Int", "width": 80},
			*score_columns,
		]
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 60},
		{
			"fieldname": "name",
			"label": _("Performance Evaluation"),
			"fieldtype": "Link",
			"options": "Performance Evaluation",
			"width": 140,
		},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 200},
		unit,
		*score_columns,
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 70},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 120},
	]


def grade_chart(frame: pd.DataFrame) -> dict | None:
	if frame.empty:
		return None
	counts = frame["grade"].value_counts()
	return {
		"data": {
			"labels": [_(grade) for grade in GRADES],
			"datasets": [{"name": _("Projects"), "values": [int(counts.get(grade, 0)) for grade in GRADES]}],
		},
		"type": "bar",
		"colors": ["#29cd42"],
	}


def level_summary(frame: pd.DataFrame) -> list[dict]:
	"""Averages by level-1 indicator, shown above the table."""
	if frame.empty:
		return []
	labels = {
		"execution_score": _("Execution Score"),
		"output_score": _("Output Score"),
		"effect_score": _("Effect Score"),
		"satisfaction_score": _("Satisfaction Score"),
		"total_score": _("Average Total Score"),
	}
	return [
		{"value": flt(frame[field].mean(), 2), "label": label, "datatype": "Float", "indicator": "Blue"}
		for field, label in labels.items()
	]
