"""The budget system's export read into exact 万元 per project code and fund category
(perf_budget.budget_system.reader), and every kind of malformed file refused with what to fix."""

import datetime
import math
from decimal import Decimal

import pytest
from budget_files import (
	HEADER,
	LINES,
	PARK,
	ROAD,
	TITLE,
	csv_bytes,
	docx,
	export_xlsx,
	line,
	rows_of_export,
	xlsx,
	zip_bomb,
)

from perf_budget.budget_system import reader
from perf_budget.budget_system.reader import (
	DEFAULT_MAPPING,
	FILE_SAYS,
	WAN,
	YUAN,
	BudgetFileRefused,
	Mapping,
	read_file,
	read_rows,
)
from perf_budget.budget_system.targets import CARRYOVER, FISCAL, OTHER
from perf_budget.excel import upload

D = Decimal


def figures(initial, adjusted, executed) -> dict:
	"""figure -> category -> 万元, from (fiscal, carry-over, other) triples of decimal text."""
	return {
		name: dict(zip((FISCAL, CARRYOVER, OTHER), (D(v) for v in triple), strict=True))
		for name, triple in (("initial", initial), ("adjusted", adjusted), ("executed", executed))
		if triple is not None
	}


ROAD_FIGURES = figures(("133.456789", "0", "5"), ("138.456789", "8", "5"), ("52.00005", "3", "0"))
PARK_FIGURES = figures(("200", "0", "0"), ("180", "0", "0"), ("90", "0", "0"))
# The lines of LINES summed, in 元, as the 合计 row of the budget system prints them.
TOTAL = ("3,384,567.89", "3,314,567.89", "1,450,000.50")


def by_code(budget_file) -> dict:
	return {project.code: project for project in budget_file.projects}


def refused(data, filename="预算执行情况.xlsx", mapping=DEFAULT_MAPPING, year=2026) -> list:
	with pytest.raises(BudgetFileRefused) as caught:
		read_file(data, filename, mapping, year)
	return checked(caught.value.messages)


def rows_refused(rows, mapping=DEFAULT_MAPPING, year=2026) -> list:
	with pytest.raises(BudgetFileRefused) as caught:
		read_rows(rows, mapping, year)
	return checked(caught.value.messages)


def checked(messages) -> list:
	"""Every message is a translatable msgid whose placeholders its args fill."""
	for msgid, args in messages:
		assert msgid in reader.MESSAGES, msgid
		msgid.format(*args)
	return messages


# ---------------------------------------------------------------- a real export


def test_an_export_with_title_rows_two_row_header_totals_and_footnotes():
	"""The budget system's layout: title, 单位：元 and 截止日期 above a two-row header
	(预算数 over 年初预算数 | 调整后预算数, the other titles merged down), 合计 first, notes below."""
	rows = [
		[TITLE],
		["单位：元", "", "", "", "", "截止日期：2026年6月30日"],
		["项目编码", "项目名称", "单位名称", "资金性质", "预算数", "", "支付数"],
		["", "", "", "", "年初预算数", "调整后预算数", ""],
		["合计", "", "", "", *TOTAL],
		*LINES,
		[],
		["注：本表数据来源于预算管理一体化系统。"],
		["制表人：王芳", "", "审核人：李强"],
	]
	merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "A5:D5"]
	budget = read_file(xlsx(("Sheet1", rows), merges=merges), "2026年6月执行.xlsx", DEFAULT_MAPPING, 2026)

	assert [(p.code, p.name, p.unit_name, p.lines) for p in budget.projects] == [
		(*ROAD, [6, 7, 8, 9]),
		(*PARK, [10]),
	]
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES
	assert by_code(budget)[PARK[0]].figures == PARK_FIGURES
	assert budget.as_of == datetime.date(2026, 6, 30)
	assert budget.amount_unit == YUAN
	assert budget.unit_basis == (reader.BASIS_FILE, ("元", "单位：元"))
	assert budget.has == ("initial", "adjusted", "executed")
	assert budget.line_count == 5
	assert budget.notes == [
		(reader.NOTE_SHEET, ("Sheet1", 3, 5)),
		(reader.NOTE_TOTALS, ("5",)),
		(reader.NOTE_NOT_LINES, ("12, 13",)),
	]


