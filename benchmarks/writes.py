# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The write path at city scale (issue 17): a self-evaluation save with
scoring against the same save with scoring bypassed, the Excel export of
self-evaluation forms against bare openpyxl writing the same cells
(xlsx_floor.py), and opening a monitoring round in the background on a real
RQ worker with its progress. city.py prints ``table_rows(results)``."""

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import frappe
import xlsx_floor
from frappe.utils import flt
from frappe.utils.background_jobs import get_job, get_queue, get_redis_connection_without_auth
from measure import REPEAT, replaced
from openpyxl import load_workbook

from perf_budget.exchange.evaluations import evaluation_workbook
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	PerformanceEvaluation,
)
from perf_budget.rounds import MONITORING, current_goals_without, open_round
from perf_budget.workflow.chains import chain

SAVE_TARGET = 1.1  # scored save ÷ plain save
EXPORT_TARGET = 0.8  # bare-openpyxl floor ÷ the app's export
ROUND_TARGET = 120.0  # seconds from opening a round to its job's end
ROUND_TIMEOUT = 900  # seconds the benchmark waits for the round's job at most
# The fields a record made by the round may differ in from one made alone.
OWN_FIELDS = {"name", "owner", "creation", "modified", "modified_by", "parent"}
SAMPLES = 3  # round records compared field for field with one made alone


# ---------------------------------------------------------------- save


def measure_saves(year: str, n: int = 50) -> dict:
	"""``n`` draft self-evaluations saved with scoring and with ``score`` a no-op,
	the two taking turns record by record, each save in a transaction of its
	own rolled back afterwards (a second update of the same rows in one
	transaction is cheaper and would favour whichever goes second). The ratio
	is the median of the pairs' ratios: a busy moment of the shared machine
	falls on both saves of a pair, not on one mode."""
	names = frappe.get_all(
		"Performance Evaluation",
		filters={
			"performance_year": year,
			"docstatus": 0,
			"workflow_state": chain("Performance Evaluation").initial,
		},
		pluck="name",
		order_by="name",
		limit=n,
	)
	if not names:
		return {"saves": 0}
	stored = dict(
		frappe.get_all(
			"Performance Evaluation",
			filters={"name": ["in", names]},
			fields=["name", "total_score"],
			as_list=True,
		)
	)
	unchanged, bypassed = set(), []

	def save_once(name: str, bypass: bool) -> float:
		doc = frappe.get_doc("Performance Evaluation", name)
		started = time.perf_counter()
		if bypass:
			with replaced(PerformanceEvaluation, "score", lambda self: bypassed.append(self.name)):
				doc.save()
		else:
			doc.save()
		seconds = time.perf_counter() - started
		if not bypass and flt(doc.total_score, 2) == flt(stored[name], 2):
			unchanged.add(name)
		frappe.db.rollback()  # the data stays as generated
		return seconds

	save_once(names[0], False)  # warm: settings and metadata are loaded once per process
	save_once(names[0], True)
	scored, plain, ratios = [], [], []
	for round_ in range(REPEAT):
		for i, name in enumerate(names):
			# the two modes take turns going first, record by record
			pair = {
				bypass: save_once(name, bypass) for bypass in ((i + round_) % 2 == 0, (i + round_) % 2 != 0)
			}
			scored.append(pair[False])
			plain.append(pair[True])
			ratios.append(pair[False] / pair[True])
	return {
		"saves": len(names),
		"repeat": REPEAT,
		"scored_ms": round(statistics.median(scored) * 1000, 2),
		"plain_ms": round(statistics.median(plain) * 1000, 2),
		"ratio": round(statistics.median(ratios), 3),
		"scores_unchanged": len(unchanged),
		"bypassed": len(bypassed),  # saves that went through the no-op instead of scoring
	}


# ---------------------------------------------------------------- export


def measure_export(year: str, n: int = 50) -> dict:
	"""The app's export of ``n`` self-evaluation forms (read from the database,
	checked for permission, laid out, saved) against its floor: the same
	evaluations and indicator rows read by two plain SQL statements, and bare
	openpyxl writing the cells that export produced, read back from its file
	(xlsx_floor.py). The two take turns; the medians are compared. The floor's
	workbook is checked to hold the same cells, values, styles, merges and
	sizes as the export's."""
	names = frappe.get_all(
		"Performance Evaluation",
		filters={"performance_year": year, "docstatus": ["<", 2]},
		pluck="name",
		order_by="budget_unit, project_code",
		limit=n,
	)
	exported = evaluation_workbook(names)  # warm, and the cells the floor writes
	floor_plan = xlsx_floor.plan(load_workbook(io.BytesIO(exported)))
	same = xlsx_floor.cells(load_workbook(io.BytesIO(exported))) == xlsx_floor.cells(
		load_workbook(io.BytesIO(xlsx_floor.write(floor_plan)))
	)
	times = {"export": [], "read": [], "write": []}
	for round_ in range(REPEAT):
		for floor in (round_ % 2 == 1, round_ % 2 == 0):
			started = time.perf_counter()
			if not floor:
				evaluation_workbook(names)
				times["export"].append(time.perf_counter() - started)
				continue
			read_floor(names)
			read = time.perf_counter()
			xlsx_floor.write(floor_plan)
			times["read"].append(read - started)
			times["write"].append(time.perf_counter() - read)
	export_s, read_s, write_s = (statistics.median(times[part]) for part in ("export", "read", "write"))
	return {
		"forms": len(names),
		"sheets": len(floor_plan.sheets),
		"cells": sum(len(sheet.cells) for sheet in floor_plan.sheets),
		"bytes": len(exported),
		"export_s": round(export_s, 3),
		"floor_read_s": round(read_s, 3),
		"floor_write_s": round(write_s, 3),
		"ratio": round((read_s + write_s) / export_s, 3),
		"same_cells": same,
	}


