"""Every role's day in the desk (issue 12; the department-wide records and
ex-ante assessments of issue 15 among them): a clerk, a unit head, the finance
officer, the finance head and the leader each log in and open every screen of
their daily work — the workspaces in their sidebar, the lists of the unit
records they may read, a form of each record in each state they meet, every
report of the app they may open, the print view of each print format, and the
dialogs they use (return reason, Excel import and export: opened and closed,
nothing changed).

A screen fails the walk on a visible word in Latin letters that is not in the
allowlist below, a JS console error or page error, an HTTP answer ≥ 400, or a
load slower than PAGE_READY_LIMIT_S. All findings of a role are collected
before the test fails, so one run lists them all; the walk (screens, times,
findings) is also written to test-results/role-walk-<role>.json.
"""

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

APP = Path(__file__).resolve().parents[2] / "perf_budget"
REPORTS = APP / "perf_budget" / "report"
PRINT_FORMATS = APP / "perf_budget" / "print_format"
RESULTS = Path("test-results")

ROLES = {
	"clerk": "ghk.user@perf.local",  # 规划科's filler
	"unit-head": "ghk.head@perf.local",  # 规划科's head: a goal waits for them in the demo
	"finance-officer": "finance.officer@perf.local",
	"finance-head": "finance.head@perf.local",
	"leader": "leader@perf.local",
	# the demo's art. 22 procedure (survey, expert panel) is 办公室's, its third-party
	# evaluation and a 2027 policy goal 建设管理科's: their clerk and head meet those screens
	"clerk-bgs": "bgs.user@perf.local",
	"unit-head-jsk": "jsk.head@perf.local",
}
# the unit records of the daily work and the field their state is read from
# (interviews and budget advice have no workflow: draft / submitted)
RECORDS = {
	"Performance Goal": "workflow_state",
	"Performance Monitoring": "workflow_state",
	"Performance Evaluation": "workflow_state",
	"Rectification": "workflow_state",
	"Performance Interview": "docstatus",
	"Budget Advice": "docstatus",
	# issue 15: department-wide performance (units' and the bureau's own) and ex-ante assessments
	"Department Performance Goal": "workflow_state",
	"Department Performance Monitoring": "workflow_state",
	"Department Performance Evaluation": "workflow_state",
	"Ex-ante Assessment": "workflow_state",
}
DOCSTATUS = {0: "Draft", 1: "Submitted", 2: "Cancelled"}
# the screens of issue 14 (registers, external evaluations, art. 22's records, written reports) and 16:
# the list and each record's form, or only the first record's where a DocType has many alike
NEW_SCREENS = {
	"External Evaluation": None,
	"Evaluation Institution": None,
	"Performance Expert": 1,
	"Expert Score Sheet": 1,
	"Satisfaction Survey": None,
	"Performance Report": None,
	# issue 16: finance's budget-system imports (the demo's, applied, is the first; each run of
	# test_budget_import adds two alike) and their column mappings
	"Budget Execution Import": 1,
	"Budget Import Mapping": None,
}
# lists whose menu offers the official Excel forms
EXCEL_MENUS = ("Performance Goal", "Performance Monitoring", "Performance Evaluation")

# From navigation to the page's main content shown and the network quiet, on an idle machine.
PAGE_READY_LIMIT_S = 3.0
NETWORK_QUIET_S = 0.3

# Latin text a Chinese desk shows on purpose; everything else in Latin letters is a finding.
# (ASCII word boundaries: a code stands right beside Chinese text, as in 由PG-2026-00001改为.)
ALLOWED_PATTERNS = [
	re.compile(pattern, re.ASCII)
	for pattern in (
		r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # user ids are e-mail addresses
		# attachments, by their file names (and paths, in the timeline), and file types: .xlsx, .xls, .csv
		r"(?:/private)?(?:/files/)?[^\s/]*\.(?:txt|xlsx?|csv|pdf|docx?|png|jpe?g)\b",
		r"(?:/private)?/files/\S+",  # …also where the timeline cuts a long one short (…/第1版）.d...)
		r"\b(?:Ctrl|Shift|Alt)\+[A-Z0-9]\b",  # keyboard shortcuts, as printed on the keys
		r"\b[A-Z]{2,5}(?:-[A-Z0-9]+)+\b",  # record and project codes: PG-2026-00001, GHK-01
		r"\b[A-Z]{1,5}\d{2,}\b",  # a survey's respondent numbers as the unit typed them: BG001
		r"\b[0-9A-HJ-NPQRTUWXY]{18}\b",  # an institution's unified social credit code (GB 32100)
		r"\b[0-9a-f]{64}\b",  # an uploaded budget-system export's SHA-256 checksum
	)
]
ALLOWED_WORDS = {
	"Excel",  # the official forms are Excel workbooks: 导出标准表格（Excel）
	"PDF",  # the print view's download
	"Word",  # the written reports are Word documents: 下载Word
	"Administrator",  # the name of Frappe's built-in administrator account…
	"A",  # …and its initial in the avatar beside what it wrote
}
# Frappe's realtime channel is a separate Node process that `bench serve` (how the tests serve
# the site) does not start: its polling answers 404 and never settles, and is not a screen's.
REALTIME = "/socket.io/"
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")

