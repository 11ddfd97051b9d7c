# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Rectification (整改), art. 24: finance sends a problem and a requirement,
the unit reports in writing by the due date, the unit head approves, finance
accepts or returns it and forwards it to the city finance bureau. Status and
deadlines come from ``perf_budget.rules``; the chain is the Workflow
"Rectification Review"."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from perf_budget.notify import notify, unit_members, use_site_language, users_with_role
from perf_budget.permissions import require_roles
from perf_budget.roles import FINANCE_HEAD, FINANCE_ROLES
from perf_budget.rules.advice import rectification_due, results_notice_due
from perf_budget.rules.chains import WITH_THE_UNIT
from perf_budget.rules.rectification import rectification_status
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain, entered, leaving_unit, require_reason, state_in

# Sources with at most one live rectification each (the commitments of an
# interview and the findings of an external evaluation are keyed one by one,
# see make_per_row).
ONE_PER_SOURCE = ("Performance Monitoring", "Performance Evaluation")


class Rectification(Document):
	def before_insert(self):
		self.result_date = self.result_date or nowdate()
		if not self.due_date:
			self.due_date = rectification_due(getdate(nowdate()), get_rules())

	def validate(self):
		self.validate_source()
		self.set_source_key()
		self.title = (self.project_name or self.problem or "")[:140]
		self.track_steps()
		self.validate_report()
		require_reason(self)
		self.set_status()

	def validate_source(self):
		if self.source_doctype and not self.source_name:
			frappe.throw(_("Choose the source record, or clear the source type."))
		if not self.source_doctype and not (self.source_description or "").strip():
			frappe.throw(
				_(
					"Say where the requirement comes from in Source (Other), e.g. the city finance bureau's feedback."
				)
			)
		if self.performance_goal:
			unit = frappe.db.get_value("Performance Goal", self.performance_goal, "budget_unit")
			if unit != self.budget_unit:
				frappe.throw(
					_("The project {0} belongs to {1}, not to {2}.").format(
						self.performance_goal, unit, self.budget_unit
					)
				)

	def set_source_key(self):
		"""One live rectification per monitoring record, self-evaluation,
		interview commitment or finding of an external evaluation: the database holds the key unique, so two clicks
		at the same moment make one. Hand-made ones from other sources have none."""
		before = self.get_doc_before_save()
		source = (self.source_doctype, self.source_name)
		moved = before and (before.source_doctype, before.source_name) != source
		if self.source_doctype in ONE_PER_SOURCE:
			self.source_key = rectification_key(self.source_doctype, self.source_name)
		elif self.flags.source_row:
			self.source_key = rectification_key(self.source_doctype, self.source_name, self.flags.source_row)
		elif self.is_new() or moved:
			self.source_key = None

	def track_steps(self):
		"""Dates of the steps: sent to the unit, report delivered to finance, forwarded."""
		step = entered(self)
		if not step:
			return
		today = getdate(nowdate())
		if step == ("drafting", "filing"):
			self.notice_date = today
			if getdate(self.due_date) < today:
				frappe.throw(
					_("The due date {0} has already passed; set a later Rectification Due.").format(
						self.due_date
					)
				)
			self.warn_late_notice(today)
			self.flags.tell_the_unit = True
		elif step[1] == "finance_review":
			self.submitted_on = today
		elif step[1] == "accepted" and not self.review_result:
			frappe.throw(_("Choose the Review Result (rectified, partly or not rectified) before accepting."))

	def warn_late_notice(self, today):
		if self.result_date and today > results_notice_due(getdate(self.result_date), get_rules()):
			frappe.msgprint(
				_("The result of {0} is sent more than {1} days after it was found.").format(
					self.result_date, get_rules().results_notice_days
				),
				indicator="orange",
			)

	def validate_report(self):
		"""Art. 24: the rectification is reported in writing."""
		if not leaving_unit(self) or self.docstatus == 1:
			return
		missing = [
			_(self.meta.get_label(field))
			for field in ("measures", "report_attachment")
			if not (self.get(field) or "").strip()
		]
		if missing:
			frappe.throw(
				_("Fill in {0} before submitting the rectification.").format(_(", ").join(missing)),
				title=_("The written report is missing"),
			)

	def set_status(self):
		self.status = rectification_status(
			chain(self.doctype).stage_of(self.workflow_state),
			self.docstatus,
			getdate(self.due_date),
			getdate(nowdate()),
		)

	def on_update(self):
		if self.flags.tell_the_unit:
			# the notice of the requirement; the workflow's own one (workflow/owners.py) skips them
			self.flags.notified_users = unit_members(self.budget_unit)
			notify(
				self.flags.notified_users,
				lambda: _("Rectification required of {0}: send the written report by {1}").format(
					self.budget_unit, self.due_date
				),
				"Rectification",
				[(self.name, self.title)],
			)

	def on_submit(self):
		"""The monitoring record the problem came from keeps the conclusion (SPEC 4.3)."""
		if self.source_doctype == "Performance Monitoring":
			conclusion = _("{0} ({1}): {2}").format(
				_(self.review_result), self.name, self.review_opinion or ""
			)
			frappe.db.set_value(
				"Performance Monitoring", self.source_name, "rectification_conclusion", conclusion
			)

	def on_cancel(self):
		# the source may get a new rectification (or this one amended)
		self.db_set({"status": "Cancelled", "source_key": None})

	def on_update_after_submit(self):
		if chain(self.doctype).is_in(self.workflow_state, "forwarded") and not self.forwarded_on:
			self.db_set("forwarded_on", nowdate())


