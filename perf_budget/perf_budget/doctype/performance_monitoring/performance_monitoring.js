// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; the lights are computed on the server.

frappe.ui.form.on("Performance Monitoring", {
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return") return;
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Return"), reqd: 1 },
				async ({ reason }) => {
					await frm.set_value("return_reason", reason);
					if (frm.is_dirty()) await frm.save(); // an unchanged form refuses to save
					frappe.dom.freeze();
					resolve();
				},
				__("Return"),
				__("Confirm")
			);
		});
	},
});
