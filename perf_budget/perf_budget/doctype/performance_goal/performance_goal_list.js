// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

const GOAL_EXCHANGE = "perf_budget.exchange.goals";

frappe.listview_settings["Performance Goal"] = {
	add_fields: ["workflow_state", "is_current", "docstatus"],
	get_indicator(doc) {
		if (doc.docstatus === 1 && !doc.is_current) {
			return [__("Superseded"), "gray", "is_current,=,0"];
		}
	},
	onload(listview) {
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () => import_goal_forms(listview));
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () =>
			ask_year(__("Export Official Forms (Excel)"), true, ({ performance_year, budget_unit }) =>
				download(`${GOAL_EXCHANGE}.export_goals`, { performance_year, budget_unit })
			)
		);
		listview.page.add_menu_item(__("Disclosure Package (Excel)"), () =>
			ask_year(__("Disclosure Package (Excel)"), false, ({ performance_year }) =>
				download("perf_budget.exchange.disclosure.export_disclosure_package", { performance_year })
			)
		);
	},
};

function ask_year(title, with_unit, callback) {
	const fields = [
		{ fieldname: "performance_year", fieldtype: "Link", options: "Performance Year", label: __("Performance Year"), reqd: 1 },
	];
	if (with_unit) {
		fields.push({ fieldname: "budget_unit", fieldtype: "Link", options: "Budget Unit", label: __("Budget Unit") });
	}
	frappe.prompt(fields, callback, title, __("Download"));
}

function download(method, args) {
	const query = new URLSearchParams(Object.entries(args).filter(([, v]) => v)).toString();
	window.open(`/api/method/${method}?${query}`);
}

function import_goal_forms(listview) {
	new frappe.ui.FileUploader({
		restrictions: { allowed_file_types: [".xlsx"] },
		make_attachments_public: false,
		on_success(file) {
			frappe
				.xcall(`${GOAL_EXCHANGE}.import_goal_file`, { file_url: file.file_url })
				.then(({ created, updated }) => {
					frappe.msgprint(
						__("Imported: {0} new goals, {1} goals updated.", [created.length, updated.length]),
						__("Import finished")
					);
					listview.refresh();
				});
		},
	});
}
