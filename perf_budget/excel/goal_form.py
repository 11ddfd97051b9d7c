"""项目支出绩效目标申报表 (财预〔2015〕88号 附1): the goal application form.

Printed as the Ministry's attachment: title and （ 年度）; 项目名称;
主管部门及代码 | 实施单位; 项目属性 | 项目期; 项目资金（万元） with 中期资金总额
and 年度资金总额, each 其中：财政拨款 / 其他资金; 总体目标 with
中期目标（20××—20××年） | 年度目标; 绩效指标: 一级指标, then 二级指标 |
三级指标 | 指标值 for the medium term and again for the year. Right of the
print area the app keeps what the form has no place for: 计量单位, 分值 and
评(扣)分标准 per annual indicator, and 项目编码, 预算类型… per goal.

``read_goal`` finds all of it by captions (see perf_budget.excel.official);
rules that need the site (weights per level, duplicates, the unit) are the
caller's. Amounts are 万元 with 2 decimals.
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
from perf_budget.excel.layout import (
	FormError,
	as_text,
	fold,
	put,
	read_date,
	sheet_titles,
)
from perf_budget.excel.official import Reading, find_title
from perf_budget.excel.sheet import Caption, SheetIndex, caption
from perf_budget.rules.indicator_order import LEVEL1_ORDER, level_rank
from perf_budget.rules.indicators import format_target_with_unit
from perf_budget.rules.numbers import parse_number, round_half_up

__all__ = [
	"HEADER_KEYS",
	"MESSAGES",
	"TITLES",
	"export_goals",
	"import_goals",
	"read_goal",
]

TITLE = "项目支出绩效目标申报表"
TITLES = caption(TITLE, "项目绩效目标申报表", "绩效目标申报表")

TOTAL_MISMATCH = "{0} {1} must equal fiscal plus other funds, {2}"
END_BEFORE_START = "{0} {1} is before the start date {2}"
TARGET_UNIT_DIFFERS = read.TARGET_UNIT_DIFFERS
MESSAGES = (
	*official.MESSAGES,
	*upload.MESSAGES,
	*read.MESSAGES,
	TOTAL_MISMATCH,
	END_BEFORE_START,
)

# ---------------------------------------------------------------- captions

PROJECT_NAME = caption("项目名称")
DEPARTMENT = caption("主管部门及代码", "主管部门")
UNIT = caption("实施单位")
ATTRIBUTE = caption("项目属性")
PERIOD = caption("项目期", "项目期限", "项目实施期")
MONEY = caption("项目资金（万元）", "项目资金", prefix=True)
MEDIUM_TOTAL = caption("中期资金总额")
ANNUAL_TOTAL = caption("年度资金总额")
FISCAL = caption("其中：财政拨款", "财政拨款", "其中：财政资金", "财政资金")
OTHER = caption("其他资金")
GOALS = caption("总体目标")
MEDIUM_GOAL = caption("中期目标", prefix=True)
ANNUAL_GOAL = caption("年度目标")
INDICATORS = caption("绩效指标")
LEVEL1 = caption("一级指标")
LEVEL2 = caption("二级指标")
LEVEL3 = caption("三级指标")
TARGET = caption("指标值", "中期指标值", "年度指标值")
# The app's own columns of the annual indicators, right of the print area.
UNIT_COLUMN = caption("计量单位", "单位")
WEIGHT_COLUMN = caption("分值", "权重")
STANDARD_COLUMN = caption("评(扣)分标准", "评分标准", "评（扣）分标准")

# The app's own header fields: key, caption, reader, how the export formats it.
EXTRAS = (
	("performance_year", caption("绩效年度"), lambda raw: as_text(raw), "0"),
	("project_code", caption("项目编码", "项目代码"), lambda raw: read.read_text(raw), "@"),
	(
		"budget_type",
		caption("预算类型"),
		lambda raw: read.read_choice(raw, words.BUDGET_TYPES, {"年初": "Annual", "追加": "Supplementary"}),
		"@",
	),
	("is_key_project", caption("是否重点项目"), lambda raw: read.read_choice(raw, words.YES_NO), "@"),
	("period_start", caption("项目开始日期"), read_date, "yyyy-mm-dd"),
	("period_end", caption("项目结束日期"), read_date, "yyyy-mm-dd"),
	("contact_person", caption("联系人"), lambda raw: read.read_text(raw), "@"),
	("contact_phone", caption("联系电话"), lambda raw: read.read_text(raw), "@"),
	("basis", caption("立项依据"), lambda raw: read.read_text(raw), "@"),
	("implementation_plan", caption("实施计划"), lambda raw: read.read_text(raw), "@"),
	("schedule", caption("进度安排"), lambda raw: read.read_text(raw), "@"),
	("record_name", caption("记录编号"), lambda raw: read.read_text(raw), "@"),
	("exported_modified", caption("导出时版本"), lambda raw: read.read_text(raw), "@"),
)
EXTRA_CAPTIONS = tuple(wanted for _, wanted, _, _ in EXTRAS)
# The extras a sheet may lack (the year is always read: from the title, the year line or 绩效年度).
EXTRA_KEYS = tuple(key for key, _, _, _ in EXTRAS[1:])
ALL_CAPTIONS = official.any_caption(
	PROJECT_NAME,
	DEPARTMENT,
	UNIT,
	ATTRIBUTE,
	PERIOD,
	MONEY,
	MEDIUM_TOTAL,
	ANNUAL_TOTAL,
	FISCAL,
	OTHER,
	GOALS,
	MEDIUM_GOAL,
	ANNUAL_GOAL,
	INDICATORS,
	LEVEL1,
	LEVEL2,
	LEVEL3,
	TARGET,
	*EXTRA_CAPTIONS,
)

HEADER_KEYS = (
	"performance_year",
	"project_name",
	"competent_department",
	"budget_unit",
	"project_attribute",
	"project_period",
	"medium_term_start_year",
	"medium_term_end_year",
	"medium_term_total",
	"medium_term_fiscal",
	"medium_term_other",
	"total_amount",
	"fiscal_amount",
	"other_amount",
	"long_term_goal",
	"annual_goal",
	*(key for key, _, _, _ in EXTRAS if key != "performance_year"),
)

# Print columns A–H; the app's columns start at J (indicators) and N (header).
LAST_COLUMN = 8
WIDTHS = (8, 12, 14, 26, 14, 14, 26, 14)
EXTRA_GRID_COLUMN = 10
EXTRA_HEADER_COLUMN = 14
HEADER_ROW = 11


# ---------------------------------------------------------------- export


def export_goals(goals: list[Mapping]) -> bytes:
	"""One form sheet per goal, as .xlsx bytes; no goals gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	goals = list(goals) or [{}]
	for goal, title in zip(goals, sheet_titles(goals, "目标"), strict=True):
		write_goal(workbook.create_sheet(title), goal)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def write_goal(ws, goal: Mapping) -> None:
	for number, width in enumerate(WIDTHS, 1):
		ws.column_dimensions[chr(64 + number)].width = width
	official.write_title(ws, "A1:H1", official.form_title(TITLE, goal.get("expenditure_type")))
	put(ws, "A2:H2", official.year_line(goal.get("performance_year")), border=official.NO_BORDER)
	_pair(ws, 3, ("A3:B3", PROJECT_NAME, "C3:H3", goal.get("project_name")))
	_pair(
		ws,
		4,
		("A4:B4", DEPARTMENT, "C4:D4", goal.get("competent_department")),
		("E4:F4", UNIT, "G4:H4", goal.get("budget_unit")),
	)
	attribute = words.PROJECT_ATTRIBUTES.get(goal.get("project_attribute"), goal.get("project_attribute"))
	_pair(
		ws,
		5,
		("A5:B5", ATTRIBUTE, "C5:D5", attribute),
		("E5:F5", PERIOD, "G5:H5", goal.get("project_period")),
	)
	official.write_caption(ws, "A6:A8", MONEY.printed, bold=True)
	money = (
		(6, MEDIUM_TOTAL.printed, "medium_term_total", ANNUAL_TOTAL.printed, "total_amount"),
		(7, FISCAL.printed, "medium_term_fiscal", FISCAL.printed, "fiscal_amount"),
		(8, OTHER.printed, "medium_term_other", OTHER.printed, "other_amount"),
	)
	for row, mid_caption, mid_key, year_caption, year_key in money:
		official.write_caption(ws, f"B{row}:C{row}", mid_caption)
		official.write_value(ws, f"D{row}:E{row}", _amount(goal.get(mid_key)), "0.00", "right")
		official.write_caption(ws, f"F{row}:G{row}", year_caption)
		official.write_value(ws, f"H{row}", _amount(goal.get(year_key)), "0.00", "right")
	official.write_caption(ws, "A9:A10", GOALS.printed, bold=True)
	official.write_caption(
		ws, "B9:E9", medium_goal_caption(goal.get("medium_term_start_year"), goal.get("medium_term_end_year"))
	)
	official.write_caption(ws, "F9:H9", ANNUAL_GOAL.printed)
	official.write_value(ws, "B10:E10", as_text(goal.get("long_term_goal")), horizontal="left", top=True)
	official.write_value(ws, "F10:H10", as_text(goal.get("annual_goal")), horizontal="left", top=True)
	last = _write_indicators(ws, goal)
	official.write_extras(ws, EXTRA_HEADER_COLUMN, 3, _extra_values(goal))
	official.fit_rows(ws, 3, last, paragraphs=(10,))
	official.page_setup(ws, LAST_COLUMN, last, f"{HEADER_ROW}:{HEADER_ROW}", landscape=False)


