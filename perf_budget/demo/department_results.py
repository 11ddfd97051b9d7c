"""Demo department-wide monitoring (1–7月 of 2026) and self-evaluations of the
units' confirmed 2026 department goals (demo/department_goals.py): green,
yellow and red monitoring, grades from 优 down, in several states of their
chains. Without confirmed department goals it makes nothing."""

import frappe

from perf_budget.demo.bureau import BUREAU, UNITS
from perf_budget.demo.steps import OFFICER, SUBMITTED, TO_FINANCE, take, untouched
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.workflow.actions import acting_as

YEAR, MONTH = "2026", 7
MONITORING, EVALUATION = "Department Performance Monitoring", "Department Performance Evaluation"
# the bureau's own people are bureau.user / bureau.head (demo/bureau.py)
CODES = {**{name: code for name, code, _type in UNITS}, BUREAU: "BUREAU"}
ACCEPTED = (*TO_FINANCE, "Accept")

# unit code -> (executed share of the year's budget by July, likelihood, actions)
PROGRESS = {
	"GHK": (0.62, "Certain", ACCEPTED),  # 106 % of the time: green
	"JSK": (0.40, "Possible", TO_FINANCE),  # 68.57 %: yellow
	"SZZX": (0.25, "Impossible", SUBMITTED),  # 42.86 %: red, explained
	"BUREAU": (0.55, "Certain", ()),
}
DEFAULT_PROGRESS = (0.5, "Certain", ())
# unit code -> (executed share, share of each target reached, qualitative result,
# satisfied of 200 respondents, actions)
OUTCOMES = {
	"GHK": (0.99, 1.0, "Achieved", 190, ACCEPTED),
	"JSK": (0.92, 0.85, "Partly", 164, TO_FINANCE),
	"SZZX": (0.7, 0.7, "Partly", 150, (*TO_FINANCE, "Return")),
	"BUREAU": (0.96, 1.0, "Achieved", 185, SUBMITTED),
}
DEFAULT_OUTCOME = (0.9, 0.95, "Achieved", 180, ())
FILLS = {
	"Accept": {"review_opinion": "部门整体运行情况良好，同意。"},
	"Return": {"return_reason": "履职效能指标完成情况说明不充分，请补充佐证。"},
}


def make_department_results():
	goals = frappe.get_all(
		"Department Performance Goal", filters={"performance_year": YEAR, "docstatus": 1}, pluck="name"
	)
	if not goals:
		return
	# the rounds take the department goals they do not hold yet (and no project twice)
	if frappe.db.count(MONITORING, {"department_goal": ["in", goals], "period_end_month": MONTH}) < len(
		goals
	):
		with acting_as(OFFICER):
			create_monitoring_round(YEAR, MONTH)
	if frappe.db.count(EVALUATION, {"department_goal": ["in", goals]}) < len(goals):
		with acting_as(OFFICER):
			create_evaluation_round(YEAR)
	for name in frappe.get_all(MONITORING, filters={"department_goal": ["in", goals]}, pluck="name"):
		if untouched(MONITORING, name):
			fill_monitoring(name)
	for name in frappe.get_all(EVALUATION, filters={"department_goal": ["in", goals]}, pluck="name"):
		if untouched(EVALUATION, name):
			fill_evaluation(name)


def fill_monitoring(name):
	doc = frappe.get_doc(MONITORING, name)
	code = CODES.get(doc.budget_unit)
	executed_share, likelihood, actions = PROGRESS.get(code, DEFAULT_PROGRESS)
	doc.executed_amount = round(doc.annual_budget * executed_share, 2)
	doc.goal_progress = (
		"按计划推进。" if likelihood == "Certain" else "部分重点工作滞后，正在采取措施追赶进度。"
	)
	doc.task_progress = "年度重点任务已完成过半，主要项目按进度实施。"
	for row in doc.indicators:
		row.likelihood = likelihood if row.idx == 1 else "Certain"
		if row.operator == "Qualitative":
			row.qualitative_progress = "Achieved" if row.likelihood == "Certain" else "Partly"
			row.actual_text = doc.goal_progress
		else:
			row.expected_completion = row.target_value
			row.actual_to_date = round(row.target_value * MONTH / 12, 2)
		if row.likelihood != "Certain":
			row.reason_staffing = "人员调整，部分工作推迟。"
			row.corrective_measure = "调配人员，四季度集中推进。"
	with acting_as(doc.owner):
		doc.save()
	take(MONITORING, name, code, actions)


def fill_evaluation(name):
	doc = frappe.get_doc(EVALUATION, name)
	code = CODES.get(doc.budget_unit)
	executed_share, reached, qualitative, satisfied, actions = OUTCOMES.get(code, DEFAULT_OUTCOME)
	doc.executed_amount = round(doc.annual_budget * executed_share, 2)
	doc.valid_respondents, doc.satisfied_respondents = 200, satisfied
	if executed_share < 0.9:
		doc.execution_reason = "两个项目年底才完成招标，资金未能按期支付。"
	for row in doc.indicators:
		if row.operator == "Qualitative":
			row.qualitative_result = qualitative
			row.entered_score = row.weight if qualitative == "Achieved" else round(row.weight * 0.7, 2)
		elif row.operator in ("<=", "<"):
			row.actual_value = row.target_value
		elif row.level1 != "Satisfaction":
			row.actual_value = round(row.target_value * reached, 2)
	doc.actual_completion = "年度重点任务基本完成，部门履职效能持续提升。"
	doc.problems = "个别项目前期准备不足，支出进度不均衡。"
	doc.improvements = "加强项目储备和预算执行管理，按月跟踪支出进度。"
	with acting_as(doc.owner):
		doc.save()
	take(EVALUATION, name, code, actions, fill=FILLS.get)
