"""项目支出绩效目标申报表 in and out, and the public goal table (art. 15)."""

import frappe
from frappe import _
from frappe.utils import cint, getdate

from perf_budget.excel import goal_form, official, read_form
from perf_budget.excel.layout import FormError, render
from perf_budget.exchange import readable_docs, send_workbook, uploaded_file
from perf_budget.permissions import allowed_units
from perf_budget.rules.goal_quality import check_goal
from perf_budget.rules.indicators import GOAL_INDICATOR_KEYS, TARGET_KEYS
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import chain

# Header keys the form carries that are stored on the goal as they are
# (totals are the controller's sum of their parts; the export stamps are not fields).
STORED_KEYS = tuple(
	key
	for key in goal_form.HEADER_KEYS
	if key not in ("total_amount", "medium_term_total", "record_name", "exported_modified")
)
MAX_ERRORS_SHOWN = 50
# What the official form has no column for: checked in the desk before the goal leaves the unit.
WEIGHT_FINDINGS = (
	"Row {0}: enter a numeric weight",
	"{0} indicator weights add up to {1}, they must add up to {2}",
)


class GoalImportError(frappe.ValidationError):
	pass


# ---------------------------------------------------------------- export


def goal_record(doc) -> dict:
	record = {key: doc.get(key) for key in goal_form.HEADER_KEYS}
	record["performance_year"] = str(doc.performance_year)
	record["expenditure_type"] = doc.expenditure_type
	record["is_key_project"] = bool(doc.is_key_project)
	for key in ("period_start", "period_end"):
		record[key] = getdate(doc.get(key)) if doc.get(key) else None
	record["indicators"] = [{key: row.get(key) for key in GOAL_INDICATOR_KEYS} for row in doc.indicators]
	record["medium_term_indicators"] = [
		{key: row.get(key) for key in TARGET_KEYS} for row in doc.medium_term_indicators
	]
	record.update(export_stamp(doc))
	return record


def export_stamp(doc) -> dict:
	"""Which record and which saved version a file was exported from (an import of an older file is refused)."""
	return {"record_name": doc.name, "exported_modified": str(doc.modified)}


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
@frappe.read_only()
def export_goal(name: str):
	doc = frappe.get_doc("Performance Goal", name)
	title = official.form_title(goal_form.TITLE, doc.expenditure_type)
	send_workbook(goal_workbook([name]), f"{doc.project_code}-{title}.xlsx")


@frappe.whitelist()
@frappe.read_only()
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
	goals, errors = read_form("goal", data or b"", filename)
	if not errors:
		errors = [error for goal in goals for error in site_errors(goal, goals)]
	if errors:
		raise_import_errors(errors)
	notes = [
		_(
			"Sheet {0} has no 分值 column: enter each indicator's weight in the system before sending the goal on"
		).format(goal["sheet"])
		for goal in goals
		if not goal["has_weights"]
	]
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
	return {"created": created, "updated": updated, "sheets": sheets, "notes": notes}


def raise_import_errors(errors: list[FormError]) -> None:
	lines = [render(error, _) for error in errors[:MAX_ERRORS_SHOWN]]
	if len(errors) > MAX_ERRORS_SHOWN:
		lines.append(_("… and {0} more errors").format(len(errors) - MAX_ERRORS_SHOWN))
	frappe.throw("<br>".join(lines), GoalImportError, title=_("Nothing was imported: please fix the file"))


def cell_error(goal: dict, key: str, message: str, *args) -> FormError:
	"""A problem of the sheet as a whole (the form is found by captions, so the sheet names the place)."""
	return FormError(goal["sheet"], None, None, message, args)


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
	errors += project_errors(goal, all_goals)
	errors += indicator_errors(goal)
	return errors


def project_errors(goal: dict, all_goals: list[dict]) -> list[FormError]:
	"""Which goal the sheet fills, and whether it may: the project code when the
	sheet carries one, else the unit's goal of that project name; a sheet older
	than the goal it would overwrite is refused."""
	key = project_key(goal)
	if (
		sum(1 for other in all_goals if project_key(other) == key) > 1
		and next(other for other in all_goals if project_key(other) == key) is not goal
	):
		return [cell_error(goal, "project_code", _("Project {0} appears on more than one sheet"), key[-1])]
	matches = existing_goals(goal)
	if len(matches) > 1:
		return [
			cell_error(
				goal,
				"project_name",
				_(
					"The unit has {0} goals named {1} this year; write the project code right of the form under 项目编码"
				),
				len(matches),
				goal["project_name"],
			)
		]
	found = matches[0] if matches else None
	if found is None:
		if not goal.get("project_code"):
			return [
				cell_error(
					goal,
					"project_code",
					_(
						"No goal of {0} is named {1} this year; to create one, write its project code right of the form under 项目编码"
					),
					goal["budget_unit"],
					goal["project_name"],
				)
			]
		return []
	if not chain("Performance Goal").is_in(found.workflow_state, "filing"):
		return [
			cell_error(
				goal,
				"project_code",
				_("Goal {0} is {1} and cannot be replaced by a file"),
				key[-1],
				_(found.workflow_state),
			)
		]
	mismatch = type_error(goal, found)
	if mismatch:
		return [mismatch]
	stale = stale_error(goal, found)
	return [stale] if stale else []


