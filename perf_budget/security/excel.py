"""Frappe's own Excel exports (report and list *Export*, Data Export) write a
text that starts with "=" as a live formula: a unit's =HYPERLINK(…) typed into
a project name would run in whoever opens the export. The app's forms write
text as text (perf_budget/excel/cells.py); this makes Frappe's exports do the
same, by turning every formula cell of the workbook Frappe built back into the
text it was given. Frappe never means a formula in these exports."""

import io

import frappe.utils.xlsxutils
from openpyxl import load_workbook

FRAPPE_MAKE_XLSX = frappe.utils.xlsxutils.make_xlsx


def make_xlsx(data, sheet_name, wb=None, column_widths=None):
	"""Frappe's make_xlsx, with every cell it wrote as a formula written back as text."""
	return formulas_as_text(FRAPPE_MAKE_XLSX(data, sheet_name, wb=wb, column_widths=column_widths))


def formulas_as_text(xlsx_file: io.BytesIO) -> io.BytesIO:
	workbook = load_workbook(io.BytesIO(xlsx_file.getvalue()))
	changed = False
	for sheet in workbook.worksheets:
		for row in sheet.iter_rows():
			for cell in row:
				if cell.data_type == "f":
					cell.data_type = "s"
					changed = True
	if not changed:
		return xlsx_file
	result = io.BytesIO()
	workbook.save(result)
	return result


def install() -> None:
	"""Frappe's exports import make_xlsx when they run, so replacing the module's function reaches them."""
	if frappe.utils.xlsxutils.make_xlsx is not make_xlsx:
		frappe.utils.xlsxutils.make_xlsx = make_xlsx
