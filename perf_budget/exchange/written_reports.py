"""The written reports of arts. 17 and 23 (Performance Report), Frappe side:
the figures taken from the reports the desk already has — the Department
Self-Evaluation Summary (summarise, advice_rows), the Monitoring Warning
Board and the Monitoring Round Completeness —, the department-wide
self-evaluations and monitoring and the year's ex-ante assessments, kept on the record as a
snapshot (a report that was sent does not change when the data does), and
the Word document (``perf_budget/writing``) for download and for the file
kept when the report is sent."""

import json
from dataclasses import asdict

import frappe
from frappe import _
from frappe.query_builder import Case, Order
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, now_datetime

from perf_budget.exchange import send_workbook
from perf_budget.perf_budget.report.department_self_evaluation_summary import (
	department_self_evaluation_summary as department_summary,
)
from perf_budget.perf_budget.report.monitoring_round_completeness import (
	monitoring_round_completeness as completeness,
)
from perf_budget.perf_budget.report.monitoring_warning_board import monitoring_warning_board as board
from perf_budget.rules.scoring import execution_rate
from perf_budget.settings import get_rules
from perf_budget.writing import outline as words
from perf_budget.writing.docx import write_docx

DOCTYPE = "Performance Report"
PROJECT_FIELDS = (
	"project_code",
	"project_name",
	"budget_unit",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"total_score",
	"grade",
)
MONITORING_FIELDS = (
	"project_code",
	"project_name",
	"budget_unit",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"execution_light",
	"red_indicators",
	"warning_level",
)


def take_figures(doc) -> None:
	"""Store today's figures on ``doc`` (not saved here); a 结果应用建议 left
	empty starts from the budget advice."""
	figures = {
		"performance_year": doc.performance_year,
		"score_precision": get_rules().score_precision,
	}
	if doc.report_kind == words.MONITORING:
		figures |= monitoring_figures(doc.performance_year, int(doc.period_end_month))
	else:
		figures |= self_evaluation_figures(doc.performance_year)
		if not (doc.results_application or "").strip():
			doc.results_application = words.advice_text(figures["advice"])
	doc.figures_json = frappe.as_json(figures, indent=1)
	doc.figures_refreshed_on = now_datetime()


def self_evaluation_figures(year: str) -> dict:
	"""The department summary's figures (accepted self-evaluations only)."""
	filters = frappe._dict(performance_year=year, accepted_only=1)
	summary = department_summary.summarise(filters)
	query, ev = department_summary.evaluations(filters)
	projects = query.select(*(ev[f] for f in PROJECT_FIELDS)).orderby(ev.budget_unit).orderby(ev.project_code)
	return {
		"totals": summary["totals"],
		"grades": summary["grades"],
		"units": summary["units"],
		"projects": [rounded(row) for row in projects.run(as_dict=True)],
		"advice": department_summary.advice_rows(filters),
		"departments": summary["departments"],
		"exante": exante_counts(year),
	}


def exante_counts(year: str) -> dict:
	"""The year's ex-ante assessments: the concluded ones by conclusion, the
	others (still being assessed) as in_progress; one grouped query."""
	ea = frappe.qb.DocType("Ex-ante Assessment")
	rows = (
		frappe.qb.from_(ea)
		.select(ea.docstatus, ea.conclusion, Count(ea.name).as_("assessments"))
		.where(ea.performance_year == year)
		.where(ea.docstatus < 2)
		.groupby(ea.docstatus, ea.conclusion)
		.run(as_dict=True)
	)
	counts = dict.fromkeys((*words.CONCLUSIONS, "in_progress"), 0)
	for row in rows:
		key = row.conclusion if row.docstatus == 1 and row.conclusion in counts else "in_progress"
		counts[key] += row.assessments
	return counts


def department_monitoring(year: str, month: int) -> list[dict]:
	"""The round's department-wide monitoring records with their lights, the
	bureau's own first, then red before yellow before green."""
	dm, unit = frappe.qb.DocType("Department Performance Monitoring"), frappe.qb.DocType("Budget Unit")
	is_bureau = Case().when(unit.unit_type == "Bureau", 1).else_(0)
	order = Case().when(dm.warning_level == "Red", 0).when(dm.warning_level == "Yellow", 1).else_(2)
	rows = (
		frappe.qb.from_(dm)
		.left_join(unit)
		.on(unit.name == dm.budget_unit)
		.select(*(dm[f] for f in DEPARTMENT_MONITORING_FIELDS), is_bureau.as_("is_bureau"))
		.where(dm.performance_year == year)
		.where(dm.period_end_month == month)
		.where(dm.docstatus < 2)
		.orderby(is_bureau, order=Order.desc)
		.orderby(order)
		.orderby(dm.budget_unit)
		.run(as_dict=True)
	)
	return [rounded(row) for row in rows]


