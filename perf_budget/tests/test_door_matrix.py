"""The door matrix (SPEC §1): a unit user, over plain HTTP, calls every
whitelisted method of Frappe and the app and every REST route of every unit
DocType, child table and pointer DocType, with another unit's record names,
row names, file URLs and open filters. No answer may carry a marker of the
other unit or a name the request did not send, and nothing of the other unit
may change. Methods and DocTypes are found at run time, so a new one is
covered without editing this test."""

import contextlib
import importlib
import inspect
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from collections import Counter
from pathlib import Path

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.doctypes import POINTERS
from perf_budget.tests.factories import session_for
from perf_budget.tests.hostile import (
	MARK,
	TAG,
	fingerprint,
	make_victim,
	remove_victim,
	secret_names,
	targets,
)

YEAR = "2091"
# Methods that would end the attacker's own session or change the site for
# everyone, whatever the record; they name no record (checked in the test).
SKIPPED = re.compile(
	r"logout|login|password|sign_up|signup|impersonate|two_factor|otp|session|setup_wizard|"
	r"\.install|backup|reset|frappe\.core\.doctype\.user\.user\.|oauth|web_logout|rq_job|clear_cache"
)
DOCTYPE_PARAMS = {
	"doctype", "dt", "reference_doctype", "ref_doctype", "document_type", "share_doctype",
	"attached_to_doctype", "reference_type", "link_doctype", "source_doctype", "from_doctype",
	"doctype_name", "parenttype", "doc_type",
}  # fmt: skip
NAME_PARAMS = {
	"name", "docname", "dn", "doc_name", "reference_name", "reference_docname", "ref_docname",
	"document_name", "share_name", "attached_to_name", "link_name", "source_name", "old", "value",
}  # fmt: skip
LIST_PARAMS = {"docnames", "names", "items", "docs_list"}


def import_whitelisting_modules(apps=("frappe", "perf_budget")) -> None:
	"""``frappe.whitelisted`` holds only what has been imported so far."""
	for app in apps:
		root = Path(frappe.get_app_path(app)).parent
		for path in Path(frappe.get_app_path(app)).rglob("*.py"):
			if "/tests/" in str(path) or "/patches/" in str(path) or path.name.startswith("test_"):
				continue
			try:
				if "whitelist" not in path.read_text(encoding="utf-8", errors="ignore"):
					continue
				importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
			except Exception:
				continue


def whitelisted_methods() -> dict[str, object]:
	import_whitelisting_modules()
	methods = {}
	for fn in list(frappe.whitelisted):
		path = f"{fn.__module__}.{fn.__qualname__}"
		if "." not in fn.__qualname__ and "<" not in path and not SKIPPED.search(path):
			methods[path] = fn
	return methods


def marked_field(doctype: str) -> str:
	meta = frappe.get_meta(doctype)
	for fieldname in (
		"project_name",
		"indicator_name",
		"problem",
		"matters",
		"facts",
		"content",
		"file_name",
		"expert_name",
		"participant_name",
		"commitment",
		"description",
		"data",
		"full_name",
		"title",
		"subject",
	):
		if meta.has_field(fieldname):
			return fieldname
	return "name"


def arguments(fn, target, v) -> dict | None:
	"""Arguments for ``fn`` aimed at one of the victim's records; None when the
	method takes no argument this target could fill."""
	doctype, name, parent = target
	try:
		params = inspect.signature(inspect.unwrap(fn)).parameters
	except (TypeError, ValueError):
		return {}
	args = {}
	by_doctype = {frappe.scrub(dt): victim for dt, victim, _p in targets(v) if dt not in POINTERS}
	for param, spec in params.items():
		if spec.kind in (spec.VAR_POSITIONAL, spec.VAR_KEYWORD):
			continue
		p = param.lower()
		if p in DOCTYPE_PARAMS:
			value = doctype
		elif p == "parent_doctype":
			value = parent or doctype
		elif p == "parent":
			value = parent or name
		elif p in NAME_PARAMS:
			value = name
		elif p in LIST_PARAMS:
			value = json.dumps([name])
		elif p in ("doc", "document"):
			value = json.dumps({"doctype": doctype, "name": name})
		elif p == "docs":
			value = json.dumps([name])
		elif p in ("filters", "current_filters", "or_filters", "filter"):
			value = json.dumps({"performance_year": v.year} if "report" in fn.__module__ else [])
		elif p in ("fields", "filter_fields", "columns"):
			value = json.dumps(["*"] if p == "fields" else [marked_field(doctype)])
		elif p in ("fieldname", "field"):
			value = marked_field(doctype)
		elif p in ("txt", "text", "search_text", "query_string", "search_term"):
			value = ""
		elif p in ("ignore_user_permissions", "as_dict", "with_parent", "refresh", "no_cache", "add"):
			value = 1
		elif p in ("page_length", "limit", "limit_page_length", "page_len"):
			value = 500
		elif p in ("start", "limit_start"):
			value = 0
		elif p in ("tag", "tags"):
			value = TAG if p == "tag" else json.dumps([TAG])
		elif p in ("user", "users", "email", "allocated_to"):
			value = v.attacker if p != "users" else json.dumps([v.attacker])
		elif p in ("file_url", "fid", "file_name"):
			value = v.file_url if p == "file_url" else v.file.name
		elif p in ("values", "data", "args"):
			value = json.dumps({marked_field(doctype): "HACKED", "doctype": doctype, "name": name})
		elif p in ("performance_year", "year"):
			value = v.year
		elif p in ("budget_unit", "unit"):
			value = v.unit_b
		elif p in by_doctype:
			value = by_doctype[p]
		elif p in ("goal", "interview", "evaluation", "monitoring", "rectification"):
			value = by_doctype.get(
				{
					"goal": "performance_goal",
					"interview": "performance_interview",
					"evaluation": "performance_evaluation",
					"monitoring": "performance_monitoring",
				}.get(p, p)
			)
		elif spec.default is inspect.Parameter.empty:
			value = "x"
		else:
			continue
		args[param] = value
	return args


