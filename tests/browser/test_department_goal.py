"""A unit's clerk files its department-wide goal (部门整体支出绩效目标) in the desk:
the funds block adds up as they type, the indicator library offers the
whole-unit indicators, the goal goes to the unit head — and no Latin word is on
any of its screens. 信息中心 has no goal for 2026 in the demo; the test removes
the one it files (one goal a unit and year)."""

import json

import pytest
from desk import workflow_action
from playwright.sync_api import Page, expect
from test_role_walk import VISIBLE_TEXT, latin_words

from perf_budget.demo.bureau import DEMO_PASSWORD

UNIT_USER = "xxzx.user@perf.local"  # 信息中心
ADMIN = "sysadmin@perf.local"
UNIT, YEAR = "信息中心", "2026"
DPG = "Department Performance Goal"
# picked from the library: name -> (target, weight); the qualitative one takes a target text
PICKED = {
	"部门预算执行率": ("95", "25"),
	"年度重点工作任务完成率": ("100", "25"),
	"政务服务事项按时办结率": ("98", "15"),
	"长效管理制度健全性": ("预算、资产、采购制度健全并有效执行", "15"),
	"服务对象综合满意度": ("90", "10"),
}


@pytest.fixture
def no_goal_of_the_year(browser, base_url):
	"""The demo unit has no goal of the year before and after the test (as System Manager)."""
	context = browser.new_context(base_url=base_url)
	api = context.request
	api.post("/api/method/login", data={"usr": ADMIN, "pwd": DEMO_PASSWORD})

	def remove():
		filters = json.dumps([["budget_unit", "=", UNIT], ["performance_year", "=", YEAR]])
		for found in api.get(f"/api/resource/{DPG}?filters={filters}").json()["data"]:
			assert api.delete(f"/api/resource/{DPG}/{found['name']}").ok

	remove()
	yield
	remove()
	context.close()


def no_latin(page: Page, screen: str) -> None:
	# Frappe's hint under an editable grid names the keys as printed on them (快捷键: Ctrl + 上箭头),
	# like the role walk's allowed Ctrl+S
	words = [
		(word, line)
		for word, line in latin_words(page.evaluate(VISIBLE_TEXT))
		if not (word == "Ctrl" and line.startswith("快捷键"))
	]
	assert not words, f"Latin words on {screen}: {words}"


def type_into(area, fieldname: str, value: str) -> None:
	control = area.locator(f'[data-fieldname="{fieldname}"]').locator("input, textarea").first
	control.click()
	control.fill(value)
	control.dispatch_event("change")


def close_row(row) -> None:
	row.locator(".grid-collapse-row").first.click()
	expect(row).to_have_count(0)


def open_tab(page: Page, label: str) -> None:
	page.locator(".form-tabs .nav-link", has_text=label).click()


def test_a_unit_clerk_files_the_department_goal(page, login, no_goal_of_the_year):
	login(UNIT_USER)
	page.goto("/app/department-performance-goal/new")
	expect(page.locator(".page-title", has_text="部门整体支出绩效目标").first).to_be_visible()
	form = page.locator(".form-layout:visible").first
	field = form.locator('[data-fieldname="performance_year"] input').first
	field.fill(YEAR)
	page.get_by_role("option").filter(has_text=YEAR).first.click()
	expect(form.locator('[data-fieldname="budget_unit"] input').first).to_have_value(UNIT)
	type_into(form, "authorized_staff", "40")
	type_into(form, "actual_staff", "37")
	type_into(form, "functions_overview", "负责局信息化建设、网络安全和数据管理。")
	type_into(form, "annual_goal", "完成政务信息系统整合，网络安全事件为零。")
	no_latin(page, "部门基本情况")

	# the funds: 基本 = 人员 + 公用, 总预算 = 基本 + 项目, the sources checked against it as typed
	open_tab(page, "主要任务与资金")
	type_into(form, "personnel_expenditure", "150")
	type_into(form, "public_expenditure", "38")
	type_into(form, "project_expenditure", "480")
	type_into(form, "source_general_budget", "588")
	funds = form.locator('[data-fieldname="funds_check"]').first
	expect(funds).to_contain_text("188.00")
	expect(funds).to_contain_text("668.00")
	expect(funds).to_contain_text("各来源合计与预算总额相差-80.00万元，两者必须相等。")
	type_into(form, "source_other", "80")
	expect(funds).to_contain_text("各来源合计与预算总额相等。")
	grid = form.locator('.frappe-control[data-fieldname="key_tasks"]').first
	if grid.locator('.grid-row[data-idx="1"]').count() == 0:
		grid.locator(".grid-add-row").click()
	grid.locator('.grid-row[data-idx="1"] .btn-open-row').click()
	row = grid.locator('.grid-row[data-idx="1"].grid-row-open .form-in-grid')
	type_into(row, "task_name", "信息系统整合")
	type_into(row, "fiscal_amount", "400")
	type_into(row, "other_amount", "80")
	expect(row.locator('[data-fieldname="total_amount"]').first).to_contain_text("480.00")
	close_row(row)
	no_latin(page, "主要任务与资金")

	# the library offers the department's indicators, whole-unit groups included
	open_tab(page, "绩效指标")
	page.locator(".page-actions button", has_text="从指标库选取").click()
	dialog = page.locator(".modal-dialog:visible")
	expect(dialog.locator("tr[data-name='“三公”经费控制率']")).to_contain_text("运行成本")
	expect(dialog.locator("tr[data-name='项目完成数量']")).to_have_count(0)  # a project template
	no_latin(page, "指标库")
	for name in PICKED:
		dialog.locator(f"tr[data-name='{name}'] input[data-template]").check()
	dialog.locator(".btn-primary", has_text="添加所选指标").click()
	indicators = form.locator('.frappe-control[data-fieldname="indicators"]').first
	expect(indicators.locator(".grid-body .grid-row")).to_have_count(len(PICKED))
	for idx in range(1, len(PICKED) + 1):
		indicators.locator(f'.grid-row[data-idx="{idx}"] .btn-open-row').click()
		row = indicators.locator(f'.grid-row[data-idx="{idx}"].grid-row-open .form-in-grid')
		name = row.locator('[data-fieldname="indicator_name"] input').first.input_value()
		target, weight = PICKED[name]
		type_into(row, "target_text" if name == "长效管理制度健全性" else "target_value", target)
		type_into(row, "weight", weight)
		close_row(row)
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill", has_text="草稿")).to_be_visible()
	no_latin(page, "绩效指标")

	workflow_action(page, "提交单位负责人")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()
	open_tab(page, "主要任务与资金")
	expect(form.locator('[data-fieldname="total_budget"]').first).to_contain_text("668.00")
	no_latin(page, "待单位负责人审核")