def _pair(ws, row: int, *items) -> None:
	for caption_at, wanted, value_at, value in items:
		official.write_caption(ws, caption_at, wanted.printed)
		official.write_value(ws, value_at, as_text(value), horizontal="left")


def medium_goal_caption(start: Any, end: Any) -> str:
	"""中期目标（2025—2027年）, or the blank of the printed form."""
	if start and end:
		return f"中期目标（{int(start)}—{int(end)}年）"
	return "中期目标（20××—20××年）"


def _amount(value: Any) -> float | None:
	number = parse_number(value)
	return None if number is None else round_half_up(number, 2)


def _extra_values(goal: Mapping) -> list[tuple[str, Any, str]]:
	shown = []
	for key, wanted, _, number_format in EXTRAS:
		value = goal.get(key)
		if key == "budget_type":
			value = words.BUDGET_TYPES.get(value, value)
		elif key == "is_key_project":
			value = words.YES_NO.get(bool(value)) if value is not None else None
		elif key == "performance_year":
			value = int(value) if as_text(value) and as_text(value).isdigit() else as_text(value)
		shown.append((wanted.printed, value, number_format))
	return shown


def _write_indicators(ws, goal: Mapping) -> int:
	"""The 绩效指标 block; returns its last row."""
	captions = (LEVEL1, LEVEL2, LEVEL3, TARGET, LEVEL2, LEVEL3, TARGET)
	for number, wanted in enumerate(captions, 2):
		official.write_caption(ws, f"{chr(64 + number)}{HEADER_ROW}", wanted.printed, bold=True)
	for offset, wanted in enumerate((UNIT_COLUMN, WEIGHT_COLUMN, STANDARD_COLUMN)):
		letter = chr(64 + EXTRA_GRID_COLUMN + offset)
		official.write_caption(ws, f"{letter}{HEADER_ROW}", wanted.printed, bold=True)
		ws.column_dimensions[letter].width = (10, 8, 30)[offset]
	row = HEADER_ROW + 1
	blocks = level_blocks(goal.get("medium_term_indicators") or [], goal.get("indicators") or [])
	if not blocks:  # a blank form: one empty block per level to fill in
		blocks = [(level1, [], []) for level1 in words.LEVEL1 if level1 != "Cost"]
	for level1, medium, annual in blocks:
		height = max(len(medium), len(annual), 1)
		where = f"B{row}:B{row + height - 1}" if height > 1 else f"B{row}"
		official.write_value(ws, where, words.LEVEL1.get(level1, level1))
		for offset in range(height):
			_write_side(ws, row + offset, "CDE", medium[offset] if offset < len(medium) else None)
			_write_side(ws, row + offset, "FGH", annual[offset] if offset < len(annual) else None)
			_write_annual_extras(ws, row + offset, annual[offset] if offset < len(annual) else None)
		row += height
	official.write_caption(ws, f"A{HEADER_ROW}:A{row - 1}", INDICATORS.printed, bold=True)
	return row - 1


