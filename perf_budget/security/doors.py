"""Frappe 15 whitelisted methods that skip permission checks, made to honour
them (``override_whitelisted_methods`` in hooks.py).

Each override keeps Frappe's behaviour and answer shape; it only adds the
check Frappe leaves out, mostly for the app's unit records, and otherwise
hands the call to Frappe's own function.
"""

import inspect

import frappe
from frappe import _
from frappe.utils import cint, get_safe_filters

from perf_budget.doctypes import (
	BOUND,
	CHILD_DOCTYPES,
	FINANCE_CHAINED_DOCTYPES,
	FINANCE_DOCTYPES,
	POINTERS,
	UNIT_DOCTYPES,
)
from perf_budget.permissions import allowed_units
from perf_budget.security.records import can, record_readable


def isolated(doctype: str | None) -> bool:
	"""DocTypes whose rows the unit rule filters (records, rows, pointers), and
	finance's own records, which no unit user reads."""
	return bool(doctype) and (
		doctype in BOUND
		or doctype in CHILD_DOCTYPES
		or doctype in POINTERS
		or doctype in FINANCE_CHAINED_DOCTYPES
	)


def require_read(doctype: str, name: str | None = None) -> None:
	if not can(doctype, "read", doc=name):
		frappe.throw(_("You have no permission to read {0}.").format(_(doctype)), frappe.PermissionError)


def require_record(doctype: str, name: str, ptype: str = "read") -> None:
	"""A unit record (or a row of one) the user may ``ptype``."""
	if record_readable(doctype, name) is False or (doctype in BOUND and not can(doctype, ptype, doc=name)):
		frappe.throw(
			_("{0} {1} is not one of your unit's records.").format(_(doctype), name), frappe.PermissionError
		)


def overridden(method: str) -> str:
	"""The method a whitelisted path really runs (its override, if any)."""
	return (frappe.get_hooks("override_whitelisted_methods") or {}).get(method, [method])[-1]


