"""The official forms as a unit fills them by hand, through the desk's imports
on the real site (issue 11): the 申报表 (财预〔2015〕88号 附1), the 自评表
(财预〔2020〕10号 附1) and the 监控表 (财预〔2019〕136号), each laid out cell by
cell with openpyxl (perf_budget.tests.workbooks), never by the app's export.
Every refusal is checked against the database as it was before the import."""

import io
import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request
from frappe.tests.utils import FrappeTestCase

from perf_budget.exchange.evaluations import import_evaluations
from perf_budget.exchange.goals import GoalImportError, goal_workbook, import_goals
from perf_budget.exchange.monitoring import import_monitorings
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	create_evaluation_round,
)
from perf_budget.perf_budget.doctype.performance_monitoring.performance_monitoring import (
	create_monitoring_round,
)
from perf_budget.tests.factories import (
	committed,
	committed_unit,
	confirm_goal,
	goal_indicators,
	make_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
	session_for,
)
from perf_budget.tests.workbooks import evaluation_by_hand, goal_by_hand, monitoring_by_hand

GOAL_YEAR = "2026"  # the year the hand-filled 申报表 names in its title
ROUND_YEAR = "2058"
HTTP_YEAR = "2057"
USER, HEAD, OFFICER = "of.user@perf.test", "of.head@perf.test", "of.officer@perf.test"
NAME = "测试官方表培训项目"
ROUND_NAME = "测试官方表轮次项目"
SETTINGS = "Perf Budget Settings"
RESULTS = "达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差"


def goal_form(unit: str, **changes) -> dict:
	"""The 申报表 as a clerk fills the blank template: an 附件1 line, the year in
	the title, no 项目编码 and no 分值 column, 万元 typed after the amount, — in
	the empty fund row, 90%以上, blank rows between indicators."""
	return {
		"annex": "附件1",
		"title": f"{GOAL_YEAR}年度项目支出绩效目标申报表",
		"year_line": None,
		"project_name": NAME,
		"department": "市财政局 101001",
		"unit": unit,
		"attribute": "延续项目",
		"period": "3年",
		"money": {"中期资金总额": (3600, 3000, 600), "年度资金总额": ("1234.56万元", "1234.56万元", "—")},
		"medium_caption": "中期目标（2025—2027年）",
		"long_goal": "三年培训基层业务人员1500人次，培训成果全面应用。",
		"annual_goal": "年度培训600人次，合格率90%以上。",
		"rows": [
			("产出指标", "数量指标", "培训人次", "≥1500人次", "数量指标", "培训人次", "≥600人次"),
			(None, "质量指标", "培训合格率", "≥95%", "质量指标", "培训合格率", "90%以上"),
			None,
			(None, "时效指标", "按期完成率", "2027年底前全部完成", "时效指标", "按期完成率", "100%"),
			(
				"效益指标",
				"社会效益指标",
				"基层业务能力提升",
				"明显提升",
				"社会效益指标",
				"基层业务能力提升",
				"明显提升",
			),
			None,
			(
				"满意度指标",
				"服务对象满意度指标",
				"参训人员满意度",
				"≥90%",
				"服务对象满意度指标",
				"参训人员满意度",
				"≥92%",
			),
		],
		**changes,
	}


def round_indicators() -> list[dict]:
	"""The factory's indicators with the effect split into two qualitative ones (20 + 10)."""
	rows = goal_indicators()
	rows[3]["weight"] = 20
	rows.insert(
		4,
		{
			"level1": "Effect",
			"level2": "Sustainable",
			"indicator_name": "培训成果长效应用",
			"operator": "Qualitative",
			"target_text": "形成长效培训机制",
			"weight": 10,
		},
	)
	return rows


NO_REASON = (None, None, None, None, None)


