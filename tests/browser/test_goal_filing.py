"""A unit user files a performance goal in the desk (in Chinese) and submits it
to the unit head; the unit head sees it waiting for approval."""

import time

from desk import log_out, workflow_action
from playwright.sync_api import Page, expect

UNIT_USER = "pxzx.user@perf.local"  # 培训中心
UNIT_HEAD = "pxzx.head@perf.local"

INDICATORS = [
	# level1, level2, name, operator, target, unit, weight
	("产出指标", "数量指标", "安全生产培训人次", "≥", "1200", "人次", "25"),
	("产出指标", "质量指标", "培训考核合格率", "≥", "92", "%", "25"),
	("效益指标", "社会效益指标", "持证上岗率", "≥", "95", "%", "30"),
	("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥", "90", "%", "10"),
]
OPERATOR_VALUES = {"≥": ">="}


def set_field(page: Page, fieldname: str, value: str, scope=None, row: int | None = None) -> None:
	"""Type into a control like a person, then wait until the form has taken
	the value (the desk updates its model a moment after typing)."""
	area = scope or page.locator(".form-layout:visible").first
	field = area.locator(f'[data-fieldname="{fieldname}"]').first
	control = field.locator("input, textarea, select").first
	tag = control.evaluate("el => el.tagName")
	if tag == "SELECT":
		control.select_option(label=value)
	else:
		control.click()
		control.fill(value)
		control.dispatch_event("change")
	doc = "cur_frm.doc" if row is None else f"cur_frm.doc.indicators[{row - 1}]"
	page.wait_for_function(f"() => {doc} && ({doc}['{fieldname}'] ?? '') !== ''")


def pick_link(page: Page, fieldname: str, value: str) -> None:
	field = page.locator(f'.form-layout:visible [data-fieldname="{fieldname}"] input').first
	field.fill(value)
	page.get_by_role("option").filter(has_text=value).first.click()


def add_indicator(page: Page, idx: int, row) -> None:
	"""Fill grid row ``idx`` (1-based) through its row form; a new goal starts with one empty row."""
	level1, level2, name, operator, target, unit, weight = row
	grid = page.locator('.frappe-control[data-fieldname="indicators"]').first
	if grid.locator(f'.grid-row[data-idx="{idx}"]').count() == 0:
		grid.locator(".grid-add-row").click()
	grid.locator(f'.grid-row[data-idx="{idx}"] .btn-open-row').click()
	form = grid.locator(f'.grid-row[data-idx="{idx}"].grid-row-open .form-in-grid')
	expect(form).to_be_visible()
	set_field(page, "level1", level1, form, idx)
	set_field(page, "level2", level2, form, idx)
	set_field(page, "indicator_name", name, form, idx)
	form.locator('[data-fieldname="operator"] select').select_option(OPERATOR_VALUES[operator])
	set_field(page, "target_value", target, form, idx)
	set_field(page, "unit", unit, form, idx)
	set_field(page, "weight", weight, form, idx)
	form.locator(".grid-collapse-row").first.click()
	expect(form).to_have_count(0)
	# the grid row shows what was entered before the next row is opened
	expect(
		grid.locator(f'.grid-row[data-idx="{idx}"] [data-fieldname="indicator_name"]').first
	).to_contain_text(name)


def test_unit_user_files_and_submits_a_goal(page, login, base_url):
	project = f"安全生产培训项目{int(time.time())}"
	login(UNIT_USER)
	page.goto("/app/performance-goal/new")
	expect(
		page.locator(".page-title .title-text", has_text="新建 绩效目标")
		.or_(page.locator(".page-title", has_text="绩效目标"))
		.first
	).to_be_visible()
	pick_link(page, "performance_year", "2027")
	set_field(page, "project_code", f"PX-{int(time.time())}")
	set_field(page, "project_name", project)
	set_field(page, "fiscal_amount", "36")
	set_field(page, "other_amount", "4")
	set_field(page, "annual_goal", "全年开展安全生产培训1200人次，考核合格率不低于92%。")
	page.locator(".form-tabs .nav-link", has_text="绩效指标").click()
	for idx, row in enumerate(INDICATORS, start=1):
		add_indicator(page, idx, row)
	page.keyboard.press("Control+s")
	expect(page.locator(".indicator-pill", has_text="草稿")).to_be_visible()
	# the unit was filled from the user's only unit and the total computed
	page.locator(".form-tabs .nav-link", has_text="项目").click()
	expect(page.locator('[data-fieldname="budget_unit"] input').first).to_have_value("培训中心")
	expect(page.locator('[data-fieldname="total_amount"]').first).to_contain_text("40")

	workflow_action(page, "提交单位负责人")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()
	goal_url = page.url

	# the unit head sees it in the list, waiting for them
	log_out(page)
	login(UNIT_HEAD)
	page.goto(goal_url)
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()
	page.locator(".actions-btn-group button", has_text="操作").click()
	expect(page.locator(".dropdown-menu:visible .dropdown-item", has_text="审核通过")).to_be_visible()
