"""项目支出绩效目标申报表 (财预〔2015〕88号 附1): the printed layout, export → import round trips,
values read as people type them and every malformed upload.

Workbooks are the export of ``goal_record()`` edited by caption (``Form``);
hand-typed workbooks are tests/excel/handmade/.
"""

import datetime

import pytest
from openpyxl import Workbook
from workbooks import (
	Form,
	at,
	cell_values,
	first_sheet,
	goal_indicator,
	goal_record,
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

from perf_budget.excel import goal_form, official, read_form, upload
from perf_budget.excel import values as read
from perf_budget.excel.goal_form import export_goals
from perf_budget.excel.layout import NEGATIVE, NOT_A_CHOICE, NOT_A_DATE, REQUIRED, FormError

TITLE = "项目支出绩效目标申报表"
# The app's own captions, right of the printed form.
EXTRA_CAPTIONS = (
	"计量单位",
	"分值",
	"评(扣)分标准",
	"绩效年度",
	"项目编码",
	"预算类型",
	"是否重点项目",
	"项目开始日期",
	"项目结束日期",
	"联系人",
	"联系电话",
	"立项依据",
	"实施计划",
	"进度安排",
	"记录编号",
	"导出时版本",
)


def exported(**changes) -> bytes:
	return export_goals([goal_record(**changes)])


def form(**changes) -> Form:
	"""The exported form of ``goal_record(**changes)``, open for edits by caption."""
	return Form(exported(**changes))


def read_goals(data: bytes):
	return read_form("goal", data, "goal.xlsx")


def accepted(data: bytes) -> dict:
	goals, errors = read_goals(data)
	assert errors == []
	assert len(goals) == 1
	return goals[0]


def refused(data: bytes) -> list[FormError]:
	goals, errors = read_goals(data)
	assert goals == []
	assert errors
	return errors


def annual(sheet: Form, name: str, caption: str) -> tuple[int, int]:
	"""A cell on the row of the annual indicator ``name`` (the second 二级指标 | 三级指标 | 指标值)."""
	return sheet.indicator(name, caption, 1)


def medium(sheet: Form, name: str, caption: str) -> tuple[int, int]:
	"""A cell on the row of the medium-term indicator ``name`` (the first 二级指标 | 三级指标 | 指标值)."""
	return sheet.indicator(name, caption, 0)


# ---------------------------------------------------------------- the printed form


def test_the_form_prints_the_captions_of_the_88_attachment_in_order():
	ws = first_sheet(exported())
	columns = range(1, print_area(ws)[2] + 1)
	assert [texts(ws, row, columns) for row in range(1, 12)] == [
		[TITLE],
		["（2026年度）"],
		["项目名称", "城市道路养护项目"],
		["主管部门及代码", "市交通运输局 201001", "实施单位", "市公路养护中心"],
		["项目属性", "延续项目", "项目期", "3年"],
		["项目资金（万元）", "中期资金总额", 3600, "年度资金总额", 1234.56],
		["其中：财政拨款", 3000, "其中：财政拨款", 1000.5],
		["其他资金", 600, "其他资金", 234.06],
		["总体目标", "中期目标（2025—2027年）", "年度目标"],
		[
			"三年完成全市360公里道路养护，路面优良率稳定在92%以上。",
			"完成120公里道路养护，优良率≥92%；\n坑槽修补及时率100%。",
		],
		["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
	]


def test_the_indicator_table_has_the_medium_term_half_then_the_annual_half():
	sheet = form()
	columns = [sheet.header_column("一级指标")]
	columns += [
		sheet.header_column(caption, half)
		for half in (0, 1)
		for caption in ("二级指标", "三级指标", "指标值")
	]
	first = sheet.row_of("一级指标") + 1
	assert [[sheet.value((row, column)) for column in columns] for row in range(first, first + 9)] == [
		["产出指标", "数量指标", "养护道路里程", "≥360公里", "数量指标", "养护道路里程", "≥120公里"],
		[None, "质量指标", "工程验收合格率", "=100%", "数量指标", "修补坑槽面积", ">5000.5平方米"],
		[None, None, None, None, "质量指标", "工程验收合格率", "=100%"],
		[None, None, None, None, "时效指标", "完工时间", "定性：2026年11月底前"],
		[None, None, None, None, "成本指标", "每公里养护成本", "≤8.5万元/公里"],
		[
			"效益指标",
			"社会效益指标",
			"道路通行条件",
			"定性：明显改善",
			"社会效益指标",
			"道路通行效率",
			"定性：明显提升",
		],
		[None, None, None, None, "可持续影响指标", "路况优良率", "≥92%"],
		[
			"满意度指标",
			"服务对象满意度指标",
			"市民满意度",
			"≥90%",
			"服务对象满意度指标",
			"市民满意度",
			"≥90%",
		],
		["成本指标", None, None, None, "经济成本指标", "单位成本", "<9万元"],
	]
	assert sheet.value((first + 9, columns[0])) is None
	assert [sheet.header_column(caption) for caption in ("计量单位", "分值", "评(扣)分标准")] == [10, 11, 12]


def test_vertical_labels_span_their_blocks_and_level_one_spans_its_rows():
	sheet = form()
	assert {"A1:H1", "A2:H2", "A6:A8", "A9:A10", "A11:A20", "B12:B16", "B17:B18"} <= merges(sheet.ws)
	# 项目资金（万元） stands beside its three rows, 总体目标 beside caption and text.
	money = sheet.box(sheet.find("项目资金（万元）"))
	assert (money[0], money[2]) == (sheet.row_of("中期资金总额"), sheet.row_of("其他资金"))
	goals = sheet.box(sheet.find("总体目标"))
	assert (goals[0], goals[2]) == (sheet.row_of("年度目标"), sheet.below("年度目标")[0])
	indicators = sheet.box(sheet.find("绩效指标"))
	assert (indicators[0], indicators[2]) == (sheet.row_of("一级指标"), sheet.row_of("单位成本"))


def test_title_amounts_and_text_look_like_the_printed_form():
	sheet = form()
	ws = sheet.ws
	assert ws["A1"].value == TITLE and ws["A1"].font.b
	fiscal = ws.cell(*sheet.right_of("其中：财政拨款", 1))
	assert (fiscal.value, fiscal.number_format) == (1000.5, "0.00")
	name = sheet.box(sheet.right_of("项目名称"))
	# A merged value range is bordered all round, not only at its top-left cell.
	assert ws.cell(name[0], name[1]).border.left.style == "thin"
	assert ws.cell(name[0], name[3]).border.right.style == "thin"
	assert ws.cell(*sheet.below("年度目标")).alignment.wrap_text
	assert [ws.column_dimensions[column].width for column in "ABCDEFGH"] == [8, 12, 14, 26, 14, 14, 26, 14]


def test_print_area_covers_only_the_official_columns_and_repeats_the_indicator_header():
	sheet = form()
	ws = sheet.ws
	assert print_area(ws) == (1, 1, 8, sheet.row_of("单位成本"))
	assert ws.print_title_rows == "${0}:${0}".format(sheet.row_of("一级指标"))
	assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == (
		"portrait",
		9,  # A4
		1,
	)
	assert [sheet.find(caption)[1] > 8 for caption in EXTRA_CAPTIONS] == [True] * len(EXTRA_CAPTIONS)
	assert sheet.find("以下为系统信息（不在打印范围内，导入时可留空）")[1] > 8


def test_the_apps_fields_sit_right_of_the_print_area_with_their_values():
	sheet = form()
	shown = {caption: sheet.value(sheet.right_of(caption)) for caption in EXTRA_CAPTIONS[3:]}
	assert shown == {
		"绩效年度": 2026,
		"项目编码": "XM-2026-001",
		"预算类型": "年初预算",
		"是否重点项目": "是",
		"项目开始日期": datetime.datetime(2025, 1, 1),
		"项目结束日期": datetime.datetime(2027, 12, 31),
		"联系人": "张三",
		"联系电话": "0571-88888888",
		"立项依据": "《公路法》第三十五条；\n市政府2025年第12次常务会议纪要。",
		"实施计划": "分三个标段公开招标，监理全程旁站。",
		"进度安排": "1-3月招标，4-10月施工，11-12月验收。",
		"记录编号": "PG-2026-00001",
		"导出时版本": "2026-03-01 10:00:00.000000",
	}
	assert [sheet.value(annual(sheet, "养护道路里程", caption)) for caption in EXTRA_CAPTIONS[:3]] == [
		"公里",
		20,
		"每少1公里扣1分",
	]


def test_no_goals_exports_the_blank_form_that_reads_back_as_missing_values():
	data = export_goals([])
	sheet = Form(data)
	assert sheet.ws.title == "目标1"
	assert sheet.value(sheet.below(TITLE)) == "（    年度）"
	assert sheet.all("中期目标（20××—20××年）") == [sheet.right_of("总体目标")]
	header, level1 = sheet.row_of("一级指标"), sheet.header_column("一级指标")
	assert [sheet.value((header + offset, level1)) for offset in (1, 2, 3, 4)] == [
		"产出指标",
		"效益指标",
		"满意度指标",
		None,
	]
	errors = refused(data)
	name, unit = sheet.right_of("项目名称"), sheet.right_of("实施单位")
	total, goal = sheet.right_of("年度资金总额"), sheet.below("年度目标")
	assert [(where(error), error.args) for error in errors] == [
		((1, "A", official.YEAR_MISSING), ()),
		(at(name, REQUIRED), ("项目名称",)),
		(at(unit, REQUIRED), ("实施单位",)),
		(at(total, REQUIRED), ("年度资金总额",)),
		(at(goal, REQUIRED), ("年度目标",)),
	]


def test_blank_form_filled_in_by_caption_is_read():
	sheet = Form(export_goals([]))
	sheet.set(sheet.below(TITLE), "（2026年度）")
	sheet.set(sheet.right_of("项目名称"), "城市道路养护项目")
	sheet.set(sheet.right_of("实施单位"), "市公路养护中心")
	sheet.set(sheet.right_of("年度资金总额"), "1234.56万元")
	sheet.set(sheet.right_of("其中：财政拨款", 1), 1000.5)
	sheet.set(sheet.right_of("其他资金", 1), "2,340,600元")
	sheet.set(sheet.below("年度目标"), "完成120公里道路养护")
	output = sheet.row_of("产出指标")
	sheet.set((output, sheet.header_column("二级指标", 1)), "数量指标")
	sheet.set((output, sheet.header_column("三级指标", 1)), "养护道路里程")
	sheet.set((output, sheet.header_column("指标值", 1)), "≥120公里")
	goal = accepted(sheet.data())
	assert {key: goal[key] for key in ("performance_year", "project_name", "budget_unit")} == {
		"performance_year": "2026",
		"project_name": "城市道路养护项目",
		"budget_unit": "市公路养护中心",
	}
	assert (goal["total_amount"], goal["fiscal_amount"], goal["other_amount"]) == (1234.56, 1000.5, 234.06)
	assert goal["medium_term_indicators"] == []
	assert goal["indicators"] == [
		goal_indicator("Output", "Quantity", "养护道路里程", ">=", 120, None, "公里") | {"row": output}
	]


# ---------------------------------------------------------------- round trips


def test_one_goal_round_trips():
	goal = goal_record()
	found = accepted(export_goals([goal]))
	assert found["sheet"] == "XM-2026-001"
	assert without_rows(found) == goal


def test_several_goals_round_trip_one_sheet_each():
	goals = [
		goal_record("A-1"),
		goal_record(
			"B-2", budget_type="Supplementary", is_key_project=False, project_attribute="New Project"
		),
		goal_record("A-1", medium_term_indicators=[], medium_term_start_year=None, medium_term_end_year=None),
		goal_record("C-3", project_attribute="Renewed after Expiry"),
	]
	data = export_goals(goals)
	assert opened(data).sheetnames == ["A-1", "B-2", "A-1(2)", "C-3"]
	assert "到期延续项目" in [cell.value for row in opened(data)["C-3"].iter_rows() for cell in row]
	found, errors = read_goals(data)
	assert errors == []
	assert [goal["sheet"] for goal in found] == ["A-1", "B-2", "A-1(2)", "C-3"]
	assert [without_rows(goal) for goal in found] == goals


def test_export_import_export_gives_the_same_cells():
	data = export_goals([goal_record("A-1"), goal_record("B-2", project_attribute="New Project")])
	goals, errors = read_goals(data)
	assert errors == []
	assert cell_values(export_goals(goals)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	sheet = form()
	goal = accepted(sheet.data())
	first = sheet.row_of("一级指标") + 1
	assert [indicator["row"] for indicator in goal["indicators"]] == list(range(first, first + 9))
	assert [indicator["row"] for indicator in goal["medium_term_indicators"]] == [
		first,
		first + 1,
		first + 5,
		first + 7,
	]


def test_long_sheet_names_are_cut_to_31_characters_and_cleaned():
	data = export_goals([goal_record("X" * 40), goal_record("X" * 40), goal_record("a/b:c")])
	assert opened(data).sheetnames == ["X" * 31, "X" * 28 + "(2)", "a_b_c"]


def test_a_goal_without_code_is_named_by_its_project():
	data = export_goals([goal_record(None), goal_record(None, project_name=None)])
	assert opened(data).sheetnames == ["城市道路养护项目", "目标2"]


def test_merged_level_cells_are_read_from_their_top_left_cell():
	sheet = form()
	below = sheet.row_of("修补坑槽面积")
	assert sheet.value((below, sheet.header_column("一级指标"))) is None
	goal = accepted(sheet.data())
	assert [row["level1"] for row in goal["indicators"][:5]] == ["Output"] * 5


def test_a_one_year_goal_without_the_medium_term_half_is_read():
	goal = accepted(
		exported(
			medium_term_indicators=[],
			medium_term_start_year=None,
			medium_term_end_year=None,
			medium_term_total=None,
			medium_term_fiscal=None,
			medium_term_other=None,
			long_term_goal=None,
		)
	)
	assert goal["medium_term_indicators"] == []
	assert [goal[key] for key in ("medium_term_start_year", "medium_term_total", "long_term_goal")] == [
		None,
		None,
		None,
	]
	assert len(goal["indicators"]) == 9


# ---------------------------------------------------------------- reading what people type


@pytest.mark.parametrize(
	("raw", "unit", "expected"),
	[
		("≥500", "人", (">=", 500.0, None, "人")),
		(">=500", "人", (">=", 500.0, None, "人")),
		("＞＝500", "人", (">=", 500.0, None, "人")),
		("≤ 3.5", "天", ("<=", 3.5, None, "天")),
		("<=3", "天", ("<=", 3.0, None, "天")),
		(">1", "个", (">", 1.0, None, "个")),
		("<1", "个", ("<", 1.0, None, "个")),
		("=100", "%", ("=", 100.0, None, "%")),
		("≥1,000", "人", (">=", 1000.0, None, "人")),
		("≥95%", None, (">=", 95.0, None, "%")),
		("≥95%", "%", (">=", 95.0, None, "%")),
		(500, "人", ("=", 500.0, None, "人")),
		("500人", "人", ("=", 500.0, None, "人")),
		("≥500人", None, (">=", 500.0, None, "人")),
		("100%", None, ("=", 100.0, None, "%")),
		("95%以上", None, (">=", 95.0, None, "%")),
		("90%及以上", None, (">=", 90.0, None, "%")),
		("不低于90%", None, (">=", 90.0, None, "%")),
		("不超过5天", None, ("<=", 5.0, None, "天")),
		("3天以内", "天", ("<=", 3.0, None, "天")),
		("定性：按期完成", None, ("Qualitative", None, "按期完成", None)),
		("定性:按期完成", None, ("Qualitative", None, "按期完成", None)),
		("按期完成（含验收）", None, ("Qualitative", None, "按期完成（含验收）", None)),
		("达到国家标准", None, ("Qualitative", None, "达到国家标准", None)),
		("100%完成", None, ("Qualitative", None, "100%完成", None)),
	],
)
def test_target_cell_is_read_as_operator_value_and_unit(raw, unit, expected):
	assert read.read_target(raw, unit) == expected


@pytest.mark.parametrize(("raw", "expected"), [(1, ("=", 100.0, None, "%")), (0.9, ("=", 90.0, None, "%"))])
def test_a_target_typed_as_an_excel_percentage_is_the_percent_figure(raw, expected):
	assert read.read_target(raw, None, percent_cell=True) == expected


@pytest.mark.parametrize(
	("raw", "message", "args"),
	[
		("≥很多", read.TARGET_NOT_A_NUMBER, ("≥很多", "≥")),
		("定性：", read.TARGET_TEXT_MISSING, ("定性：", "定性")),
		("≥120米", read.TARGET_UNIT_DIFFERS, ("≥120米", "米", "公里")),
	],
)
def test_target_cells_that_cannot_be_read_with_confidence_are_refused(raw, message, args):
	with pytest.raises(read.CellError) as refusal:
		read.read_target(raw, "公里")
	assert (refusal.value.message, refusal.value.details) == (message, args)


def test_targets_typed_in_the_form_as_people_write_them():
	sheet = form()
	sheet.set(annual(sheet, "工程验收合格率", "指标值"), 1, "0%")
	sheet.set(annual(sheet, "路况优良率", "指标值"), "90%以上")
	sheet.set(annual(sheet, "路况优良率", "计量单位"), None)
	sheet.set(annual(sheet, "市民满意度", "指标值"), "不低于90%")
	sheet.set(annual(sheet, "市民满意度", "计量单位"), None)
	sheet.set(medium(sheet, "养护道路里程", "指标值"), "360公里以上")
	goal = accepted(sheet.data())
	targets = [
		(row["operator"], row["target_value"], row["unit"])
		for row in goal["indicators"]
		if row["indicator_name"] in ("工程验收合格率", "路况优良率", "市民满意度")
	]
	assert targets == [("=", 100.0, "%"), (">=", 90.0, "%"), (">=", 90.0, "%")]
	first = goal["medium_term_indicators"][0]
	assert (first["operator"], first["target_value"], first["unit"]) == (">=", 360.0, "公里")


def test_level_names_without_the_trailing_word_or_with_their_points_are_accepted():
	sheet = form()
	sheet.replace("产出指标", "产出(50分)")
	sheet.set(annual(sheet, "养护道路里程", "二级指标"), "数量")
	sheet.set(medium(sheet, "养护道路里程", "二级指标"), "数量指标（20分）")
	sheet.replace("效益指标", "二、效益指标")
	goal = accepted(sheet.data())
	assert [(row["level1"], row["level2"]) for row in goal["indicators"][:2]] == [
		("Output", "Quantity"),
		("Output", "Quantity"),
	]
	assert goal["indicators"][5]["level1"] == "Effect"
	assert goal["medium_term_indicators"][0]["level2"] == "Quantity"


def test_amounts_typed_with_wan_yuan_and_yuan_and_a_dash_for_nothing():
	sheet = form()
	sheet.set(sheet.right_of("年度资金总额"), "1,234.56万元")
	sheet.set(sheet.right_of("其中：财政拨款", 1), "10005000元")
	sheet.set(sheet.right_of("其他资金", 1), "234.06 万元")
	sheet.set(sheet.right_of("中期资金总额"), "3000")
	sheet.set(sheet.right_of("其中：财政拨款"), "3000万")
	sheet.set(sheet.right_of("其他资金"), "—")
	goal = accepted(sheet.data())
	assert [goal[key] for key in ("total_amount", "fiscal_amount", "other_amount")] == [
		1234.56,
		1000.5,
		234.06,
	]
	assert [goal[key] for key in ("medium_term_total", "medium_term_fiscal", "medium_term_other")] == [
		3000.0,
		3000.0,
		0.0,
	]


def test_year_line_dates_and_phone_typed_as_text_are_read():
	sheet = form()
	sheet.set(sheet.below(TITLE), "2027年度")
	sheet.set(sheet.right_of("绩效年度"), None)
	sheet.set(sheet.right_of("项目开始日期"), "2026/3/1")
	sheet.set(sheet.right_of("项目结束日期"), "2026年12月31日")
	sheet.set(sheet.right_of("联系电话"), 13800000000)
	goal = accepted(sheet.data())
	assert goal["performance_year"] == "2027"
	assert (goal["period_start"], goal["period_end"]) == (
		datetime.date(2026, 3, 1),
		datetime.date(2026, 12, 31),
	)
	assert goal["contact_phone"] == "13800000000"


@pytest.mark.parametrize(
	("title", "annex"),
	[("2026年度项目支出绩效目标申报表", None), (TITLE, "附件1"), ("项目绩效目标申报表", "附件1：")],
)
def test_title_with_a_year_or_an_annex_line_above_it_is_found(title, annex):
	sheet = form()
	sheet.set(sheet.right_of("绩效年度"), None)
	if annex:  # "附件1" on a line of its own above the title; the year stays on the line under it
		sheet.insert_row(1)
		sheet.set((1, 1), annex)
	else:  # the year in the title, no year line
		sheet.set(sheet.below(TITLE), None)
	sheet.replace(TITLE, title)
	goal = accepted(sheet.data())
	assert (goal["performance_year"], goal["project_name"]) == ("2026", "城市道路养护项目")


def test_the_medium_term_years_come_from_the_caption():
	sheet = form()
	sheet.replace("中期目标（2025—2027年）", "中期目标（2026-2028年）")
	goal = accepted(sheet.data())
	assert (goal["medium_term_start_year"], goal["medium_term_end_year"]) == (2026, 2028)


@pytest.mark.parametrize(
	("typed", "stored"),
	[
		("新增项目", "New Project"),
		("延续", "Continuing Project"),
		("经常性项目", "Continuing Project"),
		("到期延续项目", "Renewed after Expiry"),
		("到期延续", "Renewed after Expiry"),
	],
)
def test_project_attribute_words(typed, stored):
	sheet = form()
	sheet.set(sheet.right_of("项目属性"), typed)
	assert accepted(sheet.data())["project_attribute"] == stored


def test_the_apps_fields_are_optional_and_a_blank_template_keeps_none():
	sheet = form()
	for caption in EXTRA_CAPTIONS[3:]:
		sheet.replace(caption, None)
	for caption in EXTRA_CAPTIONS[:3]:
		sheet.replace(caption, None)
	goal = accepted(sheet.data())
	assert goal["extras_found"] == ()
	assert [goal[key] for key in ("project_code", "budget_type", "record_name", "exported_modified")] == [
		None
	] * 4
	assert goal["has_weights"] is False
	assert [(row["unit"], row["weight"]) for row in goal["indicators"][:3]] == [
		("公里", None),
		("平方米", None),
		("%", None),
	]


def test_a_total_row_ends_the_indicator_table_and_a_signature_line_is_no_indicator():
	sheet = form()
	last = sheet.row_of("单位成本")
	sheet.set((last + 1, 2), "合计")
	sheet.set((last + 1, sheet.header_column("分值")), 100)
	sheet.set((last + 2, 2), "填报人：李四")
	goal = accepted(sheet.data())
	assert len(goal["indicators"]) == 9


def test_a_blank_row_between_indicators_is_skipped():
	sheet = form()
	satisfaction = sheet.row_of("市民满意度")
	sheet.insert_row(satisfaction)
	assert sheet.value((satisfaction, sheet.header_column("一级指标"))) is None
	goal = accepted(sheet.data())
	assert [row["indicator_name"] for row in goal["indicators"]][-3:] == [
		"路况优良率",
		"市民满意度",
		"单位成本",
	]
	assert [row["row"] for row in goal["indicators"]][-3:] == [
		satisfaction - 1,
		satisfaction + 1,
		satisfaction + 2,
	]


def test_an_indicator_typed_in_an_inserted_row_is_read():
	sheet = form()
	row = sheet.row_of("每公里养护成本") + 1
	sheet.insert_row(row)
	sheet.set((row, sheet.header_column("二级指标", 1)), "数量指标")
	sheet.set((row, sheet.header_column("三级指标", 1)), "新增指标")
	sheet.set((row, sheet.header_column("指标值", 1)), "≥1个")
	sheet.set((row, sheet.header_column("分值")), "0分")
	goal = accepted(sheet.data())
	assert goal["indicators"][5] == goal_indicator(
		"Output", "Quantity", "新增指标", ">=", 1, None, "个", 0
	) | {"row": row}


# ---------------------------------------------------------------- malformed uploads


def test_a_changed_caption_is_reported_missing():
	sheet = form()
	sheet.replace("项目名称", "名称")
	error = only_error(refused(sheet.data()))
	assert (error.sheet, error.row, error.column, error.message) == (
		"XM-2026-001",
		None,
		None,
		official.CAPTION_MISSING,
	)
	assert error.args == ("项目名称", TITLE)


def test_every_missing_caption_is_listed_at_once():
	sheet = form()
	for caption in ("实施单位", "年度资金总额", "年度目标", "一级指标"):
		sheet.replace(caption, caption[:2])
	errors = refused(sheet.data())
	assert [(error.message, error.args[0]) for error in errors] == [
		(official.CAPTION_MISSING, "实施单位"),
		(official.CAPTION_MISSING, "年度资金总额"),
		(official.CAPTION_MISSING, "年度目标"),
		(official.CAPTION_MISSING, "一级指标"),
	]
	assert {error.row for error in errors} == {None}


def test_a_sheet_with_only_the_title_lists_every_missing_caption():
	workbook = Workbook()
	workbook.active["A1"] = "2026年度" + TITLE
	errors = refused(saved(workbook))
	assert [error.args[0] for error in errors] == [
		"项目名称",
		"实施单位",
		"年度资金总额",
		"年度目标",
		"一级指标",
	]
	assert {error.message for error in errors} == {official.CAPTION_MISSING}


def test_workbook_without_the_form_is_refused_as_no_form_sheet():
	workbook = Workbook()
	workbook.active.append(["项目名称", "金额"])
	workbook.active.append(["道路", 100])
	error = only_error(refused(saved(workbook)))
	assert (error.sheet, error.message, error.args) == (None, upload.NO_FORM_SHEET, (TITLE,))


def test_a_monitoring_or_evaluation_form_is_not_a_goal_form():
	from perf_budget.excel import evaluation_form, monitoring_form

	for data in (monitoring_form.export_monitorings([]), evaluation_form.export_evaluations([])):
		assert only_error(refused(data)).message == upload.NO_FORM_SHEET


def test_other_sheets_beside_the_form_are_ignored():
	sheet = form()
	sheet.workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	goals, errors = read_goals(sheet.data())
	assert errors == [] and len(goals) == 1


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	sheet = form()
	cell = sheet.right_of("其中：财政拨款", 1)
	sheet.set(cell, "一千万")
	error = only_error(refused(sheet.data()))
	assert (error.sheet, *where(error)) == ("XM-2026-001", *at(cell, read.NOT_AN_AMOUNT))
	assert error.args == ("年度财政拨款", "一千万")


def test_text_in_a_weight_cell_names_its_row():
	sheet = form()
	cell = annual(sheet, "工程验收合格率", "分值")
	sheet.set(cell, "十分")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.NOT_A_SCORE)
	assert error.args == ("分值", "十分")


def test_negative_amount_and_weight_are_refused():
	sheet = form()
	other, fiscal = sheet.right_of("其他资金", 1), sheet.right_of("其中：财政拨款", 1)
	weight = annual(sheet, "修补坑槽面积", "分值")
	sheet.set(other, -34.06).set(fiscal, 1268.62).set(weight, -1)
	errors = refused(sheet.data())
	assert [where(error) for error in errors] == [at(other, NEGATIVE), at(weight, NEGATIVE)]


def test_an_amount_no_bureau_has_is_refused():
	sheet = form()
	cell = sheet.right_of("中期资金总额")
	sheet.set(cell, 1e12)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.AMOUNT_TOO_LARGE)
	assert error.args == ("中期资金总额", "1000000000000", "1,000,000,000")


def test_total_must_equal_fiscal_plus_other():
	sheet = form()
	cell = sheet.right_of("年度资金总额")
	sheet.set(cell, 1300)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, goal_form.TOTAL_MISMATCH)
	assert error.args == ("年度资金总额", "1300.00", "1234.56")


