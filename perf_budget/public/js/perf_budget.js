// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Desk behaviour the review forms share (loaded on every desk page via app_include_js).

frappe.provide("perf_budget");

// The step the chosen workflow action takes from the record's state, and the
// stage it leads to, as the server reads the live workflow
// (perf_budget/workflow/chains.py, brought by the boot); no state is named here.
perf_budget.chosen_step = function (frm) {
	const chain = frappe.boot.perf_budget_chains[frm.doctype];
	const state = frm.doc.workflow_state || chain.initial;
	const step = chain.steps.find((s) => s.state === state && s.action === frm.selected_workflow_action);
	return step && { ...step, next_stage: chain.stage[step.next_state] };
};

// A return (or a revision request) asks for its reason first; the server
// refuses one without it and keeps it in the record and the timeline.
perf_budget.ask_return_reason = function (frm) {
	const step = perf_budget.chosen_step(frm);
	if (!step || !step.field) return;
	// workflow.js freezes the page before this hook; the prompt needs it live
	frappe.dom.unfreeze();
	return new Promise((resolve) => {
		frappe.prompt(
			{
				fieldname: "reason",
				fieldtype: "Small Text",
				label: __(frm.fields_dict[step.field].df.label),
				reqd: 1,
				default: frm.doc[step.field],
			},
			async ({ reason }) => {
				await frm.set_value(step.field, reason);
				if (frm.is_dirty()) await frm.save(); // an unchanged form refuses to save
				frappe.dom.freeze();
				resolve();
			},
			__(frm.selected_workflow_action),
			__("Confirm")
		);
	});
};

// Whether the user holds a role of the named list of perf_budget/roles.py
// ("finance", "publishers"), which the boot brings (perf_budget/boot.py).
perf_budget.has_any_role = function (list_name) {
	return frappe.boot.perf_budget_roles[list_name].some((role) => frappe.user.has_role(role));
};

perf_budget.is_finance = () => perf_budget.has_any_role("finance");

// Monitoring and self-evaluation records the finance section marked as
// needing rectification get a button that makes (or opens) the rectification.
perf_budget.add_rectification_button = function (frm) {
	if (frm.is_new() || !frm.doc.needs_rectification || !perf_budget.is_finance()) return;
	frm.add_custom_button(
		__("Rectification"),
		() =>
			frappe
				.xcall("perf_budget.perf_budget.doctype.rectification.rectification.make_rectification", {
					source_doctype: frm.doctype,
					source_name: frm.doc.name,
				})
				.then((name) => frappe.set_route("Form", "Rectification", name)),
		__("Create")
	);
};

// Goal, monitoring and self-evaluation (budget_system/records.py): a figure the budget
// system filled says where it came from and is not typed over (the server refuses it);
// a typed figure that differs from the latest import is shown above the form.
perf_budget.show_budget_figures = function (frm) {
	const imported = JSON.parse(frm.doc.imported_fields || "[]");
	const source = __("From the budget system, as of {0} ({1})", [
		frm.doc.budget_as_of,
		frm.doc.budget_import,
	]);
	imported.forEach((field) => {
		frm.set_df_property(field, "read_only", 1);
		frm.set_df_property(field, "description", source);
	});
	if (!frm.doc.budget_gap) return;
	const lines = frm.doc.budget_gap.split("\n").map((line) => frappe.utils.escape_html(line));
	frm.dashboard.add_comment(
		[`<span class="indicator-pill orange">${__("Differs from the Budget System")}</span>`, ...lines].join(
			"<br>"
		),
		"orange",
		true
	);
};

// Official Excel forms from the list views: upload a filled form, or pick
// what to download. `summary` turns the server's answer into the message.
perf_budget.import_official_forms = function (listview, method, summary) {
	new frappe.ui.FileUploader({
		restrictions: { allowed_file_types: [".xlsx"] },
		make_attachments_public: false,
		on_success(file) {
			frappe.xcall(method, { file_url: file.file_url }).then((answer) => {
				frappe.msgprint(summary(answer), __("Import finished"));
				listview.refresh();
			});
		},
	});
};

// A department-wide record's official form (部门整体支出绩效目标申报表 / 监控表 / 自评表):
// download it; while the unit files the draft, upload it back filled.
perf_budget.department_form_buttons = function (frm, kind) {
	if (frm.is_new()) return;
	const exchange = "perf_budget.exchange.department";
	frm.add_custom_button(
		__("Official Form (Excel)"),
		() => perf_budget.download(`${exchange}.export_department_${kind}`, { name: frm.doc.name }),
		__("Excel")
	);
	if (frm.doc.docstatus !== 0 || !frm.perm[0]?.write) return;
	frm.add_custom_button(
		__("Import Official Form (Excel)"),
		() =>
			perf_budget.import_official_forms(
				{ refresh: () => frm.reload_doc() },
				`${exchange}.import_department_${kind}_file`,
				({ differences }) =>
					[__("Imported: {0}", [frm.doc.name]), ...(differences || [])]
						.map((line) => frappe.utils.escape_html(line))
						.join("<br>")
			),
		__("Excel")
	);
};

