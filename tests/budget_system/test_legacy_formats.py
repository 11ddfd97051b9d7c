"""The older "Excel" files budget systems export (a 97–2003 .xls, an HTML table named .xls, an
Excel 2003 XML spreadsheet) read to the same exact 万元 as the same export as .xlsx, and the
damaged or hostile ones refused with what to do (perf_budget.budget_system.legacy_formats)."""

import datetime
import io
from decimal import Decimal

import budget_files
import pytest
from budget_files import PARK, ROAD, TITLE, csv_bytes, html_table, rows_of_export, spreadsheet_xml, xls, xlsx
from test_reader import PARK_FIGURES, by_code, figures, refused

from perf_budget.budget_system import legacy_formats, reader
from perf_budget.budget_system.reader import DEFAULT_MAPPING, read_file
from perf_budget.budget_system.targets import FISCAL
from perf_budget.excel import upload

D = Decimal
AS_OF = datetime.date(2026, 6, 30)
SHEET = "项目支出执行明细"
# The budget system's layout: a merged title, 单位：元, a two-row header (预算数 over 年初预算数 |
# 调整后预算数, the other titles merged down), 合计 merged across the text columns, footnotes.
MERGES = ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "H3:H4", "A5:D5"]
HEADER = [
	["项目编码", "项目名称", "单位名称", "资金性质", "预算数", "", "支付数", "截止日期"],
	["", "", "", "", "年初预算数", "调整后预算数", "", ""],
]
# The road project's codes are number cells (Excel would show 3.30100E+11), its amounts floats as
# the system computes them: 0.1 + 0.2 元 is the float 0.30000000000000004.
LINES = [
	[330100260001.0, *ROAD[1:], "一般公共预算", 1234567.89, 1234567.89, 500000.0, AS_OF],
	[330100260001.0, *ROAD[1:], "一般公共预算", 100000.0, 150000.0, 20000.5, AS_OF],
	[330100260001.0, *ROAD[1:], "上年结转", None, 80000.0, 0.1 + 0.2, AS_OF],
	[330100260001.0, *ROAD[1:], "财政专户管理资金", 50000.0, 50000.0, None, AS_OF],
	[PARK[0], *PARK[1:], "政府性基金预算", 2000000.0, 1800000.0, 900000.0, AS_OF],
]


def float_sum(column: int) -> float:
	"""The 合计 as the system prints it: a float sum of the lines."""
	return sum(row[column] or 0.0 for row in LINES)


ROWS = [
	[TITLE],
	["单位：元"],
	*HEADER,
	["合计", "", "", "", float_sum(4), float_sum(5), float_sum(6)],
	*LINES,
	[],
	["注：本表数据来源于预算管理一体化系统。"],
	["制表人：王芳", "", "审核人：李强"],
]
EXPLANATION = [["填报说明"], ["1. 金额单位为元。"], ["2. 每个指标一行。"]]
# 1,234,567.89 + 100,000 元 fiscal; 80,000 carried over; 0.30000000000000004 元 paid from it: 0.00003 万元
ROAD_FIGURES = figures(("133.456789", "0", "5"), ("138.456789", "8", "5"), ("52.00005", "0.00003", "0"))


def shown(value):
	"""A cell as an HTML export displays it: amounts to the fen with separators, dates ISO, codes whole."""
	if isinstance(value, float) and value.is_integer() and value > 1e10:
		return str(int(value))
	if isinstance(value, float):
		return f"{value:,.2f}"
	if isinstance(value, datetime.date):
		return value.isoformat()
	return value


HTML_ROWS = [[shown(value) for value in row] for row in ROWS]


def same_as_xlsx():
	return read_file(
		xlsx((SHEET, ROWS), ("填报说明", EXPLANATION), merges=MERGES), "a.xlsx", DEFAULT_MAPPING, 2026
	)


def assert_the_export(budget, place=SHEET, first_line=6):
	lines = list(range(first_line, first_line + 5))
	assert [(p.code, p.name, p.unit_name, p.lines) for p in budget.projects] == [
		(*ROAD, lines[:4]),
		(*PARK, lines[4:]),
	]
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES
	assert by_code(budget)[PARK[0]].figures == PARK_FIGURES
	assert (budget.as_of, budget.amount_unit, budget.has, budget.line_count) == (
		AS_OF,
		reader.YUAN,
		("initial", "adjusted", "executed"),
		5,
	)
	assert budget.notes[0] == (reader.NOTE_SHEET, (place, first_line - 3, 5))


def test_the_xlsx_export_these_are_compared_with():
	assert_the_export(same_as_xlsx())


# ---------------------------------------------------------------- Excel 97–2003


