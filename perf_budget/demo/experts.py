"""Demo expert register (专家库) and a three-expert panel on 办公室's 2026
self-evaluation, still with the unit (art. 22 (二) 组织专家现场评价和综合评价)."""

from decimal import ROUND_HALF_UP, Decimal

import frappe

from perf_budget.demo.bureau import unit_user
from perf_budget.demo.steps import OFFICER
from perf_budget.experts import make_score_sheet
from perf_budget.workflow.actions import acting_as

YEAR = "2026"
# name, field, organization, title, phone, email, conflicts (unit, reason)
EXPERTS = [
	("郭建国", "财政预算管理", "山西大学经济与管理学院", "教授", "13903550101", "guojg@example.cn", ()),
	("韩立新", "市政工程", "长治市市政设计研究院", "高级工程师", "13903550102", "hanlx@example.cn", ()),
	("邓雅琴", "信息化建设", "长治学院计算机系", "副教授", "13903550103", "dengyq@example.cn", ()),
	(
		"宋志远",
		"绩效评价与审计",
		"山西正衡会计师事务所",
		"注册会计师",
		"13903550104",
		"songzy@example.cn",
		(("办公室", "其配偶在办公室任职"),),
	),
]
PANEL_PROJECT = "BGS-01"
# each expert's share of every row's points
PANEL = {"郭建国": "0.86", "韩立新": "0.78", "邓雅琴": "0.92"}
OPINIONS = {
	"郭建国": "预算执行基本规范，部分资金结算滞后。",
	"韩立新": "平台运维响应时间偏长，应完善故障处置流程。",
	"邓雅琴": "系统功能基本满足需求，用户培训可进一步加强。",
}


def make_experts():
	with acting_as(OFFICER):
		experts = {entry[0]: register(*entry) for entry in EXPERTS}
	evaluation = frappe.db.get_value(
		"Performance Evaluation", {"project_code": PANEL_PROJECT, "performance_year": YEAR, "docstatus": 0}
	)
	if not evaluation:
		return
	with acting_as(unit_user("BGS")):
		for name, share in PANEL.items():
			sheet = frappe.get_doc("Expert Score Sheet", make_score_sheet(evaluation, experts[name]))
			if sheet.total_score:
				continue  # scored already
			for row in sheet.scores:
				points = Decimal(str(row.max_points)) * Decimal(share)
				row.expert_score = float(points.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
			sheet.opinion = OPINIONS[name]
			sheet.save()


def register(name, field, organization, title, phone, email, conflicts) -> str:
	existing = frappe.db.get_value("Performance Expert", {"expert_name": name})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Performance Expert",
				"expert_name": name,
				"speciality": field,
				"organization": organization,
				"professional_title": title,
				"phone": phone,
				"email": email,
				"conflicts": [{"conflict_unit": unit, "reason": reason} for unit, reason in conflicts],
			}
		)
		.insert()
		.name
	)