// The department-wide lists' menus: a filled workbook in (every sheet or none), a year's forms out.
perf_budget.department_list_menu = function (listview, kind, export_fields) {
	const exchange = "perf_budget.exchange.department";
	listview.page.add_menu_item(__("Import Official Form (Excel)"), () =>
		perf_budget.import_official_forms(
			listview,
			`${exchange}.import_department_${kind}_file`,
			({ updated, differences }) =>
				[__("Imported: {0} records updated.", [updated.length]), ...(differences || [])]
					.map((line) => frappe.utils.escape_html(line))
					.join("<br>")
		)
	);
	listview.page.add_menu_item(__("Export Official Forms (Excel)"), () =>
		perf_budget.export_dialog(
			__("Export Official Forms (Excel)"),
			export_fields,
			`${exchange}.export_department_${kind}s`
		)
	);
};

perf_budget.download = function (method, args) {
	const query = new URLSearchParams(Object.entries(args).filter(([, value]) => value)).toString();
	window.open(`/api/method/${method}?${query}`);
};

perf_budget.export_dialog = function (title, fields, method) {
	frappe.prompt(fields, (values) => perf_budget.download(method, values), title, __("Download"));
};

perf_budget.year_field = () => ({
	fieldname: "performance_year",
	fieldtype: "Link",
	options: "Performance Year",
	label: __("Performance Year"),
	reqd: 1,
});

perf_budget.unit_field = () => ({
	fieldname: "budget_unit",
	fieldtype: "Link",
	options: "Budget Unit",
	label: __("Budget Unit"),
});

// Frappe 15 returns a field's label untranslated from frappe.meta.get_label,
// which the timeline (changes in table rows), the sort menu and the group-by
// sidebar show as it is.
const untranslated_label = frappe.meta.get_label;
frappe.meta.get_label = function (doctype, fieldname, docname) {
	return __(untranslated_label.call(this, doctype, fieldname, docname), null, doctype);
};

// A workflow state is a Link, which Frappe shows by its name (Pending Unit
// Head) in report views and grids; the state's translation is its caption.
frappe.form.link_formatters["Workflow State"] = (value) => __(value);

// The timeline shows a version as it was stored: a Select or workflow state
// value in the language of whoever saved (English when a job or script saved),
// an empty value as "null" or "", rows counted from 0. Each version is made
// readable once, before Frappe renders it.
perf_budget.readable_version_data = function (data, frm) {
	const readable = (doctype, change) => {
		const df = frappe.meta.get_docfield(doctype, change[0], frm.docname);
		const translated = df && (df.fieldtype === "Select" || df.options === "Workflow State");
		[1, 2].forEach((i) => {
			if (change[i] === null || change[i] === "") change[i] = __("empty");
			else if (translated && typeof change[i] === "string") change[i] = __(change[i], null, doctype);
		});
	};
	(data.changed || []).forEach((change) => readable(frm.doctype, change));
	(data.row_changed || []).forEach((row) => {
		const grid = frm.fields_dict[row[0]] && frm.fields_dict[row[0]].grid;
		row[1] += 1; // the row number the grid shows
		if (grid) row[3].forEach((change) => readable(grid.doctype, change));
	});
	return data;
};

$(document).on("form-load", (e, frm) => {
	const timeline = frm.timeline && Object.getPrototypeOf(frm.timeline);
	if (!timeline || timeline.perf_budget_readable) return;
	const render_versions = timeline.get_version_timeline_contents;
	timeline.get_version_timeline_contents = function () {
		(this.doc_info.versions || []).forEach((version) => {
			if (!version.data || version.perf_budget_readable) return;
			const data = perf_budget.readable_version_data(JSON.parse(version.data), this.frm);
			version.data = JSON.stringify(data);
			version.perf_budget_readable = true;
		});
		return render_versions.call(this);
	};
	// Frappe stores an attachment's line ("Added <file>") in the language of
	// whoever attached it; the reader gets it in theirs.
	const render_attachments = timeline.get_attachment_timeline_contents;
	timeline.get_attachment_timeline_contents = function () {
		(this.doc_info.attachment_logs || []).forEach((log) => {
			for (const message of ["Added {0}", "Removed {0}"]) {
				const english = message.replace("{0}", "");
				if (log.content && log.content.startsWith(english)) {
					log.content = __(message, [log.content.slice(english.length)]);
				}
			}
		});
		return render_attachments.call(this);
	};
	timeline.perf_budget_readable = true;
});

