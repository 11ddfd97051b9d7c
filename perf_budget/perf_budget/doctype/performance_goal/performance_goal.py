# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Performance goals (绩效目标), arts. 7–15.

The controller only loads settings, calls ``perf_budget.rules.goal_quality``
and stores results; the review chain itself is the Frappe Workflow
"Performance Goal Review" (perf_budget/workflow/performance_goal.json).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, formatdate, getdate

from perf_budget.figures import pb_amount
from perf_budget.notify import notify, unit_members, use_site_language
from perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment import goal_values, reasons_text
from perf_budget.perf_budget.doctype.indicator_template.indicator_template import PROJECT, SCOPES, check_scope
from perf_budget.rules.chains import AT_FINANCE
from perf_budget.rules.exante import covers, is_supported
from perf_budget.rules.goal_quality import ALL_LEVEL2_BY_LEVEL1, LEVEL2_BY_LEVEL1, check_goal
from perf_budget.rules.indicator_order import sort_by_level
from perf_budget.rules.policy import POLICY_FIELDS, check_policy, is_termed
from perf_budget.security import SERVER_FLAG
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain, entered, leaving_unit, one_of, require_reason
from perf_budget.workflow.owners import follow_state_set_by_job

AMOUNT_PRECISION = 2
RATING_FIELDS = ("basis_rating", "rationality_rating", "budget_rating", "plan_rating")
DIFF_FIELDS = ("total_amount", "fiscal_amount", "other_amount", "annual_goal", "project_name")
INDICATOR_CHOICES = {"Output", "Effect", "Satisfaction", "Cost", "Qualitative"}
# What a version's diff compares per indicator (rows are matched by indicator_name).
POLICY_DOCUMENT_FIELDS = ("document_title", "document_number", "issuing_body", "issue_date", "attachment")
INDICATOR_DIFF_FIELDS = ("level1", "level2", "operator", "target_value", "target_text", "unit", "weight")