def read_floor(names: list[str]) -> None:
	"""What the forms show, read with two statements: the evaluations and their indicator rows."""
	frappe.db.sql("select * from `tabPerformance Evaluation` where name in %(names)s", {"names": names})
	frappe.db.sql(
		"""select * from `tabEvaluation Indicator`
		where parenttype = 'Performance Evaluation' and parent in %(names)s order by parent, idx""",
		{"names": names},
	)


# ---------------------------------------------------------------- round


def measure_round(year: str, n: int = 5000) -> dict:
	"""Opening a monitoring round of ``n`` of the year's goals as finance does
	(create_monitoring_round's open_round: the job on the long queue), run by a
	real RQ worker started here and listening before the call (or by any worker of the bench
	already listening), timed from the call until the job has ended. The
	progress the job publishes is counted on Redis as the realtime server
	receives it. A few of the round's records are compared field for field
	with one made alone by the controller; then the round's records are
	deleted (committed) so the data stays as generated."""
	month = free_month(year)
	if month is None:
		return {"error": f"every month of {year} has monitoring records; no round to open"}
	goals = current_goals_without("Performance Monitoring", year, period_end_month=month)[:n]
	if len(goals) < n:
		return {"error": f"{year} has {len(goals)} goals without a monitoring round, not {n}"}
	events = ProgressListener(frappe.local.site)
	events.start()
	last_result = frappe.db.get_value("Performance Year", year, "last_round_result")
	job_id = f"perf_budget_monitoring_round_{year}_{month}"
	worker = None
	try:
		# listening before the click, as a production bench's workers are: the
		# time is the round's, not a worker process starting up
		worker = start_worker()
		queue_drained("long")  # jobs a migrate queued (search index builds) run first
		started = time.perf_counter()
		# as create_monitoring_round opens it, for n of the year's goals
		answer = open_round("Performance Monitoring", year, goals, job_id, period_end_month=month)
		frappe.db.commit()  # what the request does when it returns
		job = wait_for(job_id, started) if answer["queued"] else None
		seconds = time.perf_counter() - started
		time.sleep(0.5)  # the last progress message crosses Redis
	finally:
		events.stop()
		if worker and worker.poll() is None:
			worker.terminate()
			worker.wait(30)
	created = frappe.db.count(
		"Performance Monitoring", {"performance_year": year, "period_end_month": month, "docstatus": 0}
	)
	status = job.get_status() if job else "foreground"
	try:
		same = same_as_alone(year, month, goals[:SAMPLES])
	finally:
		delete_round(year, month)
		frappe.db.set_value("Performance Year", year, "last_round_result", last_result, update_modified=False)
		frappe.db.commit()
	return {
		"goals": len(goals),
		"month": month,
		"seconds": round(seconds, 1),
		"job_status": str(status),
		"job_seconds": round((job.ended_at - job.started_at).total_seconds(), 1)
		if job and job.ended_at
		else None,
		"worker": ran_by(job, worker),
		"created": created,
		"progress_events": events.count,
		"last_percent": events.last_percent,
		"same_as_alone": same,
	}