# JS run in the page: is the main content of the current screen shown?
SHOWN = "(selector) => [...document.querySelectorAll(selector)].some((el) => el.checkVisibility())"
CONTENT_SHOWN = {
	"workspace": ".codex-editor .ce-block",
	"list": ".frappe-list .list-row-container, .frappe-list .no-result",
	# a table, or the message in its place (an empty report's 暂无内容 stands after the table's
	# wrapper; the loading message before it)
	"report": ".report-wrapper .dt-scrollable, .query-report .no-result, .report-wrapper .msg-box, "
	".report-wrapper ~ .text-muted .msg-box",
}
FORM_SHOWN = (
	"(name) => !!(window.cur_frm && cur_frm.docname === name && cur_frm.layout.wrapper.is(':visible'))"
)
PRINT_SHOWN = """() => [...document.querySelectorAll('iframe.print-format-container')].some(
	(frame) => frame.checkVisibility() && frame.contentDocument.querySelector('.print-format'))"""
VISIBLE_TEXT = """() => {
	// what a person sees: the page (navbar, sidebar, current page, open dialogs and menus)
	// and the print preview inside its frame. Text nobody sees is left out: transparent
	// (a field's name, shown to developers holding Ctrl) or clipped away (screen readers' text).
	const unseen = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT, {
		acceptNode(el) {
			if (!el.checkVisibility()) return NodeFilter.FILTER_REJECT;
			const clipped = el.offsetWidth <= 1 || getComputedStyle(el).clip === 'rect(0px, 0px, 0px, 0px)';
			if (clipped || !el.checkVisibility({ opacityProperty: true })) {
				unseen.push(el);
				return NodeFilter.FILTER_REJECT;
			}
			return NodeFilter.FILTER_ACCEPT;
		},
	});
	while (walker.nextNode());
	const displays = unseen.map((el) => el.style.display);
	unseen.forEach((el) => (el.style.display = 'none'));
	let text = document.body.innerText;
	unseen.forEach((el, i) => (el.style.display = displays[i]));
	for (const frame of document.querySelectorAll('iframe')) {
		if (frame.checkVisibility() && frame.contentDocument && frame.contentDocument.body) {
			text += '\\n' + frame.contentDocument.body.innerText;
		}
	}
	return text;
}"""


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


def form_url(doctype: str, name: str) -> str:
	return f"/app/{slug(doctype)}/{quote(name, safe='')}"


def app_reports() -> list[tuple[str, set[str]]]:
	"""Every report of the app with the roles that may open it."""
	reports = []
	for path in sorted(REPORTS.glob("*/*.json")):
		report = json.loads(path.read_text())
		reports.append((report["name"], {row["role"] for row in report["roles"]}))
	return reports


def app_print_formats() -> list[tuple[str, str]]:
	formats = []
	for path in sorted(PRINT_FORMATS.glob("*/*.json")):
		print_format = json.loads(path.read_text())
		formats.append((print_format["name"], print_format["doc_type"]))
	return formats


def latin_words(text: str) -> list[tuple[str, str]]:
	"""(word, the line it stands in) for each Latin word outside the allowlist."""
	found = []
	for line in text.splitlines():
		rest = line
		for pattern in ALLOWED_PATTERNS:
			rest = pattern.sub(" ", rest)
		for word in LATIN_WORD.findall(rest):
			if word not in ALLOWED_WORDS:
				found.append((word, line.strip()[:120]))
	return found