def type_error(record: dict, found) -> FormError | None:
	"""A form titled for one expenditure type (项目支出 / 政策支出 / 专项资金, art. 19) fills
	only a record of that type: the type of a record is changed in the system, never by a file."""
	kind = record.get("expenditure_type")
	if not kind or kind == found.expenditure_type:
		return None
	return FormError(
		record["sheet"],
		None,
		None,
		_(
			"Sheet {0} is a form of {1}, but {2} is {3}: export the record's own form, or change its expenditure type in the system first"
		).format(record["sheet"], _(kind), found.name, _(found.expenditure_type)),
	)


def project_key(goal: dict) -> tuple:
	return (goal["performance_year"], goal.get("project_code") or goal["project_name"])


def stale_error(record: dict, found) -> FormError | None:
	"""A file exported before the record's last save would undo that save: refused, never merged.

	Only files the system exported carry the stamp; a blank template filled by hand has none.
	"""
	name, exported = record.get("record_name"), record.get("exported_modified")
	if not (name and exported):
		return None
	if name == found.name and str(found.modified) == exported:
		return None
	return FormError(
		record["sheet"],
		None,
		None,
		_(
			"{0} was changed in the system at {1}, after this file was exported ({2}); export it again and enter your changes there"
		).format(found.name, str(found.modified)[:19], exported[:19]),
	)


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
		if finding.severity == "error" and (goal["has_weights"] or finding.message not in WEIGHT_FINDINGS)
	]


def existing_goals(goal: dict) -> list:
	"""The open (not superseded, not cancelled) goals of the sheet's unit and year
	with its project code, or its project name when it has no code, among those
	the user may read: a file never reaches another unit's goal, whatever it says."""
	match = (
		{"project_code": goal["project_code"]}
		if goal.get("project_code")
		else {"project_name": goal["project_name"]}
	)
	rows = frappe.get_list(
		"Performance Goal",
		filters={
			"budget_unit": goal["budget_unit"],
			"performance_year": goal["performance_year"],
			"docstatus": ["<", 2],
			**match,
		},
		or_filters={"docstatus": 0, "is_current": 1},
		fields=["name", "workflow_state", "docstatus", "modified", "project_code", "expenditure_type"],
		order_by="version desc",
	)
	# versions of one project share a code; only the newest is the goal a file fills
	newest = {}
	for row in rows:
		newest.setdefault(row.project_code, row)
	return list(newest.values())


def write_goal(goal: dict) -> tuple[str, bool]:
	matches = existing_goals(goal)
	found = matches[0] if matches else None
	doc = frappe.get_doc("Performance Goal", found.name) if found else frappe.new_doc("Performance Goal")
	present = set(goal.get("extras_found", ()))
	# What the sheet has no caption for keeps its stored value (a blank template has no 项目编码…).
	doc.update(
		{key: goal.get(key) for key in STORED_KEYS if key not in goal_form.EXTRA_KEYS or key in present}
	)
	if not found and goal.get("expenditure_type"):
		doc.expenditure_type = goal["expenditure_type"]  # a new goal is of the type its form's title names
	if "is_key_project" in present:
		doc.is_key_project = cint(goal.get("is_key_project"))
	indicators = [{key: row.get(key) for key in GOAL_INDICATOR_KEYS} for row in goal["indicators"]]
	if not goal["has_weights"] and found:
		# the official form has no 分值: keep the weights the system holds for the same indicators
		weights = {row.indicator_name: row.weight for row in doc.indicators}
		for row in indicators:
			row["weight"] = weights.get(row["indicator_name"])
	doc.set("indicators", indicators)
	doc.set(
		"medium_term_indicators",
		[{key: row.get(key) for key in TARGET_KEYS} for row in goal["medium_term_indicators"]],
	)
	doc.save()
	return doc.name, not found
