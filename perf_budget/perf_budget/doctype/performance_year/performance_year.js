// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.ui.form.on("Performance Year", {
	refresh(frm) {
		const finance = ["Perf Finance Officer", "Perf Finance Head", "System Manager"].some((role) =>
			frappe.user.has_role(role)
		);
		if (frm.is_new() || frm.doc.status !== "Open" || !finance) return;
		frm.add_custom_button(__("Create Self-Evaluations"), () => {
			frappe
				.xcall(
					"perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation.create_evaluation_round",
					{ performance_year: frm.doc.name }
				)
				.then(({ created, queued }) => {
					frappe.msgprint(
						queued
							? __("{0} self-evaluations are being created in the background.", [queued])
							: __("{0} self-evaluations created.", [created])
					);
				});
		});
	},
});
