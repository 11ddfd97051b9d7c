"""项目支出绩效自评表 (财预〔2020〕10号 附1): the printed layout, export → import round trips,
the 总分 row, qualitative results, execution rates and every malformed upload.

Workbooks are the export of ``evaluation_record()`` edited by caption (``Form``);
hand-typed workbooks are tests/excel/handmade/.
"""

import pytest
from openpyxl import Workbook
from workbooks import (
	Form,
	at,
	cell_values,
	evaluation_indicator,
	evaluation_record,
	first_sheet,
	letter,
	merges,
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
from perf_budget.excel import vocabulary as words
from perf_budget.excel.evaluation_form import export_evaluations, format_actual
from perf_budget.excel.layout import NEGATIVE, NOT_A_CHOICE, NOT_A_NUMBER, REQUIRED, FormError, describe

TITLE = "项目支出绩效自评表"
RESULTS = ["达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"]


def exported(**changes) -> bytes:
	return export_evaluations([evaluation_record(**changes)])


def form(**changes) -> Form:
	return Form(exported(**changes))


def read_evaluations(data: bytes, synonyms=None):
	return read_form("evaluation", data, "evaluation.xlsx", synonyms)


def accepted(data: bytes, synonyms=None) -> dict:
	records, errors = read_evaluations(data, synonyms)
	assert errors == []
	assert len(records) == 1
	return records[0]


def refused(data: bytes, synonyms=None) -> list[FormError]:
	records, errors = read_evaluations(data, synonyms)
	assert records == []
	assert errors
	return errors


def indicator(record: dict, name: str) -> dict:
	return next(row for row in record["indicators"] if row["indicator_name"] == name)


def total(sheet: Form, caption: str) -> tuple[int, int]:
	"""The 总分 row's cell under the indicator table's 分值 or 得分."""
	return sheet.row_of("总分"), sheet.header_column(caption)


# ---------------------------------------------------------------- the printed form


def test_the_form_prints_the_captions_of_the_10_attachment_in_order():
	ws = first_sheet(exported())
	columns = range(1, print_area(ws)[2] + 1)
	assert [texts(ws, row, columns) for row in range(1, 13)] == [
		[TITLE],
		["（2025年度）"],
		["项目名称", "城市道路养护项目"],
		["主管部门", "市交通运输局", "实施单位", "市公路养护中心"],
		["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
		["年度资金总额", 1234.56, 1334.56, 1260.25, 10, 0.9443, 9.44],
		["其中：当年财政拨款", 1000, 1100, 1050.25, "—", "—", "—"],
		["上年结转资金", 200, 200, 180, "—", "—", "—"],
		["其他资金", 34.56, 34.56, 30, "—", "—", "—"],
		["年度总体目标", "预期目标", "实际完成情况"],
		["完成120公里道路养护，优良率≥92%。", "完成125公里道路养护，优良率93%；\n两段返工已整改。"],
		[
			"绩效指标",
			"一级指标",
			"二级指标",
			"三级指标",
			"年度指标值",
			"实际完成值",
			"分值",
			"得分",
			"偏差原因分析及改进措施",
		],
	]


def test_the_indicator_rows_and_the_total_row_with_100_under_the_weights():
	sheet = form()
	ws = sheet.ws
	columns = range(1, print_area(ws)[2] + 1)
	first = sheet.row_of("一级指标") + 1
	assert [texts(ws, row, columns) for row in range(first, first + 10)] == [
		["产出指标", "数量指标", "养护道路里程", "≥120公里", "125公里", 20, 20],
		["质量指标", "工程验收合格率", "=100%", "98.5%", 10, 9.85, "两段返工"],
		["时效指标", "完工时间", "定性：2025年11月底前", "达成年度指标：11月20日完工", 5, 5],
		["成本指标", "每公里养护成本", "≤8.5万元/公里", "8.2万元/公里", 15, 15],
		[
			"效益指标",
			"社会效益指标",
			"道路通行效率",
			"定性：明显提升",
			"部分达成年度指标并具有一定效果",
			25,
			19.37,
			"高峰仍拥堵",
		],
		["生态效益指标", "扬尘控制", "定性：达标", "未达成年度指标且效果较差：两次超标：已整改", 0, 0],
		["可持续影响指标", "路况优良率", "≥92%", "93%", 5, 5],
		["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "88%", 10, 9.78],
		["成本指标", "经济成本指标", "单位成本", "<9万元", "8万元", 0, 0],
		["总分", 100, 93.44],
	]


def test_the_blank_form_prints_100_under_the_weights_of_its_total_row():
	sheet = Form(export_evaluations([]))
	assert sheet.value(total(sheet, "分值")) == 100
	assert sheet.value(total(sheet, "得分")) is None
	assert sheet.value(sheet.below(TITLE)) == "（    年度）"


def test_vertical_labels_and_merges_follow_the_printed_form():
	sheet = form()
	assert {"A1:I1", "A2:I2", "A5:A9", "A10:A11", "A12:A21", "A22:F22", "B13:B16", "B17:B19"} <= merges(
		sheet.ws
	)
	money = sheet.box(sheet.find("项目资金（万元）"))
	assert (money[0], money[2]) == (sheet.row_of("年初预算数"), sheet.row_of("其他资金"))
	indicators = sheet.box(sheet.find("绩效指标"))
	assert (indicators[0], indicators[2]) == (sheet.row_of("一级指标"), sheet.row_of("单位成本"))
	assert sheet.ws["A1"].font.b


def test_execution_rate_is_shown_as_a_percentage_and_amounts_with_two_decimals():
	sheet = form(execution_rate=93.5)
	rate = sheet.ws.cell(*sheet.at("年度资金总额", "执行率"))
	assert (rate.value, rate.number_format) == (0.935, "0.00%")
	amount = sheet.ws.cell(*sheet.at("其中：当年财政拨款", "全年执行数"))
	assert (amount.value, amount.number_format) == (1050.25, "0.00")


def test_print_area_covers_only_the_official_columns():
	sheet = form()
	ws = sheet.ws
	assert print_area(ws) == (1, 1, 9, sheet.row_of("总分"))
	assert ws.print_title_rows == "${0}:${0}".format(sheet.row_of("一级指标"))
	extras = {
		"绩效年度": 2025,
		"项目编码": "XM-2025-001",
		"评价等级": "优",
		"执行率低于90%原因": None,
		"记录编号": "PE-2025-00001",
		"导出时版本": "2026-02-10 16:00:00.000000",
	}
	assert [sheet.find(caption)[1] > 9 for caption in extras] == [True] * len(extras)
	assert {caption: sheet.value(sheet.right_of(caption)) for caption in extras} == extras


def test_no_evaluations_exports_the_blank_form_that_reads_back_as_missing_values():
	data = export_evaluations([])
	sheet = Form(data)
	assert sheet.ws.title == "自评1"
	errors = refused(data)
	money = [sheet.at("年度资金总额", caption) for caption in ("年初预算数", "全年预算数", "全年执行数")]
	assert [(where(error), error.args) for error in errors] == [
		((1, "A", official.YEAR_MISSING), ()),
		(at(sheet.right_of("项目名称"), REQUIRED), ("项目名称",)),
		(at(sheet.right_of("实施单位"), REQUIRED), ("实施单位",)),
		(at(money[0], REQUIRED), ("年初预算数（年度资金总额）",)),
		(at(money[1], REQUIRED), ("全年预算数（年度资金总额）",)),
		(at(money[2], REQUIRED), ("全年执行数（年度资金总额）",)),
		(at(sheet.below("预期目标"), REQUIRED), ("预期目标",)),
	]


# ---------------------------------------------------------------- round trips


def test_one_evaluation_round_trips():
	evaluation = evaluation_record()
	found = accepted(export_evaluations([evaluation]))
	assert found["sheet"] == "XM-2025-001"
	assert without_rows(found) == evaluation


def test_several_evaluations_round_trip_one_sheet_each():
	evaluations = [
		evaluation_record("A-1"),
		evaluation_record(
			"B-2",
			grade="Fair",
			execution_reason="资金拨付滞后，\n已督促。",
			execution_rate=94.43,
		),
		evaluation_record("A-1", grade=None, execution_score=None, total_score=None),
	]
	data = export_evaluations(evaluations)
	assert opened(data).sheetnames == ["A-1", "B-2", "A-1(2)"]
	found, errors = read_evaluations(data)
	assert errors == []
	assert [item["sheet"] for item in found] == ["A-1", "B-2", "A-1(2)"]
	assert [without_rows(item) for item in found] == evaluations


def test_an_evaluation_without_indicators_round_trips():
	# A record whose indicators are not entered yet: 总分 under 分值 is its execution weight alone.
	evaluation = evaluation_record(indicators=[], grade=None, total_score=None)
	assert without_rows(accepted(export_evaluations([evaluation]))) == evaluation


def test_export_import_export_gives_the_same_cells():
	data = export_evaluations([evaluation_record("A-1"), evaluation_record("B-2", grade="Good")])
	found, errors = read_evaluations(data)
	assert errors == []
	assert cell_values(export_evaluations(found)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	sheet = form()
	first = sheet.row_of("一级指标") + 1
	assert [row["row"] for row in accepted(sheet.data())["indicators"]] == list(range(first, first + 9))


def test_imported_scores_are_the_files_own_not_recomputed():
	# 得分 above what the rules give and a grade that does not fit 总分: read as written, the sums checked.
	sheet = form()
	sheet.set(sheet.indicator("市民满意度", "得分"), 10)
	sheet.set(sheet.at("年度资金总额", "得分"), 3)
	sheet.set(total(sheet, "得分"), 87.22)
	sheet.set(sheet.right_of("评价等级"), "差")
	found = accepted(sheet.data())
	assert indicator(found, "市民满意度")["score"] == 10.0
	assert (found["execution_score"], found["total_score"], found["grade"]) == (3.0, 87.22, "Poor")


# ---------------------------------------------------------------- the execution rate


@pytest.mark.parametrize(
	("typed", "number_format"),
	[
		(0.9443, None),
		("94.43%", None),
		("94.43 %", None),
		("９４．４３％", None),
		("94.43", None),
		(94.43, "General"),
		(0.9443, "General"),
	],
)
def test_execution_rate_is_read_as_a_percent_figure(typed, number_format):
	sheet = form()
	sheet.set(sheet.at("年度资金总额", "执行率"), typed, number_format)
	assert accepted(sheet.data())["execution_rate"] == 94.43


def test_execution_rate_typed_into_the_percentage_cell_as_a_figure_is_above_100_percent():
	# 94.43 in a 0.00% cell shows as 9443.00%: reported, never stored.
	sheet = form()
	rate = sheet.at("年度资金总额", "执行率")
	sheet.set(rate, 94.43)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, evaluation_form.RATE_ABOVE_100)
	assert error.args == ("执行率（年度资金总额）", "9443.00")


def test_execution_rate_far_from_the_amounts_is_reported():
	sheet = form()
	rate = sheet.at("年度资金总额", "执行率")
	sheet.set(rate, "93%")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, evaluation_form.RATE_MISMATCH)
	assert error.args == ("执行率（年度资金总额）", "93.00", "94.43")


def test_execution_rate_within_half_a_point_of_the_amounts_is_kept_as_typed():
	sheet = form()
	sheet.set(sheet.at("年度资金总额", "执行率"), "94%")
	assert accepted(sheet.data())["execution_rate"] == 94.0


def test_execution_rate_that_is_not_a_percentage_is_refused():
	sheet = form()
	rate = sheet.at("年度资金总额", "执行率")
	sheet.set(rate, "很高")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(rate, read.NOT_A_PERCENT)
	assert error.args == ("执行率（年度资金总额）", "很高")
	sheet.set(rate, "-5%")
	assert where(only_error(refused(sheet.data()))) == at(rate, NEGATIVE)


def test_execution_reason_is_read_when_its_caption_is_there():
	sheet = form()
	sheet.set(sheet.right_of("执行率低于90%原因"), "资金拨付滞后")
	found = accepted(sheet.data())
	assert found["execution_reason"] == "资金拨付滞后"
	assert "execution_reason" in found["extras_found"]


# ---------------------------------------------------------------- the 总分 row


def test_total_row_ends_the_table_and_a_signature_line_is_no_indicator():
	sheet = form()
	sheet.set((sheet.row_of("总分") + 1, 1), "填报人：李四")
	sheet.set((sheet.row_of("总分") + 2, 1), "联系电话：0571-88888888")
	assert len(accepted(sheet.data())["indicators"]) == 9


def test_a_total_row_called_heji_is_the_total_row():
	sheet = form()
	sheet.replace("总分", "合计")
	found = accepted(sheet.data())
	assert (found["total_score"], len(found["indicators"])) == (93.44, 9)


def test_a_form_without_its_total_row_is_read_without_a_total():
	sheet = form()
	sheet.clear_row(sheet.row_of("总分"))
	found = accepted(sheet.data())
	assert (found["total_score"], len(found["indicators"])) == (None, 9)


def test_total_score_that_is_not_the_sum_is_reported():
	sheet = form()
	cell = total(sheet, "得分")
	sheet.set(cell, 92)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, evaluation_form.NOT_THE_SUM)
	assert error.args == ("总分（得分）", "92", "93.44")


def test_total_weight_that_is_not_100_as_the_weights_add_up_is_reported():
	sheet = form()
	cell = total(sheet, "分值")
	sheet.set(cell, 90)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, evaluation_form.NOT_THE_SUM)
	assert error.args == ("总分（分值）", "90", "100")


