"""Unit isolation and the review chains, held on the server (SPEC §1).

The desk shows a unit user only their unit's records and only the workflow
buttons their role has; everything here makes the server say the same to a
request that does not come from the desk:

* ``chain``      — a change of workflow state is a transition of the live
                   Workflow for one of the user's roles (self-approval rule,
                   submit/cancel only through it); edits only where the state
                   lets the role edit.
* ``fields``     — read-only and system fields cannot be set by a request.
* ``records``    — the record-level rule for everything that points at a unit
                   record: child rows, versions, comments, files, shares, tags,
                   workflow actions, assignments.
* ``doors``      — Frappe's whitelisted methods that skip permission checks,
                   overridden for unit records and kept as they are otherwise.
* ``files``      — attachments of unit records are private and stay with the
                   record they were attached to.

``perf_budget.permissions`` holds the one rule they all read: ``allowed_units``;
``perf_budget.doctypes`` names the DocTypes it applies to.
"""

# Actions that are the server's own work (daily jobs, installs, rounds opened by
# finance for every unit) set this flag on the document; requests cannot.
SERVER_FLAG = "perf_server_change"


def is_server_change(doc) -> bool:
	import frappe

	return bool(
		frappe.session.user == "Administrator"
		or doc.flags.ignore_permissions
		or doc.flags.get(SERVER_FLAG)
		or frappe.flags.in_install
		or frappe.flags.in_migrate
		or frappe.flags.in_patch
	)


# Frappe's own Excel exports write text as text, like the app's forms (security/excel.py):
# installed here for code that imports the package (console, tests), and by the
# before_request / before_job hooks for every request and background job.
from perf_budget.security.excel import install as _install_excel_text  # noqa: E402

_install_excel_text()

# Fields a role may not read stay out of every list query (security/fieldlevel.py); the
# request guard (auth_hooks) imports this package before any request is handled.
from perf_budget.security.fieldlevel import install as _install_fieldlevel  # noqa: E402

_install_fieldlevel()
