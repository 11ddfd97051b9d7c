"""Rounds and rectifications made twice at the same moment (issue 11, item 5):
two finance officers, or a double click, send the same request together. Each
request runs over HTTP on its own database connection (Frappe's test client
serves every request in its own thread); both pass a point where they have
read what is there (nothing) before either writes, the worst case of a check-
then-insert. The database's unique keys decide. Also: a round takes the valid
goals, names the refused ones to the person who opened it and on the year,
and a re-run finishes it; the migration keys existing records."""

import re
import threading
import time
from unittest.mock import patch

import frappe
from frappe.tests.test_api import FrappeAPITestCase, ThreadWithReturnValue
from frappe.utils import get_test_client

from perf_budget import rounds
from perf_budget.perf_budget.doctype.budget_advice import budget_advice
from perf_budget.perf_budget.doctype.performance_evaluation import performance_evaluation
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_interview import performance_interview
from perf_budget.perf_budget.doctype.performance_monitoring import performance_monitoring
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.perf_budget.doctype.rectification import rectification
from perf_budget.tests.factories import (
	PREFIX,
	as_user,
	make_goal,
	make_unit,
	make_user,
	make_year,
	session_for,
)

# one year per test, so that a round of one test never sees another's goals
RACE_MONITORING, RACE_EVALUATION, REFUSALS, RACE_RECTIFICATION, MIGRATION, RACE_ADVICE = (
	"2061",
	"2062",
	"2063",
	"2064",
	"2065",
	"2060",
)
YEARS = (RACE_MONITORING, RACE_EVALUATION, REFUSALS, RACE_RECTIFICATION, MIGRATION, RACE_ADVICE)
OFFICER, FINANCE_HEAD, USER = (
	"rounds.officer@perf.test",
	"rounds.finhead@perf.test",
	"rounds.user@perf.test",
)
UNIT = "轮次科"
CODES = ("RD-1", "RD-2", "RD-3")
METHOD = "perf_budget.perf_budget.doctype"
MONITORING_ROUND = f"{METHOD}.performance_monitoring.performance_monitoring.create_monitoring_round"
EVALUATION_ROUND = f"{METHOD}.performance_evaluation.performance_evaluation.create_evaluation_round"
MAKE_RECTIFICATION = f"{METHOD}.rectification.rectification.make_rectification"
MAKE_RECTIFICATIONS = f"{METHOD}.performance_interview.performance_interview.make_rectifications"
CREATE_ADVICE = f"{METHOD}.budget_advice.budget_advice.create_budget_advice"
INVALID_OPERATOR = (
	'Row #1: Operator cannot be "≈". It should be one of ">=", ">", "=", "<", "<=", "Qualitative"'
)


def confirmed_goals(unit: str, year: str) -> list[str]:
	"""Three confirmed current goals, as the chain leaves them (the chain is tested elsewhere)."""
	names = []
	for code in CODES:
		frappe.set_user(USER)
		name = make_goal(unit, year=year, project_code=code).name
		frappe.set_user("Administrator")
		frappe.db.set_value(
			"Performance Goal", name, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
		)
		names.append(name)
	return names


def remove_test_data():
	"""Everything the tests committed; again a moment later when another test
	on the shared site holds the same rows (Budget Unit is a tree: adding any
	unit locks its neighbours)."""
	frappe.set_user("Administrator")
	for attempt in range(5):
		frappe.db.rollback()
		try:
			remove_records()
			frappe.db.commit()
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			if attempt == 4:
				raise
			time.sleep(2)


def remove_records():
	for doctype in (
		"Budget Advice",
		"Rectification",
		"Performance Interview",
		"Performance Monitoring",
		"Performance Evaluation",
		"Performance Goal",
	):
		for name in frappe.get_all(doctype, filters={"performance_year": ["in", YEARS]}, pluck="name"):
			frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.delete("Notification Log", {"for_user": ["in", (OFFICER, FINANCE_HEAD)]})
	for year in YEARS:
		if frappe.db.exists("Performance Year", year):
			frappe.delete_doc("Performance Year", year, force=True, ignore_permissions=True)
	for user in (OFFICER, FINANCE_HEAD, USER):
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	unit = f"{PREFIX}{UNIT}"
	if frappe.db.exists("Budget Unit", unit):
		frappe.delete_doc("Budget Unit", unit, force=True, ignore_permissions=True)


