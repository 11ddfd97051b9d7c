"""One description per official form, used to both write and read it.

A ``FormLayout`` says where every caption and value of a form sits: a
merged title, header fields (caption cell + value cell bound to a record
key) and one grid of rows (one column per key). ``write_form`` renders a
record as the printed government form; ``read_form`` checks that a sheet
is that form and reads the record back, collecting every error. Export and
import share the layout, so they cannot drift apart.

Errors are ``FormError`` values whose ``message`` is an English key with
{0}… placeholders: the Frappe side translates them with ``_()`` (zh.po),
this module never imports Frappe.
"""

import copy
import dataclasses
import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from perf_budget.rules.numbers import parse_number, round_half_up

# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class FormError:
	"""One problem found in an uploaded form.

	``_(message).format(*args)`` is the detail; ``sheet``/``row``/``column``
	(a letter) locate it, any of them None when the problem is wider than a
	cell (e.g. a file that is not a workbook).
	"""

	sheet: str | None
	row: int | None
	column: str | None
	message: str
	args: tuple = ()


class CellError(ValueError):
	"""A cell value a kind cannot convert; becomes a FormError at that cell.

	``details`` are the message's args after {0}, which the reader fills
	with the cell's caption.
	"""

	def __init__(self, message: str, *details: object) -> None:
		super().__init__(message, *details)
		self.message = message
		self.details = details


# Location prefixes, also message keys to translate.
AT_CELL = "Sheet {0}, row {1}, column {2}: {3}"
AT_ROW = "Sheet {0}, row {1}: {2}"
AT_SHEET = "Sheet {0}: {1}"


def describe(error: FormError) -> tuple[str, tuple]:
	"""(message, args) with the location in front: ("Sheet {0}, row {1}, column {2}: {3}", (…, detail)).

	The detail is formatted untranslated, which suits logs and tests; to show
	a user call ``render(error, _)``, which translates location and detail
	separately (each is a key of its own). An error with no sheet (the file
	itself is wrong) is returned as it is.
	"""
	if error.sheet is None:
		return error.message, error.args
	return _location(error), (*_place(error), error.message.format(*error.args))


def render(error: FormError, translate: Callable[[str], str] = str) -> str:
	"""The sentence a user reads, e.g. render(error, frappe._) -> "工作表 X 第 8 行 D 列：…"."""
	detail = translate(error.message).format(*error.args)
	if error.sheet is None:
		return detail
	return translate(_location(error)).format(*_place(error), detail)


def _location(error: FormError) -> str:
	if error.row is None:
		return AT_SHEET
	return AT_ROW if error.column is None else AT_CELL


def _place(error: FormError) -> tuple:
	return tuple(part for part in (error.sheet, error.row, error.column) if part is not None)


# ---------------------------------------------------------------- value kinds
# A kind converts one stored value to a cell value (write) and a cell value
# back (read, raising CellError). The caption of the cell is prepended to
# the CellError's args by the reader, so every message starts with {0} =
# the caption the user sees.


class Kind(Protocol):
	"""What a Field or Column needs from its value kind."""

	number_format: str
	horizontal: str

	def write(self, value: Any) -> Any: ...

	def read(self, raw: Any) -> Any: ...


REQUIRED = "{0} is required"
NOT_A_NUMBER = "{0} must be a number, not {1}"
NEGATIVE = "{0} must not be negative"
NOT_A_DATE = "{0} must be a date such as 2026-01-01, not {1}"
NOT_A_YEAR = "{0} must be a year such as 2026, not {1}"
NOT_A_CHOICE = "{0} must be one of {1}, not {2}"
TOO_LONG = "{0} is {1} characters long; at most {2} are allowed"
WRONG_TEMPLATE = "This sheet is not the {0} template: cell {1} should read {2}"
AFTER_EMPTY_ROW = "This row comes after the empty row {0} and would be skipped; delete the empty row"
MESSAGES = (
	AT_CELL,
	AT_ROW,
	AT_SHEET,
	REQUIRED,
	NOT_A_NUMBER,
	NEGATIVE,
	NOT_A_DATE,
	NOT_A_YEAR,
	NOT_A_CHOICE,
	TOO_LONG,
	WRONG_TEMPLATE,
	AFTER_EMPTY_ROW,
)


