"""The steps of art. 22 a self-evaluation needs before it leaves the unit
(perf_budget/rules/procedure.py)."""

from perf_budget.rules.procedure import (
	CHECKLIST,
	DEFAULT_CHECKLIST,
	EXPERTS,
	NEGATIVE_SETTING,
	SITE_VISIT_MESSAGE,
	SUMMARY,
	SURVEY_MESSAGE,
	TICK_WITHOUT_FILE,
	Facts,
	Requirements,
	missing_steps,
	parse_checklist,
	setting_problems,
	tick_problems,
)


def test_nothing_required_by_default():
	assert missing_steps(Requirements(), Facts(annual_budget=10_000)) == []


def test_steps_from_an_amount_apply_at_and_above_it():
	required = Requirements(site_visit_from=100.0, survey_from=100.0, expert_review_from=500.0, min_experts=3)
	facts = dict(has_satisfaction_indicators=True)
	assert missing_steps(required, Facts(annual_budget=99.99, **facts)) == []
	assert missing_steps(required, Facts(annual_budget=100.0, **facts)) == [
		(SITE_VISIT_MESSAGE, ()),
		(SURVEY_MESSAGE, ()),
	]
	assert missing_steps(required, Facts(annual_budget=500.0, scored_experts=2, **facts)) == [
		(SITE_VISIT_MESSAGE, ()),
		(SURVEY_MESSAGE, ()),
		(EXPERTS, (3, 2)),
	]
	done = Facts(annual_budget=500.0, site_visits=1, survey_valid_responses=1, scored_experts=3, **facts)
	assert missing_steps(required, done) == []


def test_a_threshold_of_zero_applies_to_every_project():
	assert missing_steps(Requirements(site_visit_from=0.0), Facts(annual_budget=0)) == [
		(SITE_VISIT_MESSAGE, ())
	]


def test_no_survey_asked_without_satisfaction_indicators():
	facts = Facts(annual_budget=1000, has_satisfaction_indicators=False)
	assert missing_steps(Requirements(survey_from=0.0), facts) == []


def test_checklist_and_summary_list_what_is_missing():
	required = Requirements(checklist=True, summary=True)
	facts = Facts(
		annual_budget=1, unticked_required=("项目实施方案", "资金支付凭证"), blank_summary=("原因分析",)
	)
	assert missing_steps(required, facts) == [
		(CHECKLIST, ("项目实施方案、资金支付凭证",)),
		(SUMMARY, ("原因分析",)),
	]


def test_checklist_setting_lines_and_default():
	assert parse_checklist("\n 合同 \n相关制度（选填）\n台账(选填)\n\n") == [
		("合同", True),
		("相关制度", False),
		("台账", False),
	]
	default = parse_checklist(None)
	assert len(default) == len(DEFAULT_CHECKLIST)
	assert default[0] == ("批复的绩效目标", True)
	assert default[-1] == ("相关管理制度", False)


def test_a_tick_needs_a_file_or_a_note():
	rows = [
		{"idx": 1, "item": "合同", "done": 1, "file": "/private/files/a.pdf"},
		{"idx": 2, "item": "预算执行数据", "done": 1, "note": "见本表预算执行部分"},
		{"idx": 3, "item": "支付凭证", "done": 1, "note": " "},
		{"idx": 4, "item": "方案", "done": 0},
	]
	assert tick_problems(rows) == [(TICK_WITHOUT_FILE, (3, "支付凭证"))]


def test_negative_step_figures_are_refused_by_step_and_field():
	settings = {
		"require_site_visit": 1,
		"site_visit_from": -0.01,
		"survey_from": 0,
		"expert_review_from": -500.0,
		"min_scoring_experts": -1,
	}
	assert setting_problems(settings) == [
		(NEGATIVE_SETTING, ("require_site_visit", "site_visit_from", "-0.01")),
		(NEGATIVE_SETTING, ("require_expert_review", "expert_review_from", "-500")),
		(NEGATIVE_SETTING, ("require_expert_review", "min_scoring_experts", "-1")),
	]
	# 0 and blank are allowed (0: every project; a blank count means one expert)
	assert setting_problems({"site_visit_from": 0, "survey_from": None, "min_scoring_experts": 0}) == []
