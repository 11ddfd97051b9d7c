"""Foundation smoke test: a unit user in the desk, in Chinese, kept out of settings."""

import re

from playwright.sync_api import expect

UNIT_USER = "ghk.user@perf.local"  # 规划科 filler in the demo bureau


def test_unit_user_sees_the_workspace_in_chinese(page, login):
	login(UNIT_USER)
	page.goto("/app/unit-filing")
	expect(page.locator(".sidebar-item-label", has_text="单位填报").first).to_be_visible()
	expect(page.locator(".widget.shortcut-widget-box", has_text="退回的绩效目标").first).to_be_visible()
	page.screenshot(path="test-results/workspace.png", full_page=True)


def test_unit_user_is_refused_the_settings_page(page, login):
	login(UNIT_USER)
	page.goto("/app/perf-budget-settings")
	# Frappe answers a DocType the user may not read with 未找到 (not found) or 不允许
	refusal = page.locator(".modal-dialog:visible, .page-container:visible").filter(
		has_text=re.compile("未找到|不允许|权限不足")
	)
	expect(refusal.first).to_be_visible()
	expect(page.locator('[data-fieldname="output_weight"] input')).to_have_count(0)
