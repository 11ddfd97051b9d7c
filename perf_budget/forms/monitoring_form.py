"""项目支出绩效运行监控表: the monitoring form, e.g. for months 1–7 (SPEC §4.3, §5).

``export_monitorings`` writes one sheet per monitoring; ``import_monitorings``
reads every monitoring sheet of an uploaded workbook and returns every error
found. Amounts are 万元 with 2 decimals, both in the form and in the record;
the execution rate is a percent figure (56.25 is shown 56.25%).

The months of the period ("1—7月") come from ``period_end_month``: the line
under the title, （2026年1—7月）, carries it with the year, and three
captions repeat it (1—7月执行数, 1—7月总体目标完成情况, 1—7月实际完成值), so
the layout is made per month by ``monitoring_layout``. On import a caption
may name any month, or none as on the blank form, but one that names a month
must name the month of the line under the title.

Warning lights, and the reason and corrective measure a Red row needs, are
the caller's (perf_budget.rules.warnings): this module reads what the file
states. Each indicator keeps its sheet ``row`` for those messages.
"""

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from perf_budget.forms import layout, upload
from perf_budget.forms import vocabulary as words
from perf_budget.forms.evaluation_form import (
	ACTUAL_UNIT_DIFFERS,
	NOT_A_PERCENT,
	AsTyped,
	Percent,
	format_annual_target,
	read_actual,
	read_annual_target,
)
from perf_budget.forms.goal_form import (
	LEVEL2_NOT_UNDER_LEVEL1,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	level_errors,
)
from perf_budget.forms.layout import (
	AMOUNT,
	NO_BORDER,
	PARAGRAPH,
	REQUIRED,
	CellError,
	Choice,
	Column,
	ColumnGroup,
	Field,
	FormError,
	FormLayout,
	Grid,
	Label,
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
	"MAX_IMPORT_BYTES",
	"MESSAGES",
	"MONITORING_FORM",
	"export_monitorings",
	"format_progress",
	"import_monitorings",
	"monitoring_layout",
	"read_expected",
	"read_monitoring",
	"read_progress",
]

TITLE = "项目支出绩效运行监控表"
PERIOD_CAPTION = "监控期间"
YEAR_CAPTION = "绩效年度"
MONTH_CAPTION = "监控截止月份"
TARGET_CAPTION = "年度指标值"
EXPECTED_CAPTION = "全年预计完成情况"
LIKELIHOOD_CAPTION = "完成目标可能性"
# Captions naming the months of the period; {0} is the last month.
EXECUTED_CAPTION = "1—{0}月执行数"
PROGRESS_CAPTION = "1—{0}月总体目标完成情况"
ACTUAL_CAPTION = "1—{0}月实际完成值"
# Where those captions sit (the grid's comes from the grid, see _month_captions).
EXECUTED_AT = "F5:H5"
PROGRESS_AT = "H7:N7"
# The blank month of a paper form, "1—  月".
BLANK_MONTH = "  "
# Frappe Data fields hold 140 characters.
DATA = Text(max_length=140)
# The ways people write the dash of "1—7月".
_DASH = r"[—–\-~～〜至到]"
# What people write in a cell that does not apply (全年预计完成情况 of a qualitative indicator).
NOT_APPLICABLE = ("/", "—", "-", "无")

NOT_A_PERIOD = "{0} must read like （2026年1—7月）, not {1}"
MONTH_OUT_OF_RANGE = "{0}: the month {1} must be between 1 and 12"
MONTHS_DIFFER = "The caption {0} does not match the period under the title, months 1—{1}"
PROGRESS_UNKNOWN = (
	"{0} {1}: the progress of a qualitative indicator starts with one of {2}, "
	"optionally followed by ： and a description"
)
EXPECTED_FOR_QUALITATIVE = "{0} {1}: a qualitative indicator has no expected figure; leave this cell blank and give the outlook in {2}"

