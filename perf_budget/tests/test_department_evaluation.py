"""Department-wide monitoring and self-evaluation on a real site: a confirmed
department goal gets its records from the finance section's rounds, the unit
fills them, they go through their chains; the score at its boundaries, with
the department weights of the settings; each unit sees only its own."""

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
	remind_units,
)
from perf_budget.settings import clear_rules_cache
from perf_budget.tests.department_goals import (
	confirm_department_goal,
	make_department_goal,
	remove_department_goals,
)
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2052"
USER, HEAD, OFFICER, OTHER = (
	"dpe.user@perf.test",
	"dpe.head@perf.test",
	"dpe.officer@perf.test",
	"dpe.other@perf.test",
)
MONITORING, EVALUATION = "Department Performance Monitoring", "Department Performance Evaluation"
SETTINGS = "Perf Budget Settings"


class TestDepartmentEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			year = make_year(YEAR)
			year.append("monitoring_rounds", {"period_end_month": 7, "deadline": f"{YEAR}-08-15"})
			year.save(ignore_permissions=True)
			unit = make_unit_people("部门整体科", USER, HEAD, OFFICER)
			other_unit = make_unit("部门整体乙科").name
			make_user(OTHER, unit=other_unit)
			goal = as_user(USER, make_department_goal, unit, YEAR).name
			confirm_department_goal(goal, USER, HEAD, OFFICER)
			return unit, other_unit, goal

		# made once and committed: what each test adds is rolled back, the goal stays confirmed
		cls.unit, cls.other_unit, cls.goal = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		def remove():
			frappe.db.rollback()
			for doctype in (MONITORING, EVALUATION):
				for name in frappe.get_all(doctype, filters={"department_goal": cls.goal}, pluck="name"):
					frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			remove_department_goals([cls.unit])
			frappe.db.commit()

		remove()
		remove_committed(users=(USER, HEAD, OFFICER, OTHER), units=(cls.unit, cls.other_unit), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		clear_rules_cache()

	# -- helpers ---------------------------------------------------------------
	def record(self, doctype):
		return frappe.get_doc(doctype, {"department_goal": self.goal})

	def fill_evaluation(self, executed, satisfied=0, **values):
		"""The unit's year-end figures: budget 2,000 万元, every target met, ``satisfied`` of 200."""
		frappe.set_user(USER)
		doc = self.record(EVALUATION)
		doc.update({"executed_amount": executed, "valid_respondents": 200})
		doc.satisfied_respondents = satisfied
		for row in doc.indicators:
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Achieved", row.weight
			elif row.level1 != "Satisfaction":
				row.actual_value = row.target_value
		doc.update(values)
		doc.save()
		frappe.set_user("Administrator")
		return doc

	# -- the rounds ------------------------------------------------------------
	def test_rounds_make_one_department_record_each_once(self):
		frappe.set_user(OFFICER)
		self.assertEqual(create_monitoring_round(YEAR, 7), {"queued": 0, "created": 1, "refused": []})
		self.assertEqual(create_monitoring_round(YEAR, 7), {"queued": 0, "created": 0, "refused": []})
		self.assertEqual(create_evaluation_round(YEAR), {"queued": 0, "created": 1, "refused": []})
		self.assertEqual(create_evaluation_round(YEAR), {"queued": 0, "created": 0, "refused": []})
		frappe.set_user("Administrator")
		self.assertIn(
			"0 created, 1 already there", frappe.db.get_value("Performance Year", YEAR, "last_round_result")
		)
		monitoring, evaluation = self.record(MONITORING), self.record(EVALUATION)
		self.assertEqual(
			(
				monitoring.budget_unit,
				monitoring.annual_budget,
				str(monitoring.round_deadline),
				monitoring.owner,
			),
			(self.unit, 2000, f"{YEAR}-08-15", USER),
		)
		self.assertEqual((monitoring.round_key, evaluation.round_key), (f"{self.goal}/7", self.goal))
		self.assertEqual((evaluation.annual_budget, evaluation.owner), (2000, USER))
		names = [
			row.indicator_name for row in frappe.get_doc("Department Performance Goal", self.goal).indicators
		]
		self.assertEqual([row.indicator_name for row in monitoring.indicators], names)
		self.assertEqual([row.indicator_name for row in evaluation.indicators], names)
		self.assertEqual(len(names), 6)

	def test_round_completeness_lists_the_department_record(self):
		from perf_budget.perf_budget.report.monitoring_round_completeness.monitoring_round_completeness import (
			execute,
		)

		filters = {"performance_year": YEAR, "period_end_month": 7}
		frappe.set_user(OFFICER)
		# confirmed but the round is not opened yet: missing, never left out
		rows = [r for r in execute(filters)[1] if r["budget_unit"] == self.unit]
		self.assertEqual(
			[(r["project_name"], r["status"], r["performance_monitoring"]) for r in rows],
			[("Department as a Whole", "Missing", None)],
		)
		create_monitoring_round(YEAR, 7)
		name = self.record(MONITORING).name
		_columns, rows, _message, _chart, summary = execute({**filters, "budget_unit": self.unit})
		self.assertEqual(
			[(r["monitoring_doctype"], r["performance_monitoring"], r["status"]) for r in rows],
			[(MONITORING, name, "Not Submitted")],
		)
		self.assertEqual([item["value"] for item in summary], [0, 1, 0])
		# another unit's clerk sees neither the record nor the unit's row
		frappe.set_user(OTHER)
		self.assertEqual(execute({**filters, "budget_unit": self.unit})[1], [])

	def test_monitoring_lights_red_reasons_and_chain(self):
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		name = self.record(MONITORING).name
		# due in 2 days, still being filed: the unit is reminded of its department record
		reminded = remind_units(today=f"{YEAR}-08-13")
		self.assertIn(name, reminded[self.unit])
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": USER, "document_name": name}))

		frappe.set_user(USER)
		doc = frappe.get_doc(MONITORING, name)
		# 1,400 of 2,000 by July: 70.00 %; time-adjusted 70 ÷ (7 ÷ 12) = 120.00 % → green
		doc.executed_amount = 1400
		rows = {row.indicator_name: row for row in doc.indicators}
		for row in doc.indicators:  # the rest on course: the target expected for the year
			row.actual_to_date = row.expected_completion = row.target_value
			row.qualitative_progress = "Achieved" if row.operator == "Qualitative" else None
		rows["部门预算执行率"].actual_to_date, rows["部门预算执行率"].expected_completion = 80, 96  # ≥ 95
		rows["年度重点工作任务完成率"].likelihood = "Impossible"
		doc.save()
		self.assertEqual(
			(doc.execution_rate, doc.time_adjusted_rate, doc.execution_light), (70, 120, "Green")
		)
		lights = {row.indicator_name: row.light for row in doc.indicators}
		self.assertEqual((lights["部门预算执行率"], lights["年度重点工作任务完成率"]), ("Green", "Red"))
		self.assertEqual((doc.warning_level, doc.red_indicators), ("Red", 1))
		# a red row leaves the unit only explained and with a corrective measure
		self.assertRaises(frappe.ValidationError, act_as, USER, MONITORING, name, "Submit to Unit Head")
		doc.reload()
		red = next(row for row in doc.indicators if row.indicator_name == "年度重点工作任务完成率")
		red.reason_staffing, red.corrective_measure = "人员调整，任务推迟", "四季度集中推进"
		doc.save()
		act_as(USER, MONITORING, name, "Submit to Unit Head")
		# the unit head hears of it, and finance once the head approves
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": HEAD, "document_name": name}))
		act_as(HEAD, MONITORING, name, "Approve")
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": OFFICER, "document_name": name}))
		done = act_as(OFFICER, MONITORING, name, "Accept")
		self.assertEqual((done.workflow_state, done.docstatus), ("Accepted", 1))

	def test_execution_at_60_percent_of_the_time_is_yellow(self):
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		frappe.set_user(USER)
		doc = self.record(MONITORING)
		# 700 of 2,000 by July: 35.00 %, time-adjusted 60.00 %: not red (below 60), yellow
		doc.executed_amount = 700
		doc.save()
		self.assertEqual(
			(doc.execution_rate, doc.time_adjusted_rate, doc.execution_light), (35, 60, "Yellow")
		)
		doc.executed_amount = 699.99
		doc.save()
		self.assertEqual((doc.time_adjusted_rate, doc.execution_light), (60, "Yellow"))  # 59.9991 → 60.00
		doc.executed_amount = 699.9
		doc.save()
		self.assertEqual((doc.time_adjusted_rate, doc.execution_light), (59.99, "Red"))

	# -- the self-evaluation ---------------------------------------------------
	def test_score_at_89_99_and_90_00_then_through_the_chain(self):
		as_user(OFFICER, create_evaluation_round, YEAR)
		# 1,998 of 2,000: 99.90 % → 9.99 of 10; outputs 50 + effects 30 met; 0 of 200 satisfied → 0
		doc = self.fill_evaluation(1998)
		self.assertEqual(
			(doc.execution_rate, doc.execution_score, doc.output_score, doc.effect_score),
			(99.9, 9.99, 50, 30),
		)
		self.assertEqual((doc.satisfaction_score, doc.cost_score), (0, 0))
		self.assertEqual((doc.total_score, doc.grade), (89.99, "Good"))
		doc = self.fill_evaluation(2000)
		self.assertEqual((doc.execution_score, doc.total_score, doc.grade), (10, 90, "Excellent"))
		# 180 of 200 satisfied = 90.00 % against ≥ 90: the satisfaction row's actual value, 10 points
		doc = self.fill_evaluation(2000, satisfied=180, actual_completion="全面完成年度重点任务")
		satisfaction = next(row for row in doc.indicators if row.level1 == "Satisfaction")
		self.assertEqual((satisfaction.actual_value, satisfaction.score), (90, 10))
		self.assertEqual((doc.total_score, doc.grade), (100, "Excellent"))

		act_as(USER, EVALUATION, doc.name, "Submit to Unit Head")
		returned = act_as(HEAD, EVALUATION, doc.name, "Return", return_reason="请补充问题与改进措施")
		self.assertEqual(returned.workflow_state, "Returned")
		# the filer hears of the return, with its reason
		told = frappe.get_all(
			"Notification Log", filters={"for_user": USER, "document_name": doc.name}, pluck="subject"
		)
		self.assertTrue(any("请补充问题与改进措施" in (text or "") for text in told), told)
		act_as(USER, EVALUATION, doc.name, "Submit to Unit Head", problems="无", improvements="继续加强")
		act_as(HEAD, EVALUATION, doc.name, "Approve")
		done = act_as(OFFICER, EVALUATION, doc.name, "Accept")
		self.assertEqual((done.workflow_state, done.docstatus, done.total_score), ("Accepted", 1, 100))

	def test_the_department_weights_of_the_settings_change_the_score(self):
		as_user(OFFICER, create_evaluation_round, YEAR)
		settings = frappe.get_single(SETTINGS)
		settings.update({"dept_execution_weight": 20, "dept_output_weight": 40})
		settings.save()
		# the same 1,998 of 2,000 now earns 19.98 of 20 (the project weights stay 10 / 50)
		doc = self.fill_evaluation(1998)
		self.assertEqual((doc.execution_weight, doc.execution_score), (20, 19.98))
		self.assertEqual((doc.total_score, doc.grade), (99.98, "Excellent"))
		self.assertEqual((settings.execution_weight, settings.output_weight), (10, 50))
		settings.dept_output_weight = 45
		self.assertRaisesRegex(frappe.ValidationError, "105", settings.save)
		settings.reload()
		settings.dept_cost_weight = -5
		self.assertRaises(frappe.ValidationError, settings.save)

	def test_a_low_execution_needs_its_reason_before_leaving_the_unit(self):
		as_user(OFFICER, create_evaluation_round, YEAR)
		# 1,700 of 2,000: 85.00 % < 90 %: 8.5 of 10, and the unit must say why
		doc = self.fill_evaluation(1700)
		self.assertEqual((doc.execution_rate, doc.execution_score), (85, 8.5))
		self.assertRaises(frappe.ValidationError, act_as, USER, EVALUATION, doc.name, "Submit to Unit Head")
		act_as(USER, EVALUATION, doc.name, "Submit to Unit Head", execution_reason="两个项目年底才完成招标")
		self.assertEqual(frappe.db.get_value(EVALUATION, doc.name, "workflow_state"), "Pending Unit Head")

	def test_a_closed_year_keeps_both_records_as_they_are(self):
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		as_user(OFFICER, create_evaluation_round, YEAR)
		frappe.db.set_value("Performance Year", YEAR, "status", "Closed")
		frappe.set_user(USER)
		for doctype, field in ((MONITORING, "task_progress"), (EVALUATION, "problems")):
			doc = self.record(doctype)
			doc.set(field, "年底补记")
			self.assertRaisesRegex(frappe.ValidationError, f"{YEAR}", doc.save)

	# -- isolation -------------------------------------------------------------
	def test_another_unit_sees_neither_record(self):
		as_user(OFFICER, create_monitoring_round, YEAR, 7)
		as_user(OFFICER, create_evaluation_round, YEAR)
		frappe.set_user(OTHER)
		for doctype in (MONITORING, EVALUATION):
			name = frappe.db.get_value(doctype, {"department_goal": self.goal})
			self.assertEqual(frappe.get_list(doctype, filters={"department_goal": self.goal}), [])
			self.assertFalse(frappe.has_permission(doctype, "read", name))
			self.assertRaises(frappe.PermissionError, frappe.get_doc(doctype, name).check_permission, "read")
		frappe.set_user(USER)
		self.assertEqual(len(frappe.get_list(MONITORING, filters={"department_goal": self.goal})), 1)
		self.assertEqual(len(frappe.get_list(EVALUATION, filters={"department_goal": self.goal})), 1)
