# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The benchmark's years: in each, ``units × projects`` confirmed goals,
monitoring records (the 1–7月 round) and self-evaluations of ``indicators``
rows each, the rectifications of red monitoring records and Poor
self-evaluations, and budget advice on most accepted self-evaluations; written
by bulk inserts of rows built as dicts keyed by fieldname. Every evaluation is
scored and every monitoring record lit by the same rules the DocTypes use
(rules.evaluation.evaluate, rules.warnings), and every rectification's status
and every advice's recommendation comes from rules.rectification and
rules.advice, so the stored figures are the ones a save would give.

Each year also has applied budget-system imports (budget_imports.py) and
department-wide records and ex-ante assessments (departments.py); a year
already there gets those it lacks, without being made again."""

import random
import time
from collections import Counter

import budget_imports
import departments
import frappe
from frappe.utils import add_days, cint, flt, getdate, now, nowdate

from perf_budget.perf_budget.doctype.rectification.rectification import rectification_key
from perf_budget.rules.advice import recommend
from perf_budget.rules.evaluation import evaluate
from perf_budget.rules.indicators import target_display
from perf_budget.rules.policy import PROJECT
from perf_budget.rules.rectification import RESULTS, is_unrectified, rectification_status
from perf_budget.rules.scoring import execution_rate
from perf_budget.rules.warnings import execution_light, indicator_light, time_adjusted_execution, worst_light
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain

CHUNK = 2000  # rows per INSERT: far below max_allowed_packet even for the long text rows
UNIT_PREFIX = "基准单位"
ROOT_UNIT = "基准测试局"
DEPARTMENT = "基准测试局"
ROUND_MONTH = 7  # the monitoring round of every year: 1–7月

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


def ensure_data(units: int, projects: int, indicators: int, years: list[str]) -> dict:
	"""Each year at this size: kept when it is already there, made (again)
	otherwise; the oldest first, as next year's goals are read by this year's advice."""
	unit_names = None
	made, added, seconds = [], [], 0.0
	for year in years:
		if year_is_complete(units, projects, indicators, year):
			print(f"Year {year} is already there at this size: generation skipped.")
			started = time.perf_counter()
			kinds = ensure_more(units, indicators, year, latest=year == years[-1])
			if kinds:
				added.append(f"{year} ({', '.join(kinds)})")
				seconds += time.perf_counter() - started
			continue
		if frappe.db.count("Performance Goal", {"performance_year": year}):
			print(f"Year {year} holds data of another size: replacing it.")
			delete_year(year)
		total = units * projects
		print(
			f"Year {year}: generating {total:,} goals, monitoring records and evaluations, each kind "
			f"with {total * indicators:,} indicator rows, their rectifications and budget advice …",
			flush=True,
		)
		started = time.perf_counter()
		unit_names = unit_names or ensure_units(units)
		ensure_year(year)
		generate(unit_names, projects, indicators, year)
		frappe.db.commit()
		ensure_more(units, indicators, year, latest=year == years[-1])
		took = time.perf_counter() - started
		print(f"Year {year} generated in {took:.1f} s.", flush=True)
		made.append(year)
		seconds += took
	return {
		"skipped": not (made or added),
		"years_made": made,
		"added": added,
		"seconds": round(seconds, 2),
	}


def ensure_more(units: int, indicators: int, year: str, latest: bool) -> list[str]:
	"""The kinds a year may lack (each made alone, committed when made):
	budget-system imports, department-wide records, ex-ante assessments. Made
	after the year's projects, whose records the imports fill and whose goals
	the assessments concern. Returns the kinds made."""
	made = []
	for kind, there, make in (
		("budget-system imports", budget_imports.has_imports, make_imports),
		(
			"department-wide goals (with their monitoring and self-evaluations)",
			departments.has_departments,
			make_departments,
		),
		("ex-ante assessments", departments.has_assessments, make_assessments),
	):
		if there(year):
			continue
		started = time.perf_counter()
		count = make(units, indicators, year, latest)
		frappe.db.commit()
		print(f"Year {year}: {count:,} {kind} in {time.perf_counter() - started:.1f} s.", flush=True)
		made.append(kind)
	return made


def make_imports(units: int, indicators: int, year: str, latest: bool) -> int:
	return budget_imports.generate_imports(year, latest, reserve_numbers, insert_rows)


def make_departments(units: int, indicators: int, year: str, latest: bool) -> int:
	return departments.generate_departments(
		ensure_units(units), ROOT_UNIT, indicators, year, latest, generate_module()
	)


def make_assessments(units: int, indicators: int, year: str, latest: bool) -> int:
	return departments.generate_assessments(year, latest, generate_module())


def generate_module():
	"""This module, whose helpers departments.py uses (no import cycle)."""
	import sys

	return sys.modules[__name__]


def year_is_complete(units: int, projects: int, indicators: int, year: str) -> bool:
	"""The year has every record and row of this size (and its rectifications and advice)."""
	expected = units * projects
	for parent, child in KINDS:
		have, rows, units_used = frappe.db.sql(
			f"""select count(*), (select count(*) from `tab{child}` i join `tab{parent}` p on p.name = i.parent
				where p.performance_year = %(year)s and i.parenttype = %(parent)s), count(distinct budget_unit)
			from `tab{parent}` where performance_year = %(year)s""",
			{"year": year, "parent": parent},
		)[0]
		if (have, rows, units_used) != (expected, expected * indicators, units):
			return False
	return bool(
		frappe.db.count("Budget Advice", {"performance_year": year})
		and frappe.db.count("Rectification", {"performance_year": year})
	)


# each kind of record with indicator rows: (parent, child table)
KINDS = (
	("Performance Goal", "Goal Indicator"),
	("Performance Monitoring", "Monitoring Indicator"),
	("Performance Evaluation", "Evaluation Indicator"),
)


def delete_year(year: str) -> None:
	budget_imports.delete_imports(year)
	departments.delete_departments(year)
	for parent, child in KINDS:
		frappe.db.sql(
			f"""delete c from `tab{child}` c join `tab{parent}` p on p.name = c.parent
			where p.performance_year = %s and c.parenttype = %s""",
			(year, parent),
		)
	for doctype in ("Budget Advice", "Rectification", *(parent for parent, _child in KINDS)):
		frappe.db.sql(f"delete from `tab{doctype}` where performance_year = %s", year)
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
	"""The year, open (the save measurement needs it), with its 1–7月 round."""
	if not frappe.db.exists("Performance Year", year):
		frappe.get_doc(
			{
				"doctype": "Performance Year",
				"year": year,
				"status": "Open",
				"evaluation_deadline": f"{cint(year) + 1}-04-30",
				"monitoring_rounds": [{"period_end_month": ROUND_MONTH, "deadline": round_deadline(year)}],
			}
		).insert()
	elif frappe.db.get_value("Performance Year", year, "status") != "Open":
		frappe.db.set_value("Performance Year", year, "status", "Open")


def round_deadline(year: str) -> str:
	return f"{year}-08-10"


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


def indicator_specs(count: int, rules=None) -> list[dict]:
	"""``count`` indicators (level1, level2, indicator_name, operator, target,
	text, weight); each level's weights add up to its points exactly (the
	project weights of the settings, or those of ``rules``)."""
	rules = rules or get_rules()
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
	monitoring_start = reserve_numbers(total)
	stamp = now()
	meta = {"owner": "Administrator", "creation": stamp, "modified": stamp, "modified_by": "Administrator"}
	goals, goal_rows, evaluations, evaluation_rows = [], [], [], []
	monitorings, monitoring_rows = [], []
	goal_chain, evaluation_chain = chain("Performance Goal"), chain("Performance Evaluation")
	seq = 0
	for u, unit in enumerate(unit_names, start=1):
		for p in range(1, projects + 1):
			goal = f"PG-{year}-{goal_start + seq:05d}"
			evaluation = f"PE-{year}-{evaluation_start + seq:05d}"
			monitoring = f"PM-{year}-{ROUND_MONTH}-{monitoring_start + seq:05d}"
			stage, docstatus = STAGES[seq % len(STAGES)]
			state = evaluation_chain.states(stage)[0]
			seq += 1
			project = {
				"performance_year": year,
				"budget_unit": unit,
				"project_code": f"BM{u:03d}-{p:03d}",
				"project_name": f"{THEMES[(u + p) % len(THEMES)]}项目（{unit}第{p}项）",
				"competent_department": DEPARTMENT,
				"expenditure_type": PROJECT,
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
					"round_key": goal,
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
			record, lit_rows = monitoring_record(rng, rows, reached, executed_share, fiscal, other, rules)
			monitorings.append(
				{
					"name": monitoring,
					**meta,
					"docstatus": docstatus,
					"performance_goal": goal,
					**project,
					"period_end_month": ROUND_MONTH,
					"round_deadline": round_deadline(year),
					"budget_fiscal": fiscal,
					"budget_other": other,
					"annual_budget": budget,
					"annual_goal": annual_goal,
					**record,
					"review_opinion": "同意。" if docstatus == 1 else None,
					"workflow_state": state_of("Performance Monitoring", stage),
					"round_key": f"{goal}/{ROUND_MONTH}",
				}
			)
			monitoring_rows += [
				{
					"name": f"{monitoring}-{row['idx']:02d}",
					**meta,
					"docstatus": docstatus,
					"parent": monitoring,
					**row,
				}
				for row in lit_rows
			]
	rectifications = rectifications_of(rng, monitorings, evaluations, year, meta)
	insert_rows("Performance Goal", goals)
	insert_rows("Goal Indicator", goal_rows)
	insert_rows("Performance Monitoring", monitorings)
	insert_rows("Monitoring Indicator", monitoring_rows)
	insert_rows("Performance Evaluation", evaluations)
	insert_rows("Evaluation Indicator", evaluation_rows)
	insert_rows("Rectification", rectifications)
	insert_rows("Budget Advice", advice_of(rng, evaluations, rectifications, year, meta, rules))


def state_of(doctype: str, stage: str) -> str:
	"""The first state of a stage of the DocType's chain."""
	return chain(doctype).states(stage)[0]


