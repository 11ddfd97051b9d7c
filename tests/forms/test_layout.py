"""The form engine: error locations, translation hand-off, and the zh translations shipped with it."""

import re
from pathlib import Path

from openpyxl import Workbook

from perf_budget.forms import goal_form, upload
from perf_budget.forms.layout import (
	AT_CELL,
	AT_ROW,
	NOT_A_NUMBER,
	TEXT,
	Column,
	Field,
	FormError,
	FormLayout,
	Grid,
	Number,
	describe,
	read_form,
	render,
	write_form,
)

PO = Path(goal_form.__file__).parents[1] / "locale" / "zh.po"


def zh():
	"""msgid -> msgstr of the app's zh.po (simple entries, as the messages are)."""
	import re

	entries = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', PO.read_text(encoding="utf-8"), re.M)
	return dict(entries)


def test_describe_puts_sheet_row_and_column_in_front():
	error = FormError("P-1", 8, "D", NOT_A_NUMBER, ("财政资金", "abc"))
	assert describe(error) == (AT_CELL, ("P-1", 8, "D", "财政资金 must be a number, not abc"))


def test_describe_without_column_or_sheet():
	assert describe(FormError("P-1", 30, None, "{0} x", ("a",))) == (AT_ROW, ("P-1", 30, "a x"))
	assert describe(FormError(None, None, None, upload.EMPTY_FILE)) == (upload.EMPTY_FILE, ())


def test_render_translates_location_and_detail_separately():
	error = FormError("P-1", 8, "D", NOT_A_NUMBER, ("其中：财政资金", "一千万"))
	assert render(error, zh().get) == "工作表“P-1”第8行D列：其中：财政资金须填写数字，不能是“一千万”"
	assert render(error) == "Sheet P-1, row 8, column D: 其中：财政资金 must be a number, not 一千万"


def test_every_message_key_has_a_zh_translation_with_the_same_placeholders():
	translations = zh()
	assert set(goal_form.MESSAGES) - set(translations) == set()
	for message in goal_form.MESSAGES:
		translated = translations[message]
		assert sorted(re.findall(r"\{\d\}", message)) == sorted(re.findall(r"\{\d\}", translated)), message


SMALL = FormLayout(
	title="小表",
	title_at="A1:B1",
	fields=(Field("name", "名称", "A2", "B2", TEXT, required=True),),
	grid=Grid("rows", 3, (Column("item", "项目", 10, TEXT, True), Column("amount", "金额", 10, Number()))),
)


def test_a_small_layout_reads_what_it_wrote_and_stops_at_a_footer():
	ws = Workbook().active
	write_form(ws, SMALL, {"name": "甲", "rows": [{"item": "a", "amount": 1}, {"item": "b", "amount": 2.5}]})
	ws["A6"], ws["B6"] = "合计", 3.5
	record, errors = read_form(ws, SMALL)
	assert errors == []
	assert record == {
		"name": "甲",
		"rows": [{"item": "a", "amount": 1.0, "row": 4}, {"item": "b", "amount": 2.5, "row": 5}],
	}


def test_every_bad_cell_is_reported_not_only_the_first():
	ws = Workbook().active
	write_form(ws, SMALL, {"rows": [{"item": "a", "amount": "x"}, {"amount": 1}]})
	_, errors = read_form(ws, SMALL)
	assert [(error.row, error.column) for error in errors] == [(2, "B"), (4, "B"), (5, "A")]
