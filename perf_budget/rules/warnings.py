"""Monitoring warning lights (SPEC §4.3).

财预〔2019〕136号 asks for 双监控: money and goals watched together, deviations
explained and corrected (bureau measures art. 18). The light thresholds are
vendor practice and live in the settings.
"""

import calendar
from datetime import date
from decimal import Decimal

from perf_budget.rules.numbers import parse_number, round_half_up
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import (
	QUALITATIVE,
	ScoringError,
	checked_amounts,
	completion_percent,
)

LIGHTS = ("Green", "Yellow", "Red")
# 确定能 / 有可能 / 完全不可能 完成目标
LIKELIHOODS = ("Certain", "Possible", "Impossible")
# 偏差原因: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
DEVIATION_REASONS = ("Funding", "Rules", "Staffing", "Conditions", "Other")

_PROGRESS_LIGHT = {"Achieved": "Green", "Partly": "Yellow", "Not Achieved": "Red"}
_SEVERITY = {light: rank for rank, light in enumerate(LIGHTS)}


def time_adjusted_execution(budget: float, executed: float, months_elapsed: int) -> float | None:
	"""(executed ÷ budget) ÷ (months elapsed ÷ 12) × 100, half-up 2 decimals.

	None when there is nothing to measure: no budget (no money, so no light
	from money) or no month elapsed yet (no pace to compare against).
	"""
	budget_d, executed_d = checked_amounts(budget, executed)
	months = _months(months_elapsed)
	if budget_d == 0 or months == 0:
		return None
	return round_half_up(executed_d * 12 * 100 / (budget_d * months), 2)


def months_elapsed(as_of: date) -> Decimal:
	"""The months of the year behind figures "as of" a date: the months before
	its month, plus the share of its month's days up to and including it.
	A month end counts its whole month (2026-07-31 -> 7, as a 1–7月 monitoring
	round); figures to 2026-07-20 are paid over 6 + 20/31 months, not 7."""
	days = calendar.monthrange(as_of.year, as_of.month)[1]
	return as_of.month - 1 + Decimal(as_of.day) / days


def time_progress(months: Decimal | int) -> float:
	"""The share of the year elapsed, percent (months ÷ 12 × 100), half-up 2 decimals."""
	return round_half_up(Decimal(months) * 100 / 12, 2)


def execution_light(
	budget: float, executed: float, months_elapsed: int, rules: Rules | None = None
) -> str | None:
	"""Green / Yellow / Red for the money, or None when there is no pace to judge."""
	pace = time_adjusted_execution(budget, executed, months_elapsed)
	return None if pace is None else _light_for_percent(pace, rules or DEFAULT_RULES)


def indicator_light(
	operator: str,
	target: float | str | None,
	actual_to_date: float | str | None,
	expected_full_year: float | str | None,
	likelihood: str | None,
	qualitative_progress: str | None = None,
	rules: Rules | None = None,
) -> str | None:
	"""Light for one indicator; None while nothing has been reported.

	"Impossible" to meet is Red whatever the figures say. Qualitative
	progress maps achieved/partly/not achieved to Green/Yellow/Red. A
	quantitative indicator compares the expected full-year completion with
	the target using the execution thresholds; without an expectation, the
	figure reached so far is the only evidence and is used instead.
	"""
	if likelihood is not None and likelihood not in LIKELIHOODS:
		raise ScoringError("Unknown likelihood {0}", likelihood)
	if likelihood == "Impossible":
		return "Red"
	if operator == QUALITATIVE:
		return _progress_light(qualitative_progress)
	projected = expected_full_year if parse_number(expected_full_year) is not None else actual_to_date
	if parse_number(projected) is None:
		return None
	rules = rules or DEFAULT_RULES
	return _light_for_percent(completion_percent(operator, target, projected, rules), rules)


def worst_light(lights: list[str | None]) -> str | None:
	"""The most severe light (Red > Yellow > Green), ignoring None."""
	reported = [light for light in lights if light is not None]
	return max(reported, key=_SEVERITY.__getitem__) if reported else None


def requires_explanation(light: str | None) -> bool:
	"""Red needs a deviation reason and a corrective measure before submission (art. 18)."""
	return light == "Red"


def _light_for_percent(percent: float, rules: Rules) -> str:
	if percent < rules.warning_red_below:
		return "Red"
	if percent < rules.warning_yellow_below:
		return "Yellow"
	return "Green"


def _progress_light(progress: str | None) -> str | None:
	if progress is None:
		return None
	if progress not in _PROGRESS_LIGHT:
		raise ScoringError("Unknown qualitative progress {0}", progress)
	return _PROGRESS_LIGHT[progress]


def _months(months_elapsed: object) -> Decimal:
	months = parse_number(months_elapsed)
	if months is None or not 0 <= months <= 12:
		raise ScoringError("Months elapsed must be between 0 and 12, it is {0}", months_elapsed)
	return months
