"""Self-evaluation scoring, SPEC §4.4 (财预〔2020〕10号, bureau measures art. 21)."""

import pytest

from perf_budget.rules.parameters import Rules
from perf_budget.rules.scoring import (
	ScoringError,
	completion_percent,
	execution_rate,
	execution_score,
	grade_for,
	is_overachieved,
	level_points,
	needs_execution_reason,
	qualitative_band,
	satisfaction_rate,
	score_indicator,
	total_score,
)

RATIO = Rules(reverse_formula="Ratio")
ONE_DECIMAL = Rules(score_precision=1)
WHOLE_POINTS = Rules(score_precision=0)


# --- budget execution -------------------------------------------------------


@pytest.mark.parametrize(
	("budget", "executed", "rate"),
	[
		(1_000_000, 923_456.78, 92.35),
		(300, 200, 66.67),
		(200_000, 179_980, 89.99),
		(200_000, 179_990, 90.0),  # 89.995 rounds half-up
		(100, 100, 100.0),
		(100, 120, 120.0),
		(0, 0, 0.0),
		(0, 50, 0.0),
		(80_000, 0, 0.0),
	],
)
def test_execution_rate_is_percent_half_up_two_decimals(budget, executed, rate):
	assert execution_rate(budget, executed) == rate


def test_execution_rate_rounds_half_up():
	# 26.75 / 1000 = 2.675 % -> 2.68, not the banker's or binary-float 2.67
	assert execution_rate(1000, 26.75) == 2.68


@pytest.mark.parametrize(
	("budget", "executed", "weight", "score"),
	[
		(1_000_000, 923_456.78, 10, 9.23),
		(300, 200, 10, 6.67),
		(100, 100, 10, 10.0),
		(100, 150, 10, 10.0),  # over-execution never earns more than the weight
		(100, 50, 20, 10.0),  # provinces that give execution 20 points
		(0, 0, 10, 0.0),
		(100, 0, 10, 0.0),
	],
)
def test_execution_score(budget, executed, weight, score):
	assert execution_score(budget, executed, weight) == score


def test_execution_score_follows_precision():
	assert execution_score(300, 200, rules=ONE_DECIMAL) == 6.7
	assert execution_score(300, 200, rules=WHOLE_POINTS) == 7.0


@pytest.mark.parametrize(("budget", "executed"), [(-1, 0), (100, -5), ("abc", 5), (None, 5)])
def test_execution_refuses_negative_or_missing_amounts(budget, executed):
	with pytest.raises(ScoringError) as error:
		execution_score(budget, executed)
	assert error.value.message.startswith("Budget and executed amounts must be numbers")
	assert error.value.args_ == (budget, executed)


@pytest.mark.parametrize(
	("executed", "needs_reason"), [(89_990, True), (89_994, True), (89_995, False), (90_000, False)]
)
def test_execution_below_90_percent_needs_a_reason(executed, needs_reason):
	# 89.995 % shows as 90.00 %, so the user is not asked to explain it
	assert needs_execution_reason(100_000, executed) is needs_reason


# --- quantitative indicators -------------------------------------------------


@pytest.mark.parametrize(
	("operator", "target", "actual", "score"),
	[
		(">=", 100, 100, 20.0),
		(">=", 100, 120, 20.0),  # over-achievement: full weight, never more
		(">=", 100, 95, 19.0),
		(">=", 3, 2, 13.33),
		(">=", 100, 0, 0.0),
		(">=", 100, -10, 0.0),  # never negative
		(">", 100, 101, 20.0),
		(">", 100, 100, 20.0),  # at the target the share is already 1
		(">", 100, 80, 16.0),
		(">=", 0, 0, 20.0),
		(">=", 0, 5, 20.0),
		(">=", 0, -1, 0.0),
		(">", 0, 0, 0.0),
		(">", 0, 1, 20.0),
		(">=", -5, -3, 20.0),
		(">=", -5, -10, 0.0),
	],
)
def test_higher_is_better(operator, target, actual, score):
	assert score_indicator(operator, target, actual, 20) == score


@pytest.mark.parametrize(
	("operator", "target", "actual", "linear", "ratio"),
	[
		("<=", 12, 12, 15.0, 15.0),
		("<=", 12, 10, 15.0, 15.0),
		("<=", 12, 13, 13.75, 13.85),
		("<=", 100, 150, 7.5, 10.0),
		("<=", 100, 200, 0.0, 7.5),  # linear reaches 0 at twice the target
		("<=", 100, 300, 0.0, 5.0),  # and never goes below 0
		("<", 100, 99, 15.0, 15.0),
		("<", 100, 100, 15.0, 15.0),
		("<", 100, 120, 12.0, 12.5),
		("<=", 0, 0, 15.0, 15.0),
		("<=", 0, 3, 0.0, 0.0),  # target 0 and anything above it: 0
		("<", 0, 0, 0.0, 0.0),
		("<", 0, -1, 15.0, 15.0),
	],
)
def test_lower_is_better_both_formulas(operator, target, actual, linear, ratio):
	assert score_indicator(operator, target, actual, 15) == linear
	assert score_indicator(operator, target, actual, 15, rules=RATIO) == ratio


