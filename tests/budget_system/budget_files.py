"""Budget system exports the way the city's 预算管理一体化 writes them and people touch them up:
built cell by cell with openpyxl, xlwt (a 97–2003 .xls), as CSV bytes, an HTML page or Excel 2003
XML text, never with the app's own export.

A line is one budget indicator (指标): one project has several lines per fund source.
"""

import datetime
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


# ---------------------------------------------------------------- the older "Excel" files


def xls(*sheets, merges=(), dates_1904=False) -> bytes:
	"""An Excel 97–2003 workbook (BIFF8) written cell by cell with xlwt, as the budget system's
	report engine writes it: numbers as numbers, dates as date-formatted serials, merged ranges
	("E3:F3", of the first sheet) written once."""
	import xlwt
	from openpyxl.utils import range_boundaries

	book = xlwt.Workbook(encoding="utf-8")
	book.dates_1904 = dates_1904
	date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
	amount_style = xlwt.easyxf(num_format_str="#,##0.00")
	for number, (title, rows) in enumerate(sheets):
		sheet = book.add_sheet(title)
		ranges = [range_boundaries(cells) for cells in (merges if number == 0 else ())]
		covered = set()
		for min_col, min_row, max_col, max_row in ranges:
			value = rows[min_row - 1][min_col - 1] if min_col <= len(rows[min_row - 1]) else ""
			sheet.write_merge(min_row - 1, max_row - 1, min_col - 1, max_col - 1, value)
			covered |= {(r, c) for r in range(min_row - 1, max_row) for c in range(min_col - 1, max_col)}
		for r, row in enumerate(rows):
			for c, value in enumerate(row):
				if (r, c) in covered or value is None or value == "":
					continue
				if isinstance(value, datetime.date):
					sheet.write(r, c, value, date_style)
				elif isinstance(value, float):
					sheet.write(r, c, value, amount_style)
				else:
					sheet.write(r, c, value)
	data = io.BytesIO()
	book.save(data)
	return data.getvalue()


def html_table(
	rows, *, merges=(), charset="utf-8", encoding="utf-8", bom=False, before="", after=""
) -> bytes:
	"""A page as Java/web budget systems write their "Excel" export: one <table>, a merged range
	as colspan/rowspan on its first cell, every value as displayed text (codes kept text with
	mso-number-format), an empty cell as &nbsp;, a <script> and a <style> in the head."""
	from openpyxl.utils import range_boundaries

	spans, covered = {}, set()
	for cells in merges:
		min_col, min_row, max_col, max_row = range_boundaries(cells)
		spans[(min_row - 1, min_col - 1)] = (max_col - min_col + 1, max_row - min_row + 1)
		covered |= {(r, c) for r in range(min_row - 1, max_row) for c in range(min_col - 1, max_col)}
	lines = []
	for r, row in enumerate(rows):
		cells = []
		for c, value in enumerate(row):
			if (r, c) in covered and (r, c) not in spans:
				continue
			colspan, rowspan = spans.get((r, c), (1, 1))
			attributes = (f' colspan="{colspan}"' if colspan > 1 else "") + (
				f" rowspan={rowspan}" if rowspan > 1 else ""
			)
			text = "&nbsp;" if value in (None, "") else str(value).replace("&", "&amp;").replace("<", "&lt;")
			if c == 0:
				attributes += " style=\"mso-number-format:'\\@'\""
			cells.append(f"<td{attributes}>{text}</td>")
		lines.append("<tr>" + "".join(cells) + "</tr>")
	page = (
		'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
		f'<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
		"<title>预算执行情况</title>\n<style>td { mso-number-format:General; }</style>\n"
		'<script type="text/javascript">document.write("<table><tr><td>项目编码</td></tr></table>");</script>\n'
		"<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>预算执行</x:Name>"
		"</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->\n"
		f"</head>\n<body>\n{before}<table border=1 cellspacing=0>\n"
		+ "\n".join(lines)
		+ f"\n</table>\n{after}</body>\n</html>\n"
	)
	return (b"\xef\xbb\xbf" if bom else b"") + page.encode(encoding)


def spreadsheet_xml(rows, *, merges=(), doctype="") -> bytes:
	"""Excel 2003's XML Spreadsheet: Number/String/DateTime cells, ss:Index where cells are
	skipped, ss:MergeAcross/ss:MergeDown on a merged range's first cell."""
	from openpyxl.utils import range_boundaries

	spans, covered = {}, set()
	for cells in merges:
		min_col, min_row, max_col, max_row = range_boundaries(cells)
		spans[(min_row - 1, min_col - 1)] = (max_col - min_col, max_row - min_row)
		covered |= {(r, c) for r in range(min_row - 1, max_row) for c in range(min_col - 1, max_col)}
	lines = []
	for r, row in enumerate(rows):
		cells, skipped = [], False
		for c, value in enumerate(row):
			if ((r, c) in covered and (r, c) not in spans) or (value in (None, "") and (r, c) not in spans):
				skipped = True
				continue
			attributes = f' ss:Index="{c + 1}"' if skipped else ""
			skipped = False
			across, down = spans.get((r, c), (0, 0))
			attributes += (f' ss:MergeAcross="{across}"' if across else "") + (
				f' ss:MergeDown="{down}"' if down else ""
			)
			if isinstance(value, datetime.date):
				data = f'<Data ss:Type="DateTime">{value:%Y-%m-%d}T00:00:00.000</Data>'
			elif isinstance(value, int | float):
				data = f'<Data ss:Type="Number">{value!r}</Data>'
			elif value in (None, ""):
				data = ""
			else:
				data = (
					'<Data ss:Type="String">'
					+ str(value).replace("&", "&amp;").replace("<", "&lt;")
					+ "</Data>"
				)
			cells.append(f"<Cell{attributes}>{data}</Cell>")
		lines.append("<Row>" + "".join(cells) + "</Row>" if cells else '<Row ss:AutoFitHeight="0"/>')
	return (
		'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
		+ doctype
		+ '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
		'xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
		'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">\n'
		'<DocumentProperties xmlns="urn:schemas-microsoft-com:office:office"><Author>预算管理一体化</Author></DocumentProperties>\n'
		'<Worksheet ss:Name="预算执行"><Table>\n' + "\n".join(lines) + "\n</Table></Worksheet>\n"
		'<Worksheet ss:Name="填报说明"><Table><Row><Cell><Data ss:Type="String">金额单位为元</Data></Cell></Row></Table></Worksheet>\n'
		"</Workbook>\n"
	).encode("utf-8")
