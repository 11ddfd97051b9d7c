"""Opening a round: one record per current confirmed goal of a year, made by
the finance section for every unit (self-evaluation, art. 19; monitoring
rounds, art. 17). The record belongs to the unit person who filed the goal.

A round is idempotent under concurrency: each record carries a round key
that the database holds unique, so two finance officers opening the same
round at the same moment (or a double click) make one record per goal; the
second finds it there. Each record is made in its own savepoint: a goal the
round cannot take is refused alone, and the refusals (project and reason)
are told to the person who opened the round, kept on the year, and made good
by running the round again. Large rounds run in the background with progress."""

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import now_datetime, strip_html_tags

from perf_budget.exchange import loaded_docs
from perf_budget.notify import notify, use_site_language
from perf_budget.permissions import require_roles
from perf_budget.roles import FINANCE_ROLES

BACKGROUND_ABOVE = 50
# A round in the background commits every this many records: each record's
# number comes from the one counter behind the site's format: names, which
# stays locked until the transaction ends, so a round of thousands in one
# transaction would hold up every new goal, evaluation or record of the site
# for its whole run. A round stopped half-way is finished by opening it again.
COMMIT_EVERY = 20
# A round loads this many of its goals at once (a query per table, not per goal and table).
GOALS_AT_ONCE = 100
# What a round record (monitoring, self-evaluation) copies from its goal.
GOAL_HEADER = (
	"performance_year",
	"budget_unit",
	"project_code",
	"project_name",
	"expenditure_type",
	"competent_department",
	"annual_goal",
)
# The notification names this many refused projects; the year keeps them all.
NAMED_IN_NOTIFICATION = 10
# Each round record's goal: (the goal DocType, the record's link to it).
GOAL_OF = {
	"Performance Monitoring": ("Performance Goal", "performance_goal"),
	"Performance Evaluation": ("Performance Goal", "performance_goal"),
	"Department Performance Monitoring": ("Department Performance Goal", "department_goal"),
	"Department Performance Evaluation": ("Department Performance Goal", "department_goal"),
}
# A round of the projects also opens the department-wide records of the year (issue 15).
DEPARTMENT_RECORDS = {
	"Performance Monitoring": "Department Performance Monitoring",
	"Performance Evaluation": "Department Performance Evaluation",
}
MONITORING = ("Performance Monitoring", "Department Performance Monitoring")


@dataclass
class RoundResult:
	created: list[str] = field(default_factory=list)
	# {"goal", "budget_unit", "project_code", "project_name", "reason"} per refused goal
	refused: list[dict] = field(default_factory=list)


def round_key(doc) -> str | None:
	"""The round a live record belongs to: its goal version (which fixes the
	year) and, for monitoring, the month the period ends. A new goal version
	is a goal of its own, as the round takes the current version; a cancelled
	record gives its key up, so it can be amended or made again."""
	goal = doc.get(GOAL_OF[doc.doctype][1])
	if doc.docstatus == 2 or not goal:
		return None
	if doc.doctype in MONITORING:
		return f"{goal}/{doc.period_end_month}"
	return goal


def current_goals_without(doctype: str, performance_year: str, **same) -> list[str]:
	"""Current confirmed goals of the year that have no live ``doctype`` record
	(with the given field values, e.g. the same month) yet."""
	goal_doctype = GOAL_OF[doctype][0]
	goal = frappe.qb.DocType(goal_doctype)
	goals = (
		current_goals(performance_year, goal_doctype)
		.select(goal.name)
		.where(goal.name.notin(goals_with_records(doctype, **same)))
		.orderby(goal.budget_unit)
	)
	if goal_doctype == "Performance Goal":
		goals = goals.orderby(goal.project_code)
	return goals.run(pluck=True)


def current_goals(performance_year: str, goal_doctype: str = "Performance Goal"):
	"""A department goal has one live version (an amended one is cancelled)."""
	goal = frappe.qb.DocType(goal_doctype)
	goals = frappe.qb.from_(goal).where(goal.performance_year == performance_year).where(goal.docstatus == 1)
	if goal_doctype == "Performance Goal":
		goals = goals.where(goal.is_current == 1)
	return goals


def goals_with_records(doctype: str, **same):
	"""The goals that have a live ``doctype`` record (of the round ``same`` names)."""
	record = frappe.qb.DocType(doctype)
	done = frappe.qb.from_(record).select(record[GOAL_OF[doctype][1]]).where(record.docstatus < 2)
	for fieldname, value in same.items():
		done = done.where(record[fieldname] == value)
	return done


