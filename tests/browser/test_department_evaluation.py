"""办公室 works on its department-wide records of 2026 in the desk: the 1–7月
monitoring turns red when too little is spent for the time of year, and the
self-evaluation scores the execution, asks for the reason of a low one before
it leaves the unit, and goes to the unit head, who returns it. The demo's
figures are put back at the end."""

import json

from desk import log_out, return_with_reason, workflow_action
from playwright.sync_api import Page, expect

UNIT_USER = "bgs.user@perf.local"  # 办公室
UNIT_HEAD = "bgs.head@perf.local"
UNIT = "办公室"


def record(page: Page, doctype: str, **filters) -> dict:
	rows = [
		[field, "=", value]
		for field, value in {"budget_unit": UNIT, "performance_year": "2026", **filters}.items()
	]
	rows.append(["workflow_state", "in", ["Draft", "Returned"]])
	found = page.request.get(
		f"/api/resource/{doctype}?filters={json.dumps(rows)}&fields={json.dumps(['name', 'annual_budget', 'executed_amount'])}"
	).json()["data"]
	assert found, f"the demo's {UNIT} {doctype} of 2026 should be in Draft or Returned"
	return found[0]


def set_amount(page: Page, fieldname: str, value: float) -> None:
	control = page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first
	control.fill(str(value))
	control.dispatch_event("change")
	page.wait_for_function(f"() => Math.abs((cur_frm.doc.{fieldname} || 0) - {value}) < 0.001")
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill", has_text="未保存")).to_have_count(0)


def put_back(page: Page, doctype: str, name: str, values: dict) -> None:
	"""The demo's figures again, saved by the desk's own session (its CSRF token)."""
	page.evaluate(
		"([doctype, name, values]) => frappe.xcall('frappe.client.set_value', "
		"{doctype, name, fieldname: values})",
		[doctype, name, values],
	)


def test_department_monitoring_turns_red_when_spending_lags(page, login):
	login(UNIT_USER)
	doctype = "Department Performance Monitoring"
	found = record(page, doctype, period_end_month=7)
	page.goto(f"/app/department-performance-monitoring/{found['name']}")
	expect(page.locator(".page-title", has_text=UNIT)).to_be_visible()
	try:
		# 30 % spent by July: 30 ÷ (7 ÷ 12) = 51.43 % of the pace, below 60: red
		set_amount(page, "executed_amount", round(found["annual_budget"] * 0.3, 2))
		expect(page.locator('[data-fieldname="time_adjusted_rate"] .control-value')).to_contain_text("51.43")
		expect(page.locator('[data-fieldname="execution_light"] .control-value')).to_contain_text("红灯")
		expect(page.locator(".form-message", has_text="预警等级：红灯")).to_be_visible()
	finally:
		put_back(page, doctype, found["name"], {"executed_amount": found["executed_amount"]})


def test_department_self_evaluation_scores_and_goes_to_the_unit_head(page, login):
	login(UNIT_USER)
	doctype = "Department Performance Evaluation"
	found = record(page, doctype)
	name = found["name"]
	page.goto(f"/app/department-performance-evaluation/{name}")
	expect(page.locator(".page-title", has_text=UNIT)).to_be_visible()
	try:
		# half the budget spent: 50.00 %, 5.00 of the 10 execution points
		set_amount(page, "executed_amount", round(found["annual_budget"] * 0.5, 2))
		expect(page.locator('[data-fieldname="execution_rate"] .control-value')).to_contain_text("50")
		expect(page.locator('[data-fieldname="execution_score"] .control-value')).to_contain_text("5.00")
		expect(page.locator(".form-message", has_text="总分")).to_be_visible()
		# the save says what is still to complete before the record may leave the unit
		missing = page.locator(".modal-dialog:visible", has_text="尚待完成")
		expect(missing).to_contain_text("执行率为50.00%，低于90.00%：请说明原因。")
		missing.locator(".btn-modal-close").click()

		workflow_action(page, "提交单位负责人")
		refusal = page.locator(".modal-dialog:visible", has_text="请说明原因")
		expect(refusal).to_be_visible()
		refusal.locator(".btn-modal-close").click()

		reason = page.locator('.frappe-control[data-fieldname="execution_reason"] textarea').first
		reason.fill("两个项目年底才完成招标。")
		reason.dispatch_event("change")
		page.keyboard.press("Control+s")
		expect(page.locator(".indicator-pill", has_text="未保存")).to_have_count(0)
		workflow_action(page, "提交单位负责人")
		expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()

		log_out(page)
		login(UNIT_HEAD)
		page.goto(f"/app/department-performance-evaluation/{name}")
		return_with_reason(page, "请核实全年支出数。")
		log_out(page)
		login(UNIT_USER)
	finally:
		put_back(page, doctype, name, {"executed_amount": found["executed_amount"], "execution_reason": ""})
