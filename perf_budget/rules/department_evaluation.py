"""Department-wide self-evaluation (部门整体支出绩效自评), scored like a project's.

The published 部门整体支出绩效自评表 has the project table's shape — budget
execution points, then the year's indicators under 产出 / 效益 / 满意度 (and
成本) — so the scoring of ``rules/evaluation.py`` applies unchanged; only the
points differ, and a bureau sets them apart from the project ones (the
``dept_*`` settings). Satisfaction, as on a project, is satisfied ÷ valid
respondents put into the quantitative satisfaction rows.
"""

from collections.abc import Mapping
from dataclasses import replace

from perf_budget.rules.evaluation import EvaluationScore, evaluate
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import QUALITATIVE, satisfaction_rate

# Rules field of the project table -> the department setting that replaces it.
DEPARTMENT_WEIGHTS = {
	"execution_weight": "dept_execution_weight",
	"output_weight": "dept_output_weight",
	"effect_weight": "dept_effect_weight",
	"satisfaction_weight": "dept_satisfaction_weight",
	"cost_weight": "dept_cost_weight",
}


def department_rules(rules: Rules | None = None) -> Rules:
	"""The rules with the department weights in place of the project ones
	(grade bands, formulas and precision stay the bureau's)."""
	rules = rules or DEFAULT_RULES
	return replace(rules, **{field: getattr(rules, dept) for field, dept in DEPARTMENT_WEIGHTS.items()})


def with_satisfaction(indicators: list[Mapping], valid, satisfied) -> list[dict]:
	"""The rows with satisfied ÷ valid respondents as the actual value of each
	quantitative satisfaction row; unchanged without valid respondents."""
	rows = [dict(row) for row in indicators]
	if not valid:
		return rows
	rate = satisfaction_rate(satisfied or 0, valid)
	for row in rows:
		if row.get("level1") == "Satisfaction" and row.get("operator") != QUALITATIVE:
			row["actual_value"] = rate
	return rows


def evaluate_department(
	budget,
	executed,
	indicators: list[Mapping],
	rules: Rules | None = None,
	valid_respondents=None,
	satisfied_respondents=None,
) -> EvaluationScore:
	"""Every number of a department self-evaluation, scored with the department weights."""
	rows = with_satisfaction(indicators, valid_respondents, satisfied_respondents)
	return evaluate(budget, executed, rows, department_rules(rules))
