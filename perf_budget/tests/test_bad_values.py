"""No value is changed silently (issue 11): the bad values the probe sent
through the desk's and REST's doors, over HTTP as a unit user, each refused
with its message and nothing stored; rule errors, malformed JSON, dates out
of order and oversized records answered with a message, fast, never a 500
or a traceback."""

import json
import re
import time

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.security.values import MAX_ROWS, check_values
from perf_budget.tests.factories import (
	goal_indicators,
	make_goal,
	make_unit,
	make_user,
	make_year,
	session_for,
)

YEAR = "2076"
USER = "badvalues.user@perf.test"
ZH_USER = "badvalues.zh@perf.test"  # a unit user whose desk is in Chinese
STORED = {"fiscal_amount": 80.0, "other_amount": 20.0, "total_amount": 100.0}


class TestBadValues(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_year(YEAR)
		cls.unit = make_unit("坏值科").name
		make_user(USER, unit=cls.unit)
		make_user(ZH_USER, unit=cls.unit)
		frappe.db.set_value("User", ZH_USER, "language", "zh")
		frappe.cache.hdel("lang", ZH_USER)
		cls.goal = make_goal(cls.unit, year=YEAR, project_code="BAD-1").name
		confirmed = make_goal(cls.unit, year=YEAR, project_code="BAD-2")
		frappe.db.set_value(
			"Performance Goal",
			confirmed.name,
			{"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"},
		)
		cls.monitoring = (
			frappe.get_doc(
				{
					"doctype": "Performance Monitoring",
					"performance_goal": confirmed.name,
					"period_end_month": 7,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.unit_sid, cls.admin_sid = session_for(USER), session_for("Administrator")
		cls.zh_sid = session_for(ZH_USER)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for doctype in ("Performance Monitoring", "Performance Goal"):
			for name in frappe.get_all(doctype, filters={"budget_unit": cls.unit}, pluck="name"):
				frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		# the year, unit and user stay for the next run (the factories reuse them):
		# deleting a unit rewrites the whole unit tree under lock, which other
		# modules running on the same site at the same time would wait for
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# -- over HTTP -----------------------------------------------------------------
	def call(self, method, sid=None, **args):
		"""A whitelisted method over HTTP as the unit user (form-encoded, as the desk sends)."""
		args = {k: frappe.as_json(v) if isinstance(v, dict | list) else v for k, v in args.items()}
		return make_request(
			target=self.TEST_CLIENT.post,
			args=(f"/api/method/{method}",),
			kwargs={"data": {**args, "sid": sid or self.unit_sid}},
		)

	def put(self, doctype, name, values: dict):
		"""A REST update as the unit user. NaN and ±Infinity go as JSON literals,
		which Python's parser (and so Frappe's) accepts."""
		return self.put_body(doctype, name, json.dumps({**values, "sid": self.unit_sid}))

	def put_body(self, doctype, name, body: str):
		return make_request(
			target=self.TEST_CLIENT.put,
			args=(f"/api/resource/{doctype}/{name}",),
			kwargs={"data": body, "headers": {"Content-Type": "application/json"}},
		)

	def assertRefused(self, response, message, status=417):
		answer = response.json or {}
		self.assertEqual(response.status_code, status, response.get_data(as_text=True)[:600])
		shown = [json.loads(m)["message"] for m in json.loads(answer.get("_server_messages") or "[]")]
		self.assertIn(message, "<br>".join(shown))
		self.assertFalse(
			{"exc", "exception", "_exc_source"} & set(answer), "a traceback reached the unit user"
		)

	def assertGoalUnchanged(self):
		stored = frappe.db.get_value("Performance Goal", self.goal, list(STORED), as_dict=True)
		self.assertEqual(dict(stored), STORED)

	def full_goal(self, **values) -> dict:
		"""The goal as the desk sends it to frappe.client.save, with ``values``."""
		doc = frappe.get_doc("Performance Goal", self.goal).as_dict(convert_dates_to_str=True)
		return json.loads(frappe.as_json({**doc, **values}))

	# -- numbers -------------------------------------------------------------------
	def test_numbers_that_are_not_numbers_are_refused_through_rest(self):
		for value, quoted in (
			("NaN", "NaN"),
			(float("nan"), "NaN"),
			("Infinity", "Infinity"),
			(float("-inf"), "-Infinity"),
			("一百万", "一百万"),
			("abc", "abc"),
			([1, 2], "[1, 2]"),
			(True, "True"),
		):
			with self.subTest(value=value):
				response = self.put("Performance Goal", self.goal, {"fiscal_amount": value})
				self.assertRefused(response, f"Fiscal Funds must be a number, not “{quoted}”.")
		self.assertGoalUnchanged()

	def test_amounts_beyond_the_limit_are_refused_not_a_data_error(self):
		for value, shown in ((1e308, "1e+308"), (1e20, "1e+20"), (1e12, "1000000000000.0"), ("1e26", "1e26")):
			with self.subTest(value=value):
				response = self.put("Performance Goal", self.goal, {"other_amount": value})
				self.assertRefused(response, f"Other Funds must be between 0 and 1,000,000,000, not {shown}.")
		self.assertRefused(
			self.put("Performance Goal", self.goal, {"other_amount": -5}),
			"Other Funds must be between 0 and 1,000,000,000, not -5.",
		)
		self.assertGoalUnchanged()

	def test_the_desk_and_frappe_client_refuse_bad_amounts(self):
		response = self.call("frappe.client.save", doc=self.full_goal(fiscal_amount=1e308))
		self.assertRefused(response, "Fiscal Funds must be between 0 and 1,000,000,000, not 1e+308.")
		response = self.call(
			"frappe.desk.form.save.savedocs", doc=self.full_goal(other_amount="Infinity"), action="Save"
		)  # the desk form's save
		self.assertRefused(response, "Other Funds must be a number, not “Infinity”.")
		response = self.call(
			"frappe.client.set_value",
			doctype="Performance Goal",
			name=self.goal,
			fieldname="fiscal_amount",
			value="一百万",
		)
		self.assertRefused(response, "Fiscal Funds must be a number, not “一百万”.")
		self.assertGoalUnchanged()
		goals = frappe.db.count("Performance Goal", {"budget_unit": self.unit})
		new = {
			"doctype": "Performance Goal",
			"performance_year": YEAR,
			"budget_unit": self.unit,
			"project_code": "BAD-NEW",
			"project_name": "坏值新项目",
			"budget_type": "Annual",
			"fiscal_amount": "Infinity",
			"indicators": goal_indicators(),
		}
		self.assertRefused(
			self.call("frappe.client.insert", doc=new), "Fiscal Funds must be a number, not “Infinity”."
		)
		self.assertEqual(frappe.db.count("Performance Goal", {"budget_unit": self.unit}), goals)

	def test_indicator_values_are_refused_with_their_row(self):
		rows = goal_indicators()
		rows[1]["target_value"] = "九十五"
		response = self.call("frappe.client.save", doc=self.full_goal(indicators=rows))
		self.assertRefused(response, "Indicators row 2: Target Value must be a number, not “九十五”.")
		self.assertEqual(
			frappe.get_all(
				"Goal Indicator",
				filters={"parent": self.goal},
				fields=["target_value"],
				order_by="idx",
				pluck="target_value",
			),
			[500.0, 95.0, 100.0, 0.0, 90.0],
		)

	def test_refusals_speak_the_users_language(self):
		rows = goal_indicators()
		rows[1]["target_value"] = "九十五"
		response = self.call(
			"frappe.client.save", sid=self.zh_sid, doc=self.full_goal(fiscal_amount="NaN", indicators=rows)
		)
		self.assertRefused(
			response, "财政资金应为数字，不能是“NaN”。<br>绩效指标第2行：指标值应为数字，不能是“九十五”。"
		)
		self.assertRefused(
			self.call("frappe.client.save", sid=self.zh_sid, doc="{bad"),
			"参数 doc 不是有效的 JSON（第 2 个字符处有误）。",
			status=400,
		)
		self.assertGoalUnchanged()

	def test_a_value_read_as_the_number_it_stands_for(self):
		response = self.put("Performance Goal", self.goal, {"fiscal_amount": "1,234.5"})
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:600])
		self.assertEqual(
			frappe.db.get_value("Performance Goal", self.goal, ["fiscal_amount", "total_amount"]),
			(1234.5, 1254.5),
		)
		frappe.db.set_value("Performance Goal", self.goal, dict(STORED))
		frappe.db.commit()

	def test_server_paths_refuse_the_same_values(self):
		"""Imports and rounds save documents in the server: the same check holds."""
		doc = frappe.get_doc("Performance Goal", self.goal)
		doc.fiscal_amount = float("nan")
		self.assertRaisesRegex(frappe.ValidationError, "Fiscal Funds must be a number, not “NaN”", doc.save)
		monitoring = frappe.get_doc("Performance Monitoring", self.monitoring)
		monitoring.period_end_month = "7.5"
		self.assertRaisesRegex(frappe.ValidationError, "must be a whole number, not “7.5”", monitoring.save)

	def test_a_figure_computed_beyond_its_column_is_refused(self):
		"""The execution rate of a tiny budget (0.01 万元 against 10^9 spent) would
		be 10^13 %, more than decimal(21,9) holds: what the controller computed is
		checked before it is written (the hook's second pass)."""
		doc = frappe.get_doc("Performance Monitoring", self.monitoring)
		doc.execution_rate = 1e13
		self.assertRaisesRegex(
			frappe.ValidationError,
			"Execution Rate works out at 10000000000000.0, more than can be stored",
			check_values,
			doc,
			"before_save",
		)

	# -- rule errors ---------------------------------------------------------------
	def test_a_rule_error_is_a_message_not_a_500(self):
		doc = frappe.get_doc("Performance Monitoring", self.monitoring).as_dict(convert_dates_to_str=True)
		doc = json.loads(frappe.as_json(doc))
		# money left empty: the rule that refuses is the indicator's
		doc.update({"annual_budget": None, "executed_amount": None, "expected_full_year": None})
		doc["indicators"][0]["likelihood"] = "Perhaps"
		response = self.call("frappe.client.save", doc=doc)
		self.assertRefused(response, "Unknown likelihood Perhaps")
		self.assertIsNone(
			frappe.db.get_value("Monitoring Indicator", {"parent": self.monitoring, "idx": 1}, "likelihood")
		)

	# -- malformed JSON ------------------------------------------------------------
	def test_malformed_json_arguments_are_answered_400(self):
		self.assertRefused(
			self.call("frappe.client.save", doc="{bad"),
			"The argument doc is not valid JSON (at character 2).",
			status=400,
		)
		self.assertRefused(
			self.call("frappe.client.get_list", doctype="Performance Goal", filters="["),
			"The argument filters is not valid JSON (at character 2).",
			status=400,
		)
		self.assertRefused(
			self.put_body("Performance Goal", self.goal, f'{{"sid": "{self.unit_sid}", bad'),
			"The request body is not valid JSON.",
			status=400,
		)
		self.assertGoalUnchanged()

	def test_text_where_rows_belong_is_refused(self):
		response = self.call(
			"frappe.client.set_value",
			doctype="Performance Goal",
			name=self.goal,
			fieldname="indicators",
			value="abc",
		)
		self.assertRefused(response, "Indicators must be a list of rows.")

	# -- dates, text, rows -----------------------------------------------------------
	def test_a_project_cannot_end_before_it_starts(self):
		self.assertRefused(
			self.put(
				"Performance Goal",
				self.goal,
				{"period_start": f"{YEAR}-12-01", "period_end": f"{YEAR}-01-31"},
			),
			f"Project Period To ({YEAR}-01-31) cannot be before Project Period From ({YEAR}-12-01).",
		)
		self.assertRefused(
			self.put("Performance Goal", self.goal, {"period_end": "2026-02-30"}),
			"Project Period To must be a date such as 2026-06-30, not “2026-02-30”.",
		)
		self.assertEqual(
			frappe.db.get_value("Performance Goal", self.goal, ["period_start", "period_end"]), (None, None)
		)

	def test_dates_of_every_record_stay_in_order(self):
		base = {"performance_year": YEAR, "budget_unit": self.unit}
		rectification = {
			**base,
			"doctype": "Rectification",
			"source_description": "测试来源",
			"problem": "问题",
			"requirement": "整改",
			"result_date": f"{YEAR}-05-10",
			"due_date": f"{YEAR}-05-01",
		}
		interview = {
			**base,
			"doctype": "Performance Interview",
			"reason": "Other",
			"interview_form": "Individual",
			"interview_date": f"{YEAR}-06-01",
			"follow_up_date": f"{YEAR}-05-01",
			"matters": "约谈事项",
			"interviewers": [{"participant_name": "约谈人"}],
			"interviewees": [{"participant_name": "被约谈人"}],
		}
		referral = {
			**base,
			"doctype": "Accountability Referral",
			"referral_date": f"{YEAR}-08-01",
			"outcome_date": f"{YEAR}-07-01",
			"outcome": "处理结果",
			"referred_to": "纪检部门",
			"legal_basis": "Other",
			"facts": "事实",
		}
		for values, message in (
			(rectification, f"Rectification Due ({YEAR}-05-01) cannot be before Result Date ({YEAR}-05-10)."),
			(interview, f"Follow-Up Date ({YEAR}-05-01) cannot be before Interview Date ({YEAR}-06-01)."),
			(referral, f"Outcome Date ({YEAR}-07-01) cannot be before Referral Date ({YEAR}-08-01)."),
		):
			with self.subTest(doctype=values["doctype"]):
				self.assertRaisesRegex(
					frappe.ValidationError, re.escape(message), frappe.get_doc(values).insert
				)
				self.assertEqual(frappe.db.count(values["doctype"], {"budget_unit": self.unit}), 0)
		year = frappe.get_doc("Performance Year", YEAR)
		year.update({"goal_deadline": f"{YEAR}-03-01", "evaluation_deadline": f"{YEAR}-01-31"})
		message = (
			f"Self-Evaluation Deadline ({YEAR}-01-31) cannot be before Goal Filing Deadline ({YEAR}-03-01)."
		)
		self.assertRaisesRegex(frappe.ValidationError, re.escape(message), year.save)
		year.reload()
		year.append("monitoring_rounds", {"period_end_month": 7, "deadline": f"{YEAR}-07-15"})
		message = f"Monitoring round row 1: the deadline {YEAR}-07-15 comes before months 1 to 7 are over."
		self.assertRaisesRegex(frappe.ValidationError, re.escape(message), year.save)
		self.assertEqual(frappe.db.count("Performance Year Round", {"parent": YEAR}), 0)

	def test_paragraphs_beyond_the_limit_are_refused(self):
		long_text = "预算绩效" * 17_500  # 70,000 characters, over 64 KB in the column
		response = self.put("Performance Goal", self.goal, {"basis": long_text})
		self.assertRefused(
			response, "Basis for the Project has 70,000 characters; at most 10,000 are allowed."
		)
		self.assertIsNone(frappe.db.get_value("Performance Goal", self.goal, "basis"))

	def test_too_many_indicator_rows_are_refused_fast(self):
		row = {**goal_indicators()[0], "weight": 0.1}
		rows = [{**row, "indicator_name": f"指标{i}"} for i in range(10_000)]
		doc = json.dumps(self.full_goal(indicators=rows[: MAX_ROWS + 1]))
		started = time.monotonic()
		response = self.call("frappe.client.save", doc=doc)  # the desk's door
		self.assertLess(time.monotonic() - started, 1.0)
		self.assertRefused(response, f"Indicators can have at most {MAX_ROWS} rows, not {MAX_ROWS + 1}.")
		started = time.monotonic()
		response = self.put("Performance Goal", self.goal, {"indicators": rows})  # a REST client's
		self.assertLess(time.monotonic() - started, 1.0)
		self.assertRefused(response, f"Indicators can have at most {MAX_ROWS} rows, not 10000.")
		self.assertEqual(frappe.db.count("Goal Indicator", {"parent": self.goal}), 5)
		goal = frappe.get_doc("Performance Goal", self.goal)  # an import's door
		goal.extend("indicators", rows[:MAX_ROWS])
		started = time.monotonic()
		self.assertRaisesRegex(
			frappe.ValidationError, f"at most {MAX_ROWS} rows, not {MAX_ROWS + 5}", goal.save
		)
		self.assertLess(time.monotonic() - started, 1.0)

	# -- tracebacks ------------------------------------------------------------------
	def test_only_a_system_manager_gets_a_traceback(self):
		doc = self.full_goal(fiscal_amount="NaN")
		unit_answer = self.call("frappe.client.save", doc=doc)
		self.assertRefused(unit_answer, "Fiscal Funds must be a number")
		# an unexpected error (an unknown column in the sort order) is a bare 500
		crash = self.call("frappe.client.get_list", doctype="Performance Goal", order_by="no_such desc")
		self.assertEqual((crash.status_code, set(crash.json)), (500, {"exc_type"}))
		admin_answer = self.call("frappe.client.save", sid=self.admin_sid, doc=doc)
		self.assertEqual(admin_answer.status_code, 417)
		self.assertIn("exc", admin_answer.json)
