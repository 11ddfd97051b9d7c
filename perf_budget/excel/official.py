"""What the three official forms share: finding them, their header, money and
indicator blocks, and writing them cell for cell.

A reader works on a ``SheetIndex``: it finds the title (any rows above it, a
year inside it), then each caption wherever it sits, and reads the value next
to it. Every caption that is missing is reported at once, by sheet; every
value that cannot be read, by sheet, row and column (``FormError``).

What the app needs beyond the printed form (项目编码, the record's id, the
time it was exported…) is written right of the print area under captions of
its own; the reader takes those captions when present and does without them
when absent.
"""

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from perf_budget.excel import layout, values
from perf_budget.excel import vocabulary as words
from perf_budget.excel.layout import (
	BODY_FONT,
	BOLD_FONT,
	CAPTION_FILL,
	NO_BORDER,
	REQUIRED,
	TITLE_FONT,
	TOO_LONG,
	CellError,
	FormError,
	as_text,
	fold,
	is_blank,
	put,
)
from perf_budget.excel.sheet import Box, Caption, SheetIndex, caption_key
from perf_budget.excel.values import is_empty
from perf_budget.rules.numbers import parse_number

CAPTION_MISSING = "The caption {0} was not found on the sheet; the {1} needs it"
ROW_BELOW_TOTAL = "This row comes after the {0} row; move it above the total or delete it"
TOO_MANY_ROWS = "The indicator table has more than {0} rows; a project has at most {0} indicators"
YEAR_MISSING = (
	"The year was not found: write it in the title (2026年度…) or in the line under it, （2026年度）"
)
TITLE_MISSING = "The title {0} was not found in the first rows of the sheet"
# Frappe Data fields hold 140 characters.
DATA_LENGTH = 140
LEVEL2_NOT_UNDER_LEVEL1 = "Level-2 indicator {0} does not belong under level-1 indicator {1}"
# Every key a reader of the official forms can return (the shared cell messages included), for zh.po.
MESSAGES = (
	*layout.MESSAGES,
	LEVEL2_NOT_UNDER_LEVEL1,
	CAPTION_MISSING,
	ROW_BELOW_TOTAL,
	TOO_MANY_ROWS,
	YEAR_MISSING,
	TITLE_MISSING,
)

# A real project has 10–40 indicators; more is a pasted sheet, not a form.
MAX_INDICATOR_ROWS = 200
# The title sits in the first rows, under at most an "附件1" line and a note.
TITLE_ROWS = 8
WHOLE_UNIT_MARK = "部门整体"
EXTRAS_NOTE = "以下为系统信息（不在打印范围内，导入时可留空）"
EXTRA_WIDTH = 16


# ---------------------------------------------------------------- reading

_CELL = object()  # Reading.read: take the value from the cell


@dataclass
class Reading:
	"""One sheet being read: its index, where the form starts, and every error found."""

	index: SheetIndex
	form: str  # the printed title, for messages
	errors: list[FormError] = field(default_factory=list)
	# Cells whose value could not be read: sums over them are not checked again.
	failed: set = field(default_factory=set)
	# The line under the title, （2026年1—7月）, when the sheet has one.
	year_cell: tuple[int, int] | None = None

	@property
	def sheet(self) -> str:
		return self.index.title

	def error(self, row: int | None, column: int | None, message: str, *args: Any) -> None:
		letter = get_column_letter(column) if column else None
		self.errors.append(FormError(self.sheet, row, letter, message, args))

	def missing(self, wanted: Caption) -> None:
		self.errors.append(FormError(self.sheet, None, None, CAPTION_MISSING, (wanted.printed, self.form)))

	def read(
		self,
		where: tuple[int, int] | None,
		label: str,
		reader: Callable[[Any], Any],
		required: bool = False,
		raw: Any = _CELL,
	) -> Any:
		"""Run ``reader`` on the cell's value (or on ``raw``, a value read for that
		cell, e.g. a level filled down); a CellError becomes an error at that
		cell whose message starts with ``label``."""
		if raw is _CELL:
			raw = self.index.value(*where) if where else None
		if where in self.failed:
			return None  # a merged or filled-down cell reports its problem once
		try:
			value = reader(raw)
		except CellError as problem:
			self.error(*where, problem.message, label, *problem.details)
			self.failed.add(where)
			return None
		# without a cell the caption is missing, which is reported once already
		if value is None and required and where is not None:
			self.error(*where, REQUIRED, label)
		return value

	def all_read(self, *cells: tuple[int, int] | None) -> bool:
		"""None of these cells failed to read (a sum over a wrong figure would only repeat the error)."""
		return not any(cell in self.failed for cell in cells if cell)


