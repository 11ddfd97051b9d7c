"""Static checks of the app's DocType / Report / Workflow / Workspace JSON.

Tier 1: plain pytest, no Frappe. Each test is parametrized per file and
fails with one line per problem, so a failure names the file and says what
to fix. The Frappe v15 facts these checks rely on are in static_checks.py;
the app's files are read by scripts/app_files.py.
"""

import ast
import json
import re
from collections import Counter
from pathlib import Path

import app_files as af
import app_strings
import pytest
import static_checks as sc

from perf_budget.roles import UNIT_HEAD, UNIT_USER
from perf_budget.rules.chains import stages_of

DOCTYPE_FILES = af.doctype_files()
REPORT_FILES = af.report_files()
WORKFLOW_FILES = af.workflow_files()
WORKSPACE_FILES = af.workspace_files()
PRINT_FORMAT_FILES = af.print_format_files()

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
DOC_ATTRIBUTE = re.compile(r"\bdoc\.([A-Za-z_][A-Za-z0-9_]*)")
FORMAT_FIELD = re.compile(r"\{([^{}]+)\}")
UNWRAPPED_JS_LABEL = re.compile(r"""\blabel\s*:\s*("[^"]*"|'[^']*')""")
NAMING_TOKENS = {"YYYY", "YY", "MM", "DD", "MON", "WW", "FY", "timestamp", "hash", "JJJ"}


def folder_ids(paths):
	return [p.parent.name for p in paths]


def load(path: Path) -> dict:
	try:
		data = af.load_json(path)
	except af.JsonFileError as e:
		pytest.fail(str(e))
	if not isinstance(data, dict):
		pytest.fail(f"{af.rel(path)}: expected a JSON object, got {type(data).__name__}")
	return data


def assert_no_problems(path: Path, problems: list[str]) -> None:
	if problems:
		pytest.fail(f"{af.rel(path)}:\n  - " + "\n  - ".join(problems), pytrace=False)


def doc_attributes(expression: str) -> set[str]:
	return {name for name in DOC_ATTRIBUTE.findall(expression or "") if not name.startswith("__")}


# --------------------------------------------------------------------------
# DocTypes
# --------------------------------------------------------------------------


def test_app_has_doctypes():
	assert DOCTYPE_FILES, f"no DocType found under {af.rel(af.MODULE_DIR / 'doctype')}"


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_identity(path):
	data = load(path)
	problems = []
	name = data.get("name")
	if data.get("doctype") != "DocType":
		problems.append(f'"doctype" is {data.get("doctype")!r}, expected "DocType"')
	if not isinstance(name, str) or not name.strip():
		assert_no_problems(path, [*problems, '"name" is missing'])
	if data.get("module") != af.MODULE_NAME:
		problems.append(f'"module" is {data.get("module")!r}, expected {af.MODULE_NAME!r}')
	if path.parent.name != sc.scrub(name):
		problems.append(f"folder is {path.parent.name!r}, expected scrub({name!r}) = {sc.scrub(name)!r}")
	if len(name) > 61:
		problems.append(f"name {name!r} is longer than 61 characters (table name tab<name> > 64)")
	controller = path.with_suffix(".py")
	if not (path.parent / "__init__.py").exists():
		problems.append(f"{af.rel(path.parent / '__init__.py')} is missing")
	if not controller.exists():
		problems.append(f"controller {af.rel(controller)} is missing")
	else:
		try:
			tree = ast.parse(controller.read_text(encoding="utf-8"))
		except SyntaxError as e:
			problems.append(f"controller {af.rel(controller)} does not parse: {e}")
		else:
			classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
			if sc.controller_class(name) not in classes:
				problems.append(f"controller {af.rel(controller)} has no class {sc.controller_class(name)}")
	assert_no_problems(path, problems)


