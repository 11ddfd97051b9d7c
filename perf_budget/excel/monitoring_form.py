"""项目支出绩效目标执行监控表 (财预〔2019〕136号 附): the monitoring form, e.g. for months 1–7.

Printed as the Ministry's attachment: title and （ 年度）; 项目名称;
主管部门及代码 | 实施单位; 项目资金（万元）: 年度资金总额 / 其中：财政拨款 /
其他资金 × 年初预算数 | 1-N月执行数 | 1-N月执行率 | 全年预计执行数, with the
deviation reason, likelihood and remarks of the money (双监控); 年度总体目标
with 年初设定目标 | 1-N月实际完成情况; the indicator table 一级 | 二级 | 三级 |
年度指标值 | 1-N月实际完成值 | 全年预计完成值 | 偏差原因分析 (经费保障 | 制度保障 |
人员保障 | 硬件条件保障 | 其他) | 完成目标可能性 (确定能 | 有可能 | 完全不可能) |
备注. The months come from the captions ("1-7月执行数"); 纠偏措施 per
indicator and 项目编码 sit right of the print area.

Lights, and the reason and measure a Red row needs, are the caller's
(perf_budget.rules.warnings): this module reads what the file states.
"""

import io
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from perf_budget.excel import official, upload
from perf_budget.excel import values as read
from perf_budget.excel import vocabulary as words
from perf_budget.excel.evaluation_form import (
	RATE_ABOVE_100,
	RATE_MISMATCH,
	amount,
	check_rate,
	format_actual,
)
from perf_budget.excel.goal_form import TOTAL_MISMATCH, level_blocks
from perf_budget.excel.layout import FormError, as_text, put, sheet_titles
from perf_budget.excel.official import GridColumn, Reading, find_title
from perf_budget.excel.sheet import SheetIndex, caption, caption_key
from perf_budget.rules.indicators import TARGET_KEYS, format_target_with_unit
from perf_budget.rules.numbers import parse_number, round_half_up

__all__ = [
	"INDICATOR_KEYS",
	"MESSAGES",
	"RECORD_KEYS",
	"TITLES",
	"export_monitorings",
	"import_monitorings",
	"read_monitoring",
]

TITLE = "项目支出绩效目标执行监控表"
# 运行监控表 is what many bureaus (and this app's earlier versions) call it.
TITLES = caption(TITLE, "项目支出绩效运行监控表", "绩效目标执行监控表", "绩效运行监控表")

MONTHS_MISSING = "The months of the period were not found: write them in the captions, e.g. 1-7月执行数"
MONTHS_DIFFER = "The caption {0} names months 1—{1}, but other captions name months 1—{2}"
MONTH_OUT_OF_RANGE = "{0}: the month {1} must be between 1 and 12"
TWO_MARKS = "{0}: mark only one of {1}, not {2}"
EXPECTED_FOR_QUALITATIVE = "{0} {1}: a qualitative indicator has no expected figure; leave this cell blank and give the outlook in {2}"
MESSAGES = (
	*official.MESSAGES,
	*upload.MESSAGES,
	*read.MESSAGES,
	TOTAL_MISMATCH,
	RATE_ABOVE_100,
	RATE_MISMATCH,
	MONTHS_MISSING,
	MONTHS_DIFFER,
	MONTH_OUT_OF_RANGE,
	TWO_MARKS,
	EXPECTED_FOR_QUALITATIVE,
)

# ---------------------------------------------------------------- captions

_DASH = r"[-—–~～〜至到]"
# "1-7月执行数"; the blank form's "1—  月执行数" names no month.
_MONTHS = rf"1{_DASH}(\d{{0,2}})月"