// Frappe 15 redraws a report's chart by emptying its box and drawing a new chart there without
// ending the old one, whose resize observer then redraws it: "removeChild" page errors when the
// box changes size, e.g. on opening the next report. A new chart in a box ends the one drawn there
// before, and a chart whose drawing is no longer in its container ends instead of redrawing.
frappe.Chart = class extends frappe.Chart {
	constructor(parent, options) {
		const box = typeof parent === "string" ? document.querySelector(parent) : parent;
		box?.perf_budget_chart?.destroy();
		super(parent, options);
		if (box) box.perf_budget_chart = this;
		const draw = this.draw;
		this.draw = function (...args) {
			if (this.svg && this.svg.parentNode !== this.container) return this.destroy();
			return draw.apply(this, args);
		};
	}
};

// A workflow action the server refuses: Frappe shows the server's message, then
// its workflow button rejects a promise with nothing (frappe.xcall's error path
// passes r.message, which a refusal does not carry) and nobody handles it, so the
// console shows "Uncaught (in promise) undefined". That empty rejection says
// nothing the message did not; every other rejection is left to Frappe.
window.addEventListener("unhandledrejection", (event) => {
	if (event.reason === undefined) event.preventDefault();
});

// Counts are drawn on whole-number axes. frappe-charts splits a small range
// (a top of 1, 2 or 10) into quarters: 0, 0.5, 1, 1.5, 2. A bar or line chart
// whose figures are all whole numbers gets a top the library splits into
// whole steps (3 or more; 11 for 10, drawn 0, 5 … 20).
perf_budget.whole_number_top = function (largest) {
	if (largest < 3) return 3;
	return largest === 10 ? 11 : largest;
};

perf_budget.count_axis = function (options) {
	const data = options && options.data;
	if (!data || !["bar", "line", "axis-mixed"].includes(options.type || "bar")) return options;
	const datasets = (data.datasets || []).filter((set) => Array.isArray(set.values));
	const values = datasets.flatMap((set) => set.values);
	if (!values.length || !values.every((value) => Number.isInteger(Number(value)) && value >= 0)) {
		return options;
	}
	const stacked = options.barOptions && options.barOptions.stacked;
	const tops = (data.labels || []).map((_label, i) =>
		stacked
			? datasets.reduce((sum, set) => sum + Number(set.values[i] || 0), 0)
			: Math.max(...datasets.map((set) => Number(set.values[i] || 0)))
	);
	const axis = { ...(options.axisOptions || {}) };
	axis.yAxisRange = { min: 0, max: perf_budget.whole_number_top(Math.max(0, ...tops)) };
	return { ...options, axisOptions: axis };
};

if (frappe.Chart && !frappe.Chart.perf_budget_counts) {
	frappe.Chart = class extends frappe.Chart {
		static perf_budget_counts = true;
		constructor(parent, options) {
			super(parent, perf_budget.count_axis(options));
		}
	};
}

// The indicator library for a goal of `scope` (Project, or Department for a
// department-wide goal) by indicator name, level 1 → level 2, with its unit;
// ticked entries become rows and the table is put back in level order.
perf_budget.pick_indicators = function (frm, scope) {
	const GOAL_METHODS = "perf_budget.perf_budget.doctype.performance_goal.performance_goal";
	frappe.xcall(`${GOAL_METHODS}.indicator_library`, { scope }).then(({ levels, indicators }) => {
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
				frappe
					.xcall(`${GOAL_METHODS}.template_rows`, { templates: [...picked], scope })
					.then((rows) => {
						// the untouched row a new goal opens with would stay behind the picked ones
						frm.doc.indicators = (frm.doc.indicators || []).filter((row) =>
							["indicator_name", "template", "target_value", "target_text", "weight"].some(
								(f) => row[f]
							)
						);
						rows.forEach((row) => frm.add_child("indicators", row));
						perf_budget.sort_indicators(frm, levels);
						frm.dirty();
						dialog.hide();
					});
			},
		});
		const $library = $(perf_budget.library_table(indicators, on_goal)).appendTo(
			dialog.fields_dict.library.$wrapper
		);
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
};

perf_budget.library_table = function (indicators, on_goal) {
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
};

// The grid in the server's order (rules.indicator_order): level 1, then level 2,
// as `levels` lists them; each level pair keeps its own order.
perf_budget.sort_indicators = function (frm, levels) {
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
};
