"""项目支出绩效目标申报表 (财预〔2015〕88号 附1) filled by hand in Excel: what read_form("goal", …) returns."""

import pytest
from build import (
	GOAL_FORM,
	accepted,
	fields,
	form,
	one,
	only_record,
	pct,
	plain_workbook,
	refused,
	replace_text,
	rows,
	steps,
	workbook,
)

TARGET = ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")


def goal(**changes) -> dict:
	data, _ = one("goal", **changes)
	return only_record("goal", data)


def with_annual_target(target) -> list:
	"""The default rows with the annual target of 路面优良率 (second row) replaced."""
	changed = list(GOAL_FORM["rows"])
	changed[1] = (*changed[1][:6], target)
	return changed


# ---------------------------------------------------------------- accepted


def test_official_template_as_a_clerk_fills_it():
	record = goal()
	assert fields(
		record,
		"sheet",
		"performance_year",
		"project_name",
		"competent_department",
		"budget_unit",
		"project_attribute",
		"project_period",
		"medium_term_start_year",
		"medium_term_end_year",
		"medium_term_total",
		"medium_term_fiscal",
		"medium_term_other",
		"total_amount",
		"fiscal_amount",
		"other_amount",
		"long_term_goal",
		"annual_goal",
		"project_code",
		"budget_type",
		"is_key_project",
	) == {
		"sheet": "Sheet1",
		"performance_year": "2026",
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局 201001",
		"budget_unit": "市公路养护中心",
		"project_attribute": "Continuing Project",
		"project_period": "3年",
		"medium_term_start_year": 2025,
		"medium_term_end_year": 2027,
		"medium_term_total": 3600.0,
		"medium_term_fiscal": 3000.0,
		"medium_term_other": 600.0,
		"total_amount": 1234.56,
		"fiscal_amount": 1000.5,
		"other_amount": 234.06,
		"long_term_goal": "目标1：三年完成全市360公里道路养护。\n目标2：路面优良率稳定在92%以上。",
		"annual_goal": "目标1：完成120公里道路养护。\n目标2：优良率≥92%。",
		"project_code": None,
		"budget_type": None,
		"is_key_project": None,
	}


def test_annual_indicators_of_the_official_template():
	record = goal()
	assert rows(record, "indicators", *TARGET, "row") == [
		("Output", "Quantity", "养护道路里程", ">=", 120.0, None, "公里", 13),
		("Output", "Quality", "路面优良率", ">=", 92.0, None, "%", 14),
		("Output", "Timeliness", "养护任务完成时间", "Qualitative", None, "2026年12月底前", None, 15),
		("Effect", "Social", "群众出行时间节省", ">=", 5.0, None, "分钟", 16),
		("Satisfaction", "Service Recipient", "沿线群众满意度", ">=", 90.0, None, "%", 17),
	]
	assert rows(record, "indicators", "weight", "evaluation_standard") == [(None, None)] * 5


def test_medium_term_indicators_of_the_official_template():
	record = goal()
	assert rows(record, "medium_term_indicators", *TARGET, "row") == [
		("Output", "Quantity", "养护道路里程", ">=", 360.0, None, "公里", 13),
		("Output", "Quality", "路面优良率", ">=", 92.0, None, "%", 14),
		("Output", "Timeliness", "养护任务完成时间", "Qualitative", None, "2027年12月底前", None, 15),
		("Effect", "Social", "道路通行条件", "Qualitative", None, "明显改善", None, 16),
		("Satisfaction", "Service Recipient", "沿线群众满意度", ">=", 90.0, None, "%", 17),
	]


def test_year_in_the_title_and_no_year_line_nor_annex():
	record = goal(annex=None, title="2026年度项目支出绩效目标申报表", year_line=None)
	assert record["performance_year"] == "2026"
	assert [row["row"] for row in record["indicators"]] == [11, 12, 13, 14, 15]


