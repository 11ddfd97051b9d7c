"""Results application: next year's budget advice and deadlines (SPEC §4.5).

Bureau measures art. 24: problems are rectified within a deadline; no or
poor rectification leads to adjusting or cutting the budget, up to
cancelling the project. Grade-to-advice follows 财预〔2020〕10号 practice.
The advice is a recommendation a finance head confirms or overrides.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from perf_budget.rules.numbers import round_half_up, to_decimal
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import HUNDRED, ZERO, ScoringError

ACTIONS = ("Fund with Priority", "Fund as Needed", "Cut Budget", "Cancel or Suspend")

_ADVICE_BY_GRADE = {
	"Excellent": ("Fund with Priority", "Grade Excellent: fund the project with priority"),
	"Good": ("Fund as Needed", "Grade Good: fund the project as needed"),
	"Fair": ("Cut Budget", "Grade Fair: cut the project's budget"),
	"Poor": ("Cancel or Suspend", "Grade Poor: cancel or suspend the project"),
}
UNRECTIFIED_REASON = "Rectification not done or overdue: cut the project's budget"


@dataclass(frozen=True)
class Advice:
	action: str
	cut_percent: float
	reasons: list[str]


def budget_advice(grade: str, has_open_or_overdue_rectification: bool, rules: Rules | None = None) -> Advice:
	"""Recommended treatment of the project in next year's budget."""
	rules = rules or DEFAULT_RULES
	if grade not in _ADVICE_BY_GRADE:
		raise ScoringError("Unknown grade {0}", grade)
	action, reason = _ADVICE_BY_GRADE[grade]
	cut = {"Cut Budget": to_decimal(rules.fair_cut_percent), "Cancel or Suspend": HUNDRED}.get(action, ZERO)
	reasons = [reason]
	if has_open_or_overdue_rectification:
		# Art. 24: unrectified problems cut the budget on top of the grade.
		cut = min(HUNDRED, cut + to_decimal(rules.unrectified_cut_percent))
		reasons.append(UNRECTIFIED_REASON)
		if action in ("Fund with Priority", "Fund as Needed"):
			action = "Cut Budget"
	return Advice(action, float(cut), reasons)


def suggested_next_amount(current_amount: float, advice: Advice) -> float:
	"""This year's amount less the advised cut, half-up to 2 decimals."""
	kept = HUNDRED - to_decimal(advice.cut_percent)
	return round_half_up(to_decimal(current_amount) * kept / HUNDRED, 2)


@dataclass(frozen=True)
class Recommendation:
	action: str
	cut_percent: float
	amount: float  # next year's, 万元
	reasons: list[str]


def recommend(
	grade: str, current_amount: float, unresolved_rectifications: int, rules: Rules | None = None
) -> Recommendation:
	"""What the rules recommend for an evaluated project: the Budget Advice
	record asks here, the Budget Advice report (for a project without one yet)
	asks ``recommender``, the same rules."""
	return recommender(rules)(grade, current_amount, unresolved_rectifications)


def recommender(rules: Rules | None = None) -> Callable[[str, float, int], Recommendation]:
	"""``recommend`` for the thousands of projects of a report: the advice of
	each grade, with and without unrectified problems, is worked out once, and
	only the amount once per project."""
	advice_of = functools.cache(lambda grade, unrectified: budget_advice(grade, unrectified, rules))

	def recommend_one(grade: str, current_amount: float, unresolved_rectifications: int) -> Recommendation:
		advice = advice_of(grade, unresolved_rectifications > 0)
		return Recommendation(
			advice.action,
			advice.cut_percent,
			suggested_next_amount(current_amount, advice),
			list(advice.reasons),
		)

	return recommend_one


def results_notice_due(result_date: date, rules: Rules | None = None) -> date:
	"""Last day for finance to send results and requirements to the unit (default 20 days)."""
	return result_date + timedelta(days=(rules or DEFAULT_RULES).results_notice_days)


def rectification_due(notice_date: date, rules: Rules | None = None) -> date:
	"""Last day for the unit to submit rectification measures (default 30 days, art. 24)."""
	return notice_date + timedelta(days=(rules or DEFAULT_RULES).rectification_days)
