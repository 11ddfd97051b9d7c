"""Work finds its owner (issue 12): who must act on a record in its workflow
state. When a goal, monitoring record, self-evaluation, rectification or
finance's written report changes state, those people are told (``notify``: a system notification and
an email through Frappe's queue); the number card 待我审核 counts what the
user can move on now.

Both read the live Workflow (an admin's edits count), as ``security/chain.py``
does: a person acts in a state when a transition out of it is allowed to one
of their roles, its condition holds, the record is of one of their units when
the role is a unit's, and — unless the transition allows self-approval — they
did not file the record themselves.

Frappe's own Workflow Action emails stay off in the shipped workflows
(``send_email_alert``): these notifications replace them, in the recipient's
language. An admin who turns them on gets Frappe's email as well; Frappe sends
it only to users who may read the record, so never to another unit's head.
"""

import frappe
from frappe import _
from frappe.model.workflow import is_transition_condition_satisfied
from frappe.utils import cint

from perf_budget.boot import current_year
from perf_budget.doctypes import CHAINED_DOCTYPES, FINANCE_CHAINED_DOCTYPES
from perf_budget.notify import notify, users_with_role
from perf_budget.permissions import UNIT_FIELD
from perf_budget.roles import ALL_UNITS_ROLES
from perf_budget.security.chain import live_workflow
from perf_budget.workflow.chains import chain

REASON_LENGTH = 80  # of the subject; the record has it whole


# -- who acts ---------------------------------------------------------------------
def member_units(user: str) -> set[str]:
	"""The units ``user`` belongs to (with their sub-units), whatever else a
	finance role lets them read."""
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	return {perm.doc for perm in get_user_permissions(user).get("Budget Unit", [])}


def may_take(user: str, transition, record, doctype: str) -> bool:
	"""``user``, who holds ``transition.allowed``, may take it on ``record``
	(a document or a row of ``doctype`` with its unit and owner); the
	condition aside. A written report of finance is its writer's work while
	it is being written (drafted, returned): the other officers have no step
	in it."""
	if transition.allowed not in ALL_UNITS_ROLES and record.get(UNIT_FIELD) not in member_units(user):
		return False
	is_writer = user.lower() == (record.get("owner") or "").lower()
	if doctype in FINANCE_CHAINED_DOCTYPES and chain(doctype).is_in(transition.state, "filing"):
		return is_writer
	return bool(cint(transition.allow_self_approval)) or not is_writer


def actors(doc, workflow, state: str) -> set[str]:
	users = set()
	for transition in workflow.transitions:
		if transition.state == state and is_transition_condition_satisfied(transition, doc):
			users.update(
				u for u in users_with_role(transition.allowed) if may_take(u, transition, doc, doc.doctype)
			)
	return users


def filers(doc) -> set[str]:
	"""Who filed the record, while they belong to its unit (a monitoring record
	or rectification made by finance has no filer in the unit); the officer
	who wrote a written report of finance."""
	owner = doc.get("owner")
	if owner and (doc.doctype in FINANCE_CHAINED_DOCTYPES or doc.get(UNIT_FIELD) in member_units(owner)):
		return {owner}
	return set()


def follow_state_set_by_job(doc) -> None:
	"""A daily job sets a state without a save: Frappe's workflow actions follow
	it as after one (the old state's close, the new state's open), so 工作流操作
	lists what the card 待我审核 counts."""
	from frappe.workflow.doctype.workflow_action.workflow_action import process_workflow_actions

	frappe.db.set_value(
		"Workflow Action",
		{"reference_doctype": doc.doctype, "reference_name": doc.name, "status": "Open"},
		"status",
		"Completed",
	)
	process_workflow_actions(doc, "on_update")


# -- telling them -----------------------------------------------------------------
def tell_owners(doc, method=None):
	"""on_update, on_update_after_submit (a submit runs on_update too): the
	record changed its workflow state; tell who must act in the new one and,
	on a return, who filed it. Not the person who made the change, nor anyone
	the controller has told already (a rectification's notice to the unit)."""
	workflow = live_workflow(doc.doctype)
	before = doc.get_doc_before_save()
	if not workflow or not before:
		return
	field = workflow.workflow_state_field
	old_state, new_state = before.get(field), doc.get(field)
	if not old_state or old_state == new_state:
		return
	steps = chain(doc.doctype)
	reason_field = steps.reason_field(old_state, new_state)
	returned = bool(reason_field)
	users = actors(doc, workflow, new_state) | (filers(doc) if returned else set())
	users -= {frappe.session.user, *(doc.flags.notified_users or ())}
	if users:
		notify(
			sorted(users),
			subject(doc, steps, new_state, reason_field),
			doc.doctype,
			[(doc.name, doc.get_title())],
		)


