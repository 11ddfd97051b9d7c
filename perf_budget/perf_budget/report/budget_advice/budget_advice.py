# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Next-year budget advice (SPEC 4.5 and 6, art. 24): every accepted
self-evaluation of a year with its Budget Advice — recommended, decided,
confirmed — and what the unit asks for the project next year. An evaluation
without an advice record yet gets the recommendation its record would get
(rules.advice.recommender: the rules once per grade, not once per project),
from the latest external evaluation received where there is one (its basis
shown: "复核 58.00"). The department summary's Excel export reads the same
rows (project_advice), so both say the same.

Two queries: the evaluations left-joined to their advice, with next year's
goal of the same project; the year's rectifications, counted per project for
the evaluations still without advice."""

import functools
from collections import Counter, namedtuple

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Coalesce, IfNull, Max
from frappe.utils import cint, flt

from perf_budget.figures import amount_column, score_column, summary_item
from perf_budget.perf_budget.doctype.external_evaluation.external_evaluation import basis_text
from perf_budget.permissions import restrict_to_units
from perf_budget.rules import external
from perf_budget.rules.advice import ACTIONS, recommender
from perf_budget.rules.rectification import is_unrectified
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import state_in

PRECISION = 2


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, []
	rows = fetch(filters)
	return columns(), rows, None, action_chart(rows), summary(rows)


def next_year_goal(ev, next_year: str, field: str, confirmed: bool):
	"""Next year's goal of the evaluation's project (same code, same unit): a
	field of the current confirmed version, or of the first version still being
	filed (not excluded). A correlated subquery the project code's index
	answers: a join to next year's goals grouped by project cannot use an
	index and compared every evaluation with every project (seconds at 5,000)."""
	goal = frappe.qb.DocType("Performance Goal").as_("next_goal")
	which = (
		goal.is_current == 1
		if confirmed
		else (
			(goal.docstatus == 0)
			& (IfNull(goal.previous_version, "") == "")
			& ~state_in(IfNull(goal.workflow_state, ""), "Performance Goal", "set_aside")
		)
	)
	return (
		frappe.qb.from_(goal)
		.select(Max(goal[field]))
		.where(goal.project_code == ev.project_code)
		.where(goal.budget_unit == ev.budget_unit)
		.where(goal.performance_year == next_year)
		.where(goal.docstatus < 2)
		.where(IfNull(goal.project_code, "") != "")
		.where(which)
	)


WORDS = ("grade", "recommended_action", "decided_action")  # stored English, shown translated


def fetch(filters) -> list[dict]:
	"""The report's rows: project_advice with its words in the user's language,
	each word translated once per report, not once per row."""
	say = functools.cache(lambda word: _(word) if word else "")
	# one text per result: thousands of rows share fewer scores
	basis = functools.cache(lambda source, score: basis_text(source, score, say))
	rows = project_advice(filters)
	if filters.action:
		rows = [row for row in rows if row["_action"] == filters.action]
	for row in rows:
		for key in WORDS:
			row[key] = say(row[key])
		row["basis"] = basis(row["basis_source"], row["basis_score"])
	return rows


def project_advice(filters) -> list[dict]:
	"""Per evaluation of the year (accepted ones unless ``accepted_only`` is 0),
	its advice record's figures, or else the recommendation its record would
	get; words as stored (English)."""
	year = str(filters.performance_year)
	ev, advice = frappe.qb.DocType("Performance Evaluation"), frappe.qb.DocType("Budget Advice")
	next_year = str(cint(year) + 1)

	def next_goal(field: str):
		# the current confirmed version's, else the filed version's (only looked up without one)
		return Coalesce(
			next_year_goal(ev, next_year, field, True), next_year_goal(ev, next_year, field, False)
		)

	# what each record holds, by name, in the order selected
	fields = {
		"performance_evaluation": ev.name,
		"budget_unit": ev.budget_unit,
		"project_code": ev.project_code,
		"project_name": ev.project_name,
		"total_score": ev.total_score,
		"grade": ev.grade,
		# the latest external result received (not its record's name: every
		# column costs the driver a parse per row, 3,000 rows a year)
		**{field: ev[field] for field in ("external_kind", "external_score", "external_grade")},
		# an advice record's amount, else this year's budget the rules cut from
		"current_amount": Case().when(advice.name.isnull(), ev.annual_budget).else_(advice.current_amount),
		"budget_advice": advice.name,
		"advice_docstatus": advice.docstatus,
		**{field: advice[field] for field in ADVICE_FIELDS},
		"next_year_goal": next_goal("name"),
		"requested_amount": next_goal("total_amount"),
	}
	query = (
		frappe.qb.from_(ev)
		.left_join(advice)
		.on((advice.performance_evaluation == ev.name) & (advice.docstatus < 2))
		.select(*(term.as_(name) for name, term in fields.items()))
		.where(ev.performance_year == year)
		.where(ev.docstatus == 1 if cint(filters.get("accepted_only", 1)) else ev.docstatus < 2)
		# not by the advice's docstatus too: a sort on it made MariaDB sort every
		# row with its subqueries' values (a third of the query's time at city scale)
		.orderby(ev.budget_unit)
		.orderby(ev.project_code)
	)
	if filters.budget_unit:
		query = query.where(ev.budget_unit == filters.budget_unit)
	# named tuples: a frappe._dict per row and its attributes cost as much again on 5,000 rows
	record_of = namedtuple("Record", fields)._make
	records = {}
	for record in map(record_of, restrict_to_units(query, ev).run()):
		# a confirmed advice wins over a stray draft of the same evaluation
		kept = records.get(record.performance_evaluation)
		if kept is None or cint(record.advice_docstatus) > cint(kept.advice_docstatus):
			records[record.performance_evaluation] = record
	unresolved = unresolved_rectifications(
		year,
		{(r.budget_unit, r.project_code) for r in records.values() if not r.budget_advice and r.project_code},
	)
	recommend = recommender(get_rules())
	return [advice_row(record, unresolved, recommend) for record in records.values()]


ADVICE_FIELDS = (
	"unresolved_rectifications",
	"recommended_action",
	"recommended_cut_percent",
	"decided_action",
	"decided_cut_percent",
	"decided_amount",
	"is_overridden",
)


def unresolved_rectifications(year: str, projects: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
	"""Per project (unit, code), the year's rectifications that count against next
	year's budget (rules.rectification.is_unrectified, asked once per status and
	review result); one query."""
	if not projects:
		return {}
	rect = frappe.qb.DocType("Rectification")
	# the year's rectifications, far fewer than the projects: no IN list of
	# thousands of codes to build and parse, and no GROUP BY (a temporary table
	# and a sort cost more than counting here)
	query = (
		frappe.qb.from_(rect)
		.select(rect.budget_unit, rect.project_code, rect.status, rect.review_result)
		.where(rect.performance_year == year)
		.where(rect.docstatus < 2)
		.where(IfNull(rect.project_code, "") != "")
	)
	unrectified = functools.cache(is_unrectified)
	counts: dict[tuple[str, str], int] = {}
	for unit, code, status, review_result in query.run():
		if (unit, code) in projects and unrectified(status, review_result):
			counts[unit, code] = counts.get((unit, code), 0) + 1
	return counts


def advice_row(record, unresolved: dict[tuple[str, str], int], recommend) -> dict:
	"""A fetched record as a row: the advice record's figures, or the rules'
	recommendation with the project's unrectified rectifications counted."""
	# the result shown as the basis, also of a confirmed advice
	result = external.deciding_result(
		record.total_score,
		record.grade,
		record.external_kind,
		record.external_score,
		record.external_grade,
	)
	current = flt(record.current_amount)
	if record.budget_advice:
		recommended, cut = record.recommended_action, record.recommended_cut_percent
		decided, decided_cut = record.decided_action, record.decided_cut_percent
		advised = flt(record.decided_amount)
		open_count = cint(record.unresolved_rectifications)
	else:
		open_count = unresolved.get((record.budget_unit, record.project_code), 0)
		recommended = cut = decided = decided_cut = advised = None
		if result:
			advice = recommend(result.grade, current, open_count)
			recommended, cut, advised = advice.action, advice.cut_percent, advice.amount
	requested = record.requested_amount
	return {
		"performance_evaluation": record.performance_evaluation,
		"project_code": record.project_code,
		"project_name": record.project_name,
		"budget_unit": record.budget_unit,
		"total_score": flt(record.total_score),
		"grade": record.grade,
		"basis_source": result.source if result else None,
		"basis_score": result.score if result else None,
		"unresolved_rectifications": open_count,
		"recommended_action": recommended,
		"recommended_cut_percent": flt(cut) if cut is not None else None,
		"decided_action": decided,
		"decided_cut_percent": flt(decided_cut) if decided else None,
		"current_amount": current,
		"advised_amount": advised,
		"requested_amount": flt(requested) if requested is not None else None,
		"next_year_goal": record.next_year_goal,
		"budget_advice": record.budget_advice,
		"confirmed": 1 if record.advice_docstatus == 1 else 0,
		"is_overridden": cint(record.is_overridden),
		"_action": decided or recommended or "",
	}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "performance_evaluation",
			"label": _("Performance Evaluation"),
			"fieldtype": "Link",
			"options": "Performance Evaluation",
			"width": 140,
		},
		{"fieldname": "project_code", "label": _("Project Code"), "fieldtype": "Data", "width": 100},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 140,
		},
		score_column("total_score", _("Total Score"), 80),
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 60},
		{"fieldname": "basis", "label": _("Basis"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "unresolved_rectifications",
			"label": _("Unrectified Rectifications"),
			"fieldtype": "Int",
			"width": 100,
		},
		{
			"fieldname": "recommended_action",
			"label": _("Recommended Action"),
			"fieldtype": "Data",
			"width": 110,
		},
		{
			"fieldname": "recommended_cut_percent",
			"label": _("Recommended Cut (%)"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 90,
		},
		{"fieldname": "decided_action", "label": _("Decided Action"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "decided_cut_percent",
			"label": _("Decided Cut (%)"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 90,
		},
		amount_column("current_amount", _("This Year's Budget (10k Yuan)")),
		amount_column("advised_amount", _("Advised Amount (10k Yuan)")),
		amount_column("requested_amount", _("Requested for Next Year (10k Yuan)")),
		{
			"fieldname": "next_year_goal",
			"label": _("Next Year's Goal"),
			"fieldtype": "Link",
			"options": "Performance Goal",
			"width": 130,
		},
		{
			"fieldname": "budget_advice",
			"label": _("Budget Advice"),
			"fieldtype": "Link",
			"options": "Budget Advice",
			"width": 130,
		},
		{"fieldname": "confirmed", "label": _("Confirmed"), "fieldtype": "Check", "width": 80},
		{"fieldname": "is_overridden", "label": _("Overridden"), "fieldtype": "Check", "width": 80},
	]


def action_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	projects = Counter(row["_action"] for row in rows)
	return {
		"data": {
			"labels": [_(action) for action in ACTIONS],
			"datasets": [{"name": _("Projects"), "values": [projects[action] for action in ACTIONS]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def summary(rows: list[dict]) -> list[dict]:
	if not rows:
		return []
	confirmed = sum(row["confirmed"] for row in rows)

	def total(field):  # the rows' amounts are floats already (advice_row)
		return flt(sum(row[field] for row in rows if row[field] is not None), PRECISION)

	return [
		{"value": confirmed, "label": _("Confirmed"), "datatype": "Int", "indicator": "Green"},
		{
			"value": len(rows) - confirmed,
			"label": _("Awaiting Confirmation"),
			"datatype": "Int",
			"indicator": "Orange",
		},
		summary_item(total("current_amount"), _("This Year's Budget (10k Yuan)")),
		summary_item(total("advised_amount"), _("Advised Amount (10k Yuan)")),
		summary_item(total("requested_amount"), _("Requested for Next Year (10k Yuan)")),
	]