@dataclass(frozen=True)
class Text:
	max_length: int | None = None
	# Paragraphs (立项依据, 年度目标…): aligned top-left, rows grown to fit.
	multiline: bool = False
	# "@" keeps codes and phone numbers typed into the cell as text.
	number_format: str = "@"
	horizontal: str = "left"

	def write(self, value: Any) -> Any:
		return as_text(value)

	def read(self, raw: Any) -> str | None:
		text = as_text(raw)
		if text and self.max_length and len(text) > self.max_length:
			raise CellError(TOO_LONG, len(text), self.max_length)
		return text


@dataclass(frozen=True)
class Number:
	decimals: int | None = None
	non_negative: bool = False
	number_format: str = "General"
	horizontal: str = "right"

	def write(self, value: Any) -> Any:
		number = parse_number(value)
		# Something that is not a number is written as it is, not dropped.
		return as_text(value) if number is None else float(number)

	def read(self, raw: Any) -> float | None:
		if is_blank(raw):
			return None
		number = None if isinstance(raw, bool) else parse_number(_number_text(raw))
		if number is None:
			raise CellError(NOT_A_NUMBER, quote_value(raw))
		if self.non_negative and number < 0:
			raise CellError(NEGATIVE)
		# The form shows this many decimals, so what the user saw is what is stored.
		return float(number) if self.decimals is None else round_half_up(number, self.decimals)


@dataclass(frozen=True)
class Date:
	number_format: str = "yyyy-mm-dd"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		if isinstance(value, str):
			return _date_from_text(value) or value or None
		return value.date() if isinstance(value, datetime.datetime) else value

	def read(self, raw: Any) -> datetime.date | None:
		if is_blank(raw):
			return None
		if isinstance(raw, datetime.datetime):
			return raw.date()
		if isinstance(raw, datetime.date):
			return raw
		found = _date_from_text(str(raw)) if isinstance(raw, str) else None
		if found is None:
			raise CellError(NOT_A_DATE, quote_value(raw))
		return found


@dataclass(frozen=True)
class Year:
	"""A performance year: stored as the text "2026" (Performance Year is named so), shown as a number."""

	number_format: str = "0"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		text = as_text(value)
		return int(text) if text and text.isdigit() else text

	def read(self, raw: Any) -> str | None:
		if is_blank(raw):
			return None
		# "2026", 2026, 2026.0 and "2026年度" all mean the same year.
		match = re.fullmatch(r"(\d{4})(?:\.0+)?(?:年度?)?", fold(str(raw)))
		if isinstance(raw, bool) or not match:
			raise CellError(NOT_A_YEAR, quote_value(raw))
		return match.group(1)


@dataclass(frozen=True)
class Choice:
	"""A select: ``options`` maps stored value -> shown word (the export writes the word).

	The reader also accepts ``aliases`` (word -> stored) and the stored value
	itself, so "产出", "产出指标" and "Output" all read as Output.
	"""

	options: Mapping[Any, str]
	aliases: Mapping[str, Any] = field(default_factory=dict)
	number_format: str = "@"
	horizontal: str = "center"

	def write(self, value: Any) -> Any:
		if value is None or value == "":
			return None
		return self.options.get(value, value)

	def read(self, raw: Any) -> Any:
		if is_blank(raw):
			return None
		if isinstance(raw, bool) and raw in self.options:
			return raw
		word = compact(raw)
		for stored, shown in self.options.items():
			if word in (compact(shown), compact(stored)):
				return stored
		for alias, stored in self.aliases.items():
			if word == compact(alias):
				return stored
		raise CellError(NOT_A_CHOICE, "、".join(self.options.values()), quote_value(raw))

	def words(self) -> list[str]:
		return list(self.options.values())


