"""Policy expenditure (art. 19: 凡年度预算安排财政项目和政策支出，均列入绩效自评范围):
a policy goal with its documents and term goes through the whole loop and is
split out in the reports; a policy past its term is refused over HTTP until an
expiry review continues it; a review concluding 到期退出 stops it; next year's
goal carries the policy; the official form's title names the type.

Figures of the year (万元):

	policy  (政策支出): budget 200, executed 150, its score as the rules give it
	project (项目支出): budget 100, executed  90, score 92 (Excellent)
	total: 2 projects, 300, 240, 执行率 80.00 %
"""

import io
import json
from decimal import Decimal

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import FrappeAPITestCase, make_request
from frappe.utils import formatdate
from openpyxl import load_workbook

from perf_budget.excel import goal_form
from perf_budget.exchange.goals import GoalImportError, goal_record, import_goals
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.rules.numbers import round_half_up
from perf_budget.tests.factories import (
	as_user,
	committed,
	confirm_goal,
	make_goal,
	make_unit_people,
	make_year,
	remove_committed,
	session_for,
)
from perf_budget.workflow.actions import act_as

YEAR, NEXT = "2067", "2068"
USER, HEAD, OFFICER, FIN_HEAD = (
	"policy.user@perf.test",
	"policy.head@perf.test",
	"policy.officer@perf.test",
	"policy.finhead@perf.test",
)
POLICY, PROJECT = "Policy Expenditure", "Project Expenditure"
DOCUMENTS = [
	{
		"document_title": "关于实施城市公共自行车运营补贴政策的通知",
		"document_number": "X政发〔2064〕12号",
		"issuing_body": "X市人民政府",
		"issue_date": "2064-11-20",
	}
]


def policy_goal(unit: str, code: str, year: str = YEAR, **values):
	return make_goal(
		unit,
		year=year,
		project_code=code,
		expenditure_type=POLICY,
		policy_documents=values.pop("policy_documents", DOCUMENTS),
		policy_term_start=values.pop("policy_term_start", "2065-01-01"),
		policy_term_end=values.pop("policy_term_end", "2069-12-31"),
		**values,
	)


