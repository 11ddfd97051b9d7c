"""The disclosure package (arts. 15, 25): two public tables, public columns only."""

from datetime import date

from workbooks import sheet_rows

from perf_budget.excel.disclosure import PUBLIC_GOAL_COLUMNS, PUBLIC_RESULT_COLUMNS, disclosure_workbook

GOAL = {
	"project_name": "社区养老服务项目",
	"budget_unit": "社会事务科",
	"total_amount": 120.5,
	"annual_goal": "新建日间照料中心3个",
	"contact_phone": "0355-1234567",  # never published
	"published_on": date(2026, 1, 15),
	"indicators": [
		{
			"level1": "Output",
			"level2": "Quantity",
			"indicator_name": "新建中心数",
			"operator": ">=",
			"target_value": 3,
			"unit": "个",
		},
		{
			"level1": "Effect",
			"level2": "Social",
			"indicator_name": "服务覆盖",
			"operator": "Qualitative",
			"target_text": "明显提升",
		},
	],
}
RESULT = {
	"project_name": "社区养老服务项目",
	"budget_unit": "社会事务科",
	"annual_budget": 120.5,
	"executed_amount": 110.0,
	"execution_rate": 91.29,
	"total_score": 86.5,
	"grade": "Good",
	"published_on": None,
	"problems": "内部问题",  # not a public column
}


def test_package_has_goal_and_result_tables_with_captions():
	book = sheet_rows(disclosure_workbook("2026", [GOAL], [RESULT]))
	assert list(book) == ["重点项目绩效目标", "项目绩效自评结果"]
	goals, results = book["重点项目绩效目标"], book["项目绩效自评结果"]
	assert goals[0][0] == "2026年度重点项目绩效目标表"
	assert goals[1] == [caption for _k, caption, _w in PUBLIC_GOAL_COLUMNS]
	assert results[0][0] == "2026年度项目支出绩效自评结果表"
	assert results[1] == [caption for _k, caption, _w in PUBLIC_RESULT_COLUMNS]


def test_one_goal_row_per_indicator_with_target_and_published_date():
	goals = sheet_rows(disclosure_workbook("2026", [GOAL], []))["重点项目绩效目标"]
	assert len(goals) == 2 + 2
	assert goals[2][PUBLIC_GOAL_COLUMNS.index(("target", "指标值", 14))] == "≥3个"
	assert goals[3][4:8] == ["效益指标", "社会效益指标", "服务覆盖", "明显提升"]
	assert goals[2][-1] == "2026-01-15"


def test_results_show_grade_in_chinese_and_an_empty_date_when_unpublished():
	results = sheet_rows(disclosure_workbook("2026", [], [RESULT]))["项目绩效自评结果"]
	assert results[2] == ["社区养老服务项目", "社会事务科", 120.5, 110, 91.29, 86.5, "良", None]


def test_no_private_value_leaks():
	flat = [
		v
		for rows in sheet_rows(disclosure_workbook("2026", [GOAL], [RESULT])).values()
		for row in rows
		for v in row
	]
	assert "0355-1234567" not in flat
	assert "内部问题" not in flat
