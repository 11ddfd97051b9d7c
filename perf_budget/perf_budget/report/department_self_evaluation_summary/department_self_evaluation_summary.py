# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Department self-evaluation summary (art. 23): a year's self-evaluations
by unit — projects, funds and execution, scores, grades — with the low
scorers' problems and measures and the results-application advice.
One query, then pandas; the Excel export reads the same ``summarise``."""

import frappe
import pandas as pd
from frappe import _
from frappe.utils import flt

from perf_budget.permissions import restrict_to_units
from perf_budget.rules.advice import budget_advice
from perf_budget.rules.scoring import execution_rate
from perf_budget.settings import get_rules

GRADES = ("Excellent", "Good", "Fair", "Poor")
LOW_GRADES = ("Fair", "Poor")
FIELDS = (
	"name",
	"budget_unit",
	"project_code",
	"project_name",
	"annual_budget",
	"executed_amount",
	"execution_score",
	"output_score",
	"effect_score",
	"satisfaction_score",
	"total_score",
	"grade",
	"problems",
	"improvements",
)
NUMBERS = (
	"annual_budget",
	"executed_amount",
	"execution_score",
	"output_score",
	"effect_score",
	"satisfaction_score",
	"total_score",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, []
	summary = summarise(fetch(filters))
	return (
		columns(),
		summary["units"],
		low_scorers_html(summary["low_scorers"]),
		grade_chart(summary),
		headline(summary),
	)


def fetch(filters) -> pd.DataFrame:
	ev = frappe.qb.DocType("Performance Evaluation")
	query = (
		frappe.qb.from_(ev)
		.select(*(ev[f] for f in FIELDS))
		.where(ev.performance_year == filters.performance_year)
		.where(ev.docstatus == 1 if filters.get("accepted_only", 1) else ev.docstatus < 2)
	)
	frame = pd.DataFrame.from_records(restrict_to_units(query, ev).run(), columns=list(FIELDS))
	for field in NUMBERS:
		frame[field] = frame[field].astype(float)
	return frame


def summarise(frame: pd.DataFrame) -> dict:
	"""Everything the report and its Excel export show, from one frame."""
	rules = get_rules()
	if frame.empty:
		return {
			"units": [],
			"low_scorers": [],
			"advice": [],
			"totals": {},
			"grades": dict.fromkeys(GRADES, 0),
			"levels": {},
		}
	grades = frame.pivot_table(
		index="budget_unit", columns="grade", values="name", aggfunc="count", fill_value=0
	)
	grouped = frame.groupby("budget_unit").agg(
		projects=("name", "size"),
		annual_budget=("annual_budget", "sum"),
		executed_amount=("executed_amount", "sum"),
		average_score=("total_score", "mean"),
	)
	units = []
	for unit, row in grouped.sort_values("average_score", ascending=False).iterrows():
		units.append(
			{
				"budget_unit": unit,
				"projects": int(row.projects),
				"annual_budget": flt(row.annual_budget, 2),
				"executed_amount": flt(row.executed_amount, 2),
				"execution_rate": execution_rate(row.annual_budget, row.executed_amount),
				"average_score": flt(row.average_score, 2),
				**{grade.lower(): int(grades.loc[unit].get(grade, 0)) for grade in GRADES},
			}
		)
	low = frame[frame.grade.isin(LOW_GRADES)].sort_values("total_score")
	advice = [
		{
			"project_code": row.project_code,
			"project_name": row.project_name,
			"budget_unit": row.budget_unit,
			"total_score": flt(row.total_score, 2),
			"grade": row.grade,
			"advice": (a := budget_advice(row.grade, False, rules)).action,
			"cut_percent": a.cut_percent,
		}
		for row in frame.sort_values("total_score", ascending=False).itertuples()
	]
	return {
		"units": units,
		"low_scorers": low[
			[
				"project_code",
				"project_name",
				"budget_unit",
				"total_score",
				"grade",
				"problems",
				"improvements",
			]
		].to_dict("records"),
		"advice": advice,
		"totals": {
			"projects": len(frame),
			"annual_budget": flt(frame.annual_budget.sum(), 2),
			"executed_amount": flt(frame.executed_amount.sum(), 2),
			"execution_rate": execution_rate(frame.annual_budget.sum(), frame.executed_amount.sum()),
			"average_score": flt(frame.total_score.mean(), 2),
		},
		"grades": {grade: int((frame.grade == grade).sum()) for grade in GRADES},
		"levels": {field: flt(frame[field].mean(), 2) for field in NUMBERS[2:]},
	}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 170,
		},
		{"fieldname": "projects", "label": _("Projects"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "annual_budget",
			"label": _("Full-Year Budget Total"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{
			"fieldname": "executed_amount",
			"label": _("Executed Total"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 130,
		},
		{"fieldname": "execution_rate", "label": _("Execution Rate"), "fieldtype": "Percent", "width": 100},
		{
			"fieldname": "average_score",
			"label": _("Average Total Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		*({"fieldname": g.lower(), "label": _(g), "fieldtype": "Int", "width": 70} for g in GRADES),
	]


def grade_chart(summary: dict) -> dict | None:
	if not summary["units"]:
		return None
	return {
		"data": {
			"labels": [_(g) for g in GRADES],
			"datasets": [{"name": _("Projects"), "values": [summary["grades"][g] for g in GRADES]}],
		},
		"type": "donut",
	}


def headline(summary: dict) -> list[dict]:
	totals, levels = summary["totals"], summary["levels"]
	if not totals:
		return []
	figures = [
		(totals["projects"], _("Projects"), "Int"),
		(totals["annual_budget"], _("Full-Year Budget Total"), "Float"),
		(totals["executed_amount"], _("Executed Total"), "Float"),
		(totals["execution_rate"], _("Execution Rate"), "Percent"),
		(totals["average_score"], _("Average Total Score"), "Float"),
		(levels["output_score"], _("Output Score"), "Float"),
		(levels["effect_score"], _("Effect Score"), "Float"),
		(levels["satisfaction_score"], _("Satisfaction Score"), "Float"),
	]
	return [
		{"value": value, "label": label, "datatype": kind, "indicator": "Blue"}
		for value, label, kind in figures
	]


def low_scorers_html(low_scorers: list[dict]) -> str:
	if not low_scorers:
		return ""
	esc = frappe.utils.escape_html
	items = "".join(
		f"<li><b>{esc(row['project_name'])}</b>（{esc(row['budget_unit'])}，{row['total_score']}，{_(row['grade'])}）"
		f"<br>{_('Problems Found')}：{esc(row['problems'] or '')}"
		f"<br>{_('Improvements and Suggestions')}：{esc(row['improvements'] or '')}</li>"
		for row in low_scorers
	)
	return f"<h5>{_('Projects Graded Fair or Poor')}</h5><ul>{items}</ul>"