def form_sheets(workbook, titles: Caption) -> list[Worksheet]:
	"""The sheets whose first rows carry one of the form's titles (other sheets are notes, lists…)."""
	return [ws for ws in workbook.worksheets if find_title(SheetIndex(ws), titles)]


def find_title(index: SheetIndex, titles: Caption) -> Box | None:
	"""The title cell: one of ``titles`` inside a cell of the first rows ("2026年度…项目支出绩效自评表")."""
	keys = [caption_key(word) for word in titles.words]
	# 部门整体支出绩效自评表 holds 绩效自评表: a department-wide form is never a project's
	whole_unit = any(WHOLE_UNIT_MARK in key for key in keys)
	for (row, column), key in sorted(index.keys.items()):
		if row > TITLE_ROWS:
			break
		if (WHOLE_UNIT_MARK in key) != whole_unit:
			continue
		if any(word in key for word in keys) and len(key) <= 60:
			return index.box(row, column)
	return None


_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
_YEAR_LINE = re.compile(r"[(（]?\s*(\d{4})?\s*年\s*度?\s*(?:1\s*[-—–~～至到]\s*(\d{1,2})\s*月)?\s*[)）]?")


def form_title(title: str, expenditure_type: str | None) -> str:
	"""The printed title for a record of ``expenditure_type`` (art. 19): 项目支出 becomes
	政策支出 or 专项资金, e.g. 政策支出绩效目标申报表."""
	return title.replace(
		words.EXPENDITURE_TYPES["Project Expenditure"],
		words.EXPENDITURE_TYPES.get(expenditure_type, words.EXPENDITURE_TYPES["Project Expenditure"]),
		1,
	)


def title_type(index: SheetIndex, title: Box | None) -> str | None:
	"""The expenditure type a form's title names (项目支出 / 政策支出 / 专项资金); None
	when it names none (绩效目标申报表)."""
	text = fold(index.text(title.top, title.left) or "") if title else ""
	return next((kind for kind, word in words.EXPENDITURE_TYPES.items() if word in text), None)


def read_year(reading: Reading, title: Box, extra: Caption | None = None) -> tuple[str | None, int | None]:
	"""(year, month) from the title ("2026年度…"), the line under it ("（2026年度）",
	"（2026年1—7月）") or the extra caption 绩效年度; month is None unless the line names it."""
	index = reading.index
	year = month = None
	if title is None:  # only a direct call on a sheet that is not the form gets here
		reading.errors.append(FormError(reading.sheet, None, None, TITLE_MISSING, (reading.form,)))
		return None, None
	found = _YEAR_IN_TITLE.search(fold(index.text(title.top, title.left) or ""))
	if found:
		year = found.group(1)
	for row in range(title.bottom + 1, title.bottom + 3):
		for column, value in index.row_cells(row):
			line = _YEAR_LINE.fullmatch(re.sub(r"\s+", "", fold(as_text(value) or "")))
			if line and ("年" in str(value)):
				year = year or line.group(1)
				month = month or (int(line.group(2)) if line.group(2) else None)
				reading.year_cell = (row, column)
	if year is None and extra is not None:
		box = index.first(extra)
		value = index.text(*index.right_of(box)) if box else None
		found = re.fullmatch(r"(\d{4})(?:\.0+)?年?度?", fold(value or ""))
		year = found.group(1) if found else None
	if year is None:
		reading.error(title.top, title.left, YEAR_MISSING)
	return year, month


def header_cell(
	reading: Reading, wanted: Caption, known: Callable[[str], bool], required: bool = True
) -> tuple[int, int] | None:
	"""The value cell right of a header caption; a missing required caption is reported."""
	box = reading.index.first(wanted)
	if box is None:
		if required:
			reading.missing(wanted)
		return None
	return reading.index.right_of(box, known)


