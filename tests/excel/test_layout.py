"""What the three forms share: errors and their Chinese, finding captions on a sheet
(perf_budget.excel.sheet) and the indicator table's rows (perf_budget.excel.official)."""

import re
from pathlib import Path

import pytest
from openpyxl import Workbook
from workbooks import Form, evaluation_record, goal_indicator, goal_record, monitoring_record, only_error

from perf_budget.excel import evaluation_form, goal_form, layout, monitoring_form, official, read_form, upload
from perf_budget.excel import values as read
from perf_budget.excel.layout import AT_CELL, AT_ROW, AT_SHEET, NOT_A_NUMBER, FormError, describe, render
from perf_budget.excel.official import GridColumn, Reading, find_grid, find_title, grid_rows
from perf_budget.excel.sheet import SheetIndex, caption, caption_key

PO = Path(goal_form.__file__).parents[1] / "locale" / "zh.po"
FORMS = (goal_form, monitoring_form, evaluation_form)


def zh() -> dict[str, str]:
	"""msgid -> msgstr of the app's zh.po (simple entries, as the messages are)."""
	return dict(re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', PO.read_text(encoding="utf-8"), re.M))


# ---------------------------------------------------------------- errors and their Chinese


def test_describe_puts_sheet_row_and_column_in_front():
	error = FormError("P-1", 8, "D", NOT_A_NUMBER, ("财政资金", "abc"))
	assert describe(error) == (AT_CELL, ("P-1", 8, "D", "财政资金 must be a number, not abc"))


def test_describe_without_column_or_sheet():
	assert describe(FormError("P-1", 30, None, "{0} x", ("a",))) == (AT_ROW, ("P-1", 30, "a x"))
	assert describe(FormError("P-1", None, None, "{0} x", ("a",))) == (AT_SHEET, ("P-1", "a x"))
	assert describe(FormError(None, None, None, upload.EMPTY_FILE)) == (upload.EMPTY_FILE, ())


def test_render_translates_location_and_detail_separately():
	error = FormError("P-1", 8, "D", NOT_A_NUMBER, ("其中：财政拨款", "一千万"))
	assert render(error, zh().get) == "工作表“P-1”第8行D列：其中：财政拨款须填写数字，不能是“一千万”"
	assert render(error) == "Sheet P-1, row 8, column D: 其中：财政拨款 must be a number, not 一千万"


def test_a_missing_caption_reads_in_chinese():
	error = FormError("P-1", None, None, official.CAPTION_MISSING, ("年度资金总额", "项目支出绩效目标申报表"))
	text = render(error, zh().get)
	assert text.startswith("工作表“P-1”：") and "年度资金总额" in text and "项目支出绩效目标申报表" in text
	assert not re.search(r"[A-Za-z]{3,}", text), text


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.__name__.rsplit(".", 1)[-1])
def test_every_message_key_has_a_zh_translation_with_the_same_placeholders(form):
	translations = zh()
	keys = [*form.MESSAGES, *layout.MESSAGES]
	assert [message for message in keys if message not in translations] == []
	for message in keys:
		placeholders = sorted(re.findall(r"\{\d\}", message))
		assert placeholders == sorted(re.findall(r"\{\d\}", translations[message])), message


def test_every_form_lists_the_keys_its_shared_readers_return():
	# MESSAGES is what the translation extraction reads (scripts/app_strings.py, FORM_MODULES):
	# a key left out is reported obsolete by scripts/translations.py, and its zh would be dropped.
	missing = {
		form.__name__.rsplit(".", 1)[-1]: [key for key in layout.MESSAGES if key not in form.MESSAGES]
		for form in FORMS
	}
	assert missing == {"goal_form": [], "monitoring_form": [], "evaluation_form": []}


# ---------------------------------------------------------------- read_form


def test_read_form_knows_the_three_kinds_only():
	with pytest.raises(ValueError, match="unknown form kind 'rectification'"):
		read_form("rectification", b"", "x.xlsx")


@pytest.mark.parametrize(
	("kind", "export"),
	[
		("goal", goal_form.export_goals),
		("monitoring", monitoring_form.export_monitorings),
		("evaluation", evaluation_form.export_evaluations),
	],
)
def test_an_error_on_one_sheet_refuses_every_sheet(kind, export):
	record = {"goal": goal_record, "monitoring": monitoring_record, "evaluation": evaluation_record}[kind]
	first = Form(export([record("A-1"), record("B-2")]), "A-1")
	second = first.other("B-2")
	second.set(second.right_of("项目名称"), None)
	records, errors = read_form(kind, first.data(), "x.xlsx")
	assert records == []
	assert [(error.sheet, error.message, error.args) for error in errors] == [
		("B-2", layout.REQUIRED, ("项目名称",))
	]


# ---------------------------------------------------------------- captions


@pytest.mark.parametrize(
	"typed", ["项目资金（万元）", "项目资金(万元)", " 项目资金 （万元）：", "*项目资金（万元）"]
)
def test_captions_are_compared_without_spaces_colons_asterisks_and_full_width_forms(typed):
	assert caption_key(typed) == caption_key("项目资金（万元）") == "项目资金(万元)"
	assert caption("项目资金（万元）").matches(caption_key(typed))


