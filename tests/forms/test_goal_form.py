"""项目支出绩效目标申报表: export, import, round trips and every malformed upload."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from workbooks import cell_values, edited, only_error, without_rows

from perf_budget.forms import goal_form, upload
from perf_budget.forms.goal_form import GOAL_FORM, MAX_IMPORT_BYTES, export_goals, import_goals, read_target
from perf_budget.forms.layout import (
	AFTER_EMPTY_ROW,
	NEGATIVE,
	NOT_A_CHOICE,
	NOT_A_NUMBER,
	REQUIRED,
	WRONG_TEMPLATE,
	FormError,
)


def make_goal(code="XM-2026-001", **changes):
	goal = {
		"performance_year": "2026",
		"project_name": "城市道路养护项目",
		"project_code": code,
		"competent_department": "市交通运输局",
		"budget_unit": "市公路养护中心",
		"budget_type": "Annual",
		"period_start": datetime.date(2026, 1, 1),
		"period_end": datetime.date(2026, 12, 31),
		"contact_person": "张三",
		"contact_phone": "0571-88888888",
		"is_key_project": True,
		"total_amount": 1234.56,
		"fiscal_amount": 1000.5,
		"other_amount": 234.06,
		"basis": "《公路法》第三十五条；\n市政府2025年第12次常务会议纪要。",
		"implementation_plan": "分三个标段公开招标，" * 20,
		"schedule": "1-3月招标，4-10月施工，11-12月验收。",
		"long_term_goal": "路况优良率稳定在90%以上。",
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"indicators": [
			_indicator("Output", "Quantity", "养护道路里程", ">=", 120, None, "公里", 20),
			_indicator("Output", "Quantity", "修补坑槽面积", ">", 5000.5, None, "平方米", 10),
			_indicator("Output", "Quality", "工程验收合格率", "=", 100, None, "%", 10),
			_indicator("Output", "Timeliness", "完工时间", "Qualitative", None, "2026年11月底前", None, 5),
			_indicator("Output", "Cost", "每公里养护成本", "<=", 8.5, None, "万元/公里", 5),
			_indicator(
				"Effect", "Social", "道路通行效率", "Qualitative", None, "明显提升，拥堵投诉减少", None, 15
			),
			_indicator("Effect", "Sustainable", "路况优良率", ">=", 92, None, "%", 15),
			_indicator("Satisfaction", "Service Recipient", "市民满意度", ">=", 90, None, "%", 10),
			_indicator("Cost", "Economic Cost", "单位成本", "<", 9, None, "万元", 0),
		],
	}
	goal.update(changes)
	return goal


def _indicator(level1, level2, name, operator, value, text, unit, weight):
	return {
		"level1": level1,
		"level2": level2,
		"indicator_name": name,
		"operator": operator,
		"target_value": None if value is None else float(value),
		"target_text": text,
		"unit": unit,
		"weight": float(weight),
		"evaluation_standard": f"{name}达标得满分，每低1%扣0.5分",
	}


def import_with(**cells):
	return import_goals(edited(export_goals([make_goal()]), **cells), "goal.xlsx")


# ---------------------------------------------------------------- round trips


def test_one_goal_round_trips():
	goal = make_goal()
	goals, errors = import_goals(export_goals([goal]), "goal.xlsx")
	assert errors == []
	assert [without_rows(found) for found in goals] == [goal]


def test_several_goals_round_trip_one_sheet_each():
	goals = [
		make_goal("A-1"),
		make_goal("B-2", budget_type="Supplementary", is_key_project=False),
		make_goal("A-1"),
	]
	data = export_goals(goals)
	assert load_workbook(io.BytesIO(data)).sheetnames == ["A-1", "B-2", "A-1(2)"]
	found, errors = import_goals(data)
	assert errors == []
	assert [without_rows(goal) for goal in found] == goals


def test_export_import_export_gives_the_same_cells():
	data = export_goals([make_goal("A-1"), make_goal("B-2")])
	goals, errors = import_goals(data)
	assert errors == []
	assert cell_values(export_goals(goals)) == cell_values(data)


def test_indicators_keep_their_sheet_rows():
	goals, _ = import_goals(export_goals([make_goal()]))
	first = GOAL_FORM.grid.first_row
	assert [indicator["row"] for indicator in goals[0]["indicators"]] == list(range(first, first + 9))


def test_long_sheet_names_are_cut_to_31_characters_and_cleaned():
	data = export_goals([make_goal("X" * 40), make_goal("X" * 40), make_goal("a/b:c")])
	assert load_workbook(io.BytesIO(data)).sheetnames == ["X" * 31, "X" * 28 + "(2)", "a_b_c"]


def test_no_goals_exports_a_blank_form_that_reads_back_as_missing_values():
	goals, errors = import_goals(export_goals([]))
	assert goals == []
	assert {(error.row, error.column) for error in errors} >= {(13, "B"), (3, "B")}
	assert all(error.message == REQUIRED for error in errors)


# ---------------------------------------------------------------- looks like the printed form


def test_form_has_merged_bold_title_borders_widths_and_formats():
	ws = load_workbook(io.BytesIO(export_goals([make_goal()]))).active
	assert "A1:G1" in {str(merged) for merged in ws.merged_cells.ranges}
	assert ws["A1"].value == "项目支出绩效目标申报表" and ws["A1"].font.b
	assert ws["A3"].value == "项目名称"
	# A merged value range is bordered all round, not only at its top-left cell.
	assert ws["B3"].border.left.style == "thin" and ws["D3"].border.right.style == "thin"
	assert ws.column_dimensions["C"].width == 30 and ws.column_dimensions["G"].width == 36
	assert ws["B10"].alignment.wrap_text
	assert ws["B8"].value == 1234.56 and ws["B8"].number_format == "0.00"
	assert ws["A15"].value == "一级指标" and ws["G15"].value == "评(扣)分标准"


def test_grid_shows_chinese_levels_and_signs_and_merges_level_one():
	ws = load_workbook(io.BytesIO(export_goals([make_goal()]))).active
	merged = {str(merged) for merged in ws.merged_cells.ranges}
	assert {"A16:A20", "A21:A22", "B16:B17"} <= merged
	assert [ws.cell(16, column).value for column in range(1, 7)] == [
		"产出指标",
		"数量指标",
		"养护道路里程",
		"≥120",
		"公里",
		20,
	]
	assert ws["D17"].value == ">5000.5" and ws["D20"].value == "≤8.5"
	assert ws["D19"].value == "定性：2026年11月底前"
	assert ws["B21"].value == "社会效益指标" and ws["B23"].value == "服务对象满意度指标"


def test_merged_level_cells_are_read_from_their_top_left_cell():
	ws = load_workbook(io.BytesIO(export_goals([make_goal()]))).active
	assert ws["A17"].value is None  # a merged cell keeps its value at the top-left only
	goals, _ = import_goals(export_goals([make_goal()]))
	assert [row["level1"] for row in goals[0]["indicators"][:5]] == ["Output"] * 5


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
		("定性：按期完成", None, ("Qualitative", None, "按期完成", None)),
		("定性:按期完成", None, ("Qualitative", None, "按期完成", None)),
		("按期完成（含验收）", None, ("Qualitative", None, "按期完成（含验收）", None)),
		("95%以上", None, ("Qualitative", None, "95%以上", None)),
	],
)
def test_target_cell_is_read_as_operator_value_and_unit(raw, unit, expected):
	assert read_target(raw, unit) == expected


def test_level_names_without_the_trailing_word_are_accepted():
	goals, errors = import_with(A16="产出", B16="数量", B18="质量指标")
	assert errors == []
	assert goals[0]["indicators"][0]["level2"] == "Quantity"


def test_dates_and_year_typed_as_text_are_read():
	goals, errors = import_with(B2="2026年度", B6="2026/3/1", F6="2026年12月31日", F7=13800000000)
	assert errors == []
	goal = goals[0]
	assert goal["performance_year"] == "2026"
	assert (goal["period_start"], goal["period_end"]) == (
		datetime.date(2026, 3, 1),
		datetime.date(2026, 12, 31),
	)
	assert goal["contact_phone"] == "13800000000"


def test_a_total_row_ends_the_indicator_grid():
	goals, errors = import_with(A25="合计", F25=100, A26="填报人：李四", B26="x")
	assert errors == []
	assert len(goals[0]["indicators"]) == 9


# ---------------------------------------------------------------- malformed uploads


def test_changed_caption_is_the_wrong_template():
	goals, errors = import_with(A3="名称")
	error = only_error(errors)
	assert goals == []
	assert (error.message, error.row, error.column) == (WRONG_TEMPLATE, 3, "A")
	assert error.args == ("项目支出绩效目标申报表", "A3", "项目名称")


def test_random_sheet_read_as_the_form_is_the_wrong_template():
	ws = Workbook().active
	ws["A1"] = "随便什么"
	record, errors = goal_form.read_form(ws, GOAL_FORM)
	assert record == {}
	assert only_error(errors).message == WRONG_TEMPLATE


def test_workbook_without_the_form_is_a_missing_sheet():
	workbook = Workbook()
	workbook.active.title = "Sheet1"
	workbook.active.append(["项目名称", "金额"])
	workbook.active.append(["道路", 100])
	buffer = io.BytesIO()
	workbook.save(buffer)
	goals, errors = import_goals(buffer.getvalue(), "goals.xlsx")
	assert goals == []
	error = only_error(errors)
	assert (error.message, error.sheet) == (upload.NO_FORM_SHEET, None)


def test_other_sheets_beside_the_form_are_ignored():
	workbook = load_workbook(io.BytesIO(export_goals([make_goal()])))
	workbook.create_sheet("填表说明")["A1"] = "请按说明填写"
	buffer = io.BytesIO()
	workbook.save(buffer)
	goals, errors = import_goals(buffer.getvalue())
	assert errors == [] and len(goals) == 1


def test_text_in_an_amount_cell_names_sheet_row_and_column():
	goals, errors = import_with(D8="一千万")
	error = only_error(errors)
	assert goals == []
	assert (error.sheet, error.row, error.column, error.message) == ("XM-2026-001", 8, "D", NOT_A_NUMBER)
	assert error.args == ("其中：财政资金", "一千万")


def test_text_in_a_weight_cell_names_its_row():
	error = only_error(import_with(F18="十分")[1])
	assert (error.row, error.column, error.message) == (18, "F", NOT_A_NUMBER)


def test_negative_amount_and_weight_are_refused():
	goals, errors = import_with(F8=-34.06, B8=966.44, F17=-1)
	assert goals == []
	assert {(error.row, error.column, error.message) for error in errors} == {
		(8, "F", NEGATIVE),
		(17, "F", NEGATIVE),
	}


def test_total_must_equal_fiscal_plus_other():
	error = only_error(import_with(B8=1300)[1])
	assert (error.row, error.column, error.message) == (8, "B", goal_form.TOTAL_MISMATCH)
	assert error.args == ("资金总额", "1300.00", "1234.56")


def test_total_within_half_a_cent_of_wan_yuan_is_accepted():
	# 1000.504 rounds to 1000.50 as the cell shows, so the sum still matches.
	goals, errors = import_with(D8=1000.504)
	assert errors == [] and goals[0]["fiscal_amount"] == 1000.5


def test_unknown_level_name_is_refused():
	error = only_error(import_with(A16="产量指标")[1])
	assert (error.row, error.column, error.message) == (16, "A", NOT_A_CHOICE)


def test_level_two_under_the_wrong_level_one_is_refused():
	error = only_error(import_with(B23="数量指标")[1])
	assert (error.row, error.column, error.message) == (23, "B", goal_form.LEVEL2_NOT_UNDER_LEVEL1)
	assert error.args == ("数量指标", "满意度指标")


def test_target_with_text_after_the_operator_is_refused():
	error = only_error(import_with(D16="≥很多")[1])
	assert (error.row, error.column, error.message) == (16, "D", goal_form.TARGET_NOT_A_NUMBER)


def test_unit_in_the_target_must_match_the_unit_column():
	error = only_error(import_with(D16="≥120米")[1])
	assert (error.column, error.message) == ("D", goal_form.TARGET_UNIT_DIFFERS)


def test_missing_annual_goal_is_refused():
	goals, errors = import_with(B13=None)
	error = only_error(errors)
	assert goals == []
	assert (error.row, error.column, error.message, error.args) == (13, "B", REQUIRED, ("年度目标",))


def test_end_date_before_start_is_refused():
	error = only_error(import_with(F6=datetime.date(2025, 12, 31))[1])
	assert (error.row, error.column, error.message) == (6, "F", goal_form.END_BEFORE_START)


def test_every_error_of_a_file_is_reported_at_once():
	data = export_goals([make_goal("A-1"), make_goal("B-2")])
	workbook = load_workbook(io.BytesIO(data))
	workbook["A-1"]["B13"] = None
	workbook["B-2"]["A16"] = "未知"
	workbook["B-2"]["F16"] = "abc"
	buffer = io.BytesIO()
	workbook.save(buffer)
	goals, errors = import_goals(buffer.getvalue())
	assert goals == []
	assert [(error.sheet, error.row, error.column) for error in errors] == [
		("A-1", 13, "B"),
		("B-2", 16, "A"),
		("B-2", 16, "F"),
	]


def test_indicator_rows_below_an_empty_row_are_not_silently_dropped():
	errors = import_with(A30="产出指标", B30="数量指标", C30="新增指标")[1]
	error = only_error(errors)
	assert (error.row, error.column, error.message, error.args) == (30, None, AFTER_EMPTY_ROW, (25,))


def test_empty_file_is_refused():
	assert import_goals(b"", "goal.xlsx") == (
		[],
		[FormError(None, None, None, upload.EMPTY_FILE)],
	)


@pytest.mark.parametrize(
	"data",
	[
		"项目名称,金额\n道路,100\n".encode(),
		b"PK\x03\x04 a broken zip",
		# A zip that is not a workbook.
		b"",
	],
	ids=["text renamed .xlsx", "broken zip", "zip without a workbook"],
)
def test_non_excel_bytes_are_refused_clearly(data):
	if not data:
		buffer = io.BytesIO()
		with zipfile.ZipFile(buffer, "w") as archive:
			archive.writestr("hello.txt", "hi")
		data = buffer.getvalue()
	goals, errors = import_goals(data, "goal.xlsx")
	assert goals == []
	assert only_error(errors).message == upload.NOT_XLSX


def test_old_xls_is_told_to_save_as_xlsx():
	error = only_error(import_goals(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "goal.xls")[1])
	assert error.message == upload.OLD_XLS


def test_oversized_file_is_refused_before_it_is_opened():
	data = b"PK" + bytes(MAX_IMPORT_BYTES)
	error = only_error(import_goals(data, "goal.xlsx")[1])
	assert error.message == upload.FILE_TOO_LARGE
	assert error.args == (5, 5)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
	monkeypatch.setattr(upload, "MAX_UNPACKED_BYTES", 1024 * 1024)
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("xl/worksheets/sheet1.xml", bytes(upload.MAX_UNPACKED_BYTES + 1))
	data = buffer.getvalue()
	assert len(data) < MAX_IMPORT_BYTES
	assert only_error(import_goals(data)[1]).message == upload.UNPACKS_TOO_LARGE


def test_merging_whole_columns_is_refused_before_openpyxl_expands_it(monkeypatch):
	monkeypatch.setattr(upload, "MAX_MERGED_CELLS", 1000)
	workbook = load_workbook(io.BytesIO(export_goals([make_goal()])))
	workbook.active.merge_cells("H1:H2000")
	buffer = io.BytesIO()
	workbook.save(buffer)
	error = only_error(import_goals(buffer.getvalue())[1])
	assert error.message == upload.TOO_MANY_MERGED
