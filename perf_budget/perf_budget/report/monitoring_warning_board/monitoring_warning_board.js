// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Monitoring Warning Board"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "period_end_month", label: __("Months 1 to"), fieldtype: "Int" },
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
		{
			fieldname: "warning_level",
			label: __("Warning Level"),
			fieldtype: "Select",
			options: ["", "Red", "Yellow", "Green"],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (["warning_level", "execution_light"].includes(column.fieldname) && data) {
			const colour = { [__("Red")]: "red", [__("Yellow")]: "orange", [__("Green")]: "green" }[
				data[column.fieldname]
			];
			if (colour) value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