TEXT = Text()
PARAGRAPH = Text(multiline=True)
DATE = Date()
YEAR = Year()
# 万元 with 2 decimals, never negative (SPEC §5).
AMOUNT = Number(decimals=2, non_negative=True, number_format="0.00")


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Field:
	"""A header value: its caption at ``caption_at``, its value at ``value_at`` (a cell or merged range).

	``caption_at`` None: no caption cell of its own (the value speaks for
	itself, "（2026年度）", or labels around it name it); the caption still
	names the value in messages.
	"""

	key: str
	caption: str
	caption_at: str | None
	value_at: str
	kind: Kind = TEXT
	required: bool = False
	default: Any = None


@dataclass(frozen=True)
class Label:
	"""Fixed text (section headings, "金额单位：万元"); part of the template check."""

	text: str
	at: str
	bold: bool = False
	horizontal: str = "center"
	border: bool = True


@dataclass(frozen=True)
class Column:
	key: str
	caption: str
	width: float
	kind: Kind = TEXT
	required: bool = False
	# Equal neighbours are merged vertically on export (一级指标 over its
	# rows); a merge never crosses a change in an earlier merged column.
	merge_runs: bool = False


@dataclass(frozen=True)
class ColumnGroup:
	"""A caption over neighbouring columns, on a row above their own captions.

	偏差原因分析 over 经费保障 … 其他: ``first`` and ``last`` are column keys.
	"""

	caption: str
	first: str
	last: str


@dataclass(frozen=True)
class Grid:
	key: str
	header_row: int
	columns: tuple[Column, ...]
	# Empty bordered rows written below the data, where users add rows.
	spare_rows: int = 0
	# A row starting with one of these ends the grid (totals, signatures).
	footer_words: tuple[str, ...] = ("合计", "总分")
	# Fields on that footer row (总分 | 92.5 | 评价等级 | 优), written below the
	# rows and spare rows and read wherever the row is found. Their cells name
	# columns only ("A:C", "D"); the row is the footer's.
	footer: tuple[Field, ...] = ()
	# Two-row header: these captions go on the row above header_row, merged
	# across their columns; every column outside a group has its caption
	# there, merged down over both rows. Empty: a one-row header.
	groups: tuple[ColumnGroup, ...] = ()

	@property
	def first_row(self) -> int:
		return self.header_row + 1

	@property
	def top_row(self) -> int:
		"""First row of the header: the group row, or header_row when there are no groups."""
		return self.header_row - 1 if self.groups else self.header_row

	def caption_at(self, key: str) -> str:
		"""The cell holding the caption of column ``key`` (the top-left one when merged)."""
		number = self._index(key)
		return cell_name(self.header_row if self._grouped(number) else self.top_row, number)

	def group_ranges(self) -> list[tuple[ColumnGroup, str]]:
		"""Each group with its merged range, e.g. (偏差原因分析, "H10:L10")."""
		return [
			(
				group,
				f"{cell_name(self.top_row, self._index(group.first))}:"
				f"{cell_name(self.top_row, self._index(group.last))}",
			)
			for group in self.groups
		]

	def _grouped(self, number: int) -> bool:
		return any(self._index(group.first) <= number <= self._index(group.last) for group in self.groups)

	def letter(self, key: str) -> str:
		"""Column letter of ``key``, for errors found after reading (cross-column rules)."""
		return get_column_letter(self._index(key))

	def _index(self, key: str) -> int:
		return next(number for number, column in enumerate(self.columns, 1) if column.key == key)


@dataclass(frozen=True)
class FormLayout:
	title: str
	title_at: str
	fields: tuple[Field, ...]
	grid: Grid
	labels: tuple[Label, ...] = ()

	def header(self, key: str) -> Field:
		return next(item for item in self.fields if item.key == key)


# ---------------------------------------------------------------- styles

