"""Factories shared by the integration tests (frappe/hrms style).

Each test class runs inside a transaction that Frappe rolls back, so the
factories insert freely; names carry a prefix so they never collide with the
demo bureau on the same site.
"""

import frappe

PREFIX = "测试"


def make_year(year: str = "2098", **values) -> "frappe.Document":
	if frappe.db.exists("Performance Year", year):
		doc = frappe.get_doc("Performance Year", year)
		if values:
			doc.update(values)
			doc.save(ignore_permissions=True)
		return doc
	return frappe.get_doc({"doctype": "Performance Year", "year": year, **values}).insert(
		ignore_permissions=True
	)


def make_unit(name: str, parent: str | None = None, unit_type: str = "Business Section", is_group=0):
	name = f"{PREFIX}{name}"
	if frappe.db.exists("Budget Unit", name):
		return frappe.get_doc("Budget Unit", name)
	return frappe.get_doc(
		{
			"doctype": "Budget Unit",
			"unit_name": name,
			"unit_type": unit_type,
			"parent_budget_unit": parent,
			"is_group": is_group,
		}
	).insert(ignore_permissions=True)


def make_user(email: str, roles: tuple[str, ...] = (), unit: str | None = None, unit_role: str | None = None):
	"""A desk user; with ``unit`` they become that unit's member with ``unit_role``."""
	from perf_budget.perf_budget.doctype.budget_unit.budget_unit import add_unit_member
	from perf_budget.roles import UNIT_USER

	ensure_system_manager()
	# every save of a User clears the whole site cache (Frappe's User.validate sets a
	# default), so a new user is inserted once with all its roles, the unit's included
	if not frappe.db.exists("User", email):
		first_roles = [*roles, unit_role or UNIT_USER] if unit else list(roles)
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": role} for role in dict.fromkeys(first_roles)],
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	missing = [role for role in roles if role not in {row.role for row in user.roles}]
	if missing:
		user.add_roles(*missing)
	if unit:
		add_unit_member(unit, email, unit_role or UNIT_USER)
	return user


def ensure_system_manager():
	"""Frappe makes the first new user of a site without a System Manager one;
	a test's unit user must not become it by accident on a fresh site."""
	has_role = frappe.qb.DocType("Has Role")
	others = (
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.where(has_role.role == "System Manager")
		.where(has_role.parenttype == "User")
		.where(has_role.parent.notin(["Administrator", "Guest"]))
		.limit(1)
	).run()
	if not others:
		frappe.get_doc(
			{
				"doctype": "User",
				"email": "sysadmin@perf.test",
				"first_name": "sysadmin",
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": "System Manager"}],
			}
		).insert(ignore_permissions=True, ignore_if_duplicate=True)


def goal_indicators():
	"""A valid indicator set under the national weights (Output 50, Effect 30, Satisfaction 10)."""
	return [
		{
			"level1": "Output",
			"level2": "Quantity",
			"indicator_name": "培训人次",
			"operator": ">=",
			"target_value": 500,
			"unit": "人次",
			"weight": 20,
		},
		{
			"level1": "Output",
			"level2": "Quality",
			"indicator_name": "培训合格率",
			"operator": ">=",
			"target_value": 95,
			"unit": "%",
			"weight": 15,
		},
		{
			"level1": "Output",
			"level2": "Timeliness",
			"indicator_name": "按期完成率",
			"operator": ">=",
			"target_value": 100,
			"unit": "%",
			"weight": 15,
		},
		{
			"level1": "Effect",
			"level2": "Social",
			"indicator_name": "基层业务能力提升",
			"operator": "Qualitative",
			"target_text": "明显提升，培训成果有效应用",
			"weight": 30,
		},
		{
			"level1": "Satisfaction",
			"level2": "Service Recipient",
			"indicator_name": "参训人员满意度",
			"operator": ">=",
			"target_value": 90,
			"unit": "%",
			"weight": 10,
		},
	]


def make_goal(unit: str, year: str = "2098", project_code: str = "T-001", submit_as=None, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Performance Goal",
			"performance_year": year,
			"budget_unit": unit,
			"project_code": project_code,
			"project_name": values.pop("project_name", f"{PREFIX}培训项目{project_code}"),
			"budget_type": "Annual",
			"fiscal_amount": 80,
			"other_amount": 20,
			"annual_goal": "完成年度培训任务，提升基层业务能力。",
			"indicators": values.pop("indicators", goal_indicators()),
			**values,
		}
	)
	return doc.insert()


GOAL_RATINGS = {
	"basis_rating": "Good",
	"rationality_rating": "Good",
	"budget_rating": "Good",
	"plan_rating": "Good",
	"review_rating": "Good",
}


def confirm_goal(name: str, user: str, head: str, officer: str):
	"""Walk a goal through the real review chain to Confirmed."""
	from perf_budget.workflow.actions import act_as

	act_as(user, "Performance Goal", name, "Submit to Unit Head")
	act_as(head, "Performance Goal", name, "Approve")
	act_as(officer, "Performance Goal", name, "Forward to Finance Bureau", **GOAL_RATINGS)
	return act_as(officer, "Performance Goal", name, "Confirm")