@pytest.mark.parametrize("dates_1904", [False, True])
def test_a_genuine_xls_reads_as_the_same_export_as_xlsx(dates_1904):
	"""Number codes, float amounts, date-formatted as-of cells (either date system), merged title,
	header and 合计, a second sheet: the same projects, figures, date and notes as the .xlsx."""
	data = xls((SHEET, ROWS), ("填报说明", EXPLANATION), merges=MERGES, dates_1904=dates_1904)
	assert data.startswith(upload.OLE2_SIGNATURE)
	budget = read_file(data, "2026年6月执行.xls", DEFAULT_MAPPING, 2026)
	assert_the_export(budget)
	assert budget == same_as_xlsx()
	assert budget.notes == [
		(reader.NOTE_SHEET, (SHEET, 3, 5)),
		(reader.NOTE_TOTALS, ("5",)),
		(reader.NOTE_NOT_LINES, ("12, 13",)),
	]


def test_xls_codes_stored_as_numbers_follow_the_code_rules():
	lines = [
		[330100.0, "社区养老服务", "市民政局", "一般公共预算", 1000.0, 1000.0, 500.0],
		[3.301002100000001e17, *PARK[1:], "一般公共预算", 1.0, 1.0, 1.0],
	]
	messages = refused(xls(("Sheet1", rows_of_export(lines[1:]))), "a.xls")
	assert messages == [(reader.CODE_TOO_LONG, (4, "项目编码", 330100210000000100))]
	budget = read_file(xls(("Sheet1", rows_of_export(lines[:1]))), "a.xls", DEFAULT_MAPPING, 2026)
	assert [(p.code, p.figures["executed"][FISCAL]) for p in budget.projects] == [("330100", D("0.05"))]


