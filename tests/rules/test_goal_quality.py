"""Goal quality, SPEC §4.1 (bureau measures arts. 8–9, 财预〔2015〕88号, 财预〔2021〕101号)."""

import pytest

from perf_budget.rules.goal_quality import LEVEL2_BY_LEVEL1, OPERATORS, Finding, check_goal
from perf_budget.rules.parameters import Rules


def indicator(idx, level1, level2, name, weight, operator=">=", target=100, unit="人", text=None):
	return {
		"idx": idx,
		"level1": level1,
		"level2": level2,
		"indicator_name": name,
		"operator": operator,
		"target_value": target,
		"target_text": text,
		"unit": unit,
		"weight": weight,
	}


def good_goal():
	return [
		indicator(1, "Output", "Quantity", "培训基层农技人员人数", 20),
		indicator(2, "Output", "Quality", "培训合格率", 15, target=95, unit="%"),
		indicator(3, "Output", "Timeliness", "培训完成时间", 15, "<=", 10, "月"),
		indicator(4, "Effect", "Social", "农技服务覆盖面", 30, "Qualitative", None, None, "覆盖全部乡镇"),
		indicator(5, "Satisfaction", "Service Recipient", "受训人员满意度", 10, target=90, unit="%"),
	]


def messages(findings):
	return [(f.severity, f.row, f.message.format(*f.args)) for f in findings]


def test_a_sound_goal_has_no_findings():
	assert check_goal(good_goal()) == []


def test_vocabulary():
	assert LEVEL2_BY_LEVEL1["Output"] == ("Quantity", "Quality", "Timeliness", "Cost")
	assert LEVEL2_BY_LEVEL1["Effect"] == ("Economic", "Social", "Ecological", "Sustainable")
	assert LEVEL2_BY_LEVEL1["Satisfaction"] == ("Service Recipient",)
	assert LEVEL2_BY_LEVEL1["Cost"] == ("Economic Cost", "Social Cost", "Ecological Cost")
	assert OPERATORS == (">=", ">", "=", "<", "<=", "Qualitative")


def test_findings_are_translatable_keys_with_row_and_args():
	goal = good_goal()
	goal[1]["level2"] = "Social"
	assert check_goal(goal) == [
		Finding("error", 2, "Row {0}: {1} does not belong under {2}", (2, "Social", "Output"))
	]


def test_unknown_level1_and_operator():
	goal = good_goal()
	goal[0]["level1"] = "Outcome"
	goal[1]["operator"] = "≥"
	assert messages(check_goal(goal)) == [
		("error", 1, "Row 1: unknown level-1 indicator Outcome"),
		("error", 2, "Row 2: unknown operator ≥"),
		("error", None, "Output indicator weights add up to 30.0, they must add up to 50.0"),
	]


def test_name_is_required_and_at_most_100_characters():
	goal = good_goal()
	goal[0]["indicator_name"] = "  "
	goal[1]["indicator_name"] = "率" * 101
	goal[2]["indicator_name"] = "时" * 100
	assert messages(check_goal(goal)) == [
		("error", 1, "Row 1: enter the indicator name"),
		("error", 2, "Row 2: indicator name is 101 characters, at most 100 allowed"),
	]


def test_quantitative_needs_numeric_target_and_unit():
	goal = good_goal()
	goal[0]["target_value"] = "较多"
	goal[1]["unit"] = ""
	goal[2]["target_value"] = None
	goal[2]["unit"] = None
	assert messages(check_goal(goal)) == [
		("error", 1, "Row 1: a quantitative indicator needs a numeric target"),
		("error", 2, "Row 2: a quantitative indicator needs a unit"),
		("error", 3, "Row 3: a quantitative indicator needs a numeric target"),
		("error", 3, "Row 3: a quantitative indicator needs a unit"),
	]


def test_qualitative_needs_target_text():
	goal = good_goal()
	goal[3]["target_text"] = " "
	assert messages(check_goal(goal)) == [("error", 4, "Row 4: a qualitative indicator needs a target text")]


@pytest.mark.parametrize(("text", "vague"), [("有效", True), ("明显提升", False), ("有所提高", True)])
def test_short_or_vague_text_target_is_a_warning(text, vague):
	goal = good_goal()
	goal[3]["target_text"] = text
	expected = [("warning", 4, f"Row 4: target {text} is vague; describe the expected result")]
	assert messages(check_goal(goal)) == (expected if vague else [])


