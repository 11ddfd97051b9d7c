"""rules/external.py: the finance bureau's evaluations — score checked, graded
by the settings, the gap to the self-score, which result wins."""

from datetime import date

import pytest

from perf_budget.rules import external
from perf_budget.rules.external import ExternalError, Received
from perf_budget.rules.parameters import DEFAULT_RULES, Rules


def rules(**values) -> Rules:
	return Rules(**{**DEFAULT_RULES.__dict__, **values})


@pytest.mark.parametrize(
	("score", "expected"), [(0, 0.0), ("81", 81.0), ("81.5", 81.5), (81.25, 81.25), (100, 100.0)]
)
def test_a_score_is_kept_exactly(score, expected):
	assert external.checked_score(score) == expected


@pytest.mark.parametrize("score", ["NaN", "inf", "八十一", "", None, [], True])
def test_a_score_that_is_not_a_number_is_refused(score):
	with pytest.raises(ExternalError, match="must be a number"):
		external.checked_score(score)


@pytest.mark.parametrize("score", [-0.01, 100.01, "1e3"])
def test_a_score_outside_0_to_100_is_refused(score):
	with pytest.raises(ExternalError, match="from 0 to 100"):
		external.checked_score(score)


def test_a_score_with_more_decimals_than_the_settings_is_refused_not_rounded():
	with pytest.raises(ExternalError, match="more than 2 decimals"):
		external.checked_score("81.005")
	with pytest.raises(ExternalError, match="more than 1 decimals"):
		external.checked_score("81.25", rules(score_precision=1))
	assert external.checked_score("81.2", rules(score_precision=1)) == 81.2
	assert external.checked_score("81.0", rules(score_precision=0)) == 81.0


@pytest.mark.parametrize(
	("score", "grade"),
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
def test_the_grade_follows_the_settings_thresholds(score, grade):
	assert external.grade(score) == grade


def test_the_grade_follows_changed_thresholds():
	strict = rules(excellent_min=95, good_min=85, fair_min=70)
	assert [external.grade(s, strict) for s in (95, 94.99, 85, 70, 69.99)] == [
		"Excellent",
		"Good",
		"Good",
		"Fair",
		"Poor",
	]


def test_the_gap_is_the_self_score_less_the_external_one_exactly():
	assert external.score_gap(92.5, 81) == 11.5
	assert external.score_gap("92.50", "58.00") == 34.5
	assert external.score_gap(70.1, 70.2) == -0.1  # not -0.10000000000000853
	assert external.score_gap(80, 80) == 0


def test_the_latest_received_wins_and_the_later_made_of_one_day():
	early = Received("EE-1", "Review of Self-Evaluation", 81, "Good", date(2026, 9, 1), "2026-09-01 10:00")
	late = Received("EE-2", "Spot Check", 58, "Poor", date(2026, 10, 1), "2026-09-02 09:00")
	same_day = Received("EE-3", "Finance Evaluation", 70, "Fair", date(2026, 10, 1), "2026-10-01 08:00")
	assert external.latest([late, early]) == late
	assert external.latest([early, same_day, late]) == same_day
	assert external.latest([]) is None


def test_an_external_result_decides_over_the_self_evaluation():
	result = external.deciding_result(92.5, "Excellent", "Review of Self-Evaluation", 58, "Poor", "EE-1")
	assert result == external.Result("Review of Self-Evaluation", 58.0, "Poor", "EE-1")
	assert external.deciding_result(92.5, "Excellent", None, None, None) == external.Result(
		external.SELF, 92.5, "Excellent"
	)
	assert external.deciding_result(0, None, None, None, None) is None


def test_the_basis_and_the_comparison_as_shown():
	assert external.basis("复核", 58, 2) == "复核 58.00"
	assert external.basis("复核", 58, 0) == "复核 58"
	assert external.comparison(92.5, "复核", 81, 11.5, 2) == ("92.50", "复核 81.00", "11.50")
	assert external.comparison(92.5, "复核", 81, 11.5, 1) == ("92.5", "复核 81.0", "11.5")


@pytest.mark.parametrize(
	("kind", "evaluator", "institution", "message"),
	[
		("Third-Party Evaluation", "City Finance Bureau", None, "made by a third-party institution"),
		("Key Evaluation", "Third-Party Institution", None, "Choose the third-party institution"),
		("Spot Check", "City Finance Bureau", "某机构", "clear the institution"),
		("Audit", "City Finance Bureau", None, "Unknown kind"),
		("Spot Check", "Auditor", None, "Unknown evaluator"),
	],
)
def test_who_evaluated_must_fit_the_kind(kind, evaluator, institution, message):
	with pytest.raises(ExternalError, match=message):
		external.check_evaluator(kind, evaluator, institution)


def test_an_evaluator_that_fits_passes():
	external.check_evaluator("Third-Party Evaluation", "Third-Party Institution", "某机构")
	external.check_evaluator("Key Evaluation", "Third-Party Institution", "某机构")
	external.check_evaluator("Review of Self-Evaluation", "City Finance Bureau", None)


@pytest.mark.parametrize("code", ["91110000MA01ABCD2X", "12100000400000624D", " 91440300MA5F8K2Q7X "])
def test_a_unified_social_credit_code(code):
	assert external.credit_code_problem(code) is None


@pytest.mark.parametrize(
	"code", ["", None, "91110000MA01ABCD2", "91110000MA01ABCD2XX", "91110000ma01abcd2x", "91110000MA01ABCDOX"]
)
def test_not_a_unified_social_credit_code(code):
	assert "18 digits and capital letters" in external.credit_code_problem(code)
