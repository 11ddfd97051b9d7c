# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Load test of a served perf_budget site (a command, not part of the app
package). Run with the bench's Python against a site holding the demo bureau,
or through ``scripts/load-test.sh``, which makes the site and serves it:

	~/perf-bench/env/bin/python ~/perf-bench/apps/perf_budget/benchmarks/load.py \\
		--url http://127.0.0.1:8110 --users 50 --duration 180

Each virtual user logs in as a demo person (unit users of every unit, unit
heads, the finance officer and head, the leader: load_figures.ROLE_CYCLE),
opens the desk and walks the daily journeys over HTTP with the desk's own
requests, a short random think time between them (load_figures.MIX):

* home: the role's workspace with its number cards and charts;
* list / form: a list of goals, monitoring, self-evaluations, rectifications
  or budget advice, and a record from it;
* save: a unit user saves one of their own draft goals (two of their browser
  tabs may save the same goal at once: one is refused as modified);
* submit / review: goals made for the purpose go round their review chain:
  the unit files, its head approves or returns, finance returns;
* conflict: the finance officer and the finance head save the same goal in
  finance review from the same loaded version at the same moment: exactly one
  is accepted, the other gets Frappe's TimestampMismatchError, and the record
  holds the winner's value (each finance user's first journey, then by the mix);
* report: a Script Report run; excel: an official form downloaded.

Before the clock starts it makes the goals it needs (``LOAD-…`` project codes
in the year being filed, kept for later runs). Users log in one after the
other over ``--ramp`` seconds; ``--duration`` seconds later they stop taking
journeys, and one still under way ends within the requests' timeout. Then
it reads every record it wrote as Administrator (one query per DocType) and
checks every acknowledged write is there (load_figures.lost_writes).