@frappe.whitelist()
def make_rectification(source_doctype: str, source_name: str) -> str:
	"""A draft rectification from a monitoring record, a self-evaluation or an
	interview commitment's parent, filled from the source (finance only)."""
	from perf_budget.rounds import insert_once

	require_roles(FINANCE_ROLES)
	if source_doctype not in ("Performance Monitoring", "Performance Evaluation"):
		frappe.throw(_("Rectifications are made from monitoring or self-evaluation records here."))
	source = frappe.get_doc(source_doctype, source_name)
	source.check_permission("read")
	existing = frappe.db.get_value(
		"Rectification", {"source_key": rectification_key(source_doctype, source_name)}
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Rectification",
			"source_doctype": source_doctype,
			"source_name": source_name,
			"performance_year": source.performance_year,
			"budget_unit": source.budget_unit,
			"performance_goal": source.performance_goal,
			"problem": problem_of(source),
			"requirement": source.rectification_requirement or "",
		}
	)
	if not doc.requirement.strip():
		frappe.throw(_("Write the Rectification Requirement on {0} first.").format(source_name))
	return insert_once(doc, "source_key")[0]  # a second click at the same moment gets the first one


def make_per_row(source, rows, values) -> list[str]:
	"""One Rectification per row of ``source`` that has none yet (an interview's
	commitments, an external evaluation's findings), filled by ``values(row)``;
	idempotent also when clicked twice at the same moment (the unique source
	key, made from the row, refuses a second one). Returns those made now."""
	from perf_budget.rounds import insert_once

	created = []
	for row in rows:
		if row.rectification:
			continue
		doc = frappe.get_doc(
			{"doctype": "Rectification", "source_doctype": source.doctype, "source_name": source.name}
		)
		doc.update(values(row))
		doc.flags.source_row = row.name
		name, made = insert_once(doc, "source_key")
		row.db_set("rectification", name)
		if made:
			created.append(name)
	return created


def rectification_key(source_doctype: str, source_name: str, commitment: str | None = None) -> str:
	return "/".join(filter(None, (source_doctype, source_name, commitment)))


def problem_of(source) -> str:
	"""The problem as the unit reads it: the marked or failing indicators and the findings."""
	if source.doctype == "Performance Monitoring":
		rows = [row for row in source.indicators if row.light == "Red"]
		lines = [
			_("{0}: target {1}, actual to date {2}").format(
				row.indicator_name, row.target_display, row.actual_to_date
			)
			for row in rows
		]
		if source.execution_light == "Red":
			lines.insert(
				0,
				_("Budget execution {0}% (time-adjusted {1}%)").format(
					source.execution_rate, source.time_adjusted_rate
				),
			)
		return "\n".join(lines) or _("Monitoring {0} needs rectification").format(source.name)
	rows = [row for row in source.indicators if row.needs_rectification]
	lines = [
		_("{0}: target {1}, actual {2}, score {3} of {4}").format(
			row.indicator_name, row.target_display, row.actual_text or row.actual_value, row.score, row.weight
		)
		for row in rows
	]
	if (source.problems or "").strip():
		lines.append(source.problems.strip())
	return "\n".join(lines) or _("Self-evaluation {0} needs rectification").format(source.name)


def mark_overdue(today=None) -> list[str]:
	"""Daily: rectifications past their due date whose written report is still
	with the unit become Overdue; the unit's members are told and the finance
	head gets the list (once per rectification). Returns the names escalated."""
	use_site_language()
	today = getdate(today or nowdate())
	rect = frappe.qb.DocType("Rectification")
	rows = (
		frappe.qb.from_(rect)
		.select(rect.name, rect.budget_unit, rect.title, rect.due_date, rect.status, rect.escalated_on)
		.where(rect.docstatus == 0)
		.where(state_in(rect.workflow_state, "Rectification", *WITH_THE_UNIT))
		.where(rect.due_date < today)
	).run(as_dict=True)
	for row in rows:
		if row.status != "Overdue":
			frappe.db.set_value("Rectification", row.name, "status", "Overdue", update_modified=False)
	fresh = [row for row in rows if not row.escalated_on]
	by_unit: dict[str, list] = {}
	for row in fresh:
		by_unit.setdefault(row.budget_unit, []).append(row)
	for unit, unit_rows in by_unit.items():
		notify(
			unit_members(unit),
			lambda unit=unit, unit_rows=unit_rows: _(
				"{0} rectifications of {1} are overdue: send the written report now"
			).format(len(unit_rows), unit),
			"Rectification",
			[(row.name, row.title) for row in unit_rows],
		)
	if fresh:
		notify(
			users_with_role(FINANCE_HEAD),
			lambda: _("{0} rectifications are overdue (units: {1})").format(
				len(fresh), _(", ").join(sorted(by_unit))
			),
			"Rectification",
			[(row.name, f"{row.budget_unit}: {row.title}") for row in fresh],
		)
		for row in fresh:
			frappe.db.set_value("Rectification", row.name, "escalated_on", today, update_modified=False)
	return [row.name for row in fresh]
