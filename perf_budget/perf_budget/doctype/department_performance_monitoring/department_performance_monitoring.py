# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Run-time monitoring of a department's whole expenditure (部门整体支出绩效监控):
the project monitoring's money and indicator lights (``rules/warnings.py``), red
rows explained before the record leaves the unit, against the department-wide
goal; the chain is the Workflow "Department Monitoring Review"."""

import frappe

from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	PerformanceMonitoring,
	copy_targets,
	round_deadline,
)

# What the monitoring copies from its department-wide goal.
DEPARTMENT_HEADER = ("performance_year", "budget_unit", "annual_goal")


class DepartmentPerformanceMonitoring(PerformanceMonitoring):
	def copy_from_goal(self):
		"""Pre-fill from the confirmed department goal: its year's whole budget and indicators."""
		# a round loads its goals together and passes each on
		goal = self.flags.goal or frappe.get_doc("Department Performance Goal", self.department_goal)
		self.update({field: goal.get(field) for field in DEPARTMENT_HEADER})
		self.annual_budget = goal.total_budget
		self.round_deadline = round_deadline(goal.performance_year, self.period_end_month)
		copy_targets(self, goal)
