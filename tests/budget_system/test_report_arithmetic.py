"""The budget reports' arithmetic (perf_budget.budget_system.execution), no Frappe:
the figures as shown, totals that add up to the fen shown, the time pace of
figures to a day, which applied import a record is compared with."""

from datetime import date
from decimal import Decimal

from perf_budget.budget_system.execution import (
	comparisons,
	figures_of,
	import_for,
	latest_imports,
	light_counts,
	project_line,
	total_line,
)
from perf_budget.rules.parameters import DEFAULT_RULES

D = Decimal


def row(code="P-1", unit="甲科", as_of=date(2026, 7, 31), name="BEI-2026-0001", **figures):
	"""An import row as the report reads it (floats from the database), the latest
	of its kind (the query's numbers)."""
	values = {
		f"{figure}_{category}": 0.0
		for figure in ("initial", "adjusted", "executed")
		for category in ("fiscal", "carryover", "other")
	}
	values.update(figures)
	return {
		"project_code": code,
		"budget_unit": unit,
		"as_of_date": as_of,
		"newest_with_initial": 1,
		"newest_of_month": 1,
		"budget_import": name,
		"has_initial": 1,
		"has_adjusted": 1,
		"has_executed": 1,
		**values,
	}


def test_a_project_line_rounds_the_exact_figures_and_judges_the_pace():
	# 123.456789 + 6.543211 万元 adjusted = 130.00; 1,234,567.89 元 paid = 123.456789 万元 -> 123.46
	line = project_line(
		row(
			initial_fiscal=120.0,
			adjusted_fiscal=123.456789,
			adjusted_carryover=6.543211,
			executed_fiscal=123.456789,
		),
		DEFAULT_RULES,
	)
	assert line["initial_budget"] == D("120.00")
	assert line["adjusted_budget"] == D("130.00")
	assert line["executed_amount"] == D("123.46")
	assert line["execution_rate"] == 94.97
	assert line["time_progress"] == 58.33  # 7 of 12 months
	assert line["time_adjusted_rate"] == 162.8  # 94.97 % of the money in 58.33 % of the year
	assert line["execution_light"] == "Green"


def test_figures_to_the_20th_are_paced_on_the_days_of_july_elapsed():
	line = project_line(
		row(as_of=date(2026, 7, 20), adjusted_fiscal=100.0, executed_fiscal=40.0), DEFAULT_RULES
	)
	assert line["time_progress"] == 55.38
	assert line["time_adjusted_rate"] == 72.23  # 40 % of the money in 55.38 % of the year
	assert line["execution_light"] == "Yellow"


def test_no_budget_no_light_and_a_missing_column_is_not_zero():
	line = project_line({**row(executed_other=3.0), "has_initial": 0}, DEFAULT_RULES)
	assert line["initial_budget"] is None
	assert line["adjusted_budget"] == D("0.00")
	assert line["execution_rate"] is None
	assert line["execution_light"] is None
	assert line["time_progress"] == 58.33


def test_totals_add_up_the_figures_as_shown():
	# three projects of 0.333333 万元 each: shown 0.33 each, the subtotal 0.99 (not 1.00)
	lines = [
		{
			**project_line(
				row(code=f"P-{i}", adjusted_other=0.333333, executed_other=0.333333), DEFAULT_RULES
			),
			"as_of_date": date(2026, 7, 31),
		}
		for i in range(3)
	]
	total = total_line(lines, DEFAULT_RULES)
	assert total["adjusted_budget"] == D("0.99")
	assert total["executed_amount"] == D("0.99")
	assert total["initial_budget"] == D("0.00")
	assert total["execution_rate"] == 100.0
	assert total["time_adjusted_rate"] == 171.43
	assert total["as_of_date"] == date(2026, 7, 31)


def test_a_total_over_different_dates_has_no_one_pace():
	lines = [
		{
			**project_line(row(as_of=as_of, adjusted_fiscal=100.0, executed_fiscal=50.0), DEFAULT_RULES),
			"as_of_date": as_of,
		}
		for as_of in (date(2026, 6, 30), date(2026, 7, 31))
	]
	total = total_line(lines, DEFAULT_RULES)
	assert total["adjusted_budget"] == D("200.00")
	assert total["execution_rate"] == 50.0
	assert total["as_of_date"] is None
	assert total["time_progress"] is None
	assert total["execution_light"] is None


