"""Results application, SPEC §4.5 (bureau measures arts. 24–25)."""

from datetime import date

import pytest

from perf_budget.rules.advice import (
	Advice,
	Recommendation,
	budget_advice,
	recommend,
	recommender,
	rectification_due,
	results_notice_due,
	suggested_next_amount,
)
from perf_budget.rules.parameters import Rules
from perf_budget.rules.scoring import ScoringError

UNRECTIFIED = "Rectification not done or overdue: cut the project's budget"


@pytest.mark.parametrize(
	("grade", "action", "cut", "reason"),
	[
		("Excellent", "Fund with Priority", 0.0, "Grade Excellent: fund the project with priority"),
		("Good", "Fund as Needed", 0.0, "Grade Good: fund the project as needed"),
		("Fair", "Cut Budget", 10.0, "Grade Fair: cut the project's budget"),
		("Poor", "Cancel or Suspend", 100.0, "Grade Poor: cancel or suspend the project"),
	],
)
def test_grade_to_advice(grade, action, cut, reason):
	assert budget_advice(grade, False) == Advice(action, cut, [reason])


@pytest.mark.parametrize(
	("grade", "action", "cut"),
	[
		("Excellent", "Cut Budget", 10.0),
		("Good", "Cut Budget", 10.0),
		("Fair", "Cut Budget", 20.0),
		("Poor", "Cancel or Suspend", 100.0),  # never more than everything
	],
)
def test_unrectified_problems_add_a_cut(grade, action, cut):
	advice = budget_advice(grade, True)
	assert (advice.action, advice.cut_percent) == (action, cut)
	assert advice.reasons[-1] == UNRECTIFIED


def test_cut_percentages_follow_settings():
	rules = Rules(fair_cut_percent=15, unrectified_cut_percent=5)
	assert budget_advice("Fair", True, rules).cut_percent == 20.0
	assert budget_advice("Good", True, rules).cut_percent == 5.0


def test_unknown_grade_is_refused():
	with pytest.raises(ScoringError) as error:
		budget_advice("优", False)
	assert str(error.value) == "Unknown grade 优"


@pytest.mark.parametrize(
	("grade", "unrectified", "amount"),
	[
		("Excellent", False, 1_234_567.89),
		("Good", False, 1_234_567.89),
		("Fair", False, 1_111_111.1),  # 1 111 111.101 -> 2 decimals
		("Fair", True, 987_654.31),  # 987 654.312
		("Poor", False, 0.0),
	],
)
def test_suggested_next_amount(grade, unrectified, amount):
	assert suggested_next_amount(1_234_567.89, budget_advice(grade, unrectified)) == amount


def test_suggested_amount_rounds_half_up():
	# 0.05 × 90 % = 0.045 -> 0.05
	assert suggested_next_amount(0.05, budget_advice("Fair", False)) == 0.05


def test_recommendation_counts_unrectified_problems_and_gives_the_amount():
	assert recommend("Good", 200.0, 0) == Recommendation(
		"Fund as Needed", 0.0, 200.0, ["Grade Good: fund the project as needed"]
	)
	assert recommend("Good", 200.0, 2, Rules(unrectified_cut_percent=15)) == Recommendation(
		"Cut Budget", 15.0, 170.0, ["Grade Good: fund the project as needed", UNRECTIFIED]
	)


def test_due_dates():
	assert results_notice_due(date(2026, 3, 20)) == date(2026, 4, 9)
	assert rectification_due(date(2026, 4, 9)) == date(2026, 5, 9)
	assert rectification_due(date(2026, 12, 15)) == date(2027, 1, 14)
	rules = Rules(results_notice_days=15, rectification_days=60)
	assert results_notice_due(date(2026, 3, 20), rules) == date(2026, 4, 4)
	assert rectification_due(date(2026, 4, 4), rules) == date(2026, 6, 3)


@pytest.mark.parametrize("grade", ["Excellent", "Good", "Fair", "Poor"])
@pytest.mark.parametrize("unresolved", [0, 1, 3])
def test_a_reports_recommender_says_what_recommend_says(grade, unresolved):
	rules = Rules(fair_cut_percent=15, unrectified_cut_percent=5)
	recommend_one = recommender(rules)
	for amount in (0, 33.33, 1909.5, 2.675):
		assert recommend_one(grade, amount, unresolved) == recommend(grade, amount, unresolved, rules)


def test_a_reports_recommender_refuses_an_unknown_grade():
	with pytest.raises(ScoringError):
		recommender()("优", 10, 0)
