# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""External Evaluation (外部评价), arts. 5(四), 13, 24: the city finance
bureau's finance or key evaluation of a project, its review (复核) or spot
check of the unit's self-evaluation, or a third-party institution's
evaluation, recorded by the finance section when received (submitted). The
latest one received is the project's result: it is written on the
self-evaluation with its gap to the self-score and drives next year's budget
advice and the suggested interviews. Its findings become rectifications."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Order
from frappe.utils import getdate

from perf_budget.perf_budget.doctype.evaluation_institution.evaluation_institution import conflict_reason
from perf_budget.perf_budget.doctype.rectification.rectification import make_per_row
from perf_budget.permissions import require_roles
from perf_budget.roles import FINANCE_ROLES
from perf_budget.rules import external
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules

FROM_GOAL = ("performance_year", "budget_unit", "project_code", "project_name")
# What a self-evaluation shows of the result that stands (written here, read-only there).
ON_SELF_EVALUATION = ("external_evaluation", "external_kind", "external_score", "external_grade", "score_gap")


class ExternalEvaluation(Document):
	def before_insert(self):
		self.copy_from_goal()  # the name carries the year

	@refuse_rule_errors
	def validate(self):
		self.copy_from_goal()
		self.check_self_evaluation()
		external.check_evaluator(self.kind, self.evaluator, self.evaluation_institution)
		self.check_institution()
		rules = get_rules()
		self.score = external.checked_score(self.score, rules)
		self.grade = external.grade(self.score, rules)
		self.set_gap()
		for row in self.findings:
			if getdate(row.due_date) < getdate(self.date_received):
				frappe.throw(
					_(
						"Findings row {0}: the due date {1} is before the evaluation was received ({2})."
					).format(row.idx, row.due_date, self.date_received)
				)

	def copy_from_goal(self):
		goal = frappe.db.get_value("Performance Goal", self.performance_goal, [*FROM_GOAL], as_dict=True)
		self.update(goal or {})

	def check_self_evaluation(self):
		"""The self-evaluation compared is the same project's of the same year and
		unit; left empty, it is the goal's own (a review needs one)."""
		if not self.performance_evaluation:
			self.performance_evaluation = frappe.db.get_value(
				"Performance Evaluation", {"performance_goal": self.performance_goal, "docstatus": ["<", 2]}
			)
		if not self.performance_evaluation:
			if self.kind == "Review of Self-Evaluation":
				frappe.throw(
					_("A review needs the self-evaluation it reviews; {0} has none yet.").format(
						self.performance_goal
					)
				)
			return
		evaluation = frappe.db.get_value(
			"Performance Evaluation",
			self.performance_evaluation,
			["performance_goal", "budget_unit", "performance_year", "docstatus"],
			as_dict=True,
		)
		same = (evaluation.performance_goal, evaluation.budget_unit, evaluation.performance_year) == (
			self.performance_goal,
			self.budget_unit,
			self.performance_year,
		)
		if not same or evaluation.docstatus == 2:
			frappe.throw(
				_("The self-evaluation {0} is not that of {1} in {2}; choose the project's own.").format(
					self.performance_evaluation,
					self.project_name or self.performance_goal,
					self.performance_year,
				)
			)

	def check_institution(self):
		if not self.evaluation_institution:
			return
		if not frappe.db.get_value("Evaluation Institution", self.evaluation_institution, "active"):
			frappe.throw(
				_("{0} is no longer active in the register of institutions.").format(
					self.evaluation_institution
				)
			)
		reason = conflict_reason(self.evaluation_institution, self.budget_unit)
		if reason:
			frappe.throw(
				_("{0} may not evaluate {1} (conflict of interest: {2}); choose another institution.").format(
					self.evaluation_institution, self.budget_unit, reason
				),
				title=_("Conflict of interest"),
			)

	def set_gap(self):
		self.self_score = self.score_gap = None
		if self.performance_evaluation:
			self.self_score = frappe.db.get_value(
				"Performance Evaluation", self.performance_evaluation, "total_score"
			)
			self.score_gap = external.score_gap(self.self_score or 0, self.score)

	def on_submit(self):
		show_on_self_evaluation(self.performance_evaluation)

	def on_cancel(self):
		show_on_self_evaluation(self.performance_evaluation)
		made = [row.rectification for row in self.findings if row.rectification]
		if made:
			frappe.msgprint(
				_("The rectifications made from the findings stay: {0}").format(", ".join(made)),
				indicator="orange",
			)


