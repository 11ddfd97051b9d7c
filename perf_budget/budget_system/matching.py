"""Which records a budget system file fills, and what applying does to each
(issue 16). Plain data: no Frappe; the import's controller reads the records
and words the outcome.

A file's project code (trimmed, compared as text) and the import's year find
the goal: the latest version of the one goal chain with that code. The same
code in two units' goals is ambiguous and fills nothing. The goal takes the
年初预算数; the monitoring record of the project whose round ends in the as-of
month takes 年初预算数 and 支付数 (as its 监控表 prints them); the
self-evaluation takes all three, and only from a December as-of date. Department-wide records are never filled:
their figures are a unit's totals, not one project code's.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from perf_budget.budget_system import targets

GOAL, MONITORING, EVALUATION = "Performance Goal", "Performance Monitoring", "Performance Evaluation"
RECORD_DOCTYPES = (GOAL, MONITORING, EVALUATION)

# What applying does to a record (the Select options of the import's rows).
FILL = "Fill"  # in the unit's step: written
CHOICE = "Needs Your Choice"  # under review: written only if finance ticks overwrite
CONFIRMED = "Confirmed, Not Written"  # submitted: never written (adjust or amend it instead)
NO_RECORD = "No Record"
YEAR_END = 12  # the self-evaluation takes the figures as of December


@dataclass(frozen=True)
class Record:
	"""A goal, monitoring record or self-evaluation as the site holds it."""

	doctype: str
	name: str
	project_code: str
	budget_unit: str
	docstatus: int = 0
	workflow_state: str | None = None
	modified: str = ""
	version: int = 1
	project_name: str = ""


@dataclass
class Match:
	"""One project of the file and the records it concerns."""

	project: object  # reader.ProjectFigures: code, name, unit_name, lines, figures
	goal: Record | None = None
	records: dict[str, Record | None] = field(default_factory=dict)  # doctype -> record (None: none)
	actions: dict[str, str] = field(default_factory=dict)  # doctype -> action; absent: not concerned
	ambiguous: list[Record] = field(default_factory=list)  # the goals of several units with the code
	unit_differs: bool = False  # the file's 单位名称 is not the goal's unit


@dataclass
class Outcome:
	matched: list[Match]
	unmatched: list[Match]  # no goal of the year has the code, or several units' goals have it
	missing: list[Record]  # goals of the year whose code the file does not have


def code_key(code) -> str:
	return str(code if code is not None else "").strip()


def latest_goals(goals: list[Record]) -> dict[str, list[Record]]:
	"""code -> the latest version of each unit's goal with that code (one per chain)."""
	latest: dict[tuple[str, str], Record] = {}
	for goal in goals:
		key = (code_key(goal.project_code), goal.budget_unit)
		if key not in latest or goal.version > latest[key].version:
			latest[key] = goal
	by_code: dict[str, list[Record]] = {}
	for (code, _unit), goal in sorted(latest.items()):
		by_code.setdefault(code, []).append(goal)
	return by_code


def concerned(doctype: str, has: tuple[str, ...], as_of_month: int) -> bool:
	"""Whether a file with figures ``has`` as of ``as_of_month`` fills ``doctype`` at all."""
	if doctype == EVALUATION and as_of_month != YEAR_END:
		return False
	return any(figure in has for figure, _categories in targets.FIELDS[doctype].values())


def action(record: Record | None, filing_states: dict[str, tuple[str, ...]]) -> str:
	"""What applying does to ``record``: its unit's step (the live workflow's
	states edited by the unit's clerk) is filled; under review needs finance's
	choice; a submitted record is never written."""
	if record is None:
		return NO_RECORD
	if record.docstatus == 1:
		return CONFIRMED
	if not record.workflow_state or record.workflow_state in filing_states.get(record.doctype, ()):
		return FILL
	return CHOICE


def writes(action_taken: str, overwrite: bool) -> bool:
	return action_taken == FILL or (action_taken == CHOICE and bool(overwrite))


def match(
	projects: list,
	goals: list[Record],
	records: list[Record],
	filing_states: dict[str, tuple[str, ...]],
	has: tuple[str, ...],
	as_of_month: int,
) -> Outcome:
	"""The file's projects against the year's goals and ``records`` (the
	monitoring records of the as-of month's round and, in December, the
	self-evaluations: the caller reads only those)."""
	by_code = latest_goals(goals)
	by_project = {(code_key(r.project_code), r.budget_unit, r.doctype): r for r in records}
	matched, unmatched, seen = [], [], set()
	for project in projects:
		code = code_key(project.code)
		seen.add(code)
		chains = by_code.get(code, [])
		if len(chains) != 1:
			unmatched.append(Match(project, ambiguous=chains if len(chains) > 1 else []))
			continue
		goal = chains[0]
		found = Match(project, goal=goal, unit_differs=unit_differs(project.unit_name, goal.budget_unit))
		for doctype in RECORD_DOCTYPES:
			record = goal if doctype == GOAL else by_project.get((code, goal.budget_unit, doctype))
			found.records[doctype] = record
			if concerned(doctype, has, as_of_month):
				found.actions[doctype] = action(record, filing_states)
		matched.append(found)
	missing = [goal for code, chains in sorted(by_code.items()) if code not in seen for goal in chains]
	return Outcome(matched, unmatched, missing)


def unit_differs(file_unit: str | None, unit: str) -> bool:
	"""The file's 单位名称 (when it has one) is not the goal's unit: a note, not a refusal."""
	return bool(code_key(file_unit)) and code_key(file_unit) != code_key(unit)


def counts(rows: list[tuple[dict[str, str], bool]]) -> tuple[int, int, int]:
	"""(records written, records under review needing finance's choice, records not
	written) of rows given as (doctype -> action, overwrite ticked)."""
	to_fill = choice = not_written = 0
	for actions, overwrite in rows:
		for action_taken in actions.values():
			if action_taken == CHOICE:
				choice += 1
			if writes(action_taken, overwrite):
				to_fill += 1
			elif action_taken in (CHOICE, CONFIRMED):
				not_written += 1
	return to_fill, choice, not_written


def total(by_category: dict[str, Decimal] | None) -> Decimal | None:
	"""A figure's sum over the fund categories (exact 万元); None when the file has no such figure."""
	if by_category is None:
		return None
	return sum((by_category.get(c) or Decimal(0) for c in targets.CATEGORIES), Decimal(0))


def lines_text(lines: list[int], limit: int) -> str:
	"""The file's line numbers as ranges, "5-7, 9", cut to ``limit`` characters."""
	parts, start = [], None
	numbers = sorted(set(lines))
	for i, n in enumerate(numbers):
		start = n if start is None else start
		if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
			parts.append(str(n) if n == start else f"{start}-{n}")
			start = None
	text = ", ".join(parts)
	return text if len(text) <= limit else text[: limit - 1] + "…"
