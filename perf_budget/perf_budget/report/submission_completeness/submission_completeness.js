// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Submission Completeness"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			reqd: 1,
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
		{
			fieldname: "expenditure_type",
			label: __("Expenditure Type"),
			fieldtype: "Select",
			options: ["", "Project Expenditure", "Policy Expenditure", "Special Fund"],
		},
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
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && column.fieldname !== "budget_unit" && `${column.fieldname}_missing` in data) {
			if (data[`${column.fieldname}_missing`] > 0) {
				value = `<span class="text-danger bold">${value}</span>`;
			} else if (data[column.fieldname] === "—") {
				value = `<span class="text-muted">${value}</span>`;
			}
		}
		return value;
	},
};