FONT_NAME = "宋体"
TITLE_FONT = Font(name="黑体", size=16, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
CAPTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NO_BORDER = Border()
LINE_HEIGHT = 14.5
MIN_ROW_HEIGHT = 20.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit
GAP_SCAN_ROWS = 500


# ---------------------------------------------------------------- write


def write_form(ws: Worksheet, layout: FormLayout, record: Mapping) -> None:
	"""Render ``record`` on an empty worksheet as the printed form."""
	_set_widths(ws, layout.grid)
	_write_title(ws, layout)
	for label in layout.labels:
		_write_label(ws, label)
	for item in layout.fields:
		_write_field(ws, item, record.get(item.key))
	_write_grid(ws, layout.grid, record.get(layout.grid.key) or [])
	_write_footer(ws, layout.grid, record)
	_fit_paragraph_rows(ws, layout, record)
	_pad_header_rows(ws, layout)
	_add_dropdowns(ws, layout, len(record.get(layout.grid.key) or []))
	_page_setup(ws, layout)


def _set_widths(ws: Worksheet, grid: Grid) -> None:
	for number, column in enumerate(grid.columns, 1):
		ws.column_dimensions[get_column_letter(number)].width = column.width


def _write_title(ws: Worksheet, layout: FormLayout) -> None:
	cell = put(ws, layout.title_at, layout.title, font=TITLE_FONT, border=NO_BORDER)
	ws.row_dimensions[cell.row].height = 36


def _write_label(ws: Worksheet, label: Label) -> None:
	put(
		ws,
		label.at,
		label.text,
		font=BOLD_FONT if label.bold else BODY_FONT,
		horizontal=label.horizontal,
		border=BORDER if label.border else NO_BORDER,
	)


def _write_field(ws: Worksheet, item: Field, value: Any) -> None:
	if item.caption_at:
		put(ws, item.caption_at, item.caption, fill=CAPTION_FILL)
	kind = item.kind
	put(
		ws,
		item.value_at,
		kind.write(value),
		horizontal=kind.horizontal,
		vertical="top" if getattr(kind, "multiline", False) else "center",
		number_format=kind.number_format,
	)


def _write_grid(ws: Worksheet, grid: Grid, rows: list[Mapping]) -> None:
	for group, where in grid.group_ranges():
		put(ws, where, group.caption, font=BOLD_FONT, fill=CAPTION_FILL)
	for number, column in enumerate(grid.columns, 1):
		where = grid.caption_at(column.key)
		if position(where)[0] != grid.header_row:  # merged down over the group row
			where += f":{cell_name(grid.header_row, number)}"
		put(ws, where, column.caption, font=BOLD_FONT, fill=CAPTION_FILL)
	for offset in range(len(rows) + grid.spare_rows):
		row = rows[offset] if offset < len(rows) else {}
		_write_grid_row(ws, grid, grid.first_row + offset, row)
	_merge_runs(ws, grid, rows)


def _write_grid_row(ws: Worksheet, grid: Grid, row_number: int, row: Mapping) -> None:
	for number, column in enumerate(grid.columns, 1):
		put(
			ws,
			cell_name(row_number, number),
			column.kind.write(row.get(column.key)),
			horizontal=column.kind.horizontal,
			number_format=column.kind.number_format,
		)
	ws.row_dimensions[row_number].height = _fit_height(
		[(column.kind.write(row.get(column.key)), column.width) for column in grid.columns]
	)


def _write_footer(ws: Worksheet, grid: Grid, record: Mapping) -> None:
	if not grid.footer:
		return
	row_number = grid.first_row + len(record.get(grid.key) or []) + grid.spare_rows
	for item in _footer_fields(grid, row_number):
		_write_field(ws, item, record.get(item.key))
	ws.row_dimensions[row_number].height = MIN_ROW_HEIGHT


def _footer_fields(grid: Grid, row_number: int) -> tuple[Field, ...]:
	"""The footer fields with their column-only cells put on ``row_number``."""

	def on_row(where: str | None) -> str | None:
		return where and ":".join(f"{column}{row_number}" for column in where.split(":"))

	return tuple(
		dataclasses.replace(item, caption_at=on_row(item.caption_at), value_at=on_row(item.value_at))
		for item in grid.footer
	)


def _merge_runs(ws: Worksheet, grid: Grid, rows: list[Mapping]) -> None:
	"""Merge equal neighbours in merge_runs columns, nested inside earlier merged columns."""
	merged_keys: list[str] = []
	for number, column in enumerate(grid.columns, 1):
		if not column.merge_runs:
			continue
		merged_keys.append(column.key)
		for start, end in _runs(rows, merged_keys):
			if end > start:
				_merge(
					ws,
					f"{cell_name(grid.first_row + start, number)}:{cell_name(grid.first_row + end, number)}",
				)


def _runs(rows: list[Mapping], keys: list[str]) -> list[tuple[int, int]]:
	"""(first, last) index of each run of rows equal on all ``keys``."""
	runs: list[tuple[int, int]] = []
	for index, row in enumerate(rows):
		signature = tuple(row.get(key) for key in keys)
		previous = tuple(rows[index - 1].get(key) for key in keys) if index else None
		if runs and signature == previous and all(value not in (None, "") for value in signature):
			runs[-1] = (runs[-1][0], index)
		else:
			runs.append((index, index))
	return runs


def _fit_paragraph_rows(ws: Worksheet, layout: FormLayout, record: Mapping) -> None:
	"""openpyxl cannot autofit, so grow rows holding long text or it prints cut off."""
	for item in layout.fields:
		if not getattr(item.kind, "multiline", False):
			continue
		min_col, min_row, max_col, _ = range_boundaries(item.value_at)
		width = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(min_col, max_col + 1))
		needed = _fit_height([(item.kind.write(record.get(item.key)), width)], minimum=2 * LINE_HEIGHT + 6)
		ws.row_dimensions[min_row].height = max(needed, ws.row_dimensions[min_row].height or 0)


