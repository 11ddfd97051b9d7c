// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.listview_settings["Department Performance Monitoring"] = {
	add_fields: ["warning_level"],
	onload(listview) {
		perf_budget.department_list_menu(listview, "monitoring", [
			perf_budget.year_field(),
			{
				fieldname: "period_end_month",
				fieldtype: "Int",
				label: __("Months 1 to"),
				default: 7,
				reqd: 1,
			},
			perf_budget.unit_field(),
		]);
	},
};
