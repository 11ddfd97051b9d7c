# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Run-time monitoring (绩效运行监控), arts. 16–18: money and goals together
(双监控). The controller loads settings, calls ``perf_budget.rules.warnings``
and stores the lights; the chain is the Workflow "Performance Monitoring Review"."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from perf_budget.notify import notify, unit_members, use_site_language
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import sort_indicator_rows
from perf_budget.rounds import GOAL_HEADER, MONITORING, current_goals_without, open_round, round_key
from perf_budget.rules.indicators import TARGET_KEYS, target_display
from perf_budget.rules.scoring import execution_rate
from perf_budget.rules.warnings import (
	execution_light,
	indicator_light,
	requires_explanation,
	time_adjusted_execution,
	worst_light,
)
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import get_rules, get_settings
from perf_budget.workflow.chains import leaving_unit, require_reason, state_in

REASON_FIELDS = ("reason_funding", "reason_rules", "reason_staffing", "reason_conditions", "reason_other")


class PerformanceMonitoring(Document):
	def before_insert(self):
		if not self.indicators:
			self.copy_from_goal()

	@refuse_rule_errors
	def validate(self):
		sort_indicator_rows(self, "indicators")  # rows added by hand join their level
		self.validate_round()
		self.validate_funds_by_source()
		self.set_lights()
		self.validate_red_rows()
		self.validate_transition()

	def copy_from_goal(self):
		"""Pre-fill from the goal's current confirmed version."""
		# a round loads its goals together and passes each on
		goal = self.flags.goal or frappe.get_doc("Performance Goal", self.performance_goal)
		self.update({field: goal.get(field) for field in GOAL_HEADER})
		self.annual_budget = goal.total_amount
		self.round_deadline = round_deadline(goal.performance_year, self.period_end_month)
		copy_targets(self, goal)

	def validate_round(self):
		if not 1 <= (self.period_end_month or 0) <= 12:
			frappe.throw(_("The monitoring period must end in a month between 1 and 12."))
		# the unique round key is the guarantee; this check only words the refusal
		self.round_key = round_key(self)
		duplicate = frappe.db.get_value(
			self.doctype, {"round_key": self.round_key, "name": ["!=", self.name or ""]}
		)
		if duplicate:
			frappe.throw(
				_("This goal is already monitored for months 1 to {0}: {1}").format(
					self.period_end_month, duplicate
				),
				frappe.UniqueValidationError,
			)

	def validate_funds_by_source(self):
		"""Where the sources are given, 年度资金总额 is their sum (the 监控表's three money rows)."""
		for total, fiscal, other in (
			("annual_budget", "budget_fiscal", "budget_other"),
			("executed_amount", "executed_fiscal", "executed_other"),
			("expected_full_year", "expected_fiscal", "expected_other"),
		):
			# Frappe stores an empty Float as 0: sources count as given once one of them is not 0
			if not (flt(self.get(fiscal)) or flt(self.get(other))) or self.get(total) is None:
				continue
			parts = flt(flt(self.get(fiscal)) + flt(self.get(other)), 2)
			if abs(flt(self.get(total), 2) - parts) > 0.005:
				frappe.throw(
					_("{0} {1} is not fiscal appropriation plus other funds, {2}.").format(
						_(self.meta.get_label(total)), flt(self.get(total), 2), parts
					)
				)

	def set_lights(self):
		"""SPEC 4.3: time-adjusted execution and every indicator get a light; the
		record's warning level is the worst of them."""
		rules = get_rules()
		self.annual_budget, self.executed_amount = flt(self.annual_budget, 2), flt(self.executed_amount, 2)
		self.execution_rate = execution_rate(self.annual_budget, self.executed_amount)
		self.time_adjusted_rate = time_adjusted_execution(
			self.annual_budget, self.executed_amount, self.period_end_month
		)
		self.execution_light = execution_light(
			self.annual_budget, self.executed_amount, self.period_end_month, rules
		)
		for row in self.indicators:
			row.light = indicator_light(
				row.operator,
				row.target_value,
				row.actual_to_date,
				row.expected_completion,
				row.likelihood or None,
				qualitative_progress=row.qualitative_progress or None,
				rules=rules,
			)
		self.warning_level = worst_light([self.execution_light, *(row.light for row in self.indicators)])
		self.red_indicators = sum(1 for row in self.indicators if row.light == "Red")

	def validate_red_rows(self):
		"""Art. 18: a deviation must be explained and corrected before the
		record leaves the unit."""
		missing = [
			_("Row {0}: {1} is red; give a deviation reason and a corrective measure.").format(
				row.idx, row.indicator_name
			)
			for row in self.indicators
			if requires_explanation(row.light)
			and not (
				any((row.get(f) or "").strip() for f in REASON_FIELDS)
				and (row.corrective_measure or "").strip()
			)
		]
		if missing and self.leaving_unit():
			frappe.throw("<br>".join(missing), title=_("Explain the red indicators before submitting"))
		if missing:
			frappe.msgprint("<br>".join(missing), title=_("Still to complete"), indicator="orange")

	def leaving_unit(self) -> bool:
		return leaving_unit(self)

	def validate_transition(self):
		require_reason(self)

	def on_cancel(self):
		self.db_set("round_key", None)  # an amended or new record may take the round


