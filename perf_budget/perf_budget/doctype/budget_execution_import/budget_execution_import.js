// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// The budget system's import: saving previews (重新预览, the primary action and Ctrl+S),
// submitting applies (应用, its own button),
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
		// Ctrl+S clicks the page's primary action: here it previews again, and 应用 is a
		// button of its own (as the primary action, Ctrl+S after a save opened the apply)
		// a clean form's save sends nothing ("No changes in document"): the records may have
		// moved since, so the preview is built again all the same
		frm.page.set_primary_action(__("Preview Again"), () => {
			frm.dirty();
			frm.save();
		});
		if (frm.perm[0].submit && !frm.is_dirty()) {
			frm.add_custom_button(__("Apply"), () => confirm_apply(frm)).addClass("btn-primary");
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
