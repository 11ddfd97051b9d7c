"""A unit evaluates its project in the desk: it types the executed amounts and
the actual values, the form shows the score and grade the national rules
give, the unit submits it, and the unit head returns it with a reason (which
also leaves the demo evaluation fillable for the next run)."""

import json

from desk import log_out, return_with_reason, workflow_action
from playwright.sync_api import Page, expect

from perf_budget.rules.evaluation import evaluate

UNIT_USER = "xxzx.user@perf.local"  # 信息中心, project 智慧城管平台运维 (all quantitative)
UNIT_HEAD = "xxzx.head@perf.local"
GRADE_ZH = {"Excellent": "优", "Good": "良", "Fair": "中", "Poor": "差"}
EXECUTED = 189.5  # of a 210 budget: 90.24 %
ACTUAL_SHARE = 0.9  # each quantitative result at 90 % of its target


def fillable_evaluation(page: Page) -> dict:
	filters = json.dumps([["workflow_state", "in", ["Draft", "Returned"]], ["project_code", "=", "XXZX-01"]])
	found = page.request.get(f"/api/resource/Performance Evaluation?filters={filters}").json()["data"]
	assert found, "the demo's 信息中心 evaluation should be in Draft or Returned"
	return page.request.get(f"/api/resource/Performance Evaluation/{found[0]['name']}").json()["data"]


def type_into(page: Page, control, value: str, fieldname: str, row: int | None = None) -> None:
	control.click()
	control.fill(value)
	control.dispatch_event("change")
	doc = "cur_frm.doc" if row is None else f"cur_frm.doc.indicators[{row - 1}]"
	page.wait_for_function(f"() => String({doc}['{fieldname}']) === String({float(value)})")


def test_unit_evaluates_its_project_and_the_head_returns_it(page, login, returned_if_pending):
	returned_if_pending("Performance Evaluation", "XXZX-01", UNIT_HEAD)
	login(UNIT_USER)
	evaluation = fillable_evaluation(page)
	page.goto(f"/app/performance-evaluation/{evaluation['name']}")
	expect(page.locator(".page-title", has_text="智慧城管平台运维")).to_be_visible()

	executed = page.locator('.form-layout:visible [data-fieldname="executed_fiscal"] input').first
	type_into(page, executed, str(EXECUTED), "executed_fiscal")
	if (evaluation.get("execution_reason") or "") == "":
		reason = page.locator('.form-layout:visible [data-fieldname="execution_reason"] textarea').first
		reason.fill("年底部分运维费用次年初结算。")
		reason.dispatch_event("change")

	page.locator(".form-tabs .nav-link", has_text="绩效指标").click()
	grid = page.locator('.frappe-control[data-fieldname="indicators"]').first
	actuals = []
	for idx, row in enumerate(evaluation["indicators"], start=1):
		actual = round(row["target_value"] * ACTUAL_SHARE, 2)
		actuals.append({**row, "actual_value": actual, "score_adjusted": 0})
		grid.locator(f'.grid-row[data-idx="{idx}"] .btn-open-row').click()
		form = grid.locator(f'.grid-row[data-idx="{idx}"].grid-row-open .form-in-grid')
		expect(form).to_be_visible()
		type_into(
			page,
			form.locator('[data-fieldname="actual_value"] input').first,
			str(actual),
			"actual_value",
			idx,
		)
		form.locator(".grid-collapse-row").first.click()
		expect(form).to_have_count(0)
	page.keyboard.press("Control+s")
	expect(
		page.locator(".indicator-pill", has_text="草稿")
		.or_(page.locator(".indicator-pill", has_text="已退回"))
		.first
	).to_be_visible()

	# what the national rules give for these numbers (defaults of a fresh site)
	expected = evaluate(210, EXECUTED, actuals)
	headline = f"总分{expected.total:.2f}，评价等级{GRADE_ZH[expected.grade]}"
	expect(page.get_by_text(headline).first).to_be_visible()

	workflow_action(page, "提交单位负责人")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()

	log_out(page)
	login(UNIT_HEAD)
	page.goto(f"/app/performance-evaluation/{evaluation['name']}")
	return_with_reason(page, "请补充运维合同执行情况说明。")
