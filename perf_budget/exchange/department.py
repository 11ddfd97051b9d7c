"""部门整体支出绩效目标申报表, 监控表 and 自评表 in and out: one record from its
form, or a year's (a round's) records in one workbook; a filled form back into
the unit's draft while it is being filed. Layouts in perf_budget/excel.

A sheet finds its record by unit and year (and the round's month): a unit has
one department-wide record of each kind a year. Nothing is written unless
every sheet is right; another unit's record is never reached (lists are read
with the user's permissions); a closed year takes no file.
"""

import frappe
from frappe import _
from frappe.utils import cint

from perf_budget.excel import (
	department_evaluation_form,
	department_goal_form,
	department_monitoring_form,
	read_form,
)
from perf_budget.excel.layout import FormError
from perf_budget.exchange import readable_docs, send_workbook, uploaded_file
from perf_budget.exchange.evaluations import score_differences
from perf_budget.exchange.goals import export_stamp, raise_import_errors, stale_error
from perf_budget.permissions import allowed_units
from perf_budget.rules.department_evaluation import department_rules
from perf_budget.rules.goal_quality import check_goal
from perf_budget.settings import get_rules, result_synonyms
from perf_budget.workflow.chains import chain

GOAL = "Department Performance Goal"
MONITORING = "Department Performance Monitoring"
EVALUATION = "Department Performance Evaluation"

# What a filled form writes into the record (the rest is the system's: sums, rates, lights, scores).
GOAL_FIELDS = (
	"functions_overview",
	"authorized_staff",
	"actual_staff",
	"personnel_expenditure",
	"public_expenditure",
	"project_expenditure",
	*department_goal_form.SOURCES,
	"annual_goal",
)
TASK_FIELDS = ("task_name", "task_content", "fiscal_amount", "other_amount")
GOAL_ROW_FIELDS = department_goal_form.INDICATOR_KEYS
MONITORING_FIELDS = ("annual_budget", "executed_amount", "goal_progress", "task_progress")
MONITORING_ROW_FIELDS = (
	"actual_to_date",
	"actual_text",
	"qualitative_progress",
	"expected_completion",
	"likelihood",
	"reason_other",
	"corrective_measure",
)
EVALUATION_FIELDS = (
	"annual_budget",
	"executed_amount",
	"actual_completion",
	"valid_respondents",
	"satisfied_respondents",
	"problems",
	"improvements",
)
EVALUATION_ROW_FIELDS = ("actual_value", "actual_text", "qualitative_result", "deviation_analysis")


# ---------------------------------------------------------------- export


def _record(doc, keys, indicator_keys) -> dict:
	record = {key: doc.get(key) for key in keys}
	record["performance_year"] = str(doc.performance_year)
	record["indicators"] = [{key: row.get(key) for key in indicator_keys} for row in doc.indicators]
	return record | export_stamp(doc)


def goal_record(doc) -> dict:
	record = _record(doc, department_goal_form.RECORD_KEYS, GOAL_ROW_FIELDS)
	record["key_tasks"] = [
		{key: row.get(key) for key in department_goal_form.TASK_KEYS} for row in doc.key_tasks
	]
	return record


def monitoring_record(doc) -> dict:
	return _record(doc, department_monitoring_form.RECORD_KEYS, department_monitoring_form.INDICATOR_KEYS)


def evaluation_record(doc) -> dict:
	return _record(doc, department_evaluation_form.RECORD_KEYS, department_evaluation_form.INDICATOR_KEYS)


def goal_workbook(names: list[str]) -> bytes:
	return department_goal_form.export_goals([goal_record(doc) for doc in readable_docs(GOAL, names)])


def monitoring_workbook(names: list[str]) -> bytes:
	docs = readable_docs(MONITORING, names)
	return department_monitoring_form.export_monitorings([monitoring_record(doc) for doc in docs])


def evaluation_workbook(names: list[str]) -> bytes:
	docs = readable_docs(EVALUATION, names)
	return department_evaluation_form.export_evaluations(
		[evaluation_record(doc) for doc in docs], score_decimals=get_rules().score_precision
	)


def _names(doctype: str, budget_unit: str | None = None, **filters) -> list[str]:
	"""The records a person works with (drafts and submitted, not cancelled), by the user's permissions."""
	if budget_unit:
		filters["budget_unit"] = budget_unit
	return frappe.get_list(
		doctype, filters={**filters, "docstatus": ["<", 2]}, pluck="name", order_by="budget_unit, name"
	)


@frappe.whitelist()
@frappe.read_only()
def export_department_goal(name: str):
	doc = frappe.get_doc(GOAL, name)
	send_workbook(
		goal_workbook([name]), f"{doc.budget_unit}-{doc.performance_year}-{department_goal_form.TITLE}.xlsx"
	)


@frappe.whitelist()
@frappe.read_only()
def export_department_goals(performance_year: str, budget_unit: str | None = None):
	names = _names(GOAL, budget_unit, performance_year=performance_year)
	send_workbook(goal_workbook(names), f"{performance_year}-{department_goal_form.TITLE}.xlsx")


