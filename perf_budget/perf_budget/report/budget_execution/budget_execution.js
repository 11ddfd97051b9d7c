// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.query_reports["Budget Execution"] = {
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			reqd: 1,
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "as_of_date", label: __("Figures as of or Before"), fieldtype: "Date" },
		{ fieldname: "budget_unit", label: __("Budget Unit"), fieldtype: "Link", options: "Budget Unit" },
	],
	formatter(value, row, column, data, default_formatter) {
		// a unit's 小计 and the 合计 (computed by the report, see its .py): plain text, bold
		if (data && data.is_total_row && column.fieldname === "budget_unit") {
			return `<b>${frappe.utils.escape_html(value || "")}</b>`;
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "execution_light" && data) {
			const colour = { [__("Red")]: "red", [__("Yellow")]: "orange", [__("Green")]: "green" }[
				data.execution_light
			];
			if (colour) value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return data && data.is_total_row ? `<b>${value}</b>` : value;
	},
};
