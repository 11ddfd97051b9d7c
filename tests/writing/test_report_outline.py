"""The outline of the written reports of arts. 17 and 23 (perf_budget/writing/outline.py):
headings in the usual order, the figures as the official text shows them, the
grade and warning shares adding up to 100.00 %, finance's texts paragraph by paragraph."""

from decimal import Decimal

import pytest

from perf_budget.writing.outline import (
	MONITORING,
	NOT_WRITTEN,
	SELF_EVALUATION,
	Heading,
	Paragraph,
	Table,
	advice_text,
	default_title,
	outline,
	shares,
)

SELF_FIGURES = {
	"performance_year": "2026",
	"score_precision": 1,
	"totals": {
		"projects": 3,
		"annual_budget": 1909.5,
		"executed_amount": 1500.25,
		"execution_rate": 78.57,
		"average_score": 79.5,
	},
	"grades": {"Excellent": 1, "Good": 1, "Fair": 1, "Poor": 0},
	"units": [
		{
			"budget_unit": "规划科",
			"projects": 2,
			"annual_budget": 1709.5,
			"executed_amount": 1350.25,
			"execution_rate": 78.99,
			"average_score": 86.75,
			"excellent": 1,
			"good": 1,
			"fair": 0,
			"poor": 0,
		},
		{
			"budget_unit": "信息中心",
			"projects": 1,
			"annual_budget": 200,
			"executed_amount": 150,
			"execution_rate": 75,
			"average_score": 65,
			"excellent": 0,
			"good": 0,
			"fair": 1,
			"poor": 0,
		},
	],
	"projects": [
		{
			"project_code": "A-1",
			"project_name": "规划编制",
			"budget_unit": "规划科",
			"annual_budget": 1609.5,
			"executed_amount": 1300.25,
			"execution_rate": 80.79,
			"total_score": 92.5,
			"grade": "Excellent",
		},
	],
	"advice": [
		{
			"project_code": "A-1",
			"project_name": "规划编制",
			"budget_unit": "规划科",
			"total_score": 92.5,
			"grade": "Excellent",
			"unresolved_rectifications": 0,
			"advice": "Fund with Priority",
			"cut_percent": 0,
			"source": "Recommended",
		},
		{
			"project_code": "B-1",
			"project_name": "机房运维",
			"budget_unit": "信息中心",
			"total_score": 65,
			"grade": "Fair",
			"unresolved_rectifications": 1,
			"advice": "Cut Budget",
			"cut_percent": 20,
			"source": "Confirmed",
		},
	],
}
MONITORING_FIGURES = {
	"performance_year": "2026",
	"period_end_month": 7,
	"completeness": {"submitted": 2, "not_submitted": 1, "missing": 1},
	"totals": {"projects": 3, "annual_budget": 300, "executed_amount": 120.3, "execution_rate": 40.1},
	"lights": {"Red": 1, "Yellow": 1, "Green": 1},
	"projects": [
		{
			"project_name": "道路维修",
			"budget_unit": "建设管理科",
			"annual_budget": 100,
			"executed_amount": 10,
			"execution_rate": 10,
			"execution_light": "Red",
			"red_indicators": 2,
			"warning_level": "Red",
		},
		{
			"project_name": "绿化养护",
			"budget_unit": "市政设施服务中心",
			"annual_budget": 100,
			"executed_amount": 50.3,
			"execution_rate": 50.3,
			"execution_light": "Yellow",
			"red_indicators": 0,
			"warning_level": "Yellow",
		},
		{
			"project_name": "培训",
			"budget_unit": "培训中心",
			"annual_budget": 100,
			"executed_amount": 60,
			"execution_rate": 60,
			"execution_light": "Green",
			"red_indicators": 0,
			"warning_level": "Green",
		},
	],
	"reasons": {
		"reason_funding": 2,
		"reason_rules": 0,
		"reason_staffing": 1,
		"reason_conditions": 0,
		"reason_other": 0,
	},
}


def headings(document, level=None):
	return [b.text for b in document.blocks if isinstance(b, Heading) and level in (None, b.level)]


def table(document, caption):
	return next(b for b in document.blocks if isinstance(b, Table) and b.caption == caption)


def after(document, heading):
	"""The blocks under ``heading``, up to the next heading of level 1."""
	blocks = list(document.blocks)
	start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
	end = next(
		(i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading) and blocks[i].level == 1),
		len(blocks),
	)
	return blocks[start + 1 : end]


