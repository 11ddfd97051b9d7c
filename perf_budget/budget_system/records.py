"""The records' side of the budget system's figures (issue 16).

An applied Budget Execution Import fills a goal, a monitoring record or a
self-evaluation (``fill``: the figures ``targets`` gives that DocType, each
total the sum of its rounded parts), marks the fields it filled (``imported_fields``)
and tells the units (``notify_units``). A figure so filled cannot be typed over
(``refuse_typing_over_imported``, before_validate); a figure typed where the
budget system says otherwise is worded for the reviewer (``set_budget_gap``,
validate). A record that no import concerns stays typeable as before.
"""

import json
from datetime import date
from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import cint, flt, get_last_day, getdate

from perf_budget.budget_system import targets
from perf_budget.figures import pb_amount
from perf_budget.notify import notify, unit_members
from perf_budget.security import SERVER_FLAG, is_server_change
from perf_budget.security.fields import same

IMPORT, ROW = "Budget Execution Import", "Budget Execution Import Row"
# The import row's link to each record it fills.
LINKS = {
	"Performance Goal": "performance_goal",
	"Performance Monitoring": "performance_monitoring",
	"Performance Evaluation": "performance_evaluation",
}


def figure_fields(doctype: str) -> list[str]:
	"""The fields an import may fill on ``doctype``: its parts, then their totals."""
	return [*targets.FIELDS[doctype], *targets.TOTALS[doctype]]


def held_values(doctype: str, doc) -> dict[str, Decimal]:
	"""The figures (万元, parts and totals) the record holds now."""
	return {field: targets.to_cent(Decimal(str(flt(doc.get(field), 2)))) for field in figure_fields(doctype)}


def fill(doc, figures: dict, import_doc) -> list[str]:
	"""Write the figures of one project (figure -> category -> exact 万元) that
	``doc``'s DocType takes, each part rounded to 0.01 万元 and each total the sum
	of its parts; saved as the server's change, with a timeline comment naming the
	import, its as-of date and every figure changed. Returns those changes
	("执行数：财政拨款：120.00 → 118.50 万元")."""
	values = targets.record_values(doc.doctype, figures)
	# the goal's and self-evaluation's controllers compute the same sums; the monitoring
	# form takes a typed total and only checks it against its fund rows
	values |= targets.totals(doc.doctype, values)
	held = held_values(doc.doctype, doc)
	changes = [
		_("{0}: {1} → {2} 10k yuan").format(
			_(doc.meta.get_label(field)), pb_amount(held[field]), pb_amount(value)
		)
		for field, value in values.items()
		if held[field] != value
	]
	doc.update({field: float(value) for field, value in values.items()})
	doc.update(
		{
			"imported_fields": json.dumps(list(values)),
			"budget_import": import_doc.name,
			"budget_as_of": import_doc.as_of_date,
		}
	)
	if doc.budget_gap:
		doc.budget_gap = ""  # its figures are now the import's
	doc.flags[SERVER_FLAG] = True
	doc.flags.filled_from_budget_system = True  # its figures are the import's: no gap to word
	doc.save()
	doc.add_comment(
		"Comment",
		"<br>".join(
			[
				_("Figures from the budget system, import {0} as of {1}:").format(
					import_doc.name, shown_date(import_doc.as_of_date)
				),
				*(changes or [_("no figure changed")]),
			]
		),
	)
	return changes


def imported_for(doc):
	"""The latest applied import row of ``doc``'s project (its unit, code and year)
	giving a figure ``doc``'s DocType takes: any as-of date of the year for a goal,
	the monitoring period's last month for a monitoring record, December for a
	self-evaluation. Carries the import's ``import_name``, ``as_of_date`` and
	``has_*``; None when there is none."""
	if doc.doctype not in targets.FIELDS or not (
		doc.get("project_code") and doc.get("budget_unit") and doc.get("performance_year")
	):
		return None
	start, end = as_of_window(doc)
	if not start:
		return None
	row, parent = frappe.qb.DocType(ROW), frappe.qb.DocType(IMPORT)
	taken = {figure for figure, _categories in targets.FIELDS[doc.doctype].values()}
	gives = None
	for figure in taken:
		condition = getattr(parent, f"has_{figure}") == 1
		gives = condition if gives is None else gives | condition
	# applied imports of the record's year and period giving a figure it takes
	concerning = (
		(parent.docstatus == 1)
		& (parent.performance_year == doc.performance_year)
		& parent.as_of_date[start:end]
		& gives
	)
	# a round's records share one answer to "is there any import of this period at
	# all?" (rounds.make_records passes the dict): a round of 5,000 asks once
	periods = doc.flags.get("import_periods")
	if periods is not None:
		period = (doc.doctype, doc.performance_year, start)
		if period not in periods:
			periods[period] = bool(
				frappe.qb.from_(parent).select(parent.name).where(concerning).limit(1).run()
			)
		if not periods[period]:
			return None
	found = (
		frappe.qb.from_(row)
		.join(parent)
		.on(parent.name == row.parent)
		.select(
			row.star,
			parent.name.as_("import_name"),
			parent.as_of_date,
			*(getattr(parent, f"has_{figure}") for figure in targets.FIGURES),
		)
		.where(row.parenttype == IMPORT)
		.where(row.parentfield == "projects")
		.where(row.project_code == doc.project_code)
		.where(row.budget_unit == doc.budget_unit)
		.where(concerning)
		.orderby(parent.as_of_date, order=Order.desc)
		.orderby(parent.applied_on, order=Order.desc)
		.orderby(parent.name, order=Order.desc)
		.limit(1)
	).run(as_dict=True)
	return found[0] if found else None