def test_doctype_names_unique():
	names = Counter()
	for path in DOCTYPE_FILES:
		data = af.try_load(path)
		if isinstance(data, dict):
			names[data.get("name")] += 1
	clashes = [n for n, count in names.items() if count > 1]
	clashes += sorted(n for n in names if n in sc.CORE_DOCTYPES)
	assert not clashes, f"DocType names defined twice or clashing with Frappe core: {clashes}"


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_fields(path):
	data = load(path)
	problems = []
	fields = data.get("fields")
	if not isinstance(fields, list):
		assert_no_problems(path, ['"fields" is missing or not a list'])
	seen = Counter()
	for i, f in enumerate(fields, 1):
		if not isinstance(f, dict):
			problems.append(f"fields row {i} is not an object")
			continue
		fieldname, fieldtype = f.get("fieldname"), f.get("fieldtype")
		where = f"field {fieldname!r}" if fieldname else f"fields row {i}"
		if not isinstance(fieldname, str) or not fieldname:
			problems.append(f"{where}: no fieldname")
			continue
		seen[fieldname] += 1
		if fieldtype not in sc.FIELDTYPES:
			problems.append(f"{where}: fieldtype {fieldtype!r} is not a Frappe v15 fieldtype")
		if not SNAKE_CASE.match(fieldname):
			problems.append(f"{where}: fieldname is not snake_case")
		if len(fieldname) > 64:
			problems.append(f"{where}: fieldname is longer than 64 characters")
		if fieldname in sc.RESERVED_FIELDNAMES:
			problems.append(f"{where}: fieldname is reserved by Frappe")
		label = f.get("label")
		if isinstance(label, str) and label != label.strip():
			problems.append(f"{where}: label {label!r} has surrounding whitespace")
		if fieldtype not in sc.NO_VALUE_FIELDTYPES and fieldtype not in sc.LAYOUT_FIELDTYPES and not label:
			problems.append(f"{where}: a {fieldtype} field needs a label")
		if f.get("reqd") and fieldtype in sc.NO_VALUE_FIELDTYPES and fieldtype not in sc.TABLE_FIELDTYPES:
			problems.append(f"{where}: a {fieldtype} field cannot be mandatory")
		if f.get("reqd") and f.get("hidden") and not f.get("default"):
			problems.append(f"{where}: hidden and mandatory without a default")
		if fieldtype == "Check" and str(f.get("default", "0")) not in ("0", "1"):
			problems.append(f"{where}: Check default must be 0 or 1, not {f.get('default')!r}")
		if fieldtype in ("Currency", "Float", "Percent") and f.get("precision") not in (None, ""):
			if str(f["precision"]) not in {str(n) for n in range(1, 7)}:
				problems.append(f"{where}: precision must be 1 to 6, not {f['precision']!r}")
		if f.get("unique") and fieldtype not in ("Data", "Link", "Read Only", "Int"):
			problems.append(f"{where}: a {fieldtype} field cannot be unique")
		if f.get("search_index") and fieldtype in ("Text", "Long Text", "Small Text", "Code", "Text Editor"):
			problems.append(f"{where}: a {fieldtype} field cannot be indexed")
	for fieldname, count in seen.items():
		if count > 1:
			problems.append(f"field {fieldname!r}: defined {count} times")
	names = [f.get("fieldname") for f in fields if isinstance(f, dict)]
	order = data.get("field_order")
	if order != names:
		missing = [n for n in names if n not in (order or [])]
		extra = [n for n in order or [] if n not in names]
		detail = f"missing {missing}, unknown {extra}" if missing or extra else "same names, different order"
		problems.append(f"field_order does not list the fields in order ({detail})")
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_links(path):
	data = load(path)
	doctypes = af.app_doctypes()
	known = sc.known_doctypes()
	fields = af.fieldmap(data)
	problems = []
	for fieldname, f in fields.items():
		fieldtype, options = f.get("fieldtype"), f.get("options")
		where = f"field {fieldname!r}"
		if fieldtype == "Link" or fieldtype in sc.TABLE_FIELDTYPES:
			if not options:
				problems.append(f"{where}: {fieldtype} without options")
			elif options not in known:
				problems.append(
					f"{where}: {fieldtype} to {options!r}, which is neither an app DocType nor in CORE_DOCTYPES"
				)
		if fieldtype in sc.TABLE_FIELDTYPES and options in known:
			child = doctypes.get(options)
			if options in sc.CORE_CHILD_DOCTYPES:
				pass
			elif child is None or not child.get("istable"):
				problems.append(f"{where}: {fieldtype} options {options!r} is not a child DocType (istable)")
			elif fieldtype == "Table MultiSelect" and not any(
				c.get("fieldtype") == "Link" for c in af.fields_of(child)
			):
				problems.append(f"{where}: Table MultiSelect child {options!r} has no Link field")
			if data.get("istable"):
				problems.append(f"{where}: a child DocType cannot contain a {fieldtype}")
		if fieldtype == "Select":
			choices = af.select_options(options)
			if not choices:
				problems.append(f"{where}: Select without options")
			default = f.get("default")
			if default not in (None, "") and str(default) not in (options or "").split("\n"):
				problems.append(f"{where}: default {default!r} is not one of the options")
		if fieldtype == "Dynamic Link":
			pointer = fields.get(options or "")
			if not pointer or not (
				pointer.get("fieldtype") == "Select"
				or (pointer.get("fieldtype") == "Link" and pointer.get("options") == "DocType")
			):
				problems.append(
					f"{where}: Dynamic Link options {options!r} must name a Link-to-DocType field"
				)
		fetch_from = (f.get("fetch_from") or "").strip()
		if fetch_from:
			link_name, _, target = fetch_from.partition(".")
			link = fields.get(link_name)
			if not target:
				problems.append(f"{where}: fetch_from {fetch_from!r} is not <link field>.<field>")
			elif not link or link.get("fieldtype") != "Link":
				problems.append(
					f"{where}: fetch_from {fetch_from!r}: {link_name!r} is not a Link field of this DocType"
				)
			elif link.get("options") in doctypes:
				target_fields = af.fieldmap(doctypes[link["options"]])
				if target not in target_fields and target not in sc.STANDARD_FIELDNAMES:
					problems.append(
						f"{where}: fetch_from {fetch_from!r}: {link['options']!r} has no field {target!r}"
					)
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_references(path):
	"""title/search/sort fields, naming rule and depends_on expressions name real fields."""
	data = load(path)
	fields = af.fieldmap(data)
	value_fields = {n for n, f in fields.items() if f.get("fieldtype") not in sc.NO_VALUE_FIELDTYPES}
	problems = []
	if data.get("title_field") and data["title_field"] not in fields:
		problems.append(f"title_field {data['title_field']!r} is not a field")
	if data.get("image_field") and (fields.get(data["image_field"]) or {}).get("fieldtype") != "Attach Image":
		problems.append(f"image_field {data['image_field']!r} is not an Attach Image field")
	for name in (s.strip() for s in (data.get("search_fields") or "").split(",")):
		if name and name not in value_fields:
			problems.append(f"search_fields: {name!r} is not a value field")
	for part in (data.get("sort_field") or "").split(","):
		name = part.split()[0] if part.split() else ""
		if name and name not in fields and name not in sc.STANDARD_FIELDNAMES:
			problems.append(f"sort_field {name!r} is not a field")
	autoname = data.get("autoname") or ""
	if autoname.startswith("field:") and autoname[6:].strip() not in fields:
		problems.append(f"autoname {autoname!r}: no such field")
	if autoname.startswith("format:"):
		for token in FORMAT_FIELD.findall(autoname):
			if not token.startswith("#") and token not in NAMING_TOKENS and token not in fields:
				problems.append(f"autoname {autoname!r}: {{{token}}} is not a field")
	for fieldname, f in fields.items():
		for key in ("depends_on", "mandatory_depends_on", "read_only_depends_on", "collapsible_depends_on"):
			expression = f.get(key) or ""
			names = doc_attributes(expression)
			if expression and not expression.startswith("eval:") and "." not in expression:
				names = {expression.strip()}
			for name in sorted(names - set(fields) - sc.STANDARD_FIELDNAMES):
				problems.append(f"field {fieldname!r}: {key} uses {name!r}, which is not a field")
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_submittable_and_tree(path):
	data = load(path)
	fields = af.fieldmap(data)
	name = data.get("name")
	problems = []

	def expect(fieldname, fieldtype, options=None):
		f = fields.get(fieldname)
		if f is None:
			problems.append(f"needs a {fieldtype} field {fieldname!r}")
		elif f.get("fieldtype") != fieldtype or (options is not None and f.get("options") != options):
			want = f"{fieldtype} to {options!r}" if options else fieldtype
			got = f"{f.get('fieldtype')} to {f.get('options')!r}" if f.get("options") else f.get("fieldtype")
			problems.append(f"field {fieldname!r} must be {want}, is {got}")

	if data.get("is_submittable"):
		expect("amended_from", "Link", name)
		if data.get("istable"):
			problems.append("a child DocType cannot be submittable")
	if data.get("is_tree"):
		parent_field = data.get("nsm_parent_field") or f"parent_{sc.scrub(name)}"
		expect("lft", "Int")
		expect("rgt", "Int")
		expect("is_group", "Check")
		expect("old_parent", "Link", name)
		expect(parent_field, "Link", name)
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=folder_ids(DOCTYPE_FILES))
def test_doctype_permissions(path):
	data = load(path)
	roles = sc.known_roles()
	perms = data.get("permissions") or []
	problems = []
	if not data.get("istable") and not perms:
		problems.append("no permission rows: only Administrator could use it")
	seen = Counter()
	for i, p in enumerate(perms, 1):
		role = p.get("role")
		where = f"permission row {i} ({role})"
		if role not in roles:
			problems.append(f"{where}: role {role!r} is not in fixtures/role.json nor a core role")
		seen[(role, p.get("permlevel", 0) or 0, p.get("if_owner", 0) or 0)] += 1
		if not any(p.get(k) for k in ("select", "read", "write", "submit", "cancel", "create")):
			problems.append(f"{where}: no basic permission set")
		if p.get("cancel") and not p.get("submit"):
			problems.append(f"{where}: cancel without submit")
		if (p.get("submit") or p.get("cancel") or p.get("amend")) and not p.get("write"):
			problems.append(f"{where}: submit/cancel/amend without write")
		if (p.get("submit") or p.get("amend")) and not data.get("is_submittable"):
			problems.append(f"{where}: submit/amend on a DocType that is not submittable")
		if p.get("import") and not p.get("create"):
			problems.append(f"{where}: import without create")
		if p.get("import") and not data.get("allow_import"):
			problems.append(f"{where}: import set but allow_import is off")
	for (role, level, if_owner), count in seen.items():
		if count > 1:
			problems.append(f"role {role!r} has {count} rows at level {level} (if_owner={if_owner})")
	assert_no_problems(path, problems)


