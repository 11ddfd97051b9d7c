"""Records in and out of the desk as the official Excel forms and the public
disclosure tables. The layouts live in perf_budget/forms (no Frappe); this
package adds what needs the site: permissions, unit isolation, lookups,
all-or-nothing writes and the HTTP download."""

import frappe


def send_workbook(data: bytes, filename: str) -> None:
	"""Answer the request with an .xlsx download."""
	frappe.local.response.filename = filename
	frappe.local.response.filecontent = data
	frappe.local.response.type = "binary"
