"""Self-evaluation scoring (SPEC §4.4).

Follows 财预〔2020〕10号 (项目支出绩效评价管理办法) and the bureau measures
art. 21: total 100 = budget execution 10 + Output 50 + Effect 30 +
Satisfaction 10, each indicator scored against its confirmed target, each
score rounded half-up, the total the sum of the rounded scores.
"""

from decimal import Decimal

from perf_budget.rules.numbers import RuleError, parse_number, round_half_up, to_decimal
from perf_budget.rules.parameters import DEFAULT_RULES, Rules

HIGHER_IS_BETTER = (">=", ">")
LOWER_IS_BETTER = ("<=", "<")
QUANTITATIVE_OPERATORS = (">=", ">", "=", "<", "<=")
QUALITATIVE = "Qualitative"
QUALITATIVE_RESULTS = ("Achieved", "Partly", "Not Achieved")

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class ScoringError(RuleError):
	"""Bad scoring input; ``message`` is an English key with {0}… placeholders.

	The Frappe side shows ``_(error.message).format(*error.args_)``.
	"""

	# spelled out so that scripts/app_strings.py finds the ``message`` keys to translate
	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message, *args)


def score_indicator(
	operator: str,
	target: float | str | None,
	actual: float | str | None,
	weight: float,
	qualitative_result: str | None = None,
	rules: Rules | None = None,
	entered_score: float | None = None,
) -> float:
	"""Points an indicator earns out of ``weight``, rounded per the settings.

	Quantitative operators are scored by formula and never exceed the weight
	(over-achievement earns full points, 财预〔2020〕10号). A qualitative
	indicator takes the evaluator's ``entered_score``, which must lie in the
	band of ``qualitative_result``.
	"""
	rules = rules or DEFAULT_RULES
	full = _weight(weight)
	if operator == QUALITATIVE:
		score = _qualitative_score(qualitative_result, entered_score, full, rules)
	else:
		score = full * _completion(operator, target, actual, rules)
	return round_half_up(score, rules.score_precision)


def completion_percent(
	operator: str,
	target: float | str | None,
	actual: float | str | None,
	rules: Rules | None = None,
) -> float:
	"""Share of the weight a quantitative result earns, in percent (0–100, 2 decimals)."""
	share = _completion(operator, target, actual, rules or DEFAULT_RULES)
	return round_half_up(share * HUNDRED, 2)


def qualitative_band(result: str, weight: float, rules: Rules | None = None) -> tuple[float, float]:
	"""(low, high) points an evaluator may give for a qualitative ``result``.

	财预〔2020〕10号 practice: 达成年度指标 80–100% of the weight, 部分达成并具有
	一定效果 60–80%, 未达成且效果较差 0–60%; bounds come from the settings.
	"""
	low, high = _band(result, _weight(weight), rules or DEFAULT_RULES)
	return float(low), float(high)


def execution_rate(budget: float, executed: float) -> float:
	"""Executed ÷ full-year budget in percent, half-up to 2 decimals; 0 without a budget."""
	budget_d, executed_d = checked_amounts(budget, executed)
	if budget_d == 0:
		return 0.0
	return round_half_up(executed_d / budget_d * HUNDRED, 2)


def checked_amounts(budget: object, executed: object) -> tuple[Decimal, Decimal]:
	"""Budget and executed amount as Decimals; ScoringError unless both are numbers ≥ 0."""
	budget_d, executed_d = parse_number(budget), parse_number(executed)
	if budget_d is None or executed_d is None or budget_d < 0 or executed_d < 0:
		raise ScoringError(
			"Budget and executed amounts must be numbers of at least 0, they are {0} and {1}",
			budget,
			executed,
		)
	return budget_d, executed_d


def execution_score(budget: float, executed: float, weight: float = 10, rules: Rules | None = None) -> float:
	"""min(weight, executed ÷ full-year budget × weight), art. 21's 预算执行率 points.

	The budget is the adjusted full-year budget (全年预算数); without a budget
	there is nothing executed to score, so the score is 0.
	"""
	rules = rules or DEFAULT_RULES
	full = _weight(weight)
	budget_d, executed_d = checked_amounts(budget, executed)
	if budget_d == 0:
		return round_half_up(ZERO, rules.score_precision)
	return round_half_up(min(full, executed_d / budget_d * full), rules.score_precision)


def needs_execution_reason(budget: float, executed: float, rules: Rules | None = None) -> bool:
	"""True when the shown execution rate is below the setting (default 90%)."""
	rules = rules or DEFAULT_RULES
	return to_decimal(execution_rate(budget, executed)) < to_decimal(rules.execution_reason_below)


def grade_for(total: float, rules: Rules | None = None) -> str:
	"""Excellent / Good / Fair / Poor (优/良/中/差): ≥90, ≥80, ≥60, below (settings)."""
	rules = rules or DEFAULT_RULES
	total_d = to_decimal(total)
	if total_d >= to_decimal(rules.excellent_min):
		return "Excellent"
	if total_d >= to_decimal(rules.good_min):
		return "Good"
	if total_d >= to_decimal(rules.fair_min):
		return "Fair"
	return "Poor"


