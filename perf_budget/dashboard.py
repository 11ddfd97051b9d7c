"""Figures of the role workspaces that Frappe's own card and chart types get
wrong: an average shown rounded to a whole number (or 0 when there is none),
one colour for every light or grade, states and conclusions in English. Every figure
is read under Frappe's role check and the app's permission query conditions, so a
unit user sees their unit's records only: with frappe.get_list, or, where get_list's
own work was most of a sub-millisecond card or chart, with one statement under the
same conditions (rows_where)."""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import fmt_money

from perf_budget.permissions import query_conditions
from perf_budget.rules.numbers import round_half_up, to_decimal

MISSING = "—"  # SPEC §6: missing is never shown as 0
LIGHTS = ("Red", "Yellow", "Green")
GRADES = ("Excellent", "Good", "Fair", "Poor")
ACTIONS = ("Fund with Priority", "Fund as Needed", "Cut Budget", "Cancel or Suspend")
CONCLUSIONS = ("Support", "Support after Adjustment", "Do Not Support")  # Ex-ante Assessment.conclusion


@frappe.whitelist()
@frappe.read_only()
def average_score(filters=None):
	"""Number card 自评平均分: the mean total score of the accepted self-evaluations,
	with the two decimals the score reports show; "—" when none is accepted yet."""
	return mean_score("Performance Evaluation", filters, "Self-Evaluation Scores")


@frappe.whitelist()
@frappe.read_only()
def department_average_score(filters=None):
	"""Number card 部门整体自评平均分: the same over the accepted department-wide
	self-evaluations (units and the bureau's own), opening the department summary."""
	return mean_score("Department Performance Evaluation", filters, "Department Self-Evaluation Summary")


def mean_score(doctype: str, filters, report: str):
	where, values = submitted_in_year(filters)
	records, total = count_where(doctype, "count(*), sum(total_score)", where, values)
	year = values["year"]
	if not records:
		return MISSING
	return {
		"value": round_half_up(to_decimal(total) / records, 2),
		"fieldtype": "Float",
		"precision": 2,
		"route": ["query-report", report],
		"route_options": {"performance_year": year} if year else {},
	}


@frappe.whitelist()
@frappe.read_only()
def advised_budget(filters=None):
	"""Number card: next year's budget the finance head confirmed (submitted
	advice) for the year's projects, in 万元 with two decimals; "—" before any
	advice is confirmed."""
	projects, total = count_where(
		"Budget Advice", "count(*), sum(decided_amount)", *submitted_in_year(filters)
	)
	if not projects:
		return MISSING
	return fmt_money(total or 0, precision=2)


@frappe.whitelist()
@frappe.read_only()
def overdue_rectifications(filters=None):
	"""Number card 逾期整改: the rectifications past their deadline, every year's;
	opens the list of them."""
	(overdue,) = count_where("Rectification", "count(*)", "status = 'Overdue'")
	return {
		"value": overdue,
		"fieldtype": "Int",
		"route": ["List", "Rectification"],
		"route_options": {"status": "Overdue"},
	}


@frappe.whitelist()
@frappe.read_only()
def assessments_awaiting_finance(filters=None):
	"""Number card 待财务科审核的事前评估: the ex-ante assessments of the year and
	after (next year's new projects are assessed during this one) at the finance
	office's review; opens the list of those at that review."""
	year = filter_value(filters, "performance_year")
	(waiting,) = count_where(
		"Ex-ante Assessment",
		"count(*)",
		"workflow_state = 'Finance Review' and docstatus = 0"
		+ (" and performance_year >= %(year)s" if year else ""),
		{"year": year},
	)
	return {
		"value": waiting,
		"fieldtype": "Int",
		"route": ["List", "Ex-ante Assessment"],
		"route_options": {"workflow_state": "Finance Review", "docstatus": 0},
	}


