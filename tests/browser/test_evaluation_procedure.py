"""The evaluation procedure of art. 22 in the desk: 办公室 opens the procedure
tab of its 2026 self-evaluation (the data checklist, a site visit, the linked
survey), the survey's form with the figures its 32 responses give, and the
dialog that imports an answer sheet. Read only: the import is not sent."""

import json

from playwright.sync_api import Page, expect

UNIT_USER = "bgs.user@perf.local"  # 办公室, project 机关办公运行保障项目 (BGS-01)


def record(page: Page, doctype: str, filters: list) -> dict:
	found = page.request.get(f"/api/resource/{doctype}?filters={json.dumps(filters)}").json()["data"]
	assert found, f"the demo should have {doctype} {filters}"
	return page.request.get(f"/api/resource/{doctype}/{found[0]['name']}").json()["data"]


def test_the_procedure_tab_and_the_survey_with_its_figures(page, login):
	login(UNIT_USER)
	evaluation = record(
		page, "Performance Evaluation", [["project_code", "=", "BGS-01"], ["performance_year", "=", "2026"]]
	)
	page.goto(f"/app/performance-evaluation/{evaluation['name']}")
	expect(page.locator(".page-title", has_text="机关办公运行保障项目")).to_be_visible()

	page.locator(".form-tabs .nav-link", has_text="评价程序").click()
	checklist = page.locator('.frappe-control[data-fieldname="checklist"]')
	expect(checklist.locator(".grid-body .grid-row")).to_have_count(len(evaluation["checklist"]))
	expect(checklist.locator(".grid-body .grid-row", has_text="预算执行数据")).to_contain_text(
		"见本表预算执行部分"
	)
	visits = page.locator('.frappe-control[data-fieldname="site_visits"]')
	expect(visits.locator(".grid-body .grid-row")).to_contain_text("机关大院车队")

	page.locator(".form-tabs .nav-link", has_text="绩效指标").click()
	satisfaction = next(r for r in evaluation["indicators"] if r["indicator_name"] == "干部职工满意度")
	assert satisfaction["actual_value"] == 93.33
	page.locator(".section-head", has_text="满意度问卷").click()  # collapsed
	expect(page.locator('[data-fieldname="valid_respondents"]:visible').first).to_contain_text("30")
	expect(page.locator('[data-fieldname="satisfied_respondents"]:visible').first).to_contain_text("28")

	page.get_by_role("button", name="满意度调查").click()
	page.wait_for_url(f"**/app/satisfaction-survey/{evaluation['satisfaction_survey']}")
	expect(page.locator(".page-title", has_text="机关办公运行保障满意度调查")).to_be_visible()
	expect(page.get_by_text("32 份答卷中有效 30 份，总体满意度 93.33%")).to_be_visible()
	expect(page.locator('[data-fieldname="overall_satisfaction"]').first).to_contain_text("93.33")
	expect(page.locator('[data-fieldname="invalid_responses"]').first).to_contain_text("2")
	questions = page.locator('.frappe-control[data-fieldname="questions"] .grid-body .grid-row')
	expect(questions.nth(2)).to_contain_text("干部职工满意度")
	expect(questions.nth(2)).to_contain_text("93.33")
	responses = page.locator('.frappe-control[data-fieldname="responses"] .grid-body .grid-row')
	expect(responses.filter(has_text="BG032")).to_contain_text("不是有效答案")


def test_the_import_dialog_opens(page, login):
	login(UNIT_USER)
	survey = record(page, "Satisfaction Survey", [["survey_title", "=", "机关办公运行保障满意度调查"]])
	page.goto(f"/app/satisfaction-survey/{survey['name']}")
	expect(page.locator(".page-title", has_text="机关办公运行保障满意度调查")).to_be_visible()
	page.get_by_role("button", name="Excel").click()
	page.locator(".dropdown-menu:visible .dropdown-item", has_text="导入答卷").click()
	confirm = page.locator(".modal-dialog:visible")
	expect(confirm).to_contain_text("文件中的答卷将替换本问卷现有的 32 份答卷")
	confirm.locator(".btn-primary").click()
	expect(page.locator(".modal-dialog:visible .file-uploader")).to_be_visible()
