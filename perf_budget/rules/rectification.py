"""Rectification (整改) and performance interviews (约谈), arts. 24 and 26.

Where a rectification stands follows from its workflow state and its due
date; what counts as "not rectified" feeds next year's budget advice; which
units deserve an interview follows SPEC 4.5 (grade Poor or overdue
rectifications).
"""

from datetime import date

from perf_budget.rules.chains import SETTLED, WITH_THE_UNIT

STATUSES = ("Not Sent", "In Progress", "Under Review", "Overdue", "Completed", "Cancelled")
RESULTS = ("Rectified", "Partly Rectified", "Not Rectified")


def rectification_status(stage: str, docstatus: int, due_date: date | None, today: date) -> str:
	"""From the stage of its chain (``rules/chains.py``): Not Sent (finance still
	drafting), In Progress, Under Review (with the unit head or finance),
	Overdue (due date passed while the report is still with the unit),
	Completed (accepted), Cancelled."""
	if docstatus == 2:
		return "Cancelled"
	if docstatus == 1 or stage in SETTLED:
		return "Completed"
	if stage in WITH_THE_UNIT and due_date and today > due_date:
		return "Overdue"
	if stage in ("unit_review", "finance_review", "at_bureau"):
		return "Under Review"
	if stage == "filing":
		return "In Progress"
	return "Not Sent"


def is_unrectified(status: str, review_result: str | None) -> bool:
	"""Art. 24: a problem still open, overdue, or accepted as only partly or
	not rectified counts against next year's budget."""
	if status in ("Not Sent", "In Progress", "Under Review", "Overdue"):
		return True
	return status == "Completed" and review_result in ("Partly Rectified", "Not Rectified")


def interview_reasons(poor_projects: int, overdue_rectifications: int) -> list[str]:
	"""Why a unit is suggested for a performance interview (SPEC 4.5, art. 26)."""
	reasons = []
	if poor_projects:
		reasons.append("Poor Grade")
	if overdue_rectifications:
		reasons.append("Overdue Rectification")
	return reasons
