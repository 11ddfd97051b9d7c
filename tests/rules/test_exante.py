"""rules/exante.py: which goals need an ex-ante assessment, its score at the
boundaries, the suggested conclusion, the settings' dimensions and table."""

import pytest

from perf_budget.rules import exante
from perf_budget.rules.exante import DEFAULT_DIMENSIONS, ExanteError, ExanteSettings

DEFAULTS = ExanteSettings()


def needs(settings=DEFAULTS, **goal):
	return [(r.message, r.args) for r in exante.reasons(goal, settings)]


def test_defaults_from_the_issue():
	assert DEFAULTS == ExanteSettings(2000.0, True, True, True, 80.0, 60.0)
	assert [name for name, _w, _g in DEFAULT_DIMENSIONS] == [
		"必要性",
		"可行性",
		"经济性",
		"效益性",
		"筹资合规性",
	]
	assert sum(weight for _n, weight, _g in DEFAULT_DIMENSIONS) == 100
	assert all(guide for _n, _w, guide in DEFAULT_DIMENSIONS)
	assert exante.dimension_problems({"dimension": n, "weight": w} for n, w, _g in DEFAULT_DIMENSIONS) == []


def test_a_continuing_project_below_the_major_amount_needs_none():
	# what the factories and the demo file: no attribute or continuing, 100 and 1,909.50 万元
	assert needs(total_amount=100) == []
	assert needs(project_attribute="Continuing Project", total_amount=1999.99) == []


@pytest.mark.parametrize(
	("amount", "expected"),
	[
		(1999.99, []),
		(2000, [("Major amount: {0} 10k yuan, at or above {1} 10k yuan", (2000.0, 2000.0))]),
		("2000.01", [("Major amount: {0} 10k yuan, at or above {1} 10k yuan", (2000.01, 2000.0))]),
	],
)
def test_the_major_amount_counts_from_the_amount_itself(amount, expected):
	assert needs(project_attribute="Continuing Project", total_amount=amount) == expected


def test_major_amount_zero_is_off():
	assert needs(ExanteSettings(major_amount=0), total_amount=10**9) == []


def test_new_and_renewed_projects_each_with_their_switch():
	assert needs(project_attribute="New Project", total_amount=1) == [("New project", ())]
	assert needs(project_attribute="Renewed after Expiry") == [("Project renewed after its term expired", ())]
	assert needs(ExanteSettings(for_new=False), project_attribute="New Project") == []
	assert needs(ExanteSettings(for_renewed=False), project_attribute="Renewed after Expiry") == []


@pytest.mark.parametrize("kind", ["Policy Expenditure", "Special Fund"])
def test_policies_have_their_own_switch(kind):
	for attribute in ("New Project", "Renewed after Expiry"):
		assert needs(project_attribute=attribute, expenditure_type=kind) == [
			("New or renewed policy or special fund", ())
		]
		assert (
			needs(ExanteSettings(for_policies=False), project_attribute=attribute, expenditure_type=kind)
			== []
		)
	# a continuing policy needs none (its expiry review is the policy rule's, rules/policy.py)
	assert needs(project_attribute="Continuing Project", expenditure_type=kind) == []


def test_a_new_major_project_gives_both_reasons():
	assert [m for m, _a in needs(project_attribute="New Project", total_amount=2500)] == [
		"New project",
		"Major amount: {0} 10k yuan, at or above {1} 10k yuan",
	]


def rows(*scores, weights=(20, 20, 20, 20, 20)):
	names = [n for n, _w, _g in DEFAULT_DIMENSIONS]
	return [
		{"dimension": n, "weight": w, "score": s} for n, w, s in zip(names, weights, scores, strict=False)
	]


def test_total_is_the_sum_of_the_scores_exactly():
	assert exante.total_score(rows(20, 18.5, 17.25, 16, 8.25), 2) == 80.0
	assert exante.total_score(rows(0, 0, 0, 0, 0), 2) == 0.0
	assert exante.total_score(rows(20, 20, 20, 20, 20), 0) == 100.0


def test_an_empty_score_counts_0_and_a_dimension_is_assessed_by_its_finding():
	scored = rows(20, 18, None, 16, "")
	assert exante.total_score(scored, 2) == 54.0
	for row, finding in zip(scored, ["依据充分", " ", None, "可行", "资金落实"], strict=True):
		row["finding"] = finding
	assert exante.unassessed(scored) == ["可行性", "经济性"]


@pytest.mark.parametrize("score", [0, "0", 20, "20.00", 19.99])
def test_a_score_from_zero_to_the_weight_is_kept(score):
	assert exante.checked_score(score, 20, "必要性", 2) == exante.to_decimal(score)


