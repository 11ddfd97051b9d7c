"""Demo goals: 2026 goals confirmed (the year being run), 2027 goals spread
over every state of the review chain (the year being filed)."""

import frappe

from perf_budget.demo.bureau import UNITS, unit_user
from perf_budget.demo.steps import SUBMITTED, TO_FINANCE, take, untouched
from perf_budget.perf_budget.doctype.performance_goal.performance_goal import exclude_goal
from perf_budget.workflow.actions import acting_as

RATINGS = {
	"basis_rating": "Good",
	"rationality_rating": "Good",
	"budget_rating": "Excellent",
	"plan_rating": "Good",
	"review_rating": "Good",
	"review_opinion": "立项依据充分，绩效目标明确，指标可衡量，同意报送。",
}

# (code, unit code, project name, fiscal 万元, other 万元, key project, annual goal, indicators)
# indicators: (level1, level2, name, operator, target, unit or target text, weight)
PROJECTS = [
	(
		"BGS-01",
		"BGS",
		"机关办公运行保障项目",
		86.5,
		0,
		False,
		"保障机关日常办公运转，公务用车、办公设备运行维护及时到位。",
		[
			("Output", "Quantity", "保障办公人数", ">=", 120, "人", 20),
			("Output", "Quality", "设备完好率", ">=", 95, "%", 15),
			("Output", "Timeliness", "维修响应时间", "<=", 24, "小时", 15),
			(
				"Effect",
				"Social",
				"机关运转保障水平",
				"Qualitative",
				None,
				"机关运转顺畅，无因保障不到位影响工作的情况",
				30,
			),
			("Satisfaction", "Service Recipient", "干部职工满意度", ">=", 90, "%", 10),
		],
	),
	(
		"GHK-01",
		"GHK",
		"国土空间规划数据库建设",
		320,
		80,
		True,
		"完成全市国土空间规划数据库建设并通过省级验收，实现规划数据统一管理。",
		[
			("Output", "Quantity", "入库图层数量", ">=", 150, "个", 20),
			("Output", "Quality", "数据质检合格率", ">=", 98, "%", 15),
			("Output", "Timeliness", "数据库建成时间", "<=", 10, "月", 15),
			("Effect", "Social", "规划审批效率提升", ">=", 30, "%", 15),
			(
				"Effect",
				"Sustainable",
				"数据更新机制建立情况",
				"Qualitative",
				None,
				"建立年度更新机制并有效运行",
				15,
			),
			("Satisfaction", "Service Recipient", "规划编制单位满意度", ">=", 90, "%", 10),
		],
	),
	(
		"JSK-01",
		"JSK",
		"老旧小区改造项目管理",
		1250,
		300,
		True,
		"完成18个老旧小区改造任务，惠及居民5600户，改造工程质量合格。",
		[
			("Output", "Quantity", "改造小区数量", ">=", 18, "个", 20),
			("Output", "Quality", "工程验收合格率", "=", 100, "%", 15),
			("Output", "Timeliness", "年底前完工率", ">=", 95, "%", 15),
			("Effect", "Social", "受益居民户数", ">=", 5600, "户", 20),
			(
				"Effect",
				"Sustainable",
				"长效管理机制建立情况",
				"Qualitative",
				None,
				"小区物业管理全覆盖，建立长效管护机制",
				10,
			),
			("Satisfaction", "Service Recipient", "小区居民满意度", ">=", 85, "%", 10),
		],
	),
	(
		"SZZX-01",
		"SZZX",
		"市政道路维修养护",
		680,
		0,
		True,
		"完成主次干道日常养护和病害维修，道路完好率保持在95%以上。",
		[
			("Output", "Quantity", "道路维修面积", ">=", 42000, "平方米", 20),
			("Output", "Quality", "道路完好率", ">=", 95, "%", 15),
			("Output", "Cost", "每平方米维修成本", "<=", 150, "元", 15),
			(
				"Effect",
				"Social",
				"道路通行条件改善情况",
				"Qualitative",
				None,
				"主次干道通行顺畅，无因病害引发的交通事故",
				30,
			),
			("Satisfaction", "Service Recipient", "市民出行满意度", ">=", 85, "%", 10),
		],
	),
	(
		"ZFD-01",
		"ZFD",
		"城市管理综合执法装备购置",
		95,
		5,
		False,
		"配齐执法记录仪、执法车辆等装备，提升执法规范化水平。",
		[
			("Output", "Quantity", "执法记录仪购置数量", ">=", 80, "台", 20),
			("Output", "Quality", "装备验收合格率", "=", 100, "%", 15),
			("Output", "Timeliness", "采购完成时间", "<=", 6, "月", 15),
			("Effect", "Social", "执法全过程记录率", ">=", 95, "%", 30),
			("Satisfaction", "Service Recipient", "执法人员满意度", ">=", 90, "%", 10),
		],
	),
	(
		"XXZX-01",
		"XXZX",
		"智慧城管平台运维",
		210,
		0,
		False,
		"保障智慧城管平台全年稳定运行，案件办结率不低于95%。",
		[
			("Output", "Quantity", "接入视频点位数量", ">=", 1200, "个", 20),
			("Output", "Quality", "系统可用率", ">=", 99.5, "%", 15),
			("Output", "Timeliness", "故障修复时间", "<=", 4, "小时", 15),
			("Effect", "Social", "城市管理案件办结率", ">=", 95, "%", 30),
			("Satisfaction", "Service Recipient", "平台使用人员满意度", ">=", 90, "%", 10),
		],
	),
	(
		"PXZX-01",
		"PXZX",
		"建设行业从业人员培训",
		48,
		12,
		False,
		"全年培训建设行业从业人员3000人次，培训考核合格率不低于90%。",
		[
			("Output", "Quantity", "培训人次", ">=", 3000, "人次", 20),
			("Output", "Quality", "培训考核合格率", ">=", 90, "%", 15),
			("Output", "Timeliness", "培训计划完成率", ">=", 100, "%", 15),
			("Effect", "Social", "从业人员持证上岗率", ">=", 95, "%", 30),
			("Satisfaction", "Service Recipient", "参训人员满意度", ">=", 90, "%", 10),
		],
	),
]
# a goal's way: to finance, forwarded to the finance bureau, confirmed on its answer; or returned by finance
TO_BUREAU = (*TO_FINANCE, "Forward to Finance Bureau")
CONFIRMED = (*TO_BUREAU, "Confirm")
RETURNED = (*TO_FINANCE, "Return")
# 2027: the actions taken on each project's goal, which leave one goal in every state of the chain
ACTIONS_2027 = {
	"BGS-01": (),
	"GHK-01": SUBMITTED,
	"JSK-01": TO_FINANCE,
	"SZZX-01": TO_BUREAU,
	"ZFD-01": RETURNED,
	"XXZX-01": (*TO_BUREAU, "Request Revision"),
	"PXZX-01": CONFIRMED,
}
# what finance fills in before an action
FILLS = {
	"Forward to Finance Bureau": RATINGS,
	"Return": {"return_reason": "预算测算依据不足，请补充单价和数量测算明细。"},
	"Request Revision": {"bureau_feedback": "财政部门意见：满意度指标值偏低，请调整至92%以上。"},
}
EXCLUDED_2027 = ("BGS-02", "BGS", "档案数字化加工项目")


