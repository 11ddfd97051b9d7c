"""Figures as printed (perf_budget/rules/figures.py and the print formats' filters), without Frappe:
amounts 1,909.50 in 万元, rates 45.00%, scores at the set precision, "—" for what is not there."""

from pathlib import Path

import pytest
from print_formats import FILTERS, FakeDoc, load_print_format, renderer
from test_evaluation_print_format import grid, indicator, make_evaluation, money_block

from perf_budget.rules import figures


@pytest.mark.parametrize(
	("value", "shown"),
	[(1909.5, "1,909.50"), (0, "0.00"), ("1234567.891", "1,234,567.89"), (2.675, "2.68"), (-0.001, "0.00")],
)
def test_amounts_have_two_decimals_and_separators(value, shown):
	assert figures.amount(value) == shown


def test_rates_have_two_decimals_and_percent():
	assert (figures.rate(45), figures.rate(85.5), figures.rate(99.999)) == ("45.00%", "85.50%", "100.00%")


def test_scores_follow_the_precision():
	assert [figures.score(86.5, p) for p in (2, 1, 0)] == ["86.50", "86.5", "87"]
	assert figures.score(50, 2) == "50.00"  # the weight reads like the score beside it


@pytest.mark.parametrize("show", [figures.amount, figures.rate, lambda v: figures.score(v, 2)])
@pytest.mark.parametrize("missing", [None, "", "abc"])
def test_missing_is_a_dash_never_zero(show, missing):
	assert show(missing) == "—"


def evaluation_print(doc, filters=None):
	return renderer(load_print_format("项目支出绩效自评表"), "sandboxed", filters)(doc)


def test_the_evaluation_print_shows_the_figures_as_the_form_does():
	doc = make_evaluation(annual_budget=1909.5, executed_amount=859.28, execution_rate=45.0, total_score=86.5)
	out = evaluation_print(doc)
	money = money_block(out)
	assert ">1,909.50<" in money and ">859.28<" in money
	assert ">45.00%<" in money  # one cell, never "45.0 / 0%"
	rows = grid(out)
	assert ">20.00<" in rows and ">18.00<" in rows  # 分值 beside 得分, both with decimals
	assert ">86.50<" in out


def test_an_actual_never_entered_is_a_dash():
	unscored = indicator(indicator_name="培训合格率", target_display="≥95%", unit="%", weight=15.0)
	qualitative = indicator(indicator_name="能力提升", operator="Qualitative", actual_value=None, weight=30.0)
	lower = indicator(indicator_name="投诉件数", operator="<=", unit="件", weight=5.0, score=5.0)
	rows = grid(evaluation_print(make_evaluation(indicators=[unscored, qualitative, lower])))
	assert rows.count(">—<") == 2  # the unscored 0 and the qualitative row without a result
	assert ">0件<" in rows  # a 0 that earned its points is a result


def test_scores_print_at_the_precision_of_the_settings():
	one_decimal = {**FILTERS, "pb_score": lambda value: figures.score(value, 1)}
	out = evaluation_print(make_evaluation(), one_decimal)
	assert ">86.5<" in out and ">20.0<" in grid(out)


def test_an_empty_evaluation_prints_dashes():
	out = evaluation_print(FakeDoc(indicators=[], experts=[]))
	assert "0.00" not in out and ">—<" in money_block(out)


def test_the_excel_form_shows_points_and_scores_with_the_set_decimals():
	import io

	from openpyxl import load_workbook

	from perf_budget.excel.evaluation_form import export_evaluations

	record = {
		"performance_year": "2026",
		"execution_weight": 10,
		"execution_score": 8.55,
		"total_score": 86.5,
		"indicators": [
			{
				"level1": "Output",
				"level2": "Quantity",
				"indicator_name": "改造数量",
				"operator": ">=",
				"target_value": 10,
				"unit": "所",
				"weight": 50,
				"score": 45,
			},
		],
	}
	for decimals, shown in ((2, "0.00"), (1, "0.0"), (0, "0")):
		ws = load_workbook(io.BytesIO(export_evaluations([record], score_decimals=decimals))).active
		formats = {cell.value: cell.number_format for row in ws.iter_rows() for cell in row}
		assert (formats[50], formats[45], formats[10], formats[86.5]) == (shown,) * 4


def test_every_figure_field_of_the_app_has_its_decimals():
	"""A Float or Percent without precision shows the site's 3 decimals ("1,909.500")."""
	import json

	doctypes = Path(__file__).resolve().parent.parent / "perf_budget" / "perf_budget" / "doctype"
	without = [
		f"{path.stem}.{field['fieldname']}"
		for path in doctypes.glob("*/*.json")
		for field in json.loads(path.read_text(encoding="utf-8")).get("fields", [])
		if field.get("fieldtype") in ("Float", "Percent", "Currency") and not field.get("precision")
	]
	assert without == []
