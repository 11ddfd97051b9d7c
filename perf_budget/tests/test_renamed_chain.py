"""An admin renames states and adds a step in the admin panel (issue 13): the
statuses, the reasons, the reminders, the daily jobs and the reports follow
the live Workflow, since none of them names a state (workflow/chains.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_goal.performance_goal import exclude_unrefiled_goals
from perf_budget.perf_budget.doctype.rectification.rectification import mark_overdue
from perf_budget.perf_budget.report.submission_completeness import submission_completeness
from perf_budget.tests.factories import (
	GOAL_RATINGS,
	attach_file,
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2059"
USER, HEAD, OFFICER, FIN_HEAD = (
	"rn.user@perf.test",
	"rn.head@perf.test",
	"rn.officer@perf.test",
	"rn.finhead@perf.test",
)
SENT, REVIEW, SIGN_OFF = "已下达单位", "财务科复核", "科长签批"
REVISE = "市局要求修改"


def rename(workflow, old: str, new: str) -> None:
	for row in workflow.states:
		row.state = new if row.state == old else row.state
	for row in workflow.transitions:
		row.state = new if row.state == old else row.state
		row.next_state = new if row.next_state == old else row.next_state


def ensure_state(name: str) -> None:
	if not frappe.db.exists("Workflow State", name):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()


class TestRenamedChain(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			unit = make_unit("改名链科").name
			make_user(USER, unit=unit)
			make_user(HEAD, unit=unit, unit_role="Perf Unit Head")
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(FIN_HEAD, roles=("Perf Finance Head",))
			return unit

		# made once and committed; the renamed chains and every record stay per test
		cls.unit = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER, FIN_HEAD), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Administrator")
		for name in (SENT, REVIEW, SIGN_OFF, REVISE):
			ensure_state(name)
		if not frappe.db.exists("Workflow Action Master", "Sign Off"):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Sign Off"}).insert()

	def rename_chains(self):
		# Rectification: two states renamed, and the finance head signs off
		# after the officer accepts, with a return of their own.
		workflow = frappe.get_doc("Workflow", "Rectification Review")
		rename(workflow, "Sent to Unit", SENT)
		rename(workflow, "Finance Review", REVIEW)
		workflow.append("states", {"state": SIGN_OFF, "doc_status": "0", "allow_edit": "Perf Finance Head"})
		for row in workflow.transitions:
			if row.action == "Accept":
				row.next_state = SIGN_OFF
		workflow.append(
			"transitions",
			{
				"state": SIGN_OFF,
				"action": "Sign Off",
				"next_state": "Accepted",
				"allowed": "Perf Finance Head",
			},
		)
		workflow.append(
			"transitions",
			{"state": SIGN_OFF, "action": "Return", "next_state": "Returned", "allowed": "Perf Finance Head"},
		)
		workflow.save()
		# Goal: the finance bureau's revision request renamed.
		workflow = frappe.get_doc("Workflow", "Performance Goal Review")
		rename(workflow, "Revision Required", REVISE)
		workflow.save()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_cache()  # the cached Workflow documents were the renamed ones

	def new_rectification(self, due_date: str):
		with_officer = frappe.get_doc(
			{
				"doctype": "Rectification",
				"source_description": "市财政局反馈意见",
				"performance_year": YEAR,
				"budget_unit": self.unit,
				"problem": "培训合格率未达目标",
				"requirement": "补充培训并报送整改报告",
				"due_date": due_date,
			}
		)
		frappe.set_user(OFFICER)
		try:
			return with_officer.insert()
		finally:
			frappe.set_user("Administrator")

	def deliver(self, name: str) -> None:
		act_as(
			USER,
			"Rectification",
			name,
			"Submit to Unit Head",
			measures="已组织补训两期。",
			report_attachment=attach_file("Rectification", name),
		)
		act_as(HEAD, "Rectification", name, "Approve")

	def state_and_status(self, name: str) -> tuple:
		return tuple(frappe.db.get_value("Rectification", name, ["workflow_state", "status"]))

	def quick_list_filter(self, label: str) -> str:
		return frappe.db.get_value(
			"Workspace Quick List", {"parenttype": "Workspace", "label": label}, "quick_list_filter"
		)

	def test_records_and_home_pages_in_a_renamed_state_carry_its_new_name(self):
		waiting = self.new_rectification("2030-03-31")
		act_as(OFFICER, "Rectification", waiting.name, "Send to Unit")
		self.rename_chains()
		self.assertEqual(self.state_and_status(waiting.name), (SENT, "In Progress"))
		action_states = frappe.get_all(
			"Workflow Action",
			filters={"reference_name": waiting.name, "status": "Open"},
			pluck="workflow_state",
		)
		self.assertEqual(action_states, [SENT])
		# it moves on from the renamed state
		self.deliver(waiting.name)
		self.assertEqual(self.state_and_status(waiting.name), (REVIEW, "Under Review"))
		# the clerk's home page lists what is sent to the unit and what the bureau asked to revise
		self.assertEqual(
			self.quick_list_filter("Rectifications to Report"),
			'[["Rectification", "workflow_state", "in", ["已下达单位", "Returned"], false]]',
		)
		self.assertEqual(
			self.quick_list_filter("Goals to Fill"),
			'[["Performance Goal", "workflow_state", "in", ["Draft", "Returned", "市局要求修改"], false]]',
		)
		# the goals' own "Finance Review" is untouched: only the rectification chain renamed it
		self.assertEqual(
			frappe.db.get_value("Number Card", "Goals Awaiting Review", "filters_json"),
			'[["Performance Goal", "workflow_state", "in", ["Pending Unit Head", "Finance Review"]]]',
		)

	def test_rectification_statuses_reasons_and_reminders_follow_the_renamed_chain(self):
		self.rename_chains()
		late = self.new_rectification("2030-03-31")
		done = self.new_rectification("2030-03-31")
		with self.freeze_time("2030-03-01 09:00:00"):
			for doc in (late, done):
				act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
			self.assertEqual(self.state_and_status(late.name), (SENT, "In Progress"))
			# sending it is what dates the notice and tells the unit
			self.assertEqual(
				str(frappe.db.get_value("Rectification", late.name, "notice_date")), "2030-03-01"
			)
			told = frappe.get_all("Notification Log", filters={"document_name": late.name}, pluck="for_user")
			self.assertEqual(sorted(told), sorted([USER, HEAD]))
			self.deliver(done.name)
			self.assertEqual(self.state_and_status(done.name), (REVIEW, "Under Review"))
			self.assertEqual(
				str(frappe.db.get_value("Rectification", done.name, "submitted_on")), "2030-03-01"
			)

		# the overdue job finds the one still in the renamed "sent" state
		with self.freeze_time("2030-04-01 02:00:00"):
			self.assertEqual(mark_overdue(), [late.name])
		self.assertEqual(self.state_and_status(late.name), (SENT, "Overdue"))

		# the added step: still under review, and its return needs a reason
		act_as(OFFICER, "Rectification", done.name, "Accept", review_result="Rectified")
		self.assertEqual(self.state_and_status(done.name), (SIGN_OFF, "Under Review"))
		with self.assertRaisesRegex(frappe.ValidationError, "goes back to Returned in Reason for Return"):
			act_as(FIN_HEAD, "Rectification", done.name, "Return")
		act_as(FIN_HEAD, "Rectification", done.name, "Return", return_reason="附件缺签字")
		self.assertEqual(self.state_and_status(done.name), ("Returned", "In Progress"))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_name": done.name, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertIn("Returned: 附件缺签字", comments)

		# delivered again, accepted and signed off: completed; the report counts both as sent,
		# one delivered (the other is overdue with the unit)
		self.deliver(done.name)
		act_as(OFFICER, "Rectification", done.name, "Accept")
		act_as(FIN_HEAD, "Rectification", done.name, "Sign Off")
		self.assertEqual(frappe.db.get_value("Rectification", done.name, "status"), "Completed")
		frappe.set_user(OFFICER)
		_columns, rows, *_rest = submission_completeness.execute({"performance_year": YEAR})
		frappe.set_user("Administrator")
		row = next(row for row in rows if row["budget_unit"] == self.unit)
		self.assertEqual(row["rectification_missing"], 1)
		self.assertEqual(row["rectification"], "1 / 2 · Missing 1")

	def test_a_renamed_revision_request_keeps_the_bureau_feedback_and_is_excluded_after_the_deadline(self):
		self.rename_chains()
		make_year(YEAR, goal_deadline="2026-01-31")  # passed
		frappe.set_user(USER)
		goal = make_goal(self.unit, year=YEAR, project_code="RN-1")
		frappe.set_user("Administrator")
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Goal", goal.name, "Approve")
		act_as(OFFICER, "Performance Goal", goal.name, "Forward to Finance Bureau", **GOAL_RATINGS)
		with self.assertRaisesRegex(frappe.ValidationError, "Finance Bureau Feedback"):
			act_as(OFFICER, "Performance Goal", goal.name, "Request Revision")
		act_as(OFFICER, "Performance Goal", goal.name, "Request Revision", bureau_feedback="产出指标需细化")
		self.assertEqual(frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), REVISE)
		# not filed again by the goal deadline: excluded (art. 11)
		self.assertIn(goal.name, exclude_unrefiled_goals())
		self.assertEqual(frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), "Excluded")