def aims_at_a_record(fn) -> bool:
	try:
		params = {p.lower() for p in inspect.signature(inspect.unwrap(fn)).parameters}
	except (TypeError, ValueError):
		return False
	return bool(params & (DOCTYPE_PARAMS | {"doc", "docs", "parent_doctype"}))


def readable(response) -> str | None:
	"""An answer as text: JSON and HTML as they are, workbooks (zip) by their
	XML, PDFs by their text (poppler's pdftotext, which setup installs); None
	for other binary answers, which count as leaks when 200."""
	raw = response.get_data()
	if raw[:2] == b"PK":
		with zipfile.ZipFile(io.BytesIO(raw)) as archive:
			return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
	if raw[:4] == b"%PDF":
		return pdf_text(raw)
	if response.status_code == 200 and not response.mimetype.startswith(("application/json", "text/")):
		if b"\x00" in raw:
			return None
	return raw.decode("utf-8", "replace")


def pdf_text(raw: bytes) -> str | None:
	"""A PDF's text (e.g. report_to_pdf renders the HTML the caller sends, with
	the caller's own session for anything it links); None when it cannot be read."""
	if not shutil.which("pdftotext"):
		return None
	answer = subprocess.run(["pdftotext", "-", "-"], input=raw, capture_output=True, timeout=60)
	return answer.stdout.decode("utf-8", "replace") if answer.returncode == 0 else None


