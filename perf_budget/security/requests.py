"""One check at the door of every request (``auth_hooks``: after the user is
known, before any method or REST route runs).

Frappe 15 has methods that name a record by (DocType, name) and then look at
it with no permission check or one on the DocType only: print views of a
child row, link titles, next/previous, follows, relinking mail, tags, file
lists, the REST routes of child tables. Instead of finding each, a unit user's
request that names a unit record — or a row of one — they may not read is
refused here with 403, whatever method or route it goes to; a name that does
not exist is refused the same way, so the answer tells nothing.

Methods that call another whitelisted method by name (``query`` of the
search, ``tree_method`` of tree views, ``method`` of the uploader) would skip
``override_whitelisted_methods``; their argument is pointed at the override.
"""

import json
from urllib.parse import unquote

import frappe
from frappe import _

from perf_budget.permissions import allowed_units
from perf_budget.security.doors import isolated, overridden
from perf_budget.security.records import record_readable

# Request arguments that carry a DocType, and those that name its records.
DOCTYPE_KEYS = (
	"doctype",
	"dt",
	"reference_doctype",
	"ref_doctype",
	"document_type",
	"share_doctype",
	"attached_to_doctype",
	"reference_type",
	"link_doctype",
	"parenttype",
	"source_doctype",
	"from_doctype",
)
NAME_KEYS = (
	"name",
	"docname",
	"dn",
	"doc_name",
	"docnames",
	"names",
	"docs",
	"items",
	"reference_name",
	"reference_docname",
	"ref_docname",
	"document_name",
	"share_name",
	"attached_to_name",
	"link_name",
	"source_name",
)
# Methods whose name argument is not a record name (our own overrides answer them).
NOT_A_RECORD = {
	"frappe.client.validate_link",
	"frappe.client.rename_doc",
	"frappe.model.rename_doc.update_document_title",
}
INDIRECT_KEYS = ("query", "tree_method", "method")
ROUTES = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def guard_request():
	if not getattr(frappe.local, "request", None) or frappe.session.user == "Administrator":
		return
	form = frappe.local.form_dict
	for key in INDIRECT_KEYS:
		if isinstance(form.get(key), str) and "." in form[key]:
			form[key] = overridden(form[key])
	if allowed_units() is None:
		return
	for doctype, name in named_records(form, frappe.local.request.path):
		if name == "new" or name.startswith("new-"):
			continue  # a form not saved yet (the desk's /app/<doctype>/new)
		if record_readable(doctype, name) is False:
			frappe.throw(
				_("{0} {1} is not one of your unit's records.").format(_(doctype), name),
				frappe.PermissionError,
			)


def named_records(form, path: str):
	"""(DocType, name) pairs a request names: REST routes, argument pairs, and
	documents passed as JSON."""
	for prefix in ROUTES:
		if path.startswith(prefix):
			parts = [unquote(p) for p in path[len(prefix) :].split("/")]
			if len(parts) >= 2 and parts[1] and isolated(parts[0]):
				yield parts[0], parts[1]
	method = path.split("/api/method/", 1)[-1] if "/api/method/" in path else form.get("cmd")
	if method in NOT_A_RECORD:
		return
	for doctype_key in DOCTYPE_KEYS:
		doctype = form.get(doctype_key)
		if not isinstance(doctype, str) or not isolated(doctype):
			continue
		for name_key in NAME_KEYS:
			for name in names_in(form.get(name_key)):
				yield doctype, name
	if method == "frappe.desk.form.utils.get_next" and isolated(form.get("doctype")):
		yield form.doctype, form.get("value")
	for key in ("doc", "docs"):
		for doc in documents_in(form.get(key)):
			yield doc["doctype"], doc["name"]


def names_in(value):
	if isinstance(value, str) and value.startswith("["):
		try:
			value = json.loads(value)
		except ValueError:
			return
	if isinstance(value, str) and value:
		yield value
	elif isinstance(value, list | tuple):
		yield from (v for v in value if isinstance(v, str) and v)


def documents_in(value):
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			return
	for doc in value if isinstance(value, list) else [value]:
		if (
			isinstance(doc, dict)
			and isolated(doc.get("doctype"))
			and isinstance(doc.get("name"), str)
			and not doc.get("__islocal")
			and not doc["name"].startswith("new-")
		):
			yield doc
