"""The evaluation procedure of art. 22 on a self-evaluation: its default data
checklist, the checklist's ticks, the satisfaction survey's figures and the
gate before the record leaves the unit. The rules are in
``perf_budget/rules/procedure.py`` and ``rules/survey.py``; this reads the
settings and the records."""

import frappe
from frappe import _
from frappe.utils import cint, flt

from perf_budget.rules.procedure import Facts, Requirements, missing_steps, parse_checklist, tick_problems
from perf_budget.rules.survey import percent
from perf_budget.settings import get_settings

SUMMARY_FIELDS = ("problems", "causes", "improvements")


def fill_checklist(doc) -> None:
	"""A new self-evaluation starts with the bureau's checklist (settings, else the built-in list)."""
	if doc.get("checklist"):
		return
	for item, required in parse_checklist(get_settings().get("evaluation_checklist")):
		doc.append("checklist", {"item": item, "required": int(required)})


def check_checklist(doc) -> None:
	"""A row with a file is collected; a tick without a file needs a note saying where the data is."""
	for row in doc.checklist:
		if row.file:
			row.done = 1
	problems = tick_problems([row.as_dict() for row in doc.checklist])
	if problems:
		frappe.throw("<br>".join(_(message).format(*args) for message, args in problems))


def apply_survey(doc) -> bool:
	"""The linked survey's counts and rates into the self-evaluation: each
	quantitative satisfaction indicator gets the rate of the questions that feed
	it, else the overall satisfaction. False when no survey is linked (the typed
	counts stay as they are)."""
	if not doc.get("satisfaction_survey"):
		return False
	survey = frappe.get_doc("Satisfaction Survey", doc.satisfaction_survey)
	doc.valid_respondents = survey.valid_responses
	doc.satisfied_respondents = survey.satisfied_respondents
	fed: dict[str, list] = {}
	for question in survey.questions:
		if question.indicator:
			fed.setdefault(question.indicator, []).append(question)
	overall = percent(cint(survey.satisfied_respondents), cint(survey.valid_responses))
	for row in satisfaction_rows(doc):
		questions = fed.get(row.indicator_name)
		if questions:
			rate = percent(
				sum(cint(q.satisfied) for q in questions), sum(cint(q.answered) for q in questions)
			)
		else:
			rate = overall
		if rate is not None:
			row.actual_value = rate
	return True


def satisfaction_rows(doc) -> list:
	"""The quantitative satisfaction indicators: the ones a questionnaire measures."""
	return [row for row in doc.indicators if row.level1 == "Satisfaction" and row.operator != "Qualitative"]


def requirements() -> Requirements:
	settings = get_settings()

	def start(step: str) -> float | None:
		return flt(settings.get(f"{step}_from"), 2) if cint(settings.get(f"require_{step}")) else None

	return Requirements(
		site_visit_from=start("site_visit"),
		survey_from=start("survey"),
		expert_review_from=start("expert_review"),
		min_experts=max(cint(settings.get("min_scoring_experts")), 1),
		checklist=bool(cint(settings.get("require_checklist"))),
		summary=bool(cint(settings.get("require_summary"))),
	)


def facts(doc) -> Facts:
	if doc.checklist:
		unticked = [row.item for row in doc.checklist if row.required and not row.done]
	else:  # a self-evaluation made before the checklist existed: the bureau's list is what is missing
		unticked = [
			item for item, required in parse_checklist(get_settings().get("evaluation_checklist")) if required
		]
	survey_valid = 0
	if doc.get("satisfaction_survey"):
		survey_valid = cint(
			frappe.db.get_value("Satisfaction Survey", doc.satisfaction_survey, "valid_responses")
		)
	return Facts(
		annual_budget=flt(doc.annual_budget, 2),
		site_visits=len(doc.get("site_visits") or []),
		has_satisfaction_indicators=bool(satisfaction_rows(doc)),
		survey_valid_responses=survey_valid,
		scored_experts=sum(1 for row in doc.get("experts") or [] if flt(row.expert_score) > 0),
		unticked_required=unticked,
		blank_summary=[_(doc.meta.get_label(f)) for f in SUMMARY_FIELDS if not (doc.get(f) or "").strip()],
	)


def check_steps(doc) -> None:
	"""Refuse a self-evaluation leaving the unit before the required steps are done, naming each."""
	missing = missing_steps(requirements(), facts(doc))
	if missing:
		frappe.throw(
			"<br>".join(_(message).format(*args) for message, args in missing),
			title=_("The evaluation procedure (art. 22) is not complete"),
		)