def read_extras(reading: Reading, record: dict, extras) -> tuple[str, ...]:
	"""The app's own fields right of the print area: each read when its caption is
	there, None when not; returns the keys whose caption was found, so that a
	blank template's missing 项目编码 never blanks a stored one."""
	found = []
	for key, wanted, reader, _ in extras:
		box = reading.index.first(wanted)
		record[key] = reading.read(reading.index.right_of(box), wanted.printed, reader) if box else None
		if box:
			found.append(key)
	return tuple(found)


def read_project(reading: Reading, record: dict, captions: tuple[Caption, Caption, Caption], known) -> None:
	"""项目名称, 主管部门(及代码) and 实施单位, the first rows of every form."""
	project, department, unit = captions
	record["project_name"] = reading.read(header_cell(reading, project, known), "项目名称", data_text, True)
	record["competent_department"] = reading.read(
		header_cell(reading, department, known, required=False), department.printed, data_text
	)
	record["budget_unit"] = reading.read(header_cell(reading, unit, known), "实施单位", data_text, True)


def below_cell(reading: Reading, wanted: Caption, required: bool = True) -> tuple[int, int] | None:
	"""The text cell under a caption (总体目标 blocks: captions on one row, text on the next)."""
	box = reading.index.first(wanted)
	if box is None:
		if required:
			reading.missing(wanted)
		return None
	return reading.index.below(box)


@dataclass(frozen=True)
class Table:
	"""A block of row labels × column captions (项目资金): where each labelled cell sits."""

	rows: dict[str, int]
	columns: dict[str, int]
	caption_row: int | None = None

	def at(self, row_key: str, column_key: str) -> tuple[int, int] | None:
		if row_key not in self.rows or column_key not in self.columns:
			return None
		return self.rows[row_key], self.columns[column_key]


def find_table(
	reading: Reading,
	row_labels: Mapping[str, Caption],
	column_captions: Mapping[str, Caption],
	required_rows: Iterable[str],
	required_columns: Iterable[str],
	below: int = 0,
	above: int | None = None,
) -> Table:
	"""Locate a money block: its column captions on one row, its row labels under them.

	Only rows between ``below`` and ``above`` are searched, so the same
	words in another block (其他 in the indicator table) are not taken.
	"""
	index = reading.index
	rows_searched = range(below + 1, (above or index.max_row) + 1)
	columns: dict[str, int] = {}
	caption_row = None
	for key, wanted in column_captions.items():
		box = index.first(
			wanted, rows=rows_searched if caption_row is None else range(caption_row, caption_row + 1)
		)
		if box is None:
			if key in required_columns:
				reading.missing(wanted)
			continue
		caption_row = caption_row or box.top
		columns[key] = box.left
	rows: dict[str, int] = {}
	start = (caption_row or below) + 1
	for key, wanted in row_labels.items():
		box = index.first(wanted, rows=range(start, (above or index.max_row) + 1))
		if box is None:
			if key in required_rows:
				reading.missing(wanted)
			continue
		rows[key] = box.top
	return Table(rows, columns, caption_row)


@dataclass(frozen=True)
class GridColumn:
	key: str
	caption: Caption
	required: bool = False
	# Sub-columns under a group caption on the next header row (偏差原因分析 → 经费保障…).
	parts: tuple[tuple[str, Caption], ...] = ()


@dataclass
class GridPlace:
	header_row: int
	first_row: int
	columns: dict[str, int]  # key -> sheet column
	span: range  # the sheet columns of the table

	def lacks_required(self, wanted: Iterable[GridColumn]) -> bool:
		"""A required column (or every part of a grouped one) was not found: the rows cannot be read."""
		return any(
			column.required
			and column.key not in self.columns
			and not any(key in self.columns for key, _ in column.parts)
			for column in wanted
		)


