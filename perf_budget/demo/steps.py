"""Walking a demo record along its review chain, as the demo bureau's people.

The demo names no workflow state (the shipped workflows do, and an admin may
rename them): where a record is left is said by the actions taken on it, and
"not walked yet" is the first state of its chain."""

from collections.abc import Callable

import frappe

from perf_budget.demo.bureau import unit_head, unit_user
from perf_budget.workflow.actions import act_as
from perf_budget.workflow.chains import chain

OFFICER = "finance.officer@perf.local"
# the unit's clerk submits (the record is with the unit head), its head approves: it reaches finance
SUBMITTED = ("Submit to Unit Head",)
TO_FINANCE = (*SUBMITTED, "Approve")


def taker(action: str, unit_code: str) -> str:
	"""Who takes ``action`` in the demo: the unit's clerk submits, its head
	approves, the finance officer does everything else (returns included)."""
	if action == "Submit to Unit Head":
		return unit_user(unit_code)
	if action == "Approve":
		return unit_head(unit_code)
	return OFFICER


def take(
	doctype: str,
	name: str,
	unit_code: str,
	actions: tuple,
	fill: Callable[[str], dict | None] | None = None,
) -> None:
	"""Take ``actions`` on the record one after the other; ``fill(action)`` is
	what the person fills in before taking it (made just then)."""
	for action in actions:
		values = fill(action) if fill else None
		act_as(taker(action, unit_code), doctype, name, action, **(values or {}))


def untouched(doctype: str, name: str) -> bool:
	"""True while the record is still where its chain starts: no action taken on it yet."""
	return frappe.db.get_value(doctype, name, "workflow_state") == chain(doctype).initial