def screens_of(words: dict[str, list[str]]) -> list[str]:
	return list(dict.fromkeys(screen for screens in words.values() for screen in screens))


class Walk:
	"""One role's walk: listens to the browser, visits screens, keeps the findings."""

	def __init__(self, page: Page, role: str, user: str):
		self.page, self.role, self.user = page, role, user
		self.screen = "/login"
		self.screens: list[str] = []
		self.timings: list[tuple[float, str]] = []
		self.findings: list[str] = []
		self.latin: dict[str, dict[str, list[str]]] = {}  # line → Latin word → screens
		self.in_flight: set = set()
		self.last_network = time.time()
		page.on("console", self._console)
		page.on("pageerror", self._page_error)
		page.on("response", self._response)
		page.on("request", self._request_started)
		page.on("requestfinished", self._request_ended)
		page.on("requestfailed", self._request_ended)

	def find(self, kind: str, what: str) -> None:
		self.findings.append(f"[{self.role}] {kind} on {self.screen}: {what}")

	def _console(self, message) -> None:
		where = message.location.get("url", "")
		if message.type == "error" and REALTIME not in where:
			self.find("console error", f"{message.text[:300]} ({where})")

	def _page_error(self, error) -> None:
		stack = [line.strip() for line in (error.stack or "").splitlines()[1:3]]
		self.find("page error", " ".join([error.message or repr(error.name), *stack])[:300])

	def _response(self, response) -> None:
		if response.status >= 400 and REALTIME not in response.url:
			self.find(f"HTTP {response.status}", f"{response.request.method} {response.url}")

	def _request_started(self, request) -> None:
		if REALTIME in request.url:
			return
		self.in_flight.add(request)
		self.last_network = time.time()

	def _request_ended(self, request) -> None:
		self.in_flight.discard(request)
		self.last_network = time.time()

	# --- navigation -------------------------------------------------------------

	def visit(self, url: str, kind: str, argument=None, full_load: bool = False) -> bool:
		"""Open a screen the way the desk does (a full load only for the first one),
		wait for its content and a quiet network, then read what it shows. A screen
		that does not come up is a finding, and the walk goes on."""
		self.screen = url
		self.screens.append(url)
		started = time.time()
		try:
			if full_load:
				self.page.goto(url)
			else:
				self.page.evaluate("url => frappe.router.push_state(url)", url)
			if kind == "form":
				self.page.wait_for_function(FORM_SHOWN, arg=argument, timeout=30_000)
			elif kind == "print":
				self.page.wait_for_function(PRINT_SHOWN, timeout=30_000)
			else:
				self.page.wait_for_function(SHOWN, arg=CONTENT_SHOWN[kind], timeout=30_000)
		except PlaywrightError as error:
			self.find("screen not shown", str(error).splitlines()[0])
			self.check_text()
			self.close_unexpected_dialog()
			return False
		ready = self.wait_for_quiet_network(time.time())
		self.record_time(started, ready)
		self.check_text()
		self.close_unexpected_dialog()
		return True

	def close_unexpected_dialog(self) -> None:
		"""A message box nobody asked for (an error, a refusal) is a finding."""
		dialog = self.page.locator(".modal.show .modal-dialog")
		if dialog.count():
			self.find("dialog shown", " ".join(dialog.first.inner_text().split())[:300])
			self.close_dialog()

	def wait_for_quiet_network(self, since: float) -> float:
		deadline = time.time() + 30
		while time.time() < deadline:
			quiet_since = max(self.last_network, since)
			if not self.in_flight and time.time() - quiet_since >= NETWORK_QUIET_S:
				return quiet_since
			self.page.wait_for_timeout(100)
		self.find("network never quiet", ", ".join(request.url for request in self.in_flight))
		return time.time()

	def record_time(self, started: float, ready: float) -> None:
		seconds = ready - started
		self.timings.append((seconds, self.screen))
		if seconds > PAGE_READY_LIMIT_S:
			load = os.getloadavg()[0]  # the limit holds on an idle machine: say how busy this one was
			self.find(
				"slow page",
				f"ready after {seconds:.2f} s (limit {PAGE_READY_LIMIT_S} s; load {load:.1f} on {os.cpu_count()} CPUs)",
			)

	def check_text(self, where: str = "") -> None:
		screen = self.screen + where
		for word, line in latin_words(self.page.evaluate(VISIBLE_TEXT)):
			screens = self.latin.setdefault(line, {}).setdefault(word, [])
			if screen not in screens:
				screens.append(screen)

	def settle(self) -> None:
		self.wait_for_quiet_network(time.time())

	# --- the screens of the day ---------------------------------------------------

	def sidebar_workspaces(self) -> list[str]:
		return self.page.evaluate(
			"""() => [...new Set([...document.querySelectorAll('.desk-sidebar a.item-anchor, .body-sidebar a.item-anchor')]
				.filter((a) => a.offsetParent !== null)
				.map((a) => new URL(a.href).pathname))]"""
		)

	def readable(self, doctypes) -> list[str]:
		return self.page.evaluate(
			"doctypes => doctypes.filter((d) => frappe.model.can_read(d))", list(doctypes)
		)

	def records_by_state(self, doctype: str) -> dict:
		"""One record of each state this user reads, through REST as this user."""
		field = RECORDS[doctype]
		answer = self.page.request.get(
			f"/api/resource/{quote(doctype)}",
			params={"fields": json.dumps(["name", field]), "limit_page_length": 0, "order_by": "name asc"},
		)
		assert answer.ok, f"[{self.role}] {doctype}: REST answered {answer.status}"
		first = {}
		for row in answer.json()["data"]:
			first.setdefault(row[field], row["name"])
		return first

	def record_names(self, doctype: str, filters: dict | None = None) -> list[str]:
		"""The names of the records of ``doctype`` this user reads, through REST as this user."""
		answer = self.page.request.get(
			f"/api/resource/{quote(doctype)}",
			params={"filters": json.dumps(filters or {}), "limit_page_length": 0, "order_by": "name asc"},
		)
		assert answer.ok, f"[{self.role}] {doctype}: REST answered {answer.status}"
		return [row["name"] for row in answer.json()["data"]]

	def list_menu_dialogs(self, doctype: str) -> None:
		"""The official forms' import (file picker) and export (year prompt), opened and closed."""
		for item in ("导入标准表格（Excel）", "导出标准表格（Excel）"):
			self.page.locator(".page-container:visible .page-actions .menu-btn-group button").click()
			entry = self.page.locator(".dropdown-menu:visible .dropdown-item", has_text=item)
			if not entry.count():
				self.check_text(" (menu)")
				self.find("missing menu item", f"{item} in the list menu of {doctype}")
				self.page.keyboard.press("Escape")
				continue
			self.check_text(" (menu)")
			entry.first.click()
			self.page.wait_for_function("window.cur_dialog && cur_dialog.display")
			self.check_text(f" ({item})")
			self.close_dialog()
			self.screens.append(f"{self.screen} ({item} dialog, closed)")

	def attempt(self, what: str, action, *args) -> None:
		"""A dialog or picker of the day that cannot be used is a finding; the walk goes on."""
		try:
			action(*args)
		except PlaywrightError as error:
			self.find("could not " + what, str(error).splitlines()[0])
			self.page.keyboard.press("Escape")
			self.close_unexpected_dialog()

	def close_dialog(self) -> None:
		self.page.locator(".modal-dialog:visible .btn-modal-close").first.click()
		self.page.wait_for_function("!document.querySelector('.modal.show')")

	def return_dialog(self) -> bool:
		try:
			return self.open_return_dialog()
		except PlaywrightError as error:
			self.find("could not open the return-reason prompt", str(error).splitlines()[0])
			self.page.keyboard.press("Escape")
			self.close_unexpected_dialog()
			return True

	def open_return_dialog(self) -> bool:
		"""退回 asks for a reason: open the prompt and cancel it, so nothing is returned."""
		actions = self.page.locator(".page-container:visible .actions-btn-group button", has_text="操作")
		if not actions.count() or not actions.first.is_visible():
			return False
		actions.first.click()
		entry = self.page.locator(".dropdown-menu:visible .dropdown-item", has_text="退回")
		self.check_text(" (操作)")
		if not entry.count():
			self.page.keyboard.press("Escape")
			return False
		entry.first.click()
		self.page.wait_for_function("window.cur_dialog && cur_dialog.display")
		self.check_text(" (退回 dialog)")
		self.close_dialog()
		self.screens.append(self.screen + " (退回 dialog, cancelled)")
		return True

	def print_view(self, doctype: str, name: str, print_format: str) -> None:
		"""The print view opens in the app's format, its DocType's default; if not, it is picked."""
		if not self.visit(f"/app/print/{quote(doctype)}/{quote(name, safe='')}", "print"):
			return
		self.screens[-1] += f" ({print_format})"
		shown = self.print_format_picker().input_value()
		if shown != print_format:
			self.find("print view not in the app's format", f"it opens in {shown!r}, not in {print_format}")
			self.attempt(f"pick the print format {print_format}", self.pick_print_format, print_format)

	def print_format_picker(self):
		return self.page.locator(
			'.page-container:visible .print-preview-sidebar [data-fieldname="print_format"] input'
		)

	def pick_print_format(self, print_format: str) -> None:
		self.print_format_picker().fill(print_format)
		option = self.page.locator(".awesomplete:visible [role=option]").first
		option.wait_for()
		self.check_text(" (print format picker)")
		option.click()
		self.settle()
		self.page.wait_for_function(PRINT_SHOWN)
		self.check_text(f" ({print_format})")

	def report(self) -> str:
		lines = list(self.findings)
		for line, words in sorted(self.latin.items()):
			screens = screens_of(words)
			shown = ", ".join(screens[:3]) + (f" and {len(screens) - 3} more" if len(screens) > 3 else "")
			lines.append(f"[{self.role}] Latin text “{line}” ({', '.join(words)}) on {shown}")
		return "\n".join(lines)

	def save(self) -> None:
		RESULTS.mkdir(exist_ok=True)
		(RESULTS / f"role-walk-{self.role}.json").write_text(
			json.dumps(
				{
					"role": self.role,
					"user": self.user,
					"screens": self.screens,
					"slowest": sorted(self.timings, reverse=True)[:10],
					"findings": self.findings,
					"latin": [
						{
							"text": line,
							"words": list(words),
							"screens": screens_of(words),
						}
						for line, words in sorted(self.latin.items())
					],
				},
				ensure_ascii=False,
				indent=1,
			)
		)