def level_blocks(medium: list[Mapping], annual: list[Mapping]) -> list[tuple[str, list, list]]:
	"""Indicators grouped by level 1 and ordered level 1 → level 2 (rules.indicator_order),
	as the form prints them."""
	order1 = list(LEVEL1_ORDER)
	blocks = []
	levels = [level for level in order1 if any(row.get("level1") == level for row in (*medium, *annual))]
	levels += sorted({row.get("level1") for row in (*medium, *annual)} - set(order1) - {None}, key=str)
	for level in levels:
		blocks.append(
			(
				level,
				sorted((row for row in medium if row.get("level1") == level), key=level_rank),
				sorted((row for row in annual if row.get("level1") == level), key=level_rank),
			)
		)
	return blocks


def _write_side(ws, row: int, letters: str, indicator: Mapping | None) -> None:
	indicator = indicator or {}
	level2 = indicator.get("level2")
	shown = (
		words.LEVEL2.get(level2, level2),
		as_text(indicator.get("indicator_name")),
		format_target_with_unit(indicator) if indicator else None,
	)
	for letter, value in zip(letters, shown, strict=True):
		official.write_value(ws, f"{letter}{row}", value, horizontal="left" if letter in "DG" else "center")


def _write_annual_extras(ws, row: int, indicator: Mapping | None) -> None:
	indicator = indicator or {}
	letters = [chr(64 + EXTRA_GRID_COLUMN + offset) for offset in range(3)]
	official.write_value(ws, f"{letters[0]}{row}", as_text(indicator.get("unit")))
	weight = parse_number(indicator.get("weight"))
	official.write_value(ws, f"{letters[1]}{row}", None if weight is None else float(weight), "General")
	official.write_value(
		ws, f"{letters[2]}{row}", as_text(indicator.get("evaluation_standard")), horizontal="left"
	)


