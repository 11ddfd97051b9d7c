// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// The budget system's import: saving previews (重新预览), submitting applies (应用),
// after a confirmation saying how many records are written; the server's summary of
// the preview is shown above the tables.

frappe.ui.form.on("Budget Execution Import", {
	onload(frm) {
		if (frm.is_new() && !frm.doc.import_mapping) {
			frappe.db
				.get_value("Budget Import Mapping", { is_default: 1 }, "name")
				.then(({ message }) => message && frm.set_value("import_mapping", message.name));
		}
	},
	refresh(frm) {
		// the bureau has one time zone: Frappe would print its name under the time
		frm.set_df_property("applied_on", "hide_timezone", 1);
		frm.set_df_property("applied_on", "description", "");
		frm.get_field("preview_summary").$wrapper.html(
			(frm.doc.__onload && frm.doc.__onload.preview_summary) || ""
		);
		if (frm.doc.docstatus === 0) {
			// Frappe's "Submit this document to confirm": here the step is called 应用, explained below
			frm.dashboard.clear_comment();
			frm.set_intro(
				__(
					"Attach the budget system's export (.xlsx, .xls or .csv) and save: the preview below shows, per project code, what the records hold now, the file's figures and which records applying fills. Nothing outside this import is written until you click Apply, and then everything or nothing is written. Records under review are written only where you tick Overwrite Records Under Review; confirmed records never."
				),
				"blue"
			);
		} else {
			frm.set_intro("");
		}
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.perm[0] || !frm.perm[0].write) return;
		frm.add_custom_button(__("Preview Again"), () => frm.save());
		if (frm.perm[0].submit && !frm.is_dirty()) {
			frm.page.set_primary_action(__("Apply"), () => confirm_apply(frm));
		}
	},
});

function confirm_apply(frm) {
	// the counts of the saved preview: records under review not ticked stay as they are
	const actions = ["goal_action", "monitoring_action", "evaluation_action"];
	const left = frm.doc.projects.reduce(
		(n, row) =>
			n + (row.overwrite ? 0 : actions.filter((field) => row[field] === "Needs Your Choice").length),
		0
	);
	frappe.confirm(
		__(
			"Apply import {0}? {1} records will be written with the budget system's figures as of {2}; {3} records under review are left as they are and {4} confirmed records are not written. This cannot be undone.",
			[
				frm.doc.name,
				frm.doc.records_to_fill || 0,
				frappe.datetime.str_to_user(frm.doc.as_of_date),
				left,
				(frm.doc.records_not_written || 0) - left,
			]
		),
		() => frm.save("Submit")
	);
}
