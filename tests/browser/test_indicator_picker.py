"""The indicator library on a new goal (issue 12, item 6), a rectification
accepted without its result, and no standard 取消 on an accepted record.

Nothing is saved: the new goal is left unsaved and the refused action sends
no request, so the demo stays as it was."""

import json
import re

from desk import workflow_action
from playwright.sync_api import Page, expect

UNIT_USER = "ghk.user@perf.local"  # 规划科
FINANCE_OFFICER = "finance.officer@perf.local"
FINANCE_HEAD = "finance.head@perf.local"
REALTIME = "/socket.io/"  # the served test site runs no realtime server
LATIN = re.compile(r"[A-Za-z]")


def watch(page: Page) -> list[str]:
	"""Page errors and failed requests, as they happen."""
	found = []
	page.on("pageerror", lambda error: found.append(f"page error: {error}"))
	page.on(
		"response",
		lambda response: (
			response.status >= 400
			and REALTIME not in response.url
			and found.append(f"HTTP {response.status} {response.url}")
		),
	)
	return found


def one(page: Page, doctype: str, filters: list) -> str:
	found = page.request.get(
		f"/api/resource/{doctype}?filters={json.dumps(filters)}&order_by=name%20asc"
	).json()["data"]
	assert found, f"the demo should have a {doctype} with {filters}"
	return found[0]["name"]


def test_a_new_goal_picks_indicators_by_name_and_keeps_them_by_level(page, login):
	problems = watch(page)
	login(UNIT_USER)
	page.goto("/app/performance-goal/new")
	page.locator(".page-actions button", has_text="从指标库选取").click()

	dialog = page.locator(".modal-dialog:visible")
	expect(dialog.locator(".modal-title")).to_have_text("从指标库选取指标")
	headers = dialog.locator("table thead th")
	expect(headers).to_have_text(["", "指标名称", "一级指标", "二级指标", "计量单位"])
	expect(dialog.locator("tr", has_text="培训人次").locator("td")).to_have_text(
		["", "培训人次", "产出指标", "数量指标", "人次"]
	)
	expect(dialog.locator("tr", has_text="群众满意度").locator("td")).to_have_text(
		["", "群众满意度", "满意度指标", "服务对象满意度指标", "%"]
	)
	expect(dialog.get_by_text(re.compile(r"IT-\d+"))).to_have_count(0)
	buttons = dialog.locator("button:visible").all_inner_texts()
	assert [text for text in buttons if LATIN.search(text)] == [], buttons
	assert "添加所选指标" in [text.strip() for text in buttons]

	# picked satisfaction first, output second: the grid lists output first
	dialog.locator("tr", has_text="群众满意度").locator("input[type=checkbox]").check()
	dialog.locator("tr", has_text="培训人次").locator("input[type=checkbox]").check()
	dialog.locator(".btn-primary", has_text="添加所选指标").click()
	expect(dialog).to_be_hidden()

	page.locator(".form-tabs-list .nav-link", has_text="绩效指标").click()
	rows = page.locator('[data-fieldname="indicators"] .grid-body .grid-row')
	expect(rows).to_have_count(2)
	expect(rows.nth(0)).to_contain_text("培训人次")
	expect(rows.nth(0)).to_contain_text("产出指标")
	expect(rows.nth(1)).to_contain_text("群众满意度")
	expect(rows.nth(1)).to_contain_text("满意度指标")
	assert problems == []


def test_accepting_a_rectification_without_a_result_says_what_to_fill(page, login):
	problems = watch(page)
	login(FINANCE_OFFICER)
	name = one(
		page,
		"Rectification",
		[["workflow_state", "=", "Finance Review"], ["review_result", "is", "not set"]],
	)
	page.goto(f"/app/rectification/{name}")
	expect(page.locator(".indicator-pill", has_text="财务科审核")).to_be_visible()
	workflow_action(page, "审核通过")
	message = page.locator(".modal-dialog:visible")
	expect(message).to_contain_text("审核通过前请选择审核结论（已整改、部分整改或未整改）。")
	message.locator(".btn-modal-close").click()
	expect(page.locator(".indicator-pill", has_text="财务科审核")).to_be_visible()
	assert problems == []


def test_an_accepted_record_offers_its_workflow_actions_and_no_cancel(page, login):
	problems = watch(page)
	login(FINANCE_HEAD)
	name = one(page, "Rectification", [["workflow_state", "=", "Accepted"], ["docstatus", "=", 1]])
	with page.expect_response(lambda response: "can_cancel_document" in response.url) as asked:
		page.goto(f"/app/rectification/{name}")
	assert asked.value.json()["message"] is False
	expect(page.locator(".actions-btn-group button", has_text="操作")).to_be_visible()
	expect(page.locator(".page-actions button:visible", has_text="取消")).to_have_count(0)
	assert problems == []