# Every message key an import can return (engine, goal and evaluation forms, this form), for zh.po.
MESSAGES = (
	*layout.MESSAGES,
	*upload.MESSAGES,
	LEVEL2_NOT_UNDER_LEVEL1,
	TARGET_NOT_A_NUMBER,
	TARGET_TEXT_MISSING,
	NOT_A_PERCENT,
	ACTUAL_UNIT_DIFFERS,
	NOT_A_PERIOD,
	MONTH_OUT_OF_RANGE,
	MONTHS_DIFFER,
	PROGRESS_UNKNOWN,
	EXPECTED_FOR_QUALITATIVE,
)


# ---------------------------------------------------------------- value kinds

_PERIOD = re.compile(rf"(\d{{4}})?年?度?(?:1{_DASH})?(\d{{1,2}})?月?份?")


@dataclass(frozen=True)
class PeriodLine:
	"""The line under the title, "（2026年1—7月）" <-> ("2026", 7): performance year and last month.

	The blank of a paper form, "（    年1—  月）", reads as (None, None), so
	the reader can say which half is missing.
	"""

	number_format: str = "@"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		year, month = value or (None, None)
		return f"（{as_text(year) or '    '}年1—{_month_text(month)}月）"

	def read(self, raw: Any) -> tuple[str | None, int | None]:
		if is_blank(raw):
			return None, None
		text = re.sub(r"\s+", "", fold(as_text(raw) or "")).strip("()")
		match = None if isinstance(raw, bool) else _PERIOD.fullmatch(text)
		if not match:
			raise CellError(NOT_A_PERIOD, quote_value(raw))
		year, month = match.group(1), match.group(2)
		if month is not None and not 1 <= int(month) <= 12:
			raise CellError(MONTH_OUT_OF_RANGE, int(month))
		return year, None if month is None else int(month)


def _month_text(month: Any) -> str:
	"""7 -> "7"; blank -> the blank of a paper form."""
	number = parse_number(month)
	if number is not None and number == int(number):
		return str(int(number))
	return as_text(month) or BLANK_MONTH


# ---------------------------------------------------------------- layout


def _layout(executed: str, progress: str, actual: str) -> FormLayout:
	"""The form with these three month captions (as exported, or as found on an upload)."""
	return FormLayout(
		title=TITLE,
		title_at="A1:N1",
		labels=(
			Label("项目资金（万元）", "A5:B6", bold=True),
			Label("年初预算数", "C5:E5", bold=True),
			Label(executed, EXECUTED_AT, bold=True),
			Label("执行率", "I5:K5", bold=True),
			Label("全年预计执行数", "L5:N5", bold=True),
			Label("总体目标", "A7:B8", bold=True),
			Label("年度总体目标", "C7:G7", bold=True),
			Label(progress, PROGRESS_AT, bold=True),
			Label("绩效指标", "A9:N9", bold=True),
		),
		fields=(
			Field("period", PERIOD_CAPTION, None, "A2:N2", PeriodLine()),
			Field("project_name", "项目名称", "A3:B3", "C3:G3", DATA, required=True),
			Field("project_code", "项目编码", "H3:I3", "J3:N3", DATA, required=True),
			Field("competent_department", "主管部门", "A4:B4", "C4:G4", DATA),
			Field("budget_unit", "实施单位", "H4:I4", "J4:N4", DATA, required=True),
			Field("annual_budget", "年初预算数", None, "C6:E6", AMOUNT, required=True),
			Field("executed_amount", executed, None, "F6:H6", AMOUNT, required=True),
			Field("execution_rate", "执行率", None, "I6:K6", Percent()),
			Field("expected_full_year", "全年预计执行数", None, "L6:N6", AMOUNT),
			Field("annual_goal", "年度总体目标", None, "C8:G8", PARAGRAPH, required=True),
			Field("goal_progress", progress, None, "H8:N8", PARAGRAPH),
		),
		grid=Grid(
			key="indicators",
			header_row=11,
			spare_rows=5,
			# One caption over the five reasons: the printed form's two-row header.
			groups=(ColumnGroup("偏差原因分析", "reason_funding", "reason_other"),),
			columns=(
				Column(
					"level1",
					"一级指标",
					10,
					Choice(words.LEVEL1, words.LEVEL1_ALIASES),
					True,
					merge_runs=True,
				),
				Column(
					"level2",
					"二级指标",
					12,
					Choice(words.LEVEL2, words.LEVEL2_ALIASES),
					True,
					merge_runs=True,
				),
				Column("indicator_name", "三级指标", 20, DATA, True),
				# operator + value + unit ("≥120公里") or "定性：…"; split by read_target.
				Column("target", TARGET_CAPTION, 14, Text(horizontal="center"), True),
				# a number, or a progress word (+ "：" description); split by read_progress.
				Column("actual", actual, 14, AsTyped()),
				# a number; blank for a qualitative indicator. Checked by read_expected.
				Column("expected", EXPECTED_CAPTION, 13, AsTyped()),
				Column(
					"likelihood",
					LIKELIHOOD_CAPTION,
					11,
					Choice(words.LIKELIHOODS, words.LIKELIHOOD_ALIASES),
				),
				Column("reason_funding", "经费保障", 10, PARAGRAPH),
				Column("reason_rules", "制度保障", 10, PARAGRAPH),
				Column("reason_staffing", "人员保障", 10, PARAGRAPH),
				Column("reason_conditions", "硬件条件保障", 10, PARAGRAPH),
				Column("reason_other", "其他", 10, PARAGRAPH),
				# SPEC §4.3: a Red row needs a corrective measure, so it has its own column.
				Column("corrective_measure", "纠偏措施", 20, PARAGRAPH),
				Column("remarks", "备注", 12, PARAGRAPH),
			),
		),
	)


