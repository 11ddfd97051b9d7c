"""项目支出绩效自评表 (财预〔2020〕10号 附1) filled by hand in Excel: what read_form("evaluation", …) returns."""

import pytest
from build import (
	EVALUATION_FORM,
	accepted,
	fields,
	form,
	one,
	only_record,
	pct,
	put_cell,
	refused,
	replace_text,
	rows,
	steps,
	workbook,
)

TARGET = ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")
RESULT = ("actual_value", "qualitative_result", "weight", "score", "deviation_analysis")
MONEY = (
	"initial_budget",
	"annual_budget",
	"executed_amount",
	"initial_fiscal",
	"annual_fiscal",
	"executed_fiscal",
	"initial_carryover",
	"annual_carryover",
	"executed_carryover",
	"initial_other",
	"annual_other",
	"executed_other",
)
TOTAL, FISCAL, CARRYOVER, OTHER = "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"
PART = ("—", "—", "—")


def evaluation(**changes) -> dict:
	data, _ = one("evaluation", **changes)
	return only_record("evaluation", data)


def with_row(index: int, **cells) -> list:
	"""The default rows with some cells of row ``index`` changed."""
	names = ("level1", "level2", "name", "target", "actual", "weight", "score", "analysis")
	changed = list(EVALUATION_FORM["rows"])
	row = dict(zip(names, changed[index], strict=True))
	row.update(cells)
	changed[index] = tuple(row[name] for name in names)
	return changed


def with_money(**changed) -> dict:
	"""The default money block with whole rows replaced (by label)."""
	return {**EVALUATION_FORM["money"], **changed}


# ---------------------------------------------------------------- accepted


def test_official_template_as_a_clerk_fills_it():
	record = evaluation()
	assert fields(
		record,
		"sheet",
		"performance_year",
		"project_name",
		"competent_department",
		"budget_unit",
		*MONEY,
		"execution_weight",
		"execution_rate",
		"execution_score",
		"annual_goal",
		"actual_completion",
		"total_score",
		"project_code",
		"grade",
		"execution_reason",
	) == {
		"sheet": "Sheet1",
		"performance_year": "2025",
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局",
		"budget_unit": "市公路养护中心",
		"initial_budget": 1234.56,
		"annual_budget": 1334.56,
		"executed_amount": 1260.25,
		"initial_fiscal": 1000.0,
		"annual_fiscal": 1100.0,
		"executed_fiscal": 1050.25,
		"initial_carryover": 200.0,
		"annual_carryover": 200.0,
		"executed_carryover": 180.0,
		"initial_other": 34.56,
		"annual_other": 34.56,
		"executed_other": 30.0,
		"execution_weight": 10.0,
		"execution_rate": 94.43,
		"execution_score": 9.44,
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"actual_completion": "完成125公里道路养护，优良率93%。",
		"total_score": 92.44,
		"project_code": None,
		"grade": None,
		"execution_reason": None,
	}


def test_indicators_of_the_official_template():
	record = evaluation()
	assert rows(record, "indicators", *TARGET, "row") == [
		("Output", "Quantity", "养护道路里程", ">=", 120.0, None, "公里", 14),
		("Output", "Quality", "路面优良率", ">=", 92.0, None, "%", 15),
		("Output", "Timeliness", "养护任务完成时间", "Qualitative", None, "2025年12月底前", None, 16),
		("Effect", "Social", "群众出行时间节省", ">=", 5.0, None, "分钟", 17),
		("Satisfaction", "Service Recipient", "沿线群众满意度", ">=", 90.0, None, "%", 18),
	]
	# 0.93 formatted as a percentage where the target is in %: 93; "91%" typed as text: 91.
	assert rows(record, "indicators", *RESULT) == [
		(125.0, None, 20.0, 20.0, None),
		(93.0, None, 15.0, 15.0, None),
		(None, "Achieved", 15.0, 14.0, "个别路段延期一周"),
		(4.0, None, 30.0, 24.0, "部分路段仍在施工，下年度优化工期"),
		(91.0, None, 10.0, 10.0, None),
	]


def test_year_in_the_title_and_no_year_line_nor_annex():
	record = evaluation(annex=None, title="2025年度项目支出绩效自评表", year_line=None)
	assert fields(record, "performance_year", "total_score") == {
		"performance_year": "2025",
		"total_score": 92.44,
	}
	assert [row["row"] for row in record["indicators"]] == [12, 13, 14, 15, 16]


