"""The reports, cards, charts and exports are read on the read replica when the
site has one (issue #17): a second MariaDB following this site's database, as
scripts/replica.sh starts it, and the site's read_from_replica config.

Run by scripts/test.sh's replica step only, which starts the replica, sets
PERF_REPLICA_TEST=1 and runs this module alone: there the tests fail when the
site names no replica or the replica does not answer. In the app's whole tier-2
run (no replica, and every other test reads what it has not committed) they are
skipped, and the skip says why.

Proof by lag: with the replica's SQL thread stopped, a self-evaluation accepted
on the primary is not in what a card (in Python and over HTTP), a chart, the
chart door, a report and an export answer; once the thread runs again and the
replica has caught up, it is. And every method the app marks
``@frappe.read_only()`` runs there on records of every kind: one that wrote
would fail, the replica being read-only."""

import ast
import io
import json
import os
import unittest
from pathlib import Path
from unittest.mock import patch

import frappe
import pymysql
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import FrappeAPITestCase, make_request
from openpyxl import load_workbook

from perf_budget import dashboard
from perf_budget.exchange import (
	department,
	disclosure,
	evaluations,
	goals,
	monitoring,
	surveys,
	written_reports,
)
from perf_budget.perf_budget.doctype.performance_interview.performance_interview import suggested_interviews
from perf_budget.rounds import create_records
from perf_budget.security.doors import get_chart
from perf_budget.tests.department_goals import make_department_goal
from perf_budget.tests.factories import (
	committed,
	make_evaluated_goal,
	make_unit,
	make_year,
	remove_committed,
	session_for,
)
from perf_budget.workflow.owners import awaiting_my_review

STEP = os.environ.get("PERF_REPLICA_TEST") == "1"
YEAR = "2041"
EVERY_YEAR, MONTH = "2042", 7
# what every_kind makes beside the goals, monitoring and self-evaluations (removed first)
EVERY_DOCTYPES = (
	"Satisfaction Survey",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Department Performance Goal",
)
UNIT = "只读副本科"
FIRST = {"total_score": 80, "grade": "Good"}
SECOND = {"total_score": 90, "grade": "Excellent"}


def served(method, *args, **kwargs):
	"""``method`` as one request runs it: Frappe connects the replica once per
	request (frappe.connect_replica keeps local.replica_db until the next
	frappe.init), so what an earlier call left is dropped first."""
	forget_replica()
	try:
		return method(*args, **kwargs)
	finally:
		forget_replica()


def root_password() -> str:
	"""The replica's root password (the bench's MariaDB root password, as
	scripts/replica.sh sets it): the test stops and starts replication."""
	if not os.environ.get("DB_ROOT_PASSWORD"):
		raise AssertionError("DB_ROOT_PASSWORD is not set: scripts/test.sh's replica step passes it")
	return os.environ["DB_ROOT_PASSWORD"]


def forget_replica():
	for attribute in ("replica_db", "primary_db"):
		if hasattr(frappe.local, attribute):
			delattr(frappe.local, attribute)


def grade_chart(year: str) -> str:
	"""A dashboard chart sent as JSON (not saved): the year's self-evaluations by grade,
	worked out by the chart door (security/doors.py) past Frappe's shared cache."""
	return json.dumps(
		{
			"name": "Grades",
			"chart_type": "Group By",
			"group_by_type": "Count",
			"group_by_based_on": "grade",
			"document_type": "Performance Evaluation",
			"type": "Bar",
			"filters_json": json.dumps([["Performance Evaluation", "performance_year", "=", year]]),
		}
	)


