"""Demo self-evaluations of 2026: a spread of grades, one of them Poor, in
several states of the review chain."""

import frappe

from perf_budget.demo.bureau import unit_user
from perf_budget.demo.steps import OFFICER, SUBMITTED, TO_FINANCE, take, untouched
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.workflow.actions import acting_as

YEAR = "2026"

# project code -> (executed share of the budget, share of each target reached,
# qualitative result and share of its band, actions taken on it, notes)
ACCEPTED = (*TO_FINANCE, "Accept")
OUTCOMES = {
	"GHK-01": (
		0.98,
		1.0,
		("Achieved", 1.0),
		(*ACCEPTED, "Forward to Finance Bureau"),
		"数据库建成并通过省级验收。",
	),
	"JSK-01": (0.95, 0.97, ("Achieved", 0.9), ACCEPTED, "18个小区全部完工，1个小区绿化收尾。"),
	"SZZX-01": (0.92, 0.9, ("Partly", 0.8), TO_FINANCE, "道路维修按计划推进，部分路段雨季延期。"),
	"PXZX-01": (0.88, 0.85, ("Partly", 0.5), SUBMITTED, "培训人次未达目标，线上培训补充。"),
	"XXZX-01": (0.85, 0.8, ("Partly", 0.3), (), "平台故障修复时间超出目标。"),
	"ZFD-01": (
		0.45,
		0.5,
		("Not Achieved", 0.5),
		(*TO_FINANCE, "Return"),
		"装备采购流标两次，年底才完成招标。",
	),
	"BGS-01": (0.97, 1.0, ("Achieved", 1.0), (), ""),
}
# what finance fills in before an action
FILLS = {
	"Accept": {"review_opinion": "自评结果基本客观，同意。"},
	"Return": {"return_reason": "执行率偏低原因说明不充分，请补充。"},
}


def make_evaluations():
	# opened once: opened again it finds nothing to make and writes that over the year's last round
	if not frappe.db.exists("Performance Evaluation", {"performance_year": YEAR}):
		with acting_as(OFFICER):
			create_evaluation_round(YEAR)
	for code, outcome in OUTCOMES.items():
		name = frappe.db.get_value("Performance Evaluation", {"project_code": code, "performance_year": YEAR})
		if name and untouched("Performance Evaluation", name):
			fill(name, code, *outcome)


def fill(name, code, executed_share, reached, qualitative, actions, notes):
	unit_code = code.split("-")[0]
	doc = frappe.get_doc("Performance Evaluation", name)
	doc.annual_fiscal, doc.annual_other = doc.initial_fiscal, doc.initial_other
	doc.executed_fiscal = round(doc.annual_fiscal * executed_share, 2)
	doc.executed_other = round(doc.annual_other * executed_share, 2)
	if executed_share < 0.9:
		doc.execution_reason = notes or "部分合同尚未结算。"
	doc.actual_completion = notes or doc.annual_goal
	for row in doc.indicators:
		if row.operator == "Qualitative":
			result, share = qualitative
			band = {"Achieved": (0.8, 1.0), "Partly": (0.6, 0.8), "Not Achieved": (0.0, 0.6)}[result]
			row.qualitative_result = result
			row.entered_score = round(row.weight * (band[0] + (band[1] - band[0]) * share), 2)
			row.actual_text = notes or row.target_text
		elif row.operator in ("<=", "<"):
			row.actual_value = round(row.target_value / reached, 2)
		else:
			row.actual_value = round(row.target_value * reached, 2)
		if reached < 1 and row.level1 == "Output":
			row.deviation_analysis = notes
	doc.problems = notes
	doc.improvements = "加强预算执行进度管理，按季度跟踪绩效目标完成情况。" if reached < 1 else ""
	with acting_as(unit_user(unit_code)):
		doc.save()
	take("Performance Evaluation", name, unit_code, actions, FILLS.get)
