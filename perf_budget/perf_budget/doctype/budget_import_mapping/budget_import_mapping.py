# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Which column titles of a budget system's export mean which figure, the
amount unit and each fund source's category: a named setting finance keeps
per system and year (the common 一体化 export's is installed)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html

from perf_budget.budget_system import importing, reader


class BudgetImportMapping(Document):
	def validate(self):
		seen = set()
		for row in self.fund_sources:
			row.source_name = (row.source_name or "").strip()
			if row.source_name in seen:
				frappe.throw(_("Fund Sources row {0}: {1} is listed twice.").format(row.idx, row.source_name))
			seen.add(row.source_name)
		problems = reader.mapping_problems(importing.mapping_of_doc(self))
		if problems:
			frappe.throw("<br>".join(escape_html(importing.say(m)) for m in problems))

	def on_update(self):
		if self.is_default:
			# one default: the one just set replaces the former one, and says so
			for name in frappe.get_all(
				"Budget Import Mapping", filters={"is_default": 1, "name": ["!=", self.name]}, pluck="name"
			):
				frappe.db.set_value("Budget Import Mapping", name, "is_default", 0)
				frappe.msgprint(_("{0} is no longer the default mapping.").format(name))
