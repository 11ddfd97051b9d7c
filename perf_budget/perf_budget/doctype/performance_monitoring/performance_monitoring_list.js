// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

const MONITORING_EXCHANGE = "perf_budget.exchange.monitoring";

frappe.listview_settings["Performance Monitoring"] = {
	add_fields: ["warning_level"],
	onload(listview) {
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () => {
			new frappe.ui.FileUploader({
				restrictions: { allowed_file_types: [".xlsx"] },
				make_attachments_public: false,
				on_success(file) {
					frappe
						.xcall(`${MONITORING_EXCHANGE}.import_monitoring_file`, { file_url: file.file_url })
						.then(({ updated }) => {
							frappe.msgprint(__("Imported: {0} records updated.", [updated.length]), __("Import finished"));
							listview.refresh();
						});
				},
			});
		});
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () => {
			frappe.prompt(
				[
					{ fieldname: "performance_year", fieldtype: "Link", options: "Performance Year", label: __("Performance Year"), reqd: 1 },
					{ fieldname: "period_end_month", fieldtype: "Int", label: __("Months 1 to"), default: 7, reqd: 1 },
					{ fieldname: "budget_unit", fieldtype: "Link", options: "Budget Unit", label: __("Budget Unit") },
				],
				(values) => {
					const query = new URLSearchParams({ ...values, budget_unit: values.budget_unit || "" });
					window.open(`/api/method/${MONITORING_EXCHANGE}.export_round?${query}`);
				},
				__("Export Official Forms (Excel)"),
				__("Download")
			);
		});
	},
};
