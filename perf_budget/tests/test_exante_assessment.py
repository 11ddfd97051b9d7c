"""Ex-ante assessment (事前绩效评估): no supported assessment, no budget.

A new major project (新增, 1,500 + 1,000 = 2,500 万元, above the default major
amount of 2,000) is refused at the unit head's approval without an assessment
(also over HTTP: 417) and with one concluded 不予支持; an assessment scored
20 + 18 + 17.5 + 16 + 8.5 = 80.00 suggests 予以支持, finance concludes it so,
the goal shows it and goes on to Confirmed; its adjustment keeps it; the Goal
Review Summary shows the conclusion; cancelled, the goal falls back to the
assessment before. All through the real workflow with real users.
"""

import json

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment import prefill
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import make_adjustment
from perf_budget.tests.factories import (
	GOAL_RATINGS,
	as_user,
	committed,
	make_goal,
	make_unit_people,
	make_year,
	remove_committed,
	session_for,
)
from perf_budget.workflow.actions import act_as

YEAR = "2069"
USER, HEAD, OFFICER, OTHER = (
	"exante.user@perf.test",
	"exante.head@perf.test",
	"exante.officer@perf.test",
	"exante.other@perf.test",
)
SCORES = (20, 18, 17.5, 16, 8.5)  # 必要性 可行性 经济性 效益性 筹资合规性: 80.00
A = "Ex-ante Assessment"


def new_major_project(unit: str, code: str = "EA-1"):
	return make_goal(
		unit,
		year=YEAR,
		project_code=code,
		project_attribute="New Project",
		fiscal_amount=1500,
		other_amount=1000,
		basis="市政府常务会议纪要明确建设。",
	)


def assessment_of(goal: str, scores=SCORES):
	"""Filed by the unit's clerk from the goal's button (prefilled), every dimension scored."""
	values = prefill(goal)
	for row, score in zip(values["dimensions"], scores, strict=True):
		row.update(score=score, finding="依据充分")
	values.update(method="资料审核、专家论证", suggestions="细化分年度资金安排")
	return frappe.get_doc({"doctype": A, **values}).insert()


