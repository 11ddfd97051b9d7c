"""A satisfaction survey's answer sheet in and out of the desk: the template
(with the responses already entered) and its import, which replaces the
survey's responses with the file's (the file holds the whole survey)."""

import frappe
from frappe import _

from perf_budget.excel.layout import render
from perf_budget.excel.survey import read_responses, template
from perf_budget.exchange import send_workbook, uploaded_file
from perf_budget.perf_budget.doctype.satisfaction_survey.satisfaction_survey import answer_fields
from perf_budget.rules.survey import MAX_QUESTIONS

MAX_ERRORS_SHOWN = 20


@frappe.whitelist()
@frappe.read_only()
def download_template(name: str):
	survey = frappe.get_doc("Satisfaction Survey", name)
	survey.check_permission("read")
	fields = answer_fields(len(survey.questions))
	data = template(
		survey.survey_title,
		[(q.question, q.scale) for q in survey.questions],
		[(r.respondent, [r.get(f) or "" for f in fields]) for r in survey.responses],
	)
	send_workbook(data, f"{survey.name}-满意度调查答卷.xlsx")


@frappe.whitelist(methods=["POST"])
def import_responses_file(name: str, file_url: str) -> dict:
	return import_responses(name, *uploaded_file(file_url))


def import_responses(name: str, data: bytes, filename: str = "") -> dict:
	"""Every response of the file, or nothing with the reasons."""
	survey = frappe.get_doc("Satisfaction Survey", name)
	survey.check_permission("write")
	if not survey.questions or len(survey.questions) > MAX_QUESTIONS:
		frappe.throw(_("Save the survey's questions before importing its answers."))
	rows, errors = read_responses(data, filename, [q.question for q in survey.questions])
	if errors:
		frappe.throw(
			"<br>".join(render(error, _) for error in errors[:MAX_ERRORS_SHOWN]),
			title=_("Nothing was imported: please fix the file"),
		)
	fields = answer_fields(len(survey.questions))
	survey.set("responses", [])
	for respondent, answers in rows:
		survey.append("responses", {"respondent": respondent, **dict(zip(fields, answers, strict=True))})
	survey.save()
	return {
		"responses": survey.total_responses,
		"valid": survey.valid_responses,
		"invalid": survey.invalid_responses,
		"overall": survey.overall_satisfaction,
	}