def monitoring_form(unit: str, **changes) -> dict:
	"""The 监控表 of months 1–7: its official title, √ in one likelihood column per row, the money rows."""
	return {
		"title": "项目支出绩效目标执行监控表",
		"year_line": f"（{ROUND_YEAR}年度）",
		"month": "1-7月",
		"project_name": ROUND_NAME,
		"department": "市财政局 101001",
		"unit": unit,
		"money": {
			"年度资金总额": (100, 40, "40%", 95, "部分培训费按合同年底结算", "有可能", "下半年集中支付"),
			"其中：财政拨款": (80, 35, "43.75%", 78, None, None, None),
			"其他资金": (20, 5, "25%", 17, None, None, None),
		},
		"annual_goal": "年度培训500人次，合格率95%以上。",
		"goal_progress": "已培训300人次。",
		"rows": [
			("产出指标", "数量指标", "培训人次", "≥500人次", 300, 500, NO_REASON, ("√", None, None), None),
			(None, "质量指标", "培训合格率", "≥95%", "96%", "95%", NO_REASON, ("√", None, None), None),
			(
				None,
				"时效指标",
				"按期完成率",
				"≥100%",
				"60%",
				"70%",
				(None, None, None, "培训场地改造延期", None),
				(None, None, "√"),
				"已调整培训计划",
			),
			(
				"效益指标",
				"社会效益指标",
				"基层业务能力提升",
				"明显提升",
				"部分达成：已开展三期培训",
				None,
				NO_REASON,
				(None, "√", None),
				None,
			),
			(
				None,
				"可持续影响指标",
				"培训成果长效应用",
				"形成长效培训机制",
				"已达成",
				None,
				NO_REASON,
				("√", None, None),
				None,
			),
			(
				"满意度指标",
				"服务对象满意度指标",
				"参训人员满意度",
				"≥90%",
				"88%",
				"92%",
				NO_REASON,
				(None, "√", None),
				None,
			),
		],
		**changes,
	}


def evaluation_form(unit: str, effect_result: str = "好：基层业务能力明显提升", **changes) -> dict:
	"""The 自评表 in the 10号 wording: 其中：当年财政拨款, 产出指标(50分), 20分, 好/较好, 总分 under 分值 100.

	By the rules: execution 85.5 of 100 → 8.55; 培训人次 620 ≥ 500 → 20; 培训合格率
	76/95 × 15 = 12; 按期完成率 → 15; two qualitative results achieved, 18 of 20
	and 9 of 10 (band 80–100 %); satisfaction 85/90 × 10 = 9.44; total 91.99 (优).
	"""
	return {
		"annex": "附件1",
		"title": "项目支出绩效自评表",
		"year_line": f"（{ROUND_YEAR}年度）",
		"project_name": ROUND_NAME,
		"department": "市财政局",
		"unit": unit,
		"money": {
			"年度资金总额": (100, 100, 85.5, "10分", "85.50%", 8.55),
			"其中：当年财政拨款": (80, 80, 70, "—", "—", "—"),
			"上年结转资金": ("—", "—", "—", "—", "—", "—"),
			"其他资金": (20, 20, 15.5, "—", "—", "—"),
		},
		"annual_goal": "年度培训500人次，合格率95%以上。",
		"actual_completion": "全年培训620人次，合格率76%。",
		"rows": [
			("产出指标(50分)", "数量指标", "培训人次", "≥500人次", 620, "20分", "20分", None),
			(None, "质量指标", "培训合格率", "≥95%", "76%", "15分", "12分", "部分学员考核未通过，加强辅导"),
			(None, "时效指标", "按期完成率", "≥100%", "100%", 15, 15, None),
			("效益指标(30分)", "社会效益指标", "基层业务能力提升", "明显提升", effect_result, 20, 18, None),
			(None, "可持续影响指标", "培训成果长效应用", "形成长效培训机制", "较好", 10, 9, None),
			(
				"满意度指标(10分)",
				"服务对象满意度指标",
				"参训人员满意度",
				"≥90%",
				"85%",
				10,
				9.44,
				"个别课程安排过密",
			),
		],
		"footer": ("总分", 100, 91.99),
		**changes,
	}