def round_deadline(performance_year: str, period_end_month: int):
	return frappe.db.get_value(
		"Performance Year Round",
		{"parent": performance_year, "parenttype": "Performance Year", "period_end_month": period_end_month},
		"deadline",
	)


def copy_targets(doc, goal) -> None:
	"""The goal's indicators as the monitoring's rows: what was set, to report against."""
	for row in goal.indicators:
		doc.append(
			"indicators",
			{**{key: row.get(key) for key in TARGET_KEYS}, "target_display": target_display(row)},
		)


@frappe.whitelist()
def create_monitoring_round(performance_year: str, period_end_month: int) -> dict:
	"""One monitoring record per current confirmed goal for months 1–N; idempotent."""
	month = int(period_end_month)
	goals = current_goals_without("Performance Monitoring", performance_year, period_end_month=month)
	job_id = f"perf_budget_monitoring_round_{performance_year}_{month}"
	return open_round("Performance Monitoring", performance_year, goals, job_id, period_end_month=month)


def remind_units(today=None) -> dict[str, list[str]]:
	"""Daily: before a round's deadline, each unit with monitoring records (of
	its projects, of the department as a whole) not yet submitted gets a system
	notification and an email (Frappe's queue). Returns unit -> records reminded about."""
	from frappe.utils import getdate, nowdate

	use_site_language()
	today = getdate(today or nowdate())
	days = int(get_settings().reminder_days_before or 0)
	reminded: dict[str, list[str]] = {}
	for doctype in MONITORING:
		for unit, rows in pending_by_unit(doctype, today, days).items():

			def subject(rows=rows, unit=unit):
				return _("Monitoring due on {0}: {1} records of {2} not yet submitted").format(
					rows[0].deadline, len(rows), unit
				)

			labels = [(r.name, r.get("project_name") or _("Department as a Whole")) for r in rows]
			notify(unit_members(unit), subject, doctype, labels)
			reminded.setdefault(unit, []).extend(row.name for row in rows)
	return reminded


def pending_by_unit(doctype: str, today, days: int) -> dict[str, list]:
	"""Records of ``doctype`` still being filed whose round is due within ``days``, by unit."""
	from frappe.utils import add_days

	year_round, monitoring = frappe.qb.DocType("Performance Year Round"), frappe.qb.DocType(doctype)
	year = frappe.qb.DocType("Performance Year")
	columns = [monitoring.name, monitoring.budget_unit, year_round.deadline]
	if doctype == "Performance Monitoring":
		columns.append(monitoring.project_name)
	pending = (
		frappe.qb.from_(monitoring)
		.join(year_round)
		.on(
			(year_round.parent == monitoring.performance_year)
			& (year_round.period_end_month == monitoring.period_end_month)
		)
		.join(year)
		.on(year.name == monitoring.performance_year)
		.select(*columns)
		.where(year_round.parenttype == "Performance Year")
		.where(year.status == "Open")
		.where(monitoring.docstatus == 0)
		.where(state_in(monitoring.workflow_state, doctype, "filing"))
		.where(year_round.deadline >= today)
		.where(year_round.deadline <= add_days(today, days))
	).run(as_dict=True)
	by_unit: dict[str, list] = {}
	for row in pending:
		by_unit.setdefault(row.budget_unit, []).append(row)
	return by_unit


def on_doctype_update():
	"""Reports, cards and charts read a year's records of some units (a unit
	user's own, the unit filter, every filing unit): the year and the unit
	together narrow five years of a city to them (EXPLAIN: ref on this index
	instead of a range over every year's records of the units)."""
	frappe.db.add_index("Performance Monitoring", ["performance_year", "budget_unit"])
