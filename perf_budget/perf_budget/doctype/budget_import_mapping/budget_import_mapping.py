# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class BudgetImportMapping(Document):
	pass