# ---------------------------------------------------------------- import


def import_goals(
	data: bytes, filename: str = "", synonyms: Mapping | None = None
) -> tuple[list[dict], list[FormError]]:
	"""Goals read from an uploaded workbook, and every error; no goals at all when there is any error."""
	return upload.read_sheets(data, filename, TITLES, read_goal)


def read_goal(ws, synonyms: Mapping | None = None) -> tuple[dict, list[FormError]]:
	"""One goal from a form sheet, with every error on it."""
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	title = find_title(index, TITLES)
	year, _ = official.read_year(reading, title, EXTRAS[0][1])
	goal: dict[str, Any] = {"performance_year": year, "sheet": ws.title}
	goal["expenditure_type"] = official.title_type(index, title)
	official.read_project(reading, goal, (PROJECT_NAME, DEPARTMENT, UNIT), ALL_CAPTIONS)
	text = official.data_text
	goal["project_attribute"] = reading.read(
		official.header_cell(reading, ATTRIBUTE, ALL_CAPTIONS, required=False),
		"项目属性",
		lambda raw: read.read_choice(raw, words.PROJECT_ATTRIBUTES, words.PROJECT_ATTRIBUTE_ALIASES),
	)
	goal["project_period"] = reading.read(
		official.header_cell(reading, PERIOD, ALL_CAPTIONS, required=False), "项目期", text
	)
	_read_money(reading, goal)
	_read_goals(reading, goal)
	goal["extras_found"] = official.read_extras(reading, goal, EXTRAS[1:])
	_period_errors(reading, goal)
	_read_indicators(reading, goal)
	return goal, reading.errors


