"""Demo external evaluations of 2026 (arts. 5(四), 13, 24): the city finance
bureau's review (复核) of 规划科's self-evaluation with two findings made
rectifications, and a third-party evaluation of 建设管理科's project by a
demo institution from the register (which may not evaluate 执法队)."""

import frappe

from perf_budget.demo.steps import OFFICER
from perf_budget.perf_budget.doctype.external_evaluation.external_evaluation import make_rectifications
from perf_budget.workflow.actions import acting_as

YEAR = "2026"
INSTITUTION = "华信绩效评价咨询有限公司"


def make_external():
	with acting_as(OFFICER):
		make_institution()
		review = received(
			"GHK-01",
			kind="Review of Self-Evaluation",
			evaluator="City Finance Bureau",
			score=86,
			conclusion="项目数据库已建成，但部分效益指标佐证不足，自评得分偏高。",
			findings=[
				{
					"finding": "效益指标缺少佐证材料",
					"requirement": "补充数据库使用情况统计",
					"due_date": f"{YEAR}-12-31",
				},
				{
					"finding": "满意度调查样本偏少",
					"requirement": "扩大问卷调查范围并重新测算",
					"due_date": f"{YEAR}-12-31",
				},
			],
		)
		if review:
			make_rectifications(review)
		received(
			"JSK-01",
			kind="Third-Party Evaluation",
			evaluator="Third-Party Institution",
			evaluation_institution=INSTITUTION,
			score=83.5,
			conclusion="老旧小区改造总体完成，个别小区绿化未按期收尾。",
		)


def make_institution():
	if frappe.db.exists("Evaluation Institution", INSTITUTION):
		return
	zfd = frappe.db.get_value(
		"Performance Goal", {"project_code": "ZFD-01", "performance_year": YEAR}, "budget_unit"
	)
	frappe.get_doc(
		{
			"doctype": "Evaluation Institution",
			"institution_name": INSTITUTION,
			"unified_social_credit_code": "91440300MA5F8K2Q7X",
			"fields_of_work": "城市建设、市政设施",
			"qualification": "财政支出绩效评价服务资质",
			"contact_person": "陈经理",
			"phone": "0755-88886666",
			"address": "市中心区财富大厦18层",
			"conflicts": [{"conflict_unit": zfd, "reason": "2026年为该单位编制执法装备采购方案"}]
			if zfd
			else [],
		}
	).insert()


def received(code: str, **values) -> str | None:
	"""The evaluation of project ``code`` as received (submitted), once."""
	goal = frappe.db.get_value(
		"Performance Goal", {"project_code": code, "performance_year": YEAR, "is_current": 1, "docstatus": 1}
	)
	if not goal or frappe.db.exists(
		"External Evaluation", {"performance_goal": goal, "kind": values["kind"]}
	):
		return None
	doc = frappe.get_doc(
		{
			"doctype": "External Evaluation",
			"performance_goal": goal,
			"date_received": f"{YEAR}-11-20",
			**values,
		}
	).insert()
	doc.submit()
	return doc.name
