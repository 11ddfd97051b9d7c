"""Art. 19: a form of a policy or a special fund says so in its title, and the
reader takes the expenditure type from the title (a title naming none leaves it open)."""

import io

import pytest
from openpyxl import load_workbook
from workbooks import evaluation_record, goal_record, monitoring_record, without_rows

from perf_budget.excel import evaluation_form, goal_form, monitoring_form, read_form

FORMS = [
	("goal", goal_form.export_goals, goal_record, "绩效目标申报表"),
	("monitoring", monitoring_form.export_monitorings, monitoring_record, "绩效目标执行监控表"),
	("evaluation", evaluation_form.export_evaluations, evaluation_record, "绩效自评表"),
]
TYPES = [
	("Project Expenditure", "项目支出"),
	("Policy Expenditure", "政策支出"),
	("Special Fund", "专项资金"),
]


def title(data: bytes) -> str:
	return load_workbook(io.BytesIO(data)).worksheets[0]["A1"].value


@pytest.mark.parametrize(("kind", "export", "record", "name"), FORMS, ids=[form[0] for form in FORMS])
@pytest.mark.parametrize(("expenditure_type", "word"), TYPES, ids=[t[0] for t in TYPES])
def test_the_title_names_the_type_and_reads_back(kind, export, record, name, expenditure_type, word):
	written = record(expenditure_type=expenditure_type)
	data = export([written])
	assert title(data) == f"{word}{name}"
	records, errors = read_form(kind, data, "form.xlsx")
	assert errors == []
	assert records[0]["expenditure_type"] == expenditure_type
	assert without_rows(records[0]) == written


def test_a_title_without_a_type_leaves_it_open():
	data = goal_form.export_goals([goal_record()])
	workbook = load_workbook(io.BytesIO(data))
	workbook.worksheets[0]["A1"].value = "绩效目标申报表"
	buffer = io.BytesIO()
	workbook.save(buffer)
	records, errors = read_form("goal", buffer.getvalue(), "form.xlsx")
	assert errors == []
	assert records[0]["expenditure_type"] is None
