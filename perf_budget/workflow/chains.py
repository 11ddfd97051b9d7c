"""The review chains as the site has them: ``chain(doctype)`` reads the live
Workflow (what an admin set in the admin panel), or the shipped definition
when the DocType has no active workflow, and says which states are in which
stage (``perf_budget/rules/chains.py``). Everything that needs a state asks
here; the desk gets the same through the boot (``desk_chains``)."""

from functools import cache

import frappe
from frappe import _
from pypika.terms import ValueWrapper

from perf_budget.doctypes import CHAINED_DOCTYPES, FINANCE_CHAINED_DOCTYPES
from perf_budget.roles import FINANCE_HEAD, FINANCE_OFFICER, UNIT_HEAD, UNIT_USER
from perf_budget.rules.chains import BEFORE_REVIEW, Chain, stages_of
from perf_budget.workflow import shipped_workflows


def chain(doctype: str) -> Chain:
	from perf_budget.security.chain import live_workflow

	definition = shipped_definition(doctype)
	# the live Workflow has no column for it: an action keeps the field the shipped one names
	reason_fields = {
		t["action"]: t["reason_field"] for t in definition["transitions"] if t.get("reason_field")
	}
	workflow = live_workflow(doctype)
	if workflow:
		states = [{"state": s.state, "allow_edit": s.allow_edit} for s in workflow.states]
		transitions = [
			{"state": t.state, "action": t.action, "next_state": t.next_state} for t in workflow.transitions
		]
	else:
		states, transitions = definition["states"], definition["transitions"]
	return stages_of(doctype, states, transitions, *chain_roles(doctype), reason_fields)


def chain_roles(doctype: str) -> tuple[str, str]:
	"""Who files and who approves first in ``doctype``'s chain: the unit's clerk
	and head; in finance's own chains (the written reports) the finance officer
	and the finance head, whose states fall in the same stages (filing,
	unit_review, accepted)."""
	if doctype in FINANCE_CHAINED_DOCTYPES:
		return FINANCE_OFFICER, FINANCE_HEAD
	return UNIT_USER, UNIT_HEAD


@cache
def shipped_definition(doctype: str) -> dict:
	"""The shipped workflow of ``doctype`` (files of the installed app: read once per process)."""
	return next(d for d in shipped_workflows() if d["document_type"] == doctype)


def states(doctype: str, *stages: str) -> tuple:
	"""The states of ``doctype``'s chain in ``stages`` (for queries: ``.isin(...)``)."""
	return chain(doctype).states(*stages)


def state_in(field, doctype: str, *stages: str):
	"""A query condition: ``field`` (a workflow state, or an expression of it)
	is a state of ``doctype`` in ``stages``; false when no state is."""
	return one_of(field, states(doctype, *stages))


def one_of(field, names: tuple):
	return field.isin(names) if names else ValueWrapper(1) == 0


def leaving_unit(doc) -> bool:
	"""True once the record is on its way to the unit head or beyond: from then
	on incomplete data blocks the step instead of only being pointed out."""
	return doc.docstatus == 1 or not chain(doc.doctype).is_in(doc.workflow_state, *BEFORE_REVIEW)


def entered(doc) -> tuple[str, str] | None:
	"""(stage before, stage now) when this save changes the record's state."""
	before = doc.get_doc_before_save()
	if not before or before.workflow_state == doc.workflow_state:
		return None
	steps = chain(doc.doctype)
	return steps.stage_of(before.workflow_state), steps.stage_of(doc.workflow_state)


def require_reason(doc) -> None:
	"""A return needs its reason, kept on the record and in the timeline."""
	before = doc.get_doc_before_save()
	if not before:
		return
	field = chain(doc.doctype).reason_field(before.workflow_state, doc.workflow_state)
	if not field:
		return
	reason = (doc.get(field) or "").strip()
	if not reason:
		frappe.throw(
			_("Write why {0} {1} goes back to {2} in {3} first.").format(
				_(doc.doctype), doc.name, _(doc.workflow_state), _(doc.meta.get_label(field))
			),
			title=_("A reason is needed"),
		)
	doc.add_comment("Comment", _("{0}: {1}").format(_(doc.workflow_state), reason))


def desk_chains() -> dict:
	"""For the desk (boot): each chain's first state, the stage of every state,
	and its steps with the field a reason goes in."""
	out = {}
	for doctype in (*CHAINED_DOCTYPES, *FINANCE_CHAINED_DOCTYPES):
		steps = chain(doctype)
		out[doctype] = {"initial": steps.initial, "stage": steps.stage, "steps": steps.steps()}
	return out