def walk_the_day(walk: Walk, roles: set[str]) -> None:
	walk.visit("/app", "workspace", full_load=True)
	for workspace in walk.sidebar_workspaces():
		if workspace not in walk.screens:
			walk.visit(workspace, "workspace")

	readable = walk.readable(RECORDS)
	for doctype in readable:
		walk.visit(f"/app/{slug(doctype)}", "list")
		if doctype in EXCEL_MENUS:
			walk.attempt("use the list menu", walk.list_menu_dialogs, doctype)
		returned = False
		for state, name in walk.records_by_state(doctype).items():
			shown = walk.visit(form_url(doctype, name), "form", argument=name)
			walk.screens[-1] += f" [{DOCSTATUS.get(state, state)}]"
			if shown and not returned:  # the return-reason prompt, once per DocType
				returned = walk.return_dialog()

	if "Performance Goal" in readable:
		for name in walk.record_names("Performance Goal", {"expenditure_type": "Policy Expenditure"})[:1]:
			walk.visit(form_url("Performance Goal", name), "form", argument=name)
			walk.screens[-1] += " [policy]"
	for doctype in walk.readable(NEW_SCREENS):
		walk.visit(f"/app/{slug(doctype)}", "list")
		for name in walk.record_names(doctype)[: NEW_SCREENS[doctype]]:
			walk.visit(form_url(doctype, name), "form", argument=name)

	for report, allowed in app_reports():
		if roles & allowed:
			walk.visit(f"/app/query-report/{quote(report)}", "report")

	for print_format, doctype in app_print_formats():
		if doctype in readable:
			records = walk.records_by_state(doctype)
			if records:
				walk.print_view(doctype, next(iter(records.values())), print_format)


@pytest.mark.parametrize("role", ROLES)
def test_role_walks_the_day_in_chinese(page, login, role):
	user = ROLES[role]
	walk = Walk(page, role, user)
	login(user)
	walk.settle()  # the landing after the login form; the walk times its own full load of /app
	roles = set(page.evaluate("frappe.user_roles"))
	try:
		walk_the_day(walk, roles)
	finally:
		walk.save()
	slowest = sorted(walk.timings, reverse=True)[:5]
	print(
		f"\n[{role}] {len(walk.screens)} screens; slowest:", ", ".join(f"{s:.2f} s {u}" for s, u in slowest)
	)
	problems = walk.report()
	assert not problems, f"{role} ({user}) meets on their day:\n{problems}"
