"""项目支出绩效目标执行监控表 (财预〔2019〕136号) filled by hand in Excel: what read_form("monitoring", …) returns."""

import pytest
from build import (
	MONITORING_FORM,
	accepted,
	fields,
	form,
	one,
	only_record,
	pct,
	plain_workbook,
	put_cell,
	refused,
	replace_text,
	rows,
	steps,
	workbook,
)

TARGET = ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")
PROGRESS = ("actual_to_date", "actual_text", "qualitative_progress", "expected_completion", "likelihood")
REASON_KEYS = ("reason_funding", "reason_rules", "reason_staffing", "reason_conditions", "reason_other")


def monitoring(**changes) -> dict:
	data, _ = one("monitoring", **changes)
	return only_record("monitoring", data)


def with_row(index: int, **cells) -> list:
	"""The default rows with some cells of row ``index`` changed (names as in MONITORING_FORM["rows"])."""
	names = ("level1", "level2", "name", "target", "actual", "expected", "reasons", "marks", "remarks")
	changed = list(MONITORING_FORM["rows"])
	row = dict(zip(names, changed[index], strict=True))
	row.update(cells)
	changed[index] = tuple(row[name] for name in names)
	return changed


def with_money(**rows_changed) -> dict:
	"""The default money block with whole rows replaced: total=…, fiscal=…, other=…."""
	labels = {"total": "年度资金总额", "fiscal": "其中：财政拨款", "other": "其他资金"}
	money = dict(MONITORING_FORM["money"])
	for name, values in rows_changed.items():
		money[labels[name]] = values
	return money


# ---------------------------------------------------------------- accepted


def test_official_template_as_a_clerk_fills_it():
	record = monitoring()
	assert fields(
		record,
		"sheet",
		"performance_year",
		"period_end_month",
		"project_name",
		"competent_department",
		"budget_unit",
		"annual_budget",
		"executed_amount",
		"expected_full_year",
		"budget_fiscal",
		"executed_fiscal",
		"expected_fiscal",
		"budget_other",
		"executed_other",
		"expected_other",
		"execution_rate",
		"money_deviation_reason",
		"money_likelihood",
		"money_remarks",
		"annual_goal",
		"goal_progress",
		"project_code",
	) == {
		"sheet": "Sheet1",
		"performance_year": "2026",
		"period_end_month": 7,
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局 201001",
		"budget_unit": "市公路养护中心",
		"annual_budget": 800.0,
		"executed_amount": 450.0,
		"expected_full_year": 780.0,
		"budget_fiscal": 700.0,
		"executed_fiscal": 400.0,
		"expected_fiscal": 690.0,
		"budget_other": 100.0,
		"executed_other": 50.0,
		"expected_other": 90.0,
		"execution_rate": 56.25,
		"money_deviation_reason": "部分工程款待验收后支付",
		"money_likelihood": "Certain",
		"money_remarks": None,
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"goal_progress": "已完成70公里养护，优良率93%。",
		"project_code": None,
	}


def test_indicator_targets_of_the_official_template():
	assert rows(monitoring(), "indicators", *TARGET, "row") == [
		("Output", "Quantity", "养护道路里程", ">=", 120.0, None, "公里", 13),
		("Output", "Quality", "路面优良率", ">=", 92.0, None, "%", 14),
		("Output", "Timeliness", "养护任务完成时间", "Qualitative", None, "2026年12月底前", None, 15),
		("Effect", "Social", "群众出行时间节省", ">=", 5.0, None, "分钟", 16),
		("Satisfaction", "Service Recipient", "沿线群众满意度", ">=", 90.0, None, "%", 17),
	]


def test_indicator_progress_of_the_official_template():
	# 0.93 formatted as a percentage where the target is in %: 93; "91%" typed as text: 91.
	assert rows(monitoring(), "indicators", *PROGRESS) == [
		(70.0, None, None, 120.0, "Certain"),
		(93.0, None, None, 93.0, "Certain"),
		(None, None, "Partly", None, "Possible"),
		(3.0, None, None, 5.0, "Possible"),
		(91.0, None, None, 91.0, "Certain"),
	]


