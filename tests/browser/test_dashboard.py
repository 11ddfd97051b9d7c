"""The finance head's dashboard (issue: results application; since issue 12
on finance's own page 财务科审核): the number cards and charts show the
bureau's figures in Chinese, and a unit user sees only their own unit's
figures on the same cards of their page 单位填报."""

import json
import re
from decimal import ROUND_HALF_UP, Decimal

from playwright.sync_api import expect

from perf_budget.demo.bureau import DEMO_PASSWORD

FINANCE_HEAD = "finance.head@perf.local"
UNIT_USER = "ghk.user@perf.local"  # 规划科: green monitoring, one overdue rectification in the demo
CARDS = {
	"红色预警": ("Performance Monitoring", [["warning_level", "=", "Red"], ["docstatus", "<", 2]]),
	"逾期整改事项": ("Rectification", [["status", "=", "Overdue"]]),
}


def exactly(title: str) -> re.Pattern:
	"""A title as the whole text: 自评平均分 is also inside 部门整体自评平均分."""
	return re.compile(f"^{re.escape(title)}$")


def card_number(page, title: str) -> str:
	card = page.locator(".number-widget-box", has=page.locator(".widget-title", has_text=exactly(title)))
	expect(card.locator(".widget-content .number")).to_be_visible()
	return card.locator(".widget-content .number").inner_text().strip()


def api_count(browser, base_url, user: str, doctype: str, filters: list, year: str) -> int:
	"""The same count through the REST API as the same person (the card's year filter included)."""
	context = browser.new_context(base_url=base_url)
	try:
		api = context.request
		api.post("/api/method/login", data={"usr": user, "pwd": DEMO_PASSWORD})
		if doctype == "Performance Monitoring":
			filters = [*filters, ["performance_year", "=", year]]
		answer = api.get(
			f"/api/method/frappe.client.get_count?doctype={doctype}&filters={json.dumps(filters)}"
		)
		return int(answer.json()["message"])
	finally:
		context.close()


def dashboard_year(page) -> str:
	return page.evaluate("frappe.boot.perf_budget_year")


def test_finance_head_dashboard_shows_cards_and_charts(page, login, browser, base_url):
	login(FINANCE_HEAD)
	page.goto("/app/finance-review")
	for title in (
		"待我审核",
		"红色预警",
		"逾期整改事项",
		"自评平均分",
		"部门整体自评平均分",
		"待财务科审核的事前评估",
	):
		expect(page.locator(".number-widget-box .widget-title", has_text=exactly(title))).to_be_visible()
	for title in ("评价等级分布", "各单位预警情况"):
		expect(page.locator(".dashboard-widget-box .widget-title", has_text=title)).to_be_visible()
	# the grade chart draws bars for the graded projects (frappe-charts SVG)
	grade_bars = page.locator(".dashboard-widget-box", has_text="评价等级分布").locator("rect.bar")
	expect(grade_bars.first).to_be_attached()
	for _attempt in range(40):  # bars grow in with an animation
		if grade_bars.evaluate_all("bars => bars.some((bar) => parseFloat(bar.getAttribute('height')) > 0)"):
			break
		page.wait_for_timeout(500)
	else:
		raise AssertionError("the grade distribution chart shows no bar")
	year = dashboard_year(page)
	for title, (doctype, filters) in CARDS.items():
		expected = api_count(browser, base_url, FINANCE_HEAD, doctype, filters, year)
		assert expected > 0, f"the demo should have {title}"
		assert card_number(page, title) == str(expected), title
	# the score as the reports show it: two decimals, never rounded to a whole number
	assert re.fullmatch(r"\d+\.\d\d", card_number(page, "自评平均分"))
	page.screenshot(path="test-results/finance-dashboard.png", full_page=True)


def test_unit_user_sees_their_own_figures(page, login, browser, base_url):
	login(UNIT_USER)
	page.goto("/app/unit-filing")
	year = dashboard_year(page)
	for title, (doctype, filters) in CARDS.items():
		mine = api_count(browser, base_url, UNIT_USER, doctype, filters, year)
		everybody = api_count(browser, base_url, FINANCE_HEAD, doctype, filters, year)
		assert card_number(page, title) == str(mine), title
		assert mine <= everybody
	assert card_number(page, "红色预警") == "0"  # 规划科 is green; the bureau has red projects


LEADER = "leader@perf.local"


def api_list(browser, base_url, user: str, doctype: str, filters: list, fields: list) -> list[dict]:
	"""The records through the REST API as ``user`` (their isolation applies)."""
	context = browser.new_context(base_url=base_url)
	try:
		api = context.request
		api.post("/api/method/login", data={"usr": user, "pwd": DEMO_PASSWORD})
		answer = api.get(
			f"/api/resource/{doctype}",
			params={"filters": json.dumps(filters), "fields": json.dumps(fields), "limit_page_length": 0},
		)
		return answer.json()["data"]
	finally:
		context.close()


def test_leader_sees_department_wide_figures_and_assessments(page, login, browser, base_url):
	"""Issue 15 on the leader's page 绩效总览: the department self-evaluations' average
	(two decimals, — before any is accepted), the assessments awaiting finance, and
	the charts of department goals by state and assessments by conclusion."""
	login(LEADER)
	page.goto("/app/performance-overview")
	year = dashboard_year(page)
	for title in ("部门整体目标审核状态", "事前评估结论"):
		expect(page.locator(".dashboard-widget-box .widget-title", has_text=title)).to_be_visible()
	scores = [
		row["total_score"]
		for row in api_list(
			browser,
			base_url,
			LEADER,
			"Department Performance Evaluation",
			[["performance_year", "=", year], ["docstatus", "=", 1]],
			["total_score"],
		)
	]
	shown = card_number(page, "部门整体自评平均分")
	if scores:
		expected = Decimal(str(sum(scores))) / len(scores)
		assert shown == str(expected.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)), shown
	else:
		assert shown == "—"
	awaiting = api_count(
		browser,
		base_url,
		LEADER,
		"Ex-ante Assessment",
		[["workflow_state", "=", "Finance Review"], ["docstatus", "=", 0], ["performance_year", ">=", year]],
		year,
	)
	assert card_number(page, "待财务科审核的事前评估") == str(awaiting)
	page.screenshot(path="test-results/leader-dashboard.png", full_page=True)
