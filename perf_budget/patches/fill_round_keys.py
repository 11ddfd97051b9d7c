"""Sites made before rounds held under concurrency: every live monitoring
record, self-evaluation and rectification made from a source gets the key the
database now holds unique (rounds.round_key, rectification_key). Where two
live records already share a round (the duplicates this closes), the oldest
takes the key and the others are listed to be cancelled or deleted by hand;
nothing is deleted here."""

import frappe

from perf_budget.perf_budget.doctype.rectification.rectification import ONE_PER_SOURCE, rectification_key
from perf_budget.rounds import round_key


def execute():
	for doctype in ("Performance Monitoring", "Performance Evaluation"):
		fields = ["name", "docstatus", "performance_goal"]
		if doctype == "Performance Monitoring":
			fields.append("period_end_month")
		records = frappe.get_all(
			doctype,
			filters={"docstatus": ["<", 2], "round_key": ["is", "not set"]},
			fields=fields,
			order_by="creation asc",
		)
		give_keys(
			doctype, "round_key", [(r.name, round_key(frappe._dict(r, doctype=doctype))) for r in records]
		)
	sources = frappe.get_all(
		"Rectification",
		filters={
			"docstatus": ["<", 2],
			"source_key": ["is", "not set"],
			"source_doctype": ["in", ONE_PER_SOURCE],
		},
		fields=["name", "source_doctype", "source_name"],
		order_by="creation asc",
	)
	commitments = frappe.get_all(
		"Interview Commitment",
		filters={"parenttype": "Performance Interview", "rectification": ["is", "set"]},
		fields=["name", "parent", "rectification"],
		order_by="creation asc",
	)
	live = set(
		frappe.get_all(
			"Rectification",
			filters={
				"docstatus": ["<", 2],
				"source_key": ["is", "not set"],
				"source_doctype": "Performance Interview",
			},
			pluck="name",
		)
	)
	give_keys(
		"Rectification",
		"source_key",
		[(r.name, rectification_key(r.source_doctype, r.source_name)) for r in sources]
		+ [
			(row.rectification, rectification_key("Performance Interview", row.parent, row.name))
			for row in commitments
			if row.rectification in live
		],
	)


def give_keys(doctype: str, key_field: str, records: list[tuple[str, str]]) -> None:
	"""The first record of each key takes it, unless a record holds it already."""
	taken = set(frappe.get_all(doctype, filters={key_field: ["is", "set"]}, pluck=key_field))
	for name, key in records:
		if key in taken:
			print(f"{doctype} {name} duplicates another live record of {key}: cancel or delete it")
			continue
		frappe.db.set_value(doctype, name, key_field, key, update_modified=False)
		taken.add(key)
