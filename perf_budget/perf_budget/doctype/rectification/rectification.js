// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; status and deadlines are set on the server.

frappe.ui.form.on("Rectification", {
	setup(frm) {
		frm.set_query("performance_goal", () => ({
			filters: { budget_unit: frm.doc.budget_unit, performance_year: frm.doc.performance_year },
		}));
	},
	refresh(frm) {
		if (frm.is_new() || !frm.doc.due_date) return;
		const colour =
			{ Overdue: "red", Completed: "green", "Under Review": "blue" }[frm.doc.status] || "orange";
		frm.dashboard.set_headline(
			__("Status: {0}. The written report is due on {1}.", [
				__(frm.doc.status),
				frappe.datetime.str_to_user(frm.doc.due_date),
			]),
			colour
		);
	},
	before_workflow_action(frm) {
		const step = perf_budget.chosen_step(frm);
		if (step && step.next_stage === "accepted" && !frm.doc.review_result) {
			// said here rather than by the server's refusal (HTTP 417, then Frappe's "undefined")
			frappe.dom.unfreeze();
			frappe.msgprint({
				title: __("Review Result missing"),
				message: __(
					"Choose the Review Result (rectified, partly or not rectified) before accepting."
				),
				indicator: "orange",
			});
			frm.scroll_to_field("review_result");
			return new Promise(() => {}); // the action stops here: nothing is sent
		}
		return perf_budget.ask_return_reason(frm);
	},
});
