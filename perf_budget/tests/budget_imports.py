"""Applied budget-system imports made directly for tests of what reads them (the
records' side, the reports): the file's reading and the preview are the
import's own tests (test_budget_import)."""

import frappe
from frappe.utils import now_datetime


def applied_import(year, as_of, rows, applied_by, applied_on=None, name=None, unmatched=(), docstatus=1):
	"""A Budget Execution Import as its apply leaves it: rows, as-of date, applied."""
	doc = frappe.get_doc(
		{
			"doctype": "Budget Execution Import",
			"performance_year": year,
			"source": "Upload",
			"as_of_date": as_of,
			"has_initial": 1,
			"has_adjusted": 1,
			"has_executed": 1,
			"projects": rows,
			"unmatched": list(unmatched),
		}
	)
	doc.flags.ignore_validate = doc.flags.ignore_mandatory = doc.flags.ignore_links = True
	doc.insert(ignore_permissions=True, set_name=name)
	if docstatus:
		doc.db_set({"docstatus": 1, "applied_by": applied_by, "applied_on": applied_on or now_datetime()})
	return doc


def import_row(goal, **figures) -> dict:
	"""An import row of ``goal``'s project; ``figures``: executed_fiscal=118.5, …"""
	return {
		"project_code": goal.project_code,
		"project_name": goal.project_name,
		"budget_unit": goal.budget_unit,
		"performance_goal": goal.name,
		**figures,
	}