def already_there(doctype: str, performance_year: str, values: dict, result: "RoundResult") -> int:
	"""The year's current goals (project and department-wide) whose record of
	the round existed before this run."""
	with_record = 0
	for kind in filter(None, (doctype, DEPARTMENT_RECORDS.get(doctype))):
		goal_doctype = GOAL_OF[kind][0]
		goal = frappe.qb.DocType(goal_doctype)
		with_record += (
			current_goals(performance_year, goal_doctype)
			.select(Count(goal.name))
			.where(goal.name.isin(goals_with_records(kind, **values)))
		).run()[0][0]
	return with_record - len(result.created)


def open_round(doctype: str, performance_year: str, goals: list[str], job_id: str, **values) -> dict:
	"""The round's records for ``goals`` (projects), and at once those of the
	year's department-wide goals (one per unit: a few)."""
	require_roles(FINANCE_ROLES)
	department = DEPARTMENT_RECORDS[doctype]
	whole = make_records(department, current_goals_without(department, performance_year, **values), values)
	if len(goals) > BACKGROUND_ABOVE:
		if whole.refused:
			report_round(department, performance_year, values, whole)
		frappe.enqueue(
			create_records,
			queue="long",
			job_id=job_id,
			deduplicate=True,
			doctype=doctype,
			goals=goals,
			values=values,
			performance_year=performance_year,
			commit_every=COMMIT_EVERY,
		)
		return {"queued": len(goals), "created": len(whole.created), "refused": whole.refused}
	result = make_records(doctype, goals, values)
	result.created += whole.created
	result.refused += whole.refused
	report_round(doctype, performance_year, values, result)
	return {"queued": 0, "created": len(result.created), "refused": result.refused}


def create_records(
	doctype: str,
	goals: list[str],
	values: dict | None = None,
	performance_year: str | None = None,
	commit_every: int | None = None,
) -> list[str]:
	"""The records made (the background job of a large round; tests). With
	``performance_year`` the result is reported as for a round in the foreground."""
	use_site_language()
	result = make_records(doctype, goals, values or {}, commit_every)
	if performance_year:
		report_round(doctype, performance_year, values or {}, result, background=True)
	return result.created