def test_deviation_reasons_and_remarks_kept_as_typed():
	assert rows(monitoring(), "indicators", *REASON_KEYS, "remarks", "corrective_measure") == [
		(None, None, None, None, None, None, None),
		(None, None, None, None, None, None, None),
		(None, None, None, "√", None, "雨季影响进度", None),
		("资金未到位", None, None, None, None, None, None),
		(None, None, None, None, None, None, None),
	]


def test_older_title_with_year_and_annex_line():
	record = monitoring(annex="附件2", title="2026年度项目支出绩效运行监控表", year_line=None)
	assert fields(record, "performance_year", "period_end_month", "project_name") == {
		"performance_year": "2026",
		"period_end_month": 7,
		"project_name": "城市道路养护项目",
	}
	assert [row["row"] for row in record["indicators"]] == [13, 14, 15, 16, 17]


@pytest.mark.parametrize(
	("month", "end"), [("1-7月", 7), ("1—7月", 7), ("1~7月", 7), ("1至7月", 7), ("1－6月", 6), ("1-12月", 12)]
)
def test_month_in_the_captions_as_people_write_it(month, end):
	assert monitoring(month=month)["period_end_month"] == end


def test_form_shifted_one_column_right_and_two_rows_down():
	record = monitoring(top=2, left=1)
	assert fields(record, "annual_budget", "executed_amount", "execution_rate", "budget_unit") == {
		"annual_budget": 800.0,
		"executed_amount": 450.0,
		"execution_rate": 56.25,
		"budget_unit": "市公路养护中心",
	}
	assert rows(record, "indicators", "indicator_name", "likelihood", "row") == [
		("养护道路里程", "Certain", 15),
		("路面优良率", "Certain", 16),
		("养护任务完成时间", "Possible", 17),
		("群众出行时间节省", "Possible", 18),
		("沿线群众满意度", "Certain", 19),
	]


def test_vertical_performance_indicator_label_left_of_the_grid():
	record = monitoring(label_column=True)
	assert rows(record, "indicators", "level1", "level2", "actual_to_date", "likelihood")[0] == (
		"Output",
		"Quantity",
		70.0,
		"Certain",
	)
	assert rows(record, "indicators", "reason_funding")[3] == ("资金未到位",)


def test_blank_rows_between_indicator_rows_are_skipped():
	spaced = list(MONITORING_FORM["rows"])
	spaced.insert(2, None)
	spaced.insert(2, None)
	record = monitoring(rows=spaced)
	assert rows(record, "indicators", "indicator_name", "row") == [
		("养护道路里程", 13),
		("路面优良率", 14),
		("养护任务完成时间", 17),
		("群众出行时间节省", 18),
		("沿线群众满意度", 19),
	]


def test_nothing_merged_and_level1_typed_on_every_row():
	repeated = [("产出指标", *row[1:]) if row[0] is None else row for row in MONITORING_FORM["rows"]]
	record = monitoring(merge=False, rows=repeated)
	assert rows(record, "indicators", "level1", "likelihood") == [
		("Output", "Certain"),
		("Output", "Certain"),
		("Output", "Possible"),
		("Effect", "Possible"),
		("Satisfaction", "Certain"),
	]
	assert fields(record, "annual_budget", "money_likelihood") == {
		"annual_budget": 800.0,
		"money_likelihood": "Certain",
	}


@pytest.mark.parametrize("mark", ["√", "✓", "✔", "是", "x"])
def test_one_likelihood_mark_in_the_impossible_column(mark):
	record = monitoring(rows=with_row(3, marks=(None, None, mark)))
	assert record["indicators"][3]["likelihood"] == "Impossible"


def test_no_likelihood_marked_reads_as_none():
	record = monitoring(rows=with_row(0, marks=(None, None, None)))
	assert record["indicators"][0]["likelihood"] is None


@pytest.mark.parametrize(
	"rate",
	["56.25%", pct(0.5625), 56.25, "56.25", 0.5625],
	ids=["text", "percent-cell", "figure", "figure-text", "fraction"],
)
def test_execution_rate_as_people_type_it(rate):
	money = with_money(total=(800, 450, rate, 780, "部分工程款待验收后支付", "确定能", None))
	assert monitoring(money=money)["execution_rate"] == 56.25


