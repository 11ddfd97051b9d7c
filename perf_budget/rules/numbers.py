"""Exact decimal arithmetic shared by the rule modules.

Scores are added up and compared with band limits, so binary floats
(2.675 stored as 2.67499…) would round the wrong way; every rule works in
``Decimal`` built from the value's decimal text and rounds half-up
(四舍五入), the way published evaluation tables are rounded.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def to_decimal(value: float | int | str | Decimal) -> Decimal:
	"""The exact decimal a user typed, e.g. 2.675 -> Decimal("2.675").

	Raises ValueError for anything that is not a finite number.
	"""
	number = parse_number(value)
	if number is None:
		raise ValueError(f"not a number: {value!r}")
	return number


def parse_number(value: object) -> Decimal | None:
	"""The value as a finite Decimal, or None when it is empty or not a number."""
	if value is None or isinstance(value, bool):
		return None
	try:
		number = Decimal(str(value).strip())
	except InvalidOperation:
		return None
	return number if number.is_finite() else None


def round_half_up(value: Decimal, digits: int) -> float:
	"""``value`` rounded half-up to ``digits`` decimals, e.g. 2.675 -> 2.68."""
	return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