It prints a table per journey (requests, p50/p95/p99 ms, expected conflicts,
errors). Exit status 1 when any request failed (anything but a 2xx or an
expected refusal; each printed with the start of its answer) or a write was
lost.
"""

import argparse
import json
import os
import random
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests
from load_figures import (
	ERROR,
	FINANCE,
	LEADER,
	MIX,
	OK,
	UNIT_HEAD,
	UNIT_USER,
	Sample,
	Write,
	assign,
	lost_writes,
	pair_problem,
	pick,
	shown_table,
	table,
	verdict,
)

from perf_budget.demo.bureau import (
	BUREAU_PEOPLE,
	DEMO_PASSWORD,
	UNIT_PEOPLE,
	UNITS,
	YEARS,
	unit_head,
	unit_user,
)
from perf_budget.demo.goals import PROJECTS, indicator_row, medium_term_row

MODULE = Path(__file__).resolve().parents[1] / "perf_budget" / "perf_budget"
RUN_YEAR, FILING_YEAR = YEARS[0][0], YEARS[-1][0]  # the year being run, the year being filed
GOAL = "Performance Goal"
TIMEOUT = 120  # seconds a request may take (gunicorn's own timeout)
THINK = (0.2, 1.0)  # seconds between two journeys
SAVE_GOALS, CHAIN_GOALS = 2, 3  # per unit: drafts the save journey edits, goals going round the chain
FILING = ("Draft", "Returned", "Revision Required")
MOVED = ("TimestampMismatchError", "WorkflowTransitionError")  # somebody took the record on first
WORKSPACES = {
	UNIT_USER: "Unit Filing",
	UNIT_HEAD: "Unit Review",
	FINANCE: "Finance Review",
	LEADER: "Performance Overview",
}
LISTS = {
	UNIT_USER: (GOAL, "Performance Monitoring", "Performance Evaluation", "Rectification"),
	UNIT_HEAD: (GOAL, "Performance Monitoring", "Performance Evaluation", "Rectification"),
	FINANCE: (GOAL, "Performance Evaluation", "Rectification", "Budget Advice"),
	LEADER: ("Performance Evaluation", "Rectification", "Budget Advice"),
}
LIST_FIELDS = ("name", "budget_unit", "project_name", "performance_year", "docstatus", "modified")
REPORTS = {
	UNIT_USER: ("Goal Review Summary", "Monitoring Warning Board", "Self-Evaluation Scores"),
	UNIT_HEAD: ("Goal Review Summary", "Monitoring Warning Board", "Rectification Tracking"),
	FINANCE: ("Goal Review Summary", "Self-Evaluation Scores", "Budget Advice", "Submission Completeness"),
	LEADER: ("Self-Evaluation Scores", "Budget Advice", "Monitoring Warning Board", "Rectification Tracking"),
}
UNIT_NAMES = {code: name for name, code, _type in UNITS}
FINANCE_PEOPLE = [email for email, _name, _roles in BUREAU_PEOPLE if email.startswith("finance.")]
LEADERS = [email for email, _name, _roles in BUREAU_PEOPLE if email.startswith("leader")]


class Failed(Exception):
	"""A request answered with an error (already recorded): the journey stops."""


class Recorder:
	"""Everything the users report, under one lock."""

	def __init__(self):
		self.lock = threading.Lock()
		self.samples: list[Sample] = []
		self.runs: Counter = Counter()
		self.errors: list[str] = []
		self.writes: list[Write] = []
		self.pairs = 0

	def sample(self, journey: str, ms: float, outcome: str, error: str | None = None):
		with self.lock:
			self.samples.append(Sample(journey, ms, outcome))
			if error:
				self.errors.append(error)

	def error(self, text: str):
		with self.lock:
			self.errors.append(text)

	def run(self, journey: str):
		with self.lock:
			self.runs[journey] += 1

	def paired(self):
		with self.lock:
			self.pairs += 1

	def wrote(self, write: Write):
		with self.lock:
			self.writes.append(write)


class Desk:
	"""One browser tab's session on the desk, its requests timed into ``recorder``."""

	def __init__(self, url: str, login: str, recorder: Recorder | None):
		self.url, self.login, self.recorder = url, login, recorder
		self.http = requests.Session()
		self.csrf = None
		self.seen: dict[str, list[dict]] = {}  # the last list of each DocType this tab showed

	def sign_in(self, password: str, journey: str = "login"):
		self.call("login", journey, usr=self.login, pwd=password)
		started = time.perf_counter()
		page = self.http.get(f"{self.url}/app", timeout=TIMEOUT)
		found = re.search(r'frappe\.csrf_token = "([^"]+)"', page.text)
		self.note(journey, started, page, OK if page.ok and found else ERROR, "/app")
		self.csrf = found.group(1)

	def call(self, method: str, journey: str, expected: tuple = (), get: bool = False, **args):
		"""One whitelisted method as the desk calls it; (outcome, answer) unless it failed."""
		data = {
			key: json.dumps(value) if isinstance(value, dict | list) else value for key, value in args.items()
		}
		headers = {"X-Frappe-CSRF-Token": self.csrf} if self.csrf else {}
		started = time.perf_counter()
		try:
			answer = self.http.request(
				"GET" if get else "POST",
				f"{self.url}/api/method/{method}",
				**({"params": data} if get else {"data": data}),
				headers=headers,
				timeout=TIMEOUT,
			)
		except requests.RequestException as e:
			self.note(journey, started, None, ERROR, method, str(e))
			raise Failed from e
		outcome = verdict(answer.status_code, exc_type(answer), expected)
		self.note(journey, started, answer, outcome, method)
		return outcome, answer

	def note(self, journey, started, answer, outcome, what, failure=""):
		ms = (time.perf_counter() - started) * 1000
		error = None
		if outcome == ERROR:
			shown = failure or f"HTTP {answer.status_code}: {answer.text[:400]}"
			error = f"{journey}: {what} as {self.login}: {shown}"
		if self.recorder:
			self.recorder.sample(journey, ms, outcome, error)
		if error:
			if not self.recorder:
				print(error, file=sys.stderr)
			raise Failed(error)

	def message(self, method: str, journey: str, **args):
		return self.call(method, journey, **args)[1].json().get("message")

	def getdoc(self, doctype: str, name: str, journey: str) -> dict:
		answer = self.call("frappe.desk.form.load.getdoc", journey, get=True, doctype=doctype, name=name)[1]
		return answer.json()["docs"][0]

	def listed(self, doctype: str, journey: str, filters: list, fields=LIST_FIELDS, length=20) -> list[dict]:
		"""The desk's list view request; rows as dicts."""
		answer = self.message(
			"frappe.desk.reportview.get",
			journey,
			doctype=doctype,
			fields=[f"`tab{doctype}`.`{field}`" for field in fields],
			filters=filters,
			order_by=f"`tab{doctype}`.`modified` desc",
			start=0,
			page_length=length,
			view="List",
			with_comment_count=1,
		)
		rows = (
			[dict(zip(answer["keys"], values, strict=True)) for values in answer["values"]] if answer else []
		)
		self.seen[doctype] = rows
		return rows

	def save(self, doc: dict, journey: str):
		"""The form's Save from the version it loaded; (outcome, saved doc or None)."""
		outcome, answer = self.call(
			"frappe.desk.form.save.savedocs", journey, expected=MOVED[:1], doc=doc, action="Save"
		)
		return outcome, answer.json()["docs"][0] if outcome == OK else None

	def act(self, doc: dict, action: str, journey: str):
		"""A workflow button; (outcome, doc after it or None)."""
		outcome, answer = self.call(
			"frappe.model.workflow.apply_workflow", journey, expected=MOVED, doc=doc, action=action
		)
		return outcome, answer.json()["message"] if outcome == OK else None


