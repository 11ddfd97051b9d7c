"""Reading and editing the workbooks the form tests exchange (openpyxl only)."""

import copy
import io

from openpyxl import load_workbook


def without_rows(record):
	"""The business fields only: no sheet name, no sheet row numbers."""
	record = copy.deepcopy(record)
	record.pop("sheet")
	for indicator in record["indicators"]:
		indicator.pop("row")
	return record


def saved(workbook) -> bytes:
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def edited(data: bytes, **cells) -> bytes:
	"""The exported workbook with some cells of its first sheet replaced."""
	workbook = load_workbook(io.BytesIO(data))
	ws = workbook.worksheets[0]
	for ref, value in cells.items():
		ws[ref] = value
	return saved(workbook)


def only_error(errors):
	assert len(errors) == 1, errors
	return errors[0]


def where(error):
	return (error.row, error.column, error.message)


def first_sheet(data: bytes):
	return load_workbook(io.BytesIO(data)).worksheets[0]


def sheet_rows(data: bytes) -> dict[str, list[list]]:
	"""Every cell value of every sheet, by sheet title."""
	return {
		ws.title: [[cell.value for cell in row] for row in ws.iter_rows()]
		for ws in load_workbook(io.BytesIO(data)).worksheets
	}


def cell_values(data: bytes) -> dict[str, tuple[list[list], list[str]]]:
	"""Every cell value and every merged range of every sheet, by sheet title."""
	workbook = load_workbook(io.BytesIO(data))
	return {
		ws.title: (
			[[cell.value for cell in row] for row in ws.iter_rows()],
			sorted(str(merged) for merged in ws.merged_cells.ranges),
		)
		for ws in workbook.worksheets
	}
