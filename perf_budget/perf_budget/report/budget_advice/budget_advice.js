// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Budget Advice"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Evaluated Year"),
			fieldtype: "Link",
			options: "Performance Year",
			reqd: 1,
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
		{
			fieldname: "action",
			label: __("Advised Action"),
			fieldtype: "Select",
			options: ["", "Fund with Priority", "Fund as Needed", "Cut Budget", "Cancel or Suspend"],
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
		// no next-year goal yet, no decision yet: "—"
		if (perf_budget.figures.missing(column, data)) return "—";
		value = default_formatter(value, row, column, data);
		if (["recommended_action", "decided_action"].includes(column.fieldname) && data && data._action) {
			const colour = {
				"Fund with Priority": "green",
				"Fund as Needed": "blue",
				"Cut Budget": "orange",
				"Cancel or Suspend": "red",
			}[column.fieldname === "decided_action" ? data._action : data._recommended];
			if (colour && data[column.fieldname])
				value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
