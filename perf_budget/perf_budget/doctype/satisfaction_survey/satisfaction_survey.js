// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Form behaviour only: the counts and rates are computed on the server when the survey is saved.

frappe.ui.form.on("Satisfaction Survey", {
	setup(frm) {
		frm.set_query("performance_evaluation", () => ({ filters: { docstatus: 0 } }));
	},
	refresh(frm) {
		set_indicator_options(frm);
		if (frm.is_new()) return;
		frm.add_custom_button(
			__("Answer Sheet (Excel)"),
			() =>
				perf_budget.download("perf_budget.exchange.surveys.download_template", {
					name: frm.doc.name,
				}),
			__("Excel")
		);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Import Answers"), () => import_answers(frm), __("Excel"));
		}
		if (frm.doc.valid_responses) {
			frm.dashboard.set_headline(
				__("{0} valid of {1} responses, overall satisfaction {2}%", [
					frm.doc.valid_responses,
					frm.doc.total_responses,
					format_number(frm.doc.overall_satisfaction, null, 2),
				])
			);
		}
	},
	performance_evaluation: set_indicator_options,
});

// A question feeds one of the self-evaluation's quantitative satisfaction indicators.
function set_indicator_options(frm) {
	if (!frm.doc.performance_evaluation) return;
	frappe.db.get_doc("Performance Evaluation", frm.doc.performance_evaluation).then((evaluation) => {
		const names = (evaluation.indicators || [])
			.filter((row) => row.level1 === "Satisfaction" && row.operator !== "Qualitative")
			.map((row) => row.indicator_name);
		frm.fields_dict.questions.grid.update_docfield_property("indicator", "options", names);
		frm.refresh_field("questions");
	});
}

function import_answers(frm) {
	frappe.confirm(
		__("The file's responses replace the {0} responses of this survey. Continue?", [
			(frm.doc.responses || []).length,
		]),
		() =>
			new frappe.ui.FileUploader({
				restrictions: { allowed_file_types: [".xlsx"] },
				make_attachments_public: false,
				on_success(file) {
					frappe
						.xcall("perf_budget.exchange.surveys.import_responses_file", {
							name: frm.doc.name,
							file_url: file.file_url,
						})
						.then((answer) => {
							frappe.msgprint(
								__(
									"{0} responses imported: {1} valid, {2} invalid; overall satisfaction {3}%.",
									[
										answer.responses,
										answer.valid,
										answer.invalid,
										format_number(answer.overall || 0, null, 2),
									]
								),
								__("Import finished")
							);
							frm.reload_doc();
						});
				},
			})
	);
}