class TestRoundsAtOnce(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_test_data()  # what an interrupted run left
		cls.unit = make_unit(UNIT).name
		make_user(USER, unit=cls.unit)
		make_user(OFFICER, roles=("Perf Finance Officer",))
		make_user(FINANCE_HEAD, roles=("Perf Finance Head", "Perf Finance Officer"))
		cls.goals = {}
		for year in YEARS:
			make_year(year, monitoring_rounds=[{"period_end_month": 7, "deadline": f"{year}-08-15"}])
			cls.goals[year] = confirmed_goals(cls.unit, year)
		# the first goal of REFUSALS cannot make a round record: an operator
		# stored before the rules held (written past the goal's own checks)
		cls.invalid_row = frappe.get_doc("Performance Goal", cls.goals[REFUSALS][0]).indicators[0].name
		frappe.db.set_value("Goal Indicator", cls.invalid_row, "operator", "≈")
		cls.sids = {user: session_for(user) for user in (OFFICER, FINANCE_HEAD)}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_test_data()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def post_at_once(self, method: str, wait_in: tuple, user: str = OFFICER, **data) -> list:
		"""POST ``method`` twice at the same moment as ``user``; each request
		waits after ``wait_in`` (an object and the name of a function on it that
		the method calls after reading and before writing) for the other."""
		barrier = threading.Barrier(2, timeout=60)
		owner, attribute = wait_in
		real = getattr(owner, attribute)

		def both_have_read(*args, **kwargs):
			value = real(*args, **kwargs)
			barrier.wait()
			return value

		with patch.object(owner, attribute, both_have_read):
			requests = [
				ThreadWithReturnValue(
					target=get_test_client().post,
					args=(f"/api/method/{method}",),
					kwargs={"data": {**data, "sid": self.sids[user]}},
				)
				for _ in range(2)
			]
			for request in requests:
				request.start()
			responses = [request.join() for request in requests]
		frappe.db.rollback()  # a fresh snapshot: what the two requests committed
		self.assertEqual([r.status_code for r in responses], [200, 200], [r.json for r in responses])
		return [r.json["message"] for r in responses]

	def records(self, doctype: str, year: str, **filters) -> list[str]:
		return frappe.get_all(
			doctype,
			filters={"performance_year": year, **filters},
			pluck="performance_goal",
			order_by="performance_goal",
		)

	# -- concurrency ------------------------------------------------------------
	def test_monitoring_round_opened_twice_at_once_makes_one_record_per_goal(self):
		answers = self.post_at_once(
			MONITORING_ROUND,
			(performance_monitoring, "current_goals_without"),
			performance_year=RACE_MONITORING,
			period_end_month=7,
		)
		self.assertEqual(self.records("Performance Monitoring", RACE_MONITORING), self.goals[RACE_MONITORING])
		self.assertEqual(
			sorted((a["created"], a["refused"]) for a in answers), [(0, []), (3, [])]
		)  # the second found the first's records there
		self.assertEqual(
			create_monitoring_round(RACE_MONITORING, 7), {"queued": 0, "created": 0, "refused": []}
		)

	def test_evaluation_round_opened_twice_at_once_makes_one_per_goal(self):
		answers = self.post_at_once(
			EVALUATION_ROUND,
			(performance_evaluation, "current_goals_without"),
			performance_year=RACE_EVALUATION,
		)
		self.assertEqual(self.records("Performance Evaluation", RACE_EVALUATION), self.goals[RACE_EVALUATION])
		self.assertEqual(sorted(a["created"] for a in answers), [0, 3])

	def test_budget_advice_made_twice_at_once_is_one_per_evaluation(self):
		evaluations = []
		for goal, grade in zip(self.goals[RACE_ADVICE], ("Excellent", "Fair", "Poor"), strict=True):
			name = (
				frappe.get_doc({"doctype": "Performance Evaluation", "performance_goal": goal})
				.insert(ignore_permissions=True)
				.name
			)
			frappe.db.set_value(
				"Performance Evaluation",
				name,
				{"docstatus": 1, "workflow_state": "Accepted", "total_score": 80, "grade": grade},
			)
			evaluations.append(name)
		frappe.db.commit()
		answers = self.post_at_once(
			CREATE_ADVICE, (budget_advice, "evaluations_without_advice"), performance_year=RACE_ADVICE
		)
		made = frappe.get_all(
			"Budget Advice", filters={"performance_year": RACE_ADVICE}, pluck="performance_evaluation"
		)
		self.assertEqual(sorted(made), sorted(evaluations))  # one each, not two
		# both read "none yet"; one made the three, the other found them made
		self.assertEqual(sorted(a["created"] for a in answers), [0, 3])

	def test_rectification_made_twice_at_once_from_one_monitoring_is_one(self):
		monitoring = self.monitoring_needing_rectification()
		answers = self.post_at_once(
			MAKE_RECTIFICATION,
			(rectification, "problem_of"),
			source_doctype="Performance Monitoring",
			source_name=monitoring,
		)
		made = frappe.get_all("Rectification", filters={"source_name": monitoring}, pluck="name")
		self.assertEqual(len(made), 1)
		self.assertEqual(answers, [made[0], made[0]])  # both clicks open the same rectification

	def test_interview_commitments_made_twice_at_once_are_one_rectification_each(self):
		interview = self.submitted_interview()
		answers = self.post_at_once(
			MAKE_RECTIFICATIONS,
			(performance_interview.PerformanceInterview, "check_permission"),
			user=FINANCE_HEAD,
			interview=interview,
		)
		made = frappe.get_all(
			"Rectification", filters={"source_name": interview}, pluck="name", order_by="name"
		)
		self.assertEqual(len(made), 2)
		self.assertEqual(sorted(answers, key=len), [[], made])
		linked = frappe.get_all(
			"Interview Commitment", filters={"parent": interview}, pluck="rectification", order_by="idx"
		)
		self.assertEqual(linked, made)

	def monitoring_needing_rectification(self) -> str:
		frappe.set_user("Administrator")
		name = rounds.create_records(
			"Performance Monitoring", self.goals[RACE_RECTIFICATION][:1], {"period_end_month": 7}
		)[0]
		frappe.db.set_value("Performance Monitoring", name, "rectification_requirement", "一个月内整改")
		frappe.db.commit()
		return name

	def submitted_interview(self) -> str:
		frappe.set_user("Administrator")
		doc = frappe.get_doc(
			{
				"doctype": "Performance Interview",
				"performance_year": RACE_RECTIFICATION,
				"budget_unit": self.unit,
				"reason": "Poor Grade",
				"interview_date": f"{RACE_RECTIFICATION}-03-10",
				"interview_form": "Individual",
				"interviewers": [{"participant_name": "李科长", "position": "财务科科长"}],
				"interviewees": [{"participant_name": "赵主任", "position": "单位负责人"}],
				"matters": "资金执行缓慢",
				"commitments": [
					{"commitment": "两个月内完成采购", "due_date": f"{RACE_RECTIFICATION}-05-10"},
					{"commitment": "建立资金台账", "due_date": f"{RACE_RECTIFICATION}-04-10"},
				],
			}
		).insert()
		doc.submit()
		frappe.db.commit()
		return doc.name

	# -- refusals ---------------------------------------------------------------
	def test_a_round_makes_the_valid_records_and_names_the_refused_project(self):
		invalid, *valid = self.goals[REFUSALS]
		refused = {
			"goal": invalid,
			"budget_unit": self.unit,
			"project_code": "RD-1",
			"project_name": "测试培训项目RD-1",
			"reason": INVALID_OPERATOR,
		}
		answer = as_user(OFFICER, create_monitoring_round, REFUSALS, 7)
		self.assertEqual(answer, {"queued": 0, "created": 2, "refused": [refused]})
		self.assertEqual(self.records("Performance Monitoring", REFUSALS), valid)
		refusal = f"RD-1 测试培训项目RD-1 ({self.unit}): {INVALID_OPERATOR}"
		self.assert_year_result(
			"Monitoring round for months 1 to 7", "2 created, 0 already there, 1 refused.", [refusal]
		)
		self.assertEqual(
			self.notifications(),
			[
				f"Monitoring round for months 1 to 7 of {REFUSALS}: 2 created, 1 refused: RD-1 测试培训项目RD-1"
			],
		)
		# the result names every unit's projects: finance reads it, a unit user does not
		read = lambda user: as_user(user, frappe.client.get, "Performance Year", REFUSALS)  # noqa: E731
		self.assertIn(refusal, read(OFFICER)["last_round_result"])
		self.assertIsNone(read(USER).get("last_round_result"))
		fields = ["name", "last_round_result"]
		listed = as_user(USER, frappe.get_list, "Performance Year", filters={"name": REFUSALS}, fields=fields)
		self.assertEqual(listed, [{"name": REFUSALS}])
		# a re-run makes nothing new and refuses the same goal again
		self.assertEqual(
			as_user(OFFICER, create_monitoring_round, REFUSALS, 7),
			{"queued": 0, "created": 0, "refused": [refused]},
		)
		self.assertEqual(self.records("Performance Monitoring", REFUSALS), valid)
		# once the goal is put right, a re-run finishes the round
		frappe.db.set_value("Goal Indicator", self.invalid_row, "operator", ">=")
		self.assertEqual(
			as_user(OFFICER, create_monitoring_round, REFUSALS, 7), {"queued": 0, "created": 1, "refused": []}
		)
		self.assertEqual(self.records("Performance Monitoring", REFUSALS), sorted(self.goals[REFUSALS]))
		# the two made by the first run were already there
		self.assert_year_result(
			"Monitoring round for months 1 to 7", "1 created, 2 already there, 0 refused.", []
		)

	def test_a_round_in_the_background_tells_who_opened_it_what_was_refused(self):
		with patch.object(rounds, "BACKGROUND_ABOVE", 0), patch.object(rounds.frappe, "enqueue") as enqueue:
			self.assertEqual(
				as_user(OFFICER, create_evaluation_round, REFUSALS),
				{"queued": 3, "created": 0, "refused": []},
			)
		job = enqueue.call_args
		self.assertIs(job.args[0], rounds.create_records)
		# the worker runs the job as the officer who queued it
		job_args = {key: job.kwargs[key] for key in ("doctype", "goals", "values", "performance_year")}
		with patch.object(rounds.frappe, "publish_progress"):
			created = as_user(OFFICER, rounds.create_records, **job_args)
		self.assertEqual(len(created), 2)
		self.assertEqual(self.records("Performance Evaluation", REFUSALS), self.goals[REFUSALS][1:])
		self.assert_year_result(
			"Self-evaluation round",
			"2 created, 0 already there, 1 refused.",
			[f"RD-1 测试培训项目RD-1 ({self.unit}): {INVALID_OPERATOR}"],
		)
		self.assertEqual(
			self.notifications(),
			[f"Self-evaluation round of {REFUSALS}: 2 created, 1 refused: RD-1 测试培训项目RD-1"],
		)

	def assert_year_result(self, title: str, counts: str, refusals: list[str]) -> None:
		heading, *lines = frappe.db.get_value("Performance Year", REFUSALS, "last_round_result").split("\n")
		self.assertRegex(
			heading,
			rf"^\d{{4}}-\d\d-\d\d \d\d:\d\d {re.escape(title)}, opened by rounds\.officer: {re.escape(counts)}$",
		)
		expected = ["Refused (fix the goal, then open the round again):", *refusals] if refusals else []
		self.assertEqual(lines, expected)

	def notifications(self) -> list[str]:
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": OFFICER, "document_type": "Performance Year", "document_name": REFUSALS},
			pluck="subject",
		)

	# -- existing records ---------------------------------------------------------
	def test_migration_keys_existing_records_and_leaves_earlier_duplicates_keyless(self):
		from perf_budget.patches import fill_round_keys

		goal = self.goals[MIGRATION][0]
		monitor = lambda: rounds.create_records("Performance Monitoring", [goal], {"period_end_month": 7})  # noqa: E731
		first = monitor()[0]
		evaluation = rounds.create_records("Performance Evaluation", [goal])[0]
		frappe.db.set_value("Performance Monitoring", first, "rectification_requirement", "一个月内整改")
		made = rectification.make_rectification("Performance Monitoring", first)
		# a site from before the keys: none set, and a duplicate left by a double click
		frappe.db.set_value("Performance Monitoring", first, "round_key", None)
		second = monitor()[0]
		for doctype, name, key in (
			("Performance Monitoring", second, "round_key"),
			("Performance Evaluation", evaluation, "round_key"),
			("Rectification", made, "source_key"),
		):
			frappe.db.set_value(doctype, name, key, None)
		fill_round_keys.execute()
		self.assertEqual(frappe.db.get_value("Performance Monitoring", first, "round_key"), f"{goal}/7")
		self.assertIsNone(frappe.db.get_value("Performance Monitoring", second, "round_key"))
		self.assertEqual(frappe.db.get_value("Performance Evaluation", evaluation, "round_key"), goal)
		self.assertEqual(
			frappe.db.get_value("Rectification", made, "source_key"), f"Performance Monitoring/{first}"
		)
		# keyed now: making the goal's record again finds it there
		self.assertEqual(monitor(), [])
		self.assertEqual(rounds.create_records("Performance Evaluation", [goal]), [])
		self.assertEqual(rectification.make_rectification("Performance Monitoring", first), made)

	def test_a_cancelled_record_gives_its_round_up(self):
		goal = self.goals[MIGRATION][1]
		first = rounds.create_records("Performance Monitoring", [goal], {"period_end_month": 7})[0]
		frappe.db.set_value("Performance Monitoring", first, "docstatus", 1)
		frappe.get_doc("Performance Monitoring", first).cancel()
		self.assertIsNone(frappe.db.get_value("Performance Monitoring", first, "round_key"))
		again = rounds.create_records("Performance Monitoring", [goal], {"period_end_month": 7})
		self.assertEqual(len(again), 1)
		self.assertEqual(frappe.db.get_value("Performance Monitoring", again[0], "round_key"), f"{goal}/7")
