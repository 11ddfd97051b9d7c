"""Exports never turn a record's text into a formula (issue 11, item 5): text
starting with = + - @ or a tab is written as a text cell and reads back as
the same string, in the disclosure package and the department summary."""

import io

import pytest
from openpyxl import load_workbook

from perf_budget.excel.cells import text_cell
from perf_budget.excel.department_summary import department_summary_workbook
from perf_budget.excel.disclosure import disclosure_workbook

TEXTS = ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\t=1", "=1+1", "\r=1"]
# openpyxl writes through lxml (a dependency of python-docx, so always there):
# a carriage return is escaped, so every text reads back unchanged.


def cells(data: bytes) -> list:
	return [
		cell for ws in load_workbook(io.BytesIO(data)).worksheets for row in ws.iter_rows() for cell in row
	]


def assert_all_text_kept(data: bytes, texts: list[str]) -> None:
	everything = cells(data)
	assert [cell.coordinate for cell in everything if cell.data_type == "f"] == []
	expected = set(texts)
	found = {cell.value: cell.data_type for cell in everything if cell.value in expected}
	assert found == {text: "s" for text in expected}


@pytest.mark.parametrize("text", TEXTS)
def test_text_cell_keeps_a_formula_like_string(text):
	from openpyxl import Workbook

	workbook = Workbook()
	text_cell(workbook.active["A1"], text)
	buffer = io.BytesIO()
	workbook.save(buffer)
	cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A1"]
	assert (cell.value, cell.data_type) == (text, "s")


def test_text_cell_leaves_numbers_numbers():
	from openpyxl import Workbook

	sheet = Workbook().active
	assert (text_cell(sheet["A1"], 12.5).value, sheet["A1"].data_type) == (12.5, "n")
	assert text_cell(sheet["A2"], None).value is None


def test_disclosure_package_writes_unit_text_as_text():
	goal = {
		"project_name": TEXTS[0],
		"budget_unit": TEXTS[1],
		"total_amount": 10,
		"annual_goal": TEXTS[2],
		"published_on": None,
		"indicators": [
			{
				"level1": "Output",
				"level2": "Quantity",
				"indicator_name": TEXTS[3],
				"operator": "Qualitative",
				"target_text": TEXTS[4],
			},
			{
				"level1": "Effect",
				"level2": "Social",
				"indicator_name": TEXTS[5],
				"operator": "Qualitative",
				"target_text": TEXTS[6],
			},
		],
	}
	result = {
		"project_name": TEXTS[0],
		"budget_unit": TEXTS[3],
		"annual_budget": 10,
		"executed_amount": 9,
		"execution_rate": 90,
		"total_score": 88,
		"grade": "Good",
	}
	data = disclosure_workbook("2026", [goal], [result])
	assert_all_text_kept(data, TEXTS)
	# the numbers stay numbers
	results = load_workbook(io.BytesIO(data))["项目绩效自评结果"]
	assert [results.cell(row=3, column=c).value for c in range(1, 8)] == [
		TEXTS[0],
		TEXTS[3],
		10,
		9,
		90,
		88,
		"良",
	]


def test_department_summary_writes_unit_text_as_text():
	summary = {
		"totals": {
			"projects": 1,
			"annual_budget": 10,
			"executed_amount": 9,
			"execution_rate": 90,
			"average_score": 55,
		},
		"grades": {"Poor": 1},
		"units": [{"budget_unit": TEXTS[0], "projects": 1, "annual_budget": 10, "poor": 1}],
		"low_scorers": [
			{
				"project_code": TEXTS[1],
				"project_name": TEXTS[2],
				"budget_unit": TEXTS[0],
				"total_score": 55,
				"grade": "Poor",
				"problems": TEXTS[3],
				"improvements": TEXTS[4],
			}
		],
		"advice": [
			{
				"project_code": TEXTS[5],
				"project_name": TEXTS[6],
				"budget_unit": TEXTS[0],
				"total_score": 55,
				"grade": "Poor",
				"unresolved_rectifications": 1,
				"advice": "Cancel or Suspend",
				"cut_percent": 100,
				"source": "Confirmed",
			}
		],
	}
	data = department_summary_workbook("2026", summary)
	assert_all_text_kept(data, TEXTS)
	low = load_workbook(io.BytesIO(data))["低分项目"]
	assert [low.cell(row=3, column=c).value for c in range(1, 8)] == [
		TEXTS[1],
		TEXTS[2],
		TEXTS[0],
		55,
		"差",
		TEXTS[3],
		TEXTS[4],
	]
	advice = load_workbook(io.BytesIO(data))["结果应用建议"]  # title, the note on 来源, header, row
	assert [advice.cell(row=4, column=c).value for c in range(1, 11)] == [
		TEXTS[5],
		TEXTS[6],
		TEXTS[0],
		55,
		"差",
		None,  # 依据: a row without the result it rests on shows none
		1,
		"取消或暂停",
		100,
		"已确认",
	]
