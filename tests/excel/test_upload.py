"""Files that are no usable workbook are refused by perf_budget.excel.upload before any form is read,
for every kind of form, each with one message and never a traceback; the costly ones before openpyxl
opens them."""

import io
import zipfile

import pytest
from workbooks import Form, goal_record, only_error

from perf_budget.excel import goal_form, read_form, upload
from perf_budget.excel.layout import FormError

KINDS = ("goal", "monitoring", "evaluation")


def exported_goal() -> bytes:
	return goal_form.export_goals([goal_record()])


def refusal(kind: str, data, filename: str = "form.xlsx") -> FormError:
	records, errors = read_form(kind, data, filename)
	assert records == []
	error = only_error(errors)
	assert (error.sheet, error.row, error.column) == (None, None, None)
	return error


@pytest.fixture
def never_opened(monkeypatch):
	"""openpyxl must not be asked to open the file."""

	def refuse(*args, **kwargs):
		raise AssertionError("the file was opened")

	monkeypatch.setattr(upload, "load_workbook", refuse)


def zipped(members: dict[str, bytes]) -> bytes:
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for name, content in members.items():
			archive.writestr(name, content)
	return buffer.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_file_is_refused(kind):
	assert refusal(kind, b"") == FormError(None, None, None, upload.EMPTY_FILE)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
	"data",
	[
		"项目名称,金额\n道路,100\n".encode(),
		b"<html><body>form</body></html>",
		b"PK\x03\x04 a broken zip",
		"项目名称,金额\n",  # Frappe hands a text file over as str
	],
	ids=["csv renamed .xlsx", "html", "broken zip", "text as str"],
)
def test_bytes_that_are_no_workbook_are_refused_clearly(kind, data):
	assert refusal(kind, data).message == upload.NOT_XLSX


@pytest.mark.parametrize("kind", KINDS)
def test_a_zip_that_is_no_workbook_is_refused(kind):
	assert refusal(kind, zipped({"hello.txt": b"hi"})).message == upload.NOT_XLSX


@pytest.mark.parametrize("kind", KINDS)
def test_a_truncated_workbook_is_refused(kind):
	data = exported_goal()
	assert refusal(kind, data[: len(data) // 2]).message == upload.NOT_XLSX


def test_a_zip_that_lies_about_its_sizes_is_refused():
	# The central directory says sheet1.xml unpacks to 100 bytes: the size check passes, the read fails.
	data = bytearray(exported_goal())
	name = data.rfind(b"xl/worksheets/sheet1.xml")  # the central directory follows every member
	entry = name - 46
	assert data[entry : entry + 4] == b"PK\x01\x02"
	assert int.from_bytes(data[entry + 24 : entry + 28], "little") > 100
	data[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
	assert refusal("goal", bytes(data)).message == upload.NOT_XLSX


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("filename", ["form.xls", "form.XLS", "form.xlsx"])
def test_an_old_xls_workbook_is_told_to_save_as_xlsx(kind, filename, never_opened):
	data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
	assert refusal(kind, data, filename).message == upload.OLD_XLS


def test_anything_named_xls_that_is_not_a_zip_is_an_old_workbook(never_opened):
	assert refusal("goal", b"\x09\x08 BIFF5", "form.xls").message == upload.OLD_XLS


@pytest.mark.parametrize("kind", KINDS)
def test_an_oversized_file_is_refused_before_it_is_opened(kind, never_opened):
	error = refusal(kind, b"PK\x03\x04" + bytes(upload.MAX_IMPORT_BYTES))
	assert (error.message, error.args) == (upload.FILE_TOO_LARGE, (5, 5))


def test_the_size_limit_is_five_megabytes_and_a_file_of_exactly_that_size_is_no_oversized_file():
	assert upload.MAX_IMPORT_BYTES == 5 * 1024 * 1024
	error = refusal("goal", b"PK\x03\x04" + bytes(upload.MAX_IMPORT_BYTES - 4))
	assert error.message == upload.NOT_XLSX


@pytest.mark.parametrize("kind", KINDS)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(kind, monkeypatch, never_opened):
	monkeypatch.setattr(upload, "MAX_UNPACKED_BYTES", 1024 * 1024)
	data = zipped({"xl/worksheets/sheet1.xml": bytes(upload.MAX_UNPACKED_BYTES + 1)})
	assert len(data) < upload.MAX_IMPORT_BYTES
	error = refusal(kind, data)
	assert (error.message, error.args) == (upload.UNPACKS_TOO_LARGE, (1,))


@pytest.mark.parametrize("kind", KINDS)
def test_merging_whole_columns_is_refused_before_openpyxl_expands_it(kind, monkeypatch, never_opened):
	monkeypatch.setattr(upload, "MAX_MERGED_CELLS", 1000)
	sheet = Form(exported_goal())
	sheet.ws.merge_cells("Z1:Z2000")
	error = refusal(kind, sheet.data())
	assert error.message == upload.TOO_MANY_MERGED
	assert error.args[0] > 2000


@pytest.mark.parametrize("kind", KINDS)
def test_a_sheet_formatted_down_thousands_of_rows_is_refused_before_it_is_opened(
	kind, monkeypatch, never_opened
):
	monkeypatch.setattr(upload, "MAX_CELLS", 5000)
	sheet = Form(exported_goal())
	for row in range(1, 6001):
		sheet.ws.cell(row, 30).number_format = "0.00"
	error = refusal(kind, sheet.data())
	assert error.message == upload.TOO_MANY_CELLS
	assert error.args[0] > 6000


def test_the_limits_leave_room_for_real_forms():
	assert (upload.MAX_UNPACKED_BYTES, upload.MAX_MERGED_CELLS, upload.MAX_CELLS) == (
		100 * 1024 * 1024,
		100_000,
		200_000,
	)
	records, errors = read_form("goal", exported_goal(), "form.xlsx")
	assert (len(records), errors) == (1, [])