def exc_type(answer) -> str | None:
	if answer.headers.get("content-type", "").startswith("application/json"):
		try:
			return answer.json().get("exc_type")
		except ValueError:
			return None
	return None


# ------------------------------------------------------------------ the crowd


class User:
	"""A virtual user: a role, a login, a tab (and, for finance, the colleague's tab)."""

	def __init__(self, number: int, role: str, login: str, run):
		self.number, self.role, self.login, self.run = number, role, login, run
		self.desk = Desk(run.url, login, run.recorder)
		self.rng = random.Random(run.seed * 1000 + number)
		self.partner = None
		self.done = 0  # journeys finished, for values no other user writes

	@property
	def unit(self) -> str | None:
		return next((code for code in UNIT_PEOPLE if self.login.startswith(f"{code.lower()}.")), None)

	def live(self):
		try:
			self.desk.sign_in(DEMO_PASSWORD)
			if self.role == FINANCE:
				colleague = next(login for login in FINANCE_PEOPLE if login != self.login)
				self.partner = Desk(self.run.url, colleague, self.run.recorder)
				self.partner.sign_in(DEMO_PASSWORD)
		except Failed:
			return
		self.run.recorder.run("login")
		while time.monotonic() < self.run.stop_at:
			# finance's first journey is the simultaneous save, so that even a short run checks it
			first_pair = self.role == FINANCE and not self.done
			journey = "conflict" if first_pair else pick(MIX[self.role], self.rng.random())
			try:
				getattr(self, journey)()
			except Failed:
				pass
			except Exception as e:  # a surprise in an answer is a failure of that journey, not of the crowd
				self.run.recorder.error(f"{journey} as {self.login}: {type(e).__name__}: {e}")
			self.run.recorder.run(journey)
			self.done += 1
			time.sleep(max(0, min(self.rng.uniform(*THINK), self.run.stop_at - time.monotonic())))

	def mark(self, what: str) -> str:
		return f"负载测试{what} {self.number}-{self.done}"

	# -- journeys ----------------------------------------------------------
	def home(self):
		for method, args in self.run.home[self.role]:
			self.desk.call(method, "home", **args)

	def list(self):
		doctype = self.rng.choice(LISTS[self.role])
		year = FILING_YEAR if doctype == GOAL else RUN_YEAR
		self.desk.listed(doctype, "list", [[doctype, "performance_year", "=", year]])

	def form(self):
		doctype = self.rng.choice(LISTS[self.role])
		rows = self.desk.seen.get(doctype)
		if rows is None:  # the form is opened from its list
			year = FILING_YEAR if doctype == GOAL else RUN_YEAR
			rows = self.desk.listed(doctype, "form", [[doctype, "performance_year", "=", year]])
		if rows:
			self.desk.getdoc(doctype, self.rng.choice(rows)["name"], "form")

	def report(self):
		name = self.rng.choice(REPORTS[self.role])
		year = FILING_YEAR if name == "Goal Review Summary" else RUN_YEAR
		self.desk.call(
			"frappe.desk.query_report.run", "report", report_name=name, filters={"performance_year": year}
		)

	def excel(self):
		if self.role in (UNIT_USER, UNIT_HEAD):
			rows = self.desk.seen.get(GOAL) or self.desk.listed(
				GOAL, "excel", [[GOAL, "performance_year", "=", FILING_YEAR]]
			)
			method, args = "perf_budget.exchange.goals.export_goal", {"name": self.rng.choice(rows)["name"]}
		elif self.role == FINANCE:
			method, args = (
				"perf_budget.exchange.evaluations.export_evaluations",
				{"performance_year": RUN_YEAR},
			)
		else:
			method = "perf_budget.exchange.evaluations.export_department_summary"
			args = {"performance_year": RUN_YEAR}
		answer = self.desk.call(method, "excel", get=True, **args)[1]
		if not answer.content.startswith(b"PK"):  # an .xlsx is a zip
			self.run.recorder.error(f"excel: {method} as {self.login} answered no workbook")

	def save(self):
		name = self.rng.choice(self.run.goals[self.unit]["save"])
		doc = self.desk.getdoc(GOAL, name, "save")
		value = self.mark("进度安排")
		outcome, saved = self.desk.save({**doc, "schedule": value}, "save")
		if outcome == OK:
			self.run.recorder.wrote(Write(GOAL, name, "schedule", value, saved["modified"], doc["modified"]))

	def submit(self):
		rows = self.desk.listed(
			GOAL,
			"submit",
			[
				[GOAL, "name", "in", self.run.goals[self.unit]["chain"]],
				[GOAL, "workflow_state", "in", FILING],
			],
			("name", "workflow_state", "modified"),
		)
		if rows:
			self.step(self.rng.choice(rows)["name"], FILING, "Submit to Unit Head", "submit")

	def review(self):
		if self.role == UNIT_HEAD:
			goals, state = self.run.goals[self.unit]["chain"], "Pending Unit Head"
		else:
			goals, state = self.run.all_chain_goals(), "Finance Review"
		rows = self.desk.listed(
			GOAL,
			"review",
			[[GOAL, "name", "in", goals], [GOAL, "workflow_state", "=", state]],
			("name", "workflow_state", "modified"),
		)
		if not rows:
			return
		name = self.rng.choice(rows)["name"]
		if self.role == UNIT_HEAD and self.rng.random() < 0.5:
			self.step(name, (state,), "Approve", "review")
		else:
			self.step(name, (state,), "Return", "review", return_reason=self.mark("退回原因"))

	def step(self, name: str, states: tuple, action: str, journey: str, **fills):
		"""A workflow action from the form, after saving what it needs (a return
		its reason, as the desk's prompt does); someone else taking the record
		first is an expected conflict, verified by reloading it."""
		doc = self.desk.getdoc(GOAL, name, journey)
		if doc["workflow_state"] not in states:
			return  # taken on since the list was shown: the form offers no such action
		if fills:
			outcome, saved = self.desk.save({**doc, **fills}, journey)
			if outcome != OK:
				return self.check_moved(doc, journey)
			for field, value in fills.items():
				self.run.recorder.wrote(Write(GOAL, name, field, value, saved["modified"], doc["modified"]))
			doc = saved
		outcome, after = self.desk.act(doc, action, journey)
		if outcome != OK:
			return self.check_moved(doc, journey)
		self.run.recorder.wrote(
			Write(GOAL, name, "workflow_state", after["workflow_state"], after["modified"])
		)

	def check_moved(self, doc: dict, journey: str):
		now = self.desk.getdoc(GOAL, doc["name"], journey)
		if now["modified"] == doc["modified"]:
			self.run.recorder.error(
				f"{journey}: {doc['name']} refused as taken by someone else, yet unchanged"
			)

	def conflict(self):
		"""Officer and head save one goal from the same version at the same moment."""
		name = self.run.conflict_goals[self.run.finance_users.index(self.number)]
		tabs = (self.desk, self.partner)
		docs = [tab.getdoc(GOAL, name, "conflict") for tab in tabs]
		if docs[0]["modified"] != docs[1]["modified"]:
			return self.run.recorder.error(f"conflict: {name} changed between two loads")
		values = [self.mark(f"意见{side}") for side in "AB"]
		results = [None, None]
		start = threading.Barrier(2)

		def save(i):
			start.wait()
			try:
				results[i] = tabs[i].save({**docs[i], "review_opinion": values[i]}, "conflict")
			except Failed:
				results[i] = (ERROR, None)

		savers = [threading.Thread(target=save, args=(i,)) for i in (0, 1)]
		for saver in savers:
			saver.start()
		for saver in savers:
			saver.join()
		self.run.recorder.paired()
		problem = pair_problem(results[0][0], results[1][0])
		if problem:
			return self.run.recorder.error(f"conflict: {name}: {problem}")
		winner = 0 if results[0][0] == OK else 1
		saved = results[winner][1]
		self.run.recorder.wrote(
			Write(GOAL, name, "review_opinion", values[winner], saved["modified"], docs[winner]["modified"])
		)
		# the loser reloads the form, as the desk tells them to: the winner's value is there
		now = tabs[1 - winner].getdoc(GOAL, name, "conflict")
		if (now["review_opinion"], now["modified"]) != (values[winner], saved["modified"]):
			self.run.recorder.error(
				f"conflict: {name} holds {now['review_opinion']!r} ({now['modified']}),"
				f" not the winner's {values[winner]!r} ({saved['modified']})"
			)


