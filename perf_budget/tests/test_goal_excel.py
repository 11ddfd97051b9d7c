"""The official goal form in Excel on a real site: round trip, create/update,
all-or-nothing import of malformed files, unit isolation."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook, load_workbook

from perf_budget.exchange.goals import (
	GoalImportError,
	goal_workbook,
	goals_of,
	import_goals,
)
from perf_budget.tests.factories import make_goal, make_unit, make_user, make_year
from perf_budget.workflow.actions import act_as

YEAR = "2092"
USER_A, USER_B, OFFICER = "xl.a@perf.test", "xl.b@perf.test", "xl.officer@perf.test"


def cells(data: bytes) -> list[list]:
	"""Every cell value of every sheet, the content a person sees."""
	book = load_workbook(io.BytesIO(data))
	return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets]


def edited(data: bytes, **changes) -> bytes:
	"""The workbook with cells changed, e.g. edited(data, D8="一千万")."""
	book = load_workbook(io.BytesIO(data))
	sheet = book.worksheets[0]
	for ref, value in changes.items():
		sheet[ref] = value
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


class TestGoalExcel(FrappeTestCase):
	def setUp(self):
		make_year(YEAR)
		self.unit_a = make_unit("表格甲科").name
		self.unit_b = make_unit("表格乙科").name
		make_user(USER_A, unit=self.unit_a)
		make_user(USER_B, unit=self.unit_b)
		make_user(OFFICER, roles=("Perf Finance Officer",))
		frappe.set_user(USER_A)
		self.goal = make_goal(self.unit_a, year=YEAR, project_code="XL-1", contact_phone="0355-1234567")
		frappe.set_user("Administrator")
		self.form = goal_workbook([self.goal.name])

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # every test starts from its own setUp

	def snapshot(self):
		"""What the database holds of goals: a failed import must leave it equal."""
		return frappe.get_all(
			"Performance Goal", fields=["name", "modified", "total_amount"], order_by="name"
		), frappe.db.count("Goal Indicator")

	def assert_refused(self, data: bytes, *expected: str, filename: str = "goal.xlsx"):
		before = self.snapshot()
		frappe.set_user(USER_A)
		with self.assertRaises(GoalImportError) as refused:
			import_goals(data, filename)
		frappe.set_user("Administrator")
		for text in expected:
			self.assertIn(text, str(refused.exception))
		self.assertEqual(self.snapshot(), before)
		return str(refused.exception)

	# -- round trip -----------------------------------------------------------
	def test_export_import_export_gives_the_same_form(self):
		frappe.set_user(USER_A)
		result = import_goals(self.form, "goal.xlsx")
		self.assertEqual(
			result,
			{
				"created": [],
				"updated": [self.goal.name],
				"sheets": [{"sheet": "XL-1", "record": self.goal.name, "created": 0}],
			},
		)
		self.assertEqual(cells(goal_workbook([self.goal.name])), cells(self.form))

	def test_the_form_carries_the_goal(self):
		sheet = load_workbook(io.BytesIO(self.form)).worksheets[0]
		self.assertEqual(sheet["A1"].value, "项目支出绩效目标申报表")
		self.assertEqual(sheet["F4"].value, self.unit_a)
		self.assertEqual(sheet["B8"].value, 100)
		self.assertIn("A1:G1", {str(r) for r in sheet.merged_cells.ranges})
		self.assertTrue(any(cell.value == "≥500" for row in sheet.iter_rows() for cell in row))

	def test_an_edited_form_updates_the_draft(self):
		frappe.set_user(USER_A)
		import_goals(edited(self.form, D8=120, B8=140), "goal.xlsx")
		self.goal.reload()
		self.assertEqual((self.goal.fiscal_amount, self.goal.total_amount), (120, 140))

	def test_a_new_project_code_files_a_new_draft(self):
		frappe.set_user(USER_A)
		result = import_goals(edited(self.form, F3="XL-2"), "goal.xlsx")
		self.assertEqual(len(result["created"]), 1)
		new = frappe.get_doc("Performance Goal", result["created"][0])
		self.assertEqual(
			(new.project_code, new.budget_unit, new.workflow_state), ("XL-2", self.unit_a, "Draft")
		)
		self.assertEqual(len(new.indicators), 5)

	def test_a_goal_under_review_is_not_replaced(self):
		act_as(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		self.assert_refused(self.form, "XL-1")

	# -- malformed files: clear error, nothing written ---------------------------
	def test_wrong_template(self):
		self.assert_refused(edited(self.form, A3="项目"), "A3")

	def test_missing_sheet(self):
		book = Workbook()
		book.active["A1"] = "说明"
		out = io.BytesIO()
		book.save(out)
		self.assert_refused(out.getvalue(), "项目支出绩效目标申报表")

	def test_text_in_a_number_cell(self):
		message = self.assert_refused(edited(self.form, D8="一千万"), "D", "8", "一千万")
		self.assertIn("XL-1", message)

	def test_negative_amount(self):
		self.assert_refused(edited(self.form, F8=-5, B8=75), "F")

	def test_weights_not_summing(self):
		self.assert_refused(edited(self.form, F16=30), "60", "50")

	def test_unknown_unit(self):
		self.assert_refused(edited(self.form, F4="不存在的科室"), "不存在的科室")

	def test_duplicate_indicators(self):
		self.assert_refused(edited(self.form, C17="培训人次"), "培训人次")

	def test_empty_file(self):
		self.assert_refused(b"")

	def test_non_excel_file_renamed_xlsx(self):
		self.assert_refused("项目名称,金额\n培训,100\n".encode(), filename="goal.xlsx")

	def test_ten_megabyte_file(self):
		self.assert_refused(b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024), "MB")

	def test_another_units_goal_in_the_file(self):
		self.assert_refused(edited(self.form, F4=self.unit_b), self.unit_b)

	def test_unknown_year(self):
		self.assert_refused(edited(self.form, B2="2091"), "2091")

	# -- isolation --------------------------------------------------------------
	def test_another_units_goal_cannot_be_exported(self):
		frappe.set_user(USER_B)
		self.assertRaises(frappe.PermissionError, goal_workbook, [self.goal.name])

	def test_a_year_export_holds_only_the_users_unit(self):
		frappe.set_user(USER_B)
		b_goal = make_goal(self.unit_b, year=YEAR, project_code="XL-B").name
		self.assertEqual(goals_of(YEAR), [b_goal])
		frappe.set_user(OFFICER)
		self.assertEqual(set(goals_of(YEAR)), {self.goal.name, b_goal})
