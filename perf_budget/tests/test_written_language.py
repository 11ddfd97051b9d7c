"""Text the app writes into records and notifications is written in the
site's language (issue 12, item 1): a rectification's problem made from a
monitoring record, a budget advice's reasons, the notification to the unit.
The English source is the msgid; the Chinese comes from the app's zh.po.

Rule (perf_budget/notify.py): stored text in ``frappe.local.lang`` when it is
written (a job: the site's language, or that of the user who started it);
a notification in each recipient's own language (User → Language, which
Frappe fills with the site's language for a new user), else in that one."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from perf_budget.notify import use_site_language
from perf_budget.perf_budget.doctype.budget_advice.budget_advice import create_budget_advice
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.perf_budget.doctype.rectification.rectification import make_rectification
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_confirmed_goal,
	make_unit_people,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2072"
USER, HEAD, OFFICER, FIN_HEAD = (
	"wl.user@perf.test",
	"wl.head@perf.test",
	"wl.officer@perf.test",
	"wl.finhead@perf.test",
)


class TestWrittenLanguage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("语言科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)
			return unit, make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "WL-1")

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER, FIN_HEAD), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def setUp(self):
		self.lang, self.job = frappe.local.lang, getattr(frappe.local, "job", None)

	def tearDown(self):
		frappe.local.lang = self.lang
		frappe.local.job = self.job
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for user in (USER, HEAD):
			frappe.clear_document_cache("User", user)

	# -- a rectification's problem, made from a monitoring record -----------------
	def monitoring(self, execution_light="Green", **values):
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		name = frappe.db.get_value("Performance Monitoring", {"performance_goal": self.goal.name})
		frappe.db.set_value(
			"Performance Monitoring",
			name,
			{
				"needs_rectification": 1,
				"rectification_requirement": "加快支出进度",
				"execution_light": execution_light,
				**values,
			},
		)
		frappe.db.set_value("Monitoring Indicator", {"parent": name}, "light", "Green")
		return name

	def problem(self, monitoring):
		name = as_user(OFFICER, make_rectification, "Performance Monitoring", monitoring)
		return frappe.db.get_value("Rectification", name, "problem")

	def test_problem_from_monitoring_in_chinese(self):
		frappe.local.lang = "zh"
		monitoring = self.monitoring()
		self.assertEqual(self.problem(monitoring), f"运行监控{monitoring}需要整改")

	def test_problem_from_monitoring_in_english(self):
		frappe.local.lang = "en"
		monitoring = self.monitoring()
		self.assertEqual(self.problem(monitoring), f"Monitoring {monitoring} needs rectification")

	def test_red_execution_in_the_problem_is_chinese(self):
		frappe.local.lang = "zh"
		monitoring = self.monitoring("Red", execution_rate=12.5, time_adjusted_rate=58.33)
		self.assertEqual(self.problem(monitoring), "预算执行率12.5%（序时进度执行率58.33%）")

	# -- budget advice reasons ------------------------------------------------------
	def advice_reasons(self, grade: str) -> str:
		as_user(OFFICER, create_evaluation_round, YEAR)
		name = frappe.db.get_value("Performance Evaluation", {"performance_goal": self.goal.name})
		frappe.db.set_value(
			"Performance Evaluation",
			name,
			{
				"docstatus": 1,
				"workflow_state": "Accepted",
				"total_score": 95,
				"grade": grade,
				"annual_budget": 100,
			},
		)
		as_user(OFFICER, create_budget_advice, YEAR)
		return frappe.db.get_value(
			"Budget Advice", {"performance_evaluation": name}, "recommendation_reasons"
		)

	def test_advice_reason_in_chinese(self):
		frappe.local.lang = "zh"
		self.assertEqual(self.advice_reasons("Excellent"), "评价为优：优先安排项目预算")

	def test_advice_reason_in_english(self):
		frappe.local.lang = "en"
		self.assertEqual(self.advice_reasons("Excellent"), "Grade Excellent: fund the project with priority")

	# -- the notification to the unit -------------------------------------------------
	def sent_to_unit(self) -> tuple[str, str]:
		due = add_days(nowdate(), 10)
		doc = as_user(
			OFFICER,
			lambda: frappe.get_doc(
				{
					"doctype": "Rectification",
					"source_description": "市财政局反馈意见",
					"performance_year": YEAR,
					"budget_unit": self.unit,
					"performance_goal": self.goal.name,
					"problem": "培训合格率未达目标",
					"requirement": "补充培训并报送整改报告",
					"due_date": due,
				}
			).insert(),
		)
		act_as(OFFICER, "Rectification", doc.name, "Send to Unit")
		return doc.name, str(getdate(due))

	def subjects(self, name: str) -> dict[str, str]:
		return dict(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "Rectification", "document_name": name},
				fields=["for_user", "subject"],
				as_list=True,
			)
		)

	def speak(self, user: str, lang: str | None):
		"""The recipient's own language (Frappe gives a new user the site's)."""
		frappe.db.set_value("User", user, "language", lang)
		frappe.clear_document_cache("User", user)

	def test_notification_to_the_unit_in_chinese(self):
		frappe.local.lang = "zh"
		self.speak(USER, "zh")
		self.speak(HEAD, "zh")
		name, due = self.sent_to_unit()
		subject = f"{self.unit}需要整改：请于{due}前报送书面整改报告"
		self.assertEqual(self.subjects(name), {USER: subject, HEAD: subject})
		self.assertEqual(frappe.local.lang, "zh")  # restored after the notification

	def test_notification_to_the_unit_in_english(self):
		frappe.local.lang = "en"
		self.speak(USER, "en")
		self.speak(HEAD, "en")
		name, due = self.sent_to_unit()
		subject = f"Rectification required of {self.unit}: send the written report by {due}"
		self.assertEqual(self.subjects(name), {USER: subject, HEAD: subject})

	def test_notification_in_the_recipients_own_language(self):
		"""Each recipient reads it in their own language; one without any, in the writer's."""
		self.speak(USER, "en")
		self.speak(HEAD, None)
		frappe.local.lang = "zh"
		name, due = self.sent_to_unit()
		self.assertEqual(
			self.subjects(name),
			{
				USER: f"Rectification required of {self.unit}: send the written report by {due}",
				HEAD: f"{self.unit}需要整改：请于{due}前报送书面整改报告",
			},
		)

	# -- background and daily jobs ------------------------------------------------------
	def test_a_job_writes_in_the_site_language_not_frappes_english(self):
		frappe.local.lang = "en"
		use_site_language()
		self.assertEqual(frappe.local.lang, "en")  # not in a job: left alone
		with patch("frappe.db.get_default", return_value="zh"):
			frappe.local.job = frappe._dict(user=None)  # a daily job
			use_site_language()
			self.assertEqual(frappe.local.lang, "zh")
			self.speak(USER, "en")
			frappe.local.job = frappe._dict(user=USER)  # a round USER started
			use_site_language()
			self.assertEqual(frappe.local.lang, "en")
