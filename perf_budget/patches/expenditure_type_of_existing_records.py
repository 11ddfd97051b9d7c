"""Sites made before the expenditure type (art. 19): every goal filed until
then was a project (项目支出), and its monitoring records and self-evaluations
carry their goal's type (a fetched field is filled only when a record is saved)."""

import frappe
from frappe.query_builder.functions import Coalesce

from perf_budget.rules.policy import PROJECT


def execute():
	goal = frappe.qb.DocType("Performance Goal")
	(
		frappe.qb.update(goal)
		.set(goal.expenditure_type, PROJECT)
		.where(Coalesce(goal.expenditure_type, "") == "")
	).run()
	for doctype in ("Performance Monitoring", "Performance Evaluation"):
		record = frappe.qb.DocType(doctype)
		(
			frappe.qb.update(record)
			.join(goal)
			.on(record.performance_goal == goal.name)
			.set(record.expenditure_type, goal.expenditure_type)
			.where(Coalesce(record.expenditure_type, "") == "")
		).run()
