"""A Budget Execution Import on the site (issue 16): the preview built when the
draft is saved (``build_preview``: nothing outside the import is written), the
check that nothing moved since (``check_unchanged``) and the apply when it is
submitted (``apply``), inside the request's transaction: one refusal and
nothing is written. The rules without Frappe are in ``matching`` (which
record, what applying does) and ``reader`` (the file); the records' side
(writing the figures, the timeline, telling the units) is ``records``."""

import hashlib
import json
from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import cint, escape_html, flt, get_datetime, getdate, now_datetime

from perf_budget.budget_system import matching, reader, targets
from perf_budget.budget_system import records as record_side
from perf_budget.budget_system.matching import (
	CHOICE,
	CONFIRMED,
	EVALUATION,
	FILL,
	GOAL,
	MONITORING,
	NO_RECORD,
)
from perf_budget.figures import pb_amount
from perf_budget.workflow.chains import states

MAPPING = "Budget Import Mapping"
# The row's fields of each record: its link, its action and its modified stamp.
PREFIX = {GOAL: "goal", MONITORING: "monitoring", EVALUATION: "evaluation"}
LINK = {GOAL: "performance_goal", MONITORING: "performance_monitoring", EVALUATION: "performance_evaluation"}
# What the records hold now, shown beside the file's figures: row field -> (doctype, record field).
NOW = {
	"goal_total_now": (GOAL, "total_amount"),
	"monitoring_budget_now": (MONITORING, "annual_budget"),
	"monitoring_executed_now": (MONITORING, "executed_amount"),
	"evaluation_budget_now": (EVALUATION, "annual_budget"),
	"evaluation_executed_now": (EVALUATION, "executed_amount"),
}
# Compared between the preview and the apply: what the records were and what the file said.
FIGURE_FIELDS = [f"{figure}_{c.lower()}" for figure in targets.FIGURES for c in targets.CATEGORIES]
COMPARED = [
	"project_code",
	"budget_unit",
	*LINK.values(),
	*(f"{p}_action" for p in PREFIX.values()),
	*FIGURE_FIELDS,
]
# What the preview read from the file and applying uses too (the as-of date stamps the
# records, has_* says which figures are written): compared like the rows. Not the notes,
# which are worded in the language of whoever saved the preview.
READ = ("as_of_date", "amount_unit", "file_lines", *(f"has_{figure}" for figure in targets.FIGURES))
MAX_SHOWN = 30  # projects per list of the summary (the tables below list them all)
LINES_TEXT = 140  # a Data field


# ---------------------------------------------------------------- the mapping


def mapping_of(name: str) -> reader.Mapping:
	return mapping_of_doc(frappe.get_doc(MAPPING, name))


def mapping_of_doc(doc) -> reader.Mapping:
	return reader.mapping_from_text(
		{key: doc.get(f"{key}_titles") for key in reader.KEYS},
		doc.amount_unit,
		[(row.source_name, row.category) for row in doc.fund_sources],
	)


def default_mapping() -> str | None:
	return frappe.db.get_value(MAPPING, {"is_default": 1}, "name")


def install_default_mapping() -> None:
	"""The common 一体化 export's titles, once: created when missing, never
	overwriting what finance changed in it."""
	if frappe.db.exists(MAPPING, reader.DEFAULT_MAPPING_NAME):
		return
	mapping = reader.DEFAULT_MAPPING
	frappe.get_doc(
		{
			"doctype": MAPPING,
			"mapping_name": reader.DEFAULT_MAPPING_NAME,
			"is_default": 0 if default_mapping() else 1,
			"amount_unit": mapping.amount_unit,
			**{f"{key}_titles": "\n".join(mapping.titles.get(key) or []) for key in reader.KEYS},
			"fund_sources": [
				{"source_name": source, "category": category}
				for source, category in mapping.fund_sources.items()
			],
		}
	).insert(ignore_permissions=True)


def say(message: reader.Message) -> str:
	msgid, args = message
	return _(msgid).format(*args)


def refuse(messages: list[reader.Message]) -> None:
	"""Every problem the reader found (it stops at reader.MAX_PROBLEMS), each on its line."""
	frappe.throw(
		"<br>".join(escape_html(say(m)) for m in messages),
		title=_("The file was not read: nothing was changed"),
	)


# ---------------------------------------------------------------- reading the source


