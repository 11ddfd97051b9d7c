// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt

frappe.listview_settings["Rectification"] = {
	add_fields: ["status", "due_date"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colour = {
			"Not Sent": "gray",
			"In Progress": "orange",
			"Under Review": "blue",
			Overdue: "red",
			Completed: "green",
			Cancelled: "darkgrey",
		}[doc.status];
		return [__(doc.status), colour, `status,=,${doc.status}`];
	},
};
