# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The floor of an Excel export (plain openpyxl, no Frappe): what writing the
same workbook costs with nothing but openpyxl, given its cells ready.

``plan(workbook)`` reads a workbook the app exported into what a bare writer
needs (sheets, column widths, row heights, merged ranges, print settings, and
each cell's value and style); ``write(plan)`` writes that again through
openpyxl's public API and returns the .xlsx bytes. Each distinct style of the
export is one named style, registered once and given to each cell by name
(the other cells of a merged range too, as the export styles them):
the cheapest public way, as openpyxl then copies the style's numbers instead
of looking every font, fill, border and alignment up again (setting the five
attributes cell by cell took twice as long). A text is a text cell, as in
the export (perf_budget/excel/cells.py).
``cells(workbook)`` is what both workbooks must agree on for the floor to be
honest: every cell's value, type and style, the merged ranges and sizes."""

import io
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import NamedStyle
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

STYLE_ATTRIBUTES = ("font", "fill", "border", "alignment", "protection", "number_format")


@dataclass
class SheetPlan:
	title: str
	widths: dict[str, float] = field(default_factory=dict)
	heights: dict[int, float] = field(default_factory=dict)
	merged: list[str] = field(default_factory=list)
	# (row, column, value or None, style number or None)
	cells: list[tuple[int, int, Any, int | None]] = field(default_factory=list)
	print_area: str | None = None
	print_title_rows: str | None = None
	page: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
	sheets: list[SheetPlan]
	# per style number: its font, fill, border, alignment, protection and number format
	styles: list[dict[str, Any]]


def plan(workbook) -> Plan:
	looks: dict[tuple, int] = {}
	styles: list[dict[str, Any]] = []

	def number(look: dict[str, Any]) -> int:
		key = tuple(repr(look[attribute]) for attribute in STYLE_ATTRIBUTES)
		if key not in looks:
			looks[key] = len(styles)
			styles.append(look)
		return looks[key]

	sheets = []
	for ws in workbook.worksheets:
		sheet = SheetPlan(ws.title)
		sheet.widths = {letter: dim.width for letter, dim in ws.column_dimensions.items() if dim.customWidth}
		sheet.heights = {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height is not None}
		sheet.merged = [str(merged) for merged in ws.merged_cells.ranges]
		cells = {}
		for (row, column), cell in ws._cells.items():
			if not isinstance(cell, MergedCell) and (cell.value is not None or cell.has_style):
				look = {attribute: copy(getattr(cell, attribute)) for attribute in STYLE_ATTRIBUTES}
				cells[(row, column)] = (cell.value, number(look) if cell.has_style else None)
		# openpyxl reads a merged range's other cells back with the first one's borders only;
		# the export styled each of them as the first but for its font and number format
		for merged in ws.merged_cells.ranges:
			first = ws.cell(merged.min_row, merged.min_col)
			tail = {attribute: copy(getattr(first, attribute)) for attribute in STYLE_ATTRIBUTES}
			tail.update(font=DEFAULT_FONT, number_format="General")
			for row, column in list(merged.cells)[1:]:
				cells[(row, column)] = (None, number(tail))
		sheet.cells = [(row, column, *cells[(row, column)]) for row, column in sorted(cells)]
		sheet.print_area = ws.print_area and ws.print_area.split("!")[-1].replace("$", "")
		sheet.print_title_rows = ws.print_title_rows and ws.print_title_rows.replace("$", "")
		sheet.page = {
			"orientation": ws.page_setup.orientation,
			"paperSize": ws.page_setup.paperSize,
			"fitToWidth": ws.page_setup.fitToWidth,
			"fitToHeight": ws.page_setup.fitToHeight,
			"fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage
			if ws.sheet_properties.pageSetUpPr
			else None,
			"horizontalCentered": ws.print_options.horizontalCentered,
		}
		sheets.append(sheet)
	return Plan(sheets, styles)


def write(plan: Plan) -> bytes:
	workbook = Workbook()
	workbook.remove(workbook.active)
	for number, style in enumerate(plan.styles):
		workbook.add_named_style(NamedStyle(name=f"floor{number}", **style))
	for sheet in plan.sheets:
		ws = workbook.create_sheet(sheet.title)
		for letter, width in sheet.widths.items():
			ws.column_dimensions[letter].width = width
		for row, height in sheet.heights.items():
			ws.row_dimensions[row].height = height
		for merged in sheet.merged:
			ws.merge_cells(merged)
		for row, column, value, style in sheet.cells:
			cell = ws.cell(row=row, column=column)
			if value is not None:
				cell.value = value
				if isinstance(value, str):
					cell.data_type = "s"
			if style is not None:
				cell.style = f"floor{style}"
		if sheet.print_area:
			ws.print_area = sheet.print_area
		if sheet.print_title_rows:
			ws.print_title_rows = sheet.print_title_rows
		page = sheet.page
		ws.page_setup.orientation = page["orientation"]
		ws.page_setup.paperSize = page["paperSize"]
		ws.page_setup.fitToWidth = page["fitToWidth"]
		ws.page_setup.fitToHeight = page["fitToHeight"]
		ws.sheet_properties.pageSetUpPr.fitToPage = page["fitToPage"]
		ws.print_options.horizontalCentered = page["horizontalCentered"]
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def cells(workbook) -> dict:
	"""What the floor must write as the export did: per sheet, each cell's value,
	type and style, the merged ranges, the widths and heights."""
	out = {}
	for ws in workbook.worksheets:
		out[ws.title] = {
			"cells": {
				(get_column_letter(column), row): (
					cell.value,
					None if cell.value is None else cell.data_type,  # an empty text cell reads back empty
					*(repr(getattr(cell, attribute)) for attribute in STYLE_ATTRIBUTES),
				)
				for (row, column), cell in ws._cells.items()
				if cell.value is not None or cell.has_style
			},
			"merged": sorted(str(merged) for merged in ws.merged_cells.ranges),
			"widths": {letter: dim.width for letter, dim in ws.column_dimensions.items() if dim.customWidth},
			"heights": {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height is not None},
		}
	return out
