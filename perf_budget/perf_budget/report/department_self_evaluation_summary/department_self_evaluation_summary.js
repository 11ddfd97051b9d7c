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
			default: frappe.boot.perf_budget_year,
		},
		{ fieldname: "accepted_only", label: __("Accepted Only"), fieldtype: "Check", default: 1 },
	],
	formatter(value, row, column, data, default_formatter) {
		// the 合计 row (computed by the report, see its .py): plain text, bold; a missing figure is —
		if (!data || !data.is_total_row) return default_formatter(value, row, column, data);
		if (column.fieldname === "budget_unit") return `<b>${frappe.utils.escape_html(value || "")}</b>`;
		if (value === null || value === undefined || value === "") return "<b>—</b>";
		return `<b>${default_formatter(value, row, column, data)}</b>`;
	},
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
		// the default is the running year (perf_budget/boot.py); without one,
		// this calendar year if it is a Performance Year
		const year = String(new Date().getFullYear());
		if (!report.get_filter_value("performance_year")) {
			return frappe.db
				.exists("Performance Year", year)
				.then((found) => found && report.set_filter_value("performance_year", year));
		}
	},
};
