"""Expert review of a self-evaluation (art. 22 (二) 组织专家现场评价和综合评价),
the Frappe side of ``rules/panel.py``.

Each expert of the register (Performance Expert) scores the evaluation on an
Expert Score Sheet of their own, kept as its record; the evaluation's
``experts`` rows take each sheet's total, and the panel's score — the sheets
combined as the settings say, per indicator and for the total — is stored
beside the formula score of 财预〔2020〕10号, never in its place.
"""

import frappe
from frappe import _

from perf_budget.rules.panel import PanelError, combine_sheets
from perf_budget.security import is_server_change
from perf_budget.security.chain import check_edit, live_workflow
from perf_budget.settings import get_rules
from perf_budget.workflow.chains import leaving_unit

SHEET = "Expert Score Sheet"
# The sheet's row for art. 21's budget execution points (the evaluation's other rows are its indicators).
EXECUTION_KEY = "execution"


def sheet_rows(evaluation) -> list[dict]:
	"""What an expert scores: budget execution, then each indicator, up to its points."""
	rows = [
		{
			"indicator_key": EXECUTION_KEY,
			"indicator_name": _("Budget Execution Rate"),
			"max_points": evaluation.execution_weight,
		}
	]
	for row in evaluation.indicators:
		rows.append(
			{
				"indicator_key": row.name,
				"level1": row.level1,
				"level2": row.level2,
				"indicator_name": row.indicator_name,
				"max_points": row.weight,
			}
		)
	return rows


def refuse_conflict(expert: str, unit: str) -> None:
	"""An expert may not review a unit they have a conflict of interest with."""
	conflict = frappe.get_all(
		"Expert Conflict",
		filters={"parent": expert, "parenttype": "Performance Expert", "conflict_unit": unit},
		pluck="reason",
		limit=1,
	)
	if conflict:
		name = frappe.db.get_value("Performance Expert", expert, "expert_name")
		frappe.throw(
			_(
				"Expert {0} has a conflict of interest with {1} ({2}) and cannot review its projects; choose another expert."
			).format(name, unit, conflict[0]),
			title=_("Conflict of interest"),
		)


def check_evaluation_open(sheet, evaluation) -> None:
	"""A sheet changes only while its evaluation may change, for the same people
	(the chain's rule for editing the evaluation in its state)."""
	if evaluation.docstatus != 0:
		frappe.throw(
			_("Self-evaluation {0} is submitted; its experts' score sheets can no longer change.").format(
				evaluation.name
			)
		)
	workflow = live_workflow(evaluation.doctype)
	if workflow and not is_server_change(sheet):
		state = evaluation.get(workflow.workflow_state_field) or workflow.states[0].state
		check_edit(evaluation, workflow, state, set(frappe.get_roles()), {"experts"})


def review_experts(evaluation) -> None:
	"""validate of the evaluation: each register expert's row takes its sheet
	and the sheet's total; the panel's score is combined from those sheets."""
	seen = set()
	for row in evaluation.experts:
		if not row.performance_expert:
			continue  # an expert written down by name only has no sheet to count
		if row.performance_expert in seen:
			frappe.throw(_("Experts row {0}: {1} is listed twice.").format(row.idx, row.expert_name))
		seen.add(row.performance_expert)
		refuse_conflict(row.performance_expert, evaluation.budget_unit)
		expert = frappe.db.get_value(
			"Performance Expert", row.performance_expert, ["expert_name", "organization"], as_dict=True
		)
		row.expert_name, row.organization = expert.expert_name, expert.organization
		sheet = frappe.db.get_value(
			SHEET,
			{"performance_evaluation": evaluation.name, "performance_expert": row.performance_expert},
			["name", "total_score"],
			as_dict=True,
		)
		row.expert_score_sheet = sheet.name if sheet else None
		row.expert_score = sheet.total_score if sheet else 0
	combine_panel(evaluation)


def combine_panel(evaluation) -> None:
	sheets = [row.expert_score_sheet for row in evaluation.experts if row.expert_score_sheet]
	scores = {sheet: {} for sheet in sheets}
	for score in frappe.get_all(
		"Expert Score Row",
		filters={"parent": ["in", sheets or [""]], "parenttype": SHEET},
		fields=["parent", "indicator_key", "expert_score"],
	):
		scores[score.parent][score.indicator_key] = score.expert_score
	totals = [row.expert_score for row in evaluation.experts if row.expert_score_sheet]
	rules = get_rules()
	try:
		panel = combine_sheets(
			[scores[s] for s in sheets], totals, rules.expert_combination, rules.score_precision
		)
	except PanelError as error:
		message = _(error.message).format(*error.args_)
		if leaving_unit(evaluation):
			frappe.throw(message, title=_("Please complete the self-evaluation before submitting"))
		frappe.msgprint(message, title=_("Still to complete"), indicator="orange")
		panel = None
	evaluation.expert_panel_size = len(sheets)
	evaluation.expert_panel_score = panel.total if panel else 0
	for row in evaluation.indicators:
		row.expert_panel_score = (panel.indicators.get(row.name) if panel else None) or 0


def record_sheet(sheet) -> None:
	"""on_update of a sheet: its expert's row on the evaluation (added if
	missing) and the panel's score, written without re-running the evaluation's
	scoring (the sheet's save already checked the evaluation may change)."""
	evaluation = frappe.get_doc("Performance Evaluation", sheet.performance_evaluation)
	if not any(row.performance_expert == sheet.performance_expert for row in evaluation.experts):
		evaluation.append("experts", {"performance_expert": sheet.performance_expert})
	review_experts(evaluation)
	for row in evaluation.experts:
		row.db_insert() if row.is_new() else row.db_update()
	for row in evaluation.indicators:
		row.db_set("expert_panel_score", row.expert_panel_score, update_modified=False)
	evaluation.db_set(
		{
			"expert_panel_score": evaluation.expert_panel_score,
			"expert_panel_size": evaluation.expert_panel_size,
		}
	)


@frappe.whitelist(methods=["POST"])
def make_score_sheet(performance_evaluation: str, performance_expert: str) -> str:
	"""The expert's sheet for the evaluation, with a row for each indicator
	(the one already made when there is one)."""
	evaluation = frappe.get_doc("Performance Evaluation", performance_evaluation)
	evaluation.check_permission("write")
	existing = frappe.db.get_value(
		SHEET, {"performance_evaluation": evaluation.name, "performance_expert": performance_expert}
	)
	if existing:
		return existing
	sheet = frappe.get_doc(
		{
			"doctype": SHEET,
			"performance_evaluation": evaluation.name,
			"performance_expert": performance_expert,
			"scores": sheet_rows(evaluation),
		}
	)
	return sheet.insert().name
