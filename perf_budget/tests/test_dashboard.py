"""The workspace dashboard (number cards and charts) on a real site: the
figures a finance head and a unit user see, each within their isolation."""

import json

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase

from perf_budget.boot import current_year
from perf_budget.dashboard import (
	advice_by_action,
	department_goals_by_state,
	exante_conclusions,
	grade_distribution,
	lights_by_unit,
)
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.tests.factories import (
	committed,
	make_confirmed_goal,
	make_goal,
	make_rectification,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2078"
USER_A, HEAD_A, USER_B, OFFICER = (
	"db.a@perf.test",
	"db.head.a@perf.test",
	"db.b@perf.test",
	"db.officer@perf.test",
)


def card(name: str, user: str):
	"""What the card shows ``user``: its filters with the desk's year filled in, as the widget asks."""
	doc = frappe.get_doc("Number Card", name)
	filters = json.loads(doc.filters_json or "[]")
	for row in json.loads(doc.dynamic_filters_json or "[]"):
		filters.append([*row[:3], current_year()])  # the widget evaluates frappe.boot.perf_budget_year
	frappe.set_user(user)
	try:
		if doc.type != "Custom":
			return get_result(doc.as_json(), filters)
		figure = frappe.get_attr(doc.method)(filters=json.dumps(filters))
		return figure["value"] if isinstance(figure, dict) else figure
	finally:
		frappe.set_user("Administrator")


class TestDashboard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			units = make_unit_people("看板甲科", USER_A, HEAD_A, OFFICER), make_unit("看板乙科").name
			make_user(USER_B, unit=units[1])
			return units

		# committed once: other sessions test on the same site, and every new unit
		# rewrites the unit tree they write too
		cls.unit_a, cls.unit_b = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER_A, HEAD_A, USER_B, OFFICER), units=(cls.unit_a, cls.unit_b), years=(YEAR,)
		)
		super().tearDownClass()

	def setUp(self):
		self.goal_a = make_confirmed_goal(self.unit_a, USER_A, HEAD_A, OFFICER, YEAR, "DB-A")
		frappe.set_user(USER_B)
		self.goal_b = make_goal(self.unit_b, year=YEAR, project_code="DB-B")
		frappe.set_user("Administrator")
		self.goal_b.db_set({"docstatus": 1, "workflow_state": "Confirmed", "is_current": 1})
		frappe.set_user(OFFICER)
		create_monitoring_round(YEAR, 7)
		create_evaluation_round(YEAR)
		frappe.set_user("Administrator")
		for goal, light, score, grade in (
			(self.goal_a, "Red", 55, "Poor"),
			(self.goal_b, "Yellow", 91, "Excellent"),
		):
			frappe.db.set_value(
				"Performance Monitoring", {"performance_goal": goal.name}, "warning_level", light
			)
			frappe.db.set_value(
				"Performance Evaluation",
				{"performance_goal": goal.name},
				{"docstatus": 1, "workflow_state": "Accepted", "total_score": score, "grade": grade},
			)
		make_rectification(self.unit_a, YEAR, {"status": "Overdue"})
		frappe.set_user(USER_B)
		waiting = make_goal(self.unit_b, year=YEAR, project_code="DB-B2")
		frappe.set_user("Administrator")
		act_as(USER_B, "Performance Goal", waiting.name, "Submit to Unit Head")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_the_dashboard_year_is_the_running_year(self):
		self.assertEqual(current_year(), YEAR)

	def test_finance_sees_every_unit(self):
		# A's red light and overdue rectification; (55 + 91) / 2 = 73; B's DB-B2 with
		# its head (A's goal and B's first one are confirmed)
		self.assertEqual(
			[
				card(name, OFFICER)
				for name in (
					"Red Warnings",
					"Overdue Rectifications",
					"Average Self-Evaluation Score",
					"Goals Awaiting Review",
				)
			],
			[1, 1, 73, 1],
		)

	def test_a_unit_user_sees_their_unit_only(self):
		self.assertEqual(
			[
				card(name, USER_A)
				for name in (
					"Red Warnings",
					"Overdue Rectifications",
					"Average Self-Evaluation Score",
					"Goals Awaiting Review",
				)
			],
			[1, 1, 55, 0],
		)
		self.assertEqual(
			[
				card(name, USER_B)
				for name in (
					"Red Warnings",
					"Overdue Rectifications",
					"Average Self-Evaluation Score",
					"Goals Awaiting Review",
				)
			],
			[0, 0, 91, 1],
		)

	def test_confirmed_budget_advice_sums_the_users_units_only(self):
		for goal, amount in ((self.goal_a, 40), (self.goal_b, 60.5)):
			evaluation = frappe.db.get_value("Performance Evaluation", {"performance_goal": goal.name})
			advice = frappe.get_doc(
				{"doctype": "Budget Advice", "performance_evaluation": evaluation}
			).insert()
			advice.db_set({"docstatus": 1, "decided_amount": amount})
		self.assertEqual(
			[card("Confirmed Budget Advice (10k yuan)", user) for user in (OFFICER, USER_A, USER_B)],
			["100.50", "40.00", "60.50"],
		)

	def test_advice_chart_counts_the_users_units_only(self):
		# A's advice awaits confirmation (the rules' 压减预算), B's is confirmed as 优先保障
		for goal, values in (
			(self.goal_a, {"recommended_action": "Cut Budget", "decided_action": "Fund with Priority"}),
			(self.goal_b, {"docstatus": 1, "decided_action": "Fund with Priority"}),
		):
			evaluation = frappe.db.get_value("Performance Evaluation", {"performance_goal": goal.name})
			advice = frappe.get_doc(
				{"doctype": "Budget Advice", "performance_evaluation": evaluation}
			).insert()
			advice.db_set(values)
		shown = {}
		for user in (OFFICER, USER_A, USER_B):
			frappe.set_user(user)
			chart = advice_by_action(filters=json.dumps({"performance_year": YEAR}))
			shown[user] = [dataset["values"] for dataset in chart.get("datasets", [])]
		frappe.set_user("Administrator")
		self.assertEqual(
			shown,
			{
				OFFICER: [[1, 0, 0, 0], [0, 0, 1, 0]],  # confirmed, awaiting confirmation
				USER_A: [[0, 0, 0, 0], [0, 0, 1, 0]],  # a draft counts its recommendation
				USER_B: [[1, 0, 0, 0], [0, 0, 0, 0]],
			},
		)

	def test_department_and_ex_ante_figures_count_the_users_units_only(self):
		def insert(doctype, unit, **values):
			frappe.get_doc(
				{
					"doctype": doctype,
					"name": frappe.generate_hash(length=12),
					"performance_year": YEAR,
					"budget_unit": unit,
					**values,
				}
			).db_insert()

		for unit, score in ((self.unit_a, 80), (self.unit_b, 91.5)):
			insert("Department Performance Evaluation", unit, total_score=score, docstatus=1)
			insert("Department Performance Goal", unit, docstatus=0, workflow_state="Finance Review")
			insert(
				"Ex-ante Assessment",
				unit,
				project_name="看板评估",
				docstatus=0,
				workflow_state="Finance Review",
			)
		insert("Department Performance Goal", self.unit_a, docstatus=1, workflow_state="Confirmed")
		insert("Ex-ante Assessment", self.unit_a, project_name="看板评估", conclusion="Support", docstatus=1)
		in_year = json.dumps({"performance_year": YEAR})

		def figures(user):
			average = card("Department Self-Evaluation Average Score", user)
			waiting = card("Assessments Awaiting Finance", user)
			frappe.set_user(user)
			try:
				goals = department_goals_by_state(filters=in_year)
				conclusions = exante_conclusions(filters=in_year)
			finally:
				frappe.set_user("Administrator")
			goals = dict(zip(goals["labels"], goals["datasets"][0]["values"], strict=True))
			# Support, Support after Adjustment, Do Not Support, Being Assessed
			conclusions = [sum(dataset["values"]) for dataset in conclusions["datasets"]]
			return average, waiting, goals, conclusions

		self.assertEqual(figures(OFFICER), (85.75, 2, {"Finance Review": 2, "Confirmed": 1}, [1, 0, 0, 2]))
		self.assertEqual(figures(USER_A), (80, 1, {"Finance Review": 1, "Confirmed": 1}, [1, 0, 0, 1]))
		self.assertEqual(figures(USER_B), (91.5, 1, {"Finance Review": 1}, [0, 0, 0, 1]))

	def test_the_assessments_card_opens_those_at_finance(self):
		doc = frappe.get_doc("Number Card", "Assessments Awaiting Finance")
		figure = frappe.get_attr(doc.method)(filters=doc.filters_json)
		self.assertEqual(
			(figure["route"], figure["route_options"]),
			(["List", "Ex-ante Assessment"], {"workflow_state": "Finance Review", "docstatus": 0}),
		)

	def test_warnings_by_unit_chart_respects_isolation(self):
		def lights(user):
			frappe.set_user(user)
			try:
				data = lights_by_unit("Warnings by Unit", filters=json.dumps({"performance_year": YEAR}))
			finally:
				frappe.set_user("Administrator")
			return {
				unit: tuple(dataset["values"][i] for dataset in data["datasets"])
				for i, unit in enumerate(data["labels"])
			}

		# (red, yellow, green) per unit
		self.assertEqual(lights(OFFICER), {self.unit_a: (1, 0, 0), self.unit_b: (0, 1, 0)})
		self.assertEqual(lights(USER_A), {self.unit_a: (1, 0, 0)})

	def test_grade_distribution_chart_respects_isolation(self):
		doc = frappe.get_doc("Dashboard Chart", "Grade Distribution")
		self.assertEqual((doc.chart_type, doc.source), ("Custom", "Grade Distribution"))

		def grades(user):
			frappe.set_user(user)
			try:
				chart = grade_distribution(filters=json.dumps({"performance_year": YEAR}))
			finally:
				frappe.set_user("Administrator")
			return dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True))

		self.assertEqual(grades(OFFICER), {"Excellent": 1, "Good": 0, "Fair": 0, "Poor": 1})
		self.assertEqual(grades(USER_A), {"Excellent": 0, "Good": 0, "Fair": 0, "Poor": 1})

	def test_unit_user_can_open_the_cards_and_charts(self):
		frappe.set_user(USER_A)
		for name in (
			"Red Warnings",
			"Overdue Rectifications",
			"Average Self-Evaluation Score",
			"Goals Awaiting Review",
		):
			self.assertTrue(frappe.has_permission("Number Card", doc=name), name)
		for name in ("Grade Distribution", "Warnings by Unit"):
			self.assertTrue(frappe.has_permission("Dashboard Chart", doc=name), name)
