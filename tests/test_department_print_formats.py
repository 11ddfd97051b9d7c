"""Renders the three department-wide print formats without Frappe (部门整体支出绩效
目标申报表, 监控表, 自评表): the unit's figures in 万元 with two decimals, the
whole-unit indicator groups in Chinese with level cells merged, the qualitative
results in the form's words, user text escaped by the template (| e)."""

import re

import pytest
from print_formats import ENVIRONMENTS, FakeDoc, load_print_format, renderer


def row(**values):
	base = dict(operator=">=", target_value=None, target_text=None, unit=None, weight=0)
	return FakeDoc(**(base | values))


ROWS = [
	row(
		level1="Output",
		level2="Management Efficiency",
		indicator_name="部门预算执行率",
		target_value=95,
		unit="%",
		weight=25,
	),
	row(
		level1="Output",
		level2="Performance of Duties",
		indicator_name="重点任务完成率",
		target_value=100,
		unit="%",
		weight=25,
	),
	row(
		level1="Effect",
		level2="Development Sustainability",
		indicator_name="长效制度<健全>",
		operator="Qualitative",
		target_text="制度健全",
		weight=15,
	),
	row(
		level1="Cost",
		level2="Operating Cost",
		indicator_name="“三公”经费控制率",
		operator="<=",
		target_value=100,
		unit="%",
		weight=0,
	),
]


@pytest.fixture(params=list(ENVIRONMENTS))
def environment(request):
	return request.param


def cells(html: str) -> list[str]:
	"""The text of every cell, in order, tags and spaces removed."""
	return [re.sub(r"<[^>]+>|\s", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_goal_prints_the_funds_tasks_and_whole_unit_groups(environment):
	doc = FakeDoc(
		performance_year="2026",
		budget_unit="规划科",
		functions_overview="负责规划<编制>\n与监督",
		authorized_staff=30,
		actual_staff=28,
		personnel_expenditure=600,
		public_expenditure=150.25,
		basic_expenditure=750.25,
		project_expenditure=1249.75,
		total_budget=2000,
		source_general_budget=1800,
		source_government_fund=150,
		source_state_capital=0,
		source_special_account=0,
		source_other=50,
		key_tasks=[
			FakeDoc(
				task_name="规划编制",
				task_content="分区规划",
				total_amount=850,
				fiscal_amount=800,
				other_amount=50,
			),
			FakeDoc(
				task_name="信息化",
				task_content=None,
				total_amount=399.75,
				fiscal_amount=399.75,
				other_amount=0,
			),
		],
		annual_goal="完成年度任务",
		indicators=ROWS,
		review_rating="Good",
		review_opinion="同意",
	)
	html = renderer(load_print_format("部门整体支出绩效目标申报表"), environment)(doc)
	shown = cells(html)
	assert "部门整体支出绩效目标申报表" in html and "（2026年度）" in html
	assert "负责规划&lt;编制&gt;<br>与监督" in html
	# by nature beside by source, 万元 with two decimals
	assert shown[shown.index("人员经费") : shown.index("人员经费") + 4] == [
		"人员经费",
		"600.00",
		"一般公共预算",
		"1,800.00",
	]
	assert shown[shown.index("资金总额") : shown.index("资金总额") + 4] == [
		"资金总额",
		"2,000.00",
		"其他资金",
		"50.00",
	]
	# the key tasks' 合计
	assert shown[shown.index("合计") : shown.index("合计") + 4] == ["合计", "1,249.75", "1,199.75", "50.00"]
	# 产出指标 spans its two rows; each whole-unit group in its words
	assert '<td class="pg-center" rowspan="2">产出指标</td>' in html
	for word in ("管理效率", "履职效能", "可持续发展能力", "运行成本", "≥95%", "≤100%", "制度健全"):
		assert word in shown, word
	assert "长效制度&lt;健全&gt;" in html
	assert shown[shown.index("综合评定") + 1] == "良"


def test_evaluation_prints_scores_total_and_grade(environment):
	rows = [
		FakeDoc(**vars(ROWS[0]), actual_value=96.5, score=25, deviation_analysis=None),
		FakeDoc(
			**vars(ROWS[2]),
			qualitative_result="Partly",
			actual_text="采购制度待修订",
			score=10,
			deviation_analysis="修订滞后",
		),
	]
	doc = FakeDoc(
		performance_year="2026",
		budget_unit="规划科",
		annual_budget=2000,
		executed_amount=1900.5,
		execution_rate=95.03,
		execution_weight=10,
		execution_score=9.5,
		execution_reason=None,
		annual_goal="完成年度任务",
		actual_completion="基本完成",
		indicators=rows,
		output_score=25,
		effect_score=10,
		satisfaction_score=0,
		cost_score=0,
		total_score=44.5,
		grade="Poor",
		valid_respondents=120,
		satisfied_respondents=110,
		problems="制度修订滞后",
		improvements="年内修订",
	)
	html = renderer(load_print_format("部门整体支出绩效自评表"), environment)(doc)
	shown = cells(html)
	assert "部门整体支出绩效自评表" in html
	assert shown[shown.index("执行率低于90%原因") + 1 : shown.index("执行率低于90%原因") + 6] == [
		"2,000.00",
		"1,900.50",
		"95.03%",
		"10.00",
		"9.50",
	]
	assert "96.5%" in shown and "部分达成并具有一定效果：采购制度待修订" in shown
	# 总分: 分值 10 + 25 + 15, the stored total, the grade
	assert shown[shown.index("总分") : shown.index("总分") + 4] == ["总分", "50.00", "44.50", "自评等级：差"]
	assert "有效问卷120份，其中满意110份" in shown


def test_monitoring_prints_the_round_lights_and_progress(environment):
	rows = [
		FakeDoc(
			**vars(ROWS[0]),
			actual_to_date=60,
			expected_completion=96,
			likelihood="Possible",
			reason_other="审批滞后",
			corrective_measure="加快支付",
		),
		FakeDoc(
			**vars(ROWS[2]),
			qualitative_progress="Partly",
			actual_text="已修订资产制度",
			expected_completion=None,
			likelihood="Certain",
			reason_other=None,
			corrective_measure=None,
		),
	]
	doc = FakeDoc(
		performance_year="2026",
		period_end_month=7,
		budget_unit="规划科",
		annual_budget=2000,
		executed_amount=1100.4,
		execution_rate=55.02,
		time_adjusted_rate=94.32,
		execution_light="Yellow",
		annual_goal="完成年度任务",
		goal_progress="过半",
		task_progress="规划编制完成60%",
		indicators=rows,
	)
	html = renderer(load_print_format("部门整体支出绩效监控表"), environment)(doc)
	shown = cells(html)
	assert "（2026年1—7月）" in html and "1—7月执行数" in shown
	assert shown[shown.index("预警") + 1 : shown.index("预警") + 6] == [
		"2,000.00",
		"1,100.40",
		"55.02%",
		"94.32%",
		"黄灯",
	]
	assert shown[shown.index("部门预算执行率") : shown.index("部门预算执行率") + 7] == [
		"部门预算执行率",
		"≥95%",
		"60%",
		"96%",
		"有可能",
		"审批滞后",
		"加快支付",
	]
	assert "部分达成：已修订资产制度" in shown