def stored(doctype: str, **filters) -> list[dict]:
	"""Every record of ``doctype`` matching ``filters`` as the database holds it, child rows included."""
	names = frappe.get_all(doctype, filters=filters, pluck="name", order_by="name")
	return [frappe.get_doc(doctype, name).as_dict() for name in names]


def clear_settings_cache() -> None:
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	frappe.local.perf_budget_rules = None


class TestOfficialForms(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		cls.unit = committed_unit("官方表科", USER, HEAD, OFFICER)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER), units=(cls.unit,))
		super().tearDownClass()

	def setUp(self):
		make_year(GOAL_YEAR)
		frappe.set_user(USER)
		self.goal = make_goal(
			self.unit, year=GOAL_YEAR, project_code="OF-1", project_name=NAME, contact_phone="0351-7654321"
		)
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		clear_settings_cache()

	def goals(self) -> list[dict]:
		return stored("Performance Goal", budget_unit=self.unit)

	def refused(self, importer, data: bytes, records, message: str) -> None:
		"""The import as the unit user is refused with exactly ``message`` and the database keeps ``records()``."""
		before = records()
		frappe.set_user(USER)
		with self.assertRaises(GoalImportError) as refusal:
			importer(data, "填报表.xlsx")
		frappe.set_user("Administrator")
		self.assertEqual(str(refusal.exception), message)
		self.assertEqual(records(), before)

	# -- (a) the 申报表 filled by hand -------------------------------------------------
	def test_a_hand_filled_goal_form_fills_the_units_draft_of_that_name(self):
		frappe.set_user(USER)
		result = import_goals(goal_by_hand(goal_form(self.unit)), "申报表.xlsx")
		self.assertEqual(
			result,
			{
				"created": [],
				"updated": [self.goal.name],
				"sheets": [{"sheet": "Sheet1", "record": self.goal.name, "created": 0}],
				"notes": [
					"Sheet Sheet1 has no 分值 column: enter each indicator's weight in the system before sending the goal on"
				],
			},
		)
		goal = frappe.get_doc("Performance Goal", self.goal.name)
		header = (
			"performance_year",
			"budget_unit",
			"project_code",
			"project_name",
			"budget_type",
			"competent_department",
			"project_attribute",
			"project_period",
			"contact_phone",
			"medium_term_start_year",
			"medium_term_end_year",
			"medium_term_total",
			"medium_term_fiscal",
			"medium_term_other",
			"total_amount",
			"fiscal_amount",
			"other_amount",
			"long_term_goal",
			"annual_goal",
			"workflow_state",
			"docstatus",
		)
		self.assertEqual(
			{key: goal.get(key) for key in header},
			{
				"performance_year": GOAL_YEAR,
				"budget_unit": self.unit,
				"project_code": "OF-1",  # the printed form has none: the stored code is kept
				"project_name": NAME,
				"budget_type": "Annual",
				"competent_department": "市财政局 101001",
				"project_attribute": "Continuing Project",
				"project_period": "3年",
				"contact_phone": "0351-7654321",
				"medium_term_start_year": 2025,
				"medium_term_end_year": 2027,
				"medium_term_total": 3600,
				"medium_term_fiscal": 3000,
				"medium_term_other": 600,
				"total_amount": 1234.56,
				"fiscal_amount": 1234.56,
				"other_amount": 0,
				"long_term_goal": "三年培训基层业务人员1500人次，培训成果全面应用。",
				"annual_goal": "年度培训600人次，合格率90%以上。",
				"workflow_state": "Draft",
				"docstatus": 0,
			},
		)
		columns = (
			"level1",
			"level2",
			"indicator_name",
			"operator",
			"target_value",
			"target_text",
			"unit",
			"weight",
			"evaluation_standard",
		)
		# the weights are the stored goal's, indicator by indicator (the form has no 分值)
		self.assertEqual(
			[tuple(row.get(key) for key in columns) for row in goal.indicators],
			[
				("Output", "Quantity", "培训人次", ">=", 600, None, "人次", 20, None),
				("Output", "Quality", "培训合格率", ">=", 90, None, "%", 15, None),
				("Output", "Timeliness", "按期完成率", "=", 100, None, "%", 15, None),
				("Effect", "Social", "基层业务能力提升", "Qualitative", 0, "明显提升", None, 30, None),
				("Satisfaction", "Service Recipient", "参训人员满意度", ">=", 92, None, "%", 10, None),
			],
		)
		self.assertEqual(
			[tuple(row.get(key) for key in columns[:7]) for row in goal.medium_term_indicators],
			[
				("Output", "Quantity", "培训人次", ">=", 1500, None, "人次"),
				("Output", "Quality", "培训合格率", ">=", 95, None, "%"),
				("Output", "Timeliness", "按期完成率", "Qualitative", 0, "2027年底前全部完成", None),
				("Effect", "Social", "基层业务能力提升", "Qualitative", 0, "明显提升", None),
				("Satisfaction", "Service Recipient", "参训人员满意度", ">=", 90, None, "%"),
			],
		)

	# -- (b) (c) which goal the printed form fills ------------------------------------
	def test_two_goals_of_that_name_make_the_form_ambiguous(self):
		frappe.set_user(USER)
		make_goal(self.unit, year=GOAL_YEAR, project_code="OF-2", project_name=NAME)
		frappe.set_user("Administrator")
		self.refused(
			import_goals,
			goal_by_hand(goal_form(self.unit)),
			self.goals,
			f"Sheet Sheet1: The unit has 2 goals named {NAME} this year; "
			"write the project code right of the form under 项目编码",
		)

	def test_a_form_naming_no_goal_of_the_unit_and_no_code_is_refused(self):
		self.refused(
			import_goals,
			goal_by_hand(goal_form(self.unit, project_name="测试没有这个项目")),
			self.goals,
			f"Sheet Sheet1: No goal of {self.unit} is named 测试没有这个项目 this year; "
			"to create one, write its project code right of the form under 项目编码",
		)

	def test_a_form_with_a_new_project_code_files_a_new_draft_of_its_year(self):
		"""What the refusal above tells the unit to do: write the code right of the form."""
		form = goal_form(self.unit, project_name="测试官方表新项目", extras={"项目编码": "OF-NEW"})
		form["grid_extras"] = ("分值",)
		weights = iter((20, 15, 15, 30, 10))
		form["rows"] = [row if row is None else (*row, next(weights)) for row in form["rows"]]
		frappe.set_user(USER)
		result = import_goals(goal_by_hand(form), "申报表.xlsx")
		frappe.set_user("Administrator")
		self.assertEqual((len(result["created"]), result["updated"], result["notes"]), (1, [], []))
		new = frappe.get_doc("Performance Goal", result["created"][0])
		self.assertEqual(
			(
				new.performance_year,
				new.budget_unit,
				new.project_code,
				new.project_name,
				new.budget_type,
				new.total_amount,
				new.workflow_state,
			),
			(GOAL_YEAR, self.unit, "OF-NEW", "测试官方表新项目", "Annual", 1234.56, "Draft"),
		)
		self.assertEqual([row.weight for row in new.indicators], [20, 15, 15, 30, 10])

	# -- (d) a file older than the record ------------------------------------------------
	def test_an_export_older_than_the_last_desk_save_is_refused(self):
		frappe.set_user(USER)
		exported = goal_workbook([self.goal.name])
		desk = frappe.get_doc("Performance Goal", self.goal.name)
		desk.annual_goal = "桌面上刚改过的年度目标"
		desk.save()
		frappe.set_user("Administrator")
		self.refused(
			import_goals,
			exported,
			self.goals,
			f"Sheet OF-1: {self.goal.name} was changed in the system at {str(desk.modified)[:19]}, "
			f"after this file was exported ({str(self.goal.modified)[:19]}); "
			"export it again and enter your changes there",
		)
		self.assertEqual(
			frappe.db.get_value("Performance Goal", self.goal.name, "annual_goal"), "桌面上刚改过的年度目标"
		)

	# -- (e) the round's forms filled by hand ---------------------------------------------
	def round_records(self) -> tuple[str, str]:
		"""A confirmed goal of ROUND_YEAR and its July monitoring and self-evaluation records."""
		make_year(ROUND_YEAR, monitoring_rounds=[{"period_end_month": 7, "deadline": f"{ROUND_YEAR}-08-15"}])
		frappe.set_user(USER)
		goal = make_goal(
			self.unit,
			year=ROUND_YEAR,
			project_code="OF-R",
			project_name=ROUND_NAME,
			indicators=round_indicators(),
		)
		frappe.set_user("Administrator")
		confirm_goal(goal.name, USER, HEAD, OFFICER)
		frappe.set_user(OFFICER)
		create_monitoring_round(ROUND_YEAR, 7)
		create_evaluation_round(ROUND_YEAR)
		frappe.set_user("Administrator")
		return (
			frappe.db.get_value("Performance Monitoring", {"performance_goal": goal.name}),
			frappe.db.get_value("Performance Evaluation", {"performance_goal": goal.name}),
		)

	def test_a_hand_filled_self_evaluation_fills_the_rounds_record_and_is_scored_by_the_rules(self):
		_monitoring, name = self.round_records()
		frappe.set_user(USER)
		result = import_evaluations(evaluation_by_hand(evaluation_form(self.unit)), "自评表.xlsx")
		self.assertEqual(result, {"updated": [name], "differences": []})
		doc = frappe.get_doc("Performance Evaluation", name)
		money = (
			"initial_fiscal",
			"initial_carryover",
			"initial_other",
			"initial_budget",
			"annual_fiscal",
			"annual_carryover",
			"annual_other",
			"annual_budget",
			"executed_fiscal",
			"executed_carryover",
			"executed_other",
			"executed_amount",
		)
		self.assertEqual([doc.get(key) for key in money], [80, 0, 20, 100, 80, 0, 20, 100, 70, 0, 15.5, 85.5])
		self.assertEqual(
			(
				doc.execution_rate,
				doc.execution_weight,
				doc.execution_score,
				doc.output_score,
				doc.effect_score,
				doc.satisfaction_score,
				doc.total_score,
				doc.grade,
			),
			(85.5, 10, 8.55, 47, 27, 9.44, 91.99, "Excellent"),
		)
		self.assertEqual(doc.actual_completion, "全年培训620人次，合格率76%。")
		self.assertEqual(
			doc.annual_goal, "完成年度培训任务，提升基层业务能力。"
		)  # the confirmed goal's, not the file's
		columns = (
			"indicator_name",
			"actual_value",
			"actual_text",
			"qualitative_result",
			"entered_score",
			"computed_score",
			"score",
			"deviation_analysis",
		)
		self.assertEqual(
			[tuple(row.get(key) for key in columns) for row in doc.indicators],
			[
				("培训人次", 620, None, None, 0, 20, 20, None),
				("培训合格率", 76, None, None, 0, 12, 12, "部分学员考核未通过，加强辅导"),
				("按期完成率", 100, None, None, 0, 15, 15, None),
				("基层业务能力提升", 0, "基层业务能力明显提升", "Achieved", 18, 18, 18, None),
				("培训成果长效应用", 0, None, "Achieved", 9, 9, 9, None),
				("参训人员满意度", 85, None, None, 0, 9.44, 9.44, "个别课程安排过密"),
			],
		)

	def test_a_hand_filled_monitoring_form_fills_the_rounds_record_and_recomputes_the_lights(self):
		name, _evaluation = self.round_records()
		frappe.set_user(USER)
		result = import_monitorings(monitoring_by_hand(monitoring_form(self.unit)), "监控表.xlsx")
		self.assertEqual(result, {"updated": [name], "warning_levels": {name: "Red"}})
		doc = frappe.get_doc("Performance Monitoring", name)
		header = (
			"period_end_month",
			"annual_budget",
			"budget_fiscal",
			"budget_other",
			"executed_amount",
			"executed_fiscal",
			"executed_other",
			"expected_full_year",
			"expected_fiscal",
			"expected_other",
			"money_deviation_reason",
			"money_likelihood",
			"money_remarks",
			"goal_progress",
			"execution_rate",
			"time_adjusted_rate",
			"execution_light",
			"warning_level",
			"red_indicators",
		)
		# (40 / 100) / (7 / 12) = 68.57 % of the pace → Yellow; 按期完成率 cannot be met → Red
		self.assertEqual(
			{key: doc.get(key) for key in header},
			{
				"period_end_month": 7,
				"annual_budget": 100,
				"budget_fiscal": 80,
				"budget_other": 20,
				"executed_amount": 40,
				"executed_fiscal": 35,
				"executed_other": 5,
				"expected_full_year": 95,
				"expected_fiscal": 78,
				"expected_other": 17,
				"money_deviation_reason": "部分培训费按合同年底结算",
				"money_likelihood": "Possible",
				"money_remarks": "下半年集中支付",
				"goal_progress": "已培训300人次。",
				"execution_rate": 40,
				"time_adjusted_rate": 68.57,
				"execution_light": "Yellow",
				"warning_level": "Red",
				"red_indicators": 1,
			},
		)
		columns = (
			"indicator_name",
			"actual_to_date",
			"expected_completion",
			"qualitative_progress",
			"actual_text",
			"likelihood",
			"reason_conditions",
			"remarks",
			"light",
		)
		self.assertEqual(
			[tuple(row.get(key) for key in columns) for row in doc.indicators],
			[
				("培训人次", 300, 500, None, None, "Certain", None, None, "Green"),
				("培训合格率", 96, 95, None, None, "Certain", None, None, "Green"),
				("按期完成率", 60, 70, None, None, "Impossible", "培训场地改造延期", "已调整培训计划", "Red"),
				("基层业务能力提升", 0, 0, "Partly", "已开展三期培训", "Possible", None, None, "Yellow"),
				("培训成果长效应用", 0, 0, "Achieved", None, "Certain", None, None, "Green"),
				("参训人员满意度", 88, 92, None, None, "Possible", None, None, "Green"),
			],
		)

	# -- (g) everyday words for qualitative results ------------------------------------------
	def test_an_everyday_word_the_setting_cannot_read_is_refused_on_save(self):
		before = frappe.db.get_single_value(SETTINGS, "qualitative_synonyms")
		settings = frappe.get_doc(SETTINGS)
		settings.qualitative_synonyms = "好=达成年度指标\n优良=很好"
		with self.assertRaises(frappe.ValidationError) as refusal:
			settings.save()
		self.assertIn(
			f"Line 2 of the everyday words must read word=result with a result among {RESULTS}, not 优良=很好",
			str(refusal.exception),
		)
		self.assertEqual(frappe.db.get_single_value(SETTINGS, "qualitative_synonyms"), before)

	def test_an_everyday_word_added_in_the_settings_is_read_by_the_evaluation_import(self):
		_monitoring, name = self.round_records()
		data = evaluation_by_hand(evaluation_form(self.unit, effect_result="优良"))
		self.refused(
			import_evaluations,
			data,
			lambda: stored("Performance Evaluation", name=name),
			"Sheet Sheet1, row 17, column F: 实际完成值 优良: a qualitative result starts with one of "
			f"{RESULTS}, optionally followed by ： and a description",
		)
		settings = frappe.get_doc(SETTINGS)
		settings.qualitative_synonyms = (settings.qualitative_synonyms or "") + "\n优良=达成年度指标"
		settings.save()
		try:
			frappe.set_user(USER)
			self.assertEqual(import_evaluations(data, "自评表.xlsx"), {"updated": [name], "differences": []})
		finally:
			frappe.set_user("Administrator")
			clear_settings_cache()  # other sessions must not see this uncommitted setting
		row = frappe.get_doc("Performance Evaluation", name).indicators[3]
		self.assertEqual(
			(row.indicator_name, row.qualitative_result, row.actual_text, row.score),
			("基层业务能力提升", "Achieved", None, 18),
		)


