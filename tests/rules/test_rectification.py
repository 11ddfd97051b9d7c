"""Rectification status, what counts as unrectified, interview suggestions (arts. 24, 26)."""

import json
from datetime import date
from pathlib import Path

import pytest

from perf_budget.rules.chains import stages_of
from perf_budget.rules.rectification import interview_reasons, is_unrectified, rectification_status

WORKFLOWS = Path(__file__).resolve().parents[2] / "perf_budget" / "workflow"
SHIPPED = json.loads((WORKFLOWS / "rectification.json").read_text(encoding="utf-8"))
CHAIN = stages_of(
	"Rectification", SHIPPED["states"], SHIPPED["transitions"], "Perf Unit User", "Perf Unit Head"
)

DUE = date(2026, 5, 31)
BEFORE, ON, AFTER = date(2026, 5, 30), date(2026, 5, 31), date(2026, 6, 1)


@pytest.mark.parametrize(
	("state", "docstatus", "today", "status"),
	[
		("Draft", 0, AFTER, "Not Sent"),  # finance has not sent it: not the unit's delay
		("Sent to Unit", 0, BEFORE, "In Progress"),
		("Sent to Unit", 0, ON, "In Progress"),  # the due day itself is still in time
		("Sent to Unit", 0, AFTER, "Overdue"),
		("Returned", 0, BEFORE, "In Progress"),
		("Returned", 0, AFTER, "Overdue"),
		("Pending Unit Head", 0, BEFORE, "Under Review"),
		("Pending Unit Head", 0, AFTER, "Overdue"),  # the head has not let it go yet
		("Finance Review", 0, AFTER, "Under Review"),  # delivered; finance's turn
		("Accepted", 1, AFTER, "Completed"),
		("Forwarded", 1, BEFORE, "Completed"),
		("Sent to Unit", 2, AFTER, "Cancelled"),
	],
)
def test_status_follows_state_and_due_date(state, docstatus, today, status):
	assert rectification_status(CHAIN.stage_of(state), docstatus, DUE, today) == status


def test_no_due_date_is_never_overdue():
	assert rectification_status(CHAIN.stage_of("Sent to Unit"), 0, None, AFTER) == "In Progress"


@pytest.mark.parametrize(
	("status", "result", "unrectified"),
	[
		("Not Sent", None, True),
		("In Progress", None, True),
		("Under Review", None, True),
		("Overdue", None, True),
		("Completed", "Rectified", False),
		("Completed", "Partly Rectified", True),
		("Completed", "Not Rectified", True),
		("Cancelled", None, False),
	],
)
def test_what_counts_as_unrectified(status, result, unrectified):
	assert is_unrectified(status, result) is unrectified


@pytest.mark.parametrize(
	("poor", "overdue", "reasons"),
	[
		(0, 0, []),
		(1, 0, ["Poor Grade"]),
		(0, 2, ["Overdue Rectification"]),
		(3, 1, ["Poor Grade", "Overdue Rectification"]),
	],
)
def test_interview_suggestions(poor, overdue, reasons):
	assert interview_reasons(poor, overdue) == reasons
