"""Frappe's own screens in Chinese (issue 12, item 2): the list view's
switcher, search and filters, the report view's workflow states, and a goal's
timeline, whose lines name fields and values in Chinese, an empty value as 空
and table rows as the grid numbers them — whatever language the change was
saved in (the demo saves in English)."""

import re

from playwright.sync_api import Page, expect

CLERK = "ghk.user@perf.local"  # 规划科: its 2026 goal was rated 良 by the finance section


def test_list_view_in_chinese(login, page: Page):
	login(CLERK)
	page.goto("/app/performance-goal")
	expect(page.locator(".page-title", has_text="绩效目标")).to_be_visible()
	expect(page.locator("#navbar-search")).to_have_attribute("placeholder", re.compile("^搜索或输入命令"))
	expect(page.locator(".custom-btn-group", has_text="列表视图")).to_be_visible()
	page.locator(".filter-selector .filter-button").first.click()
	popover = page.locator(".filter-popover:visible")
	expect(popover.get_by_text("+ 添加筛选条件")).to_be_visible()
	expect(popover.get_by_role("button", name="应用筛选")).to_be_visible()
	expect(popover.get_by_role("button", name="清除筛选条件")).to_be_visible()


def test_report_view_shows_workflow_states_in_chinese(login, page: Page):
	login(CLERK)
	page.goto("/app/performance-goal/view/report")
	table = page.locator(".dt-scrollable")
	expect(table.get_by_text("已确认", exact=True).first).to_be_visible()
	expect(table.get_by_text("Confirmed", exact=True)).to_have_count(0)


def test_goal_timeline_in_chinese(login, page: Page):
	login(CLERK)
	found = page.request.get(
		'/api/resource/Performance Goal?filters=[["performance_year","=","2026"],["project_code","=","GHK-01"]]'
	).json()["data"]
	page.goto(f"/app/performance-goal/{found[0]['name']}")
	timeline = page.locator(".new-timeline")
	expect(timeline.get_by_text(re.compile("创建了此记录")).first).to_be_visible()
	expect(page.locator('.comment-box .ql-editor[data-placeholder="输入回复或评论"]')).to_be_visible()
	lines = timeline.locator(".timeline-content")
	expect(lines.filter(has_text=re.compile("项目实施依据的充分性由空改为良"))).to_have_count(1)
	shown = "\n".join(lines.all_inner_texts())
	for english in ("null", "changed the value", "row #", "第0行", "from", " to "):
		assert english not in shown, f"timeline shows {english!r}:\n{shown}"
	# relative times in Chinese units (Frappe's zh had 米 for minutes)
	assert not re.search(r"\d+\s*米", shown), shown


def test_attachment_lines_in_chinese(login, page: Page):
	"""Frappe writes "Added <file>" in the language of whoever attached it."""
	login("finance.officer@perf.local")
	found = page.request.get(
		'/api/resource/Rectification?filters=[["report_attachment","is","set"]]&limit_page_length=1'
	).json()["data"]
	page.goto(f"/app/rectification/{found[0]['name']}")
	lines = page.locator(".new-timeline .timeline-content")
	expect(lines.filter(has_text="上传了附件").first).to_be_visible()
	expect(lines.filter(has_text=re.compile(r"\bAdded\b"))).to_have_count(0)
