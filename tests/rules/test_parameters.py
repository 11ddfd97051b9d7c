"""Configurable rules, SPEC §4 (national defaults, provincial variants)."""

import pytest

from perf_budget.rules.parameters import Rules, validate_rules


def test_national_defaults():
	rules = Rules()
	assert (
		rules.execution_weight,
		rules.output_weight,
		rules.effect_weight,
		rules.satisfaction_weight,
		rules.cost_weight,
	) == (10, 50, 30, 10, 0)
	assert rules.cost_is_level1 is True
	assert rules.satisfaction_fallback_level == "Effect"
	assert rules.reverse_formula == "Linear"
	assert rules.score_precision == 2
	assert (rules.qual_achieved_min, rules.qual_partly_min) == (80, 60)
	assert (rules.excellent_min, rules.good_min, rules.fair_min) == (90, 80, 60)
	assert rules.execution_reason_below == 90
	assert rules.overachievement_flag_ratio == 1.5
	assert rules.weight_tolerance == 0.01
	assert (rules.warning_red_below, rules.warning_yellow_below) == (60, 80)
	assert (rules.results_notice_days, rules.rectification_days) == (20, 30)
	assert (rules.fair_cut_percent, rules.unrectified_cut_percent) == (10, 10)
	assert validate_rules(rules) == []


def test_from_mapping_reads_a_settings_doc():
	doc = {
		"name": "Perf Budget Settings",
		"doctype": "Perf Budget Settings",
		"execution_weight": 20,
		"output_weight": 60,
		"effect_weight": 10,
		"cost_is_level1": 0,
		"score_precision": "1",
		"reverse_formula": "Ratio",
		"rectification_days": 45,
		"satisfaction_weight": None,
		"satisfaction_fallback_level": "",
		"modified": "2026-01-01 00:00:00",
	}
	rules = Rules.from_mapping(doc)
	assert rules.execution_weight == 20.0
	assert rules.output_weight == 60.0
	assert rules.effect_weight == 10.0
	assert rules.satisfaction_weight == 10.0  # None keeps the default
	assert rules.satisfaction_fallback_level == "Effect"  # "" keeps the default
	assert rules.cost_is_level1 is False
	assert rules.score_precision == 1
	assert rules.reverse_formula == "Ratio"
	assert rules.rectification_days == 45
	assert validate_rules(rules) == []


def test_rules_are_frozen():
	with pytest.raises(AttributeError):
		Rules().output_weight = 40


def test_weights_must_add_up_to_100():
	assert validate_rules(Rules(output_weight=40)) == [
		("Level-1 weights must add up to 100, they add up to {0}", (90.0,))
	]
	assert validate_rules(Rules(output_weight=40, cost_weight=10)) == []


def test_cost_weight_needs_cost_as_level1():
	assert validate_rules(Rules(output_weight=40, cost_weight=10, cost_is_level1=False)) == [
		("Cost weight must be 0 when cost stays under Output, it is {0}", (10,))
	]


@pytest.mark.parametrize(
	("bands", "ok"),
	[
		((90, 80, 60), True),
		((80, 70, 60), True),
		((100, 80, 0), True),
		((90, 90, 60), False),
		((80, 90, 60), False),
		((90, 60, 60), False),
		((101, 80, 60), False),
	],
)
def test_grade_bands_descend_within_0_to_100(bands, ok):
	excellent, good, fair = bands
	problems = validate_rules(Rules(excellent_min=excellent, good_min=good, fair_min=fair))
	band_problem = (
		"Grade bands must descend within 0–100: Excellent {0} > Good {1} > Fair {2}",
		bands,
	)
	assert (band_problem in problems) is not ok


@pytest.mark.parametrize(
	("partly", "achieved", "ok"),
	[(60, 80, True), (50, 80, True), (60, 100, True), (0, 80, False), (80, 80, False), (60, 101, False)],
)
def test_qualitative_band_bounds(partly, achieved, ok):
	problems = validate_rules(Rules(qual_partly_min=partly, qual_achieved_min=achieved))
	band_problem = ("Qualitative bands need 0 < partly achieved {0} < achieved {1} ≤ 100", (partly, achieved))
	assert (band_problem in problems) is not ok


def test_percentages_must_be_0_to_100():
	assert validate_rules(Rules(fair_cut_percent=120, execution_reason_below=-1)) == [
		("{0} must be between 0 and 100, it is {1}", ("execution_reason_below", -1)),
		("{0} must be between 0 and 100, it is {1}", ("fair_cut_percent", 120)),
	]


def test_red_threshold_below_yellow():
	assert validate_rules(Rules(warning_red_below=80, warning_yellow_below=80)) == [
		("The red warning threshold {0} must be below the yellow threshold {1}", (80, 80))
	]


def test_choices_and_ratios():
	rules = Rules(
		reverse_formula="log",
		score_precision=3,
		satisfaction_fallback_level="Satisfaction",
		overachievement_flag_ratio=0.5,
		weight_tolerance=-0.1,
		rectification_days=0,
	)
	assert validate_rules(rules) == [
		("{0} must be at least 1 day, it is {1}", ("rectification_days", 0)),
		("Weight tolerance must be at least 0 and below 1, it is {0}", (-0.1,)),
		("Over-achievement flag ratio must be 0 (off) or above 1, it is {0}", (0.5,)),
		("Reverse indicator formula must be Linear or Ratio, it is {0}", ("log",)),
		("Score precision must be 0, 1 or 2 decimals, it is {0}", (3,)),
		("Satisfaction points can move to {0}, not to {1}", ("Output / Effect / Cost", "Satisfaction")),
	]


def test_fallback_level_cannot_be_cost_when_cost_is_under_output():
	assert validate_rules(Rules(cost_is_level1=False, satisfaction_fallback_level="Cost")) == [
		("Satisfaction points can move to {0}, not to {1}", ("Output / Effect", "Cost"))
	]


def test_flag_ratio_zero_turns_the_flag_off():
	assert validate_rules(Rules(overachievement_flag_ratio=0)) == []