@pytest.mark.parametrize(
	("counts", "expected"),
	[
		([1, 1, 1, 0], ["33.34", "33.33", "33.33", "0.00"]),
		([2, 1, 0, 0], ["66.67", "33.33", "0.00", "0.00"]),
		# 14.2857 / 71.4285 / 14.2857: the two hundredths left go to the largest remainders
		# (.85 of 71.42, then the first .57 of the equal ones)
		([1, 5, 1], ["14.29", "71.43", "14.28"]),
		([7, 0], ["100.00", "0.00"]),
	],
)
def test_shares_add_up_to_exactly_one_hundred(counts, expected):
	parts = shares(counts)
	assert [f"{p:.2f}" for p in parts] == expected
	assert sum(parts) == Decimal("100.00")


def test_no_projects_no_shares():
	assert shares([0, 0, 0, 0]) == [None] * 4


def test_the_self_evaluation_report_follows_the_usual_outline():
	document = outline(SELF_EVALUATION, "2026年度部门预算绩效自评总结报告", SELF_FIGURES, {})
	assert document.title == "2026年度部门预算绩效自评总结报告"
	assert headings(document, 1) == [
		"一、基本情况",
		"二、组织实施",
		"三、自评结果",
		"四、发现的问题及原因",
		"五、改进措施",
		"六、结果应用建议",
	]
	assert headings(document, 2) == [
		"（一）总体情况",
		"（二）评价等级分布",
		"（三）分单位自评情况",
		"（四）项目自评得分",
	]
	# a section finance left empty says so rather than vanishing
	assert after(document, "一、基本情况") == [Paragraph(NOT_WRITTEN)]


def test_the_results_section_states_the_figures():
	texts = {"results_narrative": "总体较好。\n\n个别项目进度偏慢。"}
	document = outline(SELF_EVALUATION, "t", SELF_FIGURES, texts)
	results = after(document, "三、自评结果")
	assert results[1] == Paragraph(
		"2026年度共对3个项目开展绩效自评，全年预算数1,909.50万元，全年执行数1,500.25万元，预算执行率78.57%，"
		"平均得分79.50分。评价等级为“优”的1个，评价等级为“良”的1个，评价等级为“中”的1个，评价等级为“差”的0个。"
	)
	assert results[2:4] == [Paragraph("总体较好。"), Paragraph("个别项目进度偏慢。")]
	grades = table(document, "评价等级分布")
	assert grades.header == ("等级", "项目数（个）", "占比")
	assert grades.rows == (
		("优", "1", "33.34%"),
		("良", "1", "33.33%"),
		("中", "1", "33.33%"),
		("差", "0", "0.00%"),
		("合计", "3", "100.00%"),
	)
	units = table(document, "分单位自评情况")
	assert units.rows[0] == ("规划科", "2", "1,709.50", "1,350.25", "78.99%", "86.75", "1", "1", "0", "0")
	assert units.rows[-1] == ("合计", "3", "1,909.50", "1,500.25", "78.57%", "79.50", "1", "1", "1", "0")
	projects = table(document, "项目自评得分")
	# the score at the settings' precision (1 decimal here)
	assert projects.rows == (("1", "规划编制", "规划科", "1,609.50", "1,300.25", "80.79%", "92.5", "优"),)


def test_the_advice_is_prefilled_and_tabled():
	assert advice_text(SELF_FIGURES["advice"]) == (
		"根据自评结果和整改情况，对下年度预算安排提出以下建议：\n"
		"建议优先安排的项目1个：规划编制。\n"
		"建议调减预算的项目1个：机房运维。"
	)
	assert advice_text([]) == ""
	document = outline(
		SELF_EVALUATION, "t", SELF_FIGURES, {"results_application": "建议按评价结果安排预算。"}
	)
	section = after(document, "六、结果应用建议")
	assert section[0] == Paragraph("建议按评价结果安排预算。")
	assert section[1].rows == (
		("规划编制", "规划科", "92.5", "优", "优先安排", "0.00%", "建议"),
		("机房运维", "信息中心", "65.0", "中", "调减预算", "20.00%", "已确认"),
	)


def test_a_year_without_accepted_self_evaluations():
	figures = {
		"performance_year": "2026",
		"totals": {},
		"grades": {},
		"units": [],
		"projects": [],
		"advice": [],
	}
	document = outline(SELF_EVALUATION, "t", figures, {})
	results = after(document, "三、自评结果")
	assert results[1] == Paragraph("2026年度尚无已审核通过的项目自评。")
	assert table(document, "评价等级分布").rows[-1] == ("合计", "0", "—")
	assert headings(document, 2) == ["（一）总体情况", "（二）评价等级分布"]