@pytest.mark.parametrize(
	("name", "vague"),
	[
		("完成若干培训", True),
		("服务水平有所提升", True),
		("进一步提高覆盖率", True),
		("购置电脑、打印机等", True),
		("购置设备等等数量", True),
		("验收等级", False),
		("培训基层农技人员人数", False),
	],
)
def test_vague_indicator_names_are_warnings(name, vague):
	goal = good_goal()
	goal[0]["indicator_name"] = name
	expected = [("warning", 1, f"Row 1: indicator {name} is vague; name what exactly is measured")]
	assert messages(check_goal(goal)) == (expected if vague else [])


def test_duplicate_names_ignore_case_and_whitespace():
	goal = good_goal()
	goal[1]["indicator_name"] = " 培训基层 农技人员人数 "
	goal[4]["indicator_name"] = "培训完成时间"
	assert messages(check_goal(goal)) == [
		("error", 2, "Row 2: indicator 培训基层 农技人员人数 repeats row 1"),
		("error", 5, "Row 5: indicator 培训完成时间 repeats row 3"),
	]
	latin = [
		indicator(1, "Output", "Quantity", "PM2.5 days", 25),
		indicator(2, "Output", "Quantity", "pm2.5  Days", 25),
	]
	assert ("error", 2, "Row 2: indicator pm2.5  Days repeats row 1") in messages(check_goal(latin))


def test_output_effect_and_satisfaction_are_required():
	only_output = [indicator(1, "Output", "Quantity", "培训人数", 50)]
	assert messages(check_goal(only_output)) == [
		("error", None, "The goal needs at least one Effect indicator"),
		("error", None, "The goal needs at least one Satisfaction indicator"),
	]


def test_satisfaction_not_required_without_service_recipients_and_its_points_move_to_effect():
	goal = good_goal()[:4]
	assert messages(check_goal(goal, has_service_recipients=False)) == [
		("error", None, "Effect indicator weights add up to 30.0, they must add up to 40.0")
	]
	goal[3]["weight"] = 40
	assert check_goal(goal, has_service_recipients=False) == []


def test_weights_must_add_up_to_the_level_points_within_tolerance():
	goal = good_goal()
	goal[0]["weight"] = 20.01  # within 0.01
	assert check_goal(goal) == []
	goal[0]["weight"] = 20.02
	assert messages(check_goal(goal)) == [
		("error", None, "Output indicator weights add up to 50.02, they must add up to 50.0")
	]


def test_weight_must_be_a_non_negative_number():
	goal = good_goal()
	goal[0]["weight"] = None
	goal[1]["weight"] = -15
	goal[2]["weight"] = 65
	assert messages(check_goal(goal)) == [
		("error", 1, "Row 1: enter a numeric weight"),
		("error", 2, "Row 2: weight cannot be negative"),
	]


def test_cost_as_its_own_level1():
	goal = [*good_goal(), indicator(6, "Cost", "Economic Cost", "人均培训成本", 0, "<=", 800, "元")]
	assert check_goal(goal) == []
	scored = Rules(output_weight=40, cost_weight=10)
	goal[0]["weight"] = 10
	assert check_goal(goal, scored) == [
		Finding(
			"error", None, "{0} indicator weights add up to {1}, they must add up to {2}", ("Cost", 0.0, 10.0)
		)
	]
	goal[5]["weight"] = 10
	assert check_goal(goal, scored) == []
	assert messages(check_goal(good_goal(), scored))[0] == (
		"error",
		None,
		"The goal needs at least one Cost indicator",
	)


def test_cost_under_output_when_not_a_level1():
	rules = Rules(cost_is_level1=False)
	goal = [*good_goal(), indicator(6, "Cost", "Economic Cost", "人均培训成本", 5, "<=", 800, "元")]
	assert messages(check_goal(goal, rules)) == [
		("error", 6, "Row 6: cost is not a level-1 indicator here; file it under Output, level 2 Cost")
	]
	goal[5].update(level1="Output", level2="Cost")
	goal[0]["weight"] = 15
	assert check_goal(goal, rules) == []


def test_target_below_last_year_actual_is_a_warning():
	last_year = {"培训基层农技人员人数": 120, "培训合格率": 95, "培训完成时间": 8}
	assert messages(check_goal(good_goal(), last_year_actuals=last_year)) == [
		("warning", 1, "Row 1: target 100 is below last year's actual 120")
	]


def test_all_qualitative_goal_is_warned_to_quantify():
	goal = [
		indicator(1, "Output", "Quality", "培训质量", 50, "Qualitative", None, None, "达到省级标准"),
		indicator(2, "Effect", "Social", "服务能力", 30, "Qualitative", None, None, "覆盖全部乡镇"),
		indicator(
			3,
			"Satisfaction",
			"Service Recipient",
			"受训满意度",
			10,
			"Qualitative",
			None,
			None,
			"普遍认可培训",
		),
	]
	assert messages(check_goal(goal)) == [
		("warning", None, "No indicator is quantified; use numeric targets where possible")
	]
