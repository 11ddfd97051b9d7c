# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The benchmark table's rows from the measurements, and EXPLAIN's plan as
text (no Frappe: tested in tier 1)."""

RATIO_TARGET = 1.5  # a report's, card's or chart's time ÷ the same figures by one hand-written SQL statement
ABSOLUTE_MS = 300  # a main report on the latest year


SCOPES = {"year": "", "previous": " [previous year]", "all": " [all years]"}


def verdict(ok: bool, fail: str = "MISS") -> str:
	return "PASS" if ok else fail


def time_missed(rep: dict) -> bool:
	"""Over 1.5× its SQL (or an SQL too fast to time), or a main report over 300 ms."""
	ratio = rep["ratio"]
	return ratio is None or ratio > RATIO_TARGET or (rep["main"] and rep["report_ms"] > ABSOLUTE_MS)


def figure_rows(runs: dict) -> list[tuple]:
	"""(section, what, measured, target, result) rows of the reports, cards and charts."""
	rows = []
	for rep in runs.values():
		what = f"  {rep['label']}{SCOPES[rep['scope']]}"
		ratio = rep["ratio"]
		measured = f"{rep['report_ms']:.1f} ms vs {rep['sql_ms']:.1f} ms = " + (
			f"{ratio:.2f}×" if ratio is not None else "—"
		)
		target = f"≤ {RATIO_TARGET:g}×" + (f", ≤ {ABSOLUTE_MS:g} ms" if rep["main"] else "")
		rows.append(("time", what, measured, target, verdict(not time_missed(rep))))
		same = not (rep["only_report"] or rep["only_sql"])
		differing = f"{len(rep['only_report'])} report / {len(rep['only_sql'])} SQL rows differ"
		rows.append(
			(
				"figures",
				what,
				f"{rep['rows']:,} rows, " + ("all equal" if same else differing),
				"equal",
				verdict(same, "FAIL"),
			)
		)
		rows.append(
			(
				"queries",
				what,
				f"{rep['queries']} vs {rep['queries_subset']}",
				"constant",
				verdict(rep["queries"] == rep["queries_subset"]),
			)
		)
	return rows


def plan_lines(plan: list[dict]) -> list[str]:
	"""EXPLAIN's rows as a small table."""
	columns = ("id", "select_type", "table", "type", "key", "key_len", "ref", "rows", "Extra")
	cells = [[str(step.get(c) if step.get(c) is not None else "") for c in columns] for step in plan]
	widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
	return [
		"  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
		for row in (list(columns), *cells)
	]


def miss_lines(runs: dict) -> list[str]:
	"""Each timing miss explained: how much of the report's time its own statements
	took (the rest is Python and Frappe around them), and the plan of its slowest one."""
	lines = []
	for rep in runs.values():
		if not time_missed(rep) or "statements_ms" not in rep:
			continue
		share = rep["statements_ms"] / rep["report_ms"] * 100 if rep["report_ms"] else 0
		lines.append(
			f"\n{rep['label']}{SCOPES[rep['scope']]}: {rep['report_ms']:.1f} ms, of which its "
			f"{rep['queries']} statement(s) {rep['statements_ms']:.1f} ms ({share:.0f} %) and Python "
			f"and Frappe around them the rest; the SQL giving the same figures {rep['sql_ms']:.1f} ms."
		)
		slowest = rep.get("slowest")
		if slowest:
			lines.append(
				f"  slowest statement ({slowest['ms']:.1f} ms): " + " ".join(slowest["query"].split())
			)
			lines += ["    " + line for line in plan_lines(slowest["plan"])]
	return lines


def generation_line(generation: dict) -> str:
	"""What the run generated: the years made whole, the kinds added to years already there."""
	if generation["skipped"]:
		return "Generation skipped (already there)"
	made = [*generation["years_made"], *(f"added to {year}" for year in generation.get("added", ()))]
	return f"Generated {'; '.join(made)} in {generation['seconds']:.1f} s"
