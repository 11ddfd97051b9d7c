"""Importing forms that fill records a round created (self-evaluations,
monitoring): find each sheet's open record, check the unit and the state,
match the indicator rows to the confirmed goal's, then write every sheet or
none. The record-specific parts are passed in."""

from collections.abc import Callable

import frappe
from frappe import _

from perf_budget.excel.layout import FormError
from perf_budget.exchange.goals import raise_import_errors, stale_error, type_error
from perf_budget.permissions import allowed_units
from perf_budget.workflow.chains import chain


def project_filters(record: dict, **round_keys) -> dict:
	"""How a sheet finds its record: the project code when the sheet carries one
	(right of the print area), else the unit and the project name of the printed form."""
	if record.get("project_code"):
		return {"project_code": record["project_code"], **round_keys}
	return {"budget_unit": record["budget_unit"], "project_name": record["project_name"], **round_keys}


def import_round_forms(
	doctype: str,
	records: list[dict],
	errors: list[FormError],
	keys: Callable[[dict], dict],
	fill: Callable,
	missing_message: str,
) -> list:
	"""Write each record's sheet into its open ``doctype`` record, all or
	nothing; return the saved documents. ``missing_message`` (translated,
	{0} project code, {1} year) says why a sheet has no record to fill."""
	targets = {}
	if not errors:
		for record in records:
			name, record_errors = open_record(doctype, record, keys(record), missing_message)
			errors += record_errors
			targets[record["sheet"]] = name
	if errors:
		raise_import_errors(errors)
	saved = []
	savepoint = "round_form_import"
	frappe.db.savepoint(savepoint)
	try:
		for record in records:
			doc = frappe.get_doc(doctype, targets[record["sheet"]])
			fill(doc, record)
			doc.save()
			saved.append(doc)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return saved


def open_record(
	doctype: str, record: dict, filters: dict, missing_message: str
) -> tuple[str | None, list[FormError]]:
	"""The open record a sheet fills, or why it cannot."""
	sheet = record["sheet"]
	# only records the user may read: another unit's record is "not found",
	# never named (the file's codes are the importer's to choose)
	found = frappe.get_list(
		doctype,
		filters={**filters, "docstatus": 0},
		fields=["name", "workflow_state", "budget_unit", "modified", "expenditure_type"],
		limit_page_length=2,
	)
	project = record.get("project_code") or record["project_name"]
	if len(found) > 1:
		message = _(
			"{0} open records match project {1}; write its project code right of the form under 项目编码"
		)
		return None, [FormError(sheet, None, None, message.format(len(found), project))]
	found = found[0] if found else None
	if not found:
		return None, [
			FormError(sheet, None, None, _(missing_message).format(project, record["performance_year"]))
		]
	units = allowed_units()
	if units is not None and found.budget_unit not in units:
		message = _("You can only import records of your own unit, not {0}").format(found.budget_unit)
		return None, [FormError(sheet, None, None, message)]
	if not chain(doctype).is_in(found.workflow_state, "filing"):
		message = _("The record of {0} is {1} and cannot be replaced by a file")
		return None, [FormError(sheet, None, None, message.format(project, _(found.workflow_state)))]
	refused = type_error(record, found) or stale_error(record, found)
	if refused:
		return None, [refused]
	return found.name, indicator_errors(doctype, found.name, record)


def indicator_errors(doctype: str, name: str, record: dict) -> list[FormError]:
	"""The sheet's indicator rows must be exactly the confirmed goal's."""
	child = frappe.get_meta(doctype).get_field("indicators").options
	names = set(
		frappe.get_all(child, filters={"parent": name, "parenttype": doctype}, pluck="indicator_name")
	)
	sheet = record["sheet"]
	errors = [
		FormError(
			sheet,
			row["row"],
			"C",
			_("Indicator {0} is not in this project's confirmed goal").format(row["indicator_name"]),
		)
		for row in record["indicators"]
		if row["indicator_name"] not in names
	]
	in_file = {row["indicator_name"] for row in record["indicators"]}
	errors += [
		FormError(
			sheet,
			None,
			None,
			_("Indicator {0} of the confirmed goal is missing from the sheet").format(missing),
		)
		for missing in sorted(names - in_file)
	]
	return errors


def fill_rows(doc, record: dict, keys: tuple[str, ...]) -> dict:
	"""Copy the sheet's values of ``keys`` into the matching indicator rows;
	returns the sheet rows by indicator name."""
	rows = {row["indicator_name"]: row for row in record["indicators"]}
	for row in doc.indicators:
		row.update({key: rows[row.indicator_name].get(key) for key in keys})
	return rows
