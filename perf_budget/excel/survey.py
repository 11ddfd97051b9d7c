"""The answer sheet of a satisfaction survey (art. 22 (二)): one row a
respondent, one column per question, answers as people type them. The
template is written here and read back here (no Frappe).

Layout of sheet 答卷: row 1 the survey's title; row 2 the captions 答卷编号,
第1题 …, 第N题 …; from row 3 the responses. A file whose captions do not
name this survey's questions in order is refused, never read by position.
"""

import io
import re
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from perf_budget.excel.cells import text_cell, write_row
from perf_budget.excel.layout import FormError
from perf_budget.excel.upload import open_workbook
from perf_budget.rules.survey import SCALE_HINTS

SHEET = "答卷"
NOTES_SHEET = "填写说明"
RESPONDENT = "答卷编号"
HEADER_ROW = 2
MAX_RESPONSES = 5000

NO_ANSWER_SHEET = 'The file has no sheet "答卷" with the caption "答卷编号" in cell A2: download the template of this survey and fill it in'
WRONG_QUESTION = (
	'The caption should be "{0}" (this survey\'s question {1}); download the template of this survey again'
)
EXTRA_COLUMN = "The survey has {0} questions; this column is one too many: delete it"
TOO_MANY_RESPONSES = "The sheet has {0} responses, more than {1}: split the survey"
NO_RESPONSES = "The sheet has no responses below the captions"
MESSAGES = (NO_ANSWER_SHEET, WRONG_QUESTION, EXTRA_COLUMN, TOO_MANY_RESPONSES, NO_RESPONSES)


def caption(number: int, question: str) -> str:
	return f"第{number}题 {question}"


def template(title: str, questions: list[tuple[str, str]], responses: list[tuple[str, list[str]]]) -> bytes:
	"""The answer sheet of a survey: questions are (text, scale); responses (respondent, answers)."""
	workbook = Workbook()
	sheet = workbook.active
	sheet.title = SHEET
	text_cell(sheet.cell(row=1, column=1), f"满意度调查答卷：{title}").font = Font(bold=True, size=14)
	write_row(sheet, HEADER_ROW, [RESPONDENT, *(caption(i, q) for i, (q, _) in enumerate(questions, 1))])
	for cell in sheet[HEADER_ROW]:
		cell.font = Font(bold=True)
	for offset, (respondent, answers) in enumerate(responses):
		write_row(sheet, HEADER_ROW + 1 + offset, [respondent or "", *answers])
	sheet.column_dimensions["A"].width = 12
	for column in range(2, len(questions) + 2):
		sheet.column_dimensions[get_column_letter(column)].width = 18
	sheet.freeze_panes = "B3"
	notes = workbook.create_sheet(NOTES_SHEET)
	lines = [
		"每行一份答卷，每列一道题；不要改动第 2 行的题目。",
		"答案照填：留空表示该题未作答；整行留空或有无法识别的答案的答卷记为无效，并注明原因。",
		*(f"第{i}题 {q}：{SCALE_HINTS[scale]}" for i, (q, scale) in enumerate(questions, 1)),
	]
	for row, line in enumerate(lines, start=1):
		text_cell(notes.cell(row=row, column=1), line)
	notes.column_dimensions["A"].width = 90
	output = io.BytesIO()
	workbook.save(output)
	return output.getvalue()


def as_typed(value: Any) -> str:
	"""A cell as the text a person typed: 5.0 -> "5", None -> ""."""
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	if isinstance(value, datetime | date | time):
		return value.isoformat()
	return str(value).strip()


def read_responses(
	data: bytes, filename: str, questions: list[str]
) -> tuple[list[tuple[str, list[str]]], list[FormError]]:
	"""The responses of an uploaded answer sheet of the survey whose question texts are ``questions``."""
	workbook, errors = open_workbook(data, filename)
	if errors:
		return [], errors
	sheet = workbook[SHEET] if SHEET in workbook.sheetnames else None
	if sheet is None or as_typed(sheet.cell(row=HEADER_ROW, column=1).value) != RESPONDENT:
		return [], [FormError(None, None, None, NO_ANSWER_SHEET)]
	errors = header_errors(sheet, questions)
	if errors:
		return [], errors
	width = len(questions) + 1
	rows, beyond = [], []
	for number, values in enumerate(
		sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True), HEADER_ROW + 1
	):
		typed = [as_typed(v) for v in values] + [""] * (width - len(values))
		beyond += [
			FormError(SHEET, number, get_column_letter(column), EXTRA_COLUMN, (len(questions),))
			for column, text in enumerate(typed[width:], width + 1)
			if text
		]
		if any(typed[:width]):  # a wholly empty line is not a response
			rows.append((typed[0], typed[1:width]))
		if len(rows) > MAX_RESPONSES:
			return [], [FormError(SHEET, None, None, TOO_MANY_RESPONSES, (len(rows), MAX_RESPONSES))]
	if beyond:
		return [], beyond[:20]
	if not rows:
		return [], [FormError(SHEET, None, None, NO_RESPONSES)]
	return rows, []


def header_errors(sheet, questions: list[str]) -> list[FormError]:
	errors = []
	for number, question in enumerate(questions, start=1):
		found = as_typed(sheet.cell(row=HEADER_ROW, column=number + 1).value)
		expected = caption(number, question)
		# the caption names the question's number; the text after it may be shortened by hand
		if not re.match(rf"第{number}题(\s|$)", found):
			errors.append(
				FormError(
					SHEET, HEADER_ROW, get_column_letter(number + 1), WRONG_QUESTION, (expected, number)
				)
			)
	for column in range(len(questions) + 2, sheet.max_column + 1):
		if as_typed(sheet.cell(row=HEADER_ROW, column=column).value):
			errors.append(
				FormError(SHEET, HEADER_ROW, get_column_letter(column), EXTRA_COLUMN, (len(questions),))
			)
	return errors
