# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Ex-ante performance assessment (事前绩效评估) of a goal that needs one
(``perf_budget.rules.exante``): the unit scores the settings' dimensions and
writes the report; the unit head approves; finance sets the conclusion and its
reasons and concludes (Workflow "Ex-ante Assessment Review"). The concluded
result is written onto the goal, whose way to finance it opens or keeps shut
(``performance_goal.check_exante``)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from perf_budget.figures import pb_amount
from perf_budget.rules import exante
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules, get_settings
from perf_budget.workflow.chains import entered, leaving_unit, require_reason

# What the goal shows of its assessment (read-only fields on its review tab).
# The goal's fields an assessment shows (fetched again by the server on save).
GOAL_HEADER = ("performance_year", "budget_unit", "project_code", "project_name", "expenditure_type")


class ExanteAssessment(Document):
	def before_insert(self):
		self.check_dimensions_of_settings()

	@refuse_rule_errors
	def validate(self):
		self.check_goal()
		self.score()
		self.validate_transition()

	def on_submit(self):
		show_on_goal(self.performance_goal)

	def on_cancel(self):
		# the goal's link to it is the app's own note, cleared here, not a reason to keep it
		self.ignore_linked_doctypes = ("Performance Goal",)
		show_on_goal(self.performance_goal)

	def check_dimensions_of_settings(self):
		"""A new assessment is scored on the settings' dimensions and weights as they are now."""
		expected = [(row.dimension, flt(row.weight)) for row in get_settings().exante_dimensions]
		if not self.dimensions:
			for dimension, weight in expected:
				self.append("dimensions", {"dimension": dimension, "weight": weight})
		elif [(row.dimension, flt(row.weight)) for row in self.dimensions] != expected:
			frappe.throw(
				_("Score the dimensions of the settings: {0}.").format(
					", ".join(f"{name} {weight:g}" for name, weight in expected)
				)
			)

	def check_goal(self):
		goal = frappe.db.get_value(
			"Performance Goal",
			self.performance_goal,
			["docstatus", "project_attribute", "expenditure_type", "total_amount"],
			as_dict=True,
		)
		if not goal or goal.docstatus == 2:
			frappe.throw(_("Choose a goal that is not cancelled."))
		self.required_because = reasons_text(goal)
		if self.docstatus == 0:
			refuse_a_second(self.performance_goal, self.name)

	def score(self):
		rows = [row.as_dict() for row in self.dimensions]
		problems = exante.dimension_problems(rows)
		if problems:
			message, args = problems[0]
			frappe.throw(_(message).format(*args))
		total = exante.total_score(rows, get_rules().score_precision)
		self.total_score = total
		self.suggested_conclusion = exante.suggested_conclusion(total, exante_settings())

	def validate_transition(self):
		"""Every dimension assessed before it leaves the unit; concluded by finance with reasons."""
		step = entered(self)
		if not step:
			return
		require_reason(self)
		missing = exante.unassessed(row.as_dict() for row in self.dimensions)
		if missing and leaving_unit(self):
			frappe.throw(
				_("Write the finding of every dimension before submitting: {0}").format(", ".join(missing))
			)
		if step[1] == "accepted" and not (self.conclusion and (self.conclusion_reasons or "").strip()):
			frappe.throw(
				_("Set the conclusion and write its reasons before concluding the ex-ante assessment.")
			)


def refuse_a_second(goal: str, name: str | None = None) -> None:
	"""One assessment under way per goal; a concluded one may be followed by a new one."""
	open_one = frappe.db.get_value(
		"Ex-ante Assessment", {"performance_goal": goal, "docstatus": 0, "name": ["!=", name or ""]}
	)
	if open_one:
		frappe.throw(_("An ex-ante assessment of goal {0} is already under way: {1}").format(goal, open_one))


def exante_settings() -> exante.ExanteSettings:
	return exante.ExanteSettings.from_mapping(get_settings().as_dict())


def reasons_text(goal) -> str:
	"""Why the goal needs an assessment, in the writer's words, amounts as 万元 are
	shown (2,500.00); "" when it needs none."""
	found = exante.reasons(goal, exante_settings())
	return "；".join(_(reason.message).format(*map(pb_amount, reason.args)) for reason in found)


def concluded_assessment(goal_name: str, previous_version: str | None = None) -> dict | None:
	"""The latest concluded assessment of the goal or of a version it adjusts
	(an adjustment keeps its project's assessment)."""
	versions, name = [goal_name], previous_version
	while name and name not in versions:
		versions.append(name)
		name = frappe.db.get_value("Performance Goal", name, "previous_version")
	found = frappe.get_all(
		"Ex-ante Assessment",
		filters={"performance_goal": ["in", versions], "docstatus": 1},
		fields=["name", "conclusion", "total_score"],
		order_by="modified desc",
		limit=1,
	)
	return found[0] if found else None


def goal_values(goal_name: str, previous_version: str | None = None) -> dict:
	found = concluded_assessment(goal_name, previous_version) or {}
	return {
		"ex_ante_assessment": found.get("name"),
		"ex_ante_conclusion": found.get("conclusion"),
		"ex_ante_score": flt(found.get("total_score")),
	}


def show_on_goal(goal_name: str) -> None:
	"""Write the latest concluded assessment onto the goal and onto the versions
	adjusting it: on concluding, and on cancelling (the one before, or none)."""
	names, todo = [], [goal_name]
	while todo:
		name = todo.pop()
		names.append(name)
		todo += [
			n
			for n in frappe.get_all("Performance Goal", {"previous_version": name}, pluck="name")
			if n not in names
		]
	for name in names:
		previous = frappe.db.get_value("Performance Goal", name, "previous_version")
		frappe.db.set_value("Performance Goal", name, goal_values(name, previous))


@frappe.whitelist()
def prefill(goal: str) -> dict:
	"""A new assessment of ``goal`` as the desk opens it: the goal's basis, plan,
	annual goal and funds, and the settings' dimensions to score."""
	doc = frappe.get_doc("Performance Goal", goal)
	doc.check_permission("read")
	refuse_a_second(doc.name)
	funding = _("Total {0} 10k yuan: fiscal funds {1}, other funds {2}.").format(
		*(f"{flt(doc.get(f)):,.2f}" for f in ("total_amount", "fiscal_amount", "other_amount"))
	)
	return {
		"performance_goal": doc.name,
		**{field: doc.get(field) for field in GOAL_HEADER},
		"requested_amount": doc.total_amount,
		"required_because": doc.ex_ante_reasons,
		"background": doc.basis,
		"main_content": doc.implementation_plan,
		"goal_summary": doc.annual_goal,
		"funding": funding,
		"dimensions": [
			{"dimension": row.dimension, "weight": row.weight} for row in get_settings().exante_dimensions
		],
	}