PROJECT_NAME = caption("项目名称")
DEPARTMENT = caption("主管部门及代码", "主管部门")
UNIT = caption("实施单位")
MONEY = caption("项目资金（万元）", "项目资金", prefix=True)
MONEY_COLUMNS = {
	"budget": caption("年初预算数", "全年预算数"),
	"executed": caption("1-N月执行数", pattern=rf"{_MONTHS}(?:累计)?执行数"),
	"rate": caption("1-N月执行率", "执行率", pattern=rf"{_MONTHS}执行率"),
	"expected": caption("全年预计执行数"),
	"reason": caption("偏差原因分析"),
	"likelihood": caption("完成目标可能性"),
	"remarks": caption("备注"),
}
MONEY_ROWS = {
	"total": caption("年度资金总额"),
	"fiscal": caption(
		"其中：财政拨款",
		"财政拨款",
		"其中：当年财政拨款",
		"其中：本年财政拨款",
		"当年财政拨款",
		"本年财政拨款",
	),
	"other": caption("其他资金"),
}
MONEY_KEYS = {
	("total", "budget"): "annual_budget",
	("total", "executed"): "executed_amount",
	("total", "expected"): "expected_full_year",
	("fiscal", "budget"): "budget_fiscal",
	("fiscal", "executed"): "executed_fiscal",
	("fiscal", "expected"): "expected_fiscal",
	("other", "budget"): "budget_other",
	("other", "executed"): "executed_other",
	("other", "expected"): "expected_other",
}
GOALS = caption("年度总体目标", "总体目标")
SET_GOAL = caption("年初设定目标")
PROGRESS = caption("1-N月实际完成情况", pattern=rf"{_MONTHS}(?:实际)?完成情况")
LEVEL1 = caption("一级指标")
REASONS = (
	("reason_funding", caption("经费保障")),
	("reason_rules", caption("制度保障")),
	("reason_staffing", caption("人员保障")),
	("reason_conditions", caption("硬件条件保障", "硬件保障")),
	("reason_other", caption("其他")),
)
LIKELIHOODS = tuple((f"likely_{stored}", caption(shown)) for stored, shown in words.LIKELIHOODS.items())
GRID = (
	GridColumn("level1", LEVEL1, True),
	GridColumn("level2", caption("二级指标"), True),
	GridColumn("indicator_name", caption("三级指标"), True),
	GridColumn("target", caption("年度指标值", "指标值"), True),
	GridColumn("actual", caption("1-N月实际完成值", pattern=rf"{_MONTHS}实际完成值"), True),
	GridColumn("expected", caption("全年预计完成值", "全年预计完成情况"), True),
	GridColumn("reason_other", caption("偏差原因分析"), True, parts=REASONS),
	GridColumn("likelihood", caption("完成目标可能性"), True, parts=LIKELIHOODS),
	GridColumn("remarks", caption("备注"), True),
	GridColumn("corrective_measure", caption("纠偏措施", "改进措施")),
)
EXTRAS = (
	("performance_year", caption("绩效年度"), lambda raw: as_text(raw), "0"),
	("project_code", caption("项目编码", "项目代码"), read.read_text, "@"),
	("record_name", caption("记录编号"), read.read_text, "@"),
	("exported_modified", caption("导出时版本"), read.read_text, "@"),
)
ALL_CAPTIONS = official.any_caption(
	PROJECT_NAME,
	DEPARTMENT,
	UNIT,
	MONEY,
	GOALS,
	SET_GOAL,
	PROGRESS,
	*MONEY_COLUMNS.values(),
	*MONEY_ROWS.values(),
	*(column.caption for column in GRID),
	*(wanted for _, wanted in (*REASONS, *LIKELIHOODS)),
	*(wanted for _, wanted, _, _ in EXTRAS),
)

RECORD_KEYS = (
	"performance_year",
	"period_end_month",
	"project_name",
	"competent_department",
	"budget_unit",
	*MONEY_KEYS.values(),
	"execution_rate",
	"money_deviation_reason",
	"money_likelihood",
	"money_remarks",
	"annual_goal",
	"goal_progress",
	*(key for key, _, _, _ in EXTRAS if key != "performance_year"),
)
INDICATOR_KEYS = (
	*TARGET_KEYS,
	"actual_to_date",
	"actual_text",
	"qualitative_progress",
	"expected_completion",
	"likelihood",
	*(key for key, _ in REASONS),
	"corrective_measure",
	"remarks",
)

