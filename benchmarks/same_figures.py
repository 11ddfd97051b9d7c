# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Each timed report next to one hand-written SQL statement that gives the
same figures from the same rows, and how both are brought to the same rows
for the value-for-value comparison (compare.differences).

A report's row is read by fieldname; the SQL's row by position, in the order
its select lists them. Words the report translates (grade, state, action)
are translated on the SQL side with the same ``_()``."""

import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.desk.doctype.number_card import number_card
from frappe.utils import cint, fmt_money
from generate import ROUND_MONTH

import perf_budget
from perf_budget import dashboard
from perf_budget.budget_system import targets
from perf_budget.perf_budget.report.budget_advice import budget_advice
from perf_budget.perf_budget.report.budget_execution import budget_execution
from perf_budget.perf_budget.report.budget_reconciliation import budget_reconciliation
from perf_budget.perf_budget.report.department_self_evaluation_summary import (
	department_self_evaluation_summary as department_summary,
)
from perf_budget.perf_budget.report.goal_review_summary import goal_review_summary
from perf_budget.perf_budget.report.monitoring_round_completeness import monitoring_round_completeness
from perf_budget.perf_budget.report.monitoring_warning_board import monitoring_warning_board
from perf_budget.perf_budget.report.rectification_tracking import rectification_tracking
from perf_budget.perf_budget.report.self_evaluation_scores import self_evaluation_scores
from perf_budget.perf_budget.report.submission_completeness import submission_completeness
from perf_budget.perf_budget.report.suggested_interviews import suggested_interviews
from perf_budget.rules.chains import AT_FINANCE
from perf_budget.rules.panel import TRIMMED_MEAN, TRIMMED_MINIMUM
from perf_budget.rules.policy import EXPENDITURE_TYPES
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain, states

SCORES = ("execution_score", "output_score", "effect_score", "satisfaction_score", "total_score")
GRADES = ("Excellent", "Good", "Fair", "Poor")
TOTAL = "(total)"


@dataclass(frozen=True)
class SameFigures:
	key: str
	label: str
	run: Callable[
		[dict], object
	]  # timed: the report's execute, or the card's or chart's method, given the filters
	filters: dict | Callable[[str], dict]  # beyond the year
	sql: str  # %(year)s, %(years)s (the years in scope), %(next_year)s and the chain states of params()
	report_rows: Callable[[object], list[tuple]]  # what run returned -> figures
	sql_rows: Callable[[tuple], list[tuple]]  # the SQL's result -> figures
	# where it is measured: "year" the latest year; "previous" the year before it
	# (next year's goals exist); "all" the year filter empty, every year
	scopes: tuple = ("year",)
	main: bool = False  # a main report: ≤ 300 ms on the latest year
	kind: str = "report"  # report, card or chart
	# the SQL's parameters beyond params(), of the year the filters name
	values: Callable[[str], dict] | None = None

	def filters_of(self, year: str) -> dict:
		"""The filters beyond the year (``filters`` may depend on it: an as-of date)."""
		return self.filters(year) if callable(self.filters) else dict(self.filters)


def report(module) -> Callable[[dict], object]:
	return module.execute


def data(rows_of: Callable[[list], list[tuple]]) -> Callable[[object], list[tuple]]:
	"""A report's data rows (execute's second value) -> figures."""
	return lambda result: rows_of(result[1])


def params(year: str, years: tuple) -> dict:
	"""The year, the years in scope, and the states of each stage the SQL
	needs, read from the chains as the reports read them (perf_budget/workflow/chains.py)."""
	rules = get_rules()
	return {
		"year": year,
		"years": years,
		"next_year": str(cint(year) + 1),
		"goal_set_aside": states("Performance Goal", "set_aside") or ("",),
		"goal_at_finance": states("Performance Goal", *AT_FINANCE) or ("",),
		"monitoring_at_finance": states("Performance Monitoring", *AT_FINANCE) or ("",),
		"monitoring_filing": states("Performance Monitoring", "filing") or ("",),
		"monitoring_initial": chain("Performance Monitoring").initial,
		"department_monitoring_filing": states("Department Performance Monitoring", "filing") or ("",),
		"department_monitoring_initial": chain("Department Performance Monitoring").initial,
		"evaluation_at_finance": states("Performance Evaluation", *AT_FINANCE) or ("",),
		"rectification_at_finance": states("Rectification", *AT_FINANCE) or ("",),
		"rectification_drafting": states("Rectification", "drafting") or ("",),
		"rectification_initial": chain("Rectification").initial,
		# the fewest experts whose scores make a panel score (rules.panel.has_panel_score)
		"panel_minimum": TRIMMED_MINIMUM if rules.expert_combination == TRIMMED_MEAN else 1,
		# the money light's thresholds (rules.warnings), and no as-of date unless a spec gives one
		"warning_red_below": rules.warning_red_below,
		"warning_yellow_below": rules.warning_yellow_below,
		"as_of": None,
	}


def word(value) -> str:
	"""A stored word as the reports show it."""
	return _(value) if value else ""


# ---------------------------------------------------------------- Self-Evaluation Scores, ranking

# every figure a ranked row shows: the panel's score only with enough experts,
# the external score and its gap only with an external result (— otherwise)
RANKING_FIELDS = (
	"rank",
	"name",
	"project_name",
	"budget_unit",
	"expenditure_type",
	"execution_rate",
	*SCORES,
	"grade",
	"expert_panel_score",
	"external_kind",
	"external_score",
	"external_grade",
	"score_gap",
	"workflow_state",
)
RANKING_WORDS = {"expenditure_type", "grade", "external_kind", "external_grade", "workflow_state"}
EXTERNAL = "if(ifnull(external_kind, '') != '', {0}, null)"
RANKING = SameFigures(
	"ranking",
	"Self-Evaluation Scores (ranking)",
	report(self_evaluation_scores),
	{},
	f"""select rank() over (order by total_score desc), name, project_name, budget_unit, expenditure_type,
		execution_rate, {", ".join(SCORES)}, grade,
		if(expert_panel_size >= %(panel_minimum)s, expert_panel_score, null), external_kind,
		{EXTERNAL.format("external_score")}, external_grade, {EXTERNAL.format("score_gap")}, workflow_state
	from `tabPerformance Evaluation`
	where performance_year in %(years)s and docstatus < 2
	order by total_score desc, project_name""",
	data(lambda rows: [tuple(row[f] for f in RANKING_FIELDS) for row in rows]),
	lambda result: [
		tuple(
			word(value) if field in RANKING_WORDS else value
			for field, value in zip(RANKING_FIELDS, row, strict=True)
		)
		for row in result
	],
	scopes=("year", "all"),
	main=True,
)

# ---------------------------------------------------------------- Self-Evaluation Scores, by unit

BY_UNIT_FIELDS = ("budget_unit", "projects", "execution_rate", *SCORES)
BY_UNIT = SameFigures(
	"by_unit",
	"Self-Evaluation Scores (by unit)",
	report(self_evaluation_scores),
	{"group_by": "Budget Unit"},
	f"""select budget_unit, count(*), avg(execution_rate), {", ".join(f"avg({f})" for f in SCORES)}
	from `tabPerformance Evaluation`
	where performance_year in %(years)s and docstatus < 2
	group by budget_unit order by avg(total_score) desc""",
	data(lambda rows: [tuple(row[f] for f in BY_UNIT_FIELDS) for row in rows]),
	list,
	scopes=("year", "all"),
	main=True,
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
# Per unit, then a subtotal per expenditure type (every type, 0 projects for
# one without evaluations), then the 合计 row: the rate is Σ executed ÷ Σ
# budget and the average is over the projects, not over the units' averages;
# a unit or type without budget has rate 0, an empty type and the total row
# None. The report rounds half up, as round() does on these DECIMAL columns.
DEPARTMENT_FIGURES = f"""count(*), round(sum(annual_budget), 2), round(sum(executed_amount), 2),
	{{no_budget}}, round(sum(total_score) / count(*), 2), {", ".join(f"sum(grade = '{g}')" for g in GRADES)}
	from `tabPerformance Evaluation` where performance_year = %(year)s and docstatus < 2"""
RATE = "if(sum(annual_budget) = 0, {0}, round(sum(executed_amount) * 100 / sum(annual_budget), 2))"
TYPE_FIGURES = f"""count(e.name), round(ifnull(sum(e.annual_budget), 0), 2),
	round(ifnull(sum(e.executed_amount), 0), 2),
	if(count(e.name) = 0, null, if(sum(e.annual_budget) = 0, 0,
		round(sum(e.executed_amount) * 100 / sum(e.annual_budget), 2))),
	round(sum(e.total_score) / count(e.name), 2),
	{", ".join(f"ifnull(sum(e.grade = '{g}'), 0)" for g in GRADES)}"""
TYPES = " union all ".join(f"select '{kind}' kind" for kind in EXPENDITURE_TYPES)
SUBTOTAL = "(subtotal) "


def department_sql_rows(result) -> list[tuple]:
	"""A type's subtotal under the unit column as the report names it."""
	return [
		(
			_("{0} Subtotal").format(_(row[0][len(SUBTOTAL) :])) if row[0].startswith(SUBTOTAL) else row[0],
			*row[1:],
		)
		for row in result
	]


