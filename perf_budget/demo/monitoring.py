"""Demo 1–7月 monitoring round of 2026: green, yellow and red projects, some
submitted, the red ones explained (art. 18)."""

import frappe

from perf_budget.demo.bureau import unit_user
from perf_budget.demo.steps import OFFICER, SUBMITTED, TO_FINANCE, take, untouched
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.workflow.actions import acting_as

YEAR, MONTH = "2026", 7

# project code -> (executed share of the annual budget by July, share of each
# target expected for the year, likelihood, actions taken on it)
PROGRESS = {
	"GHK-01": (0.62, 1.0, "Certain", (*TO_FINANCE, "Accept")),
	"JSK-01": (0.55, 1.0, "Certain", TO_FINANCE),
	"SZZX-01": (0.45, 0.9, "Possible", SUBMITTED),
	"PXZX-01": (0.40, 0.85, "Possible", ()),
	"XXZX-01": (0.38, 0.8, "Possible", ()),
	"ZFD-01": (0.12, 0.5, "Impossible", SUBMITTED),
	"BGS-01": (0.58, 1.0, "Certain", ()),
}


def make_monitoring():
	# opened once, like the self-evaluation round (demo/evaluations.py)
	if not frappe.db.exists("Performance Monitoring", {"performance_year": YEAR, "period_end_month": MONTH}):
		with acting_as(OFFICER):
			create_monitoring_round(YEAR, MONTH)
	for code, progress in PROGRESS.items():
		name = frappe.db.get_value(
			"Performance Monitoring",
			{"project_code": code, "performance_year": YEAR, "period_end_month": MONTH},
		)
		# once the budget system's figures are in (demo/budget_system.py), typing them again is refused
		if name and untouched("Performance Monitoring", name) and not imported(name):
			fill(name, code, *progress)


def imported(name) -> bool:
	return bool(frappe.db.get_value("Performance Monitoring", name, "budget_import"))


def fill(name, code, executed_share, expected_share, likelihood, actions):
	unit_code = code.split("-")[0]
	doc = frappe.get_doc("Performance Monitoring", name)
	doc.executed_amount = round(doc.annual_budget * executed_share, 2)
	doc.expected_full_year = round(doc.annual_budget * max(executed_share * 12 / MONTH, 0.5), 2)
	doc.goal_progress = "按计划推进。" if likelihood == "Certain" else "部分任务滞后，正在采取措施追赶进度。"
	for row in doc.indicators:
		row.likelihood = likelihood
		if row.operator == "Qualitative":
			row.qualitative_progress = {
				"Certain": "Achieved",
				"Possible": "Partly",
				"Impossible": "Not Achieved",
			}[likelihood]
			row.actual_text = doc.goal_progress
		elif row.operator in ("<=", "<"):
			row.expected_completion = round(row.target_value / expected_share, 2)
			row.actual_to_date = row.expected_completion
		else:
			row.expected_completion = round(row.target_value * expected_share, 2)
			row.actual_to_date = round(row.expected_completion * MONTH / 12, 2)
		if likelihood != "Certain":
			row.reason_funding = "上半年资金拨付滞后。"
			row.corrective_measure = "协调财政部门加快资金拨付，压茬推进项目实施。"
	with acting_as(unit_user(unit_code)):
		doc.save()
	take("Performance Monitoring", name, unit_code, actions)
