"""Goal quality checks for a filed performance goal (SPEC §4.1).

Bureau measures art. 9 and 财预〔2015〕88号: indicators must be specific and
quantified where possible, covering outputs, effects and satisfaction;
财预〔2021〕101号 adds Cost as a level-1 indicator and the three-level system
below.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from perf_budget.rules.numbers import parse_number, to_decimal
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import HIGHER_IS_BETTER, QUALITATIVE, QUANTITATIVE_OPERATORS, level_points

LEVEL2_BY_LEVEL1 = {
	"Output": ("Quantity", "Quality", "Timeliness", "Cost"),
	"Effect": ("Economic", "Social", "Ecological", "Sustainable"),
	"Satisfaction": ("Service Recipient",),
	"Cost": ("Economic Cost", "Social Cost", "Ecological Cost"),
}
# The whole-unit groups (部门整体, 财预〔2021〕101号) under the level 1 they belong to:
# 管理效率 and 履职效能 are outputs, 社会效应 and 可持续发展能力 effects, 运行成本 a cost.
# Only a department-wide goal uses them.
WHOLE_UNIT_LEVEL2 = {
	"Output": ("Management Efficiency", "Performance of Duties"),
	"Effect": ("Social Impact", "Development Sustainability"),
	"Cost": ("Operating Cost",),
}
# Every level-2 group, project ones first, as the Select fields and the sort list them.
ALL_LEVEL2_BY_LEVEL1 = {
	level1: (*level2s, *WHOLE_UNIT_LEVEL2.get(level1, ())) for level1, level2s in LEVEL2_BY_LEVEL1.items()
}
OPERATORS = (*QUANTITATIVE_OPERATORS, QUALITATIVE)
MAX_NAME_LENGTH = 100
# Words that leave an indicator open-ended (若干 "some", 有所 "somewhat",
# 进一步 "further", 等等 "and so on"): art. 9 asks for 具体细化.
VAGUE_WORDS = ("若干", "有所", "进一步", "等等")
MIN_TEXT_TARGET_LENGTH = 4


@dataclass(frozen=True)
class Finding:
	"""One problem: ``_(message).format(*args)`` is what the user reads."""

	severity: str  # "error" blocks submission, "warning" is advice
	row: int | None
	message: str
	args: tuple = ()


def check_goal(
	indicators: list[Mapping],
	rules: Rules | None = None,
	has_service_recipients: bool = True,
	last_year_actuals: Mapping[str, float] | None = None,
	whole_unit: bool = False,
) -> list[Finding]:
	"""Every error and warning for a goal's indicator table.

	``indicators`` are rows with idx, level1, level2, indicator_name,
	operator, target_value, target_text, unit, weight.
	``last_year_actuals`` maps indicator names of the same project to last
	year's actual values. ``whole_unit``: a department-wide goal, which may
	use the whole-unit level-2 groups (a project goal may not).
	"""
	rules = rules or DEFAULT_RULES
	last_year = {_name_key(name): value for name, value in (last_year_actuals or {}).items()}
	findings: list[Finding] = []
	for row in indicators:
		findings += _row_findings(row, rules, whole_unit)
		findings += _below_last_year(row, last_year)
	findings += _duplicates(indicators)
	findings += _missing_levels(indicators, rules, has_service_recipients)
	findings += _weight_sums(indicators, rules)
	findings += _nothing_quantified(indicators)
	return findings


def _row_findings(row: Mapping, rules: Rules, whole_unit: bool) -> list[Finding]:
	return [
		*_level_findings(row, rules, whole_unit),
		*_name_findings(row),
		*_target_findings(row),
		*_weight_findings(row),
	]


def _level_findings(row: Mapping, rules: Rules, whole_unit: bool) -> list[Finding]:
	idx, level1, level2 = row.get("idx"), row.get("level1"), row.get("level2")
	if level1 not in LEVEL2_BY_LEVEL1:
		return [_error(idx, "Row {0}: unknown level-1 indicator {1}", level1)]
	findings = []
	if level1 == "Cost" and not rules.cost_is_level1:
		findings.append(
			_error(idx, "Row {0}: cost is not a level-1 indicator here; file it under Output, level 2 Cost")
		)
	if level2 in WHOLE_UNIT_LEVEL2.get(level1, ()) and not whole_unit:
		findings.append(
			_error(
				idx, "Row {0}: {1} is a whole-unit indicator group, for department-wide goals only", level2
			)
		)
	elif level2 not in ALL_LEVEL2_BY_LEVEL1[level1]:
		findings.append(_error(idx, "Row {0}: {1} does not belong under {2}", level2, level1))
	return findings


def _name_findings(row: Mapping) -> list[Finding]:
	idx, name = row.get("idx"), (row.get("indicator_name") or "").strip()
	if not name:
		return [_error(idx, "Row {0}: enter the indicator name")]
	if len(name) > MAX_NAME_LENGTH:
		return [
			_error(
				idx,
				"Row {0}: indicator name is {1} characters, at most {2} allowed",
				len(name),
				MAX_NAME_LENGTH,
			)
		]
	if _is_vague(name):
		return [_warning(idx, "Row {0}: indicator {1} is vague; name what exactly is measured", name)]
	return []


def _target_findings(row: Mapping) -> list[Finding]:
	idx, operator = row.get("idx"), row.get("operator")
	if operator not in OPERATORS:
		return [_error(idx, "Row {0}: unknown operator {1}", operator)]
	if operator == QUALITATIVE:
		return _text_target_findings(idx, (row.get("target_text") or "").strip())
	findings = []
	if parse_number(row.get("target_value")) is None:
		findings.append(_error(idx, "Row {0}: a quantitative indicator needs a numeric target"))
	if not (row.get("unit") or "").strip():
		findings.append(_error(idx, "Row {0}: a quantitative indicator needs a unit"))
	return findings


def _text_target_findings(idx: int | None, target_text: str) -> list[Finding]:
	if not target_text:
		return [_error(idx, "Row {0}: a qualitative indicator needs a target text")]
	if len(target_text) < MIN_TEXT_TARGET_LENGTH or _is_vague(target_text):
		return [_warning(idx, "Row {0}: target {1} is vague; describe the expected result", target_text)]
	return []


def _weight_findings(row: Mapping) -> list[Finding]:
	idx, weight = row.get("idx"), parse_number(row.get("weight"))
	if weight is None:
		return [_error(idx, "Row {0}: enter a numeric weight")]
	if weight < 0:
		return [_error(idx, "Row {0}: weight cannot be negative")]
	return []


def _below_last_year(row: Mapping, last_year: Mapping[str, float]) -> list[Finding]:
	"""财预〔2015〕88号: a target should not fall below what was already achieved."""
	actual = last_year.get(_name_key(row.get("indicator_name")))
	target = parse_number(row.get("target_value"))
	if row.get("operator") not in HIGHER_IS_BETTER or target is None or actual is None:
		return []
	if target >= to_decimal(actual):
		return []
	return [
		_warning(
			row.get("idx"),
			"Row {0}: target {1} is below last year's actual {2}",
			row.get("target_value"),
			actual,
		)
	]


def _duplicates(indicators: list[Mapping]) -> list[Finding]:
	first_row_by_name: dict[str, int | None] = {}
	findings = []
	for row in indicators:
		key = _name_key(row.get("indicator_name"))
		if not key:
			continue
		if key in first_row_by_name:
			findings.append(
				_error(
					row.get("idx"),
					"Row {0}: indicator {1} repeats row {2}",
					str(row.get("indicator_name")).strip(),
					first_row_by_name[key],
				)
			)
		else:
			first_row_by_name[key] = row.get("idx")
	return findings


def _missing_levels(indicators: list[Mapping], rules: Rules, has_service_recipients: bool) -> list[Finding]:
	"""Art. 8: outputs, effects and, where there are service recipients, satisfaction."""
	present = {row.get("level1") for row in indicators}
	required = ["Output", "Effect"]
	if has_service_recipients:
		required.append("Satisfaction")
	if rules.cost_is_level1 and rules.cost_weight > 0:
		required.append("Cost")
	return [
		Finding("error", None, "The goal needs at least one {0} indicator", (level,))
		for level in required
		if level not in present
	]


def _weight_sums(indicators: list[Mapping], rules: Rules) -> list[Finding]:
	"""Within a level 1 the weights must add up to its points (tolerance setting)."""
	# Misfiled Cost rows are already reported by row; summing them too would repeat it.
	scored_levels = set(LEVEL2_BY_LEVEL1) - (set() if rules.cost_is_level1 else {"Cost"})
	sums: dict[str, Decimal] = {}
	for row in indicators:
		weight = parse_number(row.get("weight"))
		level1 = row.get("level1")
		if level1 in scored_levels and weight is not None:
			sums[level1] = sums.get(level1, Decimal(0)) + weight
	has_satisfaction = any(row.get("level1") == "Satisfaction" for row in indicators)
	points = level_points(rules, has_satisfaction)
	tolerance = to_decimal(rules.weight_tolerance)
	return [
		Finding(
			"error",
			None,
			"{0} indicator weights add up to {1}, they must add up to {2}",
			(level1, float(total), points[level1]),
		)
		for level1, total in sums.items()
		if abs(total - to_decimal(points[level1])) > tolerance
	]


def _nothing_quantified(indicators: list[Mapping]) -> list[Finding]:
	"""Art. 9 (三): quantify where possible."""
	if not indicators or any(row.get("operator") in QUANTITATIVE_OPERATORS for row in indicators):
		return []
	return [Finding("warning", None, "No indicator is quantified; use numeric targets where possible")]


def _is_vague(text: str) -> bool:
	# A trailing 等 ("…and others") leaves the list open; 等 inside a word
	# (等级, 平等) does not.
	return any(word in text for word in VAGUE_WORDS) or text.endswith("等")


def _name_key(name: object) -> str:
	return re.sub(r"\s+", "", str(name or "")).casefold()


def _error(row: int | None, message: str, *args: object) -> Finding:
	return Finding("error", row, message, (row, *args))


def _warning(row: int | None, message: str, *args: object) -> Finding:
	return Finding("warning", row, message, (row, *args))
