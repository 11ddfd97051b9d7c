// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; the lights are computed on the server.

frappe.ui.form.on("Performance Monitoring", {
	refresh(frm) {
		if (frm.is_new()) return;
		perf_budget.show_budget_figures(frm);
		perf_budget.add_rectification_button(frm);
		frm.add_custom_button(
			__("Official Form (Excel)"),
			() =>
				perf_budget.download("perf_budget.exchange.monitoring.export_monitoring", {
					name: frm.doc.name,
				}),
			__("Excel")
		);
		if (frm.doc.warning_level) {
			const colour = { Red: "red", Yellow: "orange", Green: "green" }[frm.doc.warning_level];
			frm.dashboard.set_headline(
				__("Warning level: {0}, red indicators: {1}", [
					__(frm.doc.warning_level),
					frm.doc.red_indicators || 0,
				]),
				colour
			);
		}
	},
	before_workflow_action: perf_budget.ask_return_reason,
});
