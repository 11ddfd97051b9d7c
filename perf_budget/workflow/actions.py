"""Doing a workflow action as a given person, the way the desk does it:
the fields they fill are saved first, then the action is applied. Used by
the demo builder and the tests (scripts, not the desk, need it)."""

from contextlib import contextmanager

import frappe
from frappe.model.workflow import apply_workflow


@contextmanager
def acting_as(user: str):
	"""Run a block as ``user``, then return to whoever was acting before."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def act_as(user: str, doctype: str, name: str, action: str, **values):
	with acting_as(user):
		doc = frappe.get_doc(doctype, name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)