def _pad_header_rows(ws: Worksheet, layout: FormLayout) -> None:
	"""Excel's default 13.5 pt rows look cramped inside a bordered form."""
	for row in range(1, layout.grid.header_row + 1):
		if ws.row_dimensions[row].height is None:
			ws.row_dimensions[row].height = MIN_ROW_HEIGHT


def _fit_height(texts: list[tuple[Any, float]], minimum: float = MIN_ROW_HEIGHT) -> float:
	lines = max((_line_count(text, width) for text, width in texts), default=1)
	return min(MAX_ROW_HEIGHT, max(minimum, lines * LINE_HEIGHT + 6))


def _line_count(text: Any, width: float) -> int:
	if not isinstance(text, str) or not text:
		return 1
	# Column widths count Latin characters; a CJK character takes about two.
	per_line = max(1.0, width - 1)
	return sum(max(1, math.ceil(_display_width(line) / per_line)) for line in text.split("\n"))


def _display_width(text: str) -> int:
	return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _add_dropdowns(ws: Worksheet, layout: FormLayout, row_count: int) -> None:
	"""A list for every choice cell, so users pick words the reader knows.

	A warning, not a stop: the reader also accepts aliases typed by hand.
	"""
	grid = layout.grid
	last_row = grid.first_row + row_count + grid.spare_rows - 1
	footer = _footer_fields(grid, grid.first_row + row_count + grid.spare_rows)
	targets = [(item.kind, item.value_at.split(":")[0]) for item in (*layout.fields, *footer)]
	targets += [
		(
			column.kind,
			f"{cell_name(grid.first_row, number)}:{cell_name(max(last_row, grid.first_row), number)}",
		)
		for number, column in enumerate(grid.columns, 1)
	]
	for kind, where in targets:
		if isinstance(kind, Choice):
			_add_dropdown(ws, kind, where)


def _add_dropdown(ws: Worksheet, kind: Choice, where: str) -> None:
	formula = '"' + ",".join(kind.words()) + '"'
	if len(formula) > 255:  # Excel's limit for an inline list
		return
	validation = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning")
	validation.error = "请从下拉列表中选择"
	ws.add_data_validation(validation)
	validation.add(where)


def _page_setup(ws: Worksheet, layout: FormLayout) -> None:
	ws.page_setup.orientation = "landscape"
	ws.page_setup.paperSize = ws.PAPERSIZE_A4
	ws.sheet_properties.pageSetUpPr.fitToPage = True
	ws.page_setup.fitToWidth = 1
	ws.page_setup.fitToHeight = 0
	ws.print_title_rows = f"{layout.grid.top_row}:{layout.grid.header_row}"
	ws.print_options.horizontalCentered = True


