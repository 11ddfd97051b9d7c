// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; the lights are computed on the server.

frappe.ui.form.on("Department Performance Monitoring", {
	refresh(frm) {
		perf_budget.department_form_buttons(frm, "monitoring");
		if (frm.is_new() || !frm.doc.warning_level) return;
		const colour = { Red: "red", Yellow: "orange", Green: "green" }[frm.doc.warning_level];
		frm.dashboard.set_headline(
			__("Warning level: {0}, red indicators: {1}", [
				__(frm.doc.warning_level),
				frm.doc.red_indicators || 0,
			]),
			colour
		);
	},
	before_workflow_action: perf_budget.ask_return_reason,
});
