// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every rule runs on the server.

frappe.ui.form.on("Ex-ante Assessment", {
	refresh(frm) {
		// the settings' dimensions are scored as they are: none added or removed (the server holds them)
		const grid = frm.fields_dict.dimensions.grid;
		grid.cannot_add_rows = true;
		grid.df.cannot_delete_rows = true;
		grid.refresh();
		if (frm.doc.suggested_conclusion && frm.doc.docstatus === 0) {
			const text = __("Total score {0}: the scoring table suggests {1}.", [
				format_number(frm.doc.total_score, null, 2),
				__(frm.doc.suggested_conclusion),
			]);
			frm.dashboard.add_comment(frappe.utils.escape_html(text), "blue", true);
		}
	},

	// a return asks for its reason
	before_workflow_action: (frm) => perf_budget.ask_return_reason(frm),
});
