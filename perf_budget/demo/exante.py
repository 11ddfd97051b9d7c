"""Demo ex-ante assessments (事前绩效评估) of three new 2027 goals:

* 建设管理科's new major project (2,500 万元): assessed 84.00, concluded 予以支持
  by finance, and its goal moved on to the finance section;
* 规划科's new project: assessed 54.00, concluded 不予支持 — its goal waits
  with the unit head, who cannot pass it on;
* 市政设施服务中心's project renewed after expiry: assessed and approved by the
  unit head, awaiting finance's conclusion.
"""

import frappe

from perf_budget.demo.bureau import unit_user
from perf_budget.demo.goals import indicator_row, unit_name, walk
from perf_budget.demo.steps import SUBMITTED, TO_FINANCE, take, untouched
from perf_budget.perf_budget.doctype.ex_ante_assessment.ex_ante_assessment import prefill
from perf_budget.workflow.actions import acting_as

YEAR = "2027"
INDICATORS = [
	("Output", "Quantity", "完成改造数量", ">=", 12, "个", 20),
	("Output", "Quality", "工程验收合格率", ">=", 100, "%", 15),
	("Output", "Timeliness", "按期完工率", ">=", 95, "%", 15),
	("Effect", "Social", "居住条件改善", "Qualitative", None, "群众居住环境明显改善", 30),
	("Satisfaction", "Service Recipient", "群众满意度", ">=", 90, "%", 10),
]
FINDINGS = {
	"必要性": "符合城市更新规划和民生实事安排，需求真实迫切。",
	"可行性": "实施方案经过专家论证，组织和人员保障到位。",
	"经济性": "测算依据基本充分，部分单价偏高。",
	"效益性": "绩效目标明确，预期效益可量化。",
	"筹资合规性": "资金来源合规，其他资金已落实。",
}
# (code, unit, project, attribute, fiscal, other, scores, the assessment's actions, its conclusion,
#  the goal's actions)
PROJECTS = [
	(
		"JSK-EA01",
		"JSK",
		"老旧小区综合改造项目",
		"New Project",
		1800,
		700,
		(20, 18, 16, 17, 13),
		(*TO_FINANCE, "Conclude"),
		("Support", "立项必要、方案可行，测算依据充分，同意纳入年度预算。"),
		TO_FINANCE,
	),
	(
		"GHK-EA01",
		"GHK",
		"规划展示馆布展提升项目",
		"New Project",
		260,
		40,
		(12, 10, 8, 12, 12),
		(*TO_FINANCE, "Conclude"),
		("Do Not Support", "与已有规划展示项目重复交叉，预算测算依据不足，本年度不予支持。"),
		SUBMITTED,
	),
	(
		"SZZX-EA01",
		"SZZX",
		"桥梁健康监测系统运维项目",
		"Renewed after Expiry",
		150,
		0,
		(18, 16, 15, 16, 14),
		TO_FINANCE,
		None,
		(),
	),
]


def make_exante():
	# also when run alone (bench execute runs in English): the reasons the app writes are the site's
	frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang
	for code, unit_code, name, attribute, fiscal, other, scores, steps, conclusion, goal_steps in PROJECTS:
		goal = file_new_goal(code, unit_code, name, attribute, fiscal, other)
		assessment = file_assessment(goal, unit_code, scores)
		if untouched("Ex-ante Assessment", assessment):
			fill = {
				"Conclude": dict(zip(("conclusion", "conclusion_reasons"), conclusion or (), strict=False))
			}
			take("Ex-ante Assessment", assessment, unit_code, steps, fill.get)
		walk(goal, goal_steps, unit_code)


def file_new_goal(code, unit_code, name, attribute, fiscal, other) -> str:
	existing = frappe.db.get_value("Performance Goal", {"project_code": code, "performance_year": YEAR})
	if existing:
		return existing
	with acting_as(unit_user(unit_code)):
		return (
			frappe.get_doc(
				{
					"doctype": "Performance Goal",
					"performance_year": YEAR,
					"budget_unit": unit_name(unit_code),
					"project_code": code,
					"project_name": name,
					"project_attribute": attribute,
					"budget_type": "Annual",
					"fiscal_amount": fiscal,
					"other_amount": other,
					"basis": "《长治市城市更新实施方案》及市政府常务会议纪要。",
					"implementation_plan": "分两批组织实施，上半年完成设计招标，年底前完工验收。",
					"annual_goal": f"{name}年内完成并通过验收，群众满意度不低于90%。",
					"indicators": [indicator_row(*row) for row in INDICATORS],
				}
			)
			.insert()
			.name
		)


def file_assessment(goal: str, unit_code: str, scores) -> str:
	existing = frappe.db.get_value("Ex-ante Assessment", {"performance_goal": goal})
	if existing:
		return existing
	with acting_as(unit_user(unit_code)):
		values = prefill(goal)
		for row, score in zip(values["dimensions"], scores, strict=True):
			row.update(score=score, finding=FINDINGS.get(row["dimension"], "已按评分标准逐项核查。"))
		values.update(
			method="单位组织专家论证和资料审核，采用成本效益分析法、比较法，按评估维度逐项打分。",
			suggestions="细化分年度资金安排，完善绩效指标的计量口径。",
			evidence=[{"title": "可行性研究报告", "description": "第三方咨询机构编制"}],
		)
		return frappe.get_doc({"doctype": "Ex-ante Assessment", **values}).insert().name
