"""The rule parameters a bureau sets (SPEC §4), with the national defaults.

``Perf Budget Settings`` stores one value per field of ``Rules``; provinces
differ (e.g. execution 20 / Output 60 / Effect 10 / Satisfaction 10, grade
bands 80/70/60, qualitative bands 80/50), so nothing below is hard-coded in
the scoring code.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from perf_budget.rules.numbers import to_decimal
from perf_budget.rules.panel import COMBINATIONS

REVERSE_FORMULAS = ("Linear", "Ratio")
SCORE_PRECISIONS = (0, 1, 2)

# (message, args): the Frappe side shows _(message).format(*args).
Problem = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Rules:
	# Level-1 weights, bureau measures art. 21 (= 财预〔2020〕10号 practice):
	# execution 10, Output 50, Effect 30, Satisfaction 10.
	execution_weight: float = 10.0
	output_weight: float = 50.0
	effect_weight: float = 30.0
	satisfaction_weight: float = 10.0
	# 财预〔2021〕101号 made Cost (成本指标) a level-1 indicator, but art. 21
	# gives it no points, so by default cost indicators may be filed under
	# their own level 1 carrying 0 points. A bureau that scores cost sets
	# cost_weight and lowers another weight so the total stays 100. With
	# cost_is_level1 off, cost is filed under Output (level 2 Cost) instead.
	cost_weight: float = 0.0
	cost_is_level1: bool = True
	# Where a project without service recipients moves the satisfaction points.
	satisfaction_fallback_level: str = "Effect"
	# Reverse (<=, <) indicators missed: "Linear" (1 − overshoot ÷ target) or
	# "Ratio" (target ÷ actual), 财预〔2020〕10号 annex practice.
	reverse_formula: str = "Linear"
	# Decimals each score is rounded to, half-up.
	score_precision: int = 2
	# How experts' scores are combined (art. 22 (二), rules/panel.py): the mean,
	# or the mean without one highest and one lowest score.
	expert_combination: str = "Mean"
	# Qualitative bands as % of the weight: achieved 80–100, partly 60–80,
	# not achieved 0–60 (some provinces use 80/50).
	qual_achieved_min: float = 80.0
	qual_partly_min: float = 60.0
	# Grade bands: ≥90 优, ≥80 良, ≥60 中, below 差.
	excellent_min: float = 90.0
	good_min: float = 80.0
	fair_min: float = 60.0
	# An execution rate below this percent needs a written reason.
	execution_reason_below: float = 90.0
	# actual ÷ target at or above this flags "target set too low" for the
	# reviewer (财预〔2015〕88号: targets must be reasonable); 0 turns it off.
	overachievement_flag_ratio: float = 1.5
	# Allowed gap between a level's indicator weights and its points.
	weight_tolerance: float = 0.01
	# Monitoring lights on time-adjusted execution (财预〔2019〕136号 practice).
	warning_red_below: float = 60.0
	warning_yellow_below: float = 80.0
	# Results application, arts. 24–25.
	results_notice_days: int = 20
	rectification_days: int = 30
	fair_cut_percent: float = 10.0
	unrectified_cut_percent: float = 10.0
	# Department-wide self-evaluation (部门整体支出绩效自评表): the same groups with points of
	# their own; published tables keep the project split (execution 10, then 90 for the
	# year's indicators), so that is the default (rules/department_evaluation.py).
	dept_execution_weight: float = 10.0
	dept_output_weight: float = 50.0
	dept_effect_weight: float = 30.0
	dept_satisfaction_weight: float = 10.0
	dept_cost_weight: float = 0.0

	@classmethod
	def from_mapping(cls, values: Mapping[str, Any]) -> "Rules":
		"""Rules from a settings mapping (e.g. a Frappe doc's ``as_dict()``).

		Unknown keys are ignored; None and "" keep the national default.
		Values are coerced to the field's type (Check 0/1 -> bool, Select
		"2" -> 2).
		"""
		known = {}
		for field in fields(cls):
			value = values.get(field.name)
			if value is None or value == "":
				continue
			known[field.name] = _coerce(field.type, value)
		return cls(**known)


DEFAULT_RULES = Rules()

_PERCENT_FIELDS = (
	"execution_weight",
	"output_weight",
	"effect_weight",
	"satisfaction_weight",
	"cost_weight",
	"qual_achieved_min",
	"qual_partly_min",
	"excellent_min",
	"good_min",
	"fair_min",
	"execution_reason_below",
	"warning_red_below",
	"warning_yellow_below",
	"fair_cut_percent",
	"unrectified_cut_percent",
	"dept_execution_weight",
	"dept_output_weight",
	"dept_effect_weight",
	"dept_satisfaction_weight",
	"dept_cost_weight",
)
_DAY_FIELDS = ("results_notice_days", "rectification_days")


def validate_rules(rules: Rules) -> list[Problem]:
	"""Everything wrong with ``rules``, as translatable (message, args) pairs."""
	return [
		*_percent_problems(rules),
		*_day_problems(rules),
		*_weight_problems(rules),
		*_band_problems(rules),
		*_choice_problems(rules),
	]


def _percent_problems(rules: Rules) -> list[Problem]:
	return [
		("{0} must be between 0 and 100, it is {1}", (name, getattr(rules, name)))
		for name in _PERCENT_FIELDS
		if not 0 <= getattr(rules, name) <= 100
	]


def _day_problems(rules: Rules) -> list[Problem]:
	return [
		("{0} must be at least 1 day, it is {1}", (name, getattr(rules, name)))
		for name in _DAY_FIELDS
		if getattr(rules, name) < 1
	]


def _weight_problems(rules: Rules) -> list[Problem]:
	problems: list[Problem] = []
	total = sum(
		to_decimal(weight)
		for weight in (
			rules.execution_weight,
			rules.output_weight,
			rules.effect_weight,
			rules.satisfaction_weight,
			rules.cost_weight,
		)
	)
	if total != 100:
		problems.append(("Level-1 weights must add up to 100, they add up to {0}", (float(total),)))
	if not rules.cost_is_level1 and rules.cost_weight:
		problems.append(
			(
				"Cost weight must be 0 when cost stays under Output, it is {0}",
				(rules.cost_weight,),
			)
		)
	department = sum(
		to_decimal(weight)
		for weight in (
			rules.dept_execution_weight,
			rules.dept_output_weight,
			rules.dept_effect_weight,
			rules.dept_satisfaction_weight,
			rules.dept_cost_weight,
		)
	)
	if department != 100:
		problems.append(
			(
				"Department self-evaluation weights must add up to 100, they add up to {0}",
				(float(department),),
			)
		)
	if not rules.cost_is_level1 and rules.dept_cost_weight:
		problems.append(
			(
				"Department cost weight must be 0 when cost stays under Output, it is {0}",
				(rules.dept_cost_weight,),
			)
		)
	if not 0 <= rules.weight_tolerance < 1:
		problems.append(
			("Weight tolerance must be at least 0 and below 1, it is {0}", (rules.weight_tolerance,))
		)
	return problems


def _band_problems(rules: Rules) -> list[Problem]:
	problems: list[Problem] = []
	if not 100 >= rules.excellent_min > rules.good_min > rules.fair_min >= 0:
		problems.append(
			(
				"Grade bands must descend within 0–100: Excellent {0} > Good {1} > Fair {2}",
				(rules.excellent_min, rules.good_min, rules.fair_min),
			)
		)
	if not 0 < rules.qual_partly_min < rules.qual_achieved_min <= 100:
		problems.append(
			(
				"Qualitative bands need 0 < partly achieved {0} < achieved {1} ≤ 100",
				(rules.qual_partly_min, rules.qual_achieved_min),
			)
		)
	if not rules.warning_red_below < rules.warning_yellow_below:
		problems.append(
			(
				"The red warning threshold {0} must be below the yellow threshold {1}",
				(rules.warning_red_below, rules.warning_yellow_below),
			)
		)
	ratio = rules.overachievement_flag_ratio
	if ratio != 0 and not ratio > 1:
		problems.append(("Over-achievement flag ratio must be 0 (off) or above 1, it is {0}", (ratio,)))
	return problems


def _choice_problems(rules: Rules) -> list[Problem]:
	problems: list[Problem] = []
	if rules.reverse_formula not in REVERSE_FORMULAS:
		problems.append(
			(
				"Reverse indicator formula must be Linear or Ratio, it is {0}",
				(rules.reverse_formula,),
			)
		)
	if rules.score_precision not in SCORE_PRECISIONS:
		problems.append(("Score precision must be 0, 1 or 2 decimals, it is {0}", (rules.score_precision,)))
	if rules.expert_combination not in COMBINATIONS:
		problems.append(
			(
				"Choose how experts' scores are combined ({0}), not {1}",
				(", ".join(COMBINATIONS), rules.expert_combination),
			)
		)
	fallback_levels = ("Output", "Effect", "Cost") if rules.cost_is_level1 else ("Output", "Effect")
	if rules.satisfaction_fallback_level not in fallback_levels:
		problems.append(
			(
				"Satisfaction points can move to {0}, not to {1}",
				(" / ".join(fallback_levels), rules.satisfaction_fallback_level),
			)
		)
	return problems


def _coerce(kind: type, value: Any) -> Any:
	if kind is bool:
		return bool(int(value))
	if kind is int:
		return int(to_decimal(value))
	if kind is float:
		return float(to_decimal(value))
	return str(value)
