"""Unit isolation (SPEC §1) through every door: list, form, link search,
report, REST API — and the hole User Permissions alone leave (a unit role
with no unit assigned)."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.test_api import FrappeAPITestCase

from perf_budget.tests.factories import make_goal, make_unit, make_user, make_year, session_for

YEAR = "2093"
USER_A, USER_B = "iso.a@perf.test", "iso.b@perf.test"
NO_UNIT, OFFICER, LEADER = "iso.nounit@perf.test", "iso.officer@perf.test", "iso.leader@perf.test"


class TestUnitIsolation(FrappeAPITestCase):
	"""Data is committed (the REST client runs on its own connection) and
	removed again in tearDownClass."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_year(YEAR)
		cls.unit_a = make_unit("隔离甲科").name
		cls.unit_b = make_unit("隔离乙科").name
		make_user(USER_A, unit=cls.unit_a)
		make_user(USER_B, unit=cls.unit_b)
		make_user(NO_UNIT, roles=("Perf Unit User",))
		make_user(OFFICER, roles=("Perf Finance Officer",))
		make_user(LEADER, roles=("Perf Leader",))
		cls.goal_a = make_goal(cls.unit_a, year=YEAR, project_code="ISO-A").name
		cls.goal_b = make_goal(cls.unit_b, year=YEAR, project_code="ISO-B").name
		# each unit also gets a self-evaluation of its (confirmed) goal
		from perf_budget.rounds import create_records

		for goal in (cls.goal_a, cls.goal_b):
			frappe.db.set_value(
				"Performance Goal", goal, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
			)
		cls.evaluation_a, cls.evaluation_b = create_records(
			"Performance Evaluation", [cls.goal_a, cls.goal_b]
		)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in (cls.evaluation_a, cls.evaluation_b):
			frappe.delete_doc("Performance Evaluation", name, force=True)
		for name in (cls.goal_a, cls.goal_b):
			frappe.db.set_value("Performance Goal", name, "docstatus", 0)
			frappe.delete_doc("Performance Goal", name, force=True)
		for user in (USER_A, USER_B, NO_UNIT, OFFICER, LEADER):
			frappe.delete_doc("User", user, force=True)
		for unit in (cls.unit_a, cls.unit_b):
			frappe.delete_doc("Budget Unit", unit, force=True)
		frappe.delete_doc("Performance Year", YEAR, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible_goals(self, user):
		frappe.set_user(user)
		return set(frappe.get_list("Performance Goal", filters={"performance_year": YEAR}, pluck="name"))

	def test_list_shows_only_the_users_unit(self):
		self.assertEqual(self.visible_goals(USER_A), {self.goal_a})
		self.assertEqual(self.visible_goals(USER_B), {self.goal_b})

	def test_finance_and_leaders_see_every_unit(self):
		self.assertEqual(self.visible_goals(OFFICER), {self.goal_a, self.goal_b})
		self.assertEqual(self.visible_goals(LEADER), {self.goal_a, self.goal_b})

	def test_a_unit_role_without_a_unit_sees_nothing(self):
		self.assertEqual(self.visible_goals(NO_UNIT), set())
		frappe.set_user(NO_UNIT)
		self.assertEqual(frappe.get_list("Budget Unit", filters={"name": ["like", "测试隔离%"]}), [])

	def test_form_of_another_unit_is_refused(self):
		frappe.set_user(USER_A)
		self.assertTrue(frappe.has_permission("Performance Goal", "read", self.goal_a))
		self.assertFalse(frappe.has_permission("Performance Goal", "read", self.goal_b))
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc("Performance Goal", self.goal_b).check_permission, "read"
		)

	def test_cannot_file_a_goal_for_another_unit(self):
		frappe.set_user(USER_A)
		self.assertRaises(frappe.PermissionError, make_goal, self.unit_b, year=YEAR, project_code="ISO-X")

	def test_link_search_offers_only_own_records(self):
		frappe.set_user(USER_A)
		goals = {r["value"] for r in search_link("Performance Goal", "ISO", page_length=50)}
		self.assertEqual(goals, {self.goal_a})
		units = {r["value"] for r in search_link("Budget Unit", "隔离", page_length=50)}
		self.assertEqual(units, {self.unit_a})

	def test_report_shows_only_own_unit(self):
		from perf_budget.perf_budget.report.goal_review_summary.goal_review_summary import execute

		frappe.set_user(USER_A)
		_columns, rows, *_ = execute({"performance_year": YEAR})
		self.assertEqual({r["budget_unit"] for r in rows}, {self.unit_a})
		frappe.set_user(OFFICER)
		_columns, rows, *_ = execute({"performance_year": YEAR})
		self.assertEqual({r["budget_unit"] for r in rows}, {self.unit_a, self.unit_b})

	def test_rest_api_keeps_units_apart(self):
		sid = session_for(USER_A)
		response = self.get(
			self.resource("Performance Goal"),
			{"sid": sid, "filters": frappe.as_json({"performance_year": YEAR}), "limit_page_length": 100},
		)
		self.assertEqual(response.status_code, 200)
		self.assertEqual({r["name"] for r in response.json["data"]}, {self.goal_a})
		self.assertEqual(
			self.get(self.resource("Performance Goal", self.goal_a), {"sid": sid}).status_code, 200
		)
		self.assertEqual(
			self.get(self.resource("Performance Goal", self.goal_b), {"sid": sid}).status_code, 403
		)

	def test_rest_count_counts_only_own_unit(self):
		def count(user, doctype):
			response = self.get(
				self.method("frappe.client.get_count"),
				{
					"sid": session_for(user),
					"doctype": doctype,
					"filters": frappe.as_json({"performance_year": YEAR}),
				},
			)
			return response.status_code, response.json.get("message")

		self.assertEqual(count(USER_A, "Performance Goal"), (200, 1))
		self.assertEqual(count(USER_A, "Performance Evaluation"), (200, 1))
		self.assertEqual(count(OFFICER, "Performance Goal"), (200, 2))
		self.assertEqual(count(NO_UNIT, "Performance Goal"), (200, 0))

	def test_rest_api_keeps_evaluations_apart(self):
		sid = session_for(USER_A)
		response = self.get(
			self.resource("Performance Evaluation"),
			{"sid": sid, "filters": frappe.as_json({"performance_year": YEAR}), "limit_page_length": 100},
		)
		self.assertEqual({r["name"] for r in response.json["data"]}, {self.evaluation_a})
		self.assertEqual(
			self.get(self.resource("Performance Evaluation", self.evaluation_b), {"sid": sid}).status_code,
			403,
		)

	def test_evaluation_reports_show_only_own_unit(self):
		from perf_budget.perf_budget.report.self_evaluation_scores.self_evaluation_scores import execute

		frappe.set_user(USER_A)
		self.assertEqual({r["budget_unit"] for r in execute({"performance_year": YEAR})[1]}, {self.unit_a})
