"""The official forms never turn a record's text into a formula (issue 11, item 5): text starting
with = + - @ or a tab is written as a text cell, and the import reads it back as the same text.
(The disclosure package and the department summary: test_formula_text.py.)"""

import pytest
from workbooks import Form, evaluation_record, goal_record, monitoring_record, opened, without_rows

from perf_budget.excel import evaluation_form, goal_form, monitoring_form, read_form

LINK = '=HYPERLINK("http://example.com","点我")'
TEXTS = (LINK, "+86 571 8888 8888", "-1+2", "@SUM(A1:A9)", "=1+1")


def formula_cells(data: bytes) -> list[str]:
	return [
		f"{ws.title}!{cell.coordinate}"
		for ws in opened(data).worksheets
		for row in ws.iter_rows()
		for cell in row
		if cell.data_type == "f"
	]


def text_cells(data: bytes) -> dict:
	"""Every string written, with its cell type."""
	return {
		cell.value: cell.data_type
		for ws in opened(data).worksheets
		for row in ws.iter_rows()
		for cell in row
		if isinstance(cell.value, str)
	}


def goal_with_texts() -> dict:
	goal = goal_record(
		project_name=TEXTS[0],
		budget_unit=TEXTS[1],
		annual_goal=TEXTS[2],
		contact_person=TEXTS[3],
		basis=TEXTS[4],
	)
	goal["indicators"][0] |= {"indicator_name": TEXTS[4], "evaluation_standard": TEXTS[0]}
	goal["medium_term_indicators"][2] |= {"target_text": TEXTS[2]}
	return goal


def monitoring_with_texts() -> dict:
	monitoring = monitoring_record(project_name=TEXTS[0], goal_progress=TEXTS[3], money_remarks=TEXTS[2])
	monitoring["indicators"][0] |= {
		"remarks": TEXTS[0],
		"corrective_measure": TEXTS[4],
		"reason_funding": TEXTS[1],
	}
	return monitoring


def evaluation_with_texts() -> dict:
	evaluation = evaluation_record(
		project_name=TEXTS[0],
		budget_unit=TEXTS[1],
		competent_department=TEXTS[2],
		actual_completion=TEXTS[4],
		execution_reason=TEXTS[3],
	)
	evaluation["indicators"][1] |= {"deviation_analysis": TEXTS[0]}
	evaluation["indicators"][2] |= {"actual_text": TEXTS[2]}
	return evaluation


CASES = [
	("goal", goal_form.export_goals, goal_with_texts),
	("monitoring", monitoring_form.export_monitorings, monitoring_with_texts),
	("evaluation", evaluation_form.export_evaluations, evaluation_with_texts),
]


@pytest.mark.parametrize(("kind", "export", "record"), CASES, ids=[case[0] for case in CASES])
def test_formula_like_text_is_written_as_text(kind, export, record):
	data = export([record()])
	assert formula_cells(data) == []
	written = text_cells(data)
	assert {text: written.get(text) for text in TEXTS} == dict.fromkeys(TEXTS, "s")


@pytest.mark.parametrize(("kind", "export", "record"), CASES, ids=[case[0] for case in CASES])
def test_formula_like_text_reads_back_unchanged(kind, export, record):
	records, errors = read_form(kind, export([record()]), "form.xlsx")
	assert errors == []
	assert without_rows(records[0]) == record()


@pytest.mark.parametrize(("kind", "export", "record"), CASES, ids=[case[0] for case in CASES])
def test_an_equals_target_is_text_not_a_formula(kind, export, record):
	# "=100%" is a target (operator =), and must not be a formula Excel computes.
	written = text_cells(export([record()]))
	assert written["=100%"] == "s"


def test_a_text_starting_with_a_tab_is_written_as_text():
	data = goal_form.export_goals([goal_record(long_term_goal="\t=1", schedule="\t@A1")])
	sheet = Form(data)
	cells = [
		sheet.ws.cell(*sheet.below("中期目标（2025—2027年）")),
		sheet.ws.cell(*sheet.right_of("进度安排")),
	]
	# The forms may trim the whitespace around a text; what is written stays text.
	assert [(cell.data_type, cell.value.lstrip("\t")) for cell in cells] == [("s", "=1"), ("s", "@A1")]
	assert formula_cells(data) == []
