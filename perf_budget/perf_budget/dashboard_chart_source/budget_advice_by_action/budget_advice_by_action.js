// Projects per advised action, confirmed and awaiting confirmation (perf_budget/dashboard.py).
frappe.dashboards.chart_sources["Budget Advice by Action"] = {
	method: "perf_budget.dashboard.advice_by_action",
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