# Print columns A–P; 纠偏措施 at R, the app's header fields from T.
LAST_COLUMN = 16
WIDTHS = (5, 10, 10, 20, 12, 12, 11, 8, 8, 8, 8, 8, 7, 7, 7, 12)
MEASURE_COLUMN = "R"
EXTRA_HEADER_COLUMN = 20
GRID_HEADER_ROW = 11


# ---------------------------------------------------------------- export


def export_monitorings(records: list[Mapping]) -> bytes:
	"""One form sheet per monitoring record, as .xlsx bytes; none gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	records = list(records) or [{}]
	for record, title in zip(records, sheet_titles(records, "监控"), strict=True):
		write_monitoring(workbook.create_sheet(title), record)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def months(month: Any) -> str:
	"""7 -> "1-7月"; blank -> the blank of the printed form, "1-  月"."""
	number = parse_number(month)
	return f"1-{int(number)}月" if number is not None and number == int(number) else "1-  月"


def write_monitoring(ws, record: Mapping) -> None:
	for number, width in enumerate(WIDTHS, 1):
		ws.column_dimensions[chr(64 + number)].width = width
	period = months(record.get("period_end_month"))
	official.write_title(ws, "A1:P1", official.form_title(TITLE, record.get("expenditure_type")))
	put(ws, "A2:P2", official.year_line(record.get("performance_year")), border=official.NO_BORDER)
	official.write_caption(ws, "A3:B3", PROJECT_NAME.printed)
	official.write_value(ws, "C3:P3", as_text(record.get("project_name")), horizontal="left")
	official.write_caption(ws, "A4:B4", DEPARTMENT.printed)
	official.write_value(ws, "C4:H4", as_text(record.get("competent_department")), horizontal="left")
	official.write_caption(ws, "I4:J4", UNIT.printed)
	official.write_value(ws, "K4:P4", as_text(record.get("budget_unit")), horizontal="left")
	_write_money(ws, record, period)
	official.write_caption(ws, "A9:A10", GOALS.printed, bold=True)
	official.write_caption(ws, "B9:H9", SET_GOAL.printed, bold=True)
	official.write_caption(ws, "I9:P9", f"{period}实际完成情况", bold=True)
	official.write_value(ws, "B10:H10", as_text(record.get("annual_goal")), horizontal="left", top=True)
	official.write_value(ws, "I10:P10", as_text(record.get("goal_progress")), horizontal="left", top=True)
	last = _write_indicators(ws, record, period)
	official.write_extras(ws, EXTRA_HEADER_COLUMN, 3, _extra_values(record))
	official.fit_rows(ws, 3, last, paragraphs=(10,))
	official.page_setup(ws, LAST_COLUMN, last, f"{GRID_HEADER_ROW}:{GRID_HEADER_ROW + 1}")


def _write_money(ws, record: Mapping, period: str) -> None:
	official.write_caption(ws, "A5:A8", MONEY.printed, bold=True)
	official.write_caption(ws, "B5:C5", "")
	captions = (
		("D5:E5", "年初预算数"),
		("F5:G5", f"{period}执行数"),
		("H5", f"{period}执行率"),
		("I5:J5", "全年预计执行数"),
		("K5:M5", "偏差原因分析"),
		("N5:O5", "完成目标可能性"),
		("P5", "备注"),
	)
	for where, text in captions:
		official.write_caption(ws, where, text, bold=True)
	shown = official.shown_amounts(record, MONEY_KEYS, ("fiscal", "other"))
	for row, (part, wanted) in enumerate(MONEY_ROWS.items(), 6):
		official.write_caption(ws, f"B{row}:C{row}", wanted.printed)
		budget, executed = shown[(part, "budget")], shown[(part, "executed")]
		official.write_value(ws, f"D{row}:E{row}", amount(budget), "0.00", "right")
		official.write_value(ws, f"F{row}:G{row}", amount(executed), "0.00", "right")
		rate = record.get("execution_rate") if part == "total" else _rate(budget, executed)
		rate = parse_number(rate)
		official.write_value(ws, f"H{row}", None if rate is None else float(rate / 100), "0.00%", "right")
		official.write_value(ws, f"I{row}:J{row}", amount(shown[(part, "expected")]), "0.00", "right")
	likelihood = record.get("money_likelihood")
	official.write_value(
		ws, "K6:M8", as_text(record.get("money_deviation_reason")), horizontal="left", top=True
	)
	official.write_value(ws, "N6:O8", words.LIKELIHOODS.get(likelihood, likelihood))
	official.write_value(ws, "P6:P8", as_text(record.get("money_remarks")), horizontal="left", top=True)


def _rate(budget: Any, executed: Any) -> Decimal | None:
	budget, executed = parse_number(budget), parse_number(executed)
	if not budget or executed is None:
		return None
	return Decimal(str(round_half_up(executed / budget * 100, 2)))


def _write_indicators(ws, record: Mapping, period: str) -> int:
	header, sub = GRID_HEADER_ROW, GRID_HEADER_ROW + 1
	singles = (
		("B", "一级指标"),
		("C", "二级指标"),
		("D", "三级指标"),
		("E", "年度指标值"),
		("F", f"{period}实际完成值"),
		("G", "全年预计完成值"),
		("P", "备注"),
		(MEASURE_COLUMN, "纠偏措施"),
	)
	for letter, text in singles:
		official.write_caption(ws, f"{letter}{header}:{letter}{sub}", text, bold=True)
	ws.column_dimensions[MEASURE_COLUMN].width = 24
	official.write_caption(ws, f"H{header}:L{header}", "偏差原因分析", bold=True)
	official.write_caption(ws, f"M{header}:O{header}", "完成目标可能性", bold=True)
	for letter, (_, wanted) in zip("HIJKLMNO", (*REASONS, *LIKELIHOODS), strict=True):
		official.write_caption(ws, f"{letter}{sub}", wanted.printed)
	row = sub + 1
	blocks = level_blocks([], record.get("indicators") or []) or [
		(level1, [], []) for level1 in words.LEVEL1 if level1 != "Cost"
	]
	for level1, _, indicators in blocks:
		height = max(len(indicators), 1)
		official.write_value(
			ws, f"B{row}:B{row + height - 1}" if height > 1 else f"B{row}", words.LEVEL1.get(level1, level1)
		)
		for offset in range(height):
			_write_row(ws, row + offset, indicators[offset] if offset < len(indicators) else {})
		row += height
	official.write_caption(ws, f"A{header}:A{row - 1}", "绩效指标", bold=True)
	return row - 1


def _write_row(ws, row: int, indicator: Mapping) -> None:
	level2 = indicator.get("level2")
	likelihood = indicator.get("likelihood")
	shown = [
		("C", words.LEVEL2.get(level2, level2)),
		("D", as_text(indicator.get("indicator_name"))),
		("E", format_target_with_unit(indicator) if indicator else None),
		("F", format_progress(indicator) if indicator else None),
		("G", _expected(indicator)),
		*((letter, as_text(indicator.get(key))) for letter, (key, _) in zip("HIJKL", REASONS, strict=True)),
		*(
			(letter, "√" if likelihood == stored else None)
			for letter, stored in zip("MNO", words.LIKELIHOODS, strict=True)
		),
		("P", as_text(indicator.get("remarks"))),
		(MEASURE_COLUMN, as_text(indicator.get("corrective_measure"))),
	]
	for letter, value in shown:
		official.write_value(
			ws, f"{letter}{row}", value, horizontal="left" if letter in "DHIJKLPR" else "center"
		)


def format_progress(indicator: Mapping) -> Any:
	"""1-N月实际完成值 as printed: "80公里", or "部分达成：description" for a qualitative indicator."""
	if indicator.get("operator") == words.QUALITATIVE:
		progress = indicator.get("qualitative_progress")
		parts = (words.QUALITATIVE_PROGRESS.get(progress, progress), as_text(indicator.get("actual_text")))
		return "：".join(part for part in parts if part) or None
	return format_actual({**indicator, "actual_value": indicator.get("actual_to_date")})


def _expected(indicator: Mapping) -> Any:
	if indicator.get("operator") == words.QUALITATIVE:
		return None
	return format_actual({**indicator, "actual_value": indicator.get("expected_completion")})


def _extra_values(record: Mapping) -> list[tuple[str, Any, str]]:
	shown = []
	for key, wanted, _, number_format in EXTRAS:
		value = record.get(key)
		if key == "performance_year":
			value = int(value) if as_text(value) and as_text(value).isdigit() else as_text(value)
		shown.append((wanted.printed, value, number_format))
	return shown


# ---------------------------------------------------------------- import


def import_monitorings(
	data: bytes, filename: str = "", synonyms: Mapping | None = None
) -> tuple[list[dict], list[FormError]]:
	"""Monitoring records read from an uploaded workbook, and every error; none at all when there is any error."""
	return upload.read_sheets(data, filename, TITLES, lambda ws: read_monitoring(ws, synonyms))


def read_monitoring(ws, synonyms: Mapping | None = None) -> tuple[dict, list[FormError]]:
	"""One monitoring record from a form sheet, with every error on it."""
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	title = find_title(index, TITLES)
	year, line_month = official.read_year(reading, title, EXTRAS[0][1])
	record: dict[str, Any] = {"performance_year": year, "sheet": ws.title}
	record["expenditure_type"] = official.title_type(index, title)
	official.read_project(reading, record, (PROJECT_NAME, DEPARTMENT, UNIT), ALL_CAPTIONS)
	record["period_end_month"] = _month(reading, line_month)
	grid_box = index.first(LEVEL1)
	grid_row = grid_box.top if grid_box else index.max_row + 1
	_read_money(reading, record, grid_row)
	record["annual_goal"] = reading.read(
		official.below_cell(reading, SET_GOAL), "年初设定目标", read.read_text, True
	)
	record["goal_progress"] = reading.read(
		official.below_cell(reading, PROGRESS, False), "实际完成情况", read.read_text
	)
	record["extras_found"] = official.read_extras(reading, record, EXTRAS[1:])
	_read_indicators(reading, record, synonyms)
	return record, reading.errors


_MONTH_IN_CAPTION = re.compile(_MONTHS)


def _month(reading: Reading, line_month: int | None) -> int | None:
	"""The last month of the period, from every caption that names one; they must agree."""
	index = reading.index
	named: list[tuple[tuple[int, int], int]] = []
	for wanted in (MONEY_COLUMNS["executed"], MONEY_COLUMNS["rate"], PROGRESS, GRID[4].caption):
		for box in index.find(wanted):
			found = _MONTH_IN_CAPTION.search(caption_key(index.value(box.top, box.left)))
			if found and found.group(1):
				named.append(((box.top, box.left), int(found.group(1))))
	# the line under the title decides; else the month most captions name, so the odd one is reported
	months = [month for _, month in named]
	month = line_month if line_month is not None else (max(months, key=months.count) if months else None)
	if month is None:
		reading.error(None, None, MONTHS_MISSING)
		return None
	if not 1 <= month <= 12:
		where = reading.year_cell if line_month is not None else next(w for w, m in named if m == month)
		reading.error(*(where or (None, None)), MONTH_OUT_OF_RANGE, "监控期间", month)
		return None
	for where, other in named:
		if other != month:
			reading.error(*where, MONTHS_DIFFER, as_text(index.value(*where)), other, month)
	return month


def _read_money(reading: Reading, record: dict, grid_row: int) -> None:
	index = reading.index
	table = official.find_table(
		reading,
		MONEY_ROWS,
		MONEY_COLUMNS,
		("total", "fiscal", "other"),
		tuple(MONEY_COLUMNS),
		above=grid_row - 1,
	)
	amounts: dict[tuple[str, str], Decimal | None] = {}
	for part, column in MONEY_KEYS:
		required = part == "total" and column != "expected"
		amounts[(part, column)] = reading.read(
			table.at(part, column), money_label(column, part, reading, table), read.read_amount, required
		)
	for column in ("budget", "executed", "expected"):
		parts = [amounts[(part, column)] for part in ("fiscal", "other")]
		total = amounts[("total", column)]
		if total is not None and any(value is not None for value in parts):
			found = sum(value or Decimal(0) for value in parts)
			cells = [table.at(part, column) for part in MONEY_ROWS]
			if reading.all_read(*cells) and abs(total - found) > Decimal("0.005"):
				reading.error(
					*table.at("total", column),
					TOTAL_MISMATCH,
					money_label(column, "total", reading, table),
					f"{total:.2f}",
					f"{found:.2f}",
				)
			for part, value in zip(("fiscal", "other"), parts, strict=True):
				amounts[(part, column)] = value or Decimal(0)
	for (part, column), key in MONEY_KEYS.items():
		value = amounts[(part, column)]
		record[key] = None if value is None else round_half_up(value, 2)
	record["execution_rate"] = None
	for part in MONEY_ROWS:
		rate_at = table.at(part, "rate")
		if not rate_at:
			continue
		percent_cell = index.is_percent_cell(*rate_at)
		rate = reading.read(
			rate_at,
			money_label("rate", part, reading, table),
			lambda raw, cell=percent_cell: read.read_percent(raw, cell),
		)
		if rate is not None:
			check_rate(
				reading,
				rate_at,
				money_label("rate", part, reading, table),
				rate,
				amounts[(part, "budget")],
				amounts[(part, "executed")],
			)
			if part == "total":
				record["execution_rate"] = round_half_up(rate, 2)
	record["money_deviation_reason"] = _block_text(reading, table, "reason")
	likelihood_at = table.at("total", "likelihood")
	record["money_likelihood"] = (
		reading.read(
			likelihood_at,
			"完成目标可能性（资金）",
			lambda raw: read.read_choice(raw, words.LIKELIHOODS, words.LIKELIHOOD_ALIASES),
		)
		if likelihood_at
		else None
	)
	record["money_remarks"] = _block_text(reading, table, "remarks")


def _block_text(reading: Reading, table, column: str) -> str | None:
	"""A money column's text: one merged cell over the three rows, or a line per row that has one."""
	index = reading.index
	texts: list[str] = []
	for part in MONEY_ROWS:
		where = table.at(part, column)
		text = read.read_text(index.value(*where)) if where else None
		if text and text not in texts:
			texts.append(text)
	return "\n".join(texts) or None