def test_medium_term_total_must_equal_its_parts_too():
	sheet = form()
	cell = sheet.right_of("中期资金总额")
	sheet.set(sheet.right_of("其他资金"), 500)
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, goal_form.TOTAL_MISMATCH)
	assert error.args == ("中期资金总额", "3600.00", "3500.00")


def test_total_within_half_a_cent_of_wan_yuan_is_accepted():
	# 1000.504 rounds to 1000.50 as the cell shows, so the sum still matches.
	sheet = form()
	sheet.set(sheet.right_of("其中：财政拨款", 1), 1000.504)
	assert accepted(sheet.data())["fiscal_amount"] == 1000.5


def test_a_wrong_merged_level_one_word_is_reported_once_at_the_cell_typed():
	# 产出指标 is one cell merged over the five 产出 rows; both halves of the table share it.
	sheet = form()
	cell = sheet.find("产出指标")
	sheet.set(cell, "产量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, NOT_A_CHOICE)
	assert error.args == ("一级指标", "产出指标、效益指标、满意度指标、成本指标", "产量指标")


def test_level_two_under_the_wrong_level_one_is_refused():
	sheet = form()
	cell = annual(sheet, "市民满意度", "二级指标")
	sheet.set(cell, "数量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, official.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("数量指标", "满意度指标")


def test_medium_term_level_two_under_the_wrong_level_one_is_refused():
	sheet = form()
	cell = medium(sheet, "道路通行条件", "二级指标")
	sheet.set(cell, "质量指标")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, official.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("质量指标", "效益指标")


def test_target_with_text_after_the_operator_is_refused():
	sheet = form()
	cell = annual(sheet, "养护道路里程", "指标值")
	sheet.set(cell, "≥很多")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.TARGET_NOT_A_NUMBER)
	assert error.args == ("指标值", "≥很多", "≥")


def test_unit_in_the_target_must_match_the_unit_column():
	sheet = form()
	cell = annual(sheet, "养护道路里程", "指标值")
	sheet.set(cell, "≥120米")
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, read.TARGET_UNIT_DIFFERS)
	assert error.args == ("指标值", "≥120米", "米", "公里")