def test_text_in_the_total_score_is_refused():
	sheet = form()
	cell = total(sheet, "得分")
	sheet.set(cell, "九十二")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, read.NOT_A_SCORE), ("总分（得分）", "九十二"))


def test_scores_typed_with_fen_are_read():
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "分值"), "20分")
	sheet.set(sheet.indicator("养护道路里程", "得分"), "20 分")
	sheet.set(total(sheet, "得分"), "93.44分")
	found = accepted(sheet.data())
	assert (indicator(found, "养护道路里程")["weight"], found["total_score"]) == (20.0, 93.44)


def test_indicator_rows_inserted_above_the_total_are_read():
	sheet = form()
	row = sheet.row_of("总分")
	sheet.insert_row(row)
	for caption, value in (
		("一级指标", "产出指标"),
		("二级指标", "数量指标"),
		("三级指标", "新增指标"),
		("年度指标值", "≥1个"),
		("实际完成值", "2个"),
		("分值", 0),
	):
		sheet.set((row, sheet.header_column(caption)), value)
	found = accepted(sheet.data())
	assert found["indicators"][-1] == evaluation_indicator(
		level1="Output",
		level2="Quantity",
		indicator_name="新增指标",
		operator=">=",
		target_value=1.0,
		unit="个",
		weight=0.0,
		actual_value=2.0,
		row=row,
	)
	assert found["total_score"] == 93.44