def money_label(column: str, part: str, reading: Reading | None = None, table=None) -> str:
	"""How a money cell is named in messages, with the caption as the sheet writes it: 1-7月执行数（财政拨款）."""
	shown = MONEY_COLUMNS[column].printed
	if reading is not None and table is not None and table.caption_row and column in table.columns:
		shown = as_text(reading.index.value(table.caption_row, table.columns[column])) or shown
	return f"{shown}（{MONEY_ROWS[part].printed.removeprefix('其中：')}）"


def _read_indicators(reading: Reading, record: dict, synonyms: Mapping | None) -> None:
	index = reading.index
	place = official.find_grid(reading, LEVEL1, GRID)
	record["indicators"] = []
	if place is None or place.lacks_required(GRID):
		return
	rows, _ = official.grid_rows(reading, place)
	level1 = official.fill_down(rows, index, "level1")
	level2 = official.fill_down(rows, index, "level2", "level1")
	progress = {
		**words.QUALITATIVE_PROGRESS_ALIASES,
		**(words.RESULT_SYNONYMS if synonyms is None else synonyms),
	}
	for row in rows:
		indicator = _indicator(reading, row, level1[row.row], level2[row.row], progress)
		if indicator:
			record["indicators"].append(indicator)


def _indicator(reading: Reading, row, level1: tuple, level2: tuple, progress: Mapping) -> dict | None:
	index = reading.index
	cells = row.cells
	name = reading.read(
		cells["indicator_name"], "三级指标", lambda raw: official.data_text(official.indicator_name(raw))
	)
	if name is None and all(read.is_empty(index.value(*cells[key])) for key in ("target", "actual")):
		return None
	target_at = cells["target"]
	fields = {"name": cells["indicator_name"], "target": target_at}
	indicator = official.read_indicator(reading, row.row, name, fields, (level1, level2), None, "年度指标值")
	operator, value, unit = indicator["operator"], indicator["target_value"], indicator["unit"]
	indicator.update(
		actual_to_date=None, actual_text=None, qualitative_progress=None, expected_completion=None
	)
	actual_at = cells["actual"]
	actual_label = "实际完成值"
	if operator == words.QUALITATIVE:
		found = reading.read(
			actual_at, actual_label, lambda raw: read.read_result(raw, words.QUALITATIVE_PROGRESS, progress)
		)
		if found:
			indicator["qualitative_progress"], indicator["actual_text"] = found
	elif operator:
		percent = index.is_percent_cell(*actual_at)
		indicator["actual_to_date"] = reading.read(
			actual_at, actual_label, lambda raw: read.read_quantity(raw, unit, value, percent)
		)
	if "expected" in cells:
		indicator["expected_completion"] = _expected_value(reading, cells["expected"], operator, unit, value)
	_read_likelihood(reading, row, indicator)
	for key, _ in REASONS:
		indicator[key] = read.read_text(index.value(*cells[key])) if key in cells else None
	for key in ("remarks", "corrective_measure"):
		indicator[key] = read.read_text(index.value(*cells[key])) if key in cells else None
	return indicator