def free_month(year: str) -> int | None:
	"""The last month of the year no monitoring record (project or department) ends in."""
	taken = set()
	for doctype in MONITORING:
		taken |= set(
			frappe.get_all(
				doctype, filters={"performance_year": year}, pluck="period_end_month", distinct=True
			)
		)
	return next((month for month in range(12, 0, -1) if month not in taken), None)


def start_worker() -> subprocess.Popen:
	"""``bench worker --queue long`` (the same command, from the sites directory),
	returned once it listens on the queue; stopped after the round."""
	log = tempfile.NamedTemporaryFile(prefix="perf-bench-worker-", suffix=".log", delete=False)
	print(f"RQ worker (long queue) started; its log: {log.name}", flush=True)
	worker = subprocess.Popen(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "long"],
		stdout=log,
		stderr=subprocess.STDOUT,
		env={**os.environ, "PYTHONUNBUFFERED": "1"},
	)
	worker.log = log.name
	deadline = time.perf_counter() + 60
	while "Listening on" not in open(log.name, encoding="utf-8").read():
		if worker.poll() is not None or time.perf_counter() > deadline:
			frappe.throw(f"the RQ worker did not start listening; its log: {log.name}")
		time.sleep(0.2)
	return worker


def queue_drained(name: str, timeout: float = 300) -> None:
	"""Returns once the queue holds no job waiting or running."""
	queue = get_queue(name)
	deadline = time.perf_counter() + timeout
	while queue.count or queue.started_job_registry.count:
		if time.perf_counter() > deadline:
			frappe.throw(f"the {name} queue still has jobs after {timeout:g} s")
		time.sleep(0.5)


def ran_by(job, worker: subprocess.Popen | None) -> str:
	"""Which worker ran the job: the one started here, or one the bench already runs
	(scripts/serve-production.sh's), which may take the job first."""
	if job is None:
		return "none (a round this small is made in the request)"
	with open(worker.log, encoding="utf-8") as log:
		ours = job.worker_name and f"rq:worker:{job.worker_name} " in log.read()
	return "the benchmark's worker" if ours else f"another worker of the bench ({job.worker_name})"


def wait_for(job_id: str, started: float):
	job = get_job(job_id)
	if job is None:
		frappe.throw(f"no job {job_id} on the queue")
	while job.get_status(refresh=True) not in ("finished", "failed", "stopped", "canceled"):
		if time.perf_counter() - started > ROUND_TIMEOUT:
			frappe.throw(f"the round's job did not end within {ROUND_TIMEOUT} s")
		time.sleep(0.2)
	job.refresh()  # its start, end and worker
	return job


class ProgressListener:
	"""Counts the site's "progress" events on the Redis channel the realtime server reads."""

	def __init__(self, site: str):
		self.site, self.count, self.last_percent = site, 0, None
		self.pubsub = get_redis_connection_without_auth().pubsub(ignore_subscribe_messages=True)
		self.pubsub.subscribe("events")
		self.stopped = threading.Event()
		self.thread = threading.Thread(target=self.listen, daemon=True)

	def start(self):
		self.thread.start()

	def listen(self):
		while not self.stopped.is_set():
			message = self.pubsub.get_message(timeout=0.2)
			if not message:
				continue
			event = json.loads(message["data"])
			if event.get("namespace") == self.site and event.get("event") == "progress":
				self.count += 1
				self.last_percent = event["message"].get("percent")

	def stop(self):
		self.stopped.set()
		self.thread.join(5)
		self.pubsub.close()


def record_fields(doc) -> dict:
	"""A record's own fields and its rows', without what names or dates it."""

	def own(d):
		return {key: value for key, value in d.as_dict().items() if key not in OWN_FIELDS}

	fields = own(doc)
	fields.pop("indicators")
	return {"record": fields, "rows": [own(row) for row in doc.indicators]}


def same_as_alone(year: str, month: int, goals: list[str]) -> str:
	"""Each sampled goal's round record against the record the controller makes
	for that goal alone (inserted by itself after the round's is deleted, in a
	savepoint rolled back): the same fields, the goal's owner as owner."""
	same = 0
	for goal in goals:
		name = frappe.db.get_value("Performance Monitoring", {"round_key": f"{goal}/{month}"})
		made = frappe.get_doc("Performance Monitoring", name)
		frappe.db.savepoint("benchmark_alone")
		try:
			frappe.delete_doc("Performance Monitoring", name, force=True, ignore_permissions=True)
			alone = frappe.get_doc(
				{"doctype": "Performance Monitoring", "performance_goal": goal, "period_end_month": month}
			).insert(ignore_permissions=True)
			owner = frappe.db.get_value("Performance Goal", goal, "owner")
			if record_fields(made) == record_fields(alone) and made.owner == owner:
				same += 1
			else:
				print(f"Round record {name} differs from one made alone for {goal}", file=sys.stderr)
		finally:
			frappe.db.rollback(save_point="benchmark_alone")
	return f"{same}/{len(goals)}"


