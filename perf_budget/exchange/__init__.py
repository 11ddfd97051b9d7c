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


def readable_docs(doctype: str, names: list[str]) -> list:
	"""The documents, each checked for read permission (exports obey isolation)."""
	docs = [frappe.get_doc(doctype, name) for name in names]
	for doc in docs:
		doc.check_permission("read")
	return docs


def uploaded_file(file_url: str) -> tuple[bytes, str]:
	"""Content and name of a File the user uploaded (and may read)."""
	from perf_budget.security.records import can

	name = frappe.db.get_value("File", {"file_url": file_url})
	if not name or not can("File", "read", doc=name):
		# the same answer for a file that is not there and one that is not yours
		frappe.throw(
			frappe._("The uploaded file {0} was not found.").format(file_url), frappe.PermissionError
		)
	file = frappe.get_doc("File", name)
	return file.get_content(), file.file_name


def round_record(doc, record_keys, indicator_keys) -> dict:
	"""A round record (monitoring, self-evaluation) as its form's layout reads it."""
	record = {key: doc.get(key) for key in record_keys}
	record["performance_year"] = str(doc.performance_year)
	record["indicators"] = [{key: row.get(key) for key in indicator_keys} for row in doc.indicators]
	return record