def test_light_counts():
	lines = [{"execution_light": light} for light in ("Red", "Green", "Green", None)]
	assert light_counts(lines) == {"Red": 1, "Yellow": 0, "Green": 2, None: 1}


def test_which_import_a_record_is_compared_with():
	# as the query numbers them: March's is not the latest giving 年初预算数 (December's is)
	march = {**row(as_of=date(2026, 3, 31), name="BEI-2026-0001"), "newest_with_initial": 2}
	july = {**row(as_of=date(2026, 7, 31), name="BEI-2026-0002"), "has_initial": 0}
	december = row(as_of=date(2026, 12, 31), name="BEI-2026-0003")
	other_unit = row(unit="乙科", as_of=date(2026, 12, 31), name="BEI-2026-0004")
	imports = latest_imports([march, july, december, other_unit])
	record = {"project_code": " P-1 ", "budget_unit": "甲科"}
	# the goal: the latest import with 年初预算数 (July's has none)
	assert import_for("Performance Goal", record, imports)["budget_import"] == "BEI-2026-0003"
	# a monitoring round: the import as of its month, or none
	assert (
		import_for("Performance Monitoring", {**record, "period_end_month": 7}, imports)["budget_import"]
		== "BEI-2026-0002"
	)
	assert import_for("Performance Monitoring", {**record, "period_end_month": 6}, imports) is None
	# the self-evaluation: December's, of its own unit
	assert import_for("Performance Evaluation", record, imports)["budget_import"] == "BEI-2026-0003"
	assert import_for("Performance Evaluation", {**record, "budget_unit": "丙科"}, imports) is None


def test_comparisons_per_field_as_the_import_writes_them():
	imported = row(  # the monitoring record's budget is the 年初预算数 (its 监控表's column)
		initial_fiscal=100.004,
		initial_carryover=20.0,
		initial_other=5.125,
		executed_fiscal=60.0,
		executed_other=0.0,
	)
	record = {
		"budget_fiscal": 118.0,
		"budget_other": 5.13,
		"annual_budget": 123.13,
		"executed_fiscal": 60.0,
		"executed_other": None,
		"executed_amount": 60.0,
	}
	found = comparisons(
		"Performance Monitoring", record, figures_of(imported), ["budget_other", "annual_budget"]
	)
	assert [
		(c["field"], c["record_figure"], c["system_figure"], c["difference"], c["from_import"]) for c in found
	] == [
		("budget_fiscal", D("118.00"), D("120.00"), D("-2.00"), False),  # fiscal + carry-over on this form
		("budget_other", D("5.13"), D("5.13"), D("0.00"), True),  # 5.125 rounded half up
		("annual_budget", D("123.13"), D("125.13"), D("-2.00"), True),
		("executed_fiscal", D("60.00"), D("60.00"), D("0.00"), False),
		("executed_other", D("0.00"), D("0.00"), D("0.00"), False),
		("executed_amount", D("60.00"), D("60.00"), D("0.00"), False),
	]


def test_a_monitoring_record_with_only_its_totals_typed_is_compared_on_the_totals():
	imported = row(initial_fiscal=100.0, adjusted_fiscal=120.0, executed_fiscal=30.0)
	found = comparisons(
		"Performance Monitoring", {"annual_budget": 100, "executed_amount": 35}, figures_of(imported), []
	)
	assert [(c["field"], c["difference"]) for c in found] == [
		("annual_budget", D("0.00")),
		("executed_amount", D("5.00")),
	]


def test_a_goal_is_compared_on_the_initial_figures_only():
	imported = row(initial_fiscal=80.0, initial_carryover=5.0, initial_other=20.0, adjusted_fiscal=999.0)
	record = {"fiscal_amount": 80, "other_amount": 20, "total_amount": 100}
	found = comparisons("Performance Goal", record, figures_of(imported), [])
	assert [(c["field"], c["system_figure"], c["difference"]) for c in found] == [
		("fiscal_amount", D("85.00"), D("-5.00")),
		("other_amount", D("20.00"), D("0.00")),
		("total_amount", D("105.00"), D("-5.00")),
	]
