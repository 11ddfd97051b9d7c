"""Policy expenditure (art. 19): documents, term and expiry review before a goal leaves the unit."""

from datetime import date

import pytest

from perf_budget.rules.policy import (
	CONTINUE,
	CONTINUE_ADJUSTED,
	EXIT,
	POLICY,
	PROJECT,
	SPECIAL_FUND,
	check_policy,
	term_end_in_force,
)

YEAR = 2027
EXPIRED = "The policy term ended on {0}, before {1}: record an expiry review that continues it with a new term end in {1} or later."


def goal(**values):
	base = {
		"expenditure_type": POLICY,
		"documents": 1,
		"policy_term_start": date(2025, 1, 1),
		"policy_term_end": date(2027, 12, 31),
	}
	return {**base, **values}


def messages(found):
	return [(p.message, p.args) for p in found]


def test_a_project_has_no_policy_rule():
	assert check_policy({"expenditure_type": PROJECT}, YEAR) == []


def test_a_policy_within_its_term_passes():
	assert check_policy(goal(), YEAR) == []


@pytest.mark.parametrize("kind", [POLICY, SPECIAL_FUND])
def test_documents_and_term_are_needed(kind):
	found = check_policy(
		{"expenditure_type": kind, "documents": 0, "policy_term_start": None, "policy_term_end": None}, YEAR
	)
	assert [p.message for p in found] == [
		"Add the policy documents the expenditure rests on (title and number).",
		"Fill in the policy term (from and to).",
	]


def test_a_term_ending_before_it_starts_is_refused():
	found = check_policy(goal(policy_term_start=date(2027, 3, 1), policy_term_end=date(2027, 2, 28)), YEAR)
	assert messages(found) == [
		("The policy term ends on {0}, before it starts on {1}.", (date(2027, 2, 28), date(2027, 3, 1)))
	]


@pytest.mark.parametrize(
	("start", "refused"),
	[(date(2027, 12, 31), False), (date(2028, 1, 1), True)],
)
def test_the_term_must_start_by_the_end_of_the_year(start, refused):
	found = check_policy(goal(policy_term_start=start, policy_term_end=date(2029, 12, 31)), YEAR)
	assert bool(found) is refused


@pytest.mark.parametrize(
	("end", "refused"),
	[(date(2027, 1, 1), False), (date(2026, 12, 31), True)],
)
def test_the_term_end_boundary_is_the_first_day_of_the_year(end, refused):
	found = check_policy(goal(policy_term_end=end), YEAR)
	assert messages(found) == ([(EXPIRED, (date(2026, 12, 31), YEAR))] if refused else [])


@pytest.mark.parametrize(
	("new_end", "expected"),
	[
		(date(2027, 1, 1), []),
		(
			date(2026, 12, 31),
			[
				(
					"The expiry review extends the policy only to {0}: the new term end must reach into {1}.",
					(date(2026, 12, 31), YEAR),
				)
			],
		),
	],
)
def test_a_continuing_review_must_reach_into_the_year(new_end, expected):
	found = check_policy(
		goal(
			policy_term_end=date(2026, 6, 30),
			expiry_review_date=date(2026, 6, 1),
			expiry_review_conclusion=CONTINUE,
			expiry_new_term_end=new_end,
		),
		YEAR,
	)
	assert messages(found) == expected


@pytest.mark.parametrize("conclusion", [CONTINUE, CONTINUE_ADJUSTED])
def test_an_expired_policy_passes_after_a_continuing_review(conclusion):
	values = goal(
		policy_term_end=date(2026, 12, 31),
		expiry_review_date=date(2026, 11, 20),
		expiry_review_conclusion=conclusion,
		expiry_new_term_end=date(2029, 12, 31),
	)
	assert check_policy(values, YEAR) == []
	assert term_end_in_force(values) == date(2029, 12, 31)


def test_a_review_concluding_exit_blocks_filing_even_within_the_term():
	found = check_policy(
		goal(expiry_review_date=date(2026, 11, 20), expiry_review_conclusion=EXIT, expiry_new_term_end=None),
		YEAR,
	)
	assert messages(found) == [
		(
			"The expiry review concluded that the policy exits at expiry: it cannot be filed for {0}.",
			(YEAR,),
		)
	]


def test_a_review_without_a_date_or_new_end_is_incomplete():
	assert [p.message for p in check_policy(goal(expiry_review_conclusion=CONTINUE), YEAR)] == [
		"Fill in the date of the expiry review."
	]
	found = check_policy(goal(expiry_review_date=date(2026, 11, 20), expiry_review_conclusion=CONTINUE), YEAR)
	assert [p.message for p in found] == ["The expiry review continues the policy: fill in the new term end."]


@pytest.mark.parametrize(
	("new_end", "refused"),
	[(date(2027, 12, 31), True), (date(2028, 1, 1), False)],
)
def test_the_new_term_end_must_extend_the_term(new_end, refused):
	found = check_policy(
		goal(
			expiry_review_date=date(2027, 11, 1),
			expiry_review_conclusion=CONTINUE_ADJUSTED,
			expiry_new_term_end=new_end,
		),
		YEAR,
	)
	assert bool(found) is refused


def test_without_a_continuing_review_the_term_end_is_the_original():
	values = goal(expiry_review_conclusion=EXIT, expiry_new_term_end=date(2030, 1, 1))
	assert term_end_in_force(values) == date(2027, 12, 31)
