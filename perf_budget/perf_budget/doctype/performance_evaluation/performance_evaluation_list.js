// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

const EVALUATION_EXCHANGE = "perf_budget.exchange.evaluations";

frappe.listview_settings["Performance Evaluation"] = {
	add_fields: ["grade", "total_score"],
	onload(listview) {
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () => {
			new frappe.ui.FileUploader({
				restrictions: { allowed_file_types: [".xlsx"] },
				make_attachments_public: false,
				on_success(file) {
					frappe
						.xcall(`${EVALUATION_EXCHANGE}.import_evaluation_file`, { file_url: file.file_url })
						.then(({ updated, differences }) => {
							const lines = differences.map((line) => `<li>${frappe.utils.escape_html(line)}</li>`);
							frappe.msgprint(
								__("Imported: {0} self-evaluations updated.", [updated.length]) +
									(lines.length ? `<ul>${lines.join("")}</ul>` : ""),
								__("Import finished")
							);
							listview.refresh();
						});
				},
			});
		});
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () => {
			frappe.prompt(
				[
					{ fieldname: "performance_year", fieldtype: "Link", options: "Performance Year", label: __("Performance Year"), reqd: 1 },
					{ fieldname: "budget_unit", fieldtype: "Link", options: "Budget Unit", label: __("Budget Unit") },
				],
				({ performance_year, budget_unit }) => {
					const query = new URLSearchParams({ performance_year, budget_unit: budget_unit || "" });
					window.open(`/api/method/${EVALUATION_EXCHANGE}.export_evaluations?${query}`);
				},
				__("Export Official Forms (Excel)"),
				__("Download")
			);
		});
	},
};
