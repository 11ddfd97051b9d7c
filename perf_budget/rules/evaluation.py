"""A whole self-evaluation scored at once (SPEC §4.4, bureau measures art. 21).

``evaluate`` takes the plain values of one evaluation — the money block and
the indicator rows — and returns every number the form shows: execution
rate and score, each indicator's computed and final score, level-1
subtotals, the total and the grade. The Frappe controller only stores them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from perf_budget.rules.numbers import parse_number, round_half_up, to_decimal
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import (
	ScoringError,
	execution_rate,
	execution_score,
	grade_for,
	is_overachieved,
	needs_execution_reason,
	score_indicator,
	total_score,
)

LEVELS = ("Output", "Effect", "Satisfaction", "Cost")


@dataclass(frozen=True)
class Problem:
	"""A row that cannot be scored yet: (message, args) for translation; the
	caller puts the row number in front."""

	row: int | None
	message: str
	args: tuple = ()


@dataclass
class IndicatorScore:
	computed: float | None = None
	score: float | None = None
	overachieved: bool = False


@dataclass
class EvaluationScore:
	execution_rate: float = 0.0
	execution_weight: float = 0.0
	execution_score: float = 0.0
	needs_execution_reason: bool = False
	indicators: list[IndicatorScore] = field(default_factory=list)
	level_scores: dict[str, float] = field(default_factory=dict)
	total: float = 0.0
	grade: str = "Poor"
	problems: list[Problem] = field(default_factory=list)

	@property
	def complete(self) -> bool:
		return not self.problems


def evaluate(budget, executed, indicators: list[Mapping], rules: Rules | None = None) -> EvaluationScore:
	"""Score an evaluation. Rows that cannot be scored (no actual value, a
	qualitative score outside its band, an adjusted score without a reason)
	are reported in ``problems`` and count 0 until fixed."""
	rules = rules or DEFAULT_RULES
	result = EvaluationScore(
		execution_rate=execution_rate(budget, executed),
		execution_weight=float(rules.execution_weight),
		execution_score=execution_score(budget, executed, rules.execution_weight, rules),
		needs_execution_reason=needs_execution_reason(budget, executed, rules),
	)
	for idx, row in enumerate(indicators, start=1):
		result.indicators.append(_score_row(row.get("idx") or idx, row, rules, result.problems))
	result.level_scores = {
		level: total_score(
			[
				s.score or 0
				for s, row in zip(result.indicators, indicators, strict=True)
				if row.get("level1") == level
			]
		)
		for level in LEVELS
	}
	result.total = total_score([result.execution_score, *(s.score or 0 for s in result.indicators)])
	result.grade = grade_for(result.total, rules)
	return result


def _score_row(idx: int, row: Mapping, rules: Rules, problems: list[Problem]) -> IndicatorScore:
	scored = IndicatorScore()
	try:
		scored.computed = score_indicator(
			row.get("operator"),
			row.get("target_value"),
			row.get("actual_value"),
			row.get("weight") or 0,
			qualitative_result=row.get("qualitative_result") or None,
			rules=rules,
			entered_score=row.get("entered_score"),
		)
	except ScoringError as error:
		problems.append(Problem(idx, error.message, error.args_))
	scored.overachieved = is_overachieved(
		row.get("operator"), row.get("target_value"), row.get("actual_value"), rules
	)
	scored.score = _final_score(idx, row, scored.computed, rules, problems)
	return scored


def _final_score(
	idx: int, row: Mapping, computed: float | None, rules: Rules, problems: list[Problem]
) -> float | None:
	"""The evaluator or reviewer may depart from the formula, with a reason;
	both numbers stay on the record (SPEC §4.4)."""
	if not row.get("score_adjusted"):
		return computed
	override = parse_number(row.get("override_score")) or to_decimal(0)
	weight = to_decimal(row.get("weight") or 0)
	if not 0 <= override <= weight:
		problems.append(
			Problem(
				idx,
				"The adjusted score {0} must be between 0 and the weight {1}",
				(float(override), float(weight)),
			)
		)
		return computed
	if not (row.get("override_reason") or "").strip():
		problems.append(Problem(idx, "Give the reason for the adjusted score"))
		return computed
	return round_half_up(override, rules.score_precision)