# --- the JSON against perf_budget/rules (which must agree with it) ---------


def rules_constant(module: str, name: str):
	tree = ast.parse((af.RULES_DIR / f"{module}.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(
			isinstance(t, ast.Name) and t.id == name for t in node.targets
		):
			return ast.literal_eval(node.value)
	raise LookupError(f"perf_budget/rules/{module}.py has no literal constant {name}")


def rules_dataclass_fields(module: str, class_name: str) -> list[str]:
	tree = ast.parse((af.RULES_DIR / f"{module}.py").read_text(encoding="utf-8"))
	cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
	return [n.target.id for n in cls.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)]


def test_settings_doctype_has_every_rule():
	"""Perf Budget Settings stores one value per field of rules.parameters.Rules."""
	settings = af.app_doctypes().get("Perf Budget Settings")
	assert settings is not None, "the DocType Perf Budget Settings is missing"
	fields = af.fieldmap(settings)
	missing = [n for n in rules_dataclass_fields("parameters", "Rules") if n not in fields]
	assert not missing, f"Perf Budget Settings lacks fields for Rules: {missing}"
	problems = []
	for fieldname, allowed in (
		("reverse_formula", rules_constant("parameters", "REVERSE_FORMULAS")),
		("score_precision", rules_constant("parameters", "SCORE_PRECISIONS")),
	):
		extra = set(af.select_options(fields[fieldname].get("options"))) - {str(a) for a in allowed}
		if extra:
			problems.append(f"{fieldname}: options {sorted(extra)} are not allowed by the rules ({allowed})")
	assert not problems, "\n".join(problems)


