# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Each timed report next to one hand-written SQL statement that gives the
same figures from the same rows, and how both are brought to the same rows
for the value-for-value comparison (compare.differences).

A report's row is read by fieldname; the SQL's row by position, in the order
its select lists them. Words the report translates (grade, state, action)
are translated on the SQL side with the same ``_()``."""

from collections.abc import Callable
from dataclasses import dataclass

from frappe import _
from frappe.utils import cint

from perf_budget.perf_budget.report.budget_advice import budget_advice
from perf_budget.perf_budget.report.department_self_evaluation_summary import (
	department_self_evaluation_summary as department_summary,
)
from perf_budget.perf_budget.report.self_evaluation_scores import self_evaluation_scores
from perf_budget.perf_budget.report.submission_completeness import submission_completeness
from perf_budget.rules.chains import AT_FINANCE
from perf_budget.workflow.chains import chain, states

SCORES = ("execution_score", "output_score", "effect_score", "satisfaction_score", "total_score")
GRADES = ("Excellent", "Good", "Fair", "Poor")
TOTAL = "(total)"


@dataclass(frozen=True)
class SameFigures:
	key: str
	label: str
	module: object  # the report's module: its execute(filters) is timed
	filters: dict  # beyond the year
	sql: str  # %(year)s and %(next_year)s
	report_rows: Callable[[list], list[tuple]]  # the report's data rows -> figures
	sql_rows: Callable[[tuple], list[tuple]]  # the SQL's result -> figures


def params(year: str) -> dict:
	"""The years, and the states of each stage the SQL needs, read from the
	chains as the reports read them (perf_budget/workflow/chains.py)."""
	return {
		"year": year,
		"next_year": str(cint(year) + 1),
		"goal_set_aside": states("Performance Goal", "set_aside") or ("",),
		"goal_at_finance": states("Performance Goal", *AT_FINANCE) or ("",),
		"monitoring_at_finance": states("Performance Monitoring", *AT_FINANCE) or ("",),
		"evaluation_at_finance": states("Performance Evaluation", *AT_FINANCE) or ("",),
		"rectification_at_finance": states("Rectification", *AT_FINANCE) or ("",),
		"rectification_drafting": states("Rectification", "drafting") or ("",),
		"rectification_initial": chain("Rectification").initial,
	}


# ---------------------------------------------------------------- Self-Evaluation Scores, ranking

RANKING_FIELDS = (
	"rank",
	"name",
	"project_name",
	"budget_unit",
	"execution_rate",
	*SCORES,
	"grade",
	"workflow_state",
)
RANKING = SameFigures(
	"ranking",
	"Self-Evaluation Scores (ranking)",
	self_evaluation_scores,
	{},
	f"""select rank() over (order by total_score desc), name, project_name, budget_unit, execution_rate,
		{", ".join(SCORES)}, grade, workflow_state
	from `tabPerformance Evaluation`
	where performance_year = %(year)s and docstatus < 2
	order by total_score desc, project_name""",
	lambda rows: [tuple(row[f] for f in RANKING_FIELDS) for row in rows],
	lambda result: [
		(*row[:-2], _(row[-2]) if row[-2] else "", _(row[-1]) if row[-1] else "") for row in result
	],
)

# ---------------------------------------------------------------- Self-Evaluation Scores, by unit

BY_UNIT_FIELDS = ("budget_unit", "projects", "execution_rate", *SCORES)
BY_UNIT = SameFigures(
	"by_unit",
	"Self-Evaluation Scores (by unit)",
	self_evaluation_scores,
	{"group_by": "Budget Unit"},
	f"""select budget_unit, count(*), avg(execution_rate), {", ".join(f"avg({f})" for f in SCORES)}
	from `tabPerformance Evaluation`
	where performance_year = %(year)s and docstatus < 2
	group by budget_unit order by avg(total_score) desc""",
	lambda rows: [tuple(row[f] for f in BY_UNIT_FIELDS) for row in rows],
	list,
)

# ---------------------------------------------------------------- department summary

DEPARTMENT_FIELDS = (
	"budget_unit",
	"projects",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"average_score",
	*(g.lower() for g in GRADES),
)
# Per unit, then the 合计 row (the report's last row): the rate is Σ executed ÷
# Σ budget and the average is over the projects, not over the units' averages;
# a unit without budget has rate 0, the total row None. The report rounds half
# up, as round() does on these DECIMAL columns.
DEPARTMENT_FIGURES = f"""count(*), round(sum(annual_budget), 2), round(sum(executed_amount), 2),
	{{no_budget}}, round(sum(total_score) / count(*), 2), {", ".join(f"sum(grade = '{g}')" for g in GRADES)}
	from `tabPerformance Evaluation` where performance_year = %(year)s and docstatus < 2"""
RATE = "if(sum(annual_budget) = 0, {0}, round(sum(executed_amount) * 100 / sum(annual_budget), 2))"
DEPARTMENT = SameFigures(
	"department_summary",
	"Department summary",
	department_summary,
	{"accepted_only": 0},
	f"""select budget_unit, {DEPARTMENT_FIGURES.format(no_budget=RATE.format(0))}
	group by budget_unit
	union all
	select '{TOTAL}', {DEPARTMENT_FIGURES.format(no_budget=RATE.format("null"))}
	having count(*) > 0""",
	lambda rows: [
		(TOTAL if row.get("is_total_row") else row["budget_unit"], *(row[f] for f in DEPARTMENT_FIELDS[1:]))
		for row in rows
	],
	list,
)

# ---------------------------------------------------------------- Budget Advice

# Compared: the figures read from the records. Left out: for an evaluation
# without an advice record the report works out the recommendation, its cut,
# the advised amount and the open rectifications with the rules in Python
# (SPEC: rules live in perf_budget/rules/), which SQL would only copy.
ADVICE_FIELDS = (
	"performance_evaluation",
	"project_code",
	"project_name",
	"budget_unit",
	"total_score",
	"grade",
	"decided_action",
	"decided_cut_percent",
	"current_amount",
	"requested_amount",
	"next_year_goal",
	"budget_advice",
	"confirmed",
	"is_overridden",
)
ADVICE = SameFigures(
	"budget_advice",
	"Budget Advice",
	budget_advice,
	{},
	# next year's goal of the same project: the current version, else the first
	# version still being filed; a confirmed advice wins over a draft
	"""select ev.name, ev.project_code, ev.project_name, ev.budget_unit, ev.total_score, ev.grade,
		ba.decided_action, if(ba.decided_action is null, null, ba.decided_cut_percent),
		if(ba.name is null, ev.annual_budget, ba.current_amount),
		coalesce(nxt.confirmed_amount, nxt.filed_amount), coalesce(nxt.confirmed_goal, nxt.filed_goal),
		ba.name, ifnull(ba.docstatus, 0) = 1, ifnull(ba.is_overridden, 0)
	from `tabPerformance Evaluation` ev
	left join `tabBudget Advice` ba on ba.performance_evaluation = ev.name and ba.docstatus = (
		select max(docstatus) from `tabBudget Advice`
		where performance_evaluation = ev.name and docstatus < 2)
	left join (
		select budget_unit, project_code,
			max(if(is_current = 1, name, null)) confirmed_goal,
			max(if(is_current = 1, total_amount, null)) confirmed_amount,
			max(if(docstatus = 0 and ifnull(previous_version, '') = ''
				and ifnull(workflow_state, '') not in %(goal_set_aside)s, name, null)) filed_goal,
			max(if(docstatus = 0 and ifnull(previous_version, '') = ''
				and ifnull(workflow_state, '') not in %(goal_set_aside)s, total_amount, null)) filed_amount
		from `tabPerformance Goal`
		where performance_year = %(next_year)s and docstatus < 2 and ifnull(project_code, '') != ''
		group by budget_unit, project_code
	) nxt on nxt.project_code = ev.project_code and nxt.budget_unit = ev.budget_unit
	where ev.performance_year = %(year)s and ev.docstatus = 1
	order by ev.budget_unit, ev.project_code""",
	lambda rows: [tuple(row[f] for f in ADVICE_FIELDS) for row in rows],
	lambda result: [
		(*row[:5], _(row[5]) if row[5] else "", _(row[6]) if row[6] else "", *row[7:]) for row in result
	],
)

# ---------------------------------------------------------------- Submission Completeness

# One row per unit and stage: (unit, stage, arrived, due). A monitoring round
# or the self-evaluation is due once opened (a record exists) or its deadline
# passed; before that nothing is due. Goals: the live version of each project
# (current confirmed, or a first version being filed) and those at finance.
COMPLETENESS_SQL = """with units as (
		select name unit from `tabBudget Unit`
		where is_group = 0 and unit_type in ('Business Section', 'Subordinate Unit') and ifnull(disabled, 0) = 0
	), goal_states as (
		select budget_unit, docstatus = 1 and is_current = 1 current_version,
			docstatus = 1 and is_current = 1 or docstatus = 0 and ifnull(previous_version, '') = '' live,
			docstatus = 1 and is_current = 1
				or docstatus = 0 and workflow_state in %(goal_at_finance)s
				at_finance
		from `tabPerformance Goal` where performance_year = %(year)s and docstatus < 2
	), goals as (
		select budget_unit, sum(live and at_finance) arrived, sum(live) filed, sum(current_version) confirmed
		from goal_states group by budget_unit
	), months as (
		select month, max(due) due from (
			select period_end_month month, ifnull(deadline < curdate(), 0) due from `tabPerformance Year Round`
			where parent = %(year)s and parenttype = 'Performance Year' and period_end_month > 0
			union all
			select period_end_month, 1 from `tabPerformance Monitoring`
			where performance_year = %(year)s and docstatus < 2
		) configured_or_opened group by month
	), evaluation_due as (
		select exists (select 1 from `tabPerformance Evaluation` where performance_year = %(year)s and docstatus < 2)
			or ifnull((select evaluation_deadline < curdate() from `tabPerformance Year` where name = %(year)s), 0)
			due
	), reports as (
		select 'Performance Monitoring' kind, r.budget_unit, r.period_end_month month, g.name goal
		from `tabPerformance Monitoring` r join `tabPerformance Goal` g on g.project_code = r.project_code
			and g.performance_year = r.performance_year and g.budget_unit = r.budget_unit
			and g.docstatus = 1 and g.is_current = 1
		where r.performance_year = %(year)s and r.docstatus < 2
			and (r.docstatus = 1 or r.workflow_state in %(monitoring_at_finance)s)
		union all
		select 'Performance Evaluation', r.budget_unit, null, g.name
		from `tabPerformance Evaluation` r join `tabPerformance Goal` g on g.project_code = r.project_code
			and g.performance_year = r.performance_year and g.budget_unit = r.budget_unit
			and g.docstatus = 1 and g.is_current = 1
		where r.performance_year = %(year)s and r.docstatus < 2
			and (r.docstatus = 1 or r.workflow_state in %(evaluation_at_finance)s)
	), rectifications as (
		select budget_unit,
			sum(ifnull(workflow_state, %(rectification_initial)s) not in %(rectification_drafting)s
				and (docstatus = 1 or workflow_state in %(rectification_at_finance)s)) arrived,
			sum(ifnull(workflow_state, %(rectification_initial)s) not in %(rectification_drafting)s) due
		from `tabRectification` where performance_year = %(year)s and docstatus < 2 group by budget_unit
	)
	select u.unit, 'goals', ifnull(g.arrived, 0), ifnull(g.filed, 0)
	from units u left join goals g on g.budget_unit = u.unit
	union all
	select u.unit, concat('round_', m.month),
		(select count(distinct goal) from reports
			where kind = 'Performance Monitoring' and budget_unit = u.unit and month = m.month),
		if(m.due, ifnull(g.confirmed, 0), 0)
	from units u join months m left join goals g on g.budget_unit = u.unit
	union all
	select u.unit, 'evaluation',
		(select count(distinct goal) from reports where kind = 'Performance Evaluation' and budget_unit = u.unit),
		if(d.due, ifnull(g.confirmed, 0), 0)
	from units u join evaluation_due d left join goals g on g.budget_unit = u.unit
	union all
	select u.unit, 'rectification', ifnull(x.arrived, 0), ifnull(x.due, 0)
	from units u left join rectifications x on x.budget_unit = u.unit"""


def completeness_report_rows(rows: list[dict]) -> list[tuple]:
	"""(unit, stage, cell as shown, missing) for every stage column of every row."""
	return [
		(row["budget_unit"], key[: -len("_missing")], row[key[: -len("_missing")]], row[key])
		for row in rows
		for key in row
		if key.endswith("_missing")
	]


def completeness_sql_rows(result) -> list[tuple]:
	# the figures the SQL counted, written as the report writes a cell
	# ("3 / 5 · Missing 2"); the words are the report's, the numbers the SQL's
	return [
		(unit, stage, submission_completeness.cell(int(arrived), int(due)), max(int(due) - int(arrived), 0))
		for unit, stage, arrived, due in result
	]


COMPLETENESS = SameFigures(
	"submission_completeness",
	"Submission Completeness",
	submission_completeness,
	{},
	COMPLETENESS_SQL,
	completeness_report_rows,
	completeness_sql_rows,
)

REPORTS = (RANKING, BY_UNIT, DEPARTMENT, ADVICE, COMPLETENESS)
