// The year's accepted self-evaluations by grade (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Grade Distribution"] = {
	method: "perf_budget.dashboard.grade_distribution",
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