def test_indicator_options_match_rules():
	"""level1 / level2 / operator Select options are exactly what goal_quality accepts
	(the project groups and the whole-unit ones)."""
	level2_by_level1 = rules_constant("goal_quality", "LEVEL2_BY_LEVEL1")
	whole_unit = rules_constant("goal_quality", "WHOLE_UNIT_LEVEL2")
	expected = {
		"level1": set(level2_by_level1),
		"level2": {
			level2
			for groups in (level2_by_level1, whole_unit)
			for group in groups.values()
			for level2 in group
		},
		"operator": {
			*rules_constant("scoring", "QUANTITATIVE_OPERATORS"),
			rules_constant("scoring", "QUALITATIVE"),
		},
	}
	problems, checked = [], 0
	for name, doctype in sorted(af.app_doctypes().items()):
		for fieldname, f in af.fieldmap(doctype).items():
			if fieldname in expected and f.get("fieldtype") == "Select":
				checked += 1
				got = set(af.select_options(f.get("options")))
				if got != expected[fieldname]:
					problems.append(
						f"{name}.{fieldname}: options differ from the rules: "
						f"missing {sorted(expected[fieldname] - got)}, unknown {sorted(got - expected[fieldname])}"
					)
	assert checked, "no DocType has a level1 / level2 / operator Select field to check"
	assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# Roles