def test_the_monitoring_report_has_its_own_outline():
	texts = {"next_steps": "督促红灯项目整改。", "deviation_and_correction": "资金拨付滞后。"}
	document = outline(MONITORING, "2026年1—7月预算绩效运行监控情况报告", MONITORING_FIGURES, texts)
	assert headings(document) == [
		"一、监控总体情况",
		"二、预算执行情况",
		"三、绩效目标完成情况",
		"四、偏差原因及纠偏措施",
		"五、下一步工作",
	]
	assert after(document, "一、监控总体情况")[0] == Paragraph(
		"本轮监控期间为2026年1—7月，应开展监控的项目4个，已报送2个，未报送1个，未填报1个。"
	)
	assert after(document, "二、预算执行情况")[0] == Paragraph(
		"纳入监控的3个项目全年预算数300.00万元，截至7月底执行120.30万元，预算执行率40.10%。"
	)
	assert table(document, "项目预算执行情况").rows[0] == (
		"1",
		"道路维修",
		"建设管理科",
		"100.00",
		"10.00",
		"10.00%",
		"红灯",
	)
	goal = after(document, "三、绩效目标完成情况")
	assert goal[0] == Paragraph("本轮监控红灯项目1个，黄灯项目1个，绿灯项目1个。")
	assert table(document, "预警分布").rows == (
		("红灯", "1", "33.34%"),
		("黄灯", "1", "33.33%"),
		("绿灯", "1", "33.33%"),
		("合计", "3", "100.00%"),
	)
	assert table(document, "红灯、黄灯预警项目").rows == (
		("道路维修", "建设管理科", "红灯", "10.00%", "2"),
		("绿化养护", "市政设施服务中心", "黄灯", "50.30%", "0"),
	)
	deviation = after(document, "四、偏差原因及纠偏措施")
	assert deviation[0].rows == (
		("资金原因", "2"),
		("制度原因", "0"),
		("人员原因", "1"),
		("硬件条件原因", "0"),
		("其他原因", "0"),
	)
	assert deviation[1] == Paragraph("资金拨付滞后。")
	assert after(document, "五、下一步工作") == [Paragraph("督促红灯项目整改。")]


def test_default_titles():
	assert default_title(SELF_EVALUATION, "2026") == "2026年度部门预算绩效自评总结报告"
	assert default_title(MONITORING, "2026", 7) == "2026年1—7月预算绩效运行监控情况报告"


DEPARTMENTS = [
	{
		"budget_unit": "城市管理局",
		"is_bureau": 1,
		"annual_budget": 52000,
		"executed_amount": 49400.5,
		"execution_rate": 95.0,
		"total_score": 91.25,
		"grade": "Excellent",
	},
	{
		"budget_unit": "规划科",
		"is_bureau": 0,
		"annual_budget": 3200,
		"executed_amount": 2560,
		"execution_rate": 80,
		"total_score": 78,
		"grade": "Fair",
	},
]
EXANTE = {"Support": 2, "Support after Adjustment": 1, "Do Not Support": 0, "in_progress": 1}


def test_the_results_section_adds_the_department_wide_self_evaluations_and_assessments():
	figures = {**SELF_FIGURES, "departments": DEPARTMENTS, "exante": EXANTE}
	document = outline(SELF_EVALUATION, "t", figures, {})
	assert headings(document, 2) == [
		"（一）总体情况",
		"（二）评价等级分布",
		"（三）分单位自评情况",
		"（四）项目自评得分",
		"（五）部门整体支出绩效自评情况",
		"（六）事前绩效评估情况",
	]
	results = after(document, "三、自评结果")
	start = results.index(Heading("（五）部门整体支出绩效自评情况", 2))
	assert results[start + 1 : start + 4] == [
		Paragraph("2个单位开展了部门整体支出绩效自评，其预算为部门整体预算，单独列示，不计入上述项目合计。"),
		Paragraph(
			"城市管理局（全局）部门整体支出全年预算数52,000.00万元，全年执行数49,400.50万元，"
			"预算执行率95.00%，自评得分91.3分，评价等级为“优”。"
		),
		Paragraph(
			"规划科部门整体支出全年预算数3,200.00万元，全年执行数2,560.00万元，"
			"预算执行率80.00%，自评得分78.0分，评价等级为“中”。"
		),
	]
	departments = table(document, "部门整体支出绩效自评情况")
	assert departments.header == (
		"单位",
		"全年预算数（万元）",
		"全年执行数（万元）",
		"执行率",
		"自评得分",
		"等级",
	)
	# no 合计: the bureau's whole budget holds its units'
	assert departments.rows == (
		("城市管理局（全局）", "52,000.00", "49,400.50", "95.00%", "91.3", "优"),
		("规划科", "3,200.00", "2,560.00", "80.00%", "78.0", "中"),
	)
	# the project figures stay the projects' own
	assert table(document, "分单位自评情况").rows[-1][:4] == ("合计", "3", "1,909.50", "1,500.25")
	exante = after(document, "三、自评结果")[-2:]
	assert exante[0] == Paragraph(
		"2026年度共开展事前绩效评估4个，已形成评估结论3个，其中予以支持2个，调整后支持1个，不予支持0个；"
		"尚在评估中1个。"
	)
	assert exante[1] == Table(
		"事前绩效评估结论",
		("评估结论", "项目数（个）", "占比"),
		(
			("予以支持", "2", "66.67%"),
			("调整后支持", "1", "33.33%"),
			("不予支持", "0", "0.00%"),
			("合计", "3", "100.00%"),
		),
	)


