# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.rules.settings import Rules, validate_rules
from perf_budget.settings import clear_rules_cache


class PerfBudgetSettings(Document):
	def validate(self):
		problems = validate_rules(Rules.from_mapping(self.as_dict()))
		if problems:
			frappe.throw(
				"<br>".join(_(message).format(*self.labelled(args)) for message, args in problems),
				title=_("Invalid settings"),
			)

	def on_update(self):
		clear_rules_cache()

	def labelled(self, args):
		"""Show field names inside messages as their translated labels."""
		return [
			_(self.meta.get_label(arg)) if isinstance(arg, str) and self.meta.has_field(arg) else arg
			for arg in args
		]
