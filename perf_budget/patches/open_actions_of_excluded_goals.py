"""Goals the daily job excluded before their workflow actions followed the
state: the return's open action closes and the finance head's (Reinstate)
opens, so 工作流操作 lists what the card 待我审核 counts."""

import frappe

from perf_budget.workflow.owners import follow_state_set_by_job


def execute():
	for name in frappe.get_all("Performance Goal", filters={"workflow_state": "Excluded"}, pluck="name"):
		if not frappe.db.exists(
			"Workflow Action", {"reference_name": name, "status": "Open", "workflow_state": "Excluded"}
		):
			follow_state_set_by_job(frappe.get_doc("Performance Goal", name))
