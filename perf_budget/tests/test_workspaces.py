"""Each role's home page (issue 12, item 4) and the dashboard figures on it:
which workspaces Frappe's sidebar gives each person, where they land, that
Frappe's admin pages are gone for staff but never for a System Manager, and
the cards and charts that Frappe's own types showed wrong (79.57 shown as 80,
no score shown as 0, yellow lights drawn red)."""

import json
import re
from pathlib import Path

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.modules import scrub
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.setup.desk import STAFF_PROFILE
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2077"
CLERK, HEAD, OFFICER, FINANCE_HEAD, LEADER, ADMIN = (
	"ws.clerk@perf.test",
	"ws.head@perf.test",
	"ws.officer@perf.test",
	"ws.finance.head@perf.test",
	"ws.leader@perf.test",
	"ws.admin@perf.test",
)
DB_CLERK, DB_OTHER, DB_OFFICER = "ws.db.a@perf.test", "ws.db.b@perf.test", "ws.db.officer@perf.test"
FRAPPE_ADMIN_PAGES = {"Users", "Website", "Tools", "Integrations", "Build"}


def sidebar(user: str) -> list[str]:
	frappe.set_user(user)
	try:
		return [page["name"] for page in get_workspace_sidebar_items()["pages"]]
	finally:
		frappe.set_user("Administrator")


def card(name: str, user: str, year: str = YEAR):
	"""The card's figure for ``user``, with the filters the widget sends
	(the dynamic year filter filled in as the desk does)."""
	doc = frappe.get_doc("Number Card", name)
	filters = json.loads(doc.filters_json or "[]")
	filters += [[*row[:3], year] for row in json.loads(doc.dynamic_filters_json or "[]")]
	frappe.set_user(user)
	try:
		return frappe.get_attr(doc.method)(filters=json.dumps(filters))
	finally:
		frappe.set_user("Administrator")


def chart(name: str, user: str, year: str = YEAR) -> dict:
	"""The chart's data for ``user``, from the method its source's desk script names."""
	source = frappe.db.get_value("Dashboard Chart", name, "source")
	script = Path(
		frappe.get_module_path("Perf Budget"), "dashboard_chart_source", scrub(source), f"{scrub(source)}.js"
	).read_text()
	method = re.search(r'method: "([\w.]+)"', script).group(1)
	frappe.set_user(user)
	try:
		return frappe.get_attr(method)(chart_name=name, filters=json.dumps({"performance_year": year}))
	finally:
		frappe.set_user("Administrator")


def forget(users) -> None:
	"""After a rollback: Frappe's caches of these users (their User document,
	allowed modules) would still hold what the test changed."""
	for user in users:
		frappe.clear_document_cache("User", user)
		frappe.clear_cache(user=user)