def every_kind(year: str) -> frappe._dict:
	"""A unit with one record of each kind the read-only methods read: a
	confirmed goal graded Poor (a suggested interview), its monitoring and
	accepted self-evaluation with a survey, a department-wide goal with its
	monitoring and self-evaluation, and a written report."""
	make_year(year)
	v = frappe._dict(unit=make_unit("只读副本全科").name)
	goal, v.evaluation = make_evaluated_goal(
		v.unit, year, "RR-ALL", {"total_score": 55, "grade": "Poor"}, accepted=False
	)
	v.goal = goal.name
	v.monitoring = create_records("Performance Monitoring", [v.goal], {"period_end_month": MONTH})[0]
	v.survey = (
		frappe.get_doc(
			{
				"doctype": "Satisfaction Survey",
				"performance_evaluation": v.evaluation,
				"survey_title": "只读副本问卷",
				"questions": [{"question": "您对项目是否满意"}],
				"responses": [{"respondent": "答卷一", "q1": "满意"}],
			}
		)
		.insert()
		.name
	)
	# accepted once its survey is in (a survey changes only while the unit holds it)
	frappe.db.set_value(
		"Performance Evaluation", v.evaluation, {"docstatus": 1, "workflow_state": "Accepted"}
	)
	department_goal = make_department_goal(v.unit, year)
	department_goal.db_set({"docstatus": 1, "workflow_state": "Confirmed"})
	v.department_goal = department_goal.name
	v.department_monitoring = create_records(
		"Department Performance Monitoring", [v.department_goal], {"period_end_month": MONTH}
	)[0]
	v.department_evaluation = create_records("Department Performance Evaluation", [v.department_goal])[0]
	v.report = (
		frappe.get_doc(
			{
				"doctype": "Performance Report",
				"report_kind": "Self-Evaluation Summary Report",
				"performance_year": year,
				"title": "只读副本总结报告",
			}
		)
		.insert()
		.name
	)
	return v


def read_only_methods() -> set[str]:
	"""Every function of the app decorated with ``@frappe.read_only()``, by its dotted path."""
	root = Path(frappe.get_app_path("perf_budget"))
	found = set()
	for path in root.rglob("*.py"):
		if "tests" in path.relative_to(root).parts or path.name.startswith("test_"):
			continue
		module = ".".join(("perf_budget", *path.relative_to(root).with_suffix("").parts))
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if isinstance(node, ast.FunctionDef) and any(
				ast.unparse(decorator) == "frappe.read_only()" for decorator in node.decorator_list
			):
				found.add(f"{module}.{node.name}")
	return found


