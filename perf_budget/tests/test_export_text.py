"""Frappe's own Excel exports (the list's Export, a report's Export) write a
unit's text as text: "=HYPERLINK(…)" in a project name must not become a live
formula in whoever opens the export (issue 11, item 5)."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.tests.factories import make_goal, make_unit, make_year

YEAR = "2067"
UNIT_NAME = "导出文本科"
NAMES = ('=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)")


def cells(content: bytes) -> list:
	workbook = load_workbook(io.BytesIO(content))
	return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


class TestFrappeExportsWriteText(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_year(YEAR)
		unit = make_unit(UNIT_NAME).name
		cls.goals = [
			make_goal(unit, YEAR, project_code=f"TXT-{number}", project_name=name).name
			for number, name in enumerate(NAMES)
		]

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.response = frappe._dict()

	def test_the_list_export_keeps_a_project_name_as_text(self):
		frappe.local.form_dict = frappe._dict(
			doctype="Performance Goal",
			file_format_type="Excel",
			fields='["`tabPerformance Goal`.`name`", "`tabPerformance Goal`.`project_name`"]',
			filters=f'[["Performance Goal", "performance_year", "=", "{YEAR}"]]',
			order_by="`tabPerformance Goal`.`project_code` asc",
		)
		from frappe.desk.reportview import export_query

		export_query()
		written = {cell.value: cell.data_type for cell in cells(frappe.local.response.filecontent)}
		for name in NAMES:
			self.assertEqual(written.get(name), "s", f"{name} must be written as text")
		self.assertNotIn("f", written.values())

	def test_formulas_are_turned_into_the_text_they_were_given(self):
		from perf_budget.security.excel import make_xlsx

		content = make_xlsx([["项目名称"], [NAMES[0]], [12.5]], "Export").getvalue()
		written = [(cell.value, cell.data_type) for cell in cells(content)]
		self.assertEqual(written, [("项目名称", "s"), (NAMES[0], "s"), (12.5, "n")])


class TestEveryJobWritesText(FrappeTestCase):
	def test_a_background_job_installs_the_text_export_before_it_runs(self):
		# an emailed report is built in a job, which may import nothing of the app first
		import frappe.utils.xlsxutils

		from perf_budget.security import excel

		frappe.utils.xlsxutils.make_xlsx = excel.FRAPPE_MAKE_XLSX
		try:
			for task in frappe.get_hooks("before_job"):  # as frappe.utils.background_jobs.execute_job does
				frappe.call(
					task,
					method="frappe.email.doctype.auto_email_report.auto_email_report.send_daily",
					kwargs={},
					transaction_type="job",
				)
			self.assertIs(frappe.utils.xlsxutils.make_xlsx, excel.make_xlsx)
		finally:
			excel.install()