def _expected_value(
	reading: Reading, where, operator: str | None, unit: str | None, target: float | None
) -> float | None:
	index = reading.index
	raw = index.value(*where)
	if read.is_empty(raw) or not operator:
		return None
	if operator == words.QUALITATIVE:
		reading.error(*where, EXPECTED_FOR_QUALITATIVE, "全年预计完成值", as_text(raw), "完成目标可能性")
		return None
	percent = index.is_percent_cell(*where)
	return reading.read(
		where, "全年预计完成值", lambda value: read.read_quantity(value, unit, target, percent)
	)


def _read_likelihood(reading: Reading, row, indicator: dict) -> None:
	"""完成目标可能性: one ticked column of three, or a word in a single column."""
	index = reading.index
	cells = row.cells
	if "likelihood" in cells:
		indicator["likelihood"] = reading.read(
			cells["likelihood"],
			"完成目标可能性",
			lambda raw: read.read_choice(raw, words.LIKELIHOODS, words.LIKELIHOOD_ALIASES),
		)
		return
	columns = [
		(stored, cells.get(key)) for (key, _), stored in zip(LIKELIHOODS, words.LIKELIHOODS, strict=True)
	]
	marks = read.ticked([index.value(*where) if where else None for _, where in columns])
	ticked = [columns[number] for number in marks]
	indicator["likelihood"] = ticked[0][0] if len(ticked) == 1 else None
	if len(ticked) > 1:
		shown = "、".join(words.LIKELIHOODS[stored] for stored, _ in ticked)
		reading.error(
			row.row,
			ticked[0][1][1],
			TWO_MARKS,
			"完成目标可能性",
			"、".join(words.LIKELIHOODS.values()),
			shown,
		)
