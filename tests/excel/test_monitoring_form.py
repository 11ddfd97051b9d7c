"""项目支出绩效目标执行监控表 (财预〔2019〕136号): the printed layout, export → import round trips,
the months of the period, likelihood ticks, progress words and every malformed upload.

Workbooks are the export of ``monitoring_record()`` edited by caption (``Form``);
hand-typed workbooks are tests/excel/handmade/.
"""

import pytest
from openpyxl import Workbook
from workbooks import (
	Form,
	at,
	cell_values,
	first_sheet,
	letter,
	merges,
	monitoring_indicator,
	monitoring_record,
	only_error,
	opened,
	print_area,
	saved,
	texts,
	where,
	without_rows,
)

from perf_budget.excel import evaluation_form, goal_form, monitoring_form, official, read_form, upload
from perf_budget.excel import values as read
from perf_budget.excel.layout import NEGATIVE, NOT_A_CHOICE, NOT_A_NUMBER, REQUIRED, FormError
from perf_budget.excel.monitoring_form import export_monitorings, format_progress

TITLE = "项目支出绩效目标执行监控表"
REASONS = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
LIKELIHOODS = ["确定能", "有可能", "完全不可能"]
MONTH_CAPTIONS = ("1-7月执行数", "1-7月执行率", "1-7月实际完成情况", "1-7月实际完成值")


def exported(**changes) -> bytes:
	return export_monitorings([monitoring_record(**changes)])


def form(**changes) -> Form:
	return Form(exported(**changes))


def read_monitorings(data: bytes, synonyms=None):
	return read_form("monitoring", data, "monitoring.xlsx", synonyms)


def accepted(data: bytes, synonyms=None) -> dict:
	records, errors = read_monitorings(data, synonyms)
	assert errors == []
	assert len(records) == 1
	return records[0]


def refused(data: bytes) -> list[FormError]:
	records, errors = read_monitorings(data)
	assert records == []
	assert errors
	return errors


def indicator(record: dict, name: str) -> dict:
	return next(row for row in record["indicators"] if row["indicator_name"] == name)


# ---------------------------------------------------------------- the printed form


def test_the_form_prints_the_captions_of_the_136_attachment_in_order():
	ws = first_sheet(exported())
	columns = range(1, print_area(ws)[2] + 1)
	assert [texts(ws, row, columns) for row in range(1, 13)] == [
		[TITLE],
		["（2026年度）"],
		["项目名称", "城市道路养护项目"],
		["主管部门及代码", "市交通运输局 201001", "实施单位", "市公路养护中心"],
		[
			"项目资金（万元）",
			"年初预算数",
			"1-7月执行数",
			"1-7月执行率",
			"全年预计执行数",
			"偏差原因分析",
			"完成目标可能性",
			"备注",
		],
		["年度资金总额", 800, 450, 0.5625, 780, "部分工程款待验收后支付", "确定能", "第三季度集中支付"],
		["其中：财政拨款", 700, 400, 0.5714, 690],
		["其他资金", 100, 50, 0.5, 90],
		["年度总体目标", "年初设定目标", "1-7月实际完成情况"],
		["完成120公里道路养护，优良率≥92%。", "已完成70公里养护，优良率93%；\n雨季影响两段施工。"],
		[
			"绩效指标",
			"一级指标",
			"二级指标",
			"三级指标",
			"年度指标值",
			"1-7月实际完成值",
			"全年预计完成值",
			"偏差原因分析",
			"完成目标可能性",
			"备注",
		],
		[*REASONS, *LIKELIHOODS],
	]


