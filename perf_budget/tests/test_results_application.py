"""Results application on a real site (arts. 24–27): interviews and their
commitments, next year's budget advice with the finance head's override,
the advice shown on next year's goal, the disclosure package, referrals."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.exchange.disclosure import export_disclosure_package, public_results, record_publication
from perf_budget.perf_budget.doctype.budget_advice.budget_advice import create_budget_advice
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_interview.performance_interview import (
	make_rectifications,
	suggested_interviews,
)
from perf_budget.tests.factories import (
	as_user,
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

YEAR, NEXT = "2083", "2084"
USER, HEAD, OFFICER, FIN_HEAD, OTHER = (
	"ra.user@perf.test",
	"ra.head@perf.test",
	"ra.officer@perf.test",
	"ra.finhead@perf.test",
	"ra.other@perf.test",
)


class TestResultsApplication(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			make_year(NEXT)
			unit = make_unit_people("结果应用科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)
			other_unit = make_unit("结果应用乙科").name
			make_user(OTHER, unit=other_unit)
			goal = make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "RA-1", is_key_project=1)
			return unit, other_unit, goal

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.other_unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER, HEAD, OFFICER, FIN_HEAD, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR, NEXT)
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def accepted_evaluation(self, score: float, grade: str):
		"""The evaluation as finance accepted it (scoring itself is tested in the evaluation tests)."""
		as_user(OFFICER, create_evaluation_round, YEAR)
		name = frappe.db.get_value("Performance Evaluation", {"performance_goal": self.goal.name})
		frappe.db.set_value(
			"Performance Evaluation",
			name,
			{
				"docstatus": 1,
				"workflow_state": "Accepted",
				"total_score": score,
				"grade": grade,
				"annual_budget": 100,
			},
		)
		return name

	def rectification(self, status="In Progress", review_result=None):
		stored = {"status": status, "review_result": review_result}
		return make_rectification(self.unit, YEAR, stored, performance_goal=self.goal.name)

	def advice_for(self, evaluation):
		as_user(OFFICER, create_budget_advice, YEAR)
		return frappe.get_doc("Budget Advice", {"performance_evaluation": evaluation})

	# -- interviews (art. 26) ---------------------------------------------------
	def interview(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Performance Interview",
				"performance_year": YEAR,
				"budget_unit": self.unit,
				"reason": "Poor Grade",
				"interview_date": "2084-03-10",
				"interview_form": "Individual",
				"interviewers": [{"participant_name": "李科长", "position": "财务科科长"}],
				"interviewees": [{"participant_name": "赵主任", "position": "单位负责人"}],
				"matters": "项目绩效较差，资金执行缓慢",
				"commitments": [
					{
						"commitment": "两个月内完成采购",
						"due_date": "2084-05-10",
						"performance_goal": self.goal.name,
					},
					{"commitment": "建立资金台账", "due_date": "2084-04-10"},
				],
				**values,
			}
		)

	def test_each_commitment_becomes_a_rectification_with_its_deadline(self):
		frappe.set_user(FIN_HEAD)
		doc = self.interview().insert()
		self.assertRaisesRegex(frappe.ValidationError, "Submit the interview", make_rectifications, doc.name)
		doc.submit()
		made = make_rectifications(doc.name)
		self.assertEqual(len(made), 2)
		self.assertEqual(make_rectifications(doc.name), [])  # one click, once
		first = frappe.get_doc("Rectification", made[0])
		self.assertEqual((first.source_doctype, first.source_name), ("Performance Interview", doc.name))
		self.assertEqual((first.requirement, str(first.due_date)), ("两个月内完成采购", "2084-05-10"))
		self.assertEqual((first.budget_unit, first.project_code), (self.unit, "RA-1"))
		doc.reload()
		self.assertEqual([row.rectification for row in doc.commitments], made)

	def test_printed_interview_record_and_rectification_notice(self):
		frappe.set_user(FIN_HEAD)
		doc = self.interview().insert()
		doc.submit()
		made = make_rectifications(doc.name)
		record = frappe.get_print("Performance Interview", doc.name)  # the default print format
		self.assertIn("预算绩效约谈记录", record)
		self.assertIn("两个月内完成采购", record)
		self.assertIn(made[0], record)
		notice = frappe.get_print("Rectification", made[0])
		self.assertIn("预算绩效整改通知及整改情况报告", notice)
		self.assertIn("绩效约谈（" + doc.name, notice)
		self.assertIn("2084-05-10", notice)

	def test_commitment_due_before_the_interview_is_refused(self):
		doc = self.interview()
		doc.commitments[1].due_date = "2084-03-01"
		self.assertRaisesRegex(frappe.ValidationError, "before the interview", doc.insert)

	def test_suggested_interviews_list_poor_grades_and_overdue_rectifications(self):
		self.accepted_evaluation(55, "Poor")
		self.rectification(status="Overdue")
		(row,) = as_user(OFFICER, suggested_interviews, YEAR)
		self.assertEqual(
			(row["budget_unit"], row["poor_projects"], row["overdue_rectifications"]), (self.unit, 1, 1)
		)
		self.assertEqual(row["reasons"], ["Poor Grade", "Overdue Rectification"])
		self.assertEqual(as_user(OTHER, suggested_interviews, YEAR), [])  # isolation

	def test_unit_reads_its_interviews_only(self):
		as_user(FIN_HEAD, lambda: self.interview().insert())
		self.assertEqual(len(as_user(USER, frappe.get_list, "Performance Interview")), 1)
		self.assertEqual(as_user(OTHER, frappe.get_list, "Performance Interview"), [])
		self.assertFalse(as_user(USER, frappe.has_permission, "Performance Interview", "create"))

	# -- budget advice (SPEC 4.5) --------------------------------------------------
	def test_advice_follows_the_grade(self):
		for score, grade, action, cut, amount in (
			(95, "Excellent", "Fund with Priority", 0, 100),
			(85, "Good", "Fund as Needed", 0, 100),
			(70, "Fair", "Cut Budget", 10, 90),
			(50, "Poor", "Cancel or Suspend", 100, 0),
		):
			with self.subTest(grade=grade):
				evaluation = self.accepted_evaluation(score, grade)
				advice = self.advice_for(evaluation)
				self.assertEqual(
					(advice.recommended_action, advice.recommended_cut_percent, advice.recommended_amount),
					(action, cut, amount),
				)
				self.assertEqual((advice.decided_action, advice.decided_amount), (action, amount))
				self.assertEqual((advice.next_year, advice.is_overridden), (NEXT, 0))
				frappe.delete_doc("Budget Advice", advice.name, force=True)
				frappe.db.delete("Performance Evaluation", {"name": evaluation})

	def test_unrectified_problem_adds_a_cut(self):
		evaluation = self.accepted_evaluation(85, "Good")
		self.rectification(status="Completed", review_result="Partly Rectified")
		advice = self.advice_for(evaluation)
		self.assertEqual((advice.recommended_action, advice.recommended_cut_percent), ("Cut Budget", 10))
		self.assertEqual(advice.unresolved_rectifications, 1)
		self.assertIn("Rectification not done or overdue", advice.recommendation_reasons)

	def test_override_needs_a_reason_and_is_kept(self):
		advice = self.advice_for(self.accepted_evaluation(70, "Fair"))
		frappe.set_user(FIN_HEAD)
		advice.decided_action, advice.decided_cut_percent = "Cut Budget", 25
		self.assertRaisesRegex(frappe.ValidationError, "Reason for Overriding", advice.save)
		advice.reload()
		advice.decided_action, advice.decided_cut_percent = "Cut Budget", 25
		advice.override_reason = "项目整改不力，加大压减"
		advice.submit()
		advice.reload()
		self.assertEqual((advice.is_overridden, advice.decided_amount, advice.decided_by), (1, 75, FIN_HEAD))
		self.assertEqual((advice.recommended_action, advice.recommended_cut_percent), ("Cut Budget", 10))

	def test_only_the_finance_head_confirms(self):
		advice = self.advice_for(self.accepted_evaluation(85, "Good"))
		frappe.set_user(OFFICER)
		self.assertRaises(frappe.PermissionError, advice.submit)
		frappe.set_user(USER)
		self.assertRaises(frappe.PermissionError, create_budget_advice, YEAR)

	def test_next_years_goal_shows_last_years_score_and_confirmed_advice(self):
		advice = self.advice_for(self.accepted_evaluation(72.5, "Fair"))
		frappe.set_user(USER)
		next_goal = make_goal(self.unit, year=NEXT, project_code="RA-1")
		self.assertEqual(
			(next_goal.last_evaluated_year, next_goal.last_score, next_goal.last_grade), (YEAR, 72.5, "Fair")
		)
		self.assertFalse(next_goal.last_budget_advice)  # not confirmed yet
		frappe.set_user(FIN_HEAD)
		advice.submit()
		frappe.set_user("Administrator")
		shown = frappe.db.get_value(
			"Performance Goal",
			next_goal.name,
			["last_budget_advice", "last_advice_action", "last_advice_cut_percent"],
		)
		self.assertEqual(shown, (advice.name, "Cut Budget", 10))

	def test_a_cancelled_advice_leaves_the_same_last_result_on_the_goal_either_way(self):
		"""The advice writes next year's goals already filed; the goal writes its own on save: one rule."""
		advice = self.advice_for(self.accepted_evaluation(72.5, "Fair"))
		next_goal = as_user(USER, make_goal, self.unit, year=NEXT, project_code="RA-1")
		as_user(FIN_HEAD, advice.submit)
		as_user(FIN_HEAD, advice.cancel)
		fields = [
			"last_evaluated_year",
			"last_score",
			"last_grade",
			"last_budget_advice",
			"last_advice_action",
			"last_advice_cut_percent",
		]
		no_advice = (YEAR, 72.5, "Fair", None, None, 0)
		self.assertEqual(frappe.db.get_value("Performance Goal", next_goal.name, fields), no_advice)
		next_goal.reload()
		next_goal.save()
		self.assertEqual(tuple(next_goal.get(field) for field in fields), no_advice)
		self.assertEqual(frappe.db.get_value("Performance Goal", next_goal.name, fields), no_advice)

	def test_unit_sees_its_own_advice_only(self):
		self.advice_for(self.accepted_evaluation(85, "Good"))
		self.assertEqual(len(as_user(USER, frappe.get_list, "Budget Advice")), 1)
		self.assertEqual(as_user(OTHER, frappe.get_list, "Budget Advice"), [])

	# -- disclosure (arts. 15, 25) --------------------------------------------------
	def test_disclosure_package_public_columns_and_publication_dates(self):
		evaluation = self.accepted_evaluation(88.5, "Good")
		frappe.db.set_value("Performance Evaluation", evaluation, "problems", "内部问题不公开")
		as_user(FIN_HEAD, record_publication, YEAR, "2084-04-20")
		self.assertEqual(
			str(frappe.db.get_value("Performance Goal", self.goal.name, "published_on")), "2084-04-20"
		)
		as_user(FIN_HEAD, record_publication, YEAR, "2084-05-01")  # a date once set stays
		self.assertEqual(
			str(frappe.db.get_value("Performance Evaluation", evaluation, "published_on")), "2084-04-20"
		)
		as_user(OFFICER, export_disclosure_package, YEAR)
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		goals, results = book["重点项目绩效目标"], book["项目绩效自评结果"]
		flat = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
		self.assertNotIn("内部问题不公开", flat)
		self.assertEqual(goals.max_row, 2 + len(self.goal.indicators))
		self.assertEqual([c.value for c in results[3]][-3:], [88.5, "良", "2084-04-20"])
		self.assertRaises(frappe.PermissionError, as_user, OFFICER, record_publication, YEAR)

	def test_disclosure_obeys_isolation(self):
		self.accepted_evaluation(88.5, "Good")
		self.assertEqual(len(as_user(USER, public_results, YEAR)), 1)
		self.assertEqual(as_user(OTHER, public_results, YEAR), [])

	# -- accountability (art. 27) ------------------------------------------------
	def test_referral_is_concluded_by_its_outcome_and_hidden_from_units(self):
		frappe.set_user(FIN_HEAD)
		referral = frappe.get_doc(
			{
				"doctype": "Accountability Referral",
				"performance_year": YEAR,
				"budget_unit": self.unit,
				"facts": "虚报项目支出",
				"referred_to": "驻局纪检监察组",
				"referral_date": "2084-04-01",
			}
		).insert()
		self.assertEqual(referral.status, "Referred")
		referral.update({"outcome": "已立案处理", "outcome_date": "2084-06-01"})
		referral.save()
		self.assertEqual(referral.status, "Concluded")
		self.assertRaises(frappe.PermissionError, as_user, USER, frappe.get_list, "Accountability Referral")
		self.assertFalse(as_user(USER, frappe.has_permission, "Accountability Referral", "read"))
