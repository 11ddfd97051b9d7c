// The ex-ante assessments of the year and after, per conclusion, and those being assessed (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Ex-ante Conclusions"] = {
	method: "perf_budget.dashboard.exante_conclusions",
	filters: [
		{
			fieldname: "performance_year",
			label: __("Performance Year"),
			fieldtype: "Link",
			options: "Performance Year",
			default: frappe.boot.perf_budget_year,
		},
	],
};
