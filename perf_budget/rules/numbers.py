"""Exact decimal arithmetic shared by the rule modules.

Scores are added up and compared with band limits, so binary floats
(2.675 stored as 2.67499…) would round the wrong way; every rule works in
``Decimal`` built from the value's decimal text and rounds half-up
(四舍五入), the way published evaluation tables are rounded.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Why a raw value is refused (``checked_number``).
NOT_A_NUMBER = "not a number"
NOT_WHOLE = "not a whole number"
OUT_OF_RANGE = "out of range"

# 1,234,567.89 as the desk's number format writes it; any other comma is not a number.
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d\d\d)+(\.\d*)?")


class RuleError(ValueError):
	"""A value the rules cannot work with; ``message`` is an English key with
	{0}… placeholders. The Frappe side shows ``_(error.message).format(*error.args_)``."""

	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message.format(*args))
		self.message = message
		self.args_ = args


class NumberRefused(ValueError):
	def __init__(self, reason: str) -> None:
		super().__init__(reason)
		self.reason = reason


def to_decimal(value: float | int | str | Decimal) -> Decimal:
	"""The exact decimal a user typed, e.g. 2.675 -> Decimal("2.675").

	Raises RuleError for anything that is not a finite number.
	"""
	number = parse_number(value)
	if number is None:
		raise RuleError("{0} is not a number", value)
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


def checked_number(
	value: object, low: Decimal | int, high: Decimal | int, whole: bool = False
) -> Decimal | None:
	"""The number a raw field value stands for, within [low, high]; None when
	it is empty. Raises NumberRefused with the reason otherwise.

	Not a number: NaN, ±Infinity, words ("一百万", "abc"), lists, true/false —
	Frappe would store each of them as 0 without a word.
	"""
	if isinstance(value, str):
		value = value.strip()
		if THOUSANDS.fullmatch(value):
			value = value.replace(",", "")
	if value is None or value == "":
		return None
	if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
		raise NumberRefused(NOT_A_NUMBER)
	try:
		number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
	except (InvalidOperation, ValueError):
		raise NumberRefused(NOT_A_NUMBER) from None
	if not number.is_finite():
		raise NumberRefused(NOT_A_NUMBER)
	if whole and number != number.to_integral_value():
		raise NumberRefused(NOT_WHOLE)
	if not low <= number <= high:
		raise NumberRefused(OUT_OF_RANGE)
	return number