class TestDoorMatrix(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.v = make_victim(YEAR, "door")
		cls.sid = session_for(cls.v.attacker)
		cls.secrets = secret_names(cls.v)
		cls.before = fingerprint(cls.v)
		frappe.db.commit()  # hold no lock while the requests run (some add columns)

	@classmethod
	def tearDownClass(cls):
		remove_victim(cls.v)
		super().tearDownClass()

	def leaks(self, response, sent: dict) -> list[str]:
		body = readable(response)
		if body is None:
			return [f"a {response.mimetype} file"]  # e.g. a PDF made from what the request named
		sent_text = json.dumps(sent, ensure_ascii=False, default=str)
		found = [MARK] if MARK in body else []
		found += [
			name
			for name in self.secrets
			if name not in sent_text and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body)
		]
		if found:  # where it shows, for whoever reads the failure
			at = max(body.find(found[0]), 0)
			found.append(body[max(at - 100, 0) : at + 60])
		return found

	def request(self, method: str, path: str, data: dict | None = None):
		data = {**(data or {}), "sid": self.sid}
		client = self.TEST_CLIENT
		headers = {}
		call = {"GET": client.get, "POST": client.post, "PUT": client.put, "DELETE": client.delete}[method]
		if method == "GET":
			kwargs = {"query_string": data, "headers": headers}
		else:
			kwargs = {"data": json.dumps(data), "headers": {**headers, "Content-Type": "application/json"}}
		# in a thread of its own, as FrappeAPITestCase does: the request sets up its own frappe.local
		return make_request(target=call, args=(path,), kwargs=kwargs)

	def test_no_door_lets_a_unit_user_reach_another_unit(self):
		# Frappe prints a traceback for every refused request: thousands here
		with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
			problems, tried, statuses = self.try_every_door()
		print(
			f"\ndoor matrix: {tried} requests, {statuses.pop('methods')} whitelisted methods, "
			f"{statuses.pop('targets')} targets, {statuses.pop('seconds')} s, {len(problems)} open; "
			f"method answers by HTTP status: {dict(sorted(statuses.items()))}"
		)
		for problem in problems:
			print("  open:", problem)
		for path, count in sorted(self.server_errors.items()):
			print(f"  500: {path} x{count}")
		frappe.db.rollback()
		self.maxDiff = None
		self.assertEqual(problems, [])
		after = fingerprint(self.v)
		changed = {
			key: (self.before.get(key), after.get(key))
			for key in {*after, *self.before}
			if after.get(key) != self.before.get(key)
		}
		self.assertEqual(changed, {}, "the other unit's data changed")
		self.assertGreater(tried, 1000)

	def test_a_unit_user_neither_pushes_nor_applies_an_import(self):
		"""The budget system's REST methods (issue 16), finance's only: the attacker's push
		makes no import, an apply of finance's previewed import writes nothing."""
		imports = frappe.db.count("Budget Execution Import")
		rows = json.dumps([{"code": "door-B1", "source": "一般公共预算", "adjusted": 1, "executed": 1}])
		for path, args in (
			("push", {"performance_year": YEAR, "rows": rows, "as_of_date": f"{YEAR}-07-31"}),
			("apply", {"name": self.v.budget_import_draft}),
			("apply", {"name": self.v.budget_import_draft, "overwrite": json.dumps(["door-B1"])}),
		):
			response = self.request("POST", f"/api/method/perf_budget.budget_system.api.{path}", args)
			self.assertEqual(response.status_code, 403, path)
			self.assertEqual(self.leaks(response, args), [], path)
		self.assertEqual(frappe.db.count("Budget Execution Import"), imports)
		self.assertEqual(
			frappe.db.get_value("Budget Execution Import", self.v.budget_import_draft, "docstatus"), 0
		)
		self.assertEqual(fingerprint(self.v), self.before)

	def test_the_budget_reports_show_a_unit_none_of_another_units_figures(self):
		"""预算执行情况 and 预算数据对账 (issue 16) run over HTTP by the attacker: the
		other unit's imported figures are in them for finance, none reach the attacker."""
		from frappe.desk.query_report import run

		filters = {"performance_year": YEAR}
		for report in ("Budget Execution", "Budget Reconciliation"):
			shown_to_finance = json.dumps(run(report, filters)["result"], ensure_ascii=False, default=str)
			self.assertIn(self.v.unit_b, shown_to_finance, report)
			args = {"report_name": report, "filters": json.dumps(filters)}
			response = self.request("POST", "/api/method/frappe.desk.query_report.run", args)
			self.assertEqual(response.status_code, 200, report)
			self.assertEqual(self.leaks(response, args), [], report)
			self.assertNotIn(self.v.unit_b, response.get_data(as_text=True), report)

	def try_every_door(self):
		problems, tried, statuses = [], 0, Counter()
		self.server_errors = Counter()  # method path -> answers of 500 and more
		started = time.monotonic()
		methods = whitelisted_methods()
		all_targets = targets(self.v)
		for path, fn in sorted(methods.items()):
			for target in all_targets if aims_at_a_record(fn) else all_targets[:1]:
				args = arguments(fn, target, self.v)
				response = self.request("POST", f"/api/method/{path}", args)
				tried += 1
				statuses[response.status_code] += 1
				if response.status_code >= 500:
					self.server_errors[path] += 1
				if leaked := self.leaks(response, args):
					problems.append(f"{path} {target[0]} → {response.status_code}: {leaked}")
		for doctype, name, parent in all_targets:
			field = marked_field(doctype)
			list_args = {"fields": json.dumps(["*"]), "limit_page_length": 500}
			if parent:
				list_args["parent"] = parent
			calls = [
				("GET", f"/api/resource/{doctype}", list_args),
				("GET", f"/api/resource/{doctype}/{name}", {}),
				("GET", f"/api/v2/document/{doctype}", list_args),
				("GET", f"/api/v2/document/{doctype}/{name}", {}),
				("PUT", f"/api/resource/{doctype}/{name}", {field: "HACKED"}),
				("PUT", f"/api/v2/document/{doctype}/{name}", {field: "HACKED"}),
				("DELETE", f"/api/resource/{doctype}/{name}", {}),
			]
			if parent:  # a row moved to, or added under, the victim's record
				calls.append(("PUT", f"/api/resource/{doctype}/{name}", {"parent": self.v.own_goal}))
				calls.append(
					(
						"POST",
						f"/api/resource/{doctype}",
						{
							"parent": frappe.db.get_value(doctype, name, "parent"),
							"parenttype": parent,
							field: "HACKED",
						},
					)
				)
			for method, route, data in calls:
				response = self.request(method, route, data)
				tried += 1
				if leaked := self.leaks(response, {"route": route, **data}):
					problems.append(f"{method} {route} → {response.status_code}: {leaked}")
		# the rectification's private report, and the budget system's export on finance's import
		for url in (self.v.file_url, self.v.budget_import_file_url):
			for route, data in (
				(url, {}),
				("/api/method/frappe.core.doctype.file.file.download_file", {"file_url": url}),
			):
				response = self.request("GET", route, data)
				tried += 1
				if MARK in response.get_data().decode("utf-8", "replace"):
					problems.append(f"GET {route} → {response.status_code}: the private file's content")
		# nothing may have been carried into the attacker's own records either
		for route in (f"/api/resource/Performance Goal/{self.v.own_goal}", "/api/resource/File"):
			response = self.request("GET", route, {"fields": json.dumps(["*"]), "limit_page_length": 500})
			tried += 1
			if leaked := self.leaks(response, {}):
				problems.append(f"GET {route} afterwards → {leaked}")
		statuses.update(
			methods=len(methods), targets=len(all_targets), seconds=round(time.monotonic() - started)
		)
		return problems, tried, statuses
