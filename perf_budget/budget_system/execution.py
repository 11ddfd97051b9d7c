"""The two budget reports' arithmetic, plain Python over the rows they read:
budget execution from the applied imports (预算执行情况) and the records'
figures against them (预算数据对账). No Frappe.

An import row keeps the file's figures exact in 万元 (to the fen, 6 decimals).
The execution report shows each project's figure rounded half up to 0.01 万元;
a unit's subtotal and the 合计 add up the figures as shown, so the table adds
up to the fen it shows. The reconciliation compares a record with what the
import writes into it (targets.record_values: each part rounded).
"""

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache

from perf_budget.budget_system import targets
from perf_budget.budget_system.targets import ADJUSTED, CATEGORIES, EXECUTED, FIGURES, INITIAL, to_cent
from perf_budget.rules.numbers import round_half_up
from perf_budget.rules.parameters import Rules
from perf_budget.rules.scoring import ScoringError
from perf_budget.rules.warnings import execution_light, months_elapsed, time_adjusted_execution, time_progress

EXACT = Decimal("0.000001")  # an import row's precision: the fen, in 万元
AMOUNTS = {INITIAL: "initial_budget", ADJUSTED: "adjusted_budget", EXECUTED: "executed_amount"}
PACE = ("execution_rate", "time_progress", "time_adjusted_rate", "execution_light")
# Which applied import a record is compared with: the goal with any import of its
# year that has 年初预算数, the monitoring record with one as of its round's month,
# the self-evaluation with one as of December (issue 16's filling rule).
YEAR_END = 12


# each figure's (fund category, field of an import row): ("Fiscal", "initial_fiscal")…
CATEGORY_FIELDS = {figure: tuple((c, f"{figure}_{c.lower()}") for c in CATEGORIES) for figure in FIGURES}


def exact(value) -> Decimal:
	"""A stored import figure (a float from the database) as exact 万元."""
	return Decimal(str(value or 0)).quantize(EXACT)


def figures_of(row: Mapping) -> dict[str, dict[str, Decimal]]:
	"""figure -> category -> exact 万元 of an import row (fields ``initial_fiscal``,
	``adjusted_other``…), only the figures its import has (``has_initial``…)."""
	return {
		figure: {category: exact(row.get(field)) for category, field in CATEGORY_FIELDS[figure]}
		for figure in FIGURES
		if row.get(f"has_{figure}")
	}


# -- 预算执行情况 ------------------------------------------------------------------


def pace(adjusted: Decimal | None, executed: Decimal | None, as_of: date | None, rules: Rules) -> dict:
	"""Execution rate (支付数 ÷ 调整后预算数), time progress and the time-adjusted
	execution with its light; None for what has no basis (no budget, no date)."""
	result = dict.fromkeys(PACE)
	if as_of is not None:
		months, result["time_progress"] = progress(as_of)
	if not adjusted or executed is None:
		return result
	result["execution_rate"] = round_half_up(executed * 100 / adjusted, 2)
	if as_of is None:
		return result
	try:
		result["time_adjusted_rate"] = time_adjusted_execution(adjusted, executed, months)
		result["execution_light"] = execution_light(adjusted, executed, months, rules)
	except ScoringError:  # a negative figure (refunds exceeding payments): no light from it
		pass
	return result


@lru_cache(maxsize=64)
def progress(as_of: date) -> tuple[Decimal, float]:
	"""The months elapsed and the time progress of an as-of date, worked out once
	for the thousands of projects of an import (one date each)."""
	months = months_elapsed(as_of)
	return months, time_progress(months)


def project_line(row: Mapping, rules: Rules) -> dict:
	"""One project's line: its three figures rounded to 0.01 万元 (None where the
	import has no such column) and its pace. The exact sum of the fund categories,
	as figures_of reads them, without the dict of each (a city's 5,000 projects
	a report)."""
	amounts = {
		field: to_cent(sum([exact(row.get(name)) for _category, name in CATEGORY_FIELDS[figure]], Decimal(0)))
		if row.get(f"has_{figure}")
		else None
		for figure, field in AMOUNTS.items()
	}
	return {
		**amounts,
		**pace(amounts["adjusted_budget"], amounts["executed_amount"], row["as_of_date"], rules),
	}


