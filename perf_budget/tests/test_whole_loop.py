"""The whole loop of the bureau's measures for one project, with the people
who do each step (arts. 7–27): goal → monitoring → rectification →
self-evaluation → interview → budget advice → next year's goal →
disclosure, and the completeness report that follows it."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.exchange.disclosure import export_disclosure_package, record_publication
from perf_budget.perf_budget.doctype.budget_advice.budget_advice import create_budget_advice
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_interview.performance_interview import (
	make_rectifications,
	suggested_interviews,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.perf_budget.doctype.rectification.rectification import make_rectification, mark_overdue
from perf_budget.perf_budget.report.submission_completeness import submission_completeness
from perf_budget.tests.factories import (
	as_user,
	attach_file,
	confirm_goal,
	make_goal,
	make_unit_people,
	make_year,
)
from perf_budget.workflow.actions import act_as

YEAR, NEXT = "2079", "2080"
USER, HEAD, OFFICER, FIN_HEAD = (
	"loop.user@perf.test",
	"loop.head@perf.test",
	"loop.officer@perf.test",
	"loop.finhead@perf.test",
)
CODE = "LOOP-1"


class TestWholeLoop(FrappeTestCase):
	def setUp(self):
		make_year(YEAR, monitoring_rounds=[{"period_end_month": 7, "deadline": f"{YEAR}-08-15"}])
		make_year(NEXT)
		self.unit = make_unit_people("闭环科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_one_project_through_every_stage(self):
		# 1. Goal (arts. 7–14): filed by the unit, approved, reviewed, confirmed.
		goal = as_user(USER, make_goal, self.unit, year=YEAR, project_code=CODE, is_key_project=1)
		confirm_goal(goal.name, USER, HEAD, OFFICER)
		self.assertEqual(frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), "Confirmed")

		# 2. Monitoring, months 1–7 (arts. 16–18): little money spent, a red indicator explained.
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		monitoring = frappe.get_doc("Performance Monitoring", {"performance_goal": goal.name})
		frappe.set_user(USER)
		monitoring.executed_amount = 20
		for row in monitoring.indicators:
			if row.operator == "Qualitative":
				row.qualitative_progress, row.likelihood = "Partly", "Possible"
			else:
				row.actual_to_date, row.expected_completion, row.likelihood = (
					row.target_value * 0.3,
					row.target_value * 0.6,
					"Impossible",
				)
				row.reason_funding, row.corrective_measure = "资金拨付滞后", "加快拨付进度"
		monitoring.save()
		frappe.set_user("Administrator")
		self.assertEqual(monitoring.warning_level, "Red")
		act_as(USER, "Performance Monitoring", monitoring.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Monitoring", monitoring.name, "Approve")
		act_as(
			OFFICER,
			"Performance Monitoring",
			monitoring.name,
			"Accept",
			needs_rectification=1,
			rectification_requirement="加快预算执行并说明偏差原因",
		)

		# 3. Rectification from monitoring (art. 24): reported in writing, accepted, forwarded.
		first = as_user(OFFICER, make_rectification, "Performance Monitoring", monitoring.name)
		act_as(OFFICER, "Rectification", first, "Send to Unit")
		act_as(
			USER,
			"Rectification",
			first,
			"Submit to Unit Head",
			measures="已调整采购计划",
			report_attachment=attach_file("Rectification", first),
		)
		act_as(HEAD, "Rectification", first, "Approve")
		act_as(OFFICER, "Rectification", first, "Accept", review_result="Rectified")
		act_as(OFFICER, "Rectification", first, "Forward to Finance Bureau")
		self.assertEqual(frappe.db.get_value("Rectification", first, "status"), "Completed")

		# 4. Self-evaluation (arts. 19–23): the project falls far short: grade Poor.
		as_user(OFFICER, create_evaluation_round, YEAR)
		evaluation = frappe.get_doc("Performance Evaluation", {"performance_goal": goal.name})
		frappe.set_user(USER)
		evaluation.update(
			{"annual_fiscal": 80, "annual_other": 20, "executed_fiscal": 40, "executed_other": 5}
		)
		evaluation.update(
			{"valid_respondents": 100, "satisfied_respondents": 50, "execution_reason": "采购流标"}
		)
		for row in evaluation.indicators:
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Not Achieved", 6
			else:
				row.actual_value = row.target_value * 0.4
		evaluation.save()
		frappe.set_user("Administrator")
		self.assertEqual(evaluation.grade, "Poor")
		act_as(USER, "Performance Evaluation", evaluation.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Evaluation", evaluation.name, "Approve")
		act_as(OFFICER, "Performance Evaluation", evaluation.name, "Accept")

		# 5. Interview (art. 26): suggested for the Poor grade; the commitment becomes a
		#    rectification that the unit lets slip past its deadline.
		(suggested,) = as_user(FIN_HEAD, suggested_interviews, YEAR)
		self.assertEqual((suggested["budget_unit"], suggested["poor_projects"]), (self.unit, 1))
		frappe.set_user(FIN_HEAD)
		interview = frappe.get_doc(
			{
				"doctype": "Performance Interview",
				"performance_year": YEAR,
				"budget_unit": self.unit,
				"reason": "Poor Grade",
				"interview_date": "2030-03-01",
				"interview_form": "Individual",
				"interviewers": [{"participant_name": "财务科长"}],
				"interviewees": [{"participant_name": "单位负责人"}],
				"matters": "绩效较差",
				"commitments": [
					{"commitment": "重新论证项目", "due_date": "2030-03-31", "performance_goal": goal.name}
				],
			}
		).insert()
		interview.submit()
		(promised,) = make_rectifications(interview.name)
		frappe.set_user("Administrator")
		with self.freeze_time("2030-03-02 09:00:00"):
			act_as(OFFICER, "Rectification", promised, "Send to Unit")
		with self.freeze_time("2030-04-01 01:00:00"):
			self.assertEqual(mark_overdue(), [promised])  # the first rectification was completed
		self.assertEqual(frappe.db.get_value("Rectification", promised, "status"), "Overdue")

		# 6. Next year's budget advice (SPEC 4.5): Poor → cancel; the finance head overrides.
		as_user(OFFICER, create_budget_advice, YEAR)
		advice = frappe.get_doc("Budget Advice", {"performance_evaluation": evaluation.name})
		self.assertEqual((advice.recommended_action, advice.overdue_rectifications), ("Cancel or Suspend", 1))
		frappe.set_user(FIN_HEAD)
		advice.update(
			{
				"decided_action": "Cut Budget",
				"decided_cut_percent": 40,
				"override_reason": "刚性支出，压减40%",
			}
		)
		advice.submit()
		frappe.set_user("Administrator")

		# 7. Next year's goal for the same project shows last year's score and advice.
		next_goal = as_user(USER, make_goal, self.unit, year=NEXT, project_code=CODE)
		self.assertEqual((next_goal.last_grade, next_goal.last_score), ("Poor", evaluation.total_score))
		self.assertEqual(
			(next_goal.last_advice_action, next_goal.last_advice_cut_percent), ("Cut Budget", 40)
		)

		# 8. Disclosure (arts. 15, 25): key goal and result published with their dates.
		as_user(FIN_HEAD, record_publication, YEAR, "2030-04-20")
		as_user(OFFICER, export_disclosure_package, YEAR)
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		result_rows = [[c.value for c in row] for row in book["项目绩效自评结果"].iter_rows(min_row=3)]
		self.assertEqual(
			[(r[0], r[-2], r[-1]) for r in result_rows], [(goal.project_name, "差", "2030-04-20")]
		)

		# 9. The completeness report: every stage filed, except the overdue rectification report.
		_columns, rows, *_ = as_user(
			OFFICER, submission_completeness.execute, {"performance_year": YEAR, "budget_unit": self.unit}
		)
		(row,) = rows
		self.assertEqual(
			(row["goals"], row["round_7"], row["evaluation"], row["rectification"]),
			("1 / 1", "1 / 1", "1 / 1", "1 / 2 · Missing 1"),
		)
		self.assertEqual(row["complete"], 0)
