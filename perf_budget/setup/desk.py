"""Each person's desk: the workspace they land on after login and a sidebar
without Frappe's admin pages.

Frappe 15 opens ``User.default_workspace`` at /app, and its sidebar lists the
workspaces whose roles the user holds and whose module the user's Module
Profile does not block (frappe.desk.desktop.get_workspace_sidebar_items).
A user who holds a Perf role and is not a System Manager gets the home page
of their role and the module profile that leaves only the app's module; a
System Manager is never given either. Both follow the user's roles on every
save, and an admin's own choice (another workspace, another profile) stays.
"""

import frappe

from perf_budget.roles import FINANCE_HEAD, FINANCE_OFFICER, LEADER, SYSTEM_MANAGER, UNIT_HEAD, UNIT_USER

STAFF_PROFILE = "Perf Budget Staff"
APP_MODULE = "Perf Budget"

# The first role a user holds decides the home page: finance reviews before
# it fills anything, a unit head approves what their clerk files.
HOMES = (
	(FINANCE_HEAD, "Finance Review"),
	(FINANCE_OFFICER, "Finance Review"),
	(LEADER, "Performance Overview"),
	(UNIT_HEAD, "Unit Review"),
	(UNIT_USER, "Unit Filing"),
)
HOME_PAGES = {page for _role, page in HOMES}
ADMIN_ROLES = {SYSTEM_MANAGER, "Administrator"}


def home_workspace(roles) -> str | None:
	"""The workspace a user with ``roles`` lands on; None for admins and
	for users without a Perf role."""
	roles = set(roles)
	if roles & ADMIN_ROLES:
		return None
	return next((page for role, page in HOMES if role in roles), None)


def apply_desk(user, method=None):
	"""User validate: home page and module profile from the roles being saved."""
	if user.name in ("Administrator", "Guest"):
		return
	home = home_workspace(row.role for row in user.roles)
	if not user.default_workspace or user.default_workspace in HOME_PAGES:
		user.default_workspace = home
	if home and not user.module_profile and frappe.db.exists("Module Profile", STAFF_PROFILE):
		user.module_profile = STAFF_PROFILE
		user.validate_allowed_modules()  # Frappe copies the profile's blocked modules
	elif not home and user.module_profile == STAFF_PROFILE:
		user.module_profile = None
		user.set("block_modules", [])


def ensure_staff_profile() -> None:
	"""The module profile blocking every module but the app's; modules added
	by a later app or Frappe update are blocked on the next migrate."""
	modules = frappe.get_all(
		"Module Def", filters={"name": ["!=", APP_MODULE]}, pluck="name", order_by="name"
	)
	if frappe.db.exists("Module Profile", STAFF_PROFILE):
		profile = frappe.get_doc("Module Profile", STAFF_PROFILE)
		if {row.module for row in profile.block_modules} == set(modules):
			return
		profile.set("block_modules", [])
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = STAFF_PROFILE
	for module in modules:
		profile.append("block_modules", {"module": module})
	profile.save(ignore_permissions=True)


def apply_to_users() -> None:
	"""Every enabled user with a Perf role, saved again so apply_desk (and, for
	a changed profile, Frappe's copy of its blocked modules) runs."""
	users = frappe.get_all(
		"Has Role",
		filters={"parenttype": "User", "role": ["like", "Perf %"]},
		pluck="parent",
		distinct=True,
	)
	for name in users:
		user = frappe.get_doc("User", name)
		if not user.enabled or name in ("Administrator", "Guest"):
			continue
		before = (user.default_workspace, user.module_profile, sorted(r.module for r in user.block_modules))
		apply_desk(user)
		if user.module_profile == STAFF_PROFILE:
			user.validate_allowed_modules()
		after = (user.default_workspace, user.module_profile, sorted(r.module for r in user.block_modules))
		if before != after:
			user.save(ignore_permissions=True)