# --------------------------------------------------------------------------


def test_role_fixture():
	try:
		data = af.load_json(af.ROLE_FIXTURE)
	except af.JsonFileError as e:
		pytest.fail(str(e))
	assert isinstance(data, list) and data, f"{af.rel(af.ROLE_FIXTURE)} must be a non-empty JSON list"
	problems = []
	names = Counter()
	for i, row in enumerate(data, 1):
		if not isinstance(row, dict) or row.get("doctype") != "Role":
			problems.append(f"row {i}: not a Role record")
			continue
		names[row.get("name")] += 1
		if not row.get("name") or row.get("name") != row.get("role_name"):
			problems.append(
				f"row {i}: name {row.get('name')!r} and role_name {row.get('role_name')!r} differ"
			)
	problems += [f"role {n!r} listed {c} times" for n, c in names.items() if c > 1]
	assert_no_problems(af.ROLE_FIXTURE, problems)


# --------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------


def unwrapped_labels(tree: ast.AST) -> list[str]:
	"""String literals given as a dict's "label" without _() around them."""
	out = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Dict):
			for key, value in zip(node.keys, node.values, strict=True):
				if (
					isinstance(key, ast.Constant)
					and key.value == "label"
					and isinstance(value, ast.Constant)
					and isinstance(value.value, str)
					and app_strings.is_translatable(value.value)
				):
					out.append(value.value)
	return out


@pytest.mark.parametrize("path", REPORT_FILES, ids=folder_ids(REPORT_FILES))
def test_report(path):
	data = load(path)
	problems = []
	name = data.get("name")
	if data.get("doctype") != "Report":
		problems.append(f'"doctype" is {data.get("doctype")!r}, expected "Report"')
	if not name or data.get("report_name") != name:
		problems.append(f"report_name {data.get('report_name')!r} differs from name {name!r}")
	if path.parent.name != sc.scrub(name or ""):
		problems.append(f"folder is {path.parent.name!r}, expected {sc.scrub(name or '')!r}")
	if data.get("module") != af.MODULE_NAME:
		problems.append(f'"module" is {data.get("module")!r}, expected {af.MODULE_NAME!r}')
	if data.get("is_standard") != "Yes":
		problems.append(f'"is_standard" is {data.get("is_standard")!r}, expected "Yes"')
	report_type = data.get("report_type")
	if report_type not in sc.REPORT_TYPES:
		problems.append(f"report_type {report_type!r} is not one of {sorted(sc.REPORT_TYPES)}")
	if data.get("ref_doctype") not in sc.known_doctypes():
		problems.append(f"ref_doctype {data.get('ref_doctype')!r} is not an app or core DocType")
	roles = [r.get("role") for r in data.get("roles") or [] if isinstance(r, dict)]
	if not roles:
		problems.append("no roles: nobody but Administrator can open it")
	problems += [
		f"role {r!r} is not in fixtures/role.json nor a core role" for r in roles if r not in sc.known_roles()
	]
	if not (path.parent / "__init__.py").exists():
		problems.append(f"{af.rel(path.parent / '__init__.py')} is missing")
	script = path.with_suffix(".py")
	if report_type == "Script Report":
		if not script.exists():
			problems.append(f"{af.rel(script)} is missing")
		else:
			source = script.read_text(encoding="utf-8")
			if not re.search(r"^def execute\(", source, re.M):
				problems.append(f"{af.rel(script)} has no top-level def execute(")
			try:
				tree = ast.parse(source)
			except SyntaxError as e:
				problems.append(f"{af.rel(script)} does not parse: {e}")
			else:
				problems += [
					f'{af.rel(script)}: "label": {lbl!r} is not wrapped in _()'
					for lbl in unwrapped_labels(tree)
				]
	client = path.with_suffix(".js")
	if client.exists():
		for m in UNWRAPPED_JS_LABEL.finditer(client.read_text(encoding="utf-8")):
			problems.append(f"{af.rel(client)}: label {m.group(1)} is not wrapped in __()")
	if report_type == "Query Report" and not (data.get("query") or "").strip():
		problems.append("Query Report without a query")
	assert_no_problems(path, problems)