@pytest.mark.parametrize("line", ["(2026年度)", "（ 2026 年度）", "（2026年）", "2026年度"])
def test_year_line_as_people_type_it(line):
	assert goal(year_line=line)["performance_year"] == "2026"


def test_form_shifted_one_column_right_and_two_rows_down():
	record = goal(top=2, left=1)
	assert fields(record, "project_name", "total_amount", "medium_term_total", "annual_goal") == {
		"project_name": "城市道路养护项目",
		"total_amount": 1234.56,
		"medium_term_total": 3600.0,
		"annual_goal": "目标1：完成120公里道路养护。\n目标2：优良率≥92%。",
	}
	assert rows(record, "indicators", "indicator_name", "target_value", "row") == [
		("养护道路里程", 120.0, 15),
		("路面优良率", 92.0, 16),
		("养护任务完成时间", None, 17),
		("群众出行时间节省", 5.0, 18),
		("沿线群众满意度", 90.0, 19),
	]


def test_caption_row_with_medium_term_and_annual_over_the_indicator_header():
	record = goal(indicator_caption_row=True)
	assert rows(record, "indicators", "level1", "level2", "target_value", "row")[0] == (
		"Output",
		"Quantity",
		120.0,
		14,
	)
	assert rows(record, "medium_term_indicators", "indicator_name", "target_value")[0] == (
		"养护道路里程",
		360.0,
	)
	assert len(record["indicators"]) == len(record["medium_term_indicators"]) == 5


def test_blank_rows_between_indicator_rows_are_skipped():
	spaced = list(GOAL_FORM["rows"])
	spaced.insert(3, None)
	spaced.insert(1, None)
	record = goal(rows=spaced)
	assert rows(record, "indicators", "level1", "indicator_name", "row") == [
		("Output", "养护道路里程", 13),
		("Output", "路面优良率", 15),
		("Output", "养护任务完成时间", 16),
		("Effect", "群众出行时间节省", 18),
		("Satisfaction", "沿线群众满意度", 19),
	]


def test_nothing_merged_and_level1_typed_on_every_row():
	repeated = [("产出指标", *row[1:]) if row[0] is None else row for row in GOAL_FORM["rows"]]
	record = goal(merge=False, rows=repeated)
	assert rows(record, "indicators", "level1", "level2") == [
		("Output", "Quantity"),
		("Output", "Quality"),
		("Output", "Timeliness"),
		("Effect", "Social"),
		("Satisfaction", "Service Recipient"),
	]
	assert fields(record, "project_name", "budget_unit", "medium_term_other") == {
		"project_name": "城市道路养护项目",
		"budget_unit": "市公路养护中心",
		"medium_term_other": 600.0,
	}


def test_amounts_typed_with_wan_yuan_and_yuan():
	record = goal(
		mid_total="3600万元",
		mid_fiscal="3,000万元",
		mid_other="600.00",
		total="12,345,600元",
		fiscal="10,005,000元",
		other="2,340,600元",
	)
	assert fields(
		record,
		"medium_term_total",
		"medium_term_fiscal",
		"medium_term_other",
		"total_amount",
		"fiscal_amount",
		"other_amount",
	) == {
		"medium_term_total": 3600.0,
		"medium_term_fiscal": 3000.0,
		"medium_term_other": 600.0,
		"total_amount": 1234.56,
		"fiscal_amount": 1000.5,
		"other_amount": 234.06,
	}


@pytest.mark.parametrize("nothing", ["—", "/", "无", None])
def test_no_other_funds_written_as_a_dash_or_left_blank(nothing):
	record = goal(mid_total=3000, mid_other=nothing, total=1000.5, other=nothing)
	assert fields(record, "medium_term_total", "medium_term_fiscal", "medium_term_other") == {
		"medium_term_total": 3000.0,
		"medium_term_fiscal": 3000.0,
		"medium_term_other": 0.0,
	}
	assert fields(record, "total_amount", "fiscal_amount", "other_amount") == {
		"total_amount": 1000.5,
		"fiscal_amount": 1000.5,
		"other_amount": 0.0,
	}


