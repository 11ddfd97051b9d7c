# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Year-end self-evaluation of a department's whole expenditure (部门整体支出绩效自评):
scored by ``rules/department_evaluation.py`` with the department weights of the
settings; the chain is the Workflow "Department Self-Evaluation Review"."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	show_what_is_missing,
	store_scores,
)
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import sort_indicator_rows
from perf_budget.rounds import round_key
from perf_budget.rules.department_evaluation import (
	department_rules,
	evaluate_department,
	with_satisfaction,
)
from perf_budget.rules.indicators import GOAL_INDICATOR_KEYS, target_display
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import require_reason

AMOUNT_PRECISION = 2


class DepartmentPerformanceEvaluation(Document):
	def before_insert(self):
		if not self.indicators:
			self.copy_from_goal()

	@refuse_rule_errors
	def validate(self):
		sort_indicator_rows(self, "indicators")  # rows added by hand join their level
		self.validate_goal()
		self.score()
		require_reason(self)

	def copy_from_goal(self):
		"""Pre-fill from the confirmed department goal: evaluate against what was set."""
		# a round loads its goals together and passes each on
		goal = self.flags.goal or frappe.get_doc("Department Performance Goal", self.department_goal)
		self.update({field: goal.get(field) for field in ("performance_year", "budget_unit", "annual_goal")})
		self.annual_budget = goal.total_budget
		for row in goal.indicators:
			self.append(
				"indicators",
				{**{key: row.get(key) for key in GOAL_INDICATOR_KEYS}, "target_display": target_display(row)},
			)

	def validate_goal(self):
		if frappe.db.get_value("Department Performance Goal", self.department_goal, "docstatus") != 1:
			frappe.throw(_("Only a confirmed department goal can be evaluated."))
		# the unique round key is the guarantee; this check only words the refusal
		self.round_key = round_key(self)
		duplicate = frappe.db.get_value(
			self.doctype, {"round_key": self.round_key, "name": ["!=", self.name or ""]}
		)
		if duplicate:
			frappe.throw(
				_("This department goal already has a self-evaluation: {0}").format(duplicate),
				frappe.UniqueValidationError,
			)

	def score(self):
		rules = get_rules()
		self.annual_budget = flt(self.annual_budget, AMOUNT_PRECISION)
		self.executed_amount = flt(self.executed_amount, AMOUNT_PRECISION)
		rows = with_satisfaction(
			[{**row.as_dict(), "idx": row.idx} for row in self.indicators],
			self.valid_respondents,
			self.satisfied_respondents,
		)
		result = evaluate_department(self.annual_budget, self.executed_amount, rows, rules)
		for row, given in zip(self.indicators, rows, strict=True):
			row.actual_value = given.get("actual_value")  # the respondents' rate on satisfaction rows
		store_scores(self, result)
		show_what_is_missing(self, result, department_rules(rules))

	def on_cancel(self):
		self.db_set("round_key", None)  # an amended or new self-evaluation may take the goal