def test_no_department_self_evaluation_and_no_assessment_yet():
	figures = {
		"performance_year": "2026",
		"totals": {},
		"grades": {},
		"units": [],
		"projects": [],
		"advice": [],
		"departments": [],
		"exante": {"Support": 0, "Support after Adjustment": 0, "Do Not Support": 0, "in_progress": 0},
	}
	document = outline(SELF_EVALUATION, "t", figures, {})
	assert headings(document, 2) == [
		"（一）总体情况",
		"（二）评价等级分布",
		"（三）部门整体支出绩效自评情况",
		"（四）事前绩效评估情况",
	]
	assert after(document, "三、自评结果")[-3:] == [
		Paragraph("2026年度尚无已审核通过的部门整体支出绩效自评。"),
		Heading("（四）事前绩效评估情况", 2),
		Paragraph("2026年度未开展事前绩效评估。"),
	]
	# in progress only: counted, nothing concluded, no shares
	figures["exante"] = {"in_progress": 2}
	assert after(outline(SELF_EVALUATION, "t", figures, {}), "三、自评结果")[-2:] == [
		Paragraph(
			"2026年度共开展事前绩效评估2个，已形成评估结论0个，其中予以支持0个，调整后支持0个，不予支持0个；"
			"尚在评估中2个。"
		),
		Table(
			"事前绩效评估结论",
			("评估结论", "项目数（个）", "占比"),
			(("予以支持", "0", "—"), ("调整后支持", "0", "—"), ("不予支持", "0", "—"), ("合计", "0", "—")),
		),
	]


def test_the_monitoring_report_adds_the_department_wide_lights():
	rows = [
		{
			"budget_unit": "城市管理局",
			"is_bureau": 1,
			"annual_budget": 52000,
			"executed_amount": 20800,
			"execution_rate": 40,
			"execution_light": "Yellow",
			"warning_level": "Red",
			"red_indicators": 1,
		},
		{
			"budget_unit": "规划科",
			"is_bureau": 0,
			"annual_budget": 3200,
			"executed_amount": 1900,
			"execution_rate": 59.38,
			"execution_light": "Green",
			"warning_level": "Green",
			"red_indicators": 0,
		},
	]
	document = outline(MONITORING, "t", {**MONITORING_FIGURES, "departments": rows}, {})
	goal = after(document, "三、绩效目标完成情况")
	assert goal[-3:] == [
		Paragraph("部门整体支出绩效监控2个单位，红灯1个，黄灯0个，绿灯1个。"),
		Table(
			"部门整体支出绩效监控情况",
			(
				"单位",
				"全年预算数（万元）",
				"已执行数（万元）",
				"执行率",
				"执行进度预警",
				"预警等级",
				"红灯指标数",
			),
			(
				("城市管理局（全局）", "52,000.00", "20,800.00", "40.00%", "黄灯", "红灯", "1"),
				("规划科", "3,200.00", "1,900.00", "59.38%", "绿灯", "绿灯", "0"),
			),
		),
		Paragraph(NOT_WRITTEN),
	]
	# the project lights are the projects' only
	assert table(document, "预警分布").rows[-1] == ("合计", "3", "100.00%")
	empty = outline(MONITORING, "t", {**MONITORING_FIGURES, "departments": []}, {})
	assert Paragraph("本轮尚无部门整体支出绩效监控记录。") in after(empty, "三、绩效目标完成情况")
