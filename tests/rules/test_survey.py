"""The satisfaction questionnaire (art. 22 (二)): answers as typed, valid
responses, satisfaction per question and overall (perf_budget/rules/survey.py)."""

import pytest

from perf_budget.rules.survey import (
	FIVE_LEVELS,
	NOT_AN_ANSWER,
	NOTHING_ANSWERED_REASON,
	SAME_RESPONDENT,
	SCALE_HINTS,
	THREE_LEVELS,
	NotAnAnswer,
	check_response,
	parse_answer,
	percent,
	tally,
)


@pytest.mark.parametrize(
	("typed", "number"),
	[
		("非常满意", 5),
		("很满意", 5),
		(" 满 意 ", 4),
		("比较满意", 4),
		("一般", 3),
		("基本满意", 3),
		("不满意", 2),
		("非常不满意", 1),
		("5", 5),
		("５", 5),
		(5, 5),
		(5.0, 5),
		("1", 1),
		("4.0", 4),
		(None, None),
		("", None),
		("  ", None),
	],
)
def test_five_level_answers_as_typed(typed, number):
	assert parse_answer(typed, FIVE_LEVELS) == number


@pytest.mark.parametrize("typed", ["满竟", "6", "0", "4.5", "-1", "yes", True, "5分"])
def test_what_is_not_an_answer(typed):
	with pytest.raises(NotAnAnswer):
		parse_answer(typed, FIVE_LEVELS)


def test_three_level_scale():
	assert [parse_answer(v, THREE_LEVELS) for v in ("满意", "一般", "不满意", "3", "1")] == [3, 2, 1, 3, 1]
	for typed in ("非常满意", "4"):
		with pytest.raises(NotAnAnswer):
			parse_answer(typed, THREE_LEVELS)


def test_a_response_with_a_typo_is_invalid_with_the_reason():
	response = check_response(["满意", "满竟", ""], [FIVE_LEVELS] * 3)
	assert not response.valid
	assert response.reasons == ((NOT_AN_ANSWER, (2, "满竟", SCALE_HINTS[FIVE_LEVELS])),)


def test_a_whole_blank_response_is_invalid():
	response = check_response([None, "", " "], [FIVE_LEVELS] * 3)
	assert response.reasons == ((NOTHING_ANSWERED_REASON, ()),)


def test_a_partly_blank_response_is_valid_and_blank_is_not_answered():
	response = check_response(["5", None, "一般"], [FIVE_LEVELS] * 3)
	assert response.valid and response.answers == (5, None, 3)


def test_tally_per_question_overall_and_counts():
	scales = [FIVE_LEVELS, FIVE_LEVELS]
	rows = [
		("1", ["非常满意", "满意"]),  # 2/2 satisfied -> satisfied
		("2", ["满意", "一般"]),  # 1/2 -> at least half: satisfied
		("3", ["一般", "不满意"]),  # 0/2 -> not satisfied
		("4", ["4", None]),  # 1/1 -> satisfied; question 2 not answered
		("5", [None, None]),  # invalid: nothing answered
		("6", ["满竟", "5"]),  # invalid: typo
		("1", ["5", "5"]),  # invalid: respondent 1 again
		(None, ["1", "2"]),  # valid, no number: not satisfied
	]
	result = tally(rows, scales)
	assert (len(result.responses), result.valid, result.invalid) == (8, 5, 3)
	assert result.responses[6].reasons == ((SAME_RESPONDENT, (1,)),)
	# question 1: answers 5,4,3,4,1 -> 3 of 5 = 60.00 %; question 2: 4,3,2,2 -> 1 of 4 = 25.00 %
	assert [(q.answered, q.satisfied, q.rate) for q in result.questions] == [(5, 3, 60.0), (4, 1, 25.0)]
	assert result.satisfied_respondents == 3
	assert result.overall == 60.0
	assert result.rate_of([0, 1]) == pytest.approx(44.44)  # 4 of 9


def test_rates_round_half_up_to_two_decimals():
	assert percent(2, 3) == 66.67
	assert percent(1, 3) == 33.33
	assert percent(1, 8) == 12.5
	assert percent(1, 160) == 0.63  # 0.625 exactly: half-up, not to even
	assert percent(0, 0) is None


def test_no_valid_response_gives_no_figure():
	result = tally([("1", ["", ""])], [FIVE_LEVELS, FIVE_LEVELS])
	assert result.valid == 0 and result.overall is None
	assert [q.rate for q in result.questions] == [None, None]


def test_three_level_satisfied_is_manyi():
	result = tally([("1", ["满意"]), ("2", ["一般"])], [THREE_LEVELS])
	assert result.questions[0].rate == 50.0
	assert result.overall == 50.0