def test_a_blank_row_between_indicators_is_skipped():
	sheet = form()
	row = sheet.row_of("市民满意度")
	sheet.insert_row(row)
	found = accepted(sheet.data())
	assert [item["row"] for item in found["indicators"]][-3:] == [row - 1, row + 1, row + 2]
	assert found["total_score"] == 93.44


def test_an_indicator_typed_below_the_total_row_is_reported_not_dropped():
	sheet = form()
	row = sheet.row_of("总分") + 1
	for caption, value in (("二级指标", "数量指标"), ("三级指标", "新增指标"), ("年度指标值", "≥1个")):
		sheet.set((row, sheet.header_column(caption)), value)
	error = only_error(refused(sheet.data()))
	assert (error.row, error.column, error.message, error.args) == (
		row,
		None,
		official.ROW_BELOW_TOTAL,
		("总分",),
	)
	assert describe(error) == (
		"Sheet {0}, row {1}: {2}",
		("XM-2025-001", row, "This row comes after the 总分 row; move it above the total or delete it"),
	)


# ---------------------------------------------------------------- grade and qualitative results


@pytest.mark.parametrize(
	("typed", "grade"), [("优", "Excellent"), ("良好", "Good"), ("中", "Fair"), ("较差", "Poor")]
)
def test_grade_words(typed, grade):
	sheet = form()
	sheet.set(sheet.right_of("评价等级"), typed)
	assert accepted(sheet.data())["grade"] == grade