def as_of_window(doc) -> tuple[date | None, date | None]:
	"""The as-of dates whose import concerns ``doc``."""
	year = cint(doc.performance_year)
	if doc.doctype == "Performance Goal":
		return date(year, 1, 1), date(year, 12, 31)
	month = 12 if doc.doctype == "Performance Evaluation" else cint(doc.get("period_end_month"))
	if not 1 <= month <= 12:
		return None, None
	first = date(year, month, 1)
	return first, getdate(get_last_day(first))


def row_figures(row) -> dict[str, dict[str, Decimal]]:
	"""An import row's exact 万元 (figure -> category), only the figures its file gave."""
	return {
		figure: {
			category: Decimal(str(flt(row.get(f"{figure}_{category.lower()}"), 6)))
			for category in targets.CATEGORIES
		}
		for figure in targets.FIGURES
		if row.get(f"has_{figure}")
	}


# -- doc_events of the goal, the monitoring record and the self-evaluation -------------


def refuse_typing_over_imported(doc, method=None):
	"""before_validate: a figure the budget system filled is not typed over; the
	import that filled it is named and finance is who can put it right."""
	before = doc.get_doc_before_save()
	if is_server_change(doc) or not before or not before.get("imported_fields"):
		return
	typed = [
		_(doc.meta.get_label(field))
		for field in json.loads(before.imported_fields)
		if not same(doc.meta.get_field(field), before.get(field), doc.get(field))
	]
	if typed:
		frappe.throw(
			_(
				"{0}: this figure comes from the budget system (as of {1}, import {2}) and cannot be changed; if it is wrong, contact the finance section."
			).format(", ".join(typed), shown_date(before.budget_as_of), before.budget_import),
			frappe.PermissionError,
			title=_("Figures from the Budget System"),
		)


def set_budget_gap(doc, method=None):
	"""validate (after the controller has computed the totals): each figure the
	record holds that differs from the latest applied import, worded for the
	reviewer; empty when they agree or no import concerns the record."""
	if doc.flags.get("filled_from_budget_system"):
		return
	row = imported_for(doc)
	gap = gap_text(doc, row) if row else ""
	if gap != (doc.budget_gap or ""):  # None stays None: no empty change in the record's history
		doc.budget_gap = gap


def show_gaps(import_doc, method=None):
	"""on_submit of a Budget Execution Import (after its apply): the records of its
	projects it did not write — under review without finance's tick, confirmed —
	show the reviewer at once where they differ from it, not at their next save.
	Stored without touching ``modified`` (nobody changed the record)."""
	for row in import_doc.projects:
		for doctype, link in LINKS.items():
			name = row.get(link)
			if not name or not frappe.db.exists(doctype, name):
				continue
			doc = frappe.get_doc(doctype, name)
			if doc.budget_import == import_doc.name:
				continue  # filled by this import: its figures are the import's
			found = imported_for(doc)
			gap = gap_text(doc, found) if found else ""
			if gap != (doc.budget_gap or ""):
				doc.db_set("budget_gap", gap, update_modified=False)


def gap_text(doc, row) -> str:
	imported = targets.record_values(doc.doctype, row_figures(row))
	imported |= targets.totals(doc.doctype, imported)
	held = held_values(doc.doctype, doc)
	compared = []
	for total, parts in targets.TOTALS[doc.doctype].items():
		compared.append(total)
		# the monitoring form's fund rows are optional: parts all 0 are not given, only the total is
		if any(held[part] for part in parts):
			compared.extend(parts)
	return "\n".join(
		_(
			"{0}: typed {1} 10k yuan, budget system {2} 10k yuan (as of {3}, {4}), difference {5} 10k yuan"
		).format(
			_(doc.meta.get_label(field)),
			pb_amount(held[field]),
			pb_amount(imported[field]),
			shown_date(row.as_of_date),
			row.import_name,
			pb_amount(held[field] - imported[field]),
		)
		for field in compared
		if field in imported and held[field] != imported[field]
	)


def shown_date(value) -> str:
	"""As-of dates are written into texts as 2026-06-30, whatever the site's date format."""
	return getdate(value).isoformat() if value else ""


# -- the units told ------------------------------------------------------------------


def notify_units(import_doc, filled: dict[str, list[tuple[str, str]]]) -> None:
	"""Each unit whose records ``import_doc`` filled (unit -> [(doctype, name)]) is
	told which of its records got which figures, one notification per DocType."""
	for unit, records in filled.items():
		by_doctype: dict[str, list[str]] = {}
		for doctype, name in records:
			by_doctype.setdefault(doctype, []).append(name)
		for doctype, names in by_doctype.items():
			rows = frappe.get_all(
				doctype,
				filters={"name": ["in", names]},
				fields=["name", "project_name", "imported_fields"],
				order_by="name",
			)

			def subject(rows=rows, doctype=doctype):
				return _("Budget system figures as of {0} (import {1}) were filled into {2}: {3}").format(
					shown_date(import_doc.as_of_date),
					import_doc.name,
					_(doctype),
					"; ".join(
						_("{0} {1} ({2})").format(r.name, r.project_name, figures_filled(doctype, r))
						for r in rows
					),
				)

			notify(unit_members(unit), subject, doctype, [(r.name, r.project_name) for r in rows])


def figures_filled(doctype: str, row) -> str:
	"""Which of the file's figures a record got: "年初预算数, 调整后预算数"."""
	labels = {
		targets.INITIAL: _("Initial Budget"),
		targets.ADJUSTED: _("Adjusted Budget"),
		targets.EXECUTED: _("Payments to Date"),
	}
	fields = set(json.loads(row.imported_fields or "[]"))
	got = {figure for field, (figure, _categories) in targets.FIELDS[doctype].items() if field in fields}
	return ", ".join(label for figure, label in labels.items() if figure in got)