@frappe.whitelist()
@frappe.read_only()
def export_department_monitoring(name: str):
	doc = frappe.get_doc(MONITORING, name)
	send_workbook(
		monitoring_workbook([name]),
		f"{doc.budget_unit}-{doc.performance_year}-1-{doc.period_end_month}月{department_monitoring_form.TITLE}.xlsx",
	)


@frappe.whitelist()
@frappe.read_only()
def export_department_monitorings(
	performance_year: str, period_end_month: int, budget_unit: str | None = None
):
	names = _names(
		MONITORING, budget_unit, performance_year=performance_year, period_end_month=cint(period_end_month)
	)
	send_workbook(
		monitoring_workbook(names),
		f"{performance_year}-1-{cint(period_end_month)}月{department_monitoring_form.TITLE}.xlsx",
	)


@frappe.whitelist()
@frappe.read_only()
def export_department_evaluation(name: str):
	doc = frappe.get_doc(EVALUATION, name)
	send_workbook(
		evaluation_workbook([name]),
		f"{doc.budget_unit}-{doc.performance_year}-{department_evaluation_form.TITLE}.xlsx",
	)


@frappe.whitelist()
@frappe.read_only()
def export_department_evaluations(performance_year: str, budget_unit: str | None = None):
	names = _names(EVALUATION, budget_unit, performance_year=performance_year)
	send_workbook(evaluation_workbook(names), f"{performance_year}-{department_evaluation_form.TITLE}.xlsx")


# ---------------------------------------------------------------- import


@frappe.whitelist(methods=["POST"])
def import_department_goal_file(file_url: str) -> dict:
	return import_goals(*uploaded_file(file_url))


@frappe.whitelist(methods=["POST"])
def import_department_monitoring_file(file_url: str) -> dict:
	return import_monitorings(*uploaded_file(file_url))


@frappe.whitelist(methods=["POST"])
def import_department_evaluation_file(file_url: str) -> dict:
	return import_evaluations(*uploaded_file(file_url))


def import_goals(data: bytes, filename: str = "") -> dict:
	"""Fill each unit's department goal of the year from its sheet (a unit without one gets a new draft)."""
	records, errors = read_form("department_goal", data or b"", filename)
	targets = _targets(GOAL, records, errors, create=True)
	docs = _write(GOAL, records, targets, _fill_goal)
	return {"updated": [doc.name for doc in docs]}


def import_monitorings(data: bytes, filename: str = "") -> dict:
	"""Fill the round's department monitoring records from their sheets; the lights are recomputed."""
	records, errors = read_form("department_monitoring", data or b"", filename)
	targets = _targets(MONITORING, records, errors, round_key="period_end_month")
	docs = _write(MONITORING, records, targets, _fill_monitoring)
	return {
		"updated": [doc.name for doc in docs],
		"warning_levels": {doc.name: doc.warning_level for doc in docs},
	}


def import_evaluations(data: bytes, filename: str = "") -> dict:
	"""Fill the department self-evaluations from their sheets; scores are the rules', differences listed."""
	records, errors = read_form("department_evaluation", data or b"", filename, result_synonyms())
	targets = _targets(EVALUATION, records, errors)
	docs = _write(EVALUATION, records, targets, _fill_evaluation)
	differences = [
		line for record, doc in zip(records, docs, strict=True) for line in score_differences(record, doc)
	]
	return {"updated": [doc.name for doc in docs], "differences": differences}


def _targets(
	doctype: str, records: list[dict], errors: list[FormError], create=False, round_key=None
) -> dict:
	"""Each sheet's record (None: a new one), or every reason why not; raises when there is any."""
	targets = {}
	seen = {}
	for record in records if not errors else ():
		sheet = record["sheet"]
		key = (
			record["budget_unit"],
			record["performance_year"],
			record.get(round_key) if round_key else None,
		)
		if key in seen:
			errors.append(
				_sheet_error(
					record, _("Sheets {0} and {1} are both for {2}").format(seen[key], sheet, key[0])
				)
			)
			continue
		seen[key] = sheet
		found, problems = _open_record(doctype, record, create, round_key)
		errors += problems
		targets[sheet] = found
		if doctype == GOAL and not problems:
			errors += _goal_indicator_errors(record)
		elif found and not problems:
			errors += _row_errors(doctype, found, record)
	if errors:
		raise_import_errors(errors)
	return targets


def _sheet_error(record: dict, message: str) -> FormError:
	return FormError(record["sheet"], None, None, message)


