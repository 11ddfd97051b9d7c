"""Factories for department-wide goals (部门整体支出绩效目标), used by the
department tests, the door matrix's victim and the department monitoring and
self-evaluation tests. Figures in 万元, adding up exactly: 人员 600 + 公用 150 =
基本 750; + 项目 1,250 = 2,000 = 一般公共预算 1,800 + 政府性基金 150 + 其他 50."""

import frappe

FUNDS = {
	"personnel_expenditure": 600,
	"public_expenditure": 150,
	"project_expenditure": 1250,
	"source_general_budget": 1800,
	"source_government_fund": 150,
	"source_other": 50,
}


def department_indicators(marker: str = "") -> list[dict]:
	"""Whole-unit indicators weighted 50 / 30 / 10 (outputs, effects, satisfaction)."""
	return [
		{
			"level1": "Output",
			"level2": "Management Efficiency",
			"indicator_name": f"{marker}部门预算执行率",
			"operator": ">=",
			"target_value": 95,
			"unit": "%",
			"weight": 25,
		},
		{
			"level1": "Output",
			"level2": "Performance of Duties",
			"indicator_name": f"{marker}年度重点工作任务完成率",
			"operator": ">=",
			"target_value": 100,
			"unit": "%",
			"weight": 25,
		},
		{
			"level1": "Effect",
			"level2": "Social Impact",
			"indicator_name": f"{marker}政务服务事项按时办结率",
			"operator": ">=",
			"target_value": 98,
			"unit": "%",
			"weight": 15,
		},
		{
			"level1": "Effect",
			"level2": "Development Sustainability",
			"indicator_name": f"{marker}长效管理制度健全性",
			"operator": "Qualitative",
			"target_text": f"{marker}预算、资产、采购制度健全并有效执行",
			"weight": 15,
		},
		{
			"level1": "Satisfaction",
			"level2": "Service Recipient",
			"indicator_name": f"{marker}服务对象综合满意度",
			"operator": ">=",
			"target_value": 90,
			"unit": "%",
			"weight": 10,
		},
		{
			"level1": "Cost",
			"level2": "Operating Cost",
			"indicator_name": f"{marker}“三公”经费控制率",
			"operator": "<=",
			"target_value": 100,
			"unit": "%",
			"weight": 0,
		},
	]


def make_department_goal(unit: str, year: str = "2098", marker: str = "", **values) -> "frappe.Document":
	"""A draft department-wide goal of ``unit`` for ``year`` (as the current user)."""
	return frappe.get_doc(
		{
			"doctype": "Department Performance Goal",
			"performance_year": year,
			"budget_unit": unit,
			"functions_overview": f"{marker}负责本单位职能范围内的规划、建设与管理工作。",
			"annual_goal": f"{marker}全面完成年度重点工作任务，提升部门履职效能。",
			"authorized_staff": 30,
			"actual_staff": 28,
			**FUNDS,
			"key_tasks": [
				{
					"task_name": f"{marker}城市道路维护",
					"task_content": f"{marker}完成主次干道养护",
					"fiscal_amount": 800,
					"other_amount": 50,
				},
				{"task_name": f"{marker}信息化建设", "fiscal_amount": 400, "other_amount": 0},
			],
			"indicators": department_indicators(marker),
			**values,
		}
	).insert()


DEPARTMENT_RATING = {"review_rating": "Good", "review_opinion": "目标明确，指标合理。"}


def confirm_department_goal(name: str, user: str, head: str, officer: str):
	"""Walk a department goal through the real review chain to Confirmed."""
	from perf_budget.workflow.actions import act_as

	doctype = "Department Performance Goal"
	act_as(user, doctype, name, "Submit to Unit Head")
	act_as(head, doctype, name, "Approve")
	act_as(officer, doctype, name, "Forward to Finance Bureau", **DEPARTMENT_RATING)
	return act_as(officer, doctype, name, "Confirm")


def remove_department_goals(units) -> None:
	"""Delete the department goals of ``units`` (before the units themselves go)."""
	for name in frappe.get_all(
		"Department Performance Goal", filters={"budget_unit": ["in", list(units)]}, pluck="name"
	):
		frappe.db.set_value("Department Performance Goal", name, "docstatus", 0, update_modified=False)
		frappe.delete_doc("Department Performance Goal", name, force=True, ignore_permissions=True)