def monitoring_layout(month: Any = None) -> FormLayout:
	"""The form for months 1—``month`` (blank captions, "1—  月", when None)."""
	shown = _month_text(month)
	return _layout(
		EXECUTED_CAPTION.format(shown), PROGRESS_CAPTION.format(shown), ACTUAL_CAPTION.format(shown)
	)


# The blank form: its title finds monitoring sheets, its grid names columns.
MONITORING_FORM = monitoring_layout()
HEADER_KEYS = tuple(item.key for item in MONITORING_FORM.fields if item.key != "period")
RECORD_KEYS = ("performance_year", "period_end_month", *HEADER_KEYS)
INDICATOR_KEYS = (
	"level1",
	"level2",
	"indicator_name",
	"operator",
	"target_value",
	"target_text",
	"unit",
	"actual_to_date",
	"actual_text",
	"qualitative_progress",
	"expected_completion",
	"likelihood",
	"reason_funding",
	"reason_rules",
	"reason_staffing",
	"reason_conditions",
	"reason_other",
	"corrective_measure",
	"remarks",
)


def _month_captions() -> tuple[tuple[str, str], ...]:
	"""(cell, template) of each caption naming the months."""
	return (
		(EXECUTED_AT.split(":")[0], EXECUTED_CAPTION),
		(PROGRESS_AT.split(":")[0], PROGRESS_CAPTION),
		(MONITORING_FORM.grid.caption_at("actual"), ACTUAL_CAPTION),
	)


# ---------------------------------------------------------------- export


