"""The review chains hold on the server (SPEC §1): every transition of every
shipped workflow, tried by every role through ``apply_workflow`` and through
``frappe.client.set_value`` / ``submit`` (what REST and a hand-made request
use); the self-approval rule; edits only in states whose role may edit;
read-only fields never set by a request. The rules are read from the live
Workflow documents, so the test follows an admin's edits."""

import frappe
from frappe.client import set_value, submit
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import cint

from perf_budget.doctypes import UNIT_DOCTYPES
from perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment import prefill
from perf_budget.rounds import create_records
from perf_budget.security.chain import live_workflow
from perf_budget.security.fields import protected
from perf_budget.tests.department_goals import DEPARTMENT_RATING, make_department_goal
from perf_budget.tests.factories import (
	GOAL_RATINGS,
	attach_file,
	committed,
	make_goal,
	make_rectification,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2089"
USER, HEAD, OFFICER, FIN_HEAD, LEADER, OTHER = (
	"ch.user@perf.test",
	"ch.head@perf.test",
	"ch.officer@perf.test",
	"ch.finhead@perf.test",
	"ch.leader@perf.test",
	"ch.other@perf.test",
)
PEOPLE = (USER, HEAD, OFFICER, FIN_HEAD, LEADER, OTHER)
# One ordinary field per DocType that the role editing the state may fill.
EDITABLE = {
	"Performance Goal": "annual_goal",
	"Performance Monitoring": "goal_progress",
	"Performance Evaluation": "problems",
	"Rectification": "measures",
	"Department Performance Goal": "annual_goal",
	"Department Performance Monitoring": "goal_progress",
	"Department Performance Evaluation": "problems",
	"Ex-ante Assessment": "suggestions",
}
# Who edits each record in its first state (the read-only field check).
FIRST_EDITOR = {doctype: USER for doctype in EDITABLE} | {"Rectification": OFFICER}
REFUSED = (frappe.PermissionError, frappe.ValidationError)


class TestChainOnServer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			cls.unit = make_unit("链条科").name
			cls.other_unit = make_unit("链条乙科").name
			make_user(USER, unit=cls.unit)
			make_user(HEAD, unit=cls.unit, unit_role="Perf Unit Head")
			make_user(OTHER, unit=cls.other_unit)
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(FIN_HEAD, roles=("Perf Finance Head",))
			make_user(LEADER, roles=("Perf Leader",))

		# committed: made without a commit, they went with the first test's rollback,
		# and the other tests ran with neither the units nor the people
		committed(people)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=PEOPLE, units=(cls.unit, cls.other_unit), years=(YEAR,))
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(USER)
		goal = make_goal(self.unit, year=YEAR, project_code="CH-1")
		goal.db_set({**GOAL_RATINGS, "return_reason": "请补充依据", "bureau_feedback": "请修改指标"})
		frappe.set_user("Administrator")
		confirmed = make_goal(self.unit, year=YEAR, project_code="CH-2")
		confirmed.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed", "owner": USER})
		monitoring = create_records("Performance Monitoring", [confirmed.name], {"period_end_month": 7})[0]
		evaluation = create_records("Performance Evaluation", [confirmed.name])[0]
		for doctype, name in (("Performance Monitoring", monitoring), ("Performance Evaluation", evaluation)):
			frappe.db.set_value(doctype, name, {"owner": USER, "return_reason": "请补充"})
		frappe.set_user(OFFICER)
		rectification = make_rectification(self.unit, YEAR, measures="已整改", review_result="Rectified")
		frappe.set_user("Administrator")
		rectification.db_set("report_attachment", attach_file("Rectification", rectification.name))
		self.records = {
			"Performance Goal": goal.name,
			"Performance Monitoring": monitoring,
			"Performance Evaluation": evaluation,
			"Rectification": rectification.name,
			**self.department_records(),
		}

	def department_records(self) -> dict:
		"""The department-wide goal with its round records, and an ex-ante assessment
		of a new major project: each state is then set by put_in_state."""
		frappe.set_user(USER)
		department = make_department_goal(self.unit, YEAR)
		department.db_set({**DEPARTMENT_RATING, "return_reason": "请补充", "bureau_feedback": "请修改"})
		project = make_goal(
			self.unit, year=YEAR, project_code="CH-3", project_attribute="New Project", basis="会议纪要"
		)
		values = prefill(project.name)
		for row in values["dimensions"]:
			row.update(score=row["weight"], finding="依据充分")
		assessment = frappe.get_doc({"doctype": "Ex-ante Assessment", **values}).insert()
		frappe.set_user("Administrator")
		assessment.db_set(
			{"conclusion": "Support", "conclusion_reasons": "必要可行", "return_reason": "请补充"}
		)
		department.db_set({"docstatus": 1, "workflow_state": "Confirmed", "owner": USER})
		records = {"Department Performance Goal": department.name, "Ex-ante Assessment": assessment.name}
		for doctype, values in (
			("Department Performance Monitoring", {"period_end_month": 7}),
			("Department Performance Evaluation", {}),
		):
			records[doctype] = create_records(doctype, [department.name], values)[0]
			frappe.db.set_value(doctype, records[doctype], {"owner": USER, "return_reason": "请补充"})
		return records

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# -- helpers ---------------------------------------------------------------
	def put_in_state(self, doctype, state, owner=None):
		name = self.records[doctype]
		row = next(s for s in live_workflow(doctype).states if s.state == state)
		values = {"workflow_state": state, "docstatus": cint(row.doc_status)}
		if owner:
			values["owner"] = owner
		frappe.db.set_value(doctype, name, values, update_modified=False)
		return name

	def attempt(self, user, fn, *args) -> str:
		"""'ok', or the kind of refusal; the database goes back either way."""
		frappe.db.savepoint("attempt")
		frappe.set_user(user)
		try:
			fn(*args)
			return "ok"
		except REFUSED as error:
			return type(error).__name__
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="attempt")
			frappe.local.message_log = []

	@staticmethod
	def by_action(doctype, name, action):
		"""The step as the desk takes it."""
		apply_workflow(frappe.get_doc(doctype, name), action)

	@staticmethod
	def by_request(doctype, name, next_state):
		"""The same step as a plain request would make it."""
		next_row = next(s for s in live_workflow(doctype).states if s.state == next_state)
		if cint(next_row.doc_status) == 1 and frappe.db.get_value(doctype, name, "docstatus") == 0:
			doc = frappe.get_doc(doctype, name).as_dict()
			doc["workflow_state"] = next_state
			return submit(doc)
		return set_value(doctype, name, "workflow_state", next_state)

	# -- transitions -----------------------------------------------------------
	def test_every_transition_by_every_role_both_ways(self):
		tried = allowed = 0
		for doctype in self.records:
			workflow = live_workflow(doctype)
			for transition in workflow.transitions:
				for user in PEOPLE:
					name = self.put_in_state(doctype, transition.state)
					by_action = self.attempt(user, self.by_action, doctype, name, transition.action)
					name = self.put_in_state(doctype, transition.state)
					by_request = self.attempt(user, self.by_request, doctype, name, transition.next_state)
					tried += 2
					may = transition.allowed in frappe.get_roles(user) and user != OTHER
					context = f"{doctype}: {transition.state} → {transition.next_state} by {user}"
					if not may:
						self.assertNotEqual(by_action, "ok", context)
						self.assertNotEqual(by_request, "ok", context)
					else:
						# the request path is refused exactly when the desk's is
						self.assertEqual(
							by_request == "ok", by_action == "ok", f"{context}: {by_action} / {by_request}"
						)
						allowed += by_action == "ok"
		print(f"\nchain: {tried} attempts, {allowed} steps taken by their role both ways")
		self.assertGreater(allowed, 12)

	def test_a_step_that_is_no_transition_is_refused(self):
		name = self.put_in_state("Performance Goal", "Draft")
		for user in (USER, HEAD, OFFICER):
			for state in ("Finance Review", "At Finance Bureau", "Confirmed"):
				self.assertNotEqual(
					self.attempt(user, self.by_request, "Performance Goal", name, state), "ok", (user, state)
				)

	def test_submit_without_the_transition_is_refused(self):
		"""Frappe would move a submitted record to the first submitted state."""
		name = self.put_in_state("Performance Goal", "Finance Review")
		doc = frappe.get_doc("Performance Goal", name).as_dict()
		self.assertEqual(self.attempt(OFFICER, submit, doc), "PermissionError")
		self.assertEqual(frappe.db.get_value("Performance Goal", name, "docstatus"), 0)

	def test_self_approval_is_refused_both_ways(self):
		checked = 0
		for doctype in self.records:
			for transition in live_workflow(doctype).transitions:
				if cint(transition.allow_self_approval):
					continue
				user = {
					"Perf Unit Head": HEAD,
					"Perf Finance Officer": OFFICER,
					"Perf Finance Head": FIN_HEAD,
				}.get(transition.allowed)
				if not user:
					continue
				name = self.put_in_state(doctype, transition.state, owner=user)
				self.assertNotEqual(
					self.attempt(user, self.by_action, doctype, name, transition.action),
					"ok",
				)
				name = self.put_in_state(doctype, transition.state, owner=user)
				self.assertEqual(
					self.attempt(user, self.by_request, doctype, name, transition.next_state),
					"PermissionError",
					f"{doctype} {transition.action} by its own filer",
				)
				checked += 1
		self.assertGreaterEqual(checked, 8)

	def test_the_unit_head_cannot_send_their_own_goal_to_finance(self):
		"""The example of the probe: the head who filed the goal sets Finance Review."""
		name = self.put_in_state("Performance Goal", "Pending Unit Head", owner=HEAD)
		step = ("Performance Goal", name, "workflow_state", "Finance Review")
		self.assertEqual(self.attempt(HEAD, set_value, *step), "PermissionError")
		self.assertEqual(frappe.db.get_value("Performance Goal", name, "workflow_state"), "Pending Unit Head")

	# -- edits -----------------------------------------------------------------
	def test_edits_only_in_states_the_role_may_edit(self):
		tried = 0
		for doctype, field in EDITABLE.items():
			for state in live_workflow(doctype).states:
				for user in PEOPLE:
					name = self.put_in_state(doctype, state.state)
					if cint(state.doc_status) == 1:
						continue  # submitted: Frappe allows only allow-on-submit fields
					result = self.attempt(user, set_value, doctype, name, field, "改过的内容")
					may_edit = state.allow_edit in frappe.get_roles(user) and user not in (OTHER, LEADER)
					tried += 1
					if not may_edit:
						self.assertNotEqual(result, "ok", f"{doctype} {state.state}: {user} changed {field}")
		self.assertGreater(tried, 100)

	def test_the_unit_cannot_change_a_goal_at_finance(self):
		"""The example of the probe: fiscal_amount 48.5 → 999.99 at Finance Review."""
		name = self.put_in_state("Performance Goal", "Finance Review")
		self.assertEqual(
			self.attempt(USER, set_value, "Performance Goal", name, "fiscal_amount", 999.99),
			"PermissionError",
		)
		self.assertEqual(frappe.db.get_value("Performance Goal", name, "fiscal_amount"), 80)

	def test_read_only_fields_cannot_be_set_by_a_request(self):
		tried = 0
		for doctype in UNIT_DOCTYPES:
			if doctype not in self.records:
				continue
			editing = FIRST_EDITOR[doctype]
			meta = frappe.get_meta(doctype)
			for df in meta.fields:
				if (
					not protected(df)
					or df.fieldname == "workflow_state"
					or df.fieldtype
					in ("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading")
				):
					continue
				name = self.put_in_state(doctype, live_workflow(doctype).states[0].state)
				value = {
					"Check": 1,
					"Int": 7,
					"Float": 7.5,
					"Percent": 7.5,
					"Currency": 7.5,
					"Date": "2089-01-02",
				}.get(df.fieldtype, "X")
				if df.fieldtype in ("Link", "Dynamic Link"):
					value = self.records.get(df.options, "X")
				before = frappe.db.get_value(doctype, name, df.fieldname)
				if df.fieldtype == "Select":
					value = next(o for o in (df.options or "").split("\n") if o and o != before)
				result = self.attempt(editing, set_value, doctype, name, df.fieldname, value)
				tried += 1
				self.assertNotEqual(result, "ok", f"{doctype}.{df.fieldname} was set by a request")
				self.assertEqual(frappe.db.get_value(doctype, name, df.fieldname), before)
		self.assertGreater(tried, 30)

	def test_a_goal_cannot_adopt_another_version(self):
		"""previous_version / is_current / version are the server's (issue classes 10, 18)."""
		name = self.put_in_state("Performance Goal", "Draft")
		for field, value in (
			("previous_version", self.records["Performance Goal"]),
			("is_current", 1),
			("version", 9),
		):
			self.assertEqual(
				self.attempt(USER, set_value, "Performance Goal", name, field, value),
				"PermissionError",
			)
		frappe.set_user(USER)
		self.assertRaises(
			frappe.PermissionError,
			make_goal,
			self.unit,
			year=YEAR,
			project_code="CH-V",
			previous_version=name,
		)

	def test_finance_rating_stays_finance(self):
		"""permlevel 1: Frappe keeps the stored rating when a unit user sends one."""
		name = self.put_in_state("Performance Goal", "Draft")
		frappe.db.set_value("Performance Goal", name, "review_rating", "")
		frappe.set_user(USER)
		set_value("Performance Goal", name, {"review_rating": "Excellent", "annual_goal": "新的目标"})
		frappe.set_user("Administrator")
		rating, goal = frappe.db.get_value("Performance Goal", name, ["review_rating", "annual_goal"])
		self.assertEqual((rating or "", goal), ("", "新的目标"))