# ------------------------------------------------------------------ the run


class Run:
	def __init__(self, args):
		self.url, self.seed = args.url.rstrip("/"), args.seed
		self.recorder = Recorder()
		logins = {
			UNIT_USER: [unit_user(code) for code in UNIT_PEOPLE],
			UNIT_HEAD: [unit_head(code) for code in UNIT_PEOPLE],
			FINANCE: FINANCE_PEOPLE,
			LEADER: LEADERS,
		}
		self.crowd = assign(args.users, logins)
		self.finance_users = [n for n, (role, _login) in enumerate(self.crowd) if role == FINANCE]
		self.home = {role: home_requests(workspace) for role, workspace in WORKSPACES.items()}
		self.goals: dict[str, dict[str, list[str]]] = {}  # unit code: {"save": names, "chain": names}
		self.conflict_goals: list[str] = []
		self.stop_at = 0.0

	def all_chain_goals(self) -> list[str]:
		return [name for code in UNIT_PEOPLE for name in self.goals[code]["chain"]]


def home_requests(workspace: str) -> list[tuple[str, dict]]:
	"""What the desk asks for when it opens a workspace: the page, then each
	number card's and chart's figures with the workspace's year filled in
	(the app's definitions, read from its JSON files)."""
	page = definition("workspace", workspace)
	found = [
		(
			"frappe.desk.desktop.get_desktop_page",
			{"page": {"name": page["name"], "title": page["title"], "public": 1}},
		)
	]
	for link in page.get("number_cards", []):
		card = definition("number_card", link["number_card_name"])
		filters = json.loads(card.get("filters_json") or "[]") + [
			[*condition[:3], RUN_YEAR] for condition in json.loads(card.get("dynamic_filters_json") or "[]")
		]
		if card["type"] == "Custom":
			found.append((card["method"], {"filters": filters}))
		else:
			found.append(
				("frappe.desk.doctype.number_card.number_card.get_result", {"doc": card, "filters": filters})
			)
	for link in page.get("charts", []):
		chart = definition("dashboard_chart", link["chart_name"])
		filters = json.loads(chart.get("filters_json") or "{}") | dict.fromkeys(
			json.loads(chart.get("dynamic_filters_json") or "{}"), RUN_YEAR
		)
		if chart["chart_type"] == "Report":
			args = {"report_name": chart["report_name"], "filters": filters, "ignore_prepared_report": 1}
			found.append(("frappe.desk.query_report.run", args))
		else:
			found.append(
				(
					source_method(chart["source"]),
					{"chart_name": chart["name"], "filters": filters, "refresh": 0},
				)
			)
	return found