def source_bytes(doc) -> tuple[bytes, str]:
	"""The attached export's bytes and name; a file the user cannot read is not one."""
	name = frappe.db.get_value("File", {"file_url": doc.source_file}, "name")
	if not name:
		frappe.throw(
			_("The attached file {0} was not found; attach the export again.").format(doc.source_file)
		)
	file = frappe.get_doc("File", name)
	if not file.has_permission("read"):
		frappe.throw(
			_("You cannot read the attached file {0}.").format(doc.source_file), frappe.PermissionError
		)
	if not file.is_private:
		frappe.throw(
			_("The budget system's export must be a private file: attach it again without ticking Public.")
		)
	with open(file.get_full_path(), "rb") as f:
		return f.read(), file.file_name


def read_source(doc) -> tuple[reader.BudgetFile, str]:
	"""The file (or pushed rows) read by the import's mapping, and its SHA-256."""
	mapping = mapping_of(doc.import_mapping)
	year = cint(doc.performance_year)
	try:
		if doc.source_file:
			data, filename = source_bytes(doc)
			return reader.read_file(data, filename, mapping, year), hashlib.sha256(data).hexdigest()
		if doc.pushed_rows:
			try:
				rows = json.loads(doc.pushed_rows)
			except ValueError:
				frappe.throw(_("The pushed rows are not valid JSON."))
			data = doc.pushed_rows.encode("utf-8")
			return reader.read_rows(rows, mapping, year), hashlib.sha256(data).hexdigest()
	except reader.BudgetFileRefused as refused:
		refuse(refused.messages)
	frappe.throw(_("Attach the budget system's export (.xlsx, .xls or .csv) first."))


def as_of_date(doc, budget_file: reader.BudgetFile):
	"""The file's 截止日期 when it has one, else the date finance typed; in the import's year."""
	typed = getdate(doc.as_of_date) if doc.as_of_date else None
	as_of = budget_file.as_of or typed
	if not as_of:
		frappe.throw(
			_(
				"The file has no as-of date column (截止日期): fill in Figures as of with the date of its figures."
			)
		)
	if budget_file.as_of and typed and typed != budget_file.as_of:
		frappe.msgprint(
			_("Figures as of was {0}; the file says {1}, which is used.").format(typed, budget_file.as_of)
		)
	if as_of.year != cint(doc.performance_year):
		frappe.throw(
			_("The figures are as of {0}, which is not in the performance year {1}.").format(
				as_of, doc.performance_year
			)
		)
	return as_of


# ---------------------------------------------------------------- the records of the year


def site_records(year: str, as_of_month: int) -> tuple[list, list, dict]:
	"""The year's goals, the records the as-of date concerns (the round ending in
	its month; the self-evaluations in December), and what each holds now."""
	held = {}

	def read(doctype, filters, extra=()):
		rows = frappe.get_all(
			doctype,
			filters={"performance_year": year, "docstatus": ["!=", 2], **filters},
			fields=[
				"name",
				"project_code",
				"budget_unit",
				"docstatus",
				"workflow_state",
				"modified",
				"project_name",
				*extra,
				*record_side.figure_fields(doctype),
			],
			order_by="name",
		)
		for row in rows:
			held[(doctype, row.name)] = record_side.held_values(doctype, row)
		return [
			matching.Record(
				doctype,
				row.name,
				row.project_code or "",
				row.budget_unit,
				cint(row.docstatus),
				row.workflow_state,
				str(row.modified),
				cint(row.get("version")) or 1,
				row.project_name or "",
			)
			for row in rows
		]

	goals = read(GOAL, {}, ("version",))
	records = read(MONITORING, {"period_end_month": as_of_month})
	if as_of_month == matching.YEAR_END:
		records += read(EVALUATION, {})
	return goals, records, held


# ---------------------------------------------------------------- the preview


def preview(doc) -> dict:
	"""The preview of ``doc``'s file against the site as it is now: the import's
	fields and its three tables (rows as dicts). Writes nothing."""
	budget_file, file_hash = read_source(doc)
	as_of = as_of_date(doc, budget_file)
	goals, records, held = site_records(doc.performance_year, as_of.month)
	filing = {doctype: states(doctype, "filing") for doctype in matching.RECORD_DOCTYPES}
	outcome = matching.match(budget_file.projects, goals, records, filing, budget_file.has, as_of.month)
	return {
		"file_hash": file_hash,
		"as_of_date": as_of,
		"amount_unit": budget_file.amount_unit,
		"unit_basis": say(budget_file.unit_basis)[:LINES_TEXT],
		"file_lines": budget_file.line_count,
		"file_notes": "\n".join(say(note) for note in budget_file.notes),
		**{f"has_{figure}": int(figure in budget_file.has) for figure in targets.FIGURES},
		"projects": [matched_row(m, held) for m in outcome.matched],
		"unmatched": [unmatched_row(m, doc.performance_year) for m in outcome.unmatched],
		"missing_goals": [
			{
				"performance_goal": goal.name,
				"project_code": goal.project_code,
				"project_name": goal.project_name,
				"budget_unit": goal.budget_unit,
			}
			for goal in outcome.missing
		],
	}


