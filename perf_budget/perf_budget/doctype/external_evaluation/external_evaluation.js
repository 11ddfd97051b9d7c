// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.ui.form.on("External Evaluation", {
	setup(frm) {
		frm.set_query("performance_evaluation", () => ({
			filters: { performance_goal: frm.doc.performance_goal, docstatus: ["<", 2] },
		}));
		frm.set_query("evaluation_institution", () => ({ filters: { active: 1 } }));
	},
	evaluator(frm) {
		if (frm.doc.evaluator !== "Third-Party Institution") {
			frm.set_value("evaluation_institution", null);
		}
	},
	refresh(frm) {
		const pending = (frm.doc.findings || []).filter((row) => !row.rectification).length;
		if (frm.doc.docstatus === 1 && pending && frm.has_perm("submit")) {
			frm.add_custom_button(__("Create Rectifications"), () =>
				frappe
					.xcall(
						"perf_budget.perf_budget.doctype.external_evaluation.external_evaluation.make_rectifications",
						{ external_evaluation: frm.doc.name }
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