def test_unknown_grade_word_is_refused():
	sheet = form()
	cell = sheet.right_of("评价等级")
	sheet.set(cell, "极好")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)
	assert error.args == ("评价等级", "优、良、中、差", "极好")


@pytest.mark.parametrize(
	("result", "word"), [("Achieved", RESULTS[0]), ("Partly", RESULTS[1]), ("Not Achieved", RESULTS[2])]
)
def test_qualitative_result_words_of_the_10_attachment_both_ways(result, word):
	shown = {"operator": "Qualitative", "qualitative_result": result, "actual_text": None}
	assert format_actual(shown) == word
	assert format_actual(shown | {"actual_text": "说明"}) == f"{word}：说明"
	for typed, expected in (
		(word, (result, None)),
		(f" {word} ：说明：细节", (result, "说明：细节")),
		(f"{word}:说明", (result, "说明")),
		(f"{word}\n说明", (result, "说明")),
		(result, (result, None)),
	):
		assert (
			read.read_result(typed, words.QUALITATIVE_RESULTS, words.QUALITATIVE_RESULT_ALIASES) == expected
		)


@pytest.mark.parametrize(
	("typed", "result"),
	[
		("达成", "Achieved"),
		("已达成", "Achieved"),
		("完成", "Achieved"),
		("部分达成", "Partly"),
		("部分达成并具有一定效果", "Partly"),
		("未达成", "Not Achieved"),
		("未完成", "Not Achieved"),
		("好", "Achieved"),
		("较好", "Achieved"),
		("一般", "Partly"),
		("差", "Not Achieved"),
	],
)
def test_short_and_everyday_result_words_are_accepted(typed, result):
	sheet = form()
	sheet.set(sheet.indicator("道路通行效率", "实际完成值"), typed)
	assert indicator(accepted(sheet.data()), "道路通行效率")["qualitative_result"] == result


