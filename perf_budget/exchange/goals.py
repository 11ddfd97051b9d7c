"""项目支出绩效目标申报表 in and out, and the public goal table (art. 15)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from perf_budget.exchange import readable_docs, send_workbook, uploaded_file
from perf_budget.forms import goal_form
from perf_budget.forms.goal_form import INDICATOR_KEYS
from perf_budget.forms.layout import FormError, position, render
from perf_budget.permissions import allowed_units
from perf_budget.rules.goal_quality import check_goal
from perf_budget.settings import get_rules

# Header keys the form carries that are stored on the goal as they are
STORED_KEYS = tuple(key for key in goal_form.HEADER_KEYS if key != "total_amount")
UNIT_STATES = ("Draft", "Returned", "Revision Required")
MAX_ERRORS_SHOWN = 50


class GoalImportError(frappe.ValidationError):
	pass


# ---------------------------------------------------------------- export


def goal_record(doc) -> dict:
	record = {key: doc.get(key) for key in goal_form.HEADER_KEYS}
	record["performance_year"] = str(doc.performance_year)
	record["is_key_project"] = bool(doc.is_key_project)
	for key in ("period_start", "period_end"):
		record[key] = getdate(doc.get(key)) if doc.get(key) else None
	record["indicators"] = [{key: row.get(key) for key in INDICATOR_KEYS} for row in doc.indicators]
	return record


def goal_workbook(names: list[str]) -> bytes:
	"""The official form of each goal (read permission checked per goal)."""
	docs = readable_docs("Performance Goal", names)
	return goal_form.export_goals([goal_record(doc) for doc in docs])


def goals_of(performance_year: str, budget_unit: str | None = None) -> list[str]:
	"""The goals a person works with for a year: drafts and current versions,
	never superseded ones. frappe.get_list applies unit isolation."""
	filters = {"performance_year": performance_year}
	if budget_unit:
		filters["budget_unit"] = budget_unit
	return frappe.get_list(
		"Performance Goal",
		filters=filters,
		or_filters={"docstatus": 0, "is_current": 1},
		pluck="name",
		order_by="budget_unit, project_code",
	)


@frappe.whitelist()
def export_goal(name: str):
	doc = frappe.get_doc("Performance Goal", name)
	send_workbook(goal_workbook([name]), f"{doc.project_code}-项目支出绩效目标申报表.xlsx")


@frappe.whitelist()
def export_goals(performance_year: str, budget_unit: str | None = None):
	names = goals_of(performance_year, budget_unit)
	send_workbook(goal_workbook(names), f"{performance_year}-项目支出绩效目标申报表.xlsx")


# ---------------------------------------------------------------- import


@frappe.whitelist(methods=["POST"])
def import_goal_file(file_url: str) -> dict:
	"""Import an uploaded form (desk: upload, then this). Nothing is written
	unless every sheet, row and cell is right."""
	return import_goals(*uploaded_file(file_url))


def import_goals(data: bytes, filename: str = "") -> dict:
	goals, errors = goal_form.import_goals(data or b"", filename)
	if not errors:
		errors = [error for goal in goals for error in site_errors(goal, goals)]
	if errors:
		raise_import_errors(errors)
	created, updated, sheets = [], [], []
	savepoint = "goal_import"
	frappe.db.savepoint(savepoint)
	try:
		for goal in goals:
			name, is_new = write_goal(goal)
			(created if is_new else updated).append(name)
			sheets.append({"sheet": goal["sheet"], "record": name, "created": int(is_new)})
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return {"created": created, "updated": updated, "sheets": sheets}


def raise_import_errors(errors: list[FormError]) -> None:
	lines = [render(error, _) for error in errors[:MAX_ERRORS_SHOWN]]
	if len(errors) > MAX_ERRORS_SHOWN:
		lines.append(_("… and {0} more errors").format(len(errors) - MAX_ERRORS_SHOWN))
	frappe.throw("<br>".join(lines), GoalImportError, title=_("Nothing was imported: please fix the file"))


def cell_error(goal: dict, key: str, message: str, *args) -> FormError:
	row, column = position(goal_form.GOAL_FORM.header(key).value_at)
	return FormError(goal["sheet"], row, column, message, args)


def site_errors(goal: dict, all_goals: list[dict]) -> list[FormError]:
	"""What only the site can check: year, unit and access, the goal's place in
	the chain, duplicates in the file and the indicator rules (art. 9)."""
	errors = []
	year = frappe.db.get_value("Performance Year", goal["performance_year"], ["name", "status"], as_dict=True)
	if not year:
		errors.append(
			cell_error(
				goal, "performance_year", _("Performance year {0} does not exist"), goal["performance_year"]
			)
		)
	elif year.status == "Closed":
		errors.append(cell_error(goal, "performance_year", _("Performance year {0} is closed"), year.name))
	unit = goal["budget_unit"]
	units = allowed_units()
	if not frappe.db.exists("Budget Unit", unit):
		errors.append(
			cell_error(
				goal, "budget_unit", _("Unknown budget unit {0}; use the unit's name as in the system"), unit
			)
		)
	elif units is not None and unit not in units:
		errors.append(
			cell_error(goal, "budget_unit", _("You can only import goals of your own unit, not {0}"), unit)
		)
	same_code = [
		g
		for g in all_goals
		if g["project_code"] == goal["project_code"] and g["performance_year"] == goal["performance_year"]
	]
	if len(same_code) > 1 and same_code[0] is not goal:
		errors.append(
			cell_error(
				goal,
				"project_code",
				_("Project code {0} appears on more than one sheet"),
				goal["project_code"],
			)
		)
	state = existing_state(goal)
	if state and state not in UNIT_STATES:
		errors.append(
			cell_error(
				goal,
				"project_code",
				_("Goal {0} is {1} and cannot be replaced by a file"),
				goal["project_code"],
				_(state),
			)
		)
	errors += indicator_errors(goal)
	return errors


def indicator_errors(goal: dict) -> list[FormError]:
	rows = [{**row, "idx": row["row"]} for row in goal["indicators"]]  # findings name the sheet row
	findings = check_goal(rows, rules=get_rules(), has_service_recipients=True)
	return [
		FormError(
			goal["sheet"],
			None,
			None,
			finding.message,
			tuple(_(a) if isinstance(a, str) else a for a in finding.args),
		)
		for finding in findings
		if finding.severity == "error"
	]


def existing_goal(goal: dict) -> dict | None:
	"""The open (not superseded, not cancelled) goal of the sheet's unit with
	this project code and year, among those the user may read: a file never
	reaches another unit's goal, whatever code it carries."""
	rows = frappe.get_list(
		"Performance Goal",
		filters={
			"budget_unit": goal["budget_unit"],
			"project_code": goal["project_code"],
			"performance_year": goal["performance_year"],
			"docstatus": ["<", 2],
		},
		or_filters={"docstatus": 0, "is_current": 1},
		fields=["name", "workflow_state", "docstatus"],
		order_by="version desc",
		limit=1,
	)
	return rows[0] if rows else None


def existing_state(goal: dict) -> str | None:
	found = existing_goal(goal)
	return found.workflow_state if found else None


def write_goal(goal: dict) -> tuple[str, bool]:
	found = existing_goal(goal)
	doc = frappe.get_doc("Performance Goal", found.name) if found else frappe.new_doc("Performance Goal")
	doc.update({key: goal.get(key) for key in STORED_KEYS})
	doc.is_key_project = cint(goal.get("is_key_project"))
	doc.set("indicators", [{key: row.get(key) for key in INDICATOR_KEYS} for row in goal["indicators"]])
	doc.save()
	return doc.name, not found
