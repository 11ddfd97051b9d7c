"""Demo results application of 2026 (arts. 24–27): rectifications in every
state of their chain (one overdue), an interview whose commitments became
rectifications, next year's budget advice (one overridden), a referral.

Idempotent like the rest of the demo: what exists is left alone."""

import frappe
from frappe.utils import add_days, getdate, nowdate

from perf_budget.demo.steps import OFFICER, SUBMITTED, TO_FINANCE, take
from perf_budget.perf_budget.doctype.budget_advice.budget_advice import create_budget_advice
from perf_budget.perf_budget.doctype.performance_interview.performance_interview import make_rectifications
from perf_budget.perf_budget.doctype.rectification.rectification import make_rectification, mark_overdue
from perf_budget.workflow.actions import acting_as
from perf_budget.workflow.chains import chain

FINANCE_HEAD = "finance.head@perf.local"
YEAR = "2026"
MEASURES = "已制定整改方案，明确责任人和时间节点，相关制度已修订印发。"

# a rectification's way: finance sends it to the unit, the unit reports back
# (clerk and head), finance accepts it and forwards it, or returns it
SENT = ("Send to Unit",)
AT_FINANCE = (*SENT, *TO_FINANCE)
ACCEPTED = (*AT_FINANCE, "Accept")
# (project code, problem, requirement, actions taken on it); by hand, the
# source is the city finance bureau's feedback
BY_HAND = [
	(
		"SZZX-01",
		"市财政局反馈：道路维修项目部分合同未按规定公示。",
		"补充公示并报送整改报告。",
		AT_FINANCE,
	),
	(
		"PXZX-01",
		"市财政局反馈：培训费支出标准执行不严。",
		"对照标准清理培训费支出。",
		(*AT_FINANCE, "Return"),
	),
	("XXZX-01", "市财政局反馈：运维合同验收资料不全。", "补齐验收资料。", ()),
	("BGS-01", "市财政局反馈：办公设备采购未纳入资产管理。", "补登资产卡片。", ACCEPTED),
]


def make_results():
	accept_returned_evaluation("ZFD-01")
	if not frappe.db.exists("Rectification", {"performance_year": YEAR}):
		make_rectifications_2026()
	if not frappe.db.exists("Performance Interview", {"performance_year": YEAR}):
		make_interview()
	make_advice()
	if not frappe.db.exists("Accountability Referral", {"performance_year": YEAR}):
		make_referral()


def goal_of(code: str) -> str:
	return frappe.db.get_value(
		"Performance Goal", {"project_code": code, "performance_year": YEAR, "is_current": 1, "docstatus": 1}
	)


def accept_returned_evaluation(code: str) -> None:
	"""The returned evaluation comes back with a fuller explanation and is accepted (graded Poor)."""
	doctype = "Performance Evaluation"
	name = frappe.db.get_value(doctype, {"project_code": code, "performance_year": YEAR})
	if frappe.db.get_value(doctype, name, "workflow_state") not in chain(doctype).returned_states():
		return
	fills = {
		"Submit to Unit Head": {
			"execution_reason": "装备采购两次流标，年底才完成招标，资金未能按期支付；已补充说明流标原因及后续安排。"
		},
		"Accept": {
			"review_opinion": "自评结果客观，项目绩效较差，需限期整改。",
			"needs_rectification": 1,
			"rectification_requirement": "30日内提出装备采购整改方案，加快资金支付进度。",
		},
	}
	take(doctype, name, code.split("-")[0], (*TO_FINANCE, "Accept"), fills.get)


def walk(name: str, unit: str, actions: tuple) -> None:
	"""Take ``actions`` on a rectification, as the right people."""

	def fill(action: str) -> dict | None:
		if action == "Submit to Unit Head":  # the unit's report goes with it
			return {"measures": MEASURES, "report_attachment": report_file(name)}
		return {
			"Return": {"return_reason": "整改措施不具体，请补充时间节点和责任人。"},
			"Accept": {"review_result": "Rectified", "review_opinion": "整改到位，同意。"},
		}.get(action)

	take("Rectification", name, unit, actions, fill)


def report_file(name: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{name}-整改报告.txt",
				"content": MEASURES,
				"attached_to_doctype": "Rectification",
				"attached_to_name": name,
				"is_private": 1,
			}
		)
		.insert(ignore_permissions=True)
		.file_url
	)


def as_officer(fn, *args):
	with acting_as(OFFICER):
		return fn(*args)


