"""Figures from the budget system on the records (issue 16): an applied import
fills a goal, a monitoring record and a self-evaluation with each part rounded
to 0.01 万元 and totals that add up, says so on the timeline and marks the
fields; nobody types over an imported figure (desk save or frappe.client);
a figure no import gave stays typeable; a typed figure that differs from the
latest applied import is worded for the reviewer; the unit whose records were
filled is told, and no other unit."""

import json
from decimal import Decimal

import frappe
from frappe.tests.utils import FrappeTestCase

from perf_budget.budget_system import api
from perf_budget.budget_system.records import fill, notify_units, show_gaps
from perf_budget.budget_system.targets import ADJUSTED, CARRYOVER, EXECUTED, FISCAL, INITIAL, OTHER
from perf_budget.notify import language
from perf_budget.tests import budget_imports
from perf_budget.tests.budget_imports import import_row
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2037"
USER_A, HEAD_A, USER_B, OFFICER = (
	"bf.user.a@perf.test",
	"bf.head.a@perf.test",
	"bf.user.b@perf.test",
	"bf.officer@perf.test",
)
D = Decimal


def by_category(fiscal="0", carryover="0", other="0") -> dict:
	return {FISCAL: D(fiscal), CARRYOVER: D(carryover), OTHER: D(other)}


# One project as the budget system gives it, exact in 万元: 执行数 1,234,567.89 元 = 123.456789 万元.
FIGURES = {
	INITIAL: by_category("150.004999", "20", "5.005"),
	ADJUSTED: by_category("200.004999", "10.005", "5.5"),
	EXECUTED: by_category("123.456789", "0", "0.004999"),
}


def applied_import(as_of: str, rows: list[dict], docstatus: int = 1):
	return budget_imports.applied_import(YEAR, as_of, rows, OFFICER, docstatus=docstatus)


def confirmed_goal(unit: str, user: str, code: str, **values):
	goal = as_user(user, make_goal, unit, year=YEAR, project_code=code, **values)
	goal.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
	return goal


def record_of(doctype: str, goal, **values):
	"""A monitoring record (months 1–7) or self-evaluation of ``goal`` as a round opens it."""
	doc = frappe.get_doc({"doctype": doctype, "performance_goal": goal.name, **values})
	return doc.insert(ignore_permissions=True)


def as_officer_fill(doc, figures, import_doc) -> list[str]:
	"""What the import's apply does for one record: finance, in Chinese."""
	frappe.set_user(OFFICER)
	try:
		with language("zh"):
			return fill(frappe.get_doc(doc.doctype, doc.name), figures, import_doc)
	finally:
		frappe.set_user("Administrator")