def definition(kind: str, name: str) -> dict:
	for path in (MODULE / kind).glob("*/*.json"):
		found = json.loads(path.read_text())
		if found.get("name") == name:
			return found
	raise LookupError(f"no {kind} {name} in {MODULE / kind}")


def source_method(source: str) -> str:
	"""The method of a chart source, as its desk script names it."""
	for path in (MODULE / "dashboard_chart_source").glob("*/*.js"):
		script = path.read_text()
		if f'chart_sources["{source}"]' in script:
			return re.search(r'method: "([^"]+)"', script).group(1)
	raise LookupError(f"no chart source {source}")


# ------------------------------------------------------------------ before and after


def prepare(run: Run, conflicts: int):
	"""The goals the journeys need, made as the unit users themselves (kept
	for later runs): per unit SAVE_GOALS drafts and CHAIN_GOALS going round the
	chain; ``conflicts`` goals in finance review spread over the units."""
	codes = list(UNIT_PEOPLE)
	wanted = {
		code: [f"LOAD-S-{k}" for k in range(1, SAVE_GOALS + 1)]
		+ [f"LOAD-W-{k}" for k in range(1, CHAIN_GOALS + 1)]
		for code in codes
	}
	for k in range(conflicts):
		wanted[codes[k % len(codes)]].append(f"LOAD-C-{k + 1}")
	for code in codes:
		run.goals[code] = {"save": [], "chain": []}
		filer = signed_in(run.url, unit_user(code))
		existing = {
			row["project_code"]: row
			for row in filer.listed(
				GOAL,
				"setup",
				[[GOAL, "performance_year", "=", FILING_YEAR], [GOAL, "project_code", "like", "LOAD-%"]],
				("name", "project_code", "workflow_state"),
				length=500,
			)
		}
		for project_code in wanted[code]:
			row = existing.get(project_code) or make_goal(filer, code, project_code)
			name, state = row["name"], row["workflow_state"]
			kind = project_code.split("-")[1]
			if kind == "C":
				if state in FILING:
					state = filer.act(filer.getdoc(GOAL, name, "setup"), "Submit to Unit Head", "setup")[1][
						"workflow_state"
					]
				if state == "Pending Unit Head":
					head = signed_in(run.url, unit_head(code))
					state = head.act(head.getdoc(GOAL, name, "setup"), "Approve", "setup")[1][
						"workflow_state"
					]
				if state != "Finance Review":
					raise SystemExit(f"{name} ({project_code}) is {state}, not in finance review")
				run.conflict_goals.append(name)
			elif kind == "S" and state not in FILING:
				raise SystemExit(f"{name} ({project_code}) is {state}, not a draft")
			else:
				run.goals[code]["save" if kind == "S" else "chain"].append(name)


