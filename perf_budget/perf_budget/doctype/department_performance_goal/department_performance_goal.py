# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Department-wide performance goals (部门整体支出绩效目标): one per Budget Unit
and year, the bureau's own when the unit is the Bureau.

The controller loads what the rules need and stores what they work out: the
funds picture (``perf_budget.rules.department_goal``) and the indicator checks
(``perf_budget.rules.goal_quality`` with the whole-unit groups). The review
chain is the Workflow "Department Goal Review"
(perf_budget/workflow/department_performance_goal.json).
"""

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.perf_budget.doctype.indicator_template.indicator_template import DEPARTMENT, check_scope
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import sort_indicator_rows
from perf_budget.rules.department_evaluation import department_rules
from perf_budget.rules.department_goal import SOURCE_FIELDS, TASK_PARTS, TYPED_AMOUNTS, amount, check_funds
from perf_budget.rules.goal_quality import check_goal
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import entered, leaving_unit, require_reason

BUREAU = "Bureau"  # the unit_type of the root Budget Unit: the bureau as a whole


class DepartmentPerformanceGoal(Document):
	@refuse_rule_errors
	def validate(self):
		self.is_bureau = int(frappe.db.get_value("Budget Unit", self.budget_unit, "unit_type") == BUREAU)
		self.check_one_per_year()
		self.set_funds()
		sort_indicator_rows(self, "indicators")
		check_scope(self, DEPARTMENT)
		self.check_quality()
		self.validate_transition()

	def check_one_per_year(self):
		"""One current department-wide goal per unit and year; a cancelled one
		(amended or withdrawn) does not count."""
		other = frappe.db.get_value(
			self.doctype,
			{
				"budget_unit": self.budget_unit,
				"performance_year": self.performance_year,
				"docstatus": ["<", 2],
				"name": ["!=", self.name or ""],
			},
		)
		if other:
			frappe.throw(
				_(
					"{0} already has a department-wide goal for {1}: {2}. Open and change that one instead of filing a second."
				).format(self.budget_unit, self.performance_year, other),
				title=_("One department-wide goal a year"),
			)

	def set_funds(self):
		"""基本支出 = 人员经费 + 公用经费, 总预算 = 基本 + 项目, each key task's total =
		fiscal + other; the sources must add up to the total budget exactly."""
		funds, problems = check_funds(self.as_dict(), [row.as_dict() for row in self.key_tasks])
		if problems:
			frappe.throw(
				"<br>".join(self.problem_text(p) for p in problems), title=_("Please check the funds")
			)
		# stored as the rules read them: to the fen, an empty amount as 0
		for field in (*TYPED_AMOUNTS, *SOURCE_FIELDS):
			self.set(field, float(amount(self.get(field))))
		self.basic_expenditure = float(funds.basic_expenditure)
		self.total_budget = float(funds.total_budget)
		for row, total in zip(self.key_tasks, funds.task_totals, strict=True):
			row.update({part: float(amount(row.get(part))) for part in TASK_PARTS})
			row.total_amount = float(total)

	def problem_text(self, problem) -> str:
		args = list(problem.args)
		if problem.field:
			meta = frappe.get_meta("Department Key Task") if problem.row is not None else self.meta
			args[0] = _(meta.get_label(problem.field))
		return _(problem.message).format(*args)

	def check_quality(self):
		"""Art. 9 as for a project goal, with the whole-unit groups allowed:
		errors stop the goal leaving the unit, warnings only show."""
		# weighted as the department's self-evaluation will score it (the dept_* settings)
		rules = department_rules(get_rules())
		findings = check_goal([row.as_dict() for row in self.indicators], rules=rules, whole_unit=True)
		texts = {
			severity: [
				_(f.message).format(*(_(a) if isinstance(a, str) else a for a in f.args))
				for f in findings
				if f.severity == severity
			]
			for severity in ("error", "warning")
		}
		self.quality_warnings = "\n".join(texts["warning"])
		if texts["error"] and leaving_unit(self):
			frappe.throw("<br>".join(texts["error"]), title=_("Please fix the indicators before submitting"))
		if texts["error"] or texts["warning"]:
			frappe.msgprint(
				"<br>".join(texts["error"] + texts["warning"]),
				title=_("Indicator check"),
				indicator="red" if texts["error"] else "orange",
			)

	def validate_transition(self):
		"""A return needs its reason; forwarding needs the finance section's rating."""
		step = entered(self)
		if not step:
			return
		require_reason(self)
		if step[1] == "at_bureau" and not self.review_rating:
			frappe.throw(_("Rate the goal before forwarding it: {0}").format(_("Overall Rating")))