def count_where(doctype: str, figures: str, where: str, values: dict | None = None) -> tuple:
	"""A card's figures: the one row of ``rows_where`` without grouping."""
	return rows_where(doctype, figures, where, values)[0]


def rows_where(
	doctype: str, figures: str, where: str, values: dict | None = None, group_by: str = ""
) -> list[tuple]:
	"""One statement's figures over the records of ``doctype`` the user may
	read: Frappe's role check, then the app's own permission query conditions
	(the user's units), as get_list would add them. For the cards and charts whose
	statement takes a fraction of a millisecond, where get_list's own work
	(metadata, filters parsed, field permissions) was most of the time."""
	frappe.has_permission(doctype, "read", throw=True)
	units = query_conditions(doctype=doctype)
	return frappe.db.sql(
		f"select {figures} from `tab{doctype}` where {where}"
		+ (f" and {units}" if units else "")
		+ (f" group by {group_by}" if group_by else ""),
		values or (),
	)


def submitted_in_year(filters) -> tuple[str, dict]:
	"""(where, values) of a card's submitted records of the card's year (every year without one)."""
	year = filter_value(filters, "performance_year")
	return "docstatus = 1" + (" and performance_year = %(year)s" if year else ""), {"year": year}


def filter_value(filters, field: str):
	"""A card's filter value, from the widget's [doctype, field, "=", value] rows."""
	return next((f[3] for f in frappe.parse_json(filters) or [] if f[1] == field), None)


def chart_year(filters) -> str | None:
	return (frappe.parse_json(filters) or {}).get("performance_year")


def stacked(doctype: str, year: str | None, field: str, values: tuple, filters: dict) -> dict:
	"""Records per unit, one dataset per value of ``field`` (in the order of
	``values``, the order of the chart's colours); units with most of the
	first value first."""
	rows = frappe.get_list(
		doctype,
		filters={"performance_year": year, **filters},
		fields=["budget_unit", f"{field} as value", "count(name) as records"],
		group_by=f"budget_unit, {field}",
		order_by=None,
	)
	counts: dict[str, dict[str, int]] = {}
	for row in rows:
		if row.value in values:
			counts.setdefault(row.budget_unit, dict.fromkeys(values, 0))[row.value] += row.records
	units = sorted(counts, key=lambda unit: (*(-counts[unit][v] for v in values), unit))
	if not units:
		return {}  # the widget's "no data" rather than an empty chart
	return {
		"labels": units,
		"datasets": [
			{"name": _(value), "values": [counts[unit][value] for unit in units]} for value in values
		],
	}


@frappe.whitelist()
@frappe.read_only()
def lights_by_unit(chart_name=None, filters=None, **kwargs):
	"""Chart 各单位预警情况: each unit's monitoring records of the year by light."""
	return stacked(
		"Performance Monitoring", chart_year(filters), "warning_level", LIGHTS, {"docstatus": ["<", 2]}
	)


@frappe.whitelist()
@frappe.read_only()
def grades_by_unit(chart_name=None, filters=None, **kwargs):
	"""Chart 各单位评价等级: each unit's accepted self-evaluations of the year by grade."""
	return stacked("Performance Evaluation", chart_year(filters), "grade", GRADES, {"docstatus": 1})


@frappe.whitelist()
@frappe.read_only()
def grade_distribution(chart_name=None, filters=None, **kwargs):
	"""Chart 评价等级分布: the year's accepted self-evaluations by grade, counted
	by the database (it was the Self-Evaluation Scores report's chart: the whole
	ranking built, on every home page, to count four grades)."""
	rows = frappe.get_list(
		"Performance Evaluation",
		filters={"performance_year": chart_year(filters), "docstatus": 1},
		fields=["grade", "count(name) as projects"],
		group_by="grade",
		order_by=None,
	)
	counts = {row.grade: row.projects for row in rows}
	if not counts:
		return {}  # the widget's "no data" rather than an empty chart
	return {
		"labels": [_(grade) for grade in GRADES],
		"datasets": [{"name": _("Projects"), "values": [counts.get(grade, 0) for grade in GRADES]}],
	}


