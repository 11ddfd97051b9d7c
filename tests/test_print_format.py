"""Renders the standard print format 项目支出绩效目标申报表 without Frappe.

Frappe renders print formats with a Jinja environment that does not
autoescape, so the template must escape user text itself (| e). These tests
use plain jinja2 (and its sandbox, as Frappe does) with a fake ``doc``.
"""

import datetime
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
		unit="",
		weight=0.0,
		evaluation_standard="",
	)
	row.update(values)
	return FakeDoc(**row)


def make_goal(**overrides):
	values = dict(
		name="PG-2026-00001",
		performance_year="2026",
		budget_unit="县教育局",
		competent_department="县人民政府",
		project_code="XM-001",
		project_name="<b>x</b> 农村学校改造",
		budget_type="Annual",
		period_start=datetime.date(2026, 1, 1),
		period_end=datetime.date(2026, 12, 31),
		contact_person="张三",
		contact_phone="0571-1234567",
		is_key_project=1,
		total_amount=100.0,
		fiscal_amount=100.0,
		other_amount=0.0,
		basis="《条例》第一条\n县政府常务会议纪要",
		implementation_plan="分两期实施",
		schedule="3月招标\n6月完工",
		long_term_goal="改善办学条件",
		annual_goal="完成10所学校改造",
		review_opinion="同意 & 通过",
		review_rating="Good",
		indicators=[
			indicator(
				level1="Output",
				level2="Quantity",
				indicator_name="改造学校数量",
				operator=">=",
				target_value=500.0,
				unit="所",
				weight=20.0,
			),
			indicator(
				level1="Output",
				level2="Quantity",
				indicator_name="新增学位数",
				operator="<=",
				target_value=99.5,
				unit="个",
				weight=10.0,
			),
			indicator(
				level1="Effect",
				level2="Social",
				indicator_name="办学条件改善情况",
				operator="Qualitative",
				target_text="明显改善",
				weight=30.0,
				evaluation_standard="达到得满分\n未达到不得分",
			),
			indicator(
				level1="Satisfaction",
				level2="Service Recipient",
				indicator_name="师生满意度",
				operator=">=",
				target_value=90.0,
				unit="%",
				weight=10.0,
			),
		],
	)
	values.update(overrides)
	return FakeDoc(**values)


@pytest.fixture(scope="module")
def print_format():
	return load_print_format("项目支出绩效目标申报表")


@pytest.fixture(scope="module", params=list(ENVIRONMENTS))
def render(request, print_format):
	return renderer(print_format, request.param)


def test_renders_representative_goal(render):
	out = render(make_goal())
	assert "项目支出绩效目标申报表" in out
	assert "（2026年度）" in out
	# the two Output/Quantity rows share merged level-1 and level-2 cells
	grid = out.split("评（扣）分标准", 1)[1]
	assert grid.count('rowspan="2"') == 2
	assert grid.count("rowspan=") == 2
	assert re.search(r'rowspan="2"[^>]*>产出指标<', out)
	assert re.search(r'rowspan="2"[^>]*>数量指标<', out)
	assert out.count("产出指标") == 1 and out.count("数量指标") == 1
	for label in ("效益指标", "社会效益指标", "满意度指标", "服务对象满意度指标"):
		assert f">{label}<" in out
	assert "≥500<" in out
	assert "≤99.5<" in out
	assert "≥90<" in out
	assert "明显改善" in out
	assert "100.00" in out and "0.00" in out
	assert "年初预算" in out
	assert "2026-01-01 至 2026-12-31" in out
	assert ">是<" in out
	assert ">良<" in out
	assert "同意 &amp; 通过" in out
	assert "县政府常务会议纪要" in out and "《条例》第一条<br>县政府常务会议纪要" in out
	assert "达到得满分<br>未达到不得分" in out
	for label in ("填报人", "单位负责人", "财务科"):
		assert label in out


def test_user_text_is_escaped(render):
	out = render(make_goal())
	assert "&lt;b&gt;x&lt;/b&gt;" in out
	assert "<b>x</b>" not in out


def test_level2_runs_stop_at_level1_change(render):
	rows = [
		indicator(level1="Output", level2="Cost", indicator_name="a"),
		indicator(level1="Cost", level2="Cost", indicator_name="b"),
		indicator(level1="Cost", level2="Economic Cost", indicator_name="c"),
		indicator(level1="Cost", level2="Economic Cost", indicator_name="d"),
		indicator(level1="Cost", level2="Economic Cost", indicator_name="e"),
	]
	out = render(make_goal(indicators=rows))
	assert 'rowspan="4">成本指标<' in out  # level 1 Cost over b..e
	assert 'rowspan="3">经济成本指标<' in out
	assert out.count(">成本指标<") == 3  # Output/Cost level 2, Cost level 1, Cost/Cost level 2
	assert 'rowspan="2">成本指标<' not in out


def test_renders_empty_goal(render):
	out = render(FakeDoc(indicators=[]))
	assert "项目支出绩效目标申报表" in out
	assert "None" not in out
	assert "至" not in out
	assert out.count(">—<") == 3 and "0.00" not in out


@pytest.mark.parametrize(
	("expenditure_type", "title"),
	[
		("Project Expenditure", "项目支出绩效目标申报表"),
		("Policy Expenditure", "政策支出绩效目标申报表"),
		("Special Fund", "专项资金绩效目标申报表"),
	],
)
def test_the_title_names_the_expenditure_type(render, expenditure_type, title):
	"""Art. 19: a policy's 申报表 is printed as the 政策支出 form."""
	out = render(make_goal(expenditure_type=expenditure_type))
	assert f'<div class="pg-title">{title}</div>' in out
