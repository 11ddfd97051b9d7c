// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.ui.form.on("Performance Interview", {
	setup(frm) {
		frm.set_query("performance_goal", "commitments", () => ({
			filters: { budget_unit: frm.doc.budget_unit, performance_year: frm.doc.performance_year },
		}));
	},
	refresh(frm) {
		const pending = (frm.doc.commitments || []).filter((row) => !row.rectification).length;
		if (frm.doc.docstatus === 1 && pending && frm.has_perm("submit")) {
			frm.add_custom_button(__("Create Rectifications"), () =>
				frappe
					.xcall(
						"perf_budget.perf_budget.doctype.performance_interview.performance_interview.make_rectifications",
						{ interview: frm.doc.name }
					)
					.then((made) => {
						frappe.show_alert({
							message: __("{0} rectifications created.", [made.length]),
							indicator: "green",
						});
						frm.reload_doc();
					})
			);
		}
	},
});
