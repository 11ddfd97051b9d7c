// Copyright (c) 2026, perf_budget contributors
// License: MIT. See license.txt
// Figures of the app's forms, grids, lists and reports keep their decimals
// (loaded on every desk page via app_include_js). Frappe shows a whole Float
// without decimals ("50" beside "86.50") and a Percent without trailing zeros
// ("95%"); here amounts read "1,550.00", rates "95.00%", and scores and their
// points (分值) follow the precision set in Perf Budget Settings. Indicator
// values keep Frappe's way (500 stays "500", 1909.5 reads "1,909.50").

frappe.provide("perf_budget.figures");

perf_budget.figures.SCORE_FIELDS = new Set([
	"weight",
	"score",
	"computed_score",
	"entered_score",
	"override_score",
	"total_score",
	"execution_weight",
	"execution_score",
	"output_score",
	"effect_score",
	"satisfaction_score",
	"cost_score",
	"expert_score",
	"last_score",
]);

perf_budget.figures.INDICATOR_VALUES = new Set([
	"target_value",
	"actual_value",
	"last_year_actual",
	"actual_to_date",
	"expected_completion",
]);

// A field of this app's DocTypes (not Perf Budget Settings, whose weights are settings).
perf_budget.figures.is_app_field = function (docfield) {
	const meta = docfield && docfield.parent && locals.DocType && locals.DocType[docfield.parent];
	return !!meta && meta.module === "Perf Budget" && docfield.parent !== "Perf Budget Settings";
};

perf_budget.figures.precision = function (docfield) {
	if (perf_budget.figures.SCORE_FIELDS.has(docfield.fieldname)) {
		return cint(frappe.boot.perf_budget_score_precision ?? 2);
	}
	return cint(docfield.precision);
};

// An indicator value that is not there (Frappe 15 stores an empty Float as 0):
// any value of a qualitative indicator, and an actual of 0 that earned nothing,
// as the 自评表 print shows it.
perf_budget.figures.is_missing_value = function (value, docfield, doc) {
	if (
		!doc ||
		!perf_budget.figures.is_app_field(docfield) ||
		!perf_budget.figures.INDICATOR_VALUES.has(docfield.fieldname)
	) {
		return false;
	}
	if (doc.operator === "Qualitative") return true;
	return docfield.fieldname === "actual_value" && !flt(value) && !flt(doc.score);
};

// A report cell of a figure that is not there reads "—", never blank or 0 (SPEC §6).
perf_budget.figures.missing = function (column, data) {
	const numeric = ["Float", "Percent", "Currency", "Int"].includes(column.fieldtype);
	return numeric && data && !data.is_total_row && data[column.fieldname] == null;
};

(() => {
	const formatters = frappe.form.formatters;
	const float = formatters.Float;
	const percent = formatters.Percent;

	formatters.Float = function (value, docfield, options, doc) {
		if (perf_budget.figures.is_missing_value(value, docfield, doc)) {
			return formatters._right("—", options);
		}
		if (
			!perf_budget.figures.is_app_field(docfield) ||
			!docfield.precision ||
			perf_budget.figures.INDICATOR_VALUES.has(docfield.fieldname) ||
			is_null(value) ||
			value === ""
		) {
			return float.call(this, value, docfield, options, doc);
		}
		const precision = perf_budget.figures.precision(docfield);
		return formatters._right(format_number(value, null, precision), options);
	};

	// Report columns have no parent: a Percent column with its own precision keeps it too.
	formatters.Percent = function (value, docfield, options, doc) {
		const own =
			docfield &&
			docfield.precision &&
			(!docfield.parent || perf_budget.figures.is_app_field(docfield));
		if (!own || is_null(value) || value === "") {
			return percent.call(this, value, docfield, options, doc);
		}
		return formatters._right(format_number(value, null, cint(docfield.precision)) + "%", options);
	};
})();
