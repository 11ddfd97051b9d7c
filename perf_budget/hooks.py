app_name = "perf_budget"
app_title = "Perf Budget"
app_publisher = "perf_budget contributors"
app_description = "Budget performance management (预算绩效管理) for a government bureau"
app_email = "perf-budget@example.org"
app_license = "mit"

# Records that belong to one Budget Unit, their child tables, and Frappe's
# DocTypes that point at a record, named once in perf_budget/doctypes.py. Unit
# isolation (SPEC §1) and the closed-year guard apply to each of them. (Imported
# as a module: Frappe takes every other public name here for a hook.)
from perf_budget import doctypes  # noqa: E402

# Desk behaviour the review forms share (return reasons, rectification buttons),
# figures shown with their decimals (50.00 beside 86.50, not 50), and the home
# page's cards and charts from the boot (workspace_widgets.js).
app_include_js = [
	"/assets/perf_budget/js/perf_budget.js",
	"/assets/perf_budget/js/figures.js",
	"/assets/perf_budget/js/workspace_widgets.js",
]
# A report summary's yellow light in its colour (Frappe styles only green, red and blue).
app_include_css = "/assets/perf_budget/css/perf_budget.css"

# Figures of the print formats: 万元 "1,909.50", rates "45.00%", scores at the set precision.
jinja = {
	"filters": [
		"perf_budget.figures.pb_amount",
		"perf_budget.figures.pb_rate",
		"perf_budget.figures.pb_score",
	]
}

after_install = "perf_budget.setup.install.after_install"
after_migrate = "perf_budget.setup.install.after_migrate"

# The year the workspace's cards and charts show (their dynamic filters read it).
boot_session = "perf_budget.boot.boot_session"

fixtures = [{"dt": "Role", "filters": [["name", "like", "Perf %"]]}]

# User Permissions on Budget Unit do the isolation; these hooks close the
# doors they leave open (a unit user with no unit assigned sees nothing, not
# everything; child rows and everything pointing at a record follow the
# record; reports and whitelisted methods use the same rule).
permission_query_conditions = {
	**{doctype: "perf_budget.permissions.query_conditions" for doctype in doctypes.BOUND},
	**{doctype: "perf_budget.security.records.child_conditions" for doctype in doctypes.CHILD_DOCTYPES},
	**{doctype: "perf_budget.security.records.pointer_conditions" for doctype in doctypes.POINTERS},
}
has_permission = {
	**{doctype: "perf_budget.permissions.has_permission" for doctype in doctypes.BOUND},
	**{doctype: "perf_budget.security.records.child_permission" for doctype in doctypes.CHILD_DOCTYPES},
	**{doctype: "perf_budget.security.records.pointer_permission" for doctype in doctypes.POINTERS},
}

# Frappe 15 methods that skip permission checks; ours add them (security/doors.py).
override_whitelisted_methods = {
	method: f"perf_budget.security.doors.{method.rsplit('.', 1)[-1]}"
	for method in [
		"frappe.client.get_count",
		"frappe.client.validate_link",
		"frappe.desk.listview.get_group_by_count",
		"frappe.desk.search.search_widget",
		"frappe.desk.search.search_link",
		"frappe.desk.doctype.tag.tag.add_tag",
		"frappe.desk.doctype.tag.tag.add_tags",
		"frappe.desk.doctype.tag.tag.remove_tag",
		"frappe.desk.doctype.tag.tag.get_tagged_docs",
		"frappe.desk.like.toggle_like",
		"frappe.desk.form.document_follow.follow_document",
		"frappe.desk.form.document_follow.update_follow",
		"frappe.desk.form.document_follow.get_follow_users",
		"frappe.desk.form.linked_with.get_submitted_linked_docs",
		"frappe.handler.upload_file",
		"upload_file",
		"frappe.handler.download_file",
		"frappe.client.get",
		"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",
	]
}
override_whitelisted_methods["download_file"] = "perf_budget.security.doors.download_file"
override_whitelisted_methods["frappe.core.doctype.file.file.download_file"] = (
	"perf_budget.security.doors.download_file"
)
override_whitelisted_methods["frappe.desk.doctype.dashboard_chart.dashboard_chart.get"] = (
	"perf_budget.security.doors.get_chart"
)
override_whitelisted_methods["frappe.utils.global_search.search"] = "perf_budget.security.doors.global_search"
# The standard Cancel button is not offered where the workflow is the only way to cancel.
override_whitelisted_methods["frappe.model.workflow.can_cancel_document"] = (
	"perf_budget.security.doors.can_cancel_document"
)