def _open_record(doctype: str, record: dict, create: bool, round_key: str | None):
	"""The draft a sheet fills, checked for year, unit, stage and version; or the errors."""
	unit, year = record["budget_unit"], record["performance_year"]
	status = frappe.db.get_value("Performance Year", year, "status")
	if status is None:
		return None, [_sheet_error(record, _("Performance year {0} does not exist").format(year))]
	if status == "Closed":
		return None, [_sheet_error(record, _("Performance year {0} is closed").format(year))]
	units = allowed_units()
	if not frappe.db.exists("Budget Unit", unit):
		return None, [
			_sheet_error(
				record, _("Unknown budget unit {0}; use the unit's name as in the system").format(unit)
			)
		]
	if units is not None and unit not in units:
		return None, [
			_sheet_error(record, _("You can only import records of your own unit, not {0}").format(unit))
		]
	filters = {"budget_unit": unit, "performance_year": year, "docstatus": ["<", 2]}
	if round_key:
		filters[round_key] = record[round_key]
	found = frappe.get_list(
		doctype, filters=filters, fields=["name", "workflow_state", "docstatus", "modified"]
	)
	drafts = [row for row in found if row.docstatus == 0]
	if not found:
		if create:
			return None, []
		message = _("{0} has no {1} of {2} to fill; the finance section opens the round first")
		return None, [
			_sheet_error(record, message.format(unit, _(doctype), _round_name(year, record, round_key)))
		]
	row = drafts[0] if drafts else found[0]
	if row.docstatus or not chain(doctype).is_in(row.workflow_state, "filing"):
		message = _("{0} is {1} and cannot be replaced by a file")
		return None, [_sheet_error(record, message.format(row.name, _(row.workflow_state)))]
	stale = stale_error(record, row)
	return row.name, [stale] if stale else []


def _round_name(year: str, record: dict, round_key: str | None) -> str:
	return _("{0}, months 1-{1}").format(year, record[round_key]) if round_key else year


def _goal_indicator_errors(record: dict) -> list[FormError]:
	"""The goal's indicator rules (art. 9), as the desk checks them before the goal leaves the unit."""
	rows = [{**row, "idx": row["row"]} for row in record["indicators"]]
	# weighted as the department's self-evaluation will score it (the dept_* settings), as the goal checks itself
	rules = department_rules(get_rules())
	findings = check_goal(rows, rules=rules, has_service_recipients=True, whole_unit=True)
	return [
		FormError(
			record["sheet"],
			None,
			None,
			finding.message,
			tuple(_(arg) if isinstance(arg, str) else arg for arg in finding.args),
		)
		for finding in findings
		if finding.severity == "error"
	]


def _row_errors(doctype: str, name: str, record: dict) -> list[FormError]:
	"""A round record's sheet holds exactly its confirmed goal's indicators."""
	child = frappe.get_meta(doctype).get_field("indicators").options
	names = set(
		frappe.get_all(child, filters={"parent": name, "parenttype": doctype}, pluck="indicator_name")
	)
	errors = [
		FormError(
			record["sheet"],
			row["row"],
			"D",
			_("Indicator {0} is not in the confirmed department goal").format(row["indicator_name"]),
		)
		for row in record["indicators"]
		if row["indicator_name"] not in names
	]
	in_file = {row["indicator_name"] for row in record["indicators"]}
	errors += [
		_sheet_error(
			record, _("Indicator {0} of the confirmed department goal is missing from the sheet").format(name)
		)
		for name in sorted(names - in_file)
	]
	return errors


def _write(doctype: str, records: list[dict], targets: dict, fill) -> list:
	"""Every sheet into its record, or none."""
	saved = []
	savepoint = "department_form_import"
	frappe.db.savepoint(savepoint)
	try:
		for record in records:
			name = targets[record["sheet"]]
			doc = frappe.get_doc(doctype, name) if name else frappe.new_doc(doctype)
			fill(doc, record)
			doc.save()
			saved.append(doc)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return saved


def _fill_goal(doc, record: dict) -> None:
	if doc.is_new():
		doc.update({"budget_unit": record["budget_unit"], "performance_year": record["performance_year"]})
	doc.update({key: record.get(key) for key in GOAL_FIELDS})
	doc.set("key_tasks", [{key: task.get(key) for key in TASK_FIELDS} for task in record["key_tasks"]])
	doc.set("indicators", [{key: row.get(key) for key in GOAL_ROW_FIELDS} for row in record["indicators"]])


def _fill_rows(doc, record: dict, keys: tuple[str, ...]) -> dict:
	rows = {row["indicator_name"]: row for row in record["indicators"]}
	for row in doc.indicators:
		row.update({key: rows[row.indicator_name].get(key) for key in keys})
	return rows


def _fill_monitoring(doc, record: dict) -> None:
	# a blank amount stays blank, never 0
	doc.update(
		{
			key: record.get(key)
			for key in MONITORING_FIELDS
			if key != "annual_budget" or record.get(key) is not None
		}
	)
	_fill_rows(doc, record, MONITORING_ROW_FIELDS)


def _fill_evaluation(doc, record: dict) -> None:
	doc.update(
		{
			key: record.get(key)
			for key in EVALUATION_FIELDS
			if key != "annual_budget" or record.get(key) is not None
		}
	)
	if "execution_reason" in record["extras_found"]:
		doc.execution_reason = record.get("execution_reason")
	rows = _fill_rows(doc, record, EVALUATION_ROW_FIELDS)
	for row in doc.indicators:
		if row.operator == "Qualitative":
			row.entered_score = rows[row.indicator_name].get("score")
