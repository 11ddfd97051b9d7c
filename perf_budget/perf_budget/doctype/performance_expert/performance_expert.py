# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The expert register (专家库) finance keeps for art. 22's 专家现场评价和综合评价:
who may score a self-evaluation, and the units each expert may not evaluate.
Units read name, field and organization; contact and conflicts are finance's
(permlevel 1)."""

from frappe.model.document import Document


class PerformanceExpert(Document):
	pass
