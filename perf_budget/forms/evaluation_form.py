"""项目支出绩效自评表: the self-evaluation form (SPEC §4.4, §5).

``export_evaluations`` writes one sheet per evaluation; ``import_evaluations``
reads every self-evaluation sheet of an uploaded workbook and returns every
error found. Amounts are 万元 with 2 decimals, both in the form and in the
record; the execution rate is a percent figure (93.5 is shown 93.50%).

The scores on an imported form (each indicator's 得分, the execution score,
总分, 评价等级) are returned as the file states them: this module checks
that they are numbers and words it knows, never recomputes them. The caller
scores with the rules (perf_budget.rules.scoring) and shows the differences;
rules that need settings (weights per level, the 90% reason threshold) are
the caller's too. Each indicator keeps its sheet ``row`` for those messages.
"""

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from perf_budget.forms import layout, upload
from perf_budget.forms import vocabulary as words
from perf_budget.forms.goal_form import (
	LEVEL2_NOT_UNDER_LEVEL1,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	format_target,
	level_errors,
	read_target,
)
from perf_budget.forms.layout import (
	AMOUNT,
	BORDER,
	NEGATIVE,
	NO_BORDER,
	NOT_A_NUMBER,
	NOT_A_YEAR,
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
from perf_budget.rules.numbers import parse_number, round_half_up

__all__ = [
	"EVALUATION_FORM",
	"MAX_IMPORT_BYTES",
	"MESSAGES",
	"export_evaluations",
	"format_actual",
	"format_annual_target",
	"import_evaluations",
	"read_actual",
	"read_evaluation",
]

TITLE = "项目支出绩效自评表"
TARGET_CAPTION = "年度指标值"
ACTUAL_CAPTION = "实际完成值"
# Frappe Data fields hold 140 characters.
DATA = Text(max_length=140)
SCORE = Number(decimals=2, non_negative=True)

NOT_A_PERCENT = "{0} must be a percentage such as 93.50%, not {1}"
PARTS_MISMATCH = "{0} {1} must equal fiscal appropriation plus carry-over plus other funds, {2}"
ACTUAL_UNIT_DIFFERS = "{0} {1}: the unit {2} differs from the unit {3} of the annual target"
RESULT_UNKNOWN = (
	"{0} {1}: a qualitative result starts with one of {2}, optionally followed by ： and a description"
)

# Every message key an import can return (engine, goal form and this form), for zh.po.
MESSAGES = (
	*layout.MESSAGES,
	*upload.MESSAGES,
	LEVEL2_NOT_UNDER_LEVEL1,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	NOT_A_PERCENT,
	PARTS_MISMATCH,
	ACTUAL_UNIT_DIFFERS,
	RESULT_UNKNOWN,
)


# ---------------------------------------------------------------- value kinds


@dataclass(frozen=True)
class BracketedYear:
	"""The year line under the title, "（2026年度）"; stored as the text "2026" like YEAR."""

	number_format: str = "@"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		# A blank form shows the blank of the paper form, which reads back as missing.
		return f"（{as_text(value) or '    '}年度）"

	def read(self, raw: Any) -> str | None:
		if is_blank(raw):
			return None
		inside = re.sub(r"\s+", "", fold(str(raw))).strip("()")
		if inside in ("", "年", "年度"):
			return None
		try:
			return YEAR.read(inside)
		except CellError:
			raise CellError(NOT_A_YEAR, quote_value(raw)) from None


@dataclass(frozen=True)
class Percent:
	"""A Frappe Percent (93.5) shown as 93.50%: the cell holds 0.935 formatted as a percentage.

	Read back: a number cell is Excel's fraction (0.935); text is the percent
	figure, with or without the sign ("93.5%", "93.5").
	"""

	decimals: int = 2
	number_format: str = "0.00%"
	horizontal: str = "right"

	def write(self, value: Any) -> Any:
		number = parse_number(value)
		return as_text(value) if number is None else float(number / 100)

	def read(self, raw: Any) -> float | None:
		if is_blank(raw):
			return None
		if isinstance(raw, int | float) and not isinstance(raw, bool):
			number = parse_number(raw)
			number = None if number is None else number * 100
		else:
			text = re.sub(r"[,\s]", "", fold(str(raw)))
			number = None if isinstance(raw, bool) else parse_number(text.removesuffix("%"))
		if number is None:
			raise CellError(NOT_A_PERCENT, quote_value(raw))
		if number < 0:
			raise CellError(NEGATIVE)
		return round_half_up(number, self.decimals)


@dataclass(frozen=True)
class AsTyped:
	"""实际完成值: numbers stay numbers, text stays text; ``read_actual`` splits it once the target is known.

	"@" so that 96% typed by hand stays the text "96%" instead of Excel's 0.96.
	"""

	number_format: str = "@"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		return value if _is_number(value) else as_text(value)

	def read(self, raw: Any) -> Any:
		return raw if _is_number(raw) else as_text(raw)


def _is_number(value: Any) -> bool:
	return isinstance(value, int | float) and not isinstance(value, bool)


# ---------------------------------------------------------------- layout

# The money block: column captions (C…H) and, per row, its label and the
# keys of 年初预算数 | 全年预算数 | 全年执行数. The first row is the total.
MONEY_HEADER_ROW = 5
MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
MONEY_ROWS = (
	("年度资金总额", ("initial_budget", "annual_budget", "executed_amount")),
	("其中：本年财政拨款", ("initial_fiscal", "annual_fiscal", "executed_fiscal")),
	("上年结转资金", ("initial_carryover", "annual_carryover", "executed_carryover")),
	("其他资金", ("initial_other", "annual_other", "executed_other")),
)
TOTAL_ROW = MONEY_HEADER_ROW + 1


def _money_caption(column: str, row_label: str) -> str:
	"""How a money cell is named in messages: 全年执行数（本年财政拨款）."""
	return f"{column}（{row_label.removeprefix('其中：')}）"


def _money_fields() -> tuple[Field, ...]:
	fields = []
	for number, (label, keys) in enumerate(MONEY_ROWS):
		row = MONEY_HEADER_ROW + 1 + number
		for letter, column, key in zip("CDE", MONEY_COLUMNS[:3], keys, strict=True):
			# Totals are required; a blank part means none, as on a paper form.
			total = number == 0
			caption = _money_caption(column, label)
			fields.append(Field(key, caption, None, f"{letter}{row}", AMOUNT, total, None if total else 0.0))
	total_label = MONEY_ROWS[0][0]
	fields += [
		Field("execution_weight", _money_caption("分值", total_label), None, f"F{TOTAL_ROW}", SCORE),
		Field("execution_rate", _money_caption("执行率", total_label), None, f"G{TOTAL_ROW}", Percent()),
		Field("execution_score", _money_caption("得分", total_label), None, f"H{TOTAL_ROW}", SCORE),
	]
	return tuple(fields)


EVALUATION_FORM = FormLayout(
	title=TITLE,
	title_at="A1:H1",
	labels=(
		Label("项目资金（万元）", f"A{MONEY_HEADER_ROW}:B{MONEY_HEADER_ROW}", bold=True),
		*(
			Label(caption, f"{letter}{MONEY_HEADER_ROW}", bold=True)
			for letter, caption in zip("CDEFGH", MONEY_COLUMNS, strict=True)
		),
		*(
			Label(label, f"A{MONEY_HEADER_ROW + 1 + number}:B{MONEY_HEADER_ROW + 1 + number}")
			for number, (label, _) in enumerate(MONEY_ROWS)
		),
		Label("年度总体目标", "A11:B12", bold=True),
		Label("预期目标", "C11:E11", bold=True),
		Label("实际完成情况", "F11:H11", bold=True),
		Label("绩效指标", "A13:H13", bold=True),
	),
	fields=(
		Field("performance_year", "绩效年度", None, "A2:H2", BracketedYear(), required=True),
		Field("project_name", "项目名称", "A3:B3", "C3:E3", DATA, required=True),
		Field("project_code", "项目编码", "F3", "G3:H3", DATA, required=True),
		Field("competent_department", "主管部门", "A4:B4", "C4:E4", DATA),
		Field("budget_unit", "实施单位", "F4", "G4:H4", DATA, required=True),
		*_money_fields(),
		Field("execution_reason", "执行率低于90%原因", "A10:B10", "C10:H10", PARAGRAPH),
		Field("annual_goal", "预期目标（年度总体目标）", None, "C12:E12", PARAGRAPH, required=True),
		Field("actual_completion", "实际完成情况（年度总体目标）", None, "F12:H12", PARAGRAPH),
	),
	grid=Grid(
		key="indicators",
		header_row=14,
		spare_rows=5,
		footer_words=("总分",),
		columns=(
			Column(
				"level1", "一级指标", 14, Choice(words.LEVEL1, words.LEVEL1_ALIASES), True, merge_runs=True
			),
			Column(
				"level2", "二级指标", 18, Choice(words.LEVEL2, words.LEVEL2_ALIASES), True, merge_runs=True
			),
			Column("indicator_name", "三级指标", 30, DATA, True),
			# operator + value + unit ("≥500人次") or "定性：…"; split by read_target.
			Column("target", TARGET_CAPTION, 18, Text(horizontal="center"), True),
			# a number, or a qualitative result word (+ "：" description); split by read_actual.
			Column("actual", ACTUAL_CAPTION, 24, AsTyped()),
			Column("weight", "分值", 10, SCORE, True),
			Column("score", "得分", 10, SCORE),
			Column("deviation_analysis", "偏差原因分析及改进措施", 36, PARAGRAPH),
		),
		footer=(
			Field("total_score", "总分", "A:C", "D:E", SCORE),
			Field("grade", "评价等级", "F:G", "H", Choice(words.GRADES, words.GRADE_ALIASES)),
		),
	),
)
RECORD_KEYS = tuple(item.key for item in (*EVALUATION_FORM.fields, *EVALUATION_FORM.grid.footer))
INDICATOR_KEYS = (
	"level1",
	"level2",
	"indicator_name",
	"operator",
	"target_value",
	"target_text",
	"unit",
	"weight",
	"actual_value",
	"actual_text",
	"qualitative_result",
	"score",
	"deviation_analysis",
)


# ---------------------------------------------------------------- export


def export_evaluations(evaluations: list[Mapping]) -> bytes:
	"""One form sheet per evaluation, as .xlsx bytes; none gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	evaluations = list(evaluations) or [{}]
	for evaluation, title in zip(evaluations, sheet_titles(evaluations, "自评"), strict=True):
		ws = workbook.create_sheet(title)
		write_form(ws, EVALUATION_FORM, _form_record(evaluation))
		_finish_look(ws)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _form_record(evaluation: Mapping) -> dict:
	record = {key: evaluation.get(key) for key in RECORD_KEYS}
	record["indicators"] = [_form_row(indicator) for indicator in evaluation.get("indicators") or []]
	return record


def _form_row(indicator: Mapping) -> dict:
	row = dict(indicator)
	row["target"] = format_annual_target(indicator)
	row["actual"] = format_actual(indicator)
	return row


def format_annual_target(indicator: Mapping) -> str | None:
	"""年度指标值 as printed: the goal form's 指标值 with the unit after the number, "≥500人次"."""
	shown = format_target(
		indicator.get("operator"), indicator.get("target_value"), indicator.get("target_text")
	)
	unit = as_text(indicator.get("unit"))
	quantitative = indicator.get("operator") in words.OPERATOR_SIGNS
	if shown and unit and quantitative and parse_number(indicator.get("target_value")) is not None:
		return shown + unit
	return shown


def format_actual(indicator: Mapping) -> Any:
	"""实际完成值 as printed: the number, or "达成年度指标：description" for a qualitative indicator.

	A quantitative indicator's actual_text is not on the form.
	"""
	if indicator.get("operator") == words.QUALITATIVE:
		result = indicator.get("qualitative_result")
		parts = (words.QUALITATIVE_RESULTS.get(result, result), as_text(indicator.get("actual_text")))
		return "：".join(part for part in parts if part) or None
	number = parse_number(indicator.get("actual_value"))
	return None if number is None else float(number)


def _finish_look(ws) -> None:
	"""Looks the layout has no words for: the year line unboxed under the title, and
	the empty 分值/执行率/得分 cells of the 其中 rows boxed like the rest of the block."""
	for row in ws["A2:H2"]:
		for cell in row:
			cell.border = NO_BORDER
	last_part_row = MONEY_HEADER_ROW + len(MONEY_ROWS)
	for row in ws[f"F{TOTAL_ROW + 1}:H{last_part_row}"]:
		for cell in row:
			cell.border = BORDER


# ---------------------------------------------------------------- import


def import_evaluations(data: bytes, filename: str = "") -> tuple[list[dict], list[FormError]]:
	"""Evaluations read from an uploaded workbook, and every error; none at all when there is any error."""
	return read_form_sheets(data, filename, EVALUATION_FORM, read_evaluation)


def read_evaluation(ws) -> tuple[dict, list[FormError]]:
	"""One evaluation from a form sheet, with every error on it."""
	record, errors = read_form(ws, EVALUATION_FORM)
	if errors and not record:  # wrong template: nothing else is worth reading
		return {}, errors
	evaluation = {key: record[key] for key in RECORD_KEYS}
	evaluation["sheet"] = ws.title
	errors += _money_errors(ws.title, evaluation)
	evaluation["indicators"] = [_indicator(ws.title, row, errors) for row in record["indicators"]]
	return evaluation, errors


def _money_errors(sheet: str, evaluation: Mapping) -> list[FormError]:
	"""Each total = 本年财政拨款 + 上年结转资金 + 其他资金, to the cent of a 万元 (0.005)."""
	errors = []
	for column, total_key in enumerate(MONEY_ROWS[0][1]):
		total = parse_number(evaluation[total_key])
		parts = [parse_number(evaluation[keys[column]]) for _, keys in MONEY_ROWS[1:]]
		if total is None or None in parts or abs(total - sum(parts)) <= Decimal("0.005"):
			continue
		item = EVALUATION_FORM.header(total_key)
		row, letter = position(item.value_at)
		args = (item.caption, f"{total:.2f}", f"{sum(parts):.2f}")
		errors.append(FormError(sheet, row, letter, PARTS_MISMATCH, args))
	return errors


def read_annual_target(sheet: str, row: Mapping, grid: Grid, errors: list[FormError]) -> dict | None:
	"""年度指标值 of a grid row as operator, value, text and unit (the monitoring
	form reads it the same way); None, with the error noted, when unreadable."""
	if row["target"] is None:  # already reported as required
		return None
	try:
		operator, value, text, unit = read_target(row["target"], None)
	except CellError as problem:
		# read_target names the goal form's 指标值; these forms call it 年度指标值.
		args = (TARGET_CAPTION, *problem.details[1:])
		errors.append(FormError(sheet, row["row"], grid.letter("target"), problem.message, args))
		return None
	if text and len(text) > DATA.max_length:
		args = (TARGET_CAPTION, len(text), DATA.max_length)
		errors.append(FormError(sheet, row["row"], grid.letter("target"), TOO_LONG, args))
	return {"operator": operator, "target_value": value, "target_text": text, "unit": unit}


def _indicator(sheet: str, row: Mapping, errors: list[FormError]) -> dict:
	indicator = {key: row.get(key) for key in INDICATOR_KEYS}
	indicator["row"] = row["row"]
	errors += level_errors(sheet, row, EVALUATION_FORM.grid)
	target = read_annual_target(sheet, row, EVALUATION_FORM.grid, errors)
	if target is None:
		return indicator
	indicator.update(target)
	operator, unit = target["operator"], target["unit"]
	try:
		indicator.update(read_actual(row["actual"], operator, unit))
	except CellError as problem:
		errors.append(_grid_error(sheet, row, "actual", problem.message, ACTUAL_CAPTION, *problem.details))
	return indicator


def _grid_error(sheet: str, row: Mapping, key: str, message: str, *args: Any) -> FormError:
	return FormError(sheet, row["row"], EVALUATION_FORM.grid.letter(key), message, args)


_NUMBER_THEN_REST = re.compile(r"([-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+))\s*(.*)", re.S)
# The result word ends at the first colon or line break; a description may follow.
_RESULT_END = re.compile(r"[:：\n]")


def read_actual(raw: Any, operator: str, unit: str | None) -> dict:
	"""实际完成值 -> {actual_value, actual_text, qualitative_result} for an indicator of ``operator``.

	Quantitative: 480, "480", "480人次" (a unit written after the number must
	be the unit of 年度指标值). Qualitative: a result word, 达成年度指标 /
	部分达成并具有一定效果 / 未达成且效果较差 (or an alias), optionally
	followed by "：" and a description. Blank reads as nothing entered.
	Raises CellError whose args follow the caption, as a kind does.
	"""
	found = {"actual_value": None, "actual_text": None, "qualitative_result": None}
	if is_blank(raw):
		return found
	if operator == words.QUALITATIVE:
		found["qualitative_result"], found["actual_text"] = _qualitative_actual(raw)
	else:
		found["actual_value"] = _quantitative_actual(raw, unit)
	return found


def _quantitative_actual(raw: Any, unit: str | None) -> float:
	if _is_number(raw):
		return float(raw)
	match = _NUMBER_THEN_REST.fullmatch(fold(as_text(raw) or ""))
	if not match:
		raise CellError(NOT_A_NUMBER, quote_value(raw))
	suffix = match.group(2).strip()
	if suffix and compact(suffix) != compact(unit or ""):
		if is_blank(unit):
			raise CellError(NOT_A_NUMBER, quote_value(raw))
		raise CellError(ACTUAL_UNIT_DIFFERS, quote_value(raw), suffix, unit)
	return float(Decimal(match.group(1).replace(",", "")))


def _qualitative_actual(raw: Any) -> tuple[str, str | None]:
	text = as_text(raw) or ""
	head, *rest = _RESULT_END.split(text, maxsplit=1)
	word = compact(head)
	results = {compact(shown): stored for stored, shown in words.QUALITATIVE_RESULTS.items()}
	results |= {compact(stored): stored for stored in words.QUALITATIVE_RESULTS}
	results |= {compact(alias): stored for alias, stored in words.QUALITATIVE_RESULT_ALIASES.items()}
	if word not in results:
		raise CellError(RESULT_UNKNOWN, quote_value(raw), "、".join(words.QUALITATIVE_RESULTS.values()))
	description = rest[0].strip() if rest else ""
	return results[word], description or None
