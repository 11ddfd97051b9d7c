# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Self-Evaluation Scores: ranking of a year's projects (one query) or
averages by unit (one query aggregated by the database), with the grade
distribution and level-1 averages taken from the same result."""

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt

from perf_budget.figures import score_column, summary_item
from perf_budget.permissions import restrict_to_units
from perf_budget.rules import figures
from perf_budget.rules.numbers import round_half_up, to_decimal
from perf_budget.rules.panel import has_panel_score
from perf_budget.settings import get_rules

GRADES = ("Excellent", "Good", "Fair", "Poor")
SCORES = ("execution_score", "output_score", "effect_score", "satisfaction_score", "total_score")
# the experts' scores combined (art. 22 (二)), beside the formula score
PANEL = ("expert_panel_score", "expert_panel_size")
# the latest external evaluation received (finance bureau, review, third party) and its gap to the self-score
EXTERNAL = ("external_kind", "external_score", "external_grade", "score_gap")
FIELDS = (
	"name",
	"project_name",
	"budget_unit",
	"expenditure_type",
	"workflow_state",
	"execution_rate",
	*SCORES,
	"grade",
	*PANEL,
	*EXTERNAL,
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.group_by == "Budget Unit":
		rows = unit_averages(filters)
		overview = overview_of_units(rows)
		rows = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
	else:
		records = fetch(filters)
		overview = overview_of_projects(records)
		rows = ranking(records)
	return (
		columns(filters.group_by == "Budget Unit"),
		rows,
		None,
		grade_chart(overview),
		level_summary(overview),
	)


def evaluations(filters):
	"""The year's evaluations this user may see, as a frappe.qb query."""
	ev = frappe.qb.DocType("Performance Evaluation")
	query = frappe.qb.from_(ev).where(ev.docstatus < 2)
	if filters.performance_year:
		query = query.where(ev.performance_year == filters.performance_year)
	if filters.budget_unit:
		query = query.where(ev.budget_unit == filters.budget_unit)
	if filters.expenditure_type:
		query = query.where(ev.expenditure_type == filters.expenditure_type)
	if filters.grade:
		query = query.where(ev.grade == filters.grade)
	if filters.submitted_only:
		query = query.where(ev.docstatus == 1)
	return restrict_to_units(query, ev), ev


def fetch(filters) -> list[dict]:
	query, ev = evaluations(filters)
	query = query.select(*(ev[f] for f in FIELDS)).orderby(ev.total_score, order=Order.desc)
	return query.run(as_dict=True)


def ranking(records: list[dict]) -> list[dict]:
	"""Highest total first, equal totals by project name (code point order, a
	project without a name last) sharing the best rank: 1, 2, 2, 4."""
	records = sorted(records, key=lambda r: (-r.total_score, r.project_name is None, r.project_name or ""))
	# translate each distinct value once, not once per row
	labels: dict = {}

	def label(value):
		if value not in labels:
			labels[value] = _(value) if value else ""
		return labels[value]

	combination = get_rules().expert_combination
	rows, rank, previous = [], 0, None
	for number, record in enumerate(records, start=1):
		if record.total_score != previous:
			rank, previous = number, record.total_score
		rows.append(
			{
				**record,
				"grade": label(record.grade),
				"expenditure_type": label(record.expenditure_type),
				"workflow_state": label(record.workflow_state),
				"external_kind": label(record.external_kind),
				"external_grade": label(record.external_grade),
				# no external result: no score and no gap (—), never 0
				**({} if record.external_kind else {"external_score": None, "score_gap": None}),
				# too few experts for the combination: no panel score (—), never 0
				**(
					{}
					if has_panel_score(record.expert_panel_size, combination)
					else {"expert_panel_score": None}
				),
				"rank": rank,
			}
		)
	return rows


