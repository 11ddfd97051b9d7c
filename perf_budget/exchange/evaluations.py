"""项目支出绩效自评表 in and out, and the department summary (art. 23) as Excel."""

import frappe
from frappe import _
from frappe.utils import flt

from perf_budget.excel import evaluation_form, official, read_form
from perf_budget.excel.department_summary import department_summary_workbook
from perf_budget.exchange import readable_docs, round_record, send_workbook, uploaded_file
from perf_budget.exchange.goals import export_stamp
from perf_budget.exchange.round_forms import fill_rows, import_round_forms, project_filters
from perf_budget.settings import get_rules, result_synonyms

MONEY_KEYS = tuple(
	f"{column}_{part}"
	for column in ("initial", "annual", "executed")
	for part in ("fiscal", "carryover", "other")
)
TEXT_KEYS = ("execution_reason", "actual_completion")
ROW_KEYS = ("actual_value", "actual_text", "qualitative_result", "deviation_analysis")


# ---------------------------------------------------------------- export


def evaluation_record(doc) -> dict:
	record = round_record(doc, evaluation_form.RECORD_KEYS, evaluation_form.INDICATOR_KEYS)
	return record | export_stamp(doc)


def evaluation_workbook(names: list[str]) -> bytes:
	docs = readable_docs("Performance Evaluation", names)
	return evaluation_form.export_evaluations(
		[evaluation_record(doc) for doc in docs], score_decimals=get_rules().score_precision
	)


@frappe.whitelist()
@frappe.read_only()
def export_evaluation(name: str):
	doc = frappe.get_doc("Performance Evaluation", name)
	title = official.form_title(evaluation_form.TITLE, doc.expenditure_type)
	send_workbook(evaluation_workbook([name]), f"{doc.project_code}-{title}.xlsx")


@frappe.whitelist()
@frappe.read_only()
def export_evaluations(performance_year: str, budget_unit: str | None = None):
	filters = {"performance_year": performance_year, "docstatus": ["<", 2]}
	if budget_unit:
		filters["budget_unit"] = budget_unit
	names = frappe.get_list(
		"Performance Evaluation", filters=filters, pluck="name", order_by="budget_unit, project_code"
	)
	send_workbook(evaluation_workbook(names), f"{performance_year}-项目支出绩效自评表.xlsx")


@frappe.whitelist()
@frappe.read_only()
def export_department_summary(performance_year: str, accepted_only: int = 1):
	from perf_budget.perf_budget.report.department_self_evaluation_summary.department_self_evaluation_summary import (
		advice_rows,
		summarise,
	)

	filters = frappe._dict(performance_year=performance_year, accepted_only=int(accepted_only))
	summary = {**summarise(filters), "advice": advice_rows(filters)}
	send_workbook(
		department_summary_workbook(performance_year, summary), f"{performance_year}-部门绩效自评总结.xlsx"
	)


# ---------------------------------------------------------------- import


@frappe.whitelist(methods=["POST"])
def import_evaluation_file(file_url: str) -> dict:
	return import_evaluations(*uploaded_file(file_url))


def import_evaluations(data: bytes, filename: str = "") -> dict:
	"""Fill evaluations from filled forms. Scores are recomputed by the rules;
	where the file's score differs, the answer lists both. Nothing is written
	unless every sheet is right."""
	records, errors = read_form("evaluation", data or b"", filename, result_synonyms())
	docs = import_round_forms(
		"Performance Evaluation",
		records,
		errors,
		keys=lambda record: project_filters(record, performance_year=record["performance_year"]),
		fill=fill,
		missing_message=_(
			"Project {0} has no self-evaluation to fill in {1}; the finance section opens the round first"
		),
	)
	differences = [
		line for record, doc in zip(records, docs, strict=True) for line in score_differences(record, doc)
	]
	return {"updated": [doc.name for doc in docs], "differences": differences}


def fill(doc, record: dict) -> None:
	doc.update({key: flt(record.get(key), 2) for key in MONEY_KEYS})
	# 执行率低于90%原因 is not on the printed form: a sheet without that caption keeps the stored reason
	doc.update(
		{
			key: record.get(key)
			for key in TEXT_KEYS
			if key in record["extras_found"] or key != "execution_reason"
		}
	)
	rows = fill_rows(doc, record, ROW_KEYS)
	for row in doc.indicators:
		if row.operator == "Qualitative":
			row.entered_score = rows[row.indicator_name].get("score")


def score_differences(record: dict, doc) -> list[str]:
	"""The file's own scores next to the rules' where they differ."""
	lines = []
	file_scores = {row["indicator_name"]: row.get("score") for row in record["indicators"]}
	for row in doc.indicators:
		given = file_scores.get(row.indicator_name)
		if given is not None and flt(given, 2) != flt(row.score, 2):
			lines.append(
				_(
					"{0}, {1}: the file says {2}, the rules give {3} ({4}); to keep the file's score, adjust it with a reason"
				).format(
					record["sheet"], row.indicator_name, flt(given, 2), flt(row.score, 2), row.target_display
				)
			)
	if record.get("total_score") is not None and flt(record["total_score"], 2) != flt(doc.total_score, 2):
		lines.append(
			_("{0}: the file's total is {1}, the recomputed total is {2}").format(
				record["sheet"], flt(record["total_score"], 2), doc.total_score
			)
		)
	return lines
