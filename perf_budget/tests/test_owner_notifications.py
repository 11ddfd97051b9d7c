"""Work finds its owner (issue 12): when a goal or a rectification moves in its
chain, exactly the people who must act in the new state are told (system
notification, and an email through Frappe's queue when the site can send),
in their own language; a return tells the unit with its reason; another
unit's head hears nothing; nobody hears twice; Frappe's own workflow emails,
if an admin turns them on, reach only people who may read the record."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import get_workflow_name
from frappe.tests.utils import FrappeTestCase
from frappe.workflow.doctype.workflow_action.workflow_action import (
	get_next_possible_transitions,
	get_users_next_action_data,
)

from perf_budget.tests.factories import (
	GOAL_RATINGS,
	as_user,
	attach_file,
	committed,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2046"
USER_A, USER_A2, HEAD_A, USER_B, HEAD_B = (
	"on.user.a@perf.test",
	"on.user.a2@perf.test",
	"on.head.a@perf.test",
	"on.user.b@perf.test",
	"on.head.b@perf.test",
)
OFFICER, OFFICER2, FIN_HEAD, LEADER = (
	"on.officer@perf.test",
	"on.officer2@perf.test",
	"on.finhead@perf.test",
	"on.leader@perf.test",
)
PEOPLE = (USER_A, USER_A2, HEAD_A, USER_B, HEAD_B, OFFICER, OFFICER2, FIN_HEAD, LEADER)
# every holder of Perf Finance Officer on the (demo-free) site: the finance steps' role
FINANCE = {OFFICER, OFFICER2, FIN_HEAD}
LANGUAGES = {USER_A: "en", USER_A2: "zh", HEAD_A: "zh", OFFICER: "en", OFFICER2: "zh"}


class TestOwnerNotifications(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			units = make_unit("通知甲科").name, make_unit("通知乙科").name
			make_user(USER_A, unit=units[0])
			make_user(USER_A2, unit=units[0])
			make_user(HEAD_A, unit=units[0], unit_role="Perf Unit Head")
			make_user(USER_B, unit=units[1])
			make_user(HEAD_B, unit=units[1], unit_role="Perf Unit Head")
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(OFFICER2, roles=("Perf Finance Officer",))
			make_user(FIN_HEAD, roles=("Perf Finance Head", "Perf Finance Officer"))
			make_user(LEADER, roles=("Perf Leader",))
			for user, lang in LANGUAGES.items():
				frappe.db.set_value("User", user, "language", lang)
			return units

		# committed once: other sessions test on the same site, and every new unit
		# rewrites the unit tree they write too
		cls.unit_a, cls.unit_b = committed(people)
		for user in LANGUAGES:
			frappe.clear_document_cache("User", user)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=PEOPLE, units=(cls.unit_a, cls.unit_b))
		super().tearDownClass()

	def setUp(self):
		make_year(YEAR)
		self.goal = as_user(USER_A, make_goal, self.unit_a, year=YEAR, project_code="ON-1")
		self.title = self.goal.project_name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def step(self, user, doctype, name, action, **values) -> dict[str, str]:
		"""Take the step as ``user``; the notifications it sent: recipient → subject."""
		earlier = frappe.get_all(
			"Notification Log", filters={"document_type": doctype, "document_name": name}, pluck="name"
		)
		act_as(user, doctype, name, action, **values)
		rows = frappe.get_all(
			"Notification Log",
			filters={"document_type": doctype, "document_name": name, "name": ["not in", earlier or [""]]},
			fields=["for_user", "subject"],
		)
		recipients = [row.for_user for row in rows]
		self.assertEqual(sorted(recipients), sorted(set(recipients)), "somebody was told twice")
		return {row.for_user: row.subject for row in rows}

	def assert_other_unit_not_told(self, told):
		self.assertFalse({USER_B, HEAD_B, LEADER} & set(told), told)

	# -- the goal chain -------------------------------------------------------------
	def test_goal_chain_tells_who_must_act_in_each_step(self):
		goal, unit, title = self.goal.name, self.unit_a, self.title

		told = self.step(USER_A, "Performance Goal", goal, "Submit to Unit Head")
		self.assertEqual(told, {HEAD_A: f"绩效目标 {title}（{unit}）待您审核"})

		told = self.step(HEAD_A, "Performance Goal", goal, "Approve")
		self.assertEqual(set(told), FINANCE)
		self.assertEqual(told[OFFICER], f"Performance Goal {title} ({unit}) awaits your review")
		self.assertEqual(told[OFFICER2], f"绩效目标 {title}（{unit}）待您审核")
		self.assert_other_unit_not_told(told)

		told = self.step(OFFICER, "Performance Goal", goal, "Return", return_reason="产出指标未细化到季度")
		self.assertEqual(
			told,
			{
				USER_A: f"Performance Goal {title} ({unit}) was returned: 产出指标未细化到季度",
				USER_A2: f"绩效目标 {title}（{unit}）已退回：产出指标未细化到季度",
			},
		)

		self.assertEqual(
			self.step(USER_A2, "Performance Goal", goal, "Submit to Unit Head"),
			{HEAD_A: f"绩效目标 {title}（{unit}）待您审核"},
		)
		self.step(HEAD_A, "Performance Goal", goal, "Approve")
		told = self.step(OFFICER, "Performance Goal", goal, "Forward to Finance Bureau", **GOAL_RATINGS)
		self.assertEqual(set(told), FINANCE - {OFFICER})  # they record the bureau's answer

		told = self.step(
			OFFICER, "Performance Goal", goal, "Request Revision", bureau_feedback="预算绩效目标偏低"
		)
		self.assertEqual(
			told,
			{
				USER_A: f"Performance Goal {title} ({unit}) was returned: 预算绩效目标偏低",
				USER_A2: f"绩效目标 {title}（{unit}）已退回：预算绩效目标偏低",
			},
		)

	def test_a_return_by_the_head_tells_the_unit_not_finance(self):
		self.step(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		told = self.step(HEAD_A, "Performance Goal", self.goal.name, "Return", return_reason="请补充依据")
		self.assertEqual(set(told), {USER_A, USER_A2})
		self.assertEqual(told[USER_A2], f"绩效目标 {self.title}（{self.unit_a}）已退回：请补充依据")

	def test_the_head_of_another_unit_is_never_told(self):
		as_user(USER_B, make_goal, self.unit_b, year=YEAR, project_code="ON-B")
		told = self.step(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		self.assertEqual(set(told), {HEAD_A})

	def test_an_email_goes_through_the_queue_when_the_site_can_send(self):
		with patch.dict(frappe.conf, {"mail_server": "smtp.example.test"}):
			self.step(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		rows = (
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(recipient.recipient)
			.where((queue.reference_doctype == "Performance Goal") & (queue.reference_name == self.goal.name))
		).run(pluck=True)
		self.assertEqual(rows, [HEAD_A])

	# -- the rectification chain ----------------------------------------------------
	def test_rectification_chain_tells_each_person_once(self):
		doc = as_user(
			OFFICER,
			lambda: frappe.get_doc(
				{
					"doctype": "Rectification",
					"source_description": "市财政局反馈意见",
					"performance_year": YEAR,
					"budget_unit": self.unit_a,
					"performance_goal": self.goal.name,
					"problem": "培训合格率未达目标",
					"requirement": "补充培训并报送整改报告",
				}
			).insert(),
		)
		name, title, unit = doc.name, doc.title, self.unit_a

		# the requirement's notice reaches the whole unit, once each
		told = self.step(OFFICER, "Rectification", name, "Send to Unit")
		self.assertEqual(set(told), {USER_A, USER_A2, HEAD_A})
		self.assertTrue(
			all(subject.startswith(f"{unit}需要整改") for subject in (told[USER_A2], told[HEAD_A]))
		)

		report = {"measures": "已组织补训两期。", "report_attachment": attach_file("Rectification", name)}
		told = self.step(USER_A, "Rectification", name, "Submit to Unit Head", **report)
		self.assertEqual(told, {HEAD_A: f"整改 {title}（{unit}）待您审核"})

		told = self.step(HEAD_A, "Rectification", name, "Return", return_reason="措施不具体")
		self.assertEqual(  # the finance officer who drafted it files nothing in the unit
			told,
			{
				USER_A: f"Rectification {title} ({unit}) was returned: 措施不具体",
				USER_A2: f"整改 {title}（{unit}）已退回：措施不具体",
			},
		)

		self.step(USER_A, "Rectification", name, "Submit to Unit Head")
		told = self.step(HEAD_A, "Rectification", name, "Approve")
		self.assertEqual(set(told), FINANCE)  # self-approval is allowed in this chain
		self.assert_other_unit_not_told(told)

		told = self.step(
			OFFICER, "Rectification", name, "Accept", review_result="Rectified", review_opinion="整改到位"
		)
		self.assertEqual(set(told), FINANCE - {OFFICER})
		self.assertEqual(told[OFFICER2], f"整改 {title}（{unit}）待您处理")  # forwarding is not a review
		self.assertEqual(self.step(OFFICER2, "Rectification", name, "Forward to Finance Bureau"), {})

	# -- Frappe's own workflow emails -------------------------------------------------
	def test_frappe_workflow_emails_would_reach_only_the_units_head(self):
		act_as(USER_A, "Performance Goal", self.goal.name, "Submit to Unit Head")
		doc = frappe.get_doc("Performance Goal", self.goal.name)
		workflow = get_workflow_name("Performance Goal")
		self.assertEqual(frappe.db.get_value("Workflow", workflow, "send_email_alert"), 0)
		transitions = get_next_possible_transitions(workflow, "Pending Unit Head", doc)
		self.assertEqual(set(get_users_next_action_data(transitions, doc)), {HEAD_A})
