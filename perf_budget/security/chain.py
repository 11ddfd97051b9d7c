"""The review chains, enforced on the server for every way a record is saved.

Frappe 15 checks the self-approval rule only inside ``apply_workflow``, lets a
submit jump to the first submitted state, and never checks on the server
which role may edit in which state. A request through ``frappe.client``,
REST or the form's save would therefore skip the chain. These doc_events read
the live Workflow document (what an admin set in the admin panel is what is
enforced) and refuse, with a message, any save that is not:

* a change of fields in a state whose *Only Allow Edit For* role the user has,
* a change of state that is a transition of the workflow from the stored state,
  allowed to one of the user's roles, whose condition holds and, unless the
  transition allows self-approval, not by the record's owner,
* a submit or cancel whose new state has that document status.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, is_transition_condition_satisfied
from frappe.utils import cint

from perf_budget.security import is_server_change
from perf_budget.security.fields import changed_fields


def live_workflow(doctype: str):
	name = get_workflow_name(doctype)
	return frappe.get_cached_doc("Workflow", name) if name else None


def state_row(workflow, state: str):
	for row in workflow.states:
		if row.state == state:
			return row
	frappe.throw(
		_("{0} is not a state of the workflow {1}.").format(_(state), workflow.name),
		frappe.ValidationError,
	)


def check_save(doc, method=None):
	"""before_validate (save, submit) and before_update_after_submit."""
	workflow = live_workflow(doc.doctype)
	if not workflow or is_server_change(doc):
		return
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	roles = set(frappe.get_roles())
	if not before:
		check_new(doc, workflow, field)
		return
	old_state = before.get(field) or workflow.states[0].state
	new_state = doc.get(field) or old_state
	target = state_row(workflow, new_state)
	ignored = {field, "docstatus", target.update_field} if new_state != old_state else {field, "docstatus"}
	edited = changed_fields(doc, before) - ignored
	if edited:
		check_edit(doc, workflow, old_state, roles, edited)
	if new_state != old_state:
		check_transition(doc, workflow, old_state, new_state, roles)
	if cint(doc.docstatus) != cint(target.doc_status):
		frappe.throw(
			_(
				"{0} {1} cannot be submitted or left submitted in the state {2}; use the workflow action."
			).format(_(doc.doctype), doc.name, _(new_state)),
			frappe.PermissionError,
		)


def check_new(doc, workflow, field):
	first = workflow.states[0]
	state = doc.get(field) or first.state
	if state != first.state or cint(doc.docstatus) != cint(first.doc_status):
		frappe.throw(
			_("A new {0} starts in the state {1}; it moves on only through the workflow actions.").format(
				_(doc.doctype), _(first.state)
			),
			frappe.PermissionError,
		)


def check_edit(doc, workflow, state, roles, edited):
	allowed = state_row(workflow, state).allow_edit
	if allowed and allowed in roles:
		return
	labels = ", ".join(sorted(_(doc.meta.get_label(f)) for f in edited))
	frappe.throw(
		_("{0} {1} is {2}: only {3} may change it now (you changed: {4}).").format(
			_(doc.doctype), doc.name, _(state), _(allowed or "—"), labels
		),
		frappe.PermissionError,
	)


def check_transition(doc, workflow, old_state, new_state, roles):
	steps = [t for t in workflow.transitions if t.state == old_state and t.next_state == new_state]
	if not steps:
		frappe.throw(
			_("{0} {1} cannot go from {2} to {3}: that is not a step of the workflow {4}.").format(
				_(doc.doctype), doc.name, _(old_state), _(new_state), workflow.name
			),
			frappe.PermissionError,
		)
	mine = [t for t in steps if t.allowed in roles]
	if not mine:
		frappe.throw(
			_("Only {0} may move {1} {2} from {3} to {4}.").format(
				" / ".join(sorted({_(t.allowed) for t in steps})),
				_(doc.doctype),
				doc.name,
				_(old_state),
				_(new_state),
			),
			frappe.PermissionError,
		)
	mine = [t for t in mine if is_transition_condition_satisfied(t, doc)]
	if not mine:
		frappe.throw(
			_("{0} {1} does not meet the condition of the step {2}.").format(
				_(doc.doctype), doc.name, _(steps[0].action)
			),
			frappe.PermissionError,
		)
	owner = (doc.get("owner") or "").lower() == frappe.session.user.lower()
	if owner and not any(cint(t.allow_self_approval) for t in mine):
		frappe.throw(
			_("You filed {0} {1} yourself, so you cannot take the step {2}: someone else must.").format(
				_(doc.doctype), doc.name, _(mine[0].action)
			),
			frappe.PermissionError,
		)


def check_cancel(doc, method=None):
	"""before_cancel: only a transition to a cancelled state of the workflow."""
	workflow = live_workflow(doc.doctype)
	if not workflow or is_server_change(doc):
		return
	field = workflow.workflow_state_field
	stored = frappe.db.get_value(doc.doctype, doc.name, field) or workflow.states[0].state
	roles = set(frappe.get_roles())
	cancelled = {s.state for s in workflow.states if cint(s.doc_status) == 2}
	allowed = [
		t
		for t in workflow.transitions
		if t.state == stored and t.next_state in cancelled and t.allowed in roles
	]
	if not allowed:
		frappe.throw(
			_(
				"{0} {1} can only be cancelled through a step of the workflow {2}, and none leads from {3} to a cancelled state for you."
			).format(_(doc.doctype), doc.name, workflow.name, _(stored)),
			frappe.PermissionError,
		)
