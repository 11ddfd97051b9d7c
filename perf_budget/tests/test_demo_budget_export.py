"""The demo's budget-system export (perf_budget/demo/budget_system.py) read as
finance's import reads it, with the shipped mapping: the 1–7月 round's as-of
date from its title lines, amounts in 元 to the fen summed by fund category,
the 合计 row left out, one code without a goal and one goal without a line —
and each demo goal's 年初预算数 in it is the goal's own, so the demo import
reports no false difference on the confirmed goals."""

from datetime import date
from decimal import Decimal

from frappe.tests.utils import FrappeTestCase

from perf_budget.budget_system import reader, targets
from perf_budget.demo import budget_system as demo
from perf_budget.demo.goals import PROJECTS


def read(year: str = "2026") -> reader.BudgetFile:
	return reader.read_file(
		demo.export_workbook(year), demo.FILENAME.format(year, 7), reader.DEFAULT_MAPPING, int(year)
	)


class TestDemoBudgetExport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.file = read()
		cls.projects = {p.code: p for p in cls.file.projects}

	def test_the_export_reads_as_the_round_month_end_in_yuan(self):
		self.assertEqual(self.file.as_of, date(2026, 7, 31))
		self.assertEqual(self.file.amount_unit, reader.YUAN)
		self.assertEqual(self.file.has, (targets.INITIAL, targets.ADJUSTED, targets.EXECUTED))
		self.assertEqual(self.file.line_count, 11)
		self.assertEqual(
			set(self.projects), {"BGS-01", "GHK-01", "JSK-01", "JSK-02", "PXZX-01", "SZZX-01", "XXZX-01"}
		)
		# 建设管理科: 一般公共预算, 上年结转 and 单位资金 lines, each in its category, exact in 万元
		jsk = self.projects["JSK-01"]
		self.assertEqual(jsk.lines, [9, 10, 11])
		self.assertEqual(
			jsk.figures[targets.EXECUTED],
			{
				targets.FISCAL: Decimal("601.234567"),
				targets.CARRYOVER: Decimal("150"),
				targets.OTHER: Decimal("101.32089"),
			},
		)
		self.assertEqual(self.projects["SZZX-01"].figures[targets.ADJUSTED][targets.FISCAL], Decimal("705.6"))

	def test_one_code_has_no_goal_and_one_goal_no_line(self):
		codes = {project[0] for project in PROJECTS}
		self.assertNotIn(demo.UNMATCHED[0], codes)
		self.assertIn(demo.LEFT_OUT, codes)
		self.assertEqual(set(self.projects) - codes, {demo.UNMATCHED[0]})
		self.assertEqual(codes - set(self.projects), {demo.LEFT_OUT})

	def test_each_goal_s_initial_budget_is_the_goal_s_own(self):
		for code, _unit, _name, fiscal, other, *_rest in PROJECTS:
			if code == demo.LEFT_OUT:
				continue
			self.assertEqual(
				targets.record_values("Performance Goal", self.projects[code].figures),
				{
					"fiscal_amount": Decimal(str(fiscal)).quantize(targets.CENT),
					"other_amount": Decimal(other),
				},
				code,
			)
