"""Budget system exports the way the city's 预算管理一体化 writes them and people touch them up:
built cell by cell with openpyxl or as CSV bytes, never with the app's own export.

A line is one budget indicator (指标): one project has several lines per fund source.
"""

import io
import zipfile

from openpyxl import Workbook

TITLE = "2026年度项目支出预算执行情况表"
HEADER = ["项目编码", "项目名称", "单位名称", "资金性质", "年初预算数", "调整后预算数", "支付数"]

ROAD = ("330100260001", "城市道路养护项目", "市公路养护中心")
PARK = ("330100260002", "公园绿化提升工程", "市园林绿化管理处")


def line(project, source, initial, adjusted, executed) -> list:
	code, name, unit = project
	return [code, name, unit, source, initial, adjusted, executed]


# Four indicator lines of the road project (two fiscal, one carry-over, one 财政专户) and one of the park.
LINES = [
	line(ROAD, "一般公共预算", "1,234,567.89", "1,234,567.89", "500,000.00"),
	line(ROAD, "一般公共预算", 100000, 150000, 20000.5),
	line(ROAD, "上年结转", "—", 80000, 30000),
	line(ROAD, "财政专户管理资金", 50000, 50000, ""),
	line(PARK, "政府性基金预算", 2000000, 1800000, 900000),
]


def rows_of_export(
	lines=None,
	*,
	above=(TITLE, "单位：元"),
	header=HEADER,
	total=None,
	below=("注：本表数据来源于预算管理一体化系统。", "制表人：王芳　　审核人：李强"),
) -> list[list]:
	"""Title lines, the header, the lines, an optional 合计 row, a blank row and footnotes."""
	rows = [[text] for text in above] + [list(header)]
	rows += [list(row) for row in (LINES if lines is None else lines)]
	if total is not None:
		rows.append(["合计", "", "", "", *total])
	return [*rows, [], *([text] for text in below)]


def xlsx(*sheets, merges=()) -> bytes:
	"""A workbook of (title, rows) sheets; ``merges`` are ranges of the first sheet ("E3:F3")."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	for number, (title, rows) in enumerate(sheets):
		sheet = workbook.create_sheet(title)
		for row in rows:
			sheet.append(row)
		if number == 0:
			for cells in merges:
				sheet.merge_cells(cells)
	data = io.BytesIO()
	workbook.save(data)
	return data.getvalue()


def export_xlsx(lines=None, **changes) -> bytes:
	return xlsx(("预算执行", rows_of_export(lines, **changes)))


def csv_bytes(rows, *, encoding="utf-8", delimiter=",", bom=False) -> bytes:
	"""CSV text typed row by row: a cell holding the delimiter or a quote is quoted, as Excel saves it."""

	def cell(value) -> str:
		text = "" if value is None else str(value)
		if delimiter in text or '"' in text or "\n" in text:
			return '"' + text.replace('"', '""') + '"'
		return text

	text = "\r\n".join(delimiter.join(cell(value) for value in row) for row in rows) + "\r\n"
	return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def docx() -> bytes:
	"""A Word document: a zip like an .xlsx, without a workbook inside."""
	data = io.BytesIO()
	with zipfile.ZipFile(data, "w") as archive:
		archive.writestr("[Content_Types].xml", "<Types/>")
		archive.writestr("word/document.xml", "<w:document><w:body>预算执行情况说明</w:body></w:document>")
	return data.getvalue()


def zip_bomb() -> bytes:
	"""An .xlsx whose one member unpacks to 101 MB of zeros (a few hundred kB packed)."""
	data = io.BytesIO()
	with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("[Content_Types].xml", "<Types/>")
		with archive.open("xl/worksheets/sheet1.xml", "w") as member:
			chunk = b"0" * (1024 * 1024)
			for _ in range(101):
				member.write(chunk)
	return data.getvalue()
