// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.listview_settings["Department Performance Evaluation"] = {
	add_fields: ["grade", "total_score"],
	onload(listview) {
		perf_budget.department_list_menu(listview, "evaluation", [
			perf_budget.year_field(),
			perf_budget.unit_field(),
		]);
	},
};
