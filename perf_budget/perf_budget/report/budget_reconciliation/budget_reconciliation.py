# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Budget Reconciliation (预算数据对账, issue 16): the figures the goals,
monitoring records and self-evaluations of a year hold against the budget
system's. Each record is compared with the applied import that concerns it —
the goal with the latest of its year that gives 年初预算数, a monitoring record
with the latest as of its round's last month, the self-evaluation with the
latest as of December — on every figure the import gives it, as the import
writes it (parts rounded to 0.01 万元, totals their sum) and as the reviewer's
gap text compares it (a monitoring record's fund rows only when it gives them).

A line: the record, the figure, the record's and the budget system's, record −
budget system, whether the record's figure came from an import
(``imported_fields``) and which import filled it, the import compared with and
its as-of date. A record no applied import concerns is not listed. A goal is
its project's latest version, as the import matches it.

One query for the import rows, one per kind of record (unit isolation in each),
one for the units' order.
"""

import json
from functools import lru_cache

import frappe
from frappe import _
from frappe.query_builder.functions import IfNull
from frappe.utils import cint

from perf_budget.budget_system.execution import comparisons, figures_of, import_for, latest_imports
from perf_budget.budget_system.targets import FIELDS, TOTALS
from perf_budget.figures import amount_column
from perf_budget.perf_budget.report.budget_execution.budget_execution import (
	import_link,
	import_rows,
	one_value_each,
	unit_order,
	units_under,
)
from perf_budget.permissions import restrict_to_units

RECORD_TYPES = ("Performance Goal", "Performance Monitoring", "Performance Evaluation")
KINDS = dict(zip(RECORD_TYPES, ("goal", "monitoring", "evaluation"), strict=True))  # latest_imports' keys
SKIP_TOTAL_ROW = 1  # figures of different fields: nothing to add up


def execute(filters=None):
	filters = one_value_each(filters)
	if not filters.performance_year:
		return columns(), [], _("Choose a performance year."), None, [], SKIP_TOTAL_ROW
	imports = latest_imports(import_rows(filters, newest="record"))
	lines, words, every_figure = [], {}, cint(filters.every_figure)
	# an import row's figures by its import and code, read once: a project's goal and
	# monitoring record are often compared with the same row
	figures = {}
	for doctype in RECORD_TYPES:
		if filters.record_type and filters.record_type != doctype:
			continue
		if not imports[KINDS[doctype]]:
			continue  # no applied import concerns this kind (no December one: no self-evaluation)
		for record in records(doctype, filters):
			row = import_for(doctype, record, imports)
			if not row:
				continue
			key = (row["budget_import"], row["project_code"])
			if key not in figures:
				figures[key] = figures_of(row)
			lines += record_lines(doctype, record, row, figures[key], words, every_figure)
	order = unit_order({line["budget_unit"] for line in lines})
	lines.sort(
		key=lambda line: (
			order.get(line["budget_unit"], 0),
			line["project_code"],
			RECORD_TYPES.index(line["record_doctype"]),
			line["period_end_month"] or 0,
			line["position"],
		)
	)
	return columns(), lines, None, None, summary(lines), SKIP_TOTAL_ROW


def records(doctype: str, filters) -> list[dict]:
	"""The year's records of projects (docstatus 0 or 1) in the user's units; of a
	goal, only its project's latest version."""
	table = frappe.qb.DocType(doctype)
	figures = [*FIELDS[doctype], *TOTALS[doctype]]
	query = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.budget_unit,
			table.project_code,
			table.project_name,
			table.workflow_state,
			table.imported_fields,
			table.budget_import,
			*(table[field] for field in figures),
		)
		.where(table.performance_year == filters.performance_year)
		.where(table.docstatus < 2)
		.where(IfNull(table.project_code, "") != "")
	)
	if doctype == "Performance Goal":
		query = query.select(table.version)
	if doctype == "Performance Monitoring":
		query = query.select(table.period_end_month)
	if filters.budget_unit:
		query = query.where(table.budget_unit.isin(units_under(filters.budget_unit) or [""]))
	found = restrict_to_units(query, table).run(as_dict=True)
	if doctype != "Performance Goal":
		return found
	latest_versions = {}
	for goal in found:
		key = (goal.project_code.strip(), goal.budget_unit)
		if key not in latest_versions or cint(goal.version) > cint(latest_versions[key].version):
			latest_versions[key] = goal
	return list(latest_versions.values())


