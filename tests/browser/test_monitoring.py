"""A unit fills its 1–7月 monitoring record in the desk: a target that cannot
be met turns red, submitting is refused until the deviation is explained
(art. 18), then it goes to the unit head, who returns it (which leaves the
demo record fillable for the next run)."""

import json

from desk import log_out, return_with_reason, workflow_action
from playwright.sync_api import Page, expect

UNIT_USER = "pxzx.user@perf.local"  # 培训中心
UNIT_HEAD = "pxzx.head@perf.local"


def record_name(page: Page) -> str:
	filters = json.dumps([["workflow_state", "in", ["Draft", "Returned"]], ["project_code", "=", "PXZX-01"]])
	found = page.request.get(f"/api/resource/Performance Monitoring?filters={filters}").json()["data"]
	assert found, "the demo's 培训中心 1–7月 monitoring record should be in Draft or Returned"
	return found[0]["name"]


def open_row(page: Page, idx: int):
	grid = page.locator('.frappe-control[data-fieldname="indicators"]').first
	grid.locator(f'.grid-row[data-idx="{idx}"] .btn-open-row').click()
	form = grid.locator(f'.grid-row[data-idx="{idx}"].grid-row-open .form-in-grid')
	expect(form).to_be_visible()
	return form


def close_row(form) -> None:
	form.locator(".grid-collapse-row").first.click()
	expect(form).to_have_count(0)


def fill_text(page: Page, form, fieldname: str, value: str) -> None:
	control = form.locator(f'[data-fieldname="{fieldname}"] textarea').first
	control.fill(value)
	control.dispatch_event("change")
	page.wait_for_function(f"() => (cur_frm.doc.indicators[0]['{fieldname}'] || '') === {json.dumps(value)}")


def test_red_indicator_must_be_explained_before_submission(page, login, returned_if_pending):
	returned_if_pending("Performance Monitoring", "PXZX-01", UNIT_HEAD)
	login(UNIT_USER)
	name = record_name(page)
	page.goto(f"/app/performance-monitoring/{name}")
	expect(page.locator(".page-title", has_text="建设行业从业人员培训")).to_be_visible()

	page.locator(".form-tabs .nav-link", has_text="绩效指标").click()
	form = open_row(page, 1)
	form.locator('[data-fieldname="likelihood"] select').select_option(label="完全不可能")
	for field in ("reason_funding", "corrective_measure"):
		fill_text(page, form, field, "")
	close_row(form)
	page.keyboard.press("Control+s")
	# saved as a draft, with a reminder of what is still missing
	reminder = page.locator(".modal-dialog:visible", has_text="纠偏措施")
	expect(reminder).to_be_visible()
	reminder.locator(".btn-modal-close").click()
	expect(
		page.locator(".grid-row[data-idx='1'] [data-fieldname='light']", has_text="红灯").first
	).to_be_visible()

	workflow_action(page, "提交单位负责人")
	refusal = page.locator(".modal-dialog:visible", has_text="红灯")
	expect(refusal).to_be_visible()
	refusal.locator(".btn-modal-close").click()

	form = open_row(page, 1)
	fill_text(page, form, "reason_funding", "培训经费下半年才到位。")
	fill_text(page, form, "corrective_measure", "调整培训计划，四季度集中开展线上培训。")
	close_row(form)
	page.keyboard.press("Control+s")
	workflow_action(page, "提交单位负责人")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()

	log_out(page)
	login(UNIT_HEAD)
	page.goto(f"/app/performance-monitoring/{name}")
	return_with_reason(page, "请补充二季度培训开展情况。")
