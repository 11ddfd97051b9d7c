"""项目支出绩效运行监控表: export, import, round trips, month captions and every malformed upload."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from workbooks import cell_values, edited, first_sheet, only_error, saved, where, without_rows

from perf_budget.forms import evaluation_form, goal_form, monitoring_form, upload
from perf_budget.forms.layout import (
	AFTER_EMPTY_ROW,
	NEGATIVE,
	NOT_A_CHOICE,
	NOT_A_NUMBER,
	REQUIRED,
	WRONG_TEMPLATE,
	describe,
)
from perf_budget.forms.monitoring_form import (
	MONITORING_FORM,
	export_monitorings,
	format_progress,
	import_monitorings,
	monitoring_layout,
	read_expected,
	read_monitoring,
	read_progress,
)

FIRST = MONITORING_FORM.grid.first_row  # 12: the first indicator row
GRID_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "1—7月实际完成值", "全年预计完成情况"]
GRID_HEADER += ["完成目标可能性", "偏差原因分析", None, None, None, None, "纠偏措施", "备注"]
REASONS = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]


def make_monitoring(code="XM-2026-001", **changes):
	monitoring = {
		"performance_year": "2026",
		"period_end_month": 7,
		"project_name": "城市道路养护项目",
		"project_code": code,
		"competent_department": "市交通运输局",
		"budget_unit": "市公路养护中心",
		"annual_budget": 1234.56,
		"executed_amount": 617.28,
		"execution_rate": 50.0,
		"expected_full_year": 1200.0,
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"goal_progress": "已完成70公里；\n雨季影响两段施工。",
		"indicators": [
			_row("Output", "Quantity", "养护道路里程", ">=", 120, "公里", 70, 120, "Certain"),
			_row(
				"Output",
				"Quality",
				"工程验收合格率",
				"=",
				100,
				"%",
				98.5,
				99,
				"Possible",
				reason_rules="验收标准调整",
				corrective_measure="加强巡查",
			),
			_qualitative(
				"Output", "Timeliness", "完工时间", "2026年11月底前", "Partly", "完成60%", "Certain"
			),
			_row("Output", "Cost", "每公里养护成本", "<=", 8.5, "万元/公里", 4.1, 8.3, "Certain"),
			_qualitative(
				"Effect",
				"Social",
				"道路通行效率",
				"明显提升",
				"Not Achieved",
				None,
				"Impossible",
				reason_funding="资金拨付滞后",
				reason_rules="审批流程长",
				reason_staffing="人手不足",
				reason_conditions="设备老化",
				reason_other="雨季\n影响",
				corrective_measure="调整交通组织",
				remarks="已上报",
			),
			_row("Effect", "Sustainable", "路况优良率", ">=", 92, "%", 90, 92, "Possible"),
			_row(
				"Satisfaction",
				"Service Recipient",
				"市民满意度",
				">=",
				90,
				"%",
				None,
				None,
				None,
				remarks="年底调查",
			),
			_row("Cost", "Economic Cost", "单位成本", "<", 9, "万元", 4, 8.8, "Certain"),
			_qualitative("Effect", "Ecological", "扬尘控制", "达标", "Achieved", "两次检查均达标", "Certain"),
		],
	}
	monitoring.update(changes)
	return monitoring


def _indicator(**values):
	indicator = dict.fromkeys(monitoring_form.INDICATOR_KEYS)
	indicator.update(values)
	return indicator


def _row(level1, level2, name, operator, target, unit, actual, expected, likelihood, **more):
	return _indicator(
		level1=level1,
		level2=level2,
		indicator_name=name,
		operator=operator,
		target_value=float(target),
		unit=unit,
		actual_to_date=None if actual is None else float(actual),
		expected_completion=None if expected is None else float(expected),
		likelihood=likelihood,
		**more,
	)


def _qualitative(level1, level2, name, target_text, progress, actual_text, likelihood, **more):
	return _indicator(
		level1=level1,
		level2=level2,
		indicator_name=name,
		operator="Qualitative",
		target_text=target_text,
		qualitative_progress=progress,
		actual_text=actual_text,
		likelihood=likelihood,
		**more,
	)


def import_with(**cells):
	return import_monitorings(edited(export_monitorings([make_monitoring()]), **cells), "monitoring.xlsx")


def row_values(ws, row, last=14):
	return [ws.cell(row, column).value for column in range(1, last + 1)]


# ---------------------------------------------------------------- round trips


def test_one_monitoring_round_trips():
	monitoring = make_monitoring()
	found, errors = import_monitorings(export_monitorings([monitoring]), "monitoring.xlsx")
	assert errors == []
	assert [without_rows(item) for item in found] == [monitoring]
	assert found[0]["sheet"] == "XM-2026-001"


def test_several_monitorings_round_trip_one_sheet_each():
	monitorings = [
		make_monitoring("A-1"),
		make_monitoring("B-2", period_end_month=10, execution_rate=None, goal_progress=None),
		make_monitoring("A-1", period_end_month=1, indicators=[], expected_full_year=None),
	]
	data = export_monitorings(monitorings)
	assert load_workbook(io.BytesIO(data)).sheetnames == ["A-1", "B-2", "A-1(2)"]
	found, errors = import_monitorings(data)
	assert errors == []
	assert [without_rows(item) for item in found] == monitorings
	assert [item["sheet"] for item in found] == ["A-1", "B-2", "A-1(2)"]


def test_export_import_export_gives_the_same_cells():
	data = export_monitorings([make_monitoring("A-1"), make_monitoring("B-2", period_end_month=12)])
	found, errors = import_monitorings(data)
	assert errors == []
	assert cell_values(export_monitorings(found)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	found, _ = import_monitorings(export_monitorings([make_monitoring()]))
	assert [indicator["row"] for indicator in found[0]["indicators"]] == list(range(FIRST, FIRST + 9))


def test_no_monitorings_exports_a_blank_form_that_reads_back_as_missing_values():
	data = export_monitorings([])
	ws = first_sheet(data)
	assert ws.title == "监控1"
	assert (ws["A2"].value, ws["F5"].value, ws["H7"].value, ws["E10"].value) == (
		"（    年1—  月）",
		"1—  月执行数",
		"1—  月总体目标完成情况",
		"1—  月实际完成值",
	)
	found, errors = import_monitorings(data)
	assert found == []
	assert all(error.message == REQUIRED for error in errors)
	assert [(error.row, error.column, error.args) for error in errors] == [
		(3, "C", ("项目名称",)),
		(3, "J", ("项目编码",)),
		(4, "J", ("实施单位",)),
		(6, "C", ("年初预算数",)),
		(6, "F", ("1—  月执行数",)),
		(8, "C", ("年度总体目标",)),
		(2, "A", ("绩效年度",)),
		(2, "A", ("监控截止月份",)),
	]


def test_blank_form_filled_in_by_hand_is_read_with_the_month_of_the_period_line():
	data = edited(
		export_monitorings([]),
		A2="（2026年1—7月）",
		C3="道路养护",
		J3="XM-1",
		J4="养护中心",
		C6=100,
		F6=40,
		C8="完成养护",
		A12="产出指标",
		B12="数量指标",
		C12="里程",
		D12="≥120公里",
		E12="70公里",
		G12="有可能",
	)
	found, errors = import_monitorings(data)
	assert errors == []
	assert (found[0]["performance_year"], found[0]["period_end_month"]) == ("2026", 7)
	assert found[0]["indicators"][0] | {"row": None} == _row(
		"Output", "Quantity", "里程", ">=", 120, "公里", 70, None, "Possible", row=None
	)


# ---------------------------------------------------------------- looks like the printed form


def test_form_has_merged_bold_title_period_line_and_money_block():
	ws = first_sheet(export_monitorings([make_monitoring()]))
	merged = {str(merged) for merged in ws.merged_cells.ranges}
	assert {"A1:N1", "A2:N2", "A3:B3", "C3:G3", "H3:I3", "J3:N3", "A5:B6", "F5:H5", "F6:H6"} <= merged
	assert {"A7:B8", "C7:G7", "H7:N7", "C8:G8", "H8:N8", "A9:N9"} <= merged
	assert ws["A1"].value == "项目支出绩效运行监控表" and ws["A1"].font.b
	assert ws["A2"].value == "（2026年1—7月）"
	assert all(side is None or side.style is None for side in (ws["A2"].border.left, ws["N2"].border.bottom))
	assert [ws[f"{column}5"].value for column in "ACFIL"] == [
		"项目资金（万元）",
		"年初预算数",
		"1—7月执行数",
		"执行率",
		"全年预计执行数",
	]
	assert [ws[f"{column}6"].value for column in "CFL"] == [1234.56, 617.28, 1200]
	assert ws["C6"].number_format == "0.00" and ws["L6"].number_format == "0.00"
	assert [ws[f"{column}7"].value for column in "ACH"] == [
		"总体目标",
		"年度总体目标",
		"1—7月总体目标完成情况",
	]
	assert ws["H8"].value == "已完成70公里；\n雨季影响两段施工。" and ws["H8"].alignment.wrap_text
	assert ws["C6"].border.left.style == "thin" and ws["E6"].border.right.style == "thin"


def test_execution_rate_is_shown_as_a_percentage_and_read_as_a_percent_figure():
	ws = first_sheet(export_monitorings([make_monitoring(execution_rate=56.25)]))
	assert ws["I6"].value == pytest.approx(0.5625) and ws["I6"].number_format == "0.00%"
	for typed in (0.5625, "56.25%", "５６．２５％", "56.25"):
		found, errors = import_with(I6=typed)
		assert errors == [] and found[0]["execution_rate"] == 56.25


def test_grid_header_has_two_rows_with_deviation_reasons_under_one_merged_caption():
	ws = first_sheet(export_monitorings([make_monitoring()]))
	merged = {str(merged) for merged in ws.merged_cells.ranges}
	assert row_values(ws, 10) == GRID_HEADER
	assert row_values(ws, 11) == [None] * 7 + REASONS + [None, None]
	assert "H10:L10" in merged
	# Every caption outside the group spans both header rows.
	assert {f"{column}10:{column}11" for column in "ABCDEFGMN"} <= merged
	assert not any(f"{column}10:{column}11" in merged for column in "HIJKL")
	for cell in ("A10", "H10", "H11", "L11", "N10"):
		assert ws[cell].font.b and ws[cell].fill.fgColor.rgb.endswith("F2F2F2"), cell
	# Borders whole round the merged captions and the sub-captions.
	assert ws["H10"].border.left.style == ws["L10"].border.right.style == "thin"
	assert ws["A11"].border.bottom.style == ws["A11"].border.left.style == "thin"
	assert all(ws[f"{column}11"].border.top.style == "thin" for column in "HIJKL")
	assert ws.print_title_rows == "$10:$11"
	assert ws.column_dimensions["C"].width == 20 and ws.column_dimensions["M"].width == 20


def test_grid_caption_cells_follow_the_group():
	grid = MONITORING_FORM.grid
	assert (grid.top_row, grid.header_row, grid.first_row) == (10, 11, 12)
	assert [grid.caption_at(key) for key in ("level1", "likelihood", "reason_funding", "reason_other")] == [
		"A10",
		"G10",
		"H11",
		"L11",
	]
	assert [where for _, where in grid.group_ranges()] == ["H10:L10"]
	# A grid without groups keeps its one-row header.
	assert evaluation_form.EVALUATION_FORM.grid.caption_at("level1") == "A14"


def test_grid_shows_targets_progress_likelihood_reasons_and_measures():
	ws = first_sheet(export_monitorings([make_monitoring()]))
	assert {"A12:A15", "A16:A17"} <= {str(merged) for merged in ws.merged_cells.ranges}
	assert row_values(ws, 12, 7) == ["产出指标", "数量指标", "养护道路里程", "≥120公里", 70, 120, "确定能"]
	assert (ws["D13"].value, ws["D15"].value, ws["D19"].value) == ("=100%", "≤8.5万元/公里", "<9万元")
	assert row_values(ws, 14)[3:7] == ["定性：2026年11月底前", "部分达成：完成60%", None, "确定能"]
	assert row_values(ws, 16)[4:] == [
		"未达成",
		None,
		"完全不可能",
		"资金拨付滞后",
		"审批流程长",
		"人手不足",
		"设备老化",
		"雨季\n影响",
		"调整交通组织",
		"已上报",
	]
	assert row_values(ws, 18)[4:7] == [None, None, None]
	assert ws["E20"].value == "已达成：两次检查均达标"


@pytest.mark.parametrize("month", [1, 7, 12])
def test_month_captions_follow_the_period_end_month(month):
	ws = first_sheet(export_monitorings([make_monitoring(period_end_month=month)]))
	assert ws["A2"].value == f"（2026年1—{month}月）"
	assert (ws["F5"].value, ws["H7"].value, ws["E10"].value) == (
		f"1—{month}月执行数",
		f"1—{month}月总体目标完成情况",
		f"1—{month}月实际完成值",
	)
	assert monitoring_layout(month).header("executed_amount").caption == f"1—{month}月执行数"


# ---------------------------------------------------------------- the period and the month captions


@pytest.mark.parametrize(
	"typed",
	[
		"（2026年1—7月）",
		"(2026年1-7月)",
		"2026年1～7月",
		"2026年1至7月",
		"（ 2026 年 1—07 月 ）",
		"2026年7月",
	],
)
def test_period_line_is_read_however_it_is_typed(typed):
	found, errors = import_with(A2=typed)
	assert errors == []
	assert (found[0]["performance_year"], found[0]["period_end_month"]) == ("2026", 7)


def test_captions_naming_another_month_are_reported_where_they_are():
	found, errors = import_with(F5="1—9月执行数", E10="1-6月实际完成值")
	assert found == []
	assert [(where(error), error.args) for error in errors] == [
		((5, "F", monitoring_form.MONTHS_DIFFER), ("1—9月执行数", 7)),
		((10, "E", monitoring_form.MONTHS_DIFFER), ("1-6月实际完成值", 7)),
	]
	assert describe(errors[0]) == (
		"Sheet {0}, row {1}, column {2}: {3}",
		(
			"XM-2026-001",
			5,
			"F",
			"The caption 1—9月执行数 does not match the period under the title, months 1—7",
		),
	)


def test_any_month_in_the_captions_is_accepted_when_the_period_line_says_the_same():
	found, errors = import_with(
		A2="（2026年1—9月）", F5="1-9月执行数", H7="1～9月总体目标完成情况", E10="1—9月实际完成值"
	)
	assert errors == []
	assert found[0]["period_end_month"] == 9


def test_captions_with_the_blank_month_of_the_paper_form_are_accepted():
	found, errors = import_with(F5="1—  月执行数", H7="1—月总体目标完成情况")
	assert errors == [] and found[0]["period_end_month"] == 7


def test_errors_name_the_month_caption_as_the_sheet_writes_it():
	_, errors = import_with(F6="一半", E12="很多")
	assert [(where(error), error.args) for error in errors] == [
		((6, "F", NOT_A_NUMBER), ("1—7月执行数", "一半")),
		((12, "E", NOT_A_NUMBER), ("1—7月实际完成值", "很多")),
	]


def test_a_month_caption_that_is_not_one_is_the_wrong_template():
	error = only_error(import_with(F5="执行数")[1])
	assert where(error) == (5, "F", WRONG_TEMPLATE)
	assert error.args == ("项目支出绩效运行监控表", "F5", "1—7月执行数")


@pytest.mark.parametrize("month", [0, 13])
def test_month_outside_one_to_twelve_is_refused(month):
	found, errors = import_with(A2=f"（2026年1—{month}月）")
	error = only_error(errors)
	assert found == []
	assert where(error) == (2, "A", monitoring_form.MONTH_OUT_OF_RANGE)
	assert error.args == ("监控期间", month)


def test_period_line_that_is_not_a_period_is_refused():
	error = only_error(import_with(A2="（二〇二六年一至七月）")[1])
	assert where(error) == (2, "A", monitoring_form.NOT_A_PERIOD)
	assert error.args == ("监控期间", "（二〇二六年一至七月）")


@pytest.mark.parametrize(
	("typed", "missing"),
	[
		("（2026年1—  月）", ("监控截止月份",)),
		("（    年1—7月）", ("绩效年度",)),
		(None, ("绩效年度", "监控截止月份")),
	],
)
def test_missing_year_or_month_is_required(typed, missing):
	found, errors = import_with(A2=typed)
	assert found == []
	assert [(where(error), error.args) for error in errors] == [
		((2, "A", REQUIRED), (name,)) for name in missing
	]


# ---------------------------------------------------------------- likelihood and progress words


@pytest.mark.parametrize(
	("likelihood", "word", "aliases"),
	[
		("Certain", "确定能", ["确定", "Certain"]),
		("Possible", "有可能", ["可能", "possible"]),
		("Impossible", "完全不可能", ["不可能", "完全不可能完成"]),
	],
)
def test_likelihood_words_both_ways(likelihood, word, aliases):
	monitoring = make_monitoring()
	monitoring["indicators"][0]["likelihood"] = likelihood
	data = export_monitorings([monitoring])
	assert first_sheet(data)["G12"].value == word
	for typed in [word, *aliases]:
		found, errors = import_monitorings(edited(data, G12=typed))
		assert errors == [] and found[0]["indicators"][0]["likelihood"] == likelihood


def test_unknown_likelihood_word_is_refused():
	error = only_error(import_with(G13="大概吧")[1])
	assert where(error) == (13, "G", NOT_A_CHOICE)
	assert error.args == ("完成目标可能性", "确定能、有可能、完全不可能", "大概吧")


def test_likelihood_cells_offer_the_words_as_a_list():
	ws = first_sheet(export_monitorings([make_monitoring()]))
	lists = {str(validation.sqref): validation.formula1 for validation in ws.data_validations.dataValidation}
	assert lists["G12:G25"] == '"确定能,有可能,完全不可能"'


@pytest.mark.parametrize(
	("progress", "word"),
	[("Achieved", "已达成"), ("Partly", "部分达成"), ("Not Achieved", "未达成")],
)
def test_progress_words_both_ways(progress, word):
	indicator = {"operator": "Qualitative", "qualitative_progress": progress, "actual_text": None}
	assert format_progress(indicator) == word
	assert format_progress(indicator | {"actual_text": "说明"}) == f"{word}：说明"
	expected = {"actual_to_date": None, "actual_text": None, "qualitative_progress": progress}
	assert read_progress(word, "Qualitative", None) == expected
	assert read_progress(f" {word} ：说明：细节", "Qualitative", None) == expected | {
		"actual_text": "说明：细节"
	}
	assert read_progress(f"{word}\n说明", "Qualitative", None) == expected | {"actual_text": "说明"}
	assert read_progress(progress, "Qualitative", None) == expected


@pytest.mark.parametrize(
	("typed", "progress"),
	[
		("达成", "Achieved"),
		("达成年度指标", "Achieved"),
		("部分达成并具有一定效果", "Partly"),
		("未达成且效果较差", "Not Achieved"),
	],
)
def test_other_progress_words_are_accepted(typed, progress):
	assert read_progress(typed, "Qualitative", None)["qualitative_progress"] == progress


def test_progress_typed_in_the_form_is_read():
	found, errors = import_with(E14="已达成：提前完工")
	assert errors == []
	indicator = found[0]["indicators"][2]
	assert (indicator["qualitative_progress"], indicator["actual_text"]) == ("Achieved", "提前完工")


def test_unknown_progress_word_is_refused():
	error = only_error(import_with(E14="基本达成：还行")[1])
	assert where(error) == (14, "E", monitoring_form.PROGRESS_UNKNOWN)
	assert error.args == ("1—7月实际完成值", "基本达成：还行", "已达成、部分达成、未达成")


def test_quantitative_figures_may_carry_the_unit_of_the_target():
	found, errors = import_with(E12="70公里", F12="120 公里")
	assert errors == []
	indicator = found[0]["indicators"][0]
	assert (indicator["actual_to_date"], indicator["expected_completion"]) == (70.0, 120.0)
	assert read_progress("", ">=", "公里") == dict.fromkeys(
		("actual_to_date", "actual_text", "qualitative_progress")
	)


def test_figure_with_another_unit_is_refused():
	error = only_error(import_with(F12="120米")[1])
	assert where(error) == (12, "F", evaluation_form.ACTUAL_UNIT_DIFFERS)
	assert error.args == ("全年预计完成情况", "120米", "米", "公里")


def test_expected_completion_of_a_qualitative_indicator_is_blank():
	assert read_expected(None, "Qualitative", None) is None
	assert read_expected("/", "Qualitative", None) is None
	found, errors = import_with(F14="—")
	assert errors == [] and found[0]["indicators"][2]["expected_completion"] is None
	error = only_error(import_with(F14="预计按期完成")[1])
	assert where(error) == (14, "F", monitoring_form.EXPECTED_FOR_QUALITATIVE)
	assert error.args == ("全年预计完成情况", "预计按期完成", "完成目标可能性")


def test_target_with_text_after_the_operator_names_the_annual_target_column():
	error = only_error(import_with(D12="≥很多")[1])
	assert where(error) == (12, "D", goal_form.TARGET_NOT_A_NUMBER)
	assert error.args[0] == "年度指标值"


def test_indicator_rows_added_in_the_spare_rows_are_read():
	found, errors = import_with(
		A21="产出指标", B21="数量指标", C21="新增指标", D21="≥1个", E21="0个", H21="资金未到位"
	)
	assert errors == []
	assert found[0]["indicators"][-1] == _row(
		"Output", "Quantity", "新增指标", ">=", 1, "个", 0, None, None, reason_funding="资金未到位", row=21
	)


# ---------------------------------------------------------------- malformed uploads


@pytest.mark.parametrize(
	("cell", "typed", "expected"),
	[
		("C5", "预算数", "年初预算数"),
		("H10", "偏差原因", "偏差原因分析"),
		("I11", "制度", "制度保障"),
		("M10", "措施", "纠偏措施"),
	],
)
def test_changed_caption_is_the_wrong_template(cell, typed, expected):
	found, errors = import_with(**{cell: typed})
	error = only_error(errors)
	assert found == []
	assert where(error) == (int(cell[1:]), cell[0], WRONG_TEMPLATE)
	assert error.args == ("项目支出绩效运行监控表", cell, expected)


def test_random_sheet_read_as_the_form_is_the_wrong_template():
	ws = Workbook().active
	ws["A1"] = "随便什么"
	record, errors = read_monitoring(ws)
	assert record == {}
	assert only_error(errors).message == WRONG_TEMPLATE


def test_workbook_without_the_form_is_a_missing_sheet():
	# A self-evaluation form is an official form too, but not this one.
	found, errors = import_monitorings(evaluation_form.export_evaluations([]), "monitoring.xlsx")
	assert found == []
	error = only_error(errors)
	assert (error.sheet, error.message, error.args) == (
		None,
		upload.NO_FORM_SHEET,
		("项目支出绩效运行监控表",),
	)


def test_other_sheets_beside_the_form_are_ignored():
	workbook = load_workbook(io.BytesIO(export_monitorings([make_monitoring()])))
	workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	found, errors = import_monitorings(saved(workbook))
	assert errors == [] and len(found) == 1


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	found, errors = import_with(C6="一千万")
	error = only_error(errors)
	assert found == []
	assert (error.sheet, error.row, error.column, error.message) == ("XM-2026-001", 6, "C", NOT_A_NUMBER)
	assert error.args == ("年初预算数", "一千万")


def test_text_in_the_execution_rate_is_refused():
	error = only_error(import_with(I6="很高")[1])
	assert where(error) == (6, "I", evaluation_form.NOT_A_PERCENT)
	assert error.args == ("执行率", "很高")


def test_negative_amounts_and_rate_are_refused():
	found, errors = import_with(C6=-1, F6=-2, L6=-3, I6="-5%")
	assert found == []
	assert [where(error) for error in errors] == [
		(6, "C", NEGATIVE),
		(6, "F", NEGATIVE),
		(6, "I", NEGATIVE),
		(6, "L", NEGATIVE),
	]


def test_unknown_level_name_is_refused():
	error = only_error(import_with(A12="产量指标")[1])
	assert where(error) == (12, "A", NOT_A_CHOICE)
	assert error.args[0] == "一级指标"


def test_level_two_under_the_wrong_level_one_is_refused():
	error = only_error(import_with(B18="数量指标")[1])
	assert where(error) == (18, "B", goal_form.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("数量指标", "满意度指标")


def test_missing_indicator_name_and_target_are_required():
	found, errors = import_with(C13=None, D13=None)
	assert found == []
	assert [(where(error), error.args) for error in errors] == [
		((13, "C", REQUIRED), ("三级指标",)),
		((13, "D", REQUIRED), ("年度指标值",)),
	]


def test_indicator_rows_below_an_empty_row_are_not_silently_dropped():
	error = only_error(import_with(A23="产出指标", B23="数量指标", C23="新增指标")[1])
	assert (error.row, error.column, error.message, error.args) == (23, None, AFTER_EMPTY_ROW, (21,))


def test_every_error_of_a_file_is_reported_at_once():
	data = export_monitorings([make_monitoring("A-1"), make_monitoring("B-2", period_end_month=9)])
	workbook = load_workbook(io.BytesIO(data))
	workbook["A-1"]["C8"] = None
	workbook["B-2"]["A12"] = "未知"
	workbook["B-2"]["G12"] = "难说"
	workbook["B-2"]["E13"] = "abc"
	workbook["B-2"]["F5"] = "1—7月执行数"
	workbook["B-2"]["C6"] = "x"
	found, errors = import_monitorings(saved(workbook))
	assert found == []
	assert [(error.sheet, error.row, error.column, error.message) for error in errors] == [
		("A-1", 8, "C", REQUIRED),
		("B-2", 6, "C", NOT_A_NUMBER),
		("B-2", 12, "A", NOT_A_CHOICE),
		("B-2", 12, "G", NOT_A_CHOICE),
		("B-2", 5, "F", monitoring_form.MONTHS_DIFFER),
		("B-2", 13, "E", NOT_A_NUMBER),
	]


def test_non_excel_bytes_are_refused_clearly():
	found, errors = import_monitorings("项目名称,金额\n道路,100\n".encode(), "monitoring.xlsx")
	assert found == []
	assert only_error(errors).message == upload.NOT_XLSX


def test_old_xls_is_refused_clearly():
	found, errors = import_monitorings(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "monitoring.xls")
	assert found == [] and only_error(errors).message == upload.OLD_XLS


def test_message_keys_are_listed_once_with_the_engine_and_upload_ones():
	messages = monitoring_form.MESSAGES
	assert len(set(messages)) == len(messages)
	assert {
		monitoring_form.NOT_A_PERIOD,
		monitoring_form.MONTH_OUT_OF_RANGE,
		monitoring_form.MONTHS_DIFFER,
		monitoring_form.PROGRESS_UNKNOWN,
		monitoring_form.EXPECTED_FOR_QUALITATIVE,
		evaluation_form.NOT_A_PERCENT,
		evaluation_form.ACTUAL_UNIT_DIFFERS,
		upload.NO_FORM_SHEET,
		upload.OLD_XLS,
		REQUIRED,
	} <= set(messages)