def find_grid(
	reading: Reading, anchor: Caption, wanted: Iterable[GridColumn], below: int = 0
) -> GridPlace | None:
	"""The indicator table: the header row holding ``anchor`` (一级指标) and each column by its caption.

	A group caption (偏差原因分析) spans sub-columns named on the row under
	it; data starts below the lowest header cell.
	"""
	index = reading.index
	box = index.first(anchor, rows=range(below + 1, index.max_row + 1))
	if box is None:
		reading.missing(anchor)
		return None
	header_row, last_header = box.top, box.bottom
	columns: dict[str, int] = {}
	for column in wanted:
		found = index.first(column.caption, rows=range(header_row, header_row + 1))
		if found is None:
			if column.required:
				reading.missing(column.caption)
			continue
		last_header = max(last_header, found.bottom)
		if not column.parts:
			columns[column.key] = found.left
			continue
		under = range(found.bottom + 1, found.bottom + 2)
		# A group caption centred across its columns instead of merged spans one cell: look as far as its parts go.
		beside = range(found.left, max(found.right, found.left + len(column.parts) - 1) + 1)
		subs = [(key, part, index.first(part, rows=under, columns=beside)) for key, part in column.parts]
		if not any(sub for _, _, sub in subs):
			# One column without sub-columns: words ("有可能") or text typed in it.
			columns[column.key] = found.left
			continue
		for key, part, sub in subs:
			if sub is None:
				reading.missing(part)
				continue
			columns[key] = sub.left
			last_header = max(last_header, sub.bottom)
	used = list(columns.values()) or [box.left]
	return GridPlace(header_row, last_header + 1, columns, range(min(used), max(used) + 1))


FOOTER_WORDS = ("合计", "总分", "总计", "其他说明", "备注：", "填报说明", "说明：")


@dataclass
class GridRow:
	row: int
	cells: dict[str, tuple[int, int]]  # key -> (row, column) origin cell


def grid_rows(
	reading: Reading,
	place: GridPlace,
	footer_words: tuple[str, ...] = FOOTER_WORDS,
	last_row: int | None = None,
) -> tuple[list[GridRow], int | None]:
	"""The data rows of the table (blank rows skipped) and the total row, if any.

	Rows typed below the total are reported, never dropped; so is a table
	longer than any real project's. ``last_row`` ends a table that another
	block follows (a department form's 年度主要任务 above its indicators).
	"""
	index = reading.index
	rows: list[GridRow] = []
	footer = footer_label = None
	for row in range(place.first_row, (last_row or index.max_row) + 1):
		own = [(column, index.value(row, column)) for column in place.span]
		filled = [(column, value) for column, value in own if not is_blank(value)]
		if not filled:
			continue
		label = _footer_label(index, row, place, footer_words) if footer is None else None
		if label:
			footer, footer_label = row, label
			continue
		if footer is not None:
			if _own_cells(index, row, place) >= 2:
				reading.error(row, None, ROW_BELOW_TOTAL, footer_label)
			continue
		if _own_cells(index, row, place) == 0:
			continue  # only the continuation of cells merged from above
		rows.append(GridRow(row, {key: index.origin(row, column) for key, column in place.columns.items()}))
		if len(rows) > MAX_INDICATOR_ROWS:
			reading.error(row, None, TOO_MANY_ROWS, MAX_INDICATOR_ROWS)
			return rows[:MAX_INDICATOR_ROWS], footer
	return rows, footer


def _footer_label(index: SheetIndex, row: int, place: GridPlace, words: tuple[str, ...]) -> str | None:
	"""The text that ends the table on this row (总分, 合计, 填报说明…), looked for from the label column
	left of the table: the row's first own text, when it starts with one of ``words``."""
	keys = tuple(caption_key(word) for word in words)
	for column in range(1, place.span.stop):
		if index.origin(row, column) != (row, column) or (row, column) not in index.values:
			continue
		value = index.values[(row, column)]
		return as_text(value) if isinstance(value, str) and caption_key(value).startswith(keys) else None
	return None


def _own_cells(index: SheetIndex, row: int, place: GridPlace) -> int:
	"""Cells of ``row`` that hold their own value (not the tail of a merge from above)."""
	return sum(
		1
		for column in place.span
		if (row, column) in index.values and index.origin(row, column) == (row, column)
	)


