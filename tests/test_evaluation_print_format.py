"""Renders the standard print format 项目支出绩效自评表 without Frappe.

As for the goal form, the template must escape user text itself (| e); the
tests use plain jinja2 and its sandbox with a fake ``doc`` (see print_formats).
"""

import re

import pytest
from print_formats import (
	ENVIRONMENTS,
	FakeDoc,
	load_print_format,
	renderer,
)


def indicator(**values):
	row = dict(
		level1="Output",
		level2="Quantity",
		indicator_name="",
		operator=">=",
		target_value=0.0,
		target_text=None,
		target_display="",
		unit="",
		weight=0.0,
		actual_value=0.0,
		actual_text=None,
		qualitative_result=None,
		computed_score=0.0,
		score_adjusted=0,
		score=0.0,
		deviation_analysis=None,
		improvement=None,
	)
	row.update(values)
	return FakeDoc(**row)


def make_evaluation(**overrides):
	values = dict(
		name="PE-2026-00001",
		performance_year="2026",
		budget_unit="县教育局",
		competent_department="县人民政府",
		project_code="XM-001",
		project_name="<b>x</b> 农村学校改造",
		initial_budget=100.0,
		annual_budget=120.0,
		executed_amount=102.6,
		initial_fiscal=80.0,
		annual_fiscal=95.0,
		executed_fiscal=81.25,
		initial_carryover=15.0,
		annual_carryover=20.0,
		executed_carryover=18.0,
		initial_other=5.0,
		annual_other=5.0,
		executed_other=3.35,
		execution_weight=10.0,
		execution_rate=85.5,
		execution_score=8.55,
		execution_reason="部分工程款\n尚未结算",
		annual_goal="完成10所学校改造",
		actual_completion="完成9所 & 1所在建",
		total_score=86.5,
		grade="Good",
		problems="进度滞后",
		causes="招标延期",
		improvements="提前谋划\n加快招标",
		indicators=[
			indicator(
				indicator_name="改造学校数量",
				target_value=10.0,
				target_display="≥10所",
				unit="所",
				weight=20.0,
				actual_value=9.0,
				computed_score=18.0,
				score=18.0,
				deviation_analysis="1所学校在建",
				improvement="督促施工单位",
			),
			indicator(
				indicator_name="新增学位数",
				target_value=500.0,
				target_display="≥500个",
				unit="个",
				weight=10.0,
				actual_value=480.5,
				computed_score=9.61,
				score=9.61,
			),
			indicator(
				level2="Quality",
				indicator_name="工程验收合格率",
				target_value=100.0,
				target_display="=100%",
				unit="%",
				weight=10.0,
				actual_value=100.0,
				computed_score=10.0,
				score=10.0,
			),
			indicator(
				level1="Effect",
				level2="Social",
				indicator_name="办学条件改善情况",
				operator="Qualitative",
				target_text="明显改善",
				target_display="定性：明显改善",
				weight=30.0,
				actual_value=None,
				qualitative_result="Partly",
				actual_text="多数学校改善",
				computed_score=21.0,
				score_adjusted=1,
				score=24.0,
			),
			indicator(
				level1="Satisfaction",
				level2="Service Recipient",
				indicator_name="师生满意度",
				operator="Qualitative",
				target_display="定性：满意",
				weight=10.0,
				actual_value=None,
				qualitative_result="Achieved",
				computed_score=9.0,
				score=9.0,
			),
		],
		experts=[
			FakeDoc(expert_name="李四", organization="县财政局 高级会计师", expert_score=86.0),
		],
	)
	values.update(overrides)
	return FakeDoc(**values)


@pytest.fixture(scope="module")
def print_format():
	return load_print_format("项目支出绩效自评表")


@pytest.fixture(scope="module", params=list(ENVIRONMENTS))
def render(request, print_format):
	return renderer(print_format, request.param)


def money_block(out):
	return out.split("年初预算数", 1)[1].split("年度总体目标", 1)[0]


