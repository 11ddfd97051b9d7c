"""Units, users and years of the demo bureau (长治市示范局)."""

import frappe

from perf_budget.perf_budget.doctype.budget_unit.budget_unit import add_unit_member
from perf_budget.roles import FINANCE_HEAD, FINANCE_OFFICER, LEADER, SYSTEM_MANAGER, UNIT_HEAD, UNIT_USER

DEMO_PASSWORD = "Perf#2026"
BUREAU = "长治市示范局"

# (unit name, code, type)
UNITS = [
	("财务科", "CWK", "Finance Section"),
	("办公室", "BGS", "Business Section"),
	("规划科", "GHK", "Business Section"),
	("建设管理科", "JSK", "Business Section"),
	("市政设施服务中心", "SZZX", "Subordinate Unit"),
	("城市管理综合执法队", "ZFD", "Subordinate Unit"),
	("信息中心", "XXZX", "Subordinate Unit"),
	("培训中心", "PXZX", "Subordinate Unit"),
]
# Units that file goals, with the people who fill them in and approve them.
UNIT_PEOPLE = {
	"BGS": ("刘芳", "赵强"),
	"GHK": ("陈静", "孙浩"),
	"JSK": ("周敏", "吴军"),
	"SZZX": ("郑丽", "冯涛"),
	"ZFD": ("何伟", "马超"),
	"XXZX": ("林雪", "高峰"),
	"PXZX": ("罗娜", "谢明"),
}
# (email, full name, roles)
# The bureau's own system administrator comes first: Frappe makes the first
# user created on a set-up site a System Manager when there is none.
BUREAU_PEOPLE = [
	("sysadmin@perf.local", "系统管理员", [SYSTEM_MANAGER]),
	("finance.officer@perf.local", "王会计", [FINANCE_OFFICER]),
	("finance.head@perf.local", "李科长", [FINANCE_HEAD, FINANCE_OFFICER]),
	("leader@perf.local", "张局长", [LEADER]),
]
# The bureau as a whole (the root unit) files its own department-wide goal: its
# finance lead fills it in, the leader in charge approves it.
BUREAU_FILERS = [
	("bureau.user@perf.local", "局财务负责人", UNIT_USER),
	("bureau.head@perf.local", "分管局领导", UNIT_HEAD),
]
YEARS = [
	(
		"2026",
		{
			"goal_deadline": "2025-11-30",
			"evaluation_deadline": "2027-03-31",
			"summary_deadline": "2027-04-30",
		},
	),
	(
		"2027",
		{
			"goal_deadline": "2026-12-31",
			"evaluation_deadline": "2028-03-31",
			"summary_deadline": "2028-04-30",
		},
	),
]


def unit_user(code: str) -> str:
	return f"{code.lower()}.user@perf.local"


def unit_head(code: str) -> str:
	return f"{code.lower()}.head@perf.local"


def make_bureau():
	make_units()
	make_people()
	make_years()


def make_units():
	if not frappe.db.exists("Budget Unit", BUREAU):
		frappe.get_doc(
			{
				"doctype": "Budget Unit",
				"unit_name": BUREAU,
				"unit_code": "SJ",
				"unit_type": "Bureau",
				"is_group": 1,
			}
		).insert(ignore_permissions=True)
	for name, code, unit_type in UNITS:
		if not frappe.db.exists("Budget Unit", name):
			frappe.get_doc(
				{
					"doctype": "Budget Unit",
					"unit_name": name,
					"unit_code": code,
					"unit_type": unit_type,
					"parent_budget_unit": BUREAU,
				}
			).insert(ignore_permissions=True)


def make_user(email: str, full_name: str, roles: list[str]) -> None:
	if frappe.db.exists("User", email):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,
			"language": "zh",
			"send_welcome_email": 0,
			"user_type": "System User",
			"new_password": DEMO_PASSWORD,
			# with the insert: each later save of a User clears the whole site cache
			"roles": [{"role": role} for role in roles],
		}
	)
	user.flags.ignore_password_policy = True
	user.insert(ignore_permissions=True)


def make_people():
	for email, name, roles in BUREAU_PEOPLE:
		make_user(email, name, roles)
		keep_only_roles(email, roles)
	code_to_unit = {code: name for name, code, _ in UNITS}
	for code, (filler, head) in UNIT_PEOPLE.items():
		make_user(unit_user(code), filler, [UNIT_USER])
		make_user(unit_head(code), head, [UNIT_HEAD])
		add_unit_member(code_to_unit[code], unit_user(code), UNIT_USER)
		add_unit_member(code_to_unit[code], unit_head(code), UNIT_HEAD)
		keep_only_roles(unit_user(code), [UNIT_USER])
		keep_only_roles(unit_head(code), [UNIT_HEAD])
	for email, name, role in BUREAU_FILERS:
		make_user(email, name, [role])
		add_unit_member(BUREAU, email, role)
		keep_only_roles(email, [role])


def keep_only_roles(email: str, roles: list[str]) -> None:
	"""A demo person holds exactly the roles the README lists (an earlier demo
	could have given the first of them System Manager)."""
	extra = set(frappe.get_roles(email)) - {*roles, "All", "Guest", "Desk User"}
	if extra:
		frappe.get_doc("User", email).remove_roles(*extra)


def make_years():
	for year, deadlines in YEARS:
		if not frappe.db.exists("Performance Year", year):
			doc = frappe.get_doc({"doctype": "Performance Year", "year": year, **deadlines})
			doc.append(
				"monitoring_rounds",
				{"period_end_month": 7, "deadline": f"{year}-08-15", "description": "1-7月"},
			)
			doc.insert(ignore_permissions=True)
