"""Records in and out of the desk as the official Excel forms and the public
disclosure tables. The layouts live in perf_budget/excel (no Frappe); this
package adds what needs the site: permissions, unit isolation, lookups,
all-or-nothing writes and the HTTP download."""

import os

import frappe
from frappe import _
from frappe.utils import get_files_path


def send_workbook(data: bytes, filename: str) -> None:
	"""Answer the request with a file download (the .xlsx forms, the .docx written reports)."""
	frappe.local.response.filename = filename
	frappe.local.response.filecontent = data
	frappe.local.response.type = "binary"


def readable_docs(doctype: str, names: list[str]) -> list:
	"""The documents, each checked for read permission (exports obey isolation)."""
	docs = loaded_docs(doctype, names)
	for doc in docs:
		doc.check_permission("read")
	return docs


def loaded_docs(doctype: str, names: list[str]) -> list:
	"""The documents as frappe.get_doc loads them, with one query per table for
	all of them instead of one per table and document (an export of a unit's
	fifty forms made 250 queries)."""
	if not names:
		return []
	found = frappe.db.get_values(doctype, {"name": ("in", names)}, "*", as_dict=True, order_by=None)
	rows = {row.name: row for row in found}
	for name in names:
		if name not in rows:
			frappe.throw(_("{0} {1} not found").format(_(doctype), name), frappe.DoesNotExistError)
	for field in frappe.get_meta(doctype).get_table_fields():
		for row in rows.values():
			row[field.fieldname] = []
		filters = {"parent": ("in", list(rows)), "parenttype": doctype, "parentfield": field.fieldname}
		for child in frappe.db.get_values(field.options, filters, "*", as_dict=True, order_by="idx asc"):
			rows[child.parent][field.fieldname].append(child)
	return [frappe.get_doc({**rows[name], "doctype": doctype}) for name in names]


def uploaded_file(file_url: str | None) -> tuple[bytes, str]:
	"""Content (bytes, whatever the file holds) and name of the very File the
	user uploaded and may read. Frappe stores an empty upload as a File with
	no URL, and ``File.get_content`` then reads ``/private/files/<its name>`` —
	an older upload of that name, or another user's — so the content is read
	only from the File's own URL, and an empty upload is refused."""
	file_url = file_url or ""
	if not file_url:
		frappe.throw(_("The uploaded file is empty; choose the filled form and upload it again."))
	file = own_file(file_url)
	path = os.path.realpath(file.get_full_path())
	if not (path.startswith(files_folder(file_url)) and os.path.isfile(path)):
		not_found(file_url)
	with open(path, "rb") as stream:
		data = stream.read()
	if not data:
		frappe.throw(
			_("The uploaded file {0} is empty; choose the filled form and upload it again.").format(
				file.file_name
			)
		)
	return data, file.file_name


def own_file(file_url: str):
	"""The File at exactly this URL that the user uploaded, or else one they may
	read (Frappe gives identical content one URL and a File per upload)."""
	from perf_budget.security.records import can

	if not file_url.startswith(("/files/", "/private/files/")):
		not_found(file_url)
	rows = frappe.get_all(
		"File",
		filters={"file_url": file_url, "is_folder": 0},
		fields=["name", "owner", "file_url"],
		order_by="creation desc",
	)
	# the database compares without case and trailing blanks; the URL must be the very one
	rows = [row for row in rows if row.file_url == file_url]
	mine = [row.name for row in rows if row.owner == frappe.session.user]
	readable = mine or [row.name for row in rows if can("File", "read", doc=row.name)]
	if not readable:
		not_found(file_url)
	return frappe.get_doc("File", readable[0])


def files_folder(file_url: str) -> str:
	"""The folder a File URL must stay inside (no ../ out of it)."""
	return os.path.realpath(get_files_path(is_private=file_url.startswith("/private/"))) + os.sep


def not_found(file_url: str):
	# the same answer for a file that is not there and one that is not yours
	frappe.throw(_("The uploaded file {0} was not found.").format(file_url), frappe.PermissionError)


def round_record(doc, record_keys, indicator_keys) -> dict:
	"""A round record (monitoring, self-evaluation) as its form's layout reads it."""
	record = {key: doc.get(key) for key in record_keys}
	record["performance_year"] = str(doc.performance_year)
	record["expenditure_type"] = doc.expenditure_type  # the form's title names it
	record["indicators"] = [{key: row.get(key) for key in indicator_keys} for row in doc.indicators]
	return record