def test_everyday_words_are_the_settings_not_fixed():
	sheet = form()
	cell = sheet.indicator("道路通行效率", "实际完成值")
	sheet.set(cell, "优秀：效果明显")
	found = indicator(accepted(sheet.data(), {"优秀": "Achieved"}), "道路通行效率")
	assert (found["qualitative_result"], found["actual_text"]) == ("Achieved", "效果明显")
	sheet.set(cell, "好")
	error = only_error(refused(sheet.data(), {}))
	assert where(error) == at(cell, read.RESULT_UNKNOWN)


def test_the_longest_result_word_wins():
	sheet = form()
	sheet.set(sheet.indicator("道路通行效率", "实际完成值"), "部分达成年度指标并具有一定效果：高峰仍拥堵")
	found = indicator(accepted(sheet.data()), "道路通行效率")
	assert (found["qualitative_result"], found["actual_text"]) == ("Partly", "高峰仍拥堵")


def test_unknown_qualitative_result_word_is_refused():
	sheet = form()
	cell = sheet.indicator("道路通行效率", "实际完成值")
	sheet.set(cell, "基本达成：还行")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.RESULT_UNKNOWN)
	assert error.args == ("实际完成值", "基本达成：还行", "、".join(RESULTS))


def test_qualitative_target_and_result_typed_in_the_form_are_read():
	sheet = form()
	sheet.set(sheet.indicator("道路通行效率", "实际完成值"), "未达成：高峰仍拥堵")
	sheet.set(sheet.indicator("道路通行效率", "年度指标值"), "有效缓解拥堵")
	found = indicator(accepted(sheet.data()), "道路通行效率")
	assert (found["operator"], found["target_text"]) == ("Qualitative", "有效缓解拥堵")
	assert (found["qualitative_result"], found["actual_text"]) == ("Not Achieved", "高峰仍拥堵")


