"""The static checks read Frappe's definitions from the installed framework, else a pinned copy.

With a framework installed, this compares the two: a Frappe upgrade that
changes a field type, a reserved fieldname, a role or an option list fails
here, and the pinned copy in tests/static_checks.py is brought up to date.
Without one, the test id says "pinned" and the pinned copy is used as is.
"""

import dataclasses
import json

import pytest
import static_checks as sc

COMPARED = [
	f.name
	for f in dataclasses.fields(sc.FrappeDefinitions)
	if f.name not in ("source", "version", "doctypes", "reports")
]
SOURCE = "framework" if sc.FRAMEWORK_DIR else "pinned"


@pytest.mark.parametrize("frappe", [sc.FRAPPE], ids=[f"{SOURCE} v{sc.FRAPPE.version}"])
def test_frappe_definitions(frappe):
	problems = []
	for name in COMPARED:
		read, pinned = getattr(frappe, name), getattr(sc.PINNED, name)
		if read != pinned:
			problems.append(
				f"{name}: only in Frappe {sorted(read - pinned)}, only pinned {sorted(pinned - read)}"
			)
	for doctype in sorted(sc.CORE_DOCTYPES):
		if doctype not in frappe.doctypes:
			problems.append(f"CORE_DOCTYPES: {doctype!r} is not a DocType of Frappe")
		elif frappe.doctypes[doctype] != (doctype in sc.CORE_CHILD_DOCTYPES):
			problems.append(f"CORE_CHILD_DOCTYPES: istable of {doctype!r} is {frappe.doctypes[doctype]}")
	problems += [
		f"CORE_REPORTS: {r!r} is not a Report of Frappe" for r in sorted(sc.CORE_REPORTS - frappe.reports)
	]
	assert not problems, (
		f"Frappe v{frappe.version} ({frappe.source}) differs from the pinned copy of "
		f"v{sc.PINNED_VERSION} in tests/static_checks.py:\n  " + "\n  ".join(problems)
	)


def test_framework_is_found_by_bench_dir_and_read_without_importing(tmp_path, monkeypatch):
	"""$BENCH_DIR/apps/frappe/frappe is parsed; a role given by a constant's name is resolved."""
	root = tmp_path / "apps" / "frappe" / "frappe"
	files = {
		"__init__.py": '__version__ = "16.0.0"\nimport sys\n',
		"model/__init__.py": "import frappe\nno_value_fields = ('Table', 'HTML')\ntable_fields = ('Table',)\n"
		"default_fields = ('name', 'doctype')\nchild_table_fields = ('parent',)\n",
		"core/doctype/role/role.py": "STANDARD_ROLES = ('Administrator', 'All')\n",
		"permissions.py": "GUEST = 'Guest'\nAUTOMATIC_ROLES = (GUEST, 'All')\n",
	}
	selects = {
		"core/doctype/docfield/docfield.json": ("fieldtype", "Data\nTable\nHTML"),
		"core/doctype/report/report.json": ("report_type", "Script Report"),
		"workflow/doctype/workflow_state/workflow_state.json": ("style", "\nDanger"),
		"desk/doctype/workspace_shortcut/workspace_shortcut.json": ("type", "DocType\nURL"),
		"desk/doctype/workspace_link/workspace_link.json": ("link_type", "DocType"),
	}
	for path, (fieldname, options) in selects.items():
		name = {"docfield": "DocField", "report": "Report"}.get(
			path.split("/")[-2], "X " + path.split("/")[-2]
		)
		files[path] = json.dumps(
			{"doctype": "DocType", "name": name, "istable": path.endswith("docfield.json"),
			 "fields": [{"fieldname": fieldname, "fieldtype": "Select", "options": options}]}
		)  # fmt: skip
	files["core/report/permitted_documents/permitted_documents.json"] = json.dumps(
		{"doctype": "Report", "name": "Permitted Documents"}
	)
	for path, text in files.items():
		(root / path).parent.mkdir(parents=True, exist_ok=True)
		(root / path).write_text(text, encoding="utf-8")
	monkeypatch.setenv("BENCH_DIR", str(tmp_path))
	monkeypatch.setattr(sc.importlib.util, "find_spec", lambda name: None)  # no importable frappe

	assert sc.framework_dir() == root
	read = sc.read_framework(root)
	assert read.version == "16.0.0"
	assert read.fieldtypes == {"Data", "Table", "HTML"} and read.table_fieldtypes == {"Table"}
	assert read.reserved_fieldnames == {"name", "doctype", "parent"}
	assert read.roles == {"Administrator", "All", "Guest"}
	assert read.workflow_state_styles == {"", "Danger"}
	assert read.doctypes["DocField"] is True and read.doctypes["Report"] is False
	assert read.reports == {"Permitted Documents"}
	(root / "permissions.py").write_text("AUTOMATIC_ROLES = roles()\n", encoding="utf-8")
	with pytest.raises(sc.FrameworkReadError, match="AUTOMATIC_ROLES"):
		sc.read_framework(root)
