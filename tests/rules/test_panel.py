"""Expert panel (bureau measures art. 22 (二)): each expert's scores checked,
combined by the mean or the mean without the highest and lowest score."""

import pytest

from perf_budget.rules.panel import (
	MEAN,
	TRIMMED_MEAN,
	PanelError,
	checked_score,
	combine,
	combine_sheets,
	has_panel_score,
	sheet_total,
)

# --- one expert's score of one indicator ------------------------------------------


@pytest.mark.parametrize(("value", "max_points"), [(0, 20), (20, 20), ("12.5", 20), (19.99, 20)])
def test_a_score_from_zero_to_the_points_is_taken(value, max_points):
	assert float(checked_score(value, max_points, 2)) == float(value)


@pytest.mark.parametrize(
	("value", "message"),
	[
		(20.01, "The score {0} is more than the indicator's {1} points"),
		(-0.5, "The score cannot be negative, it is {0}"),
		(float("nan"), "The score must be a number, not {0}"),
		("八十", "The score must be a number, not {0}"),
		("abc", "The score must be a number, not {0}"),
		(None, "The score must be a number, not {0}"),
		(True, "The score must be a number, not {0}"),
		(float("inf"), "The score must be a number, not {0}"),
		(12.345, "The score {0} has more than {1} decimals"),
	],
)
def test_a_bad_score_is_refused_with_what_is_wrong(value, message):
	with pytest.raises(PanelError) as refused:
		checked_score(value, 20, 2)
	assert refused.value.message == message


def test_the_refusal_names_the_figures_as_written():
	with pytest.raises(PanelError) as refused:
		checked_score(25.0, 20.0, 2)
	assert refused.value.args_ == ("25", "20")
	with pytest.raises(PanelError) as refused:
		checked_score("-0.50", 20, 2)
	assert refused.value.args_ == ("-0.5",)


def test_decimals_follow_the_score_precision():
	assert float(checked_score("7.5", 10, 1)) == 7.5
	with pytest.raises(PanelError):
		checked_score("7.5", 10, 0)


def test_an_experts_total_is_the_exact_sum():
	assert sheet_total([0.1, 0.2, 9.7, 45.33, 29.67]) == 85.0
	assert sheet_total([]) == 0.0


# --- combining the panel ----------------------------------------------------------


def test_no_expert_no_panel_score():
	assert combine([], MEAN, 2) is None
	assert combine([], TRIMMED_MEAN, 2) is None
	assert combine_sheets([], [], MEAN, 2) is None


def test_the_mean_of_one_two_and_five_experts():
	assert combine([81.5], MEAN, 2) == 81.5
	assert combine([80, 91], MEAN, 2) == 85.5
	assert combine([70, 80, 85, 90, 99], MEAN, 2) == 84.8


@pytest.mark.parametrize("scores", [[88], [80, 90]])
def test_the_trimmed_mean_of_fewer_than_three_experts_is_refused(scores):
	with pytest.raises(PanelError) as refused:
		combine(scores, TRIMMED_MEAN, 2)
	assert refused.value.args_ == (3, len(scores))
	assert "at least {0}" in refused.value.message


def test_the_trimmed_mean_of_three_experts_is_the_middle_score():
	assert combine([95, 70, 82.5], TRIMMED_MEAN, 2) == 82.5


def test_the_trimmed_mean_of_five_drops_one_highest_and_one_lowest():
	assert combine([70, 80, 85, 90, 99], TRIMMED_MEAN, 2) == 85.0


def test_ties_at_the_top_and_bottom_drop_one_instance_only():
	# 90, 90, 80, 80 → drops one 90 and one 80: mean of 90 and 80
	assert combine([90, 90, 80, 80], TRIMMED_MEAN, 2) == 85.0
	assert combine([90, 90, 90], TRIMMED_MEAN, 2) == 90.0
	# 60, 60, 60, 100 → drops one 60 and the 100: mean of 60, 60
	assert combine([60, 60, 60, 100], TRIMMED_MEAN, 2) == 60.0


def test_rounding_is_half_up_on_the_exact_decimal():
	# 85.125 is 85.12499… as a float; the panel rounds the decimal 85.125 up
	assert combine([85.12, 85.13], MEAN, 2) == 85.13  # mean 85.125
	assert combine([85.12, 85.13], MEAN, 1) == 85.1
	assert combine([85.25, 85.25, 85.26, 85.24], MEAN, 1) == 85.3  # mean 85.25
	assert combine([1, 2], MEAN, 0) == 2  # 1.5 → 2
	assert combine([2.675, 2.675], MEAN, 2) == 2.68


def test_the_mean_of_thirds_rounds_at_the_precision():
	assert combine([80, 80, 81], MEAN, 2) == 80.33
	assert combine([80, 81, 81], MEAN, 2) == 80.67


def test_an_unknown_combination_is_refused():
	with pytest.raises(PanelError):
		combine([80, 90, 85], "Median", 2)


def test_a_panel_combines_each_indicator_and_the_totals_separately():
	sheets = [{"a": 10, "b": 40}, {"a": 8, "b": 45}, {"a": 9, "b": 30}]
	totals = [50, 53, 39]
	mean = combine_sheets(sheets, totals, MEAN, 2)
	assert mean.indicators == {"a": 9.0, "b": 38.33}
	assert mean.total == 47.33
	assert mean.experts == 3
	trimmed = combine_sheets(sheets, totals, TRIMMED_MEAN, 2)
	# each indicator drops its own highest and lowest expert; the total drops the totals'
	assert trimmed.indicators == {"a": 9.0, "b": 40.0}
	assert trimmed.total == 50.0


def test_a_trimmed_panel_of_two_experts_is_refused():
	with pytest.raises(PanelError):
		combine_sheets([{"a": 1}, {"a": 2}], [1, 2], TRIMMED_MEAN, 2)


@pytest.mark.parametrize(
	("experts", "method", "scored"),
	[
		(0, MEAN, False),
		(1, MEAN, True),
		(2, TRIMMED_MEAN, False),
		(3, TRIMMED_MEAN, True),
		(0, TRIMMED_MEAN, False),
	],
)
def test_whether_a_panel_has_a_score(experts, method, scored):
	assert has_panel_score(experts, method) is scored