def put(
	ws: Worksheet,
	where: str,
	value: Any,
	*,
	font: Font = BODY_FONT,
	fill: PatternFill | None = None,
	horizontal: str = "center",
	vertical: str = "center",
	border: Border = BORDER,
	number_format: str = "General",
):
	"""Write ``value`` at a cell or merged range, styling every cell so borders print whole."""
	top_left = where.split(":")[0]
	if ":" in where:
		ws.merge_cells(where)
	cell = ws[top_left]
	cell.value = value
	if isinstance(value, str) and value.startswith("="):
		# "=100" is a target (operator =), not a formula; and text from a
		# record must never run as a formula in someone's Excel.
		cell.data_type = "s"
	cell.font = font
	cell.number_format = number_format
	for styled in _cells(ws, where):
		styled.border = border
		styled.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
		if fill is not None:
			styled.fill = fill
	return cell


def _merge(ws: Worksheet, where: str) -> None:
	"""Merge already-written cells, keeping the top-left look on every cell."""
	top_left = ws[where.split(":")[0]]
	border, alignment = copy.copy(top_left.border), copy.copy(top_left.alignment)
	ws.merge_cells(where)
	for styled in _cells(ws, where):
		styled.border, styled.alignment = border, alignment


def _cells(ws: Worksheet, where: str):
	min_col, min_row, max_col, max_row = range_boundaries(where if ":" in where else f"{where}:{where}")
	for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
		yield from row


# ---------------------------------------------------------------- read


def is_form(ws: Worksheet, layout: FormLayout) -> bool:
	"""Does the sheet carry this form's title? (Whether the rest matches is read_form's job.)"""
	return _same_text(ws[layout.title_at.split(":")[0]].value, layout.title)


def read_form(ws: Worksheet, layout: FormLayout) -> tuple[dict, list[FormError]]:
	"""The record on ``ws`` and every error found (values are None where a cell was wrong)."""
	mismatch = _template_mismatch(ws, layout)
	if mismatch:
		where, expected = mismatch
		row, column = position(where)
		return {}, [FormError(ws.title, row, column, WRONG_TEMPLATE, (layout.title, where, expected))]
	merged = _MergedCells(ws)
	record: dict = {}
	errors: list[FormError] = []
	for item in layout.fields:
		record[item.key] = _read_field(ws, item, merged, errors)
	record[layout.grid.key] = _read_grid(ws, layout.grid, merged, errors)
	if layout.grid.footer:
		mismatch = _read_footer(ws, layout, merged, record, errors)
		if mismatch:
			return {}, [mismatch]
	return record, errors


def _read_field(ws: Worksheet, item: Field, merged: "_MergedCells", errors: list[FormError]) -> Any:
	where = item.value_at.split(":")[0]
	row, column = position(where)
	return _read_value(
		ws.title,
		row,
		column,
		merged.value(ws[where]),
		item.caption,
		item.kind,
		item.required,
		item.default,
		errors,
	)


def _read_footer(
	ws: Worksheet, layout: FormLayout, merged: "_MergedCells", record: dict, errors: list[FormError]
) -> FormError | None:
	"""Read the footer fields into ``record``; a WRONG_TEMPLATE error when a caption is misplaced.

	A missing footer row is reported once, as its first caption being required.
	"""
	grid = layout.grid
	row_number = _footer_row(ws, grid)
	if row_number is None:
		errors.append(FormError(ws.title, None, None, REQUIRED, (grid.footer[0].caption,)))
		record.update((item.key, item.default) for item in grid.footer)
		return None
	fields = _footer_fields(grid, row_number)
	for item in fields:
		top_left = item.caption_at and item.caption_at.split(":")[0]
		if top_left and not _same_text(ws[top_left].value, item.caption):
			row, column = position(top_left)
			return FormError(ws.title, row, column, WRONG_TEMPLATE, (layout.title, top_left, item.caption))
	for item in fields:
		record[item.key] = _read_field(ws, item, merged, errors)
	return None


