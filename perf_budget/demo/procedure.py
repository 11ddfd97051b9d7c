"""Demo of art. 22's procedure on 办公室's 2026 self-evaluation, still with the
unit: its data checklist partly collected, a site visit, and a satisfaction
survey of 32 responses (2 invalid) whose result, 93.33 %, is the 干部职工满意度
indicator's actual value (full points, as the demo had before)."""

import frappe

from perf_budget.demo.bureau import unit_user
from perf_budget.procedure import fill_checklist
from perf_budget.workflow.actions import acting_as

YEAR = "2026"
PROJECT = "BGS-01"
INDICATOR = "干部职工满意度"
QUESTIONS = ("公务用车保障是否及时", "办公设备维修是否及时", "对机关办公保障的总体满意度")
# 30 valid responses as typed, 28 of them satisfied; then a blank one and one with a typo
RESPONSES = (
	*((f"BG{i:03d}", ("满意", "非常满意", "5")) for i in range(1, 21)),
	*((f"BG{i:03d}", ("一般", "满意", "4")) for i in range(21, 29)),
	("BG029", ("不满意", "一般", "一般")),
	("BG030", ("2", "", "不满意")),
	("BG031", ("", "", "")),
	("BG032", ("满意", "满竟", "满意")),
)
COLLECTED = {
	"批复的绩效目标": "见系统中本项目2026年绩效目标",
	"预算执行数据": "见本表预算执行部分",
	"项目实施方案": "",
}


def make_procedure():
	name = frappe.db.get_value(
		"Performance Evaluation", {"project_code": PROJECT, "performance_year": YEAR, "docstatus": 0}
	)
	if not name:
		return
	with acting_as(unit_user("BGS")):
		collect(name)
		if not frappe.db.exists("Satisfaction Survey", {"performance_evaluation": name}):
			survey(name)


def collect(name: str) -> None:
	"""The checklist partly collected and a site visit."""
	if frappe.db.exists("Evaluation Site Visit", {"parent": name, "parenttype": "Performance Evaluation"}):
		return
	# attached first: attaching touches the record
	files = {item: demo_file(name, f"{item}.txt") for item, note in COLLECTED.items() if not note}
	evaluation = frappe.get_doc("Performance Evaluation", name)
	fill_checklist(evaluation)  # a demo made before the checklist existed has none
	for row in evaluation.checklist:
		if row.item in COLLECTED:
			row.done, row.note, row.file = 1, COLLECTED[row.item], files.get(row.item)
	evaluation.append(
		"site_visits",
		{
			"visit_date": "2026-11-18",
			"place": "机关大院车队、设备维修间",
			"people": "办公室 刘主任、财务科 王会计",
			"findings": "公务用车台账完整，12台办公设备维修记录齐全，1台复印机待更换。",
		},
	)
	evaluation.save()


def survey(name: str) -> None:
	frappe.get_doc(
		{
			"doctype": "Satisfaction Survey",
			"performance_evaluation": name,
			"survey_title": "机关办公运行保障满意度调查",
			"respondent_group": "局机关干部职工",
			"survey_date": "2026-11-20",
			"questions": [
				{"question": text, "indicator": INDICATOR if i == len(QUESTIONS) - 1 else None}
				for i, text in enumerate(QUESTIONS)
			],
			"responses": [
				{"respondent": respondent, **{f"q{i}": a for i, a in enumerate(answers, start=1)}}
				for respondent, answers in RESPONSES
			],
		}
	).insert()


def demo_file(evaluation: str, file_name: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": "项目实施方案（演示）",
				"attached_to_doctype": "Performance Evaluation",
				"attached_to_name": evaluation,
				"is_private": 1,
			}
		)
		.insert()
		.file_url
	)
