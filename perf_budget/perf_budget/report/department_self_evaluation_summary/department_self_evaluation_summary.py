# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Department self-evaluation summary (art. 23): a year's self-evaluations
by unit — projects, funds and execution, scores, grades — with the low
scorers' problems and measures. The database aggregates per unit (one
query) and lists the Fair/Poor projects (a second); the Excel export adds
the results-application advice per project, read as the Budget Advice
report reads it.

The 合计 row is computed here from the totals, never by Frappe's automatic
total row (which sums the average scores and averages the rates): 执行率 is
Σ executed ÷ Σ budget, 平均总分 the mean over the projects (each project
weighs one, whatever its unit's size); a figure without a basis (no budget,
no project) is None, shown as —. Above it, a subtotal per expenditure type
(项目支出 / 政策支出 / 专项资金, art. 19) from a query grouped by type: the
subtotals' counts, funds and grades add up to the 合计 exactly.

部门整体支出绩效 (issue 15) stands apart, in the report's message (shown
above the table) and on its own Excel sheet: each unit's (and the bureau's own) department-wide
self-evaluation with its budget, execution, score and grade. It is never added
into the project figures nor summed itself: a department's whole budget holds
its projects', and the bureau's holds its units'."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import Count, IfNull, Sum
from frappe.utils import flt

from perf_budget.figures import summary_item
from perf_budget.perf_budget.report.budget_advice.budget_advice import project_advice
from perf_budget.permissions import restrict_to_units
from perf_budget.rules import external
from perf_budget.rules import figures as shown
from perf_budget.rules.numbers import round_half_up
from perf_budget.rules.policy import EXPENDITURE_TYPES
from perf_budget.rules.scoring import execution_rate
from perf_budget.settings import get_rules

GRADES = ("Excellent", "Good", "Fair", "Poor")
LOW_GRADES = ("Fair", "Poor")
LEVEL_SCORES = ("execution_score", "output_score", "effect_score", "satisfaction_score")
LOW_SCORERS_SHOWN = 50  # on screen; the Excel export lists them all
# The 合计 row is ours: Frappe's (which sums the averages and averages the rates)
# is skipped. The Report's JSON says add_total_row 0, but migrate never changes
# that setting on an existing site, hence the 6th value of execute.
SKIP_TOTAL_ROW = 1


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, [], SKIP_TOTAL_ROW
	summary = summarise(filters, low_scorers_limit=LOW_SCORERS_SHOWN)
	rows = summary["units"]
	if summary["totals"]:
		rows = rows + [subtotal_row(row) for row in summary["types"]] + [total_row(summary)]
	return (
		columns(),
		rows,
		department_html(summary) + low_scorers_html(summary) + external_html(summary),
		grade_chart(summary),
		headline(summary),
		SKIP_TOTAL_ROW,
	)


def total_row(summary: dict) -> dict:
	"""The report's 合计 row: the summary's totals under the unit column."""
	totals = summary["totals"]
	return {
		"budget_unit": _("Total"),
		**{key: totals[key] for key in TOTAL_KEYS},
		**{grade.lower(): summary["grades"][grade] for grade in GRADES},
		"is_total_row": 1,
	}


def subtotal_row(row: dict) -> dict:
	"""One expenditure type's subtotal under the unit column, shown like the 合计 row."""
	return {
		**{key: value for key, value in row.items() if key != "expenditure_type"},
		"budget_unit": _("{0} Subtotal").format(_(row["expenditure_type"])),
		"is_total_row": 1,
	}


TOTAL_KEYS = ("projects", "annual_budget", "executed_amount", "execution_rate", "average_score")


def mean(total, count: int) -> float | None:
	"""``total`` ÷ ``count`` half-up to 2 decimals; None (shown —) without a count."""
	if not count:
		return None
	return round_half_up(Decimal(str(flt(total))) / count, 2)


def evaluations(filters):
	ev = frappe.qb.DocType("Performance Evaluation")
	query = (
		frappe.qb.from_(ev)
		.where(ev.performance_year == filters.performance_year)
		.where(ev.docstatus == 1 if int(filters.get("accepted_only", 1)) else ev.docstatus < 2)
	)
	return restrict_to_units(query, ev), ev