def make_records(
	doctype: str, goals: list[str], values: dict, commit_every: int | None = None
) -> RoundResult:
	result = RoundResult()
	goal_doctype, link = GOAL_OF[doctype]
	# each record is the goal owner's: the owners of the whole round in one query
	owners = dict(
		frappe.get_all(goal_doctype, filters={"name": ["in", goals]}, fields=["name", "owner"], as_list=True)
		if goals
		else ()
	)
	shown = None
	import_periods = {}  # budget_system.records.imported_for: one look per period, not per record
	for count, goal in enumerate(goals, start=1):
		if (count - 1) % GOALS_AT_ONCE == 0:
			# a goal that is gone is left to the controller, which refuses it
			batch = [name for name in goals[count - 1 : count - 1 + GOALS_AT_ONCE] if name in owners]
			loaded = {loaded_goal.name: loaded_goal for loaded_goal in loaded_docs(goal_doctype, batch)}
		doc = frappe.get_doc({"doctype": doctype, link: goal, **values})
		doc.flags.goal = loaded.get(goal)  # the controller copies from it
		doc.flags.ignore_permissions = True  # finance opens the round for every unit
		doc.flags.import_periods = import_periods
		try:
			name, created = insert_once(doc, "round_key", keep_messages=False)
		except frappe.QueryDeadlockError:
			raise  # the whole transaction is gone; the job is retried, a request re-run
		except Exception as error:
			result.refused.append(refusal(goal, error, goal_doctype))
		else:
			if created:
				# Frappe makes whoever inserts a record its owner; nothing else changes
				frappe.db.set_value(doctype, name, "owner", owners[goal], update_modified=False)
				result.created.append(name)
		# progress by whole percents: a round of thousands sends a hundred messages, not thousands
		if len(goals) > BACKGROUND_ABOVE and (percent := count * 100 // len(goals)) != shown:
			shown = percent
			frappe.publish_progress(count * 100 / len(goals), title=_("Opening the round"))
		if commit_every and count % commit_every == 0:
			frappe.db.commit()
	return result


def insert_once(doc, key_field: str, keep_messages: bool = True) -> tuple[str, bool]:
	"""Insert ``doc`` in a savepoint, unless a live record with the same unique
	``key_field`` (set by the controller) is there: (name, True) when made,
	(the existing name, False) when the database refused a second one. Any
	other error rolls this record back and is raised. ``keep_messages=False``
	drops the messages the record showed (a round answers with a summary)."""
	messages = len(frappe.local.message_log)
	frappe.db.savepoint("insert_once")
	try:
		doc.insert()
	except frappe.QueryDeadlockError:
		raise  # the database rolled the whole transaction back: no savepoint is left
	except Exception as error:
		frappe.db.rollback(save_point="insert_once")
		existing = isinstance(error, frappe.UniqueValidationError | frappe.DuplicateEntryError) and (
			live_record(doc.doctype, key_field, doc.get(key_field))
		)
		if existing or not keep_messages:
			del frappe.local.message_log[messages:]
		if existing:
			return existing, False
		raise
	frappe.db.release_savepoint("insert_once")
	if not keep_messages:
		del frappe.local.message_log[messages:]
	return doc.name, True


def live_record(doctype: str, key_field: str, key: str | None) -> str | None:
	"""The record holding ``key``; a locking read, so a record another
	transaction has just committed is seen (a plain read may still show this
	transaction's older snapshot)."""
	if not key:
		return None
	return frappe.db.get_value(doctype, {key_field: key}, "name", for_update=True)


def refusal(goal: str, error: Exception, goal_doctype: str = "Performance Goal") -> dict:
	"""What the person who opened the round reads about a goal it could not take."""
	if goal_doctype == "Performance Goal":
		fields = ["budget_unit", "project_code", "project_name"]
		project = frappe.db.get_value(goal_doctype, goal, fields, as_dict=True) or frappe._dict()
	else:  # a department-wide goal: its name stands for the code
		project = {
			"budget_unit": frappe.db.get_value(goal_doctype, goal, "budget_unit"),
			"project_code": goal,
			"project_name": _("Department as a Whole"),
		}
	if isinstance(error, frappe.ValidationError | frappe.PermissionError):
		reason = strip_html_tags(str(error).replace("<br>", "; ")).strip()
	else:
		# a fault, not a rule: the details go to the Error Log for the administrator
		frappe.log_error(title=f"Round record for {goal}")
		reason = _("An unexpected error occurred ({0}); the administrator finds it in the Error Log.").format(
			type(error).__name__
		)
	return {"goal": goal, **project, "reason": reason or _("Refused")}


def report_round(
	doctype: str, performance_year: str, values: dict, result: RoundResult, background: bool = False
) -> None:
	"""The result of a run, on the year (the last run of any round) and to the
	person who opened it: always when it ran in the background, and whenever
	a goal was refused."""
	title = round_title(doctype, values)
	lines = [refusal_line(row) for row in result.refused]
	heading = _("{0} {1}, opened by {2}: {3} created, {4} already there, {5} refused.").format(
		now_datetime().strftime("%Y-%m-%d %H:%M"),
		title,
		frappe.utils.get_fullname(frappe.session.user),
		len(result.created),
		already_there(doctype, performance_year, values, result),
		len(result.refused),
	)
	if lines:
		heading += "\n" + _("Refused (fix the goal, then open the round again):")
	frappe.db.set_value(
		"Performance Year",
		performance_year,
		"last_round_result",
		"\n".join([heading, *lines]),
		update_modified=False,
	)
	if not (background or lines):
		return
	named = [f"{row.get('project_code')} {row.get('project_name')}" for row in result.refused]

	def subject():
		counts = (round_title(doctype, values), performance_year, len(result.created), len(result.refused))
		if not named:
			return _("{0} of {1}: {2} created, {3} refused").format(*counts)
		if len(named) > NAMED_IN_NOTIFICATION:
			more = _("and {0} more").format(len(named) - NAMED_IN_NOTIFICATION)
			return _("{0} of {1}: {2} created, {3} refused: {4}").format(
				*counts, _(", ").join([*named[:NAMED_IN_NOTIFICATION], more])
			)
		return _("{0} of {1}: {2} created, {3} refused: {4}").format(*counts, _(", ").join(named))

	notify(
		[frappe.session.user],
		subject,
		"Performance Year",
		[(performance_year, line) for line in lines] or [(performance_year, heading)],
	)


def round_title(doctype: str, values: dict) -> str:
	if doctype in MONITORING:
		return _("Monitoring round for months 1 to {0}").format(values.get("period_end_month"))
	return _("Self-evaluation round")


def refusal_line(row: dict) -> str:
	return _("{0} {1} ({2}): {3}").format(
		row.get("project_code"), row.get("project_name"), row.get("budget_unit"), row.get("reason")
	)
