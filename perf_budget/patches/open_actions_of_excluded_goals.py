"""Goals the daily job excluded before their workflow actions followed the
state: the return's open action closes and the finance head's (Reinstate)
opens, so 工作流操作 lists what the card 待我审核 counts."""

import frappe

from perf_budget.workflow.chains import states
from perf_budget.workflow.owners import follow_state_set_by_job


def execute():
	set_aside = states("Performance Goal", "set_aside")
	for goal in frappe.get_all(
		"Performance Goal",
		filters={"workflow_state": ["in", set_aside or [""]]},
		fields=["name", "workflow_state"],
	):
		if not frappe.db.exists(
			"Workflow Action",
			{"reference_name": goal.name, "status": "Open", "workflow_state": goal.workflow_state},
		):
			follow_state_set_by_job(frappe.get_doc("Performance Goal", goal.name))
