// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every score is computed on the server.

frappe.ui.form.on("Performance Evaluation", {
	refresh(frm) {
		perf_budget.show_budget_figures(frm);
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
		if (!frm.is_new()) {
			frm.add_custom_button(__("Satisfaction Survey"), () =>
				frm.doc.satisfaction_survey
					? frappe.set_route("Form", "Satisfaction Survey", frm.doc.satisfaction_survey)
					: frappe.new_doc("Satisfaction Survey", {
							performance_evaluation: frm.doc.name,
							survey_title: __("Satisfaction Survey of {0}", [frm.doc.project_name]),
					  })
			);
		}
		if (frm.doc.total_score !== undefined && !frm.is_new()) {
			frm.dashboard.set_headline(
				[
					__("Total score {0}, grade {1}", [
						format_number(frm.doc.total_score, null, 2),
						__(frm.doc.grade || ""),
					]),
					external_result(frm),
				]
					.filter(Boolean)
					.join("<br>"),
				frm.doc.external_evaluation && frm.doc.score_gap > 0 ? "orange" : undefined
			);
		}
	},
	before_workflow_action: perf_budget.ask_return_reason,
});

// Art. 22 (一): attaching an item's file collects it (the server does the same).
frappe.ui.form.on("Evaluation Checklist Item", {
	file(frm, cdt, cdn) {
		if (locals[cdt][cdn].file) frappe.model.set_value(cdt, cdn, "done", 1);
	},
});

// Art. 22 (二): each expert of the register scores the evaluation on a sheet of their own.
frappe.ui.form.on("Performance Evaluation", {
	setup(frm) {
		frm.set_query("performance_expert", "experts", () => ({ filters: { active: 1 } }));
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Make a Score Sheet for an Expert"), () => make_expert_sheet(frm));
	},
});

function make_expert_sheet(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Make a Score Sheet for an Expert"),
		fields: [
			{
				fieldname: "performance_expert",
				fieldtype: "Link",
				options: "Performance Expert",
				label: __("Expert from the Register"),
				reqd: 1,
				get_query: () => ({ filters: { active: 1 } }),
			},
		],
		primary_action_label: __("Make"),
		primary_action({ performance_expert }) {
			frappe
				.call({
					method: "perf_budget.experts.make_score_sheet",
					args: { performance_evaluation: frm.doc.name, performance_expert },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					frappe.set_route("Form", "Expert Score Sheet", r.message);
				});
		},
	});
	dialog.show();
}

// "自评 92.50 / 复核 81.00 / 差 11.50": the latest external evaluation received beside the self-score
function external_result(frm) {
	if (!frm.doc.external_evaluation) return "";
	const precision = frappe.boot.perf_budget_score_precision ?? 2;
	const shown = (value) => format_number(value || 0, null, precision);
	return __("Self-Score {0} / {1} / Gap {2}", [
		shown(frm.doc.total_score),
		`${__(frm.doc.external_kind)} ${shown(frm.doc.external_score)}`,
		shown(frm.doc.score_gap),
	]);
}