class PerformanceGoal(Document):
	@refuse_rule_errors
	def validate(self):
		sort_indicator_rows(self, "indicators", "medium_term_indicators")
		check_scope(self, PROJECT)
		self.set_amounts()
		self.link_last_year_goal()
		self.check_quality()
		self.check_policy()
		self.set_exante()
		self.validate_transition()
		if self.previous_version:
			self.adjustment_diff = self.diff_against(self.previous_version)

	def on_submit(self):
		self.become_current_version()

	def on_cancel(self):
		self.db_set("is_current", 0)

	# -- steps of validate -------------------------------------------------
	def set_amounts(self):
		for field in ("fiscal_amount", "other_amount", "medium_term_fiscal", "medium_term_other"):
			if flt(self.get(field)) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(field))))
		for field in ("fiscal_amount", "other_amount"):
			self.set(field, flt(self.get(field), AMOUNT_PRECISION))
		self.total_amount = flt(flt(self.fiscal_amount) + flt(self.other_amount), AMOUNT_PRECISION)
		# The medium term is optional (a one-year project has none): its total follows its parts when given.
		if self.medium_term_fiscal is not None or self.medium_term_other is not None:
			self.medium_term_total = flt(
				flt(self.medium_term_fiscal) + flt(self.medium_term_other), AMOUNT_PRECISION
			)
		if (
			self.medium_term_start_year
			and self.medium_term_end_year
			and self.medium_term_end_year < self.medium_term_start_year
		):
			frappe.throw(
				_("The medium term ends in {0}, before it starts in {1}.").format(
					self.medium_term_end_year, self.medium_term_start_year
				)
			)

	def link_last_year_goal(self):
		"""Last year's goal of the same project: the same code *in the same unit*
		(another unit may use the same code for its own project)."""
		if not (self.project_code and self.performance_year and self.budget_unit):
			return
		self.last_year_goal = frappe.db.get_value(
			"Performance Goal",
			{
				"budget_unit": self.budget_unit,
				"project_code": self.project_code,
				"performance_year": str(cint(self.performance_year) - 1),
				"is_current": 1,
			},
		)
		self.show_last_result()
		self.carry_policy()

	def carry_policy(self):
		"""A new year's goal of a policy or special fund starts from last year's
		documents, term and expiry review when it has none of its own."""
		if not (self.is_new() and self.last_year_goal and is_termed(self.expenditure_type)):
			return
		if self.policy_documents or any(self.get(field) for field in POLICY_FIELDS):
			return
		last = frappe.get_doc("Performance Goal", self.last_year_goal)
		if last.expenditure_type != self.expenditure_type:
			return
		self.update({field: last.get(field) for field in POLICY_FIELDS})
		for row in last.policy_documents:
			self.append("policy_documents", {field: row.get(field) for field in POLICY_DOCUMENT_FIELDS})
		frappe.msgprint(
			_("The policy documents, term and expiry review were carried from last year's goal {0}.").format(
				last.name
			),
			alert=True,
		)

	def show_last_result(self):
		self.update(last_result(self.budget_unit, self.project_code, self.performance_year))

	def check_quality(self):
		"""Art. 9: errors stop the goal leaving the unit; warnings only show."""
		findings = check_goal(
			[row.as_dict() for row in self.indicators],
			rules=get_rules(),
			has_service_recipients=bool(self.has_service_recipients),
			last_year_actuals=self.last_year_actuals(),
		)
		errors = [self.finding_text(f) for f in findings if f.severity == "error"]
		warnings = [self.finding_text(f) for f in findings if f.severity == "warning"]
		self.quality_warnings = "\n".join(warnings)
		if errors and self.leaving_unit():
			frappe.throw("<br>".join(errors), title=_("Please fix the indicators before submitting"))
		if (errors or warnings) and not self.leaving_unit():
			frappe.msgprint(
				"<br>".join(errors + warnings),
				title=_("Indicator check"),
				indicator="red" if errors else "orange",
			)

	def check_policy(self):
		"""Art. 19: a policy or special fund leaves the unit only with its documents,
		its term and, once the term has ended, an expiry review that continues it."""
		if not is_termed(self.expenditure_type):
			return
		values = {field: self.get(field) for field in POLICY_FIELDS}
		for field, value in values.items():
			if value and self.meta.get_field(field).fieldtype == "Date":
				values[field] = getdate(value)
		values.update(expenditure_type=self.expenditure_type, documents=len(self.policy_documents))
		problems = check_policy(values, cint(self.performance_year))
		if not problems:
			return
		texts = [_(p.message).format(*(shown_date(arg) for arg in p.args)) for p in problems]
		if self.leaving_unit():
			frappe.throw("<br>".join(texts), title=_("Please complete the policy before submitting"))
		frappe.msgprint("<br>".join(texts), title=_("Policy check"), indicator="orange")

	def set_exante(self):
		"""Whether the goal needs an ex-ante assessment (rules/exante.py) and the
		conclusion of its concluded one, an adjusted version's included."""
		self.ex_ante_reasons = reasons_text(self)
		self.ex_ante_required = 1 if self.ex_ante_reasons else 0
		self.update(goal_values(self.name, self.previous_version))

	def check_exante(self):
		"""No supported assessment, no budget: a goal that needs one reaches
		finance only with an assessment concluded 予以支持 or 调整后支持."""
		if not self.ex_ante_required:
			return
		if is_supported(self.ex_ante_conclusion):
			assessed = frappe.db.get_value("Ex-ante Assessment", self.ex_ante_assessment, "requested_amount")
			if not covers(assessed, self.total_amount):
				frappe.throw(
					_(
						"Goal {0} now asks for {1} 10k yuan, more than the {2} 10k yuan its ex-ante assessment {3} assessed; assess the project again at the new amount before it goes to finance."
					).format(
						self.name, pb_amount(self.total_amount), pb_amount(assessed), self.ex_ante_assessment
					),
					title=_("Ex-ante assessment needed"),
				)
			return
		if self.ex_ante_assessment:
			found = _("assessment {0} concluded {1}").format(
				self.ex_ante_assessment, _(self.ex_ante_conclusion)
			)
		else:
			found = _("no concluded assessment")
		frappe.throw(
			_(
				"Goal {0} needs an ex-ante performance assessment ({1}) concluded Support or Support after Adjustment before it goes to finance; it has {2}."
			).format(self.name, self.ex_ante_reasons, found),
			title=_("Ex-ante assessment needed"),
		)

	def leaving_unit(self) -> bool:
		return leaving_unit(self)

	def finding_text(self, finding) -> str:
		args = [_(arg) if isinstance(arg, str) else arg for arg in finding.args]
		return _(finding.message).format(*args)

	def last_year_actuals(self) -> dict:
		"""Actual values of last year's accepted self-evaluation of the same
		project code, also shown on each matching indicator row."""
		actuals = last_year_actual_values(self.budget_unit, self.project_code, self.performance_year)
		for row in self.indicators:
			row.last_year_actual = actuals.get(row.indicator_name)
		return actuals

	def validate_transition(self):
		"""What each step of the chain needs before it may happen (art. 12, 13)."""
		step = entered(self)
		if not step:
			return
		require_reason(self)
		if step[1] in AT_FINANCE:
			self.check_exante()
		if step[1] == "at_bureau":
			missing = [
				_(self.meta.get_label(f)) for f in (*RATING_FIELDS, "review_rating") if not self.get(f)
			]
			if missing:
				frappe.throw(_("Rate the goal before forwarding it: {0}").format(", ".join(missing)))

	# -- versions (art. 14) ------------------------------------------------
	def become_current_version(self):
		self.db_set("is_current", 1)
		if self.previous_version:
			frappe.db.set_value(
				"Performance Goal",
				self.previous_version,
				{"is_current": 0, "superseded_by": self.name},
			)

	def diff_against(self, other_name: str) -> str:
		"""Readable list of what changed against the version this one adjusts."""
		other = frappe.get_doc("Performance Goal", other_name)
		lines = []
		for field in DIFF_FIELDS:
			old, new = other.get(field), self.get(field)
			if shown(old) != shown(new):
				lines.append(
					_("{0}: {1} → {2}").format(_(self.meta.get_label(field)), shown(old), shown(new))
				)
		old_rows = {row.indicator_name: row for row in other.indicators}
		new_rows = {row.indicator_name: row for row in self.indicators}
		for name in new_rows.keys() - old_rows.keys():
			lines.append(_("Indicator added: {0}").format(name))
		for name in old_rows.keys() - new_rows.keys():
			lines.append(_("Indicator removed: {0}").format(name))
		for name in new_rows.keys() & old_rows.keys():
			for key in INDICATOR_DIFF_FIELDS:
				old, new = shown(old_rows[name].get(key)), shown(new_rows[name].get(key))
				if old != new:
					label = _(frappe.get_meta("Goal Indicator").get_label(key))
					lines.append(_("Indicator {0}, {1}: {2} → {3}").format(name, label, old, new))
		return "\n".join(sorted(lines))


