// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// The rows are the self-evaluation's indicators; the server checks every score and adds up the total.

frappe.ui.form.on("Expert Score Sheet", {
	setup(frm) {
		frm.set_query("performance_expert", () => ({ filters: { active: 1 } }));
	},
	refresh(frm) {
		frm.set_df_property("scores", "cannot_add_rows", true);
		frm.set_df_property("scores", "cannot_delete_rows", true);
	},
});
