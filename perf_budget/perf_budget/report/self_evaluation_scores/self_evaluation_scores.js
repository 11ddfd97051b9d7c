// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Self-Evaluation Scores"] = {
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
			fieldname: "expenditure_type",
			label: __("Expenditure Type"),
			fieldtype: "Select",
			options: ["", "Project Expenditure", "Policy Expenditure", "Special Fund"],
		},
		{
			fieldname: "grade",
			label: __("Grade"),
			fieldtype: "Select",
			options: ["", "Excellent", "Good", "Fair", "Poor"],
		},
		{
			fieldname: "group_by",
			label: __("Show"),
			fieldtype: "Select",
			options: [
				{ value: "Project", label: __("Ranking of Projects") },
				{ value: "Budget Unit", label: __("Averages by Unit") },
			],
			default: "Project",
		},
		{ fieldname: "submitted_only", label: __("Accepted Only"), fieldtype: "Check" },
	],
};
