"""Renders the ex-ante assessment's print format (事前绩效评估报告) without Frappe:
the published report outline (一、评估对象基本情况 二、评估工作开展情况
三、综合评估情况与评估结论 四、相关建议) with the dimension table and the conclusion.
User text is escaped by the template (| e)."""

import pytest
from print_formats import ENVIRONMENTS, FakeDoc, load_print_format, renderer

SCORES = [
	("必要性", 20, 20, "符合规划"),
	("可行性", 20, 18, "方案可行"),
	("经济性", 20, 17.5, "测算<依据>充分"),
]


def assessment(**overrides):
	values = dict(
		name="EA-2026-00001",
		performance_year="2026",
		budget_unit="建设管理科",
		project_code="JSK-09",
		project_name="老旧小区改造",
		expenditure_type="Project Expenditure",
		requested_amount=2500,
		required_because="新增项目；重大项目：资金总额2500.0万元，达到2000.0万元",
		background="市政府常务会议纪要\n明确建设",
		main_content="改造12个小区",
		goal_summary="年内完成改造",
		funding="资金总额2,500.00万元",
		method="资料审核、专家论证",
		dimensions=[FakeDoc(dimension=d, weight=w, score=s, finding=f) for d, w, s, f in SCORES],
		total_score=55.5,
		suggested_conclusion="Do Not Support",
		conclusion="Support after Adjustment",
		conclusion_reasons="压减其他资金后支持",
		suggestions="细化分年度资金安排",
		evidence=[FakeDoc(title="可行性研究报告", description="第三方编制")],
		finance_opinion="同意",
	)
	values.update(overrides)
	return FakeDoc(**values)


@pytest.fixture(params=list(ENVIRONMENTS))
def environment(request):
	return request.param


def test_the_report_in_the_published_outline(environment):
	html = renderer(load_print_format("事前绩效评估报告"), environment)(assessment())
	assert "项目事前绩效评估报告" in html and "（2026年度\u3000编号：EA-2026-00001）" in html
	positions = [
		html.index(h)
		for h in (
			"一、评估对象基本情况",
			"二、评估工作开展情况",
			"三、综合评估情况与评估结论",
			"四、相关建议",
		)
	]
	assert positions == sorted(positions)
	assert "2,500.00" in html
	assert "市政府常务会议纪要<br>明确建设" in html
	assert "测算&lt;依据&gt;充分" in html  # escaped
	for dimension, *_rest in SCORES:
		assert f"{dimension}</td>" in html
	assert "17.50" in html and "60.00" in html and "55.50" in html  # the table's weights add up in 合计
	assert "按评分标准建议：不予支持" in html and "<b>调整后支持</b>" in html
	assert "压减其他资金后支持" in html and "可行性研究报告" in html


def test_a_policy_assessment_not_yet_concluded_renders(environment):
	doc = assessment(
		expenditure_type="Policy Expenditure",
		conclusion=None,
		conclusion_reasons=None,
		evidence=[],
		total_score=None,
	)
	html = renderer(load_print_format("事前绩效评估报告"), environment)(doc)
	assert "政策事前绩效评估报告" in html and "None" not in html and "附：评估依据材料" not in html
