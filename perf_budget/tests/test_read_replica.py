"""The reports, cards, charts and exports are read on the read replica when the
site has one (issue #17): a second MariaDB following this site's database, as
scripts/replica.sh starts it, and the site's read_from_replica config.

Run by scripts/test.sh's replica step only, which starts the replica, sets
PERF_REPLICA_TEST=1 and runs this module alone: there the tests fail when the
site names no replica or the replica does not answer. In the app's whole tier-2
run (no replica, and every other test reads what it has not committed) they are
skipped, and the skip says why.

Proof by lag: with the replica's SQL thread stopped, a self-evaluation accepted
on the primary is not in what the read paths answer; once the thread runs
again and the replica has caught up, it is."""

import io
import json
import os
import unittest
from unittest.mock import patch

import frappe
import pymysql
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import FrappeAPITestCase, make_request
from openpyxl import load_workbook

from perf_budget.dashboard import average_score, grades_by_unit
from perf_budget.exchange.evaluations import export_evaluations
from perf_budget.security.doors import get_chart
from perf_budget.tests.factories import (
	committed,
	make_evaluated_goal,
	make_unit,
	make_year,
	remove_committed,
	session_for,
)

STEP = os.environ.get("PERF_REPLICA_TEST") == "1"
YEAR = "2041"
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


@unittest.skipUnless(
	STEP,
	"needs a read replica: run by scripts/test.sh's replica step (PERF_REPLICA_TEST=1, scripts/replica.sh)",
)
class TestReadReplica(FrappeAPITestCase):
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
		cls.on_replica("START SLAVE SQL_THREAD")  # whatever a failed test left
		cls.replica.close()
		remove_committed(units=(cls.unit,), years=(YEAR,))
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

	def figures(self) -> dict:
		"""What each read path answers about the year, every one as a request
		(the card also as the desk asks for it, over HTTP)."""
		card_filters = json.dumps(
			[
				["Performance Evaluation", "docstatus", "=", "1"],
				["Performance Evaluation", "performance_year", "=", YEAR],
			]
		)
		card = served(average_score, filters=card_filters)
		over_http = make_request(
			target=self.TEST_CLIENT.get,
			args=("/api/method/perf_budget.dashboard.average_score",),
			kwargs={"query_string": {"sid": self.session, "filters": card_filters}},
		)
		chart = served(grades_by_unit, filters=json.dumps({"performance_year": YEAR}))
		door = served(
			get_chart,
			chart=json.dumps(
				{
					"name": "Grades",
					"chart_type": "Group By",
					"group_by_type": "Count",
					"group_by_based_on": "grade",
					"document_type": "Performance Evaluation",
					"type": "Bar",
					"filters_json": json.dumps([["Performance Evaluation", "performance_year", "=", YEAR]]),
				}
			),
		)
		report = served(run_report, "Self-Evaluation Scores", filters={"performance_year": YEAR})
		served(export_evaluations, YEAR)
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
		get_list = frappe.get_list

		def spy(*args, **kwargs):
			seen.append(frappe.db.sql("select @@port, @@server_id, @@read_only")[0])
			return get_list(*args, **kwargs)

		with patch.object(frappe, "get_list", spy):
			served(
				average_score, filters=json.dumps([["Performance Evaluation", "performance_year", "=", YEAR]])
			)
		self.assertEqual(seen, [(int(frappe.conf.replica_db_port), 2, 1)])
		# and back on the primary after it
		self.assertNotEqual(frappe.db.sql("select @@port")[0][0], int(frappe.conf.replica_db_port))

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
