"""An indicator's target as the official forms print it and as the desk shows it (rules/indicators.py)."""

from decimal import Decimal

from perf_budget.rules.indicators import (
	GOAL_INDICATOR_KEYS,
	TARGET_KEYS,
	format_target,
	format_target_with_unit,
	plain_number,
	target_display,
)


def test_the_printed_target_has_the_sign_and_a_plain_number():
	assert format_target(">=", 500.0, None) == "≥500"
	assert format_target("<=", "0.950", None) == "≤0.95"
	assert format_target(">", 12.5, None) == ">12.5"
	assert format_target("=", 100, None) == "=100"
	assert format_target("<", 1e-7, None) == "<0.0000001"


def test_a_qualitative_target_is_printed_after_the_forms_word():
	assert format_target("Qualitative", None, "按期完成") == "定性：按期完成"
	assert format_target("Qualitative", None, None) == "定性："


def test_a_target_without_a_number_falls_back_to_its_text_or_to_nothing():
	assert format_target(">=", None, "较上年提高") == "较上年提高"
	assert format_target(None, 30, None) == "30"
	assert format_target(">=", None, None) is None


def test_the_form_puts_the_unit_after_a_number_only():
	assert format_target_with_unit({"operator": ">=", "target_value": 500, "unit": " 人次 "}) == "≥500人次"
	assert format_target_with_unit({"operator": ">=", "target_value": 95, "unit": "%"}) == "≥95%"
	assert (
		format_target_with_unit({"operator": "Qualitative", "target_text": "明显改善", "unit": "人次"})
		== "定性：明显改善"
	)
	assert (
		format_target_with_unit({"operator": ">=", "target_text": "较上年提高", "unit": "%"}) == "较上年提高"
	)
	assert format_target_with_unit({"operator": "<=", "target_value": 3, "unit": "\u3000"}) == "≤3"


def test_the_desk_shows_the_target_with_its_unit_and_a_qualitative_target_as_written():
	assert target_display({"operator": ">=", "target_value": 800, "unit": "人次"}) == "≥800人次"
	assert target_display({"operator": "=", "target_value": 100.0, "unit": "%"}) == "=100%"
	assert target_display({"operator": "Qualitative", "target_text": "满意", "unit": "人次"}) == "满意"
	assert target_display({"operator": "Qualitative"}) == ""
	assert target_display({"operator": ">=", "target_text": "较上年提高", "unit": "%"}) == "较上年提高%"


def test_plain_numbers_never_use_exponents():
	assert plain_number(Decimal("500.0")) == "500"
	assert plain_number(Decimal("1E+3")) == "1000"
	assert plain_number(Decimal("-0.0")) == "0"


def test_a_self_evaluation_copies_the_goals_target_with_its_weight_and_standard():
	assert TARGET_KEYS == (
		"level1",
		"level2",
		"indicator_name",
		"operator",
		"target_value",
		"target_text",
		"unit",
	)
	assert GOAL_INDICATOR_KEYS == (*TARGET_KEYS, "weight", "evaluation_standard")