def test_the_indicator_rows_show_targets_progress_reasons_and_one_tick():
	sheet = form()
	ws = sheet.ws
	columns = range(1, print_area(ws)[2] + 1)
	first = sheet.row_of("一级指标") + 2
	assert [texts(ws, row, columns) for row in range(first, first + 7)] == [
		["产出指标", "数量指标", "养护道路里程", "≥120公里", "70公里", "120公里", "√"],
		["质量指标", "工程验收合格率", "=100%", "98.5%", "99%", "验收标准调整", "√"],
		[
			"时效指标",
			"完工时间",
			"定性：2026年11月底前",
			"部分达成：完成60%",
			"雨季影响进度",
			"√",
			"已报主管部门",
		],
		[
			"效益指标",
			"社会效益指标",
			"道路通行效率",
			"定性：明显提升",
			"未达成",
			"资金拨付滞后",
			"审批流程长",
			"人手不足",
			"设备老化",
			"雨季\n影响",
			"√",
			"已上报",
		],
		["可持续影响指标", "路况优良率", "≥92%", "93%", "93%", "√"],
		["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "年底调查"],
		["成本指标", "经济成本指标", "单位成本", "<9万元", "4万元", "8.8万元", "√"],
	]


def test_each_tick_stands_in_the_column_of_its_likelihood():
	sheet = form()
	marked = {
		name: [word for word in LIKELIHOODS if sheet.value(sheet.indicator(name, word)) == "√"]
		for name in ("养护道路里程", "工程验收合格率", "道路通行效率", "市民满意度")
	}
	assert marked == {
		"养护道路里程": ["确定能"],
		"工程验收合格率": ["有可能"],
		"道路通行效率": ["完全不可能"],
		"市民满意度": [],
	}


def test_group_captions_span_their_sub_columns_and_single_captions_both_header_rows():
	sheet = form()
	for group, parts in (("偏差原因分析", REASONS), ("完成目标可能性", LIKELIHOODS)):
		top, left, bottom, right = sheet.box(sheet.find(group, 1))
		assert (bottom, right - left + 1) == (top, len(parts))
		assert [sheet.value((top + 1, column)) for column in range(left, right + 1)] == parts
	header = sheet.row_of("一级指标")
	for caption in ("一级指标", "二级指标", "三级指标", "年度指标值", "1-7月实际完成值", "全年预计完成值"):
		top, _, bottom, _ = sheet.box(sheet.find(caption))
		assert (top, bottom) == (header, header + 1), caption
	assert {"A1:P1", "A2:P2", "A5:A8", "A9:A10", "A11:A19", "B13:B15", "B16:B17", "K6:M8", "N6:O8"} <= merges(
		sheet.ws
	)
	ws = sheet.ws
	assert ws["A1"].font.b and ws.cell(*sheet.find("偏差原因分析", 1)).font.b


def test_money_cells_are_amounts_and_rates_are_percentages():
	sheet = form()
	ws = sheet.ws
	assert [
		ws.cell(*sheet.at("年度资金总额", caption)).number_format for caption in ("年初预算数", "1-7月执行数")
	] == [
		"0.00",
		"0.00",
	]
	rate = ws.cell(*sheet.at("其中：财政拨款", "1-7月执行率"))
	assert (rate.value, rate.number_format) == (0.5714, "0.00%")


def test_print_area_covers_only_the_official_columns():
	sheet = form()
	ws = sheet.ws
	assert print_area(ws) == (1, 1, 16, sheet.row_of("单位成本"))
	header = sheet.row_of("一级指标")
	assert ws.print_title_rows == f"${header}:${header + 1}"
	assert ws.page_setup.orientation == "landscape"
	extras = ("纠偏措施", "绩效年度", "项目编码", "记录编号", "导出时版本")
	assert [sheet.find(caption)[1] > 16 for caption in extras] == [True] * len(extras)
	assert {caption: sheet.value(sheet.right_of(caption)) for caption in extras[1:]} == {
		"绩效年度": 2026,
		"项目编码": "XM-2026-001",
		"记录编号": "PM-2026-00001",
		"导出时版本": "2026-08-05 09:30:00.000000",
	}
	assert sheet.value(sheet.indicator("完工时间", "纠偏措施")) == "增加夜间施工班组"


@pytest.mark.parametrize("month", [1, 7, 12])
def test_month_captions_follow_the_period_end_month(month):
	sheet = form(period_end_month=month)
	for caption in MONTH_CAPTIONS:
		assert sheet.all(caption.replace("7", str(month))), caption
	assert accepted(sheet.data())["period_end_month"] == month


def test_no_monitorings_exports_the_blank_form_that_reads_back_as_missing_values():
	data = export_monitorings([])
	sheet = Form(data)
	assert sheet.ws.title == "监控1"
	assert [sheet.all(caption.replace("7", "  ")) != [] for caption in MONTH_CAPTIONS] == [True] * 4
	errors = refused(data)
	budget, executed = sheet.at("年度资金总额", "年初预算数"), sheet.at("年度资金总额", "1-  月执行数")
	assert [(where(error), error.args) for error in errors] == [
		((1, "A", official.YEAR_MISSING), ()),
		(at(sheet.right_of("项目名称"), REQUIRED), ("项目名称",)),
		(at(sheet.right_of("实施单位"), REQUIRED), ("实施单位",)),
		((None, None, monitoring_form.MONTHS_MISSING), ()),
		(at(budget, REQUIRED), ("年初预算数（年度资金总额）",)),
		(at(executed, REQUIRED), ("1-  月执行数（年度资金总额）",)),
		(at(sheet.below("年初设定目标"), REQUIRED), ("年初设定目标",)),
	]


def test_blank_form_filled_in_by_hand_reads_the_months_of_the_period_line():
	sheet = Form(export_monitorings([]))
	sheet.set(sheet.below(TITLE), "（2026年1—7月）")
	sheet.set(sheet.right_of("项目名称"), "道路养护")
	sheet.set(sheet.right_of("实施单位"), "养护中心")
	sheet.set(sheet.at("年度资金总额", "年初预算数"), 100)
	sheet.set(sheet.at("年度资金总额", "1-  月执行数"), 40)
	sheet.set(sheet.below("年初设定目标"), "完成养护")
	row = sheet.row_of("产出指标")
	for caption, value in (
		("二级指标", "数量指标"),
		("三级指标", "里程"),
		("年度指标值", "≥120公里"),
		("1-  月实际完成值", "70公里"),
		("有可能", "√"),
	):
		sheet.set((row, sheet.header_column(caption)), value)
	record = accepted(sheet.data())
	assert (record["performance_year"], record["period_end_month"]) == ("2026", 7)
	assert (record["annual_budget"], record["executed_amount"], record["execution_rate"]) == (
		100.0,
		40.0,
		None,
	)
	assert record["indicators"] == [
		monitoring_indicator(
			level1="Output",
			level2="Quantity",
			indicator_name="里程",
			operator=">=",
			target_value=120.0,
			unit="公里",
			actual_to_date=70.0,
			likelihood="Possible",
			row=row,
		)
	]


# ---------------------------------------------------------------- round trips


def test_one_monitoring_round_trips():
	monitoring = monitoring_record()
	found = accepted(export_monitorings([monitoring]))
	assert found["sheet"] == "XM-2026-001"
	assert without_rows(found) == monitoring


def test_several_monitorings_round_trip_one_sheet_each():
	monitorings = [
		monitoring_record("A-1"),
		monitoring_record("B-2", period_end_month=10, execution_rate=None, goal_progress=None),
		monitoring_record(
			"A-1",
			period_end_month=1,
			indicators=[],
			expected_full_year=None,
			expected_fiscal=None,
			expected_other=None,
			money_likelihood=None,
		),
	]
	data = export_monitorings(monitorings)
	assert opened(data).sheetnames == ["A-1", "B-2", "A-1(2)"]
	found, errors = read_monitorings(data)
	assert errors == []
	assert [item["sheet"] for item in found] == ["A-1", "B-2", "A-1(2)"]
	assert [without_rows(item) for item in found] == monitorings


def test_export_import_export_gives_the_same_cells():
	data = export_monitorings([monitoring_record("A-1"), monitoring_record("B-2", period_end_month=12)])
	found, errors = read_monitorings(data)
	assert errors == []
	assert cell_values(export_monitorings(found)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	sheet = form()
	first = sheet.row_of("一级指标") + 2
	found = accepted(sheet.data())
	assert [row["row"] for row in found["indicators"]] == list(range(first, first + 7))


def test_money_without_the_source_rows_is_read_from_the_total():
	record = accepted(
		exported(
			budget_fiscal=None,
			executed_fiscal=None,
			expected_fiscal=None,
			budget_other=None,
			executed_other=None,
			expected_other=None,
		)
	)
	assert [
		record[key] for key in ("annual_budget", "executed_amount", "expected_full_year", "budget_fiscal")
	] == [
		800.0,
		450.0,
		780.0,
		None,
	]


# ---------------------------------------------------------------- the months of the period


@pytest.mark.parametrize(
	"typed",
	[
		"（2026年1—7月）",
		"(2026年1-7月)",
		"2026年1～7月",
		"2026年1至7月",
		"（ 2026 年 1—07 月 ）",
		"（2026年度）",
	],
)
def test_period_line_is_read_however_it_is_typed(typed):
	sheet = form()
	sheet.set(sheet.below(TITLE), typed)
	sheet.set(sheet.right_of("绩效年度"), None)
	record = accepted(sheet.data())
	assert (record["performance_year"], record["period_end_month"]) == ("2026", 7)


def test_another_month_in_every_caption_is_that_period():
	sheet = form()
	for caption in MONTH_CAPTIONS:
		sheet.replace(caption, caption.replace("1-7", "1～9"))
	assert accepted(sheet.data())["period_end_month"] == 9


def test_captions_with_the_blank_month_of_the_paper_form_take_the_period_line():
	sheet = form()
	for caption in MONTH_CAPTIONS:
		sheet.replace(caption, caption.replace("7", "  "))
	sheet.set(sheet.below(TITLE), "（2026年1—7月）")
	assert accepted(sheet.data())["period_end_month"] == 7


def test_a_caption_naming_another_month_is_reported_where_it_is():
	sheet = form()
	cell = sheet.find("1-7月实际完成值")
	sheet.set(cell, "1—6月实际完成值")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, monitoring_form.MONTHS_DIFFER)
	assert error.args == ("1—6月实际完成值", 6, 7)


def test_a_period_line_disagreeing_with_the_captions_is_reported_at_the_captions():
	sheet = form()
	sheet.set(sheet.below(TITLE), "（2026年1—9月）")
	errors = refused(sheet.data())
	assert [(where(error), error.args) for error in errors] == [
		(at(sheet.find(caption), monitoring_form.MONTHS_DIFFER), (caption, 7, 9))
		for caption in ("1-7月执行数", "1-7月执行率", "1-7月实际完成情况", "1-7月实际完成值")
	]


def test_no_month_anywhere_is_reported():
	sheet = form()
	for caption in MONTH_CAPTIONS:
		sheet.replace(caption, caption.replace("7", ""))
	error = only_error(refused(sheet.data()))
	assert (error.row, error.column, error.message) == (None, None, monitoring_form.MONTHS_MISSING)


@pytest.mark.parametrize("month", [0, 13])
def test_month_outside_one_to_twelve_is_refused_at_the_period_line(month):
	sheet = form()
	line = sheet.below(TITLE)
	sheet.set(line, f"（2026年1—{month}月）")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(line, monitoring_form.MONTH_OUT_OF_RANGE)
	assert error.args == ("监控期间", month)


def test_errors_name_the_month_caption_as_the_sheet_writes_it():
	sheet = form()
	executed = sheet.at("年度资金总额", "1-7月执行数")
	sheet.set(executed, "一半")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(executed, read.NOT_AN_AMOUNT)
	assert error.args == ("1-7月执行数（年度资金总额）", "一半")


# ---------------------------------------------------------------- the money (双监控)


@pytest.mark.parametrize(
	("typed", "number_format"), [(0.5625, None), ("56.25%", None), ("５６．２５％", None)]
)
def test_execution_rate_is_read_as_a_percent_figure(typed, number_format):
	sheet = form()
	sheet.set(sheet.at("年度资金总额", "1-7月执行率"), typed, number_format)
	assert accepted(sheet.data())["execution_rate"] == 56.25


def test_execution_rate_typed_as_a_plain_number_in_a_general_cell_is_a_percent_figure():
	sheet = form()
	sheet.set(sheet.at("年度资金总额", "1-7月执行率"), 56.25, "General")
	assert accepted(sheet.data())["execution_rate"] == 56.25


def test_execution_rate_above_100_percent_is_reported():
	# 56.25 typed into the 0.00% cell shows as 5625.00%: never kept.
	sheet = form()
	rate = sheet.at("年度资金总额", "1-7月执行率")
	sheet.set(rate, 56.25)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, evaluation_form.RATE_ABOVE_100)
	# named as the sheet names it: see test_errors_name_the_month_caption_as_the_sheet_writes_it
	assert error.args[0].endswith("执行率（年度资金总额）")
	assert error.args[1:] == ("5625.00",)


