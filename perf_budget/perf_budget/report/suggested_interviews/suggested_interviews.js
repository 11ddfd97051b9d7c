// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Suggested Interviews"] = {
	filters: [
		{ fieldname: "performance_year", label: __("Performance Year"), fieldtype: "Link", options: "Performance Year", reqd: 1 },
	],
};