def test_amounts_typed_with_wan_yuan_and_yuan():
	money = with_money(
		total=("800万元", "4,500,000元", "56.25%", "780万元", None, "有可能", "按合同进度支付"),
		fiscal=("700", "4,000,000元", "57.14%", "690.00", None, None, None),
	)
	record = monitoring(money=money)
	assert fields(
		record,
		"annual_budget",
		"executed_amount",
		"expected_full_year",
		"budget_fiscal",
		"executed_fiscal",
		"expected_fiscal",
		"money_likelihood",
		"money_remarks",
		"money_deviation_reason",
	) == {
		"annual_budget": 800.0,
		"executed_amount": 450.0,
		"expected_full_year": 780.0,
		"budget_fiscal": 700.0,
		"executed_fiscal": 400.0,
		"expected_fiscal": 690.0,
		"money_likelihood": "Possible",
		"money_remarks": "按合同进度支付",
		"money_deviation_reason": None,
	}


@pytest.mark.parametrize("nothing", ["—", "/", "无", None])
def test_no_other_funds_written_as_a_dash_or_left_blank(nothing):
	money = with_money(
		total=(700, 400, "57.14%", 690, None, "确定能", None),
		other=(nothing, nothing, nothing, nothing, None, None, None),
	)
	record = monitoring(money=money)
	assert fields(
		record, "annual_budget", "budget_other", "executed_other", "expected_other", "execution_rate"
	) == {
		"annual_budget": 700.0,
		"budget_other": 0.0,
		"executed_other": 0.0,
		"expected_other": 0.0,
		"execution_rate": 57.14,
	}


def test_expected_caption_in_the_other_wording():
	record = monitoring(expected_caption="全年预计完成情况")
	assert rows(record, "indicators", "expected_completion") == [(120.0,), (93.0,), (None,), (5.0,), (91.0,)]


@pytest.mark.parametrize(
	("typed", "stored"),
	[
		("已达成", "Achieved"),
		("达成年度指标", "Achieved"),
		("好", "Achieved"),
		("较好", "Achieved"),
		("部分达成年度指标并具有一定效果", "Partly"),
		("一般", "Partly"),
		("未达成", "Not Achieved"),
		("差", "Not Achieved"),
	],
)
def test_qualitative_progress_words(typed, stored):
	record = monitoring(rows=with_row(2, actual=typed))
	assert rows(record, "indicators", "qualitative_progress", "actual_to_date")[2] == (stored, None)


def test_the_apps_extras_project_code_and_corrective_measures():
	extended = [
		(*row, measure)
		for row, measure in zip(
			MONITORING_FORM["rows"], (None, None, "增加夜间施工班组", "协调财政加快拨付", None), strict=True
		)
	]
	record = monitoring(rows=extended, measure_column=True, extra_header={"项目编码": "XM-2026-001"})
	assert record["project_code"] == "XM-2026-001"
	assert rows(record, "indicators", "corrective_measure") == [
		(None,),
		(None,),
		("增加夜间施工班组",),
		("协调财政加快拨付",),
		(None,),
	]


def test_two_projects_on_two_sheets():
	second = form(
		"monitoring",
		project_name="农村公路安保工程",
		money=with_money(
			total=(300, 120, "40%", 300, "招标延后", "有可能", None),
			fiscal=(300, 120, "40%", 300, None, None, None),
			other=(None, None, None, None, None, None, None),
		),
	)
	data, _ = workbook("monitoring", ("道路养护", form("monitoring")), ("安保工程", second))
	records = accepted("monitoring", data)
	assert [
		(r["sheet"], r["project_name"], r["annual_budget"], r["execution_rate"], r["money_likelihood"])
		for r in records
	] == [
		("道路养护", "城市道路养护项目", 800.0, 56.25, "Certain"),
		("安保工程", "农村公路安保工程", 300.0, 40.0, "Possible"),
	]


# ---------------------------------------------------------------- refused


def test_a_goal_form_uploaded_as_monitoring():
	data, _ = workbook("goal")
	refused("monitoring", data, "not_the_form")


