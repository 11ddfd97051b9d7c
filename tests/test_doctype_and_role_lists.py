"""The lists the hooks and the security read (perf_budget/doctypes.py) and the
role names (perf_budget/roles.py) match the DocType JSON and the Role fixtures:
a unit record added without being listed would be open to every unit."""

import json
from pathlib import Path

from perf_budget import doctypes, roles

APP = Path(__file__).resolve().parents[1] / "perf_budget"


def doctype_definitions() -> dict[str, dict]:
	found = {}
	for path in sorted((APP / "perf_budget" / "doctype").glob("*/*.json")):
		meta = json.loads(path.read_text(encoding="utf-8")) if path.stem == path.parent.name else {}
		if meta.get("doctype") == "DocType":
			found[meta["name"]] = meta
	return found


def test_every_doctype_with_a_unit_is_a_unit_record():
	with_unit = {
		name
		for name, meta in doctype_definitions().items()
		if any(
			field["fieldname"] == "budget_unit"
			and field["fieldtype"] == "Link"
			and field.get("options") == "Budget Unit"
			for field in meta.get("fields", [])
		)
	}
	# rows of finance's imports name a unit but are rows of a finance record
	assert set(doctypes.UNIT_DOCTYPES) == with_unit - set(doctypes.FINANCE_CHILD_DOCTYPES)


def test_finance_doctypes_are_closed_to_unit_roles():
	definitions = doctype_definitions()
	tables: dict[str, set[str]] = {}
	for parent in doctypes.FINANCE_DOCTYPES:
		for field in definitions[parent].get("fields", []):
			if field["fieldtype"] in ("Table", "Table MultiSelect"):
				tables.setdefault(field["options"], set()).add(parent)
		assert not {p["role"] for p in definitions[parent]["permissions"]} & set(roles.UNIT_ROLES), parent
	assert {child: set(parents) for child, parents in doctypes.FINANCE_CHILD_DOCTYPES.items()} == tables
	assert not (set(doctypes.FINANCE_DOCTYPES) | set(doctypes.FINANCE_CHILD_DOCTYPES)) & set(doctypes.BOUND)


def test_every_table_of_a_unit_record_is_a_listed_child():
	definitions = doctype_definitions()
	tables: dict[str, set[str]] = {}
	for parent in doctypes.BOUND:
		for field in definitions[parent].get("fields", []):
			if field["fieldtype"] in ("Table", "Table MultiSelect"):
				tables.setdefault(field["options"], set()).add(parent)
	assert {child: set(parents) for child, parents in doctypes.CHILD_DOCTYPES.items()} == tables


def test_the_chained_doctypes_are_those_of_the_shipped_workflows():
	shipped = {
		json.loads(path.read_text(encoding="utf-8"))["document_type"]
		for path in (APP / "workflow").glob("*.json")
	}
	assert set(doctypes.CHAINED_DOCTYPES) | set(doctypes.FINANCE_CHAINED_DOCTYPES) == shipped
	assert set(doctypes.CHAINED_DOCTYPES) <= set(doctypes.UNIT_DOCTYPES)
	# finance's own chains (the written reports) hold no unit's record
	assert not set(doctypes.FINANCE_CHAINED_DOCTYPES) & set(doctypes.BOUND)


def test_app_doctypes_are_the_doctype_definitions():
	assert set(doctypes.app_doctypes()) == set(doctype_definitions())


def test_the_app_roles_are_the_role_fixtures():
	fixtures = json.loads((APP / "fixtures" / "role.json").read_text(encoding="utf-8"))
	named = {roles.UNIT_USER, roles.UNIT_HEAD, roles.FINANCE_OFFICER, roles.FINANCE_HEAD, roles.LEADER}
	assert {role["name"] for role in fixtures} == named
	listed = {*roles.UNIT_ROLES, *roles.FINANCE_ROLES, *roles.PUBLISHER_ROLES, *roles.ALL_UNITS_ROLES}
	assert listed <= named | {roles.SYSTEM_MANAGER}