# Every request that names a unit record is checked against it first (security/requests.py).
auth_hooks = ["perf_budget.security.requests.guard_request"]
# Error answers carry no traceback for anybody but a System Manager, and a body
# that is not JSON is answered 400 (Frappe fails on it before any other hook).
after_request = ["perf_budget.security.requests.clean_error_answer"]
# Frappe's own Excel exports write a typed "=…" as text (security/excel.py), in
# every request and background job (an emailed report is built in a job).
before_request = ["perf_budget.security.excel.install"]
before_job = ["perf_budget.security.excel.install"]

_closed_year = "perf_budget.perf_budget.doctype.performance_year.performance_year.guard_closed_year"
_fields = "perf_budget.security.fields.check_protected_fields"
_chain = "perf_budget.security.chain.check_save"
_row_alone = "perf_budget.security.fields.refuse_direct_child_change"
_rows = "perf_budget.security.fields.check_row_owners"
# No value is changed silently (security/values.py): checked first on every
# save of every DocType of the app, rows with their record.
_values = "perf_budget.security.values.check_values"
_checked = {
	"before_validate": [_values],
	"before_save": [_values],
	"before_submit": [_values],
	"before_update_after_submit": [_values],
}
doc_events = {
	**{doctype: _checked for doctype in doctypes.app_doctypes()},
	**{
		doctype: {
			**_checked,
			"before_validate": [_values, _fields, _rows, "perf_budget.security.fields.check_links", _chain],
			"validate": _closed_year,
			"on_trash": _closed_year,
			"before_cancel": [_closed_year, "perf_budget.security.chain.check_cancel"],
			"before_update_after_submit": [_values, _closed_year, _fields, _chain],
		}
		for doctype in doctypes.UNIT_DOCTYPES
	},
	# finance's own chains (the written reports): the chain is held on the server as well, and
	# a report is kept with its year: none is written or changed for a closed year
	**{
		doctype: {
			**_checked,
			"before_validate": [_values, _chain],
			"validate": _closed_year,
			"on_trash": _closed_year,
			"before_cancel": [_closed_year, "perf_budget.security.chain.check_cancel"],
			"before_update_after_submit": [_values, _closed_year, _chain],
		}
		for doctype in doctypes.FINANCE_CHAINED_DOCTYPES
	},
	**{
		doctype: {**_checked, "before_insert": _row_alone, "validate": _row_alone, "on_trash": _row_alone}
		for doctype in doctypes.CHILD_DOCTYPES
	},
	"Budget Unit": {**_checked, "before_validate": [_values, _rows]},
	"File": {"validate": "perf_budget.security.files.guard_file"},
	"DocShare": {"validate": "perf_budget.security.files.guard_share"},
	"ToDo": {"validate": "perf_budget.security.files.guard_assignment"},
	# each person's home page and a sidebar without Frappe's admin pages (setup/desk.py)
	"User": {"validate": "perf_budget.setup.desk.apply_desk"},
	# a state renamed in the admin panel follows into the records and home pages (workflow/renames.py)
	"Workflow": {"on_update": "perf_budget.workflow.renames.follow_renamed_states"},
}
# Figures from the budget system (budget_system/records.py): nobody types over one an import
# filled, and a typed figure that differs from the latest applied import is worded for the reviewer.
for _doctype in ("Performance Goal", "Performance Monitoring", "Performance Evaluation"):
	doc_events[_doctype] |= {
		"before_validate": [
			*doc_events[_doctype]["before_validate"],
			"perf_budget.budget_system.records.refuse_typing_over_imported",
		],
		"validate": [_closed_year, "perf_budget.budget_system.records.set_budget_gap"],
	}
# … and the records an applied import did not write show the reviewer their gap at once.
doc_events["Budget Execution Import"] |= {"on_submit": "perf_budget.budget_system.records.show_gaps"}
# Work finds its owner: a change of workflow state tells who must act now (workflow/owners.py).
for _doctype in (*doctypes.CHAINED_DOCTYPES, *doctypes.FINANCE_CHAINED_DOCTYPES):
	doc_events[_doctype] |= {
		event: "perf_budget.workflow.owners.tell_owners" for event in ("on_update", "on_update_after_submit")
	}

scheduler_events = {
	"daily": [
		"perf_budget.perf_budget.doctype.performance_goal.performance_goal.exclude_unrefiled_goals",
		"perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring.remind_units",
		"perf_budget.perf_budget.doctype.rectification.rectification.mark_overdue",
	],
}
