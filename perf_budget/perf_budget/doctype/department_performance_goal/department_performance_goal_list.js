// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.listview_settings["Department Performance Goal"] = {
	onload(listview) {
		perf_budget.department_list_menu(listview, "goal", [
			perf_budget.year_field(),
			perf_budget.unit_field(),
		]);
	},
};
