"""Demo department-wide goals (部门整体支出绩效目标).

2026: confirmed for 办公室, 规划科, 建设管理科, 市政设施服务中心 and the bureau as a
whole (filed by 局财务负责人, approved by 分管局领导) — the department monitoring
and self-evaluation build on them. 2027: one in each state of the chain (draft,
with the unit head, with finance, at the finance bureau, returned, revision
required) and the bureau's own in draft.

Funds in 万元 add up as the form asks: 人员 + 公用 = 基本, 基本 + 项目 = 总预算 = the sources.
"""

import frappe

from perf_budget.demo.bureau import BUREAU, BUREAU_FILERS
from perf_budget.demo.goals import indicator_row, unit_name
from perf_budget.demo.steps import OFFICER, SUBMITTED, TO_FINANCE, taker, untouched
from perf_budget.workflow.actions import act_as, acting_as

DPG = "Department Performance Goal"
TO_BUREAU = (*TO_FINANCE, "Forward to Finance Bureau")
CONFIRMED = (*TO_BUREAU, "Confirm")
FILLS = {
	"Forward to Finance Bureau": {
		"review_rating": "Good",
		"review_opinion": "职能清晰，任务与资金匹配，指标可衡量。",
	},
	"Return": {"return_reason": "年度主要任务的资金安排与项目支出不一致，请核对后重报。"},
	"Request Revision": {"bureau_feedback": "财政部门意见：履职效能指标请细化到具体任务。"},
}
# code (None: the bureau) -> (functions, annual goal, personnel, public, project, key tasks (name, fiscal, other))
UNITS = {
	None: (
		"统筹全市城市建设管理，负责规划、建设、市政设施和城市管理综合执法的组织协调与监督。",
		"全面完成年度城市建设管理重点任务，预算执行率不低于95%，群众满意度不低于90%。",
		2860.00,
		735.50,
		9120.30,
		[("城市更新重点项目推进", 5200.00, 800.00), ("市政设施养护提质", 2100.30, 0)],
	),
	"BGS": (
		"负责局机关日常运转、文秘、督办、档案、后勤保障等工作。",
		"保障机关高效运转，督办事项按期办结率不低于98%。",
		320.00,
		86.40,
		155.00,
		[("机关运转保障", 120.00, 0), ("档案数字化", 35.00, 0)],
	),
	"GHK": (
		"负责城市规划编制、实施监督和规划展示工作。",
		"完成年度规划编制任务，规划审批按时办结率100%。",
		280.50,
		64.20,
		420.00,
		[("国土空间详细规划编制", 360.00, 0), ("规划展示馆运行", 40.00, 20.00)],
	),
	"JSK": (
		"负责城市建设项目管理、质量安全监督和建筑市场监管。",
		"完成年度建设项目监管任务，工程质量合格率100%。",
		410.00,
		95.60,
		2600.00,
		[("老旧小区综合改造", 1800.00, 700.00), ("质量安全巡查", 100.00, 0)],
	),
	"SZZX": (
		"负责城市道路、桥梁、路灯等市政设施的日常养护和维修。",
		"市政设施完好率不低于98%，路灯亮灯率不低于99%。",
		890.00,
		210.00,
		3150.00,
		[("道路桥梁养护", 2200.00, 0), ("路灯维护", 800.00, 150.00)],
	),
	"XXZX": (
		"负责局信息化建设、网络安全和数据管理。",
		"完成政务信息系统整合，网络安全事件为零。",
		150.00,
		38.00,
		480.00,
		[("信息系统整合", 400.00, 80.00)],
	),
	"PXZX": (
		"负责行业从业人员培训和继续教育。",
		"完成年度培训任务，培训合格率不低于95%。",
		120.00,
		30.00,
		260.00,
		[("从业人员培训", 200.00, 60.00)],
	),
	"ZFD": (
		"负责城市管理领域综合行政执法。",
		"执法案件按期办结率100%，群众投诉处理满意率不低于90%。",
		1260.00,
		320.00,
		900.00,
		[("执法装备更新", 600.00, 0), ("数字城管运行", 300.00, 0)],
	),
}
INDICATORS = [
	("Output", "Management Efficiency", "部门预算执行率", ">=", 95, "%", 20),
	("Output", "Performance of Duties", "年度重点工作任务完成率", ">=", 100, "%", 30),
	("Effect", "Social Impact", "政务服务事项按时办结率", ">=", 98, "%", 15),
	(
		"Effect",
		"Development Sustainability",
		"长效管理制度健全性",
		"Qualitative",
		None,
		"预算、资产、采购制度健全并有效执行",
		15,
	),
	("Satisfaction", "Service Recipient", "服务对象综合满意度", ">=", 90, "%", 10),
	("Cost", "Operating Cost", "“三公”经费控制率", "<=", 100, "%", 0),
]
# (year, unit code, actions taken)
GOALS = [
	("2026", None, CONFIRMED),
	("2026", "BGS", CONFIRMED),
	("2026", "GHK", CONFIRMED),
	("2026", "JSK", CONFIRMED),
	("2026", "SZZX", CONFIRMED),
	("2027", None, ()),
	("2027", "BGS", ()),
	("2027", "GHK", SUBMITTED),
	("2027", "JSK", TO_FINANCE),
	("2027", "SZZX", TO_BUREAU),
	("2027", "XXZX", (*TO_FINANCE, "Return")),
	("2027", "PXZX", (*TO_BUREAU, "Request Revision")),
	("2027", "ZFD", CONFIRMED),
]


def make_department():
	for year, code, actions in GOALS:
		goal = file_goal(year, code)
		if untouched(DPG, goal):  # else already walked on an earlier run
			for action in actions:
				act_as(person(action, code), DPG, goal, action, **FILLS.get(action, {}))


def person(action: str, code: str | None) -> str:
	"""The bureau's own goal is filed by its finance lead and approved by the leader in charge."""
	if code:
		return taker(action, code)
	filer, head = (email for email, _name, _role in BUREAU_FILERS)
	return {"Submit to Unit Head": filer, "Approve": head}.get(action, OFFICER)


def file_goal(year: str, code: str | None) -> str:
	unit = unit_name(code) if code else BUREAU
	existing = frappe.db.get_value(
		DPG, {"budget_unit": unit, "performance_year": year, "docstatus": ["<", 2]}
	)
	if existing:
		return existing
	functions, annual_goal, personnel, public, project, tasks = UNITS[code]
	total = round(personnel + public + project, 2)
	other = round(sum(task[2] for task in tasks), 2)
	with acting_as(person("Submit to Unit Head", code)):
		return (
			frappe.get_doc(
				{
					"doctype": DPG,
					"performance_year": year,
					"budget_unit": unit,
					"functions_overview": functions,
					"annual_goal": annual_goal,
					"authorized_staff": 40 if code else 260,
					"actual_staff": 37 if code else 248,
					"personnel_expenditure": personnel,
					"public_expenditure": public,
					"project_expenditure": project,
					"source_general_budget": round(total - other, 2),
					"source_other": other,
					"key_tasks": [
						{
							"task_name": name,
							"task_content": f"{name}：按季度分解，责任到人。",
							"fiscal_amount": fiscal,
							"other_amount": task_other,
						}
						for name, fiscal, task_other in tasks
					],
					"indicators": [indicator_row(*row) for row in INDICATORS],
				}
			)
			.insert()
			.name
		)
