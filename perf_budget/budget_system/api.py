"""The budget system's push over REST (issue 16): the same import as the
desk's upload, split the same way. ``push`` makes the draft import (the
preview); ``apply`` submits it. Finance roles only; every refusal is the
desk's."""

import base64
import binascii
import json

import frappe
from frappe import _

from perf_budget.budget_system import importing, reader
from perf_budget.roles import FINANCE_ROLES

IMPORT = "Budget Execution Import"
PUSH = "Budget System Push"


@frappe.whitelist(methods=["POST"])
def push(performance_year, rows=None, file=None, filename=None, import_mapping=None, as_of_date=None):
	"""A draft import from ``rows`` (a JSON list of objects keyed by the export's
	titles or reader.KEYS) or ``file`` (the .xlsx/.xls/.csv export, base64) named
	``filename``; returns its name, counts and projects: the preview."""
	frappe.only_for(FINANCE_ROLES)
	if (rows is None) == (file is None):
		frappe.throw(_("Send either rows or file, not both and not neither."))
	doc = frappe.new_doc(IMPORT)
	doc.update(
		{
			"performance_year": performance_year,
			"import_mapping": import_mapping or importing.default_mapping(),
			"source": PUSH,
			"as_of_date": as_of_date,
		}
	)
	if rows is not None:
		doc.pushed_rows = json.dumps(parsed(rows, "rows"), ensure_ascii=False)
	else:
		doc.source_file = saved_file(file, filename)
	doc.insert()
	return answer(doc)


def parsed(value, name: str):
	"""A JSON argument as sent (a string is parsed; a list or dict given by a Python caller is kept)."""
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		frappe.throw(_("{0} is not valid JSON: send a JSON list.").format(name))


def saved_file(content: str, filename: str | None) -> str:
	"""The pushed export kept as a private File (attached to the import when it is saved)."""
	if not filename or not filename.lower().endswith(reader.FILE_EXTENSIONS):
		frappe.throw(_("Name the pushed file with its extension, .xlsx, .xls or .csv."))
	try:
		data = base64.b64decode(content, validate=True)
	except (binascii.Error, ValueError, TypeError):
		frappe.throw(_("The pushed file is not base64: send the export's bytes encoded in base64."))
	return (
		frappe.get_doc({"doctype": "File", "file_name": filename, "content": data, "is_private": 1})
		.insert()
		.file_url
	)


@frappe.whitelist(methods=["POST"])
def apply(name, overwrite=None):
	"""Apply the draft import ``name``. ``overwrite``: a JSON list of the project
	codes whose records under review are written too (as the desk's ticks); not
	given, the ticks saved on the import stay. Returns what was written."""
	frappe.only_for(FINANCE_ROLES)
	doc = frappe.get_doc(IMPORT, name)
	doc.check_permission("submit")
	if doc.docstatus != 0:
		frappe.throw(_("{0} was applied already; push the file again for a new preview.").format(name))
	if overwrite is not None:
		codes = parsed(overwrite, "overwrite") or []
		if not isinstance(codes, list):
			frappe.throw(_('overwrite is a JSON list of project codes, e.g. ["330100260001"].'))
		codes = {str(code).strip() for code in codes}
		choosing = {
			row.project_code for row in doc.projects if importing.CHOICE in importing.actions_of(row).values()
		}
		if codes - choosing:
			frappe.throw(
				_("Not a project with records under review in {0}: {1}").format(
					name, ", ".join(sorted(codes - choosing))
				)
			)
		for row in doc.projects:
			row.overwrite = int(row.project_code in codes)
	doc.submit()
	answer_ = answer(doc)
	answer_["written"] = [
		{"doctype": doctype, "name": row.get(importing.LINK[doctype]), "project_code": row.project_code}
		for row in doc.projects
		for doctype, prefix in importing.PREFIX.items()
		if importing.matching.writes(row.get(f"{prefix}_action"), row.overwrite)
	]
	return answer_


def answer(doc) -> dict:
	return {
		"name": doc.name,
		"docstatus": doc.docstatus,
		"as_of_date": str(doc.as_of_date),
		"file_hash": doc.file_hash,
		**{
			field: doc.get(field)
			for field in (
				"projects_matched",
				"codes_unmatched",
				"goals_without_rows",
				"records_to_fill",
				"records_needing_choice",
				"records_not_written",
			)
		},
		"projects": [
			{
				"project_code": row.project_code,
				"budget_unit": row.budget_unit,
				**{
					f"{prefix}_action": row.get(f"{prefix}_action")
					for prefix in importing.PREFIX.values()
					if row.get(f"{prefix}_action")
				},
				**{link: row.get(link) for link in importing.LINK.values() if row.get(link)},
				"overwrite": row.overwrite,
				"note": row.note or "",
			}
			for row in doc.projects
		],
		"unmatched": [{"project_code": row.project_code, "note": row.note} for row in doc.unmatched],
		"missing_goals": [row.performance_goal for row in doc.missing_goals],
	}
