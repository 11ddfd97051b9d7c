# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""A written report of finance (arts. 17 and 23): the department's 绩效自评总结报告
or a round's 监控情况报告. The figures are a snapshot taken when the report is
made and again on 刷新数据 (exchange/written_reports.py); the texts are
finance's. The report goes officer → finance head → sent; its version goes up
when a report the finance head returned is edited again, and what was sent
is kept as a Word file on the record."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from perf_budget.exchange.written_reports import keep_sent_file, preview, take_figures, texts
from perf_budget.workflow.chains import chain, require_reason
from perf_budget.writing.outline import MONITORING, default_title


class PerformanceReport(Document):
	def onload(self):
		self.set_onload("outline", preview(self))

	def before_insert(self):
		self.version, self.reviewed_version = 1, 0
		take_figures(self)

	def validate(self):
		if self.report_kind == MONITORING:
			if not 1 <= cint(self.period_end_month) <= 12:
				frappe.throw(
					_("Monitoring Round: Months 1 to must be a month from 1 to 12 (7 for January to July)."),
					title=_("Which round?"),
				)
		else:
			self.period_end_month = None
		if not (self.title or "").strip():
			self.title = default_title(self.report_kind, self.performance_year, self.period_end_month)
		require_reason(self)
		self.count_versions()

	def count_versions(self):
		"""A new version once a report the head has seen is written on again;
		the head reviews the version the officer sent."""
		steps = chain(self.doctype)
		if steps.is_in(self.workflow_state, "unit_review"):
			self.reviewed_version = self.version
			return
		before = self.get_doc_before_save()
		if (
			before
			and steps.is_in(self.workflow_state, "filing")
			and cint(self.reviewed_version) == cint(self.version)
			and self.content_changed(before)
		):
			self.version = cint(self.version) + 1

	def content_changed(self, before) -> bool:
		return any(
			(self.get(key) or "") != (before.get(key) or "")
			for key in (*texts(self), "title", "figures_json")
		)

	def on_submit(self):
		keep_sent_file(self)