def monitoring_figures(year: str, month: int) -> dict:
	"""One round's figures: who reported (Monitoring Round Completeness), the
	records with their lights and the deviation reasons (Monitoring Warning Board)."""
	filters = frappe._dict(performance_year=year, period_end_month=month)
	counts = [item["value"] for item in completeness.summary(completeness.fetch(filters))]
	query, mo = board.monitorings(filters)
	order = Case().when(mo.warning_level == "Red", 0).when(mo.warning_level == "Yellow", 1).else_(2)
	records = (
		query.select(*(mo[f] for f in MONITORING_FIELDS))
		.orderby(order)
		.orderby(mo.budget_unit)
		.orderby(mo.project_code)
		.run(as_dict=True)
	)
	totals_query, mo = board.monitorings(filters)
	totals = totals_query.select(
		Count(mo.name).as_("projects"),
		Sum(mo.annual_budget).as_("annual_budget"),
		Sum(mo.executed_amount).as_("executed_amount"),
	).run(as_dict=True)[0]
	budget, executed = flt(totals.annual_budget, 2), flt(totals.executed_amount, 2)
	return {
		"period_end_month": month,
		"completeness": dict(zip(("submitted", "not_submitted", "missing"), counts, strict=True)),
		"totals": {
			"projects": totals.projects,
			"annual_budget": budget,
			"executed_amount": executed,
			"execution_rate": execution_rate(budget, executed) if budget else None,
		},
		"lights": {light: sum(1 for r in records if r.warning_level == light) for light in words.LIGHTS},
		"projects": [rounded(row) for row in records],
		"reasons": board.reason_counts(filters),
		"departments": department_monitoring(year, month),
	}


DEPARTMENT_MONITORING_FIELDS = (
	"budget_unit",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"execution_light",
	"warning_level",
	"red_indicators",
)


def rounded(row) -> dict:
	"""A record's amounts and rate as stored, to 2 decimals."""
	return {
		key: flt(value, 2) if key in ("annual_budget", "executed_amount", "execution_rate") else value
		for key, value in row.items()
	}


def texts(doc) -> dict:
	sections = (
		words.MONITORING_SECTIONS if doc.report_kind == words.MONITORING else words.SELF_EVALUATION_SECTIONS
	)
	return {key: doc.get(key) for key, _heading in sections}


def document(doc) -> words.Document:
	figures = json.loads(doc.figures_json or "{}")
	return words.outline(doc.report_kind, doc.title, figures, texts(doc))


def word_document(doc) -> bytes:
	return write_docx(document(doc))


def preview(doc) -> list[dict]:
	"""The document's blocks for the form's preview (the same outline the Word file has)."""
	return [{"kind": type(block).__name__, **asdict(block)} for block in document(doc).blocks]


def word_file_name(doc) -> str:
	return f"{doc.title}（第{doc.version}版）.docx"


@frappe.whitelist()
@frappe.read_only()
def download_word(name: str) -> None:
	"""The report as a Word document, for those who may read it."""
	frappe.has_permission(DOCTYPE, "read", name, throw=True)
	doc = frappe.get_doc(DOCTYPE, name)
	send_workbook(word_document(doc), word_file_name(doc))


@frappe.whitelist(methods=["POST"])
def refresh_figures(name: str) -> None:
	"""刷新数据: take the figures again, while the report is being written."""
	frappe.has_permission(DOCTYPE, "write", name, throw=True)
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.docstatus != 0:
		frappe.throw(
			_("{0} has been sent: it keeps the figures it was sent with.").format(doc.name),
			title=_("Figures not refreshed"),
		)
	take_figures(doc)
	doc.save()


def keep_sent_file(doc) -> None:
	"""The Word file of what was sent, attached to the record (private)."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": word_file_name(doc),
			"attached_to_doctype": DOCTYPE,
			"attached_to_name": doc.name,
			"attached_to_field": "sent_file",
			"is_private": 1,
			"content": word_document(doc),
		}
	).insert(ignore_permissions=True)
	doc.db_set("sent_file", file.file_url)
