// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every rule runs on the server.

// Workflow actions that need a written reason, and the field that keeps it.
const REASON_FIELDS = {
	Return: "return_reason",
	"Request Revision": "bureau_feedback",
};

frappe.ui.form.on("Performance Goal", {
	refresh(frm) {
		show_quality_warnings(frm);
		show_last_result(frm);
		if (frm.doc.docstatus === 0 && !frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("From Indicator Library"), () => pick_templates(frm));
		}
		if (frm.doc.docstatus === 1 && frm.doc.is_current) {
			frm.add_custom_button(__("Adjust Goal"), () => start_adjustment(frm));
		}
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Official Form (Excel)"),
				() => perf_budget.download("perf_budget.exchange.goals.export_goal", { name: frm.doc.name }),
				__("Excel")
			);
		}
	},

	before_workflow_action(frm) {
		const field = REASON_FIELDS[frm.selected_workflow_action];
		if (!field) return;
		// workflow.js freezes the page before this hook; the prompt needs it live
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __(frm.fields_dict[field].df.label),
					reqd: 1,
					default: frm.doc[field],
				},
				async ({ reason }) => {
					await frm.set_value(field, reason);
					if (frm.is_dirty()) await frm.save(); // an unchanged form refuses to save
					frappe.dom.freeze();
					resolve();
				},
				__(frm.selected_workflow_action),
				__("Confirm")
			);
		});
	},
});

function show_quality_warnings(frm) {
	if (frm.doc.quality_warnings && frm.doc.docstatus === 0) {
		frm.dashboard.set_headline_alert(
			frappe.utils.escape_html(frm.doc.quality_warnings).replace(/\n/g, "<br>"),
			"orange"
		);
	}
}

// The reviewer sees the project's last evaluation and the budget advice it led to (art. 24).
function show_last_result(frm) {
	if (!frm.doc.last_evaluated_year) return;
	let text = __("Last evaluated in {0}: score {1}, grade {2}.", [
		frm.doc.last_evaluated_year,
		format_number(frm.doc.last_score, null, 2),
		__(frm.doc.last_grade || ""),
	]);
	if (frm.doc.last_advice_action) {
		text +=
			" " +
			__("Confirmed budget advice: {0}, cut {1}%.", [
				__(frm.doc.last_advice_action),
				format_number(frm.doc.last_advice_cut_percent, null, 2),
			]);
	}
	const colour = { Excellent: "green", Good: "blue", Fair: "orange", Poor: "red" }[frm.doc.last_grade];
	frm.dashboard.add_comment(frappe.utils.escape_html(text), colour, true);
}

function pick_templates(frm) {
	new frappe.ui.form.MultiSelectDialog({
		doctype: "Indicator Template",
		target: frm,
		setters: { level1: null, level2: null, is_common: null },
		add_filters_group: 1,
		get_query: () => ({ filters: { disabled: 0 } }),
		action(selections) {
			if (!selections.length) return;
			frappe
				.xcall("perf_budget.perf_budget.doctype.performance_goal.performance_goal.template_rows", {
					templates: selections,
				})
				.then((rows) => {
					rows.forEach((row) => frm.add_child("indicators", row));
					frm.refresh_field("indicators");
					frm.dirty();
					cur_dialog && cur_dialog.hide();
				});
		},
	});
}

function start_adjustment(frm) {
	frappe.prompt(
		{
			fieldname: "reason",
			fieldtype: "Small Text",
			label: __("Reason for Adjustment"),
			reqd: 1,
		},
		({ reason }) => {
			frappe
				.xcall(
					"perf_budget.perf_budget.doctype.performance_goal.performance_goal.make_adjustment",
					{ goal: frm.doc.name, reason }
				)
				.then((name) => frappe.set_route("Form", "Performance Goal", name));
		},
		__("Adjust Goal"),
		__("Create Adjustment")
	);
}
