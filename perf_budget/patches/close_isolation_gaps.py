"""Sites made before unit isolation held everywhere: attachments of unit
records become private, and shares that widened a unit user past their units
are removed (security/files.py refuses new ones)."""

import frappe

from perf_budget.doctypes import CHILD_DOCTYPES, UNIT_DOCTYPES
from perf_budget.permissions import allowed_units
from perf_budget.security.records import unit_of


def execute():
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": ["in", UNIT_DOCTYPES], "is_private": 0, "is_folder": 0},
		pluck="name",
	):
		file = frappe.get_doc("File", name)
		file.is_private = 1
		file.save(ignore_permissions=True)  # Frappe moves the file to private/files
	for share in frappe.get_all(
		"DocShare",
		filters={"share_doctype": ["in", [*UNIT_DOCTYPES, *CHILD_DOCTYPES, "Budget Unit"]]},
		fields=["name", "share_doctype", "share_name", "user", "everyone"],
	):
		units = allowed_units(share.user) if share.user else []
		if (
			share.everyone
			or share.share_doctype in CHILD_DOCTYPES
			or (units is not None and unit_of(share.share_doctype, share.share_name) not in units)
		):
			frappe.delete_doc("DocShare", share.name, ignore_permissions=True, force=True)