def test_lines_of_one_fund_source_are_summed_exactly():
	"""1,234,567.89 元 + 100,000 元 on two indicator lines -> 133.456789 万元, no float on the way."""
	budget = read_file(export_xlsx(LINES[:2]), "a.xlsx", DEFAULT_MAPPING, 2026)
	(road,) = budget.projects
	assert road.figures["initial"] == {FISCAL: D("133.456789"), CARRYOVER: D(0), OTHER: D(0)}
	assert road.figures["executed"][FISCAL] == D("52.00005")
	assert budget.as_of is None  # no date in the file: finance types it on the import


def test_amounts_in_wan_from_the_column_titles():
	header = [*HEADER[:4], "年初预算数(万元)", "调整后预算数（万元）", "支付数（万元）"]
	lines = [line(ROAD, "一般公共预算", "123.456789", 130, "52.1"), line(ROAD, "单位资金", 5, 5, 0)]
	budget = read_file(export_xlsx(lines, above=(TITLE,), header=header), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.amount_unit == WAN
	assert budget.unit_basis == (reader.BASIS_FILE, ("万元", "年初预算数(万元)"))
	assert budget.projects[0].figures == figures(("123.456789", 0, 5), ("130", 0, 5), ("52.1", 0, 0))


def test_wan_from_a_title_line_and_titles_stated_the_same_way():
	header = [*HEADER[:6], "支付数（万元）"]
	lines = [line(PARK, "政府性基金", 200, 180, 90)]
	budget = read_file(
		export_xlsx(lines, above=(TITLE, "金额单位：万元"), header=header), "a.xlsx", DEFAULT_MAPPING, 2026
	)
	assert budget.projects[0].figures == PARK_FIGURES
	assert budget.unit_basis == (reader.BASIS_FILE, ("万元", "金额单位：万元"))
	budget = read_file(export_xlsx(lines, above=(TITLE, "单位（万元）")), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures == PARK_FIGURES


def test_group_titles_over_the_header_and_a_row_of_column_numbers_under_it():
	rows = [
		[TITLE],
		["金额单位：元"],
		["项目信息", "", "", "", "预算指标", "", "支付情况"],
		["*项目编码", "项目名称", "单位名称", "资金性质", "年初预算数", "调整后\n预算数", "支付数"],
		["甲", "乙", "丙", "丁", 1, 2, 3],
		*LINES,
	]
	budget = read_file(xlsx(("Sheet1", rows), merges=["A3:D3", "E3:F3"]), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES
	assert budget.notes == [(reader.NOTE_SHEET, ("Sheet1", 4, 5)), (reader.NOTE_NOT_LINES, ("5",))]


def test_the_sheet_holding_the_header_is_read_among_others():
	explanation = [["填报说明"], ["1. 金额单位为元。"], ["2. 每个指标一行。"]]
	rows = [["预算管理一体化系统导出"], [], [], *rows_of_export()]
	budget = read_file(xlsx(("说明", explanation), ("执行数据", rows)), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES
	assert budget.notes[0] == (reader.NOTE_SHEET, ("执行数据", 6, 5))


def test_codes_typed_as_numbers_with_spaces_full_width_and_leading_zeros():
	lines = [
		[330100260001, *ROAD[1:], "一般公共预算", 100, 100, 10],
		[330100260001.0, *ROAD[1:], "一般公共预算", 200, 200, 20],  # Excel shows 3.3010026E+11
		[" 3301 0026 0001 ", *ROAD[1:], "一般公共预算", 300, 300, 30],
		["３３０１００２６０００１", *ROAD[1:], "一般公共预算", 400, 400, 40],
		["0012345", "乡村小学校舍维修", "区教育局", "一般公共预算", 500, 500, 50],
	]
	budget = read_file(export_xlsx(lines), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert [(p.code, p.lines) for p in budget.projects] == [("330100260001", [4, 5, 6, 7]), ("0012345", [8])]
	assert budget.projects[0].figures["initial"][FISCAL] == D("0.1")


def test_amounts_as_people_type_them():
	lines = [
		line(ROAD, "一般公共预算", "１２３４", " 1,000 ", "-"),
		line(ROAD, "一般公共预算", 66, "(1,000.00)", "—"),  # 调减 in accounting style: a negative line
		line(ROAD, "一般公共预算", "¥100.5", 5000, "／"),
		line(ROAD, "一般公共预算", "无", "５，０００．００", None),
	]
	budget = read_file(export_xlsx(lines), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures == figures(("0.14005", 0, 0), ("1", 0, 0), ("0", 0, 0))


def test_negative_lines_reduce_a_project_that_stays_positive():
	lines = [line(ROAD, "一般公共预算", 100000, 100000, 50000), line(ROAD, "一般公共预算", 0, -20000, -5000)]
	budget = read_file(export_xlsx(lines), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures["adjusted"][FISCAL] == D("8")
	assert budget.projects[0].figures["executed"][FISCAL] == D("4.5")


def test_as_of_dates_in_every_form_people_write_them():
	header = [*HEADER, "截止日期"]
	written = [
		datetime.datetime(2026, 6, 30),
		"2026-06-30",
		"2026/6/30",
		"2026年6月30日",
		"20260630",
		20260630,
	]
	lines = [[*line(ROAD, "一般公共预算", 1, 1, 1), date] for date in written]
	budget = read_file(export_xlsx(lines, header=header), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.as_of == datetime.date(2026, 6, 30)
	assert budget.projects[0].figures["executed"][FISCAL] == D("0.0006")


def test_subtotals_are_skipped_and_a_total_per_unit_is_checked_against_its_lines():
	rows = rows_of_export(
		[
			LINES[0],
			LINES[1],
			["", "小计", "", "", "1,334,567.89", "1,384,567.89", "520,000.50"],
			LINES[4],
			["", "合计", PARK[2], "", 2000000, 1800000, 900000],
		],
		total=("3,334,567.89", "3,184,567.89", "1,420,000.50"),
	)
	budget = read_file(xlsx(("Sheet1", rows)), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert [p.code for p in budget.projects] == [ROAD[0], PARK[0]]
	assert (reader.NOTE_TOTALS, ("6, 8, 9",)) in budget.notes


def test_a_code_merged_down_its_lines_stands_for_each_line():
	rows = rows_of_export([LINES[0], ["", "", "", "上年结转", 0, 80000, 30000]])
	budget = read_file(
		xlsx(("Sheet1", rows), merges=["A4:A5", "B4:B5", "C4:C5"]), "a.xlsx", DEFAULT_MAPPING, 2026
	)
	(road,) = budget.projects
	assert road.lines == [4, 5]
	assert road.figures["adjusted"][CARRYOVER] == D("8")


def test_without_the_initial_budget_column_only_two_figures_are_given():
	header = [title for title in HEADER if title != "年初预算数"]
	lines = [[*row[:4], *row[5:]] for row in LINES]
	budget = read_file(export_xlsx(lines, header=header), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.has == ("adjusted", "executed")
	assert by_code(budget)[PARK[0]].figures == figures(None, ("180", 0, 0), ("90", 0, 0))


def test_other_titles_of_the_default_mapping():
	header = [
		"项目代码",
		"项目名称",
		"预算单位",
		"资金来源",
		"年初批复数",
		"全年预算数",
		"实际支出数",
		"统计截止日期",
	]
	lines = [[*line(PARK, "政府性基金预算", 2000000, 1800000, 900000), "2026-09-30"]]
	budget = read_file(export_xlsx(lines, header=header), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert budget.projects[0].figures == PARK_FIGURES
	assert budget.as_of == datetime.date(2026, 9, 30)


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
	"encoding, bom, delimiter",
	[
		("utf-8", False, ","),
		("utf-8", True, ","),
		("gbk", False, ","),
		("gb18030", False, "\t"),
		("utf-8", True, "\t"),
		("utf-16", False, "\t"),  # Excel's "Unicode text"
	],
)
def test_csv_in_the_encodings_and_separators_excel_saves(encoding, bom, delimiter):
	rows = rows_of_export(above=(TITLE, "单位：元", "截止日期：2026-06-30"), total=TOTAL)
	data = csv_bytes(rows, encoding=encoding, delimiter=delimiter, bom=bom)
	budget = read_file(data, "预算执行.csv", DEFAULT_MAPPING, 2026)
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES
	assert by_code(budget)[PARK[0]].figures == PARK_FIGURES
	assert budget.as_of == datetime.date(2026, 6, 30)


def test_csv_codes_keep_their_zeros_and_excels_text_trick():
	lines = [
		["0012345", "乡村小学校舍维修", "区教育局", "一般公共预算", "500", "500", "50"],
		['="0012345"', "乡村小学校舍维修", "区教育局", "一般公共预算", "500", "500", "50"],
	]
	budget = read_file(csv_bytes(rows_of_export(lines)), "a.csv", DEFAULT_MAPPING, 2026)
	assert [(p.code, p.lines) for p in budget.projects] == [("0012345", [4, 5])]


# ---------------------------------------------------------------- the mapping


def test_the_mapping_forces_a_unit_and_says_so_when_the_file_differs():
	forced = Mapping(DEFAULT_MAPPING.titles, WAN, DEFAULT_MAPPING.fund_sources)
	lines = [line(PARK, "政府性基金", 200, 180, 90)]
	budget = read_file(export_xlsx(lines, above=(TITLE,)), "a.xlsx", forced, 2026)
	assert budget.projects[0].figures == PARK_FIGURES
	assert budget.unit_basis == (reader.BASIS_MAPPING, ("万元",))
	budget = read_file(export_xlsx(lines), "a.xlsx", forced, 2026)
	assert (reader.NOTE_UNIT_OVERRIDDEN, ("元", "单位：元", "万元")) in budget.notes


def test_a_mapping_saved_by_finance_with_its_own_titles_and_sources():
	mapping = reader.mapping_from_text(
		{
			"code": "指标项目编码\n项目编码",
			"name": "项目",
			"unit": "",
			"source": "资金类型",
			"initial": "",
			"adjusted": "本年预算\n",
			"executed": "本年支出",
			"as_of": "",
		},
		YUAN,
		[("本级财力", FISCAL), (" 往年结余 ", CARRYOVER), ("", OTHER)],
	)
	assert mapping.titles["code"] == ["指标项目编码", "项目编码"] and mapping.titles["unit"] == []
	assert mapping.fund_sources == {"本级财力": FISCAL, "往年结余": CARRYOVER}
	rows = [
		["指标项目编码", "项目", "资金类型", "本年预算", "本年支出"],
		["XM-01", "社区养老服务", "本级财力", "300,000", "120,000"],
		["XM-01", "社区养老服务", "往年结余", "50,000", "50,000"],
	]
	budget = read_file(csv_bytes(rows, encoding="gbk"), "a.csv", mapping, 2026)
	assert budget.projects[0].figures == figures(None, ("30", "5", "0"), ("12", "5", "0"))


def test_the_default_mapping_is_usable_and_covers_the_common_titles():
	assert reader.mapping_problems(DEFAULT_MAPPING) == []
	assert reader.DEFAULT_MAPPING_NAME == "预算管理一体化（通用）"
	for key, title in [
		("code", "项目编码"),
		("adjusted", "调整后预算数"),
		("executed", "支付数"),
		("as_of", "截止日期"),
	]:
		assert title in DEFAULT_MAPPING.titles[key]
	assert DEFAULT_MAPPING.fund_sources["上年结转"] == CARRYOVER
	assert DEFAULT_MAPPING.fund_sources["财政专户管理资金"] == OTHER


def test_a_broken_mapping_is_refused_before_any_file_is_read():
	titles = {**DEFAULT_MAPPING.titles, "executed": [], "name": ["项目名称", "项目编码"]}
	mapping = Mapping(titles, "Dollars", {"一般公共预算": "Fiscal Money"})
	assert refused(export_xlsx(), mapping=mapping) == [
		(reader.MAPPING_NO_TITLE, ("支付数/执行数",)),
		(reader.MAPPING_TITLE_TWICE, ("项目编码", "项目编码", "项目名称")),
		(reader.MAPPING_BAD_CATEGORY, ("一般公共预算", "Fiscal Money", "当年财政拨款、上年结转、其他资金")),
		(reader.MAPPING_BAD_UNIT, ("Dollars", "As the File Says、Yuan、10k Yuan")),
	]


# ---------------------------------------------------------------- JSON push


def test_rows_pushed_with_the_canonical_keys_or_the_file_titles():
	pushed = [
		{"code": "330100260001", "name": ROAD[1], "source": "一般公共预算", "initial": 1234567.89,
		 "adjusted": "1,234,567.89", "executed": 500000, "as_of": "2026-06-30"},
		{"项目编码": 330100260001, "资金性质": "一般公共预算", "年初预算数（元）": 100000, "调整后预算数": 150000,
		 "支付数": "20000.5", "截止日期": "2026-06-30T00:00:00+08:00"},
	]  # fmt: skip
	budget = read_rows(pushed, DEFAULT_MAPPING, "2026")
	(road,) = budget.projects
	assert road.lines == [1, 2]
	assert road.figures["initial"][FISCAL] == D("133.456789")
	assert road.figures["executed"][FISCAL] == D("52.00005")
	assert budget.as_of == datetime.date(2026, 6, 30)
	assert budget.unit_basis == (reader.BASIS_FILE, ("元", "年初预算数（元）"))


def test_rows_refused_when_not_a_list_of_objects_or_with_unknown_keys_or_types():
	assert rows_refused({"code": "1"}) == [(reader.ROWS_NOT_LIST, ())]
	assert rows_refused([]) == [(reader.ROWS_NOT_LIST, ())]
	assert rows_refused(
		[{"code": "1", "source": "一般公共预算", "adjusted": 1, "executed": 1}, ["1", 2]]
	) == [(reader.ROW_NOT_OBJECT, (2,))]
	assert rows_refused(
		[{"code": "1", "source": "一般公共预算", "adjusted": 1, "executed": 1, "金额": 5}]
	) == [(reader.UNKNOWN_KEY, (1, "金额", ", ".join(reader.KEYS)))]
	assert rows_refused([{"code": "1", "支付数": 1, "executed": 2}]) == [
		(reader.KEY_TWICE, ("支付数", "executed", "支付数/执行数")),
		(
			reader.KEY_MISSING,
			("资金性质/来源", "source", "资金性质 / 资金来源 / 资金性质/来源 / 资金来源/性质"),
		),
		(
			reader.KEY_MISSING,
			("调整后预算数", "adjusted", "调整后预算数 / 全年预算数 / 调整预算数 / 调整后预算"),
		),
	]
	wrong = [{"code": ["1"], "source": True, "adjusted": {"v": 1}, "executed": math.nan}]
	forced = Mapping(DEFAULT_MAPPING.titles, YUAN, DEFAULT_MAPPING.fund_sources)
	assert rows_refused(wrong, forced) == [
		(reader.NOT_TEXT, (1, "code", "['1']")),
		(reader.NOT_TEXT, (1, "source", "True")),
		(reader.NOT_TEXT, (1, "adjusted", "{'v': 1}")),
	]
	assert rows_refused(
		[{"code": "1", "source": "一般公共预算", "adjusted": 1, "executed": math.inf}], forced
	) == [(reader.NOT_AN_AMOUNT, (1, "executed", "inf"))]


# ---------------------------------------------------------------- refused: the file itself


def test_empty_files_are_refused():
	assert refused(b"") == [(upload.EMPTY_FILE, ())]
	assert refused(b"\xef\xbb\xbf \r\n", "a.csv") == [(upload.EMPTY_FILE, ())]


def test_a_pdf_a_word_document_and_random_bytes_are_refused():
	assert refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "执行情况.pdf") == [
		(reader.NOT_BUDGET_FILE, ("执行情况.pdf",))
	]
	assert refused(b"%PDF-1.7\n1 0 obj", "执行情况.csv") == [(reader.NOT_BUDGET_FILE, ("执行情况.csv",))]
	assert refused(docx(), "执行情况.docx") == [(upload.NOT_XLSX, ())]
	assert refused(bytes(range(256)) * 4, "执行情况.xlsx") == [(upload.NOT_XLSX, ())]
	assert refused(bytes(range(256)) * 4, "export.bin") == [(reader.NOT_BUDGET_FILE, ("export.bin",))]


def test_an_old_xls_workbook_that_is_damaged_is_refused():
	assert refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "执行情况.xls") == [
		(reader.legacy_formats.XLS_UNREADABLE, ("执行情况.xls",))
	]


def test_a_zip_bomb_and_an_oversized_file_are_refused():
	assert refused(zip_bomb()) == [(upload.UNPACKS_TOO_LARGE, (100,))]
	assert refused(b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024), "a.xlsx") == [(upload.FILE_TOO_LARGE, (5, 5))]
	assert refused("项目编码,支付数\n".encode() * 400_000, "a.csv") == [(upload.FILE_TOO_LARGE, (8.8, 5))]


def test_a_csv_in_an_unknown_encoding_is_refused():
	assert refused(b"\x80\xff\xfe\x81" * 50, "a.csv") == [(reader.UNKNOWN_ENCODING, ())]


# ---------------------------------------------------------------- refused: the table


def test_no_header_names_the_missing_titles_and_what_the_mapping_accepts():
	prose = [["关于2026年上半年预算执行情况的说明"], ["全市项目支出执行进度良好。"]]
	assert refused(xlsx(("说明", prose))) == [
		(
			reader.NO_HEADER,
			(
				30,
				"项目编码、资金性质/来源、调整后预算数、支付数/执行数",
				"项目编码: 项目编码 / 项目代码 / 项目编号；资金性质/来源: 资金性质 / 资金来源 / 资金性质/来源 / "
				"资金来源/性质；调整后预算数: 调整后预算数 / 全年预算数 / 调整预算数 / 调整后预算；"
				"支付数/执行数: 支付数 / 执行数 / 实际支出数 / 实际支付数 / 累计支付数",
			),
		)
	]


def test_a_required_column_missing_is_named_with_the_titles_accepted():
	header = [*HEADER[:6], "本月支出"]
	assert refused(export_xlsx(header=header)) == [
		(
			reader.COLUMN_MISSING,
			("预算执行", 3, "支付数/执行数", "支付数 / 执行数 / 实际支出数 / 实际支付数 / 累计支付数"),
		)
	]


def test_a_title_matching_two_columns_is_refused():
	header = [*HEADER, "执行数"]
	lines = [[*row, 1] for row in LINES]
	assert refused(export_xlsx(lines, header=header)) == [
		(reader.TITLE_TWICE, ("预算执行", 3, "G", "支付数", "H", "执行数", "支付数/执行数"))
	]


def test_two_sheets_with_a_table_are_refused_naming_them():
	data = xlsx(("6月", rows_of_export()), ("6月(修订)", rows_of_export()))
	assert refused(data) == [(reader.TWO_SHEETS, ("6月、6月(修订)",))]


def test_a_table_without_lines_is_refused():
	assert refused(export_xlsx([])) == [(reader.NO_LINES, ("预算执行", 3))]


def test_a_line_with_amounts_but_no_code_is_refused():
	lines = [
		LINES[0],
		["", ROAD[1], ROAD[2], "一般公共预算", 100, 100, 50],
		["", "注册资本金注入项目", "市国资委", "国有资本经营预算", 100, 100, 50],  # not a footnote (注：)
	]
	assert refused(export_xlsx(lines)) == [
		(reader.LINE_WITHOUT_CODE, (5, "项目编码")),
		(reader.LINE_WITHOUT_CODE, (6, "项目编码")),
	]


def test_headings_between_the_lines_are_left_out_and_said():
	lines = [["一、市交通运输局"], LINES[0], ["", "二、市园林局"], LINES[4]]
	budget = read_file(export_xlsx(lines, below=()), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert [p.code for p in budget.projects] == [ROAD[0], PARK[0]]
	assert budget.notes[-1] == (reader.NOTE_NOT_LINES, ("4, 6",))


def test_amounts_that_are_text_nan_infinity_or_an_excel_error_are_refused():
	lines = [
		line(ROAD, "一般公共预算", "约100万", 100, 50),
		line(ROAD, "一般公共预算", 100, "NaN", "Infinity"),
		line(ROAD, "一般公共预算", 100, "#REF!", "1.2.3"),
	]
	assert refused(csv_bytes(rows_of_export(lines)), "a.csv") == [
		(reader.NOT_AN_AMOUNT, (4, "年初预算数", "约100万")),
		(reader.NOT_AN_AMOUNT, (5, "调整后预算数", "NaN")),
		(reader.NOT_AN_AMOUNT, (5, "支付数", "Infinity")),
		(reader.EXCEL_ERROR, (6, "调整后预算数", "#REF!")),
		(reader.NOT_AN_AMOUNT, (6, "支付数", "1.2.3")),
	]


def test_a_fund_source_the_mapping_does_not_know_is_named_with_its_lines():
	lines = [LINES[0], line(ROAD, "上级专项转移支付", 1, 1, 1), line(PARK, "上级专项转移支付", 1, 1, 1)]
	assert refused(export_xlsx(lines)) == [(reader.UNKNOWN_SOURCE, ("上级专项转移支付", "5, 6"))]


def test_a_line_without_a_fund_source_is_refused():
	assert refused(export_xlsx([line(ROAD, "", 1, 1, 1)])) == [(reader.NO_SOURCE, (4, "资金性质"))]


def test_one_code_with_two_names_or_two_units_names_the_lines():
	lines = [
		LINES[0],
		line((ROAD[0], "城市道路养护工程", ROAD[2]), "一般公共预算", 1, 1, 1),
		line((ROAD[0], ROAD[1], "市城管局"), "一般公共预算", 1, 1, 1),
	]
	assert refused(export_xlsx(lines)) == [
		(reader.TWO_NAMES, (ROAD[0], ROAD[1], "4, 6", "城市道路养护工程", "5")),
		(reader.TWO_UNITS, (ROAD[0], ROAD[2], "4, 5", "市城管局", "6")),
	]


def test_as_of_dates_that_differ_between_lines_or_from_the_title_are_refused():
	header = [*HEADER, "截止日期"]
	lines = [[*LINES[0], "2026-06-30"], [*LINES[1], "2026-06-30"], [*LINES[4], "2026-07-31"]]
	assert refused(export_xlsx(lines, header=header)) == [
		(reader.DATES_DIFFER, ("2026-06-30", "4, 5", "2026-07-31", "6"))
	]
	lines = [[*LINES[0], "2026-06-30"]]
	above = (TITLE, "单位：元　　　统计截止日期：2026-05-31")
	assert refused(export_xlsx(lines, header=header, above=above)) == [
		(reader.DATES_DIFFER, ("2026-05-31", "2", "2026-06-30", "4"))
	]


def test_an_as_of_date_outside_the_year_and_a_title_of_another_year_are_refused():
	above = ("2025年度项目支出预算执行情况表", "单位：元", "截止日期：2025年12月31日")
	assert refused(export_xlsx(above=above), year=2026) == [
		(reader.DATE_OUTSIDE_YEAR, ("2025-12-31", 3, 2026)),
		(reader.TITLE_YEAR_DIFFERS, ("2025年度项目支出预算执行情况表", 1, 2026)),
	]


def test_a_title_date_that_cannot_be_read_is_refused():
	above = (TITLE, "单位：元", "截止日期：6月底")
	assert refused(export_xlsx(above=above)) == [(reader.TITLE_DATE_UNREADABLE, (3, "截止日期：6月底"))]


def test_a_footnote_may_speak_of_another_year():
	below = ("注：上年结转为2025年度未支付的资金。",)
	budget = read_file(export_xlsx(below=below), "a.xlsx", DEFAULT_MAPPING, 2026)
	assert by_code(budget)[ROAD[0]].figures == ROAD_FIGURES


def test_an_unreadable_date_is_refused():
	header = [*HEADER, "截止日期"]
	lines = [[*LINES[0], "6月底"], [*LINES[1], "2026-02-30"]]
	assert refused(export_xlsx(lines, header=header)) == [
		(reader.NOT_A_DATE, (4, "截止日期", "6月底")),
		(reader.NOT_A_DATE, (5, "截止日期", "2026-02-30")),
	]


def test_formulas_without_stored_values_are_refused():
	"""A workbook written by a program keeps =SUM(…) without its value: Excel must compute it once."""
	rows = rows_of_export(
		[LINES[0], [*LINES[1][:6], "=SUM(G4:G4)"]], total=("=SUM(E4:E5)", 1384567.89, 520000.5)
	)
	assert refused(xlsx(("Sheet1", rows))) == [
		(reader.FORMULA_NOT_COMPUTED, (5, "支付数")),
		(reader.FORMULA_NOT_COMPUTED, (6, "年初预算数")),
	]


def test_a_total_that_does_not_add_up_names_both_sums():
	rows = rows_of_export(total=("3,384,567.89", "3,314,567.89", "1,450,000.00"))
	assert refused(xlsx(("Sheet1", rows))) == [
		(reader.TOTAL_DIFFERS, (9, "合计", "支付数", "1,450,000.00", "1,450,000.50"))
	]


def test_an_amount_beyond_any_budget_is_refused():
	lines = [line(ROAD, "一般公共预算", 1, "12,345,678,901,234", 1e300)]
	assert refused(export_xlsx(lines)) == [
		(reader.AMOUNT_TOO_LARGE, (4, "调整后预算数", "12,345,678,901,234", "1,000,000,000")),
		(reader.AMOUNT_TOO_LARGE, (4, "支付数", "1.0000E+300", "1,000,000,000")),
	]


def test_a_csv_with_a_field_no_table_has_is_refused():
	data = csv_bytes([HEADER, ["330100260001", "x" * 200_000, "", "一般公共预算", 1, 1, 1]])
	assert refused(data, "a.csv") == [(reader.NOT_BUDGET_FILE, ("a.csv",))]


def test_a_file_that_does_not_state_its_unit_is_refused():
	assert refused(export_xlsx(above=(TITLE,))) == [(reader.UNIT_UNCLEAR, ())]
	assert rows_refused([{"code": "1", "source": "一般公共预算", "adjusted": 1, "executed": 1}]) == [
		(reader.UNIT_UNCLEAR, ())
	]


def test_a_file_stating_both_units_is_refused():
	header = [*HEADER[:6], "支付数（万元）"]
	assert refused(export_xlsx(header=header)) == [(reader.UNIT_CONFLICT, ("单位：元", "支付数（万元）"))]


def test_project_codes_excel_has_damaged_are_refused():
	lines = [
		[330100260001.5, *ROAD[1:], "一般公共预算", 1, 1, 1],
		[1234567890123456, *PARK[1:], "一般公共预算", 1, 1, 1],
	]
	assert refused(export_xlsx(lines)) == [
		(reader.CODE_DECIMALS, (4, "项目编码", "330100260001.5")),
		(reader.CODE_TOO_LONG, (5, "项目编码", 1234567890123456)),
	]
	lines = [["3.3010026E+11", *ROAD[1:], "一般公共预算", 1, 1, 1]]
	assert refused(csv_bytes(rows_of_export(lines)), "a.csv") == [
		(reader.CODE_SCIENTIFIC, (4, "项目编码", "3.3010026E+11"))
	]


def test_a_project_summed_below_zero_is_refused():
	lines = [line(ROAD, "一般公共预算", 100, 100, 50000), line(ROAD, "一般公共预算", 0, 0, -80000)]
	assert refused(export_xlsx(lines)) == [
		(reader.NEGATIVE_PROJECT, (ROAD[0], "支付数/执行数", "当年财政拨款", "-3", "4, 5"))
	]


def test_every_problem_of_a_file_is_reported_not_only_the_first():
	lines = [
		line(ROAD, "一般公共预算", "约100万", 100, 50),
		line(ROAD, "专项债券", 100, 100, 50),
		["", PARK[1], PARK[2], "一般公共预算", 100, 100, 50],
	]
	assert [msgid for msgid, _ in refused(export_xlsx(lines))] == [
		reader.NOT_AN_AMOUNT,
		reader.LINE_WITHOUT_CODE,
		reader.UNKNOWN_SOURCE,
	]


def test_a_flood_of_problems_is_capped():
	lines = [line(ROAD, "一般公共预算", f"约{n}万", 1, 1) for n in range(80)]
	messages = refused(export_xlsx(lines))
	assert len(messages) == reader.MAX_PROBLEMS + 1
	assert messages[-1] == (reader.TOO_MANY_PROBLEMS, (30,))


def test_the_amount_unit_words_are_the_mapping_select_values():
	assert (YUAN, WAN, FILE_SAYS) == ("Yuan", "10k Yuan", "As the File Says")
	assert reader.KEYS == ("code", "name", "unit", "source", "initial", "adjusted", "executed", "as_of")
	assert reader.REQUIRED == ("code", "source", "adjusted", "executed")


def test_a_code_longer_than_a_code_may_be_is_refused_at_its_line():
	lines = [line(("3301" * 40, *ROAD[1:]), "一般公共预算", 1, 1, 1)]
	assert refused(export_xlsx(lines)) == [(reader.CODE_TOO_MANY_CHARACTERS, (4, "项目编码", 160, 140))]


def test_more_projects_than_one_import_takes_are_refused_whole():
	lines = [
		line((f"33010026{n:05d}", "项目", "市公路养护中心"), "一般公共预算", 1, 1, 1) for n in range(10_001)
	]
	assert refused(csv_bytes(rows_of_export(lines)), "a.csv") == [
		(reader.TOO_MANY_PROJECTS, (10_001, 10_000))
	]
