"""The benchmark's value-for-value check (benchmarks/compare.py), without Frappe:
a report's rows and the SQL's rows are the same figures or the run fails."""

from decimal import Decimal

from benchmarks.compare import describe, differences


def test_the_same_figures_in_other_types_and_order_are_equal():
	report = [("单位A", 50, 86.5, None, "优"), ("单位B", 3, 71.25, 0.0, "中")]
	sql = [("单位B", Decimal("3"), Decimal("71.250000000"), 0, "中"), ("单位A", 50.0, 86.50, None, "优")]
	assert differences(report, sql) == ([], [])


def test_numbers_are_compared_half_up_to_two_decimals():
	assert differences([(2.675, 1.004)], [(Decimal("2.68"), 1)]) == ([], [])
	assert differences([(2.674,)], [(Decimal("2.675"),)]) == ([(Decimal("2.67"),)], [(Decimal("2.68"),)])


def test_one_changed_figure_is_shown_on_both_sides():
	report = [("单位A", 10, 80.0), ("单位B", 5, 90.0)]
	sql = [("单位A", 10, 80.0), ("单位B", 5, 90.01)]
	only_report, only_sql = differences(report, sql)
	assert only_report == [("单位B", Decimal("5.00"), Decimal("90.00"))]
	assert only_sql == [("单位B", Decimal("5.00"), Decimal("90.01"))]
	assert describe("Department summary", only_report, only_sql).splitlines() == [
		"Department summary: the report and the SQL give different figures",
		"  report only (1 rows):",
		"    (单位B, 5.00, 90.00)",
		"  SQL only (1 rows):",
		"    (单位B, 5.00, 90.01)",
	]


def test_a_missing_or_repeated_row_differs():
	row = ("PE-2031-00001", 1, 95.0)
	assert differences([row, row], [row]) == ([(row[0], Decimal("1.00"), Decimal("95.00"))], [])
	assert differences([], [row]) == ([], [(row[0], Decimal("1.00"), Decimal("95.00"))])


def test_a_word_is_compared_as_it_is():
	assert differences([("Excellent",)], [("优",)]) == ([("Excellent",)], [("优",)])
	assert differences([(None,)], [("",)]) == ([(None,)], [("",)])


def test_long_differences_are_cut_to_ten_rows_each():
	rows = [(f"PE-{n:05d}", n) for n in range(12)]
	text = describe("Ranking", rows, [])
	assert "    … 2 more" in text
	assert text.count("PE-") == 10
