"""The funds picture of a department-wide goal: sums by kind and source to the fen,
key tasks' totals, and what is refused (never read as 0)."""

from decimal import Decimal

import pytest

from perf_budget.rules.department_goal import SOURCE_FIELDS, amount, check_funds
from perf_budget.rules.goal_quality import WHOLE_UNIT_LEVEL2, check_goal
from perf_budget.rules.indicator_order import sort_by_level

SUMS_DIFFER = "The funds by source add up to {0} (10k yuan), the total budget is {1}: they must be equal"
NOT_A_NUMBER = "{0} must be a number in 10k yuan, not {1}"
ROW_NOT_A_NUMBER = "Key task row {2}: {0} must be a number in 10k yuan, not {1}"
NEGATIVE = "{0} cannot be negative ({1})"


def goal(**values):
	# 人员 812.35 + 公用 187.66 = 基本 1,000.01; + 项目 2,345.67 = 3,345.68
	base = {
		"personnel_expenditure": "812.35",
		"public_expenditure": "187.66",
		"project_expenditure": "2345.67",
		"source_general_budget": "3000.00",
		"source_government_fund": "200.50",
		"source_state_capital": "0",
		"source_special_account": "100.17",
		"source_other": "45.01",
	}
	return {**base, **values}


def messages(problems):
	return [(p.message, p.args) for p in problems]


def test_basic_is_personnel_plus_public_and_total_adds_the_projects():
	funds, problems = check_funds(goal())
	assert problems == []
	assert funds.basic_expenditure == Decimal("1000.01")
	assert funds.total_budget == Decimal("3345.68")
	assert funds.sources_total == Decimal("3345.68")


def test_sources_one_fen_short_of_the_total_are_refused_naming_both_sums():
	_, problems = check_funds(goal(source_other="45.00"))
	assert messages(problems) == [(SUMS_DIFFER, ("3,345.67", "3,345.68"))]


def test_sources_one_fen_over_the_total_are_refused():
	_, problems = check_funds(goal(source_other="45.02"))
	assert messages(problems) == [(SUMS_DIFFER, ("3,345.69", "3,345.68"))]


def test_float_noise_does_not_break_an_exact_sum():
	# 0.1 + 0.2 as binary floats is 0.30000000000000004; typed amounts are read as decimals
	values = {field: 0 for field in SOURCE_FIELDS}
	funds, problems = check_funds(
		{
			"personnel_expenditure": 0.1,
			"public_expenditure": 0.2,
			"project_expenditure": 0,
			**values,
			"source_general_budget": 0.3,
		}
	)
	assert problems == []
	assert funds.total_budget == Decimal("0.30")


def test_empty_amounts_are_zero_and_all_empty_balances():
	funds, problems = check_funds({})
	assert problems == []
	assert funds.total_budget == Decimal(0)


def test_key_task_total_is_fiscal_plus_other():
	tasks = [
		{"idx": 1, "fiscal_amount": "120.25", "other_amount": "30.5"},
		{"idx": 2, "fiscal_amount": "0.01", "other_amount": None},
	]
	funds, problems = check_funds(goal(), tasks)
	assert problems == []
	assert funds.task_totals == (Decimal("150.75"), Decimal("0.01"))


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "一百万", float("nan"), float("inf")])
def test_nan_infinity_and_words_are_refused_never_read_as_zero(bad):
	funds, problems = check_funds(goal(project_expenditure=bad))
	assert funds is None
	assert messages(problems) == [(NOT_A_NUMBER, ("project_expenditure", bad))]
	assert problems[0].field == "project_expenditure"


def test_a_bad_key_task_amount_names_its_row():
	funds, problems = check_funds(goal(), [{"idx": 3, "fiscal_amount": "NaN", "other_amount": 1}])
	assert funds is None
	assert messages(problems) == [(ROW_NOT_A_NUMBER, ("fiscal_amount", "NaN", 3))]
	assert problems[0].row == 3


def test_a_negative_amount_is_refused():
	_, problems = check_funds(goal(public_expenditure="-0.01"))
	assert (NEGATIVE, ("public_expenditure", "-0.01")) in messages(problems)


def test_amounts_are_rounded_half_up_to_the_fen():
	assert amount("2.675") == Decimal("2.68")
	assert amount("2.665") == Decimal("2.67")
	assert amount(" ") == Decimal(0)
	assert amount("NaN") is None


# -- the whole-unit indicator groups -------------------------------------------


def row(level1, level2, idx=1):
	return {
		"idx": idx,
		"level1": level1,
		"level2": level2,
		"indicator_name": "部门预算执行率",
		"operator": ">=",
		"target_value": 95,
		"unit": "%",
		"weight": 10,
	}


@pytest.mark.parametrize(
	"level1, level2", [(level1, level2) for level1, groups in WHOLE_UNIT_LEVEL2.items() for level2 in groups]
)
def test_whole_unit_groups_are_refused_on_a_project_goal_and_accepted_on_a_department_goal(level1, level2):
	refused = "Row {0}: {1} is a whole-unit indicator group, for department-wide goals only"
	on_project = [(f.message, f.args) for f in check_goal([row(level1, level2)]) if f.row == 1]
	on_department = [
		(f.message, f.args) for f in check_goal([row(level1, level2)], whole_unit=True) if f.row == 1
	]
	assert on_project == [(refused, (1, level2))]
	assert on_department == []


def test_a_whole_unit_group_under_the_wrong_level1_is_refused_on_a_department_goal():
	found = [(f.message, f.args) for f in check_goal([row("Output", "Social Impact")], whole_unit=True)]
	assert ("Row {0}: {1} does not belong under {2}", (1, "Social Impact", "Output")) in found


def test_whole_unit_groups_sort_after_the_project_groups_of_their_level1():
	rows = [row("Cost", "Operating Cost"), row("Output", "Performance of Duties"), row("Output", "Quantity")]
	assert [r["level2"] for r in sort_by_level(rows)] == [
		"Quantity",
		"Performance of Duties",
		"Operating Cost",
	]


def test_the_starter_library_has_department_templates_for_every_group():
	"""At least two Department templates per whole-unit group and some for outputs,
	effects and satisfaction; a whole-unit group never on a Project template."""
	import json
	from pathlib import Path

	path = Path(__file__).parents[2] / "perf_budget" / "setup" / "indicator_library.json"
	library = json.loads(path.read_text(encoding="utf-8"))
	department = [row for row in library if row.get("scope") == "Department"]
	for level1, groups in WHOLE_UNIT_LEVEL2.items():
		for level2 in groups:
			assert len([r for r in department if (r["level1"], r["level2"]) == (level1, level2)]) >= 2, level2
	assert {"Output", "Effect", "Satisfaction"} <= {
		r["level1"] for r in department if r["level2"] not in WHOLE_UNIT_LEVEL2.get(r["level1"], ())
	}
	assert not [
		r["indicator_name"]
		for r in library
		if r.get("scope", "Project") == "Project" and r["level2"] in WHOLE_UNIT_LEVEL2.get(r["level1"], ())
	]
	assert len({r["indicator_name"] for r in library}) == len(library)  # seeded once per name