def record_lines(
	doctype: str, record: dict, row: dict, figures: dict, words: dict, every_figure: int
) -> list[dict]:
	"""The record's lines against the import row ``row`` (``figures``: figures_of
	it), of every figure compared or only of those that differ (a year's 45,000
	figures are a few thousand differences: the lines of the others are not
	built); ``words`` keeps each word translated once a report."""
	compared = [
		(position, c)
		for position, c in enumerate(
			comparisons(doctype, record, figures, filled_by_import(record.imported_fields))
		)
		if every_figure or c["difference"]
	]
	if not compared:
		return []
	meta = frappe.get_meta(doctype)

	def say(text: str) -> str:
		if text not in words:
			words[text] = _(text)
		return words[text]

	common = {
		"budget_unit": record.budget_unit,
		"record_type": say(doctype),
		"record_doctype": doctype,
		"record": record.name,
		"project_code": record.project_code,
		"project_name": record.project_name,
		"period_end_month": record.get("period_end_month"),
		"workflow_state": say(record.workflow_state) if record.workflow_state else "",
		"filled_by": record.budget_import,
		"compared_with": row["budget_import"],
		"as_of_date": row["as_of_date"],
	}
	return [
		{
			**common,
			"position": position,
			"figure": say(meta.get_label(c["field"])),
			"record_figure": float(c["record_figure"]),
			"system_figure": float(c["system_figure"]),
			"difference": float(c["difference"]),
			"from_import": 1 if c["from_import"] else 0,
		}
		for position, c in compared
	]


@lru_cache(maxsize=256)
def filled_by_import(imported_fields: str | None) -> frozenset[str]:
	"""A record's ``imported_fields`` (JSON), read once for every record with the
	same list (a year's thousands of records have a handful)."""
	return frozenset(json.loads(imported_fields or "[]"))


def summary(lines: list[dict]) -> list[dict]:
	differing = [line for line in lines if line["difference"]]
	return [
		{
			"value": len({(line["record_doctype"], line["record"]) for line in differing}),
			"label": _("Records Differing from the Budget System"),
			"datatype": "Int",
			"indicator": "Red" if differing else "Green",
		},
		{
			"value": len(differing),
			"label": _("Figures Differing"),
			"datatype": "Int",
			"indicator": "Red" if differing else "Green",
		},
		{
			"value": sum(1 for line in differing if line["from_import"]),
			"label": _("Of Them Filled by an Earlier Import"),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]


def columns() -> list[dict]:
	return [
		{
			"fieldname": "budget_unit",
			"label": _("Budget Unit"),
			"fieldtype": "Link",
			"options": "Budget Unit",
			"width": 140,
		},
		{"fieldname": "record_type", "label": _("Record Type"), "fieldtype": "Data", "width": 100},
		{"fieldname": "record_doctype", "label": _("DocType"), "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "record",
			"label": _("Record"),
			"fieldtype": "Dynamic Link",
			"options": "record_doctype",
			"width": 150,
		},
		{"fieldname": "project_code", "label": _("Project Code"), "fieldtype": "Data", "width": 110},
		{"fieldname": "project_name", "label": _("Project Name"), "fieldtype": "Data", "width": 180},
		{"fieldname": "period_end_month", "label": _("Months 1 to"), "fieldtype": "Int", "width": 70},
		{"fieldname": "figure", "label": _("Figure"), "fieldtype": "Data", "width": 160},
		amount_column("record_figure", _("Record's Figure (10k Yuan)")),
		amount_column("system_figure", _("Budget System's Figure (10k Yuan)")),
		amount_column("difference", _("Record − Budget System (10k Yuan)")),
		{"fieldname": "from_import", "label": _("From the Budget System"), "fieldtype": "Check", "width": 90},
		import_link("filled_by", _("Filled by Import")),
		import_link("compared_with", _("Compared with Import")),
		{"fieldname": "as_of_date", "label": _("As-of Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "workflow_state", "label": _("Workflow State"), "fieldtype": "Data", "width": 110},
	]