class TestOfficialFormsOverHttp(FrappeAPITestCase):
	"""(f) The desk's way in: upload_file, then import_goal_file with the File's URL,
	as a unit user whose language is Chinese and one whose language is English."""

	ZH, EN = "of.zh@perf.test", "of.en@perf.test"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def people():
			make_year(HTTP_YEAR)
			unit = make_unit("官方表上传科").name
			for user, language in ((cls.ZH, "zh"), (cls.EN, "en")):
				make_user(user, unit=unit)
				frappe.db.set_value("User", user, "language", language)
				frappe.cache.hdel("lang", user)
			frappe.set_user(cls.EN)
			goal = make_goal(unit, year=HTTP_YEAR, project_code="OF-H", project_name=NAME).name
			frappe.set_user("Administrator")
			return unit, goal

		cls.unit, cls.goal = committed(people)
		cls.sids = {user: session_for(user) for user in (cls.ZH, cls.EN)}

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(cls.ZH, cls.EN), units=(cls.unit,), years=(HTTP_YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def upload(self, user: str, file_name: str, content: bytes) -> str:
		data = {
			"sid": self.sids[user],
			"is_private": 1,
			"folder": "Home",
			"file": (io.BytesIO(content), file_name),
		}
		response = make_request(
			target=self.TEST_CLIENT.post, args=("/api/method/upload_file",), kwargs={"data": data}
		)
		self.assertEqual(response.status_code, 200, response.get_data()[:300])
		return response.json["message"]["file_url"]

	def import_file(self, user: str, file_url: str) -> tuple:
		response = make_request(
			target=self.TEST_CLIENT.post,
			args=("/api/method/perf_budget.exchange.goals.import_goal_file",),
			kwargs={"data": {"file_url": file_url, "sid": self.sids[user]}},
		)
		body = response.json or {}
		messages = [json.loads(m) for m in json.loads(body.get("_server_messages") or "[]")]
		return (
			response.status_code,
			body.get("exc_type"),
			[(m.get("title"), m.get("message")) for m in messages],
		)

	def database(self) -> list[dict]:
		frappe.db.rollback()  # a fresh snapshot: what the requests committed
		return stored("Performance Goal", budget_unit=self.unit)

	def test_a_malformed_form_is_answered_417_in_the_users_language_and_changes_nothing(self):
		form = goal_form(self.unit, title=f"{HTTP_YEAR}年度项目支出绩效目标申报表")
		form["money"] = {**form["money"], "年度资金总额": ("一千万元", "1234.56万元", "—")}
		data = goal_by_hand(form)
		before = self.database()
		self.assertEqual(len(before), 1)
		expected = {
			self.ZH: (
				"未导入任何数据：请修改文件后重试",
				"工作表“Sheet1”第6行H列：年度资金总额应为以万元为单位的金额，如 1234.56 或“1234.56万元”，不能是 一千万元",
			),
			self.EN: (
				"Nothing was imported: please fix the file",
				"Sheet Sheet1, row 6, column H: 年度资金总额 must be an amount in 万元 such as 1234.56 or 1234.56万元, not 一千万元",
			),
		}
		for user, answer in expected.items():
			with self.subTest(user=user):
				file_url = self.upload(user, "申报表.xlsx", data)
				self.assertEqual(self.import_file(user, file_url), (417, "GoalImportError", [answer]))
		self.assertEqual(self.database(), before)