def test_fiscal_row_in_the_older_wording():
	money = dict(EVALUATION_FORM["money"])
	money = {("其中：本年财政拨款" if label == FISCAL else label): values for label, values in money.items()}
	record = evaluation(money=money)
	assert fields(record, "initial_fiscal", "annual_fiscal", "executed_fiscal") == {
		"initial_fiscal": 1000.0,
		"annual_fiscal": 1100.0,
		"executed_fiscal": 1050.25,
	}


@pytest.mark.parametrize("points", ["(50分)", "（50分）", "（50）"])
def test_level1_with_its_points_in_brackets(points):
	changed = list(EVALUATION_FORM["rows"])
	changed[0] = (f"产出指标{points}", *changed[0][1:])
	changed[3] = ("效益指标（30分）", *changed[3][1:])
	changed[4] = ("满意度指标(10分)", *changed[4][1:])
	record = evaluation(rows=changed)
	assert rows(record, "indicators", "level1") == [("Output",)] * 3 + [("Effect",), ("Satisfaction",)]


def test_weights_and_scores_typed_with_fen():
	changed = [(*row[:5], f"{row[5]}分", f"{row[6]}分", row[7]) for row in EVALUATION_FORM["rows"]]
	record = evaluation(rows=changed, footer=("总分", "100分", "92.44分"))
	assert rows(record, "indicators", "weight", "score") == [
		(20.0, 20.0),
		(15.0, 15.0),
		(15.0, 14.0),
		(30.0, 24.0),
		(10.0, 10.0),
	]
	assert record["total_score"] == 92.44


def test_total_on_a_row_called_heji():
	record = evaluation(footer=("合计", 100, 92.44))
	assert record["total_score"] == 92.44
	assert len(record["indicators"]) == 5


def test_form_shifted_two_rows_down_and_one_column_right():
	record = evaluation(top=2, left=1)
	assert fields(
		record, "annual_budget", "executed_amount", "execution_rate", "execution_score", "total_score"
	) == {
		"annual_budget": 1334.56,
		"executed_amount": 1260.25,
		"execution_rate": 94.43,
		"execution_score": 9.44,
		"total_score": 92.44,
	}
	assert rows(record, "indicators", "level1", "score", "row") == [
		("Output", 20.0, 16),
		("Output", 15.0, 17),
		("Output", 14.0, 18),
		("Effect", 24.0, 19),
		("Satisfaction", 10.0, 20),
	]


def test_nothing_merged_and_level1_typed_on_every_row():
	"""Captions left in their first cell (跨列居中 instead of merging): the value sits after an empty cell."""
	repeated = [("产出指标", *row[1:]) if row[0] is None else row for row in EVALUATION_FORM["rows"]]
	record = evaluation(merge=False, rows=repeated)
	assert fields(record, "project_name", "budget_unit", "annual_budget", "total_score") == {
		"project_name": "城市道路养护项目",
		"budget_unit": "市公路养护中心",
		"annual_budget": 1334.56,
		"total_score": 92.44,
	}
	assert rows(record, "indicators", "level1", "score") == [
		("Output", 20.0),
		("Output", 15.0),
		("Output", 14.0),
		("Effect", 24.0),
		("Satisfaction", 10.0),
	]


def test_blank_rows_between_indicator_rows_are_skipped():
	spaced = list(EVALUATION_FORM["rows"])
	spaced.insert(3, None)
	spaced.append(None)
	record = evaluation(rows=spaced)
	assert rows(record, "indicators", "indicator_name", "row") == [
		("养护道路里程", 14),
		("路面优良率", 15),
		("养护任务完成时间", 16),
		("群众出行时间节省", 18),
		("沿线群众满意度", 19),
	]
	assert record["total_score"] == 92.44


@pytest.mark.parametrize(
	"rate", ["94.43%", pct(0.9443), 94.43, "94.43"], ids=["text", "percent-cell", "figure", "figure-text"]
)
def test_execution_rate_as_people_type_it(rate):
	money = with_money(**{TOTAL: (1234.56, 1334.56, 1260.25, 10, rate, 9.44)})
	assert evaluation(money=money)["execution_rate"] == 94.43


def test_execution_rate_typed_as_a_plain_fraction():
	money = {
		TOTAL: (1000, 1000, 930, 10, 0.93, 9.3),
		FISCAL: (900, 900, 840, *PART),
		CARRYOVER: (100, 100, 90, *PART),
		OTHER: ("—", "—", "—", *PART),
	}
	record = evaluation(money=money, footer=("总分", 100, 92.3))
	assert fields(
		record, "execution_rate", "execution_score", "initial_other", "annual_other", "executed_other"
	) == {
		"execution_rate": 93.0,
		"execution_score": 9.3,
		"initial_other": 0.0,
		"annual_other": 0.0,
		"executed_other": 0.0,
	}


