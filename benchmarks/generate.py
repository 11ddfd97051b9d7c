# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The benchmark's year: ``units × projects`` confirmed goals and
self-evaluations of ``indicators`` rows each, written by bulk inserts of rows
built as dicts keyed by fieldname. Every evaluation is scored by the same
rule the DocType uses (rules.evaluation.evaluate), so the stored scores are
the ones a save would give."""

import random
import time

import frappe
from frappe.utils import cint, flt, now

from perf_budget.rules.evaluation import evaluate
from perf_budget.rules.indicators import target_display
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain

CHUNK = 2000  # rows per INSERT: far below max_allowed_packet even for the long text rows
UNIT_PREFIX = "基准单位"
ROOT_UNIT = "基准测试局"
DEPARTMENT = "基准测试局"

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
# Review stages (perf_budget/rules/chains.py) by evaluation number mod 10: four
# in ten still open (docstatus 0, two of them being filed for the save
# measurement), six accepted.
STAGES = (
	("filing", 0),
	("filing", 0),
	("unit_review", 0),
	("finance_review", 0),
	("accepted", 1),
	("accepted", 1),
	("accepted", 1),
	("accepted", 1),
	("accepted", 1),
	("forwarded", 1),
)
QUALITATIVE_BANDS = {"Achieved": (0.8, 1.0), "Partly": (0.6, 0.8), "Not Achieved": (0.0, 0.6)}


def ensure_data(units: int, projects: int, indicators: int, year: str) -> dict:
	"""The year at this size: kept when it is already there, made (again) otherwise."""
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
		name = f"{UNIT_PREFIX}{n:03d}"
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


def indicator_specs(count: int) -> list[dict]:
	"""``count`` indicators (level1, level2, indicator_name, operator, target,
	text, weight); each level's weights add up to its points exactly."""
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
			level2, name, operator, target, text, _relative = template
			suffix = f"（{i // len(TEMPLATES[level]) + 1}）" if i >= len(TEMPLATES[level]) else ""
			specs.append(
				{
					"level1": level,
					"level2": level2,
					"indicator_name": name + suffix,
					"operator": operator,
					"target": target,
					"text": text,
					"weight": weight,
				}
			)
	return specs