def test_missing_annual_goal_is_refused():
	sheet = form()
	cell = sheet.below("年度目标")
	sheet.set(cell, None)
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, REQUIRED), ("年度目标",))


def test_an_indicator_without_its_name_is_refused():
	sheet = form()
	name = annual(sheet, "路况优良率", "三级指标")
	sheet.set(name, None)
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(name, REQUIRED), ("三级指标",))


@pytest.mark.parametrize("blank", [None, "—", "/"])
def test_an_indicator_without_its_target_is_refused(blank):
	# A blank 指标值 (or a dash for nothing) is no target, not a qualitative one.
	sheet = form()
	target = annual(sheet, "市民满意度", "指标值")
	sheet.set(target, blank)
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(target, REQUIRED), ("指标值",))


def test_end_date_before_start_is_refused():
	sheet = form()
	cell = sheet.right_of("项目结束日期")
	sheet.set(cell, datetime.date(2024, 12, 31))
	error = only_error(refused(sheet.data()))
	assert where(error) == at(cell, goal_form.END_BEFORE_START)
	assert error.args == ("项目结束日期", "2024-12-31", "2025-01-01")


def test_a_date_that_is_no_date_is_refused():
	sheet = form()
	cell = sheet.right_of("项目开始日期")
	sheet.set(cell, "明年三月")
	error = only_error(refused(sheet.data()))
	assert (where(error), error.args) == (at(cell, NOT_A_DATE), ("项目开始日期", "明年三月"))


