// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

const EVALUATION_EXCHANGE = "perf_budget.exchange.evaluations";

frappe.listview_settings["Performance Evaluation"] = {
	add_fields: ["grade", "total_score"],
	onload(listview) {
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () =>
			perf_budget.import_official_forms(
				listview,
				`${EVALUATION_EXCHANGE}.import_evaluation_file`,
				({ updated, differences }) => {
					const lines = differences.map((line) => `<li>${frappe.utils.escape_html(line)}</li>`);
					return (
						__("Imported: {0} self-evaluations updated.", [updated.length]) +
						(lines.length ? `<ul>${lines.join("")}</ul>` : "")
					);
				}
			)
		);
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () =>
			perf_budget.export_dialog(
				__("Export Official Forms (Excel)"),
				[perf_budget.year_field(), perf_budget.unit_field()],
				`${EVALUATION_EXCHANGE}.export_evaluations`
			)
		);
	},
};
