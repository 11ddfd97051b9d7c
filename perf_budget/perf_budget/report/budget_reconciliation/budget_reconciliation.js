// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Budget Reconciliation"] = {
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
			fieldname: "record_type",
			label: __("Record Type"),
			fieldtype: "Select",
			options: ["", "Performance Goal", "Performance Monitoring", "Performance Evaluation"],
		},
		// unticked, only the figures that differ; ticked, every figure. (A Check sends nothing when
		// unticked, so a default-on "only differences" could never be turned off.)
		{ fieldname: "every_figure", label: __("Every Figure, Not Only Differences"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// a figure that differs from the budget system's stands out
		if (column.fieldname === "difference" && data && data.difference) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
