"""The reports' count charts draw whole-number axes (issue 12: a y-axis read
0, 0.5, 1, 1.5, 2 for two projects). perf_budget.js gives a chart of whole
numbers a top frappe-charts splits into whole steps."""

import re

import pytest
from playwright.sync_api import expect

FINANCE_HEAD = "finance.head@perf.local"
COUNT_CHARTS = (
	"Budget Advice",
	"Rectification Tracking",
	"Self-Evaluation Scores",
	"Monitoring Warning Board",
	"Goal Review Summary",
)


@pytest.mark.parametrize("report", COUNT_CHARTS)
def test_count_chart_has_whole_number_axis(page, login, report):
	login(FINANCE_HEAD)
	page.goto(f"/app/query-report/{report}")
	ticks = page.locator(".chart-container .y.axis text")
	expect(ticks.first).to_be_attached()
	page.wait_for_load_state("networkidle")  # a report may run again once its filters settle
	labels = [label.strip().replace(",", "") for label in ticks.all_text_contents()]
	assert labels and all(re.fullmatch(r"\d+", label) for label in labels), (report, labels)