# --------------------------------------------------------------------------
# Workflows
# --------------------------------------------------------------------------


def workflow_ids(paths):
	return [p.stem for p in paths]


def state_rows(workflow: dict) -> list[dict]:
	return [s for s in workflow.get("states") or [] if isinstance(s, dict)]


def transition_rows(workflow: dict) -> list[dict]:
	return [t for t in workflow.get("transitions") or [] if isinstance(t, dict)]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=workflow_ids(WORKFLOW_FILES))
def test_workflow_references(path):
	wf = load(path)
	doctypes = af.app_doctypes()
	roles = sc.known_roles()
	problems = []
	for key in ("workflow_name", "document_type", "workflow_state_field"):
		if not wf.get(key):
			problems.append(f"{key!r} is missing")
	doctype = doctypes.get(wf.get("document_type"))
	state_field = wf.get("workflow_state_field") or "workflow_state"
	fields = af.fieldmap(doctype) if doctype else {}
	if doctype is None:
		problems.append(f"document_type {wf.get('document_type')!r} is not an app DocType")
	else:
		f = fields.get(state_field)
		if f is None:
			problems.append(f"{wf['document_type']} has no field {state_field!r} (workflow_state_field)")
		elif f.get("fieldtype") != "Link" or f.get("options") != "Workflow State":
			problems.append(f"{wf['document_type']}.{state_field} must be a Link to 'Workflow State'")
		elif not f.get("allow_on_submit") and doctype.get("is_submittable"):
			problems.append(
				f"{wf['document_type']}.{state_field} needs allow_on_submit on a submittable DocType"
			)
	states = state_rows(wf)
	if not states:
		problems.append("no states")
	names = Counter(s.get("state") for s in states)
	problems += [f"state {n!r} declared {c} times" for n, c in names.items() if c > 1]
	for s in states:
		where = f"state {s.get('state')!r}"
		if not s.get("state"):
			problems.append("a state row has no state name")
		if s.get("doc_status") not in ("0", "1", "2"):
			problems.append(f'{where}: doc_status {s.get("doc_status")!r} is not "0", "1" or "2"')
		if s.get("allow_edit") not in roles:
			problems.append(f"{where}: allow_edit role {s.get('allow_edit')!r} does not exist")
		if s.get("style", "") not in sc.WORKFLOW_STATE_STYLES:
			problems.append(f"{where}: style {s.get('style')!r} is not a Workflow State style")
	if (
		doctype is not None
		and not doctype.get("is_submittable")
		and any(s.get("doc_status") != "0" for s in states)
	):
		problems.append(
			f"states with doc_status 1/2 need a submittable DocType; {wf['document_type']} is not"
		)
	pairs = Counter()
	for i, t in enumerate(transition_rows(wf), 1):
		where = f"transition {i} ({t.get('state')} -{t.get('action')}-> {t.get('next_state')})"
		for key in ("state", "next_state"):
			if t.get(key) not in names:
				problems.append(f"{where}: {key} {t.get(key)!r} is not declared in states")
		if not (t.get("action") or "").strip():
			problems.append(f"{where}: empty action")
		if t.get("allowed") not in roles:
			problems.append(f"{where}: allowed role {t.get('allowed')!r} does not exist")
		if t.get("allow_self_approval", 0) not in (0, 1):
			problems.append(f"{where}: allow_self_approval must be 0 or 1")
		pairs[(t.get("state"), t.get("action"), t.get("allowed"), t.get("condition") or "")] += 1
		condition = t.get("condition") or ""
		if condition:
			try:
				ast.parse(condition, mode="eval")
			except SyntaxError as e:
				problems.append(f"{where}: condition is not a Python expression: {e.msg}")
			for name in sorted(doc_attributes(condition) - set(fields) - sc.STANDARD_FIELDNAMES):
				if doctype is not None:
					problems.append(
						f"{where}: condition uses doc.{name}, not a field of {wf['document_type']}"
					)
	problems += [
		f"transition {key[1]!r} from {key[0]!r} for {key[2]!r} is listed {c} times"
		for key, c in pairs.items()
		if c > 1
	]
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=workflow_ids(WORKFLOW_FILES))
def test_workflow_graph(path):
	wf = load(path)
	states = state_rows(wf)
	transitions = transition_rows(wf)
	if not states:
		pytest.fail(f"{af.rel(path)}: no states")
	status = {s.get("state"): s.get("doc_status") for s in states}
	problems = []
	first = states[0].get("state")
	if status[first] != "0":
		problems.append(
			f'the first state {first!r} must have doc_status "0" (it is the default for new documents)'
		)
	set_by_code = set_aside_states(wf)
	incoming = {t.get("next_state") for t in transitions}
	entry_states = [
		s.get("state") for s in states if s.get("state") not in incoming and s.get("state") not in set_by_code
	]
	if entry_states != [first]:
		problems.append(
			f"exactly one state without incoming transitions expected (the first, {first!r}); found {entry_states}"
		)
	graph = sc.workflow_graph(wf)
	reached = sc.reachable(graph, [first, *set_by_code])
	for s in states:
		name = s.get("state")
		if name not in reached:
			kind = "non-terminal" if graph.get(name) else "terminal"
			problems.append(
				f"{kind} state {name!r} cannot be reached from {first!r}; add a transition to it, or if the "
				f"app's code sets it, list the workflow in SET_ASIDE_BY_CODE in tests/static_checks.py"
			)
	if wf.get("workflow_name") in sc.SET_ASIDE_BY_CODE and not set_by_code:
		problems.append("SET_ASIDE_BY_CODE names this workflow, but it has no state only code enters")
	if set_by_code and not state_named_in_code("set_aside"):
		problems.append(
			'no .py under perf_budget/ besides the chains asks for the stage "set_aside" to set these states'
		)
	for t in transitions:
		src, dst = status.get(t.get("state")), status.get(t.get("next_state"))
		where = f"transition {t.get('state')!r} -{t.get('action')}-> {t.get('next_state')!r}"
		if src == "1" and dst == "0":
			problems.append(f"{where}: a submitted document cannot go back to draft")
		if src == "2":
			problems.append(f"{where}: a cancelled document cannot change state")
		if src == "0" and dst == "2":
			problems.append(f"{where}: cannot cancel before submitting")
	submitted = {n for n, d in status.items() if d == "1"}
	if submitted and not any(t.get("next_state") in submitted for t in transitions):
		problems.append(f'no transition leads to a doc_status "1" state ({sorted(submitted)})')
	for name in sorted(submitted):
		if name not in incoming and name not in set_by_code:
			problems.append(f'doc_status "1" state {name!r} has no transition leading to it')
	assert_no_problems(path, problems)


