// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every score is computed on the server.

frappe.ui.form.on("Performance Evaluation", {
	refresh(frm) {
		perf_budget.add_rectification_button(frm);
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Official Form (Excel)"),
				() =>
					perf_budget.download("perf_budget.exchange.evaluations.export_evaluation", {
						name: frm.doc.name,
					}),
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
	before_workflow_action: perf_budget.ask_return_reason,
});
