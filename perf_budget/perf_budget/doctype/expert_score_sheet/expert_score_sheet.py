# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""One expert's scoring of one self-evaluation (art. 22 (二) 专家现场评价), kept as
its own record of the evaluation's unit. Its rows are the evaluation's
indicators with their points; the total goes to the evaluation's experts row
and into the panel's score (perf_budget/experts.py)."""

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.experts import (
	EXECUTION_KEY,
	check_evaluation_open,
	record_sheet,
	refuse_conflict,
	sheet_rows,
)
from perf_budget.rules.panel import PanelError, checked_score, sheet_total
from perf_budget.settings import get_rules


class ExpertScoreSheet(Document):
	def validate(self):
		evaluation = frappe.get_doc("Performance Evaluation", self.performance_evaluation)
		self.set_from_evaluation(evaluation)
		check_evaluation_open(self, evaluation)
		self.validate_expert()
		self.match_rows(evaluation)
		self.check_scores()

	def on_update(self):
		record_sheet(self)

	# -- steps -----------------------------------------------------------------
	def set_from_evaluation(self, evaluation):
		self.budget_unit = evaluation.budget_unit
		self.performance_year = evaluation.performance_year
		self.project_name = evaluation.project_name

	def validate_expert(self):
		expert = frappe.db.get_value(
			"Performance Expert",
			self.performance_expert,
			["expert_name", "organization", "active"],
			as_dict=True,
		)
		if self.is_new() and not expert.active:
			frappe.throw(_("Expert {0} is no longer active in the register.").format(expert.expert_name))
		refuse_conflict(self.performance_expert, self.budget_unit)
		duplicate = frappe.db.get_value(
			self.doctype,
			{
				"performance_evaluation": self.performance_evaluation,
				"performance_expert": self.performance_expert,
				"name": ["!=", self.name or ""],
			},
		)
		if duplicate:
			frappe.throw(
				_("{0} already has a score sheet for this self-evaluation: {1}").format(
					expert.expert_name, duplicate
				),
				frappe.UniqueValidationError,
			)
		self.expert_name, self.organization = expert.expert_name, expert.organization

	def match_rows(self, evaluation):
		"""The rows are the evaluation's indicators with their points as they
		stand; an indicator added to the evaluation since is added here."""
		wanted = {row["indicator_key"]: row for row in sheet_rows(evaluation)}
		for row in self.scores:
			if row.indicator_key not in wanted:
				frappe.throw(
					_("Row {0}: {1} is not an indicator of the self-evaluation {2}.").format(
						row.idx, row.indicator_name, evaluation.name
					)
				)
			values = wanted.pop(row.indicator_key)
			if row.indicator_key == EXECUTION_KEY:
				values.pop("indicator_name")  # written in the language of the one who made the sheet
			row.update(values)
		for missing in wanted.values():
			self.append("scores", missing)
		self.full_marks = sheet_total([row.max_points for row in self.scores])

	def check_scores(self):
		precision = get_rules().score_precision
		problems = []
		for row in self.scores:
			try:
				checked_score(row.expert_score or 0, row.max_points, precision)
			except PanelError as error:
				problems.append(
					_("Row {0} ({1}): {2}").format(
						row.idx, row.indicator_name, _(error.message).format(*error.args_)
					)
				)
		if problems:
			frappe.throw("<br>".join(problems), title=_("Scores that cannot be saved"))
		self.total_score = sheet_total([row.expert_score for row in self.scores])
