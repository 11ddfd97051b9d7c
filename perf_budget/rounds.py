"""Opening a round: one record per current confirmed goal of a year, made by
the finance section for every unit (self-evaluation, art. 19; monitoring
rounds, art. 17). Idempotent; large rounds run in the background with
progress. The record belongs to the unit person who filed the goal."""

import frappe
from frappe import _

from perf_budget.permissions import require_roles

BACKGROUND_ABOVE = 50
FINANCE_ROLES = ("Perf Finance Officer", "Perf Finance Head", "System Manager")
# What a round record (monitoring, self-evaluation) copies from its goal.
GOAL_HEADER = (
	"performance_year",
	"budget_unit",
	"project_code",
	"project_name",
	"competent_department",
	"annual_goal",
)


def current_goals_without(doctype: str, performance_year: str, **same) -> list[str]:
	"""Current confirmed goals of the year that have no live ``doctype`` record
	(with the given field values, e.g. the same month) yet."""
	goal, record = frappe.qb.DocType("Performance Goal"), frappe.qb.DocType(doctype)
	done = frappe.qb.from_(record).select(record.performance_goal).where(record.docstatus < 2)
	for field, value in same.items():
		done = done.where(record[field] == value)
	return (
		frappe.qb.from_(goal)
		.select(goal.name)
		.where(goal.performance_year == performance_year)
		.where(goal.docstatus == 1)
		.where(goal.is_current == 1)
		.where(goal.name.notin(done))
		.orderby(goal.budget_unit)
		.orderby(goal.project_code)
	).run(pluck=True)


def open_round(doctype: str, goals: list[str], job_id: str, **values) -> dict:
	require_roles(FINANCE_ROLES)
	if len(goals) > BACKGROUND_ABOVE:
		frappe.enqueue(
			create_records,
			queue="long",
			job_id=job_id,
			deduplicate=True,
			doctype=doctype,
			goals=goals,
			values=values,
		)
		return {"queued": len(goals), "created": 0}
	return {"queued": 0, "created": len(create_records(doctype, goals, values))}


def create_records(doctype: str, goals: list[str], values: dict | None = None) -> list[str]:
	created = []
	for count, goal in enumerate(goals, start=1):
		doc = frappe.get_doc({"doctype": doctype, "performance_goal": goal, **(values or {})})
		doc.flags.ignore_permissions = True  # finance opens the round for every unit
		doc.insert()
		doc.db_set("owner", frappe.db.get_value("Performance Goal", goal, "owner"), update_modified=False)
		created.append(doc.name)
		if len(goals) > BACKGROUND_ABOVE:
			frappe.publish_progress(count * 100 / len(goals), title=_("Opening the round"))
	return created
