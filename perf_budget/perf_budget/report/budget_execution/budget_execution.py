# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Budget Execution (预算执行情况, issue 16): each project's 年初预算数,
调整后预算数 and 支付数 from the budget system's figures — the applied
Budget Execution Imports of the year, the latest one per project code (as of
the date asked for, or the latest) — with the execution rate, the time
progress of its as-of date and the time-adjusted execution and its light
(perf_budget.rules.warnings, thresholds from the settings). Grouped by unit
with a subtotal after each unit's projects and a 合计: each project's figure is
the file's exact one rounded half up to 0.01 万元, the subtotals and the 合计
add up the figures as shown.

Only the projects whose code matched a goal are listed (a row with a budget
unit): a code matching no goal, or two units' goals, has no unit to show it
under; finance reads those in the import itself, and the report's message
counts them. Figures as of a day within a month are paced on the days of that
month elapsed (rules.warnings.months_elapsed).

One query for the import rows (unit isolation in it), one for the units' order,
one count of the latest import's unmatched codes for those who see all units.
"""

from collections import Counter
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.query_builder.functions import Count, IfNull
from frappe.utils import getdate
from pypika.analytics import RowNumber
from pypika.enums import DatePart
from pypika.functions import Extract, Trim

from perf_budget.budget_system.execution import YEAR_END, light_counts, project_line, total_line
from perf_budget.budget_system.targets import CATEGORIES, FIGURES, INITIAL
from perf_budget.figures import amount_column, summary_item
from perf_budget.permissions import allowed_units, restrict_to_units
from perf_budget.rules import figures as shown
from perf_budget.settings import get_rules

IMPORT, ROW = "Budget Execution Import", "Budget Execution Import Row"
LIGHTS = ("Red", "Yellow", "Green")
LIGHT_COLOURS = {"Red": "#e24c4c", "Yellow": "#f0ad4e", "Green": "#29cd42"}
# Our subtotals and 合计 are the table's; Frappe's automatic total row would add
# them in again (the JSON says add_total_row 0; this holds on any site).
SKIP_TOTAL_ROW = 1


def execute(filters=None):
	filters = one_value_each(filters)
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, [], SKIP_TOTAL_ROW
	rules = get_rules()
	# one row a project code: the query's latest (the import keeps codes trimmed, one row a code)
	lines = [{**row, **project_line(row, rules)} for row in import_rows(filters)]
	rows = grouped(lines, rules)
	lights = {light: _(light) for light in LIGHTS}
	return (
		columns(),
		[shown_row(row, lights) for row in rows],
		unmatched_message(filters),
		light_chart(lines),
		summary(lines, rows),
		SKIP_TOTAL_ROW,
	)


# -- the figures ---------------------------------------------------------------


def one_value_each(filters) -> frappe._dict:
	"""The filters as the report's form sends them, one value each; a list or an
	object sent by hand is refused in words, not answered with a database error."""
	filters = frappe._dict(filters or {})
	labels = {
		"performance_year": _("Performance Year"),
		"as_of_date": _("Figures as of or Before"),
		"budget_unit": _("Budget Unit"),
		"record_type": _("Record Type"),
		"every_figure": _("Every Figure, Not Only Differences"),
	}
	for field, value in filters.items():
		if isinstance(value, list | dict | tuple):
			frappe.throw(_("The filter {0} takes one value.").format(labels.get(field, field)))
	return filters


def import_rows(filters, newest: str = "project") -> list[frappe._dict]:
	"""The matched rows (those with a budget unit) of the year's applied imports,
	with their import's name, as-of date and which figures it gives;
	within the user's units, the unit filter (a group takes its units) and the
	as-of filter. Only the rows that can be the latest one ``newest`` asks for
	are read (a year of monthly imports is a dozen rows a project; the query
	numbers them newest first): "project", each project code's (this report);
	"record", each project's giving 年初预算数 (its goal's), of each month a round
	of the year ends in (its monitoring records') and of December (its
	self-evaluation's: Budget Reconciliation)."""
	row, parent = frappe.qb.DocType(ROW), frappe.qb.DocType(IMPORT)
	code, month = Trim(row.project_code), Extract(DatePart.month, parent.as_of_date)

	def newest_first(*partition):
		# the latest first: the later as-of date, on the same date the import applied last
		return (
			RowNumber()
			.over(*partition)
			.orderby(parent.as_of_date, order=Order.desc)
			.orderby(parent.applied_on, order=Order.desc)
			.orderby(parent.name, order=Order.desc)
		)

	numbers = (
		[newest_first(code).as_("newest")]
		if newest == "project"
		else [
			newest_first(code, row.budget_unit, parent[f"has_{INITIAL}"]).as_("newest_with_initial"),
			newest_first(code, row.budget_unit, month).as_("newest_of_month"),
			month.as_("as_of_month"),
		]
	)
	# numbered on the row's name alone (sorting the whole rows is several times slower), then read
	query = (
		frappe.qb.from_(row)
		.join(parent)
		.on(parent.name == row.parent)
		.select(row.name, *numbers)
		.where(row.parenttype == IMPORT)
		.where(row.parentfield == "projects")
		.where(IfNull(row.budget_unit, "") != "")
		.where(parent.docstatus == 1)
		.where(parent.performance_year == filters.performance_year)
		.where(parent.as_of_date.isnotnull())
	)
	if filters.as_of_date:
		query = query.where(parent.as_of_date <= getdate(filters.as_of_date))
	if filters.budget_unit:
		query = query.where(row.budget_unit.isin(units_under(filters.budget_unit) or [""]))
	numbered = restrict_to_units(query, row)
	rows = (
		frappe.qb.from_(numbered)
		.join(row)
		.on(row.name == numbered.name)
		.join(parent)
		.on(parent.name == row.parent)
		.select(
			row.project_code,
			row.project_name,
			row.budget_unit,
			row.performance_goal,
			*(row[f"{figure}_{category.lower()}"] for figure in FIGURES for category in CATEGORIES),
			parent.name.as_("budget_import"),
			parent.as_of_date,
			*(parent[f"has_{figure}"] for figure in FIGURES),
		)
	)
	if newest == "project":
		return rows.where(numbered.newest == 1).run(as_dict=True)
	# which of them is the latest for a goal, a round, a self-evaluation (execution.latest_imports)
	rows = rows.select(numbered.newest_with_initial, numbered.newest_of_month)
	monitoring = frappe.qb.DocType("Performance Monitoring")
	rounds = (
		frappe.qb.from_(monitoring)
		.select(monitoring.period_end_month)
		.distinct()
		.where(monitoring.performance_year == filters.performance_year)
		.where(monitoring.docstatus < 2)
	)
	return rows.where(
		(parent[f"has_{INITIAL}"] == 1) & (numbered.newest_with_initial == 1)
		| (numbered.newest_of_month == 1)
		& ((numbered.as_of_month == YEAR_END) | numbered.as_of_month.isin(rounds))
	).run(as_dict=True)


def units_under(unit: str) -> list[str]:
	"""The unit and, for a group, every unit below it."""
	tree = frappe.qb.DocType("Budget Unit")
	bounds = frappe.db.get_value("Budget Unit", unit, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return []
	return (
		frappe.qb.from_(tree)
		.select(tree.name)
		.where(tree.lft >= bounds.lft)
		.where(tree.rgt <= bounds.rgt)
		.run(pluck=True)
	)


def unit_order(units) -> dict[str, int]:
	"""Units in the tree's order, as the other reports list them."""
	if not units:
		return {}
	tree = frappe.qb.DocType("Budget Unit")
	names = (
		frappe.qb.from_(tree).select(tree.name).where(tree.name.isin(list(units))).orderby(tree.lft)
	).run(pluck=True)
	return {name: position for position, name in enumerate(names)}


def grouped(lines: list[dict], rules) -> list[dict]:
	"""Each unit's projects (by code) and its subtotal, then the 合计; a unit alone
	(a unit user's own, or the unit filter) has the 合计 only, not the same row twice."""
	order = unit_order({line["budget_unit"] for line in lines})
	by_unit: dict[str, list[dict]] = {}
	for line in sorted(lines, key=lambda line: (order.get(line["budget_unit"], 0), line["project_code"])):
		by_unit.setdefault(line["budget_unit"], []).append(line)
	rows, subtotals = [], []
	for unit, projects in by_unit.items():
		subtotal = {
			**total_line(projects, rules),
			"budget_unit": _("{0} Subtotal").format(unit),
			"is_total_row": 1,
		}
		rows += [*projects, subtotal] if len(by_unit) > 1 else projects
		subtotals.append(subtotal)
	if subtotals:
		rows.append({**total_line(subtotals, rules), "budget_unit": _("Total"), "is_total_row": 1})
	return rows


def shown_row(row: dict, lights: dict[str, str]) -> dict:
	"""A row as the table and the Excel export show it: numbers as floats, the light in
	words (``lights``: translated once a report, not once a project)."""
	fields = (
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
		"as_of_date",
		"budget_import",
		"is_total_row",
	)
	result = {
		field: float(row[field]) if isinstance(row.get(field), Decimal) else row.get(field)
		for field in fields
	}
	result["execution_light"] = lights[row["execution_light"]] if row.get("execution_light") else None
	return result


# -- what stands beside the table ------------------------------------------------


def unmatched_message(filters) -> str | None:
	"""For those who see every unit: the codes of the latest import that no goal
	matched, which the table cannot place under a unit."""
	if allowed_units() is not None:
		return None
	parent, row = frappe.qb.DocType(IMPORT), frappe.qb.DocType(ROW)
	query = (
		frappe.qb.from_(parent)
		.select(parent.name, parent.as_of_date)
		.where(parent.docstatus == 1)
		.where(parent.performance_year == filters.performance_year)
		.orderby(parent.as_of_date, order=Order.desc)
		.orderby(parent.applied_on, order=Order.desc)
		.orderby(parent.name, order=Order.desc)
		.limit(1)
	)
	if filters.as_of_date:
		query = query.where(parent.as_of_date <= getdate(filters.as_of_date))
	found = query.run(as_dict=True)
	if not found:
		return None
	unmatched = (
		frappe.qb.from_(row)
		.select(Count(row.name))
		.where(row.parent == found[0].name)
		.where(row.parenttype == IMPORT)
		.where(row.parentfield == "unmatched")
	).run()[0][0]
	if not unmatched:
		return None
	return _(
		"{0} project codes of the latest import {1} (as of {2}) match no goal of one unit and are not in this table; the import lists them."
	).format(unmatched, found[0].name, getdate(found[0].as_of_date).isoformat())


def light_chart(lines: list[dict]) -> dict | None:
	"""Projects per light in each unit (stacked)."""
	if not any(line["execution_light"] for line in lines):
		return None
	order = unit_order({line["budget_unit"] for line in lines})
	units = sorted(order, key=order.get)
	counts = Counter((line["budget_unit"], line["execution_light"]) for line in lines)
	return {
		"data": {
			"labels": units,
			"datasets": [
				{
					"name": _(light),
					"values": [counts[(unit, light)] for unit in units],
				}
				for light in LIGHTS
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": [LIGHT_COLOURS[light] for light in LIGHTS],
	}


def summary(lines: list[dict], rows: list[dict]) -> list[dict]:
	if not lines:
		return []
	counts = light_counts(lines)
	total = rows[-1]
	indicator = {"Red": "Red", "Yellow": "Orange", "Green": "Green"}
	return [
		*(
			{"value": counts[light], "label": _(light), "datatype": "Int", "indicator": indicator[light]}
			for light in LIGHTS
		),
		*(
			[
				{
					"value": counts[None],
					"label": _("No Light (No Budget)"),
					"datatype": "Int",
					"indicator": "Grey",
				}
			]
			if counts[None]
			else []
		),
		summary_item(total["adjusted_budget"], _("Adjusted Budget (10k Yuan)")),
		summary_item(total["executed_amount"], _("Payments to Date (10k Yuan)")),
		summary_item(total["execution_rate"], _("Execution Rate"), shown=shown.rate),
	]


def percent_column(fieldname: str, label: str) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Percent", "precision": 2, "width": 110}


def import_link(fieldname: str, label: str) -> dict:
	"""An import: a link for finance, its name for those who cannot open it."""
	column = {"fieldname": fieldname, "label": label, "width": 140}
	if frappe.has_permission(IMPORT, "read"):
		return {**column, "fieldtype": "Link", "options": IMPORT}
	return {**column, "fieldtype": "Data"}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 150,
		},
		{"fieldname": "project_code", "label": _("Project Code"), "fieldtype": "Data", "width": 120},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "performance_goal",
			"label": _("Performance Goal"),
			"fieldtype": "Link",
			"options": "Performance Goal",
			"width": 140,
		},
		amount_column("initial_budget", _("Initial Budget (10k Yuan)")),
		amount_column("adjusted_budget", _("Adjusted Budget (10k Yuan)")),
		amount_column("executed_amount", _("Payments to Date (10k Yuan)")),
		percent_column("execution_rate", _("Execution Rate")),
		percent_column("time_progress", _("Time Progress")),
		percent_column("time_adjusted_rate", _("Time-Adjusted Execution")),
		{"fieldname": "execution_light", "label": _("Execution Light"), "fieldtype": "Data", "width": 100},
		{"fieldname": "as_of_date", "label": _("As-of Date"), "fieldtype": "Date", "width": 100},
		import_link("budget_import", _("Budget Execution Import")),
	]