# ---------------------------------------------------------------- 实际完成值 of quantitative indicators


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
	assert read.read_quantity(typed, unit, 120.0) == value


def test_blank_actual_reads_as_nothing_entered():
	sheet = form()
	sheet.set(sheet.indicator("养护道路里程", "实际完成值"), None)
	sheet.set(sheet.indicator("完工时间", "实际完成值"), None)
	found = accepted(sheet.data())
	assert indicator(found, "养护道路里程")["actual_value"] is None
	timely = indicator(found, "完工时间")
	assert (timely["qualitative_result"], timely["actual_text"]) == (None, None)


def test_percentages_as_people_type_them():
	sheet = form()
	cell = sheet.indicator("路况优良率", "实际完成值")
	for typed, number_format in ((0.93, "0.00%"), ("93%", None), (93, "General"), ("９３％", None)):
		sheet.set(cell, typed, number_format)
		assert indicator(accepted(sheet.data()), "路况优良率")["actual_value"] == 93.0
	sheet.set(cell, 0.93, "General")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, read.FRACTION_OF_PERCENT), ("实际完成值", "0.93", "93.00"))


def test_actual_with_another_unit_is_refused():
	sheet = form()
	cell = sheet.indicator("养护道路里程", "实际完成值")
	sheet.set(cell, "125米")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.ACTUAL_UNIT_DIFFERS)
	assert error.args == ("实际完成值", "125米", "米", "公里")


def test_text_in_a_quantitative_actual_is_refused():
	sheet = form()
	cell = sheet.indicator("工程验收合格率", "实际完成值")
	sheet.set(cell, "基本合格")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, NOT_A_NUMBER), ("实际完成值", "基本合格"))


def test_target_with_text_after_the_operator_names_the_annual_target_column():
	sheet = form()
	cell = sheet.indicator("养护道路里程", "年度指标值")
	sheet.set(cell, "≥很多")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.TARGET_NOT_A_NUMBER)
	assert error.args == ("年度指标值", "≥很多", "≥")


# ---------------------------------------------------------------- money


def test_the_older_wording_of_the_fiscal_row_is_read():
	sheet = form()
	sheet.replace("其中：当年财政拨款", "其中：本年财政拨款")
	assert accepted(sheet.data())["annual_fiscal"] == 1100.0


def test_amounts_typed_with_units_and_dashes_for_an_empty_row():
	sheet = form()
	for caption, total, fiscal in (
		("年初预算数", "1000万元", 1000),
		("全年预算数", 1100, "1,100"),
		("全年执行数", "10,502,500元", "1050.25万"),
	):
		sheet.set(sheet.at("年度资金总额", caption), total)
		sheet.set(sheet.at("其中：当年财政拨款", caption), fiscal)
		sheet.set(sheet.at("上年结转资金", caption), "—")
		sheet.set(sheet.at("其他资金", caption), "/")
	sheet.set(sheet.at("年度资金总额", "执行率"), "95.48%")
	found = accepted(sheet.data())
	assert [found[key] for key in ("initial_budget", "annual_budget", "executed_amount")] == [
		1000.0,
		1100.0,
		1050.25,
	]
	assert [found[key] for key in ("initial_fiscal", "annual_fiscal", "executed_fiscal")] == [
		1000.0,
		1100.0,
		1050.25,
	]
	assert [found[key] for key in ("initial_carryover", "executed_carryover", "annual_other")] == [
		0.0,
		0.0,
		0.0,
	]


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	sheet = form()
	cell = sheet.at("其中：当年财政拨款", "全年预算数")
	sheet.set(cell, "一千万")
	error = only_error(refused(sheet.data()))
	assert (error.sheet, *where(error)) == ("XM-2025-001", *at(cell, read.NOT_AN_AMOUNT))
	assert error.args == ("全年预算数（当年财政拨款）", "一千万")


