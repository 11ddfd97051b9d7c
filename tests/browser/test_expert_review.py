"""Expert review in the desk (art. 22 (二)): finance keeps the expert register
with each expert's contact and conflicts; a unit reads who an expert is, sees
its three-expert panel on the demo's 办公室 self-evaluation beside the formula
score (each expert named once in the panel's grid), and opens one expert's
score sheet. Read only: nothing is changed."""

import json

from playwright.sync_api import Page, expect

UNIT_USER = "bgs.user@perf.local"  # 办公室, project 机关办公运行保障项目 (BGS-01)
OFFICER = "finance.officer@perf.local"
# the demo panel (perf_budget/demo/experts.py): each expert's total
PANEL = {"郭建国": "86.00", "韩立新": "78.00", "邓雅琴": "92.00"}


def record(page: Page, doctype: str, filters: list) -> dict:
	found = page.request.get(f"/api/resource/{doctype}?filters={json.dumps(filters)}").json()["data"]
	assert found, f"the demo should have {doctype} {filters}"
	return page.request.get(f"/api/resource/{doctype}/{found[0]['name']}").json()["data"]


def test_finance_keeps_the_register_with_contact_and_conflicts(page, login):
	login(OFFICER)
	page.goto("/app/performance-expert")
	for name in (*PANEL, "宋志远"):
		expect(page.locator(".list-row", has_text=name)).to_be_visible()
	expert = record(page, "Performance Expert", [["expert_name", "=", "宋志远"]])
	page.goto(f"/app/performance-expert/{expert['name']}")
	expect(page.get_by_text("联系方式（仅财务科可见）")).to_be_visible()
	expect(page.locator('[data-fieldname="phone"] input')).to_have_value("13903550104")
	conflicts = page.locator('.frappe-control[data-fieldname="conflicts"]')
	expect(conflicts.locator(".grid-row", has_text="办公室")).to_contain_text("其配偶在办公室任职")


def test_a_unit_reads_who_an_expert_is_but_not_the_contact(page, login):
	login(UNIT_USER)
	page.goto("/app/performance-expert")
	expect(page.locator(".list-row", has_text="郭建国")).to_contain_text("财政预算管理")
	expert = record(page, "Performance Expert", [["expert_name", "=", "郭建国"]])
	assert "phone" not in expert and not expert.get("conflicts")
	page.goto(f"/app/performance-expert/{expert['name']}")
	expect(page.locator('[data-fieldname="organization"]').first).to_contain_text("山西大学经济与管理学院")
	expect(page.get_by_text("联系方式（仅财务科可见）")).to_be_hidden()
	expect(page.locator('[data-fieldname="phone"]:visible')).to_have_count(0)


def test_a_unit_sees_its_panel_beside_the_formula_score_and_a_sheet(page, login):
	login(UNIT_USER)
	evaluation = record(page, "Performance Evaluation", [["project_code", "=", "BGS-01"]])
	page.goto(f"/app/performance-evaluation/{evaluation['name']}")
	expect(page.locator(".page-title", has_text="机关办公运行保障项目")).to_be_visible()
	expect(page.get_by_role("button", name="为专家生成评分表")).to_be_visible()

	page.locator(".form-tabs .nav-link", has_text="绩效指标").click()
	expect(page.locator('[data-fieldname="total_score"]:visible').first).to_contain_text(
		f"{evaluation['total_score']:.2f}"
	)
	# (86 + 78 + 92) / 3 by the demo's setting, the mean
	expect(page.locator('[data-fieldname="expert_panel_score"]:visible').first).to_contain_text("85.33")
	expect(page.locator('[data-fieldname="expert_panel_size"]:visible').first).to_contain_text("3")

	page.locator(".form-tabs .nav-link", has_text="评价程序").click()
	grid = page.locator('.frappe-control[data-fieldname="experts"]')
	for name, total in PANEL.items():
		row = grid.locator(".grid-body .grid-row", has_text=name)
		expect(row).to_contain_text(total)
		# the register's Link shows the expert by name: no second column repeats it
		assert row.inner_text().count(name) == 1, row.inner_text()

	sheet = next(row["expert_score_sheet"] for row in evaluation["experts"] if row["expert_name"] == "郭建国")
	page.goto(f"/app/expert-score-sheet/{sheet}")
	expect(page.locator(".page-title", has_text="郭建国")).to_be_visible()
	scores = page.locator('.frappe-control[data-fieldname="scores"]')
	expect(scores.locator(".grid-body .grid-row")).to_have_count(1 + len(evaluation["indicators"]))
	expect(scores.locator(".grid-body .grid-row").first).to_contain_text("预算执行率")
	expect(page.locator('[data-fieldname="total_score"]').first).to_contain_text("86.00")
	expect(page.locator('[data-fieldname="full_marks"]').first).to_contain_text("100.00")
	expect(page.locator('[data-fieldname="budget_unit"]').first).to_contain_text("办公室")
