# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import make_adjustment
from perf_budget.tests.factories import (
	committed,
	confirm_goal,
	make_confirmed_goal,
	make_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2090"
USER, HEAD, OFFICER, OTHER = (
	"ev.user@perf.test",
	"ev.head@perf.test",
	"ev.officer@perf.test",
	"ev.other@perf.test",
)

# The hand-computed example (national defaults):
#   execution 85.5 of 100 → 85.50 % → 8.55 points (reason required, < 90 %)
#   培训人次 ≥500, actual 620 → 20 of 20
#   培训合格率 ≥95, actual 76 → 76/95 × 15 = 12 of 15
#   按期完成率 ≥100, actual 100 → 15 of 15
#   基层业务能力提升 qualitative, Partly, entered 20 (band 18–24) → 20 of 30
#   参训人员满意度 ≥90, questionnaire 170 of 200 = 85 % → 85/90 × 10 = 9.44
#   total 8.55 + 47 + 20 + 9.44 = 84.99 → Good
ACTUALS = {"培训人次": 620, "培训合格率": 76, "按期完成率": 100}


class TestPerformanceEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("自评科", USER, HEAD, OFFICER)
			other_unit = make_unit("自评乙科").name
			make_user(OTHER, unit=other_unit)
			return unit, other_unit, make_confirmed_goal(unit, USER, HEAD, OFFICER, YEAR, "EV-1")

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.other_unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def open_round(self):
		frappe.set_user(OFFICER)
		try:
			return create_evaluation_round(YEAR)
		finally:
			frappe.set_user("Administrator")

	def evaluation(self):
		self.open_round()
		return frappe.get_doc("Performance Evaluation", {"performance_goal": self.goal.name})

	def fill(self, doc, **values):
		frappe.set_user(USER)
		doc.update({"annual_fiscal": 80, "annual_other": 20, "executed_fiscal": 70, "executed_other": 15.5})
		doc.update(
			{
				"valid_respondents": 200,
				"satisfied_respondents": 170,
				"execution_reason": "部分采购合同年底签订，资金次年支付。",
			}
		)
		doc.update(values)
		for row in doc.indicators:
			if row.indicator_name in ACTUALS:
				row.actual_value = ACTUALS[row.indicator_name]
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Partly", 20
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def test_round_creates_one_evaluation_per_confirmed_goal_and_is_idempotent(self):
		frappe.set_user(USER)
		draft = make_goal(self.unit, year=YEAR, project_code="EV-DRAFT")
		frappe.set_user("Administrator")
		self.assertEqual(self.open_round(), {"queued": 0, "created": 1, "refused": []})
		self.assertEqual(self.open_round(), {"queued": 0, "created": 0, "refused": []})
		self.assertFalse(frappe.db.exists("Performance Evaluation", {"performance_goal": draft.name}))

	def test_round_uses_the_latest_confirmed_version(self):
		frappe.set_user(USER)
		second = frappe.get_doc("Performance Goal", make_adjustment(self.goal.name, "追加任务"))
		second.indicators[0].target_value = 800
		second.save()
		frappe.set_user("Administrator")
		confirm_goal(second.name, USER, HEAD, OFFICER)
		self.open_round()
		doc = frappe.get_doc("Performance Evaluation", {"performance_goal": second.name})
		self.assertEqual(doc.performance_goal, second.name)
		self.assertEqual(doc.indicators[0].target_display, "≥800人次")

	def test_prefilled_from_the_goal(self):
		doc = self.evaluation()
		self.assertEqual((doc.budget_unit, doc.project_code, doc.owner), (self.unit, "EV-1", USER))
		self.assertEqual((doc.initial_budget, doc.annual_budget), (100, 100))
		self.assertEqual(
			[r.indicator_name for r in doc.indicators], [r.indicator_name for r in self.goal.indicators]
		)

	def test_scores_match_the_hand_computed_example(self):
		doc = self.fill(self.evaluation())
		self.assertEqual((doc.execution_rate, doc.execution_score), (85.5, 8.55))
		self.assertEqual([r.score for r in doc.indicators], [20, 12, 15, 20, 9.44])
		self.assertEqual((doc.output_score, doc.effect_score, doc.satisfaction_score), (47, 20, 9.44))
		self.assertEqual((doc.total_score, doc.grade), (84.99, "Good"))

	def test_adjusted_score_keeps_both_values_and_the_reason(self):
		doc = self.evaluation()
		doc.indicators[0].score_adjusted = 1
		doc.indicators[0].override_score = 18
		doc.indicators[0].override_reason = "部分培训记录缺失，酌情扣分"
		doc = self.fill(doc)
		self.assertEqual((doc.indicators[0].computed_score, doc.indicators[0].score), (20, 18))
		self.assertEqual(doc.total_score, 82.99)

	def test_qualitative_score_outside_its_band_is_refused_on_submission(self):
		doc = self.fill(self.evaluation())
		doc.indicators[3].entered_score = 28
		frappe.set_user(USER)
		doc.save()  # a draft keeps what was typed, with a message
		frappe.set_user("Administrator")
		with self.assertRaisesRegex(frappe.ValidationError, "18"):
			act_as(USER, "Performance Evaluation", doc.name, "Submit to Unit Head")

	def test_low_execution_needs_a_reason_before_submission(self):
		doc = self.fill(self.evaluation(), execution_reason="")
		self.assertRaisesRegex(
			frappe.ValidationError,
			"85.5",
			act_as,
			USER,
			"Performance Evaluation",
			doc.name,
			"Submit to Unit Head",
		)

	def test_chain_by_role_and_scores_frozen_after_acceptance(self):
		doc = self.fill(self.evaluation())
		self.assertRaises(WorkflowTransitionError, act_as, USER, "Performance Evaluation", doc.name, "Accept")
		act_as(USER, "Performance Evaluation", doc.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Evaluation", doc.name, "Approve")
		self.assertRaises(
			frappe.ValidationError, act_as, OFFICER, "Performance Evaluation", doc.name, "Return"
		)
		accepted = act_as(OFFICER, "Performance Evaluation", doc.name, "Accept")
		self.assertEqual((accepted.workflow_state, accepted.docstatus), ("Accepted", 1))
		accepted.indicators[0].actual_value = 1
		self.assertRaises(frappe.ValidationError, accepted.save)
		self.assertEqual(
			act_as(OFFICER, "Performance Evaluation", doc.name, "Forward to Finance Bureau").workflow_state,
			"Forwarded",
		)

	def test_another_unit_cannot_see_the_evaluation(self):
		doc = self.evaluation()
		frappe.set_user(OTHER)
		self.assertFalse(frappe.has_permission("Performance Evaluation", "read", doc.name))
		self.assertEqual(frappe.get_list("Performance Evaluation", filters={"performance_year": YEAR}), [])

	def test_next_years_goal_warns_when_a_target_is_below_last_years_actual(self):
		doc = self.fill(self.evaluation())
		act_as(USER, "Performance Evaluation", doc.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Evaluation", doc.name, "Approve")
		act_as(OFFICER, "Performance Evaluation", doc.name, "Accept")
		make_year(str(int(YEAR) + 1))
		frappe.set_user(USER)
		next_goal = make_goal(
			self.unit, year=str(int(YEAR) + 1), project_code="EV-1"
		)  # 培训人次 ≥500, last year 620
		self.assertEqual(next_goal.indicators[0].last_year_actual, 620)
		self.assertIn("620", next_goal.quality_warnings)
		self.assertEqual(next_goal.last_year_goal, self.goal.name)

	def test_scores_report_shows_the_records_figures_to_the_right_people(self):
		from perf_budget.perf_budget.report.self_evaluation_scores.self_evaluation_scores import execute

		doc = self.fill(self.evaluation())
		frappe.set_user(OFFICER)
		_columns, rows, _message, chart, summary = execute({"performance_year": YEAR})
		(row,) = rows
		self.assertEqual(
			(row["name"], row["rank"], row["total_score"], row["output_score"], row["grade"]),
			(doc.name, 1, 84.99, 47, "Good"),
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0, 1, 0, 0])
		averages = {item["label"]: item["value"] for item in summary}
		self.assertEqual(averages[frappe._("Average Total Score")], "84.99")  # shown as the desk shows it
		_columns, by_unit, *_ = execute({"performance_year": YEAR, "group_by": "Budget Unit"})
		self.assertEqual(
			(by_unit[0]["budget_unit"], by_unit[0]["projects"], by_unit[0]["total_score"]),
			(self.unit, 1, 84.99),
		)
		frappe.set_user(OTHER)
		self.assertEqual(execute({"performance_year": YEAR})[1], [])

	def test_excel_round_trip_recomputes_and_shows_differing_scores(self):
		from perf_budget.exchange.evaluations import evaluation_workbook, import_evaluations
		from perf_budget.exchange.goals import GoalImportError
		from perf_budget.tests.workbooks import edited

		doc = self.fill(self.evaluation())
		form = evaluation_workbook([doc.name])
		frappe.set_user(USER)
		self.assertEqual(import_evaluations(form, "ev.xlsx"), {"updated": [doc.name], "differences": []})
		# the import saved the record, so that file is now older than it: refused
		self.assertRaises(GoalImportError, import_evaluations, form, "ev.xlsx")
		# 得分 of 培训合格率 typed 15 (12 by the rules), and the 总分 that adds up with it
		changed = edited(
			evaluation_workbook([doc.name]),
			lambda f: {f.at("培训合格率", "得分"): 15, f.at("总分", "得分"): 87.99},
		)
		result = import_evaluations(changed, "ev.xlsx")
		self.assertEqual(len(result["differences"]), 2)  # the row and the total
		self.assertIn("培训合格率", result["differences"][0])
		self.assertIn("15", result["differences"][0])
		self.assertIn("12", result["differences"][0])
		self.assertIn("87.99", result["differences"][1])
		self.assertIn("84.99", result["differences"][1])
		self.assertEqual(frappe.db.get_value("Performance Evaluation", doc.name, "total_score"), 84.99)

	def test_excel_import_of_another_units_form_changes_nothing(self):
		from perf_budget.exchange.evaluations import evaluation_workbook, import_evaluations
		from perf_budget.exchange.goals import GoalImportError

		doc = self.fill(self.evaluation())
		form = evaluation_workbook([doc.name])
		modified = frappe.db.get_value("Performance Evaluation", doc.name, "modified")
		frappe.set_user(OTHER)
		self.assertRaises(GoalImportError, import_evaluations, form, "ev.xlsx")
		self.assertRaises(GoalImportError, import_evaluations, b"not excel", "ev.xlsx")
		self.assertEqual(frappe.db.get_value("Performance Evaluation", doc.name, "modified"), modified)

	def test_department_summary_figures_match_the_records(self):
		from perf_budget.excel.department_summary import department_summary_workbook
		from perf_budget.perf_budget.report.department_self_evaluation_summary.department_self_evaluation_summary import (
			advice_rows,
			execute,
			summarise,
		)

		doc = self.fill(self.evaluation())
		act_as(USER, "Performance Evaluation", doc.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Evaluation", doc.name, "Approve")
		act_as(OFFICER, "Performance Evaluation", doc.name, "Accept")
		frappe.set_user(OFFICER)
		_columns, units, message, chart, headline, _skip_total_row = execute({"performance_year": YEAR})
		# no Fair or Poor project to list: only the department-wide section, empty
		no_department = _("No department-wide self-evaluation yet.")
		self.assertEqual(
			message, f"<h5>{_('Department-wide Expenditure Performance')}</h5><p>{no_department}</p>"
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0, 1, 0, 0])
		# shown as the desk shows it: 80 + 20 budgeted, 85.5 executed (self.fill)
		self.assertEqual(
			[(item["label"], item["value"]) for item in headline[:5]],
			[
				(_("Projects"), 1),
				(_("Full-Year Budget Total"), "100.00"),
				(_("Executed Total"), "85.50"),
				(_("Execution Rate"), "85.50%"),
				(_("Average Total Score"), "84.99"),
			],
		)
		# the one unit, a subtotal per expenditure type (the project is 项目支出), then the
		# report's own Total row with the same figures
		figures = ("projects", "annual_budget", "executed_amount", "execution_rate", "average_score", "good")
		self.assertEqual(
			[(r["budget_unit"], *(r[key] for key in figures)) for r in units],
			[
				(self.unit, 1, 100, 85.5, 85.5, 84.99, 1),
				(_("{0} Subtotal").format(_("Project Expenditure")), 1, 100, 85.5, 85.5, 84.99, 1),
				(_("{0} Subtotal").format(_("Policy Expenditure")), 0, 0, 0, None, None, 0),
				(_("{0} Subtotal").format(_("Special Fund")), 0, 0, 0, None, None, 0),
				(_("Total"), 1, 100, 85.5, 85.5, 84.99, 1),
			],
		)
		filters = frappe._dict(performance_year=YEAR, accepted_only=1)
		summary = summarise(filters)
		advice = advice_rows(filters)
		self.assertEqual((advice[0]["project_code"], advice[0]["advice"]), ("EV-1", "Fund as Needed"))
		self.assertEqual(summary["low_scorers"], [])
		self.assertEqual(summary["totals"]["average_score"], 84.99)
		workbook = department_summary_workbook(YEAR, {**summary, "advice": advice})
		self.assertTrue(workbook.startswith(b"PK"))
		frappe.set_user(OTHER)
		self.assertEqual(execute({"performance_year": YEAR})[1], [])

	def test_a_large_round_runs_in_the_background(self):
		from unittest.mock import patch

		from perf_budget import rounds

		with patch.object(rounds, "BACKGROUND_ABOVE", 0), patch.object(rounds.frappe, "enqueue") as enqueue:
			self.assertEqual(self.open_round(), {"queued": 1, "created": 0, "refused": []})
		job = enqueue.call_args
		self.assertIs(job.args[0], rounds.create_records)
		self.assertEqual((job.kwargs["goals"], job.kwargs["deduplicate"]), ([self.goal.name], True))
		with (
			patch.object(rounds, "BACKGROUND_ABOVE", 0),
			patch.object(rounds.frappe, "publish_progress") as progress,
		):
			created = rounds.create_records(job.kwargs["doctype"], job.kwargs["goals"], job.kwargs["values"])
		self.assertEqual(len(created), 1)
		self.assertEqual(frappe.db.get_value("Performance Evaluation", created[0], "owner"), USER)
		progress.assert_called_once()

	def test_another_unit_cannot_export_the_evaluation(self):
		from perf_budget.exchange.evaluations import evaluation_workbook

		doc = self.evaluation()
		frappe.set_user(OTHER)
		self.assertRaises(frappe.PermissionError, evaluation_workbook, [doc.name])

	def test_print_formats_render_on_the_site(self):
		doc = self.fill(self.evaluation())
		html = frappe.get_print("Performance Evaluation", doc.name, print_format="项目支出绩效自评表")
		self.assertIn("项目支出绩效自评表", html)
		self.assertIn("85.50%", html)
		self.assertIn("84.99", html)
		goal_html = frappe.get_print(
			"Performance Goal", self.goal.name, print_format="项目支出绩效目标申报表"
		)
		self.assertIn("项目支出绩效目标申报表", goal_html)
		self.assertIn("≥500", goal_html)
