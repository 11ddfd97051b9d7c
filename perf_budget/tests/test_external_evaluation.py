"""The finance bureau's evaluations as records (arts. 5(四), 13, 24): an
external result written on the self-evaluation with its gap, overriding the
self-grade in budget advice and suggested interviews with its source shown,
shown in the scores report and the department summary (report and Excel);
findings made rectifications once; conflicts refused; units read only."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.exchange.evaluations import export_department_summary
from perf_budget.perf_budget.doctype.budget_advice.budget_advice import create_budget_advice
from perf_budget.perf_budget.doctype.external_evaluation.external_evaluation import make_rectifications
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_interview.performance_interview import (
	suggested_interviews,
)
from perf_budget.perf_budget.report.budget_advice.budget_advice import execute as budget_advice_report
from perf_budget.perf_budget.report.department_self_evaluation_summary.department_self_evaluation_summary import (
	execute as summary_report,
)
from perf_budget.perf_budget.report.self_evaluation_scores.self_evaluation_scores import (
	execute as scores_report,
)
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_confirmed_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2072"
USER, HEAD, OFFICER, FIN_HEAD, OTHER = (
	"ee.user@perf.test",
	"ee.head@perf.test",
	"ee.officer@perf.test",
	"ee.finhead@perf.test",
	"ee.other@perf.test",
)
CODE = "91110000MA01ABCD2X"


class TestExternalEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("外部评价科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)
			other_unit = make_unit("外部评价乙科").name
			make_user(OTHER, unit=other_unit)
			goal = make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "EE-1", project_name="外部评价项目")
			as_user(OFFICER, create_evaluation_round, YEAR)
			evaluation = frappe.db.get_value("Performance Evaluation", {"performance_goal": goal.name})
			# the self-evaluation as finance accepted it (scoring is tested in the evaluation tests)
			frappe.db.set_value(
				"Performance Evaluation",
				evaluation,
				{
					"docstatus": 1,
					"workflow_state": "Accepted",
					"total_score": 92.5,
					"grade": "Excellent",
					"annual_budget": 100,
				},
			)
			return unit, other_unit, goal, evaluation

		# made once and committed: what each test adds is rolled back
		cls.unit, cls.other_unit, cls.goal, cls.evaluation = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER, HEAD, OFFICER, FIN_HEAD, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,)
		)
		super().tearDownClass()

	def setUp(self):
		self.lang = frappe.local.lang

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = self.lang
		frappe.db.rollback()

	def external(self, score, kind="Review of Self-Evaluation", submit=True, **values):
		def make():
			doc = frappe.get_doc(
				{
					"doctype": "External Evaluation",
					"kind": kind,
					"evaluator": "City Finance Bureau",
					"performance_goal": self.goal.name,
					"date_received": f"{YEAR}-09-01",
					"score": score,
					**values,
				}
			).insert()
			if submit:
				doc.submit()
			return doc

		return as_user(OFFICER, make)

	def institution(self, conflict_unit=None):
		doc = frappe.get_doc(
			{
				"doctype": "Evaluation Institution",
				"institution_name": "外部评价测试咨询公司",
				"unified_social_credit_code": CODE,
				"conflicts": [{"conflict_unit": conflict_unit, "reason": "曾为该单位编制项目方案"}]
				if conflict_unit
				else [],
			}
		)
		return as_user(OFFICER, doc.insert)

	def test_the_review_is_written_on_the_self_evaluation_with_its_gap(self):
		review = self.external(81)
		self.assertEqual((review.grade, review.self_score, review.score_gap), ("Good", 92.5, 11.5))
		shown = frappe.db.get_value(
			"Performance Evaluation",
			self.evaluation,
			["external_evaluation", "external_kind", "external_score", "external_grade", "score_gap"],
		)
		self.assertEqual(shown, (review.name, "Review of Self-Evaluation", 81.0, "Good", 11.5))
		# a later one received wins; cancelling it brings the earlier back
		spot = self.external(58, kind="Spot Check", date_received=f"{YEAR}-10-01")
		self.assertEqual(
			frappe.db.get_value(
				"Performance Evaluation", self.evaluation, ["external_evaluation", "score_gap"]
			),
			(spot.name, 34.5),
		)
		as_user(OFFICER, spot.cancel)
		self.assertEqual(
			frappe.db.get_value(
				"Performance Evaluation", self.evaluation, ["external_evaluation", "score_gap"]
			),
			(review.name, 11.5),
		)
		as_user(OFFICER, review.cancel)  # none left: the self-evaluation stands alone again
		self.assertEqual(
			frappe.db.get_value(
				"Performance Evaluation",
				self.evaluation,
				["external_evaluation", "external_kind", "external_score", "external_grade", "score_gap"],
			),
			(None, None, 0.0, None, 0.0),
		)

	def test_the_gap_in_the_scores_report_and_the_department_summary(self):
		self.external(81)
		frappe.local.lang = "zh"
		(row,) = as_user(OFFICER, scores_report, {"performance_year": YEAR})[1]
		self.assertEqual(
			[
				row[key]
				for key in (
					"total_score",
					"grade",
					"external_kind",
					"external_score",
					"external_grade",
					"score_gap",
				)
			],
			[92.5, "优", "复核", 81.0, "良", 11.5],
		)
		message = as_user(OFFICER, summary_report, {"performance_year": YEAR})[2]
		self.assertIn("外部评价项目</b>（" + self.unit + "）：自评 92.50 / 复核 81.00 / 差 11.50", message)
		frappe.local.response = frappe._dict()
		as_user(OFFICER, export_department_summary, YEAR)
		sheet = load_workbook(io.BytesIO(frappe.local.response.filecontent))["外部评价与自评差异"]
		rows = [[cell.value for cell in line] for line in sheet.iter_rows()]
		self.assertEqual(
			rows[2],
			[
				"项目编码",
				"项目名称",
				"单位",
				"自评得分",
				"评价类型",
				"评价得分",
				"评价等级",
				"差异（自评－评价）",
				"评价记录",
			],
		)
		self.assertEqual(rows[3][:8], ["EE-1", "外部评价项目", self.unit, 92.5, "复核", 81, "良", 11.5])
		self.assertEqual(len(rows), 4)

	def test_the_review_overrides_the_self_grade_in_advice_and_interviews(self):
		self.external(58)  # self 92.50 优, review 58.00 差
		frappe.local.lang = "zh"
		(row,) = as_user(OFFICER, budget_advice_report, {"performance_year": YEAR})[1]
		self.assertEqual(
			[
				row[key]
				for key in (
					"grade",
					"basis",
					"recommended_action",
					"recommended_cut_percent",
					"advised_amount",
				)
			],
			["优", "复核 58.00", "取消或暂停", 100, 0],
		)
		frappe.local.lang = self.lang
		as_user(OFFICER, create_budget_advice, YEAR)
		advice = frappe.get_doc("Budget Advice", {"performance_evaluation": self.evaluation})
		self.assertEqual(
			(
				advice.grade,
				advice.basis_source,
				advice.basis_score,
				advice.basis_grade,
				advice.recommended_action,
			),
			("Excellent", "Review of Self-Evaluation", 58.0, "Poor", "Cancel or Suspend"),
		)
		(unit_row,) = as_user(OFFICER, suggested_interviews, YEAR)
		self.assertEqual((unit_row["budget_unit"], unit_row["poor_projects"]), (self.unit, 1))
		self.assertEqual(unit_row["basis"], "外部评价项目 (Review of Self-Evaluation 58.00)")

	def test_a_later_good_result_moves_a_draft_advice(self):
		self.external(58)
		as_user(OFFICER, create_budget_advice, YEAR)
		self.external(85, kind="Spot Check", date_received=f"{YEAR}-10-01")
		advice = frappe.get_doc("Budget Advice", {"performance_evaluation": self.evaluation})
		self.assertEqual(
			(advice.basis_source, advice.basis_score, advice.recommended_action, advice.decided_action),
			("Spot Check", 85.0, "Fund as Needed", "Fund as Needed"),
		)
		self.assertEqual(as_user(OFFICER, suggested_interviews, YEAR), [])
		frappe.get_doc("External Evaluation", advice.external_evaluation).cancel()  # back to the review 58.00
		advice.reload()
		self.assertEqual(
			(advice.basis_source, advice.basis_score, advice.recommended_action),
			("Review of Self-Evaluation", 58.0, "Cancel or Suspend"),
		)

	def test_findings_become_rectifications_once(self):
		review = self.external(
			81,
			findings=[
				{"finding": "绩效指标未细化", "requirement": "细化产出指标", "due_date": f"{YEAR}-11-30"},
				{"finding": "满意度调查样本不足", "requirement": "补充问卷调查", "due_date": f"{YEAR}-12-15"},
			],
		)
		self.assertRaises(frappe.PermissionError, as_user, USER, make_rectifications, review.name)
		made = as_user(OFFICER, make_rectifications, review.name)
		self.assertEqual(len(made), 2)
		self.assertEqual(as_user(OFFICER, make_rectifications, review.name), [])
		rect = frappe.get_doc("Rectification", made[1])
		self.assertEqual(
			(
				rect.source_doctype,
				rect.source_name,
				rect.budget_unit,
				rect.problem,
				rect.requirement,
				str(rect.due_date),
			),
			(
				"External Evaluation",
				review.name,
				self.unit,
				"满意度调查样本不足",
				"补充问卷调查",
				f"{YEAR}-12-15",
			),
		)
		self.assertIn(review.name, rect.source_description)
		review.reload()
		self.assertEqual([row.rectification for row in review.findings], made)

	def test_an_institution_in_conflict_with_the_unit_is_refused(self):
		institution = self.institution(conflict_unit=self.unit)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"曾为该单位编制项目方案",
			self.external,
			70,
			kind="Third-Party Evaluation",
			evaluator="Third-Party Institution",
			evaluation_institution=institution.name,
		)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"third-party institution",
			self.external,
			70,
			kind="Third-Party Evaluation",
		)

	def test_scores_not_exact_or_not_numbers_are_refused(self):
		for score in ("81.005", "NaN", "八十", 100.5):
			self.assertRaises(frappe.ValidationError, self.external, score, submit=False)
		self.assertEqual(frappe.db.count("External Evaluation", {"performance_goal": self.goal.name}), 0)

	def test_a_unit_reads_its_received_evaluations_only(self):
		received = self.external(81)
		draft = self.external(70, kind="Spot Check", submit=False)
		self.assertEqual(as_user(USER, frappe.get_list, "External Evaluation", pluck="name"), [received.name])
		self.assertFalse(as_user(USER, frappe.has_permission, "External Evaluation", "read", draft.name))
		self.assertFalse(as_user(USER, frappe.has_permission, "External Evaluation", "write", received.name))
		self.assertFalse(as_user(USER, frappe.has_permission, "External Evaluation", "create"))
		self.assertEqual(as_user(OTHER, frappe.get_list, "External Evaluation"), [])
		self.assertFalse(as_user(USER, frappe.has_permission, "Evaluation Institution", "read"))
