"""Steps every reviewed record shares (monitoring, self-evaluation): whether it
is leaving the unit, and a return that must give its reason."""

import frappe
from frappe import _

UNIT_STATES = ("Draft", "Returned")


def leaving_unit(doc, unit_states=UNIT_STATES) -> bool:
	"""True once the record is on its way to the unit head or beyond: from then
	on incomplete data blocks the step instead of only being pointed out."""
	return (doc.workflow_state or "Draft") not in unit_states or doc.docstatus == 1


def record_return(doc) -> None:
	"""A return needs its reason, kept on the record and in the timeline."""
	before = doc.get_doc_before_save()
	if not before or before.workflow_state == doc.workflow_state or doc.workflow_state != "Returned":
		return
	if not (doc.return_reason or "").strip():
		frappe.throw(_("Write the reason for returning the goal in Reason for Return first."))
	doc.add_comment("Comment", _("{0}: {1}").format(_("Returned"), doc.return_reason))