def test_execution_rate_far_from_the_amounts_is_reported():
	sheet = form()
	rate = sheet.at("年度资金总额", "1-7月执行率")
	sheet.set(rate, "60%")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, evaluation_form.RATE_MISMATCH)
	# named as the sheet names it: see test_errors_name_the_month_caption_as_the_sheet_writes_it
	assert error.args[0].endswith("执行率（年度资金总额）")
	assert error.args[1:] == ("60.00", "56.25")


def test_text_in_the_execution_rate_is_refused():
	sheet = form()
	rate = sheet.at("年度资金总额", "1-7月执行率")
	sheet.set(rate, "很高")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, read.NOT_A_PERCENT)
	# named as the sheet names it: see test_errors_name_the_month_caption_as_the_sheet_writes_it
	assert error.args[0].endswith("执行率（年度资金总额）")
	assert error.args[1:] == ("很高",)


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	sheet = form()
	cell = sheet.at("年度资金总额", "年初预算数")
	sheet.set(cell, "一千万")
	error = only_error(refused(sheet.data()))
	assert (error.sheet, *where(error)) == ("XM-2026-001", *at(cell, read.NOT_AN_AMOUNT))
	assert error.args == ("年初预算数（年度资金总额）", "一千万")


def test_negative_amounts_and_rate_are_refused():
	sheet = form()
	cells = [sheet.at("年度资金总额", caption) for caption in ("年初预算数", "1-7月执行数", "全年预计执行数")]
	rate = sheet.at("年度资金总额", "1-7月执行率")
	for number, cell in enumerate(cells, 1):
		sheet.set(cell, -number)
	sheet.set(rate, "-5%")
	errors = refused(sheet.data())
	assert sorted(where(error) for error in errors) == sorted(
		[at(cell, NEGATIVE) for cell in cells] + [at(rate, NEGATIVE)]
	)


