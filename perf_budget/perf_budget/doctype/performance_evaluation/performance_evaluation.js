// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every score is computed on the server.

frappe.ui.form.on("Performance Evaluation", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Official Form (Excel)"),
				() =>
					window.open(
						`/api/method/perf_budget.exchange.evaluations.export_evaluation?name=${encodeURIComponent(
							frm.doc.name
						)}`
					),
				__("Excel")
			);
		}
		if (frm.doc.total_score !== undefined && !frm.is_new()) {
			frm.dashboard.set_headline(
				__("Total score {0}, grade {1}", [
					format_number(frm.doc.total_score, null, 2),
					__(frm.doc.grade || ""),
				])
			);
		}
	},
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
