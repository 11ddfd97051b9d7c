"""The demo site is served as Frappe runs in production (scripts/serve-production.sh):
several gunicorn workers answer; Frappe's own System Health Report, read by the
System Manager, finds the RQ workers of the short/default and long queues, the
scheduler enabled with no job overdue, and a job enqueued through the site done
by a worker; the desk's realtime connection reaches the socketio server through
nginx; a report run in the background (a Prepared Report, on the long queue)
finishes on a worker and its realtime event reaches the browser."""

import json
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import psutil
import pytest

from perf_budget.demo.bureau import DEMO_PASSWORD

SYSTEM_MANAGER = "sysadmin@perf.local"
# the bench's virtualenv runs these tests: the bench is its parent
BENCH_DIR = Path(sys.prefix).parent


def poll(check, seconds: float, every: float = 2):
	"""check()'s first truthy answer within ``seconds`` (the last answer otherwise)."""
	deadline = time.monotonic() + seconds
	while not (answer := check()) and time.monotonic() < deadline:
		time.sleep(every)
	return answer


@pytest.fixture(scope="module")
def served(base_url) -> Path:
	"""The folder of pid files and logs of the serving PERF_BASE_URL's port."""
	port = str(urlparse(base_url).port)
	for run in BENCH_DIR.glob("logs/production-*"):
		if (
			(run / "port").is_file()
			and (run / "port").read_text().strip() == port
			and (run / "web.pid").is_file()
		):
			return run
	pytest.fail(f"port {port} is not served by scripts/serve-production.sh")


@pytest.fixture
def api(browser, base_url):
	context = browser.new_context(base_url=base_url)
	context.request.post("/api/method/login", data={"usr": SYSTEM_MANAGER, "pwd": DEMO_PASSWORD})
	yield context.request
	context.close()


def call(api, method: str, **params):
	response = api.get(f"/api/method/{method}", params=params)
	assert response.ok, response.text()
	return response.json().get("message")


def test_several_gunicorn_workers_answer(served, base_url):
	master = psutil.Process(int((served / "web.pid").read_text()))
	workers = {child.pid for child in master.children()}
	assert len(workers) == int((served / "web.workers").read_text()) >= 2
	# gunicorn's access log names the worker that answered each request
	probe = uuid.uuid4().hex
	with ThreadPoolExecutor(len(workers) * 2) as pool:
		answers = list(
			pool.map(
				lambda i: urlopen(f"{base_url}/api/method/ping?probe={probe}-{i}").read(),
				range(len(workers) * 4),
			)
		)
	assert set(answers) == {b'{"message":"pong"}'}
	answered_by = {
		int(line.split(">", 1)[0].lstrip("<"))
		for line in (served / "web.access.log").read_text().splitlines()
		if f"probe={probe}-" in line
	}
	assert len(answered_by) >= 2
	assert answered_by <= workers


def test_system_health_report_finds_workers_scheduler_and_a_finished_job(api, served):
	def caught_up():
		health = call(api, "frappe.client.get", doctype="System Health Report", name="System Health Report")
		return health if health["oldest_unscheduled_job"] is None else None

	# the first tick after a start runs what fell due while no scheduler ran
	health = poll(caught_up, 180, every=5)
	assert health, "a scheduled job is overdue: the scheduler does not tick"
	assert health["scheduler_status"] == "active"
	# this server's RQ workers, each on the queues it was started for, are registered
	registered = {
		worker["pid"]: worker["queue_type"]
		for worker in call(api, "frappe.client.get_list", doctype="RQ Worker", fields='["pid", "queue_type"]')
	}
	started = {
		int((served / f"{queues.stem}.pid").read_text()): queues.read_text().strip()
		for queues in served.glob("worker-*.queues")
	}
	assert {"short,default", "long,default,short"} <= set(started.values())
	# Redis keeps a killed worker's registration until its heartbeat times out
	scheduler = int((served / "schedule.pid").read_text())
	assert all(psutil.pid_exists(pid) for pid in [*started, scheduler])
	assert started.items() <= registered.items()
	# the health report enqueued frappe.ping through the site; a worker does it
	status = poll(
		lambda: (
			call(
				api,
				"frappe.desk.doctype.system_health_report.system_health_report.get_job_status",
				job_id=health["test_job_id"],
			)
			== "finished"
		),
		60,
		every=1,
	)
	assert status, "the health report's job was not done by a worker"


def test_desk_realtime_goes_through_nginx_to_socketio(page, login):
	login(SYSTEM_MANAGER)
	page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected")
	# the socketio server answers the desk's ping (Frappe's own health check)
	pong = page.evaluate(
		"""() => new Promise((resolve) => {
			frappe.realtime.socket.once("pong", () => resolve("pong"));
			frappe.realtime.emit("ping");
		})"""
	)
	assert pong == "pong"
	page.wait_for_function("() => frappe.realtime.socket.io.engine.transport.name === 'websocket'")


def test_background_report_runs_on_a_worker_and_its_event_reaches_the_browser(page, login, api):
	login(SYSTEM_MANAGER)
	name = page.evaluate(
		"""async () => {
			window.perf_reports_generated = [];
			frappe.realtime.on("report_generated", (data) => window.perf_reports_generated.push(data.name));
			const made = await frappe.xcall(
				"frappe.core.doctype.prepared_report.prepared_report.make_prepared_report",
				{report_name: "Submission Completeness", filters: {performance_year: frappe.boot.perf_budget_year}},
			);
			return made.name;
		}"""
	)
	try:
		page.wait_for_function(
			"(name) => window.perf_reports_generated.includes(name)", arg=name, timeout=120_000
		)
		prepared = call(api, "frappe.client.get", doctype="Prepared Report", name=name)
		assert prepared["status"] == "Completed", prepared.get("error_message")
		# set from RQ's current job: the report ran on a worker, not in the request
		assert prepared["job_id"]
		assert json.loads(prepared["filters"])["performance_year"]
	finally:
		api.post(
			"/api/method/frappe.core.doctype.prepared_report.prepared_report.delete_prepared_reports",
			data={"reports": json.dumps([{"name": name}])},
		)