def test_unknown_budget_type_and_key_project_answer_are_refused():
	sheet = form()
	budget, key = sheet.right_of("预算类型"), sheet.right_of("是否重点项目")
	sheet.set(budget, "年中预算").set(key, "不确定")
	errors = refused(sheet.data())
	assert [(where(error), error.args) for error in errors] == [
		(at(budget, NOT_A_CHOICE), ("预算类型", "年初预算、追加预算", "年中预算")),
		(at(key, NOT_A_CHOICE), ("是否重点项目", "是、否", "不确定")),
	]


def test_an_indicator_typed_below_the_total_row_is_reported_not_dropped():
	sheet = form()
	last = sheet.row_of("单位成本")
	sheet.set((last + 1, 2), "合计")
	sheet.set((last + 1, sheet.header_column("分值")), 100)
	sheet.set((last + 2, sheet.header_column("二级指标", 1)), "数量指标")
	sheet.set((last + 2, sheet.header_column("三级指标", 1)), "新增指标")
	sheet.set((last + 2, sheet.header_column("指标值", 1)), "≥1个")
	error = only_error(refused(sheet.data()))
	assert (error.row, error.column, error.message, error.args) == (
		last + 2,
		None,
		official.ROW_BELOW_TOTAL,
		("合计",),
	)