def export_monitorings(records: list[Mapping]) -> bytes:
	"""One form sheet per monitoring, as .xlsx bytes; none gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	records = list(records) or [{}]
	for record, title in zip(records, sheet_titles(records, "监控"), strict=True):
		ws = workbook.create_sheet(title)
		write_form(ws, monitoring_layout(record.get("period_end_month")), _form_record(record))
		_finish_look(ws)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _form_record(monitoring: Mapping) -> dict:
	record = {key: monitoring.get(key) for key in HEADER_KEYS}
	record["period"] = (monitoring.get("performance_year"), monitoring.get("period_end_month"))
	record["indicators"] = [_form_row(indicator) for indicator in monitoring.get("indicators") or []]
	return record


def _form_row(indicator: Mapping) -> dict:
	row = dict(indicator)
	row["target"] = format_annual_target(indicator)
	row["actual"] = format_progress(indicator)
	row["expected"] = _number_or_none(indicator.get("expected_completion"), indicator.get("operator"))
	return row


def format_progress(indicator: Mapping) -> Any:
	"""1—N月实际完成值 as printed: the number, or "部分达成：description" for a qualitative indicator.

	A quantitative indicator's actual_text is not on the form.
	"""
	if indicator.get("operator") == words.QUALITATIVE:
		progress = indicator.get("qualitative_progress")
		parts = (words.QUALITATIVE_PROGRESS.get(progress, progress), as_text(indicator.get("actual_text")))
		return "：".join(part for part in parts if part) or None
	return _number_or_none(indicator.get("actual_to_date"), indicator.get("operator"))


def _number_or_none(value: Any, operator: str | None) -> float | None:
	number = None if operator == words.QUALITATIVE else parse_number(value)
	return None if number is None else float(number)


def _finish_look(ws) -> None:
	"""The period line stands unboxed under the title, as on the printed form."""
	for row in ws["A2:N2"]:
		for cell in row:
			cell.border = NO_BORDER


# ---------------------------------------------------------------- import


def import_monitorings(data: bytes, filename: str = "") -> tuple[list[dict], list[FormError]]:
	"""Monitorings read from an uploaded workbook, and every error; none at all when there is any error."""
	return read_form_sheets(data, filename, MONITORING_FORM, read_monitoring)


def read_monitoring(ws) -> tuple[dict, list[FormError]]:
	"""One monitoring from a form sheet, with every error on it."""
	form, caption_months = _sheet_layout(ws)
	record, errors = read_form(ws, form)
	if errors and not record:  # wrong template: nothing else is worth reading
		return {}, errors
	year, month = _period(ws.title, form, record["period"], errors)
	monitoring = {"performance_year": year, "period_end_month": month}
	monitoring |= {key: record[key] for key in HEADER_KEYS}
	monitoring["sheet"] = ws.title
	for where, caption_month in caption_months:
		if month is not None and caption_month is not None and caption_month != month:
			row, column = position(where)
			errors.append(FormError(ws.title, row, column, MONTHS_DIFFER, (as_text(ws[where].value), month)))
	monitoring["indicators"] = [_indicator(ws.title, form, row, errors) for row in record["indicators"]]
	return monitoring, errors


def _sheet_layout(ws) -> tuple[FormLayout, list[tuple[str, int | None]]]:
	"""The layout with the month captions as the sheet writes them, and the month each names.

	A caption that is not "1—N月…" gets the month of the period line, so the
	template check names the cell and the text expected there.
	"""
	try:
		_, line_month = PeriodLine().read(ws[MONITORING_FORM.header("period").value_at.split(":")[0]].value)
	except CellError:
		line_month = None
	captions: list[str] = []
	months: list[tuple[str, int | None]] = []
	for where, template in _month_captions():
		raw = ws[where].value
		match = _caption_pattern(template).fullmatch(compact(raw)) if isinstance(raw, str) else None
		if match:
			captions.append(raw)
			months.append((where, int(match.group(1)) if match.group(1) else None))
		else:
			captions.append(template.format(_month_text(line_month)))
	return _layout(*captions), months


def _caption_pattern(template: str) -> re.Pattern:
	""" "1—{0}月执行数" -> a pattern for its compact form with any dash and any (or no) month."""
	before, after = (compact(part) for part in template.split("{0}"))
	return re.compile(rf"{re.escape(before.rstrip('—'))}{_DASH}(\d{{0,2}}){re.escape(after)}")


def _period(
	sheet: str, form: FormLayout, period: tuple | None, errors: list[FormError]
) -> tuple[str | None, int | None]:
	"""Year and month of the period line; a missing half is required (a wrong line is already reported)."""
	if period is None:
		return None, None
	row, column = position(form.header("period").value_at)
	for value, caption in zip(period, (YEAR_CAPTION, MONTH_CAPTION), strict=True):
		if value is None:
			errors.append(FormError(sheet, row, column, REQUIRED, (caption,)))
	return period


def _indicator(sheet: str, form: FormLayout, row: Mapping, errors: list[FormError]) -> dict:
	indicator = {key: row.get(key) for key in INDICATOR_KEYS}
	indicator["row"] = row["row"]
	errors += level_errors(sheet, row, MONITORING_FORM.grid)
	target = read_annual_target(sheet, row, form.grid, errors)
	if target is None:
		return indicator
	indicator.update(target)
	operator, unit = target["operator"], target["unit"]
	actual_caption = next(column.caption for column in form.grid.columns if column.key == "actual")
	try:
		indicator.update(read_progress(row["actual"], operator, unit))
	except CellError as problem:
		errors.append(_grid_error(sheet, row, "actual", problem.message, actual_caption, *problem.details))
	try:
		indicator["expected_completion"] = read_expected(row["expected"], operator, unit)
	except CellError as problem:
		errors.append(
			_grid_error(sheet, row, "expected", problem.message, EXPECTED_CAPTION, *problem.details)
		)
	return indicator


def _grid_error(sheet: str, row: Mapping, key: str, message: str, *args: Any) -> FormError:
	return FormError(sheet, row["row"], MONITORING_FORM.grid.letter(key), message, args)


# The progress word ends at the first colon or line break; a description may follow.
_PROGRESS_END = re.compile(r"[:：\n]")


def read_progress(raw: Any, operator: str, unit: str | None) -> dict:
	"""1—N月实际完成值 -> {actual_to_date, actual_text, qualitative_progress} for an indicator of ``operator``.

	Quantitative: 80, "80", "80公里" (a unit after the number must be the unit
	of 年度指标值). Qualitative: a progress word, 已达成 / 部分达成 / 未达成
	(or an alias), optionally followed by "：" and a description. Blank reads
	as nothing reported. Raises CellError whose args follow the caption.
	"""
	found = {"actual_to_date": None, "actual_text": None, "qualitative_progress": None}
	if is_blank(raw):
		return found
	if operator == words.QUALITATIVE:
		found["qualitative_progress"], found["actual_text"] = _qualitative_progress(raw)
	else:
		found["actual_to_date"] = read_actual(raw, operator, unit)["actual_value"]
	return found


def read_expected(raw: Any, operator: str, unit: str | None) -> float | None:
	"""全年预计完成情况 -> a number for a quantitative indicator, None for a qualitative one.

	A qualitative indicator's outlook is its 完成目标可能性; its cell here is
	blank (or "/"), and text there is refused rather than dropped.
	"""
	if is_blank(raw):
		return None
	if operator == words.QUALITATIVE:
		if compact(raw) in NOT_APPLICABLE:
			return None
		raise CellError(EXPECTED_FOR_QUALITATIVE, quote_value(raw), LIKELIHOOD_CAPTION)
	return read_actual(raw, operator, unit)["actual_value"]


def _qualitative_progress(raw: Any) -> tuple[str, str | None]:
	text = as_text(raw) or ""
	head, *rest = _PROGRESS_END.split(text, maxsplit=1)
	word = compact(head)
	known = {compact(shown): stored for stored, shown in words.QUALITATIVE_PROGRESS.items()}
	known |= {compact(stored): stored for stored in words.QUALITATIVE_PROGRESS}
	known |= {compact(alias): stored for alias, stored in words.QUALITATIVE_PROGRESS_ALIASES.items()}
	if word not in known:
		raise CellError(PROGRESS_UNKNOWN, quote_value(raw), "、".join(words.QUALITATIVE_PROGRESS.values()))
	description = rest[0].strip() if rest else ""
	return known[word], description or None
