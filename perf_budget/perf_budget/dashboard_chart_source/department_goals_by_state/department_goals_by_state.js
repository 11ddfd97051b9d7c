// The department-wide goals of the year and after, per state of their workflow and year (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Department Goals by State"] = {
	method: "perf_budget.dashboard.department_goals_by_state",
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