class TestRoleHomePages(FrappeTestCase):
	USERS = (CLERK, HEAD, OFFICER, FINANCE_HEAD, LEADER, ADMIN)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			unit = make_unit("首页甲科").name
			make_user(CLERK, unit=unit)
			make_user(HEAD, unit=unit, unit_role="Perf Unit Head")
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(FINANCE_HEAD, roles=("Perf Finance Head", "Perf Finance Officer"))
			make_user(LEADER, roles=("Perf Leader",))
			make_user(ADMIN, roles=("System Manager", "Perf Finance Officer"))
			return unit

		# committed: other sessions test on the same site, and users are rows they lock too
		cls.unit = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=cls.USERS, units=[cls.unit])
		forget(cls.USERS)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		forget(self.USERS)

	def test_each_role_gets_its_own_page_and_nothing_of_frappe_admin(self):
		self.assertEqual(
			{user: sidebar(user) for user in (CLERK, HEAD, OFFICER, FINANCE_HEAD, LEADER)},
			{
				CLERK: ["Unit Filing"],
				HEAD: ["Unit Review"],
				OFFICER: ["Finance Review"],
				FINANCE_HEAD: ["Finance Review"],
				LEADER: ["Performance Overview"],
			},
		)

	def test_each_role_lands_on_its_page(self):
		self.assertEqual(
			{
				user: frappe.db.get_value("User", user, "default_workspace")
				for user in (CLERK, HEAD, OFFICER, FINANCE_HEAD, LEADER, ADMIN)
			},
			{
				CLERK: "Unit Filing",
				HEAD: "Unit Review",
				OFFICER: "Finance Review",
				FINANCE_HEAD: "Finance Review",
				LEADER: "Performance Overview",
				ADMIN: None,
			},
		)
		frappe.set_user(LEADER)
		try:
			# what the desk reads at /app (frappe.boot.user.default_workspace)
			self.assertEqual(frappe.get_user().load_user().default_workspace["title"], "Performance Overview")
		finally:
			frappe.set_user("Administrator")

	def test_a_system_manager_keeps_every_page(self):
		pages = sidebar(ADMIN)
		self.assertLessEqual(FRAPPE_ADMIN_PAGES, set(pages))
		self.assertLessEqual(
			{"Performance Budget", "Unit Filing", "Unit Review", "Finance Review", "Performance Overview"},
			set(pages),
		)
		self.assertEqual(frappe.db.get_value("User", ADMIN, "module_profile"), None)

	def test_the_page_and_sidebar_follow_role_changes(self):
		user = frappe.get_doc("User", CLERK)
		self.assertEqual(user.module_profile, STAFF_PROFILE)
		self.assertIn("Core", {row.module for row in user.block_modules})
		user.add_roles("Perf Unit Head")
		self.assertEqual(frappe.db.get_value("User", CLERK, "default_workspace"), "Unit Review")
		self.assertEqual(sidebar(CLERK), ["Unit Filing", "Unit Review"])
		frappe.get_doc("User", CLERK).add_roles("System Manager")
		user = frappe.get_doc("User", CLERK)
		self.assertEqual((user.default_workspace, user.module_profile, user.block_modules), (None, None, []))
		self.assertLessEqual(FRAPPE_ADMIN_PAGES, set(sidebar(CLERK)))

	def test_the_home_pages_cards_and_charts_come_with_the_boot(self):
		"""What the desk would fetch one by one before drawing a figure (each
		definition, each chart source's and report's code) is in the boot, for
		exactly the cards and charts of the pages this person sees and may read."""
		from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config
		from frappe.desk.form.load import getdoc

		from perf_budget.boot import workspace_widgets

		def boot_of(user):
			frappe.set_user(user)
			try:
				widgets = workspace_widgets(get_workspace_sidebar_items()["pages"])
				# the same permission getdoc applies when the desk asks for one
				for doc in widgets["docs"]:
					getdoc(doc["doctype"], doc["name"])
				return widgets
			finally:
				frappe.set_user("Administrator")

		leader = boot_of(LEADER)
		self.assertEqual(
			[(doc["doctype"], doc["name"]) for doc in leader["docs"]],
			[
				("Number Card", "Assessments Awaiting Finance"),
				("Number Card", "Average Self-Evaluation Score"),
				("Number Card", "Confirmed Budget Advice (10k yuan)"),
				("Number Card", "Department Self-Evaluation Average Score"),
				("Number Card", "Overdue Rectifications"),
				("Number Card", "Red Warnings"),
				("Dashboard Chart", "Budget Advice by Action"),
				("Dashboard Chart", "Department Goals by State"),
				("Dashboard Chart", "Ex-ante Conclusions"),
				("Dashboard Chart", "Grade Distribution"),
				("Dashboard Chart", "Grades by Unit"),
				("Dashboard Chart", "Warnings by Unit"),
			],
		)
		self.assertEqual(
			leader["chart_sources"],
			{
				source: get_config(source)
				for source in (
					"Budget Advice by Action",
					"Department Goals by State",
					"Ex-ante Conclusions",
					"Grade Distribution",
					"Grades by Unit",
					"Lights by Unit",
				)
			},
		)
		self.assertEqual(leader["reports"], {})  # none of their charts draws a report

		clerk = boot_of(CLERK)
		self.assertEqual(
			[doc["name"] for doc in clerk["docs"]],
			["Average Self-Evaluation Score", "Awaiting My Review", "Overdue Rectifications", "Red Warnings"],
		)
		self.assertEqual((clerk["chart_sources"], clerk["reports"]), ({}, {}))
		# a page this person does not see brings nothing, even when named
		frappe.set_user(CLERK)
		try:
			self.assertEqual(workspace_widgets([{"name": "Unit Filing", "module": "Frappe"}])["docs"], [])
		finally:
			frappe.set_user("Administrator")

	def test_an_admins_own_choice_of_page_stays(self):
		user = frappe.get_doc("User", OFFICER)
		user.default_workspace = "Performance Budget"
		user.save(ignore_permissions=True)
		frappe.get_doc("User", OFFICER).add_roles("Perf Finance Head")
		self.assertEqual(frappe.db.get_value("User", OFFICER, "default_workspace"), "Performance Budget")


