# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_last_day, getdate


class PerformanceYear(Document):
	def validate(self):
		self.validate_year()
		self.validate_rounds()
		self.guard_closed_changes()

	def validate_year(self):
		if not re.fullmatch(r"\d{4}", self.year or ""):
			frappe.throw(_("Year must be four digits, such as 2026."))
		self.start_date = getdate(f"{self.year}-01-01")
		self.end_date = getdate(f"{self.year}-12-31")

	def validate_rounds(self):
		seen = set()
		for row in self.monitoring_rounds:
			if not 1 <= (row.period_end_month or 0) <= 12:
				frappe.throw(
					_("Monitoring round row {0}: the month must be between 1 and 12.").format(row.idx)
				)
			period_end = get_last_day(f"{self.year}-{row.period_end_month:02d}-01")
			if row.deadline and getdate(row.deadline) < period_end:
				frappe.throw(
					_(
						"Monitoring round row {0}: the deadline {1} comes before months 1 to {2} are over."
					).format(row.idx, row.deadline, row.period_end_month)
				)
			if row.period_end_month in seen:
				frappe.throw(
					_("Monitoring round row {0}: months 1 to {1} are already a round.").format(
						row.idx, row.period_end_month
					)
				)
			seen.add(row.period_end_month)

	def guard_closed_changes(self):
		"""A closed year can only be reopened; nothing else of it may change."""
		before = self.get_doc_before_save()
		if before and before.status == "Closed" and self.status == "Closed":
			frappe.throw(_("Performance year {0} is closed. Reopen it before changing it.").format(self.name))


def assert_year_open(year: str | None) -> None:
	"""The one guard every record of a year goes through."""
	if year and frappe.db.get_value("Performance Year", year, "status") == "Closed":
		frappe.throw(
			_("Performance year {0} is closed; its records cannot be changed.").format(year),
			title=_("Year closed"),
		)


def guard_closed_year(doc, method=None):
	"""doc_events hook for every DocType that carries ``performance_year``:
	a record of a closed year neither changes nor moves to another year."""
	assert_year_open(doc.get("performance_year"))
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before and before.get("performance_year") != doc.get("performance_year"):
		assert_year_open(before.get("performance_year"))
