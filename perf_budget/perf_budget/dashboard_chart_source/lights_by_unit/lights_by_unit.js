// Each unit's monitoring records of the year by light (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Lights by Unit"] = {
	method: "perf_budget.dashboard.lights_by_unit",
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