def build_preview(doc) -> None:
	"""validate of a draft: the preview replaces the import's fields and tables;
	the overwrite ticks finance set stay with their project code."""
	ticked = {row.project_code for row in doc.projects if row.overwrite}
	found = preview(doc)
	for row in found["projects"]:
		row["overwrite"] = int(row["project_code"] in ticked)
	doc.update(found)
	keep_ticks_of_choices(doc)
	count(doc)


def count(doc) -> None:
	doc.projects_matched = len(doc.projects)
	doc.codes_unmatched = len(doc.unmatched)
	doc.goals_without_rows = len(doc.missing_goals)
	doc.records_to_fill, doc.records_needing_choice, doc.records_not_written = matching.counts(
		[(actions_of(row), row.overwrite) for row in doc.projects]
	)


def actions_of(row) -> dict[str, str]:
	return {doctype: row.get(f"{p}_action") for doctype, p in PREFIX.items() if row.get(f"{p}_action")}


def figures_of(project) -> dict:
	values = {}
	for figure in targets.FIGURES:
		by_category = project.figures.get(figure)
		for category in targets.CATEGORIES:
			values[f"{figure}_{category.lower()}"] = float(by_category[category]) if by_category else 0
		values[f"{figure}_total"] = float(matching.total(by_category)) if by_category else 0
	return values


def matched_row(m: matching.Match, held: dict) -> dict:
	project, goal = m.project, m.goal
	row = {
		"project_code": goal.project_code.strip(),
		"project_name": project.name or goal.project_name,
		"unit_name": project.unit_name,
		"source_lines": matching.lines_text(project.lines, LINES_TEXT),
		"budget_unit": goal.budget_unit,
		**figures_of(project),
	}
	for doctype, record in m.records.items():
		p = PREFIX[doctype]
		row[LINK[doctype]] = record.name if record else None
		row[f"{p}_modified"] = record.modified if record else None
		row[f"{p}_action"] = m.actions.get(doctype, "")
	for field, (doctype, record_field) in NOW.items():
		record = m.records.get(doctype)
		row[field] = float(held[(doctype, record.name)][record_field]) if record else None
	# the file against the record it fills: the monitoring record, else (December) the self-evaluation
	# (the monitoring's budget is its 年初预算数, the self-evaluation's the adjusted 全年预算数)
	for difference, total, kind in (
		("budget_difference", "annual_budget", "budget"),
		("executed_difference", "executed_amount", "executed"),
	):
		record = next((d for d in (MONITORING, EVALUATION) if m.records.get(d) and d in m.actions), None)
		now = row[f"{PREFIX[record]}_{kind}_now"] if record else None
		by_category = project.figures.get(targets.figure_of(record, total)) if record else None
		row[difference] = (
			float(matching.total(by_category) - Decimal(str(now)))
			if now is not None and by_category is not None
			else None
		)
	row["rounding_note"] = rounding_note(m, project.figures)
	notes = []
	if m.unit_differs:
		notes.append(
			_("The file names the unit {0}; the goal with this code is {1}'s (the code decides).").format(
				project.unit_name, goal.budget_unit
			)
		)
	row["note"] = "\n".join(notes)
	return row


def rounding_note(m: matching.Match, figures: dict) -> str:
	"""Each field filled with a figure finer than 0.01 万元: exact → as written."""
	lines = []
	for doctype, action_taken in m.actions.items():
		if action_taken not in (FILL, CHOICE):
			continue
		exact = targets.exact_values(doctype, figures)
		meta = frappe.get_meta(doctype)
		for field in targets.rounded_fields(doctype, figures):
			lines.append(
				_("{0} {1}: {2} → {3}").format(
					_(doctype),
					_(meta.get_label(field)),
					f"{exact[field].normalize():f}",
					pb_amount(targets.to_cent(exact[field])),
				)
			)
	return "\n".join(lines)


def unmatched_row(m: matching.Match, year: str) -> dict:
	project = m.project
	if m.ambiguous:
		note = _(
			"Goals of several units have this code ({0}): nothing is filled; correct the codes or fill the figures by hand."
		).format(", ".join(f"{g.budget_unit} {g.name}" for g in m.ambiguous))
	else:
		note = _("No goal of {0} has this project code.").format(year)
	return {
		"project_code": matching.code_key(project.code),
		"project_name": project.name,
		"unit_name": project.unit_name,
		"source_lines": matching.lines_text(project.lines, LINES_TEXT),
		**figures_of(project),
		"note": note,
	}