def _read_money(reading: Reading, goal: dict) -> None:
	"""中期资金总额 / 年度资金总额 with 其中：财政拨款 and 其他资金 under each."""
	index = reading.index
	for prefix, total_caption, keys, required in (
		("中期", MEDIUM_TOTAL, ("medium_term_total", "medium_term_fiscal", "medium_term_other"), False),
		("年度", ANNUAL_TOTAL, ("total_amount", "fiscal_amount", "other_amount"), True),
	):
		box = index.first(total_caption)
		if box is None:
			if required:
				reading.missing(total_caption)
			goal.update(dict.fromkeys(keys))
			continue
		total_at = index.right_of(box, ALL_CAPTIONS)
		near = range(box.bottom + 1, box.bottom + 4)
		beside = range(box.left, box.right + 1)
		cells = [total_at]
		for wanted in (FISCAL, OTHER):
			part = index.first(wanted, rows=near, columns=beside)
			cells.append(index.right_of(part, ALL_CAPTIONS) if part else None)
		labels = (
			total_caption.printed,
			f"{prefix}{FISCAL.printed.removeprefix('其中：')}",
			f"{prefix}{OTHER.printed}",
		)
		amounts = [
			reading.read(where, label, read.read_amount, required=required and where is total_at)
			for where, label in zip(cells, labels, strict=True)
		]
		total, fiscal, other = amounts
		filled = any(amount is not None for amount in amounts)
		if filled:
			fiscal, other = fiscal or Decimal(0), other or Decimal(0)
			if (
				total is not None
				and reading.all_read(*cells)
				and abs(total - fiscal - other) > Decimal("0.005")
			):
				reading.error(
					*total_at, TOTAL_MISMATCH, total_caption.printed, f"{total:.2f}", f"{fiscal + other:.2f}"
				)
		goal.update(
			{
				key: (None if amount is None and not filled else round_half_up(amount or Decimal(0), 2))
				for key, amount in zip(keys, (total, fiscal, other), strict=True)
			}
		)


_YEARS = re.compile(r"(\d{4})\D{1,3}(\d{4})")


def _read_goals(reading: Reading, goal: dict) -> None:
	"""总体目标: the medium-term and the annual goal, each under its caption."""
	index = reading.index
	medium = index.first(MEDIUM_GOAL)
	years = _YEARS.search(fold(index.text(medium.top, medium.left) or "")) if medium else None
	goal["medium_term_start_year"] = int(years.group(1)) if years else None
	goal["medium_term_end_year"] = int(years.group(2)) if years else None
	goal["long_term_goal"] = reading.read(
		_goal_text_cell(reading, MEDIUM_GOAL, False), "中期目标", read.read_text
	)
	goal["annual_goal"] = reading.read(
		_goal_text_cell(reading, ANNUAL_GOAL, True), "年度目标", read.read_text, True
	)


def _goal_text_cell(reading: Reading, wanted: Caption, required: bool) -> tuple[int, int] | None:
	"""Text under the caption (the printed form); right of it when the cell under is another block."""
	index = reading.index
	box = index.first(wanted)
	if box is None:
		if required:
			reading.missing(wanted)
		return None
	under = index.below(box)
	if not ALL_CAPTIONS(index.key(*under)):
		return under
	return index.right_of(box, ALL_CAPTIONS)


def _period_errors(reading: Reading, goal: dict) -> None:
	start, end = goal.get("period_start"), goal.get("period_end")
	if start and end and end < start:
		box = reading.index.first(EXTRAS[5][1])
		where = reading.index.right_of(box) if box else (None, None)
		reading.error(*where, END_BEFORE_START, "项目结束日期", end.isoformat(), start.isoformat())


def _read_indicators(reading: Reading, goal: dict) -> None:
	index = reading.index
	header = index.first(LEVEL1)
	if header is None:
		reading.missing(LEVEL1)
		goal["indicators"], goal["medium_term_indicators"] = [], []
		return
	sides = _sides(reading, header.top)
	header_rows = range(
		header.top, max([header.bottom, *(box.bottom for half in sides.values() for box in half)]) + 1
	)
	extras = {
		key: box.left
		for key, wanted in (
			("unit", UNIT_COLUMN),
			("weight", WEIGHT_COLUMN),
			("evaluation_standard", STANDARD_COLUMN),
		)
		if (box := index.first(wanted, rows=header_rows))
	}
	columns = {"level1": header.left}
	for horizon, (level2, name, value) in sides.items():
		columns |= {
			f"{horizon}_level2": level2.left,
			f"{horizon}_name": name.left,
			f"{horizon}_target": value.left,
		}
	columns |= extras
	place = official.GridPlace(
		header.top, header_rows.stop, columns, range(header.left, max(columns.values()) + 1)
	)
	rows, _ = official.grid_rows(reading, place)
	level1 = official.fill_down(rows, index, "level1")
	goal["indicators"], goal["medium_term_indicators"] = [], []
	for horizon in sides:
		level2 = official.fill_down(rows, index, f"{horizon}_level2", "level1")
		found = goal["indicators" if horizon == "annual" else "medium_term_indicators"]
		for row in rows:
			indicator = _indicator(reading, row, horizon, level1[row.row], level2[row.row], extras)
			if indicator:
				found.append(indicator)
	goal["has_weights"] = "weight" in extras


