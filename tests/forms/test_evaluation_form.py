"""项目支出绩效自评表: export, import, round trips, the footer and every malformed upload."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from workbooks import cell_values, edited, first_sheet, only_error, saved, where, without_rows

from perf_budget.forms import evaluation_form, goal_form, upload
from perf_budget.forms.evaluation_form import (
	EVALUATION_FORM,
	export_evaluations,
	format_actual,
	import_evaluations,
	read_actual,
	read_evaluation,
)
from perf_budget.forms.layout import (
	AFTER_EMPTY_ROW,
	NEGATIVE,
	NOT_A_CHOICE,
	NOT_A_NUMBER,
	REQUIRED,
	WRONG_TEMPLATE,
	describe,
)

FIRST = EVALUATION_FORM.grid.first_row  # 15: the first indicator row
FOOTER = FIRST + 9 + EVALUATION_FORM.grid.spare_rows  # 29: 总分 row of make_evaluation()


def make_evaluation(code="XM-2026-001", **changes):
	evaluation = {
		"performance_year": "2026",
		"project_name": "城市道路养护项目",
		"project_code": code,
		"competent_department": "市交通运输局",
		"budget_unit": "市公路养护中心",
		"initial_fiscal": 1000.0,
		"initial_carryover": 200.0,
		"initial_other": 34.56,
		"initial_budget": 1234.56,
		"annual_fiscal": 1100.0,
		"annual_carryover": 200.0,
		"annual_other": 34.56,
		"annual_budget": 1334.56,
		"executed_fiscal": 1050.25,
		"executed_carryover": 180.0,
		"executed_other": 30.0,
		"executed_amount": 1260.25,
		"execution_weight": 10.0,
		"execution_rate": 94.43,
		"execution_score": 9.44,
		"execution_reason": None,
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"actual_completion": "完成125公里道路养护，优良率93%；\n两段返工已整改。",
		"total_score": 92.5,
		"grade": "Excellent",
		"indicators": [
			_row("Output", "Quantity", "养护道路里程", ">=", 120, None, "公里", 20, 125, 20),
			_row("Output", "Quality", "工程验收合格率", "=", 100, None, "%", 10, 98.5, 9.85, "两段返工"),
			_qualitative(
				"Output", "Timeliness", "完工时间", "2026年11月底前", 5, "Achieved", "11月20日完工", 5
			),
			_row("Output", "Cost", "每公里养护成本", "<=", 8.5, None, "万元/公里", 15, 8.2, 15),
			_qualitative(
				"Effect", "Social", "道路通行效率", "明显提升", 25, "Partly", None, 20, "高峰仍拥堵"
			),
			_row("Effect", "Sustainable", "路况优良率", ">=", 92, None, "%", 5, 93, 5),
			_row("Satisfaction", "Service Recipient", "市民满意度", ">=", 90, None, "%", 10, 88, 9.78),
			_row("Cost", "Economic Cost", "单位成本", "<", 9, None, "万元", 0, 8, 0),
			_qualitative(
				"Effect", "Ecological", "扬尘控制", "达标", 0, "Not Achieved", "两次超标：已整改", 0
			),
		],
	}
	evaluation.update(changes)
	return evaluation


def _row(level1, level2, name, operator, target, text, unit, weight, actual, score, deviation=None):
	return {
		"level1": level1,
		"level2": level2,
		"indicator_name": name,
		"operator": operator,
		"target_value": float(target),
		"target_text": text,
		"unit": unit,
		"weight": float(weight),
		"actual_value": float(actual),
		"actual_text": None,
		"qualitative_result": None,
		"score": float(score),
		"deviation_analysis": deviation,
	}


def _qualitative(level1, level2, name, target_text, weight, result, actual_text, score, deviation=None):
	return {
		"level1": level1,
		"level2": level2,
		"indicator_name": name,
		"operator": "Qualitative",
		"target_value": None,
		"target_text": target_text,
		"unit": None,
		"weight": float(weight),
		"actual_value": None,
		"actual_text": actual_text,
		"qualitative_result": result,
		"score": float(score),
		"deviation_analysis": deviation,
	}


def import_with(**cells):
	return import_evaluations(edited(export_evaluations([make_evaluation()]), **cells), "evaluation.xlsx")


# ---------------------------------------------------------------- round trips


def test_one_evaluation_round_trips():
	evaluation = make_evaluation()
	found, errors = import_evaluations(export_evaluations([evaluation]), "evaluation.xlsx")
	assert errors == []
	assert [without_rows(item) for item in found] == [evaluation]
	assert found[0]["sheet"] == "XM-2026-001"


def test_several_evaluations_round_trip_one_sheet_each():
	evaluations = [
		make_evaluation("A-1"),
		make_evaluation("B-2", grade="Fair", total_score=65.0, execution_reason="资金拨付滞后，\n已督促。"),
		make_evaluation("A-1", indicators=[], grade=None, total_score=None),
	]
	data = export_evaluations(evaluations)
	assert load_workbook(io.BytesIO(data)).sheetnames == ["A-1", "B-2", "A-1(2)"]
	found, errors = import_evaluations(data)
	assert errors == []
	assert [without_rows(item) for item in found] == evaluations
	assert [item["sheet"] for item in found] == ["A-1", "B-2", "A-1(2)"]


def test_export_import_export_gives_the_same_cells():
	data = export_evaluations([make_evaluation("A-1"), make_evaluation("B-2", grade="Good")])
	found, errors = import_evaluations(data)
	assert errors == []
	assert cell_values(export_evaluations(found)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	found, _ = import_evaluations(export_evaluations([make_evaluation()]))
	assert [indicator["row"] for indicator in found[0]["indicators"]] == list(range(FIRST, FIRST + 9))


def test_no_evaluations_exports_a_blank_form_that_reads_back_as_missing_values():
	data = export_evaluations([])
	assert first_sheet(data).title == "自评1"
	assert first_sheet(data)["A2"].value == "（    年度）"
	found, errors = import_evaluations(data)
	assert found == []
	assert all(error.message == REQUIRED for error in errors)
	assert {(error.row, error.column) for error in errors} >= {(2, "A"), (3, "C"), (6, "D"), (12, "C")}


def test_imported_scores_are_the_files_own_not_recomputed():
	# 得分 above what the formula gives and a grade that does not fit 总分: read as written.
	found, errors = import_with(G15=20, H6=3, D29=50, H29="优")
	assert errors == []
	assert found[0]["indicators"][0]["score"] == 20.0
	assert (found[0]["execution_score"], found[0]["total_score"], found[0]["grade"]) == (
		3.0,
		50.0,
		"Excellent",
	)


# ---------------------------------------------------------------- looks like the printed form


def test_form_has_merged_bold_title_borders_and_the_money_block():
	ws = first_sheet(export_evaluations([make_evaluation()]))
	merged = {str(merged) for merged in ws.merged_cells.ranges}
	assert {"A1:H1", "A2:H2", "A3:B3", "C3:E3", "A5:B5", "A11:B12", "C12:E12", "F12:H12"} <= merged
	assert ws["A1"].value == "项目支出绩效自评表" and ws["A1"].font.b
	assert ws["A2"].value == "（2026年度）"
	assert all(side is None or side.style is None for side in (ws["A2"].border.left, ws["H2"].border.bottom))
	assert [ws.cell(5, column).value for column in range(1, 9)] == [
		"项目资金（万元）",
		None,
		"年初预算数",
		"全年预算数",
		"全年执行数",
		"分值",
		"执行率",
		"得分",
	]
	assert [ws[f"A{row}"].value for row in range(6, 10)] == [
		"年度资金总额",
		"其中：本年财政拨款",
		"上年结转资金",
		"其他资金",
	]
	assert (ws["C6"].value, ws["D7"].value, ws["E9"].value) == (1234.56, 1100, 30)
	assert ws["C6"].number_format == "0.00"
	# Merged ranges are bordered all round, and so are the empty cells beside the 其中 rows.
	assert ws["C3"].border.left.style == "thin" and ws["E3"].border.right.style == "thin"
	assert ws["H8"].border.right.style == "thin" and ws["F9"].value is None
	assert ws["A10"].value == "执行率低于90%原因" and ws["C12"].alignment.wrap_text
	assert [ws.cell(14, column).value for column in range(1, 9)] == [
		"一级指标",
		"二级指标",
		"三级指标",
		"年度指标值",
		"实际完成值",
		"分值",
		"得分",
		"偏差原因分析及改进措施",
	]
	assert ws.column_dimensions["C"].width == 30 and ws.column_dimensions["H"].width == 36


def test_execution_rate_is_shown_as_a_percentage():
	ws = first_sheet(export_evaluations([make_evaluation(execution_rate=93.5)]))
	assert ws["G6"].value == pytest.approx(0.935) and ws["G6"].number_format == "0.00%"


@pytest.mark.parametrize(
	("typed", "stored"),
	[
		(0.935, 93.5),
		("93.5%", 93.5),
		("93.50 %", 93.5),
		("９３．５％", 93.5),
		("93.5", 93.5),
		(1.0456, 104.56),
	],
)
def test_execution_rate_is_read_as_a_percent_figure(typed, stored):
	found, errors = import_with(G6=typed)
	assert errors == []
	assert found[0]["execution_rate"] == stored


def test_execution_rate_that_is_not_a_percentage_is_refused():
	error = only_error(import_with(G6="很高")[1])
	assert where(error) == (6, "G", evaluation_form.NOT_A_PERCENT)
	assert error.args == ("执行率（年度资金总额）", "很高")
	assert where(only_error(import_with(G6="-5%")[1])) == (6, "G", NEGATIVE)


def test_grid_shows_targets_with_units_and_actuals_with_result_words():
	ws = first_sheet(export_evaluations([make_evaluation()]))
	assert {"A15:A18", "A19:A20"} <= {str(merged) for merged in ws.merged_cells.ranges}
	assert [ws.cell(15, column).value for column in range(1, 8)] == [
		"产出指标",
		"数量指标",
		"养护道路里程",
		"≥120公里",
		125,
		20,
		20,
	]
	assert (ws["D16"].value, ws["D18"].value, ws["D22"].value) == ("=100%", "≤8.5万元/公里", "<9万元")
	assert (ws["D17"].value, ws["E17"].value) == ("定性：2026年11月底前", "达成年度指标：11月20日完工")
	assert ws["E19"].value == "部分达成并具有一定效果"
	assert ws["E23"].value == "未达成且效果较差：两次超标：已整改"
	assert ws["H19"].value == "高峰仍拥堵"


# ---------------------------------------------------------------- the 总分 footer


def test_footer_row_holds_total_and_grade_below_the_spare_rows():
	ws = first_sheet(export_evaluations([make_evaluation()]))
	assert [ws[f"{column}{FOOTER}"].value for column in "ADFH"] == ["总分", 92.5, "评价等级", "优"]
	assert {f"A{FOOTER}:C{FOOTER}", f"D{FOOTER}:E{FOOTER}", f"F{FOOTER}:G{FOOTER}"} <= {
		str(merged) for merged in ws.merged_cells.ranges
	}
	assert all(ws.cell(row, 1).value is None for row in range(FIRST + 9, FOOTER))


def test_footer_is_read_and_ends_the_indicator_grid():
	found, errors = import_with(D29=78.25, H29="良好", A30="填报人：李四", B30="x")
	assert errors == []
	assert (found[0]["total_score"], found[0]["grade"]) == (78.25, "Good")
	assert len(found[0]["indicators"]) == 9


def test_footer_right_below_the_last_indicator_is_found():
	found, errors = import_with(A24="总分", D24=88, F24="评价等级", H24="中")
	assert errors == []
	assert (found[0]["total_score"], found[0]["grade"]) == (88.0, "Fair")
	assert len(found[0]["indicators"]) == 9


def test_indicator_rows_added_in_the_spare_rows_are_read_before_the_footer():
	found, errors = import_with(A24="产出指标", B24="数量指标", C24="新增指标", D24="≥1个", E24="2个", F24=0)
	assert errors == []
	assert found[0]["indicators"][-1] | {"row": None} == {
		"level1": "Output",
		"level2": "Quantity",
		"indicator_name": "新增指标",
		"operator": ">=",
		"target_value": 1.0,
		"target_text": None,
		"unit": "个",
		"weight": 0.0,
		"actual_value": 2.0,
		"actual_text": None,
		"qualitative_result": None,
		"score": None,
		"deviation_analysis": None,
		"row": None,
	}


def test_missing_footer_row_is_reported_for_the_sheet():
	found, errors = import_with(A29=None, D29=None, F29=None, H29=None)
	error = only_error(errors)
	assert found == []
	assert (error.sheet, error.row, error.column, error.message, error.args) == (
		"XM-2026-001",
		None,
		None,
		REQUIRED,
		("总分",),
	)
	assert describe(error) == ("Sheet {0}: {1}", ("XM-2026-001", "总分 is required"))


def test_changed_footer_caption_is_the_wrong_template():
	error = only_error(import_with(F29="等级")[1])
	assert where(error) == (29, "F", WRONG_TEMPLATE)
	assert error.args == ("项目支出绩效自评表", "F29", "评价等级")


def test_unknown_grade_word_is_refused():
	error = only_error(import_with(H29="极好")[1])
	assert where(error) == (29, "H", NOT_A_CHOICE)
	assert error.args == ("评价等级", "优、良、中、差", "极好")


def test_text_in_the_total_score_is_refused():
	assert where(only_error(import_with(D29="九十二")[1])) == (29, "D", NOT_A_NUMBER)


# ---------------------------------------------------------------- 年度指标值 and 实际完成值


@pytest.mark.parametrize(
	("result", "word"),
	[
		("Achieved", "达成年度指标"),
		("Partly", "部分达成并具有一定效果"),
		("Not Achieved", "未达成且效果较差"),
	],
)
def test_qualitative_result_words_both_ways(result, word):
	indicator = {"operator": "Qualitative", "qualitative_result": result, "actual_text": None}
	assert format_actual(indicator) == word
	assert format_actual(indicator | {"actual_text": "说明"}) == f"{word}：说明"
	expected = {"actual_value": None, "actual_text": None, "qualitative_result": result}
	assert read_actual(word, "Qualitative", None) == expected
	assert read_actual(f" {word} ：说明：细节", "Qualitative", None) == expected | {
		"actual_text": "说明：细节"
	}
	assert read_actual(f"{word}:说明", "Qualitative", None) == expected | {"actual_text": "说明"}
	assert read_actual(f"{word}\n说明", "Qualitative", None) == expected | {"actual_text": "说明"}
	assert read_actual(result, "Qualitative", None) == expected


@pytest.mark.parametrize(
	("typed", "result"),
	[("达成", "Achieved"), ("已达成", "Achieved"), ("部分达成", "Partly"), ("未达成", "Not Achieved")],
)
def test_short_result_words_are_accepted(typed, result):
	assert read_actual(typed, "Qualitative", None)["qualitative_result"] == result


@pytest.mark.parametrize(
	("typed", "unit", "value"),
	[
		(125, "公里", 125.0),
		("125", "公里", 125.0),
		("125公里", "公里", 125.0),
		("1,234.5 人次", "人次", 1234.5),
	],
)
def test_quantitative_actual_is_a_number_with_an_optional_unit(typed, unit, value):
	assert read_actual(typed, ">=", unit) == {
		"actual_value": value,
		"actual_text": None,
		"qualitative_result": None,
	}


def test_blank_actual_reads_as_nothing_entered():
	found, errors = import_with(E15=None, E17=None)
	assert errors == []
	first, third = found[0]["indicators"][0], found[0]["indicators"][2]
	assert first["actual_value"] is None
	assert (third["qualitative_result"], third["actual_text"]) == (None, None)


def test_qualitative_result_typed_in_the_form_is_read():
	found, errors = import_with(E19="未达成：高峰仍拥堵", D19="有效缓解拥堵")
	assert errors == []
	indicator = found[0]["indicators"][4]
	assert (indicator["operator"], indicator["target_text"]) == ("Qualitative", "有效缓解拥堵")
	assert (indicator["qualitative_result"], indicator["actual_text"]) == ("Not Achieved", "高峰仍拥堵")


def test_unknown_qualitative_result_word_is_refused():
	goals, errors = import_with(E19="基本达成：还行")
	error = only_error(errors)
	assert goals == []
	assert where(error) == (19, "E", evaluation_form.RESULT_UNKNOWN)
	assert error.args == (
		"实际完成值",
		"基本达成：还行",
		"达成年度指标、部分达成并具有一定效果、未达成且效果较差",
	)


def test_actual_with_another_unit_is_refused():
	error = only_error(import_with(E15="125米")[1])
	assert where(error) == (15, "E", evaluation_form.ACTUAL_UNIT_DIFFERS)
	assert error.args == ("实际完成值", "125米", "米", "公里")


def test_text_in_a_quantitative_actual_is_refused():
	error = only_error(import_with(E16="基本合格")[1])
	assert where(error) == (16, "E", NOT_A_NUMBER)
	assert error.args == ("实际完成值", "基本合格")


def test_target_with_text_after_the_operator_names_the_annual_target_column():
	error = only_error(import_with(D15="≥很多")[1])
	assert where(error) == (15, "D", goal_form.TARGET_NOT_A_NUMBER)
	assert error.args[0] == "年度指标值"


# ---------------------------------------------------------------- malformed uploads


def test_changed_caption_is_the_wrong_template():
	found, errors = import_with(C5="预算数")
	error = only_error(errors)
	assert found == []
	assert where(error) == (5, "C", WRONG_TEMPLATE)
	assert error.args == ("项目支出绩效自评表", "C5", "年初预算数")


def test_random_sheet_read_as_the_form_is_the_wrong_template():
	ws = Workbook().active
	ws["A1"] = "随便什么"
	record, errors = read_evaluation(ws)
	assert record == {}
	assert only_error(errors).message == WRONG_TEMPLATE


def test_workbook_without_the_form_is_a_missing_sheet():
	# A goal form is an official form too, but not this one.
	found, errors = import_evaluations(goal_form.export_goals([]), "evaluation.xlsx")
	assert found == []
	error = only_error(errors)
	assert (error.sheet, error.message, error.args) == (
		None,
		upload.NO_FORM_SHEET,
		("项目支出绩效自评表",),
	)


def test_other_sheets_beside_the_form_are_ignored():
	workbook = load_workbook(io.BytesIO(export_evaluations([make_evaluation()])))
	workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	found, errors = import_evaluations(saved(workbook))
	assert errors == [] and len(found) == 1


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	found, errors = import_with(D7="一千万")
	error = only_error(errors)
	assert found == []
	assert (error.sheet, error.row, error.column, error.message) == ("XM-2026-001", 7, "D", NOT_A_NUMBER)
	assert error.args == ("全年预算数（本年财政拨款）", "一千万")


def test_text_in_a_score_cell_names_its_row():
	assert where(only_error(import_with(G18="满分")[1])) == (18, "G", NOT_A_NUMBER)


def test_negative_amounts_weights_and_scores_are_refused():
	found, errors = import_with(E8=-10, F16=-1, G17=-2, H6=-1)
	assert found == []
	assert {where(error) for error in errors} == {
		(8, "E", NEGATIVE),
		(16, "F", NEGATIVE),
		(17, "G", NEGATIVE),
		(6, "H", NEGATIVE),
	}


@pytest.mark.parametrize(
	("cells", "at", "args"),
	[
		({"C6": 1300}, "C", ("年初预算数（年度资金总额）", "1300.00", "1234.56")),
		({"D8": 150}, "D", ("全年预算数（年度资金总额）", "1334.56", "1284.56")),
		({"E9": None}, "E", ("全年执行数（年度资金总额）", "1260.25", "1230.25")),
	],
	ids=["total changed", "part changed", "blank part is none"],
)
def test_each_total_must_equal_the_sum_of_its_parts(cells, at, args):
	error = only_error(import_with(**cells)[1])
	assert where(error) == (6, at, evaluation_form.PARTS_MISMATCH)
	assert error.args == args


def test_total_within_half_a_cent_of_wan_yuan_is_accepted():
	found, errors = import_with(C7=1000.004)
	assert errors == [] and found[0]["initial_fiscal"] == 1000.0


def test_unknown_level_name_is_refused():
	assert where(only_error(import_with(A15="产量指标")[1])) == (15, "A", NOT_A_CHOICE)


def test_level_two_under_the_wrong_level_one_is_refused():
	error = only_error(import_with(B21="数量指标")[1])
	assert where(error) == (21, "B", goal_form.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("数量指标", "满意度指标")


def test_missing_year_and_annual_goal_are_refused():
	found, errors = import_with(A2="（ 年度）", C12=None)
	assert found == []
	assert [(error.row, error.column, error.message, error.args) for error in errors] == [
		(2, "A", REQUIRED, ("绩效年度",)),
		(12, "C", REQUIRED, ("预期目标（年度总体目标）",)),
	]


@pytest.mark.parametrize("typed", ["（2026年度）", "(2026年度)", "2026年度", "2026", 2026, "（ 2026 年度 ）"])
def test_year_line_is_read_however_it_is_typed(typed):
	found, errors = import_with(A2=typed)
	assert errors == [] and found[0]["performance_year"] == "2026"


def test_year_line_that_is_not_a_year_is_refused():
	error = only_error(import_with(A2="（二〇二六年度）")[1])
	assert (error.row, error.column, error.args) == (2, "A", ("绩效年度", "（二〇二六年度）"))


def test_indicator_rows_below_an_empty_row_are_not_silently_dropped():
	error = only_error(import_with(A26="产出指标", B26="数量指标", C26="新增指标")[1])
	assert (error.row, error.column, error.message, error.args) == (26, None, AFTER_EMPTY_ROW, (24,))


def test_every_error_of_a_file_is_reported_at_once():
	workbook = load_workbook(io.BytesIO(export_evaluations([make_evaluation("A-1"), make_evaluation("B-2")])))
	workbook["A-1"]["C12"] = None
	workbook["B-2"]["A15"] = "未知"
	workbook["B-2"]["G15"] = "abc"
	workbook["B-2"]["H29"] = "?"
	workbook["B-2"]["C6"] = 1
	found, errors = import_evaluations(saved(workbook))
	assert found == []
	assert [(error.sheet, error.row, error.column) for error in errors] == [
		("A-1", 12, "C"),
		("B-2", 15, "A"),
		("B-2", 15, "G"),
		("B-2", 29, "H"),
		("B-2", 6, "C"),
	]


def test_non_excel_bytes_are_refused_clearly():
	found, errors = import_evaluations("项目名称,金额\n道路,100\n".encode(), "evaluation.xlsx")
	assert found == []
	assert only_error(errors).message == upload.NOT_XLSX


def test_message_keys_are_listed_once_with_the_engine_and_upload_ones():
	assert len(set(evaluation_form.MESSAGES)) == len(evaluation_form.MESSAGES)
	assert {
		evaluation_form.NOT_A_PERCENT,
		evaluation_form.PARTS_MISMATCH,
		evaluation_form.ACTUAL_UNIT_DIFFERS,
		evaluation_form.RESULT_UNKNOWN,
		upload.NO_FORM_SHEET,
		upload.OLD_XLS,
		REQUIRED,
	} <= set(evaluation_form.MESSAGES)
