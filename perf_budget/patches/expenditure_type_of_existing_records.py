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
		# an UPDATE … JOIN: pypika writes the SET column without its table, which the join makes ambiguous
		frappe.db.sql(
			f"""update `tab{doctype}` record
			join `tabPerformance Goal` goal on goal.name = record.performance_goal
			set record.expenditure_type = goal.expenditure_type
			where coalesce(record.expenditure_type, '') = ''"""
		)