def level_points(rules: Rules | None = None, has_satisfaction: bool = True) -> dict[str, float]:
	"""Points each level-1 indicator group carries (execution is separate).

	A project with no service recipients has no satisfaction indicator; its
	points move to the setting-chosen level (default Effect) so the total
	stays 100.
	"""
	rules = rules or DEFAULT_RULES
	points = {
		"Output": to_decimal(rules.output_weight),
		"Effect": to_decimal(rules.effect_weight),
		"Satisfaction": to_decimal(rules.satisfaction_weight),
		"Cost": to_decimal(rules.cost_weight),
	}
	if not has_satisfaction:
		points[rules.satisfaction_fallback_level] += points["Satisfaction"]
		points["Satisfaction"] = ZERO
	return {level: float(value) for level, value in points.items()}


def satisfaction_rate(satisfied: int, valid: int) -> float:
	"""Satisfied ÷ valid questionnaire respondents, in percent, half-up 2 decimals."""
	satisfied_d, valid_d = to_decimal(satisfied), to_decimal(valid)
	if valid_d <= 0:
		raise ScoringError("Satisfaction needs at least one valid respondent")
	if not 0 <= satisfied_d <= valid_d:
		raise ScoringError(
			"Satisfied respondents ({0}) must be between 0 and the valid respondents ({1})",
			satisfied,
			valid,
		)
	return round_half_up(satisfied_d / valid_d * HUNDRED, 2)


def is_overachieved(
	operator: str,
	target: float | str | None,
	actual: float | str | None,
	rules: Rules | None = None,
) -> bool:
	"""Flag "target set too low" when actual ÷ target reaches the setting's ratio.

	Only for higher-is-better targets; it is a hint for the reviewer
	(财预〔2015〕88号 asks for reasonable targets) and never changes the score.
	"""
	rules = rules or DEFAULT_RULES
	if not rules.overachievement_flag_ratio or operator not in HIGHER_IS_BETTER:
		return False
	target_d, actual_d = parse_number(target), parse_number(actual)
	if target_d is None or actual_d is None or target_d <= 0:
		return False
	return actual_d / target_d >= to_decimal(rules.overachievement_flag_ratio)


def total_score(scores: list[float]) -> float:
	"""Sum of the already-rounded scores (SPEC §4.4), free of float noise."""
	return round_half_up(sum((to_decimal(score) for score in scores), ZERO), 2)


def _completion(operator: str, target: object, actual: object, rules: Rules) -> Decimal:
	"""Share of the weight (0–1) a quantitative result earns."""
	if operator not in QUANTITATIVE_OPERATORS:
		raise ScoringError("Unknown operator {0}", operator)
	target_d = parse_number(target)
	if target_d is None:
		raise ScoringError("Enter a numeric target for operator {0}", operator)
	actual_d = parse_number(actual)
	if actual_d is None:
		raise ScoringError("Enter the actual value for target {0} {1}", operator, target)
	if operator in HIGHER_IS_BETTER:
		return _higher_is_better(operator, target_d, actual_d)
	if operator in LOWER_IS_BETTER:
		return _lower_is_better(operator, target_d, actual_d, rules.reverse_formula)
	return _equal_to(target_d, actual_d)


def _higher_is_better(operator: str, target: Decimal, actual: Decimal) -> Decimal:
	met = actual >= target if operator == ">=" else actual > target
	if met:
		return ONE
	# A share of a zero or negative target means nothing: missed is 0.
	# For ">" at exactly the target the share below is already 1, so ">" and
	# ">=" differ only for such targets.
	if target <= 0:
		return ZERO
	return max(ZERO, actual / target)


def _lower_is_better(operator: str, target: Decimal, actual: Decimal, formula: str) -> Decimal:
	met = actual <= target if operator == "<=" else actual < target
	if met:
		return ONE
	if target <= 0:
		return ZERO
	if formula == "Ratio":
		return target / actual
	# Linear: every 1% over the target costs 1% of the weight, 0 at twice the target.
	return max(ZERO, ONE - (actual - target) / target)


def _equal_to(target: Decimal, actual: Decimal) -> Decimal:
	if actual == target:
		return ONE
	if target > 0:
		return _higher_is_better(">=", target, actual)
	if target == 0:
		return ONE if actual <= 0 else ZERO
	return ZERO


def _qualitative_score(
	result: str | None, entered_score: float | None, weight: Decimal, rules: Rules
) -> Decimal:
	low, high = _band(result, weight, rules)
	if entered_score is None:
		raise ScoringError(
			"Enter a score between {0} and {1} for result {2}", float(low), float(high), result
		)
	score = parse_number(entered_score)
	if score is None or not low <= score <= high:
		raise ScoringError(
			"Score {0} is outside the band {1}–{2} for result {3}",
			entered_score,
			float(low),
			float(high),
			result,
		)
	return score


def _band(result: str | None, weight: Decimal, rules: Rules) -> tuple[Decimal, Decimal]:
	achieved_min = to_decimal(rules.qual_achieved_min)
	partly_min = to_decimal(rules.qual_partly_min)
	percent_bands = {
		"Achieved": (achieved_min, HUNDRED),
		"Partly": (partly_min, achieved_min),
		"Not Achieved": (ZERO, partly_min),
	}
	if result not in percent_bands:
		raise ScoringError(
			"Choose the qualitative result ({0}), not {1}", ", ".join(QUALITATIVE_RESULTS), result
		)
	low, high = percent_bands[result]
	return weight * low / HUNDRED, weight * high / HUNDRED


def _weight(weight: object) -> Decimal:
	weight_d = parse_number(weight)
	if weight_d is None:
		raise ScoringError("Enter a numeric weight, not {0}", weight)
	if weight_d < 0:
		raise ScoringError("Weight cannot be negative, it is {0}", weight)
	return weight_d
