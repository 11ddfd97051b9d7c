"""The department-wide official forms out of the desk: a unit's clerk downloads its
部门整体支出绩效目标申报表 from the goal's Excel button, finance the 自评表 of a unit,
and each file opens with its form's title and the unit; the goal prints in its
own print format."""

import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from test_excel_download import download_from_popup

CLERK = "ghk.user@perf.local"  # 规划科: its 2026 department goal is confirmed in the demo
OFFICER = "finance.officer@perf.local"


def open_first(page: Page, route: str) -> None:
	page.goto(route)
	page.locator(".list-row .list-subject a").first.click()
	expect(page.locator(".inner-group-button button", has_text="Excel")).to_be_visible()


def download_form(page: Page) -> dict:
	page.locator(".inner-group-button button", has_text="Excel").click()
	data = download_from_popup(
		page,
		lambda: page.locator(
			".dropdown-menu:visible .dropdown-item", has_text="标准表格（Excel）"
		).first.click(),
	)
	sheet = load_workbook(io.BytesIO(data)).worksheets[0]
	return {
		"title": sheet["A1"].value,
		"line": sheet["A2"].value,
		"unit": sheet["C3"].value,
		"name": sheet.title,
	}


def test_a_clerk_downloads_the_units_goal_form(page, login):
	login(CLERK)
	open_first(page, "/app/department-performance-goal?performance_year=2026")
	form = download_form(page)
	assert form == {
		"title": "部门整体支出绩效目标申报表",
		"line": "（2026年度）",
		"unit": "规划科",
		"name": "规划科",
	}


def test_finance_downloads_a_units_self_evaluation_form(page, login):
	login(OFFICER)
	open_first(page, "/app/department-performance-evaluation?performance_year=2026&budget_unit=办公室")
	form = download_form(page)
	assert form == {
		"title": "部门整体支出绩效自评表",
		"line": "（2026年度）",
		"unit": "办公室",
		"name": "办公室",
	}


def test_the_goal_prints_as_the_official_form(page, login):
	login(CLERK)
	open_first(page, "/app/department-performance-goal?performance_year=2026")
	name = page.evaluate("cur_frm.doc.name")
	page.goto(f"/app/print/Department Performance Goal/{name}")
	picker = page.locator(
		'.page-container:visible .print-preview-sidebar [data-fieldname="print_format"] input'
	)
	expect(picker).to_have_value("部门整体支出绩效目标申报表")  # the DocType's default
	frame = page.frame_locator(".page-container:visible iframe").first
	expect(frame.locator(".pg-title", has_text="部门整体支出绩效目标申报表")).to_be_visible()
	expect(frame.locator("td", has_text="按资金来源")).to_be_visible()
