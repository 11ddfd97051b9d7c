# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Self-evaluation (绩效自评), arts. 19–23. The controller loads settings, calls
``perf_budget.rules.evaluation.evaluate`` and stores the numbers; the review
chain is the Workflow "Performance Evaluation Review"."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from perf_budget.experts import review_experts
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import sort_indicator_rows
from perf_budget.procedure import apply_survey, check_checklist, check_steps, fill_checklist
from perf_budget.rounds import GOAL_HEADER, current_goals_without, open_round, round_key
from perf_budget.rules.evaluation import evaluate
from perf_budget.rules.external import score_gap
from perf_budget.rules.indicators import GOAL_INDICATOR_KEYS, target_display
from perf_budget.rules.scoring import satisfaction_rate
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import leaving_unit, require_reason

AMOUNT_PRECISION = 2
PARTS = ("fiscal", "carryover", "other")


class PerformanceEvaluation(Document):
	def before_insert(self):
		if not self.indicators:
			self.copy_from_goal()
		fill_checklist(self)

	@refuse_rule_errors
	def validate(self):
		sort_indicator_rows(self, "indicators")  # rows added by hand join their level
		self.validate_goal()
		self.set_money_totals()
		check_checklist(self)
		self.apply_questionnaire()
		self.score()
		review_experts(self)  # the panel's score beside the formula score, never in its place
		self.check_procedure()
		self.validate_transition()

	# -- steps -----------------------------------------------------------------
	def copy_from_goal(self):
		"""Pre-fill from the goal's current confirmed version (art. 20: evaluate
		against the goal that was set)."""
		# a round loads its goals together and passes each on
		goal = self.flags.goal or frappe.get_doc("Performance Goal", self.performance_goal)
		self.update({field: goal.get(field) for field in GOAL_HEADER})
		self.initial_fiscal = self.annual_fiscal = goal.fiscal_amount
		self.initial_other = self.annual_other = goal.other_amount
		for row in goal.indicators:
			values = {key: row.get(key) for key in GOAL_INDICATOR_KEYS}
			values["target_display"] = target_display(row)
			self.append("indicators", values)

	def validate_goal(self):
		goal = frappe.db.get_value(
			"Performance Goal",
			self.performance_goal,
			["docstatus", "is_current", "budget_unit"],
			as_dict=True,
		)
		if not goal or goal.docstatus != 1 or not goal.is_current:
			frappe.throw(_("Only the current confirmed version of a goal can be evaluated."))
		# the unique round key is the guarantee; this check only words the refusal
		self.round_key = round_key(self)
		duplicate = frappe.db.get_value(
			"Performance Evaluation", {"round_key": self.round_key, "name": ["!=", self.name or ""]}
		)
		if duplicate:
			frappe.throw(
				_("This goal already has a self-evaluation: {0}").format(duplicate),
				frappe.UniqueValidationError,
			)

	def set_money_totals(self):
		for column in ("initial", "annual", "executed"):
			for part in PARTS:
				field = f"{column}_{part}"
				self.set(field, flt(self.get(field), AMOUNT_PRECISION))
		self.initial_budget = self.sum_of("initial")
		self.annual_budget = self.sum_of("annual")
		self.executed_amount = self.sum_of("executed")

	def sum_of(self, column: str) -> float:
		return flt(sum(flt(self.get(f"{column}_{part}")) for part in PARTS), AMOUNT_PRECISION)

	def apply_questionnaire(self):
		"""Satisfaction = satisfied ÷ valid respondents (SPEC 4.4), into the
		quantitative satisfaction rows; a linked survey's figures win."""
		if apply_survey(self) or not self.valid_respondents:
			return
		rate = satisfaction_rate(self.satisfied_respondents or 0, self.valid_respondents)
		for row in self.indicators:
			if row.level1 == "Satisfaction" and row.operator != "Qualitative":
				row.actual_value = rate

	def score(self):
		rules = get_rules()
		rows = [{**row.as_dict(), "idx": row.idx} for row in self.indicators]
		result = evaluate(self.annual_budget, self.executed_amount, rows, rules)
		store_scores(self, result)
		if self.external_evaluation:  # an external result received stays compared with the self-score
			self.score_gap = score_gap(self.total_score, self.external_score)
		show_what_is_missing(self, result, rules)

	def leaving_unit(self) -> bool:
		return leaving_unit(self)

	def check_procedure(self):
		"""Art. 22's required steps, checked at the step that takes the record out of the unit."""
		before = self.get_doc_before_save()
		if self.leaving_unit() and not (before and leaving_unit(before)):
			check_steps(self)

	def validate_transition(self):
		require_reason(self)

	def on_cancel(self):
		self.db_set("round_key", None)  # an amended or new self-evaluation may take the goal


# -- evaluation round (art. 19: every project funded in the year) --------------


def store_scores(doc, result) -> None:
	"""What ``rules.evaluation`` worked out, onto a self-evaluation (a project's or
	a department's): each row's score, the execution and level scores, total, grade."""
	for row, scored in zip(doc.indicators, result.indicators, strict=True):
		row.computed_score = scored.computed
		row.score = scored.score
		row.overachieved = int(scored.overachieved)
		row.target_display = target_display(row)
	doc.execution_rate = result.execution_rate
	doc.execution_weight = result.execution_weight
	doc.execution_score = result.execution_score
	doc.output_score = result.level_scores["Output"]
	doc.effect_score = result.level_scores["Effect"]
	doc.satisfaction_score = result.level_scores["Satisfaction"]
	doc.cost_score = result.level_scores["Cost"]
	doc.total_score = result.total
	doc.grade = result.grade


def show_what_is_missing(doc, result, rules) -> None:
	"""Rows that cannot be scored and a low execution without its reason keep the
	record in the unit; before that they are shown as still to complete."""
	problems = [
		_("Row {0}: {1}").format(
			p.row, _(p.message).format(*(_(a) if isinstance(a, str) else a for a in p.args))
		)
		for p in result.problems
	]
	if result.needs_execution_reason and not (doc.execution_reason or "").strip():
		problems.append(
			_("The execution rate is {0}%, below {1}%: write the reason.").format(
				f"{flt(result.execution_rate):.2f}", f"{flt(rules.execution_reason_below):.2f}"
			)
		)
	if problems and leaving_unit(doc):
		frappe.throw("<br>".join(problems), title=_("Please complete the self-evaluation before submitting"))
	if problems:
		frappe.msgprint("<br>".join(problems), title=_("Still to complete"), indicator="orange")


@frappe.whitelist()
def create_evaluation_round(performance_year: str) -> dict:
	"""One self-evaluation per current confirmed goal of the year; idempotent."""
	goals = current_goals_without("Performance Evaluation", performance_year)
	job_id = f"perf_budget_evaluation_round_{performance_year}"
	return open_round("Performance Evaluation", performance_year, goals, job_id)


def on_doctype_update():
	"""Reports, cards and charts read a year's records of some units (a unit
	user's own, the unit filter, every filing unit): the year and the unit
	together narrow five years of a city to them (EXPLAIN: ref on this index
	instead of a range over every year's records of the units)."""
	frappe.db.add_index("Performance Evaluation", ["performance_year", "budget_unit"])