def fill_down(
	rows: list[GridRow], index: SheetIndex, key: str, parent: str | None = None
) -> dict[int, tuple[Any, tuple[int, int]]]:
	"""Level cells as people read them: a blank level cell under a filled one belongs to it.

	-> row -> (value, the cell it was typed in). A merged level-1 cell already
	answers for every row it spans; an unmerged blank one takes the value
	above, within the same parent level. The cell lets a wrong word be
	reported once, where it was typed.
	"""
	found: dict[int, tuple[Any, tuple[int, int]]] = {}
	last = last_parent = None
	for row in rows:
		where = row.cells.get(key)
		value = index.value(*where) if where else None
		parent_value = None
		if parent is not None and row.cells.get(parent):
			parent_value = index.value(*row.cells[parent])
		if is_empty(value) and last is not None and (parent is None or parent_value == last_parent):
			value, where = last
		found[row.row] = (value, where)
		last, last_parent = (value, where), parent_value
	return found


# ---------------------------------------------------------------- indicator rows

_PLACEHOLDER = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")


def data_text(raw: Any) -> str | None:
	"""Text for a Data field: what fits its 140 characters, else a CellError."""
	text = values.read_text(raw)
	if text and len(text) > DATA_LENGTH:
		raise CellError(TOO_LONG, len(text), DATA_LENGTH)
	return text


def indicator_name(raw: Any) -> str | None:
	"""三级指标 without the template's "指标1：" numbering; the bare placeholder is empty."""
	text = values.read_text(raw)
	return _PLACEHOLDER.sub("", text).strip() or None if text else None


def read_indicator(
	reading: Reading,
	row: int,
	name: str | None,
	cells: Mapping[str, tuple[int, int]],
	levels: tuple[tuple, tuple],
	unit: str | None,
	target_label: str,
	level2_words: Mapping[str, str] = words.LEVEL2,
	level2_aliases: Mapping[str, str] = words.LEVEL2_ALIASES,
	level2_by_level1: Mapping[str, tuple] = words.LEVEL2_BY_LEVEL1,
) -> dict:
	"""What every form's indicator row has: 三级指标, the levels (as filled down, with the cell
	each was typed in) and the annual target split into operator, value, text and unit.

	``cells`` holds the "name" and "target" cells of the row; the level-2 words default to a
	project's (a department form adds the whole-unit ones).
	"""
	index = reading.index
	indicator: dict[str, Any] = {"row": row, "indicator_name": name}
	(level1, level1_at), (level2, level2_at) = levels
	indicator["level1"] = reading.read(
		level1_at,
		"一级指标",
		lambda raw: values.read_level(raw, words.LEVEL1, words.LEVEL1_ALIASES),
		True,
		level1,
	)
	indicator["level2"] = reading.read(
		level2_at,
		"二级指标",
		lambda raw: values.read_level(raw, level2_words, level2_aliases),
		True,
		level2,
	)
	if name is None:
		reading.error(*cells["name"], REQUIRED, "三级指标")
	target_at = cells["target"]
	percent_cell = index.is_percent_cell(*target_at)
	target = reading.read(
		target_at, target_label, lambda raw: values.read_target(raw, unit, percent_cell), True
	)
	operator, value, text, unit = target or (None, None, None, unit)
	indicator.update(operator=operator, target_value=value, target_text=text, unit=unit)
	if text and len(text) > DATA_LENGTH:
		reading.error(*target_at, TOO_LONG, target_label, len(text), DATA_LENGTH)
	level1, level2 = indicator["level1"], indicator["level2"]
	if level1 and level2 and level2 not in level2_by_level1.get(level1, ()):
		reading.error(row, level2_at[1], LEVEL2_NOT_UNDER_LEVEL1, level2_words[level2], words.LEVEL1[level1])
	return indicator


# ---------------------------------------------------------------- writing


def write_title(ws: Worksheet, where: str, title: str) -> None:
	cell = put(ws, where, title, font=TITLE_FONT, border=NO_BORDER)
	ws.row_dimensions[cell.row].height = 36


def write_caption(ws: Worksheet, where: str, text: str, bold: bool = False) -> None:
	put(ws, where, text, font=BOLD_FONT if bold else BODY_FONT, fill=CAPTION_FILL)


def write_value(
	ws: Worksheet,
	where: str,
	value: Any,
	number_format: str = "@",
	horizontal: str = "center",
	top: bool = False,
) -> None:
	put(
		ws,
		where,
		value,
		number_format=number_format,
		horizontal=horizontal,
		vertical="top" if top else "center",
	)


