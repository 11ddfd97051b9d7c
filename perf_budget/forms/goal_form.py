"""项目支出绩效目标申报表: the goal application form (SPEC §5).

``export_goals`` writes one sheet per goal; ``import_goals`` reads every
goal sheet of an uploaded workbook and returns every error found. Amounts
are 万元 with 2 decimals, both in the form and in the record. Rules that
need more than one form (weights summing, duplicates, units) are the
caller's (perf_budget.rules.goal_quality); each indicator keeps its sheet
``row`` so those messages can point at the form.
"""

import io
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from perf_budget.forms import layout, upload
from perf_budget.forms import vocabulary as words
from perf_budget.forms.layout import (
	AMOUNT,
	DATE,
	PARAGRAPH,
	TOO_LONG,
	YEAR,
	CellError,
	Choice,
	Column,
	Field,
	FormError,
	FormLayout,
	Grid,
	Label,
	Number,
	Text,
	as_text,
	compact,
	fold,
	is_blank,
	position,
	quote_value,
	read_form,
	sheet_titles,
	write_form,
)
from perf_budget.forms.upload import MAX_IMPORT_BYTES, read_form_sheets
from perf_budget.rules.numbers import parse_number

__all__ = [
	"GOAL_FORM",
	"MAX_IMPORT_BYTES",
	"MESSAGES",
	"export_goals",
	"import_goals",
	"read_goal",
	"read_target",
]

TITLE = "项目支出绩效目标申报表"
TARGET_CAPTION = "指标值"
# Frappe Data fields hold 140 characters.
DATA = Text(max_length=140)

TOTAL_MISMATCH = "{0} {1} must equal fiscal plus other funds, {2}"
END_BEFORE_START = "{0} {1} is before the start date {2}"
LEVEL2_NOT_UNDER_LEVEL1 = "Level-2 indicator {0} does not belong under level-1 indicator {1}"
TARGET_NOT_A_NUMBER = "{0} {1}: the value after {2} must be a number"
TARGET_TEXT_MISSING = "{0} {1}: write the qualitative target after {2}"
TARGET_UNIT_DIFFERS = "{0} {1}: the unit {2} differs from the unit column {3}"

# Every message key an import can return (engine and goal form), for zh.po.
MESSAGES = (
	*layout.MESSAGES,
	*upload.MESSAGES,
	TOTAL_MISMATCH,
	END_BEFORE_START,
	LEVEL2_NOT_UNDER_LEVEL1,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	TARGET_UNIT_DIFFERS,
)

GOAL_FORM = FormLayout(
	title=TITLE,
	title_at="A1:G1",
	labels=(
		Label("金额单位：万元", "F2:G2", horizontal="right", border=False),
		Label("绩效指标", "A14:G14", bold=True),
	),
	fields=(
		Field("performance_year", "绩效年度", "A2", "B2", YEAR, required=True),
		Field("project_name", "项目名称", "A3", "B3:D3", DATA, required=True),
		Field("project_code", "项目编码", "E3", "F3:G3", DATA, required=True),
		Field("competent_department", "主管部门", "A4", "B4:D4", DATA),
		Field("budget_unit", "实施单位", "E4", "F4:G4", DATA, required=True),
		Field("budget_type", "预算类型", "A5", "B5:D5", Choice(words.BUDGET_TYPES), required=True),
		Field("is_key_project", "是否重点项目", "E5", "F5:G5", Choice(words.YES_NO), default=False),
		Field("period_start", "项目开始日期", "A6", "B6:D6", DATE),
		Field("period_end", "项目结束日期", "E6", "F6:G6", DATE),
		Field("contact_person", "联系人", "A7", "B7:D7", DATA),
		Field("contact_phone", "联系电话", "E7", "F7:G7", DATA),
		Field("total_amount", "资金总额", "A8", "B8", AMOUNT, required=True),
		# Blank fiscal / other funds mean none, as on a paper form.
		Field("fiscal_amount", "其中：财政资金", "C8", "D8", AMOUNT, default=0.0),
		Field("other_amount", "其他资金", "E8", "F8:G8", AMOUNT, default=0.0),
		Field("basis", "立项依据", "A9", "B9:G9", PARAGRAPH),
		Field("implementation_plan", "实施计划", "A10", "B10:G10", PARAGRAPH),
		Field("schedule", "进度安排", "A11", "B11:G11", PARAGRAPH),
		Field("long_term_goal", "长期目标", "A12", "B12:G12", PARAGRAPH),
		Field("annual_goal", "年度目标", "A13", "B13:G13", PARAGRAPH, required=True),
	),
	grid=Grid(
		key="indicators",
		header_row=15,
		spare_rows=5,
		columns=(
			Column(
				"level1", "一级指标", 14, Choice(words.LEVEL1, words.LEVEL1_ALIASES), True, merge_runs=True
			),
			Column(
				"level2", "二级指标", 16, Choice(words.LEVEL2, words.LEVEL2_ALIASES), True, merge_runs=True
			),
			Column("indicator_name", "三级指标", 30, DATA, True),
			# operator + value ("≥500") or "定性：…"; split by read_target.
			Column("target", TARGET_CAPTION, 16, Text(horizontal="center"), True),
			Column("unit", "计量单位", 14, Text(max_length=140, horizontal="center")),
			Column("weight", "分值", 10, Number(decimals=2, non_negative=True), True),
			Column("evaluation_standard", "评(扣)分标准", 36, PARAGRAPH),
		),
	),
)
HEADER_KEYS = tuple(item.key for item in GOAL_FORM.fields)
INDICATOR_KEYS = (
	"level1",
	"level2",
	"indicator_name",
	"operator",
	"target_value",
	"target_text",
	"unit",
	"weight",
	"evaluation_standard",
)