def set_aside_states(wf: dict) -> frozenset:
	"""The states of a workflow listed in SET_ASIDE_BY_CODE that only code enters."""
	if wf.get("workflow_name") not in sc.SET_ASIDE_BY_CODE:
		return frozenset()
	chain = stages_of(wf["document_type"], state_rows(wf), transition_rows(wf), UNIT_USER, UNIT_HEAD)
	return frozenset(chain.states("set_aside"))


def state_named_in_code(state: str) -> bool:
	for py in af.python_files(af.APP):
		if py.name.startswith("test_") or py.name == "chains.py":
			continue
		try:
			tree = ast.parse(py.read_text(encoding="utf-8"))
		except SyntaxError:
			continue
		if any(isinstance(n, ast.Constant) and n.value == state for n in ast.walk(tree)):
			return True
	return False


# --------------------------------------------------------------------------
# Workspaces and print formats
# --------------------------------------------------------------------------


def link_target_problem(kind: str, target) -> str | None:
	if kind == "DocType" and target not in sc.known_doctypes():
		return f"DocType {target!r} does not exist in the app or CORE_DOCTYPES"
	if kind == "Report" and target not in set(af.app_reports()) | sc.CORE_REPORTS:
		return f"Report {target!r} does not exist under {af.rel(af.MODULE_DIR / 'report')}"
	return None


