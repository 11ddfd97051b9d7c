"""The satisfaction survey's answer sheet (perf_budget/excel/survey.py): the
template reads back as it was written, answers as typed; a sheet that is not
this survey's is refused, never read by position."""

import io

from openpyxl import Workbook, load_workbook

from perf_budget.excel.survey import (
	EXTRA_COLUMN,
	NO_ANSWER_SHEET,
	NO_RESPONSES,
	WRONG_QUESTION,
	read_responses,
	template,
)
from perf_budget.excel.upload import NOT_XLSX
from perf_budget.rules.survey import FIVE_LEVELS, THREE_LEVELS

QUESTIONS = [("服务是否及时", FIVE_LEVELS), ("总体满意度", THREE_LEVELS)]
TEXTS = [q for q, _ in QUESTIONS]


def resave(data: bytes, change) -> bytes:
	workbook = load_workbook(io.BytesIO(data))
	change(workbook["答卷"])
	output = io.BytesIO()
	workbook.save(output)
	return output.getvalue()


def test_the_template_reads_back_with_answers_as_typed():
	data = template("问卷", QUESTIONS, [("R1", ["满意", "一般"]), ("", ["5", ""])])
	rows, errors = read_responses(data, "答卷.xlsx", TEXTS)
	assert errors == []
	assert rows == [("R1", ["满意", "一般"]), ("", ["5", ""])]
	notes = load_workbook(io.BytesIO(data))["填写说明"]
	assert notes["A3"].value == "第1题 服务是否及时：非常满意/满意/一般/不满意/非常不满意 或 5/4/3/2/1"


def test_numbers_read_as_people_typed_them_and_empty_lines_are_skipped():
	def fill(sheet):
		sheet.append(["R1", 5.0, 3])
		sheet.append([None, None, None])
		sheet.append(["R2", 4.5, " 满意 "])

	rows, errors = read_responses(resave(template("问卷", QUESTIONS, []), fill), "a.xlsx", TEXTS)
	assert errors == []
	assert rows == [("R1", ["5", "3"]), ("R2", ["4.5", "满意"])]


def test_a_sheet_of_other_questions_is_refused():
	data = template("问卷", [("别的题目", FIVE_LEVELS)], [("R1", ["满意"])])
	rows, errors = read_responses(data, "a.xlsx", TEXTS)
	assert rows == []
	assert [(e.row, e.column, e.message, e.args) for e in errors] == [
		(2, "C", WRONG_QUESTION, ("第2题 总体满意度", 2))
	]


def test_answers_beyond_the_questions_are_refused():
	data = resave(template("问卷", QUESTIONS, [("R1", ["满意", "满意"])]), lambda s: s.cell(3, 4, "满意"))
	rows, errors = read_responses(data, "a.xlsx", TEXTS)
	assert rows == []
	assert [(e.row, e.column, e.message) for e in errors] == [(3, "D", EXTRA_COLUMN)]


def test_not_the_template_no_responses_not_a_workbook():
	other = Workbook()
	other.active.title = "Sheet1"
	output = io.BytesIO()
	other.save(output)
	assert [e.message for e in read_responses(output.getvalue(), "a.xlsx", TEXTS)[1]] == [NO_ANSWER_SHEET]
	empty = template("问卷", QUESTIONS, [])
	assert [e.message for e in read_responses(empty, "a.xlsx", TEXTS)[1]] == [NO_RESPONSES]
	assert [e.message for e in read_responses(b"hello", "a.xlsx", TEXTS)[1]] == [NOT_XLSX]