def summarise(filters, low_scorers_limit: int | None = None) -> dict:
	"""Everything the report and its Excel export show."""
	groups = unit_type_groups(filters)
	units = grouped_rows(groups, "budget_unit")
	count = sum(u["projects"] for u in units)
	budget = sum((u["_annual_budget"] for u in units), Decimal(0))
	executed = sum((u["_executed_amount"] for u in units), Decimal(0))
	totals = {
		"projects": count,
		"annual_budget": round_half_up(budget, 2),
		"executed_amount": round_half_up(executed, 2),
		# Σ executed ÷ Σ budget, not the mean of the units' rates; no budget, no rate
		"execution_rate": execution_rate(budget, executed) if budget else None,
		# per project: Σ scores ÷ Σ projects, not the mean of the units' averages
		"average_score": mean(sum(u["_total"] for u in units), count),
	}
	levels = {field: mean(sum(u[f"_{field}"] for u in units), count) for field in LEVEL_SCORES}
	grades = {grade: sum(u[grade.lower()] for u in units) for grade in GRADES}
	return {
		"units": [{k: v for k, v in u.items() if not k.startswith("_")} for u in units],
		"types": type_rows(groups) if units else [],
		"low_scorers": low_scorers(filters, low_scorers_limit),
		"low_scorer_count": grades["Fair"] + grades["Poor"],
		"totals": totals if units else {},
		"grades": grades,
		"levels": levels if units else {},
		"external": external_rows(filters),
		"departments": department_rows(filters),
	}


def type_rows(groups: list[dict]) -> list[dict]:
	"""Every expenditure type in its order, one without evaluations with 0 projects."""
	found = {row["expenditure_type"]: row for row in grouped_rows(groups, "expenditure_type")}
	return [
		{k: v for k, v in (found.get(kind) or empty_group(kind)).items() if not k.startswith("_")}
		for kind in EXPENDITURE_TYPES
	]


def empty_group(kind: str) -> dict:
	return {
		"expenditure_type": kind,
		"projects": 0,
		"annual_budget": 0.0,
		"executed_amount": 0.0,
		"execution_rate": None,
		"average_score": None,
		**{grade.lower(): 0 for grade in GRADES},
	}


SUMS = ("annual_budget", "executed_amount", "total_score", *LEVEL_SCORES)


def unit_type_groups(filters) -> list[dict]:
	"""The figures per unit and expenditure type, summed by the database: the
	units' rows and the types' subtotals are both added up from these (one
	pass over the year's evaluations, not one per grouping)."""
	query, ev = evaluations(filters)
	query = query.select(
		ev.budget_unit,
		ev.expenditure_type,
		Count(ev.name).as_("projects"),
		*(Sum(ev[field]).as_(field) for field in SUMS),
		*(Sum(Case().when(ev.grade == grade, 1).else_(0)).as_(grade) for grade in GRADES),
	).groupby(ev.budget_unit, ev.expenditure_type)
	return query.run(as_dict=True)


def grouped_rows(groups: list[dict], field: str) -> list[dict]:
	"""The figures per ``field`` (budget_unit or expenditure_type), best average
	first. The groups' sums are added as decimals (the database's floats
	would not add up exactly)."""
	sums: dict[str, dict] = {}
	for group in groups:
		into = sums.setdefault(
			group[field], {"projects": 0, **dict.fromkeys(SUMS, Decimal(0)), **dict.fromkeys(GRADES, 0)}
		)
		into["projects"] += group["projects"]
		for key in SUMS:
			into[key] += decimal(group[key])
		for grade in GRADES:
			into[grade] += int(group[grade] or 0)
	rows = []
	best_first = sorted(
		sums.items(), key=lambda item: item[1]["total_score"] / item[1]["projects"], reverse=True
	)
	for value, unit in best_first:
		budget, executed = unit["annual_budget"], unit["executed_amount"]
		rows.append(
			{
				field: value,
				"projects": unit["projects"],
				"annual_budget": round_half_up(budget, 2),
				"executed_amount": round_half_up(executed, 2),
				"execution_rate": execution_rate(budget, executed),
				"average_score": mean(unit["total_score"], unit["projects"]),
				"_annual_budget": budget,
				"_executed_amount": executed,
				**{grade.lower(): unit[grade] for grade in GRADES},
				"_total": flt(unit["total_score"]),
				**{f"_{score}": flt(unit[score]) for score in LEVEL_SCORES},
			}
		)
	return rows


