// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Goal Review Summary"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			default: frappe.boot.perf_budget_year,
		},
		{
			fieldname: "budget_unit",
			label: __("Budget Unit"),
			fieldtype: "Link",
			options: "Budget Unit",
		},
		{
			fieldname: "expenditure_type",
			label: __("Expenditure Type"),
			fieldtype: "Select",
			options: ["", "Project Expenditure", "Policy Expenditure", "Special Fund"],
		},
		{
			fieldname: "workflow_state",
			label: __("Workflow State"),
			fieldtype: "Link",
			options: "Workflow State",
		},
	],
	// Frappe 15 writes the total row's caption as an untranslated "Total".
	formatter(value, row, column, data, default_formatter) {
		const shown = default_formatter(value, row, column, data);
		return shown === "Total" ? __("Total") : shown;
	},
};
