"""Demo written reports of 2026 (arts. 17 and 23): the department's
绩效自评总结报告, written by the finance officer and sent by the finance head
(its Word file kept on the record), and the 1—7月 监控情况报告, which the
finance head returned with a reason and the officer is revising.

Idempotent like the rest of the demo: a report of the kind and year that
exists is left alone."""

import frappe

from perf_budget.demo.results import FINANCE_HEAD
from perf_budget.demo.steps import OFFICER
from perf_budget.workflow.actions import act_as, acting_as

YEAR = "2026"
REPORT = "Performance Report"
MONITORING_MONTH = 7
SELF_EVALUATION_TEXTS = {
	"basic_situation": (
		"我局下设办公室、规划科、建设管理科、财务科等内设机构和市政设施服务中心、城市管理综合执法队、"
		"信息中心、培训中心等预算单位。2026年度纳入绩效自评范围的项目支出均已按规定开展自评。"
	),
	"organization": (
		"局财务科牵头制定自评工作方案，明确自评范围、时间安排和工作要求；各预算单位对照批复的绩效目标逐项自评，"
		"单位负责人审核后报财务科；财务科对自评材料进行复核，对评分依据不足的项目退回补正。"
	),
	"results_narrative": "总体看，各项目基本完成年度绩效目标，预算执行较好，个别项目产出和效益指标未达预期。",
	"problems_and_causes": (
		"一是个别项目绩效目标设置不够细化，部分指标难以量化考核；"
		"二是部分项目预算执行进度偏慢，主要因前期手续办理时间较长；"
		"三是满意度调查样本偏少，代表性不足。"
	),
	"improvement_measures": (
		"一是加强绩效目标编制指导，推行指标库管理；二是建立预算执行月通报制度，"
		"督促进度偏慢的项目加快执行；三是规范满意度调查方法，扩大调查范围。"
	),
}
MONITORING_TEXTS = {
	"monitoring_overview": "财务科组织各预算单位对1—7月项目绩效目标实现程度和预算执行进度开展监控。",
	"budget_execution": "从执行进度看，多数项目执行正常，个别项目执行进度明显滞后于时间进度。",
	"goal_completion": "对红灯预警项目，已要求项目单位说明原因并提出纠偏措施。",
	"deviation_and_correction": "偏差主要由资金拨付滞后和项目前期准备不足造成，相关单位已制定纠偏计划。",
	"next_steps": "一是跟踪红灯、黄灯项目纠偏情况；二是将监控结果作为下年度预算安排的参考。",
}
RETURN_REASON = "偏差原因分析不够具体，请按项目补充纠偏措施和完成时限。"


def make_reports():
	if not exists("Self-Evaluation Summary Report"):
		name = write("Self-Evaluation Summary Report", SELF_EVALUATION_TEXTS)
		act_as(OFFICER, REPORT, name, "Submit to Finance Head")
		act_as(FINANCE_HEAD, REPORT, name, "Approve and Send")
	if not exists("Monitoring Report"):
		name = write("Monitoring Report", MONITORING_TEXTS, period_end_month=MONITORING_MONTH)
		act_as(OFFICER, REPORT, name, "Submit to Finance Head")
		act_as(FINANCE_HEAD, REPORT, name, "Return", return_reason=RETURN_REASON)


def exists(kind: str) -> bool:
	return bool(frappe.db.exists(REPORT, {"report_kind": kind, "performance_year": YEAR}))


def write(kind: str, texts: dict, **values) -> str:
	with acting_as(OFFICER):
		return (
			frappe.get_doc(
				{"doctype": REPORT, "report_kind": kind, "performance_year": YEAR, **texts, **values}
			)
			.insert()
			.name
		)