def _footer_row(ws: Worksheet, grid: Grid) -> int | None:
	"""The footer row below the grid, looked for as far as the grid reader looks (GAP_SCAN_ROWS past a gap)."""
	row_number, last = grid.first_row, ws.max_row
	while row_number <= last:
		own = [ws.cell(row_number, number).value for number in range(1, len(grid.columns) + 1)]
		if _is_footer(own, grid):
			return row_number
		if all(is_blank(value) for value in own):
			last = min(last, row_number + GAP_SCAN_ROWS)
		row_number += 1
	return None


def _template_mismatch(ws: Worksheet, layout: FormLayout) -> tuple[str, str] | None:
	"""(cell, expected text) of the first fixed text that is not where the layout puts it."""
	grid = layout.grid
	expected = [(layout.title_at, layout.title)]
	expected += [(label.at, label.text) for label in layout.labels]
	expected += [(item.caption_at, item.caption) for item in layout.fields if item.caption_at]
	expected += [(grid.caption_at(column.key), column.caption) for column in grid.columns]
	expected += [(where, group.caption) for group, where in grid.group_ranges()]
	for where, text in expected:
		top_left = where.split(":")[0]
		if not _same_text(ws[top_left].value, text):
			return top_left, text
	return None


def _read_grid(ws: Worksheet, grid: Grid, merged: "_MergedCells", errors: list[FormError]) -> list[dict]:
	rows: list[dict] = []
	# Cells already read: a merged cell reports its problems once, not once per row it spans.
	cells_read: set[tuple[int, int]] = set()
	row_number = grid.first_row
	while row_number <= ws.max_row:
		own = [ws.cell(row_number, number).value for number in range(1, len(grid.columns) + 1)]
		if all(is_blank(value) for value in own):
			errors += _rows_after_gap(ws, grid, row_number)
			break
		if _is_footer(own, grid):
			break
		rows.append(_read_grid_row(ws, grid, merged, cells_read, row_number, errors))
		row_number += 1
	return rows


def _read_grid_row(
	ws: Worksheet,
	grid: Grid,
	merged: "_MergedCells",
	cells_read: set[tuple[int, int]],
	row_number: int,
	errors: list[FormError],
) -> dict:
	row: dict = {}
	for number, column in enumerate(grid.columns, 1):
		# A merged cell's problem is reported at the cell the user typed in, once.
		origin = merged.origin(ws.cell(row_number, number))
		already_read = (origin.row, origin.column) in cells_read
		cells_read.add((origin.row, origin.column))
		row[column.key] = _read_value(
			ws.title,
			origin.row,
			origin.column_letter,
			origin.value,
			column.caption,
			column.kind,
			column.required,
			None,
			[] if already_read else errors,
		)
	# The sheet row, so rules checked later by the caller can point at it.
	row["row"] = row_number
	return row


def _rows_after_gap(ws: Worksheet, grid: Grid, empty_row: int) -> list[FormError]:
	"""Rows below an empty row that look like data would be silently lost: say so.

	Notes under the table (one merged cell of text) are not data; a row
	filling two or more columns is.
	"""
	errors = []
	# Bounded: max_row can be a million when someone formatted whole columns,
	# and a table is never hundreds of rows away from its own header.
	for row_number in range(empty_row + 1, min(ws.max_row, empty_row + GAP_SCAN_ROWS) + 1):
		own = [ws.cell(row_number, number).value for number in range(1, len(grid.columns) + 1)]
		if _is_footer(own, grid):
			break
		if sum(not is_blank(value) for value in own) >= 2:
			errors.append(FormError(ws.title, row_number, None, AFTER_EMPTY_ROW, (empty_row,)))
	return errors


def _is_footer(values: list[Any], grid: Grid) -> bool:
	first = next((value for value in values if not is_blank(value)), None)
	return isinstance(first, str) and compact(first).startswith(grid.footer_words)


