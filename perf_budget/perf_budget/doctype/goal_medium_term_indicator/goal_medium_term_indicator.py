# Copyright (c) 2026, perf_budget contributors and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class GoalMediumTermIndicator(Document):
	"""One indicator of the medium-term half of the 申报表 (财预〔2015〕88号 附1)."""
