"""A unit answers a rectification requirement in the desk (art. 24): sending
it without the written report is refused; with the measures and the report
attached it goes to the unit head, who returns it (which leaves the demo
record fillable for the next run)."""

import json

from desk import log_out, return_with_reason, workflow_action
from playwright.sync_api import Page, expect

UNIT_USER = "zfd.user@perf.local"  # 城市管理综合执法队
UNIT_HEAD = "zfd.head@perf.local"


def record_name(page: Page) -> str:
	filters = json.dumps(
		[["workflow_state", "in", ["Sent to Unit", "Returned"]], ["project_code", "=", "ZFD-01"]]
	)
	found = page.request.get(f"/api/resource/Rectification?filters={filters}&order_by=name%20asc").json()[
		"data"
	]
	assert found, "the demo's 城市管理综合执法队 should have a rectification sent to it"
	return found[0]["name"]


def test_unit_reports_its_rectification_in_writing(page, login, returned_if_pending, tmp_path):
	returned_if_pending("Rectification", "ZFD-01", UNIT_HEAD)
	login(UNIT_USER)
	page_errors = []
	page.on("pageerror", lambda error: page_errors.append(str(error)))
	name = record_name(page)
	page.goto(f"/app/rectification/{name}")
	expect(page.get_by_text("书面整改报告应于")).to_be_visible()
	# the finance section's requirement is read-only for the unit
	expect(page.locator('[data-fieldname="requirement"] textarea')).to_have_count(0)

	measures = page.locator('[data-fieldname="measures"] textarea')
	measures.fill("")
	measures.dispatch_event("change")
	page.keyboard.press("Control+s")
	page.wait_for_function("!cur_frm.is_dirty()")  # saved
	workflow_action(page, "提交单位负责人")
	refusal = page.locator(".modal-dialog:visible", has_text="书面整改报告")
	expect(refusal).to_be_visible()
	refusal.locator(".btn-modal-close").click()
	# the server's refusal is the message; no "Uncaught (in promise) undefined" after it
	assert page_errors == []

	measures.fill("重新论证采购需求，已完成招标并签订合同。")
	measures.dispatch_event("change")
	report = tmp_path / "整改报告.txt"
	report.write_text("整改情况报告：采购已完成。", encoding="utf-8")
	attach = page.locator('[data-fieldname="report_attachment"]')
	clear = attach.locator('[data-action="clear_attachment"]')
	if clear.is_visible():  # an earlier run's report: the unit replaces it
		clear.click()
		# Frappe removes the old file, then clears the field again and saves: the new
		# report is uploaded only after that save, or the save would clear it too
		page.wait_for_load_state("networkidle")
		page.wait_for_function("!cur_frm.doc.report_attachment && !cur_frm.is_dirty()")
	attach.locator(".btn-attach").click()
	uploader = page.locator(".modal-dialog:visible")
	uploader.locator('input[type="file"]').set_input_files(str(report))
	uploader.locator(".btn-primary", has_text="上传").click()
	expect(attach.locator("a", has_text=".txt").first).to_be_visible()
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill", has_text="未保存")).to_have_count(0)
	page.wait_for_function("cur_frm.doc.report_attachment && !cur_frm.is_dirty()")

	workflow_action(page, "提交单位负责人")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()

	log_out(page)
	login(UNIT_HEAD)
	page.goto(f"/app/rectification/{name}")
	return_with_reason(page, "请补充资金支付进度。")