def test_a_sheet_of_notes_is_not_the_form():
	refused(
		"monitoring",
		plain_workbook({"填表说明": [["1. 金额单位为万元"], ["2. 完成目标可能性请打√"]]}),
		"not_the_form",
	)


def test_every_missing_caption_is_listed_at_once():
	data, _ = one("monitoring", post=steps(replace_text("年初预算数", None), replace_text("三级指标", None)))
	errors = refused("monitoring", data, "missing_caption")
	assert len(errors) == 2
	assert {"年初预算数", "三级指标"} <= {arg for error in errors for arg in error.args}


def test_remarks_typed_under_a_missing_caption_are_not_dropped():
	"""Row 15 holds a remark (雨季影响进度); without the 备注 captions it would be lost without a word."""
	data, _ = one("monitoring", post=replace_text("备注", None))
	errors = refused("monitoring", data, "missing_caption")
	assert any("备注" in error.args for error in errors)


def test_blank_project_name():
	data, built = one("monitoring", project_name=None)
	refused("monitoring", data, ("required", built.at["name"], None))


@pytest.mark.parametrize(
	"marks",
	[("√", "√", None), ("√", None, "√"), (None, "是", "√")],
	ids=["certain+possible", "certain+impossible", "two-words"],
)
def test_two_likelihood_marks_on_one_row(marks):
	data, built = one("monitoring", rows=with_row(0, marks=marks))
	refused("monitoring", data, ("two_likelihoods", built.at[("row", 0)], None))


def test_text_in_the_executed_amount():
	money = with_money(total=(800, "约四百五十", "56.25%", 780, None, "确定能", None))
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("not_an_amount", built.at[("money", "年度资金总额")], "G"))


def test_negative_expected_amount():
	money = with_money(
		fiscal=(700, 400, "57.14%", 790, None, None, None),
		other=(100, 50, "50.00%", -10, None, None, None),
	)
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("negative", built.at[("money", "其他资金")], "J"))


def test_budget_total_not_the_sum_of_its_parts():
	money = with_money(fiscal=(650, 400, "61.54%", 690, None, None, None))
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("goal_parts_mismatch", built.at[("money", "年度资金总额")], "E"))


def test_executed_total_not_the_sum_of_its_parts():
	money = with_money(other=(100, 40, "40.00%", 90, None, None, None))
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("goal_parts_mismatch", built.at[("money", "年度资金总额")], "G"))


def test_execution_rate_above_100_percent():
	money = with_money(
		total=(800, 900, "112.50%", 900, None, "确定能", None),
		fiscal=(700, 800, "114.29%", 800, None, None, None),
		other=(100, 100, "100.00%", 100, None, None, None),
	)
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("rate_above_100", built.at[("money", "年度资金总额")], None))


def test_level2_under_the_wrong_level1():
	data, built = one("monitoring", rows=with_row(3, level2="质量指标"))
	refused("monitoring", data, ("level2_not_under_level1", built.at[("row", 3)], None))


def test_unknown_level1_word():
	data, built = one("monitoring", rows=with_row(4, level1="群众指标"))
	refused("monitoring", data, ("not_a_choice", built.at[("row", 4)], "A"))


def test_unknown_progress_word_for_a_qualitative_indicator():
	data, built = one("monitoring", rows=with_row(2, actual="进行中"))
	refused("monitoring", data, ("unknown_result", built.at[("row", 2)], "E"))


def test_text_as_the_actual_of_a_quantitative_indicator():
	data, built = one("monitoring", rows=with_row(0, actual="约七十公里"))
	refused("monitoring", data, ("not_a_number", built.at[("row", 0)], "E"))


def test_unreadable_target():
	data, built = one("monitoring", rows=with_row(0, target="≥约120公里"))
	refused("monitoring", data, ("unreadable_target", built.at[("row", 0)], "D"))


def test_unknown_money_likelihood_word():
	money = with_money(total=(800, 450, "56.25%", 780, None, "大概能", None))
	data, built = one("monitoring", money=money)
	refused("monitoring", data, ("not_a_choice", built.at[("money", "年度资金总额")], "M"))


def test_months_in_the_captions_disagree():
	data, _ = one("monitoring", post=put_cell("actual", "grid_header", "1-6月实际完成值"))
	refused("monitoring", data, "months_differ")