def _sides(reading: Reading, header_row: int) -> dict[str, tuple]:
	"""Columns (二级, 三级, 指标值) of the medium-term and the annual half of the table.

	The printed form has two halves, medium term first. A half is named by
	中期/年度 in its caption or in a caption over it; a table with one half
	(a one-year project's form) is the annual one.
	"""
	index = reading.index
	found = {}
	for wanted in (LEVEL2, LEVEL3, TARGET):
		# 一级指标 may be merged down over a second header row that holds the others
		boxes = index.find(wanted, rows=range(header_row, header_row + 2))
		if not boxes:
			reading.missing(wanted)
		found[wanted.printed] = boxes
	if not all(found.values()):
		return {}
	halves = max(len(boxes) for boxes in found.values())
	for wanted in (LEVEL2, LEVEL3, TARGET):
		if len(found[wanted.printed]) < halves:  # one half of the table lacks this caption
			reading.missing(wanted)
			return {}
	triples = list(zip(found[LEVEL2.printed], found[LEVEL3.printed], found[TARGET.printed], strict=True))
	named: dict[str, tuple] = {}
	unnamed = []
	for triple in triples:
		horizon = _horizon(index, header_row, triple)
		if horizon and horizon not in named:
			named[horizon] = triple
		else:
			unnamed.append(triple)
	for horizon in ("medium", "annual") if len(triples) > 1 else ("annual",):
		if horizon not in named and unnamed:
			named[horizon] = unnamed.pop(0)
	return named


def _horizon(index: SheetIndex, header_row: int, triple) -> str | None:
	"""中期 or 年度 in a half's own captions or in a caption over them (on the row above)."""
	row = triple[0].top
	words_seen = [index.key(box.top, box.left) for box in triple]
	if row > 1:
		words_seen += [index.key(row - 1, box.left) for box in triple]
	text = "".join(words_seen)
	if "中期" in text:
		return "medium"
	if "年度" in text:
		return "annual"
	return None


def _indicator(
	reading: Reading, row, horizon: str, level1: tuple, level2: tuple, extras: dict
) -> dict | None:
	"""One half of a table row as an indicator, or None when that half is empty."""
	index = reading.index
	name_at, target_at = row.cells[f"{horizon}_name"], row.cells[f"{horizon}_target"]
	name = reading.read(name_at, "三级指标", lambda raw: official.data_text(official.indicator_name(raw)))
	# a half is empty when nothing of its own is typed (a pre-printed 二级指标 is not enough)
	own = [index.value(*target_at)]
	if horizon == "annual":
		own += [
			index.value(row.row, extras[key]) for key in ("weight", "evaluation_standard") if key in extras
		]
	if name is None and all(read.is_empty(value) for value in own):
		return None
	unit = (
		read.read_text(index.value(row.row, extras["unit"]))
		if horizon == "annual" and "unit" in extras
		else None
	)
	cells = {"name": name_at, "target": target_at}
	indicator = official.read_indicator(reading, row.row, name, cells, (level1, level2), unit, "指标值")
	if horizon == "annual":
		weight = (
			reading.read((row.row, extras["weight"]), "分值", read.read_score) if "weight" in extras else None
		)
		indicator["weight"] = None if weight is None else round_half_up(weight, 2)
		standard = extras.get("evaluation_standard")
		indicator["evaluation_standard"] = (
			read.read_text(index.value(row.row, standard)) if standard else None
		)
	return indicator
