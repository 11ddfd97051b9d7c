"""Text in an exported workbook stays text. Excel runs a cell whose text
starts with = + - @ (also after a tab or CR) as a formula, and openpyxl
stores any string starting with "=" as one; a record's text (a unit's
=HYPERLINK(…)) must never become a live formula in someone's Excel. So a
string is always written as a string cell and reads back unchanged."""

from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def text_cell(cell: Cell, value: Any) -> Cell:
	"""Put ``value`` in ``cell``; a string is a text cell, never a formula."""
	cell.value = value
	if isinstance(value, str):
		cell.data_type = "s"
	return cell


def write_row(sheet: Worksheet, row: int, values: list) -> None:
	"""``values`` across ``row`` from column A, each through ``text_cell``."""
	for column, value in enumerate(values, start=1):
		text_cell(sheet.cell(row=row, column=column), value)