def monitoring_record(rng, rows, reached: float, executed_share: float, fiscal: float, other: float, rules):
	"""The 1–7月 round of a project that reaches about ``reached`` of its
	targets over the year: the money paid so far and each indicator's
	progress, lit as the DocType lights them (a red row explained, art. 18)."""
	paid = executed_share * rng.uniform(0.45, 0.75)
	executed_fiscal, executed_other = flt(fiscal * paid, 2), flt(other * paid, 2)
	budget, executed = flt(fiscal + other, 2), flt(executed_fiscal + executed_other, 2)
	lit = []
	for row in rows:
		operator = row["operator"]
		if operator == "Qualitative":
			to_date = expected = None
		elif operator in (">=", ">"):
			expected = row["actual_value"]
			to_date = flt(expected * ROUND_MONTH / 12, 2)
		else:
			to_date = expected = row["actual_value"]
		likelihood = (
			"Impossible"
			if reached < 0.55 and rng.random() < 0.3
			else "Possible"
			if reached < 0.84
			else "Certain"
		)
		progress = row["qualitative_result"]
		light = indicator_light(
			operator,
			row["target_value"],
			to_date,
			expected,
			likelihood,
			qualitative_progress=progress,
			rules=rules,
		)
		red = light == "Red"
		lit.append(
			{
				"parenttype": "Performance Monitoring",
				"parentfield": "indicators",
				**{key: row[key] for key in GOAL_INDICATOR_FIELDS if key != "weight"},
				"target_value": zero_if_none(row["target_value"]),
				"target_display": target_display(row),
				"actual_to_date": zero_if_none(to_date),
				"expected_completion": zero_if_none(expected),
				"qualitative_progress": progress,
				"actual_text": row["actual_text"],
				"likelihood": likelihood,
				"light": light,
				"reason_funding": "资金拨付滞后，影响实施进度。" if red else None,
				"corrective_measure": "加快合同签订和资金支付，按月调度进度。" if red else None,
			}
		)
	lights = [row["light"] for row in lit]
	money_light = execution_light(budget, executed, ROUND_MONTH, rules)
	warning = worst_light([money_light, *lights])
	record = {
		"executed_fiscal": executed_fiscal,
		"executed_other": executed_other,
		"executed_amount": executed,
		"execution_rate": execution_rate(budget, executed),
		"time_adjusted_rate": time_adjusted_execution(budget, executed, ROUND_MONTH),
		"execution_light": money_light,
		"warning_level": warning,
		"red_indicators": lights.count("Red"),
		"needs_rectification": int(warning == "Red"),
		"goal_progress": "按计划推进。" if warning == "Green" else "部分指标进度滞后。",
	}
	return record, lit


