# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Accountability referral (art. 27): a suspected violation found in budget
performance work goes to the body that handles it; the outcome closes it."""

import frappe
from frappe import _
from frappe.model.document import Document


class AccountabilityReferral(Document):
	def validate(self):
		# the outcome date may not come before the referral date: security/values.py (DATE_ORDER)
		if self.outcome_date and not (self.outcome or "").strip():
			frappe.throw(_("Write the Outcome, or clear the Outcome Date."))
		self.status = "Concluded" if (self.outcome or "").strip() else "Referred"