def test_total_must_equal_its_sources():
	sheet = form()
	other = sheet.at("其他资金", "全年预计执行数")
	sheet.set(other, 110)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(sheet.at("年度资金总额", "全年预计执行数"), monitoring_form.TOTAL_MISMATCH)
	assert error.args == ("全年预计执行数（年度资金总额）", "780.00", "800.00")


def test_money_amounts_typed_with_units_and_a_dash_for_no_other_funds():
	sheet = form()
	for caption, total, fiscal in (
		("年初预算数", "800万元", "7,000,000元"),
		("1-7月执行数", "450 万", "4000000元"),
	):
		sheet.set(sheet.at("年度资金总额", caption), total)
		sheet.set(sheet.at("其中：财政拨款", caption), fiscal)
	sheet.set(sheet.at("其他资金", "年初预算数"), "100")
	sheet.set(sheet.at("其他资金", "1-7月执行数"), "50.00")
	record = accepted(sheet.data())
	assert [record[key] for key in ("annual_budget", "budget_fiscal", "budget_other")] == [
		800.0,
		700.0,
		100.0,
	]
	assert [record[key] for key in ("executed_amount", "executed_fiscal", "executed_other")] == [
		450.0,
		400.0,
		50.0,
	]


def test_money_reason_typed_row_by_row_is_kept_line_by_line():
	sheet = form()
	reason = sheet.at("年度资金总额", "偏差原因分析")
	sheet.unmerge(reason)
	sheet.set(sheet.at("其中：财政拨款", "偏差原因分析"), "财政资金按进度拨付")
	record = accepted(sheet.data())
	assert record["money_deviation_reason"] == "部分工程款待验收后支付\n财政资金按进度拨付"


