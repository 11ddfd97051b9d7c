# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
	remind_units,
)
from perf_budget.tests.factories import (
	committed,
	confirm_goal,
	make_confirmed_goal,
	make_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2089"
USER, HEAD, OFFICER, OTHER = (
	"mo.user@perf.test",
	"mo.head@perf.test",
	"mo.officer@perf.test",
	"mo.other@perf.test",
)


class TestPerformanceMonitoring(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			year = make_year(YEAR)
			year.append("monitoring_rounds", {"period_end_month": 7, "deadline": f"{YEAR}-08-15"})
			year.save()
			unit = make_unit_people("监控科", USER, HEAD, OFFICER)
			other_unit = make_unit("监控乙科").name
			make_user(OTHER, unit=other_unit)
			return unit, other_unit, make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "MO-1")

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.other_unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def open_round(self, month=7):
		frappe.set_user(OFFICER)
		try:
			return create_monitoring_round(YEAR, month)
		finally:
			frappe.set_user("Administrator")

	def monitoring(self):
		self.open_round()
		return frappe.get_doc(
			"Performance Monitoring", {"performance_goal": self.goal.name, "period_end_month": 7}
		)

	def report(self, doc, executed=40, **row_values):
		"""The unit fills in: money, and every indicator on track unless told otherwise."""
		frappe.set_user(USER)
		doc.executed_amount = executed
		for row in doc.indicators:
			if row.operator == "Qualitative":
				row.qualitative_progress, row.likelihood = "Partly", "Possible"
			else:
				row.actual_to_date, row.expected_completion, row.likelihood = (
					row.target_value * 0.6,
					row.target_value,
					"Certain",
				)
		doc.indicators[0].update(row_values)
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def test_round_is_idempotent_and_takes_the_goal_and_the_deadline(self):
		self.assertEqual(self.open_round(), {"queued": 0, "created": 1, "refused": []})
		self.assertEqual(self.open_round(), {"queued": 0, "created": 0, "refused": []})
		# the year says the goal's record was already there, not "0 already there"
		result = frappe.db.get_value("Performance Year", YEAR, "last_round_result")
		self.assertIn(": 0 created, 1 already there, 0 refused.", result)
		# another round
		self.assertEqual(self.open_round(month=10), {"queued": 0, "created": 1, "refused": []})
		doc = self.monitoring()
		self.assertEqual(
			(doc.budget_unit, doc.annual_budget, str(doc.round_deadline), doc.owner),
			(self.unit, 100, f"{YEAR}-08-15", USER),
		)
		self.assertEqual(doc.indicators[0].target_display, "≥500人次")

	def test_lights_follow_the_national_rules(self):
		# 40 of 100 by July: (40/100) / (7/12) = 68.57 % → Yellow; indicators on track → Green/Yellow
		doc = self.report(self.monitoring())
		self.assertEqual(
			(doc.execution_rate, doc.time_adjusted_rate, doc.execution_light), (40, 68.57, "Yellow")
		)
		self.assertEqual([r.light for r in doc.indicators], ["Green", "Green", "Green", "Yellow", "Green"])
		self.assertEqual(doc.warning_level, "Yellow")
		# an indicator that cannot be met is red and makes the record red
		doc = self.report(doc, likelihood="Impossible")
		self.assertEqual((doc.indicators[0].light, doc.warning_level, doc.red_indicators), ("Red", "Red", 1))
		# 30 by July: 51.43 % → Red
		self.assertEqual(self.report(doc, executed=30).execution_light, "Red")

	def test_red_without_reason_and_measure_is_refused_on_submission(self):
		doc = self.report(self.monitoring(), likelihood="Impossible")
		with self.assertRaisesRegex(frappe.ValidationError, "培训人次"):
			act_as(USER, "Performance Monitoring", doc.name, "Submit to Unit Head")
		doc = self.report(
			doc,
			likelihood="Impossible",
			reason_funding="资金未及时拨付",
			corrective_measure="协调财政加快拨付",
		)
		self.assertEqual(
			act_as(USER, "Performance Monitoring", doc.name, "Submit to Unit Head").workflow_state,
			"Pending Unit Head",
		)

	def test_chain_by_role(self):
		doc = self.report(self.monitoring())
		self.assertRaises(WorkflowTransitionError, act_as, USER, "Performance Monitoring", doc.name, "Accept")
		act_as(USER, "Performance Monitoring", doc.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Monitoring", doc.name, "Approve")
		accepted = act_as(OFFICER, "Performance Monitoring", doc.name, "Accept")
		self.assertEqual((accepted.workflow_state, accepted.docstatus), ("Accepted", 1))

	def test_another_unit_cannot_see_it(self):
		doc = self.monitoring()
		frappe.set_user(OTHER)
		self.assertFalse(frappe.has_permission("Performance Monitoring", "read", doc.name))
		self.assertEqual(frappe.get_list("Performance Monitoring", filters={"performance_year": YEAR}), [])

	def test_reminder_goes_only_to_units_that_have_not_submitted(self):
		frappe.set_user(OTHER)
		other_goal = make_goal(self.other_unit, year=YEAR, project_code="MO-2")
		frappe.set_user("Administrator")
		make_user("mo.otherhead@perf.test", unit=self.other_unit, unit_role="Perf Unit Head")
		confirm_goal(other_goal.name, OTHER, "mo.otherhead@perf.test", OFFICER)
		doc = self.report(self.monitoring())
		act_as(USER, "Performance Monitoring", doc.name, "Submit to Unit Head")  # this unit has submitted
		frappe.db.delete("Email Queue")
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			# queued only: the test never sends (no SMTP is contacted)
			account = frappe.new_doc("Email Account")
			account.update(
				{
					"email_account_name": "Perf Test Outgoing",
					"email_id": "perf-test@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "localhost",
				}
			)
			account.flags.ignore_validate = True
			account.db_insert()
		reminded = remind_units(today=f"{YEAR}-08-13")  # 2 days before the deadline
		self.assertEqual(list(reminded), [self.other_unit])
		# one email to the other unit's members; nothing to this unit, which has submitted
		recipients = frappe.get_all("Email Queue Recipient", pluck="recipient")
		self.assertEqual(sorted(recipients), sorted([OTHER, "mo.otherhead@perf.test"]))
		self.assertEqual(
			frappe.db.count(
				"Notification Log", {"for_user": OTHER, "document_type": "Performance Monitoring"}
			),
			1,
		)
		self.assertEqual(remind_units(today=f"{YEAR}-08-01"), {})  # too early: no reminder yet

	def test_warning_board_and_completeness_show_the_round(self):
		from perf_budget.perf_budget.report.monitoring_round_completeness.monitoring_round_completeness import (
			execute as completeness,
		)
		from perf_budget.perf_budget.report.monitoring_warning_board.monitoring_warning_board import (
			execute as board,
		)

		frappe.set_user(USER)
		late_goal = make_goal(self.unit, year=YEAR, project_code="MO-LATE")
		frappe.set_user("Administrator")
		doc = self.report(
			self.monitoring(),
			likelihood="Impossible",
			reason_funding="资金未拨付",
			corrective_measure="加快拨付",
		)
		confirm_goal(
			late_goal.name, USER, HEAD, OFFICER
		)  # confirmed after the round was opened: no record yet
		frappe.set_user(OFFICER)
		_columns, rows, _message, chart, summary = board({"performance_year": YEAR, "period_end_month": 7})
		self.assertEqual(
			[(r["name"], r["warning_level"], r["red_indicators"]) for r in rows], [(doc.name, "Red", 1)]
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 0, 0, 0, 0])  # one funding reason
		self.assertEqual([item["value"] for item in summary], [1, 0, 0])
		_columns, status, *_rest = completeness({"performance_year": YEAR, "period_end_month": 7})
		self.assertEqual(
			{r["project_code"]: r["status"] for r in status}, {"MO-1": "Not Submitted", "MO-LATE": "Missing"}
		)
		act_as(USER, "Performance Monitoring", doc.name, "Submit to Unit Head")
		frappe.set_user(OFFICER)
		_columns, status, *_rest = completeness({"performance_year": YEAR, "period_end_month": 7})
		self.assertEqual({r["project_code"]: r["status"] for r in status}["MO-1"], "Submitted")
		frappe.set_user(OTHER)
		self.assertEqual(board({"performance_year": YEAR})[1], [])
		self.assertEqual(completeness({"performance_year": YEAR, "period_end_month": 7})[1], [])

	def test_excel_round_trip_recomputes_the_lights_and_keeps_units_apart(self):
		from perf_budget.exchange.goals import GoalImportError
		from perf_budget.exchange.monitoring import import_monitorings, monitoring_workbook
		from perf_budget.tests.workbooks import edited

		doc = self.report(self.monitoring())
		form = monitoring_workbook([doc.name])
		frappe.set_user(USER)
		self.assertEqual(
			import_monitorings(form, "mo.xlsx"),
			{"updated": [doc.name], "warning_levels": {doc.name: "Yellow"}},
		)
		# the import saved the record, so that file is now older than it: refused
		self.assertRaises(GoalImportError, import_monitorings, form, "mo.xlsx")
		form = monitoring_workbook([doc.name])
		cannot = edited(
			form, lambda f: {f.at("培训人次", "确定能"): None, f.at("培训人次", "完全不可能"): "√"}
		)
		self.assertEqual(import_monitorings(cannot, "mo.xlsx")["warning_levels"], {doc.name: "Red"})
		self.assertEqual(
			frappe.db.get_value(
				"Monitoring Indicator",
				{"parent": doc.name, "indicator_name": "培训人次"},
				["likelihood", "light"],
			),
			("Impossible", "Red"),
		)
		current = monitoring_workbook([doc.name])  # not stale: refused for the unit alone
		frappe.set_user(OTHER)
		modified = frappe.db.get_value("Performance Monitoring", doc.name, "modified")
		self.assertRaises(GoalImportError, import_monitorings, current, "mo.xlsx")
		self.assertRaises(frappe.PermissionError, monitoring_workbook, [doc.name])
		self.assertEqual(frappe.db.get_value("Performance Monitoring", doc.name, "modified"), modified)

	def test_round_uses_the_latest_confirmed_goal_version(self):
		from perf_budget.perf_budget.doctype.performance_goal.performance_goal import make_adjustment

		frappe.set_user(USER)
		second = frappe.get_doc("Performance Goal", make_adjustment(self.goal.name, "追加任务"))
		second.fiscal_amount = 120
		second.save()
		frappe.set_user("Administrator")
		confirm_goal(second.name, USER, HEAD, OFFICER)
		self.open_round()
		doc = frappe.get_doc("Performance Monitoring", {"project_code": "MO-1", "period_end_month": 7})
		self.assertEqual((doc.performance_goal, doc.annual_budget), (second.name, 140))