# ---------------------------------------------------------------- the apply


def check_unchanged(doc) -> None:
	"""before_submit: the preview finance saw is still what applying does: the
	same file, the same records in the same steps, none of them saved since."""
	found = preview(doc)
	if found["file_hash"] != doc.file_hash:
		frappe.throw(_("The file changed after the preview: click Preview Again (or push the file again)."))
	fresh = {row["project_code"]: row for row in found["projects"]}
	# a submit sending other values than the saved preview's (the desk's apply sends the saved ones)
	changed = [
		_(doc.meta.get_label(field))
		for field in READ
		if not same(read_value(field, doc.get(field)), read_value(field, found[field]))
	]
	for row in doc.projects:
		now = fresh.pop(row.project_code, None)
		if now is None:
			changed.append(row.project_code)
			continue
		moved = [
			row.get(LINK[doctype]) or now.get(LINK[doctype])
			for doctype, p in PREFIX.items()
			if not same(row.get(LINK[doctype]), now.get(LINK[doctype]))
			or not same(row.get(f"{p}_action"), now.get(f"{p}_action"))
			or not same_time(row.get(f"{p}_modified"), now.get(f"{p}_modified"))
		]
		changed += moved
		if not moved and not all(same(row.get(f), now.get(f)) for f in COMPARED):
			changed.append(row.project_code)
	changed += list(fresh)  # a goal found since
	if len(found["unmatched"]) != len(doc.unmatched) or len(found["missing_goals"]) != len(doc.missing_goals):
		changed.append(_("the goals of the year"))
	if changed:
		frappe.throw(
			_(
				"Changed after the preview: {0}. Click Preview Again (or push the file again), then apply."
			).format(", ".join(dict.fromkeys(changed))),
			title=_("The preview is out of date: nothing was written"),
		)


def read_value(field: str, value):
	return str(getdate(value)) if field == "as_of_date" and value else value


def same(a, b) -> bool:
	if isinstance(a, int | float) or isinstance(b, int | float):
		return flt(a, 6) == flt(b, 6)
	return (a or "") == (b or "")


def same_time(a, b) -> bool:
	return (get_datetime(a) if a else None) == (get_datetime(b) if b else None)


def row_figures(doc, row) -> dict:
	"""The exact 万元 of a row (figure -> category), only the figures the file has."""
	return {
		figure: {c: Decimal(str(flt(row.get(f"{figure}_{c.lower()}"), 6))) for c in targets.CATEGORIES}
		for figure in targets.FIGURES
		if doc.get(f"has_{figure}")
	}


def apply(doc) -> None:
	"""on_submit: every record the preview writes, filled; the units whose records changed told."""
	filled: dict[str, list[tuple[str, str]]] = {}
	for row in doc.projects:
		figures = row_figures(doc, row)
		for doctype, p in PREFIX.items():
			if not matching.writes(row.get(f"{p}_action"), row.overwrite):
				continue
			record = frappe.get_doc(doctype, row.get(LINK[doctype]))
			marked = bool(record.imported_fields)
			# the unit is told what changed, or that its figures are now the budget system's;
			# next month's import with the same figures only says so on the record's timeline
			if record_side.fill(record, figures, doc) or not marked:
				filled.setdefault(row.budget_unit, []).append((doctype, record.name))
	record_side.notify_units(doc, filled)


def keep_ticks_of_choices(doc) -> None:
	"""A tick of 覆盖 on a row with no record under review writes nothing: it is not kept."""
	for row in doc.projects:
		row.overwrite = int(bool(row.overwrite) and CHOICE in actions_of(row).values())


def stamp_applied(doc) -> None:
	doc.applied_by = frappe.session.user
	doc.applied_on = now_datetime()


# ---------------------------------------------------------------- the summary


