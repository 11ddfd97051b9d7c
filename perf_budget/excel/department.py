"""What the three department-wide forms (部门整体支出绩效目标申报表, 监控表, 自评表)
share: the unit's header, the whole-unit indicator words, a count of staff,
and the indicator rows of a department's goal.

A department form names the unit (部门（单位）名称) instead of a project, and
its indicators may use the whole-unit level-2 groups (运行成本, 管理效率,
履职效能, 社会效应, 可持续发展能力, 财预〔2021〕101号's structure) beside a
project's.
"""

import io
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from perf_budget.excel import official
from perf_budget.excel import values as read
from perf_budget.excel import vocabulary as words
from perf_budget.excel.goal_form import level_blocks
from perf_budget.excel.layout import NEGATIVE, CellError, as_text, fold, put, quote_value
from perf_budget.excel.official import Reading
from perf_budget.excel.sheet import caption
from perf_budget.rules.goal_quality import ALL_LEVEL2_BY_LEVEL1
from perf_budget.rules.numbers import parse_number, round_half_up

NOT_A_COUNT = "{0} must be a whole number of people such as 25 or 25人, not {1}"
PARTS_NOT_TOTAL = "{0} {1} is not the sum of {2}, {3}"
MESSAGES = (NOT_A_COUNT, PARTS_NOT_TOTAL)

UNIT = caption("部门（单位）名称", "部门名称", "单位名称", "部门（单位）", "预算单位")

# The whole-unit level-2 groups, printed as the published 部门整体 indicator system names them.
WHOLE_UNIT_LEVEL2 = {
	"Operating Cost": "运行成本",
	"Management Efficiency": "管理效率",
	"Performance of Duties": "履职效能",
	"Social Impact": "社会效应",
	"Development Sustainability": "可持续发展能力",
}
LEVEL2 = {**words.LEVEL2, **WHOLE_UNIT_LEVEL2}
LEVEL2_ALIASES = {
	**words.LEVEL2_ALIASES,
	**{f"{shown}指标": stored for stored, shown in WHOLE_UNIT_LEVEL2.items()},
}
LEVEL2_BY_LEVEL1 = ALL_LEVEL2_BY_LEVEL1

# The record and its version, right of the print area (as on the project forms).
STAMPS = (
	("record_name", caption("记录编号"), read.read_text, "@"),
	("exported_modified", caption("导出时版本"), read.read_text, "@"),
)
YEAR_EXTRA = caption("绩效年度")


# ---------------------------------------------------------------- writing


def workbook_of(records: list[Mapping], write: Callable, fallback: str) -> bytes:
	"""One sheet per record (named after its unit), as .xlsx bytes; none gives a blank form."""
	book = Workbook()
	book.remove(book.active)
	records = list(records) or [{}]
	for record, title in zip(records, sheet_titles(records, fallback), strict=True):
		write(book.create_sheet(title), record)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def sheet_titles(records: list[Mapping], fallback: str) -> list[str]:
	"""A unique sheet name per record: its unit's name (≤31 characters), else ``fallback`` + number."""
	titles: list[str] = []
	for number, record in enumerate(records, 1):
		base = re.sub(r"[\[\]:*?/\\']", "_", as_text(record.get("budget_unit")) or "")[:31]
		base = base or f"{fallback}{number}"
		title, copy = base, 1
		while title.casefold() in (existing.casefold() for existing in titles):
			copy += 1
			title = base[: 31 - len(f"({copy})")] + f"({copy})"
		titles.append(title)
	return titles


def write_header(ws, record: Mapping, title: str, last: str, widths: tuple, line: str) -> None:
	"""Title, the line under it (（2026年度）) and 部门（单位）名称 on row 3."""
	for number, width in enumerate(widths, 1):
		ws.column_dimensions[chr(64 + number)].width = width
	official.write_title(ws, f"A1:{last}1", title)
	put(ws, f"A2:{last}2", line, border=official.NO_BORDER)
	official.write_caption(ws, "A3:B3", UNIT.printed)
	official.write_value(ws, f"C3:{last}3", as_text(record.get("budget_unit")), horizontal="left")


def write_pair(ws, caption_at: str, text: str, value_at: str, value: Any, number_format: str = "@") -> None:
	official.write_caption(ws, caption_at, text)
	horizontal = "left" if number_format == "@" else "right"
	official.write_value(ws, value_at, value, number_format, horizontal)


