"""The cards that count work (issue 12): 待我审核 counts, for each person, the
records of the running year (and the goals filed for the years after it)
they can move on now — their role's step from the record's state, their own
unit for unit roles, never their own filing where the step forbids it;
待审核绩效目标 counts goals pending review from the running year on. A unit
head's list of workflow actions (工作流操作) holds only their unit's."""

import frappe
from frappe.desk import reportview
from frappe.tests.utils import FrappeTestCase

from perf_budget.boot import current_year
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import exclude_goal
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.security.doors import get_count
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_goal,
	make_rectification,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.tests.test_dashboard import card as document_type_card
from perf_budget.workflow.actions import act_as
from perf_budget.workflow.owners import awaiting_my_review

LAST, RUNNING, NEXT = "2047", "2099", "2100"
USER_A, HEAD_A, HEAD_A2, USER_B, HEAD_B, USER_C = (
	"aw.user.a@perf.test",
	"aw.head.a@perf.test",
	"aw.head.a2@perf.test",
	"aw.user.b@perf.test",
	"aw.head.b@perf.test",
	"aw.user.c@perf.test",
)
OFFICER, FIN_HEAD, LEADER = "aw.officer@perf.test", "aw.finhead@perf.test", "aw.leader@perf.test"
PEOPLE = (USER_A, HEAD_A, HEAD_A2, USER_B, HEAD_B, USER_C, OFFICER, FIN_HEAD, LEADER)


def mine(user: str) -> dict:
	return as_user(user, awaiting_my_review)


def counts(*users) -> list[int]:
	return [mine(user)["value"] for user in users]


class TestAwaitingMyReview(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			units = tuple(make_unit(f"待办{x}科").name for x in "甲乙丙")
			make_user(USER_A, unit=units[0])
			make_user(HEAD_A, unit=units[0], unit_role="Perf Unit Head")
			# a head who also files the unit's goals
			make_user(HEAD_A2, roles=("Perf Unit User",), unit=units[0], unit_role="Perf Unit Head")
			make_user(USER_B, unit=units[1])
			make_user(HEAD_B, unit=units[1], unit_role="Perf Unit Head")
			make_user(USER_C, unit=units[2])
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(FIN_HEAD, roles=("Perf Finance Head", "Perf Finance Officer"))
			make_user(LEADER, roles=("Perf Leader",))
			return units

		# committed once: other sessions test on the same site, and every new unit
		# rewrites the unit tree they write too
		cls.unit_a, cls.unit_b, cls.unit_c = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=PEOPLE, units=(cls.unit_a, cls.unit_b, cls.unit_c))
		super().tearDownClass()

	def setUp(self):
		for year in (LAST, RUNNING, NEXT):
			make_year(year)

		# the running year: unit C's confirmed goal, its monitoring record with the unit
		running = as_user(USER_C, make_goal, self.unit_c, year=RUNNING, project_code="AW-C")
		running.db_set({"docstatus": 1, "workflow_state": "Confirmed", "is_current": 1})
		as_user(OFFICER, create_monitoring_round, RUNNING, 7)
		self.monitoring = frappe.db.get_value("Performance Monitoring", {"performance_goal": running.name})

		# next year's goals filed now: one with the head, one filed by the head, one a draft of B
		self.goal = self.filed(USER_A, self.unit_a, NEXT, "AW-A")
		self.heads_own = self.filed(HEAD_A2, self.unit_a, NEXT, "AW-H")
		self.draft_b = as_user(USER_B, make_goal, self.unit_b, year=NEXT, project_code="AW-B").name
		# last year's goal still with the head: history, not today's work
		self.filed(USER_A, self.unit_a, LAST, "AW-L")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def filed(self, user, unit, year, code) -> str:
		name = as_user(user, make_goal, unit, year=year, project_code=code).name
		act_as(user, "Performance Goal", name, "Submit to Unit Head")
		return name

	def test_the_running_year_is_the_one_with_monitoring(self):
		self.assertEqual(current_year(), RUNNING)

	def test_each_person_counts_what_they_can_move_on_now(self):
		self.assertEqual(
			counts(USER_A, HEAD_A, HEAD_A2, HEAD_B, USER_B, USER_C, OFFICER, FIN_HEAD, LEADER),
			[0, 2, 1, 0, 1, 1, 0, 0, 0],
		)
		act_as(HEAD_A, "Performance Goal", self.goal, "Approve")
		self.assertEqual(
			counts(USER_A, HEAD_A, HEAD_A2, HEAD_B, OFFICER, FIN_HEAD, LEADER), [0, 1, 0, 0, 1, 1, 0]
		)

	def test_the_card_opens_what_it_counts(self):
		self.assertEqual(mine(LEADER), {"value": 0, "fieldtype": "Int"})  # nothing to open
		head = mine(HEAD_A)
		self.assertEqual(head["route"], ["List", "Performance Goal"])
		self.assertEqual(head["route_options"]["name"][0], "in")
		self.assertEqual(set(head["route_options"]["name"][1]), {self.goal, self.heads_own})

		# two kinds of record: the user's open workflow actions on exactly those
		rectification = as_user(OFFICER, make_rectification, self.unit_c, RUNNING).name
		act_as(OFFICER, "Rectification", rectification, "Send to Unit")
		unit_c = mine(USER_C)
		self.assertEqual(unit_c["value"], 2)
		self.assertEqual(unit_c["route"], ["List", "Workflow Action"])
		options = unit_c["route_options"]
		self.assertEqual(set(options["reference_name"][1]), {self.monitoring, rectification})
		listed = as_user(
			USER_C,
			frappe.get_list,
			"Workflow Action",
			filters={"status": options["status"], "reference_name": options["reference_name"]},
			pluck="reference_name",
		)
		self.assertEqual(sorted(listed), sorted([self.monitoring, rectification]))

	def test_an_excluded_goal_waits_for_the_finance_head_in_the_list_too(self):
		act_as(HEAD_A, "Performance Goal", self.goal, "Return", return_reason="请补充依据")
		self.assertEqual(counts(USER_A, FIN_HEAD), [1, 0])
		exclude_goal(self.goal)  # the daily job: not filed again by the deadline
		self.assertEqual(counts(USER_A, FIN_HEAD), [0, 1])
		open_for_unit = as_user(
			USER_A, frappe.get_list, "Workflow Action", filters={"status": "Open"}, pluck="reference_name"
		)
		self.assertNotIn(self.goal, open_for_unit)  # the return's action closed with the state

		rectification = as_user(OFFICER, make_rectification, self.unit_c, RUNNING).name  # a draft
		card = mine(FIN_HEAD)
		self.assertEqual((card["value"], card["route"]), (2, ["List", "Workflow Action"]))
		listed = as_user(
			FIN_HEAD,
			frappe.get_list,
			"Workflow Action",
			filters={"status": "Open", "reference_name": card["route_options"]["reference_name"]},
			pluck="reference_name",
		)
		self.assertEqual(sorted(listed), sorted([self.goal, rectification]))

	def test_goals_awaiting_review_counts_from_the_running_year_on(self):
		# the unit's two goals with its head, not last year's
		self.assertEqual(document_type_card("Goals Awaiting Review", USER_A), 2)
		self.assertEqual(document_type_card("Goals Awaiting Review", HEAD_B), 0)
		act_as(HEAD_A, "Performance Goal", self.goal, "Approve")  # still pending, now with finance
		self.assertEqual(document_type_card("Goals Awaiting Review", USER_A), 2)

	def test_a_custom_card_is_readable_by_every_role(self):
		for user in (USER_A, HEAD_A, OFFICER, FIN_HEAD, LEADER):
			self.assertTrue(
				as_user(user, frappe.has_permission, "Number Card", doc="Awaiting My Review"), user
			)


