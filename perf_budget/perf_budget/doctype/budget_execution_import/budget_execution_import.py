# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The budget system's export turned into the records' figures (issue 16).

Saving the draft reads the file and builds the preview (nothing outside the
import is written); submitting it applies the preview inside the request's
transaction, so one refusal writes nothing. The work is in
perf_budget/budget_system/importing.py."""

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.budget_system import importing

APPLYING = "budget_execution_import_apply"


class BudgetExecutionImport(Document):
	def onload(self):
		self.set_onload("preview_summary", importing.summary_html(self))

	def before_validate(self):
		if not self.import_mapping:
			self.import_mapping = importing.default_mapping()  # as the form offers it

	def validate(self):
		if self.amended_from:
			# no cancel, so nothing to amend: the month's newer import supersedes an applied one
			frappe.throw(
				_("An applied import is not amended: save a new import of the newer export instead.")
			)
		if self.docstatus == 0:
			importing.build_preview(self)
		else:
			importing.keep_ticks_of_choices(self)
			importing.count(self)  # the overwrite ticks as submitted
		self.onload()

	def before_submit(self):
		importing.check_unchanged(self)
		importing.stamp_applied(self)
		frappe.db.savepoint(APPLYING)

	def on_submit(self):
		# all or nothing whoever calls: the request rolls back on a refusal, and so
		# does a caller in the same process (a test, a script)
		try:
			importing.apply(self)
		except Exception:
			frappe.db.rollback(save_point=APPLYING)
			raise
		self.onload()
