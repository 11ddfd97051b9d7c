# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Value-for-value comparison of a report's rows with the rows of the
hand-written SQL of the same figures (no Frappe: tested in tier 1).

Both sides arrive as tuples of the same figures in the same positions. They
are compared as multisets, so two rows the ordering leaves tied (two units
with the same average) cannot fail the check; an order that matters (a rank)
is itself one of the figures."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def figure(value):
	"""A value as compared: a number half-up to 2 decimals, whatever its type
	(1, 1.0, Decimal("1.000000000") and True are alike); anything else as is."""
	if isinstance(value, bool):
		value = int(value)
	if isinstance(value, int | float | Decimal):
		return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
	return value


def normalise(rows) -> Counter:
	return Counter(tuple(figure(value) for value in row) for row in rows)


def differences(report_rows, sql_rows) -> tuple[list[tuple], list[tuple]]:
	"""(rows only the report has, rows only the SQL has), each counted as
	often as it is missing from the other side; both empty when the figures agree."""
	report, sql = normalise(report_rows), normalise(sql_rows)
	return sorted_rows(report - sql), sorted_rows(sql - report)


def sorted_rows(counted: Counter) -> list[tuple]:
	return sorted(counted.elements(), key=repr)


def describe(label: str, only_report: list[tuple], only_sql: list[tuple], shown: int = 10) -> str:
	"""What a failed comparison prints: the differing rows of both sides."""
	lines = [f"{label}: the report and the SQL give different figures"]
	for side, rows in (("report only", only_report), ("SQL only", only_sql)):
		lines.append(f"  {side} ({len(rows)} rows):")
		lines += [f"    {shown_row(row)}" for row in rows[:shown]]
		if len(rows) > shown:
			lines.append(f"    … {len(rows) - shown} more")
	return "\n".join(lines)


def shown_row(row: tuple) -> str:
	return "(" + ", ".join("None" if v is None else str(v) for v in row) + ")"
