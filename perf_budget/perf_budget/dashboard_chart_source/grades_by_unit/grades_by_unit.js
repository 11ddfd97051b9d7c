// Each unit's accepted self-evaluations of the year by grade (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Grades by Unit"] = {
	method: "perf_budget.dashboard.grades_by_unit",
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
