"""An indicator's fields and its target as shown (no Frappe import).

A goal's indicator is copied into its monitoring and its self-evaluation, and
its 指标值 is shown on the desk, in the print formats and on the official Excel
forms: ">=" 500 人次 -> "≥500人次".
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perf_budget.rules.numbers import parse_number
from perf_budget.rules.scoring import QUALITATIVE

# An indicator and its target: what monitoring copies from the goal, and a medium-term row.
TARGET_KEYS = ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")
# A goal's annual indicator as set: what a self-evaluation copies from the goal.
GOAL_INDICATOR_KEYS = (*TARGET_KEYS, "weight", "evaluation_standard")

# Stored operator -> the sign printed in 指标值, e.g. ">=" 500 -> "≥500".
OPERATOR_SIGNS = {">=": "≥", ">": ">", "=": "=", "<": "<", "<=": "≤"}
# 指标值 of a qualitative indicator on the official forms: "定性：按期完成".
QUALITATIVE_PREFIX = "定性"


def format_target(operator: str | None, target_value: Any, target_text: str | None) -> str | None:
	"""指标值 as the official forms print it: ">=" 500 -> "≥500", Qualitative "按期完成" -> "定性：按期完成"."""
	if operator == QUALITATIVE:
		return f"{QUALITATIVE_PREFIX}：{target_text or ''}"
	number = parse_number(target_value)
	if operator in OPERATOR_SIGNS and number is not None:
		return OPERATOR_SIGNS[operator] + plain_number(number)
	return target_text or (None if number is None else plain_number(number))


def format_target_with_unit(indicator: Mapping) -> str | None:
	"""The printed 指标值 with its unit after the number: "≥500人次", "≥95%"."""
	shown = format_target(
		indicator.get("operator"), indicator.get("target_value"), indicator.get("target_text")
	)
	unit = _text(indicator.get("unit"))
	quantitative = indicator.get("operator") in OPERATOR_SIGNS
	if shown and unit and quantitative and parse_number(indicator.get("target_value")) is not None:
		return shown + unit
	return shown


def target_display(row: Mapping) -> str:
	"""年度指标值 as a monitoring or self-evaluation row shows it on the desk: ≥500人次,
	or a qualitative target's own text without the forms' 定性： prefix."""
	if row.get("operator") == QUALITATIVE:
		return row.get("target_text") or ""
	text = format_target(row.get("operator"), row.get("target_value"), row.get("target_text")) or ""
	return f"{text}{row.get('unit') or ''}"


def plain_number(number: Decimal) -> str:
	"""500.0 -> "500", 0.950 -> "0.95"; never exponent notation."""
	text = format(number.normalize(), "f")
	return "0" if text in ("-0", "") else text


def _text(value: Any) -> str | None:
	"""A stored or typed unit without the spaces around it; None when blank."""
	text = "" if value is None else str(value).replace("\r\n", "\n").strip(" \n\r\u3000")
	return text if text.strip() else None