# ---------------------------------------------------------------- export


def export_goals(goals: list[Mapping]) -> bytes:
	"""One form sheet per goal, as .xlsx bytes; no goals gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	goals = list(goals) or [{}]
	for goal, title in zip(goals, sheet_titles(goals, "目标"), strict=True):
		write_form(workbook.create_sheet(title), GOAL_FORM, _form_record(goal))
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _form_record(goal: Mapping) -> dict:
	record = {key: goal.get(key) for key in HEADER_KEYS}
	record["indicators"] = [_form_row(indicator) for indicator in goal.get("indicators") or []]
	return record


def _form_row(indicator: Mapping) -> dict:
	row = dict(indicator)
	row["target"] = format_target(
		indicator.get("operator"), indicator.get("target_value"), indicator.get("target_text")
	)
	return row


def format_target(operator: str | None, target_value: Any, target_text: str | None) -> str | None:
	"""指标值 as printed: ">=" 500 -> "≥500", Qualitative "按期完成" -> "定性：按期完成"."""
	if operator == words.QUALITATIVE:
		return f"{words.QUALITATIVE_PREFIX}：{target_text or ''}"
	number = parse_number(target_value)
	if operator in words.OPERATOR_SIGNS and number is not None:
		return words.OPERATOR_SIGNS[operator] + _plain_number(number)
	return target_text or (None if number is None else _plain_number(number))


def _plain_number(number: Decimal) -> str:
	"""500.0 -> "500", 0.950 -> "0.95"; never exponent notation."""
	text = format(number.normalize(), "f")
	return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------- import


def import_goals(data: bytes, filename: str = "") -> tuple[list[dict], list[FormError]]:
	"""Goals read from an uploaded workbook, and every error; no goals at all when there is any error.

	Returning nothing on error keeps a half-read file from being written by
	mistake (SPEC §5: a file with any error writes nothing).
	"""
	return read_form_sheets(data, filename, GOAL_FORM, read_goal)


def read_goal(ws) -> tuple[dict, list[FormError]]:
	"""One goal from a form sheet, with every error on it."""
	record, errors = read_form(ws, GOAL_FORM)
	if errors and not record:  # wrong template: nothing else is worth reading
		return {}, errors
	goal = {key: record[key] for key in HEADER_KEYS}
	goal["sheet"] = ws.title  # where later checks (weights, units) point their errors
	errors += _amount_errors(ws.title, goal)
	errors += _period_errors(ws.title, goal)
	goal["indicators"] = [_indicator(ws.title, row, errors) for row in record["indicators"]]
	return goal, errors


def _amount_errors(sheet: str, goal: Mapping) -> list[FormError]:
	"""资金总额 = 财政资金 + 其他资金, to the cent of a 万元 (0.005)."""
	total, fiscal, other = (
		parse_number(goal[key]) for key in ("total_amount", "fiscal_amount", "other_amount")
	)
	if None in (total, fiscal, other) or abs(total - (fiscal + other)) <= Decimal("0.005"):
		return []
	item = GOAL_FORM.header("total_amount")
	row, column = position(item.value_at)
	args = (item.caption, f"{total:.2f}", f"{fiscal + other:.2f}")
	return [FormError(sheet, row, column, TOTAL_MISMATCH, args)]


def _period_errors(sheet: str, goal: Mapping) -> list[FormError]:
	start, end = goal["period_start"], goal["period_end"]
	if start is None or end is None or start <= end:
		return []
	item = GOAL_FORM.header("period_end")
	row, column = position(item.value_at)
	return [
		FormError(sheet, row, column, END_BEFORE_START, (item.caption, end.isoformat(), start.isoformat()))
	]


def _indicator(sheet: str, row: Mapping, errors: list[FormError]) -> dict:
	indicator = {key: row.get(key) for key in INDICATOR_KEYS}
	indicator["row"] = row["row"]
	errors += level_errors(sheet, row, GOAL_FORM.grid)
	if row["target"] is not None:
		try:
			operator, value, text, unit = read_target(row["target"], row["unit"])
		except CellError as problem:
			errors.append(_grid_error(sheet, row, "target", problem.message, *problem.details))
		else:
			indicator.update(operator=operator, target_value=value, target_text=text, unit=unit)
			if text and len(text) > DATA.max_length:
				errors.append(
					_grid_error(sheet, row, "target", TOO_LONG, TARGET_CAPTION, len(text), DATA.max_length)
				)
	return indicator


def level_errors(sheet: str, row: Mapping, grid: Grid) -> list[FormError]:
	"""A level-2 indicator must sit under its level-1 (every form's grid)."""
	level1, level2 = row["level1"], row["level2"]
	if level1 is None or level2 is None or level2 in words.LEVEL2_BY_LEVEL1[level1]:
		return []
	args = (words.LEVEL2[level2], words.LEVEL1[level1])
	return [FormError(sheet, row["row"], grid.letter("level2"), LEVEL2_NOT_UNDER_LEVEL1, args)]


def _grid_error(sheet: str, row: Mapping, key: str, message: str, *args: Any) -> FormError:
	return FormError(sheet, row["row"], GOAL_FORM.grid.letter(key), message, args)


# Longest sign first, so ">=" is not read as ">" followed by "=500".
_SIGNS = sorted(words.OPERATOR_ALIASES, key=len, reverse=True)
_NUMBER_THEN_REST = re.compile(r"([-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+))\s*(.*)", re.S)
_QUALITATIVE_START = re.compile(rf"\s*{words.QUALITATIVE_PREFIX}\s*[:：]?\s*", re.S)


def read_target(raw: Any, unit: str | None) -> tuple[str, float | None, str | None, str | None]:
	"""指标值 -> (operator, target_value, target_text, unit).

	"≥500", ">=500", "≥500人" (unit written in the value: it must match the
	unit column or fills it when empty), "定性：按期完成" and plain text
	(qualitative). A bare number means "=" — scored like "≥" for a positive
	target, so reading it so never makes a target stricter.
	Raises CellError with args (caption, raw value, …).
	"""
	text = as_text(raw) or ""
	qualitative = _QUALITATIVE_START.match(text)
	if qualitative:
		rest = text[qualitative.end() :].strip()
		if not rest:
			raise _target_error(TARGET_TEXT_MISSING, text, words.QUALITATIVE_PREFIX)
		return words.QUALITATIVE, None, rest, unit
	folded = fold(text)
	sign = next((sign for sign in _SIGNS if folded.startswith(sign)), None)
	if sign is None:
		return _unsigned_target(text, folded, unit)
	match = _NUMBER_THEN_REST.fullmatch(folded[len(sign) :].strip())
	if not match:
		raise _target_error(TARGET_NOT_A_NUMBER, text, sign)
	return words.OPERATOR_ALIASES[sign], _number(match.group(1)), None, _unit(text, match.group(2), unit)


def _unsigned_target(text: str, folded: str, unit: str | None):
	match = _NUMBER_THEN_REST.fullmatch(folded)
	suffix = match.group(2).strip() if match else None
	# "500" or "500人" next to unit 人 is a number; "95%以上" is a sentence.
	if match and (not suffix or (unit and compact(suffix) == compact(unit))):
		return "=", _number(match.group(1)), None, unit
	return words.QUALITATIVE, None, text, unit


def _unit(text: str, suffix: str, unit: str | None) -> str | None:
	suffix = suffix.strip()
	if not suffix:
		return unit
	if is_blank(unit):
		return suffix
	if compact(suffix) != compact(unit):
		raise _target_error(TARGET_UNIT_DIFFERS, text, suffix, unit)
	return unit


def _number(text: str) -> float:
	return float(Decimal(text.replace(",", "")))


def _target_error(message: str, *args: Any) -> CellError:
	return CellError(message, TARGET_CAPTION, *(quote_value(arg) for arg in args))