def test_the_apps_extras_right_of_the_print_area():
	money = with_money(
		**{
			TOTAL: (1234.56, 1334.56, 1100, 10, "82.42%", 8.24),
			FISCAL: (1000, 1100, 900, *PART),
			CARRYOVER: (200, 200, 170, *PART),
		}
	)
	record = evaluation(
		money=money,
		footer=("总分", 100, 91.24),
		extra_header={
			"项目编码": "XM-2025-017",
			"评价等级": "优",
			"执行率低于90%原因": "部分工程款待审计后支付",
		},
	)
	assert fields(
		record,
		"project_code",
		"grade",
		"execution_reason",
		"execution_rate",
		"execution_score",
		"total_score",
	) == {
		"project_code": "XM-2025-017",
		"grade": "Excellent",
		"execution_reason": "部分工程款待审计后支付",
		"execution_rate": 82.42,
		"execution_score": 8.24,
		"total_score": 91.24,
	}


QUALITATIVE = [
	("达成年度指标", "Achieved", 14),
	("部分达成年度指标并具有一定效果", "Partly", 10),
	("未达成年度指标且效果较差", "Not Achieved", 6),
	("达成", "Achieved", 14),
	("部分达成", "Partly", 10),
	("未达成", "Not Achieved", 6),
	("好", "Achieved", 14),
	("较好", "Achieved", 13),
	("一般", "Partly", 10),
	("差", "Not Achieved", 6),
]


@pytest.mark.parametrize(
	("typed", "stored", "score"), QUALITATIVE, ids=[typed for typed, _, _ in QUALITATIVE]
)
def test_qualitative_results_as_written(typed, stored, score):
	record = evaluation(
		rows=with_row(2, actual=typed, score=score), footer=("总分", 100, round(78.44 + score, 2))
	)
	assert rows(record, "indicators", "qualitative_result", "actual_value", "score")[2] == (
		stored,
		None,
		float(score),
	)


def test_qualitative_result_with_a_description():
	record = evaluation(rows=with_row(2, actual="达成年度指标：全部路段12月20日前完工"))
	assert rows(record, "indicators", "qualitative_result", "actual_text")[2] == (
		"Achieved",
		"全部路段12月20日前完工",
	)


def test_part_rows_left_blank_and_no_carryover():
	money = {
		TOTAL: (1034.56, 1134.56, 1080.25, 10, "95.21%", 9.52),
		FISCAL: (1000, 1100, 1050.25, None, None, None),
		CARRYOVER: ("—", "/", None, None, None, None),
		OTHER: (34.56, 34.56, 30, None, None, None),
	}
	record = evaluation(money=money, footer=("总分", 100, 92.52))
	assert fields(
		record, "initial_carryover", "annual_carryover", "executed_carryover", "execution_rate", "total_score"
	) == {
		"initial_carryover": 0.0,
		"annual_carryover": 0.0,
		"executed_carryover": 0.0,
		"execution_rate": 95.21,
		"total_score": 92.52,
	}


def test_amounts_typed_with_wan_yuan_and_yuan():
	money = with_money(
		**{
			TOTAL: ("1234.56万元", "13,345,600元", "1260.25万元", "10分", "94.43%", "9.44分"),
			FISCAL: ("10,000,000元", "1100万元", "1,050.25", *PART),
		}
	)
	record = evaluation(money=money)
	assert fields(record, *MONEY[:6], "execution_weight", "execution_score") == {
		"initial_budget": 1234.56,
		"annual_budget": 1334.56,
		"executed_amount": 1260.25,
		"initial_fiscal": 1000.0,
		"annual_fiscal": 1100.0,
		"executed_fiscal": 1050.25,
		"execution_weight": 10.0,
		"execution_score": 9.44,
	}


def test_two_projects_on_two_sheets():
	second = form("evaluation", project_name="农村公路安保工程", unit="县公路管理段")
	data, _ = workbook("evaluation", ("道路养护", form("evaluation")), ("安保工程", second))
	records = accepted("evaluation", data)
	assert [(r["sheet"], r["project_name"], r["budget_unit"], r["total_score"]) for r in records] == [
		("道路养护", "城市道路养护项目", "市公路养护中心", 92.44),
		("安保工程", "农村公路安保工程", "县公路管理段", 92.44),
	]


# ---------------------------------------------------------------- refused


def test_a_monitoring_form_uploaded_as_an_evaluation():
	data, _ = workbook("monitoring")
	refused("evaluation", data, "not_the_form")


