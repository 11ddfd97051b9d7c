"""Policy expenditure (art. 19: 凡年度预算安排财政项目和政策支出，均列入绩效自评范围).

A policy (政策支出) — and a special fund (专项资金), which rests on its own
management measures and runs for a set term just the same — differs from a
project by the documents it rests on (依据文件), its term (实施期限) and the
expiry review (到期评估) due when the term ends. ``check_policy`` says what
stops such a goal leaving the unit for its year; no Frappe here.

The term covers year Y when it ends on or after Y-01-01 (a policy that runs
into the year is filed for it). A term that ended before Y needs an expiry
review that concludes to continue with a new term end reaching into Y; a
review that concludes 到期退出 stops the filing whatever the dates.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

PROJECT = "Project Expenditure"
POLICY = "Policy Expenditure"
SPECIAL_FUND = "Special Fund"
EXPENDITURE_TYPES = (PROJECT, POLICY, SPECIAL_FUND)
# The types that carry documents, a term and an expiry review.
TERMED_TYPES = (POLICY, SPECIAL_FUND)

CONTINUE = "Continue the Policy"
CONTINUE_ADJUSTED = "Continue with Adjustment"
EXIT = "Exit at Expiry"
CONCLUSIONS = (CONTINUE, CONTINUE_ADJUSTED, EXIT)
CONTINUING = (CONTINUE, CONTINUE_ADJUSTED)

# The fields a goal carries for a termed type (copied to next year's goal with the documents).
POLICY_FIELDS = (
	"policy_term_start",
	"policy_term_end",
	"expiry_review_date",
	"expiry_review_conclusion",
	"expiry_review_opinion",
	"expiry_new_term_end",
	"expiry_review_attachment",
)


@dataclass(frozen=True)
class PolicyProblem:
	"""``_(message).format(*args)`` is what the user reads."""

	message: str
	args: tuple = ()


def is_termed(expenditure_type: str | None) -> bool:
	return expenditure_type in TERMED_TYPES


def term_end_in_force(goal: Mapping) -> date | None:
	"""The term end that counts: the review's new end when it concludes to continue."""
	if goal.get("expiry_review_conclusion") in CONTINUING and goal.get("expiry_new_term_end"):
		return goal["expiry_new_term_end"]
	return goal.get("policy_term_end")


def check_policy(goal: Mapping, year: int) -> list[PolicyProblem]:
	"""What must be filled in before a goal of ``year`` leaves the unit.

	``goal`` holds expenditure_type, documents (the number of 依据文件 rows) and
	the fields of ``POLICY_FIELDS`` as dates/strings (None when empty)."""
	if not is_termed(goal.get("expenditure_type")):
		return []
	problems = []
	if not goal.get("documents"):
		problems.append(
			PolicyProblem("Add the policy documents the expenditure rests on (title and number).")
		)
	start, end = goal.get("policy_term_start"), goal.get("policy_term_end")
	if not (start and end):
		problems.append(PolicyProblem("Fill in the policy term (from and to)."))
		return problems
	if end < start:
		problems.append(PolicyProblem("The policy term ends on {0}, before it starts on {1}.", (end, start)))
		return problems
	first_day, last_day = date(year, 1, 1), date(year, 12, 31)
	if start > last_day:
		problems.append(PolicyProblem("The policy term starts on {0}, after the year {1}.", (start, year)))
	return problems + _review_problems(goal, end, first_day, year)


def _review_problems(goal: Mapping, end: date, first_day: date, year: int) -> list[PolicyProblem]:
	conclusion = goal.get("expiry_review_conclusion")
	if conclusion and not goal.get("expiry_review_date"):
		return [PolicyProblem("Fill in the date of the expiry review.")]
	if conclusion == EXIT:
		return [
			PolicyProblem(
				"The expiry review concluded that the policy exits at expiry: it cannot be filed for {0}.",
				(year,),
			)
		]
	new_end = goal.get("expiry_new_term_end")
	if conclusion in CONTINUING:
		if not new_end:
			return [PolicyProblem("The expiry review continues the policy: fill in the new term end.")]
		if new_end <= end:
			return [PolicyProblem("The new term end {0} must be after the term end {1}.", (new_end, end))]
	if end >= first_day:
		return []
	if conclusion not in CONTINUING:
		return [
			PolicyProblem(
				"The policy term ended on {0}, before {1}: record an expiry review that continues it with a new term end in {1} or later.",
				(end, year),
			)
		]
	if new_end < first_day:
		return [
			PolicyProblem(
				"The expiry review extends the policy only to {0}: the new term end must reach into {1}.",
				(new_end, year),
			)
		]
	return []
