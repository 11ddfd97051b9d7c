"""The benchmark table's verdicts and its EXPLAIN text (benchmarks/table.py), without Frappe."""

from benchmarks.table import figure_rows, generation_line, miss_lines, plan_lines


def measured(**changes) -> dict:
	run = {
		"label": "Budget Advice",
		"scope": "year",
		"main": True,
		"rows": 3000,
		"report_ms": 120.0,
		"sql_ms": 100.0,
		"ratio": 1.2,
		"only_report": [],
		"only_sql": [],
		"queries": 2,
		"queries_subset": 2,
	}
	return {"budget_advice/year": {**run, **changes}}


def verdicts(runs: dict) -> dict:
	return {section: result for section, _what, _measured, _target, result in figure_rows(runs)}


def test_a_main_report_within_both_targets_passes_all_three_checks():
	rows = figure_rows(measured())
	assert [row[0] for row in rows] == ["time", "figures", "queries"]
	assert rows[0][1:] == ("  Budget Advice", "120.0 ms vs 100.0 ms = 1.20×", "≤ 1.5×, ≤ 300 ms", "PASS")
	assert rows[1][2:] == ("3,000 rows, all equal", "equal", "PASS")
	assert rows[2][2:] == ("2 vs 2", "constant", "PASS")


def test_a_main_report_misses_over_300_ms_even_within_the_ratio():
	assert verdicts(measured(report_ms=320.0, sql_ms=300.0, ratio=1.07))["time"] == "MISS"


def test_the_absolute_target_is_for_main_reports_on_the_latest_year_only():
	rows = figure_rows(measured(main=False, scope="all", report_ms=900.0, sql_ms=700.0, ratio=1.29))
	assert rows[0][1] == "  Budget Advice [all years]"
	assert rows[0][3:] == ("≤ 1.5×", "PASS")


def test_over_one_and_a_half_times_the_sql_misses():
	assert verdicts(measured(ratio=1.51))["time"] == "MISS"
	assert verdicts(measured(ratio=None))["time"] == "MISS"  # an SQL too fast to time


def test_differing_figures_fail_and_a_changing_query_count_misses():
	found = verdicts(measured(only_report=[("a",)], only_sql=[("b",), ("c",)], queries_subset=3))
	assert found == {"time": "PASS", "figures": "FAIL", "queries": "MISS"}
	figures = next(row for row in figure_rows(measured(only_sql=[("b",)])) if row[0] == "figures")
	assert figures[2] == "3,000 rows, 0 report / 1 SQL rows differ"


def test_the_plan_is_a_table_with_a_header_and_empty_cells_for_null():
	plan = [
		{
			"id": 1,
			"select_type": "SIMPLE",
			"table": "ev",
			"type": "ref",
			"key": "performance_year",
			"key_len": "563",
			"ref": "const",
			"rows": 5000,
			"Extra": "Using where",
		},
		{
			"id": 1,
			"select_type": "SIMPLE",
			"table": "ba",
			"type": "ALL",
			"key": None,
			"key_len": None,
			"ref": None,
			"rows": 12,
			"Extra": None,
		},
	]
	lines = plan_lines(plan)
	assert lines[0].split() == [
		"id",
		"select_type",
		"table",
		"type",
		"key",
		"key_len",
		"ref",
		"rows",
		"Extra",
	]
	assert lines[1].split() == [
		"1",
		"SIMPLE",
		"ev",
		"ref",
		"performance_year",
		"563",
		"const",
		"5000",
		"Using",
		"where",
	]
	# aligned: every line's third column starts where the header's "table" does
	start = lines[0].index("table")
	assert [line[start : start + 2] for line in lines] == ["ta", "ev", "ba"]
	assert [line.split() for line in plan_lines([])] == [lines[0].split()]  # the header alone


def test_the_generation_line_names_the_years_made_and_the_kinds_added():
	assert generation_line({"skipped": True, "years_made": [], "added": [], "seconds": 0}) == (
		"Generation skipped (already there)"
	)
	line = generation_line(
		{
			"skipped": False,
			"years_made": ["2026"],
			"added": ["2025 (budget-system imports, ex-ante assessments)"],
			"seconds": 46.04,
		}
	)
	assert line == "Generated 2026; added to 2025 (budget-system imports, ex-ante assessments) in 46.0 s"
	# a run before kinds could be added has no "added"
	assert generation_line({"skipped": False, "years_made": ["2025"], "seconds": 90}) == (
		"Generated 2025 in 90.0 s"
	)


def test_a_miss_is_explained_by_its_statements_share_and_its_slowest_plan():
	plan = [{"id": 1, "select_type": "SIMPLE", "table": "tabRectification", "type": "ALL", "rows": 3509}]
	runs = measured(
		report_ms=160.0,
		sql_ms=64.0,
		ratio=2.5,
		queries=3,
		statements_ms=72.0,
		slowest={"ms": 55.5, "query": "select name\n  from `tabRectification`", "plan": plan},
	)
	runs |= {"card/year": {**measured()["budget_advice/year"], "label": "Card", "statements_ms": 1.0}}
	lines = miss_lines(runs)
	assert lines[0] == (
		"\nBudget Advice: 160.0 ms, of which its 3 statement(s) 72.0 ms (45 %) and Python and Frappe "
		"around them the rest; the SQL giving the same figures 64.0 ms."
	)
	assert lines[1] == "  slowest statement (55.5 ms): select name from `tabRectification`"
	assert lines[2].split() == [
		"id",
		"select_type",
		"table",
		"type",
		"key",
		"key_len",
		"ref",
		"rows",
		"Extra",
	]
	assert lines[3].split() == ["1", "SIMPLE", "tabRectification", "ALL", "3509"]
	assert len(lines) == 4  # the card within its targets is not listed
