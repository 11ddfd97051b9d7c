# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""City-scale benchmark (a command, not a timed test).

	bench --site perf-bench.localhost execute perf_budget.benchmark.run --kwargs '{"units": 10}'

or ``bash scripts/benchmark.sh '{"units": 10}'``, which prepares the scratch
site first. On a site whose site_config.json has ``"perf_budget_benchmark": 1``
(no other: the command writes thousands of records) it generates
``units × projects`` confirmed goals and self-evaluations of ``indicators``
rows each in one performance year, then prints one table:

* the time of the Self-Evaluation Scores report (ranking and by unit) and of
  the department summary, each next to one hand-written SQL statement that
  returns the same figures from the same rows in the same run (target ≤ 2×);
* the SQL queries each report issues, for the whole year and for one unit's
  share of it (target: the same number);
* an evaluation save with scoring against the same save with scoring bypassed
  (target: ≤ 15% more), rolled back afterwards;
* the Excel export of ``exports`` self-evaluation forms (forms per second).

Each timed thing runs three times; the table shows the median.
"""

import json
import random
import statistics
import sys
import time
import traceback
from contextlib import contextmanager, nullcontext
from unittest.mock import patch

import frappe
from frappe.utils import cint, flt, now

from perf_budget.exchange.evaluations import evaluation_workbook
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	PerformanceEvaluation,
	target_display,
)
from perf_budget.perf_budget.report.budget_advice import budget_advice
from perf_budget.perf_budget.report.department_self_evaluation_summary import (
	department_self_evaluation_summary as department_summary,
)
from perf_budget.perf_budget.report.self_evaluation_scores import self_evaluation_scores
from perf_budget.perf_budget.report.submission_completeness import submission_completeness
from perf_budget.rules.evaluation import evaluate
from perf_budget.settings import get_rules

SITE_FLAG = "perf_budget_benchmark"
REPEAT = 3
CHUNK = 2000  # rows per INSERT: far below max_allowed_packet even for the long text rows
ROOT_UNIT = "基准测试局"
DEPARTMENT = "基准测试局"
REPORT_TARGET = 2.0  # report time ÷ the same figures by hand-written SQL
SAVE_TARGET = 15.0  # % a save may cost more because it scores

# Level 1 -> (level 2, indicator, operator, target, unit or qualitative text, relative weight).
# With the default 15 indicators the first 8 / 4 / 3 are used and the weights
# are exactly the level's points (50 / 30 / 10); other counts scale them.
TEMPLATES = {
	"Output": (
		("Quantity", "完成主要工作量", ">=", 120, "项", 8),
		("Quantity", "服务覆盖人次", ">=", 5000, "人次", 7),
		("Quality", "工程验收合格率", "=", 100, "%", 7),
		("Quantity", "建设改造点位数量", ">=", 40, "个", 6),
		("Quality", "质量抽检达标率", ">=", 95, "%", 6),
		("Timeliness", "年底前完成率", ">=", 95, "%", 6),
		("Timeliness", "任务完成时间", "<=", 10, "月", 5),
		("Cost", "单位服务成本", "<=", 150, "元", 5),
	),
	"Effect": (
		("Economic", "带动社会投资", ">=", 800, "万元", 8),
		("Social", "受益群众人数", ">=", 20000, "人", 8),
		("Sustainable", "长效管理机制建立情况", "Qualitative", None, "建立长效管理机制并有效运行", 8),
		("Ecological", "节能减排比例", ">=", 5, "%", 6),
	),
	"Satisfaction": (
		("Service Recipient", "服务对象满意度", ">=", 90, "%", 4),
		("Service Recipient", "社会公众满意度", ">=", 85, "%", 3),
		("Service Recipient", "参与单位满意度", ">=", 90, "%", 3),
	),
}
THEMES = (
	"老旧小区改造",
	"市政道路养护",
	"公共文化服务",
	"社区养老服务",
	"城市绿化提升",
	"智慧城管平台运维",
	"农村饮水安全",
	"职业技能培训",
	"中小学校舍维修",
	"公共卫生服务",
)
# (share of evaluations, lowest and highest share of the targets reached): a
# spread over Excellent / Good / Fair / Poor.
PROFILES = ((0.30, 0.95, 1.05), (0.35, 0.84, 0.95), (0.25, 0.66, 0.84), (0.10, 0.40, 0.62))
# Review states by evaluation number mod 10: four in ten still open (docstatus
# 0, two of them Draft for the save measurement), six accepted.
STATES = (
	("Draft", 0),
	("Draft", 0),
	("Pending Unit Head", 0),
	("Finance Review", 0),
	("Accepted", 1),
	("Accepted", 1),
	("Accepted", 1),
	("Accepted", 1),
	("Accepted", 1),
	("Forwarded", 1),
)
QUALITATIVE_BANDS = {"Achieved": (0.8, 1.0), "Partly": (0.6, 0.8), "Not Achieved": (0.0, 0.6)}


class BenchmarkRefused(SystemExit):
	"""A SystemExit: bench execute retries a method that raised an Exception."""


def run(units=100, projects=50, indicators=15, year="2031", saves=50, exports=500):
	"""Generate the data (once per year and size), measure, print the table and
	return the numbers."""
	refuse_unless_scratch_site()
	units, projects, indicators, saves, exports = map(cint, (units, projects, indicators, saves, exports))
	if units < 1 or projects < 1 or indicators < 3:
		raise BenchmarkRefused("Need at least 1 unit, 1 project and 3 indicators (one per level).")
	year = str(year)
	frappe.set_user("Administrator")
	try:
		generation = ensure_data(units, projects, indicators, year)
		results = {
			"site": frappe.local.site,
			"year": year,
			"units": units,
			"projects_per_unit": projects,
			"indicators_per_evaluation": indicators,
			"evaluations": units * projects,
			"indicator_rows": units * projects * indicators,
			"generation": generation,
			"reports": measure_reports(year),
			"save": measure_saves(year, saves),
			"excel": measure_export(year, exports),
		}
	except Exception:
		# reported once; bench execute would otherwise run the whole benchmark again
		frappe.db.rollback()
		traceback.print_exc()
		raise SystemExit(1) from None
	print_table(results)
	return results


def refuse_unless_scratch_site():
	with open(frappe.get_site_path("site_config.json"), encoding="utf-8") as f:
		flag = json.load(f).get(SITE_FLAG)
	if not cint(flag):
		raise BenchmarkRefused(
			f"Refusing to run: the benchmark writes thousands of goals and evaluations, so it only runs "
			f'on a scratch site whose site_config.json has "{SITE_FLAG}": 1, and {frappe.local.site} '
			f"has not. Use scripts/benchmark.sh (site perf-bench.localhost), or mark a scratch site with "
			f"`bench --site SITE set-config {SITE_FLAG} 1`."
		)


# ---------------------------------------------------------------- data


def ensure_data(units: int, projects: int, indicators: int, year: str) -> dict:
	expected = units * projects
	have = frappe.db.count("Performance Evaluation", {"performance_year": year})
	rows = frappe.db.sql(
		"""select count(*) from `tabEvaluation Indicator` i
		join `tabPerformance Evaluation` e on e.name = i.parent
		where e.performance_year = %s and i.parenttype = 'Performance Evaluation'""",
		year,
	)[0][0]
	units_used = frappe.db.sql(
		"select count(distinct budget_unit) from `tabPerformance Evaluation` where performance_year = %s",
		year,
	)[0][0]
	if have == expected and rows == expected * indicators and units_used == units:
		print(
			f"Year {year} already has {have:,} evaluations and {rows:,} indicator rows: generation skipped."
		)
		return {"skipped": True, "seconds": 0.0}
	if have or frappe.db.count("Performance Goal", {"performance_year": year}):
		print(f"Year {year} holds data of another size ({have:,} evaluations): replacing it.")
		delete_year(year)
	print(
		f"Generating {expected:,} goals and {expected:,} evaluations, each kind with "
		f"{expected * indicators:,} indicator rows …"
	)
	started = time.perf_counter()
	unit_names = ensure_units(units)
	ensure_year(year)
	generate(unit_names, projects, indicators, year)
	frappe.db.commit()
	seconds = time.perf_counter() - started
	print(f"Generated in {seconds:.1f} s.")
	return {"skipped": False, "seconds": round(seconds, 2)}


def delete_year(year: str) -> None:
	for parent, child in (
		("Performance Evaluation", "Evaluation Indicator"),
		("Performance Goal", "Goal Indicator"),
	):
		frappe.db.sql(
			f"""delete c from `tab{child}` c join `tab{parent}` p on p.name = c.parent
			where p.performance_year = %s and c.parenttype = %s""",
			(year, parent),
		)
		frappe.db.sql(f"delete from `tab{parent}` where performance_year = %s", year)
	frappe.db.commit()


def ensure_units(count: int) -> list[str]:
	"""Units as documents (NestedSet keeps lft/rgt right); only the missing ones."""
	if not frappe.db.exists("Budget Unit", ROOT_UNIT):
		frappe.get_doc(
			{"doctype": "Budget Unit", "unit_name": ROOT_UNIT, "unit_type": "Bureau", "is_group": 1}
		).insert()
	names = []
	for n in range(1, count + 1):
		name = f"基准单位{n:03d}"
		if not frappe.db.exists("Budget Unit", name):
			frappe.get_doc(
				{
					"doctype": "Budget Unit",
					"unit_name": name,
					"unit_code": f"BM{n:03d}",
					"unit_type": "Business Section" if n % 3 else "Subordinate Unit",
					"parent_budget_unit": ROOT_UNIT,
				}
			).insert()
		names.append(name)
	return names


def ensure_year(year: str) -> None:
	if not frappe.db.exists("Performance Year", year):
		frappe.get_doc({"doctype": "Performance Year", "year": year, "status": "Open"}).insert()
	elif frappe.db.get_value("Performance Year", year, "status") != "Open":
		frappe.db.set_value("Performance Year", year, "status", "Open")  # the save measurement needs it


def reserve_numbers(count: int) -> int:
	"""The first of ``count`` numbers of the counter behind the ``{#####}`` of
	format: names (Frappe v15 keeps one, named "", for every such DocType), so
	that goals and evaluations made later through the desk do not collide."""
	current = frappe.db.sql("select current from `tabSeries` where name = '' for update")
	if current:
		frappe.db.sql("update `tabSeries` set current = current + %s where name = ''", count)
		return cint(current[0][0]) + 1
	frappe.db.sql("insert into `tabSeries` (name, current) values ('', %s)", count)
	return 1


def indicator_specs(count: int) -> list[tuple]:
	"""(level1, level2, name, operator, target, unit/text, weight) × count; each
	level's weights add up to its points exactly."""
	rules = get_rules()
	satisfaction = max(1, round(count * 3 / 15))
	effect = max(1, round(count * 4 / 15))
	per_level = {"Output": count - satisfaction - effect, "Effect": effect, "Satisfaction": satisfaction}
	points = {
		"Output": rules.output_weight,
		"Effect": rules.effect_weight,
		"Satisfaction": rules.satisfaction_weight,
	}
	specs = []
	for level, k in per_level.items():
		templates = [TEMPLATES[level][i % len(TEMPLATES[level])] for i in range(k)]
		relative = sum(t[-1] for t in templates)
		weights = [flt(points[level] * t[-1] / relative, 2) for t in templates]
		weights[-1] = flt(points[level] - sum(weights[:-1]), 2)
		for i, (template, weight) in enumerate(zip(templates, weights, strict=True)):
			level2, name, operator, target, unit, _relative = template
			suffix = f"（{i // len(TEMPLATES[level]) + 1}）" if i >= len(TEMPLATES[level]) else ""
			specs.append((level, level2, name + suffix, operator, target, unit, weight))
	return specs


def generate(unit_names: list[str], projects: int, indicators: int, year: str) -> None:
	rng = random.Random(f"perf_budget-benchmark-{year}")
	rules = get_rules()
	specs = indicator_specs(indicators)
	total = len(unit_names) * projects
	goal_start, evaluation_start = reserve_numbers(total), reserve_numbers(total)
	stamp = now()
	meta = ("Administrator", stamp, stamp, "Administrator")  # owner, creation, modified, modified_by
	goals, goal_rows, evaluations, evaluation_rows = [], [], [], []
	seq = 0
	for u, unit in enumerate(unit_names, start=1):
		for p in range(1, projects + 1):
			goal = f"PG-{year}-{goal_start + seq:05d}"
			evaluation = f"PE-{year}-{evaluation_start + seq:05d}"
			state, docstatus = STATES[seq % len(STATES)]
			seq += 1
			code = f"BM{u:03d}-{p:03d}"
			project = f"{THEMES[(u + p) % len(THEMES)]}项目（{unit}第{p}项）"
			fiscal = round(rng.uniform(20, 2000), 2)
			other = round(fiscal * rng.choice((0, 0, 0.1, 0.25)), 2)
			annual_goal = f"完成{project}年度建设任务，各项指标达到预期目标。"
			goals.append(
				(
					goal,
					*meta,
					1,
					year,
					unit,
					code,
					project,
					"Annual",
					f"{year}-01-01",
					f"{year}-12-31",
					int(rng.random() < 0.15),
					1,
					DEPARTMENT,
					flt(fiscal + other, 2),
					fiscal,
					other,
					annual_goal,
					1,
					1,
					"Confirmed",
				)
			)
			reached = project_performance(rng)
			executed_share = min(1.0, max(0.3, reached + rng.uniform(-0.08, 0.05)))
			rows = []
			for idx, (level1, level2, name, operator, target, unit_text, weight) in enumerate(specs, start=1):
				scale = rng.choice((0.5, 1, 1, 2, 4)) if target and target > 100 else 1
				target_value = None if target is None else flt(target * scale, 2)
				row = {
					"idx": idx,
					"level1": level1,
					"level2": level2,
					"indicator_name": name,
					"operator": operator,
					"target_value": target_value,
					"target_text": unit_text if operator == "Qualitative" else None,
					"unit": None if operator == "Qualitative" else unit_text,
					"weight": weight,
					**actual_for(rng, operator, target_value, reached, weight, unit_text),
				}
				rows.append(row)
				goal_rows.append(
					(
						f"{goal}-{idx:02d}",
						*meta,
						1,
						goal,
						"Performance Goal",
						"indicators",
						idx,
						level1,
						level2,
						name,
						operator,
						zero_if_none(target_value),
						row["target_text"],
						row["unit"],
						weight,
					)
				)
			annual_fiscal, annual_other = fiscal, other
			executed_fiscal = flt(annual_fiscal * executed_share, 2)
			executed_other = flt(annual_other * executed_share, 2)
			budget, executed = flt(annual_fiscal + annual_other, 2), flt(executed_fiscal + executed_other, 2)
			result = evaluate(budget, executed, rows, rules)
			if result.problems:
				raise ValueError(
					f"generated evaluation {evaluation} does not score cleanly: {result.problems}"
				)
			low = result.grade in ("Fair", "Poor")
			evaluations.append(
				(
					evaluation,
					*meta,
					docstatus,
					goal,
					year,
					unit,
					code,
					project,
					DEPARTMENT,
					fiscal,
					other,
					flt(fiscal + other, 2),
					annual_fiscal,
					annual_other,
					budget,
					executed_fiscal,
					executed_other,
					executed,
					result.execution_rate,
					result.execution_weight,
					result.execution_score,
					"部分合同尚未结算，资金拨付滞后。" if result.needs_execution_reason else None,
					annual_goal,
					"年度任务基本完成，部分指标未达预期。" if low else "年度任务全部完成。",
					result.level_scores["Output"],
					result.level_scores["Effect"],
					result.level_scores["Satisfaction"],
					result.level_scores["Cost"],
					result.total,
					result.grade,
					"部分产出指标未完成，项目进度滞后。" if low else None,
					"前期论证不充分，实施过程中调整较多。" if low else None,
					"加强预算执行进度管理，按季度跟踪绩效目标完成情况。" if low else None,
					"自评结果基本客观，同意。" if docstatus == 1 else None,
					state,
				)
			)
			for row, scored in zip(rows, result.indicators, strict=True):
				evaluation_rows.append(
					(
						f"{evaluation}-{row['idx']:02d}",
						*meta,
						docstatus,
						evaluation,
						"Performance Evaluation",
						"indicators",
						row["idx"],
						row["level1"],
						row["level2"],
						row["indicator_name"],
						row["operator"],
						zero_if_none(row["target_value"]),
						row["target_text"],
						target_display(row),
						row["unit"],
						row["weight"],
						zero_if_none(row["actual_value"]),
						row["actual_text"],
						row["qualitative_result"],
						zero_if_none(row["entered_score"]),
						zero_if_none(scored.computed),
						zero_if_none(scored.score),
						int(scored.overachieved),
						"受实施进度影响未完成目标。"
						if scored.score is not None and scored.score < row["weight"] * 0.8
						else None,
					)
				)
	common = ["name", "owner", "creation", "modified", "modified_by", "docstatus"]
	child = [*common, "parent", "parenttype", "parentfield", "idx"]
	frappe.db.bulk_insert(
		"Performance Goal",
		[
			*common,
			"performance_year",
			"budget_unit",
			"project_code",
			"project_name",
			"budget_type",
			"period_start",
			"period_end",
			"is_key_project",
			"has_service_recipients",
			"competent_department",
			"total_amount",
			"fiscal_amount",
			"other_amount",
			"annual_goal",
			"version",
			"is_current",
			"workflow_state",
		],
		goals,
		chunk_size=CHUNK,
	)
	frappe.db.bulk_insert(
		"Goal Indicator",
		[
			*child,
			"level1",
			"level2",
			"indicator_name",
			"operator",
			"target_value",
			"target_text",
			"unit",
			"weight",
		],
		goal_rows,
		chunk_size=CHUNK,
	)
	frappe.db.bulk_insert(
		"Performance Evaluation",
		[
			*common,
			"performance_goal",
			"performance_year",
			"budget_unit",
			"project_code",
			"project_name",
			"competent_department",
			"initial_fiscal",
			"initial_other",
			"initial_budget",
			"annual_fiscal",
			"annual_other",
			"annual_budget",
			"executed_fiscal",
			"executed_other",
			"executed_amount",
			"execution_rate",
			"execution_weight",
			"execution_score",
			"execution_reason",
			"annual_goal",
			"actual_completion",
			"output_score",
			"effect_score",
			"satisfaction_score",
			"cost_score",
			"total_score",
			"grade",
			"problems",
			"causes",
			"improvements",
			"review_opinion",
			"workflow_state",
		],
		evaluations,
		chunk_size=CHUNK,
	)
	frappe.db.bulk_insert(
		"Evaluation Indicator",
		[
			*child,
			"level1",
			"level2",
			"indicator_name",
			"operator",
			"target_value",
			"target_text",
			"target_display",
			"unit",
			"weight",
			"actual_value",
			"actual_text",
			"qualitative_result",
			"entered_score",
			"computed_score",
			"score",
			"overachieved",
			"deviation_analysis",
		],
		evaluation_rows,
		chunk_size=CHUNK,
	)


def zero_if_none(value):
	"""Frappe's Float columns are NOT NULL DEFAULT 0: an empty number is stored as 0."""
	return 0 if value is None else value


def project_performance(rng: random.Random) -> float:
	"""Share of its targets a project reaches, drawn so the grades spread."""
	pick, cumulative = rng.random(), 0.0
	for share, low, high in PROFILES:
		cumulative += share
		if pick <= cumulative:
			return rng.uniform(low, high)
	return rng.uniform(PROFILES[-1][1], PROFILES[-1][2])


def actual_for(rng, operator, target, reached, weight, text) -> dict:
	"""The actual value (or qualitative result) of one indicator of a project
	that reaches about ``reached`` of its targets."""
	share = min(1.15, max(0.2, reached + rng.gauss(0, 0.05)))
	values = {"actual_value": None, "actual_text": None, "qualitative_result": None, "entered_score": None}
	if operator == "Qualitative":
		result = "Achieved" if share >= 0.92 else "Partly" if share >= 0.75 else "Not Achieved"
		low, high = QUALITATIVE_BANDS[result]
		values.update(
			qualitative_result=result,
			# kept off the band's edges, which rounding could cross
			entered_score=flt(weight * rng.uniform(low + 0.02, high - 0.02), 2),
			actual_text=text if result == "Achieved" else "机制初步建立，尚需完善",
		)
	elif operator in ("<=", "<"):
		values["actual_value"] = flt(target / share, 2)
	elif operator == "=":
		values["actual_value"] = flt(min(target, target * share), 2)
	else:
		reached_value = target * share
		values["actual_value"] = flt(min(reached_value, 100) if text == "%" else reached_value, 2)
	return values


# ---------------------------------------------------------------- measurements


def timed(*fns, repeat: int = REPEAT) -> list[tuple[float, object]]:
	"""(median seconds, last result) of each function, run ``repeat`` times
	taking turns, so that a busy moment of the machine falls on both sides of
	a comparison rather than on one."""
	times, results = [[] for _ in fns], [None] * len(fns)
	for _ in range(repeat):
		for i, fn in enumerate(fns):
			started = time.perf_counter()
			results[i] = fn()
			times[i].append(time.perf_counter() - started)
	return [(statistics.median(t), r) for t, r in zip(times, results, strict=True)]


@contextmanager
def counting_queries():
	"""Every statement that goes through frappe.db.sql (frappe.qb's run() does too)."""
	with patch.object(frappe.db, "sql", wraps=frappe.db.sql) as sql:
		yield sql


GRADE_SUMS = ", ".join(f"sum(grade = '{g}')" for g in ("Excellent", "Good", "Fair", "Poor"))
SCORE_AVERAGES = ", ".join(
	f"avg({f})"
	for f in (
		"execution_rate",
		"execution_score",
		"output_score",
		"effect_score",
		"satisfaction_score",
		"total_score",
	)
)
# label, report module, filters beyond the year, the same figures in one statement
REPORTS = (
	(
		"ranking",
		"Self-Evaluation Scores (ranking)",
		self_evaluation_scores,
		{},
		f"""select {", ".join(self_evaluation_scores.FIELDS)} from `tabPerformance Evaluation`
		where performance_year = %(year)s and docstatus < 2 order by total_score desc, project_name""",
	),
	(
		"by_unit",
		"Self-Evaluation Scores (by unit)",
		self_evaluation_scores,
		{"group_by": "Budget Unit"},
		f"""select budget_unit, count(*), {SCORE_AVERAGES} from `tabPerformance Evaluation`
		where performance_year = %(year)s and docstatus < 2 group by budget_unit order by avg(total_score) desc""",
	),
	(
		"department_summary",
		"Department summary",
		department_summary,
		{"accepted_only": 0},
		f"""select budget_unit, count(*), sum(annual_budget), sum(executed_amount), avg(total_score),
		{GRADE_SUMS} from `tabPerformance Evaluation`
		where performance_year = %(year)s and docstatus < 2 group by budget_unit order by avg(total_score) desc""",
	),
	(
		"budget_advice",
		"Budget Advice",
		budget_advice,
		{},
		# the same figures: accepted evaluations with their advice and next year's request
		"""select ev.name, ev.budget_unit, ev.project_code, ev.project_name, ev.total_score, ev.grade,
			ev.annual_budget, ba.name, ba.docstatus, ba.recommended_action, ba.recommended_cut_percent,
			ba.decided_action, ba.decided_cut_percent, ba.decided_amount, ba.is_overridden,
			nxt.total_amount
		from `tabPerformance Evaluation` ev
		left join `tabBudget Advice` ba on ba.performance_evaluation = ev.name and ba.docstatus < 2
		left join (select project_code, max(total_amount) total_amount from `tabPerformance Goal`
			where performance_year = %(next_year)s and docstatus < 2 group by project_code) nxt
			on nxt.project_code = ev.project_code
		where ev.performance_year = %(year)s and ev.docstatus = 1
		order by ev.budget_unit, ev.project_code""",
	),
	(
		"submission_completeness",
		"Submission Completeness",
		submission_completeness,
		{},
		# the same figures: per unit, what each stage expects and what arrived
		"""select budget_unit, sum(goals), sum(goals_in), sum(rounds), sum(rounds_in),
			sum(evaluations), sum(evaluations_in), sum(rectifications), sum(rectifications_in)
		from (
			select budget_unit, count(*) goals, sum(workflow_state in ('Finance Review', 'At Finance Bureau',
				'Confirmed')) goals_in, sum(docstatus = 1 and is_current = 1) rounds, 0 rounds_in,
				0 evaluations, 0 evaluations_in, 0 rectifications, 0 rectifications_in
			from `tabPerformance Goal` where performance_year = %(year)s and docstatus < 2
				and (is_current = 1 or previous_version is null) group by budget_unit
			union all select r.budget_unit, 0, 0, 0, count(distinct g.name), 0, 0, 0, 0
			from `tabPerformance Monitoring` r join `tabPerformance Goal` g on g.project_code = r.project_code
				and g.performance_year = r.performance_year and g.budget_unit = r.budget_unit
				and g.docstatus = 1 and g.is_current = 1
			where r.performance_year = %(year)s and r.docstatus < 2
				and (r.docstatus = 1 or r.workflow_state in ('Finance Review', 'Accepted', 'Forwarded'))
			group by r.budget_unit, r.period_end_month
			union all select r.budget_unit, 0, 0, 0, 0, 0, count(distinct g.name), 0, 0
			from `tabPerformance Evaluation` r join `tabPerformance Goal` g on g.project_code = r.project_code
				and g.performance_year = r.performance_year and g.budget_unit = r.budget_unit
				and g.docstatus = 1 and g.is_current = 1
			where r.performance_year = %(year)s and r.docstatus < 2
				and (r.docstatus = 1 or r.workflow_state in ('Finance Review', 'Accepted', 'Forwarded'))
			group by r.budget_unit
			union all select budget_unit, 0, 0, 0, 0, 0, 0, sum(workflow_state != 'Draft'),
				sum(docstatus = 1 or workflow_state in ('Finance Review', 'Accepted', 'Forwarded'))
			from `tabRectification` where performance_year = %(year)s and docstatus < 2 group by budget_unit
		) stages group by budget_unit""",
	),
)


def measure_reports(year: str) -> dict:
	out = {}
	for key, label, module, extra, sql in REPORTS:
		filters = {"performance_year": year, **extra}
		(report_seconds, result), (sql_seconds, expected) = timed(
			lambda module=module, filters=filters: module.execute(filters),
			lambda sql=sql: frappe.db.sql(sql, {"year": year, "next_year": str(cint(year) + 1)}),
		)
		if len(result[1]) != len(expected):
			print(f"WARNING: {label} returned {len(result[1])} rows, the SQL {len(expected)}.")
		out[key] = {
			"label": label,
			"rows": len(result[1]),
			"report_ms": round(report_seconds * 1000, 1),
			"sql_ms": round(sql_seconds * 1000, 1),
			"ratio": round(report_seconds / sql_seconds, 2),
		}
	whole = frappe.db.count("Performance Evaluation", {"performance_year": year, "docstatus": ["<", 2]})
	counts_whole = {
		key: count_queries(module, {"performance_year": year, **extra})
		for key, _l, module, extra, _s in REPORTS
	}
	# The same reports over one unit's share of the year: the other units' rows
	# are deleted inside a savepoint that is rolled back right after.
	unit = frappe.db.get_value(
		"Performance Evaluation", {"performance_year": year}, "budget_unit", order_by="name"
	)
	frappe.db.savepoint("benchmark_subset")
	try:
		frappe.db.sql(
			"delete from `tabPerformance Evaluation` where performance_year = %s and budget_unit != %s",
			(year, unit),
		)
		part = frappe.db.count("Performance Evaluation", {"performance_year": year, "docstatus": ["<", 2]})
		counts_part = {
			key: count_queries(module, {"performance_year": year, **extra})
			for key, _l, module, extra, _s in REPORTS
		}
	finally:
		frappe.db.rollback(save_point="benchmark_subset")
	for key in out:
		out[key].update(
			queries_rows=whole,
			queries=counts_whole[key],
			queries_subset_rows=part,
			queries_subset=counts_part[key],
		)
	return out


def count_queries(module, filters: dict) -> int:
	module.execute(filters)  # warm: caches filled by the first run are not the report's queries
	with counting_queries() as sql:
		module.execute(filters)
	return sql.call_count


def measure_saves(year: str, saves: int) -> dict:
	names = frappe.get_all(
		"Performance Evaluation",
		filters={"performance_year": year, "docstatus": 0, "workflow_state": "Draft"},
		pluck="name",
		order_by="name",
		limit=saves,
	)
	stored = dict(
		frappe.get_all(
			"Performance Evaluation",
			filters={"name": ["in", names]},
			fields=["name", "total_score"],
			as_list=True,
		)
	)
	consistent = 0

	def save_once(name: str, bypass: bool) -> float:
		"""One save in a transaction of its own, rolled back (untimed) after:
		a second update of the same rows in one transaction is cheaper and
		would favour whichever mode goes second."""
		nonlocal consistent
		with patch.object(PerformanceEvaluation, "score", lambda self: None) if bypass else nullcontext():
			doc = frappe.get_doc("Performance Evaluation", name)
			started = time.perf_counter()
			doc.save()
			seconds = time.perf_counter() - started
		if not bypass and flt(doc.total_score, 2) == flt(stored[name], 2):
			consistent += 1
		frappe.db.rollback()  # the data stays as generated
		return seconds

	if names:
		save_once(names[0], False)  # warm: settings and metadata are loaded once per process
		consistent = 0
	scored, bypassed = [], []
	for round_ in range(REPEAT):
		totals = {False: 0.0, True: 0.0}
		for i, name in enumerate(names):
			# the two modes take turns going first, evaluation by evaluation
			for bypass in (False, True) if (i + round_) % 2 == 0 else (True, False):
				totals[bypass] += save_once(name, bypass)
		scored.append(totals[False])
		bypassed.append(totals[True])
	with_scoring, without = statistics.median(scored), statistics.median(bypassed)
	return {
		"saves": len(names),
		"with_scoring_ms": round(with_scoring / max(len(names), 1) * 1000, 2),
		"bypassed_ms": round(without / max(len(names), 1) * 1000, 2),
		"overhead_percent": round((with_scoring - without) / without * 100, 1) if without else None,
		"scores_unchanged": f"{consistent // REPEAT}/{len(names)}",
	}


def measure_export(year: str, exports: int) -> dict:
	names = frappe.get_all(
		"Performance Evaluation",
		filters={"performance_year": year, "docstatus": ["<", 2]},
		pluck="name",
		order_by="budget_unit, project_code",
		limit=exports,
	)
	[(seconds, data)] = timed(lambda: evaluation_workbook(names))
	return {
		"forms": len(names),
		"seconds": round(seconds, 2),
		"forms_per_second": round(len(names) / seconds, 1),
		"bytes": len(data),
	}


# ---------------------------------------------------------------- table


def print_table(r: dict) -> None:
	lines = []

	def row(what, measured, target="", result=""):
		lines.append(f"{what:<38} {measured:<40} {target:<10} {result}")

	def verdict(ok: bool) -> str:
		return "PASS" if ok else "MISS"

	generation = r["generation"]
	print()
	print(
		f"perf_budget benchmark — site {r['site']}, year {r['year']}: {r['units']} units × "
		f"{r['projects_per_unit']} projects × {r['indicators_per_evaluation']} indicators = "
		f"{r['evaluations']:,} evaluations, {r['indicator_rows']:,} indicator rows; median of {REPEAT} runs"
	)
	print(
		"Data: generation skipped (already there)"
		if generation["skipped"]
		else f"Data: generated in {generation['seconds']:.1f} s"
	)
	row("What", "Measured", "Target", "Result")
	row("-" * 38, "-" * 40, "-" * 10, "------")
	lines.append("Report time vs one hand-written SQL statement")
	for rep in r["reports"].values():
		row(
			f"  {rep['label']}",
			f"{rep['report_ms']:.1f} ms vs {rep['sql_ms']:.1f} ms = {rep['ratio']:.2f}×",
			f"≤ {REPORT_TARGET:g}×",
			verdict(rep["ratio"] <= REPORT_TARGET),
		)
	first = next(iter(r["reports"].values()))
	lines.append(
		f"SQL queries per report ({first['queries_rows']:,} rows vs {first['queries_subset_rows']:,} rows of one unit)"
	)
	for rep in r["reports"].values():
		row(
			f"  {rep['label']}",
			f"{rep['queries']} vs {rep['queries_subset']}",
			"constant",
			verdict(rep["queries"] == rep["queries_subset"]),
		)
	save = r["save"]
	lines.append(f"Evaluation save ({save['saves']} drafts, rolled back)")
	overhead = save["overhead_percent"]
	row(
		"  with scoring vs scoring bypassed",
		f"{save['with_scoring_ms']:.1f} vs {save['bypassed_ms']:.1f} ms/save = {overhead:+.1f}%",
		f"≤ +{SAVE_TARGET:g}%",
		verdict(overhead is not None and overhead <= SAVE_TARGET),
	)
	excel = r["excel"]
	lines.append(f"Excel export ({excel['forms']} self-evaluation forms)")
	row(
		"  evaluation_workbook",
		f"{excel['forms_per_second']:.1f} forms/s ({excel['seconds']:.1f} s, {excel['bytes'] / 1e6:.1f} MB)",
		"report",
		"INFO",
	)
	print("\n".join(lines))
	print(
		f"Scores after a save with scoring equal the generated ones: {save['scores_unchanged']} evaluations."
	)
	sys.stdout.flush()