def grid(out):
	return out.split("偏差原因分析及改进措施<", 1)[1].split("总分", 1)[0]


def test_renders_header_and_money_block(render):
	out = render(make_evaluation())
	assert "项目支出绩效自评表" in out
	assert "（2026年度）" in out
	for label in ("项目名称", "项目编码", "主管部门", "实施单位", "县人民政府", "县教育局", "XM-001"):
		assert label in out
	money = money_block(out)
	for label in (
		"全年预算数",
		"全年执行数",
		"年度资金总额",
		"其中：本年财政拨款",
		"上年结转资金",
		"其他资金",
	):
		assert label in out
	# 分值 | 执行率 | 得分 are merged over the four money rows
	assert money.count('rowspan="4"') == 3
	assert re.search(r'rowspan="4"[^>]*>10\.00<', money)
	assert re.search(r'rowspan="4"[^>]*>85\.50%<', money)
	assert re.search(r'rowspan="4"[^>]*>8\.55<', money)
	for amount in ("100.00", "120.00", "102.60", "81.25", "18.00", "3.35", "5.00"):
		assert f">{amount}<" in money
	assert "部分工程款<br>尚未结算" in out
	assert "完成9所 &amp; 1所在建" in out


def test_renders_indicator_grid(render):
	out = render(make_evaluation())
	rows = grid(out)
	# three Output rows share level 1; the two Quantity rows share level 2
	assert re.search(r'rowspan="3"[^>]*>产出指标<', rows)
	assert re.search(r'rowspan="2"[^>]*>数量指标<', rows)
	assert rows.count("rowspan=") == 2
	assert rows.count("产出指标") == 1 and rows.count("数量指标") == 1
	for label in ("质量指标", "效益指标", "社会效益指标", "满意度指标", "服务对象满意度指标"):
		assert f">{label}<" in rows
	assert ">≥10所<" in rows and ">定性：明显改善<" in rows
	# quantitative actual: number without trailing zeros + unit
	assert ">9所<" in rows and ">480.5个<" in rows and ">100%<" in rows
	# qualitative actual: the result in Chinese, with the description after "："
	assert ">部分达成并具有一定效果：多数学校改善<" in rows
	assert ">达成年度指标<" in rows
	# an adjusted score shows the formula score; an unadjusted one does not
	assert "24.00<br>（公式得分 21.00）" in rows
	assert rows.count("公式得分") == 1
	assert "1所学校在建<br>督促施工单位" in rows
	assert re.search(r">总分<[^>]*>\s*<td[^>]*>86\.50<", out)
	assert re.search(r">评价等级<[^>]*>\s*<td[^>]*>良<", out)


def test_renders_summary_experts_and_signatures(render):
	out = render(make_evaluation())
	summary = out.split("自评总结", 1)[1]
	for text in (
		"存在的问题",
		"进度滞后",
		"原因分析",
		"招标延期",
		"改进措施和工作建议",
		"提前谋划<br>加快招标",
	):
		assert text in summary
	assert "评价专家" in summary
	assert "李四" in summary and "县财政局 高级会计师" in summary and ">86.00<" in summary
	for label in ("填报人", "单位负责人", "财务科"):
		assert label in summary


def test_user_text_is_escaped(render):
	out = render(make_evaluation())
	assert "&lt;b&gt;x&lt;/b&gt;" in out
	assert "<b>x</b>" not in out


def test_optional_parts_are_left_out(render):
	out = render(make_evaluation(execution_reason=None, experts=[]))
	assert "执行率低于90%原因" not in out
	assert "评价专家" not in out


def test_renders_empty_evaluation(render):
	out = render(FakeDoc(indicators=[], experts=[]))
	assert "项目支出绩效自评表" in out
	assert "None" not in out
	assert "评价专家" not in out
	assert money_block(out).count('rowspan="4"') == 3
	# nothing given is "—", never 0: twelve amounts, 分值, 执行率 and 得分
	assert money_block(out).count(">—<") == 15
	assert "0.00" not in out
