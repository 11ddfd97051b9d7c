# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_goal.performance_goal import (
	current_goal,
	exclude_unrefiled_goals,
	make_adjustment,
)
from perf_budget.tests.factories import (
	committed,
	goal_indicators,
	make_goal,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

USER, HEAD, OTHER_HEAD = "goal.user@perf.test", "goal.head@perf.test", "goal.head2@perf.test"
OFFICER = "goal.officer@perf.test"


def act(goal_name: str, action: str, user: str, **values):
	return act_as(user, "Performance Goal", goal_name, action, **values)


RATINGS = {
	"basis_rating": "Good",
	"rationality_rating": "Excellent",
	"budget_rating": "Good",
	"plan_rating": "Good",
	"review_rating": "Good",
	"review_opinion": "依据充分，目标合理。",
}


class TestPerformanceGoal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year("2098", goal_deadline="2097-11-30")
			unit = make_unit_people("目标科", USER, HEAD, OFFICER)
			make_user(OTHER_HEAD, unit=unit, unit_role="Perf Unit Head")
			return unit

		# made once and committed; each test files its own goals, rolled back after it
		cls.unit = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OTHER_HEAD, OFFICER), units=(cls.unit,), years=("2098",))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # each test starts from the unit and its people alone

	def file_goal(self, code="G-1", **values):
		frappe.set_user(USER)
		try:
			return make_goal(self.unit, project_code=code, **values)
		finally:
			frappe.set_user("Administrator")

	def confirm(self, name):
		act(name, "Submit to Unit Head", USER)
		act(name, "Approve", HEAD)
		act(name, "Forward to Finance Bureau", OFFICER, **RATINGS)
		return act(name, "Confirm", OFFICER)

	def test_total_is_fiscal_plus_other(self):
		goal = self.file_goal(fiscal_amount=80.125, other_amount=19.5)
		self.assertEqual(goal.total_amount, 99.63)
		self.assertEqual(goal.workflow_state, "Draft")

	def test_negative_amount_is_refused(self):
		self.assertRaises(frappe.ValidationError, self.file_goal, other_amount=-1)

	def test_whole_chain_to_confirmed(self):
		goal = self.file_goal()
		self.assertEqual(act(goal.name, "Submit to Unit Head", USER).workflow_state, "Pending Unit Head")
		self.assertEqual(act(goal.name, "Approve", HEAD).workflow_state, "Finance Review")
		self.assertEqual(
			act(goal.name, "Forward to Finance Bureau", OFFICER, **RATINGS).workflow_state,
			"At Finance Bureau",
		)
		confirmed = act(goal.name, "Confirm", OFFICER)
		self.assertEqual(
			(confirmed.workflow_state, confirmed.docstatus, confirmed.is_current), ("Confirmed", 1, 1)
		)
		self.assertEqual(current_goal("G-1", "2098"), goal.name)

	def test_unit_user_cannot_approve_or_skip_steps(self):
		goal = self.file_goal()
		self.assertRaises(WorkflowTransitionError, act, goal.name, "Approve", USER)
		act(goal.name, "Submit to Unit Head", USER)
		self.assertRaises(WorkflowTransitionError, act, goal.name, "Approve", USER)
		self.assertRaises(WorkflowTransitionError, act, goal.name, "Confirm", USER)
		self.assertRaises(
			WorkflowTransitionError, act, goal.name, "Forward to Finance Bureau", HEAD, **RATINGS
		)

	def test_head_cannot_approve_their_own_goal(self):
		frappe.set_user(HEAD)
		goal = make_goal(self.unit, project_code="G-OWN")
		frappe.set_user("Administrator")
		act(goal.name, "Submit to Unit Head", USER)
		with self.assertRaisesRegex(frappe.ValidationError, "Self approval"):
			act(goal.name, "Approve", HEAD)
		self.assertEqual(act(goal.name, "Approve", OTHER_HEAD).workflow_state, "Finance Review")

	def test_return_needs_a_reason_that_stays_in_record_and_timeline(self):
		goal = self.file_goal()
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Approve", HEAD)
		self.assertRaises(frappe.ValidationError, act, goal.name, "Return", OFFICER)
		returned = act(goal.name, "Return", OFFICER, return_reason="预算测算依据不足，请补充。")
		self.assertEqual(returned.workflow_state, "Returned")
		self.assertEqual(returned.return_reason, "预算测算依据不足，请补充。")
		(comment,) = frappe.get_all(
			"Comment", filters={"reference_name": goal.name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertIn("预算测算依据不足，请补充。", comment)
		self.assertEqual(act(goal.name, "Submit to Unit Head", USER).workflow_state, "Pending Unit Head")

	def test_forwarding_needs_the_four_ratings_and_a_good_overall_rating(self):
		goal = self.file_goal()
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Approve", HEAD)
		self.assertRaises(
			frappe.ValidationError, act, goal.name, "Forward to Finance Bureau", OFFICER, review_rating="Good"
		)
		# a Fair goal cannot be forwarded: it goes back for revision (SPEC 4.2)
		self.assertRaises(
			WorkflowTransitionError,
			act,
			goal.name,
			"Forward to Finance Bureau",
			OFFICER,
			**{**RATINGS, "review_rating": "Fair"},
		)

	def test_unit_user_cannot_rate_their_own_goal(self):
		goal = self.file_goal(review_rating="Excellent")
		self.assertFalse(goal.review_rating)

	def test_finance_bureau_feedback_sends_it_back_for_revision(self):
		goal = self.file_goal()
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Approve", HEAD)
		act(goal.name, "Forward to Finance Bureau", OFFICER, **RATINGS)
		self.assertRaises(frappe.ValidationError, act, goal.name, "Request Revision", OFFICER)
		doc = act(goal.name, "Request Revision", OFFICER, bureau_feedback="满意度指标值偏低，请调整。")
		self.assertEqual(doc.workflow_state, "Revision Required")
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Approve", HEAD)
		self.assertEqual(
			act(goal.name, "Forward to Finance Bureau", OFFICER, **RATINGS).workflow_state,
			"At Finance Bureau",
		)

	def test_indicator_errors_block_submission_but_not_a_draft(self):
		rows = goal_indicators()
		rows[0]["weight"] = 25  # Output now 55, not 50
		goal = self.file_goal(indicators=rows)
		self.assertEqual(goal.workflow_state, "Draft")
		with self.assertRaisesRegex(frappe.ValidationError, "55"):
			act(goal.name, "Submit to Unit Head", USER)

	def test_duplicate_indicator_names_block_submission(self):
		rows = goal_indicators()
		rows[1]["indicator_name"] = rows[0]["indicator_name"]
		goal = self.file_goal(indicators=rows)
		self.assertRaises(frappe.ValidationError, act, goal.name, "Submit to Unit Head", USER)

	def test_vague_indicator_is_only_a_warning(self):
		rows = goal_indicators()
		rows[3]["indicator_name"] = "业务能力进一步提升"
		goal = self.file_goal(indicators=rows)
		self.assertTrue(goal.quality_warnings)
		self.assertEqual(act(goal.name, "Submit to Unit Head", USER).workflow_state, "Pending Unit Head")

	def test_adjustment_makes_a_new_version_through_the_same_chain(self):
		first = self.file_goal(code="G-ADJ")
		self.confirm(first.name)
		frappe.set_user(USER)
		second_name = make_adjustment(first.name, "上级追加培训任务")
		frappe.set_user("Administrator")
		second = frappe.get_doc("Performance Goal", second_name)
		self.assertEqual(
			(second.version, second.previous_version, second.workflow_state), (2, first.name, "Draft")
		)
		# the confirmed version stays in force while the adjustment is reviewed
		self.assertEqual(current_goal("G-ADJ", "2098"), first.name)
		second.fiscal_amount = 120
		second.indicators[0].target_value = 800
		second.save()
		self.assertIn("80 → 120", second.adjustment_diff)
		self.assertIn("培训人次", second.adjustment_diff)
		self.assertIn("500 → 800", second.adjustment_diff)
		self.assertRaises(frappe.ValidationError, make_adjustment, first.name, "再调一次")
		self.confirm(second.name)
		self.assertEqual(current_goal("G-ADJ", "2098"), second.name)
		first.reload()
		self.assertEqual((first.is_current, first.superseded_by, first.docstatus), (0, second.name, 1))

	def test_returned_goal_not_refiled_by_the_deadline_is_excluded(self):
		goal = self.file_goal(code="G-LATE")
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Return", HEAD, return_reason="请补充实施计划")
		with self.freeze_time("2097-11-30 18:00:00"):
			self.assertEqual(exclude_unrefiled_goals(), [])  # deadline day: still in time
		with self.freeze_time("2097-12-01 08:00:00"):
			self.assertEqual(exclude_unrefiled_goals(), [goal.name])
		self.assertEqual(frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), "Excluded")
		# nobody acts on an excluded goal: the unit is told, once each
		told = frappe.get_all(
			"Notification Log",
			filters={"document_name": goal.name, "subject": ["like", "%excluded from the budget%"]},
			pluck="for_user",
		)
		self.assertEqual(sorted(told), sorted({USER, HEAD, OTHER_HEAD}))

	def test_finance_head_reinstates_an_excluded_goal(self):
		goal = self.file_goal(code="G-REIN")
		act(goal.name, "Submit to Unit Head", USER)
		act(goal.name, "Return", HEAD, return_reason="请补充实施计划")
		with self.freeze_time("2097-12-01 08:00:00"):
			exclude_unrefiled_goals()
		make_user("goal.fhead@perf.test", roles=("Perf Finance Head",))
		self.assertRaises(WorkflowTransitionError, act, goal.name, "Reinstate", OFFICER)
		self.assertEqual(act(goal.name, "Reinstate", "goal.fhead@perf.test").workflow_state, "Returned")

	def test_picking_library_indicators_fills_goal_rows(self):
		from perf_budget.perf_budget.doctype.performance_goal.performance_goal import template_rows

		names = frappe.get_all(
			"Indicator Template",
			filters={"indicator_name": ["in", ["培训人次", "服务对象满意度"]]},
			pluck="name",
		)
		frappe.set_user(USER)
		rows = template_rows(frappe.as_json(names))
		self.assertEqual(
			sorted((r["level1"], r["indicator_name"], r["operator"], r["unit"]) for r in rows),
			[("Output", "培训人次", ">=", "人次"), ("Satisfaction", "服务对象满意度", ">=", "%")],
		)