class TestBudgetFiguresOnRecords(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			units = make_unit_people("预算数甲科", USER_A, HEAD_A, OFFICER), make_unit("预算数乙科").name
			make_user(USER_B, unit=units[1])
			for user in (USER_A, HEAD_A, USER_B):  # the units read the desk in Chinese
				frappe.db.set_value("User", user, "language", "zh")
			return units

		# committed once: other sessions test on the same site, and every new unit
		# rewrites the unit tree they write too
		cls.unit_a, cls.unit_b = committed(people)
		for user in (USER_A, HEAD_A, USER_B):
			frappe.clear_document_cache("User", user)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		committed(lambda: frappe.db.delete("Budget Execution Import", {"performance_year": YEAR}))
		remove_committed(
			users=(USER_A, HEAD_A, USER_B, OFFICER), units=(cls.unit_a, cls.unit_b), years=(YEAR,)
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_fill_writes_rounded_parts_and_totals_that_add_up(self):
		goal = as_user(USER_A, make_goal, self.unit_a, year=YEAR, project_code="BF-1")
		imported = applied_import("2037-12-31", [import_row(goal)])

		changes = as_officer_fill(goal, FIGURES, imported)

		goal.reload()
		# 年初: fiscal 150.004999 + carried over 20 (the goal has no carry-over row) → 170.00,
		# other 5.005 → 5.01; the total is the sum of the rounded parts
		self.assertEqual((goal.fiscal_amount, goal.other_amount, goal.total_amount), (170.0, 5.01, 175.01))
		self.assertEqual(
			changes,
			[
				"财政资金：80.00 → 170.00 万元",
				"其他资金：20.00 → 5.01 万元",
				"资金总额：100.00 → 175.01 万元",
			],
		)
		self.assertEqual(json.loads(goal.imported_fields), ["fiscal_amount", "other_amount", "total_amount"])
		self.assertEqual((goal.budget_import, str(goal.budget_as_of)), (imported.name, "2037-12-31"))
		self.assertEqual(goal.workflow_state, "Draft")  # filled in the unit's step, not moved on
		comment = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Performance Goal", "reference_name": goal.name},
			fields=["comment_type", "content", "comment_email"],
		)
		self.assertEqual(
			comment,
			[
				{
					"comment_type": "Comment",
					"content": f"预算系统数据（导入 {imported.name}，截至 2037-12-31）已填入：<br>"
					+ "<br>".join(changes),
					"comment_email": OFFICER,
				}
			],
		)

		goal_b = confirmed_goal(self.unit_a, USER_A, "BF-2")
		monitoring = record_of("Performance Monitoring", goal_b, period_end_month=7)
		evaluation = record_of("Performance Evaluation", goal_b)
		as_officer_fill(monitoring, FIGURES, imported)
		as_officer_fill(evaluation, FIGURES, imported)
		monitoring.reload()
		evaluation.reload()
		# the monitoring's budget is the 年初预算数 (its 监控表's column): fiscal 150.004999 + carried
		# over 20 = 170.004999 → 170.00, other 5.005 → 5.01; 执行数 fiscal 1,234,567.89 元 =
		# 123.456789 万元 → 123.46, other 49.99 元 → 0.00
		self.assertEqual(
			[monitoring.get(f) for f in ("budget_fiscal", "budget_other", "annual_budget")],
			[170.0, 5.01, 175.01],
		)
		self.assertEqual(
			[monitoring.get(f) for f in ("executed_fiscal", "executed_other", "executed_amount")],
			[123.46, 0.0, 123.46],
		)
		self.assertEqual(monitoring.execution_rate, 70.54)  # the controller's: 123.46 ÷ 175.01
		# the self-evaluation keeps carry-over apart: each of the three columns adds up; its 全年预算数
		# is the adjusted budget (200.004999 → 200.00, 10.005 → 10.01, 5.5)
		self.assertEqual(
			[
				evaluation.get(f"{column}_{part}")
				for column in ("initial", "annual", "executed")
				for part in ("fiscal", "carryover", "other")
			],
			[150.0, 20.0, 5.01, 200.0, 10.01, 5.5, 123.46, 0.0, 0.0],
		)
		self.assertEqual(
			(evaluation.initial_budget, evaluation.annual_budget, evaluation.executed_amount),
			(175.01, 215.51, 123.46),
		)
		self.assertEqual(len(json.loads(evaluation.imported_fields)), 12)

	def test_nobody_types_over_an_imported_figure_but_other_figures_stay_typeable(self):
		goal = confirmed_goal(self.unit_a, USER_A, "BF-3")
		monitoring = record_of("Performance Monitoring", goal, period_end_month=7)
		imported = applied_import("2037-07-31", [import_row(goal)])
		as_officer_fill(monitoring, FIGURES, imported)
		refusal = (
			f"执行数：财政拨款：此数来自预算系统（截至 2037-07-31，导入 {imported.name}），不能改动；"
			"如有出入请联系财务科。"
		)

		frappe.set_user(USER_A)
		doc = frappe.get_doc("Performance Monitoring", monitoring.name)
		doc.executed_fiscal, doc.executed_amount = 130, 130
		with language("zh"), self.assertRaises(frappe.PermissionError) as desk:
			doc.save()
		self.assertEqual(str(desk.exception), refusal.replace("财政拨款：", "财政拨款, 截至本期执行数：", 1))
		with language("zh"), self.assertRaises(frappe.PermissionError) as client:
			frappe.client.set_value("Performance Monitoring", monitoring.name, "executed_fiscal", 130)
		self.assertEqual(str(client.exception), refusal)
		# the expected full-year figures and the remarks are the unit's own
		frappe.client.set_value(
			"Performance Monitoring",
			monitoring.name,
			{"expected_fiscal": 200, "expected_full_year": 200, "money_remarks": "下半年集中支付"},
		)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(
				"Performance Monitoring",
				monitoring.name,
				["executed_fiscal", "executed_amount", "expected_full_year"],
			),
			(123.46, 123.46, 200.0),
		)

		# where no import exists the unit types every figure, and there is no gap to show
		other = record_of(
			"Performance Monitoring", confirmed_goal(self.unit_a, USER_A, "BF-4"), period_end_month=7
		)
		frappe.set_user(USER_A)
		frappe.client.set_value(
			"Performance Monitoring",
			other.name,
			{"executed_fiscal": 60, "executed_other": 4.5, "executed_amount": 64.5},
		)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(
				"Performance Monitoring", other.name, ["executed_amount", "budget_gap", "imported_fields"]
			),
			(64.5, None, None),
		)

	def test_a_typed_figure_that_differs_from_the_import_is_shown_to_the_reviewer(self):
		goal = confirmed_goal(self.unit_a, USER_A, "BF-5")
		monitoring = record_of("Performance Monitoring", goal, period_end_month=7)
		evaluation = record_of("Performance Evaluation", goal)
		# a June import does not concern the 1–7月 record; a draft import concerns nothing
		applied_import("2037-06-30", [import_row(goal, adjusted_fiscal=100, executed_fiscal=50)])
		applied_import("2037-07-31", [import_row(goal, adjusted_fiscal=1, executed_fiscal=1)], docstatus=0)
		# July's 年初预算数 is the monitoring's typed 100.00 (80 + 20); its adjusted 120 is not the
		# monitoring's figure and shows no gap there
		july = applied_import(
			"2037-07-31",
			[
				import_row(
					goal,
					initial_fiscal=80,
					initial_other=20,
					adjusted_fiscal=120,
					executed_fiscal=118.5,
					executed_other=0,
				)
			],
		)
		december = applied_import(
			"2037-12-31",
			[
				import_row(
					goal,
					initial_fiscal=80,
					initial_other=20,
					adjusted_fiscal=100,
					executed_fiscal=118.5,
				)
			],
		)

		frappe.set_user(USER_A)
		with language("zh"):
			frappe.client.set_value("Performance Monitoring", monitoring.name, "executed_amount", 120)
			frappe.client.set_value(
				"Performance Evaluation",
				evaluation.name,
				{"annual_fiscal": 100, "annual_other": 0, "executed_fiscal": 120},
			)
		frappe.set_user("Administrator")
		# the monitoring record gives no fund rows: its total is compared
		self.assertEqual(
			frappe.db.get_value("Performance Monitoring", monitoring.name, "budget_gap"),
			f"截至本期执行数：填报 120.00 万元，预算系统 118.50 万元（截至 2037-07-31，{july.name}），差 1.50 万元",
		)
		self.assertEqual(
			frappe.db.get_value("Performance Evaluation", evaluation.name, "budget_gap"),
			"\n".join(
				f"{label}：填报 120.00 万元，预算系统 118.50 万元（截至 2037-12-31，{december.name}），差 1.50 万元"
				for label in ("全年执行数合计", "执行数：本年财政拨款")
			),
		)

		# typed to agree with the budget system, the gap goes
		frappe.set_user(USER_A)
		frappe.client.set_value("Performance Monitoring", monitoring.name, "executed_amount", 118.5)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Performance Monitoring", monitoring.name, "budget_gap"), "")

	def test_a_round_opened_after_an_import_shows_its_gap_and_asks_once_a_period(self):
		from unittest.mock import patch

		from perf_budget.rounds import make_records

		goals = [confirmed_goal(self.unit_a, USER_A, code) for code in ("BF-R1", "BF-R2")]
		july_import = applied_import(
			"2037-07-31",
			[import_row(goal, initial_fiscal=80, initial_other=20, executed_fiscal=30) for goal in goals],
		)
		sql, statements = frappe.db.sql, []

		def counted(query, *args, **kwargs):
			statements.append(str(query))
			return sql(query, *args, **kwargs)

		with patch.object(frappe.db, "sql", counted):
			july = make_records("Performance Monitoring", [g.name for g in goals], {"period_end_month": 7})
			august = make_records("Performance Monitoring", [g.name for g in goals], {"period_end_month": 8})
		self.assertEqual(len(july.created) + len(august.created), 4)
		# July's records show the import's 30.00 paid against the 0.00 typed at once; August's none
		for name in july.created:
			gap = frappe.db.get_value("Performance Monitoring", name, "budget_gap")
			self.assertIn("0.00", gap)
			self.assertIn("30.00", gap)
			self.assertIn(july_import.name, gap)
		for name in august.created:
			self.assertFalse(frappe.db.get_value("Performance Monitoring", name, "budget_gap"))
		# each round asks once whether any import concerns its month; only July's records read rows
		rows_read = [q for q in statements if "`tabBudget Execution Import Row`" in q]
		self.assertEqual(len(rows_read), 2)

	def test_records_the_import_did_not_write_show_their_gap_at_once(self):
		goal = confirmed_goal(self.unit_a, USER_A, "BF-7")
		monitoring = record_of("Performance Monitoring", goal, period_end_month=7)
		frappe.set_user(USER_A)
		frappe.client.set_value("Performance Monitoring", monitoring.name, "executed_amount", 120)
		frappe.set_user("Administrator")
		frappe.db.set_value("Performance Monitoring", monitoring.name, "workflow_state", "Pending Unit Head")
		modified = frappe.db.get_value("Performance Monitoring", monitoring.name, "modified")
		# under review and not ticked, the confirmed goal never: the import writes neither
		imported = applied_import(
			"2037-07-31",
			[
				import_row(
					goal,
					performance_monitoring=monitoring.name,
					initial_fiscal=150,
					initial_other=30,
					adjusted_fiscal=100,
					executed_fiscal=118.5,
				)
			],
		)

		with language("zh"):
			show_gaps(imported)

		# the monitoring's budget against the 年初预算数 150 + 30 (not the adjusted 100, which it holds)
		self.assertEqual(
			frappe.db.get_value("Performance Monitoring", monitoring.name, ["budget_gap", "modified"]),
			(
				f"年初预算数：填报 100.00 万元，预算系统 180.00 万元（截至 2037-07-31，{imported.name}），差 -80.00 万元\n"
				f"截至本期执行数：填报 120.00 万元，预算系统 118.50 万元（截至 2037-07-31，{imported.name}），差 1.50 万元",
				modified,
			),
		)
		self.assertEqual(
			frappe.db.get_value("Performance Goal", goal.name, "budget_gap").split("\n"),
			[
				f"{label}：填报 {typed} 万元，预算系统 {budget} 万元（截至 2037-07-31，{imported.name}），差 {gap} 万元"
				for label, typed, budget, gap in (
					("资金总额", "100.00", "180.00", "-80.00"),
					("财政资金", "80.00", "150.00", "-70.00"),
					("其他资金", "20.00", "30.00", "-10.00"),
				)
			],
		)

	def test_a_push_applied_by_finance_fills_marks_tells_and_shows_the_gap(self):
		filling = record_of(
			"Performance Monitoring", confirmed_goal(self.unit_a, USER_A, "BF-8"), period_end_month=7
		)
		reviewed = record_of(
			"Performance Monitoring", confirmed_goal(self.unit_a, USER_A, "BF-9"), period_end_month=7
		)
		frappe.set_user(USER_A)
		frappe.client.set_value("Performance Monitoring", reviewed.name, "executed_amount", 60)
		frappe.set_user("Administrator")
		frappe.db.set_value("Performance Monitoring", reviewed.name, "workflow_state", "Pending Unit Head")
		frappe.db.delete("Notification Log", {"for_user": ["in", [USER_A, HEAD_A, USER_B]]})
		# the budget system's lines in 元, one per code and fund source, as its JSON push sends them:
		# 年初预算数, 调整后预算数 (raised in the year: not the monitoring's), 支付数
		lines = [
			("BF-8", "一般公共预算", "2,000,000.00", "2,300,000.00", "1,234,567.89"),
			("BF-8", "上年结转", "100,050.00", "100,050.00", "0"),
			("BF-8", "单位资金", "55,000.00", "55,000.00", "49.99"),
			("BF-9", "一般公共预算", "1,000,000.00", "1,200,000.00", "585,000.00"),
		]
		rows = [
			{
				"项目编码": c,
				"资金性质": s,
				"年初预算数（元）": i,
				"调整后预算数（元）": a,
				"支付数（元）": e,
				"截止日期": "2037-07-31",
			}
			for c, s, i, a, e in lines
		]

		frappe.set_user(OFFICER)
		with language("zh"):
			pushed = api.push(YEAR, rows=json.dumps(rows, ensure_ascii=False))
			api.apply(pushed["name"])
		frappe.set_user("Administrator")

		filled = frappe.get_doc("Performance Monitoring", filling.name)
		# 年初 210.005 万元 (200 + 10.005 carried over) → 210.01; 1,234,567.89 元 → 123.46; 49.99 元 → 0.00
		self.assertEqual(
			[
				filled.get(f)
				for f in (
					"budget_fiscal",
					"budget_other",
					"annual_budget",
					"executed_fiscal",
					"executed_other",
					"executed_amount",
				)
			],
			[210.01, 5.5, 215.51, 123.46, 0.0, 123.46],
		)
		self.assertEqual((filled.budget_import, filled.budget_gap), (pushed["name"], None))
		self.assertEqual(
			frappe.get_all(
				"Comment",
				filters={"reference_name": filled.name, "comment_type": "Comment"},
				pluck="content",
			),
			[
				"<br>".join(
					[
						f"预算系统数据（导入 {pushed['name']}，截至 2037-07-31）已填入：",
						"年初预算数：财政拨款：0.00 → 210.01 万元",
						"年初预算数：其他资金：0.00 → 5.50 万元",
						"执行数：财政拨款：0.00 → 123.46 万元",
						"年初预算数：100.00 → 215.51 万元",
						"截至本期执行数：0.00 → 123.46 万元",
					]
				)
			],
		)
		# under review and not ticked: not written, its typed figure shown against the budget system's
		# (its budget 100.00 agrees with the 年初 1,000,000 元; the adjusted 120.00 is not compared)
		self.assertEqual(
			frappe.db.get_value(
				"Performance Monitoring", reviewed.name, ["executed_amount", "budget_import", "budget_gap"]
			),
			(
				60.0,
				None,
				f"截至本期执行数：填报 60.00 万元，预算系统 58.50 万元（截至 2037-07-31，{pushed['name']}），差 1.50 万元",
			),
		)
		told = frappe.get_all(
			"Notification Log",
			filters={"for_user": ["in", [USER_A, HEAD_A, USER_B]]},
			fields=["for_user", "subject"],
			order_by="for_user",
		)
		self.assertEqual([t.for_user for t in told], sorted((USER_A, HEAD_A)))
		self.assertEqual(
			told[0].subject,
			f"预算系统数据（截至 2037-07-31，导入 {pushed['name']}）已填入绩效运行监控："
			f"{filled.name} {filled.project_name} (年初预算数, 支付数)",
		)

	def test_the_unit_whose_records_were_filled_is_told(self):
		goal = confirmed_goal(self.unit_a, USER_A, "BF-6")
		monitoring = record_of("Performance Monitoring", goal, period_end_month=7)
		imported = applied_import("2037-07-31", [import_row(goal)])
		as_officer_fill(monitoring, FIGURES, imported)
		frappe.db.delete("Notification Log", {"for_user": ["in", [USER_A, HEAD_A, USER_B]]})

		frappe.set_user(OFFICER)
		with language("zh"):
			notify_units(imported, {self.unit_a: [("Performance Monitoring", monitoring.name)]})
		frappe.set_user("Administrator")

		told = frappe.get_all(
			"Notification Log",
			filters={"for_user": ["in", [USER_A, HEAD_A, USER_B]]},
			fields=["for_user", "subject", "document_type", "document_name"],
			order_by="for_user",
		)
		subject = (
			f"预算系统数据（截至 2037-07-31，导入 {imported.name}）已填入绩效运行监控："
			f"{monitoring.name} {goal.project_name} (年初预算数, 支付数)"
		)
		self.assertEqual(
			told,
			[
				{
					"for_user": user,
					"subject": subject,
					"document_type": "Performance Monitoring",
					"document_name": monitoring.name,
				}
				for user in sorted((USER_A, HEAD_A))
			],
		)
