"""Printing a record is linear in its rows: the level-1/level-2 rowspans are
counted in one pass, not by rescanning the rows below each row (which took
40 s for a goal of 2,000 rows)."""

import re
import time

import pytest
from print_formats import FakeDoc, load_print_format, renderer


def rows(count: int) -> list[FakeDoc]:
	levels = [
		("Output", "Quantity"),
		("Output", "Quality"),
		("Effect", "Social"),
		("Satisfaction", "Service Recipient"),
	]
	return [
		FakeDoc(
			level1=levels[number * len(levels) // count][0],
			level2=levels[number * len(levels) // count][1],
			indicator_name=f"指标{number}",
			operator=">=",
			target_value=number,
			target_display=f"≥{number}",
			unit="人",
			weight=1,
			score=1,
			actual_value=number,
		)
		for number in range(count)
	]


def render_seconds(folder: str, count: int) -> float:
	render = renderer(load_print_format(folder), "sandboxed")
	doc = FakeDoc(indicators=rows(count), performance_year="2026")
	started = time.perf_counter()
	out = render(doc)
	elapsed = time.perf_counter() - started
	assert out.count("<tr>") >= count
	return elapsed


@pytest.mark.parametrize("folder", ["项目支出绩效目标申报表", "项目支出绩效自评表"])
def test_ten_times_the_rows_take_about_ten_times_as_long(folder):
	small = min(render_seconds(folder, 200) for _ in range(3))
	large = min(render_seconds(folder, 2000) for _ in range(3))
	# linear gives about 10×; the old nested loop gave about 100×
	assert large / small < 30, f"{small:.3f}s for 200 rows, {large:.3f}s for 2000"


@pytest.mark.parametrize("folder", ["项目支出绩效目标申报表", "项目支出绩效自评表"])
def test_rowspans_cover_each_run_of_levels(folder):
	render = renderer(load_print_format(folder), "sandboxed")
	out = render(FakeDoc(indicators=rows(8), performance_year="2026"))
	spans = {label: int(span) for span, label in re.findall(r'rowspan="(\d+)"[^>]*>([^<]+)<', out)}
	levels = (
		"产出指标",
		"效益指标",
		"满意度指标",
		"数量指标",
		"质量指标",
		"社会效益指标",
		"服务对象满意度指标",
	)
	assert {label: spans.get(label) for label in levels} == {
		"产出指标": 4,
		"效益指标": 2,
		"满意度指标": 2,
		"数量指标": 2,
		"质量指标": 2,
		"社会效益指标": 2,
		"服务对象满意度指标": 2,
	}