def test_every_missing_caption_is_listed_at_once():
	data, _ = one(
		"evaluation",
		post=steps(replace_text("全年执行数", None), replace_text("偏差原因分析及改进措施", None)),
	)
	errors = refused("evaluation", data, "missing_caption")
	assert len(errors) == 2
	assert {"全年执行数", "偏差原因分析及改进措施"} <= {arg for error in errors for arg in error.args}


def test_blank_project_name():
	data, built = one("evaluation", project_name=None)
	refused("evaluation", data, ("required", built.at["name"], None))


def test_total_score_not_the_sum_of_the_scores():
	data, built = one("evaluation", footer=("总分", 100, 95))
	refused("evaluation", data, ("total_score_mismatch", built.at["footer"], "H"))


@pytest.mark.parametrize("label", ["总分", "合计"])
def test_indicator_row_typed_below_the_total_row(label):
	below = [("效益指标", "可持续影响指标", "道路使用寿命", "≥10年", "10年", None, None)]
	data, built = one("evaluation", footer=(label, 100, 92.44), after_footer=below)
	refused("evaluation", data, ("row_below_total", built.at[("after", 0)], None))


def test_execution_rate_above_100_percent():
	money = with_money(
		**{
			TOTAL: (1234.56, 1334.56, 1400, 10, "104.90%", 10),
			FISCAL: (1000, 1100, 1190, *PART),
		}
	)
	data, built = one("evaluation", money=money, footer=("总分", 100, 93))
	refused("evaluation", data, ("rate_above_100", built.at[("money", TOTAL)], None))


def test_annual_budget_not_the_sum_of_its_parts():
	money = with_money(**{CARRYOVER: (200, 250, 180, *PART)})
	data, built = one("evaluation", money=money)
	refused("evaluation", data, ("parts_mismatch", built.at[("money", TOTAL)], "F"))


def test_executed_amount_not_the_sum_of_its_parts():
	money = with_money(**{OTHER: (34.56, 34.56, 20, *PART)})
	data, built = one("evaluation", money=money)
	refused("evaluation", data, ("parts_mismatch", built.at[("money", TOTAL)], "G"))


def test_text_in_the_executed_amount():
	money = with_money(**{FISCAL: (1000, 1100, "待核实", *PART)})
	data, built = one("evaluation", money=money)
	refused("evaluation", data, ("not_an_amount", built.at[("money", FISCAL)], "G"))


def test_negative_executed_carryover():
	money = with_money(**{FISCAL: (1000, 1100, 1240.25, *PART), CARRYOVER: (200, 200, -10, *PART)})
	data, built = one("evaluation", money=money)
	refused("evaluation", data, ("negative", built.at[("money", CARRYOVER)], "G"))


@pytest.mark.parametrize("word", ["基本完成", "进行中", "良好进展"])
def test_unknown_qualitative_result(word):
	data, built = one("evaluation", rows=with_row(2, actual=word))
	refused("evaluation", data, ("unknown_result", built.at[("row", 2)], "F"))


def test_level2_under_the_wrong_level1():
	data, built = one("evaluation", rows=with_row(4, level2="社会效益指标"))
	refused("evaluation", data, ("level2_not_under_level1", built.at[("row", 4)], None))


def test_text_in_a_score():
	data, built = one("evaluation", rows=with_row(0, score="满分"))
	refused("evaluation", data, ("not_a_score", built.at[("row", 0)], "H"))


def test_text_in_a_weight():
	data, built = one("evaluation", rows=with_row(3, weight="三十"))
	refused("evaluation", data, ("not_a_score", built.at[("row", 3)], "G"))


def test_unreadable_target():
	data, built = one("evaluation", rows=with_row(0, target="不低于"))
	refused("evaluation", data, ("unreadable_target", built.at[("row", 0)], "E"))


def test_text_as_the_actual_of_a_quantitative_indicator():
	data, built = one("evaluation", rows=with_row(0, actual="约125公里左右"))
	refused("evaluation", data, ("not_a_number", built.at[("row", 0)], "F"))


def test_text_as_the_execution_rate():
	money = with_money(**{TOTAL: (1234.56, 1334.56, 1260.25, 10, "较高", 9.44)})
	data, built = one("evaluation", money=money)
	refused("evaluation", data, ("not_a_percent", built.at[("money", TOTAL)], "I"))


def test_unknown_grade_word():
	data, built = one("evaluation", extra_header={"项目编码": "XM-2025-017", "评价等级": "A"})
	refused("evaluation", data, ("not_a_choice", built.at["name"] + 1, "M"))


def test_text_in_the_total_score():
	data, built = one("evaluation", post=put_cell("score", "footer", "九十二"))
	refused("evaluation", data, ("not_a_score", built.at["footer"], "H"))
