# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Performance interview (绩效约谈), art. 26: the finance section talks to a
unit with poor performance or chaotic fund management; each commitment made
becomes a Rectification with its deadline."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, IfNull, Max
from frappe.utils import getdate

from perf_budget.perf_budget.doctype.external_evaluation.external_evaluation import (
	EXTERNAL_FIELDS,
	basis_text,
	deciding_result,
)
from perf_budget.perf_budget.doctype.rectification.rectification import make_per_row
from perf_budget.permissions import allowed_units
from perf_budget.rules.rectification import interview_reasons


class PerformanceInterview(Document):
	def validate(self):
		for row in self.commitments:
			if getdate(row.due_date) < getdate(self.interview_date):
				frappe.throw(_("Commitment {0}: the due date is before the interview.").format(row.idx))
			if row.performance_goal:
				unit = frappe.db.get_value("Performance Goal", row.performance_goal, "budget_unit")
				if unit != self.budget_unit:
					frappe.throw(
						_("Commitment {0}: the project {1} belongs to {2}, not to {3}.").format(
							row.idx, row.performance_goal, unit, self.budget_unit
						)
					)

	def on_cancel(self):
		made = [row.rectification for row in self.commitments if row.rectification]
		if made:
			frappe.msgprint(
				_("The rectifications made from the commitments stay: {0}").format(", ".join(made)),
				indicator="orange",
			)


@frappe.whitelist()
def make_rectifications(interview: str) -> list[str]:
	"""One Rectification per commitment that has none yet; idempotent also
	when clicked twice at the same moment (the rectification's unique source
	key refuses a second one for a commitment)."""
	doc = frappe.get_doc("Performance Interview", interview)
	doc.check_permission("submit")
	if doc.docstatus != 1:
		frappe.throw(_("Submit the interview minutes first; the commitments then become rectifications."))
	return make_per_row(
		doc,
		doc.commitments,
		lambda row: {
			"performance_year": doc.performance_year,
			"budget_unit": doc.budget_unit,
			"performance_goal": row.performance_goal,
			"problem": doc.matters,
			"requirement": row.commitment,
			"result_date": doc.interview_date,
			"due_date": row.due_date,
		},
	)


@frappe.whitelist()
@frappe.read_only()
def suggested_interviews(performance_year: str) -> list[dict]:
	"""Units the finance section should talk to (SPEC 4.5): a project graded
	Poor in the year — by the latest external evaluation received where there
	is one, else by its self-evaluation; each listed with its basis —, or
	rectifications overdue now; with any interview held."""
	evaluation, rect, interview = (
		frappe.qb.DocType("Performance Evaluation"),
		frappe.qb.DocType("Rectification"),
		frappe.qb.DocType("Performance Interview"),
	)
	# the latest external evaluation received decides where there is one (arts. 13, 24)
	applied = (
		Case()
		.when(IfNull(evaluation.external_grade, "") != "", evaluation.external_grade)
		.else_(evaluation.grade)
	)
	poor_projects: dict[str, list[str]] = {}
	found = (
		frappe.qb.from_(evaluation)
		.select(
			evaluation.budget_unit,
			evaluation.project_code,
			evaluation.project_name,
			evaluation.total_score,
			evaluation.grade,
			*(evaluation[field] for field in EXTERNAL_FIELDS),
		)
		.where(evaluation.performance_year == performance_year)
		.where(evaluation.docstatus == 1)
		.where(applied == "Poor")
	).run(as_dict=True)
	# sorted here: the few Poor projects, not a filesort of the year's evaluations
	for row in sorted(found, key=lambda row: (row.budget_unit or "", row.project_code or "")):
		result = deciding_result(row)
		poor_projects.setdefault(row.budget_unit, []).append(
			_("{0} ({1})").format(row.project_name, basis_text(result.source, result.score))
		)
	poor = {unit: len(projects) for unit, projects in poor_projects.items()}
	overdue = per_unit(
		frappe.qb.from_(rect)
		.select(rect.budget_unit, Count("*").as_("value"))
		.where(rect.status == "Overdue")
		.groupby(rect.budget_unit)
	)
	held = per_unit(
		frappe.qb.from_(interview)
		.select(interview.budget_unit, Max(interview.interview_date).as_("value"))
		.where(interview.performance_year == performance_year)
		.where(interview.docstatus < 2)
		.groupby(interview.budget_unit)
	)
	units = allowed_units()
	rows = []
	for unit in sorted(set(poor) | set(overdue)):
		if units is not None and unit not in units:
			continue
		rows.append(
			{
				"budget_unit": unit,
				"poor_projects": poor.get(unit, 0),
				"overdue_rectifications": overdue.get(unit, 0),
				"reasons": [
					_(reason) for reason in interview_reasons(poor.get(unit, 0), overdue.get(unit, 0))
				],
				"last_interview": held.get(unit),
				"basis": _("; ").join(poor_projects.get(unit, [])),
			}
		)
	return rows


def per_unit(query) -> dict:
	"""A query grouped by unit, as unit -> its ``value``."""
	return {row.budget_unit: row.value for row in query.run(as_dict=True)}
