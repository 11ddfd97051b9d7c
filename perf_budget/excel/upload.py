"""Opening an uploaded workbook safely, for every official form.

Checks run cheapest first and each one before anything that could be
fooled or exhausted by a bad file: size, signature, unpacked size, merged
ranges, then openpyxl. Every failure is one FormError without a sheet (the
file itself is wrong), never a traceback.
"""

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import range_boundaries

from perf_budget.excel.layout import FormError

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# A 5 MB upload of real forms unpacks to well under this; more means a zip
# bomb or a sheet full of junk that would exhaust the worker's memory.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# openpyxl creates an object for every cell of a merged range while
# loading, so one range over whole columns (A:Z) would hang the worker.
# The official forms merge a few hundred cells.
MAX_MERGED_CELLS = 100_000
# Cells the sheets write (formatted empty ones included): a form has a few
# hundred; a sheet formatted down a million rows would take the worker's memory.
MAX_CELLS = 200_000

EMPTY_FILE = "The file is empty"
FILE_TOO_LARGE = "The file is {0} MB; files larger than {1} MB are not accepted"
UNPACKS_TOO_LARGE = "The workbook unpacks to more than {0} MB; split it into smaller files"
TOO_MANY_MERGED = "The workbook merges {0} cells, more than a form can have; unmerge whole rows or columns"
TOO_MANY_CELLS = (
	"The workbook has {0} cells, more than a form can have; delete the formatted empty rows and columns"
)
NOT_XLSX = "The file is not an Excel .xlsx workbook; save it as .xlsx and upload it again"
OLD_XLS = "The file is an old .xls workbook; save it as .xlsx and upload it again"
NO_FORM_SHEET = "No sheet in the file is a {0}: its title was not found in the first rows of any sheet"
MESSAGES = (
	EMPTY_FILE,
	FILE_TOO_LARGE,
	UNPACKS_TOO_LARGE,
	TOO_MANY_MERGED,
	TOO_MANY_CELLS,
	NOT_XLSX,
	OLD_XLS,
	NO_FORM_SHEET,
)

# The OLE2 signature of the old binary .xls, which openpyxl cannot read.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"
ZIP_SIGNATURE = b"PK\x03\x04"
CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Za-z]+\d+:[A-Za-z]+\d+)"')


def open_workbook(data: bytes, filename: str = "") -> tuple[Workbook | None, list[FormError]]:
	"""The uploaded workbook (values of formulas as last computed), or None and the reason."""
	errors = _signature_errors(data, filename)
	if errors:
		return None, errors
	try:
		with zipfile.ZipFile(io.BytesIO(data)) as archive:
			errors = _archive_errors(archive)
		if errors:
			return None, errors
		# data_only: a formula cell (资金总额 = SUM(...)) is read as its last computed value.
		return load_workbook(io.BytesIO(data), data_only=True), []
	except Exception:
		# Any zip or XML the reader chokes on (BadZipFile, InvalidFileException,
		# a zip without workbook.xml, broken XML) is a file that is not a
		# usable workbook: a clear message, not a traceback.
		return None, [file_error(NOT_XLSX)]


def _signature_errors(data: bytes, filename: str) -> list[FormError]:
	"""Checks that need no parsing; size first, so a huge upload is never opened."""
	if isinstance(data, str):  # Frappe hands a text file's content over as text
		return [file_error(NOT_XLSX)] if data else [file_error(EMPTY_FILE)]
	if not data:
		return [file_error(EMPTY_FILE)]
	if len(data) > MAX_IMPORT_BYTES:
		return [file_error(FILE_TOO_LARGE, _megabytes(len(data)), _megabytes(MAX_IMPORT_BYTES))]
	if data.startswith(OLE2_SIGNATURE) or (filename.lower().endswith(".xls") and not data.startswith(b"PK")):
		return [file_error(OLD_XLS)]
	if not data.startswith(ZIP_SIGNATURE):
		return [file_error(NOT_XLSX)]
	return []


def _archive_errors(archive: zipfile.ZipFile) -> list[FormError]:
	# file_size is what the zip declares; a liar fails inside load_workbook instead.
	if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
		return [file_error(UNPACKS_TOO_LARGE, _megabytes(MAX_UNPACKED_BYTES))]
	merged = _merged_cell_count(archive)
	if merged > MAX_MERGED_CELLS:
		return [file_error(TOO_MANY_MERGED, merged)]
	cells = sum(
		len(CELL_TAG.findall(archive.read(name)))
		for name in archive.namelist()
		if name.startswith("xl/worksheets/") and name.endswith(".xml")
	)
	if cells > MAX_CELLS:
		return [file_error(TOO_MANY_CELLS, cells)]
	return []


def _merged_cell_count(archive: zipfile.ZipFile) -> int:
	total = 0
	for name in archive.namelist():
		if name.startswith("xl/worksheets/") and name.endswith(".xml"):
			for ref in MERGE_REF.findall(archive.read(name)):
				min_col, min_row, max_col, max_row = range_boundaries(ref.decode().upper())
				total += (max_col - min_col + 1) * (max_row - min_row + 1)
	return total


def file_error(message: str, *args: Any) -> FormError:
	return FormError(None, None, None, message, args)


def _megabytes(size: int) -> float | int:
	value = round(size / (1024 * 1024), 1)
	return int(value) if value.is_integer() else value


def read_sheets(
	data: bytes, filename: str, titles, read_sheet: Callable
) -> tuple[list[dict], list[FormError]]:
	"""Every sheet of an upload that carries one of ``titles`` (a Caption),
	read by ``read_sheet``; no records at all when there is any error (SPEC §5:
	a file with any error writes nothing)."""
	from perf_budget.excel.official import form_sheets

	workbook, errors = open_workbook(data, filename)
	if errors:
		return [], errors
	sheets = form_sheets(workbook, titles)
	if not sheets:
		return [], [file_error(NO_FORM_SHEET, titles.printed)]
	records: list[dict] = []
	for ws in sheets:
		record, sheet_errors = read_sheet(ws)
		records.append(record)
		errors += sheet_errors
	return ([], errors) if errors else (records, [])