def last_result(budget_unit: str, project_code: str, performance_year: str) -> dict:
	"""The last-result fields of a goal of the year: the reviewer sees the project's
	latest accepted evaluation and the budget advice confirmed on it (art. 24, SPEC 4.5).

	The one rule for these fields, whether the goal is saved or an advice on the
	evaluation is saved, confirmed or cancelled; an empty number is 0, as stored."""
	evaluation = frappe.get_all(
		"Performance Evaluation",
		filters={
			"budget_unit": budget_unit,
			"project_code": project_code,
			"performance_year": ["<", performance_year],
			"docstatus": 1,
		},
		fields=["name", "performance_year", "total_score", "grade"],
		order_by="performance_year desc",
		limit=1,
	)
	evaluation = evaluation[0] if evaluation else frappe._dict()
	advice = frappe._dict()
	if evaluation:
		advice = (
			frappe.db.get_value(
				"Budget Advice",
				{"performance_evaluation": evaluation.name, "docstatus": 1},
				["name", "decided_action", "decided_cut_percent"],
				as_dict=True,
			)
			or frappe._dict()
		)
	return {
		"last_evaluated_year": evaluation.performance_year,
		"last_score": flt(evaluation.total_score),
		"last_grade": evaluation.grade,
		"last_budget_advice": advice.name,
		"last_advice_action": advice.decided_action,
		"last_advice_cut_percent": flt(advice.decided_cut_percent),
	}


