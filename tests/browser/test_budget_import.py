"""Upload → preview → apply (issue 16), as the finance officer in the desk.

The officer attaches an export of the budget system to a new 预算执行数据导入:
built here by hand in another year's 一体化 layout (one header row, amounts in
万元 as its 单位：万元 line says, a 统计截止日期 column of dates typed as text, a
合计 row), not by the app. Saving previews it in Chinese: the projects with
the figures their monitoring records hold now and the file's, the code that
matches no goal, the goals without a line. The officer ticks 覆盖 on the
record under review, applies, confirms, and the monitoring record shows the
imported figures marked 来自预算系统 with the change on its timeline; the
two reports and the column mapping show them, in Chinese like every screen.

The demo's figures are put back afterwards (and first, after an interrupted
run) by applying the demo's own export again, through REST as the officer.
"""

import base64
import io
import json
import re
from urllib.parse import quote

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect
from test_role_walk import VISIBLE_TEXT, latin_words

from perf_budget.budget_system.reader import DEFAULT_MAPPING_NAME as MAPPING
from perf_budget.demo import budget_system as demo
from perf_budget.demo.bureau import DEMO_PASSWORD

OFFICER = "finance.officer@perf.local"
YEAR = "2026"
FILL, UNDER_REVIEW, NO_GOAL = "BGS-01", "SZZX-01", "QT-2026-09"
# the demo's import wrote these (its export, perf_budget/demo/budget_system.py): 支付数 and
# the 年初预算数, which the monitoring record takes (市政设施服务中心's adjusted 705.60 is not its)
DEMO_FIGURES = {FILL: (50.33, 86.5), UNDER_REVIEW: (310.29, 680.0)}


def budget_system_export() -> bytes:
	wb = Workbook()
	ws = wb.active
	ws.title = "执行明细"
	ws.append(["2026年项目预算执行明细表"])
	ws.append(["单位：万元"])
	ws.append(
		[
			"项目代码",
			"项目名称",
			"预算单位名称",
			"资金来源",
			"年初批复数",
			"全年预算数",
			"实际支出数",
			"统计截止日期",
		]
	)
	lines = [
		(FILL, "机关办公运行保障项目", "办公室", "一般公共预算", 86.5, 86.5, 52.318765),
		(UNDER_REVIEW, "市政道路维修养护", "市政设施服务中心", "一般公共预算", 680, 705.6, 330.12),
		(NO_GOAL, "城市雕塑维护", "市政设施服务中心", "一般公共预算", 20, 20, 5),
	]
	for line in lines:
		ws.append([*line, "2026-07-31"])
	ws.append(["合计", None, None, None, 786.5, 812.1, 387.438765, None])
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


@pytest.fixture
def officer_api(browser, base_url):
	"""The officer's REST session, apart from the page's."""
	context = browser.new_context(base_url=base_url)
	api = context.request
	assert api.post("/api/method/login", data={"usr": OFFICER, "pwd": DEMO_PASSWORD}).ok
	yield api
	context.close()


def figures(api, code: str) -> tuple[float, float]:
	record = monitoring(api, code)
	return record["executed_amount"], record["annual_budget"]


def monitoring(api, code: str) -> dict:
	filters = json.dumps(
		[["project_code", "=", code], ["performance_year", "=", YEAR], ["period_end_month", "=", 7]]
	)
	fields = json.dumps(["name", "executed_amount", "annual_budget"])
	return api.get(f"/api/resource/Performance Monitoring?filters={filters}&fields={fields}").json()["data"][
		0
	]


def put_back_the_demo_figures(api) -> None:
	"""Apply the demo's export again (finance overwriting the record under review, as in the demo)."""
	pushed = api.post(
		"/api/method/perf_budget.budget_system.api.push",
		data={
			"performance_year": YEAR,
			"file": base64.b64encode(demo.export_workbook(YEAR)).decode(),
			"filename": demo.FILENAME.format(YEAR, 7),
		},
	)
	assert pushed.ok, pushed.text()
	preview = pushed.json()["message"]
	choose = [
		row["project_code"]
		for row in preview["projects"]
		if row["project_code"] == UNDER_REVIEW and row.get("monitoring_action") == "Needs Your Choice"
	]
	applied = api.post(
		"/api/method/perf_budget.budget_system.api.apply",
		data={"name": preview["name"], "overwrite": json.dumps(choose)},
	)
	assert applied.ok, applied.text()


def latin_on(page: Page, screen: str) -> list[str]:
	"""Latin words on the screen (role walk's allowlist), each with where it stands."""
	return [f"{screen}: {word} in “{line}”" for word, line in latin_words(page.evaluate(VISIBLE_TEXT))]