@pytest.mark.parametrize(
	("target", "actual", "score"),
	[
		(100, 100, 10.0),
		(100, 90, 9.0),  # scored as >= when the target is above 0
		(100, 110, 10.0),
		(0, 0, 10.0),
		(0, -2, 10.0),  # target 0: full only if actual <= 0
		(0, 1, 0.0),
		(-3, -3, 10.0),
		(-3, -2, 0.0),
	],
)
def test_equal_to(target, actual, score):
	assert score_indicator("=", target, actual, 10) == score


def test_numbers_may_arrive_as_text():
	assert score_indicator(">=", "3", "2", "20") == 13.33


def test_weight_zero_scores_zero():
	assert score_indicator(">=", 100, 100, 0) == 0.0


@pytest.mark.parametrize(("precision", "score"), [(2, 6.67), (1, 6.7), (0, 7.0)])
def test_score_rounding_precision(precision, score):
	assert score_indicator(">=", 3, 2, 10, rules=Rules(score_precision=precision)) == score


def test_score_rounds_half_up():
	# 2.675 of 10 points; a binary float would round to 2.67
	assert score_indicator(">=", 1000, 267.5, 10) == 2.68
	assert score_indicator(">=", 100, 25, 10, rules=WHOLE_POINTS) == 3.0  # 2.5 -> 3
	assert score_indicator(">=", 100, 45, 1, rules=ONE_DECIMAL) == 0.5  # 0.45 -> 0.5


def test_completion_percent():
	assert completion_percent(">=", 3, 2) == 66.67
	assert completion_percent("<=", 100, 130) == 70.0
	assert completion_percent("<=", 100, 130, RATIO) == 76.92


@pytest.mark.parametrize(
	("args", "message", "message_args"),
	[
		(("~", 1, 1, 10), "Unknown operator {0}", ("~",)),
		((">=", None, 1, 10), "Enter a numeric target for operator {0}", (">=",)),
		((">=", "many", 1, 10), "Enter a numeric target for operator {0}", (">=",)),
		((">=", 5, None, 10), "Enter the actual value for target {0} {1}", (">=", 5)),
		((">=", 5, 5, -1), "Weight cannot be negative, it is {0}", (-1,)),
		((">=", 5, 5, None), "Enter a numeric weight, not {0}", (None,)),
	],
)
def test_bad_input_is_refused_with_a_translatable_message(args, message, message_args):
	with pytest.raises(ScoringError) as error:
		score_indicator(*args)
	assert error.value.message == message
	assert error.value.args_ == message_args
	assert str(error.value) == message.format(*message_args)


# --- qualitative indicators --------------------------------------------------


@pytest.mark.parametrize(
	("result", "band"),
	[("Achieved", (16.0, 20.0)), ("Partly", (12.0, 16.0)), ("Not Achieved", (0.0, 12.0))],
)
def test_qualitative_bands(result, band):
	assert qualitative_band(result, 20) == band


def test_qualitative_bands_follow_settings():
	assert qualitative_band("Partly", 10, Rules(qual_partly_min=50)) == (5.0, 8.0)
	assert qualitative_band("Achieved", 3.33) == (2.664, 3.33)


@pytest.mark.parametrize(
	("result", "entered", "score"),
	[
		("Achieved", 16, 16.0),
		("Achieved", 20, 20.0),
		("Partly", 12, 12.0),
		("Partly", 14.5, 14.5),
		("Partly", 16, 16.0),
		("Not Achieved", 0, 0.0),
		("Not Achieved", 12, 12.0),
	],
)
def test_qualitative_score_inside_band_edges(result, entered, score):
	assert score_indicator("Qualitative", None, None, 20, result, entered_score=entered) == score


@pytest.mark.parametrize(
	("result", "entered", "low", "high"),
	[
		("Achieved", 15.99, 16.0, 20.0),
		("Achieved", 20.01, 16.0, 20.0),
		("Partly", 11.99, 12.0, 16.0),
		("Partly", 16.01, 12.0, 16.0),
		("Not Achieved", 12.01, 0.0, 12.0),
		("Not Achieved", -1, 0.0, 12.0),
	],
)
def test_qualitative_score_outside_band_is_refused(result, entered, low, high):
	with pytest.raises(ScoringError) as error:
		score_indicator("Qualitative", None, None, 20, result, entered_score=entered)
	assert error.value.message == "Score {0} is outside the band {1}–{2} for result {3}"
	assert error.value.args_ == (entered, low, high, result)


def test_qualitative_score_is_required():
	with pytest.raises(ScoringError) as error:
		score_indicator("Qualitative", None, None, 20, "Partly")
	assert str(error.value) == "Enter a score between 12.0 and 16.0 for result Partly"


def test_qualitative_result_is_required():
	with pytest.raises(ScoringError) as error:
		score_indicator("Qualitative", None, None, 20, None, entered_score=15)
	assert str(error.value) == "Choose the qualitative result (Achieved, Partly, Not Achieved), not None"


