"""The evaluation procedure of art. 22 before a self-evaluation leaves the unit:
which steps the settings require for the project's size, which are missing.

(一) preparation: the checklist of data to collect (each item ticked; a tick
needs the file, or a note saying where the data is); (二) implementation: site
visit, questionnaire survey, expert review; (三) summary: problems, causes,
improvements. Each step is required by its own setting; a step required
"from" an amount applies to projects whose full-year budget is at least that
amount (万元). Nothing is required by default, so a bureau turns on what its
practice needs.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The data a unit collects for its self-evaluation (art. 22 (一)): the default
# checklist of a new self-evaluation when the settings name none. A line
# ending in （选填） is optional.
DEFAULT_CHECKLIST = (
	"批复的绩效目标",
	"预算批复及调整文件",
	"预算执行数据",
	"项目实施方案",
	"合同及验收资料",
	"资金支付凭证",
	"相关管理制度（选填）",
)
OPTIONAL_MARKS = ("（选填）", "(选填)")

SITE_VISIT_MESSAGE = "Site visit: record at least one site visit"
SURVEY_MESSAGE = "Questionnaire survey: link a satisfaction survey with at least one valid response"
EXPERTS = "Expert review: at least {0} experts must have given a score (now {1})"
CHECKLIST = "Checklist: tick the required items {0}"
SUMMARY = "Summary: fill in {0}"
TICK_WITHOUT_FILE = (
	'Checklist row {0} "{1}" is ticked without a file: attach it, or write in the note where the data is'
)
NEGATIVE_SETTING = "{0}: {1} must not be negative, it is {2}"
MESSAGES = (
	SITE_VISIT_MESSAGE,
	SURVEY_MESSAGE,
	EXPERTS,
	CHECKLIST,
	SUMMARY,
	TICK_WITHOUT_FILE,
	NEGATIVE_SETTING,
)
# The settings' figures of each step: (the step's tick, its figure). Three amounts share a label.
STEP_FIGURES = (
	("require_site_visit", "site_visit_from"),
	("require_survey", "survey_from"),
	("require_expert_review", "expert_review_from"),
	("require_expert_review", "min_scoring_experts"),
)

Problem = tuple[str, tuple]


def parse_checklist(text: str | None) -> list[tuple[str, bool]]:
	"""(item, required) per non-blank line of the setting; the default list when it is blank."""
	lines = [line.strip() for line in (text or "").splitlines() if line.strip()] or list(DEFAULT_CHECKLIST)
	items = []
	for line in lines:
		optional = line.endswith(OPTIONAL_MARKS)
		for mark in OPTIONAL_MARKS:
			line = line.removesuffix(mark).strip()
		items.append((line, not optional))
	return items


@dataclass(frozen=True)
class Requirements:
	"""What the settings require; a ``*_from`` of None means the step is not required."""

	site_visit_from: float | None = None
	survey_from: float | None = None
	expert_review_from: float | None = None
	min_experts: int = 1
	checklist: bool = False
	summary: bool = False


@dataclass(frozen=True)
class Facts:
	"""What the self-evaluation holds."""

	annual_budget: float
	site_visits: int = 0
	# the survey is asked only of a project with quantitative satisfaction indicators
	has_satisfaction_indicators: bool = False
	survey_valid_responses: int = 0
	scored_experts: int = 0
	# labels of the required checklist items not ticked
	unticked_required: Sequence[str] = ()
	# labels of the summary fields left blank
	blank_summary: Sequence[str] = ()


def applies(threshold: float | None, annual_budget: float) -> bool:
	return threshold is not None and (annual_budget or 0) >= threshold


def missing_steps(required: Requirements, facts: Facts) -> list[Problem]:
	"""The required steps not done yet, in the order of art. 22; empty when the record may go on."""
	missing: list[Problem] = []
	if required.checklist and facts.unticked_required:
		missing.append((CHECKLIST, ("、".join(facts.unticked_required),)))
	if applies(required.site_visit_from, facts.annual_budget) and facts.site_visits < 1:
		missing.append((SITE_VISIT_MESSAGE, ()))
	if (
		applies(required.survey_from, facts.annual_budget)
		and facts.has_satisfaction_indicators
		and facts.survey_valid_responses < 1
	):
		missing.append((SURVEY_MESSAGE, ()))
	if (
		applies(required.expert_review_from, facts.annual_budget)
		and facts.scored_experts < required.min_experts
	):
		missing.append((EXPERTS, (required.min_experts, facts.scored_experts)))
	if required.summary and facts.blank_summary:
		missing.append((SUMMARY, ("、".join(facts.blank_summary),)))
	return missing


def setting_problems(settings: Mapping) -> list[Problem]:
	"""The steps' amounts (万元) and expert count set below 0, named by step and
	field; refused while a step is off too, since the figure waits for its tick."""
	return [
		(NEGATIVE_SETTING, (step, field, f"{settings.get(field):g}"))
		for step, field in STEP_FIGURES
		if (settings.get(field) or 0) < 0
	]


def tick_problems(rows: Sequence[dict]) -> list[Problem]:
	"""Checklist rows ticked with neither a file nor a note (rows: idx, item, done, file, note)."""
	return [
		(TICK_WITHOUT_FILE, (row["idx"], row["item"]))
		for row in rows
		if row.get("done") and not row.get("file") and not (row.get("note") or "").strip()
	]
