// The number cards and dashboard charts of the user's workspaces, and the code
// of their chart sources and reports, come with the boot (perf_budget/boot.py,
// workspace_widgets). Without them the desk asks the server for each card's and
// chart's definition, then for each chart source's or report's code, before it
// can ask for a single figure: two rounds of a dozen requests on every home
// page, and a report chart waits until all of them are answered.
(() => {
	const widgets = frappe.boot && frappe.boot.perf_budget_widgets;
	if (!widgets) return;
	frappe.provide("frappe.dashboards.chart_sources");
	for (const [source, code] of Object.entries(widgets.chart_sources)) {
		if (!frappe.dashboards.chart_sources[source]) frappe.dom.eval(code);
	}
	frappe.provide("frappe.query_reports");
	for (const [report, settings] of Object.entries(widgets.reports)) {
		if (frappe.query_reports[report]) continue;
		// as frappe.dashboard_utils.get_report_filters does with the same answer
		frappe.dom.eval(settings.script || "");
		if (frappe.query_reports[report] && !frappe.query_reports[report].filters) {
			frappe.query_reports[report].filters = settings.filters;
		}
	}
	frappe.model.sync(widgets.docs);
	const preloaded = new Set(widgets.docs.map((doc) => `${doc.doctype}\n${doc.name}`));
	const with_doc = frappe.model.with_doc;
	frappe.model.with_doc = function (doctype, name, callback) {
		// a form also needs the document's info (comments, shares, versions): it asks the server
		if (
			preloaded.has(`${doctype}\n${name}`) &&
			locals[doctype] &&
			locals[doctype][name] &&
			frappe.get_route()[0] !== "Form"
		) {
			callback && callback(name);
			return Promise.resolve(frappe.get_doc(doctype, name));
		}
		return with_doc.apply(this, arguments);
	};
})();