def test_qualitative_score_is_rounded_after_the_band_check():
	# band 1.8–2.4 holds no whole number; 2.4 is accepted and shown as 2
	assert score_indicator("Qualitative", None, None, 3, "Partly", WHOLE_POINTS, 2.4) == 2.0


# --- over-achievement flag ---------------------------------------------------


@pytest.mark.parametrize(
	("operator", "target", "actual", "flagged"),
	[
		(">=", 100, 149.99, False),
		(">=", 100, 150, True),
		(">", 100, 300, True),
		("<=", 100, 10, False),
		("=", 100, 300, False),
		(">=", 0, 300, False),
		(">=", None, 300, False),
	],
)
def test_overachievement_flag(operator, target, actual, flagged):
	assert is_overachieved(operator, target, actual) is flagged


def test_overachievement_flag_can_be_turned_off_and_never_changes_the_score():
	assert is_overachieved(">=", 100, 500, Rules(overachievement_flag_ratio=0)) is False
	assert score_indicator(">=", 100, 500, 20) == 20.0


# --- grade, levels, satisfaction, total -------------------------------------


@pytest.mark.parametrize(
	("total", "grade"),
	[
		(100, "Excellent"),
		(90, "Excellent"),
		(89.99, "Good"),
		(80, "Good"),
		(79.99, "Fair"),
		(60, "Fair"),
		(59.99, "Poor"),
		(0, "Poor"),
	],
)
def test_grade_boundaries(total, grade):
	assert grade_for(total) == grade


def test_grade_bands_follow_settings():
	provincial = Rules(excellent_min=80, good_min=70, fair_min=60)
	assert [grade_for(t, provincial) for t in (80, 79.99, 70, 69.99)] == [
		"Excellent",
		"Good",
		"Good",
		"Fair",
	]


def test_level_points():
	assert level_points() == {"Output": 50.0, "Effect": 30.0, "Satisfaction": 10.0, "Cost": 0.0}


def test_satisfaction_points_move_to_the_fallback_level():
	assert level_points(None, has_satisfaction=False) == {
		"Output": 50.0,
		"Effect": 40.0,
		"Satisfaction": 0.0,
		"Cost": 0.0,
	}
	to_output = Rules(satisfaction_fallback_level="Output")
	assert level_points(to_output, has_satisfaction=False)["Output"] == 60.0


@pytest.mark.parametrize(
	("satisfied", "valid", "rate"), [(172, 200, 86.0), (2, 3, 66.67), (0, 10, 0.0), (7, 7, 100.0)]
)
def test_satisfaction_rate(satisfied, valid, rate):
	assert satisfaction_rate(satisfied, valid) == rate


@pytest.mark.parametrize(("satisfied", "valid"), [(1, 0), (5, 4), (-1, 4)])
def test_satisfaction_rate_refuses_impossible_counts(satisfied, valid):
	with pytest.raises(ScoringError):
		satisfaction_rate(satisfied, valid)


def test_total_is_the_sum_of_rounded_scores():
	# 3 × 3.333… unrounded would be 10.00; the sum of rounded scores is 9.99
	scores = [score_indicator(">=", 3, 1, 10) for _ in range(3)]
	assert scores == [3.33, 3.33, 3.33]
	assert total_score(scores) == 9.99
	assert total_score([0.1, 0.2]) == 0.3  # no float noise (0.30000000000000004)
	assert total_score([]) == 0.0


def test_whole_evaluation_by_hand():
	"""A project scored the way the 自评表 shows it."""
	execution = execution_score(1_000_000, 923_456.78)  # 92.35 % of 10
	output = [
		score_indicator(">=", 100, 95, 20),  # trainees: 95 of 100 people
		score_indicator(">=", 98, 99, 15),  # pass rate over target
		score_indicator("<=", 12, 13, 15),  # months: 1 over 12, linear
	]
	effect = [
		score_indicator("Qualitative", None, None, 20, "Partly", entered_score=14),
		score_indicator(">=", 3, 2, 10),  # jobs created
	]
	satisfaction = [score_indicator(">=", 90, satisfaction_rate(172, 200), 10)]  # 86 % of 90 %
	assert execution == 9.23
	assert output == [19.0, 15.0, 13.75]
	assert effect == [14.0, 6.67]
	assert satisfaction == [9.56]
	total = total_score([execution, *output, *effect, *satisfaction])
	assert total == 87.21
	assert grade_for(total) == "Good"


def test_whole_evaluation_in_whole_points():
	rules = WHOLE_POINTS
	scores = [
		execution_score(1_000_000, 923_456.78, rules=rules),  # 9.23 -> 9
		score_indicator(">=", 100, 95, 20, rules=rules),  # 19
		score_indicator("<=", 12, 13, 15, rules=rules),  # 13.75 -> 14
		score_indicator(">=", 3, 2, 10, rules=rules),  # 6.67 -> 7
	]
	assert scores == [9.0, 19.0, 14.0, 7.0]
	assert total_score(scores) == 49.0