@frappe.whitelist()
@frappe.read_only()
def advice_by_action(chart_name=None, filters=None, **kwargs):
	"""Chart 预算建议: projects per advised action, confirmed (the finance head's
	decision) and awaiting confirmation (the rules' recommendation)."""
	# counted by the database: a year's 3,000 advice records are 8 groups
	rows = rows_where(
		"Budget Advice",
		"docstatus, if(docstatus = 1, decided_action, recommended_action) action, count(*)",
		"docstatus < 2 and performance_year = %(year)s",
		{"year": chart_year(filters) or ""},
		group_by="docstatus, action",
	)
	if not rows:
		return {}
	confirmed, awaiting = dict.fromkeys(ACTIONS, 0), dict.fromkeys(ACTIONS, 0)
	for docstatus, action, projects in rows:
		counts = confirmed if docstatus == 1 else awaiting
		if action in counts:
			counts[action] += projects
	return {
		"labels": [_(action) for action in ACTIONS],
		"datasets": [
			{"name": _("Confirmed"), "values": list(confirmed.values())},
			{"name": _("Awaiting Confirmation"), "values": list(awaiting.values())},
		],
	}


@frappe.whitelist()
@frappe.read_only()
def department_goals_by_state(chart_name=None, filters=None, **kwargs):
	"""Chart 部门整体目标审核状态: the department-wide goals (units' and the bureau's
	own) of the chart's year and the years after it — next year's are filed and
	reviewed during this one — per state of their live workflow, in the
	workflow's order, one dataset a year."""
	doctype = "Department Performance Goal"
	rows = rows_where(
		doctype,
		"performance_year, workflow_state, count(*)",
		"docstatus < 2 and performance_year >= %(year)s",
		{"year": chart_year(filters) or ""},
		group_by="performance_year, workflow_state",
	)
	if not rows:
		return {}
	counts = {(year, state): goals for year, state, goals in rows}
	workflow = get_workflow_name(doctype)
	order = [row.state for row in frappe.get_cached_doc("Workflow", workflow).states] if workflow else []
	found = {state for _year, state in counts}
	states = [state for state in dict.fromkeys(order) if state in found]
	states += sorted(found - set(states), key=str)  # a state the workflow no longer has
	return {
		"labels": [_(state) for state in states],
		"datasets": [
			{
				"name": _("{0} Department Goals").format(year),
				"values": [counts.get((year, state), 0) for state in states],
			}
			for year in sorted({year for year, _state in counts})
		],
	}


@frappe.whitelist()
@frappe.read_only()
def exante_conclusions(chart_name=None, filters=None, **kwargs):
	"""Chart 事前评估结论: the ex-ante assessments of the chart's year and after
	(those of next year's new projects are made during this one) per conclusion,
	each in its colour (one dataset a conclusion, stacked), and those still being assessed."""
	rows = rows_where(
		"Ex-ante Assessment",
		"docstatus, conclusion, count(*)",
		"docstatus < 2 and performance_year >= %(year)s",
		{"year": chart_year(filters) or ""},
		group_by="docstatus, conclusion",
	)
	if not rows:
		return {}
	counts = dict.fromkeys((*CONCLUSIONS, "Being Assessed"), 0)
	for docstatus, conclusion, assessments in rows:
		key = conclusion if docstatus == 1 and conclusion in counts else "Being Assessed"
		counts[key] += assessments
	names = {
		**{conclusion: _(conclusion) for conclusion in CONCLUSIONS},
		"Being Assessed": _("Being Assessed"),
	}
	return {
		"labels": list(names.values()),
		"datasets": [
			{"name": names[label], "values": [counts[label] if other == label else 0 for other in counts]}
			for label in counts
		],
	}
