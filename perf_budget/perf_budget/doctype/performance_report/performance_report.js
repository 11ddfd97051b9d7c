// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// The written reports: take the figures again (刷新数据) and download the Word document.

frappe.ui.form.on("Performance Report", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Download Word"), () => {
			window.open(
				"/api/method/perf_budget.exchange.written_reports.download_word?name=" +
					encodeURIComponent(frm.doc.name)
			);
		});
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Refresh Figures"), () =>
				frappe
					.xcall("perf_budget.exchange.written_reports.refresh_figures", { name: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
	},
	before_workflow_action(frm) {
		return perf_budget.ask_return_reason(frm);
	},
});
