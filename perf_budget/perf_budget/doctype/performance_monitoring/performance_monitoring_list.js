// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

const MONITORING_EXCHANGE = "perf_budget.exchange.monitoring";

frappe.listview_settings["Performance Monitoring"] = {
	add_fields: ["warning_level"],
	onload(listview) {
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () =>
			perf_budget.import_official_forms(
				listview,
				`${MONITORING_EXCHANGE}.import_monitoring_file`,
				({ updated }) => __("Imported: {0} records updated.", [updated.length])
			)
		);
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () =>
			perf_budget.export_dialog(
				__("Export Official Forms (Excel)"),
				[
					perf_budget.year_field(),
					{
						fieldname: "period_end_month",
						fieldtype: "Int",
						label: __("Months 1 to"),
						default: 7,
						reqd: 1,
					},
					perf_budget.unit_field(),
				],
				`${MONITORING_EXCHANGE}.export_round`
			)
		);
	},
};