# -- counts ----------------------------------------------------------------------
@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""``frappe.client.get_count`` counts with no permission check in Frappe 15
	(versions, comments, assignments of any record, one guess at a time)."""
	require_read(doctype)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as count"], order_by=None
	)
	return cint(rows[0].count) if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's group-by counts: read permission first, and the
	assigned-to counts only over records the user may read."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	require_read(doctype)
	if field != "assigned_to" or not isolated(doctype):
		return frappe_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=0
	)
	if not names:
		return []
	todo = frappe.qb.DocType("ToDo")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.select(todo.allocated_to.as_("name"), count)
		.where(todo.status != "Cancelled")
		.where(todo.reference_type == doctype)
		.where(todo.reference_name.isin(names))
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
	).run(as_dict=True)


# -- search ----------------------------------------------------------------------
@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters=None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""With ``ignore_user_permissions`` Frappe searches with no permission
	check at all; unit records are always searched with the unit rule. A
	custom ``query`` runs the method the path is overridden with."""
	from frappe.desk.search import search_widget as frappe_search_widget

	if isolated(doctype):
		ignore_user_permissions = False
	return frappe_search_widget(
		doctype,
		txt,
		overridden(query) if query else None,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters=None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	from frappe.desk.search import build_for_autosuggest

	results = search_widget(
		doctype,
		(txt or "").strip(),
		query,
		searchfield=searchfield,
		page_length=page_length,
		filters=filters,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)
	return build_for_autosuggest(results, doctype=doctype)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""Frappe answers whether any name exists; a unit record the user may not
	read answers as not found."""
	from frappe.client import validate_link as frappe_validate_link

	if isinstance(doctype, str) and isolated(doctype) and record_readable(doctype, docname) is False:
		return frappe._dict(name=None)  # Frappe's answer for a name that does not exist
	return frappe_validate_link(doctype, docname, fields)


# -- tags, likes, follows --------------------------------------------------------
@frappe.whitelist()
def add_tag(tag, dt, dn, color=None):
	from frappe.desk.doctype.tag.tag import add_tag as frappe_add_tag

	guard_tagging(dt, [dn])
	return frappe_add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt, docs, color=None):
	from frappe.desk.doctype.tag.tag import add_tags as frappe_add_tags

	guard_tagging(dt, frappe.parse_json(docs))
	return frappe_add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag, dt, dn):
	from frappe.desk.doctype.tag.tag import remove_tag as frappe_remove_tag

	guard_tagging(dt, [dn])
	return frappe_remove_tag(tag, dt, dn)


def guard_tagging(doctype: str, names: list) -> None:
	"""Frappe tags any record of any DocType; a tag is a change of the record."""
	for name in names or []:
		if not can(doctype, "write", doc=name):
			frappe.throw(_("You cannot tag {0} {1}.").format(_(doctype), name), frappe.PermissionError)


@frappe.whitelist()
def get_tagged_docs(doctype, tag):
	"""Frappe lists every tagged name once the DocType is readable."""
	require_read(doctype)
	return [(name,) for name in frappe.get_list(doctype, filters={"_user_tags": ["like", tag]}, pluck="name")]


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	from frappe.desk.like import toggle_like as frappe_toggle_like

	if not can(doctype, "read", doc=name):
		frappe.throw(_("You cannot like {0} {1}.").format(_(doctype), name), frappe.PermissionError)
	return frappe_toggle_like(doctype, name, add)


@frappe.whitelist()
def follow_document(doctype, doc_name, user):
	from frappe.desk.form.document_follow import follow_document as frappe_follow

	guard_follow(doctype, doc_name, user)
	return frappe_follow(doctype, doc_name, user)


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	from frappe.desk.form.document_follow import update_follow as frappe_update_follow

	guard_follow(doctype, doc_name, frappe.session.user)
	return frappe_update_follow(doctype, doc_name, following)


@frappe.whitelist()
def get_follow_users(doctype, doc_name):
	from frappe.desk.form.document_follow import get_follow_users as frappe_get_follow_users

	require_read(doctype, doc_name)
	return frappe_get_follow_users(doctype, doc_name)


def guard_follow(doctype, doc_name, user):
	if user != frappe.session.user and frappe.session.user != "Administrator":
		frappe.throw(_("You can only follow documents yourself."), frappe.PermissionError)
	if not can(doctype, "read", doc=doc_name):
		frappe.throw(_("You cannot follow {0} {1}.").format(_(doctype), doc_name), frappe.PermissionError)


# -- linked documents ---------------------------------------------------------------
@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str):
	"""Frappe lists every submitted document linking to any name."""
	from frappe.desk.form.linked_with import get_submitted_linked_docs as frappe_linked

	require_read(doctype, name)
	return frappe_linked(doctype, name)


# -- files -------------------------------------------------------------------------
@frappe.whitelist(allow_guest=True)
def upload_file():
	"""Files uploaded to a unit record, or to finance's budget-system imports (every
	unit's figures), are private whatever the uploader's tick (Frappe's default is public)."""
	from frappe.handler import upload_file as frappe_upload_file

	if frappe.form_dict.doctype in BOUND or frappe.form_dict.doctype in FINANCE_DOCTYPES:
		frappe.form_dict.is_private = 1
	return frappe_upload_file()


@frappe.whitelist(allow_guest=True)
def download_file(file_url: str):
	"""Frappe's check of the File names the record it is attached to when it refuses."""
	from frappe.handler import download_file as frappe_download_file

	name = frappe.db.get_value("File", {"file_url": file_url})
	if allowed_units() is not None and (not name or not can("File", "read", doc=name)):
		frappe.throw(_("The file {0} was not found.").format(file_url), frappe.PermissionError)
	return frappe_download_file(file_url)


# -- documents, charts, search ------------------------------------------------------
@frappe.whitelist()
def get(doctype, name=None, filters=None, parent=None):
	"""A child row fetched on its own is checked against its record (Frappe
	checks only that the parent DocType is readable)."""
	from frappe.client import get as frappe_get

	if doctype in CHILD_DOCTYPES:
		row = name or frappe.db.get_value(doctype, frappe.parse_json(filters) if filters else {}, "name")
		require_record(doctype, row)
	return frappe_get(doctype, name, filters, parent)


@frappe.whitelist()
def get_chart(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""Dashboard charts over unit records are worked out for each user: Frappe
	caches a chart's figures under its name for everybody, and draws heatmaps
	of a chart passed as JSON without any permission check."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_get_chart

	if chart_name:
		definition = frappe.get_doc("Dashboard Chart", chart_name)
	else:
		try:
			definition = frappe.parse_json(chart)
		except ValueError:
			definition = None
		if not isinstance(definition, dict):
			frappe.throw(_("Name the dashboard chart to show, or send its definition as a JSON object."))
	args = {
		"chart_name": chart_name,
		"chart": chart,
		"no_cache": no_cache,
		"filters": filters,
		"from_date": from_date,
		"to_date": to_date,
		"timespan": timespan,
		"time_interval": time_interval,
		"heatmap_year": heatmap_year,
		"refresh": refresh,
	}
	if not isolated(definition.get("document_type")):
		return frappe_get_chart(**args)
	if not chart_name and definition.get("type") == "Heatmap" and allowed_units() is not None:
		frappe.throw(
			_("Heatmaps of {0} are not available.").format(_(definition.document_type)),
			frappe.PermissionError,
		)
	require_read(definition.document_type)
	return chart_past_cache(**args)


@frappe.read_only()
def chart_past_cache(**args):
	"""The chart's figures worked out afresh, past Frappe's shared cache (whose
	refresh writes the chart's last_synced_on): reads only, so they are read on
	the read replica when the site has one."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as frappe_get_chart

	# Frappe's function under both its wrappers: whitelist's argument check, then cache_source
	return inspect.unwrap(frappe_get_chart)(**args)


@frappe.whitelist()
def get_workflow_state_count(doctype, workflow_state_field, states):
	"""Frappe counts every record per state once the DocType is readable."""
	from frappe.workflow.doctype.workflow.workflow import get_workflow_state_count as frappe_state_count

	if not isolated(doctype):
		return frappe_state_count(doctype, workflow_state_field, states)
	require_read(doctype)
	if workflow_state_field not in frappe.get_meta(doctype).get_valid_columns():
		return []
	rows = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", frappe.parse_json(states)]},
		group_by=workflow_state_field,
		order_by=None,
	)
	return [row for row in rows if row[workflow_state_field]]


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""Frappe's global search reads its index with no record check; unit
	records the user may not read are left out."""
	from frappe.utils.global_search import search as frappe_search

	return [
		row
		for row in frappe_search(text, start, limit, doctype)
		if not isolated(row.get("doctype")) or record_readable(row.doctype, row.name) is not False
	]


@frappe.whitelist()
def can_cancel_document(doctype):
	"""Whether the desk offers its standard Cancel on a submitted record. Frappe
	offers it whenever the workflow has no cancelled state; on the app's records
	with a workflow only a step of that workflow cancels (chain.check_cancel refuses
	anything else), and such a step, when the live workflow has one for the user,
	shows among the record's workflow actions."""
	from frappe.model.workflow import can_cancel_document as frappe_can_cancel

	from perf_budget.security.chain import live_workflow

	if doctype in UNIT_DOCTYPES and live_workflow(doctype):
		return False
	return frappe_can_cancel(doctype)