def standing_result(evaluation: str) -> external.Received | None:
	"""The latest external result received for a self-evaluation."""
	ee = frappe.qb.DocType("External Evaluation")
	rows = (
		frappe.qb.from_(ee)
		.select(ee.name, ee.kind, ee.score, ee.grade, ee.date_received, ee.creation)
		.where(ee.performance_evaluation == evaluation)
		.where(ee.docstatus == 1)
		.orderby(ee.date_received, order=Order.desc)
	).run(as_dict=True)
	return external.latest(
		[
			external.Received(r.name, r.kind, r.score, r.grade, getdate(r.date_received), str(r.creation))
			for r in rows
		]
	)


def show_on_self_evaluation(evaluation: str | None) -> None:
	"""Write the standing result on the self-evaluation (cleared when none is
	left), and let a draft budget advice of it recommend anew."""
	if not evaluation:
		return
	result = standing_result(evaluation)
	# none left: cleared (the figures to 0, as Frappe stores an empty number)
	values = {**dict.fromkeys(ON_SELF_EVALUATION), "external_score": 0, "score_gap": 0}
	if result:
		self_score = frappe.db.get_value("Performance Evaluation", evaluation, "total_score") or 0
		values.update(
			external_evaluation=result.name,
			external_kind=result.kind,
			external_score=result.score,
			external_grade=result.grade,
			score_gap=external.score_gap(self_score, result.score),
		)
	frappe.db.set_value("Performance Evaluation", evaluation, values, update_modified=False)
	advice = frappe.db.get_value(
		"Budget Advice",
		{"performance_evaluation": evaluation, "docstatus": ["<", 2]},
		["name", "docstatus"],
		as_dict=True,
	)
	if not advice:
		return
	if advice.docstatus == 0:
		doc = frappe.get_doc("Budget Advice", advice.name)
		doc.external_evaluation = values["external_evaluation"]  # a cancelled one is no link to keep
		doc.save(ignore_permissions=True)
	else:
		frappe.msgprint(
			_(
				"The budget advice {0} was confirmed on the earlier result; cancel and amend it to follow this one."
			).format(advice.name),
			indicator="orange",
		)


@frappe.whitelist(methods=["POST"])
def make_rectifications(external_evaluation: str) -> list[str]:
	"""One Rectification per finding that has none yet (finance only);
	idempotent also when clicked twice at once (the rectification's unique
	source key refuses a second one for a finding)."""
	require_roles(FINANCE_ROLES)
	doc = frappe.get_doc("External Evaluation", external_evaluation)
	doc.check_permission("submit")
	if doc.docstatus != 1:
		frappe.throw(
			_("Record the evaluation as received (submit it) first; its findings then become rectifications.")
		)
	source = _("{0} of {1} received on {2} ({3})").format(
		_(doc.kind),
		_(doc.evaluator) if not doc.evaluation_institution else doc.evaluation_institution,
		doc.date_received,
		doc.name,
	)
	return make_per_row(
		doc,
		doc.findings,
		lambda row: {
			"source_description": source,
			"performance_year": doc.performance_year,
			"budget_unit": doc.budget_unit,
			"performance_goal": doc.performance_goal,
			"problem": row.finding,
			"requirement": row.requirement,
			"result_date": doc.date_received,
			"due_date": row.due_date,
		},
	)


EXTERNAL_FIELDS = ("external_evaluation", "external_kind", "external_score", "external_grade")


def deciding_result(record) -> external.Result | None:
	"""The result that decides a self-evaluation's advice and interviews;
	``record`` has its total_score, grade and external_* fields."""
	return external.deciding_result(
		record.get("total_score"),
		record.get("grade"),
		record.get("external_kind"),
		record.get("external_score"),
		record.get("external_grade"),
		record.get("external_evaluation"),
	)


def basis_text(source: str | None, score, say=_) -> str | None:
	"""What a result is, as shown in the reader's language: "复核 58.00", "自评 92.50".
	A report of thousands of rows passes ``say``, its translations cached."""
	if not source:
		return None
	label = say("Self-Score") if source == external.SELF else say(source)
	return external.basis(label, score, get_rules().score_precision)