def write_extras(ws: Worksheet, column: int, first_row: int, items: Iterable[tuple[str, Any, str]]) -> None:
	"""The app's own fields right of the print area: a note, then caption | value per row."""
	caption_letter, value_letter = get_column_letter(column), get_column_letter(column + 1)
	ws.column_dimensions[caption_letter].width = EXTRA_WIDTH
	ws.column_dimensions[value_letter].width = EXTRA_WIDTH * 2
	put(ws, f"{caption_letter}{first_row - 1}", EXTRAS_NOTE, border=NO_BORDER, horizontal="left")
	for offset, (text, value, number_format) in enumerate(items):
		row = first_row + offset
		write_caption(ws, f"{caption_letter}{row}", text)
		write_value(ws, f"{value_letter}{row}", value, number_format, horizontal="left")


def page_setup(
	ws: Worksheet, last_column: int, last_row: int, header_rows: str, landscape: bool = True
) -> None:
	"""A4, the official columns only, fitted to the page width, the indicator header repeated."""
	ws.print_area = f"A1:{get_column_letter(last_column)}{last_row}"
	ws.page_setup.orientation = "landscape" if landscape else "portrait"
	ws.page_setup.paperSize = ws.PAPERSIZE_A4
	ws.sheet_properties.pageSetUpPr.fitToPage = True
	ws.page_setup.fitToWidth = 1
	ws.page_setup.fitToHeight = 0
	ws.print_title_rows = header_rows
	ws.print_options.horizontalCentered = True


LINE_HEIGHT = 14.5
MIN_ROW_HEIGHT = 20.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def fit_rows(ws: Worksheet, first_row: int, last_row: int, paragraphs: tuple[int, ...] = ()) -> None:
	"""openpyxl cannot autofit: give each row the height its longest text needs, so nothing prints
	cut off; ``paragraphs`` (the goal texts) get room for three lines even when empty, as on paper."""
	widths = {}
	merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
	texts: dict[int, list] = {}
	# the cells written (ws[row] would make every empty one up to the last column); the rest
	# of a merged range reads None
	for (row, _column), cell in ws._cells.items():
		if first_row <= row <= last_row and isinstance(cell.value, str):
			texts.setdefault(row, []).append(cell)
	for row in range(first_row, last_row + 1):
		lines = 1
		for cell in texts.get(row, ()):
			span = merged.get((row, cell.column))
			columns = range(cell.column, (span.max_col if span else cell.column) + 1)
			rows_spanned = (span.max_row - span.min_row + 1) if span else 1
			width = sum(
				widths.setdefault(c, ws.column_dimensions[get_column_letter(c)].width or 8.43)
				for c in columns
			)
			needed = sum(
				max(1, math.ceil(_display_width(part) / max(1.0, width - 1)))
				for part in cell.value.split("\n")
			)
			lines = max(lines, math.ceil(needed / rows_spanned))
		lines = max(lines, 3) if row in paragraphs else lines
		ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + 6))


@lru_cache(maxsize=4096)  # every sheet of an export prints the same captions
def _display_width(text: str) -> int:
	# Column widths count Latin characters; a CJK character takes about two.
	return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def shown_amounts(record: Mapping, keys: Mapping[tuple[str, str], str], parts: tuple[str, ...]) -> dict:
	"""The money block's figures as printed: (row, column) -> amount, with a column's sources
	left blank when none was given (the desk stores a source never entered as 0, and a
	printed 0.00 under a total of 100.00 would read as a total that does not add up)."""
	shown = {cell: record.get(key) for cell, key in keys.items()}
	for column in {column for _, column in keys}:
		cells = [(part, column) for part in parts if (part, column) in shown]
		if not any(parse_number(shown[cell]) for cell in cells):
			shown.update(dict.fromkeys(cells))
	return shown


def year_line(year: Any) -> str:
	"""（2026年度）, or the blank of the paper form."""
	return f"（{as_text(year) or '    '}年度）"


def any_caption(*captions: Caption) -> Callable[[str], bool]:
	"""Is this key one of the form's captions (a value cell never is)?"""
	return lambda key: any(item.matches(key) for item in captions)