def test_full_width_digits_and_numbers_stored_as_text():
	changed = list(GOAL_FORM["rows"])
	changed[0] = (*changed[0][:6], "≥１２０公里")
	record = goal(total="１２３４.５６", fiscal="1000.5", other="234.06", mid_total="3600", rows=changed)
	assert fields(record, "total_amount", "fiscal_amount", "other_amount", "medium_term_total") == {
		"total_amount": 1234.56,
		"fiscal_amount": 1000.5,
		"other_amount": 234.06,
		"medium_term_total": 3600.0,
	}
	assert rows(record, "indicators", "operator", "target_value", "unit")[0] == (">=", 120.0, "公里")


def test_the_apps_extra_columns_and_header_block_right_of_the_print_area():
	extended = [
		(*row, unit, weight, standard)
		for row, unit, weight, standard in zip(
			GOAL_FORM["rows"],
			("公里", "%", None, "分钟", "%"),
			("20分", 15, 15, "30", "10分"),
			("每少1公里扣1分", "每低1个百分点扣1分", "每延期1月扣5分", "按比例扣分", "每低1个百分点扣1分"),
			strict=True,
		)
	]
	record = goal(
		rows=extended,
		extra_columns=True,
		extra_header={"项目编码": "XM-2026-001", "预算类型": "年初预算", "是否重点项目": "是"},
	)
	assert fields(record, "project_code", "budget_type", "is_key_project") == {
		"project_code": "XM-2026-001",
		"budget_type": "Annual",
		"is_key_project": True,
	}
	assert rows(record, "indicators", "unit", "weight", "evaluation_standard") == [
		("公里", 20.0, "每少1公里扣1分"),
		("%", 15.0, "每低1个百分点扣1分"),
		(None, 15.0, "每延期1月扣5分"),
		("分钟", 30.0, "按比例扣分"),
		("%", 10.0, "每低1个百分点扣1分"),
	]


def test_supplementary_budget_and_not_a_key_project():
	record = goal(extra_header={"项目编码": "XM-2026-002", "预算类型": "追加预算", "是否重点项目": "否"})
	assert fields(record, "project_code", "budget_type", "is_key_project") == {
		"project_code": "XM-2026-002",
		"budget_type": "Supplementary",
		"is_key_project": False,
	}


@pytest.mark.parametrize("dash", ["—", "-", "－", "至"])
def test_new_project_with_its_period_as_a_range_of_years(dash):
	record = goal(attribute="新增项目", period="2026-2028年", mid_caption=f"中期目标（2026{dash}2028年）")
	assert fields(
		record, "project_attribute", "project_period", "medium_term_start_year", "medium_term_end_year"
	) == {
		"project_attribute": "New Project",
		"project_period": "2026-2028年",
		"medium_term_start_year": 2026,
		"medium_term_end_year": 2028,
	}


def test_captions_with_colons_as_printed_in_the_attachment():
	record = goal(mid_total_caption="中期资金总额：", annual_total_caption="年度资金总额：")
	assert fields(record, "medium_term_total", "total_amount") == {
		"medium_term_total": 3600.0,
		"total_amount": 1234.56,
	}


def test_short_level_words_and_cost_as_its_own_level1():
	changed = [
		("产出", "数量", "养护道路里程", "≥360公里", "数量", "养护道路里程", "≥120公里"),
		(
			"成本指标",
			"经济成本指标",
			"每公里养护成本",
			"≤10万元",
			"经济成本指标",
			"每公里养护成本",
			"≤10万元",
		),
		("效益", "社会效益", "道路通行条件", "明显改善", "社会效益", "群众出行时间节省", "≥5分钟"),
		("满意度", "服务对象满意度", "沿线群众满意度", "≥90%", "服务对象满意度", "沿线群众满意度", "≥90%"),
	]
	record = goal(rows=changed)
	assert rows(record, "indicators", "level1", "level2", "operator", "target_value", "unit") == [
		("Output", "Quantity", ">=", 120.0, "公里"),
		("Cost", "Economic Cost", "<=", 10.0, "万元"),
		("Effect", "Social", ">=", 5.0, "分钟"),
		("Satisfaction", "Service Recipient", ">=", 90.0, "%"),
	]


