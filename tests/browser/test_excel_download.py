"""The official forms come out of the desk as Excel files: from a list view's
menu for a whole year, and from one record's Excel button."""

import io
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

OFFICER = "finance.officer@perf.local"
CENT = Decimal("0.01")


def download_from_popup(page: Page, click) -> bytes:
	"""The desk opens the form's URL in a new tab, where the browser saves the
	file; the test fetches that same URL in the user's session."""

	def an_export(request) -> bool:
		return "/api/method/" in request.url and ".export" in request.url

	with page.context.expect_event("request", predicate=an_export) as opened:
		click()
	answer = page.request.get(opened.value.url)
	assert answer.ok, answer.status
	assert "spreadsheetml" in answer.headers["content-type"] or answer.body()[:2] == b"PK"
	return answer.body()


def test_year_of_monitoring_forms_from_the_list_menu(page, login):
	login(OFFICER)
	page.goto("/app/performance-monitoring")
	page.locator(".page-actions .menu-btn-group button").click()
	page.locator(".dropdown-menu:visible .dropdown-item", has_text="导出标准表格（Excel）").click()
	dialog = page.locator(".modal-dialog:visible")
	page.wait_for_function("window.cur_dialog && cur_dialog.display")  # shown, not still fading in
	year = dialog.locator('[data-fieldname="performance_year"] input')
	year.fill("2026")
	page.locator(".awesomplete [role=option]", has_text="2026").first.click()
	page.wait_for_function("cur_dialog.get_value('performance_year') === '2026'")
	data = download_from_popup(page, lambda: dialog.locator(".btn-primary", has_text="下载").click())
	book = load_workbook(io.BytesIO(data))
	assert len(book.worksheets) >= 7  # one sheet per project of the demo bureau
	assert book.worksheets[0]["A1"].value == "项目支出绩效目标执行监控表"  # 财预〔2019〕136号


def test_one_goal_form_from_its_excel_button(page, login):
	login(OFFICER)
	page.goto("/app/performance-goal?performance_year=2026&project_code=GHK-01")
	page.locator(".list-row .list-subject a", has_text="国土空间规划数据库建设").first.click()
	expect(page.locator(".page-title", has_text="国土空间规划数据库建设")).to_be_visible()
	page.locator(".inner-group-button button", has_text="Excel").click()
	data = download_from_popup(
		page,
		lambda: page.locator(".dropdown-menu:visible .dropdown-item", has_text="标准表格（Excel）").click(),
	)
	sheet = load_workbook(io.BytesIO(data)).worksheets[0]
	assert "项目支出绩效目标申报表" in str(sheet["A1"].value)


def test_department_summary_workbook_adds_up(page, login):
	"""总结报告（Excel） on the department summary (it once answered HTTP 500): the
	合计 row is the figures over all units — Σ budget, Σ executed, Σ executed ÷
	Σ budget, the mean score over the projects — and the same as on screen."""
	login("finance.head@perf.local")
	page.goto("/app/query-report/Department Self-Evaluation Summary")
	total_on_screen = page.locator(".dt-row", has_text="合计").last
	expect(total_on_screen).to_be_visible()
	data = download_from_popup(
		page, lambda: page.locator(".page-actions button:visible", has_text="总结报告（Excel）").click()
	)
	sheet = load_workbook(io.BytesIO(data))["按单位汇总"]
	rows = [[cell.value for cell in line] for line in sheet.iter_rows()]
	header = next(i for i, row in enumerate(rows) if row[0] == "单位")
	# the units, then a subtotal per expenditure type (项目支出小计 …), then 合计
	body, total = rows[header + 1 : -1], rows[-1]
	units = [row for row in body if not str(row[0]).endswith("小计")]
	subtotals = [row for row in body if str(row[0]).endswith("小计")]
	assert total[0] == "合计" and units, rows
	assert [row[0] for row in subtotals] == ["项目支出小计", "政策支出小计", "专项资金小计"], rows
	projects, budget, executed = (sum(Decimal(str(row[i])) for row in units) for i in (1, 2, 3))
	assert total[1] == projects == sum(row[1] for row in subtotals)
	assert sum(Decimal(str(row[2])) for row in subtotals).quantize(CENT) == budget.quantize(CENT)
	assert Decimal(str(total[2])).quantize(CENT) == budget.quantize(CENT)
	assert Decimal(str(total[3])).quantize(CENT) == executed.quantize(CENT)
	assert Decimal(str(total[4])).quantize(CENT) == (executed / budget * 100).quantize(CENT, ROUND_HALF_UP)
	# each unit's mean is rounded to 2 decimals: the weighted mean of those is within 0.01 of the total's
	scored = [row for row in units if row[5] not in (None, "—")]
	weighted = sum(Decimal(str(row[5])) * row[1] for row in scored) / sum(row[1] for row in scored)
	assert abs(Decimal(str(total[5])) - weighted) <= Decimal("0.01")
	screen = total_on_screen.inner_text()
	assert f"{Decimal(str(total[4])).quantize(CENT)}" in screen.replace(",", ""), screen
	assert f"{Decimal(str(total[5])).quantize(CENT)}" in screen.replace(",", ""), screen