def make_unit_people(name: str, user: str, head: str, officer: str, finance_head: str | None = None) -> str:
	"""A unit with its filer ``user`` and its head, a finance officer and, if
	given, a finance head (who holds the officer's role too). Returns the unit."""
	unit = make_unit(name).name
	make_user(user, unit=unit)
	make_user(head, unit=unit, unit_role="Perf Unit Head")
	make_user(officer, roles=("Perf Finance Officer",))
	if finance_head:
		make_user(finance_head, roles=("Perf Finance Head", "Perf Finance Officer"))
	return unit


def make_confirmed_goal(
	unit: str, user: str, head: str, officer: str, year: str, project_code: str, **values
):
	"""A goal filed by ``user`` and taken through the real review chain to Confirmed."""
	frappe.set_user(user)
	try:
		goal = make_goal(unit, year=year, project_code=project_code, **values)
	finally:
		frappe.set_user("Administrator")
	return confirm_goal(goal.name, user, head, officer)


def make_evaluated_goal(unit: str, year: str, project_code: str, figures: dict, accepted=True, **values):
	"""A goal stored as Confirmed and its self-evaluation stored with ``figures``
	(accepted, or a draft), written straight to the database: for tests of what
	reads the figures, not of the chain or the scoring. Returns (goal, evaluation name)."""
	goal = make_goal(unit, year=year, project_code=project_code, **values)
	goal.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
	evaluation = (
		frappe.get_doc({"doctype": "Performance Evaluation", "performance_goal": goal.name})
		.insert(ignore_permissions=True)
		.name
	)
	state = {"docstatus": 1 if accepted else 0, "workflow_state": "Accepted" if accepted else "Draft"}
	frappe.db.set_value("Performance Evaluation", evaluation, {**state, **figures})
	return goal, evaluation


def make_rectification(unit: str, year: str, stored: dict | None = None, **values):
	"""A rectification entered by hand; ``stored`` values are written straight
	to the database afterwards (a state or status a test starts from)."""
	from frappe.utils import add_days, nowdate

	doc = frappe.get_doc(
		{
			"doctype": "Rectification",
			"source_description": "测试来源",
			"performance_year": year,
			"budget_unit": unit,
			"problem": "问题",
			"requirement": "整改",
			"due_date": add_days(nowdate(), 10),
			**values,
		}
	).insert()
	if stored:
		doc.db_set(stored)
	return doc


def attach_file(doctype: str, name: str, file_name: str = "整改报告.txt") -> str:
	"""A real File attached to the record; returns its URL."""
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": "整改措施已落实。",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def as_user(user: str, fn, *args, **kwargs):
	"""Call ``fn`` as ``user``, then go back to Administrator."""
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def session_for(user: str) -> str:
	"""A logged-in session of ``user`` (its sid) for requests over HTTP;
	committed, since the REST client runs on its own connection."""
	from frappe.auth import CookieManager, LoginManager
	from frappe.utils import set_request

	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(user)
	sid = frappe.session.sid
	frappe.db.commit()
	frappe.set_user("Administrator")
	return sid


RECORDS_OF_A_UNIT = ("Performance Evaluation", "Performance Monitoring", "Performance Goal")


def committed(step, attempts: int = 8):
	"""Run ``step`` as Administrator and commit what it made; other sessions test
	on the same site at the same time, so a deadlock (the unit tree is one
	nested set every new unit rewrites) is retried, not reported."""
	import time

	for attempt in range(attempts):
		frappe.set_user("Administrator")
		try:
			result = step()
			frappe.db.commit()
			return result
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == attempts - 1:
				raise
			time.sleep(2 * (attempt + 1))


def committed_unit(name: str, user: str, head: str, officer: str, year: str | None = None) -> str:
	"""A unit with its filer and head, a finance officer (and a year), made once
	for a test class and committed (``committed``): a unit made inside each test
	would hold the unit tree's lock against every other session for the whole test.
	The class removes them with ``remove_committed``."""

	def people():
		if year:
			make_year(year)
		return make_unit_people(name, user, head, officer)

	return committed(people)


def remove_committed(users=(), units=(), years=(), records=()) -> None:
	"""Delete what a test class committed: its people, units and years, and the
	records and uploads they left (``records``: more DocTypes whose records of
	those units the class made, deleted first)."""

	def remove():
		frappe.db.rollback()
		for user in users:
			for name in frappe.get_all("File", filters={"owner": user}, pluck="name"):
				frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		for doctype in (*records, *RECORDS_OF_A_UNIT) if units else ():
			for name in frappe.get_all(doctype, filters={"budget_unit": ["in", list(units)]}, pluck="name"):
				frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		for user in users:
			frappe.db.delete("DocShare", {"user": user})
			frappe.db.delete("ToDo", {"allocated_to": user})
			frappe.db.delete("Notification Log", {"for_user": user})
			if frappe.db.exists("User", user):
				frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		for unit in units:
			if frappe.db.exists("Budget Unit", unit):
				frappe.delete_doc("Budget Unit", unit, force=True, ignore_permissions=True)
		for year in years:
			if frappe.db.exists("Performance Year", year):
				frappe.delete_doc("Performance Year", year, force=True, ignore_permissions=True)

	frappe.set_user("Administrator")
	frappe.db.rollback()
	committed(remove)
