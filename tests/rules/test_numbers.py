"""Raw field values read as the numbers they stand for, or refused (issue 11:
no value is changed silently)."""

from decimal import Decimal

import pytest

from perf_budget.rules.numbers import (
	NOT_A_NUMBER,
	NOT_WHOLE,
	OUT_OF_RANGE,
	NumberRefused,
	RuleError,
	checked_number,
	to_decimal,
)
from perf_budget.rules.scoring import ScoringError

LIMIT = 10**9


@pytest.mark.parametrize(
	("raw", "number"),
	[
		(80, Decimal(80)),
		(80.25, Decimal("80.25")),
		("80.25", Decimal("80.25")),
		(" 12 ", Decimal(12)),
		("1,234.56", Decimal("1234.56")),  # the desk's number format
		("1,234,567", Decimal(1234567)),
		("1e5", Decimal(100000)),
		("１２３", Decimal(123)),  # full-width digits
		(Decimal("2.675"), Decimal("2.675")),
		(-5, Decimal(-5)),
		(LIMIT, Decimal(LIMIT)),
	],
)
def test_numbers_are_read_as_typed(raw, number):
	assert checked_number(raw, -LIMIT, LIMIT) == number


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_stays_empty(raw):
	assert checked_number(raw, 0, LIMIT) is None


@pytest.mark.parametrize(
	"raw",
	[
		"NaN",
		"nan",
		"Infinity",
		"-Infinity",
		"inf",
		float("nan"),
		float("inf"),
		float("-inf"),
		Decimal("NaN"),
		"一百万",
		"abc",
		"12abc",
		"1,2,3",  # commas not in thousands
		"12,34",
		"0x10",
		[1, 2],
		{"a": 1},
		True,
		False,
	],
)
def test_what_is_not_a_finite_number_is_refused(raw):
	with pytest.raises(NumberRefused) as refused:
		checked_number(raw, -LIMIT, LIMIT)
	assert refused.value.reason == NOT_A_NUMBER


@pytest.mark.parametrize(
	("raw", "low", "high"),
	[
		(1e308, 0, LIMIT),
		(1e20, 0, LIMIT),
		("1e26", 0, LIMIT),
		(LIMIT + 0.01, 0, LIMIT),
		(-0.01, 0, LIMIT),
		(101, 0, 100),
	],
)
def test_numbers_beyond_the_range_are_refused(raw, low, high):
	with pytest.raises(NumberRefused) as refused:
		checked_number(raw, low, high)
	assert refused.value.reason == OUT_OF_RANGE


def test_whole_numbers_refuse_fractions_only():
	assert checked_number("7", 0, 12, whole=True) == 7
	assert checked_number("7.0", 0, 12, whole=True) == 7
	assert checked_number(7.0, 0, 12, whole=True) == 7
	for raw in ("7.5", 7.5, "1,234.5"):
		with pytest.raises(NumberRefused) as refused:
			checked_number(raw, 0, 10**6, whole=True)
		assert refused.value.reason == NOT_WHOLE


def test_rule_errors_carry_their_message_key():
	with pytest.raises(RuleError) as error:
		to_decimal("abc")
	assert (error.value.message, error.value.args_) == ("{0} is not a number", ("abc",))
	assert issubclass(ScoringError, RuleError) and issubclass(RuleError, ValueError)