def generate(unit_names: list[str], projects: int, indicators: int, year: str) -> None:
	rng = random.Random(f"perf_budget-benchmark-{year}")
	rules = get_rules()
	specs = indicator_specs(indicators)
	total = len(unit_names) * projects
	goal_start, evaluation_start = reserve_numbers(total), reserve_numbers(total)
	stamp = now()
	meta = {"owner": "Administrator", "creation": stamp, "modified": stamp, "modified_by": "Administrator"}
	goals, goal_rows, evaluations, evaluation_rows = [], [], [], []
	goal_chain, evaluation_chain = chain("Performance Goal"), chain("Performance Evaluation")
	seq = 0
	for u, unit in enumerate(unit_names, start=1):
		for p in range(1, projects + 1):
			goal = f"PG-{year}-{goal_start + seq:05d}"
			evaluation = f"PE-{year}-{evaluation_start + seq:05d}"
			stage, docstatus = STAGES[seq % len(STAGES)]
			state = evaluation_chain.states(stage)[0]
			seq += 1
			project = {
				"performance_year": year,
				"budget_unit": unit,
				"project_code": f"BM{u:03d}-{p:03d}",
				"project_name": f"{THEMES[(u + p) % len(THEMES)]}项目（{unit}第{p}项）",
				"competent_department": DEPARTMENT,
			}
			fiscal = round(rng.uniform(20, 2000), 2)
			other = round(fiscal * rng.choice((0, 0, 0.1, 0.25)), 2)
			annual_goal = f"完成{project['project_name']}年度建设任务，各项指标达到预期目标。"
			goals.append(
				{
					"name": goal,
					**meta,
					"docstatus": 1,
					**project,
					"budget_type": "Annual",
					"period_start": f"{year}-01-01",
					"period_end": f"{year}-12-31",
					"is_key_project": int(rng.random() < 0.15),
					"has_service_recipients": 1,
					"total_amount": flt(fiscal + other, 2),
					"fiscal_amount": fiscal,
					"other_amount": other,
					"annual_goal": annual_goal,
					"version": 1,
					"is_current": 1,
					"workflow_state": goal_chain.states("accepted")[0],
				}
			)
			reached = project_performance(rng)
			executed_share = min(1.0, max(0.3, reached + rng.uniform(-0.08, 0.05)))
			rows = [indicator_row(rng, idx, spec, reached) for idx, spec in enumerate(specs, start=1)]
			goal_rows += [
				{
					"name": f"{goal}-{row['idx']:02d}",
					**meta,
					"docstatus": 1,
					"parent": goal,
					"parenttype": "Performance Goal",
					"parentfield": "indicators",
					**{key: row[key] for key in GOAL_INDICATOR_FIELDS},
					"target_value": zero_if_none(row["target_value"]),
				}
				for row in rows
			]
			executed_fiscal = flt(fiscal * executed_share, 2)
			executed_other = flt(other * executed_share, 2)
			budget, executed = flt(fiscal + other, 2), flt(executed_fiscal + executed_other, 2)
			result = evaluate(budget, executed, rows, rules)
			if result.problems:
				raise ValueError(
					f"generated evaluation {evaluation} does not score cleanly: {result.problems}"
				)
			low = result.grade in ("Fair", "Poor")
			evaluations.append(
				{
					"name": evaluation,
					**meta,
					"docstatus": docstatus,
					"performance_goal": goal,
					**project,
					"initial_fiscal": fiscal,
					"initial_other": other,
					"initial_budget": budget,
					"annual_fiscal": fiscal,
					"annual_other": other,
					"annual_budget": budget,
					"executed_fiscal": executed_fiscal,
					"executed_other": executed_other,
					"executed_amount": executed,
					"execution_rate": result.execution_rate,
					"execution_weight": result.execution_weight,
					"execution_score": result.execution_score,
					"execution_reason": "部分合同尚未结算，资金拨付滞后。"
					if result.needs_execution_reason
					else None,
					"annual_goal": annual_goal,
					"actual_completion": "年度任务基本完成，部分指标未达预期。"
					if low
					else "年度任务全部完成。",
					"output_score": result.level_scores["Output"],
					"effect_score": result.level_scores["Effect"],
					"satisfaction_score": result.level_scores["Satisfaction"],
					"cost_score": result.level_scores["Cost"],
					"total_score": result.total,
					"grade": result.grade,
					"problems": "部分产出指标未完成，项目进度滞后。" if low else None,
					"causes": "前期论证不充分，实施过程中调整较多。" if low else None,
					"improvements": "加强预算执行进度管理，按季度跟踪绩效目标完成情况。" if low else None,
					"review_opinion": "自评结果基本客观，同意。" if docstatus == 1 else None,
					"workflow_state": state,
				}
			)
			evaluation_rows += [
				{
					"name": f"{evaluation}-{row['idx']:02d}",
					**meta,
					"docstatus": docstatus,
					"parent": evaluation,
					"parenttype": "Performance Evaluation",
					"parentfield": "indicators",
					**{key: row[key] for key in EVALUATION_INDICATOR_FIELDS},
					**{
						key: zero_if_none(row[key])
						for key in ("target_value", "actual_value", "entered_score")
					},
					"target_display": target_display(row),
					"computed_score": zero_if_none(scored.computed),
					"score": zero_if_none(scored.score),
					"overachieved": int(scored.overachieved),
					"deviation_analysis": "受实施进度影响未完成目标。"
					if scored.score is not None and scored.score < row["weight"] * 0.8
					else None,
				}
				for row, scored in zip(rows, result.indicators, strict=True)
			]
	insert_rows("Performance Goal", goals)
	insert_rows("Goal Indicator", goal_rows)
	insert_rows("Performance Evaluation", evaluations)
	insert_rows("Evaluation Indicator", evaluation_rows)


# the generated indicator's fields each child table stores as they are (the
# numbers that may be empty are written through zero_if_none)
GOAL_INDICATOR_FIELDS = (
	"idx",
	"level1",
	"level2",
	"indicator_name",
	"operator",
	"target_text",
	"unit",
	"weight",
)
EVALUATION_INDICATOR_FIELDS = (*GOAL_INDICATOR_FIELDS, "actual_text", "qualitative_result")


def indicator_row(rng: random.Random, idx: int, spec: dict, reached: float) -> dict:
	"""One indicator of a project that reaches about ``reached`` of its targets,
	as the scoring rule reads it."""
	operator, target = spec["operator"], spec["target"]
	scale = rng.choice((0.5, 1, 1, 2, 4)) if target and target > 100 else 1
	target_value = None if target is None else flt(target * scale, 2)
	return {
		"idx": idx,
		"level1": spec["level1"],
		"level2": spec["level2"],
		"indicator_name": spec["indicator_name"],
		"operator": operator,
		"target_value": target_value,
		"target_text": spec["text"] if operator == "Qualitative" else None,
		"unit": None if operator == "Qualitative" else spec["text"],
		"weight": spec["weight"],
		**actual_for(rng, operator, target_value, reached, spec["weight"], spec["text"]),
	}


def insert_rows(doctype: str, rows: list[dict]) -> None:
	"""Bulk-insert rows given as dicts keyed by fieldname; the columns are the
	first row's keys, and every row must have exactly those."""
	if not rows:
		return
	fields = list(rows[0])
	for row in rows:
		if row.keys() != set(fields):
			raise ValueError(
				f"{doctype} row {row.get('name')} has fields {sorted(row)}, not {sorted(fields)}"
			)
	frappe.db.bulk_insert(doctype, fields, (tuple(row[f] for f in fields) for row in rows), chunk_size=CHUNK)


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
