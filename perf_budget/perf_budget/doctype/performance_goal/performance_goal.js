// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every rule runs on the server.

frappe.ui.form.on("Performance Goal", {
	refresh(frm) {
		perf_budget.show_budget_figures(frm);
		show_quality_warnings(frm);
		show_last_result(frm);
		show_exante(frm);
		// also on a new goal: it cannot be saved without indicators
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("From Indicator Library"), () =>
				perf_budget.pick_indicators(frm, "Project")
			);
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

	// a return or revision request asks for its reason (the field the chain names)
	before_workflow_action: (frm) => perf_budget.ask_return_reason(frm),
});

// A goal that needs an ex-ante assessment reaches finance only with a supported one:
// the form says so and opens a new assessment prefilled from the goal.
function show_exante(frm) {
	if (frm.is_new() || !frm.doc.ex_ante_required) return;
	const supported = ["Support", "Support after Adjustment"].includes(frm.doc.ex_ante_conclusion);
	if (frm.doc.ex_ante_assessment) {
		const text = __("Ex-ante assessment {0}: {1}, score {2}.", [
			frm.doc.ex_ante_assessment,
			__(frm.doc.ex_ante_conclusion),
			format_number(frm.doc.ex_ante_score, null, 2),
		]);
		frm.dashboard.add_comment(frappe.utils.escape_html(text), supported ? "green" : "red", true);
	} else {
		const text = __(
			"This goal needs an ex-ante assessment ({0}) concluded Support or Support after Adjustment before it goes to finance.",
			[frm.doc.ex_ante_reasons]
		);
		frm.dashboard.add_comment(frappe.utils.escape_html(text), "orange", true);
	}
	if (!supported && frm.doc.docstatus === 0 && frappe.model.can_create("Ex-ante Assessment")) {
		frm.add_custom_button(__("New Ex-ante Assessment"), () => new_assessment(frm));
	}
}

function new_assessment(frm) {
	frappe
		.xcall("perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment.prefill", {
			goal: frm.doc.name,
		})
		.then(({ dimensions, ...values }) =>
			frappe.model.with_doctype("Ex-ante Assessment", () => {
				const doc = frappe.model.get_new_doc("Ex-ante Assessment");
				Object.assign(doc, values);
				dimensions.forEach((row) => Object.assign(frappe.model.add_child(doc, "dimensions"), row));
				frappe.set_route("Form", "Ex-ante Assessment", doc.name);
			})
		);
}

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
				.xcall("perf_budget.perf_budget.doctype.performance_goal.performance_goal.make_adjustment", {
					goal: frm.doc.name,
					reason,
				})
				.then((name) => frappe.set_route("Form", "Performance Goal", name));
		},
		__("Adjust Goal"),
		__("Create Adjustment")
	);
}