def test_two_projects_on_two_sheets_and_an_empty_default_sheet():
	second = form(
		"goal",
		project_name="农村公路安保工程",
		attribute="新增项目",
		period="1年",
		mid_caption="中期目标（2026—2026年）",
		mid_total=500,
		mid_fiscal=500,
		mid_other=None,
		total=500,
		fiscal=500,
		other=None,
	)
	data, _ = workbook("goal", ("道路养护", form("goal")), ("安保工程", second), extra_sheets={"Sheet3": []})
	records = accepted("goal", data)
	assert [(r["sheet"], r["project_name"], r["total_amount"], r["other_amount"]) for r in records] == [
		("道路养护", "城市道路养护项目", 1234.56, 234.06),
		("安保工程", "农村公路安保工程", 500.0, 0.0),
	]


TARGETS = [
	("90%以上", (">=", 90.0, None, "%")),
	("≥90%", (">=", 90.0, None, "%")),
	("不低于90%", (">=", 90.0, None, "%")),
	(">=90%", (">=", 90.0, None, "%")),
	("＞＝90％", (">=", 90.0, None, "%")),
	(">90%", (">", 90.0, None, "%")),
	("≤5%", ("<=", 5.0, None, "%")),
	("不高于5%", ("<=", 5.0, None, "%")),
	("5%以下", ("<=", 5.0, None, "%")),
	("<3天", ("<", 3.0, None, "天")),
	("100%", ("=", 100.0, None, "%")),
	(pct(1, "0%"), ("=", 100.0, None, "%")),
	(pct(0.955), ("=", 95.5, None, "%")),
	("120", ("=", 120.0, None, None)),
	(120, ("=", 120.0, None, None)),
	("120公里", ("=", 120.0, None, "公里")),
	("明显改善", ("Qualitative", None, "明显改善", None)),
	("定性：按期完成", ("Qualitative", None, "按期完成", None)),
]


@pytest.mark.parametrize(("typed", "read"), TARGETS, ids=[str(typed) for typed, _ in TARGETS])
def test_annual_target_as_people_type_it(typed, read):
	record = goal(rows=with_annual_target(typed))
	assert rows(record, "indicators", "operator", "target_value", "target_text", "unit")[1] == read


# ---------------------------------------------------------------- refused


def test_an_empty_sheet_is_not_the_form():
	refused("goal", plain_workbook({"Sheet1": []}), "not_the_form")


def test_a_staff_list_is_not_the_form():
	data = plain_workbook({"名单": [["姓名", "部门", "电话"], ["张三", "财务科", "0571-88888888"]]})
	refused("goal", data, "not_the_form")


def test_a_monitoring_form_uploaded_as_a_goal():
	data, _ = workbook("monitoring")
	refused("goal", data, "not_the_form")


def test_a_text_file_renamed_xlsx():
	refused("goal", "项目名称,城市道路养护项目\n".encode(), "not_a_workbook")


def test_every_missing_caption_is_listed_at_once():
	data, _ = one("goal", post=steps(replace_text("项目名称", None), replace_text("实施单位", None)))
	errors = refused("goal", data, "missing_caption")
	assert len(errors) == 2
	assert {"项目名称", "实施单位"} <= {arg for error in errors for arg in error.args}


def test_missing_annual_target_caption():
	data, _ = one("goal", post=lambda ws, built: ws.__setitem__(f"H{built.at['grid_header']}", None))
	errors = refused("goal", data, "missing_caption")
	assert any("指标值" in str(arg) for error in errors for arg in error.args)