@pytest.mark.parametrize(
	("typed", "stored"), [("有可能", "Possible"), ("确定能完成目标", "Certain"), ("不可能", "Impossible")]
)
def test_money_likelihood_words(typed, stored):
	sheet = form()
	sheet.set(sheet.at("年度资金总额", "完成目标可能性"), typed)
	assert accepted(sheet.data())["money_likelihood"] == stored


def test_unknown_money_likelihood_word_is_refused():
	sheet = form()
	cell = sheet.at("年度资金总额", "完成目标可能性")
	sheet.set(cell, "大概吧")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)
	assert error.args == ("完成目标可能性（资金）", "确定能、有可能、完全不可能", "大概吧")


# ---------------------------------------------------------------- likelihood ticks and progress


@pytest.mark.parametrize("mark", ["√", "✓", "✔", "是", "1", "v"])
def test_any_mark_in_one_likelihood_column_is_that_likelihood(mark):
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "确定能"), None)
	sheet.set(sheet.indicator("养护道路里程", "完全不可能"), mark)
	assert indicator(accepted(sheet.data()), "养护道路里程")["likelihood"] == "Impossible"


@pytest.mark.parametrize("blank", [None, "×", "否", "—"])
def test_a_cross_or_dash_is_no_mark(blank):
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "有可能"), blank)
	assert indicator(accepted(sheet.data()), "养护道路里程")["likelihood"] == "Certain"


def test_no_mark_at_all_reads_as_no_likelihood():
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "确定能"), None)
	assert indicator(accepted(sheet.data()), "养护道路里程")["likelihood"] is None


def test_two_marks_on_one_row_are_refused():
	sheet = form()
	certain = sheet.indicator("养护道路里程", "确定能")
	sheet.set(sheet.indicator("养护道路里程", "有可能"), "√")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(certain, monitoring_form.TWO_MARKS)
	assert error.args == ("完成目标可能性", "确定能、有可能、完全不可能", "确定能、有可能")


