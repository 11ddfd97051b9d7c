# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The register of third-party institutions (第三方机构库) the finance section
commissions (arts. 5(四), 22): who they are, how to reach them, and the units
each may not evaluate (an External Evaluation by it of such a unit is refused)."""

import frappe
from frappe import _
from frappe.model.document import Document

from perf_budget.rules.external import credit_code_problem


class EvaluationInstitution(Document):
	def validate(self):
		self.unified_social_credit_code = (self.unified_social_credit_code or "").strip().upper()
		problem = credit_code_problem(self.unified_social_credit_code)
		if problem:
			frappe.throw(_(problem).format(self.unified_social_credit_code))
		seen = set()
		for row in self.conflicts:
			if row.conflict_unit in seen:
				frappe.throw(
					_("Conflicts of Interest row {0}: {1} is listed twice.").format(
						row.idx, row.conflict_unit
					)
				)
			seen.add(row.conflict_unit)


def conflict_reason(institution: str, unit: str) -> str | None:
	"""Why ``institution`` may not evaluate ``unit``; None when it may."""
	return frappe.db.get_value(
		"Institution Conflict",
		{"parent": institution, "parenttype": "Evaluation Institution", "conflict_unit": unit},
		"reason",
	)