def write_level_rows(ws, first_row: int, indicators: list[Mapping], write_row: Callable) -> int:
	"""The indicator rows grouped by level 1 (column B merged per group); the next free row.

	A blank form prints one empty row per level 1 to fill in.
	"""
	row = first_row
	blocks = [(level1, annual) for level1, _, annual in level_blocks([], indicators)]
	if not blocks:
		blocks = [(level1, []) for level1 in words.LEVEL1]
	for level1, rows in blocks:
		height = max(len(rows), 1)
		where = f"B{row}:B{row + height - 1}" if height > 1 else f"B{row}"
		official.write_value(ws, where, words.LEVEL1.get(level1, level1))
		for offset in range(height):
			write_row(ws, row + offset, rows[offset] if offset < len(rows) else {})
		row += height
	return row


def level2_word(indicator: Mapping) -> str | None:
	level2 = indicator.get("level2")
	return LEVEL2.get(level2, level2)


def extras(record: Mapping, items: tuple = ()) -> list[tuple[str, Any, str]]:
	"""绩效年度, the form's own extras, then the record's stamps."""
	year = as_text(record.get("performance_year"))
	shown = [(YEAR_EXTRA.printed, int(year) if year and year.isdigit() else year, "0")]
	shown += list(items)
	shown += [(wanted.printed, record.get(key), fmt) for key, wanted, _, fmt in STAMPS]
	return shown


def amount(value: Any) -> float | None:
	number = parse_number(value)
	return None if number is None else round_half_up(number, 2)


def score(value: Any) -> float | None:
	number = parse_number(value)
	return None if number is None else float(number)


# ---------------------------------------------------------------- reading


def read_header(reading: Reading, record: dict, title_box, known: Callable[[str], bool]) -> None:
	"""Year, month of the line under the title, and the unit (required)."""
	year, month = official.read_year(reading, title_box, YEAR_EXTRA)
	record.update(performance_year=year, period_end_month=month)
	record["budget_unit"] = reading.read(
		official.header_cell(reading, UNIT, known), UNIT.printed, official.data_text, True
	)
	found = official.read_extras(reading, record, STAMPS)
	record["extras_found"] = tuple(found)


def read_count(raw: Any) -> int | None:
	"""A number of people: 25, "25人", "２５", "—" -> None."""
	if read.is_empty(raw):
		return None
	text = re.sub(r"\s+", "", fold(str(raw))).removesuffix("人")
	number = parse_number(text)
	if number is None or number != int(number):
		raise CellError(NOT_A_COUNT, quote_value(raw))
	if number < 0:
		raise CellError(NEGATIVE)
	return int(number)


def check_sum(reading: Reading, total_at, label: str, total, parts: list, names: str) -> None:
	"""A typed total that is not its parts' sum is reported at the total's cell, never corrected."""
	if total is None or all(part is None for part in parts):
		return
	added = sum((Decimal(str(part)) for part in parts if part is not None), Decimal(0))
	if abs(Decimal(str(total)) - added) > Decimal("0.005"):
		reading.error(*total_at, PARTS_NOT_TOTAL, label, f"{Decimal(str(total)):.2f}", names, f"{added:.2f}")


def read_indicator(reading: Reading, row, levels, target_label: str = "年度指标值") -> dict | None:
	"""三级指标, its levels (the whole-unit ones too) and 指标值 of one grid row; None for an empty row."""
	cells = row.cells
	name = reading.read(
		cells["indicator_name"], "三级指标", lambda raw: official.data_text(official.indicator_name(raw))
	)
	others = [key for key in cells if key not in ("level1", "level2", "indicator_name")]
	if name is None and all(read.is_empty(reading.index.value(*cells[key])) for key in others):
		return None
	return official.read_indicator(
		reading,
		row.row,
		name,
		{"name": cells["indicator_name"], "target": cells["target"]},
		levels,
		None,
		target_label,
		LEVEL2,
		LEVEL2_ALIASES,
		LEVEL2_BY_LEVEL1,
	)


def indicator_rows(
	reading: Reading, place, last_row: int | None = None
) -> tuple[list, int | None, dict, dict]:
	"""The grid's rows, its footer row and the level cells as filled down."""
	rows, footer = official.grid_rows(reading, place, last_row=last_row)
	level1 = official.fill_down(rows, reading.index, "level1")
	level2 = official.fill_down(rows, reading.index, "level2", "level1")
	return rows, footer, level1, level2
