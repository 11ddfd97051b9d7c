"""A whole self-evaluation against a hand-computed example (national defaults)."""

from perf_budget.rules.evaluation import evaluate
from perf_budget.rules.parameters import Rules


def rows():
	return [
		# Output 50: met, half met (200/400 → 10 of 20), reverse linear (12 vs 10 → 0.8 × 10 = 8)
		{"level1": "Output", "operator": ">=", "target_value": 500, "actual_value": 620, "weight": 20},
		{"level1": "Output", "operator": ">=", "target_value": 400, "actual_value": 200, "weight": 20},
		{"level1": "Output", "operator": "<=", "target_value": 10, "actual_value": 12, "weight": 10},
		# Effect 30: qualitative partly achieved, 20 entered within 18–24
		{
			"level1": "Effect",
			"operator": "Qualitative",
			"qualitative_result": "Partly",
			"entered_score": 20,
			"weight": 30,
		},
		# Satisfaction 10: 85 of 90 → 9.444… → 9.44
		{"level1": "Satisfaction", "operator": ">=", "target_value": 90, "actual_value": 85, "weight": 10},
	]


def test_hand_computed_total_and_grade():
	# execution: 85.5 of 100 → rate 85.50 %, score 8.55, reason needed (< 90 %)
	result = evaluate(100, 85.5, rows())
	assert (result.execution_rate, result.execution_score, result.needs_execution_reason) == (
		85.5,
		8.55,
		True,
	)
	assert [s.score for s in result.indicators] == [20, 10, 8, 20, 9.44]
	assert result.level_scores == {"Output": 38, "Effect": 20, "Satisfaction": 9.44, "Cost": 0}
	# 8.55 + 38 + 20 + 9.44 = 75.99 → Fair (60–80)
	assert (result.total, result.grade) == (75.99, "Fair")
	assert result.complete
	assert result.indicators[0].overachieved is False  # 620/500 = 1.24 < 1.5


def test_adjusted_score_keeps_both_values_and_needs_a_reason():
	data = rows()
	data[0].update(score_adjusted=1, override_score=18, override_reason="")
	result = evaluate(100, 100, data)
	assert result.indicators[0].score == 20  # no reason: the formula's score stands
	assert "reason" in result.problems[0].message
	data[0]["override_reason"] = "数据来源不完整，酌情扣分"
	result = evaluate(100, 100, data)
	assert (result.indicators[0].computed, result.indicators[0].score) == (20, 18)
	assert result.total == 10 + 18 + 10 + 8 + 20 + 9.44


def test_adjusted_score_above_the_weight_is_refused():
	data = rows()
	data[1].update(score_adjusted=1, override_score=25, override_reason="表现突出")
	result = evaluate(100, 100, data)
	assert result.indicators[1].score == 10
	assert (result.problems[0].row, result.problems[0].args) == (2, (25.0, 20.0))


def test_an_adjusted_score_counts_only_when_adjusting_is_ticked():
	data = rows()
	data[0].update(score_adjusted=0, override_score=0, override_reason="")
	assert evaluate(100, 100, data).indicators[0].score == 20


def test_missing_actual_and_out_of_band_score_are_problems_not_crashes():
	data = rows()
	data[1]["actual_value"] = None
	data[3]["entered_score"] = 28  # band for Partly is 18–24
	result = evaluate(100, 100, data)
	assert [p.row for p in result.problems] == [2, 4]
	assert result.indicators[1].score is None
	assert not result.complete


def test_province_weights_and_whole_point_rounding():
	rules = Rules(
		execution_weight=20, output_weight=60, effect_weight=10, satisfaction_weight=10, score_precision=0
	)
	result = evaluate(
		100,
		93,
		[{"level1": "Output", "operator": ">=", "target_value": 3, "actual_value": 2, "weight": 60}],
		rules,
	)
	# 93 % of 20 = 18.6 → 19; 2/3 of 60 = 40
	assert (result.execution_score, result.indicators[0].score, result.total) == (19, 40, 59)
	assert result.grade == "Poor"