def decimal(value) -> Decimal:
	"""A database sum as a Decimal (0 for NULL)."""
	return value if isinstance(value, Decimal) else Decimal(str(flt(value)))


def low_scorers(filters, limit: int | None = None) -> list[dict]:
	query, ev = evaluations(filters)
	fields = (
		"project_code",
		"project_name",
		"budget_unit",
		"total_score",
		"grade",
		"problems",
		"improvements",
	)
	query = query.select(*(ev[f] for f in fields)).where(ev.grade.isin(LOW_GRADES)).orderby(ev.total_score)
	if limit:
		query = query.limit(limit)
	return query.run(as_dict=True)


EXTERNAL_KEYS = (
	"project_code",
	"project_name",
	"budget_unit",
	"total_score",
	"external_evaluation",
	"external_kind",
	"external_score",
	"external_grade",
	"score_gap",
)


def external_rows(filters) -> list[dict]:
	"""The projects with an external evaluation received (the latest one), with
	the gap to their self-score, the largest gap first."""
	query, ev = evaluations(filters)
	query = (
		query.select(*(ev[f] for f in EXTERNAL_KEYS))
		.where(IfNull(ev.external_evaluation, "") != "")
		.orderby(ev.score_gap, order=Order.desc)
		.orderby(ev.project_code)
	)
	return query.run(as_dict=True)


def external_html(summary: dict) -> str:
	"""自评 92.50 / 复核 81.00 / 差 11.50 for each project evaluated from outside."""
	rows = summary["external"]
	if not rows:
		return ""
	esc, precision = frappe.utils.escape_html, get_rules().score_precision
	items = "".join(
		f"<li><b>{esc(row.project_name)}</b>（{esc(row.budget_unit)}）："
		+ esc(
			_("Self-Score {0} / {1} / Gap {2}").format(
				*external.comparison(
					row.total_score, _(row.external_kind), row.external_score, row.score_gap, precision
				)
			)
		)
		for row in rows
	)
	return f"<h5>{_('Results of External Evaluations')}</h5><ul>{items}</ul>"


DEPARTMENT_KEYS = (
	"budget_unit",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"total_score",
	"grade",
)


def department_rows(filters) -> list[dict]:
	"""The year's department-wide self-evaluations (one query, the units the user
	may see): the bureau's own first, then by score, best first."""
	de, unit = frappe.qb.DocType("Department Performance Evaluation"), frappe.qb.DocType("Budget Unit")
	is_bureau = Case().when(unit.unit_type == "Bureau", 1).else_(0)
	query = (
		frappe.qb.from_(de)
		.left_join(unit)
		.on(unit.name == de.budget_unit)
		.select(de.name.as_("department_evaluation"), *(de[f] for f in DEPARTMENT_KEYS))
		.select(is_bureau.as_("is_bureau"))
		.where(de.performance_year == filters.performance_year)
		.where(de.docstatus == 1 if int(filters.get("accepted_only", 1)) else de.docstatus < 2)
		.orderby(is_bureau, order=Order.desc)
		.orderby(de.total_score, order=Order.desc)
		.orderby(de.budget_unit)
	)
	return [
		frappe._dict(
			row, **{key: flt(row[key], 2) for key in ("annual_budget", "executed_amount", "execution_rate")}
		)
		for row in restrict_to_units(query, de).run(as_dict=True)
	]


