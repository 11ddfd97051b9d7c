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


def test_yellow_light_summary_is_drawn_in_its_colour(page, login):
	"""Frappe 15 styles only green, red and blue report summaries; the warning
	board's 黄灯 count was black."""
	login(FINANCE_HEAD)
	page.goto("/app/query-report/Monitoring Warning Board")
	colour = {}
	for light in ("红灯", "黄灯", "绿灯"):
		value = page.locator(".report-summary .summary-item", has_text=light).locator(".summary-value")
		expect(value).to_be_visible()
		colour[light] = value.evaluate("element => getComputedStyle(element).color")

	def css_colour(variable: str) -> str:
		return page.evaluate(
			"""variable => {
				const probe = document.createElement("span");
				probe.style.color = `var(${variable})`;
				document.body.appendChild(probe);
				const colour = getComputedStyle(probe).color;
				probe.remove();
				return colour;
			}""",
			variable,
		)

	assert colour == {
		"红灯": css_colour("--red-500"),
		"黄灯": css_colour("--orange-500"),
		"绿灯": css_colour("--green-500"),
	}
