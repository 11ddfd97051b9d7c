"""The demo's people hold exactly the roles the README lists (a demo user with
System Manager would pass every finance check), and the department summary
downloads as a workbook whose figures add up."""

import io
import re
from pathlib import Path

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request
from openpyxl import load_workbook

from perf_budget.tests.factories import make_evaluated_goal, make_unit, make_user, make_year, session_for

AUTOMATIC = {"All", "Guest", "Desk User"}
YEAR = "2087"
OFFICER = "sum.officer@perf.test"


def readme_roles() -> dict[str, set[str]]:
	"""The demo users table of the README: user → roles."""
	text = (Path(frappe.get_app_path("perf_budget")).parent / "README.md").read_text(encoding="utf-8")
	table = text.split("### Demo users", 1)[1].split("\n\n", 2)[1]
	found = {}
	for line in table.splitlines()[2:]:
		cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
		if len(cells) == 3:
			found[cells[0]] = {r.strip() for r in cells[2].split(",")}
	return found


class TestDemoPeople(FrappeAPITestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_demo_users_hold_exactly_the_roles_the_readme_lists(self):
		from perf_budget.demo.bureau import (
			BUREAU_FILERS,
			UNIT_PEOPLE,
			make_people,
			make_units,
			unit_head,
			unit_user,
		)

		make_units()
		make_people()
		listed = readme_roles()
		self.assertEqual(listed["finance.officer@perf.local"], {"Perf Finance Officer"})
		people = {email: roles for email, roles in listed.items() if "<code>" not in email}
		for code in UNIT_PEOPLE:
			people[unit_user(code)] = listed["<code>.user@perf.local"]
			people[unit_head(code)] = listed["<code>.head@perf.local"]
		for email, roles in people.items():
			self.assertEqual(set(frappe.get_roles(email)) - AUTOMATIC, roles, email)
		self.assertEqual(len(people), 3 + 1 + len(BUREAU_FILERS) + 2 * len(UNIT_PEOPLE))


class TestDepartmentSummaryExport(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_year(YEAR)
		unit = make_unit("总结导出科").name
		make_user(OFFICER, roles=("Perf Finance Officer",))
		cls.goals = []
		for code, budget, executed, score, grade in (
			("SUM-1", 100, 95, 92.5, "Excellent"),
			("SUM-2", 50, 30, 71, "Fair"),
		):
			figures = {"annual_budget": budget, "executed_amount": executed, "total_score": score}
			goal, _evaluation = make_evaluated_goal(unit, YEAR, code, {**figures, "grade": grade})
			cls.goals.append(goal.name)
		frappe.db.commit()
		cls.unit = unit

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in frappe.get_all("Performance Evaluation", {"performance_year": YEAR}, pluck="name"):
			frappe.db.set_value("Performance Evaluation", name, "docstatus", 0)
			frappe.delete_doc("Performance Evaluation", name, force=True)
		for name in cls.goals:
			frappe.db.set_value("Performance Goal", name, "docstatus", 0)
			frappe.delete_doc("Performance Goal", name, force=True)
		frappe.delete_doc("Budget Unit", cls.unit, force=True)
		frappe.delete_doc("Performance Year", YEAR, force=True)
		# a finance officer left behind would be told of every other test's goals
		frappe.delete_doc("User", OFFICER, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_the_summary_downloads_with_totals_that_add_up(self):
		response = make_request(
			target=self.TEST_CLIENT.get,
			args=("/api/method/perf_budget.exchange.evaluations.export_department_summary",),
			kwargs={"query_string": {"sid": session_for(OFFICER), "performance_year": YEAR}},
		)
		self.assertEqual(response.status_code, 200, response.get_data()[:300].decode("utf-8", "replace"))
		book = load_workbook(io.BytesIO(response.get_data()))
		text = " ".join(
			str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value
		)
		# 150 万元 budgeted, 125 executed: 83.33 %; the average of 92.5 and 71 is 81.75
		intro = re.search(
			r"共自评项目(\d+)个，全年预算([\d.]+)万元，执行([\d.]+)万元，执行率([\d.]+)%，平均得分([\d.]+)分",
			text,
		)
		self.assertIsNotNone(intro, text[:300])
		self.assertEqual(intro.groups(), ("2", "150.00", "125.00", "83.33", "81.75"))
		self.assertIn("SUM-2", text)  # the Fair project is listed with its advice
