"""Doing a workflow action as a given person, the way the desk does it:
the fields they fill are saved first, then the action is applied. Used by
the demo builder and the tests (scripts, not the desk, need it)."""

import frappe
from frappe.model.workflow import apply_workflow


def act_as(user: str, doctype: str, name: str, action: str, **values):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doctype, name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)
	finally:
		frappe.set_user(previous)
