"""The Excel export's floor (benchmarks/xlsx_floor.py), without Frappe: bare
openpyxl writes the cells of the app's export again, value for value and
style for style, and the comparison it is held to sees a changed cell; the
export's shared looks (layout.put) write a sheet as a fresh workbook would."""

from io import BytesIO
from zipfile import ZipFile

from excel.workbooks import evaluation_record
from openpyxl import load_workbook
from openpyxl.styles import Font

from benchmarks import xlsx_floor
from perf_budget.excel import layout
from perf_budget.excel.evaluation_form import export_evaluations


def opened(data: bytes):
	return load_workbook(BytesIO(data))


def test_the_floor_writes_the_exported_cells_again():
	exported = opened(export_evaluations([evaluation_record(), evaluation_record("XM-2025-002"), {}]))
	plan = xlsx_floor.plan(exported)
	assert [sheet.title for sheet in plan.sheets] == ["XM-2025-001", "XM-2025-002", "自评3"]
	assert xlsx_floor.cells(opened(xlsx_floor.write(plan))) == xlsx_floor.cells(exported)


def test_a_cell_written_otherwise_is_seen():
	exported = opened(export_evaluations([evaluation_record()]))
	plan = xlsx_floor.plan(exported)
	again = opened(xlsx_floor.write(plan))
	again.active["C3"] = "另一个项目"
	assert xlsx_floor.cells(again) != xlsx_floor.cells(exported)
	again = opened(xlsx_floor.write(plan))
	again.active["C3"].font = Font(name="宋体", size=12)
	assert xlsx_floor.cells(again) != xlsx_floor.cells(exported)


def test_a_sheet_after_others_has_the_cells_of_a_sheet_alone():
	"""The second sheet takes the looks the first one made; its cells are those of a workbook of its own."""
	second = evaluation_record("XM-2025-002")
	both = xlsx_floor.cells(opened(export_evaluations([evaluation_record(), second])))
	alone = xlsx_floor.cells(opened(export_evaluations([second])))
	assert both["XM-2025-002"] == alone["XM-2025-002"]


class NothingKept(dict):
	"""A workbook's looks forgotten at once: every cell styled attribute by attribute."""

	def setdefault(self, key, default=None):
		return {}


def test_shared_looks_write_the_file_each_cell_styled_alone_gives(monkeypatch):
	"""Sheets and styles byte for byte (openpyxl reads merged cells' own styles back as the first cell's)."""
	records = [evaluation_record(), evaluation_record("XM-2025-002"), {}]
	shared = sheets_and_styles(export_evaluations(records))
	monkeypatch.setattr(layout, "_LOOKS", NothingKept())
	assert sheets_and_styles(export_evaluations(records)) == shared


def sheets_and_styles(data: bytes) -> dict[str, bytes]:
	with ZipFile(BytesIO(data)) as xlsx:
		return {
			name: xlsx.read(name)
			for name in xlsx.namelist()
			if name.startswith("xl/worksheets/") or name == "xl/styles.xml"
		}