def sort_indicator_rows(doc: Document, *tables: str) -> None:
	"""Indicator rows level 1 → level 2 (rules.indicator_order), so the grid, the
	print and the official form list each level as one block."""
	for table in tables:
		rows = sort_by_level(doc.get(table) or [])
		for idx, row in enumerate(rows, 1):
			row.idx = idx
		doc.set(table, rows)


def last_year_actual_values(unit: str | None, project_code: str | None, year: str | None) -> dict[str, float]:
	if not (unit and project_code and year):
		return {}
	evaluation, row = frappe.qb.DocType("Performance Evaluation"), frappe.qb.DocType("Evaluation Indicator")
	found = (
		frappe.qb.from_(row)
		.join(evaluation)
		.on(row.parent == evaluation.name)
		.select(row.indicator_name, row.actual_value)
		.where(evaluation.budget_unit == unit)
		.where(evaluation.project_code == project_code)
		.where(evaluation.performance_year == str(cint(year) - 1))
		.where(evaluation.docstatus == 1)
		.where(row.parenttype == "Performance Evaluation")
		.where(row.actual_value.isnotnull())
	).run(as_dict=True)
	return {indicator.indicator_name: flt(indicator.actual_value) for indicator in found}


def shown_date(value):
	"""A rule's argument as the message shows it: dates as the user's date format."""
	return formatdate(value) if hasattr(value, "year") and hasattr(value, "day") else value


def shown(value) -> str:
	"""A value as the diff shows it: numbers without float noise (80, 99.63)."""
	if isinstance(value, bool) or value is None:
		return "" if value is None else str(int(value))
	if isinstance(value, int | float):
		return f"{flt(value, 2):.2f}".rstrip("0").rstrip(".")
	return _(value) if value in INDICATOR_CHOICES else str(value)


@frappe.whitelist()
def make_adjustment(goal: str, reason: str) -> str:
	"""Start an adjustment of a confirmed goal (art. 14): a new version that goes
	through the same chain; the confirmed version stays in force until the new
	one is confirmed."""
	source = frappe.get_doc("Performance Goal", goal)
	source.check_permission("read")
	if source.docstatus != 1 or not source.is_current:
		frappe.throw(_("Only the current confirmed version of a goal can be adjusted."))
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the adjustment."))
	open_version = frappe.db.get_value(
		"Performance Goal", {"previous_version": source.name, "docstatus": 0}, "name"
	)
	if open_version:
		frappe.throw(_("An adjustment of this goal is already under way: {0}").format(open_version))
	new = frappe.copy_doc(source)
	new.update(
		{
			"docstatus": 0,
			"amended_from": None,
			"version": cint(source.version) + 1,
			"previous_version": source.name,
			"adjustment_reason": reason,
			"workflow_state": chain("Performance Goal").initial,
			"is_current": 0,
		}
	)
	for field in (*RATING_FIELDS, "review_rating", "review_opinion"):
		new.set(field, None)
	new.flags[SERVER_FLAG] = True  # version and previous_version are the server's to set
	new.insert()
	return new.name


def current_goal(project_code: str, year: str) -> str | None:
	"""The latest confirmed version of a project's goal; later stages use only this."""
	return frappe.db.get_value(
		"Performance Goal",
		{"project_code": project_code, "performance_year": year, "is_current": 1, "docstatus": 1},
	)


