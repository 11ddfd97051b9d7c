// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// The written reports: a preview of the document as saved, 刷新数据 (take the
// figures again) and the Word download; the chain's return asks for its reason.

frappe.ui.form.on("Performance Report", {
	refresh(frm) {
		// Frappe prints the time zone's name (Asia/Shanghai) under a date-time, into its
		// description; the bureau has one time zone
		frm.set_df_property("figures_refreshed_on", "hide_timezone", 1);
		frm.set_df_property("figures_refreshed_on", "description", "");
		render_preview(frm);
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

// The outline the server builds (writing/outline.py), drawn as the Word file prints it.
function render_preview(frm) {
	const wrapper = frm.get_field("preview").$wrapper;
	const blocks = (frm.doc.__onload && frm.doc.__onload.outline) || [];
	const esc = frappe.utils.escape_html;
	const row = (values, cell) => `<tr>${values.map((v) => `<${cell}>${esc(v)}</${cell}>`).join("")}</tr>`;
	const html = blocks.map((block) => {
		if (block.kind === "Heading") return `<h${block.level + 3}>${esc(block.text)}</h${block.level + 3}>`;
		if (block.kind === "Paragraph") return `<p style="text-indent: 2em">${esc(block.text)}</p>`;
		return (
			`<p class="text-center"><b>${esc(block.caption)}</b></p>` +
			`<table class="table table-bordered table-sm"><thead>${row(block.header, "th")}</thead>` +
			`<tbody>${block.rows.map((values) => row(values, "td")).join("")}</tbody></table>`
		);
	});
	wrapper.html(`<div class="perf-report-preview">${html.join("")}</div>`);
}
