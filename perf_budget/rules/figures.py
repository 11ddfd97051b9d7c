"""How figures read on paper and on screen (issue 12, SPEC §6).

Amounts in 万元 with two decimals and thousands separators ("1,909.50"),
rates with two decimals and % ("45.00%"), scores and points at the precision
of Perf Budget Settings ("86.50", "50.00"). A figure that is not there is
"—", never 0.
"""

from decimal import ROUND_HALF_UP, Decimal

from perf_budget.rules.numbers import parse_number

MISSING = "—"


def fixed(value: object, decimals: int, separators: bool = True) -> str:
	"""``value`` rounded half-up to ``decimals`` (1909.5 -> "1,909.50"); "—" when missing."""
	number = parse_number(value)
	if number is None:
		return MISSING
	rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
	if rounded == 0:
		rounded = abs(rounded)  # never "-0.00"
	return f"{rounded:,.{decimals}f}" if separators else f"{rounded:.{decimals}f}"


def amount(value: object) -> str:
	"""An amount in 万元: "1,909.50"."""
	return fixed(value, 2)


def rate(value: object) -> str:
	"""A rate in percent: 45 -> "45.00%"."""
	shown = fixed(value, 2)
	return shown if shown == MISSING else f"{shown}%"


def average(value: object) -> str:
	"""A mean of scores: two decimals, "86.33"."""
	return fixed(value, 2, separators=False)


def score(value: object, precision: int = 2) -> str:
	"""A score or its points (分值) at the settings' precision: 86.5 -> "86.50", 50 -> "50.00"."""
	return fixed(value, precision, separators=False)