def _read_value(
	sheet: str,
	row: int,
	column: str,
	raw: Any,
	caption: str,
	kind: Kind,
	required: bool,
	default: Any,
	errors: list[FormError],
) -> Any:
	"""Convert one cell; on a problem record a FormError there and return None."""
	try:
		value = kind.read(raw)
	except CellError as problem:
		errors.append(FormError(sheet, row, column, problem.message, (caption, *problem.details)))
		return None
	if value is None and required:
		errors.append(FormError(sheet, row, column, REQUIRED, (caption,)))
	return default if value is None else value


class _MergedCells:
	"""Value of any cell of a merged range = the value of its top-left cell.

	Looked up range by range instead of expanding ranges into a cell map: a
	sheet may merge whole columns, which would expand to millions of cells.
	"""

	def __init__(self, ws: Worksheet) -> None:
		self.ws = ws
		self.ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]

	def value(self, cell) -> Any:
		return self.origin(cell).value

	def origin(self, cell):
		"""The top-left cell of the merged range holding ``cell``, or ``cell`` itself."""
		for min_row, min_col, max_row, max_col in self.ranges:
			if min_row <= cell.row <= max_row and min_col <= cell.column <= max_col:
				return self.ws.cell(min_row, min_col)
		return cell


# ---------------------------------------------------------------- text helpers


def as_text(value: Any) -> str | None:
	"""Cell or stored value as stripped text; numbers typed into text cells lose a spurious ".0"."""
	if value is None or isinstance(value, bool):
		return None if value is None else str(value)
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	if isinstance(value, datetime.datetime):
		value = value.date()
	if isinstance(value, datetime.date):
		return value.isoformat()
	text = str(value).replace("\r\n", "\n").strip()
	return text or None


def is_blank(value: Any) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
	"""NFKC folds full-width digits, letters and signs (１２，（）＞) to their ASCII forms."""
	return unicodedata.normalize("NFKC", text).strip()


def compact(value: Any) -> str:
	"""Comparable form of a word: folded, without any whitespace, case-insensitive."""
	return re.sub(r"\s+", "", fold(str(value))).casefold()


def _same_text(value: Any, expected: str) -> bool:
	return value is not None and compact(value) == compact(expected)


def quote_value(raw: Any) -> str:
	"""A cell value quoted back to the user, shortened so a pasted essay does not flood the message."""
	text = as_text(raw) or ""
	return text if len(text) <= 40 else text[:40] + "…"


def _number_text(raw: Any) -> Any:
	if not isinstance(raw, str):
		return raw
	# "1,234.50" and " 12 " are numbers as people type them.
	return re.sub(r"[,\s]", "", fold(raw))


def _date_from_text(text: str) -> datetime.date | None:
	"""2026-01-01, 2026/1/1, 2026.1.1, 2026年1月1日, 20260101 -> a date."""
	folded = fold(text)
	match = re.fullmatch(
		r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", folded
	) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", folded)
	if not match:
		return None
	try:
		return datetime.date(*(int(part) for part in match.groups()))
	except ValueError:
		return None


def cell_name(row: int, column: int) -> str:
	return f"{get_column_letter(column)}{row}"


def position(where: str) -> tuple[int, str]:
	match = re.fullmatch(r"([A-Z]+)(\d+)", where.split(":")[0])
	return int(match.group(2)), match.group(1)


def sheet_titles(records: list[Mapping], fallback: str) -> list[str]:
	"""One unique sheet name per record (project code, else project name) of
	≤31 characters without the characters Excel forbids; ``fallback`` + number
	for a record with neither."""
	titles: list[str] = []
	for number, record in enumerate(records, 1):
		name = as_text(record.get("project_code") or record.get("project_name")) or ""
		base = re.sub(r"[\[\]:*?/\\']", "_", name)[:31] or f"{fallback}{number}"
		title, copy = base, 1
		while title.casefold() in (existing.casefold() for existing in titles):
			copy += 1
			suffix = f"({copy})"
			title = base[: 31 - len(suffix)] + suffix
		titles.append(title)
	return titles