@pytest.mark.parametrize("path", WORKSPACE_FILES, ids=folder_ids(WORKSPACE_FILES))
def test_workspace(path):
	ws = load(path)
	problems = []
	if ws.get("doctype") != "Workspace":
		problems.append(f'"doctype" is {ws.get("doctype")!r}, expected "Workspace"')
	if ws.get("module") != af.MODULE_NAME:
		problems.append(f'"module" is {ws.get("module")!r}, expected {af.MODULE_NAME!r}')
	if ws.get("name") != ws.get("label") or path.parent.name != sc.scrub(ws.get("name") or ""):
		problems.append(
			f"name {ws.get('name')!r}, label {ws.get('label')!r} and folder {path.parent.name!r} disagree"
		)
	roles = [r.get("role") for r in ws.get("roles") or [] if isinstance(r, dict)]
	problems += [f"role {r!r} does not exist" for r in roles if r not in sc.known_roles()]
	shortcuts = [s for s in ws.get("shortcuts") or [] if isinstance(s, dict)]
	for s in shortcuts:
		where = f"shortcut {s.get('label')!r}"
		if s.get("type") not in sc.WORKSPACE_SHORTCUT_TYPES:
			problems.append(
				f"{where}: type {s.get('type')!r} is not one of {sorted(sc.WORKSPACE_SHORTCUT_TYPES)}"
			)
		if problem := link_target_problem(s.get("type"), s.get("link_to")):
			problems.append(f"{where}: {problem}")
	links = [link for link in ws.get("links") or [] if isinstance(link, dict)]
	cards = []
	for i, link in enumerate(links):
		if link.get("type") == "Card Break":
			cards.append(link.get("label"))
			members = 0
			for nxt in links[i + 1 :]:
				if nxt.get("type") == "Card Break":
					break
				members += 1
			if link.get("link_count") != members:
				problems.append(
					f"card {link.get('label')!r}: link_count {link.get('link_count')} but {members} links follow"
				)
			continue
		where = f"link {link.get('label')!r}"
		if link.get("type") != "Link":
			problems.append(f"{where}: type {link.get('type')!r} is not Link or Card Break")
		if link.get("link_type") not in sc.WORKSPACE_LINK_TYPES:
			problems.append(
				f"{where}: link_type {link.get('link_type')!r} is not one of {sorted(sc.WORKSPACE_LINK_TYPES)}"
			)
		if problem := link_target_problem(link.get("link_type"), link.get("link_to")):
			problems.append(f"{where}: {problem}")
		if link.get("link_type") == "Report" and link.get("link_to") in af.app_reports():
			report = af.app_reports()[link["link_to"]]
			if bool(link.get("is_query_report")) != (
				report.get("report_type") in ("Script Report", "Query Report")
			):
				problems.append(
					f"{where}: is_query_report does not match the report's type {report.get('report_type')!r}"
				)
		for dep in (link.get("dependencies") or "").split(","):
			if dep.strip() and dep.strip() not in sc.known_doctypes():
				problems.append(f"{where}: dependency {dep.strip()!r} is not a DocType")
	if links and links[0].get("type") != "Card Break":
		problems.append("links must start with a Card Break")
	try:
		content = json.loads(ws.get("content") or "[]")
	except ValueError as e:
		content = []
		problems.append(f"content is not valid JSON: {e}")
	shortcut_labels = {s.get("label") for s in shortcuts}
	for block in content if isinstance(content, list) else []:
		if not isinstance(block, dict):
			continue
		block_data = block.get("data") or {}
		if block.get("type") == "shortcut" and block_data.get("shortcut_name") not in shortcut_labels:
			problems.append(
				f"content shortcut {block_data.get('shortcut_name')!r} has no shortcut with that label"
			)
		if block.get("type") == "card" and block_data.get("card_name") not in cards:
			problems.append(f"content card {block_data.get('card_name')!r} has no Card Break with that label")
	assert_no_problems(path, problems)


@pytest.mark.parametrize("path", PRINT_FORMAT_FILES, ids=folder_ids(PRINT_FORMAT_FILES))
def test_print_format(path):
	pf = load(path)
	problems = []
	if pf.get("doctype") != "Print Format":
		problems.append(f'"doctype" is {pf.get("doctype")!r}, expected "Print Format"')
	if pf.get("module") != af.MODULE_NAME:
		problems.append(f'"module" is {pf.get("module")!r}, expected {af.MODULE_NAME!r}')
	if path.parent.name != sc.scrub(pf.get("name") or ""):
		problems.append(f"folder is {path.parent.name!r}, expected {sc.scrub(pf.get('name') or '')!r}")
	if pf.get("standard") != "Yes":
		problems.append(f'"standard" is {pf.get("standard")!r}, expected "Yes"')
	if pf.get("doc_type") not in sc.known_doctypes():
		problems.append(f"doc_type {pf.get('doc_type')!r} is not an app or core DocType")
	assert_no_problems(path, problems)
