"""Demo policy expenditure (art. 19): a 2026 policy of 市政设施服务中心 confirmed
and self-evaluated (the department summary's 政策支出 subtotal), and a 2027
policy of 建设管理科 whose term ended in 2026, continued by an expiry review and
filed to finance."""

import frappe

from perf_budget.demo.evaluations import ACCEPTED, fill
from perf_budget.demo.goals import CONFIRMED, file_goal, walk
from perf_budget.demo.steps import OFFICER, TO_FINANCE, untouched
from perf_budget.workflow.actions import acting_as

INDICATORS = {
	"SZZX-ZC1": [
		("Output", "Quantity", "投放公共自行车数量", ">=", 5000, "辆", 20),
		("Output", "Quality", "车辆完好率", ">=", 95, "%", 15),
		("Output", "Timeliness", "补贴资金按季拨付率", ">=", 100, "%", 15),
		("Effect", "Social", "日均骑行人次", ">=", 20000, "人次", 30),
		("Satisfaction", "Service Recipient", "市民满意度", ">=", 90, "%", 10),
	],
	"JSK-ZC1": [
		("Output", "Quantity", "奖补改造小区数量", ">=", 30, "个", 20),
		("Output", "Quality", "改造工程验收合格率", ">=", 100, "%", 15),
		("Output", "Timeliness", "奖补资金拨付及时率", ">=", 95, "%", 15),
		("Effect", "Social", "惠及居民户数", ">=", 6000, "户", 30),
		("Satisfaction", "Service Recipient", "居民满意度", ">=", 90, "%", 10),
	],
}
# code, year, unit code, name, fiscal, other, annual goal, policy fields, actions
POLICIES = [
	(
		"SZZX-ZC1",
		"2026",
		"SZZX",
		"城市公共自行车运营补贴",
		260,
		0,
		"按运营里程和服务质量考核结果拨付公共自行车运营补贴，保障5000辆公共自行车正常运营。",
		{
			"policy_term_start": "2024-01-01",
			"policy_term_end": "2028-12-31",
			"policy_documents": [
				{
					"document_title": "长治市公共自行车运营补贴管理办法",
					"document_number": "长政办发〔2023〕41号",
					"issuing_body": "长治市人民政府办公室",
					"issue_date": "2023-11-15",
				}
			],
		},
		CONFIRMED,
	),
	(
		"JSK-ZC1",
		"2027",
		"JSK",
		"老旧小区改造以奖代补政策",
		500,
		100,
		"对完成改造并通过验收的老旧小区按户数给予奖补，全年奖补30个小区。",
		{
			"policy_term_start": "2023-01-01",
			"policy_term_end": "2026-12-31",
			"policy_documents": [
				{
					"document_title": "长治市城镇老旧小区改造以奖代补实施办法",
					"document_number": "长政发〔2022〕18号",
					"issuing_body": "长治市人民政府",
					"issue_date": "2022-12-20",
				},
				{
					"document_title": "关于调整老旧小区改造奖补标准的通知",
					"document_number": "长财建〔2026〕9号",
					"issuing_body": "长治市财政局",
					"issue_date": "2026-12-10",
				},
			],
			"expiry_review_date": "2026-11-20",
			"expiry_review_conclusion": "Continue with Adjustment",
			"expiry_new_term_end": "2029-12-31",
			"expiry_review_opinion": "政策实施四年累计改造小区112个，群众认可度高；按新标准调整奖补额度后继续实施三年。",
		},
		TO_FINANCE,
	),
]


def make_policy():
	for code, year, unit_code, name, fiscal, other, annual_goal, fields, actions in POLICIES:
		goal = file_goal(year, code, unit_code, name, fiscal, other, False, annual_goal, INDICATORS[code])
		if untouched("Performance Goal", goal):
			with acting_as(f"{unit_code.lower()}.user@perf.local"):
				doc = frappe.get_doc("Performance Goal", goal)
				if doc.expenditure_type != "Policy Expenditure":
					doc.update({"expenditure_type": "Policy Expenditure", **fields})
					doc.save()
			walk(goal, actions, unit_code)
	evaluate_policy("SZZX-ZC1", "2026")


def evaluate_policy(code: str, year: str):
	"""The confirmed 2026 policy's self-evaluation, made as the round would have (the
	demo's round was opened before the policy was confirmed) and accepted."""
	goal = frappe.db.get_value(
		"Performance Goal", {"project_code": code, "performance_year": year, "docstatus": 1, "is_current": 1}
	)
	if not goal:
		return
	name = frappe.db.get_value("Performance Evaluation", {"performance_goal": goal, "docstatus": ["<", 2]})
	if not name:
		with acting_as(OFFICER):
			doc = frappe.get_doc({"doctype": "Performance Evaluation", "performance_goal": goal})
			doc.flags.ignore_permissions = True  # finance opens self-evaluations for every unit
			doc.insert()
		doc.db_set("owner", frappe.db.get_value("Performance Goal", goal, "owner"), update_modified=False)
		name = doc.name
	if untouched("Performance Evaluation", name):
		fill(name, code, 0.96, 1.0, ("Achieved", 1.0), ACCEPTED, "补贴按季考核拨付，车辆完好率97%。")
