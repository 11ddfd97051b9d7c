"""The role workspaces link only what their roles may open: every DocType a
workspace's shortcut, link or quick list names is readable by each Perf role
the workspace is for, every report is one those roles may run, and every card
and chart it shows is one the app ships (issue 15: the department-wide
records and ex-ante assessments on each role's page)."""

import json

import app_files as af
import pytest

ADMIN = "System Manager"
DEPARTMENT_WIDE = (
	"Department Performance Goal",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Ex-ante Assessment",
)
WORKSPACES = {path.parent.name: af.load_json(path) for path in af.workspace_files()}


def readers(doctype: str) -> set[str]:
	return {p["role"] for p in af.app_doctypes()[doctype].get("permissions", []) if p.get("read")}


def targets(ws: dict) -> list[tuple[str, str]]:
	"""(kind, name) of everything the workspace opens."""
	found = [(s["type"], s["link_to"]) for s in ws.get("shortcuts", [])]
	found += [(link["link_type"], link["link_to"]) for link in ws.get("links", []) if link["type"] == "Link"]
	found += [("DocType", q["document_type"]) for q in ws.get("quick_lists", [])]
	return found


def shipped(kind: str) -> set[str]:
	return {af.load_json(p)["name"] for p in (af.MODULE_DIR / kind).glob("*/*.json")}


@pytest.mark.parametrize("folder", sorted(WORKSPACES))
def test_a_workspace_opens_only_what_its_roles_may_read(folder):
	ws = WORKSPACES[folder]
	roles = {row["role"] for row in ws["roles"]} - {ADMIN}
	problems = []
	for kind, name in targets(ws):
		if kind == "DocType" and name in af.app_doctypes():
			problems += [f"{name}: {role} may not read it" for role in sorted(roles - readers(name))]
		if kind == "Report" and name in af.app_reports():
			allowed = {row["role"] for row in af.app_reports()[name].get("roles", [])}
			problems += [f"report {name}: not for {role}" for role in sorted(roles - allowed)]
	content = json.loads(ws["content"])
	for block, kind, key in (
		("number_card", "number_card", "number_card_name"),
		("chart", "dashboard_chart", "chart_name"),
	):
		problems += [
			f"{block} {b['data'][key]} is not shipped"
			for b in content
			if b["type"] == block and b["data"][key] not in shipped(kind)
		]
	assert not problems, "\n".join(problems)


@pytest.mark.parametrize("folder", ["unit_filing", "unit_review", "finance_review", "performance_budget"])
def test_each_role_page_has_shortcuts_to_the_department_wide_records(folder):
	shortcuts = {s["link_to"] for s in WORKSPACES[folder]["shortcuts"] if s["type"] == "DocType"}
	assert set(DEPARTMENT_WIDE) <= shortcuts


def test_the_leader_sees_the_department_wide_figures():
	ws = WORKSPACES["performance_overview"]
	content = json.loads(ws["content"])
	shown = {b["data"].get("number_card_name") or b["data"].get("chart_name") for b in content}
	assert {
		"Department Self-Evaluation Average Score",
		"Assessments Awaiting Finance",
		"Department Goals by State",
		"Ex-ante Conclusions",
	} <= shown
	assert set(DEPARTMENT_WIDE) <= {link["link_to"] for link in ws["links"] if link["type"] == "Link"}