def subject(doc, steps, state: str, reason_field: str | None):
	"""The subject, written in each recipient's language by ``notify``; a
	written report of finance has no unit to name."""
	what, title, unit = doc.doctype, doc.get_title() or doc.name, doc.get(UNIT_FIELD)
	if reason_field:
		reason = (doc.get(reason_field) or "").strip()
		if len(reason) > REASON_LENGTH:
			reason = reason[: REASON_LENGTH - 1] + "…"
		if not unit:
			if reason:
				return lambda: _("{0} {1} was returned: {2}").format(_(what), title, reason)
			return lambda: _("{0} {1} was returned").format(_(what), title)
		if reason:
			return lambda: _("{0} {1} ({2}) was returned: {3}").format(_(what), title, unit, reason)
		return lambda: _("{0} {1} ({2}) was returned").format(_(what), title, unit)
	if any(
		steps.reason_field(state, next_state)
		for from_state, _a, next_state in steps.transitions
		if from_state == state
	):
		if not unit:
			return lambda: _("{0} {1} awaits your review").format(_(what), title)
		return lambda: _("{0} {1} ({2}) awaits your review").format(_(what), title, unit)
	if not unit:
		return lambda: _("{0} {1} awaits your action").format(_(what), title)
	return lambda: _("{0} {1} ({2}) awaits your action").format(_(what), title, unit)


# -- the cards --------------------------------------------------------------------
def working_years() -> list[str]:
	"""The running year and the open years after it: next year's goals are
	filed and reviewed while this year runs; earlier years are history."""
	running = current_year()
	if not running:
		return []
	return frappe.get_all(
		"Performance Year", filters={"status": "Open", "year": [">=", running]}, pluck="name"
	)


def actionable(user: str) -> dict[str, list[str]]:
	"""DocType → the records of the working years ``user`` can move on now
	(the written reports of finance too)."""
	years, roles = working_years(), set(frappe.get_roles(user))
	found = {}
	for doctype in (*CHAINED_DOCTYPES, *FINANCE_CHAINED_DOCTYPES):
		workflow = live_workflow(doctype)
		mine = [t for t in workflow.transitions if t.allowed in roles] if workflow and years else []
		if not mine:
			continue
		field = workflow.workflow_state_field
		rows = frappe.get_list(
			doctype,
			filters={
				field: ["in", sorted({t.state for t in mine})],
				"performance_year": ["in", years],
				"docstatus": ["<", 2],
			},
			fields=["name", "owner", field, *([] if doctype in FINANCE_CHAINED_DOCTYPES else [UNIT_FIELD])],
			order_by="modified desc",
			limit_page_length=0,
			user=user,
		)
		names = [
			row.name
			for row in rows
			if any(
				t.state == row[field]
				and may_take(user, t, row, doctype)
				and condition_holds(t, doctype, row.name)
				for t in mine
			)
		]
		if names:
			found[doctype] = names
	return found


def condition_holds(transition, doctype: str, name: str) -> bool:
	if not transition.condition:
		return True
	return is_transition_condition_satisfied(transition, frappe.get_doc(doctype, name))


@frappe.whitelist()
@frappe.read_only()
def awaiting_my_review(filters=None) -> dict:
	"""Number card 待我审核. A click opens the records counted: their list when
	they are of one DocType, else the user's open workflow actions on them."""
	found = actionable(frappe.session.user)
	names = [name for doctype_names in found.values() for name in doctype_names]
	card = {"value": len(names), "fieldtype": "Int"}
	if len(found) == 1:
		card.update(route=["List", next(iter(found))], route_options={"name": ["in", names]})
	elif found:
		card.update(
			route=["List", "Workflow Action"],
			route_options={"status": "Open", "reference_name": ["in", names]},
		)
	return card