def make_rectifications_2026():
	# from the self-evaluations: the Poor one (open) and JSK's shortfall (done and forwarded)
	zfd = frappe.db.get_value("Performance Evaluation", {"project_code": "ZFD-01", "performance_year": YEAR})
	walk(as_officer(make_rectification, "Performance Evaluation", zfd), "ZFD", SENT)
	jsk = frappe.db.get_value("Performance Evaluation", {"project_code": "JSK-01", "performance_year": YEAR})
	frappe.db.set_value(
		"Performance Evaluation",
		jsk,
		{"needs_rectification": 1, "rectification_requirement": "完成剩余小区绿化收尾。"},
	)
	walk(
		as_officer(make_rectification, "Performance Evaluation", jsk),
		"JSK",
		(*ACCEPTED, "Forward to Finance Bureau"),
	)
	# from the monitoring round: GHK's record, sent in August and never answered: overdue
	ghk = frappe.db.get_value("Performance Monitoring", {"project_code": "GHK-01", "performance_year": YEAR})
	frappe.db.set_value(
		"Performance Monitoring",
		ghk,
		{"needs_rectification": 1, "rectification_requirement": "说明数据库建设进度滞后原因并提出追赶措施。"},
	)
	late = as_officer(make_rectification, "Performance Monitoring", ghk)
	walk(late, "GHK", SENT)
	frappe.db.set_value(
		"Rectification",
		late,
		{"result_date": "2026-08-10", "notice_date": "2026-08-20", "due_date": "2026-09-19"},
	)
	for code, problem, requirement, actions in BY_HAND:
		doc = frappe.get_doc(
			{
				"doctype": "Rectification",
				"source_description": "市财政局反馈意见",
				"performance_year": YEAR,
				"budget_unit": frappe.db.get_value("Performance Goal", goal_of(code), "budget_unit"),
				"performance_goal": goal_of(code),
				"problem": problem,
				"requirement": requirement,
			}
		)
		as_officer(doc.insert)
		walk(doc.name, code.split("-")[0], actions)
	mark_overdue()


def make_interview():
	goal = goal_of("ZFD-01")
	unit = frappe.db.get_value("Performance Goal", goal, "budget_unit")
	today = getdate(nowdate())
	doc = frappe.get_doc(
		{
			"doctype": "Performance Interview",
			"performance_year": YEAR,
			"budget_unit": unit,
			"reason": "Poor Grade",
			"reason_details": "2026年度执法装备购置项目自评等级为差，预算执行率45%。",
			"interview_date": add_days(today, -14),
			"interview_form": "Individual",
			"location": "局财务科会议室",
			"interviewers": [
				{"participant_name": "李科长", "position": "财务科科长", "organisation": "局财务科"}
			],
			"interviewees": [
				{"participant_name": "赵大队长", "position": "大队长", "organisation": unit},
				{"participant_name": "钱会计", "position": "会计", "organisation": unit},
			],
			"matters": "项目绩效较差、预算执行缓慢，装备采购两次流标。",
			"minutes": "<p>约谈指出项目前期论证不足、采购计划安排不合理；单位承认问题并作出整改承诺。</p>",
			"commitments": [
				{
					"commitment": "完善装备采购需求论证，重新编制采购计划。",
					"due_date": add_days(today, 16),
					"performance_goal": goal,
				},
				{
					"commitment": "建立项目资金支付台账，按月报送执行进度。",
					"due_date": add_days(today, 30),
					"performance_goal": goal,
				},
			],
		}
	)
	with acting_as(FINANCE_HEAD):
		doc.insert()
		doc.submit()
		made = make_rectifications(doc.name)
	walk(made[0], "ZFD", (*SENT, *SUBMITTED))
	walk(made[1], "ZFD", SENT)


def make_advice():
	as_officer(create_budget_advice, YEAR)
	with acting_as(FINANCE_HEAD):
		for code, decision in (
			("JSK-01", {}),
			(
				"ZFD-01",
				{
					"decided_action": "Cut Budget",
					"decided_cut_percent": 50,
					"override_reason": "执法装备属刚性需求，不宜取消；压减50%并督促限期整改。",
				},
			),
		):
			name = frappe.db.get_value(
				"Budget Advice", {"project_code": code, "performance_year": YEAR, "docstatus": 0}
			)
			if name:
				doc = frappe.get_doc("Budget Advice", name)
				doc.update(decision)
				doc.submit()


def make_referral():
	goal = goal_of("ZFD-01")
	doc = frappe.get_doc(
		{
			"doctype": "Accountability Referral",
			"performance_year": YEAR,
			"budget_unit": frappe.db.get_value("Performance Goal", goal, "budget_unit"),
			"performance_goal": goal,
			"performance_interview": frappe.db.get_value("Performance Interview", {"performance_year": YEAR}),
			"facts": "约谈中发现装备采购存在拆分合同规避公开招标的嫌疑。",
			"referred_to": "驻局纪检监察组",
			"legal_basis": "Regulations on Punishing Fiscal Violations",
			"referral_date": nowdate(),
		}
	)
	with acting_as(FINANCE_HEAD):
		doc.insert()