def test_likelihood_as_words_in_one_column_without_the_sub_captions():
	sheet = form()
	sub_captions = sheet.below("完成目标可能性", 1)[0]
	for word in LIKELIHOODS:
		sheet.set((sub_captions, sheet.header_column(word)), None)
	column = sheet.header_column("完成目标可能性")
	words = {"养护道路里程": "确定能", "工程验收合格率": "可能", "道路通行效率": "完全不可能"}
	for row in range(sheet.row_of("养护道路里程"), sheet.row_of("单位成本") + 1):
		for offset in range(3):
			sheet.set((row, column + offset), None)
	for name, word in words.items():
		sheet.set((sheet.row_of(name), column), word)
	record = accepted(sheet.data())
	assert [row["likelihood"] for row in record["indicators"]] == [
		"Certain",
		"Possible",
		None,
		"Impossible",
		None,
		None,
		None,
	]


@pytest.mark.parametrize(
	("progress", "word"), [("Achieved", "已达成"), ("Partly", "部分达成"), ("Not Achieved", "未达成")]
)
def test_progress_words_both_ways(progress, word):
	shown = {"operator": "Qualitative", "qualitative_progress": progress, "actual_text": None}
	assert format_progress(shown) == word
	assert format_progress(shown | {"actual_text": "说明"}) == f"{word}：说明"
	aliases = monitoring_form.words.QUALITATIVE_PROGRESS_ALIASES
	progress_words = monitoring_form.words.QUALITATIVE_PROGRESS
	assert read.read_result(word, progress_words, aliases) == (progress, None)
	assert read.read_result(f" {word} ：说明：细节", progress_words, aliases) == (progress, "说明：细节")
	assert read.read_result(f"{word}\n说明", progress_words, aliases) == (progress, "说明")
	assert read.read_result(progress, progress_words, aliases) == (progress, None)


@pytest.mark.parametrize(
	("typed", "progress"),
	[
		("达成", "Achieved"),
		("达成年度指标", "Achieved"),
		("部分达成年度指标并具有一定效果", "Partly"),
		("未达成年度指标且效果较差", "Not Achieved"),
		("较好", "Achieved"),
		("一般", "Partly"),
		("差", "Not Achieved"),
	],
)
def test_other_progress_words_are_accepted(typed, progress):
	sheet = form()
	sheet.set(sheet.indicator("完工时间", "1-7月实际完成值"), typed)
	assert indicator(accepted(sheet.data()), "完工时间")["qualitative_progress"] == progress


def test_progress_typed_in_the_form_is_read():
	sheet = form()
	sheet.set(sheet.indicator("完工时间", "1-7月实际完成值"), "已达成：提前完工")
	found = indicator(accepted(sheet.data()), "完工时间")
	assert (found["qualitative_progress"], found["actual_text"]) == ("Achieved", "提前完工")


def test_unknown_progress_word_is_refused():
	sheet = form()
	cell = sheet.indicator("完工时间", "1-7月实际完成值")
	sheet.set(cell, "基本达成：还行")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.RESULT_UNKNOWN)
	assert error.args == ("实际完成值", "基本达成：还行", "已达成、部分达成、未达成")


def test_quantitative_figures_may_carry_the_unit_of_the_target():
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "1-7月实际完成值"), 70)
	sheet.set(sheet.indicator("养护道路里程", "全年预计完成值"), "120 公里")
	found = indicator(accepted(sheet.data()), "养护道路里程")
	assert (found["actual_to_date"], found["expected_completion"]) == (70.0, 120.0)


def test_figure_with_another_unit_is_refused():
	sheet = form()
	cell = sheet.indicator("养护道路里程", "全年预计完成值")
	sheet.set(cell, "120米")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.ACTUAL_UNIT_DIFFERS)
	assert error.args == ("全年预计完成值", "120米", "米", "公里")


def test_a_percentage_cell_is_the_percent_figure_and_a_bare_fraction_is_refused():
	sheet = form()
	cell = sheet.indicator("路况优良率", "1-7月实际完成值")
	sheet.set(cell, 0.93, "0%")
	assert indicator(accepted(sheet.data()), "路况优良率")["actual_to_date"] == 93.0
	sheet.set(cell, 0.93, "General")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.FRACTION_OF_PERCENT)
	assert error.args == ("实际完成值", "0.93", "93.00")


def test_expected_completion_of_a_qualitative_indicator_is_blank():
	sheet = form()
	cell = sheet.indicator("完工时间", "全年预计完成值")
	sheet.set(cell, "—")
	assert indicator(accepted(sheet.data()), "完工时间")["expected_completion"] is None
	sheet.set(cell, "预计按期完成")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, monitoring_form.EXPECTED_FOR_QUALITATIVE)
	assert error.args == ("全年预计完成值", "预计按期完成", "完成目标可能性")


