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
		listview.page.add_menu_item(__("Import Official Form (Excel)"), () =>
			perf_budget.import_official_forms(
				listview,
				`${GOAL_EXCHANGE}.import_goal_file`,
				({ created, updated, sheets, notes }) =>
					[
						__("Imported: {0} new goals, {1} goals updated.", [created.length, updated.length]),
						// which sheet of the workbook filled which goal
						...(sheets || []).map((s) => __("Sheet {0}: {1}", [s.sheet, s.record])),
						// what the official form has no place for (分值) and is still to be entered
						...(notes || []),
					].join("<br>")
			)
		);
		listview.page.add_menu_item(__("Export Official Forms (Excel)"), () =>
			perf_budget.export_dialog(
				__("Export Official Forms (Excel)"),
				[perf_budget.year_field(), perf_budget.unit_field()],
				`${GOAL_EXCHANGE}.export_goals`
			)
		);
		listview.page.add_menu_item(__("Disclosure Package (Excel)"), () =>
			perf_budget.export_dialog(
				__("Disclosure Package (Excel)"),
				[perf_budget.year_field()],
				"perf_budget.exchange.disclosure.export_disclosure_package"
			)
		);
	},
};
