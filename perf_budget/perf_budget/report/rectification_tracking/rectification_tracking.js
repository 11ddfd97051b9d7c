// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Rectification Tracking"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Not Sent", "In Progress", "Under Review", "Overdue", "Completed", "Cancelled"],
		},
		{ fieldname: "only_open", label: __("Only Open"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data) {
			const colour = {
				Overdue: "red",
				Open: "orange",
				"Under Review": "blue",
				"Not Sent": "gray",
				Completed: "green",
				Cancelled: "gray",
			}[data._status];
			if (colour) value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		if (column.fieldname === "days_overdue" && data && data.days_overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