def test_finance_turns_the_export_into_monitoring_figures(page: Page, login, officer_api):
	if {code: figures(officer_api, code) for code in DEMO_FIGURES} != DEMO_FIGURES:
		put_back_the_demo_figures(officer_api)  # an earlier run stopped before putting them back
	record = monitoring(officer_api, FILL)
	latin = []  # all screens' findings at once, after the steps
	try:
		login(OFFICER)
		page.goto("/app/budget-execution-import/new")
		expect(page.locator('[data-fieldname="import_mapping"] input')).to_have_value(
			"预算管理一体化（通用）"
		)
		year = page.locator('.frappe-control[data-fieldname="performance_year"] input')
		year.fill(YEAR)
		page.locator(".awesomplete:visible [role=option]", has_text=YEAR).first.click()
		page.locator('.frappe-control[data-fieldname="source_file"] button', has_text="上传").click()
		dialog = page.locator(".modal:visible")
		dialog.locator("input[type=file]").set_input_files(
			{
				"name": "一体化执行明细（7月）.xlsx",
				"mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"buffer": budget_system_export(),
			}
		)
		dialog.locator(".btn-primary", has_text="上传").click()
		expect(
			page.locator('.frappe-control[data-fieldname="source_file"] a.attached-file-link')
		).to_contain_text("一体化执行明细")
		page.keyboard.press("Control+s")

		# the preview, before anything is written
		summary = page.locator('.frappe-control[data-fieldname="preview_summary"]')
		expect(summary).to_contain_text(FILL)
		expect(summary).to_contain_text("50.33 → 52.32")  # executed: the record now → the file, rounded
		expect(summary).to_contain_text("310.29 → 330.12")  # the record under review's, with its unit head
		expect(summary).to_contain_text("年初预算数 680.00 → 680.00")  # the file's 年初, not its 全年 705.60
		expect(summary).to_contain_text("1 个项目的数据精度高于0.01万元，已四舍五入")  # 52.318765, named
		expect(page.locator('[data-fieldname="amount_unit"] .control-value')).to_have_text("万元")
		expect(page.locator('[data-fieldname="as_of_date"] .control-value')).to_have_text("2026-07-31")
		unmatched = page.locator('.frappe-control[data-fieldname="unmatched"]')
		expect(unmatched).to_contain_text(NO_GOAL)
		expect(page.locator('.frappe-control[data-fieldname="missing_goals"]')).to_contain_text("ZFD-01")
		projects = page.locator('.frappe-control[data-fieldname="projects"]')
		row = projects.locator(".grid-row", has_text=UNDER_REVIEW)
		expect(row).to_contain_text("需财务科决定")
		expect(projects.locator(".grid-row", has_text=FILL)).to_contain_text("填入")
		# nothing is written yet
		assert monitoring(officer_api, FILL)["executed_amount"] == record["executed_amount"]
		latin += latin_on(page, "the preview")
		with page.expect_response(lambda response: "savedocs" in response.url):
			page.keyboard.press("Control+s")  # a clean form: Ctrl+S previews again (never applies)
		expect(page.locator(".modal:visible", has_text="应用导入")).to_have_count(0)

		# 覆盖 on the record under review, previewed again, applied
		row.locator('[data-fieldname="overwrite"]').first.click()  # opens the row
		row.get_by_role("checkbox", name="覆盖审核中的记录").check()
		page.keyboard.press("Control+s")
		page.wait_for_function(
			"""code => !cur_frm.is_dirty() && cur_frm.doc.projects.some(
				(row) => row.project_code === code && row.overwrite)""",
			arg=UNDER_REVIEW,
		)
		apply = page.locator(".page-actions .btn:visible", has_text="应用")
		expect(apply).to_be_visible()
		apply.click()
		confirm = page.locator(".modal:visible")
		expect(confirm).to_contain_text("写入 2 条记录")
		latin += latin_on(page, "the confirmation")
		confirm.locator(".btn-primary", has_text="是").click()
		expect(page.locator(".indicator-pill", has_text="已提交")).to_be_visible()
		name = page.evaluate("cur_frm.doc.name")

		# the monitoring record: the figures, where they came from, the change on its timeline
		page.goto(f"/app/performance-monitoring/{record['name']}")
		expect(page.locator('[data-fieldname="executed_amount"] .control-value')).to_have_text(
			re.compile("52.32")
		)
		expect(page.locator(".form-layout")).to_contain_text("来自预算系统")
		expect(page.locator(".form-layout")).to_contain_text(name)
		comment = page.locator(".timeline-item", has_text=name).first
		expect(comment).to_contain_text("50.33 → 52.32")
		latin += latin_on(page, "the monitoring record")
		assert figures(officer_api, UNDER_REVIEW) == (330.12, 680.0)

		# where finance shows which figures came from where: the two reports, and the mapping
		page.goto(f"/app/query-report/Budget Execution?performance_year={YEAR}")
		table = page.locator(".dt-scrollable")
		expect(table.locator(".dt-row", has_text=FILL).first).to_contain_text("52.32")  # as applied
		expect(table.locator(".dt-row", has_text="合计")).to_be_visible()
		latin += latin_on(page, "预算执行情况")
		page.goto(f"/app/query-report/Budget Reconciliation?performance_year={YEAR}")
		expect(table.locator(".dt-row", has_text="JSK-01").first).to_contain_text("-0.05")  # typed 852.50
		page.get_by_role("checkbox", name="显示全部数据项（不只是差异）").check()
		expect(table.locator(".dt-row", has_text=FILL).first).to_contain_text(name)  # filled by it
		latin += latin_on(page, "预算数据对账")
		page.goto(f"/app/budget-import-mapping/{quote(MAPPING)}")
		expect(page.locator('.frappe-control[data-fieldname="code_titles"]')).to_contain_text("项目编码")
		latin += latin_on(page, "the column mapping")
	finally:
		put_back_the_demo_figures(officer_api)
	assert {code: figures(officer_api, code) for code in DEMO_FIGURES} == DEMO_FIGURES
	assert not latin, "\n".join(dict.fromkeys(latin))