class TestDashboardFigures(FrappeTestCase):
	"""Three accepted self-evaluations of 79.50, 79.60 and 79.60 in one unit
	(mean 79.5666…), monitoring lights red, yellow and green in two units."""

	USERS = (DB_CLERK, DB_OTHER, DB_OFFICER)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			units = make_unit("看板丙科").name, make_unit("看板丁科").name
			make_user(DB_CLERK, unit=units[0])
			make_user(DB_OTHER, unit=units[1])
			make_user(DB_OFFICER, roles=("Perf Finance Officer",))
			return units

		cls.unit_a, cls.unit_b = committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=cls.USERS, units=[cls.unit_a, cls.unit_b], years=[YEAR])
		forget(cls.USERS)
		super().tearDownClass()

	def setUp(self):
		goals = []
		for unit, user, codes in (
			(self.unit_a, DB_CLERK, ("F-1", "F-2", "F-3")),
			(self.unit_b, DB_OTHER, ("F-4",)),
		):
			frappe.set_user(user)
			goals += [make_goal(unit, year=YEAR, project_code=code) for code in codes]
		frappe.set_user("Administrator")
		for goal in goals:
			goal.db_set({"docstatus": 1, "workflow_state": "Confirmed", "is_current": 1})
		frappe.set_user(DB_OFFICER)
		create_monitoring_round(YEAR, 7)
		create_evaluation_round(YEAR)
		frappe.set_user("Administrator")
		for goal, light, score in zip(
			goals, ("Red", "Yellow", "Yellow", "Green"), (79.5, 79.6, 79.6, None), strict=True
		):
			frappe.db.set_value(
				"Performance Monitoring", {"performance_goal": goal.name}, "warning_level", light
			)
			if score is not None:
				frappe.db.set_value(
					"Performance Evaluation",
					{"performance_goal": goal.name},
					{"docstatus": 1, "workflow_state": "Accepted", "total_score": score, "grade": "Fair"},
				)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_average_score_shows_two_decimals_and_a_dash_for_none(self):
		figure = card("Average Self-Evaluation Score", DB_OFFICER)
		self.assertEqual((figure["value"], figure["precision"]), (79.57, 2))
		self.assertEqual(card("Average Self-Evaluation Score", DB_CLERK)["value"], 79.57)
		# 看板丁科's self-evaluation is not accepted: nothing to average, not a 0
		self.assertEqual(card("Average Self-Evaluation Score", DB_OTHER), "—")

	def test_confirmed_budget_advice_is_a_dash_before_any(self):
		self.assertEqual(card("Confirmed Budget Advice (10k yuan)", DB_OFFICER), "—")

	def test_each_light_has_its_own_colour_and_unit_users_see_their_unit(self):
		self.assertEqual(
			chart("Warnings by Unit", DB_OFFICER),
			{
				"labels": [self.unit_a, self.unit_b],
				"datasets": [
					{"name": "Red", "values": [1, 0]},
					{"name": "Yellow", "values": [2, 0]},
					{"name": "Green", "values": [0, 1]},
				],
			},
		)
		options = json.loads(frappe.db.get_value("Dashboard Chart", "Warnings by Unit", "custom_options"))
		self.assertEqual(options["colors"], ["#e24c4c", "#f5b82e", "#36b37e"])  # red, yellow, green
		self.assertEqual(chart("Warnings by Unit", DB_OTHER)["labels"], [self.unit_b])

	def test_count_charts_have_whole_number_axes(self):
		# frappe-charts splits an axis up to 2 into quarters (0, 0.25 … shown "0, 0, 0.5, 1, 1");
		# from 3 up its steps are whole numbers
		for name in ("Warnings by Unit", "Grades by Unit", "Budget Advice by Action", "Grade Distribution"):
			options = json.loads(frappe.db.get_value("Dashboard Chart", name, "custom_options"))
			self.assertEqual(options["axisOptions"]["yAxisRange"], {"min": 0, "max": 3}, name)

	def test_grades_by_unit_counts_accepted_evaluations_only(self):
		data = chart("Grades by Unit", DB_OFFICER)
		self.assertEqual(data["labels"], [self.unit_a])
		self.assertEqual(
			{row["name"]: row["values"] for row in data["datasets"]},
			{"Excellent": [0], "Good": [0], "Fair": [3], "Poor": [0]},
		)
		self.assertEqual(chart("Grades by Unit", DB_OTHER), {})
