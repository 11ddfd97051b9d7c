# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Submission Completeness (SPEC 6): for a year, what every unit has
delivered to the finance section at each stage — goals, each monitoring
round, self-evaluation, rectification reports — against what is due.
Missing is shown as missing ("Missing 2", "Not filed"), never as zero; a
stage with nothing due (yet) shows "—": a monitoring round or the
self-evaluation is due once finance opened it or its deadline has passed.
Filtered by expenditure type (art. 19), the goals, monitoring and
self-evaluations of that type are counted; rectification reports have no
type of their own and are left out then.

One grouped query per stage (goals, monitoring, self-evaluation,
rectification), plus the units and the year's rounds."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import cint, getdate, nowdate

from perf_budget.permissions import allowed_units
from perf_budget.rules.chains import AT_FINANCE
from perf_budget.workflow.chains import chain, state_in

UNIT_TYPES = ("Business Section", "Subordinate Unit")
NOTHING_DUE = "—"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.performance_year:
		return columns(stage_columns([])), [], _("Choose a performance year."), None, []
	year = str(filters.performance_year)
	units = unit_names(filters)
	months, due = round_months(year)
	kind = filters.expenditure_type
	stages = stage_columns(months, with_rectification=not kind)
	rows = build_rows(units, counts(year, units, months, due, kind), stages)
	return columns(stages), rows, None, missing_chart(rows, stages), summary(rows, stages)


# -- what is due and what arrived ----------------------------------------------


def unit_names(filters) -> list[str]:
	"""Units that file (business sections and subordinate units), in tree
	order; the unit filter takes a unit or a group of units."""
	unit = frappe.qb.DocType("Budget Unit")
	query = (
		frappe.qb.from_(unit)
		.select(unit.name)
		.where(unit.is_group == 0)
		.where(unit.unit_type.isin(UNIT_TYPES))
		.where(IfNull(unit.disabled, 0) == 0)
		.orderby(unit.lft)
		.orderby(unit.name)
	)
	if filters.budget_unit:
		bounds = frappe.db.get_value("Budget Unit", filters.budget_unit, ["lft", "rgt"], as_dict=True)
		if not bounds:
			return []
		query = query.where(unit.lft >= bounds.lft).where(unit.rgt <= bounds.rgt)
	allowed = allowed_units()
	if allowed is not None:
		query = query.where(unit.name.isin(allowed or [""]))
	return query.run(pluck=True)


def round_months(year: str, today=None) -> tuple[list[int], set[str]]:
	"""The year's monitoring rounds (months 1 to N, plus any month a round was
	opened for) and the stages already due: a round or the self-evaluation is
	due once finance opened it or its deadline has passed."""
	today = getdate(today or nowdate())
	rounds = frappe.qb.DocType("Performance Year Round")
	mo, ev = frappe.qb.DocType("Performance Monitoring"), frappe.qb.DocType("Performance Evaluation")
	configured = (
		frappe.qb.from_(rounds)
		.select(rounds.period_end_month, rounds.deadline)
		.where(rounds.parent == year)
		.where(rounds.parenttype == "Performance Year")
	).run(as_dict=True)
	opened = {
		cint(month)
		for month in (
			frappe.qb.from_(mo)
			.select(mo.period_end_month)
			.distinct()
			.where(mo.performance_year == year)
			.where(mo.docstatus < 2)
		).run(pluck=True)
	}
	months = sorted({cint(r.period_end_month) for r in configured if cint(r.period_end_month)} | opened)
	due = {f"round_{month}" for month in opened}
	due |= {
		f"round_{cint(r.period_end_month)}" for r in configured if r.deadline and getdate(r.deadline) < today
	}
	deadline = frappe.db.get_value("Performance Year", year, "evaluation_deadline")
	evaluations_opened = (
		frappe.qb.from_(ev)
		.select(ev.name)
		.where(ev.performance_year == year)
		.where(ev.docstatus < 2)
		.limit(1)
	).run()
	if evaluations_opened or (deadline and getdate(deadline) < today):
		due.add("evaluation")
	return months, due


def counts(
	year: str, units: list[str], months: list[int], due: set[str], kind: str | None = None
) -> dict[str, dict[str, tuple[int, int]]]:
	"""unit -> stage key -> (arrived at finance, due); ``kind``: one expenditure type only."""
	if not units:
		return {}
	goals = goal_counts(year, units, kind)
	rounds = {
		(r.budget_unit, cint(r.period_end_month)): cint(r.arrived)
		for r in round_counts("Performance Monitoring", year, units, by_month=True, kind=kind)
	}
	evaluations = {
		r.budget_unit: cint(r.arrived) for r in round_counts("Performance Evaluation", year, units, kind=kind)
	}
	rectifications = rectification_counts(year, units)
	result = {}
	for unit in units:
		unit_goals = goals.get(unit, {})
		confirmed = cint(unit_goals.get("confirmed"))
		# once due, monitoring and self-evaluation are due for every current confirmed goal
		stages = {
			"goals": (cint(unit_goals.get("at_finance")), cint(unit_goals.get("live"))),
			**{f"round_{month}": (rounds.get((unit, month), 0), confirmed) for month in months},
			"evaluation": (evaluations.get(unit, 0), confirmed),
		}
		result[unit] = {
			**{
				key: value if key == "goals" or key in due else (value[0], 0) for key, value in stages.items()
			},
			"rectification": rectifications.get(unit, (0, 0)),
		}
	return result


