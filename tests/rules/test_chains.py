"""The stages of the review chains, read from the workflows (issue 13): the
shipped ones, and ones an admin renamed or extended in the admin panel."""

import copy
import json
from pathlib import Path

import pytest

from perf_budget.rules.chains import stages_of

WORKFLOWS = Path(__file__).resolve().parents[2] / "perf_budget" / "workflow"


def shipped(name: str) -> dict:
	return json.loads((WORKFLOWS / f"{name}.json").read_text(encoding="utf-8"))


def chain_of(definition: dict):
	return stages_of(
		definition["document_type"],
		definition["states"],
		definition["transitions"],
		"Perf Unit User",
		"Perf Unit Head",
		{t["action"]: t["reason_field"] for t in definition["transitions"] if t.get("reason_field")},
	)


def test_goal_chain():
	chain = chain_of(shipped("performance_goal"))
	assert chain.stage == {
		"Draft": "filing",
		"Pending Unit Head": "unit_review",
		"Finance Review": "finance_review",
		"Returned": "filing",
		"At Finance Bureau": "at_bureau",
		"Revision Required": "filing",
		"Confirmed": "accepted",
		"Excluded": "set_aside",
	}
	assert chain.initial == "Draft"
	assert [step for step in chain.steps() if step["field"]] == [
		{
			"state": "Pending Unit Head",
			"action": "Return",
			"next_state": "Returned",
			"field": "return_reason",
		},
		{"state": "Finance Review", "action": "Return", "next_state": "Returned", "field": "return_reason"},
		{
			"state": "At Finance Bureau",
			"action": "Request Revision",
			"next_state": "Revision Required",
			"field": "bureau_feedback",
		},
		{"state": "Excluded", "action": "Reinstate", "next_state": "Returned", "field": "return_reason"},
	]


@pytest.mark.parametrize("name", ["performance_monitoring", "performance_evaluation"])
def test_report_chains(name):
	chain = chain_of(shipped(name))
	assert chain.stage == {
		"Draft": "filing",
		"Pending Unit Head": "unit_review",
		"Finance Review": "finance_review",
		"Returned": "filing",
		"Accepted": "accepted",
		"Forwarded": "forwarded",
	}
	assert [(s["state"], s["field"]) for s in chain.steps() if s["field"]] == [
		("Pending Unit Head", "return_reason"),
		("Finance Review", "return_reason"),
	]


def test_rectification_chain_starts_with_finance():
	chain = chain_of(shipped("rectification"))
	assert chain.stage == {
		"Draft": "drafting",
		"Sent to Unit": "filing",
		"Pending Unit Head": "unit_review",
		"Finance Review": "finance_review",
		"Returned": "filing",
		"Accepted": "accepted",
		"Forwarded": "forwarded",
	}
	# sending the requirement to the unit is not a return
	assert chain.reason_field("Draft", "Sent to Unit") is None
	assert chain.reason_field("Finance Review", "Returned") == "return_reason"
	assert chain.states("filing", "unit_review") == ("Sent to Unit", "Pending Unit Head", "Returned")


def renamed(definition: dict, old: str, new: str) -> dict:
	definition = copy.deepcopy(definition)
	for row in definition["states"]:
		row["state"] = new if row["state"] == old else row["state"]
	for row in definition["transitions"]:
		for key in ("state", "next_state"):
			row[key] = new if row[key] == old else row[key]
	return definition


def test_a_renamed_state_keeps_its_stage():
	chain = chain_of(renamed(shipped("performance_goal"), "Finance Review", "财务科初审"))
	assert chain.stage_of("财务科初审") == "finance_review"
	assert chain.reason_field("财务科初审", "Returned") == "return_reason"
	assert chain.states("finance_review", "at_bureau") == ("财务科初审", "At Finance Bureau")


def test_an_added_step_is_placed_by_who_edits_it_and_where_it_leads():
	# the finance head signs off after the officer's acceptance, before forwarding
	definition = shipped("performance_monitoring")
	definition["states"].insert(
		5, {"state": "Head Sign-off", "doc_status": "0", "allow_edit": "Perf Finance Head"}
	)
	for row in definition["transitions"]:
		if row["action"] == "Accept":
			row["next_state"] = "Head Sign-off"
	definition["transitions"] += [
		{
			"state": "Head Sign-off",
			"action": "Sign Off",
			"next_state": "Accepted",
			"allowed": "Perf Finance Head",
		},
		{
			"state": "Head Sign-off",
			"action": "Return",
			"next_state": "Returned",
			"allowed": "Perf Finance Head",
		},
	]
	chain = chain_of(definition)
	assert chain.stage_of("Head Sign-off") == "at_bureau"  # with finance, after its first review
	assert chain.reason_field("Head Sign-off", "Returned") == "return_reason"
	assert chain.stage_of("Accepted") == "accepted"
	assert chain.states("finance_review", "at_bureau", "accepted", "forwarded") == (
		"Finance Review",
		"Accepted",
		"Head Sign-off",
		"Forwarded",
	)


def test_an_empty_state_is_the_first_one():
	chain = chain_of(shipped("performance_goal"))
	assert chain.stage_of(None) == "filing"
	with pytest.raises(ValueError):
		chain.states("confirmed")


def test_the_written_reports_chain_is_read_with_the_finance_roles():
	definition = shipped("performance_report")
	chain = stages_of(
		definition["document_type"],
		definition["states"],
		definition["transitions"],
		"Perf Finance Officer",
		"Perf Finance Head",
	)
	assert chain.stage == {
		"Draft": "filing",
		"Pending Finance Head": "unit_review",
		"Returned": "filing",
		"Sent to Finance Bureau": "accepted",
	}
	# the finance head's return needs its reason; the officer's submission does not
	assert [(s["state"], s["action"], s["field"]) for s in chain.steps()] == [
		("Draft", "Submit to Finance Head", None),
		("Returned", "Submit to Finance Head", None),
		("Pending Finance Head", "Approve and Send", None),
		("Pending Finance Head", "Return", "return_reason"),
	]
	assert chain.returned_states() == ("Returned",)