def test_text_in_a_score_cell_names_its_row():
	sheet = form()
	cell = sheet.indicator("每公里养护成本", "得分")
	sheet.set(cell, "满分")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, read.NOT_A_SCORE), ("得分", "满分"))


def test_negative_amounts_weights_and_scores_are_refused():
	sheet = form()
	cells = [
		sheet.at("其他资金", "全年执行数"),
		sheet.indicator("工程验收合格率", "分值"),
		sheet.indicator("完工时间", "得分"),
		sheet.at("年度资金总额", "得分"),
	]
	for cell in cells:
		sheet.set(cell, -1)
	errors = refused(sheet.data())
	assert sorted(where(error) for error in errors) == sorted(at(cell, NEGATIVE) for cell in cells)


@pytest.mark.parametrize(
	("row", "column", "value", "args"),
	[
		("年度资金总额", "年初预算数", 1300, ("年初预算数（年度资金总额）", "1300.00", "1234.56")),
		("其他资金", "全年预算数", 84.56, ("全年预算数（年度资金总额）", "1334.56", "1384.56")),
		("其他资金", "全年执行数", None, ("全年执行数（年度资金总额）", "1260.25", "1230.25")),
	],
	ids=["total changed", "part changed", "blank part is none"],
)
def test_each_total_must_equal_the_sum_of_its_parts(row, column, value, args):
	sheet = form()
	sheet.set(sheet.at(row, column), value)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(sheet.at("年度资金总额", column), evaluation_form.PARTS_MISMATCH)
	assert error.args == args


def test_total_within_half_a_cent_of_wan_yuan_is_accepted():
	sheet = form()
	sheet.set(sheet.at("其中：当年财政拨款", "年初预算数"), 1000.004)
	assert accepted(sheet.data())["initial_fiscal"] == 1000.0


# ---------------------------------------------------------------- malformed uploads


def test_a_changed_caption_is_reported_missing():
	sheet = form()
	sheet.replace("年初预算数", "预算数")
	error = only_error(refused(sheet.data()))
	assert (error.sheet, error.row, error.column, error.message) == (
		"XM-2025-001",
		None,
		None,
		official.CAPTION_MISSING,
	)
	assert error.args == ("年初预算数", TITLE)
	assert describe(error) == (
		"Sheet {0}: {1}",
		("XM-2025-001", f"The caption 年初预算数 was not found on the sheet; the {TITLE} needs it"),
	)


def test_every_missing_caption_is_listed_at_once():
	sheet = form()
	for caption in ("项目名称", "全年执行数", "预期目标", "得分"):
		sheet.replace(caption, caption + "？", 1 if caption == "得分" else 0)
	errors = refused(sheet.data())
	assert [(error.message, error.args[0]) for error in errors] == [
		(official.CAPTION_MISSING, "项目名称"),
		(official.CAPTION_MISSING, "全年执行数"),
		(official.CAPTION_MISSING, "预期目标"),
		(official.CAPTION_MISSING, "得分"),
	]


def test_a_sheet_with_only_the_title_lists_every_missing_caption():
	workbook = Workbook()
	workbook.active["A1"] = "2025年度" + TITLE
	errors = refused(saved(workbook))
	assert {error.message for error in errors} == {official.CAPTION_MISSING}
	assert [error.args[0] for error in errors] == [
		"项目名称",
		"实施单位",
		"年初预算数",
		"全年预算数",
		"全年执行数",
		"分值",
		"执行率",
		"得分",
		"年度资金总额",
		"其中：当年财政拨款",
		"上年结转资金",
		"其他资金",
		"预期目标",
		"一级指标",
	]


def test_workbook_without_the_form_is_refused_as_no_form_sheet():
	for data in (goal_form.export_goals([]), monitoring_form.export_monitorings([])):
		error = only_error(refused(data))
		assert (error.sheet, error.message, error.args) == (None, upload.NO_FORM_SHEET, (TITLE,))


def test_other_sheets_beside_the_form_are_ignored():
	sheet = form()
	sheet.workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	records, errors = read_evaluations(sheet.data())
	assert errors == [] and len(records) == 1