def goal_counts(year: str, units: list[str], kind: str | None = None) -> dict[str, dict]:
	"""Goals: the live version of each project (the current confirmed one,
	or a first version still being filed) and those that reached finance;
	unit -> {at_finance, live, confirmed}."""
	goal = frappe.qb.DocType("Performance Goal")
	current = (goal.docstatus == 1) & (goal.is_current == 1)
	live = current | ((goal.docstatus == 0) & (IfNull(goal.previous_version, "") == ""))
	at_finance = current | (
		(goal.docstatus == 0) & state_in(goal.workflow_state, "Performance Goal", *AT_FINANCE)
	)
	query = (
		frappe.qb.from_(goal)
		.select(
			goal.budget_unit,
			Sum(Case().when(live & at_finance, 1).else_(0)).as_("at_finance"),
			Sum(Case().when(live, 1).else_(0)).as_("live"),
			Sum(Case().when(current, 1).else_(0)).as_("confirmed"),
		)
		.where(goal.performance_year == year)
		.where(goal.docstatus < 2)
		.where(goal.budget_unit.isin(units))
		.groupby(goal.budget_unit)
	)
	if kind:
		query = query.where(goal.expenditure_type == kind)
	return {counts.budget_unit: counts for counts in query.run(as_dict=True)}


def round_counts(
	doctype: str, year: str, units: list[str], by_month: bool = False, kind: str | None = None
) -> list[dict]:
	"""Records of the current confirmed goals that reached finance (``arrived``),
	per unit (and month); a record of a superseded goal version still counts for
	its project."""
	record, goal = frappe.qb.DocType(doctype), frappe.qb.DocType("Performance Goal")
	query = (
		frappe.qb.from_(record)
		.join(goal)
		.on(
			(goal.project_code == record.project_code)
			& (goal.performance_year == record.performance_year)
			& (goal.budget_unit == record.budget_unit)
			& (goal.docstatus == 1)
			& (goal.is_current == 1)
		)
		.select(record.budget_unit)
		.where(record.performance_year == year)
		.where(record.docstatus < 2)
		.where((record.docstatus == 1) | state_in(record.workflow_state, doctype, *AT_FINANCE))
		.where(record.budget_unit.isin(units))
		.groupby(record.budget_unit)
	)
	if by_month:
		query = query.select(record.period_end_month).groupby(record.period_end_month)
	if kind:
		query = query.where(goal.expenditure_type == kind)
	return query.select(Count(goal.name).distinct().as_("arrived")).run(as_dict=True)


def rectification_counts(year: str, units: list[str]) -> dict[str, tuple[int, int]]:
	"""Rectification reports delivered to finance (or done) of those sent to the unit."""
	rect = frappe.qb.DocType("Rectification")
	sent = ~state_in(IfNull(rect.workflow_state, chain("Rectification").initial), "Rectification", "drafting")
	delivered = (rect.docstatus == 1) | state_in(rect.workflow_state, "Rectification", *AT_FINANCE)
	query = (
		frappe.qb.from_(rect)
		.select(
			rect.budget_unit,
			Sum(Case().when(sent & delivered, 1).else_(0)).as_("arrived"),
			Sum(Case().when(sent, 1).else_(0)).as_("due"),
		)
		.where(rect.performance_year == year)
		.where(rect.docstatus < 2)
		.where(rect.budget_unit.isin(units))
		.groupby(rect.budget_unit)
	)
	return {r.budget_unit: (cint(r.arrived), cint(r.due)) for r in query.run(as_dict=True)}


# -- rows ----------------------------------------------------------------------


def stage_columns(months: list[int], with_rectification: bool = True) -> list[tuple[str, str]]:
	return [
		("goals", _("Goals")),
		*((f"round_{month}", _("Monitoring Months 1–{0}").format(month)) for month in months),
		("evaluation", _("Self-Evaluation")),
		*([("rectification", _("Rectification Reports"))] if with_rectification else []),
	]


def cell(arrived: int, due: int) -> str:
	if not due:
		return NOTHING_DUE
	if arrived >= due:
		return _("{0} / {1}").format(arrived, due)
	if not arrived:
		return _("Not filed · Missing {0}").format(due)
	return _("{0} / {1} · Missing {2}").format(arrived, due, due - arrived)


def build_rows(units, counted, stages) -> list[dict]:
	rows = []
	for unit in units:
		row = {"budget_unit": unit}
		for key, _label in stages:
			arrived, due = counted[unit][key]
			row[key] = cell(arrived, due)
			row[f"{key}_missing"] = max(due - arrived, 0)
		row["missing"] = sum(row[f"{key}_missing"] for key, _label in stages)
		row["complete"] = 0 if row["missing"] else 1
		rows.append(row)
	return rows


def columns(stages) -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 180,
		},
		*({"fieldname": key, "label": label, "fieldtype": "Data", "width": 150} for key, label in stages),
		{"fieldname": "complete", "label": _("All Submitted"), "fieldtype": "Check", "width": 80},
	]


def missing_chart(rows, stages) -> dict | None:
	values = [sum(row[f"{key}_missing"] for row in rows) for key, _label in stages]
	if not any(values):
		return None
	return {
		"data": {
			"labels": [label for _key, label in stages],
			"datasets": [{"name": _("Missing"), "values": values}],
		},
		"type": "bar",
		"colors": ["#e24c4c"],
	}


def summary(rows, stages) -> list[dict]:
	if not rows:
		return []
	complete = sum(row["complete"] for row in rows)
	return [
		{"value": complete, "label": _("Units Complete"), "datatype": "Int", "indicator": "Green"},
		{
			"value": len(rows) - complete,
			"label": _("Units with Missing Submissions"),
			"datatype": "Int",
			"indicator": "Red" if len(rows) > complete else "Green",
		},
		{
			"value": sum(row["missing"] for row in rows),
			"label": _("Missing Submissions"),
			"datatype": "Int",
			"indicator": "Red",
		},
	]
