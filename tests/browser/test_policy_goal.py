"""Policy expenditure in the desk (art. 19): 建设管理科's demo policy of 2027 shows
its type, its policy basis and term, the documents it rests on and its expiry
review in Chinese; the goal list filtered by 政策支出 lists the policies only."""

import json
import re

from playwright.sync_api import Page, expect

UNIT_USER = "jsk.user@perf.local"  # 建设管理科
OFFICER = "finance.officer@perf.local"
POLICY_NAME = "老旧小区改造以奖代补政策"


def goal_name(page: Page, code: str, year: str) -> str:
	filters = json.dumps([["project_code", "=", code], ["performance_year", "=", year]])
	found = page.request.get(f"/api/resource/Performance Goal?filters={filters}").json()["data"]
	assert found, f"the demo's policy goal {code} of {year} should exist"
	return found[0]["name"]


def test_the_policy_goal_shows_its_basis_documents_and_review(page, login):
	login(UNIT_USER)
	page.goto(f"/app/performance-goal/{goal_name(page, 'JSK-ZC1', '2027')}")
	expect(page.locator(".page-title", has_text=POLICY_NAME)).to_be_visible()
	expect(page.locator('[data-fieldname="expenditure_type"]').first).to_contain_text("政策支出")
	section = page.locator(".form-section", has_text="政策依据与实施期限").first
	expect(section).to_be_visible()
	expect(section).to_contain_text("实施期限起")
	expect(section).to_contain_text("实施期限止")
	grid = page.locator('.frappe-control[data-fieldname="policy_documents"]').first
	expect(grid).to_be_visible()
	for caption in ("文件名称", "文号", "发文机关", "发文日期"):
		expect(grid.locator(".grid-heading-row")).to_contain_text(caption)
	expect(grid.locator(".grid-body .grid-row")).to_have_count(2)
	expect(grid).to_contain_text("长政发〔2022〕18号")
	head = page.locator(".section-head", has_text=re.compile(r"^\s*到期评估\s*$"))
	review = page.locator(".form-section", has=head)
	head.click()  # collapsed until opened
	expect(review).to_contain_text("调整后继续实施")
	expect(review).to_contain_text("延续后实施期限止")


def test_the_goal_list_filtered_by_policy_expenditure(page, login):
	login(OFFICER)
	page.goto("/app/performance-goal?expenditure_type=Policy%20Expenditure")
	rows = page.locator(".list-row-container .list-row")
	expect(rows.first).to_be_visible()
	expect(page.locator(".result")).to_contain_text(POLICY_NAME)
	expect(page.locator(".result")).to_contain_text("城市公共自行车运营补贴")
	expect(rows).to_have_count(2)
	# the standard filter shows the type in Chinese
	expect(page.locator('.standard-filter-section [data-fieldname="expenditure_type"] select')).to_have_value(
		"Policy Expenditure"
	)
	expect(
		page.locator('.standard-filter-section [data-fieldname="expenditure_type"] select option:checked')
	).to_have_text("政策支出")
