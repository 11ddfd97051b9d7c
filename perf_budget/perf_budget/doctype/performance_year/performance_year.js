// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.ui.form.on("Performance Year", {
	refresh(frm) {
		const finance = ["Perf Finance Officer", "Perf Finance Head", "System Manager"].some((role) =>
			frappe.user.has_role(role)
		);
		if (frm.is_new() || frm.doc.status !== "Open" || !finance) return;
		frm.add_custom_button(__("Open Monitoring Round"), () => {
			const months = (frm.doc.monitoring_rounds || []).map((row) => row.period_end_month);
			frappe.prompt(
				{
					fieldname: "period_end_month",
					fieldtype: "Select",
					label: __("Months 1 to"),
					options: months.length ? months : [7],
					reqd: 1,
				},
				({ period_end_month }) =>
					frappe
						.xcall(
							"perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring.create_monitoring_round",
							{ performance_year: frm.doc.name, period_end_month }
						)
						.then(({ created, queued }) => report_round(created, queued)),
				__("Open Monitoring Round")
			);
		});
		frm.add_custom_button(__("Create Self-Evaluations"), () => {
			frappe
				.xcall(
					"perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation.create_evaluation_round",
					{ performance_year: frm.doc.name }
				)
				.then(({ created, queued }) => report_round(created, queued));
		});
	},
});

function report_round(created, queued) {
	frappe.msgprint(
		queued
			? __("{0} records are being created in the background.", [queued])
			: __("{0} records created.", [created])
	);
}
