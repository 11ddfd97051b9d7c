# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The benchmark's department-wide records and ex-ante assessments of a year
already generated, bulk-inserted as generate.py writes the rest.

Department-wide (部门整体): a goal for every unit and one for the bureau as a
whole (``is_bureau``), each with key tasks and indicators weighted by the
department weights; in earlier years all confirmed, in the latest year three
units in ten still in the chain (Draft, with the unit head, at finance).
Each confirmed goal has its 1–7月 monitoring record (lit as the project
records are) and its self-evaluation (scored by rules.department_evaluation),
in the states of generate.STAGES.

Ex-ante (事前评估): the year's goals of 2,000 万元 and more (the settings' 重大项目)
were assessed before they got their budget: one concluded assessment each,
Support or Support after Adjustment, which the goal shows (as
ex_ante_assessment.show_on_goal writes it); one in ten was first concluded Do
Not Support and assessed again. In the latest year one in five of them is
being assessed again (a new amount), in the states of its chain."""

import random

import frappe
from frappe.utils import cint, flt

from perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment import exante_settings
from perf_budget.rules import exante
from perf_budget.rules.department_evaluation import department_rules, evaluate_department
from perf_budget.rules.indicators import target_display
from perf_budget.settings import get_rules, get_settings

DEPARTMENT_DOCTYPES = (
	("Department Performance Goal", (("Goal Indicator", "indicators"), ("Department Key Task", "key_tasks"))),
	("Department Performance Monitoring", (("Monitoring Indicator", "indicators"),)),
	("Department Performance Evaluation", (("Evaluation Indicator", "indicators"),)),
)
ASSESSMENT = "Ex-ante Assessment"
ASSESSMENT_CHILDREN = (("Ex-ante Dimension Score", "dimensions"),)
# latest year: a department goal's stage by unit number mod 10 (confirmed otherwise)
OPEN_GOALS = {1: "filing", 4: "unit_review", 7: "finance_review"}
REASSESSED = 5  # latest year: one in this many major goals is being assessed again
STAGES_OF_REASSESSMENT = ("filing", "filing", "unit_review", "finance_review", "finance_review")
KEY_TASKS = ("基础设施运行维护", "重点民生项目实施", "信息化建设", "日常监管执法")


def has_departments(year: str) -> bool:
	return bool(frappe.db.count("Department Performance Goal", {"performance_year": year}))


def has_assessments(year: str) -> bool:
	return bool(frappe.db.count(ASSESSMENT, {"performance_year": year}))


def delete_departments(year: str) -> None:
	for doctype, children in (*DEPARTMENT_DOCTYPES, (ASSESSMENT, ASSESSMENT_CHILDREN)):
		for child, _field in children:
			frappe.db.sql(
				f"""delete c from `tab{child}` c join `tab{doctype}` p on p.name = c.parent
				where p.performance_year = %s and c.parenttype = %s""",
				(year, doctype),
			)
		frappe.db.sql(f"delete from `tab{doctype}` where performance_year = %s", year)


def generate_departments(units: list[str], bureau: str, indicators: int, year: str, latest: bool, g) -> int:
	"""The year's department-wide goals, monitoring records and self-evaluations
	(``g``: the generate module's helpers); returns the number of goals."""
	rng = random.Random(f"perf_budget-benchmark-departments-{year}")
	rules = department_rules(get_rules())
	specs = g.indicator_specs(indicators, rules)
	every = [*units, bureau]
	goal_start, monitoring_start = g.reserve_numbers(len(every)), g.reserve_numbers(len(every))
	evaluation_start = g.reserve_numbers(len(every))
	projects = dict(
		frappe.db.sql(
			"""select budget_unit, sum(total_amount) from `tabPerformance Goal`
			where performance_year = %s and docstatus = 1 and is_current = 1 group by budget_unit""",
			year,
		)
	)
	stamp = frappe.utils.now()
	meta = {"owner": "Administrator", "creation": stamp, "modified": stamp, "modified_by": "Administrator"}
	out = {
		doctype: []
		for doctype in ("goals", "goal_rows", "tasks", "monitorings", "lit", "evaluations", "scored")
	}
	for n, unit in enumerate(every):
		is_bureau = unit == bureau
		goal = f"DPG-{year}-{goal_start + n:05d}"
		stage = OPEN_GOALS.get(n % 10, "accepted") if latest and not is_bureau else "accepted"
		docstatus = int(stage == "accepted")
		project = flt(sum(projects.values()) if is_bureau else projects.get(unit, 0), 2)
		personnel = flt(project * rng.uniform(0.15, 0.3), 2)
		public = flt(project * rng.uniform(0.03, 0.08), 2)
		total = flt(personnel + public + project, 2)
		other = flt(total * rng.choice((0, 0.05, 0.1)), 2)
		annual_goal = f"{unit}全面完成年度重点工作任务，部门整体支出绩效目标如期实现。"
		header = {"performance_year": year, "budget_unit": unit, "annual_goal": annual_goal}
		out["goals"].append(
			{
				"name": goal,
				**meta,
				"docstatus": docstatus,
				**header,
				"is_bureau": int(is_bureau),
				"authorized_staff": 40 + n % 30,
				"actual_staff": 36 + n % 30,
				"functions_overview": f"{unit}承担城市管理、基础设施运行和公共服务等职能。",
				"personnel_expenditure": personnel,
				"public_expenditure": public,
				"basic_expenditure": flt(personnel + public, 2),
				"project_expenditure": project,
				"total_budget": total,
				"source_general_budget": flt(total - other, 2),
				"source_government_fund": 0,
				"source_state_capital": 0,
				"source_special_account": 0,
				"source_other": other,
				"review_rating": rng.choice(("Excellent", "Good", "Good", "Fair")) if docstatus else None,
				"review_opinion": "目标设置合理，同意。" if docstatus else None,
				"workflow_state": g.state_of("Department Performance Goal", stage),
			}
		)
		for t, task in enumerate(KEY_TASKS, start=1):
			share = flt(project * (0.4 if t == 1 else 0.2), 2)
			out["tasks"].append(
				{
					"name": f"{goal}-t{t}",
					**meta,
					"docstatus": docstatus,
					"parent": goal,
					"parenttype": "Department Performance Goal",
					"parentfield": "key_tasks",
					"idx": t,
					"task_name": task,
					"task_content": f"{task}年度任务。",
					"total_amount": share,
					"fiscal_amount": share,
					"other_amount": 0,
				}
			)
		reached = g.project_performance(rng)
		rows = [g.indicator_row(rng, idx, spec, reached) for idx, spec in enumerate(specs, start=1)]
		out["goal_rows"] += [
			{
				"name": f"{goal}-{row['idx']:02d}",
				**meta,
				"docstatus": docstatus,
				"parent": goal,
				"parenttype": "Department Performance Goal",
				"parentfield": "indicators",
				**{key: row[key] for key in g.GOAL_INDICATOR_FIELDS},
				"target_value": g.zero_if_none(row["target_value"]),
			}
			for row in rows
		]
		if not docstatus:
			continue
		record_stage, record_docstatus = g.STAGES[n % len(g.STAGES)]
		executed_share = min(1.0, max(0.3, reached + rng.uniform(-0.08, 0.05)))
		monitoring = f"DPM-{year}-{g.ROUND_MONTH}-{monitoring_start + n:05d}"
		record, lit = g.monitoring_record(rng, rows, reached, executed_share, total - other, other, rules)
		out["monitorings"].append(
			{
				"name": monitoring,
				**meta,
				"docstatus": record_docstatus,
				"department_goal": goal,
				**header,
				"period_end_month": g.ROUND_MONTH,
				"round_deadline": g.round_deadline(year),
				"annual_budget": total,
				**{key: record[key] for key in MONITORING_FIGURES},
				"review_opinion": "同意。" if record_docstatus else None,
				"workflow_state": g.state_of("Department Performance Monitoring", record_stage),
				"round_key": f"{goal}/{g.ROUND_MONTH}",
			}
		)
		out["lit"] += [
			{
				"name": f"{monitoring}-{row['idx']:02d}",
				**meta,
				"docstatus": record_docstatus,
				"parent": monitoring,
				**row,
				"parenttype": "Department Performance Monitoring",
			}
			for row in lit
		]
		evaluation = f"DPE-{year}-{evaluation_start + n:05d}"
		executed = flt(total * executed_share, 2)
		result = evaluate_department(total, executed, rows, rules)
		if result.problems:
			raise ValueError(f"generated evaluation {evaluation} does not score cleanly: {result.problems}")
		out["evaluations"].append(
			{
				"name": evaluation,
				**meta,
				"docstatus": record_docstatus,
				"department_goal": goal,
				**header,
				"annual_budget": total,
				"executed_amount": executed,
				"execution_rate": result.execution_rate,
				"execution_weight": result.execution_weight,
				"execution_score": result.execution_score,
				"execution_reason": "部分项目资金拨付滞后。" if result.needs_execution_reason else None,
				"actual_completion": "年度重点工作任务基本完成。",
				"output_score": result.level_scores["Output"],
				"effect_score": result.level_scores["Effect"],
				"satisfaction_score": result.level_scores["Satisfaction"],
				"cost_score": result.level_scores["Cost"],
				"total_score": result.total,
				"grade": result.grade,
				"review_opinion": "自评结果基本客观，同意。" if record_docstatus else None,
				"workflow_state": g.state_of("Department Performance Evaluation", record_stage),
				"round_key": goal,
			}
		)
		out["scored"] += [
			{
				"name": f"{evaluation}-{row['idx']:02d}",
				**meta,
				"docstatus": record_docstatus,
				"parent": evaluation,
				"parenttype": "Department Performance Evaluation",
				"parentfield": "indicators",
				**{key: row[key] for key in g.EVALUATION_INDICATOR_FIELDS},
				**{
					key: g.zero_if_none(row[key]) for key in ("target_value", "actual_value", "entered_score")
				},
				"target_display": target_display(row),
				"computed_score": g.zero_if_none(scored.computed),
				"score": g.zero_if_none(scored.score),
				"overachieved": int(scored.overachieved),
				"deviation_analysis": None,
			}
			for row, scored in zip(rows, result.indicators, strict=True)
		]
	g.insert_rows("Department Performance Goal", out["goals"])
	g.insert_rows("Goal Indicator", out["goal_rows"])
	g.insert_rows("Department Key Task", out["tasks"])
	g.insert_rows("Department Performance Monitoring", out["monitorings"])
	g.insert_rows("Monitoring Indicator", out["lit"])
	g.insert_rows("Department Performance Evaluation", out["evaluations"])
	g.insert_rows("Evaluation Indicator", out["scored"])
	return len(out["goals"])


MONITORING_FIGURES = (
	"executed_amount",
	"execution_rate",
	"time_adjusted_rate",
	"execution_light",
	"warning_level",
	"red_indicators",
	"goal_progress",
)


def generate_assessments(year: str, latest: bool, g) -> int:
	"""The ex-ante assessments of the year's major goals; returns how many."""
	rng = random.Random(f"perf_budget-benchmark-exante-{year}")
	settings = exante_settings()
	precision = get_rules().score_precision
	dimensions = [(row.dimension, flt(row.weight)) for row in get_settings().exante_dimensions]
	goals = frappe.db.sql(
		"""select name, budget_unit, project_code, project_name, expenditure_type, total_amount, annual_goal
		from `tabPerformance Goal` where performance_year = %s and docstatus = 1 and is_current = 1
			and total_amount >= %s
		order by name""",
		(year, settings.major_amount),
		as_dict=True,
	)
	plans = []  # (goal, conclusion or the stage of one being assessed, its day)
	for n, goal in enumerate(goals):
		if n % 10 == 3:
			plans.append((goal, exante.DO_NOT_SUPPORT, 1))
		conclusion = exante.SUPPORT if rng.random() < 0.7 else exante.SUPPORT_ADJUSTED
		plans.append((goal, conclusion, 2))
		if latest and n % REASSESSED == 0:
			plans.append((goal, STAGES_OF_REASSESSMENT[(n // REASSESSED) % len(STAGES_OF_REASSESSMENT)], 3))
	start = g.reserve_numbers(len(plans))
	assessments, scores, shown = [], [], {}
	reasons = f"总金额达到重大项目标准（{settings.major_amount:,.2f} 万元）"
	for k, (goal, outcome, day) in enumerate(plans):
		name = f"EA-{year}-{start + k:05d}"
		concluded = outcome in exante.CONCLUSIONS
		wanted = {
			exante.SUPPORT: (settings.support_min, 100),
			exante.SUPPORT_ADJUSTED: (settings.adjust_min, settings.support_min),
			exante.DO_NOT_SUPPORT: (30, settings.adjust_min),
		}.get(outcome, (50, 100))
		rows = dimension_scores(rng, dimensions, *wanted, precision)
		total = exante.total_score(rows, precision)
		stamp = f"{cint(year) - 1}-{9 + day:02d}-15 10:00:00"
		stage = "accepted" if concluded else outcome
		assessments.append(
			{
				"name": name,
				"owner": "Administrator",
				"creation": stamp,
				"modified": stamp,
				"modified_by": "Administrator",
				"docstatus": int(concluded),
				"performance_goal": goal.name,
				"performance_year": year,
				"budget_unit": goal.budget_unit,
				"project_code": goal.project_code,
				"project_name": goal.project_name,
				"expenditure_type": goal.expenditure_type,
				"requested_amount": goal.total_amount,
				"required_because": reasons,
				"goal_summary": goal.annual_goal,
				"total_score": total,
				"suggested_conclusion": exante.suggested_conclusion(total, settings),
				"conclusion": outcome if concluded else None,
				"conclusion_reasons": "评估结论依据充分。" if concluded else None,
				"finance_opinion": "同意评估结论。" if concluded else None,
				"workflow_state": g.state_of(ASSESSMENT, stage),
			}
		)
		scores += [
			{
				"name": f"{name}-{i:02d}",
				"owner": "Administrator",
				"creation": stamp,
				"modified": stamp,
				"modified_by": "Administrator",
				"docstatus": int(concluded),
				"parent": name,
				"parenttype": ASSESSMENT,
				"parentfield": "dimensions",
				"idx": i,
				"dimension": row["dimension"],
				"weight": row["weight"],
				"score": row["score"],
				"finding": "论证充分。",
			}
			for i, row in enumerate(rows, start=1)
		]
		if concluded:
			shown[goal.name] = (name, outcome, total)  # the latest concluded, as show_on_goal writes
	g.insert_rows(ASSESSMENT, assessments)
	g.insert_rows("Ex-ante Dimension Score", scores)
	for goal, (name, conclusion, total) in shown.items():
		frappe.db.sql(
			"""update `tabPerformance Goal` set ex_ante_required = 1, ex_ante_reasons = %s,
				ex_ante_assessment = %s, ex_ante_conclusion = %s, ex_ante_score = %s
			where name = %s""",
			(reasons, name, conclusion, total, goal),
		)
	return len(assessments)


def dimension_scores(rng, dimensions, low, high, precision: int) -> list[dict]:
	"""Each dimension scored at the same share of its weight, the total between low and high."""
	share = rng.uniform(low + 0.5, high - 0.5) / 100 if high - low > 1 else low / 100
	return [
		{"dimension": dimension, "weight": weight, "score": flt(weight * share, min(precision, 1))}
		for dimension, weight in dimensions
	]
