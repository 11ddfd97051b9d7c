"""Cell values read the way the people who typed them meant them.

Every official form is filled by hand: "1234.56万元", "12,345,600元", "—"
for an empty fund row, "20分", "产出指标(50分)", "90%以上", "不低于90%",
a cell Excel formats as a percentage (0.93 shown as 93%), √ in one of three
likelihood columns. Each reader here turns one such value into what the
record stores, or raises ``CellError`` with what was found and what to write
instead. Nothing is guessed: a value that could mean two things is refused.

The readers take the raw cell value plus ``percent_cell`` (Excel shows the
number as a percentage, so the stored value is the fraction).
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perf_budget.excel import vocabulary as words
from perf_budget.excel.layout import (
	NEGATIVE,
	NOT_A_CHOICE,
	NOT_A_NUMBER,
	CellError,
	as_text,
	compact,
	fold,
	is_blank,
	quote_value,
)
from perf_budget.rules.numbers import parse_number

# What people write in a cell that has nothing to say.
EMPTY_WORDS = ("—", "-", "/", "无", "－", "——", "--", "\\", "N/A", "n/a")
# What a likelihood column holds to say "not this one" beside a ticked column.
_NO_MARKS = {compact(word) for word in ("×", "x", "否", "0", "✗", "✘")}
# Amounts beyond this many 万元 are typing slips (a city's whole budget is far below).
MAX_AMOUNT = Decimal("1e9")

AMOUNT_TOO_LARGE = "{0} {1} is larger than {2} 万元; amounts are in 万元"
NOT_AN_AMOUNT = "{0} must be an amount in 万元 such as 1234.56 or 1234.56万元, not {1}"
NOT_A_SCORE = "{0} must be a score such as 20 or 20分, not {1}"
NOT_A_PERCENT = "{0} must be a percentage such as 93.50%, not {1}"
TARGET_NOT_A_NUMBER = "{0} {1}: the value after {2} must be a number"
TARGET_TEXT_MISSING = "{0} {1}: write the qualitative target after {2}"
TARGET_UNIT_DIFFERS = "{0} {1}: the unit {2} differs from the unit column {3}"
ACTUAL_UNIT_DIFFERS = "{0} {1}: the unit {2} differs from the unit {3} of the annual target"
FRACTION_OF_PERCENT = "{0} {1} is ambiguous for a target in %: write {2}% if that is what was reached, or format the cell as a percentage"
RESULT_UNKNOWN = (
	"{0} {1}: a qualitative result starts with one of {2}, optionally followed by ： and a description"
)
MESSAGES = (
	AMOUNT_TOO_LARGE,
	NOT_AN_AMOUNT,
	NOT_A_SCORE,
	NOT_A_PERCENT,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	TARGET_UNIT_DIFFERS,
	ACTUAL_UNIT_DIFFERS,
	FRACTION_OF_PERCENT,
	RESULT_UNKNOWN,
)

_NUMBER = r"[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)"
_NUMBER_THEN_REST = re.compile(rf"({_NUMBER})\s*(.*)", re.S)


def is_empty(raw: Any) -> bool:
	"""Blank, or a dash / slash / 无 standing for nothing."""
	return is_blank(raw) or (isinstance(raw, str) and compact(raw) in {compact(w) for w in EMPTY_WORDS})


def _is_number(raw: Any) -> bool:
	return isinstance(raw, int | float) and not isinstance(raw, bool)


def _clean(text: str) -> str:
	"""Folded, without thousands separators and spaces: "１，２３４．５ 万元" -> "1234.5万元"."""
	return re.sub(r"[,，\s]", "", fold(text))


def _finite(raw: Any) -> Decimal | None:
	"""A number cell as a finite Decimal (None for text, NaN and infinities)."""
	return parse_number(raw) if _is_number(raw) else None


# ---------------------------------------------------------------- amounts and scores


def read_amount(raw: Any) -> Decimal | None:
	"""An amount in 万元: 1234.56, "1,234.56", "1234.56万元", "12345600元" (converted), "—" -> None.

	Raises CellError (args after the caption) for text, a negative amount or
	an amount no bureau has.
	"""
	if is_empty(raw):
		return None
	number = _finite(raw)
	if number is None and isinstance(raw, str):
		text = _clean(raw)
		match = re.fullmatch(rf"({_NUMBER})(万元|万|元)?", text)
		if match:
			number = parse_number(match.group(1).replace(",", ""))
			if number is not None and match.group(2) == "元":
				number = number / Decimal(10000)
	if number is None:
		raise CellError(NOT_AN_AMOUNT, quote_value(raw))
	if number < 0:
		raise CellError(NEGATIVE)
	if number > MAX_AMOUNT:
		raise CellError(AMOUNT_TOO_LARGE, quote_value(raw), f"{MAX_AMOUNT:,.0f}")
	return number


def read_score(raw: Any) -> Decimal | None:
	"""A score or weight: 20, "20", "20分", "—" -> None; never negative."""
	if is_empty(raw):
		return None
	number = _finite(raw)
	if number is None and isinstance(raw, str):
		match = re.fullmatch(rf"({_NUMBER})分?", _clean(raw))
		number = parse_number(match.group(1)) if match else None
	if number is None:
		raise CellError(NOT_A_SCORE, quote_value(raw))
	if number < 0:
		raise CellError(NEGATIVE)
	return number


def read_percent(raw: Any, percent_cell: bool = False) -> Decimal | None:
	"""A rate as a percent figure: "93.5%" or 93.5 -> 93.5; a percentage cell 0.935 -> 93.5.

	A plain number at most 1 is read as Excel's fraction (0.93 -> 93): rates
	in these forms are written as percentages, and a rate under 1 % is typed
	"0.5%". The caller cross-checks the rate against the amounts.
	"""
	if is_empty(raw):
		return None
	number = _finite(raw)
	if number is not None:
		if percent_cell or abs(number) <= 1:
			number = number * 100
	elif isinstance(raw, str):
		number = parse_number(_clean(raw).removesuffix("%").removesuffix("％"))
	if number is None:
		raise CellError(NOT_A_PERCENT, quote_value(raw))
	if number < 0:
		raise CellError(NEGATIVE)
	return number


# ---------------------------------------------------------------- words


def read_choice(raw: Any, options: Mapping[Any, str], aliases: Mapping[str, Any] | None = None) -> Any:
	"""A select value from its shown word, its stored value or an alias; "—" -> None."""
	if is_empty(raw):
		return None
	word = compact(raw)
	for stored, shown in options.items():
		if word in (compact(shown), compact(str(stored))):
			return stored
	for alias, stored in (aliases or {}).items():
		if word == compact(alias):
			return stored
	raise CellError(NOT_A_CHOICE, "、".join(options.values()), quote_value(raw))


# "产出指标(50分)", "产出指标（50分）", "一、产出指标": the points and numbering are decoration.
_LEVEL_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])")


def read_level(raw: Any, options: Mapping[str, str], aliases: Mapping[str, str]) -> str | None:
	if is_empty(raw):
		return None
	text = _NUMBERING.sub("", _LEVEL_POINTS.sub("", fold(str(raw)).strip())).strip()
	try:
		return read_choice(text, options, aliases)
	except CellError:
		raise CellError(NOT_A_CHOICE, "、".join(options.values()), quote_value(raw)) from None


def ticked(cells: list[Any]) -> list[int]:
	"""Which of a row's tick columns (完成目标可能性) are marked.

	√, ✓, 是 or a word mark a column; ×, x and 否 say "not this one" when
	another column is marked, and are the mark when they are the only one
	(people tick with an x too). Blank, — and / are never marks.
	"""
	filled = [number for number, raw in enumerate(cells) if not is_empty(raw)]
	positive = [number for number in filled if compact(cells[number]) not in _NO_MARKS]
	return positive or (filled if len(filled) == 1 else [])


# ---------------------------------------------------------------- targets

# Words around a number that say how it compares, longest first so "不低于"
# is not read as "低于". Full-width signs are folded to these by NFKC.
_BEFORE = sorted(
	{
		">=": ">=",
		"≥": ">=",
		"≧": ">=",
		"不低于": ">=",
		"不少于": ">=",
		"不小于": ">=",
		"大于等于": ">=",
		"大于或等于": ">=",
		"至少": ">=",
		"<=": "<=",
		"≤": "<=",
		"≦": "<=",
		"不高于": "<=",
		"不超过": "<=",
		"不多于": "<=",
		"不大于": "<=",
		"小于等于": "<=",
		"小于或等于": "<=",
		"控制在": "<=",
		"至多": "<=",
		">": ">",
		"高于": ">",
		"大于": ">",
		"超过": ">",
		"多于": ">",
		"<": "<",
		"低于": "<",
		"小于": "<",
		"少于": "<",
		"=": "=",
		"等于": "=",
		"达到": ">=",
	}.items(),
	key=lambda item: len(item[0]),
	reverse=True,
)
_AFTER = sorted(
	{"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<="}.items(),
	key=lambda item: len(item[0]),
	reverse=True,
)
_SYMBOLS = (">=", "≥", "≧", "<=", "≤", "≦", ">", "<", "=")
_QUALITATIVE_START = re.compile(rf"\s*{words.QUALITATIVE_PREFIX}\s*[:：]?\s*", re.S)


def read_target(
	raw: Any, unit: str | None, percent_cell: bool = False
) -> tuple[str, float | None, str | None, str | None] | None:
	"""指标值 -> (operator, target_value, target_text, unit).

	"≥500", "≥500人" (a unit written with the number fills an empty unit
	column and must match a filled one), "90%以上", "不低于90%", "≤5%",
	"100%" (unit %), a percentage cell (1 shown as 100% -> 100, unit %), a
	bare number ("=", scored like "≥" for a positive target), "定性：按期完成"
	and any other text (qualitative). Raises CellError (args after the caption).
	"""
	unit = as_text(unit)
	if is_empty(raw):
		return None
	if _is_number(raw):
		number = Decimal(str(raw))
		if percent_cell:
			return "=", float(number * 100), None, _same_unit(str(raw), "%", unit)
		return "=", float(number), None, unit
	text = as_text(raw) or ""
	qualitative = _QUALITATIVE_START.match(text)
	if qualitative:
		rest = text[qualitative.end() :].strip()
		if not rest:
			raise CellError(TARGET_TEXT_MISSING, quote_value(text), words.QUALITATIVE_PREFIX)
		return words.QUALITATIVE, None, rest, unit
	folded = _clean(text)
	operator, body = _sign_before(folded)
	body, after = _sign_after(body)
	if operator and after and operator != after:
		return words.QUALITATIVE, None, text, unit  # "不低于90%以下" says nothing a rule can score
	operator = operator or after
	match = _NUMBER_THEN_REST.fullmatch(body)
	sign = folded[: len(folded) - len(body)]
	if operator and not match and (sign in _SYMBOLS or not body):
		# "≥良好" or a bare "不低于": a sign promises a number; "达到国家标准" is a qualitative target.
		raise CellError(TARGET_NOT_A_NUMBER, quote_value(text), sign or folded)
	if not match:
		return words.QUALITATIVE, None, text, unit
	suffix = match.group(2)
	if not operator and suffix and not _is_unit(suffix, unit):
		if _is_unit(suffix, None):  # "120米" beside the unit column 公里
			raise CellError(TARGET_UNIT_DIFFERS, quote_value(text), suffix, unit)
		# "100%完成" is a sentence, a qualitative target.
		return words.QUALITATIVE, None, text, unit
	number = float(Decimal(match.group(1).replace(",", "")))
	return operator or "=", number, None, _same_unit(text, suffix, unit)


# A unit written after a number: short, no digits, none of the words that make a sentence.
_UNIT = re.compile(r"[%‰℃°a-zA-Z\u4e00-\u9fff/²³·㎡㎞]{1,6}")
_NOT_A_UNIT = ("完成", "达到", "左右", "以上", "以下", "以内", "及", "约", "到位", "提高", "降低", "增长")


def _is_unit(suffix: str, unit: str | None) -> bool:
	if unit and compact(suffix) == compact(unit):
		return True
	if not is_blank(unit):
		return False
	if "%" in suffix and suffix != "%":
		return False
	return bool(_UNIT.fullmatch(suffix)) and not any(word in suffix for word in _NOT_A_UNIT)


def _sign_before(text: str) -> tuple[str | None, str]:
	for word, operator in _BEFORE:
		if text.startswith(word):
			return operator, text[len(word) :]
	return None, text


def _sign_after(text: str) -> tuple[str, str | None]:
	for word, operator in _AFTER:
		if text.endswith(word):
			return text[: -len(word)], operator
	return text, None


def _same_unit(text: str, suffix: str, unit: str | None) -> str | None:
	"""The unit written after a number fills an empty unit column and must match a filled one."""
	suffix = (suffix or "").strip()
	if not suffix:
		return unit
	if is_blank(unit):
		return suffix
	if compact(suffix) != compact(unit):
		raise CellError(TARGET_UNIT_DIFFERS, quote_value(text), suffix, unit)
	return unit


# ---------------------------------------------------------------- results


def read_quantity(
	raw: Any, unit: str | None, target: float | None, percent_cell: bool = False
) -> float | None:
	"""An actual or expected figure of a quantitative indicator: 480, "480人次", "93%", a percentage cell.

	For an indicator in % whose target is above 1, a plain 0.93 could be 93 %
	or 0.93 %: refused with what to write (SPEC: nothing is guessed).
	"""
	if is_empty(raw):
		return None
	in_percent = compact(unit or "") == "%"
	if _is_number(raw):
		number = Decimal(str(raw))
		if percent_cell:
			return float(number * 100)
		if in_percent and 0 < number <= 1 and (target or 0) > 1:
			raise CellError(FRACTION_OF_PERCENT, quote_value(raw), f"{number * 100:g}")
		return float(number)
	match = _NUMBER_THEN_REST.fullmatch(_clean(as_text(raw) or ""))
	if not match:
		raise CellError(NOT_A_NUMBER, quote_value(raw))
	suffix = match.group(2).strip()
	if suffix and compact(suffix) != compact(unit or ""):
		if is_blank(unit):
			raise CellError(NOT_A_NUMBER, quote_value(raw))
		raise CellError(ACTUAL_UNIT_DIFFERS, quote_value(raw), suffix, unit)
	return float(Decimal(match.group(1).replace(",", "")))


_RESULT_END = re.compile(r"[:：\n;；,，。]")


def read_result(raw: Any, shown: Mapping[str, str], synonyms: Mapping[str, str]):
	"""A qualitative result or progress word, optionally followed by "：" and a description.

	-> (stored word, description). ``shown`` maps stored -> the form's word,
	``synonyms`` other words -> stored (settings). The longest known word
	that starts the cell wins, so "部分达成年度指标并具有一定效果" is not read
	as "达成".
	"""
	if is_empty(raw):
		return None, None
	text = as_text(raw) or ""
	known = {compact(word): stored for stored, word in shown.items()}
	known |= {compact(stored): stored for stored in shown}
	known |= {compact(word): stored for word, stored in synonyms.items()}
	folded = compact(text)
	for word in sorted(known, key=len, reverse=True):
		if folded.startswith(word):
			rest = _after_word(text, word)
			if rest is not None:
				return known[word], rest or None
	raise CellError(RESULT_UNKNOWN, quote_value(raw), "、".join(shown.values()))


def _after_word(text: str, word: str) -> str | None:
	"""The description after the result word, or None when the word runs on into other text."""
	consumed, index = 0, 0
	while index < len(text) and consumed < len(word):
		if not text[index].isspace():
			consumed += len(compact(text[index]))
		index += 1
	rest = text[index:]
	if rest and not _RESULT_END.match(rest.lstrip()) and not rest[0].isspace():
		return None
	return _RESULT_END.sub("", rest.lstrip(), count=1).strip() if rest.strip() else ""


def read_text(raw: Any) -> str | None:
	"""Free text as typed; "—" and "/" mean nothing was written."""
	return None if is_empty(raw) else as_text(raw)