def test_every_error_of_a_file_is_reported_at_once():
	first = Form(export_goals([goal_record("A-1"), goal_record("B-2")]), "A-1")
	second = first.other("B-2")
	goal_text = first.below("年度目标")
	first.set(goal_text, None)
	level2, weight = annual(second, "养护道路里程", "二级指标"), annual(second, "养护道路里程", "分值")
	second.set(level2, "未知").set(weight, "abc")
	errors = refused(first.data())
	assert [(error.sheet, error.row, error.column) for error in errors] == [
		("A-1", *letter(goal_text)),
		("B-2", *letter(level2)),
		("B-2", *letter(weight)),
	]


def test_message_keys_are_listed_once_with_the_shared_and_upload_ones():
	# The keys of perf_budget.excel.layout: tests/excel/test_layout.py
	messages = goal_form.MESSAGES
	assert len(set(messages)) == len(messages)
	assert {
		goal_form.TOTAL_MISMATCH,
		goal_form.END_BEFORE_START,
		official.LEVEL2_NOT_UNDER_LEVEL1,
		official.CAPTION_MISSING,
		official.ROW_BELOW_TOTAL,
		official.YEAR_MISSING,
		read.NOT_AN_AMOUNT,
		read.TARGET_NOT_A_NUMBER,
		upload.NO_FORM_SHEET,
		upload.OLD_XLS,
	} <= set(messages)