def delete_round(year: str, month: int) -> None:
	"""The round's records, their rows and the workflow actions Frappe made for them."""
	for doctype in MONITORING:
		child = frappe.get_meta(doctype).get_field("indicators").options
		frappe.db.sql(
			f"""delete a, r from `tabWorkflow Action` a
			join `tab{doctype}` p on p.name = a.reference_name and a.reference_doctype = %s
			left join `tabWorkflow Action Permitted Role` r
				on r.parent = a.name and r.parenttype = 'Workflow Action'
			where p.performance_year = %s and p.period_end_month = %s""",
			(doctype, year, month),
		)
		frappe.db.sql(
			f"""delete c from `tab{child}` c join `tab{doctype}` p on p.name = c.parent
			where p.performance_year = %s and p.period_end_month = %s and c.parenttype = %s""",
			(year, month, doctype),
		)
		frappe.db.sql(
			f"delete from `tab{doctype}` where performance_year = %s and period_end_month = %s", (year, month)
		)


# ---------------------------------------------------------------- table


def table_rows(results: dict) -> list[tuple[str, str, str, str]]:
	"""(what, measured, target, PASS/MISS) for city.py's table, from
	{"save": measure_saves(…), "export": measure_export(…), "round": measure_round(…)}
	(any of them may be missing)."""
	rows = []

	def verdict(ok: bool) -> str:
		return "PASS" if ok else "MISS"

	save = results.get("save")
	if save is not None:
		if save.get("saves"):
			rows.append(
				(
					f"Evaluation save with scoring vs plain ({save['saves']} drafts × {save['repeat']}, rolled back)",
					f"{save['scored_ms']:.1f} vs {save['plain_ms']:.1f} ms = {save['ratio']:.2f}× "
					f"(scores as generated: {save['scores_unchanged']}/{save['saves']})",
					f"≤ {SAVE_TARGET:g}×",
					verdict(save["ratio"] <= SAVE_TARGET and save["scores_unchanged"] == save["saves"]),
				)
			)
		else:
			rows.append(("Evaluation save with scoring vs plain", "no draft evaluation to save", "", "MISS"))
	export = results.get("export")
	if export is not None:
		rows.append(
			(
				f"Excel export of {export['forms']} self-evaluation forms vs bare openpyxl, same cells",
				f"floor {export['floor_read_s'] + export['floor_write_s']:.2f} s (SQL {export['floor_read_s']:.2f} "
				f"+ openpyxl {export['floor_write_s']:.2f}) / {export['export_s']:.2f} s = {export['ratio']:.2f}× "
				f"({export['cells']:,} cells, {export['bytes'] / 1e6:.1f} MB"
				f"{'' if export['same_cells'] else ', CELLS DIFFER'})",
				f"≥ {EXPORT_TARGET:g}×",
				verdict(export["ratio"] >= EXPORT_TARGET and export["same_cells"]),
			)
		)
	rnd = results.get("round")
	if rnd is not None:
		if "error" in rnd:
			rows.append(("Monitoring round in the background", rnd["error"], f"≤ {ROUND_TARGET:g} s", "MISS"))
		else:
			complete = (
				rnd["created"] == rnd["goals"]
				and rnd["job_status"] in ("finished", "foreground")
				and rnd["same_as_alone"].split("/")[0] == rnd["same_as_alone"].split("/")[1]
			)
			rows.append(
				(
					f"Monitoring round of {rnd['goals']:,} records on an RQ worker (long queue)",
					f"{rnd['seconds']:.1f} s (job {rnd['job_seconds']} s, {rnd['job_status']}, run by {rnd['worker']}), "
					f"{rnd['created']:,} made, {rnd['progress_events']:,} progress events to "
					f"{rnd['last_percent']}%, sample same as made alone {rnd['same_as_alone']}",
					f"≤ {ROUND_TARGET:g} s",
					verdict(rnd["seconds"] <= ROUND_TARGET and complete),
				)
			)
	return rows