def summary_html(doc) -> str:
	"""What the preview means, in words: what is written, what needs finance's
	choice, what is not written and why."""
	if not doc.projects and not doc.unmatched and not doc.missing_goals:
		return ""
	out = []
	if doc.docstatus == 1:
		out.append(
			p(
				_(
					"Applied by {0} on {1}: the records below marked Fill (and those ticked) were written."
				).format(
					frappe.utils.get_fullname(doc.applied_by), frappe.utils.format_datetime(doc.applied_on)
				)
			)
		)
	out.append(
		p(
			_(
				"Figures as of {0}; amounts in {1} ({2}); {3} lines read, {4} projects matched a goal of {5}."
			).format(
				doc.as_of_date,
				_(doc.amount_unit or ""),
				doc.unit_basis or "",
				doc.file_lines or 0,
				doc.projects_matched or 0,
				doc.performance_year,
			)
		)
	)
	written, choice, kept = [], [], []
	for row in doc.projects:
		for doctype, p_ in PREFIX.items():
			action_taken = row.get(f"{p_}_action")
			item = (row, doctype)
			if matching.writes(action_taken, row.overwrite):
				written.append(item)
			if action_taken == CHOICE and not row.overwrite:
				choice.append(item)
			elif action_taken == CONFIRMED:
				kept.append(item)
	applied = doc.docstatus == 1
	out.append(
		section(
			(_("Written: {0} records") if applied else _("Written on applying: {0} records")).format(
				len(written)
			),
			written,
			doc,
			_("Each gets the file's figures, rounded to 0.01 10k yuan, marked as from the budget system."),
		)
	)
	out.append(
		section(
			(
				_("Under review, not overwritten: {0} records")
				if applied
				else _("Needing your choice: {0} records under review")
			).format(len(choice)),
			choice,
			doc,
			_(
				"Past the unit's step: written only if you tick Overwrite Records Under Review on the project's row."
			),
		)
	)
	out.append(
		section(
			_("Not written: {0} confirmed records").format(len(kept)),
			kept,
			doc,
			_(
				"Confirmed records are never overwritten: adjust the goal or amend the record; the Budget Reconciliation report shows the difference."
			),
		)
	)
	no_record = sum(
		1 for row in doc.projects for p_ in PREFIX.values() if row.get(f"{p_}_action") == NO_RECORD
	)
	tail = []
	if no_record:
		tail.append(
			_("{0} records to fill do not exist (no round open for the as-of month).").format(no_record)
		)
	if doc.codes_unmatched:
		tail.append(
			_(
				"{0} project codes match no goal (or goals of several units): listed under Not Matched."
			).format(doc.codes_unmatched)
		)
	if doc.goals_without_rows:
		tail.append(
			_("{0} goals of the year are not in the file: listed under Not Matched.").format(
				doc.goals_without_rows
			)
		)
	rounded = [row for row in doc.projects if row.rounding_note]
	if rounded:
		tail.append(
			_("{0} projects have figures finer than 0.01 10k yuan, rounded half up (see each row).").format(
				len(rounded)
			)
		)
	tail.append(
		_(
			"Department-wide goals, monitoring and self-evaluations are not filled: their figures are a unit's totals, not one project code's."
		)
	)
	out.append("<ul>" + "".join(f"<li>{escape_html(t)}</li>" for t in tail) + "</ul>")
	return f'<div class="budget-import-summary">{"".join(out)}</div>'


def p(text: str) -> str:
	return f"<p>{escape_html(text)}</p>"


def section(title: str, items: list, doc, explanation: str) -> str:
	html = [f"<h5>{escape_html(title)}</h5>", p(explanation)]
	if items:
		html.append(
			"<table class='table table-bordered table-sm'><thead><tr>"
			+ "".join(
				f"<th>{escape_html(h)}</th>"
				for h in (
					_("Project Code"),
					_("Project Name"),
					_("Budget Unit"),
					_("Record"),
					_("Before → File") if doc.docstatus == 1 else _("Now → File"),
				)
			)
			+ "</tr></thead><tbody>"
		)
		for row, doctype in items[:MAX_SHOWN]:
			html.append(
				"<tr>"
				+ "".join(
					f"<td>{escape_html(str(v or ''))}</td>"
					for v in (
						row.project_code,
						row.project_name,
						row.budget_unit,
						f"{_(doctype)} {row.get(LINK[doctype])}",
						change_text(doc, row, doctype),
					)
				)
				+ "</tr>"
			)
		html.append("</tbody></table>")
		if len(items) > MAX_SHOWN:
			html.append(p(_("… and {0} more: see the table of projects.").format(len(items) - MAX_SHOWN)))
	return "".join(html)


def change_text(doc, row, doctype: str) -> str:
	"""The record's totals now and as written from the file: "全年预算数 100.00 → 98.50"."""
	values = targets.record_values(doctype, row_figures(doc, row))
	values |= targets.totals(doctype, values)
	meta = frappe.get_meta(doctype)
	now = {record_field: row.get(field) for field, (d, record_field) in NOW.items() if d == doctype}
	return "; ".join(
		_("{0} {1} → {2}").format(
			_(meta.get_label(field)),
			pb_amount(now[field]) if field in now else "—",
			pb_amount(values[field]),
		)
		for field in targets.TOTALS[doctype]
		if field in values
	)
