"""Which records a budget system file fills and what applying does to each
(perf_budget/budget_system/matching.py), without Frappe."""

from dataclasses import dataclass, field
from decimal import Decimal

from perf_budget.budget_system import matching
from perf_budget.budget_system.matching import (
	CHOICE,
	CONFIRMED,
	EVALUATION,
	FILL,
	GOAL,
	MONITORING,
	NO_RECORD,
	Record,
)

FILING = {
	GOAL: ("Draft", "Returned"),
	MONITORING: ("Draft", "Returned"),
	EVALUATION: ("Draft", "Returned"),
}
ALL = ("initial", "adjusted", "executed")


@dataclass
class Project:
	code: str
	unit_name: str | None = None
	name: str | None = None
	lines: list = field(default_factory=list)
	figures: dict = field(default_factory=dict)


def goal(name, code, unit, version=1, docstatus=1, state="Confirmed"):
	return Record(GOAL, name, code, unit, docstatus, state, version=version)


def test_the_code_is_trimmed_text_and_the_latest_version_of_the_chain_is_the_goal():
	goals = [goal("G-1", "P-01", "甲科", 1), goal("G-2", " P-01 ", "甲科", 2, 0, "Draft")]
	out = matching.match([Project(" P-01")], goals, [], FILING, ALL, 7)
	assert [m.goal.name for m in out.matched] == ["G-2"]
	assert out.matched[0].actions == {GOAL: FILL, MONITORING: NO_RECORD}
	assert out.unmatched == [] and out.missing == []


def test_two_units_with_one_code_are_ambiguous_and_fill_nothing():
	goals = [goal("G-1", "P-01", "甲科"), goal("G-2", "P-01", "乙科")]
	out = matching.match([Project("P-01")], goals, [], FILING, ALL, 7)
	assert out.matched == []
	assert {g.name for g in out.unmatched[0].ambiguous} == {"G-1", "G-2"}
	assert out.unmatched[0].actions == {}


def test_codes_without_a_goal_and_goals_without_a_line_are_listed_apart():
	goals = [goal("G-1", "P-01", "甲科"), goal("G-3", "P-03", "乙科")]
	out = matching.match([Project("P-01"), Project("P-02")], goals, [], FILING, ALL, 7)
	assert [m.project.code for m in out.matched] == ["P-01"]
	assert [(m.project.code, m.ambiguous) for m in out.unmatched] == [("P-02", [])]
	assert [g.name for g in out.missing] == ["G-3"]


def test_the_records_of_the_goals_unit_are_found_and_classified_by_their_step():
	goals = [goal("G-1", "P-01", "甲科", docstatus=0, state="Pending Unit Head")]
	records = [
		Record(MONITORING, "PM-1", "P-01", "甲科", 0, "Returned"),
		Record(EVALUATION, "PE-1", "P-01", "甲科", 1, "Accepted"),
		Record(MONITORING, "PM-9", "P-01", "乙科", 0, "Draft"),  # another unit's: not this goal's
	]
	out = matching.match([Project("P-01")], goals, records, FILING, ALL, 12)
	found = out.matched[0]
	assert found.actions == {GOAL: CHOICE, MONITORING: FILL, EVALUATION: CONFIRMED}
	assert {d: r.name for d, r in found.records.items()} == {
		GOAL: "G-1",
		MONITORING: "PM-1",
		EVALUATION: "PE-1",
	}


def test_which_doctypes_a_file_concerns():
	# no 年初预算数: the goal is not concerned; the self-evaluation only as of December
	assert not matching.concerned(GOAL, ("adjusted", "executed"), 12)
	assert matching.concerned(GOAL, ALL, 3)
	assert matching.concerned(MONITORING, ("adjusted", "executed"), 7)
	assert not matching.concerned(EVALUATION, ALL, 11)
	assert matching.concerned(EVALUATION, ("adjusted", "executed"), 12)
	out = matching.match(
		[Project("P-01")], [goal("G-1", "P-01", "甲科")], [], FILING, ("adjusted", "executed"), 7
	)
	assert out.matched[0].actions == {MONITORING: NO_RECORD}


def test_the_files_unit_name_differing_is_a_note():
	goals = [goal("G-1", "P-01", "甲科")]
	out = matching.match(
		[Project("P-01", unit_name="乙科"), Project("P-02", unit_name=" ")], goals, [], FILING, ALL, 7
	)
	assert out.matched[0].unit_differs
	assert not matching.unit_differs(" 甲科 ", "甲科")
	assert not matching.unit_differs(None, "甲科")


def test_counts_follow_the_overwrite_ticks():
	rows = [
		({GOAL: CONFIRMED, MONITORING: FILL}, False),
		({GOAL: CHOICE, MONITORING: CHOICE}, False),
		({GOAL: CHOICE, MONITORING: NO_RECORD, EVALUATION: FILL}, True),
	]
	# written: 2 fills + 1 ticked choice; choices 3; not written: the confirmed + 2 unticked
	assert matching.counts(rows) == (3, 3, 3)
	assert matching.writes(CHOICE, True) and not matching.writes(CHOICE, False)
	assert not matching.writes(CONFIRMED, True) and not matching.writes(NO_RECORD, True)


def test_a_figures_total_over_the_categories():
	assert matching.total(
		{"Fiscal": Decimal("1.234567"), "Carryover": Decimal("0.5"), "Other": Decimal(0)}
	) == (Decimal("1.734567"))
	assert matching.total(None) is None


def test_the_lines_of_a_project_as_ranges():
	assert matching.lines_text([7, 5, 6, 9, 12, 11], 140) == "5-7, 9, 11-12"
	assert matching.lines_text([4], 140) == "4"
	assert matching.lines_text(list(range(1, 200, 2)), 20) == "1, 3, 5, 7, 9, 11, …"