class TestExanteAssessment(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR)
			unit = make_unit_people("事前评估科", USER, HEAD, OFFICER)
			other = make_unit_people("事前评估二科", OTHER, "exante.otherhead@perf.test", OFFICER)
			return unit, other

		cls.unit, cls.other_unit = committed(setup)
		cls.head_sid = session_for(HEAD)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(USER, HEAD, OFFICER, OTHER, "exante.otherhead@perf.test"),
			units=(cls.unit, cls.other_unit),
			years=(YEAR,),
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def refusal(self, goal: str) -> str:
		with self.assertRaises(frappe.ValidationError) as caught:
			act_as(HEAD, "Performance Goal", goal, "Approve")
		return str(caught.exception)

	def conclude(self, name: str, conclusion: str, reasons: str = "立项必要，方案可行"):
		act_as(USER, A, name, "Submit to Unit Head")
		act_as(HEAD, A, name, "Approve")
		return act_as(OFFICER, A, name, "Conclude", conclusion=conclusion, conclusion_reasons=reasons)

	def test_a_goal_raised_above_its_assessed_amount_is_assessed_again(self):
		goal = as_user(USER, new_major_project, self.unit, "EA-RAISE")
		assessment = as_user(USER, assessment_of, goal.name)
		self.conclude(assessment.name, "Support")
		# the approvers were told as it reached them: the unit head, then finance
		for user in (HEAD, OFFICER):
			self.assertTrue(
				frappe.db.exists("Notification Log", {"for_user": user, "document_name": assessment.name}),
				user,
			)
		# after the conclusion the unit asks for 500 万元 more: 3,000.00 > the 2,500.00 assessed
		frappe.set_user(USER)
		doc = frappe.get_doc("Performance Goal", goal.name)
		doc.fiscal_amount = 2000
		doc.save()
		frappe.set_user("Administrator")
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")
		message = frappe._(
			"Goal {0} now asks for {1} 10k yuan, more than the {2} 10k yuan its ex-ante assessment {3} assessed; assess the project again at the new amount before it goes to finance."
		).format(goal.name, "3,000.00", "2,500.00", assessment.name)
		self.assertIn(message, self.refusal(goal.name))
		self.assertEqual(
			frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), "Pending Unit Head"
		)
		# back to the assessed amount less 100 万元: covered, on to finance
		act_as(HEAD, "Performance Goal", goal.name, "Return", return_reason="请按评估金额申报")
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head", fiscal_amount=1400)
		approved = act_as(HEAD, "Performance Goal", goal.name, "Approve")
		self.assertEqual((approved.workflow_state, approved.total_amount), ("Finance Review", 2400))

	def test_a_new_major_project_needs_a_supported_assessment(self):
		goal = as_user(USER, new_major_project, self.unit)
		self.assertEqual(goal.ex_ante_required, 1)
		reasons = "；".join(
			[
				frappe._("New project"),
				frappe._("Major amount: {0} 10k yuan, at or above {1} 10k yuan").format(
					"2,500.00", "2,000.00"
				),
			]
		)
		self.assertEqual(goal.ex_ante_reasons, reasons)
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")

		# without an assessment: refused at the unit head's approval, the goal stays with the head
		message = frappe._(
			"Goal {0} needs an ex-ante performance assessment ({1}) concluded Support or Support after Adjustment before it goes to finance; it has {2}."
		)
		self.assertIn(
			message.format(goal.name, reasons, frappe._("no concluded assessment")), self.refusal(goal.name)
		)
		self.assertEqual(
			frappe.db.get_value("Performance Goal", goal.name, "workflow_state"), "Pending Unit Head"
		)

		# the assessment: prefilled from the goal, 80.00 suggests 予以支持
		first = as_user(USER, assessment_of, goal.name)
		self.assertEqual(
			(first.budget_unit, first.performance_year, first.requested_amount, first.required_because),
			(self.unit, YEAR, 2500.0, reasons),
		)
		self.assertEqual(
			[r.dimension for r in first.dimensions], ["必要性", "可行性", "经济性", "效益性", "筹资合规性"]
		)
		self.assertEqual((first.total_score, first.suggested_conclusion), (80.0, "Support"))
		self.assertTrue(first.name.startswith(f"EA-{YEAR}-"))

		# finance concludes only with a conclusion and its reasons
		act_as(USER, A, first.name, "Submit to Unit Head")
		act_as(HEAD, A, first.name, "Approve")
		with self.assertRaises(frappe.ValidationError) as caught:
			act_as(OFFICER, A, first.name, "Conclude")
		self.assertIn(
			frappe._("Set the conclusion and write its reasons before concluding the ex-ante assessment."),
			str(caught.exception),
		)
		# 不予支持: the goal shows it and still cannot go on
		act_as(
			OFFICER,
			A,
			first.name,
			"Conclude",
			conclusion="Do Not Support",
			conclusion_reasons="资金来源不落实",
		)
		shown = frappe.db.get_value(
			"Performance Goal", goal.name, ["ex_ante_assessment", "ex_ante_conclusion", "ex_ante_score"]
		)
		self.assertEqual(shown, (first.name, "Do Not Support", 80.0))
		found = frappe._("assessment {0} concluded {1}").format(first.name, frappe._("Do Not Support"))
		self.assertIn(message.format(goal.name, reasons, found), self.refusal(goal.name))

		# the project reworked and assessed again: the latest concluded one counts, and
		# a supported one lets it go on to finance and to Confirmed
		second = as_user(USER, assessment_of, goal.name)
		self.conclude(second.name, "Support")
		act_as(HEAD, "Performance Goal", goal.name, "Approve")
		act_as(OFFICER, "Performance Goal", goal.name, "Forward to Finance Bureau", **GOAL_RATINGS)
		confirmed = act_as(OFFICER, "Performance Goal", goal.name, "Confirm")
		self.assertEqual(
			(confirmed.workflow_state, confirmed.ex_ante_assessment, confirmed.ex_ante_conclusion),
			("Confirmed", second.name, "Support"),
		)

		# an adjustment keeps the project's assessment and goes to finance with it
		adjusted = frappe.get_doc("Performance Goal", as_user(USER, make_adjustment, goal.name, "追加内容"))
		self.assertEqual(
			(
				adjusted.ex_ante_required,
				adjusted.ex_ante_assessment,
				adjusted.ex_ante_conclusion,
				adjusted.ex_ante_score,
			),
			(1, second.name, "Support", 80.0),
		)
		act_as(USER, "Performance Goal", adjusted.name, "Submit to Unit Head")
		self.assertEqual(
			act_as(HEAD, "Performance Goal", adjusted.name, "Approve").workflow_state, "Finance Review"
		)

		# the Goal Review Summary: the conclusion, and 待评估 for a goal still without one
		as_user(USER, new_major_project, self.unit, "EA-2")
		frappe.set_user(OFFICER)
		rows = run_report("Goal Review Summary", {"performance_year": YEAR})["result"]
		self.assertEqual(
			[(r["workflow_state"], r["ex_ante"], r["goals"]) for r in rows if isinstance(r, dict)],
			[
				# the confirmed version stays in force until its adjustment is confirmed
				(frappe._("Confirmed"), frappe._("Support"), 1),
				(frappe._("Draft"), frappe._("Awaiting Assessment"), 1),
				(frappe._("Finance Review"), frappe._("Support"), 1),
			],
		)

		# cancelled (by the system administrator: no step of the chain leads back from
		# Concluded), the goal and its adjustment fall back to the assessment before
		frappe.set_user("Administrator")
		frappe.get_doc(A, second.name).cancel()
		for name in (goal.name, adjusted.name):
			self.assertEqual(
				frappe.db.get_value("Performance Goal", name, ["ex_ante_assessment", "ex_ante_conclusion"]),
				(first.name, "Do Not Support"),
			)

	def test_support_after_adjustment_also_opens_the_way(self):
		goal = as_user(USER, new_major_project, self.unit)
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")
		assessment = as_user(USER, assessment_of, goal.name, (15, 12, 12, 12, 9))
		self.assertEqual(
			(assessment.total_score, assessment.suggested_conclusion), (60.0, "Support after Adjustment")
		)
		self.conclude(assessment.name, "Support after Adjustment", "压减其他资金后支持")
		self.assertEqual(
			act_as(HEAD, "Performance Goal", goal.name, "Approve").workflow_state, "Finance Review"
		)

	def test_the_gate_over_http_answers_417(self):
		name = committed(lambda: as_user(USER, new_major_project, self.unit, "EA-HTTP").name)
		try:
			committed(lambda: act_as(USER, "Performance Goal", name, "Submit to Unit Head"))
			doc = frappe.get_doc("Performance Goal", name).as_dict(convert_dates_to_str=True)
			response = make_request(
				target=self.TEST_CLIENT.post,
				args=("/api/method/frappe.model.workflow.apply_workflow",),
				kwargs={"data": {"doc": frappe.as_json(doc), "action": "Approve", "sid": self.head_sid}},
			)
			self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:600])
			messages = "".join(
				json.loads(m)["message"] for m in json.loads(response.json.get("_server_messages") or "[]")
			)
			self.assertIn(frappe._("no concluded assessment"), messages)
			frappe.db.rollback()
			self.assertEqual(
				frappe.db.get_value("Performance Goal", name, "workflow_state"), "Pending Unit Head"
			)
		finally:
			committed(
				lambda: frappe.delete_doc("Performance Goal", name, force=True, ignore_permissions=True)
			)

	def test_a_goal_that_needs_none_is_not_held(self):
		goal = as_user(USER, make_goal, self.unit, year=YEAR, project_code="EA-PLAIN")
		self.assertEqual((goal.ex_ante_required, goal.ex_ante_reasons), (0, ""))
		act_as(USER, "Performance Goal", goal.name, "Submit to Unit Head")
		self.assertEqual(
			act_as(HEAD, "Performance Goal", goal.name, "Approve").workflow_state, "Finance Review"
		)

	def test_scores_are_checked_and_never_rounded(self):
		goal = as_user(USER, new_major_project, self.unit)
		for scores, expected in (
			(
				(21, 18, 17, 16, 8),
				frappe._("The score of {0} must be from 0 to {1}, not {2}").format("必要性", 20.0, 21),
			),
			(
				(20, 18.125, 17, 16, 8),
				frappe._(
					"The score of {0} ({1}) has more than {2} decimals; enter it at {2} decimals"
				).format("可行性", 18.125, 2),
			),
		):
			with self.assertRaises(frappe.ValidationError) as caught:
				as_user(USER, assessment_of, goal.name, scores)
			self.assertIn(expected, str(caught.exception))
		# text and NaN are refused before any rule runs, never stored as 0
		values = prefill(goal.name)
		values["dimensions"][0]["score"] = "NaN"
		with self.assertRaises(frappe.ValidationError):
			as_user(USER, lambda: frappe.get_doc({"doctype": A, **values}).insert())
		self.assertFalse(frappe.db.exists(A, {"performance_goal": goal.name}))

	def test_every_dimension_assessed_before_it_leaves_the_unit(self):
		goal = as_user(USER, new_major_project, self.unit)
		assessment = as_user(USER, assessment_of, goal.name, (20, 18, 17, 16, None))
		# an empty score counts 0 (as stored): 71.00 suggests 调整后支持
		self.assertEqual(
			(assessment.total_score, assessment.suggested_conclusion), (71.0, "Support after Adjustment")
		)
		assessment.dimensions[4].finding = ""
		as_user(USER, assessment.save)
		with self.assertRaises(frappe.ValidationError) as caught:
			act_as(USER, A, assessment.name, "Submit to Unit Head")
		self.assertIn(
			frappe._("Write the finding of every dimension before submitting: {0}").format("筹资合规性"),
			str(caught.exception),
		)

	def test_one_assessment_under_way_per_goal_and_a_return_needs_its_reason(self):
		goal = as_user(USER, new_major_project, self.unit)
		first = as_user(USER, assessment_of, goal.name)
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(USER, assessment_of, goal.name)
		self.assertIn(
			frappe._("An ex-ante assessment of goal {0} is already under way: {1}").format(
				goal.name, first.name
			),
			str(caught.exception),
		)
		# the button's prefill refuses it first, the save too (a request without the desk)
		with self.assertRaises(frappe.ValidationError):
			as_user(USER, lambda: frappe.get_doc({"doctype": A, "performance_goal": goal.name}).insert())
		act_as(USER, A, first.name, "Submit to Unit Head")
		with self.assertRaises(frappe.ValidationError):
			act_as(HEAD, A, first.name, "Return")
		returned = act_as(HEAD, A, first.name, "Return", return_reason="补充可行性研究报告")
		self.assertEqual(returned.workflow_state, "Returned")

	def test_another_unit_reaches_no_assessment(self):
		goal = as_user(USER, new_major_project, self.unit)
		assessment = as_user(USER, assessment_of, goal.name)
		frappe.set_user(OTHER)
		self.assertEqual(frappe.get_list(A, pluck="name"), [])
		self.assertFalse(frappe.has_permission(A, "read", assessment.name))
		with self.assertRaises(frappe.PermissionError):
			prefill(goal.name)
		# nor may it file one on another unit's goal
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			as_user(OTHER, lambda: frappe.get_doc({"doctype": A, "performance_goal": goal.name}).insert())

	def test_a_closed_year_keeps_its_assessments(self):
		goal = as_user(USER, new_major_project, self.unit)
		assessment = as_user(USER, assessment_of, goal.name)
		other = as_user(USER, new_major_project, self.unit, "EA-CLOSED")
		frappe.db.set_value("Performance Year", YEAR, "status", "Closed")
		closed = frappe._("Performance year {0} is closed; its records cannot be changed.").format(YEAR)
		assessment.suggestions = "补充"
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(USER, assessment.save)
		self.assertIn(closed, str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(USER, lambda: frappe.get_doc({"doctype": A, **prefill(other.name)}).insert())
		self.assertIn(closed, str(caught.exception))
