# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The benchmark's budget-system imports (issue 16): applied Budget Execution
Imports of a year already generated, written by bulk inserts as generate.py
writes the rest. The latest year has one a month as of 1–7月's month ends (the
1–7月 one is the monitoring round's), every earlier year one as of 7月 and one
as of December (the self-evaluations'). Each holds a row per project code of
the year's goals — its 1 to 3 fund sources summed into 财政拨款, 上年结转 and
其他资金, exact to the fen in 万元 — plus a few codes no goal has and without
a few goals (the latest import misses some, which the report shows as of the
month before).

What an apply writes (budget_system.importing.apply, records.fill) is written
here too: a record in its unit's step (action Fill) gets the import's figures
as records.fill rounds them, which are the ones it holds (the file's fen
round to them), so its scores and lights stay; it is marked
(``imported_fields``, ``budget_import``, ``budget_as_of``, ``modified``).
Records under review or confirmed keep their figures: some of those differ
from the budget system's (another initial budget, other payments), which
Budget Reconciliation lists. Not written: the timeline comments, the units'
notifications and the gap text of records not filled (no report reads them)."""

import json
import random
from datetime import date, datetime
from decimal import Decimal

import frappe
from frappe.utils import cint, get_last_day
from import_figures import FEN, action, month_figures, project_plan

from perf_budget.budget_system import matching, targets
from perf_budget.budget_system.importing import default_mapping
from perf_budget.workflow.chains import states

IMPORT, ROW, MISSING = "Budget Execution Import", "Budget Execution Import Row", "Budget Import Missing Goal"
LATEST_MONTHS = range(1, 8)  # the latest year's imports: as of 1月 … 7月
EARLIER_MONTHS = (7, 12)
UNMATCHED_CODES = 15  # per import: codes no goal of the year has
DROPPED = 200  # one goal in this many is not in the latest import
SOURCES = {targets.FISCAL: "一般公共预算", targets.CARRYOVER: "上年结转", targets.OTHER: "其他资金"}


def has_imports(year: str) -> bool:
	return bool(frappe.db.count(IMPORT, {"performance_year": year}))


def delete_imports(year: str) -> None:
	for child in (ROW, MISSING):
		frappe.db.sql(
			f"""delete c from `tab{child}` c join `tab{IMPORT}` p on p.name = c.parent
			where p.performance_year = %s and c.parenttype = %s""",
			(year, IMPORT),
		)
	frappe.db.sql(f"delete from `tab{IMPORT}` where performance_year = %s", year)


def generate_imports(year: str, latest: bool, reserve_numbers, insert_rows) -> int:
	"""The year's imports, applied in as-of order; returns how many."""
	rng = random.Random(f"perf_budget-benchmark-imports-{year}")
	goals = frappe.db.sql(
		"""select name, budget_unit, project_code, project_name, fiscal_amount, other_amount, total_amount,
			docstatus, workflow_state, modified
		from `tabPerformance Goal` where performance_year = %s and docstatus = 1 and is_current = 1
		order by name""",
		year,
		as_dict=True,
	)
	monitoring = records_by_code("Performance Monitoring", year, "and period_end_month = 7")
	evaluations = records_by_code("Performance Evaluation", year)
	filing = {doctype: states(doctype, "filing") for doctype in matching.RECORD_DOCTYPES}
	projects = [project_plan(rng) for _goal in goals]
	months = LATEST_MONTHS if latest else EARLIER_MONTHS
	start = reserve_numbers(len(months))
	mapping = default_mapping()
	for k, month in enumerate(months):
		as_of = date(cint(year), month, get_last_day(date(cint(year), month, 1)).day)
		name = f"BEI-{year}-{start + k:04d}"
		# applied in the afternoon of the next working days, in as-of order
		applied = datetime(cint(year) + (month == 12), month % 12 + 1, 5, 15, 0, 0)
		rows, fills = [], []
		for n, (goal, plan) in enumerate(zip(goals, projects, strict=True)):
			if latest and month == months[-1] and n % DROPPED == DROPPED - 1:
				continue  # not in this file
			basis = {
				matching.GOAL: goal,
				matching.MONITORING: monitoring.get(goal.project_code),
				matching.EVALUATION: evaluations.get(goal.project_code),
			}
			# the records this import concerns: the round ending in its month, December's self-evaluations
			records = {
				matching.GOAL: goal,
				matching.MONITORING: basis[matching.MONITORING] if month == 7 else None,
				matching.EVALUATION: basis[matching.EVALUATION] if month == 12 else None,
			}
			figures = month_figures(plan, basis, month, filing)
			row, filled = import_row(name, len(rows) + 1, goal, records, figures, month, filing)
			rows.append(row)
			fills += filled
		unmatched = [unmatched_row(rng, name, year, i + 1, i) for i in range(UNMATCHED_CODES)]
		listed = {row["project_code"] for row in rows}
		missing = [
			{
				**child_meta(name, "missing_goals", IMPORT, i + 1),
				"performance_goal": goal.name,
				"project_code": goal.project_code,
				"project_name": goal.project_name,
				"budget_unit": goal.budget_unit,
			}
			for i, goal in enumerate(g for g in goals if g.project_code not in listed)
		]
		fills = {(doctype, record): written for doctype, record, written in fills}
		insert_rows(IMPORT, [header(name, year, as_of, applied, mapping, rows, unmatched, missing, fills)])
		insert_rows(ROW, rows + unmatched)
		insert_rows(MISSING, missing)
		mark_filled(fills, name, as_of, applied)
	return len(months)


def records_by_code(doctype: str, year: str, extra: str = "") -> dict:
	return {
		row.project_code: row
		for row in frappe.db.sql(
			f"""select name, project_code, docstatus, workflow_state, modified, {
				", ".join([*targets.FIELDS[doctype], *targets.TOTALS[doctype]])
			}
			from `tab{doctype}` where performance_year = %s and docstatus < 2 {extra}""",
			year,
			as_dict=True,
		)
	}


def child_meta(parent: str, field: str, parenttype: str, idx: int) -> dict:
	stamp = frappe.utils.now()
	return {
		"name": f"{parent}-{field[0]}{idx:05d}",
		"owner": "Administrator",
		"creation": stamp,
		"modified": stamp,
		"modified_by": "Administrator",
		"docstatus": 1,
		"parent": parent,
		"parenttype": parenttype,
		"parentfield": field,
		"idx": idx,
	}


def figure_columns(figures: dict) -> dict:
	values = {}
	for figure in targets.FIGURES:
		for category in targets.CATEGORIES:
			values[f"{figure}_{category.lower()}"] = float(figures[figure][category])
		values[f"{figure}_total"] = float(sum(figures[figure].values(), Decimal(0)))
	return values


def source_lines(figures: dict) -> str:
	return "；".join(SOURCES[c] for c in targets.CATEGORIES if any(figures[f][c] for f in targets.FIGURES))


LINKS = {matching.GOAL: "goal", matching.MONITORING: "monitoring", matching.EVALUATION: "evaluation"}
NOW = {
	"goal_total_now": (matching.GOAL, "total_amount"),
	"monitoring_budget_now": (matching.MONITORING, "annual_budget"),
	"monitoring_executed_now": (matching.MONITORING, "executed_amount"),
	"evaluation_budget_now": (matching.EVALUATION, "annual_budget"),
	"evaluation_executed_now": (matching.EVALUATION, "executed_amount"),
}


def import_row(name, idx, goal, records, figures, month, filing) -> tuple[dict, list]:
	"""The row the preview writes for a project, and the records applying fills:
	(doctype, name, the values written)."""
	row = {
		**child_meta(name, "projects", IMPORT, idx),
		"project_code": goal.project_code,
		"project_name": goal.project_name,
		"unit_name": goal.budget_unit,
		"source_lines": source_lines(figures),
		"budget_unit": goal.budget_unit,
		**figure_columns(figures),
		"overwrite": 0,
		"rounding_note": None,
		"note": None,
	}
	filled = []
	for doctype, prefix in LINKS.items():
		record = records[doctype]
		concerned = doctype != matching.EVALUATION or month == 12
		taken = action(record, filing, doctype) if record else matching.NO_RECORD
		row[matching_link(doctype)] = record.name if record else None
		row[f"{prefix}_modified"] = record.modified if record else None
		row[f"{prefix}_action"] = taken if concerned else ""
		if concerned and taken == matching.FILL:
			values = targets.record_values(doctype, figures)
			values |= targets.totals(doctype, values)
			filled.append((doctype, record.name, values))
	for field, (doctype, record_field) in NOW.items():
		record = records[doctype]
		row[field] = (record.get(record_field) or 0) if record else 0  # Float: NOT NULL, an empty one 0
	filled_record = next(
		(d for d in (matching.MONITORING, matching.EVALUATION) if records[d] and row[f"{LINKS[d]}_action"]),
		None,
	)
	for difference, total, kind in (
		("budget_difference", "annual_budget", "budget"),
		("executed_difference", "executed_amount", "executed"),
	):
		if filled_record:
			now = row[f"{LINKS[filled_record]}_{kind}_now"]
			system = sum(figures[targets.figure_of(filled_record, total)].values(), Decimal(0))
			row[difference] = float(system - Decimal(str(now)))
		else:
			row[difference] = 0
	return row, filled


def matching_link(doctype: str) -> str:
	return {
		matching.GOAL: "performance_goal",
		matching.MONITORING: "performance_monitoring",
		matching.EVALUATION: "performance_evaluation",
	}[doctype]


def unmatched_row(rng, name: str, year: str, idx: int, n: int) -> dict:
	amount = Decimal(rng.randint(100_000, 50_000_000)) / 10000  # 万元 from yuan
	figures = {
		figure: {targets.FISCAL: amount, targets.CARRYOVER: Decimal(0), targets.OTHER: Decimal(0)}
		for figure in targets.FIGURES
	}
	figures[targets.EXECUTED][targets.FISCAL] = (amount * Decimal("0.4")).quantize(FEN)
	return {
		**child_meta(name, "unmatched", IMPORT, idx),
		"project_code": f"ZZ{year}-{n:03d}",
		"project_name": f"未纳入绩效管理的项目{n + 1}",
		"unit_name": None,
		"source_lines": SOURCES[targets.FISCAL],
		"budget_unit": None,
		"performance_goal": None,
		"performance_monitoring": None,
		"performance_evaluation": None,
		**figure_columns(figures),
		"goal_total_now": 0,
		"monitoring_budget_now": 0,
		"monitoring_executed_now": 0,
		"evaluation_budget_now": 0,
		"evaluation_executed_now": 0,
		"budget_difference": 0,
		"executed_difference": 0,
		"goal_action": "",
		"monitoring_action": "",
		"evaluation_action": "",
		"overwrite": 0,
		"goal_modified": None,
		"monitoring_modified": None,
		"evaluation_modified": None,
		"rounding_note": None,
		"note": f"No goal of {year} has this project code.",
	}


def header(name, year, as_of, applied, mapping, rows, unmatched, missing, fills) -> dict:
	actions = [(matching_actions(row), 0) for row in rows]
	to_fill, needing_choice, not_written = matching.counts(actions)
	return {
		"name": name,
		"owner": "Administrator",
		"creation": applied,
		"modified": applied,
		"modified_by": "Administrator",
		"docstatus": 1,
		"performance_year": year,
		"import_mapping": mapping,
		"source": "Budget System Push",
		"as_of_date": as_of,
		"applied_by": "Administrator",
		"applied_on": applied,
		"amount_unit": "10k Yuan",
		"unit_basis": "基准测试：由 benchmarks/budget_imports.py 生成",
		"file_lines": sum(len(row["source_lines"].split("；")) for row in rows + unmatched),
		"has_initial": 1,
		"has_adjusted": 1,
		"has_executed": 1,
		"projects_matched": len(rows),
		"codes_unmatched": len(unmatched),
		"goals_without_rows": len(missing),
		"records_to_fill": to_fill,
		"records_needing_choice": needing_choice,
		"records_not_written": not_written,
	}


def matching_actions(row: dict) -> dict:
	return {doctype: row[f"{prefix}_action"] for doctype, prefix in LINKS.items() if row[f"{prefix}_action"]}


def mark_filled(fills: dict, name: str, as_of: date, applied: datetime) -> None:
	"""What records.fill leaves on a record it wrote: the figures (the ones it
	held, see the module's docstring), which fields the import filled, from which
	import and as of when; saved at the apply."""
	for (doctype, record), values in fills.items():
		frappe.db.sql(
			f"""update `tab{doctype}` set {", ".join(f"`{field}` = %({field})s" for field in values)},
				imported_fields = %(imported_fields)s, budget_import = %(budget_import)s,
				budget_as_of = %(budget_as_of)s, modified = %(modified)s
			where name = %(name)s""",
			{
				**{field: float(value) for field, value in values.items()},
				"imported_fields": json.dumps(list(values)),
				"budget_import": name,
				"budget_as_of": as_of,
				"modified": applied,
				"name": record,
			},
		)
