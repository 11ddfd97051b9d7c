"""Monitoring warning lights, SPEC §4.3 (财预〔2019〕136号 双监控)."""

from datetime import date
from decimal import Decimal

import pytest

from perf_budget.rules.parameters import Rules
from perf_budget.rules.scoring import ScoringError
from perf_budget.rules.warnings import (
	DEVIATION_REASONS,
	execution_light,
	indicator_light,
	months_elapsed,
	requires_explanation,
	time_adjusted_execution,
	time_progress,
	worst_light,
)


@pytest.mark.parametrize(
	("budget", "executed", "months", "pace"),
	[
		(1_200_000, 490_000, 7, 70.0),  # January–July: 40.83 % spent of 58.33 % of the year
		(1_200_000, 700_000, 7, 100.0),
		(1_000_000, 349_965, 7, 59.99),
		(1_000_000, 350_000, 7, 60.0),
		(1_200_000, 1_200_000, 12, 100.0),
		(1_200_000, 600_000, 12, 50.0),
		(1_200_000, 300_000, 1, 300.0),
		(300, 100, 6, 66.67),
	],
)
def test_time_adjusted_execution(budget, executed, months, pace):
	assert time_adjusted_execution(budget, executed, months) == pace


def test_no_pace_without_budget_or_before_the_first_month():
	assert time_adjusted_execution(0, 0, 7) is None
	assert time_adjusted_execution(1_000, 100, 0) is None
	assert execution_light(0, 0, 7) is None
	assert execution_light(1_000, 100, 0) is None


@pytest.mark.parametrize(
	("as_of", "months", "progress"),
	[
		(date(2026, 7, 31), Decimal(7), 58.33),
		(date(2026, 12, 31), Decimal(12), 100.0),
		(date(2026, 1, 1), Decimal(1) / 31, 0.27),
		(date(2026, 7, 20), 6 + Decimal(20) / 31, 55.38),
		(date(2028, 2, 29), Decimal(2), 16.67),  # a leap year's February ends on the 29th
		(date(2026, 2, 14), 1 + Decimal(14) / 28, 12.5),
	],
)
def test_months_elapsed_count_the_days_of_a_month_not_yet_ended(as_of, months, progress):
	assert months_elapsed(as_of) == months
	assert time_progress(months_elapsed(as_of)) == progress


def test_the_pace_of_figures_to_a_day_within_the_month():
	# 55.00 of 100.00 paid to 20 July: 55 % against 55.38 % of the year -> 99.32, not 94.29 (55 / (7/12))
	assert time_adjusted_execution(100, 55, months_elapsed(date(2026, 7, 20))) == 99.32
	assert time_adjusted_execution(100, 55, months_elapsed(date(2026, 7, 31))) == 94.29


@pytest.mark.parametrize("months", [-1, 13, None, "July"])
def test_months_must_be_0_to_12(months):
	with pytest.raises(ScoringError) as error:
		time_adjusted_execution(1_000, 100, months)
	assert error.value.message == "Months elapsed must be between 0 and 12, it is {0}"


@pytest.mark.parametrize(
	("executed", "light"),
	[
		(349_965, "Red"),  # 59.99
		(350_000, "Yellow"),  # 60.00
		(466_608, "Yellow"),  # 79.99
		(466_667, "Green"),  # 80.00
		(1_000_000, "Green"),
	],
)
def test_execution_light_boundaries(executed, light):
	assert execution_light(1_000_000, executed, 7) == light


def test_execution_light_thresholds_follow_settings():
	assert execution_light(1_200_000, 600_000, 12, Rules(warning_red_below=50)) == "Yellow"


def test_impossible_is_red_whatever_the_figures():
	assert indicator_light(">=", 100, 90, 120, "Impossible") == "Red"
	assert indicator_light("Qualitative", None, None, None, "Impossible", "Achieved") == "Red"


@pytest.mark.parametrize(
	("progress", "light"),
	[("Achieved", "Green"), ("Partly", "Yellow"), ("Not Achieved", "Red"), (None, None)],
)
def test_qualitative_progress(progress, light):
	assert indicator_light("Qualitative", None, None, None, "Possible", progress) == light


@pytest.mark.parametrize(
	("operator", "target", "expected", "light"),
	[
		(">=", 100, 100, "Green"),
		(">=", 100, 130, "Green"),
		(">=", 100, 80, "Green"),
		(">=", 100, 79.99, "Yellow"),
		(">=", 100, 60, "Yellow"),
		(">=", 100, 59.99, "Red"),
		("<=", 100, 100, "Green"),
		("<=", 100, 120, "Green"),  # linear: 80 % of the weight
		("<=", 100, 125, "Yellow"),
		("<=", 100, 150, "Red"),
		("=", 0, 1, "Red"),
	],
)
def test_quantitative_expected_full_year_against_target(operator, target, expected, light):
	assert indicator_light(operator, target, 10, expected, "Possible") == light


def test_without_an_expectation_the_figure_so_far_is_used():
	assert indicator_light(">=", 100, 50, None, "Possible") == "Red"
	assert indicator_light(">=", 100, 50, "", None) == "Red"
	assert indicator_light(">=", 100, None, None, None) is None


def test_unknown_likelihood_or_progress_is_refused():
	with pytest.raises(ScoringError):
		indicator_light(">=", 100, 50, 90, "Maybe")
	with pytest.raises(ScoringError):
		indicator_light("Qualitative", None, None, None, None, "Half")


@pytest.mark.parametrize(
	("lights", "worst"),
	[
		(["Green", "Yellow", "Green"], "Yellow"),
		(["Green", None, "Red", "Yellow"], "Red"),
		(["Green"], "Green"),
		([None, None], None),
		([], None),
	],
)
def test_worst_light(lights, worst):
	assert worst_light(lights) == worst


def test_only_red_requires_an_explanation():
	assert [requires_explanation(light) for light in ("Red", "Yellow", "Green", None)] == [
		True,
		False,
		False,
		False,
	]


def test_deviation_reason_categories():
	assert DEVIATION_REASONS == ("Funding", "Rules", "Staffing", "Conditions", "Other")