def unit_name(code: str) -> str:
	return next(name for name, unit_code, _ in UNITS if unit_code == code)


def make_goals():
	for project in PROJECTS:
		goal = file_goal("2026", *project)
		walk(goal, CONFIRMED, project[1])
	for project in PROJECTS:
		goal = file_goal("2027", *project)
		walk(goal, ACTIONS_2027[project[0]], project[1])
	make_excluded_goal()


def file_goal(year, code, unit_code, name, fiscal, other, key, annual_goal, indicators):
	existing = frappe.db.get_value("Performance Goal", {"project_code": code, "performance_year": year})
	if existing:
		return existing
	with acting_as(unit_user(unit_code)):
		doc = frappe.get_doc(
			{
				"doctype": "Performance Goal",
				"performance_year": year,
				"budget_unit": unit_name(unit_code),
				"project_code": code,
				"project_name": name,
				"budget_type": "Annual",
				"period_start": f"{year}-01-01",
				"period_end": f"{year}-12-31",
				"fiscal_amount": fiscal,
				"other_amount": other,
				"is_key_project": int(key),
				"competent_department": "长治市示范局",
				"contact_person": frappe.db.get_value("User", unit_user(unit_code), "full_name"),
				"contact_phone": "0355-2020000",
				"basis": "《长治市全面实施预算绩效管理的实施细则》及本单位年度工作计划。",
				"implementation_plan": "按季度分解任务，明确责任人和时间节点，财务科全程跟踪。",
				"annual_goal": annual_goal,
				"indicators": [indicator_row(*row) for row in indicators],
				# every demo project runs three years, as most do: the 申报表's medium-term half
				"project_attribute": "Continuing Project",
				"project_period": "2025—2027年",
				"medium_term_start_year": 2025,
				"medium_term_end_year": 2027,
				"medium_term_fiscal": fiscal * 3,
				"medium_term_other": other * 3,
				"long_term_goal": f"2025—2027年：{annual_goal.rstrip('。')}，三年累计完成并巩固成效。",
				"medium_term_indicators": [medium_term_row(*row) for row in indicators],
			}
		).insert()
		return doc.name


def indicator_row(level1, level2, name, operator, target, unit_or_text, weight):
	row = {"level1": level1, "level2": level2, "indicator_name": name, "operator": operator, "weight": weight}
	if operator == "Qualitative":
		row["target_text"] = unit_or_text
	else:
		row.update({"target_value": target, "unit": unit_or_text})
	return row


def medium_term_row(level1, level2, name, operator, target, unit_or_text, weight):
	"""The same indicator over three years: counts add up, rates and qualities stay."""
	row = indicator_row(level1, level2, name, operator, target, unit_or_text, weight)
	del row["weight"]
	if level2 == "Quantity" and operator in (">=", ">", "="):
		row["target_value"] = target * 3
	return row


def walk(goal: str, actions: tuple, unit_code: str) -> None:
	"""Take ``actions`` on a goal along the real workflow, as the real people."""
	if untouched("Performance Goal", goal):  # else already walked on an earlier run
		take("Performance Goal", goal, unit_code, actions, FILLS.get)


def make_excluded_goal():
	code, unit_code, name = EXCLUDED_2027
	project = (code, unit_code, name, 35, 0, False, "完成局机关历史档案数字化加工。", PROJECTS[0][7])
	goal = file_goal("2027", *project)
	if untouched("Performance Goal", goal):
		walk(goal, RETURNED, unit_code)
		exclude_goal(goal)
