// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Monitoring Round Completeness"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			reqd: 1,
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "period_end_month", label: __("Months 1 to"), fieldtype: "Int", default: 7, reqd: 1 },
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
	],
	onload(report) {
		// the default is the running year (perf_budget/boot.py); without one,
		// this calendar year if it is a Performance Year
		const year = String(new Date().getFullYear());
		if (!report.get_filter_value("performance_year")) {
			return frappe.db
				.exists("Performance Year", year)
				.then((found) => found && report.set_filter_value("performance_year", year));
		}
	},
};
