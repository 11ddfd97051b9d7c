// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; the funds rule and every check run on the server.

const AMOUNT_PARTS = ["personnel_expenditure", "public_expenditure", "project_expenditure"];
const SOURCE_FIELDS = [
	"source_general_budget",
	"source_government_fund",
	"source_state_capital",
	"source_special_account",
	"source_other",
];

frappe.ui.form.on("Department Performance Goal", {
	refresh(frm) {
		if (frm.doc.quality_warnings && frm.doc.docstatus === 0) {
			frm.dashboard.set_headline_alert(
				frappe.utils.escape_html(frm.doc.quality_warnings).replace(/\n/g, "<br>"),
				"orange"
			);
		}
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("From Indicator Library"), () =>
				perf_budget.pick_indicators(frm, "Department")
			);
		}
		show_funds(frm);
		perf_budget.department_form_buttons(frm, "goal");
	},
	// a return or revision request asks for its reason (the field the chain names)
	before_workflow_action: (frm) => perf_budget.ask_return_reason(frm),
	...Object.fromEntries([...AMOUNT_PARTS, ...SOURCE_FIELDS].map((field) => [field, show_funds])),
});

frappe.ui.form.on("Department Key Task", {
	fiscal_amount: task_total,
	other_amount: task_total,
});

function task_total(frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "total_amount", cents(flt(row.fiscal_amount) + flt(row.other_amount)));
}

// 基本支出 = 人员经费 + 公用经费, 总预算 = 基本 + 项目, and the sources against the total
// as the user types; the server works the same out exactly when saving.
function show_funds(frm) {
	const doc = frm.doc;
	const basic = cents(flt(doc.personnel_expenditure) + flt(doc.public_expenditure));
	const total = cents(basic + flt(doc.project_expenditure));
	const sources = cents(SOURCE_FIELDS.reduce((sum, field) => sum + flt(doc[field]), 0));
	if (doc.docstatus === 0) {
		if (doc.basic_expenditure !== basic) frm.set_value("basic_expenditure", basic);
		if (doc.total_budget !== total) frm.set_value("total_budget", total);
	}
	const amount = (value) => format_number(value, null, 2);
	const balanced = sources === total;
	const colour = balanced ? "green" : "red";
	const verdict = balanced
		? __("The sources add up to the total budget.")
		: __("The sources differ from the total budget by {0}; they must be equal.", [
				amount(cents(sources - total)),
		  ]);
	frm.get_field("funds_check").$wrapper.html(`
		<table class="table table-bordered table-sm pb-funds-check" style="max-width: 36em">
			<tr><td>${__("Basic Expenditure")}</td><td class="text-right">${amount(basic)}</td></tr>
			<tr><td>${__("Total Budget")}</td><td class="text-right">${amount(total)}</td></tr>
			<tr><td>${__("Sum of the Sources")}</td><td class="text-right">${amount(sources)}</td></tr>
		</table>
		<p class="indicator-pill ${colour}">${frappe.utils.escape_html(verdict)}</p>`);
}

function cents(value) {
	return Math.round(value * 100) / 100;
}
