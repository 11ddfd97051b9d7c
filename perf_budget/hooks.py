app_name = "perf_budget"
app_title = "Perf Budget"
app_publisher = "perf_budget contributors"
app_description = "Budget performance management (预算绩效管理) for a government bureau"
app_email = "perf-budget@example.org"
app_license = "mit"

# Records that belong to one Budget Unit. Unit isolation (SPEC §1) and the
# closed-year guard apply to each of them.
_unit_doctypes = [
	"Performance Goal",
	"Performance Monitoring",
	"Performance Evaluation",
	"Rectification",
	"Performance Interview",
	"Budget Advice",
	"Accountability Referral",
]
_year_doctypes = _unit_doctypes

# Desk behaviour the review forms share (return reasons, rectification buttons).
app_include_js = "/assets/perf_budget/js/perf_budget.js"

after_install = "perf_budget.setup.install.after_install"
after_migrate = "perf_budget.setup.install.after_migrate"

# The year the workspace's cards and charts show (their dynamic filters read it).
boot_session = "perf_budget.boot.boot_session"

fixtures = [{"dt": "Role", "filters": [["name", "like", "Perf %"]]}]

# User Permissions on Budget Unit do the isolation; these hooks close the
# doors they leave open (a unit user with no unit assigned sees nothing, not
# everything; reports and whitelisted methods use the same rule).
permission_query_conditions = {
	doctype: "perf_budget.permissions.query_conditions" for doctype in ["Budget Unit", *_unit_doctypes]
}
has_permission = {
	doctype: "perf_budget.permissions.has_permission" for doctype in ["Budget Unit", *_unit_doctypes]
}

# Frappe 15's REST count ignores permissions; ours counts what the user may read.
override_whitelisted_methods = {"frappe.client.get_count": "perf_budget.permissions.get_count"}

doc_events = {
	doctype: {
		"validate": "perf_budget.perf_budget.doctype.performance_year.performance_year.guard_closed_year",
		"on_trash": "perf_budget.perf_budget.doctype.performance_year.performance_year.guard_closed_year",
		"before_cancel": "perf_budget.perf_budget.doctype.performance_year.performance_year.guard_closed_year",
		"before_update_after_submit": "perf_budget.perf_budget.doctype.performance_year.performance_year.guard_closed_year",
	}
	for doctype in _year_doctypes
}

scheduler_events = {
	"daily": [
		"perf_budget.perf_budget.doctype.performance_goal.performance_goal.exclude_unrefiled_goals",
		"perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring.remind_units",
		"perf_budget.perf_budget.doctype.rectification.rectification.mark_overdue",
	],
}
