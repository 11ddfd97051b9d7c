# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""Rectification (art. 24) on a real site: defaults from the settings, the
chain by role, the written report, the overdue job on a frozen clock,
isolation."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from perf_budget.perf_budget.doctype.rectification.rectification import make_rectification, mark_overdue
from perf_budget.tests.factories import (
	attach_file,
	committed,
	make_confirmed_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2081"
USER, HEAD, OFFICER, FIN_HEAD, OTHER = (
	"rc.user@perf.test",
	"rc.head@perf.test",
	"rc.officer@perf.test",
	"rc.finhead@perf.test",
	"rc.other@perf.test",
)


class TestRectification(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("整改科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)
			other_unit = make_unit("整改乙科").name
			make_user(OTHER, unit=other_unit)
			return unit, other_unit, make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "RC-1")

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.other_unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER, HEAD, OFFICER, FIN_HEAD, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,)
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def new(self, **values):
		frappe.set_user(OFFICER)
		try:
			return frappe.get_doc(
				{
					"doctype": "Rectification",
					"source_description": "市财政局反馈意见",
					"performance_year": YEAR,
					"budget_unit": self.unit,
					"performance_goal": self.goal.name,
					"problem": "培训合格率未达目标",
					"requirement": "补充培训并报送整改报告",
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def deliver(self, name):
		"""The unit writes its report and the head lets it go to finance."""
		act_as(
			USER,
			"Rectification",
			name,
			"Submit to Unit Head",
			measures="已组织补训两期。",
			report_attachment=attach_file("Rectification", name),
		)
		return act_as(HEAD, "Rectification", name, "Approve")

	# -- defaults ---------------------------------------------------------------
	def test_due_date_defaults_to_the_settings_days_after_today(self):
		doc = self.new()
		self.assertEqual(getdate(doc.due_date), getdate(add_days(getdate(), 30)))
		self.assertEqual(getdate(doc.result_date), getdate())
		self.assertEqual(doc.status, "Not Sent")
		self.assertEqual(doc.project_code, "RC-1")

	def test_settings_change_the_default_due_date(self):
		settings = frappe.get_single("Perf Budget Settings")
		settings.rectification_days = 15
		settings.save()
		self.assertEqual(getdate(self.new().due_date), getdate(add_days(getdate(), 15)))

	def test_a_source_is_required(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Source \\(Other\\)"):
			self.new(source_description="")

	# -- chain ------------------------------------------------------------------
	def test_full_chain_by_role_records_the_dates(self):
		doc = self.new()
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.status), ("Sent to Unit", "In Progress"))
		self.assertEqual(getdate(doc.notice_date), getdate())
		told = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Rectification", "document_name": doc.name},
			pluck="for_user",
		)
		self.assertEqual(sorted(told), sorted([USER, HEAD]))  # the unit hears of the requirement, once each
		self.deliver(doc.name)
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.status), ("Finance Review", "Under Review"))
		self.assertEqual(getdate(doc.submitted_on), getdate())
		with self.assertRaisesRegex(frappe.ValidationError, "Review Result"):
			act_as(OFFICER, "Rectification", doc.name, "Accept")
		act_as(
			OFFICER, "Rectification", doc.name, "Accept", review_result="Rectified", review_opinion="整改到位"
		)
		act_as(OFFICER, "Rectification", doc.name, "Forward to Finance Bureau")
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.status, doc.docstatus), ("Forwarded", "Completed", 1))
		self.assertEqual(getdate(doc.forwarded_on), getdate())

	def test_the_written_report_is_required_before_the_unit_head(self):
		doc = self.new()
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		with self.assertRaisesRegex(frappe.ValidationError, "Written Rectification Report"):
			act_as(USER, "Rectification", doc.name, "Submit to Unit Head", measures="已补训")
		self.assertEqual(frappe.db.get_value("Rectification", doc.name, "workflow_state"), "Sent to Unit")

	def test_only_the_right_role_moves_each_step(self):
		doc = self.new()
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError)):
			act_as(USER, "Rectification", doc.name, "Send to Unit")
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError)):
			act_as(USER, "Rectification", doc.name, "Approve")
		act_as(
			USER,
			"Rectification",
			doc.name,
			"Submit to Unit Head",
			measures="已补训",
			report_attachment=attach_file("Rectification", doc.name),
		)
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError)):
			act_as(USER, "Rectification", doc.name, "Approve")

	def test_finance_return_needs_a_reason_and_goes_back_to_the_unit(self):
		doc = self.new()
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		self.deliver(doc.name)
		with self.assertRaisesRegex(frappe.ValidationError, "Reason for Return"):
			act_as(OFFICER, "Rectification", doc.name, "Return")
		act_as(OFFICER, "Rectification", doc.name, "Return", return_reason="措施不具体")
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.status), ("Returned", "In Progress"))

	def test_unit_user_cannot_change_the_requirement(self):
		doc = self.new()
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		frappe.set_user(USER)
		unit_doc = frappe.get_doc("Rectification", doc.name)
		unit_doc.requirement = "不整改"
		unit_doc.measures = "已补训"
		unit_doc.save()
		self.assertEqual(
			frappe.db.get_value("Rectification", doc.name, "requirement"), "补充培训并报送整改报告"
		)
		self.assertEqual(frappe.db.get_value("Rectification", doc.name, "measures"), "已补训")

	# -- overdue job (frozen clock) -----------------------------------------------
	def test_overdue_job_marks_notifies_and_escalates_once(self):
		late = self.new(due_date="2030-03-31")
		on_time = self.new(due_date="2030-04-30")
		delivered = self.new(due_date="2030-03-31")
		with self.freeze_time("2030-03-01 09:00:00"):
			for doc in (late, on_time, delivered):
				act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
			self.deliver(delivered.name)
		with self.freeze_time("2030-04-01 02:00:00"):
			escalated = mark_overdue()
		self.assertEqual(escalated, [late.name])  # not the one due later, nor the one delivered
		self.assertEqual(frappe.db.get_value("Rectification", late.name, "status"), "Overdue")
		self.assertEqual(frappe.db.get_value("Rectification", on_time.name, "status"), "In Progress")
		self.assertEqual(frappe.db.get_value("Rectification", delivered.name, "status"), "Under Review")
		self.assertEqual(str(frappe.db.get_value("Rectification", late.name, "escalated_on")), "2030-04-01")
		told = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Rectification", "document_name": late.name},
			pluck="for_user",
		)
		# the unit's members twice (the requirement, then overdue); the finance head once (the list)
		self.assertEqual(sorted(told), sorted([USER, HEAD, USER, HEAD, FIN_HEAD]))
		to_head = frappe.get_all(
			"Notification Log", filters={"for_user": FIN_HEAD, "document_name": late.name}, pluck="subject"
		)
		self.assertEqual(to_head, [f"1 rectifications are overdue (units: {self.unit})"])
		sent = frappe.db.count("Notification Log", {"for_user": ["in", [USER, FIN_HEAD]]})
		with self.freeze_time("2030-04-02 02:00:00"):
			self.assertEqual(mark_overdue(), [])  # escalated once, not every day
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": ["in", [USER, FIN_HEAD]]}), sent)

	def test_overdue_report_delivered_late_is_recorded(self):
		doc = self.new(due_date="2030-03-31")
		with self.freeze_time("2030-03-01 09:00:00"):
			act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		with self.freeze_time("2030-04-05 10:00:00"):
			mark_overdue()
			self.deliver(doc.name)
		doc.reload()
		self.assertEqual(doc.status, "Under Review")
		self.assertEqual(str(doc.submitted_on), "2030-04-05")
		self.assertGreater(getdate(doc.submitted_on), getdate(doc.due_date))

	# -- from monitoring ---------------------------------------------------------
	def test_made_from_monitoring_that_needs_rectification(self):
		from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
			create_monitoring_round,
		)

		frappe.set_user(OFFICER)
		create_monitoring_round(YEAR, 7)
		frappe.set_user("Administrator")
		monitoring = frappe.get_doc("Performance Monitoring", {"performance_goal": self.goal.name})
		monitoring.db_set({"needs_rectification": 1, "rectification_requirement": "加快支出进度"})
		frappe.set_user(OFFICER)
		name = make_rectification("Performance Monitoring", monitoring.name)
		self.assertEqual(
			make_rectification("Performance Monitoring", monitoring.name), name
		)  # one per source
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Rectification", name)
		self.assertEqual((doc.budget_unit, doc.requirement), (self.unit, "加快支出进度"))
		self.assertIn("Budget execution", doc.problem)  # nothing executed yet: the money is red
		frappe.set_user(USER)
		self.assertRaises(
			frappe.PermissionError, make_rectification, "Performance Monitoring", monitoring.name
		)

	# -- isolation ------------------------------------------------------------------
	def test_other_unit_cannot_see_or_open(self):
		doc = self.new()
		frappe.set_user(OTHER)
		self.assertEqual(frappe.get_list("Rectification", pluck="name"), [])
		self.assertFalse(frappe.has_permission("Rectification", doc=doc.name))
		frappe.set_user(USER)
		self.assertEqual(frappe.get_list("Rectification", pluck="name"), [doc.name])

	def test_unit_user_cannot_create(self):
		frappe.set_user(USER)
		self.assertFalse(frappe.has_permission("Rectification", "create"))