def test_the_other_wording_of_the_expected_caption_is_read():
	sheet = form()
	sheet.replace("全年预计完成值", "全年预计完成情况")
	assert indicator(accepted(sheet.data()), "养护道路里程")["expected_completion"] == 120.0


def test_the_older_title_is_read_too():
	sheet = form()
	sheet.replace(TITLE, "2026年度项目支出绩效运行监控表")
	assert accepted(sheet.data())["project_name"] == "城市道路养护项目"


def test_target_with_text_after_the_operator_names_the_annual_target_column():
	sheet = form()
	cell = sheet.indicator("养护道路里程", "年度指标值")
	sheet.set(cell, "≥很多")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.TARGET_NOT_A_NUMBER)
	assert error.args == ("年度指标值", "≥很多", "≥")


def test_an_indicator_typed_in_an_inserted_row_is_read():
	sheet = form()
	row = sheet.row_of("单位成本") + 1
	for caption, value in (
		("一级指标", "产出指标"),
		("二级指标", "数量指标"),
		("三级指标", "新增指标"),
		("年度指标值", "≥1个"),
		("1-7月实际完成值", "0个"),
		("经费保障", "资金未到位"),
	):
		sheet.set((row, sheet.header_column(caption)), value)
	found = accepted(sheet.data())
	assert found["indicators"][-1] == monitoring_indicator(
		level1="Output",
		level2="Quantity",
		indicator_name="新增指标",
		operator=">=",
		target_value=1.0,
		unit="个",
		actual_to_date=0.0,
		reason_funding="资金未到位",
		row=row,
	)


def test_a_blank_row_between_indicators_is_skipped():
	sheet = form()
	row = sheet.row_of("市民满意度")
	sheet.insert_row(row)
	found = accepted(sheet.data())
	assert [item["row"] for item in found["indicators"]][-3:] == [row - 1, row + 1, row + 2]
	assert len(found["indicators"]) == 7


# ---------------------------------------------------------------- malformed uploads


def test_every_missing_caption_is_listed_at_once():
	sheet = form()
	sheet.replace("年初预算数", "预算数")
	sheet.replace("1-7月实际完成值", "实际值")
	sheet.replace("制度保障", "制度")
	errors = refused(sheet.data())
	assert [(error.row, error.message, error.args) for error in errors] == [
		(None, official.CAPTION_MISSING, ("年初预算数", TITLE)),
		(None, official.CAPTION_MISSING, ("1-N月实际完成值", TITLE)),
		(None, official.CAPTION_MISSING, ("制度保障", TITLE)),
	]


def test_a_sheet_with_only_the_title_lists_every_missing_caption():
	workbook = Workbook()
	workbook.active["A1"] = "2026年度" + TITLE
	errors = refused(saved(workbook))
	assert [(error.message, error.args[:1]) for error in errors] == [
		(official.CAPTION_MISSING, ("项目名称",)),
		(official.CAPTION_MISSING, ("实施单位",)),
		(monitoring_form.MONTHS_MISSING, ()),
		*(
			(official.CAPTION_MISSING, (caption,))
			for caption in (
				"年初预算数",
				"1-N月执行数",
				"1-N月执行率",
				"全年预计执行数",
				"偏差原因分析",
				"完成目标可能性",
				"备注",
				"年度资金总额",
				"其中：财政拨款",
				"其他资金",
				"年初设定目标",
				"一级指标",
			)
		),
	]


def test_a_month_caption_without_its_months_is_reported_missing():
	sheet = form()
	sheet.replace("1-7月执行数", "执行数")
	error = only_error(refused(sheet.data()))
	assert (error.row, error.message, error.args) == (None, official.CAPTION_MISSING, ("1-N月执行数", TITLE))


def test_a_period_line_that_is_no_period_and_no_year_elsewhere_is_refused_at_the_title():
	sheet = form()
	sheet.set(sheet.right_of("绩效年度"), None)
	sheet.set(sheet.below(TITLE), "（二〇二六年一至七月）")
	error = only_error(refused(sheet.data()))
	assert where(error) == (*letter(sheet.find(TITLE)), official.YEAR_MISSING)


def test_workbook_without_the_form_is_refused_as_no_form_sheet():
	# A self-evaluation or goal form is an official form too, but not this one.
	for data in (evaluation_form.export_evaluations([]), goal_form.export_goals([])):
		error = only_error(refused(data))
		assert (error.sheet, error.message, error.args) == (None, upload.NO_FORM_SHEET, (TITLE,))