def total_line(lines: list[dict], rules: Rules) -> dict:
	"""The sum of ``lines`` as shown, and its pace; time progress and the light only
	when every line is as of one date (figures to different dates have no one pace)."""
	amounts = {
		field: sum((line[field] for line in lines if line[field] is not None), Decimal(0))
		if any(line[field] is not None for line in lines)
		else None
		for field in AMOUNTS.values()
	}
	dates = {line["as_of_date"] for line in lines}
	as_of = dates.pop() if len(dates) == 1 else None
	return {
		**amounts,
		**pace(amounts["adjusted_budget"], amounts["executed_amount"], as_of, rules),
		"as_of_date": as_of,
	}


def light_counts(lines: Iterable[Mapping]) -> dict[str | None, int]:
	"""Projects per light (None: no budget to judge)."""
	counts = dict.fromkeys(("Red", "Yellow", "Green", None), 0)
	for line in lines:
		counts[line["execution_light"]] += 1
	return counts


# -- 预算数据对账 ------------------------------------------------------------------


def import_for(doctype: str, record: Mapping, imports: dict) -> Mapping | None:
	"""The applied import row a record is compared with; ``imports`` is
	``latest_imports(rows)``."""
	code = (record["project_code"] or "").strip()
	unit = record["budget_unit"]
	if doctype == "Performance Goal":
		return imports["goal"].get((code, unit))
	if doctype == "Performance Monitoring":
		return imports["monitoring"].get((code, unit, int(record["period_end_month"] or 0)))
	return imports["evaluation"].get((code, unit))


def latest_imports(rows: list[Mapping]) -> dict[str, dict]:
	"""The latest applied import row per project for each kind of record, from
	rows the query numbered newest first (budget_execution.import_rows: 1 in
	``newest_with_initial`` for the latest giving 年初预算数 of its code and unit,
	in ``newest_of_month`` for the latest as of its month)."""
	code = lambda row: (row["project_code"] or "").strip()  # noqa: E731
	return {
		"goal": {
			(code(r), r["budget_unit"]): r
			for r in rows
			if r.get(f"has_{INITIAL}") and r["newest_with_initial"] == 1
		},
		"monitoring": {
			(code(r), r["budget_unit"], r["as_of_date"].month): r for r in rows if r["newest_of_month"] == 1
		},
		"evaluation": {
			(code(r), r["budget_unit"]): r
			for r in rows
			if r["newest_of_month"] == 1 and r["as_of_date"].month == YEAR_END
		},
	}


def compared_fields(doctype: str, record: Mapping) -> dict[str, Decimal]:
	"""The figures compared, as the reviewer's gap text words them
	(records.gap_text), with the record's value of each: each total, and its parts
	when the record gives any (the monitoring form's fund rows are optional: parts
	all 0 mean only the total was typed)."""
	fields = {}
	for total, parts in targets.TOTALS[doctype].items():
		given = {part: held(record, part) for part in parts}
		if any(given.values()):
			fields |= given
		fields[total] = held(record, total)
	return fields


def held(record: Mapping, field: str) -> Decimal:
	return Decimal(str(record.get(field) or 0)).quantize(targets.CENT)


def comparisons(
	doctype: str, record: Mapping, figures: dict[str, dict[str, Decimal]], imported_fields: Iterable[str]
) -> list[dict]:
	"""For each figure the import gives the record (``figures``: figures_of its
	import row): the record's figure, the budget system's (as the import writes it:
	parts rounded to 0.01 万元, totals their sum), record − system, and whether
	the record's figure came from an import."""
	system = targets.record_values(doctype, figures)
	system |= targets.totals(doctype, system)
	imported = set(imported_fields)
	found = []
	for field, figure in compared_fields(doctype, record).items():
		if field in system:
			found.append(
				{
					"field": field,
					"record_figure": figure,
					"system_figure": system[field],
					"difference": figure - system[field],
					"from_import": field in imported,
				}
			)
	return found
