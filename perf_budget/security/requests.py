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

Before that, for every user: an argument that must be JSON and is not is
answered 400 (Frappe's methods parse it themselves and fail with a 500), and
the documents a request sends are checked for their shape
(``security/values.py``). Error answers carry no traceback except for a
System Manager (``clean_error_answer``).
"""

import json
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.translate import get_language

from perf_budget.permissions import allowed_units
from perf_budget.roles import SYSTEM_MANAGER
from perf_budget.security.doors import isolated, overridden
from perf_budget.security.records import record_readable
from perf_budget.security.values import check_sent_document

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
# Arguments Frappe's methods (and ours) read as JSON when they are text.
JSON_ARGS = (
	"doc",
	"docs",
	"data",
	"args",
	"kwargs",
	"filters",
	"or_filters",
	"current_filters",
	"fields",
	"fieldname",
	"values",
	"names",
	"docnames",
	"items",
	"selected_items",
	"templates",
	"columns",
)
# What an error answer carries of the traceback (API v1 and v2).
TRACEBACK_KEYS = ("exc", "exception", "_exc_source")


class MalformedRequest(frappe.ValidationError):
	http_status_code = 400


def guard_request():
	if not getattr(frappe.local, "request", None):
		return
	frappe.local.flags.disable_traceback = not shows_tracebacks()
	form = frappe.local.form_dict
	refuse_malformed_json(form)
	for doctype, values in sent_documents(form, frappe.local.request):
		check_sent_document(doctype, values)
	if frappe.session.user == "Administrator":
		return
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


def refuse_malformed_json(form) -> None:
	for key in JSON_ARGS:
		value = form.get(key)
		if not (isinstance(value, str) and value.lstrip()[:1] in ("{", "[")):
			continue
		try:
			json.loads(value)
		except ValueError as error:
			frappe.throw(
				_("The argument {0} is not valid JSON (at character {1}).").format(
					key, getattr(error, "pos", 0) + 1
				),
				MalformedRequest,
			)


def sent_documents(form, request):
	"""(DocType, values) of the documents a request sends to be saved: a REST
	body, ``doc`` / ``docs`` arguments, ``frappe.client.set_value``'s values."""
	if request.method in ("POST", "PUT", "PATCH"):
		for prefix in ROUTES:
			if request.path.startswith(prefix):
				yield unquote(request.path[len(prefix) :].split("/")[0]), parsed(form.get("data", form))
	for key in ("doc", "docs"):
		value = parsed(form.get(key))
		for doc in value if isinstance(value, list) else [value]:
			if isinstance(doc, dict):
				yield doc.get("doctype"), doc
	if "frappe.client.set_value" in (request.path.rsplit("/", 1)[-1], form.get("cmd")):
		fieldname = parsed(form.get("fieldname"))
		if isinstance(fieldname, dict):
			yield form.get("doctype"), fieldname
		elif isinstance(fieldname, str):
			# Frappe sets ``value`` as it came: text where rows belong is refused as such
			yield form.get("doctype"), {fieldname: form.get("value")}


def parsed(value):
	"""A JSON argument as Frappe's methods read it (refuse_malformed_json has
	let only valid JSON through)."""
	if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
		return json.loads(value)
	return value


def shows_tracebacks() -> bool:
	user = (getattr(frappe.local, "session", None) or {}).get("user")
	return bool(frappe.db and user and SYSTEM_MANAGER in frappe.get_roles(user))


def clean_error_answer(response, request):
	"""after_request: a body that is not JSON failed in Frappe before any hook
	ran (a 500 with a traceback); it is answered 400 with a message. Other error
	answers lose a traceback Frappe added past ``disable_traceback`` (its legacy
	uploader prints one into the answer)."""
	if response.status_code < 400 or response.mimetype != "application/json":
		return
	if response.status_code == 500 and request.is_json and not body_is_json(request):
		frappe.local.lang = get_language()  # no session was made: the browser's or the site's
		answer_malformed_body(response, request)
		return
	if shows_tracebacks():
		return
	answer = json.loads(response.get_data() or "{}")
	if isinstance(answer, dict) and without_traceback(answer):
		response.set_data(json.dumps(answer))


def without_traceback(answer: dict) -> bool:
	"""Drops what an error answer carries of a traceback; True when it had some."""
	found = [answer.pop(key) for key in TRACEBACK_KEYS if key in answer]
	for error in answer.get("errors") or []:
		if isinstance(error, dict) and "exception" in error:
			found.append(error.pop("exception"))
	return bool(found)


def body_is_json(request) -> bool:
	try:
		json.loads(request.get_data(as_text=True))
	except ValueError:
		return False
	return True


def answer_malformed_body(response, request):
	message = _("The request body is not valid JSON.")
	if request.path.startswith("/api/v2/"):
		answer = {"errors": [{"type": MalformedRequest.__name__, "message": message}]}
	else:
		shown = {"message": message, "indicator": "red", "raise_exception": 1}
		answer = {"exc_type": MalformedRequest.__name__, "_server_messages": json.dumps([json.dumps(shown)])}
	response.status_code = MalformedRequest.http_status_code
	response.set_data(json.dumps(answer))
