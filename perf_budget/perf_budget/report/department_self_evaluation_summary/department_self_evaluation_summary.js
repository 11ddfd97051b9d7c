// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Department Self-Evaluation Summary"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			reqd: 1,
		},
		{ fieldname: "accepted_only", label: __("Accepted Only"), fieldtype: "Check", default: 1 },
	],
	onload(report) {
		report.page.add_inner_button(__("Summary Report (Excel)"), () => {
			const year = report.get_filter_value("performance_year");
			if (!year) return frappe.msgprint(__("Choose a performance year."));
			const accepted = report.get_filter_value("accepted_only") ? 1 : 0;
			window.open(
				`/api/method/perf_budget.exchange.evaluations.export_department_summary?performance_year=${encodeURIComponent(
					year
				)}&accepted_only=${accepted}`
			);
		});
	},
};