def test_title_with_a_year_and_an_annex_line_is_found():
	sheet = form()
	sheet.set(sheet.right_of("绩效年度"), None)
	sheet.set(sheet.below(TITLE), None)
	sheet.replace(TITLE, "2025年度项目支出绩效自评表")
	sheet.insert_row(1)
	sheet.set((1, 1), "附件1")
	assert accepted(sheet.data())["performance_year"] == "2025"


@pytest.mark.parametrize("typed", ["（2025年度）", "(2025年度)", "2025年度", "（ 2025 年度 ）", "2025年"])
def test_year_line_is_read_however_it_is_typed(typed):
	sheet = form()
	sheet.set(sheet.right_of("绩效年度"), None)
	sheet.set(sheet.below(TITLE), typed)
	assert accepted(sheet.data())["performance_year"] == "2025"


def test_the_apps_year_is_read_when_the_year_line_is_left_blank():
	sheet = form()
	sheet.set(sheet.below(TITLE), "（    年度）")
	assert accepted(sheet.data())["performance_year"] == "2025"


def test_missing_year_and_annual_goal_are_refused():
	sheet = form()
	sheet.set(sheet.right_of("绩效年度"), None)
	sheet.set(sheet.below(TITLE), "（二〇二五年度）")
	goal = sheet.below("预期目标")
	sheet.set(goal, None)
	errors = refused(sheet.data())
	assert [(where(error), error.args) for error in errors] == [
		((*letter(sheet.find(TITLE)), official.YEAR_MISSING), ()),
		(at(goal, REQUIRED), ("预期目标",)),
	]


def test_a_wrong_merged_level_one_word_is_reported_once_at_the_cell_typed():
	sheet = form()
	cell = sheet.find("产出指标")
	sheet.set(cell, "产量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)
	assert error.args == ("一级指标", "产出指标、效益指标、满意度指标、成本指标", "产量指标")


def test_an_unmerged_wrong_level_one_word_is_reported_at_its_cell():
	sheet = form()
	cell = sheet.find("满意度指标")
	sheet.set(cell, "满意指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)


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


def test_every_error_of_a_file_is_reported_at_once():
	first = Form(export_evaluations([evaluation_record("A-1"), evaluation_record("B-2")]), "A-1")
	second = first.other("B-2")
	goal = first.below("预期目标")
	first.set(goal, None)
	budget = second.at("年度资金总额", "年初预算数")
	second.set(budget, 1)
	level2 = second.indicator("养护道路里程", "二级指标")
	second.set(level2, "未知")
	score = second.indicator("养护道路里程", "得分")
	second.set(score, "abc")
	grade = second.right_of("评价等级")
	second.set(grade, "?")
	errors = refused(first.data())
	assert [(error.sheet, error.row, error.column, error.message) for error in errors] == [
		("A-1", *letter(goal), REQUIRED),
		("B-2", *letter(budget), evaluation_form.PARTS_MISMATCH),
		("B-2", *letter(grade), NOT_A_CHOICE),
		("B-2", *letter(level2), NOT_A_CHOICE),
		("B-2", *letter(score), read.NOT_A_SCORE),
	]


def test_message_keys_are_listed_once_with_the_shared_and_upload_ones():
	# The keys of perf_budget.excel.layout: tests/excel/test_layout.py
	messages = evaluation_form.MESSAGES
	assert len(set(messages)) == len(messages)
	assert {
		evaluation_form.PARTS_MISMATCH,
		evaluation_form.RATE_ABOVE_100,
		evaluation_form.RATE_MISMATCH,
		evaluation_form.NOT_THE_SUM,
		read.NOT_A_PERCENT,
		read.ACTUAL_UNIT_DIFFERS,
		read.RESULT_UNKNOWN,
		read.FRACTION_OF_PERCENT,
		official.CAPTION_MISSING,
		official.ROW_BELOW_TOTAL,
		upload.NO_FORM_SHEET,
		upload.OLD_XLS,
	} <= set(messages)