def department_html(summary: dict) -> str:
	"""部门整体支出绩效: a row per unit, no total (see the module's docstring)."""
	esc, precision = frappe.utils.escape_html, get_rules().score_precision
	heading = f"<h5>{_('Department-wide Expenditure Performance')}</h5>"
	rows = summary["departments"]
	if not rows:
		return heading + f"<p>{_('No department-wide self-evaluation yet.')}</p>"
	header = "".join(
		f"<th>{label}</th>"
		for label in (
			_("Budget Unit"),
			_("Full-Year Budget (10k yuan)"),
			_("Executed (10k yuan)"),
			_("Execution Rate"),
			_("Total Score"),
			_("Grade"),
		)
	)
	body = "".join(
		"<tr>"
		+ f"<td>{esc(_('{0} (Whole Bureau)').format(row.budget_unit) if row.is_bureau else row.budget_unit)}</td>"
		+ "".join(
			f'<td class="text-right">{value}</td>'
			for value in (
				shown.amount(row.annual_budget),
				shown.amount(row.executed_amount),
				shown.rate(row.execution_rate),
				shown.score(row.total_score, precision),
			)
		)
		+ f"<td>{_(row.grade) if row.grade else shown.MISSING}</td></tr>"
		for row in rows
	)
	note = _("Department-wide budgets are shown apart and never added into the project totals.")
	return (
		f'{heading}<table class="table table-bordered table-sm"><thead><tr>{header}</tr></thead>'
		f'<tbody>{body}</tbody></table><p class="text-muted small">{note}</p>'
	)


def advice_rows(filters) -> list[dict]:
	"""Next-year budget advice per project (SPEC 4.5), for the Excel export,
	highest score first: the Budget Advice report's rows (project_advice), so
	the summary the bureau sends on says what that report says. Shown is the
	finance head's decision once the advice is confirmed, else the
	recommendation, with its source."""
	rows, precision = [], get_rules().score_precision
	for row in project_advice(filters):
		confirmed = bool(row["confirmed"])
		rows.append(
			{
				**{key: row[key] for key in ADVICE_KEYS},
				"advice": row["decided_action" if confirmed else "recommended_action"],
				"cut_percent": row["decided_cut_percent" if confirmed else "recommended_cut_percent"],
				"source": "Confirmed" if confirmed else "Recommended",
				# the result the advice rests on, its score as shown ("58.00")
				"basis_source": row["basis_source"],
				"basis_score": shown.score(row["basis_score"], precision) if row["basis_source"] else None,
			}
		)
	return sorted(rows, key=lambda row: row["total_score"], reverse=True)  # ties: by unit, code


ADVICE_KEYS = (
	"project_code",
	"project_name",
	"budget_unit",
	"total_score",
	"grade",
	"unresolved_rectifications",
)


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
		{
			"fieldname": "execution_rate",
			"label": _("Execution Rate"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 100,
		},
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
	return [
		{"value": totals["projects"], "label": _("Projects"), "datatype": "Int", "indicator": "Blue"},
		summary_item(totals["annual_budget"], _("Full-Year Budget Total")),
		summary_item(totals["executed_amount"], _("Executed Total")),
		summary_item(totals["execution_rate"], _("Execution Rate"), shown.rate),
		summary_item(totals["average_score"], _("Average Total Score"), shown.average),
		summary_item(levels["output_score"], _("Output Score"), shown.average),
		summary_item(levels["effect_score"], _("Effect Score"), shown.average),
		summary_item(levels["satisfaction_score"], _("Satisfaction Score"), shown.average),
	]


def low_scorers_html(summary: dict) -> str:
	rows = summary["low_scorers"]
	if not rows:
		return ""
	esc = frappe.utils.escape_html
	items = "".join(
		f"<li><b>{esc(row['project_name'])}</b>（{esc(row['budget_unit'])}，{flt(row['total_score'], 2)}，{_(row['grade'])}）"
		f"<br>{_('Problems Found')}：{esc(row['problems'] or '')}"
		f"<br>{_('Improvements and Suggestions')}：{esc(row['improvements'] or '')}</li>"
		for row in rows
	)
	more = summary["low_scorer_count"] - len(rows)
	tail = f"<p>{_('… and {0} more in the Excel export').format(more)}</p>" if more > 0 else ""
	return f"<h5>{_('Projects Graded Fair or Poor')}</h5><ul>{items}</ul>{tail}"
