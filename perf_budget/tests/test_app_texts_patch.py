"""Texts the app stored in English before it wrote in the site's language are
rewritten by the patch app_texts_in_site_language: its own sentences only,
their values kept; a person's text is left as typed."""

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.patches import app_texts_in_site_language as patch
from perf_budget.tests.factories import make_goal, make_rectification, make_unit, make_year

YEAR = "2073"


class TestAppTextsPatch(FrappeTestCase):
	def setUp(self):
		self.lang = frappe.db.get_default("lang")
		make_year(YEAR)
		self.unit = make_unit("译文科").name
		self.rectification = make_rectification(self.unit, YEAR)
		self.rectification.db_set(
			{
				"problem": "Monitoring PM-2073-7-00001 needs rectification\n"
				"道路完好率: target ≥ 95%, actual to date 90%\n"
				"Please fix this soon",
				"title": "Monitoring PM-2073-7-00001 needs rectification",
			}
		)
		self.goal = make_goal(self.unit, year=YEAR, project_code="TP-1")
		self.returned = self.goal.add_comment("Comment", "Returned: 测算依据不足")
		self.typed = self.goal.add_comment("Comment", "Returned items are listed below")

	def tearDown(self):
		frappe.db.set_default("lang", self.lang)
		frappe.db.rollback()

	def stored(self):
		problem, title = frappe.db.get_value("Rectification", self.rectification.name, ["problem", "title"])
		comments = [frappe.db.get_value("Comment", c.name, "content") for c in (self.returned, self.typed)]
		return problem, title, comments

	def test_a_chinese_site_gets_the_app_sentences_in_chinese(self):
		frappe.db.set_default("lang", "zh")
		patch.execute()
		problem, title, comments = self.stored()
		self.assertEqual(
			problem,
			"运行监控PM-2073-7-00001需要整改\n道路完好率：目标≥ 95%，截至目前完成90%\nPlease fix this soon",
		)
		self.assertEqual(title, "运行监控PM-2073-7-00001需要整改")
		self.assertEqual(comments, ["已退回: 测算依据不足", "Returned items are listed below"])

	def test_an_english_site_is_left_as_it_is(self):
		frappe.db.set_default("lang", "en")
		before = self.stored()
		patch.execute()
		self.assertEqual(self.stored(), before)