def rectifications_of(rng, monitorings: list[dict], evaluations: list[dict], year: str, meta) -> list[dict]:
	"""A rectification for every other accepted red monitoring record (sent in
	August) and for every accepted Poor self-evaluation (sent after the year,
	in April); where each stands follows from its due date against today:
	mostly settled once due, still open before."""
	today = getdate(nowdate())
	sources = [
		("Performance Monitoring", record, f"{year}-08-20")
		for record in monitorings
		if record["docstatus"] == 1 and record["warning_level"] == "Red"
	][::2]
	sources += [
		("Performance Evaluation", record, f"{cint(year) + 1}-04-20")
		for record in evaluations
		if record["docstatus"] == 1 and record["grade"] == "Poor"
	]
	start = reserve_numbers(len(sources))
	rows = []
	for n, (doctype, source, sent) in enumerate(sources):
		notice = getdate(sent)
		due = add_days(notice, 30)
		pick = rng.random()
		if due < today:
			stage = "accepted" if pick < 0.85 else "filing" if pick < 0.95 else "unit_review"
		else:
			stage = (
				"drafting"
				if pick < 0.2
				else "filing"
				if pick < 0.7
				else "unit_review"
				if pick < 0.85
				else "finance_review"
			)
		docstatus = 1 if stage == "accepted" else 0
		result = rng.choices(RESULTS, (0.7, 0.2, 0.1))[0] if docstatus else None
		rows.append(
			{
				"name": f"RECT-{year}-{start + n:05d}",
				**meta,
				"docstatus": docstatus,
				"source_doctype": doctype,
				"source_name": source["name"],
				"source_key": rectification_key(doctype, source["name"]),
				"performance_year": year,
				"budget_unit": source["budget_unit"],
				"performance_goal": source["performance_goal"],
				"project_code": source["project_code"],
				"project_name": source["project_name"],
				"title": f"{source['project_name']}整改",
				"problem": "监控发现红灯指标，进度明显滞后。"
				if doctype == "Performance Monitoring"
				else "绩效自评等级为差。",
				"requirement": "查明原因，制定整改措施并按期报送整改报告。",
				"notice_date": None if stage == "drafting" else notice,
				"due_date": due,
				"status": rectification_status(stage, docstatus, due, today),
				"measures": None if stage in ("drafting", "filing") else "已调整实施方案，加快支付进度。",
				"review_result": result,
				"review_opinion": "整改到位。"
				if result == "Rectified"
				else "整改尚不到位。"
				if result
				else None,
				"workflow_state": state_of("Rectification", stage),
			}
		)
	return rows