def signed_in(url: str, login: str) -> Desk:
	desk = Desk(url, login, None)
	desk.sign_in(DEMO_PASSWORD, "setup")
	return desk


def make_goal(filer: Desk, code: str, project_code: str) -> dict:
	"""A small continuing project like the demo's first (no ex-ante assessment needed)."""
	*_head, annual_goal, indicators = PROJECTS[0]
	doc = {
		"doctype": GOAL,
		"name": f"new-performance-goal-{project_code.lower()}",
		"__islocal": 1,
		"performance_year": FILING_YEAR,
		"budget_unit": UNIT_NAMES[code],
		"project_code": project_code,
		"project_name": f"负载测试项目 {project_code}",
		"budget_type": "Annual",
		"period_start": f"{FILING_YEAR}-01-01",
		"period_end": f"{FILING_YEAR}-12-31",
		"fiscal_amount": 50,
		"other_amount": 0,
		"competent_department": "长治市示范局",
		"basis": "负载测试。",
		"implementation_plan": "负载测试。",
		"annual_goal": annual_goal,
		"indicators": [indicator_row(*row) for row in indicators],
		"project_attribute": "Continuing Project",
		"project_period": f"{int(FILING_YEAR) - 2}—{FILING_YEAR}年",
		"medium_term_start_year": int(FILING_YEAR) - 2,
		"medium_term_end_year": int(FILING_YEAR),
		"medium_term_fiscal": 150,
		"medium_term_other": 0,
		"long_term_goal": annual_goal,
		"medium_term_indicators": [medium_term_row(*row) for row in indicators],
	}
	_outcome, saved = filer.save(doc, "setup")
	return {"name": saved["name"], "workflow_state": saved["workflow_state"]}