class TestPolicyExpenditure(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR, monitoring_rounds=[{"period_end_month": 7, "deadline": f"{YEAR}-08-15"}])
			make_year(NEXT)
			return make_unit_people("政策科", USER, HEAD, OFFICER, finance_head=FIN_HEAD)

		cls.unit = committed(setup)
		cls.sid = session_for(USER)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER, FIN_HEAD), units=(cls.unit,), years=(YEAR, NEXT))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# -- the whole loop ----------------------------------------------------------------
	def test_a_policy_goal_through_the_loop_and_the_reports(self):
		policy = as_user(USER, policy_goal, self.unit, "POL-1", fiscal_amount=150, other_amount=50)
		project = as_user(USER, make_goal, self.unit, year=YEAR, project_code="PRJ-1")
		self.assertEqual((policy.expenditure_type, project.expenditure_type), (POLICY, PROJECT))
		for goal in (policy, project):
			confirm_goal(goal.name, USER, HEAD, OFFICER)
		self.assertEqual(frappe.db.get_value("Performance Goal", policy.name, "workflow_state"), "Confirmed")

		# monitoring and self-evaluation carry the goal's type
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		as_user(OFFICER, create_evaluation_round, YEAR)
		for doctype in ("Performance Monitoring", "Performance Evaluation"):
			self.assertEqual(
				frappe.db.get_value(doctype, {"performance_goal": policy.name}, "expenditure_type"), POLICY
			)
			self.assertEqual(
				frappe.db.get_value(doctype, {"performance_goal": project.name}, "expenditure_type"), PROJECT
			)

		# the policy's self-evaluation through its chain: every target met, 150 of 200 spent
		evaluation = frappe.get_doc("Performance Evaluation", {"performance_goal": policy.name})
		frappe.set_user(USER)
		evaluation.update({"annual_fiscal": 150, "annual_other": 50, "executed_fiscal": 150})
		evaluation.update(
			{"valid_respondents": 100, "satisfied_respondents": 95, "execution_reason": "按进度拨付"}
		)
		for row in evaluation.indicators:
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Achieved", row.weight
			else:
				row.actual_value = row.target_value
		evaluation.save()
		frappe.set_user("Administrator")
		act_as(USER, "Performance Evaluation", evaluation.name, "Submit to Unit Head")
		act_as(HEAD, "Performance Evaluation", evaluation.name, "Approve")
		act_as(OFFICER, "Performance Evaluation", evaluation.name, "Accept")
		evaluation.reload()
		self.assertEqual((evaluation.annual_budget, evaluation.executed_amount), (200, 150))
		# the project's, as accepted
		other = frappe.db.get_value("Performance Evaluation", {"performance_goal": project.name})
		frappe.db.set_value(
			"Performance Evaluation",
			other,
			{
				"docstatus": 1,
				"workflow_state": "Accepted",
				"annual_budget": 100,
				"executed_amount": 90,
				"total_score": 92,
				"grade": "Excellent",
			},
		)

		# Goal Review Summary: filtered by type, and a column
		rows = self.report("Goal Review Summary", expenditure_type=POLICY)["result"]
		self.assertEqual(
			[(r["budget_unit"], r["expenditure_type"], r["goals"], r["total_amount"]) for r in rows],
			[(self.unit, frappe._(POLICY), 1, 200.0)],
		)
		# Self-Evaluation Scores: the policy only
		rows = self.report("Self-Evaluation Scores", expenditure_type=POLICY)["result"]
		self.assertEqual(
			[(r["name"], r["expenditure_type"], r["total_score"]) for r in rows],
			[(evaluation.name, frappe._(POLICY), evaluation.total_score)],
		)
		# Submission Completeness: of policies, the goal and the two rounds arrived; no rectification column
		answer = self.report("Submission Completeness", expenditure_type=POLICY, budget_unit=self.unit)
		(row,) = answer["result"]
		self.assertEqual(
			(row["goals"], row["round_7"], row["evaluation"]), ("1 / 1", "Not filed · Missing 1", "1 / 1")
		)
		self.assertNotIn("rectification", [c["fieldname"] for c in answer["columns"]])

		# Department summary: a subtotal per type adding up to the total
		rows = self.report("Department Self-Evaluation Summary")["result"]
		by_label = {r["budget_unit"]: r for r in rows}
		project_row = by_label[frappe._("{0} Subtotal").format(frappe._(PROJECT))]
		policy_row = by_label[frappe._("{0} Subtotal").format(frappe._(POLICY))]
		special_row = by_label[frappe._("{0} Subtotal").format(frappe._("Special Fund"))]
		total = rows[-1]
		figures = ("projects", "annual_budget", "executed_amount", "execution_rate", "average_score")
		self.assertEqual([project_row[k] for k in figures], [1, 100.0, 90.0, 90.0, 92.0])
		self.assertEqual(
			[policy_row[k] for k in figures], [1, 200.0, 150.0, 75.0, float(evaluation.total_score)]
		)
		self.assertEqual([special_row[k] for k in figures], [0, 0.0, 0.0, None, None])
		mean = round_half_up((Decimal(str(evaluation.total_score)) + 92) / 2, 2)
		self.assertEqual([total[k] for k in figures], [2, 300.0, 240.0, 80.0, mean])
		for key in ("projects", "annual_budget", "executed_amount", "excellent", "good", "fair", "poor"):
			self.assertEqual(project_row[key] + policy_row[key] + special_row[key], total[key], key)

		# the official 自评表 of the policy says 政策支出
		frappe.set_user(OFFICER)
		from perf_budget.exchange.evaluations import evaluation_workbook

		book = load_workbook(io.BytesIO(evaluation_workbook([evaluation.name])))
		self.assertEqual(book.worksheets[0]["A1"].value, "政策支出绩效自评表")

	def report(self, name: str, **filters) -> dict:
		"""The report as the finance officer runs it (Frappe's own total row, a list, left out)."""
		frappe.set_user(OFFICER)
		try:
			answer = run_report(name, {"performance_year": YEAR, **filters})
		finally:
			frappe.set_user("Administrator")
		answer["result"] = [row for row in answer["result"] if isinstance(row, dict)]
		return answer

	# -- filing rules -----------------------------------------------------------------
	def submit_over_http(self, name: str):
		doc = frappe.get_doc("Performance Goal", name).as_dict(convert_dates_to_str=True)
		return make_request(
			target=self.TEST_CLIENT.post,
			args=("/api/method/frappe.model.workflow.apply_workflow",),
			kwargs={
				"data": {"doc": frappe.as_json(doc), "action": "Submit to Unit Head", "sid": self.sid},
			},
		)

	def messages(self, response) -> str:
		answer = response.json or {}
		return "<br>".join(
			json.loads(m)["message"] for m in json.loads(answer.get("_server_messages") or "[]")
		)

	def test_a_policy_past_its_term_is_refused_over_http_until_a_review_continues_it(self):
		name = committed(
			lambda: (
				as_user(
					USER, policy_goal, self.unit, "POL-OLD", policy_term_end=f"{int(YEAR) - 1}-12-31"
				).name
			)
		)
		try:
			response = self.submit_over_http(name)
			self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:600])
			expected = frappe._(
				"The policy term ended on {0}, before {1}: record an expiry review that continues it with a new term end in {1} or later."
			).format(formatdate(f"{int(YEAR) - 1}-12-31"), YEAR)
			self.assertIn(expected, self.messages(response))
			self.assertEqual(frappe.db.get_value("Performance Goal", name, "workflow_state"), "Draft")

			# a review concluding 到期退出 stops it as well
			frappe.db.set_value(
				"Performance Goal",
				name,
				{
					"expiry_review_date": f"{int(YEAR) - 1}-11-30",
					"expiry_review_conclusion": "Exit at Expiry",
				},
			)
			frappe.db.commit()
			response = self.submit_over_http(name)
			self.assertEqual(response.status_code, 417)
			self.assertIn(
				frappe._(
					"The expiry review concluded that the policy exits at expiry: it cannot be filed for {0}."
				).format(YEAR),
				self.messages(response),
			)

			# a review that continues the policy to the end of next year lets it leave the unit
			frappe.db.set_value(
				"Performance Goal",
				name,
				{"expiry_review_conclusion": "Continue the Policy", "expiry_new_term_end": f"{NEXT}-12-31"},
			)
			frappe.db.commit()
			response = self.submit_over_http(name)
			self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:600])
			frappe.db.rollback()  # the request committed on its own connection
			self.assertEqual(
				frappe.db.get_value("Performance Goal", name, "workflow_state"), "Pending Unit Head"
			)
		finally:
			committed(
				lambda: frappe.delete_doc("Performance Goal", name, force=True, ignore_permissions=True)
			)

	def test_a_policy_without_documents_or_term_cannot_be_filed(self):
		goal = as_user(
			USER,
			policy_goal,
			self.unit,
			"POL-BARE",
			policy_documents=[],
			policy_term_start=None,
			policy_term_end=None,
		)
		with self.assertRaises(frappe.ValidationError) as refused:
			act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")
		message = str(refused.exception)
		self.assertIn(
			frappe._("Add the policy documents the expenditure rests on (title and number)."), message
		)
		self.assertIn(frappe._("Fill in the policy term (from and to)."), message)
		# a project needs neither
		project = as_user(USER, make_goal, self.unit, year=YEAR, project_code="PRJ-BARE")
		act_as(USER, "Performance Goal", project.name, "Submit to Unit Head")
		self.assertEqual(
			frappe.db.get_value("Performance Goal", project.name, "workflow_state"), "Pending Unit Head"
		)

	def test_next_years_goal_carries_the_policy(self):
		last = as_user(USER, policy_goal, self.unit, "POL-CARRY", expiry_review_opinion="效果良好")
		last.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
		following = as_user(
			USER, make_goal, self.unit, year=NEXT, project_code="POL-CARRY", expenditure_type=POLICY
		)
		self.assertEqual(following.last_year_goal, last.name)
		self.assertEqual(
			[(d.document_title, d.document_number, d.issuing_body) for d in following.policy_documents],
			[(d["document_title"], d["document_number"], d["issuing_body"]) for d in DOCUMENTS],
		)
		self.assertEqual(
			(
				str(following.policy_term_start),
				str(following.policy_term_end),
				following.expiry_review_opinion,
			),
			("2065-01-01", "2069-12-31", "效果良好"),
		)

	# -- the official form --------------------------------------------------------------
	def test_a_policy_form_sets_a_new_goal_and_is_refused_for_a_project(self):
		project = as_user(USER, make_goal, self.unit, year=YEAR, project_code="PRJ-FORM")
		record = {**goal_record(project), "record_name": None, "exported_modified": None}
		form = goal_form.export_goals([{**record, "expenditure_type": POLICY}])
		with self.assertRaises(GoalImportError) as refused:
			as_user(USER, import_goals, form, "form.xlsx")
		self.assertIn(
			frappe._(
				"Sheet {0} is a form of {1}, but {2} is {3}: export the record's own form, or change its expenditure type in the system first"
			).format("PRJ-FORM", frappe._(POLICY), project.name, frappe._(PROJECT)),
			str(refused.exception),
		)
		# the same form under a new project code makes a policy goal
		new = goal_form.export_goals([{**record, "project_code": "POL-FORM", "expenditure_type": POLICY}])
		answer = as_user(USER, import_goals, new, "form.xlsx")
		(created,) = answer["created"]
		self.assertEqual(frappe.db.get_value("Performance Goal", created, "expenditure_type"), POLICY)