def advice_of(rng, evaluations, rectifications, year: str, meta, rules) -> list[dict]:
	"""Budget advice on half the accepted self-evaluations: two thirds confirmed
	(one in twenty overriding the rules), one third awaiting confirmation; the
	other half has none yet (the report recommends for them)."""
	unresolved = Counter(
		(row["budget_unit"], row["project_code"])
		for row in rectifications
		if is_unrectified(row["status"], row["review_result"])
	)
	advised = [
		(n, record) for n, record in enumerate(evaluations) if record["docstatus"] == 1 and n % 10 in ADVISED
	]
	start = reserve_numbers(len(advised))
	rows = []
	for k, (n, record) in enumerate(advised):
		open_count = unresolved[(record["budget_unit"], record["project_code"])]
		current = record["annual_budget"]
		advice = recommend(record["grade"], current, open_count, rules)
		confirmed = ADVISED[n % 10]
		overridden = confirmed and record["grade"] != "Good" and rng.random() < 0.05
		decided = recommend("Good", current, 0, rules) if overridden else advice
		rows.append(
			{
				"name": f"BA-{year}-{start + k:05d}",
				**meta,
				"docstatus": int(confirmed),
				"performance_evaluation": record["name"],
				"performance_year": year,
				"next_year": str(cint(year) + 1),
				"budget_unit": record["budget_unit"],
				"performance_goal": record["performance_goal"],
				"project_code": record["project_code"],
				"project_name": record["project_name"],
				"total_score": record["total_score"],
				"grade": record["grade"],
				"basis_source": "Self-Evaluation",
				"basis_score": record["total_score"],
				"basis_grade": record["grade"],
				"unresolved_rectifications": open_count,
				"overdue_rectifications": 0,
				"current_amount": current,
				"recommended_action": advice.action,
				"recommended_cut_percent": advice.cut_percent,
				"recommended_amount": advice.amount,
				"recommendation_reasons": "\n".join(advice.reasons),
				"decided_action": decided.action if confirmed else None,
				"decided_cut_percent": decided.cut_percent if confirmed else 0,
				"decided_amount": decided.amount if confirmed else 0,
				"is_overridden": int(overridden),
				"override_reason": "项目纳入市重点工作，保障实施。" if overridden else None,
				"decided_by": "Administrator" if confirmed else None,
				"decided_on": f"{cint(year) + 1}-05-15" if confirmed else None,
			}
		)
	return rows


# evaluation number mod 10 (among the accepted, STAGES) -> advice confirmed?
ADVISED = {4: True, 5: True, 6: False}


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