class TestUnitHeadWorkflowActions(FrappeTestCase):
	"""Frappe gives every holder of the step's role the open workflow action;
	the unit rule (security/records.py) keeps another unit's out of a head's
	list, count and form."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			units = make_unit("待办甲科").name, make_unit("待办乙科").name
			make_user(USER_A, unit=units[0])
			make_user(HEAD_A, unit=units[0], unit_role="Perf Unit Head")
			make_user(USER_B, unit=units[1])
			make_user(HEAD_B, unit=units[1], unit_role="Perf Unit Head")
			return units

		cls.unit_a, cls.unit_b = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER_A, HEAD_A, USER_B, HEAD_B), units=(cls.unit_a, cls.unit_b))
		super().tearDownClass()

	def setUp(self):
		make_year(NEXT)
		self.goals = {}
		for user, unit, code in ((USER_A, self.unit_a, "WA-A"), (USER_B, self.unit_b, "WA-B")):
			name = as_user(user, make_goal, unit, year=NEXT, project_code=code).name
			act_as(user, "Performance Goal", name, "Submit to Unit Head")
			self.goals[unit] = name
		self.actions = {
			unit: frappe.db.get_value(
				"Workflow Action",
				{"reference_name": goal, "status": "Open", "workflow_state": "Pending Unit Head"},
			)
			for unit, goal in self.goals.items()
		}

	def tearDown(self):
		frappe.local.form_dict = frappe._dict()
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def seen_by(self, user) -> dict:
		"""What the list (工作流操作) shows ``user``: rows, its count, the desk's count."""
		frappe.set_user(user)
		try:
			names = set(frappe.get_list("Workflow Action", pluck="reference_name", limit_page_length=0))
			frappe.local.form_dict = frappe._dict(
				doctype="Workflow Action", fields=["`tabWorkflow Action`.`reference_name`"]
			)
			listed = reportview.get()
			desk_rows = {row[0] for row in listed["values"]} if listed else set()
			frappe.local.form_dict = frappe._dict(doctype="Workflow Action")
			return {
				"rows": names,
				"desk rows": desk_rows,
				"count": get_count("Workflow Action"),
				"desk count": reportview.get_count(),
				"open own": frappe.has_permission("Workflow Action", doc=self.actions[self.unit_a]),
				"open other": frappe.has_permission("Workflow Action", doc=self.actions[self.unit_b]),
			}
		finally:
			frappe.set_user("Administrator")

	def test_each_head_sees_only_their_units_workflow_actions(self):
		self.assertTrue(all(self.actions.values()), self.actions)  # Frappe made one per goal
		goal_a, goal_b = self.goals[self.unit_a], self.goals[self.unit_b]
		self.assertEqual(
			self.seen_by(HEAD_A),
			{
				"rows": {goal_a},
				"desk rows": {goal_a},
				"count": 1,
				"desk count": 1,
				"open own": True,
				"open other": False,
			},
		)
		seen = self.seen_by(HEAD_B)
		self.assertEqual((seen["rows"], seen["desk rows"], seen["count"]), ({goal_b}, {goal_b}, 1))
		self.assertFalse(seen["open own"])  # head B cannot open unit A's
