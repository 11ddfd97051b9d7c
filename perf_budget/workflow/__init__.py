"""Default approval chains, shipped as data (one JSON file per workflow here).

``install_workflows`` runs after install and after every migrate. It creates
what is missing — Workflow States, Workflow Action Masters, Workflows — and
never touches a Workflow that already exists, so an admin's changes in the
admin panel survive ``bench migrate``. To return to the shipped chain, an
admin deletes the Workflow and runs ``bench migrate``.
"""

import json
from pathlib import Path

import frappe

WORKFLOW_DIR = Path(__file__).parent


def shipped_workflows() -> list[dict]:
	return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(WORKFLOW_DIR.glob("*.json"))]


def install_workflows() -> list[str]:
	"""Create the shipped workflows that are missing; return the names created."""
	created = []
	for definition in shipped_workflows():
		ensure_states(definition["states"])
		ensure_actions(definition["transitions"])
		if not frappe.db.exists("Workflow", definition["workflow_name"]):
			create_workflow(definition)
			created.append(definition["workflow_name"])
	return created


def ensure_states(states: list[dict]) -> None:
	for state in states:
		if not frappe.db.exists("Workflow State", state["state"]):
			frappe.get_doc(
				{
					"doctype": "Workflow State",
					"workflow_state_name": state["state"],
					"style": state.get("style", ""),
				}
			).insert(ignore_permissions=True)


def ensure_actions(transitions: list[dict]) -> None:
	for action in {t["action"] for t in transitions}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def create_workflow(definition: dict) -> None:
	workflow = frappe.new_doc("Workflow")
	workflow.update(
		{
			"workflow_name": definition["workflow_name"],
			"document_type": definition["document_type"],
			"workflow_state_field": definition.get("workflow_state_field", "workflow_state"),
			"is_active": 1,
			"send_email_alert": definition.get("send_email_alert", 0),
		}
	)
	for state in definition["states"]:
		workflow.append("states", {k: state[k] for k in ("state", "doc_status", "allow_edit") if k in state})
	for transition in definition["transitions"]:
		# reason_field is the app's (workflow/chains.py), not a column of the transition
		workflow.append("transitions", {k: v for k, v in transition.items() if k != "reason_field"})
	workflow.insert(ignore_permissions=True)
