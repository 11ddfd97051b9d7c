"""The department summary workbook's sheet 部门整体支出绩效 (perf_budget/excel/department_summary.py):
each unit's and the bureau's department-wide self-evaluation, apart from the project sheets."""

import io

from openpyxl import load_workbook

from perf_budget.excel.department_summary import department_summary_workbook

SUMMARY = {
	"totals": {
		"projects": 1,
		"annual_budget": 100.0,
		"executed_amount": 90.0,
		"execution_rate": 90.0,
		"average_score": 88.0,
	},
	"grades": {"Excellent": 0, "Good": 1, "Fair": 0, "Poor": 0},
	"units": [
		{
			"budget_unit": "规划科",
			"projects": 1,
			"annual_budget": 100.0,
			"executed_amount": 90.0,
			"execution_rate": 90.0,
			"average_score": 88.0,
			"excellent": 0,
			"good": 1,
			"fair": 0,
			"poor": 0,
		}
	],
	"types": [],
	"departments": [
		{
			"budget_unit": "城市管理局",
			"is_bureau": 1,
			"annual_budget": 52000.0,
			"executed_amount": 49400.5,
			"execution_rate": 95.0,
			"total_score": 91.25,
			"grade": "Excellent",
		},
		{
			"budget_unit": "规划科",
			"is_bureau": 0,
			"annual_budget": 3200.0,
			"executed_amount": 0.0,
			"execution_rate": 0.0,
			"total_score": None,
			"grade": None,
		},
	],
}


def sheet_rows(summary, title):
	book = load_workbook(io.BytesIO(department_summary_workbook("2026", summary)))
	return book, [[cell.value for cell in row] for row in book[title].iter_rows()]


def test_a_sheet_per_unit_and_the_bureau_apart_from_the_projects():
	book, rows = sheet_rows(SUMMARY, "部门整体支出绩效")
	assert rows[0][0] == "2026年度部门整体支出绩效自评情况"
	assert "不计入项目合计" in rows[1][0]
	assert rows[2] == ["单位", "全年预算数（万元）", "全年执行数（万元）", "执行率（%）", "自评得分", "等级"]
	assert rows[3:] == [
		["城市管理局（全局）", 52000.0, 49400.5, 95.0, 91.25, "优"],
		["规划科", 3200.0, 0.0, 0.0, "—", "—"],  # not scored yet: —, never 0
	]
	assert book["部门整体支出绩效"]["B4"].number_format == "0.00"
	# the project sheet's 合计 stays the projects' own
	units = [[cell.value for cell in row] for row in book["按单位汇总"].iter_rows()]
	assert units[-1][:4] == ["合计", 1, 100.0, 90.0]


def test_a_year_without_department_self_evaluations_has_the_sheet_with_its_captions():
	_book, rows = sheet_rows({**SUMMARY, "departments": []}, "部门整体支出绩效")
	assert rows[2][0] == "单位" and len(rows) == 3
