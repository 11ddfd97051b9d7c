"""The department-wide self-evaluation: the project scoring with the department
weights of the settings (部门整体支出绩效自评表), at its boundaries."""

import pytest

from perf_budget.rules.department_evaluation import department_rules, evaluate_department
from perf_budget.rules.parameters import Rules, validate_rules
from perf_budget.rules.scoring import ScoringError

# A bureau that gives the department's execution 20 points and its output 40.
BUREAU = Rules(dept_execution_weight=20, dept_output_weight=40)


def rows(satisfaction=True):
	"""Output 40 and Effect 30 (40 without a satisfaction group) all met."""
	effect = 30 if satisfaction else 40
	data = [
		{"level1": "Output", "operator": ">=", "target_value": 12, "actual_value": 12, "weight": 40},
		{"level1": "Effect", "operator": ">=", "target_value": 95, "actual_value": 96, "weight": effect},
	]
	if satisfaction:
		data.append(
			{
				"level1": "Satisfaction",
				"operator": ">=",
				"target_value": 90,
				"actual_value": None,
				"weight": 10,
			}
		)
	return data


def test_department_rules_take_the_department_weights_only():
	rules = department_rules(BUREAU)
	assert (
		rules.execution_weight,
		rules.output_weight,
		rules.effect_weight,
		rules.satisfaction_weight,
		rules.cost_weight,
	) == (20, 40, 30, 10, 0)
	assert (rules.excellent_min, rules.score_precision) == (90, 2)
	# the project table keeps its own points
	assert (BUREAU.execution_weight, BUREAU.output_weight) == (10, 50)


def test_89_99_is_good_and_90_00_excellent():
	# execution 99.95 of 100 → 19.99 of 20; output 40 + effect 30; nobody satisfied → 0 of 10
	result = evaluate_department(100, 99.95, rows(), BUREAU, valid_respondents=50, satisfied_respondents=0)
	assert (result.execution_score, result.level_scores["Satisfaction"]) == (19.99, 0)
	assert (result.total, result.grade) == (89.99, "Good")
	result = evaluate_department(100, 100, rows(), BUREAU, valid_respondents=50, satisfied_respondents=0)
	assert (result.execution_score, result.total, result.grade) == (20, 90, "Excellent")


def test_execution_above_the_budget_stops_at_the_department_weight():
	result = evaluate_department(1909.5, 2100.45, rows(), BUREAU, 200, 190)
	# 2100.45 / 1909.50 = 110.00 %; the score stays at the 20 points, not 22
	assert (result.execution_rate, result.execution_weight, result.execution_score) == (110, 20, 20)
	# 190 / 200 = 95.00 % satisfied ≥ 90 → 10; total 20 + 40 + 30 + 10
	assert (result.indicators[2].score, result.total, result.grade) == (10, 100, "Excellent")


def test_satisfaction_from_respondents_scores_below_the_target():
	# 153 of 180 = 85.00 % against ≥ 90 → 10 × 85 / 90 = 9.44
	result = evaluate_department(100, 100, rows(), BUREAU, 180, 153)
	assert (result.indicators[2].score, result.level_scores["Satisfaction"], result.total) == (
		9.44,
		9.44,
		99.44,
	)


def test_a_missing_satisfaction_group_scores_the_rest():
	# no satisfaction indicator (its 10 points went to Effect on the goal): respondents change nothing
	result = evaluate_department(100, 100, rows(satisfaction=False), BUREAU, 180, 153)
	assert result.level_scores == {"Output": 40, "Effect": 40, "Satisfaction": 0, "Cost": 0}
	assert (result.total, result.grade, result.complete) == (100, "Excellent", True)


def test_without_respondents_the_satisfaction_row_waits_for_its_actual_value():
	result = evaluate_department(100, 100, rows(), BUREAU)
	assert result.indicators[2].score is None
	assert [(p.row, p.message) for p in result.problems] == [(3, "Enter the actual value for target {0} {1}")]
	assert result.total == 90


def test_more_satisfied_than_valid_respondents_is_refused():
	with pytest.raises(ScoringError):
		evaluate_department(100, 100, rows(), BUREAU, 10, 11)


def test_department_weights_must_add_up_to_100_and_not_be_negative():
	assert validate_rules(Rules()) == []
	assert validate_rules(Rules(dept_output_weight=45)) == [
		("Department self-evaluation weights must add up to 100, they add up to {0}", (95.0,))
	]
	assert validate_rules(Rules(dept_execution_weight=-10, dept_output_weight=70)) == [
		("{0} must be between 0 and 100, it is {1}", ("dept_execution_weight", -10))
	]
	assert validate_rules(Rules(dept_output_weight=40, dept_cost_weight=10, cost_is_level1=False)) == [
		("Department cost weight must be 0 when cost stays under Output, it is {0}", (10,))
	]
