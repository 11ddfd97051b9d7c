// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Monitoring Round Completeness"] = {
	filters: [
		{ fieldname: "performance_year", label: __("Performance Year"), fieldtype: "Link", options: "Performance Year", reqd: 1 },
		{ fieldname: "period_end_month", label: __("Months 1 to"), fieldtype: "Int", default: 7, reqd: 1 },
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
	],
};