def unit_averages(filters) -> list[dict]:
	"""Averages per unit: the database sums each figure once (not an AVG and
	a SUM each, which took a sixth longer), and each sum's decimal is
	divided here, half up to 2 decimals; ``_``-keys carry the sums the
	overview needs."""
	query, ev = evaluations(filters)
	averaged = ("execution_rate", *SCORES)
	query = (
		query.select(
			ev.budget_unit,
			Count(ev.name).as_("projects"),
			*(Sum(ev[f]).as_(f) for f in averaged),
			*(Sum(Case().when(ev.grade == grade, 1).else_(0)).as_(grade) for grade in GRADES),
		)
		.groupby(ev.budget_unit)
		.orderby(Sum(ev.total_score) / Count(ev.name), order=Order.desc)
	)
	return [
		{
			"budget_unit": unit.budget_unit,
			"projects": unit.projects,
			**{f: round_half_up(to_decimal(unit[f]) / unit.projects, 2) for f in averaged},
			**{f"_sum_{f}": flt(unit[f]) for f in SCORES},
			**{f"_{grade}": int(unit[grade] or 0) for grade in GRADES},
		}
		for unit in query.run(as_dict=True)
	]


def overview_of_units(rows: list[dict]) -> dict:
	count = sum(row["projects"] for row in rows)
	return {
		"count": count,
		"grades": {grade: sum(row[f"_{grade}"] for row in rows) for grade in GRADES},
		"averages": {f: flt(sum(row[f"_sum_{f}"] for row in rows) / (count or 1), 2) for f in SCORES},
	}


def overview_of_projects(records: list[dict]) -> dict:
	if not records:
		return {"count": 0, "grades": dict.fromkeys(GRADES, 0), "averages": dict.fromkeys(SCORES, 0)}
	count = len(records)
	return {
		"count": count,
		"grades": {grade: sum(1 for r in records if r.grade == grade) for grade in GRADES},
		"averages": {field: flt(sum(flt(r[field]) for r in records) / count, 2) for field in SCORES},
	}


def columns(by_unit: bool) -> list[dict]:
	# one project's scores at the set precision; a unit's averages with two decimals
	def score(fieldname: str, label: str, width: int) -> dict:
		if by_unit:
			return {
				"fieldname": fieldname,
				"label": label,
				"fieldtype": "Float",
				"precision": 2,
				"width": width,
			}
		return score_column(fieldname, label, width)

	score_columns = [
		{
			"fieldname": "execution_rate",
			"label": _("Execution Rate"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 100,
		},
		score("execution_score", _("Execution Score"), 100),
		score("output_score", _("Output Score"), 100),
		score("effect_score", _("Effect Score"), 100),
		score("satisfaction_score", _("Satisfaction Score"), 110),
		score("total_score", _("Total Score"), 90),
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
		{"fieldname": "expenditure_type", "label": _("Expenditure Type"), "fieldtype": "Data", "width": 100},
		*score_columns,
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 70},
		score_column("expert_panel_score", _("Expert Panel Score"), 100),
		{"fieldname": "external_kind", "label": _("External Evaluation"), "fieldtype": "Data", "width": 110},
		score_column("external_score", _("External Score"), 90),
		{"fieldname": "external_grade", "label": _("External Grade"), "fieldtype": "Data", "width": 80},
		score_column("score_gap", _("Gap to the Self-Score"), 90),
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 120},
	]


def grade_chart(overview: dict) -> dict | None:
	if not overview["count"]:
		return None
	return {
		"data": {
			"labels": [_(grade) for grade in GRADES],
			"datasets": [{"name": _("Projects"), "values": [overview["grades"][grade] for grade in GRADES]}],
		},
		"type": "bar",
		"colors": ["#29cd42"],
	}


def level_summary(overview: dict) -> list[dict]:
	"""Averages by level-1 indicator, shown above the table."""
	if not overview["count"]:
		return []
	labels = {
		"execution_score": _("Execution Score"),
		"output_score": _("Output Score"),
		"effect_score": _("Effect Score"),
		"satisfaction_score": _("Satisfaction Score"),
		"total_score": _("Average Total Score"),
	}
	return [
		summary_item(overview["averages"][field], label, figures.average) for field, label in labels.items()
	]
