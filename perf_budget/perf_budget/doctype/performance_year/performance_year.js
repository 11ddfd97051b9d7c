// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.ui.form.on("Performance Year", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open" || !perf_budget.is_finance()) return;
		frm.add_custom_button(__("Open Monitoring Round"), () => {
			const months = (frm.doc.monitoring_rounds || []).map((row) => row.period_end_month);
			frappe.prompt(
				{
					fieldname: "period_end_month",
					fieldtype: "Select",
					label: __("Months 1 to"),
					options: months.length ? months : [7],
					reqd: 1,
				},
				({ period_end_month }) =>
					frappe
						.xcall(
							"perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring.create_monitoring_round",
							{ performance_year: frm.doc.name, period_end_month }
						)
						.then((answer) => report_round(frm, answer)),
				__("Open Monitoring Round")
			);
		});
		frm.add_custom_button(__("Create Self-Evaluations"), () => {
			frappe
				.xcall(
					"perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation.create_evaluation_round",
					{ performance_year: frm.doc.name }
				)
				.then((answer) => report_round(frm, answer));
		});
		frm.add_custom_button(
			__("Create Budget Advice"),
			() =>
				frappe
					.xcall(
						"perf_budget.perf_budget.doctype.budget_advice.budget_advice.create_budget_advice",
						{
							performance_year: frm.doc.name,
						}
					)
					.then((answer) => report_round(frm, answer)),
			__("Results Application")
		);
		frm.add_custom_button(
			__("Suggested Interviews"),
			() =>
				frappe.set_route("query-report", "Suggested Interviews", { performance_year: frm.doc.name }),
			__("Results Application")
		);
		frm.add_custom_button(
			__("Disclosure Package (Excel)"),
			() => disclosure_package(frm.doc.name),
			__("Results Application")
		);
	},
});

// The head of finance (or a System Manager) records the publication date first; anybody else downloads.
function disclosure_package(performance_year) {
	const download = () =>
		perf_budget.download("perf_budget.exchange.disclosure.export_disclosure_package", {
			performance_year,
		});
	if (!perf_budget.has_any_role("publishers")) return download();
	frappe.prompt(
		{
			fieldname: "published_on",
			fieldtype: "Date",
			label: __("Publication Date"),
			description: __("Records without a publication date get this date; dates already recorded stay."),
		},
		({ published_on }) => {
			if (!published_on) return download();
			frappe
				.xcall("perf_budget.exchange.disclosure.record_publication", {
					performance_year,
					published_on,
				})
				.then(download);
		},
		__("Disclosure Package (Excel)"),
		__("Download")
	);
}

// What a round made, and each project it refused with the reason (also kept
// on the year as the last round result; a background run notifies when done).
function report_round(frm, { created, queued, refused = [] }) {
	const lines = [
		queued
			? __("{0} records are being created in the background; you will be notified of the result.", [
					queued,
			  ])
			: __("{0} records created.", [created]),
	];
	if (refused.length) {
		const item = (row) =>
			`<li>${frappe.utils.escape_html(
				`${row.project_code} ${row.project_name} (${row.budget_unit}): ${row.reason}`
			)}</li>`;
		lines.push(__("Refused (fix the goal, then open the round again):"));
		lines.push(`<ul>${refused.map(item).join("")}</ul>`);
	}
	frappe.msgprint({ message: lines.join("<br>"), indicator: refused.length ? "orange" : "green" });
	frm.reload_doc();
}
