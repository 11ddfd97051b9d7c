// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Only form behaviour here; every rule runs on the server.

frappe.ui.form.on("Performance Goal", {
	refresh(frm) {
		show_quality_warnings(frm);
		show_last_result(frm);
		// also on a new goal: it cannot be saved without indicators
		if (frm.doc.docstatus === 0 && frm.perm[0] && frm.perm[0].write) {
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

	// a return or revision request asks for its reason (the field the chain names)
	before_workflow_action: (frm) => perf_budget.ask_return_reason(frm),
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

const GOAL_METHODS = "perf_budget.perf_budget.doctype.performance_goal.performance_goal";

// The library by indicator name, level 1 → level 2, with its unit; ticked
// entries become rows and the table is put back in level order.
function pick_templates(frm) {
	frappe.xcall(`${GOAL_METHODS}.indicator_library`).then(({ levels, indicators }) => {
		const on_goal = new Set((frm.doc.indicators || []).map((row) => row.template).filter(Boolean));
		const picked = new Set();
		const dialog = new frappe.ui.Dialog({
			title: __("Pick from the Indicator Library"),
			size: "large",
			fields: [
				{ fieldname: "search", fieldtype: "Data", label: __("Indicator Name Contains") },
				{ fieldtype: "Column Break" },
				{
					fieldname: "level1",
					fieldtype: "Select",
					label: __("Level 1"),
					options: [{ value: "", label: __("All Levels") }].concat(
						Object.keys(levels).map((level) => ({ value: level, label: __(level) }))
					),
				},
				{ fieldtype: "Section Break" },
				{ fieldname: "library", fieldtype: "HTML" },
			],
			primary_action_label: __("Add Ticked Indicators"),
			primary_action() {
				if (!picked.size) {
					frappe.msgprint(__("Tick the indicators to add first."));
					return;
				}
				frappe.xcall(`${GOAL_METHODS}.template_rows`, { templates: [...picked] }).then((rows) => {
					// the untouched row a new goal opens with would stay behind the picked ones
					frm.doc.indicators = (frm.doc.indicators || []).filter((row) =>
						["indicator_name", "template", "target_value", "target_text", "weight"].some(
							(f) => row[f]
						)
					);
					rows.forEach((row) => frm.add_child("indicators", row));
					sort_indicators(frm, levels);
					frm.dirty();
					dialog.hide();
				});
			},
		});
		const $library = $(library_table(indicators, on_goal)).appendTo(dialog.fields_dict.library.$wrapper);
		$library.on("change", "input[data-template]", function () {
			const name = $(this).attr("data-template");
			this.checked ? picked.add(name) : picked.delete(name);
		});
		const filter = () => {
			const words = (dialog.get_value("search") || "").trim();
			const level1 = dialog.get_value("level1");
			$library.find("tr[data-level1]").each(function () {
				const $row = $(this);
				const shown =
					(!level1 || $row.attr("data-level1") === level1) &&
					(!words || $row.attr("data-name").includes(words));
				$row.toggle(shown);
			});
			$library.find("tr.pb-level-head").each(function () {
				const level = $(this).attr("data-group");
				$(this).toggle($library.find(`tr[data-level1="${level}"]:visible`).length > 0);
			});
		};
		dialog.fields_dict.search.$input.on("input", filter);
		dialog.fields_dict.level1.$input.on("change", filter);
		dialog.show();
	});
}

function library_table(indicators, on_goal) {
	const esc = frappe.utils.escape_html;
	if (!indicators.length) {
		return `<p class="text-muted">${__("The indicator library has no indicators in use.")}</p>`;
	}
	let body = "";
	let group = null;
	for (const entry of indicators) {
		if (entry.level1 !== group) {
			group = entry.level1;
			body += `<tr class="pb-level-head" data-group="${esc(group)}">
				<th colspan="5" class="bg-light">${esc(__(group))}</th></tr>`;
		}
		const added = on_goal.has(entry.name);
		body += `<tr data-level1="${esc(entry.level1)}" data-name="${esc(entry.indicator_name)}">
			<td><input type="checkbox" data-template="${esc(entry.name)}"
				${added ? "checked disabled" : ""} title="${added ? esc(__("Already on the goal")) : ""}"></td>
			<td>${esc(entry.indicator_name)}</td>
			<td>${esc(__(entry.level1))}</td>
			<td>${esc(__(entry.level2))}</td>
			<td>${esc(entry.unit || "")}</td></tr>`;
	}
	return `<div style="max-height: 60vh; overflow-y: auto">
		<table class="table table-bordered table-sm pb-indicator-library">
			<thead><tr><th style="width: 2em"></th><th>${__("Indicator Name")}</th><th>${__("Level 1")}</th>
				<th>${__("Level 2")}</th><th>${__("Unit of Measure")}</th></tr></thead>
			<tbody>${body}</tbody></table></div>`;
}

// The grid in the server's order (rules.indicator_order): level 1, then level 2,
// as `levels` lists them; each level pair keeps its own order.
function sort_indicators(frm, levels) {
	const order1 = Object.keys(levels);
	const rank = (row, at) => {
		const first = order1.indexOf(row.level1);
		if (first < 0) return [order1.length, 0, at];
		const second = levels[row.level1].indexOf(row.level2);
		return [first, second < 0 ? levels[row.level1].length : second, at];
	};
	const ranked = frm.doc.indicators.map((row, at) => [rank(row, at), row]);
	ranked.sort(([a], [b]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
	frm.doc.indicators = ranked.map(([, row], at) => Object.assign(row, { idx: at + 1 }));
	frm.refresh_field("indicators");
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