def check_writes(run: Run, admin_password: str) -> list[str]:
	"""Every record written, read back as Administrator: one query per DocType."""
	admin = Desk(run.url, "Administrator", None)
	admin.sign_in(admin_password, "check")
	stored = {}
	for doctype in sorted({write.doctype for write in run.recorder.writes}):
		written = [write for write in run.recorder.writes if write.doctype == doctype]
		fields = sorted({write.field for write in written})
		rows = admin.message(
			"frappe.client.get_list",
			"check",
			doctype=doctype,
			fields=["name", "modified", *fields],
			filters=[["name", "in", sorted({write.name for write in written})]],
			limit_page_length=0,
		)
		stored |= {(doctype, row["name"]): row for row in rows}
	return lost_writes(run.recorder.writes, stored)


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description="perf_budget load test (a served demo site, loopback)")
	parser.add_argument("--url", required=True, help="the served site, e.g. http://127.0.0.1:8110")
	parser.add_argument("--users", type=int, default=50)
	parser.add_argument("--duration", type=float, default=180, help="seconds of journeys")
	parser.add_argument("--ramp", type=float, default=10, help="seconds over which the users log in")
	parser.add_argument("--seed", type=int, default=17)
	parser.add_argument("--admin-password", default="admin")
	args = parser.parse_args(argv)
	if not re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", args.url + "/"):
		parser.error("loopback only: --url must be http://127.0.0.1:PORT or http://localhost:PORT")

	run = Run(args)
	started = time.perf_counter()
	try:
		prepare(run, len(run.finance_users))
	except Failed:
		return 1
	made = sum(len(names) for kinds in run.goals.values() for names in kinds.values()) + len(
		run.conflict_goals
	)
	print(f"{made} goals ready for the journeys in {time.perf_counter() - started:.1f} s")

	users = [User(n, role, login, run) for n, (role, login) in enumerate(run.crowd)]
	begin = time.monotonic()
	run.stop_at = begin + args.ramp + args.duration
	threads = []
	for user in users:
		thread = threading.Thread(target=user.live, daemon=True)
		threads.append(thread)
	for n, thread in enumerate(threads):
		time.sleep(max(0, begin + args.ramp * n / len(threads) - time.monotonic()))
		thread.start()
	for thread in threads:
		thread.join(max(0.1, run.stop_at + TIMEOUT + 10 - time.monotonic()))
	hung = sum(thread.is_alive() for thread in threads)
	if hung:
		run.recorder.error(f"{hung} users still waiting for an answer {TIMEOUT} s after the end")
	elapsed = time.monotonic() - begin

	recorder = run.recorder
	with recorder.lock:
		samples, runs, errors = list(recorder.samples), Counter(recorder.runs), list(recorder.errors)
	try:
		lost = check_writes(run, args.admin_password)
	except Failed:
		return 1
	print(
		f"\n{args.users} users, {args.duration:.0f} s of journeys after a {args.ramp:.0f} s ramp"
		f" ({elapsed:.0f} s in all), think time {THINK[0]}–{THINK[1]} s, {args.url}\n"
	)
	print(shown_table(table(samples, runs)))
	load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
	print(
		f"\n{len(samples) / elapsed:.1f} requests/s; {len(recorder.writes)} acknowledged writes"
		f" checked after the run, {len(lost)} lost; {recorder.pairs} simultaneous pairs of saves;"
		f" machine load average (1, 5, 15 min) {load} on {os.cpu_count()} CPUs"
	)
	for text in errors[:20]:
		print(f"ERROR {text}")
	if len(errors) > 20:
		print(f"… {len(errors) - 20} more errors")
	for text in lost:
		print(f"LOST {text}")
	failed = bool(errors or lost or any(sample.outcome == ERROR for sample in samples))
	print("\nFAIL" if failed else "\nPASS: 0 errors, no lost write")
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
