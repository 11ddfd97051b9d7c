"""The ex-ante assessment (事前绩效评估) in the desk, on the demo's three new 2027 goals:
建设管理科's supported major project shows its conclusion on the goal's review tab
and prints as the report; 规划科's goal with a 不予支持 assessment is refused at the
unit head's approval (nothing changes) and offers 新建事前绩效评估, which opens a
new assessment prefilled from the goal (not saved); 市政设施服务中心's goal says it
needs a supported assessment."""

import json
import re

from desk import log_out, workflow_action
from playwright.sync_api import Page, expect


def record(page: Page, doctype: str, **filters) -> str:
	found = page.request.get(
		f"/api/resource/{doctype}?filters={json.dumps([[k, '=', v] for k, v in filters.items()])}"
	).json()["data"]
	assert found, f"the demo's {doctype} {filters} should exist"
	return found[0]["name"]


def goal(page: Page, code: str) -> str:
	return record(page, "Performance Goal", project_code=code, performance_year="2027")


def test_the_supported_goal_shows_its_assessment_and_the_report_prints(page, login):
	login("jsk.user@perf.local")
	name = goal(page, "JSK-EA01")
	assessment = record(page, "Ex-ante Assessment", performance_goal=name)
	page.goto(f"/app/performance-goal/{name}")
	expect(page.locator(".form-message")).to_contain_text(f"事前绩效评估{assessment}：予以支持，得分84.00。")
	page.locator(".form-tabs .nav-link", has_text="审核评定").click()
	section = page.locator(".form-section", has_text="事前绩效评估").first
	expect(section).to_contain_text("须开展事前绩效评估")
	expect(section).to_contain_text("新增项目；重大项目：资金总额2,500.00万元，达到2,000.00万元")
	expect(section.locator('[data-fieldname="ex_ante_conclusion"]')).to_contain_text("予以支持")
	expect(page.locator(".inner-group-button", has_text="新建事前绩效评估")).to_have_count(0)

	page.goto(f"/printview?doctype=Ex-ante%20Assessment&name={assessment}&format=事前绩效评估报告")
	report = page.locator(".print-format")
	expect(report).to_contain_text("项目事前绩效评估报告")
	for heading in (
		"一、评估对象基本情况",
		"二、评估工作开展情况",
		"三、综合评估情况与评估结论",
		"四、相关建议",
	):
		expect(report).to_contain_text(heading)
	expect(report).to_contain_text("老旧小区综合改造项目")
	expect(report).to_contain_text("筹资合规性")
	expect(report).to_contain_text("84.00")
	expect(report.locator("b", has_text="予以支持")).to_be_visible()


def test_a_goal_not_supported_is_refused_at_the_unit_head(page, login):
	login("ghk.head@perf.local")
	page.goto(f"/app/performance-goal/{goal(page, 'GHK-EA01')}")
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()
	expect(page.locator(".form-message")).to_contain_text("不予支持")
	workflow_action(page, "审核通过")
	dialog = page.locator(".modal-dialog:visible", has_text="须开展事前绩效评估")
	expect(dialog).to_contain_text("评估结论为予以支持或调整后支持后方可报送财务科审核")
	expect(dialog).to_contain_text("的结论为不予支持")
	dialog.locator(".btn-modal-close").click()
	page.reload()
	expect(page.locator(".indicator-pill", has_text="待单位负责人审核")).to_be_visible()


def test_new_assessment_opens_prefilled_from_the_goal(page, login):
	login("szzx.user@perf.local")
	page.goto(f"/app/performance-goal/{goal(page, 'SZZX-EA01')}")
	expect(page.locator(".form-message")).to_contain_text(
		"本绩效目标须开展事前绩效评估（到期延续项目），评估结论为予以支持或调整后支持后方可报送财务科审核。"
	)
	log_out(page)
	# 规划科's project, not supported, is assessed again
	login("ghk.user@perf.local")
	page.goto(f"/app/performance-goal/{goal(page, 'GHK-EA01')}")
	page.locator(".inner-group-button, .btn", has_text="新建事前绩效评估").first.click()
	page.wait_for_url(re.compile(r".*/app/ex-ante-assessment/new.*"))
	expect(page.locator('[data-fieldname="project_name"]').first).to_contain_text("规划展示馆布展提升项目")
	expect(page.locator('[data-fieldname="funding"]').first).to_contain_text(
		"资金总额300.00万元，其中财政拨款260.00万元，其他资金40.00万元。"
	)
	grid = page.locator('.frappe-control[data-fieldname="dimensions"]').first
	expect(grid.locator(".grid-body .grid-row")).to_have_count(5)
	for dimension in ("必要性", "可行性", "经济性", "效益性", "筹资合规性"):
		expect(grid).to_contain_text(dimension)
	for caption in ("评估维度", "得分"):
		expect(grid.locator(".grid-heading-row")).to_contain_text(caption)
	# left unsaved: the demo keeps its one assessment under way
