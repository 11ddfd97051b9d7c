# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Next year's budget advice for an evaluated project (SPEC 4.5, art. 24):
the rules recommend from the grade (an external evaluation's where one was
received, else the self-evaluation's) and the project's rectifications; the
finance head confirms (submits) or overrides with a reason."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, nowdate

from perf_budget.notify import use_site_language
from perf_budget.perf_budget.doctype.external_evaluation.external_evaluation import (
	EXTERNAL_FIELDS,
	deciding_result,
)
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import last_result
from perf_budget.permissions import require_roles
from perf_budget.roles import FINANCE_ROLES
from perf_budget.rounds import BACKGROUND_ABOVE, insert_once
from perf_budget.rules.advice import recommend
from perf_budget.rules.rectification import is_unrectified
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules

PRECISION = 2
FROM_EVALUATION = (
	"performance_year",
	"budget_unit",
	"performance_goal",
	"project_code",
	"project_name",
	"total_score",
	"grade",
)


class BudgetAdvice(Document):
	def before_insert(self):
		self.copy_from_evaluation()  # the name carries the evaluated year

	@refuse_rule_errors
	def validate(self):
		self.copy_from_evaluation()
		self.recommend()
		self.decide()

	def copy_from_evaluation(self):
		evaluation = frappe.db.get_value(
			"Performance Evaluation",
			self.performance_evaluation,
			[*FROM_EVALUATION, *EXTERNAL_FIELDS, "docstatus", "annual_budget"],
			as_dict=True,
		)
		if not evaluation or evaluation.docstatus != 1:
			frappe.throw(
				_("Budget advice is given on an accepted self-evaluation; {0} is not accepted yet.").format(
					self.performance_evaluation
				)
			)
		self.update({key: evaluation[key] for key in FROM_EVALUATION})
		# the latest external evaluation received, where there is one, decides (arts. 13, 24)
		result = deciding_result(evaluation)
		self.basis_source = result.source if result else None
		self.basis_score = result.score if result else None
		self.basis_grade = result.grade if result else None
		self.external_evaluation = result.external_evaluation if result else None
		self.current_amount = flt(evaluation.annual_budget, PRECISION)
		self.next_year = str(cint(self.performance_year) + 1)

	def recommend(self):
		rows = project_rectifications(self.budget_unit, self.project_code, self.performance_year)
		self.unresolved_rectifications = sum(
			1 for row in rows if is_unrectified(row.status, row.review_result)
		)
		self.overdue_rectifications = sum(1 for row in rows if row.status == "Overdue")
		advice = recommend(self.basis_grade, self.current_amount, self.unresolved_rectifications, get_rules())
		self.recommended_action = advice.action
		self.recommended_cut_percent = advice.cut_percent
		self.recommended_amount = advice.amount
		self.recommendation_reasons = "\n".join(_(reason) for reason in advice.reasons)

	def decide(self):
		if self.follows_recommendation():
			self.decided_action = None
		if not self.decided_action:
			self.decided_action = self.recommended_action
			self.decided_cut_percent = self.recommended_cut_percent
		cut = flt(self.decided_cut_percent, PRECISION)
		if not 0 <= cut <= 100:
			frappe.throw(_("The decided cut must be between 0 and 100 percent."))
		if self.decided_action == "Cancel or Suspend":
			cut = 100
		elif self.decided_action != "Cut Budget" and cut:
			frappe.throw(
				_("{0} means no cut; set the cut to 0 or choose Cut Budget.").format(_(self.decided_action))
			)
		self.decided_cut_percent = cut
		self.decided_amount = flt(flt(self.current_amount) * (100 - cut) / 100, PRECISION)
		self.is_overridden = int(
			self.decided_action != self.recommended_action
			or flt(cut, PRECISION) != flt(self.recommended_cut_percent, PRECISION)
		)
		if self.is_overridden and not (self.override_reason or "").strip():
			frappe.throw(
				_(
					"The decision departs from the recommendation ({0}, cut {1}%); write the Reason for Overriding."
				).format(_(self.recommended_action), self.recommended_cut_percent)
			)

	def follows_recommendation(self) -> bool:
		"""An untouched decision moves with the recommendation (e.g. once a
		rectification is accepted); a deliberate one stays."""
		before = self.get_doc_before_save()
		return bool(
			before
			and before.decided_action == before.recommended_action
			and flt(before.decided_cut_percent, PRECISION) == flt(before.recommended_cut_percent, PRECISION)
			and self.decided_action == before.decided_action
			and flt(self.decided_cut_percent, PRECISION) == flt(before.decided_cut_percent, PRECISION)
		)

	def before_submit(self):
		self.decided_by = frappe.session.user
		self.decided_on = nowdate()

	def on_update(self):  # also runs on submit, after the advice is stored as confirmed
		self.show_on_next_goals()

	def on_cancel(self):
		self.show_on_next_goals()

	def show_on_next_goals(self):
		"""Next year's goals of the project, already filed, show this year's
		score at once and the advice once the finance head has confirmed it,
		by the goal's own rule (performance_goal.last_result)."""
		values = last_result(self.budget_unit, self.project_code, self.next_year)
		for goal in frappe.get_all(
			"Performance Goal",
			filters={
				"budget_unit": self.budget_unit,
				"project_code": self.project_code,
				"performance_year": self.next_year,
				"docstatus": ["<", 2],
			},
			pluck="name",
		):
			frappe.db.set_value("Performance Goal", goal, values, update_modified=False)


def project_rectifications(unit: str | None, project_code: str | None, year: str) -> list:
	if not project_code:
		return []
	return frappe.get_all(
		"Rectification",
		filters={
			"budget_unit": unit,
			"project_code": project_code,
			"performance_year": year,
			"docstatus": ["<", 2],
		},
		fields=["name", "status", "review_result"],
	)


@frappe.whitelist()
def create_budget_advice(performance_year: str) -> dict:
	"""An advice record for every accepted self-evaluation of the year that has
	none (idempotent; two requests at once make one each: the unique
	evaluation decides)."""
	require_roles(FINANCE_ROLES)
	evaluations = evaluations_without_advice(performance_year)
	if len(evaluations) > BACKGROUND_ABOVE:
		frappe.enqueue(
			insert_advice,
			queue="long",
			job_id=f"perf_budget_advice_{performance_year}",
			deduplicate=True,
			evaluations=evaluations,
		)
		return {"queued": len(evaluations), "created": 0}
	return {"queued": 0, "created": len(insert_advice(evaluations))}


def evaluations_without_advice(performance_year: str) -> list[str]:
	evaluation, advice = frappe.qb.DocType("Performance Evaluation"), frappe.qb.DocType("Budget Advice")
	done = frappe.qb.from_(advice).select(advice.performance_evaluation).where(advice.docstatus < 2)
	return (
		frappe.qb.from_(evaluation)
		.select(evaluation.name)
		.where(evaluation.performance_year == performance_year)
		.where(evaluation.docstatus == 1)
		.where(evaluation.name.notin(done))
		.orderby(evaluation.budget_unit)
		.orderby(evaluation.project_code)
	).run(pluck=True)


def insert_advice(evaluations: list[str]) -> list[str]:
	"""The advice records made; one another request made meanwhile is kept, not made again."""
	use_site_language()  # the reasons are written in the site's language also in the background
	made = []
	for name in evaluations:
		doc = frappe.get_doc({"doctype": "Budget Advice", "performance_evaluation": name})
		advice, created = insert_once(doc, "performance_evaluation")
		if created:
			made.append(advice)
	return made
