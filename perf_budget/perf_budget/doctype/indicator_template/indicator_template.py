# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.rules.goal_quality import WHOLE_UNIT_LEVEL2

PROJECT, DEPARTMENT = "Project", "Department"  # the library entry's scope: which goals offer it
SCOPES = (PROJECT, DEPARTMENT)


class IndicatorTemplate(Document):
	def validate(self):
		if self.scope == PROJECT and self.level2 in WHOLE_UNIT_LEVEL2.get(self.level1, ()):
			frappe.throw(
				_("{0} is a whole-unit indicator group: set the scope to Department.").format(_(self.level2))
			)


def check_scope(goal: Document, scope: str) -> None:
	"""A goal takes the library entries of its own scope only, and a project goal
	no whole-unit level-2 group (those describe a department as a whole)."""
	templates = {row.template for row in goal.indicators if row.template}
	scopes = dict(
		frappe.get_all(
			"Indicator Template",
			filters={"name": ["in", list(templates)]},
			fields=["name", "scope"],
			as_list=True,
		)
		if templates
		else ()
	)
	problems = []
	for row in goal.indicators:
		if scope == PROJECT and row.level2 in WHOLE_UNIT_LEVEL2.get(row.level1, ()):
			problems.append(
				_("Row {0}: {1} is a whole-unit indicator group, for department-wide goals only").format(
					row.idx, _(row.level2)
				)
			)
		if row.template and scopes.get(row.template, scope) != scope:
			message = (
				_("Row {0}: the library indicator {1} is for department-wide goals, not for a project goal")
				if scope == PROJECT
				else _(
					"Row {0}: the library indicator {1} is for project goals, not for a department-wide goal"
				)
			)
			problems.append(message.format(row.idx, row.indicator_name or row.template))
	medium_term = goal.get("medium_term_indicators") or []  # a project goal's only
	for row in medium_term:
		if scope == PROJECT and row.level2 in WHOLE_UNIT_LEVEL2.get(row.level1, ()):
			problems.append(
				_(
					"Medium-term row {0}: {1} is a whole-unit indicator group, for department-wide goals only"
				).format(row.idx, _(row.level2))
			)
	if problems:
		frappe.throw("<br>".join(problems), title=_("Indicators of another kind of goal"))