def test_a_sheet_of_notes_is_not_the_form():
	workbook = Workbook()
	workbook.active.append(["填报说明"])
	workbook.active.append(["1. 执行率 = 执行数 ÷ 年初预算数"])
	assert only_error(refused(saved(workbook))).message == upload.NO_FORM_SHEET


def test_other_sheets_beside_the_form_are_ignored():
	sheet = form()
	sheet.workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	records, errors = read_monitorings(sheet.data())
	assert errors == [] and len(records) == 1


def test_a_wrong_merged_level_one_word_is_reported_once_at_the_cell_typed():
	sheet = form()
	cell = sheet.find("产出指标")
	sheet.set(cell, "产量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)
	assert error.args == ("一级指标", "产出指标、效益指标、满意度指标、成本指标", "产量指标")


def test_level_two_under_the_wrong_level_one_is_refused():
	sheet = form()
	cell = sheet.indicator("市民满意度", "二级指标")
	sheet.set(cell, "数量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, official.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("数量指标", "满意度指标")


def test_missing_indicator_name_and_target_are_required():
	sheet = form()
	name, target = (
		sheet.indicator("工程验收合格率", "三级指标"),
		sheet.indicator("工程验收合格率", "年度指标值"),
	)
	sheet.set(target, None).set(name, None)
	errors = refused(sheet.data())
	assert [(where(error), error.args) for error in errors] == [
		(at(name, REQUIRED), ("三级指标",)),
		(at(target, REQUIRED), ("年度指标值",)),
	]


def test_text_in_a_quantitative_actual_is_refused():
	sheet = form()
	cell = sheet.indicator("养护道路里程", "1-7月实际完成值")
	sheet.set(cell, "很多")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, NOT_A_NUMBER), ("实际完成值", "很多"))


def test_an_indicator_typed_below_a_note_ending_the_table_is_reported():
	sheet = form()
	last = sheet.row_of("单位成本")
	note = "填报说明：按月累计填报"
	sheet.set((last + 1, sheet.header_column("一级指标")), note)
	sheet.set((last + 2, sheet.header_column("二级指标")), "数量指标")
	sheet.set((last + 2, sheet.header_column("三级指标")), "新增指标")
	sheet.set((last + 2, sheet.header_column("年度指标值")), "≥1个")
	error = only_error(refused(sheet.data()))
	assert (error.row, error.column, error.message, error.args) == (
		last + 2,
		None,
		official.ROW_BELOW_TOTAL,
		(note,),
	)


def test_every_error_of_a_file_is_reported_at_once():
	first = Form(
		export_monitorings([monitoring_record("A-1"), monitoring_record("B-2", period_end_month=9)]), "A-1"
	)
	second = first.other("B-2")
	goal = first.below("年初设定目标")
	first.set(goal, None)
	budget = second.at("年度资金总额", "年初预算数")
	second.set(budget, "x")
	level2 = second.indicator("养护道路里程", "二级指标")
	second.set(level2, "未知")
	actual = second.indicator("工程验收合格率", "1-9月实际完成值")
	second.set(actual, "abc")
	caption = second.find("1-9月执行率")
	second.set(caption, "1-7月执行率")
	errors = refused(first.data())
	assert [(error.sheet, error.row, error.column, error.message) for error in errors] == [
		("A-1", *letter(goal), REQUIRED),
		("B-2", *letter(caption), monitoring_form.MONTHS_DIFFER),
		("B-2", *letter(budget), read.NOT_AN_AMOUNT),
		("B-2", *letter(level2), NOT_A_CHOICE),
		("B-2", *letter(actual), NOT_A_NUMBER),
	]


def test_message_keys_are_listed_once_with_the_shared_and_upload_ones():
	# The keys of perf_budget.excel.layout: tests/excel/test_layout.py
	messages = monitoring_form.MESSAGES
	assert len(set(messages)) == len(messages)
	assert {
		monitoring_form.MONTHS_MISSING,
		monitoring_form.MONTH_OUT_OF_RANGE,
		monitoring_form.MONTHS_DIFFER,
		monitoring_form.TWO_MARKS,
		monitoring_form.EXPECTED_FOR_QUALITATIVE,
		monitoring_form.TOTAL_MISMATCH,
		evaluation_form.RATE_ABOVE_100,
		read.NOT_A_PERCENT,
		read.ACTUAL_UNIT_DIFFERS,
		read.RESULT_UNKNOWN,
		official.CAPTION_MISSING,
		upload.NO_FORM_SHEET,
		upload.OLD_XLS,
	} <= set(messages)
