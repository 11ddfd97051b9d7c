"""What every official form shares: its errors, its look, and text helpers.

Errors are ``FormError`` values whose ``message`` is an English key with
{0}… placeholders: the Frappe side translates them with ``_()`` (zh.po),
this module never imports Frappe. ``put`` writes a cell (or a merged range)
in the forms' look, and a text never becomes a formula.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from copy import copy
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from perf_budget.excel.cells import text_cell

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


REQUIRED = "{0} is required"
NOT_A_NUMBER = "{0} must be a number, not {1}"
NEGATIVE = "{0} must not be negative"
NOT_A_DATE = "{0} must be a date such as 2026-01-01, not {1}"
NOT_A_CHOICE = "{0} must be one of {1}, not {2}"
TOO_LONG = "{0} is {1} characters long; at most {2} are allowed"
MESSAGES = (AT_CELL, AT_ROW, AT_SHEET, REQUIRED, NOT_A_NUMBER, NEGATIVE, NOT_A_DATE, NOT_A_CHOICE, TOO_LONG)


def read_date(raw: Any) -> datetime.date | None:
	"""A date cell, or text such as 2026-01-01, 2026/1/1, 2026年1月1日; raises CellError."""
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


# ---------------------------------------------------------------- styles

FONT_NAME = "宋体"
TITLE_FONT = Font(name="黑体", size=16, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
BOLD_FONT = Font(name=FONT_NAME, size=11, bold=True)
CAPTION_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
NO_BORDER = Border()


# ---------------------------------------------------------------- write


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
	min_col, min_row, max_col, max_row = range_boundaries(where if ":" in where else f"{where}:{where}")
	if ":" in where:
		merge(ws, where)
	cell = ws.cell(row=min_row, column=min_col)
	# "=100" is a target (operator =), not a formula; and text from a record
	# must never run as a formula in someone's Excel.
	text_cell(cell, value)
	styled = [
		each
		for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)
		for each in row
	]
	fresh = not any(each.has_style for each in styled)
	looks = _LOOKS.setdefault(ws.parent, {})
	key = (id(font), id(fill), id(border), horizontal, vertical, number_format)
	if fresh and key in looks:
		head, tail = looks[key][:2]
		for each in styled:
			each._style = copy(head if each is cell else tail)
		return cell
	cell.font = font
	cell.number_format = number_format
	for each in styled:
		each.border = border
		each.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
		if fill is not None:
			each.fill = fill
	if fresh:
		# the other cells of a range have the first one's look but the default font and format
		tail = copy(cell._style)
		tail.fontId = tail.numFmtId = 0
		looks[key] = (copy(cell._style), tail, font, fill, border)  # the objects keep their ids taken
	return cell


def merge(ws: Worksheet, where: str) -> None:
	"""``ws.merge_cells(where)`` without openpyxl's border and protection copying
	onto the range's other cells: ``put`` styles every cell of the range itself
	right after, so that copying only cost time (a form's thousands of ranges)
	and left the cells looking styled, past the look cache below. Every cell's
	value and look and every range are the same."""
	merged = MergedCellRange(ws, where)
	ws.merged_cells.add(merged)
	cells = merged.cells
	next(cells)  # the first cell keeps its value
	for row, column in cells:
		ws._cells[row, column] = MergedCell(ws, row, column)


# A workbook's looks already made by ``put``: (font, fill, border, alignment,
# number format) -> the style of a range's first cell and of its other cells.
# openpyxl finds a style object's number in the workbook by hashing it, for
# every cell and attribute; a form sheet sets the same few looks thousands of
# times, so each look is made once per workbook and its style numbers copied
# onto the next fresh cells, as openpyxl's own sheet copier does. The file is
# the same.
_LOOKS: WeakKeyDictionary = WeakKeyDictionary()


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
	# A leading tab stays (exported text reads back unchanged); spaces and blank lines around go.
	text = str(value).replace("\r\n", "\n").strip(" \n\r\u3000")
	return text if text.strip() else None


def is_blank(value: Any) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
	"""NFKC folds full-width digits, letters and signs (１２，（）＞) to their ASCII forms."""
	return unicodedata.normalize("NFKC", text).strip()


def compact(value: Any) -> str:
	"""Comparable form of a word: folded, without any whitespace, case-insensitive."""
	return re.sub(r"\s+", "", fold(str(value))).casefold()


def quote_value(raw: Any) -> str:
	"""A cell value quoted back to the user, shortened so a pasted essay does not flood the message."""
	text = as_text(raw) or ""
	return text if len(text) <= 40 else text[:40] + "…"


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
