// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every score is computed on the server.

frappe.ui.form.on("Department Performance Evaluation", {
	refresh(frm) {
		perf_budget.department_form_buttons(frm, "evaluation");
		if (frm.is_new() || frm.doc.total_score === undefined) return;
		frm.dashboard.set_headline(
			__("Total score {0}, grade {1}", [
				format_number(frm.doc.total_score, null, frappe.boot.perf_budget_score_precision ?? 2),
				__(frm.doc.grade || ""),
			])
		);
	},
	before_workflow_action: perf_budget.ask_return_reason,
});