def test_blank_project_name():
	data, built = one("goal", project_name=None)
	refused("goal", data, ("required", built.at["name"], None))


def test_text_in_the_annual_total():
	data, built = one("goal", total="约1200万元")
	refused("goal", data, ("not_an_amount", built.at["money"], "F"))


def test_negative_other_funds():
	data, built = one("goal", fiscal=1269.12, other=-34.56)
	refused("goal", data, ("negative", built.at["money"] + 2, "F"))


def test_annual_total_not_the_sum_of_its_parts():
	data, built = one("goal", total=1234.56, fiscal=1000, other=200)
	refused("goal", data, ("goal_parts_mismatch", built.at["money"], "F"))


def test_medium_term_total_not_the_sum_of_its_parts():
	data, built = one("goal", mid_total=3600, mid_fiscal=3000, mid_other=500)
	refused("goal", data, ("goal_parts_mismatch", built.at["money"], "C"))


def test_annual_level2_under_the_wrong_level1():
	changed = list(GOAL_FORM["rows"])
	changed[3] = (
		"效益指标",
		"社会效益指标",
		"道路通行条件",
		"明显改善",
		"数量指标",
		"群众出行时间节省",
		"≥5分钟",
	)
	data, built = one("goal", rows=changed)
	refused("goal", data, ("level2_not_under_level1", built.at[("row", 3)], None))


def test_medium_term_level2_under_the_wrong_level1():
	changed = list(GOAL_FORM["rows"])
	changed[4] = (
		"满意度指标",
		"社会效益指标",
		"沿线群众满意度",
		"≥90%",
		"服务对象满意度指标",
		"沿线群众满意度",
		"≥90%",
	)
	data, built = one("goal", rows=changed)
	refused("goal", data, ("level2_not_under_level1", built.at[("row", 4)], None))


def test_unknown_level1_word():
	changed = list(GOAL_FORM["rows"])
	changed[3] = ("其他指标", *changed[3][1:])
	data, built = one("goal", rows=changed)
	refused("goal", data, ("not_a_choice", built.at[("row", 3)], "B"))


def test_unknown_level2_word():
	changed = list(GOAL_FORM["rows"])
	changed[0] = ("产出指标", "数量指标", "养护道路里程", "≥360公里", "效率指标", "养护道路里程", "≥120公里")
	data, built = one("goal", rows=changed)
	refused("goal", data, ("not_a_choice", built.at[("row", 0)], "F"))


@pytest.mark.parametrize("typed", ["≥", "≥若干公里", "不低于", "<=约5%"])
def test_unreadable_annual_target(typed):
	data, built = one("goal", rows=with_annual_target(typed))
	refused("goal", data, ("unreadable_target", built.at[("row", 1)], "H"))


def test_unknown_project_attribute():
	data, built = one("goal", attribute="老项目")
	refused("goal", data, ("not_a_choice", built.at["attribute"], "B"))


def test_unknown_key_project_answer():
	data, built = one("goal", extra_header={"项目编码": "XM-2026-001", "是否重点项目": "待定"})
	refused("goal", data, ("not_a_choice", built.at["name"] + 1, "J"))


def test_text_in_the_weight_column():
	extended = [(*row, None, "二十分", None) for row in GOAL_FORM["rows"]]
	data, built = one("goal", rows=extended, extra_columns=True)
	errors = refused("goal", data, "not_a_score")
	assert {(error.row, error.column) for error in errors} == {(built.at[("row", i)], "J") for i in range(5)}


def test_an_error_on_the_second_sheet_refuses_the_first_too():
	data, _ = workbook("goal", ("道路养护", form("goal")), ("安保工程", form("goal", total="一千万")))
	errors = refused("goal", data, "not_an_amount")
	assert {error.sheet for error in errors} == {"安保工程"}