@unittest.skipUnless(
	STEP,
	"needs a read replica: run by scripts/test.sh's replica step (PERF_REPLICA_TEST=1, scripts/replica.sh)",
)
class ReplicaTestCase(FrappeAPITestCase):
	"""A site with a read replica that replicates; root on the replica to stop and start it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		conf = frappe.conf
		if not (conf.read_from_replica and conf.replica_host and conf.replica_db_port):
			raise AssertionError(
				f"{frappe.local.site} names no read replica (read_from_replica, replica_host, "
				"replica_db_port): start one with scripts/replica.sh start --site SITE"
			)
		cls.replica = pymysql.connect(
			host=conf.replica_host,
			port=int(conf.replica_db_port),
			user="root",
			password=root_password(),
			autocommit=True,
		)
		threads = cls.on_replica("SHOW SLAVE STATUS", as_dict=True)
		if not threads or (threads[0]["Slave_IO_Running"], threads[0]["Slave_SQL_Running"]) != ("Yes", "Yes"):
			raise AssertionError(f"the replica is not replicating: {threads}")

	@classmethod
	def tearDownClass(cls):
		cls.on_replica("START SLAVE SQL_THREAD")  # whatever a failed test left
		cls.replica.close()
		super().tearDownClass()

	@classmethod
	def on_replica(cls, query: str, as_dict=False):
		with cls.replica.cursor(pymysql.cursors.DictCursor if as_dict else None) as cursor:
			cursor.execute(query)
			return cursor.fetchall()

	@classmethod
	def catch_up(cls):
		position = frappe.db.sql("select @@gtid_binlog_pos")[0][0]
		waited = cls.on_replica(f"select master_gtid_wait('{position}', 30)")[0][0]
		if waited != 0:
			raise AssertionError(f"the replica did not reach the primary's position {position} in 30 s")


class TestReplicaServesTheReadPaths(ReplicaTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def first():
			make_year(YEAR)
			unit = make_unit(UNIT).name
			make_evaluated_goal(unit, YEAR, "RR-1", FIRST)
			return unit

		cls.unit = committed(first)
		cls.session = session_for("Administrator")
		cls.catch_up()

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		remove_committed(units=(cls.unit,), years=(YEAR,))

	def figures(self) -> dict:
		"""What each read path answers about the year, every one as a request
		(the card also as the desk asks for it, over HTTP)."""
		card_filters = json.dumps(
			[
				["Performance Evaluation", "docstatus", "=", "1"],
				["Performance Evaluation", "performance_year", "=", YEAR],
			]
		)
		card = served(dashboard.average_score, filters=card_filters)
		over_http = make_request(
			target=self.TEST_CLIENT.get,
			args=("/api/method/perf_budget.dashboard.average_score",),
			kwargs={"query_string": {"sid": self.session, "filters": card_filters}},
		)
		chart = served(dashboard.grades_by_unit, filters=json.dumps({"performance_year": YEAR}))
		door = served(get_chart, chart=grade_chart(YEAR))
		report = served(run_report, "Self-Evaluation Scores", filters={"performance_year": YEAR})
		served(evaluations.export_evaluations, YEAR)
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		return {
			"card": card["value"],
			"card over HTTP": over_http.json["message"]["value"],
			"chart": {d["name"]: d["values"] for d in chart["datasets"]},
			"door": dict(zip(door["labels"], door["datasets"][0]["values"], strict=True)),
			"report": sorted(row["project_name"] for row in report["result"] if row.get("budget_unit")),
			"export": sorted(sheet["C3"].value for sheet in book.worksheets),
		}

	def test_a_read_only_method_reads_on_the_replica_server(self):
		seen = []
		rows_where = dashboard.rows_where  # the card's one statement

		def spy(*args, **kwargs):
			seen.append(frappe.db.sql("select @@port, @@server_id, @@read_only")[0])
			return rows_where(*args, **kwargs)

		with patch.object(dashboard, "rows_where", spy):
			served(
				dashboard.average_score,
				filters=json.dumps([["Performance Evaluation", "performance_year", "=", YEAR]]),
			)
		self.assertEqual(seen, [(int(frappe.conf.replica_db_port), 2, 1)])
		# and back on the primary after it
		self.assertNotEqual(frappe.db.sql("select @@port")[0][0], int(frappe.conf.replica_db_port))

	def test_a_read_only_method_that_writes_fails(self):
		@frappe.read_only()
		def close_the_year():
			frappe.db.set_value("Performance Year", YEAR, "status", "Closed", update_modified=False)

		with self.assertRaises(pymysql.err.MySQLError) as refused:
			served(close_the_year)
		self.assertEqual(refused.exception.args[0], 1290, refused.exception)  # --read-only
		self.assertEqual(frappe.db.get_value("Performance Year", YEAR, "status"), "Open")

	def test_reports_cards_charts_and_exports_answer_what_the_replica_holds(self):
		one = {
			"card": 80,
			"card over HTTP": 80,
			"chart": {"Excellent": [0], "Good": [1], "Fair": [0], "Poor": [0]},
			"door": {"Good": 1},
			"report": ["测试培训项目RR-1"],
			"export": ["测试培训项目RR-1"],
		}
		self.assertEqual(self.figures(), one)
		self.on_replica("STOP SLAVE SQL_THREAD")
		try:
			committed(lambda: make_evaluated_goal(self.unit, YEAR, "RR-2", SECOND))
			self.assertEqual(
				frappe.db.count("Performance Evaluation", {"performance_year": YEAR, "docstatus": 1}), 2
			)
			# the primary holds the second one; the read paths answer without it
			self.assertEqual(self.figures(), one)
		finally:
			self.on_replica("START SLAVE SQL_THREAD")
		self.catch_up()
		self.assertEqual(
			self.figures(),
			{
				"card": 85,
				"card over HTTP": 85,
				"chart": {"Excellent": [1], "Good": [1], "Fair": [0], "Poor": [0]},
				"door": {"Excellent": 1, "Good": 1},
				"report": ["测试培训项目RR-1", "测试培训项目RR-2"],
				"export": ["测试培训项目RR-1", "测试培训项目RR-2"],
			},
		)


class TestEveryReadOnlyMethodOnTheReplica(ReplicaTestCase):
	"""Each method the app marks read-only answers from the replica (a write
	there fails: MariaDB's --read-only) on records of every kind."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.v = committed(lambda: every_kind(EVERY_YEAR))
		cls.catch_up()

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()

		def unwind():
			# a survey is deleted only while its self-evaluation is back with the unit
			frappe.db.set_value(
				"Performance Evaluation", cls.v.evaluation, {"docstatus": 0, "workflow_state": "Draft"}
			)
			frappe.delete_doc("Performance Report", cls.v.report, force=True, ignore_permissions=True)

		committed(unwind)
		remove_committed(units=(cls.v.unit,), years=(EVERY_YEAR,), records=EVERY_DOCTYPES)

	def calls(self) -> dict:
		"""Dotted path of each read-only method → a request that runs it."""
		v, year, month = self.v, EVERY_YEAR, MONTH
		in_year = json.dumps({"performance_year": year})

		def card(doctype):
			return json.dumps([[doctype, "performance_year", "=", year]])

		return {
			"perf_budget.dashboard.average_score": (
				dashboard.average_score,
				{"filters": card("Performance Evaluation")},
			),
			"perf_budget.dashboard.department_average_score": (
				dashboard.department_average_score,
				{"filters": card("Department Performance Evaluation")},
			),
			"perf_budget.dashboard.advised_budget": (
				dashboard.advised_budget,
				{"filters": card("Budget Advice")},
			),
			"perf_budget.dashboard.overdue_rectifications": (dashboard.overdue_rectifications, {}),
			"perf_budget.dashboard.assessments_awaiting_finance": (
				dashboard.assessments_awaiting_finance,
				{"filters": card("Ex-ante Assessment")},
			),
			"perf_budget.dashboard.lights_by_unit": (dashboard.lights_by_unit, {"filters": in_year}),
			"perf_budget.dashboard.grades_by_unit": (dashboard.grades_by_unit, {"filters": in_year}),
			"perf_budget.dashboard.grade_distribution": (dashboard.grade_distribution, {"filters": in_year}),
			"perf_budget.dashboard.advice_by_action": (dashboard.advice_by_action, {"filters": in_year}),
			"perf_budget.dashboard.department_goals_by_state": (
				dashboard.department_goals_by_state,
				{"filters": in_year},
			),
			"perf_budget.dashboard.exante_conclusions": (dashboard.exante_conclusions, {"filters": in_year}),
			"perf_budget.workflow.owners.awaiting_my_review": (awaiting_my_review, {}),
			"perf_budget.security.doors.chart_past_cache": (get_chart, {"chart": grade_chart(year)}),
			"perf_budget.perf_budget.doctype.performance_interview.performance_interview.suggested_interviews": (
				suggested_interviews,
				{"performance_year": year},
			),
			"perf_budget.exchange.goals.export_goal": (goals.export_goal, {"name": v.goal}),
			"perf_budget.exchange.goals.export_goals": (goals.export_goals, {"performance_year": year}),
			"perf_budget.exchange.monitoring.export_monitoring": (
				monitoring.export_monitoring,
				{"name": v.monitoring},
			),
			"perf_budget.exchange.monitoring.export_round": (
				monitoring.export_round,
				{"performance_year": year, "period_end_month": month},
			),
			"perf_budget.exchange.evaluations.export_evaluation": (
				evaluations.export_evaluation,
				{"name": v.evaluation},
			),
			"perf_budget.exchange.evaluations.export_evaluations": (
				evaluations.export_evaluations,
				{"performance_year": year},
			),
			"perf_budget.exchange.evaluations.export_department_summary": (
				evaluations.export_department_summary,
				{"performance_year": year},
			),
			"perf_budget.exchange.department.export_department_goal": (
				department.export_department_goal,
				{"name": v.department_goal},
			),
			"perf_budget.exchange.department.export_department_goals": (
				department.export_department_goals,
				{"performance_year": year},
			),
			"perf_budget.exchange.department.export_department_monitoring": (
				department.export_department_monitoring,
				{"name": v.department_monitoring},
			),
			"perf_budget.exchange.department.export_department_monitorings": (
				department.export_department_monitorings,
				{"performance_year": year, "period_end_month": month},
			),
			"perf_budget.exchange.department.export_department_evaluation": (
				department.export_department_evaluation,
				{"name": v.department_evaluation},
			),
			"perf_budget.exchange.department.export_department_evaluations": (
				department.export_department_evaluations,
				{"performance_year": year},
			),
			"perf_budget.exchange.disclosure.export_disclosure_package": (
				disclosure.export_disclosure_package,
				{"performance_year": year},
			),
			"perf_budget.exchange.surveys.download_template": (surveys.download_template, {"name": v.survey}),
			"perf_budget.exchange.written_reports.download_word": (
				written_reports.download_word,
				{"name": v.report},
			),
		}

	def test_the_calls_cover_every_read_only_method(self):
		self.assertEqual(set(self.calls()), read_only_methods())

	def test_every_read_only_method_runs_on_the_replica(self):
		for path, (method, kwargs) in self.calls().items():
			with self.subTest(path):
				frappe.local.response = frappe._dict()
				answer = served(method, **kwargs)
				# a download answers with its file, the rest with figures (a chart with none: {})
				self.assertTrue(frappe.local.response.get("filecontent") or answer is not None, path)
