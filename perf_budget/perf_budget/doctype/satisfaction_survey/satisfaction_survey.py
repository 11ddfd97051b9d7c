# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The questionnaire survey of a self-evaluation (art. 22 (二)). Answers are
kept as typed, one row a respondent with a column per question (Q1 … Q20):
a 200 × 10 survey is 200 rows to write, not 2,000, and the grid reads like
the sheet it came from. Saving counts the valid responses
(``perf_budget.rules.survey``) and hands the figures to the self-evaluation."""

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.procedure import satisfaction_rows
from perf_budget.rules.survey import MAX_QUESTIONS, tally
from perf_budget.security import SERVER_FLAG
from perf_budget.workflow.chains import leaving_unit


def server_save(evaluation) -> None:
	"""The survey's figures are the server's to write (read-only on the self-evaluation);
	the survey checked that the self-evaluation is still with the unit."""
	evaluation.flags[SERVER_FLAG] = True
	evaluation.save()


def answer_fields(count: int) -> list[str]:
	return [f"q{i}" for i in range(1, count + 1)]


class SatisfactionSurvey(Document):
	def before_insert(self):
		self.take_header(self.evaluation())  # the name carries the year

	def validate(self):
		evaluation = self.evaluation()
		self.take_header(evaluation)
		self.check_questions(evaluation)
		self.count()

	def take_header(self, evaluation):
		self.budget_unit = evaluation.budget_unit
		self.performance_year = evaluation.performance_year
		self.project_name = evaluation.project_name

	def evaluation(self):
		evaluation = frappe.get_doc("Performance Evaluation", self.performance_evaluation)
		evaluation.check_permission("write")
		if leaving_unit(evaluation):
			frappe.throw(
				_(
					"Self-evaluation {0} has left the unit ({1}): its survey can no longer change; "
					"return the self-evaluation to the unit first."
				).format(evaluation.name, _(evaluation.workflow_state))
			)
		return evaluation

	def check_questions(self, evaluation):
		if len(self.questions) > MAX_QUESTIONS:
			frappe.throw(
				_("A survey has at most {0} questions; this one has {1}.").format(
					MAX_QUESTIONS, len(self.questions)
				)
			)
		indicators = [row.indicator_name for row in satisfaction_rows(evaluation)]
		for row in self.questions:
			if row.indicator and row.indicator not in indicators:
				frappe.throw(
					_(
						'Question {0}: "{1}" is not a quantitative satisfaction indicator of {2}; choose one of: {3}'
					).format(row.idx, row.indicator, evaluation.name, "、".join(indicators) or "—")
				)

	def count(self):
		fields = answer_fields(len(self.questions))
		extra = [
			row.idx
			for row in self.responses
			if any((row.get(f"q{i}") or "").strip() for i in range(len(fields) + 1, MAX_QUESTIONS + 1))
		]
		if extra:
			frappe.throw(
				_("Responses {0} answer questions the survey does not have (only {1} questions).").format(
					", ".join(map(str, extra[:20])), len(fields)
				)
			)
		result = tally(
			[(row.respondent, [row.get(f) for f in fields]) for row in self.responses],
			[row.scale for row in self.questions],
		)
		for row, response in zip(self.responses, result.responses, strict=True):
			row.valid = int(response.valid)
			row.invalid_reason = "；".join(_(message).format(*args) for message, args in response.reasons)
		for row, figures in zip(self.questions, result.questions, strict=True):
			row.answered, row.satisfied, row.satisfaction = figures.answered, figures.satisfied, figures.rate
		self.total_responses = len(self.responses)
		self.valid_responses = result.valid
		self.invalid_responses = result.invalid
		self.satisfied_respondents = result.satisfied_respondents
		self.overall_satisfaction = result.overall

	def on_update(self):
		"""The self-evaluation takes the survey's figures."""
		evaluation = frappe.get_doc("Performance Evaluation", self.performance_evaluation)
		evaluation.satisfaction_survey = self.name
		server_save(evaluation)

	def on_trash(self):
		"""Unlinked, the self-evaluation keeps the last counts as typed values the unit may change."""
		if not frappe.db.exists("Performance Evaluation", self.performance_evaluation):
			return  # the self-evaluation is being deleted with its survey
		evaluation = self.evaluation()
		if evaluation.satisfaction_survey == self.name:
			evaluation.satisfaction_survey = None
			server_save(evaluation)