def test_a_damaged_or_foreign_xls_is_refused_in_words():
	whole = xls((SHEET, ROWS), merges=MERGES)
	unreadable = [(legacy_formats.XLS_UNREADABLE, ("执行情况.xls",))]
	assert refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "执行情况.xls") == unreadable
	assert refused(whole[: len(whole) // 2], "执行情况.xls") == unreadable
	assert refused(bytes(range(256)) * 4, "执行情况.xls") == unreadable


def test_tab_separated_text_named_xls_is_read_as_excel_opens_it():
	rows = rows_of_export(above=(TITLE, "单位：元", "截止日期：2026-06-30"))
	budget = read_file(csv_bytes(rows, delimiter="\t", encoding="gbk"), "导出.xls", DEFAULT_MAPPING, 2026)
	assert by_code(budget)[PARK[0]].figures == PARK_FIGURES


# ---------------------------------------------------------------- HTML saved as .xls


@pytest.mark.parametrize(
	"charset, encoding, bom",
	[
		("utf-8", "utf-8", True),
		("utf-8", "utf-8", False),
		("gbk", "gbk", False),
		("GB2312", "gb18030", False),
	],
)
def test_an_html_table_named_xls_reads_as_the_same_export(charset, encoding, bom):
	"""colspan/rowspan headers, &nbsp;, "1,234,567.89", a script writing another header (ignored),
	a footnote below the table, in UTF-8 or GBK as the page declares."""
	after = "<p>注：本表数据来源于预算管理一体化系统。</p>\n<p>制表人：王芳&nbsp;&nbsp;审核人：李强</p>\n"
	data = html_table(HTML_ROWS[:-3], merges=MERGES, charset=charset, encoding=encoding, bom=bom, after=after)
	budget = read_file(data, "预算执行.xls", DEFAULT_MAPPING, 2026)
	assert_the_export(budget, place="预算执行.xls")
	assert budget.projects == same_as_xlsx().projects
	# the footnotes are paragraphs under the table: lines 11 and 12 (the .xlsx has a blank line 11)
	assert budget.notes[1:] == [(reader.NOTE_TOTALS, ("5",)), (reader.NOTE_NOT_LINES, ("11, 12",))]


def test_title_lines_above_the_table_and_a_cell_of_1234_50():
	before = f"<h3 align=center>{TITLE}</h3>\n<div>单位：元 &nbsp; 截止日期：2026年6月30日</div>\n"
	rows = [
		["项目编码", "项目名称", "单位名称", "资金性质", "年初预算数", "调整后<br>预算数", "支付数"],
		[PARK[0], *PARK[1:], "政府性基金", "2,000,000.00", "1,800,000.00", "900,000.00"],
		[PARK[0], *PARK[1:], "单位资金", "", "1,234.50", "0.00"],
	]
	data = html_table(rows, charset="gbk", encoding="gbk", before=before)
	budget = read_file(data.replace(b"&lt;br>", b"<br>"), "export.htm", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures == figures(("200", 0, 0), ("180", 0, "0.12345"), ("90", 0, 0))
	assert (budget.as_of, budget.unit_basis) == (
		AS_OF,
		(reader.BASIS_FILE, ("元", "单位：元 截止日期：2026年6月30日")),
	)
	assert budget.projects[0].lines == [4, 5]


def test_html_without_a_table_or_without_the_columns_is_refused():
	page = "<!DOCTYPE html><html><head><meta charset=utf-8></head><body><p>导出失败：会话已过期</p></body></html>"
	assert refused(page.encode(), "预算执行.xls") == [(legacy_formats.HTML_NO_TABLE, ("预算执行.xls",))]
	rows = [["项目编码", "资金性质", "调整后预算数", "本月支出"], ["330100260001", "一般公共预算", "1", "1"]]
	assert refused(html_table(rows), "预算执行.xls") == [
		(
			reader.COLUMN_MISSING,
			("预算执行.xls", 1, "支付数/执行数", "支付数 / 执行数 / 实际支出数 / 实际支付数 / 累计支付数"),
		)
	]


def test_html_spans_beyond_any_sheet_are_refused_before_they_are_laid_out():
	page = b"<table><tr><td colspan=5000 rowspan=999999>x</td></tr></table>"
	assert refused(page, "a.xls") == [(upload.TOO_MANY_CELLS, (1000 * 65534,))]
	page = b"<table>" + b"<tr><td colspan=2>x</td></tr>" * 60_000 + b"</table>"
	assert refused(page, "a.xls") == [(upload.TOO_MANY_MERGED, (100_002,))]


def test_html_in_an_unknown_encoding_is_refused():
	data = b'<html><meta charset="utf-8"><table><tr><td>\x80\xff\x81\xfe</td></tr></table></html>'
	assert refused(data, "a.xls") == [(legacy_formats.MARKUP_ENCODING, ("a.xls",))]


# ---------------------------------------------------------------- Excel 2003 XML Spreadsheet


def test_an_excel_2003_xml_spreadsheet_reads_as_the_same_export():
	data = spreadsheet_xml(ROWS, merges=MERGES)
	budget = read_file(data, "预算执行.xml", DEFAULT_MAPPING, 2026)
	assert_the_export(budget, place="预算执行")
	assert budget.projects == same_as_xlsx().projects
	assert read_file(data, "预算执行.xls", DEFAULT_MAPPING, 2026).projects == budget.projects


def test_xml_with_a_doctype_or_entities_is_refused_unread():
	for doctype in (
		'<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
		'<!DOCTYPE Workbook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n',
		'<!DOCTYPE Workbook SYSTEM "http://example.invalid/workbook.dtd">\n',
	):
		assert refused(spreadsheet_xml(ROWS, doctype=doctype), "a.xml") == [
			(legacy_formats.XML_DTD, ("a.xml",))
		]
	broken = spreadsheet_xml(ROWS)[:-40]
	assert refused(broken, "a.xml") == [(legacy_formats.XML_UNREADABLE, ("a.xml",))]


def test_the_official_forms_still_refuse_an_xls():
	"""Only the budget-system import reads the old formats; a form upload names what to do."""
	_, errors = upload.open_workbook(xls((SHEET, ROWS)), "监控表.xls")
	assert [error.message for error in errors] == [upload.OLD_XLS]


def test_html_as_browsers_forgive_it_and_hostile_pages_are_refused_at_once():
	"""An unclosed <head>, paragraphs in a cell, a table cut off by the end of the file are read;
	megabytes of unclosed comments, tags or "<" (which html.parser rescans from each one,
	for minutes) are refused in a moment."""
	page = (
		"<html><head><meta charset=gbk><body><p>单位：元</p><table>"
		"<tr><th>项目编码<th>资金性质<th><p>调整后</p><p>预算数</p><th>支付数"
		"<tr><td>330100260002<td>政府性基金<td>1,800,000.00<td>900,000.00"
	)
	budget = read_file(page.encode("gbk"), "a.xls", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures == figures(None, ("180", 0, 0), ("90", 0, 0))
	for hostile in (
		b"<html><table>" + b"<!--" * 1_000_000,
		b"<html><table><tr><td " + b"a=" * 2_000_000,
		b"<html>" + b"<" * 4_000_000,
		b"<html><table>" + b"<![CDATA[" * 400_000,
	):
		assert refused(hostile, "a.xls") == [(legacy_formats.HTML_NO_TABLE, ("a.xls",))]


def test_an_xls_merging_a_whole_sheet_is_refused_before_it_is_laid_out():
	import xlwt

	book = xlwt.Workbook()
	sheet = book.add_sheet("Sheet1")
	sheet.merge(0, 999, 0, 199)
	sheet.write(0, 0, "项目编码")
	data = io.BytesIO()
	book.save(data)
	assert refused(data.getvalue(), "a.xls") == [(upload.TOO_MANY_MERGED, (200_000,))]


def test_an_xlsx_named_xls_is_read_as_what_it_is():
	data = xlsx((SHEET, ROWS), merges=MERGES)
	assert read_file(data, "预算执行.xls", DEFAULT_MAPPING, 2026).projects == same_as_xlsx().projects


def test_an_as_of_date_cell_beside_its_title_word():
	"""截止日期： in one title cell, the date a date-formatted cell beside it (as report engines write it)."""
	rows = [[TITLE], ["单位：元", "", "", "", "", "截止日期：", AS_OF], budget_files.HEADER, LINES[4][:7]]
	budget = read_file(xls(("Sheet1", rows)), "a.xls", DEFAULT_MAPPING, 2026)
	assert (budget.as_of, budget.projects[0].figures) == (AS_OF, PARK_FIGURES)
	rows[1][6] = "6月底"
	assert refused(xls(("Sheet1", rows)), "a.xls") == [(reader.TITLE_DATE_UNREADABLE, (2, "截止日期：6月底"))]
