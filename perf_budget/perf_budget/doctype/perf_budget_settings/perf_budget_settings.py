# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.excel.vocabulary import parse_synonyms
from perf_budget.rules import exante
from perf_budget.rules.parameters import Rules, validate_rules
from perf_budget.rules.procedure import setting_problems
from perf_budget.security.values import refuse_rule_errors
from perf_budget.settings import clear_rules_cache


class PerfBudgetSettings(Document):
	@refuse_rule_errors
	def validate(self):
		problems = validate_rules(Rules.from_mapping(self.as_dict()))
		problems += parse_synonyms(self.qualitative_synonyms)[1]
		problems += setting_problems(self.as_dict())
		problems += exante.setting_problems(self.as_dict(), [row.as_dict() for row in self.exante_dimensions])
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