@pytest.mark.parametrize("score", [-0.01, 20.01, 21])
def test_a_score_outside_zero_to_the_weight_is_refused(score):
	with pytest.raises(ExanteError, match="must be from 0 to 20"):
		exante.checked_score(score, 20, "必要性", 2)


@pytest.mark.parametrize("score", ["NaN", "inf", "-inf", "十八", [], True])
def test_a_score_that_is_not_a_number_is_refused(score):
	with pytest.raises(ExanteError, match="must be a number"):
		exante.checked_score(score, 20, "必要性", 2)


@pytest.mark.parametrize(("score", "precision"), [("18.125", 2), ("18.15", 1), ("18.5", 0)])
def test_a_score_is_never_rounded_beyond_the_precision(score, precision):
	with pytest.raises(ExanteError, match=f"more than {precision} decimals"):
		exante.checked_score(score, 20, "必要性", precision)
	assert float(exante.checked_score(score, 20, "必要性", 3)) == float(score)


@pytest.mark.parametrize(
	("total", "expected"),
	[
		(100, "Support"),
		(80, "Support"),
		(79.99, "Support after Adjustment"),
		(60, "Support after Adjustment"),
		(59.99, "Do Not Support"),
		(0, "Do Not Support"),
		(None, None),
	],
)
def test_suggested_conclusion_at_the_thresholds(total, expected):
	assert exante.suggested_conclusion(total, DEFAULTS) == expected


def test_suggested_conclusion_follows_the_settings():
	settings = ExanteSettings(support_min=85, adjust_min=70)
	assert exante.suggested_conclusion(84.99, settings) == "Support after Adjustment"
	assert exante.suggested_conclusion(69.99, settings) == "Do Not Support"


def test_only_support_and_support_after_adjustment_let_a_goal_go_on():
	assert [c for c in exante.CONCLUSIONS if exante.is_supported(c)] == [
		"Support",
		"Support after Adjustment",
	]
	assert not exante.is_supported(None)


@pytest.mark.parametrize(
	("assessed", "asked", "covered"),
	[
		(2500, 2500, True),
		(2500, 2400.5, True),
		(2500, 2500.004, True),  # the same amount to the fen
		(2500, 2500.01, False),  # one fen more: assess again
		(2500, "3000", False),
		(None, 2500, False),  # an assessment without an amount covers nothing
		(2500, float("nan"), False),
	],
)
def test_a_supported_assessment_covers_the_amount_it_assessed(assessed, asked, covered):
	assert exante.covers(assessed, asked) is covered


def test_dimension_weights_must_add_up_to_100():
	assert (
		exante.dimension_problems(
			[{"dimension": "必要性", "weight": 60}, {"dimension": "可行性", "weight": 40}]
		)
		== []
	)
	assert exante.dimension_problems(
		[{"dimension": "必要性", "weight": 60}, {"dimension": "可行性", "weight": 39.99}]
	) == [("The ex-ante assessment dimensions' weights must add up to 100, they add up to {0}", (99.99,))]
	assert exante.dimension_problems([]) == [
		("Add the ex-ante assessment dimensions; their weights add up to 100", ())
	]


def test_each_dimension_named_once_with_a_weight():
	problems = exante.dimension_problems(
		[
			{"dimension": "必要性", "weight": 50},
			{"dimension": "必要性", "weight": 50},
			{"dimension": "", "weight": 0},
			{"dimension": "效益性", "weight": "NaN"},
		]
	)
	assert [m for m, _a in problems] == [
		"The ex-ante assessment dimension {0} is listed twice",
		"Row {0} of the ex-ante assessment dimensions has no name",
		"The weight of the ex-ante assessment dimension {0} must be above 0 and at most 100, it is {1}",
		"The weight of the ex-ante assessment dimension {0} must be above 0 and at most 100, it is {1}",
	]


def test_settings_scoring_table_and_amount():
	good = [{"dimension": "必要性", "weight": 100}]
	assert exante.setting_problems({"exante_support_min": 80, "exante_adjust_min": 60}, good) == []
	assert exante.setting_problems({"exante_support_min": 60, "exante_adjust_min": 60}, good) == [
		(
			"The ex-ante scoring table needs 0 ≤ {0} {1} < {2} {3} ≤ 100",
			("exante_adjust_min", 60.0, "exante_support_min", 60.0),
		)
	]
	assert exante.setting_problems({"exante_major_amount": -1}, good) == [
		("{0} cannot be negative, it is {1}", ("exante_major_amount", -1.0))
	]


def test_settings_from_the_settings_fields():
	settings = ExanteSettings.from_mapping(
		{
			"exante_major_amount": "500",
			"exante_for_new": 0,
			"exante_for_policies": "1",
			"exante_support_min": None,
		}
	)
	assert settings == ExanteSettings(major_amount=500.0, for_new=False)