def test_a_prefix_caption_matches_the_caption_with_its_years_and_a_pattern_its_months():
	assert caption("中期目标", prefix=True).matches(caption_key("中期目标（2025—2027年）"))
	assert not caption("中期目标").matches(caption_key("中期目标（2025—2027年）"))
	executed = monitoring_form.MONEY_COLUMNS["executed"]
	assert [
		executed.matches(caption_key(text))
		for text in ("1-7月执行数", "1—12月执行数", "1-  月执行数", "执行数")
	] == [
		True,
		True,
		True,
		False,
	]


def test_a_merged_range_answers_with_its_top_left_value_wherever_it_is_asked():
	ws = Workbook().active
	ws["B3"] = "合并的值"
	ws.merge_cells("B3:D5")
	index = SheetIndex(ws)
	assert [index.value(3, 2), index.value(5, 4), index.value(6, 4)] == ["合并的值", "合并的值", None]
	assert (index.box(4, 3).top, index.box(4, 3).left, index.box(4, 3).bottom, index.box(4, 3).right) == (
		3,
		2,
		5,
		4,
	)


def test_the_value_of_a_caption_is_the_next_filled_cell_right_of_it():
	ws = Workbook().active
	ws["A1"], ws["D1"] = "项目名称", "城市道路养护项目"  # centred across B:C instead of merged
	ws["A2"], ws["B2"], ws["C2"] = "项目期", None, "实施单位"  # left blank: the next caption follows
	index = SheetIndex(ws)
	known = caption("实施单位").matches
	assert index.right_of(index.first(caption("项目名称")), known) == (1, 4)
	assert index.right_of(index.first(caption("项目期")), known) == (2, 2)


@pytest.mark.parametrize(
	("rows", "found"),
	[
		(["项目支出绩效自评表"], 1),
		(["附件1", "2025年度项目支出绩效自评表"], 2),
		(["附件1", None, "财预〔2020〕10号", "项目绩效自评表"], 4),
		([None] * 8 + ["项目支出绩效自评表"], None),
	],
)
def test_the_title_is_found_in_the_first_rows_with_a_year_or_lines_above_it(rows, found):
	ws = Workbook().active
	for number, text in enumerate(rows, 1):
		ws.cell(number, 1).value = text
	title = find_title(SheetIndex(ws), evaluation_form.TITLES)
	assert (title.top if title else None) == found


# ---------------------------------------------------------------- the indicator table's rows


def table(rows: list[list]) -> tuple[Reading, list, int | None]:
	"""A small table under 一级指标 | 三级指标, read by grid_rows."""
	ws = Workbook().active
	ws.title = "表"
	ws.append(["一级指标", "三级指标"])
	for row in rows:
		ws.append(row)
	reading = Reading(SheetIndex(ws), "小表")
	columns = (GridColumn("level1", caption("一级指标"), True), GridColumn("name", caption("三级指标"), True))
	place = find_grid(reading, caption("一级指标"), columns)
	found, footer = grid_rows(reading, place)
	return reading, [row.row for row in found], footer


def test_blank_rows_are_skipped_and_the_total_row_ends_the_table():
	reading, rows, footer = table(
		[["产出", "a"], [None, None], ["产出", "b"], ["合计", None], [None, "签字：张三"]]
	)
	assert (rows, footer, reading.errors) == ([2, 4], 5, [])


def test_a_row_below_the_total_is_reported_with_the_totals_label():
	reading, rows, footer = table([["产出", "a"], ["总分", None], ["效益", "c"]])
	assert (rows, footer) == ([2], 3)
	error = only_error(reading.errors)
	assert (error.sheet, error.row, error.column, error.message, error.args) == (
		"表",
		4,
		None,
		official.ROW_BELOW_TOTAL,
		("总分",),
	)


def test_a_table_longer_than_any_project_is_refused_at_the_first_row_too_many():
	goal = goal_record(
		indicators=[
			goal_indicator("Output", "Quantity", f"指标{n}号", ">=", n, None, "个", 0) for n in range(201)
		],
		medium_term_indicators=[],
	)
	sheet = Form(goal_form.export_goals([goal]))
	records, errors = read_form("goal", sheet.data(), "goal.xlsx")
	error = only_error(errors)
	assert records == []
	assert (error.row, error.message, error.args) == (
		sheet.row_of("指标200号"),
		official.TOO_MANY_ROWS,
		(official.MAX_INDICATOR_ROWS,),
	)
	assert official.MAX_INDICATOR_ROWS == 200


def test_sheet_titles_are_unique_whatever_their_case_and_fit_excel():
	records = [
		{"project_code": "xm-1"},
		{"project_code": "XM-1"},
		{"project_code": None, "project_name": "[道路]:养护?"},
		{},
		{"project_code": "X" * 31},
		{"project_code": "x" * 31},
	]
	assert layout.sheet_titles(records, "自评") == [
		"xm-1",
		"XM-1(2)",
		"_道路__养护_",
		"自评4",
		"X" * 31,
		"x" * 28 + "(2)",
	]


def test_values_messages_are_listed_once():
	assert len(set(read.MESSAGES)) == len(read.MESSAGES)
	assert len(set(official.MESSAGES)) == len(official.MESSAGES)
	assert len(set(upload.MESSAGES)) == len(upload.MESSAGES)
