"""Sites made before indicator rows were kept level 1 → level 2: the rows of
goals, monitoring records and self-evaluations filed in pick order are
renumbered in the order of rules.indicator_order, so the grid and the print
list each level as one block. Only the row order (idx) changes."""

import frappe

from perf_budget.rules.indicator_order import sort_by_level

TABLES = (
	("Goal Indicator", "Performance Goal"),
	("Goal Medium Term Indicator", "Performance Goal"),
	("Monitoring Indicator", "Performance Monitoring"),
	("Evaluation Indicator", "Performance Evaluation"),
)


def execute():
	for child, parent in TABLES:
		rows = frappe.get_all(
			child,
			filters={"parenttype": parent},
			fields=["name", "parent", "parentfield", "idx", "level1", "level2"],
			order_by="parent asc, parentfield asc, idx asc",
		)
		tables: dict[tuple, list] = {}
		for row in rows:
			tables.setdefault((row.parent, row.parentfield), []).append(row)
		for table in tables.values():
			for idx, row in enumerate(sort_by_level(table), 1):
				if row.idx != idx:
					frappe.db.set_value(child, row.name, "idx", idx, update_modified=False)