def exclude_unrefiled_goals():
	"""Daily (art. 11): goals returned and not filed again by the year's goal
	deadline are excluded from the budget."""
	from frappe.query_builder import DocType
	from frappe.utils import today

	goal, year = DocType("Performance Goal"), DocType("Performance Year")
	overdue = (
		frappe.qb.from_(goal)
		.join(year)
		.on(goal.performance_year == year.name)
		.select(goal.name)
		.where(goal.docstatus == 0)
		.where(one_of(goal.workflow_state, chain("Performance Goal").returned_states()))
		.where(year.goal_deadline < today())
		.where(year.status == "Open")
	).run(pluck=True)
	use_site_language()  # the comment is written in the site's language
	for name in overdue:
		exclude_goal(name)
	return overdue


def exclude_goal(name: str) -> None:
	"""Excluded (art. 11): the comment on the goal, its workflow actions, and the
	unit told — its members and whoever filed it — since nobody acts on it any more."""
	frappe.db.set_value(
		"Performance Goal", name, "workflow_state", chain("Performance Goal").states("set_aside")[0]
	)
	goal = frappe.get_doc("Performance Goal", name)
	goal.add_comment(
		"Comment", _("Excluded from the budget: not filed again by the goal deadline (art. 11).")
	)
	follow_state_set_by_job(goal)
	told = {*unit_members(goal.budget_unit), goal.owner} - {"Administrator", "Guest"}
	notify(
		sorted(told),
		lambda: _(
			"Performance Goal {0} ({1}) was excluded from the budget: not filed again by the goal deadline"
		).format(goal.name, goal.project_name),
		"Performance Goal",
		[(goal.name, goal.project_name)],
	)


@frappe.whitelist()
def indicator_library(scope: str = PROJECT) -> dict:
	"""What the picker on a goal offers (also on a new, unsaved goal): the library's
	entries in use for that kind of goal (``scope``: Project, or Department for a
	department-wide goal), by name with their levels and unit, level 1 → level 2;
	and the level order the goal's rows are kept in."""
	scope = known_scope(scope)
	entries = frappe.get_list(
		"Indicator Template",
		filters={"disabled": 0, "scope": scope},
		fields=["name", "indicator_name", "level1", "level2", "unit", "is_common"],
		order_by="name asc",
		limit_page_length=0,
	)
	levels = LEVEL2_BY_LEVEL1 if scope == PROJECT else ALL_LEVEL2_BY_LEVEL1
	return {"levels": levels, "indicators": sort_by_level(entries)}


@frappe.whitelist()
def template_rows(templates: str | list, scope: str = PROJECT) -> list[dict]:
	"""Goal indicator rows from picked library entries in use for that kind of
	goal, level 1 → level 2 (weights left to the unit)."""
	scope = known_scope(scope)
	try:
		names = frappe.parse_json(templates) if isinstance(templates, str) else templates
	except ValueError:
		names = None
	if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
		frappe.throw(_("Pick the indicators from the library: a list of their names is expected."))
	fields = [
		"name as template",
		"level1",
		"level2",
		"indicator_name",
		"operator",
		"unit",
		"evaluation_standard",
	]
	rows = frappe.get_list(
		"Indicator Template",
		filters={"name": ["in", names], "disabled": 0, "scope": scope},
		fields=fields,
		order_by="name asc",
	)
	return sort_by_level(dict(row) for row in rows)


def known_scope(scope: str) -> str:
	if scope not in SCOPES:
		frappe.throw(_("Unknown kind of goal: {0}").format(scope))
	return scope


def on_doctype_update():
	"""Reports, cards and charts read a year's records of some units (a unit
	user's own, the unit filter, every filing unit): the year and the unit
	together narrow five years of a city to them (EXPLAIN: ref on this index
	instead of a range over every year's records of the units)."""
	frappe.db.add_index("Performance Goal", ["performance_year", "budget_unit"])
