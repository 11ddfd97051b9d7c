"""The budget reports on a real site (issue 16): Budget Execution (预算执行情况)
shows each project's latest applied figures by unit with subtotals and a 合计
that add up, its pace and light from the as-of date; Budget Reconciliation
(预算数据对账) puts each record's figures beside the import that concerns it.
A unit user sees only its unit's rows; both export to Excel.

The imports are stored as their apply leaves them (rows, as-of date, applied):
reading files and applying them are the import's own tests."""

import io
import json

import frappe
from frappe.desk.query_report import export_query
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from perf_budget.notify import language
from perf_budget.tests import budget_imports
from perf_budget.tests.budget_imports import import_row as row
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

YEAR = "2035"
USER_A, HEAD_A, USER_B, OFFICER, LEADER = (
	"br.user.a@perf.test",
	"br.head.a@perf.test",
	"br.user.b@perf.test",
	"br.officer@perf.test",
	"br.leader@perf.test",
)
IMPORT, ROW = "Budget Execution Import", "Budget Execution Import Row"


def applied_import(name: str, as_of: str, applied_on: str, rows: list[dict], unmatched=(), docstatus=1):
	return budget_imports.applied_import(
		YEAR, as_of, rows, OFFICER, applied_on, name, unmatched, docstatus
	).name


def confirmed_goal(unit: str, code: str, **values):
	goal = make_goal(unit, year=YEAR, project_code=code, **values)
	goal.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
	return goal


def report(name: str, user: str, **filters) -> dict:
	"""The report as ``user`` sees it on the Chinese desk."""
	with language("zh"):
		return as_user(user, run_report, name, filters={"performance_year": YEAR, **filters})


def by_code(result: list[dict]) -> dict[str, dict]:
	return {line["project_code"]: line for line in result if line.get("project_code")}


def totals(result: list[dict]) -> dict[str, dict]:
	return {line["budget_unit"]: line for line in result if line.get("is_total_row")}


def exported(name: str, user: str, **filters) -> list[tuple]:
	"""The rows of the report's Excel export, as ``user`` downloads it."""

	def download():
		frappe.local.response = frappe._dict()
		frappe.local.form_dict = frappe._dict(
			report_name=name,
			file_format_type="Excel",
			filters=json.dumps({"performance_year": YEAR, **filters}),
			visible_idx="[]",
		)
		export_query()
		return frappe.local.response.filecontent

	with language("zh"):
		sheet = load_workbook(io.BytesIO(as_user(user, download))).active
	return [tuple(cell.value for cell in line) for line in sheet.iter_rows()]


class TestBudgetReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(YEAR)
			units = make_unit_people("执行报表甲科", USER_A, HEAD_A, OFFICER), make_unit("执行报表乙科").name
			make_user(USER_B, unit=units[1])
			make_user(LEADER, roles=("Perf Leader",))
			return units

		cls.unit_a, cls.unit_b = committed(people)
		committed(cls.figures)

	@classmethod
	def figures(cls):
		"""Three projects' goals and records as the units typed them, and the
		budget system's figures of June, July (twice: the later wins), December."""
		a1 = confirmed_goal(cls.unit_a, "BR-A1", fiscal_amount=80, other_amount=20)
		a2 = confirmed_goal(cls.unit_a, "BR-A2", fiscal_amount=50, other_amount=0)
		b1 = confirmed_goal(cls.unit_b, "BR-B1", fiscal_amount=200, other_amount=0)
		cls.goals = {"BR-A1": a1.name, "BR-A2": a2.name, "BR-B1": b1.name}
		applied_import(
			f"BEI-{YEAR}-T1",
			f"{YEAR}-06-30",
			f"{YEAR}-07-02 09:00:00",
			[
				row(
					a1,
					initial_fiscal=80,
					initial_other=20,
					adjusted_fiscal=100,
					adjusted_other=20,
					executed_fiscal=30,
				),
				row(a2, initial_fiscal=50, adjusted_fiscal=50, executed_fiscal=18),
				row(b1, initial_fiscal=200, adjusted_fiscal=200, executed_fiscal=100),
			],
		)
		july = dict(  # A1: 612,345.67 元 + 49.99 元 paid, to the fen
			initial_fiscal=80.004999,
			initial_carryover=10,
			initial_other=20,
			adjusted_fiscal=100.004999,
			adjusted_carryover=10.005,
			adjusted_other=20,
			executed_fiscal=61.234567,
			executed_other=0.004999,
		)
		july_early = applied_import(
			f"BEI-{YEAR}-T2",
			f"{YEAR}-07-31",
			f"{YEAR}-08-01 09:00:00",
			[row(a1, **{**july, "executed_fiscal": 60, "executed_other": 0})],
		)
		cls.july = applied_import(
			f"BEI-{YEAR}-T3",
			f"{YEAR}-07-31",
			f"{YEAR}-08-03 09:00:00",
			[row(a1, **july), row(b1, initial_fiscal=200, adjusted_fiscal=200, executed_fiscal=60)],
			unmatched=[{"project_code": "BR-X9", "project_name": "没有目标的项目", "adjusted_fiscal": 9}],
		)
		# a draft import (not applied) is nobody's figure
		applied_import(
			f"BEI-{YEAR}-T4",
			f"{YEAR}-07-31",
			f"{YEAR}-08-09 09:00:00",
			[row(a1, adjusted_fiscal=9999, executed_fiscal=9999)],
			docstatus=0,
		)
		cls.december = applied_import(
			f"BEI-{YEAR}-T5",
			f"{YEAR}-12-31",
			f"{YEAR}-12-31 18:00:00",
			[row(b1, initial_fiscal=200, adjusted_fiscal=200, adjusted_carryover=5, executed_fiscal=190.005)],
		)
		# A1's 1–7月 monitoring, filled by the early July import (its budget the 年初预算数: 80.004999
		# + 10 carried over → 90.00, 20); B1's self-evaluation, typed
		monitoring = frappe.get_doc(
			{"doctype": "Performance Monitoring", "performance_goal": a1.name, "period_end_month": 7}
		).insert(ignore_permissions=True)
		monitoring.db_set(
			{
				"budget_fiscal": 90,
				"budget_other": 20,
				"annual_budget": 110,
				"executed_fiscal": 60,
				"executed_other": 0,
				"executed_amount": 60,
				"budget_import": july_early,
				"budget_as_of": f"{YEAR}-07-31",
				"imported_fields": json.dumps(
					[
						"budget_fiscal",
						"budget_other",
						"executed_fiscal",
						"executed_other",
						"annual_budget",
						"executed_amount",
					]
				),
			}
		)
		cls.monitoring = monitoring.name
		evaluation = frappe.get_doc(
			{"doctype": "Performance Evaluation", "performance_goal": b1.name}
		).insert(ignore_permissions=True)
		evaluation.db_set(
			{
				**{
					f"{part}_{fund}": 0
					for part in ("initial", "annual", "executed")
					for fund in ("carryover", "other")
				},
				"initial_fiscal": 200,
				"initial_budget": 200,
				"annual_fiscal": 200,
				"annual_budget": 200,
				"executed_fiscal": 190,
				"executed_amount": 190,
			}
		)
		cls.evaluation = evaluation.name

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()

		def remove_imports():
			names = frappe.get_all(IMPORT, filters={"performance_year": YEAR}, pluck="name")
			frappe.db.delete(ROW, {"parent": ["in", names or [""]]})
			frappe.db.delete(IMPORT, {"name": ["in", names or [""]]})

		committed(remove_imports)
		remove_committed(
			users=(USER_A, HEAD_A, USER_B, OFFICER, LEADER),
			units=(cls.unit_a, cls.unit_b),
			years=(YEAR,),
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# -- 预算执行情况 ----------------------------------------------------------------

	def test_execution_by_unit_as_of_july(self):
		shown = report("Budget Execution", OFFICER, as_of_date=f"{YEAR}-07-31")
		projects, sums = by_code(shown["result"]), totals(shown["result"])
		a1, a2, b1 = projects["BR-A1"], projects["BR-A2"], projects["BR-B1"]
		# A1 from the July import applied last (not the early one, not the draft), to the fen rounded
		self.assertEqual(
			(a1["initial_budget"], a1["adjusted_budget"], a1["executed_amount"]), (110.0, 130.01, 61.24)
		)
		self.assertEqual((a1["budget_import"], str(a1["as_of_date"])), (self.july, f"{YEAR}-07-31"))
		self.assertEqual(a1["performance_goal"], self.goals["BR-A1"])
		# 61.24 ÷ 130.01 = 47.10 %, in 7 of 12 months (58.33 %): 80.75 → green
		self.assertEqual(
			(a1["execution_rate"], a1["time_progress"], a1["time_adjusted_rate"], a1["execution_light"]),
			(47.1, 58.33, 80.75, "绿灯"),
		)
		# A2 is not in July's file: June's figures, paced on June (6 months)
		self.assertEqual(str(a2["as_of_date"]), f"{YEAR}-06-30")
		self.assertEqual(
			(a2["adjusted_budget"], a2["executed_amount"], a2["time_progress"], a2["time_adjusted_rate"]),
			(50.0, 18.0, 50.0, 72.0),
		)
		self.assertEqual(a2["execution_light"], "黄灯")
		self.assertEqual(
			(b1["executed_amount"], b1["time_adjusted_rate"], b1["execution_light"]), (60.0, 51.43, "红灯")
		)

		# each unit's projects, then its subtotal; the 合计 last; they add up the figures shown
		order = [line.get("project_code") or line["budget_unit"] for line in shown["result"]]
		unit_a, unit_b = f"{self.unit_a}小计", f"{self.unit_b}小计"
		self.assertEqual(order, ["BR-A1", "BR-A2", unit_a, "BR-B1", unit_b, "合计"])
		self.assertEqual(
			(
				sums[unit_a]["initial_budget"],
				sums[unit_a]["adjusted_budget"],
				sums[unit_a]["executed_amount"],
			),
			(160.0, 180.01, 79.24),
		)
		self.assertEqual(sums[unit_a]["execution_rate"], 44.02)
		# figures to two dates have no one pace: no time progress, no light
		self.assertEqual((sums[unit_a]["time_progress"], sums[unit_a]["execution_light"]), (None, None))
		self.assertEqual(
			(sums[unit_b]["time_adjusted_rate"], sums[unit_b]["execution_light"]), (51.43, "红灯")
		)
		self.assertEqual(
			(
				sums["合计"]["initial_budget"],
				sums["合计"]["adjusted_budget"],
				sums["合计"]["executed_amount"],
			),
			(360.0, 380.01, 139.24),
		)
		self.assertEqual(sums["合计"]["execution_rate"], 36.64)

		counts = {item["label"]: item["value"] for item in shown["report_summary"]}
		self.assertEqual((counts["红灯"], counts["黄灯"], counts["绿灯"]), (1, 1, 1))
		self.assertEqual(counts["执行率"], "36.64%")
		self.assertNotIn("无预警灯（无预算数）", counts)  # every project has a budget
		# the code that matched no goal is not in the table: finance is told where it is
		self.assertIn("有 1 个项目编码未匹配", shown["message"])
		self.assertIn(self.july, shown["message"])
		self.assertNotIn("BR-X9", json.dumps(shown["result"], default=str))

	def test_the_latest_applied_figures_by_default_and_as_of_an_earlier_date(self):
		latest = by_code(report("Budget Execution", OFFICER)["result"])
		self.assertEqual(
			(str(latest["BR-B1"]["as_of_date"]), latest["BR-B1"]["budget_import"]),
			(f"{YEAR}-12-31", self.december),
		)
		# 190.005 万元 rounds half up; 205.00 at the year's end
		self.assertEqual(
			(latest["BR-B1"]["adjusted_budget"], latest["BR-B1"]["executed_amount"]), (205.0, 190.01)
		)
		self.assertEqual(
			(latest["BR-B1"]["time_progress"], latest["BR-B1"]["time_adjusted_rate"]), (100.0, 92.69)
		)
		june = by_code(report("Budget Execution", OFFICER, as_of_date=f"{YEAR}-07-30")["result"])
		self.assertEqual((june["BR-A1"]["executed_amount"], june["BR-A1"]["adjusted_budget"]), (30.0, 120.0))
		self.assertEqual(str(june["BR-A1"]["as_of_date"]), f"{YEAR}-06-30")
		# before any import: nothing
		self.assertEqual(report("Budget Execution", OFFICER, as_of_date=f"{YEAR}-05-31")["result"], [])

	def test_a_unit_sees_only_its_own_projects(self):
		shown = report("Budget Execution", USER_A, as_of_date=f"{YEAR}-07-31")
		self.assertEqual(sorted(by_code(shown["result"])), ["BR-A1", "BR-A2"])
		# one unit: its 合计, not a 小计 with the same figures above it
		self.assertEqual(list(totals(shown["result"])), ["合计"])
		self.assertEqual(totals(shown["result"])["合计"]["executed_amount"], 79.24)
		text = json.dumps(shown, default=str)
		for other in ("BR-B1", self.unit_b, "BR-X9", "139.24"):
			self.assertNotIn(other, text)
		self.assertIsNone(shown["message"])
		# the import is named, not linked: a unit cannot open finance's imports
		column = next(c for c in shown["columns"] if c["fieldname"] == "budget_import")
		self.assertEqual(column["fieldtype"], "Data")
		# asking for the other unit gives nothing
		self.assertEqual(report("Budget Execution", USER_B, budget_unit=self.unit_a)["result"], [])
		# the leader sees both units
		self.assertEqual(
			sorted(by_code(report("Budget Execution", LEADER, as_of_date=f"{YEAR}-07-31")["result"])),
			["BR-A1", "BR-A2", "BR-B1"],
		)

	# -- 预算数据对账 ----------------------------------------------------------------

	def test_reconciliation_lists_each_figure_that_differs(self):
		shown = report("Budget Reconciliation", OFFICER)
		lines = [
			(line["record"], line["figure"], line["record_figure"], line["system_figure"], line["difference"])
			for line in shown["result"]
		]
		a1, b1 = self.goals["BR-A1"], self.goals["BR-B1"]
		self.assertEqual(
			lines,
			[
				# the goal against July's 年初预算数 (fiscal + carried over = 90.00 on the goal)
				(a1, "财政资金", 80.0, 90.0, -10.0),
				(a1, "资金总额", 100.0, 110.0, -10.0),
				# the 1–7月 monitoring, filled by the early July import, against the one applied last
				(self.monitoring, "执行数：财政拨款", 60.0, 61.23, -1.23),
				(self.monitoring, "截至本期执行数", 60.0, 61.23, -1.23),
				# B1's self-evaluation against December's
				(self.evaluation, "全年预算数：上年结转资金", 0.0, 5.0, -5.0),
				(self.evaluation, "全年预算数合计", 200.0, 205.0, -5.0),
				(self.evaluation, "执行数：本年财政拨款", 190.0, 190.01, -0.01),
				(self.evaluation, "全年执行数合计", 190.0, 190.01, -0.01),
			],
		)
		monitoring = next(line for line in shown["result"] if line["record"] == self.monitoring)
		self.assertEqual(
			(monitoring["from_import"], monitoring["filled_by"], monitoring["compared_with"]),
			(1, f"BEI-{YEAR}-T2", self.july),
		)
		self.assertEqual((monitoring["record_type"], monitoring["period_end_month"]), ("绩效运行监控", 7))
		goal = shown["result"][0]
		self.assertEqual(
			(goal["from_import"], goal["compared_with"], str(goal["as_of_date"])),
			(0, self.july, f"{YEAR}-07-31"),
		)
		counts = {item["label"]: item["value"] for item in shown["report_summary"]}
		self.assertEqual(
			(counts["与预算系统不一致的记录"], counts["不一致的数据项"], counts["其中由较早导入填入"]),
			(3, 8, 2),
		)
		self.assertNotIn(b1, [line["record"] for line in shown["result"]])  # B1's goal agrees

	def test_reconciliation_with_every_figure_and_by_record_type(self):
		everything = report("Budget Reconciliation", OFFICER, every_figure=1)
		b1_goal = [line for line in everything["result"] if line["record"] == self.goals["BR-B1"]]
		self.assertEqual(
			[
				(line["figure"], line["record_figure"], line["system_figure"], line["difference"])
				for line in b1_goal
			],
			[("财政资金", 200.0, 200.0, 0.0), ("其他资金", 0.0, 0.0, 0.0), ("资金总额", 200.0, 200.0, 0.0)],
		)
		# A2's goal is compared with June's (the latest import giving its 年初预算数)
		a2_goal = [line for line in everything["result"] if line["record"] == self.goals["BR-A2"]]
		self.assertEqual({line["compared_with"] for line in a2_goal}, {f"BEI-{YEAR}-T1"})
		evaluations = report("Budget Reconciliation", OFFICER, record_type="Performance Evaluation")
		self.assertEqual({line["record"] for line in evaluations["result"]}, {self.evaluation})

	def test_reconciliation_of_a_unit_shows_only_its_records(self):
		shown = report("Budget Reconciliation", USER_A, every_figure=1)
		self.assertEqual({line["budget_unit"] for line in shown["result"]}, {self.unit_a})
		self.assertEqual(
			{line["record"] for line in shown["result"]},
			{self.goals["BR-A1"], self.goals["BR-A2"], self.monitoring},
		)
		text = json.dumps(shown, default=str)
		for other in (self.unit_b, self.evaluation, self.goals["BR-B1"], f"BEI-{YEAR}-T5"):
			self.assertNotIn(other, text)
		self.assertEqual(report("Budget Reconciliation", USER_B, budget_unit=self.unit_a)["result"], [])

	def test_an_import_applied_through_its_own_flow_shows_in_both_reports(self):
		from perf_budget.budget_system import api

		goal = confirmed_goal(self.unit_a, "BR-A3", fiscal_amount=30, other_amount=0)
		monitoring = frappe.get_doc(
			{"doctype": "Performance Monitoring", "performance_goal": goal.name, "period_end_month": 7}
		).insert(ignore_permissions=True)
		# the budget system's push: a line per fund source (年初, 调整后, 支付数), in 元 with thousands separators
		lines = [
			("一般公共预算", "280,000.00", "300,000.00", "123,456.78"),
			("单位资金", "20,000.00", "20,000.00", "5,000.00"),
		]
		rows = [
			{
				"项目编码": "BR-A3",
				"资金性质": source,
				"年初预算数（元）": initial,
				"调整后预算数（元）": adjusted,
				"支付数（元）": paid,
				"截止日期": f"{YEAR}-07-31",
			}
			for source, initial, adjusted, paid in lines
		]
		frappe.set_user(OFFICER)
		pushed = api.push(YEAR, rows=json.dumps(rows, ensure_ascii=False))["name"]
		api.apply(pushed)
		frappe.set_user("Administrator")

		line = by_code(report("Budget Execution", USER_A, as_of_date=f"{YEAR}-07-31")["result"])["BR-A3"]
		# 30.00 万元 年初, 32.00 adjusted; 123,456.78 + 5,000.00 元 = 12.845678 万元 paid -> 12.85
		self.assertEqual(
			(line["initial_budget"], line["adjusted_budget"], line["executed_amount"], line["budget_import"]),
			(30.0, 32.0, 12.85, pushed),
		)
		self.assertEqual(
			(line["execution_rate"], line["time_adjusted_rate"], line["execution_light"]),
			(40.16, 68.84, "黄灯"),
		)

		# the monitoring record it filled agrees with it, figure by figure (its budget the 年初预算数),
		# and says where they came from
		shown = report("Budget Reconciliation", USER_A, every_figure=1)
		filled = [line for line in shown["result"] if line["record"] == monitoring.name]
		self.assertEqual(
			[
				(line["figure"], line["record_figure"], line["difference"], line["from_import"])
				for line in filled
			],
			[
				("年初预算数：财政拨款", 28.0, 0.0, 1),
				("年初预算数：其他资金", 2.0, 0.0, 1),
				("年初预算数", 30.0, 0.0, 1),
				("执行数：财政拨款", 12.35, 0.0, 1),
				("执行数：其他资金", 0.5, 0.0, 1),
				("截至本期执行数", 12.85, 0.0, 1),
			],
		)
		self.assertEqual({(line["filled_by"], line["compared_with"]) for line in filled}, {(pushed, pushed)})
		only_differences = report("Budget Reconciliation", USER_A)["result"]
		self.assertNotIn(monitoring.name, [line["record"] for line in only_differences])

	def test_a_filter_sent_by_hand_as_several_values_is_refused_in_words(self):
		"""The desk sends one value per filter; a list or object crafted over HTTP (a unit user
		trying other units, several years) was a database error, a 500: now a message (417)."""
		for report in ("Budget Execution", "Budget Reconciliation"):
			for filters in (
				{"performance_year": [YEAR, "2036"]},
				{"performance_year": {"a": 1}},
				{"performance_year": YEAR, "budget_unit": ["in", [self.unit_a, self.unit_b]]},
				{"performance_year": YEAR, "as_of_date": [f"{YEAR}-07-31"]},
			):
				with language("zh"), self.assertRaises(frappe.ValidationError) as refused:
					as_user(USER_A, run_report, report, json.dumps(filters))
				self.assertRegex(str(refused.exception), "^筛选条件“.+”只能取一个值。$", (report, filters))
		# the filters the form sends still work
		self.assertTrue(as_user(USER_A, run_report, "Budget Execution", {"performance_year": YEAR})["result"])

	# -- Excel ---------------------------------------------------------------------

	def test_both_reports_export_to_excel_within_the_unit(self):
		rows = exported("Budget Execution", USER_A, as_of_date=f"{YEAR}-07-31")
		self.assertEqual(
			rows[0][:7],
			(
				"预算单位",
				"项目编码",
				"项目名称",
				"绩效目标",
				"年初预算数（万元）",
				"调整后预算数（万元）",
				"支付数（万元）",
			),
		)
		self.assertEqual([line[1] for line in rows[1:]], ["BR-A1", "BR-A2", None])
		self.assertEqual(rows[-1][0], "合计")
		self.assertEqual(rows[-1][4:7], (160.0, 180.01, 79.24))
		self.assertNotIn("BR-B1", str(rows))

		rows = exported("Budget Reconciliation", OFFICER)
		self.assertIn("差额：填报数−预算系统数（万元）", rows[0])
		self.assertEqual(len(rows), 1 + 8)
		self.assertEqual(len(rows[0]), 15)  # the record's DocType is a hidden column, not exported