DEPARTMENT = SameFigures(
	"department_summary",
	"Department summary",
	report(department_summary),
	{"accepted_only": 0},
	f"""select budget_unit, {DEPARTMENT_FIGURES.format(no_budget=RATE.format(0))}
	group by budget_unit
	union all
	select concat('{SUBTOTAL}', t.kind), {TYPE_FIGURES}
	from ({TYPES}) t left join `tabPerformance Evaluation` e
		on e.expenditure_type = t.kind and e.performance_year = %(year)s and e.docstatus < 2
	group by t.kind
	union all
	select '{TOTAL}', {DEPARTMENT_FIGURES.format(no_budget=RATE.format("null"))}
	having count(*) > 0""",
	data(
		lambda rows: [
			(
				TOTAL if row.get("is_total_row") and row["budget_unit"] == _("Total") else row["budget_unit"],
				*(row[f] for f in DEPARTMENT_FIELDS[1:]),
			)
			for row in rows
		]
	),
	department_sql_rows,
	main=True,
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
# one figure of next year's goal of the evaluation's project, by the project code's index
NEXT_GOAL = """(select max(g.{field}) from `tabPerformance Goal` g
	where g.project_code = ev.project_code and g.budget_unit = ev.budget_unit and ifnull(g.project_code, '') != ''
		and g.performance_year = %(next_year)s and g.docstatus < 2 and {which})"""
CONFIRMED = "g.is_current = 1"
FILED = """g.docstatus = 0 and ifnull(g.previous_version, '') = ''
	and ifnull(g.workflow_state, '') not in %(goal_set_aside)s"""
ADVICE = SameFigures(
	"budget_advice",
	"Budget Advice",
	report(budget_advice),
	{},
	# next year's goal of the same project: the current version, else the first
	# version still being filed; a confirmed advice wins over a draft
	f"""select ev.name, ev.project_code, ev.project_name, ev.budget_unit, ev.total_score, ev.grade,
		ba.decided_action, if(ba.decided_action is null, null, ba.decided_cut_percent),
		if(ba.name is null, ev.annual_budget, ba.current_amount),
		coalesce({NEXT_GOAL.format(field="total_amount", which=CONFIRMED)},
			{NEXT_GOAL.format(field="total_amount", which=FILED)}),
		coalesce({NEXT_GOAL.format(field="name", which=CONFIRMED)}, {NEXT_GOAL.format(field="name", which=FILED)}),
		ba.name, ifnull(ba.docstatus, 0) = 1, ifnull(ba.is_overridden, 0)
	from `tabPerformance Evaluation` ev
	left join `tabBudget Advice` ba on ba.performance_evaluation = ev.name and ba.docstatus = (
		select max(docstatus) from `tabBudget Advice`
		where performance_evaluation = ev.name and docstatus < 2)
	where ev.performance_year = %(year)s and ev.docstatus = 1
	order by ev.budget_unit, ev.project_code""",
	data(lambda rows: [tuple(row[f] for f in ADVICE_FIELDS) for row in rows]),
	lambda result: [(*row[:5], word(row[5]), word(row[6]), *row[7:]) for row in result],
	scopes=("year", "previous"),
	main=True,
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
	report(submission_completeness),
	{},
	COMPLETENESS_SQL,
	data(completeness_report_rows),
	completeness_sql_rows,
	main=True,
)


# ---------------------------------------------------------------- Monitoring Warning Board

BOARD_FIELDS = (
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
REASONS = ("reason_funding", "reason_rules", "reason_staffing", "reason_conditions", "reason_other")
REASONS_ROW = "(reasons)"


def board_report_rows(result) -> list[tuple]:
	"""The records, and the deviation reasons the chart counts as one more row."""
	chart = result[3]
	reasons = chart["data"]["datasets"][0]["values"] if chart else [0] * len(REASONS)
	return [*(tuple(row[f] for f in BOARD_FIELDS) for row in result[1]), (REASONS_ROW, *reasons)]


def board_sql_rows(result) -> list[tuple]:
	reasons = result[0][len(BOARD_FIELDS) :] if result else [0] * len(REASONS)
	return [
		*((*row[:6], word(row[6]), row[7], word(row[8]), word(row[9])) for row in result),
		(REASONS_ROW, *reasons),
	]


BOARD = SameFigures(
	"warning_board",
	"Monitoring Warning Board",
	report(monitoring_warning_board),
	{},
	# each record, with the year's reason counts over its indicator rows beside it
	f"""select {", ".join(f"mo.{f}" for f in BOARD_FIELDS)}, r.*
	from `tabPerformance Monitoring` mo
	cross join (
		select {", ".join(f"sum(ifnull(i.{f}, '') != '')" for f in REASONS)}
		from `tabPerformance Monitoring` m join `tabMonitoring Indicator` i
			on i.parent = m.name and i.parenttype = 'Performance Monitoring'
		where m.performance_year in %(years)s and m.docstatus < 2
	) r
	where mo.performance_year in %(years)s and mo.docstatus < 2""",
	board_report_rows,
	board_sql_rows,
	scopes=("year", "all"),
	main=True,
)

# ---------------------------------------------------------------- Rectification Tracking

TRACKING_FIELDS = (
	"name",
	"budget_unit",
	"project_code",
	"project_name",
	"source_type",
	"source_name",
	"problem",
	"notice_date",
	"due_date",
	"status",
	"workflow_state",
	"age_days",
	"days_overdue",
)
# the problem's first line, cut to 60 characters with "…" as the report shows it
PROBLEM = "substring_index(trim(problem), '\\n', 1)"
TRACKING = SameFigures(
	"rectification_tracking",
	"Rectification Tracking",
	report(rectification_tracking),
	{},
	f"""select name, budget_unit, project_code, project_name, source_doctype, source_description, source_name,
		if(char_length({PROBLEM}) <= 60, {PROBLEM}, concat(left({PROBLEM}, 59), '…')),
		notice_date, due_date, status, workflow_state,
		datediff(curdate(), ifnull(notice_date, date(creation))),
		if(status = 'Overdue' and due_date is not null, datediff(curdate(), due_date), null)
	from `tabRectification`
	where performance_year in %(years)s and docstatus < 2""",
	data(lambda rows: [tuple(row[f] for f in TRACKING_FIELDS) for row in rows]),
	lambda result: [
		(
			*row[:4],
			word(row[4]) if row[4] else (row[5] or _("Other")),
			*row[6:10],
			word(row[10]),
			word(row[11]),
			*row[12:],
		)
		for row in result
	],
	scopes=("year", "all"),
	main=True,
)

# ---------------------------------------------------------------- Goal Review Summary

GOAL_REVIEW_FIELDS = (
	"budget_unit",
	"expenditure_type",
	"workflow_state",
	"review_rating",
	"ex_ante",
	"goals",
	"key_projects",
	"total_amount",
	"fiscal_amount",
	"other_amount",
)
GOAL_REVIEW = SameFigures(
	"goal_review_summary",
	"Goal Review Summary",
	report(goal_review_summary),
	{},
	"""select budget_unit, expenditure_type, ifnull(workflow_state, '') state, ifnull(review_rating, '') rating,
		case when ifnull(ex_ante_conclusion, '') != '' then ex_ante_conclusion
			when ex_ante_required = 1 then 'Awaiting Assessment' else '' end ex_ante,
		count(*), sum(is_key_project), sum(total_amount), sum(fiscal_amount), sum(other_amount)
	from `tabPerformance Goal`
	where performance_year in %(years)s and (docstatus = 0 or is_current = 1)
	group by budget_unit, expenditure_type, state, rating, ex_ante""",
	data(lambda rows: [tuple(row[f] for f in GOAL_REVIEW_FIELDS) for row in rows]),
	lambda result: [(row[0], *(word(v) for v in row[1:5]), *row[5:]) for row in result],
	scopes=("year", "all"),
	main=True,
)

# ---------------------------------------------------------------- Monitoring Round Completeness

ROUND_FIELDS = (
	"budget_unit",
	"project_code",
	"project_name",
	"performance_monitoring",
	"status",
	"workflow_state",
	"round_deadline",
)
ROUND_COMPLETENESS = SameFigures(
	"round_completeness",
	"Monitoring Round Completeness (1–7月)",
	report(monitoring_round_completeness),
	{"period_end_month": ROUND_MONTH},
	f"""select g.budget_unit, g.project_code, g.project_name, m.name,
		case when m.name is null then 'Missing'
			when m.docstatus = 1 or ifnull(nullif(m.workflow_state, ''), %(monitoring_initial)s)
				not in %(monitoring_filing)s then 'Submitted'
			else 'Not Submitted' end,
		m.workflow_state, m.round_deadline
	from `tabPerformance Goal` g left join `tabPerformance Monitoring` m
		on m.performance_goal = g.name and m.period_end_month = {ROUND_MONTH} and m.docstatus < 2
	where g.performance_year = %(year)s and g.docstatus = 1 and g.is_current = 1
	union all
	select g.budget_unit, '', '{{department}}', m.name,
		case when m.name is null then 'Missing'
			when m.docstatus = 1 or ifnull(nullif(m.workflow_state, ''), %(department_monitoring_initial)s)
				not in %(department_monitoring_filing)s then 'Submitted'
			else 'Not Submitted' end,
		m.workflow_state, m.round_deadline
	from `tabDepartment Performance Goal` g left join `tabDepartment Performance Monitoring` m
		on m.department_goal = g.name and m.period_end_month = {ROUND_MONTH} and m.docstatus < 2
	where g.performance_year = %(year)s and g.docstatus = 1""",
	data(lambda rows: [tuple(row[f] for f in ROUND_FIELDS) for row in rows]),
	lambda result: [
		(
			row[0],
			row[1],
			_("Department as a Whole") if row[2] == "{department}" else row[2],
			row[3],
			_(row[4]),
			word(row[5]),
			row[6],
		)
		for row in result
	],
)

# ---------------------------------------------------------------- Suggested Interviews

INTERVIEW_FIELDS = ("budget_unit", "poor_projects", "overdue_rectifications", "last_interview")
INTERVIEWS = SameFigures(
	"suggested_interviews",
	"Suggested Interviews",
	report(suggested_interviews),
	{},
	"""with poor as (
		select budget_unit, count(*) projects from `tabPerformance Evaluation`
		where performance_year = %(year)s and docstatus = 1
			and if(ifnull(external_grade, '') != '', external_grade, grade) = 'Poor'
		group by budget_unit
	), overdue as (
		select budget_unit, count(*) rectifications from `tabRectification` where status = 'Overdue'
		group by budget_unit
	), held as (
		select budget_unit, max(interview_date) last_held from `tabPerformance Interview`
		where performance_year = %(year)s and docstatus < 2 group by budget_unit
	)
	select u.budget_unit, ifnull(p.projects, 0), ifnull(o.rectifications, 0), h.last_held
	from (select budget_unit from poor union select budget_unit from overdue) u
	left join poor p on p.budget_unit = u.budget_unit
	left join overdue o on o.budget_unit = u.budget_unit
	left join held h on h.budget_unit = u.budget_unit""",
	data(lambda rows: [tuple(row[f] for f in INTERVIEW_FIELDS) for row in rows]),
	list,
)

# ---------------------------------------------------------------- number cards

CARDS = os.path.join(os.path.dirname(perf_budget.__file__), "perf_budget", "number_card")


def card(name: str) -> Callable[[dict], object]:
	"""The card as the workspace asks for it: its filters and its dynamic
	filters with the year put in, to its method (a Custom card) or to Frappe's
	count (a Document Type card)."""
	with open(os.path.join(CARDS, name, f"{name}.json"), encoding="utf-8") as f:
		doc = json.load(f)

	def run(filters: dict):
		dynamic = [
			[*f[:3], filters["performance_year"]] for f in json.loads(doc.get("dynamic_filters_json") or "[]")
		]
		given = json.dumps(json.loads(doc.get("filters_json") or "[]") + dynamic)
		if doc["type"] == "Custom":
			return frappe.get_attr(doc["method"])(filters=given)
		return number_card.get_result(frappe._dict(doc), given)

	return run


def card_value(result) -> list[tuple]:
	return [(result["value"] if isinstance(result, dict) else result,)]


AVERAGE_SCORE = SameFigures(
	"card_average_score",
	"Card 自评平均分 (average_self_evaluation_score)",
	card("average_self_evaluation_score"),
	{},
	"""select round(sum(total_score) / count(*), 2) from `tabPerformance Evaluation`
	where docstatus = 1 and performance_year = %(year)s""",
	card_value,
	list,
	kind="card",
)
ADVISED_BUDGET = SameFigures(
	"card_advised_budget",
	"Card 已确认预算建议 (confirmed_budget_advice)",
	card("confirmed_budget_advice"),
	{},
	"""select sum(decided_amount) from `tabBudget Advice` where docstatus = 1 and performance_year = %(year)s""",
	card_value,
	lambda result: [(fmt_money(result[0][0] or 0, precision=2),)],
	kind="card",
)
RED_WARNINGS = SameFigures(
	"card_red_warnings",
	"Card 红灯预警 (red_warnings)",
	card("red_warnings"),
	{},
	"""select count(*) from `tabPerformance Monitoring`
	where warning_level = 'Red' and docstatus < 2 and performance_year = %(year)s""",
	card_value,
	list,
	kind="card",
)
GOALS_AWAITING = SameFigures(
	"card_goals_awaiting",
	"Card 待审核目标 (goals_awaiting_review)",
	card("goals_awaiting_review"),
	{},
	"""select count(*) from `tabPerformance Goal`
	where workflow_state in ('Pending Unit Head', 'Finance Review') and performance_year >= %(year)s""",
	card_value,
	list,
	kind="card",
)
OVERDUE = SameFigures(
	"card_overdue",
	"Card 逾期整改 (overdue_rectifications)",
	card("overdue_rectifications"),
	{},
	"select count(*) from `tabRectification` where status = 'Overdue'",
	card_value,
	list,
	kind="card",
)

# ---------------------------------------------------------------- dashboard charts


def chart(method: Callable) -> Callable[[dict], object]:
	"""A Custom chart's source method, as the workspace calls it."""
	return lambda filters: method(filters=json.dumps({"performance_year": filters["performance_year"]}))


def chart_cells(result) -> list[tuple]:
	"""(label, dataset, value) for every bar."""
	if not result:
		return []
	return [
		(label, dataset["name"], value)
		for dataset in result["datasets"]
		for label, value in zip(result["labels"], dataset["values"], strict=True)
	]


def per_unit_cells(values: tuple) -> Callable[[tuple], list[tuple]]:
	"""(unit, value, count) rows from the SQL as the stacked chart's cells:
	every unit the SQL found, with 0 for a value it has none of."""

	def cells(result) -> list[tuple]:
		counts = {(unit, value): n for unit, value, n in result}
		units = {unit for unit, _value in counts}
		return [(unit, _(value), counts.get((unit, value), 0)) for unit in units for value in values]

	return cells


LIGHTS_CHART = SameFigures(
	"chart_lights",
	"Chart 各单位预警情况 (warnings_by_unit)",
	chart(dashboard.lights_by_unit),
	{},
	"""select budget_unit, warning_level, count(*) from `tabPerformance Monitoring`
	where performance_year = %(year)s and docstatus < 2 and warning_level in ('Red', 'Yellow', 'Green')
	group by budget_unit, warning_level""",
	chart_cells,
	per_unit_cells(dashboard.LIGHTS),
	kind="chart",
)
GRADES_CHART = SameFigures(
	"chart_grades",
	"Chart 各单位评价等级 (grades_by_unit)",
	chart(dashboard.grades_by_unit),
	{},
	"""select budget_unit, grade, count(*) from `tabPerformance Evaluation`
	where performance_year = %(year)s and docstatus = 1 and grade in ('Excellent', 'Good', 'Fair', 'Poor')
	group by budget_unit, grade""",
	chart_cells,
	per_unit_cells(dashboard.GRADES),
	kind="chart",
)


def action_cells(result) -> list[tuple]:
	counts = {(confirmed, action): n for confirmed, action, n in result}
	return [
		(_(action), _(name), counts.get((confirmed, action), 0))
		for confirmed, name in ((1, "Confirmed"), (0, "Awaiting Confirmation"))
		for action in dashboard.ACTIONS
	]


ACTIONS_CHART = SameFigures(
	"chart_actions",
	"Chart 预算建议 (budget_advice_by_action)",
	chart(dashboard.advice_by_action),
	{},
	"""select docstatus, if(docstatus = 1, decided_action, recommended_action) action, count(*)
	from `tabBudget Advice` where performance_year = %(year)s and docstatus < 2
	group by docstatus, action""",
	chart_cells,
	action_cells,
	kind="chart",
)


GRADE_DISTRIBUTION = SameFigures(
	"chart_grade_distribution",
	"Chart 评价等级分布 (grade_distribution)",
	chart(dashboard.grade_distribution),
	{},
	"""select grade, count(*) from `tabPerformance Evaluation`
	where performance_year = %(year)s and docstatus = 1 group by grade""",
	chart_cells,
	lambda result: [(_(grade), _("Projects"), dict(result).get(grade, 0)) for grade in dashboard.GRADES],
	kind="chart",
)


# ---------------------------------------------------------------- Budget Execution

EXECUTION_FIELDS = (
	"budget_unit",
	"project_code",
	"project_name",
	"performance_goal",
	"initial_budget",
	"adjusted_budget",
	"executed_amount",
	"execution_rate",
	"time_progress",
	"time_adjusted_rate",
	"execution_light",
	"as_of_date",
	"budget_import",
)
MESSAGE = "(message)"
EXECUTION_AS_OF = "-04-15"  # the as-of run: figures as of a day in April (the 1–3月 imports)
# a figure of an import row: its three fund categories, exact to the fen, rounded half up to 0.01 万元
AMOUNT = """if(p.has_{0}, round(cast(r.{0}_fiscal as decimal(30, 6)) + cast(r.{0}_carryover as decimal(30, 6))
	+ cast(r.{0}_other as decimal(30, 6)), 2), null)"""
# months behind figures as of a day: the months before its month and the share of its days
MONTHS = "(month({0}) - 1 + cast(day({0}) as decimal(30, 10)) / day(last_day({0})))"
PACE = f"""if(ifnull(adjusted_budget, 0) = 0 or executed_amount is null, null,
		round(cast(executed_amount as decimal(30, 10)) * 100 / adjusted_budget, 2)) execution_rate,
	if(as_of_date is null, null, round({MONTHS.format("as_of_date")} * 100 / 12, 2)) time_progress,
	if(ifnull(adjusted_budget, 0) = 0 or executed_amount is null or as_of_date is null, null,
		round(cast(executed_amount as decimal(30, 10)) * 1200 / (adjusted_budget * {MONTHS.format("as_of_date")}), 2))
		time_adjusted_rate"""
IMPORTS_OF_YEAR = """p.docstatus = 1 and p.performance_year = %(year)s and p.as_of_date is not null
	and p.as_of_date <= ifnull(%(as_of)s, p.as_of_date)"""
EXECUTION_SQL = f"""with newest as (
		-- the latest applied import's row of each project code, picked on the narrow columns
		select name from (
			select r.name, row_number() over (partition by trim(r.project_code)
				order by p.as_of_date desc, p.applied_on desc, p.name desc) n
			from `tabBudget Execution Import Row` r join `tabBudget Execution Import` p on p.name = r.parent
			where r.parenttype = 'Budget Execution Import' and r.parentfield = 'projects'
				and ifnull(r.budget_unit, '') != '' and {IMPORTS_OF_YEAR}
		) numbered where n = 1
	), grouped as (
		-- each project, each unit's subtotal and the total (the rows WITH ROLLUP adds, their
		-- project code null): the figures as shown added up, one as-of date or none
		select r.budget_unit, r.project_code, max(r.project_name) project_name,
			max(r.performance_goal) performance_goal, sum({AMOUNT.format("initial")}) initial_budget,
			sum({AMOUNT.format("adjusted")}) adjusted_budget, sum({AMOUNT.format("executed")}) executed_amount,
			if(count(distinct p.as_of_date) = 1, max(p.as_of_date), null) as_of_date, max(p.name) budget_import
		from newest straight_join `tabBudget Execution Import Row` r on r.name = newest.name
			straight_join `tabBudget Execution Import` p on p.name = r.parent
		group by r.budget_unit, r.project_code with rollup
	), paced as (
		select if(project_code is not null, 'project', if(budget_unit is not null, 'subtotal', 'total')) kind,
			budget_unit, project_code, if(project_code is null, null, project_name) project_name,
			if(project_code is null, null, performance_goal) performance_goal, initial_budget, adjusted_budget,
			executed_amount, {PACE}, as_of_date, if(project_code is null, null, budget_import) budget_import
		from grouped
	), latest_import as (
		select p.name, p.as_of_date, (select count(*) from `tabBudget Execution Import Row` u
			where u.parent = p.name and u.parenttype = 'Budget Execution Import' and u.parentfield = 'unmatched'
		) unmatched
		from `tabBudget Execution Import` p where p.docstatus = 1 and p.performance_year = %(year)s
			and p.as_of_date <= ifnull(%(as_of)s, p.as_of_date)
		order by p.as_of_date desc, p.applied_on desc, p.name desc limit 1
	)
	select paced.*, case when time_adjusted_rate < %(warning_red_below)s then 'Red'
			when time_adjusted_rate < %(warning_yellow_below)s then 'Yellow'
			when time_adjusted_rate is not null then 'Green' end light,
		m.name, m.as_of_date, m.unmatched
	from paced left join latest_import m on 1 = 1"""


def execution_report_rows(result) -> list[tuple]:
	"""Every row of the table by its fields, and the report's message as one more row."""
	_columns, rows, message = result[:3]
	return [*(tuple(row[f] for f in EXECUTION_FIELDS) for row in rows), (MESSAGE, message)]


def execution_sql_rows(result) -> list[tuple]:
	lines, message = [], None
	subtotals = sum(1 for row in result if row[0] == "subtotal")
	for (
		kind,
		unit,
		code,
		project_name,
		goal,
		initial,
		adjusted,
		executed,
		rate,
		progress,
		adjusted_rate,
		as_of,
		budget_import,
		light,
		latest,
		latest_as_of,
		unmatched,
	) in result:
		if kind == "subtotal" and subtotals == 1:
			continue  # one unit: the report shows its 合计 only
		label = {"project": unit, "subtotal": _("{0} Subtotal").format(unit), "total": _("Total")}[kind]
		figures = (initial, adjusted, executed, rate, progress, adjusted_rate)
		lines.append((label, code, project_name, goal, *figures, word(light) or None, as_of, budget_import))
		if unmatched:
			message = _(
				"{0} project codes of the latest import {1} (as of {2}) match no goal of one unit and are not in this table; the import lists them."
			).format(unmatched, latest, latest_as_of.isoformat())
	return [*lines, (MESSAGE, message)]


def execution_spec(key: str, label: str, as_of: bool) -> SameFigures:
	return SameFigures(
		key,
		label,
		report(budget_execution),
		(lambda year: {"as_of_date": f"{year}{EXECUTION_AS_OF}"}) if as_of else {},
		EXECUTION_SQL,
		execution_report_rows,
		execution_sql_rows,
		main=True,
		values=(lambda year: {"as_of": f"{year}{EXECUTION_AS_OF}"}) if as_of else None,
	)


BUDGET_EXECUTION = execution_spec("budget_execution", "Budget Execution", as_of=False)
BUDGET_EXECUTION_AS_OF = execution_spec(
	"budget_execution_as_of", f"Budget Execution (as of …{EXECUTION_AS_OF})", as_of=True
)

# ---------------------------------------------------------------- Budget Reconciliation

RECONCILIATION_FIELDS = (
	"budget_unit",
	"record_type",
	"record",
	"project_code",
	"project_name",
	"period_end_month",
	"figure",
	"record_figure",
	"system_figure",
	"difference",
	"from_import",
	"filled_by",
	"compared_with",
	"as_of_date",
	"workflow_state",
)
# The import compared with, per kind of record: the latest of the year giving 年初预算数
# for a goal, the latest as of its round's month for a monitoring record, the latest as of
# December for a self-evaluation (budget_system.execution.latest_imports).
RECONCILED = {
	"Performance Goal": ("i.has_initial = 1", "", "null"),
	# only the months a round of the year ends in
	"Performance Monitoring": (
		"""month(i.as_of_date) in (select period_end_month from `tabPerformance Monitoring`
			where performance_year = %(year)s and docstatus < 2)""",
		", month(i.as_of_date)",
		"t.period_end_month",
	),
	"Performance Evaluation": ("month(i.as_of_date) = 12", "", "null"),
}


def system_figure(doctype: str, field: str) -> tuple[str, str]:
	"""(the budget system's figure of a record's field as the import writes it,
	the condition that the import gives it)."""
	if field in targets.FIELDS[doctype]:
		figure, categories = targets.FIELDS[doctype][field]
		summed = " + ".join(f"cast(x.{figure}_{c.lower()} as decimal(30, 6))" for c in categories)
		return f"round({summed}, 2)", f"i.has_{figure} = 1"
	parts = [system_figure(doctype, part) for part in targets.TOTALS[doctype][field]]
	return " + ".join(f"({p})" for p, _given in parts), " and ".join(given for _p, given in parts)


def reconciliation_select(doctype: str) -> str:
	"""A line per record and figure compared (a derived table of the figures
	joined to each record), with the latest import that concerns the record."""
	condition, month, period = RECONCILED[doctype]
	compared = []  # (field, the budget system's figure, when it is compared)
	for total, parts in targets.TOTALS[doctype].items():
		# the parts only when the record gives any (budget_system.execution.compared_fields)
		given = " or ".join(f"round(t.{part}, 2) != 0" for part in parts)
		for field in (*parts, total):
			figure, has = system_figure(doctype, field)
			compared.append((field, figure, has if field == total else f"({given}) and {has}"))
	record = " ".join(f"when '{field}' then cast(t.{field} as decimal(30, 2))" for field, _s, _w in compared)
	system = " ".join(f"when '{field}' then {figure}" for field, figure, _w in compared)
	when = " or ".join(f"(f.field = '{field}' and {given})" for field, _s, given in compared)
	fields = " union all ".join(f"select '{field}' field" for field, _s, _w in compared)
	latest_version = (
		"""and not exists (select 1 from `tabPerformance Goal` h where h.performance_year = t.performance_year
			and h.docstatus < 2 and h.project_code = t.project_code and h.budget_unit = t.budget_unit
			and h.version > t.version)"""
		if doctype == "Performance Goal"
		else ""
	)
	return f"""select '{doctype}' doctype, t.name, t.budget_unit, t.project_code, t.project_name, {period} month,
		f.field, case f.field {record} end record_figure, case f.field {system} end system_figure,
		ifnull(json_contains(ifnull(nullif(t.imported_fields, ''), '[]'), json_quote(f.field)), 0) from_import,
		t.budget_import filled_by, i.budget_import compared_with, i.as_of_date, t.workflow_state
	from (
		select * from (
			select i.*, row_number() over (partition by code, budget_unit{month}
				order by as_of_date desc, applied_on desc, budget_import desc) n
			from imports i where {condition}
		) numbered where n = 1
	) i
	straight_join `tabBudget Execution Import Row` x on x.name = i.row_name
	-- by the project code's index (the records' codes are trimmed when typed; a trailing space
	-- compares equal in MariaDB's PAD SPACE collations anyway)
	straight_join `tab{doctype}` t on t.project_code = i.code and t.budget_unit = i.budget_unit
		{"and month(i.as_of_date) = t.period_end_month" if month else ""}
	straight_join ({fields}) f
	where t.performance_year = %(year)s and t.docstatus < 2 and ifnull(t.project_code, '') != ''
		{latest_version} and ({when})"""


RECONCILIATION_SQL = f"""with imports as (
		select r.name row_name, trim(r.project_code) code, r.budget_unit, p.name budget_import, p.as_of_date,
			p.applied_on, p.has_initial, p.has_adjusted, p.has_executed
		from `tabBudget Execution Import Row` r join `tabBudget Execution Import` p on p.name = r.parent
		where r.parenttype = 'Budget Execution Import' and r.parentfield = 'projects'
			and ifnull(r.budget_unit, '') != '' and p.docstatus = 1 and p.performance_year = %(year)s
			and p.as_of_date is not null
	)
	select * from (
		select figures.*, record_figure - system_figure difference from (
			{" union all ".join(reconciliation_select(d) for d in RECONCILED)}
		) figures
	) compared
	where %(all_lines)s or difference != 0"""


def reconciliation_sql_rows(result) -> list[tuple]:
	"""The SQL's lines with the words and labels the report shows."""
	label = {
		(doctype, field): _(frappe.get_meta(doctype).get_label(field))
		for doctype in RECONCILED
		for field in (*targets.FIELDS[doctype], *targets.TOTALS[doctype])
	}
	return [
		(
			unit,
			_(doctype),
			name,
			code,
			project_name,
			month,
			label[(doctype, field)],
			record,
			system,
			difference,
			from_import,
			filled_by,
			compared_with,
			as_of,
			word(state),
		)
		for (
			doctype,
			name,
			unit,
			code,
			project_name,
			month,
			field,
			record,
			system,
			from_import,
			filled_by,
			compared_with,
			as_of,
			state,
			difference,
		) in result
	]


def reconciliation_spec(key: str, label: str, all_lines: bool) -> SameFigures:
	return SameFigures(
		key,
		label,
		report(budget_reconciliation),
		{"every_figure": 1} if all_lines else {},
		RECONCILIATION_SQL.replace("%(all_lines)s", "1" if all_lines else "0"),
		data(lambda rows: [tuple(row[f] for f in RECONCILIATION_FIELDS) for row in rows]),
		reconciliation_sql_rows,
		main=True,
	)


RECONCILIATION = reconciliation_spec("budget_reconciliation", "Budget Reconciliation (differences)", False)
RECONCILIATION_ALL = reconciliation_spec(
	"budget_reconciliation_all", "Budget Reconciliation (every figure compared)", True
)

# ---------------------------------------------------------------- department-wide and ex-ante cards and charts

DEPARTMENT_AVERAGE = SameFigures(
	"card_department_average",
	"Card 部门整体自评平均分 (department_self_evaluation_average_score)",
	card("department_self_evaluation_average_score"),
	{},
	"""select round(sum(total_score) / count(*), 2) from `tabDepartment Performance Evaluation`
	where docstatus = 1 and performance_year = %(year)s""",
	card_value,
	lambda result: [(dashboard.MISSING if result[0][0] is None else result[0][0],)],
	kind="card",
)
ASSESSMENTS_AT_FINANCE = SameFigures(
	"card_assessments_at_finance",
	"Card 待财务科审核的事前评估 (assessments_awaiting_finance)",
	card("assessments_awaiting_finance"),
	{},
	"""select count(*) from `tabEx-ante Assessment`
	where workflow_state = 'Finance Review' and docstatus = 0 and performance_year >= %(year)s""",
	card_value,
	list,
	kind="card",
)


def department_state_cells(result) -> list[tuple]:
	"""(state, year's dataset, goals) for every state found and every year found."""
	counts = {(year, state): n for year, state, n in result}
	found = {state for _year, state in counts}
	return [
		(_(state), _("{0} Department Goals").format(year), counts.get((year, state), 0))
		for year in {year for year, _state in counts}
		for state in found
	]


DEPARTMENT_STATES_CHART = SameFigures(
	"chart_department_states",
	"Chart 部门整体目标审核状态 (department_goals_by_state)",
	chart(dashboard.department_goals_by_state),
	{},
	"""select performance_year, workflow_state, count(*) from `tabDepartment Performance Goal`
	where performance_year >= %(year)s and docstatus < 2 group by performance_year, workflow_state""",
	chart_cells,
	department_state_cells,
	kind="chart",
)
BEING_ASSESSED = "Being Assessed"


def conclusion_cells(result) -> list[tuple]:
	"""One dataset a conclusion (and those being assessed), its count at its own label."""
	counts = dict.fromkeys((*dashboard.CONCLUSIONS, BEING_ASSESSED), 0) | dict(result)
	return [(_(label), _(name), counts[label] if label == name else 0) for name in counts for label in counts]


CONCLUSIONS_CHART = SameFigures(
	"chart_exante_conclusions",
	"Chart 事前评估结论 (ex_ante_conclusions)",
	chart(dashboard.exante_conclusions),
	{},
	f"""select if(docstatus = 1 and conclusion in ({", ".join(f"'{c}'" for c in dashboard.CONCLUSIONS)}),
		conclusion, '{BEING_ASSESSED}') shown, count(*)
	from `tabEx-ante Assessment` where performance_year >= %(year)s and docstatus < 2 group by shown""",
	chart_cells,
	conclusion_cells,
	kind="chart",
)
# Not measured: the card 待我审核 (awaiting_my_review) counts what the person asking may move on
# now, by the live workflow's transitions, conditions and their units — a figure of one user,
# not of the year's data (tier 2: test_owner_notifications).

SPECS = (
	RANKING,
	BY_UNIT,
	DEPARTMENT,
	ADVICE,
	COMPLETENESS,
	BOARD,
	TRACKING,
	GOAL_REVIEW,
	ROUND_COMPLETENESS,
	INTERVIEWS,
	AVERAGE_SCORE,
	ADVISED_BUDGET,
	RED_WARNINGS,
	GOALS_AWAITING,
	OVERDUE,
	LIGHTS_CHART,
	GRADES_CHART,
	ACTIONS_CHART,
	GRADE_DISTRIBUTION,
	BUDGET_EXECUTION,
	BUDGET_EXECUTION_AS_OF,
	RECONCILIATION,
	RECONCILIATION_ALL,
	DEPARTMENT_AVERAGE,
	ASSESSMENTS_AT_FINANCE,
	DEPARTMENT_STATES_CHART,
	CONCLUSIONS_CHART,
)
