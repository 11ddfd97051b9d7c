"""The written reports in the desk (arts. 17 and 23): the finance officer
opens the demo's 绩效自评总结报告 from the finance workspace's list, reads its
sections and the preview in Chinese, and downloads the Word file, which opens
with the outline and the figures."""

import io

from docx import Document
from playwright.sync_api import Page, expect

OFFICER = "finance.officer@perf.local"
HEADINGS = [
	"一、基本情况",
	"二、组织实施",
	"三、自评结果",
	"四、发现的问题及原因",
	"五、改进措施",
	"六、结果应用建议",
]


def download(page: Page, click) -> bytes:
	"""The desk opens the download's URL in a new tab; the test fetches that
	same URL in the user's session."""
	opened = []
	page.context.on(
		"request", lambda request: opened.append(request.url) if "download_word" in request.url else None
	)
	click()
	for _attempt in range(40):
		if opened:
			answer = page.request.get(opened[0])
			assert answer.ok, answer.status
			return answer.body()
		page.wait_for_timeout(500)
	raise AssertionError("the Word file was not opened for download")


def test_the_officer_reads_the_summary_report_and_downloads_it(page, login):
	login(OFFICER)
	page.goto("/app/performance-report?report_kind=Self-Evaluation%20Summary%20Report&performance_year=2026")
	page.locator(".list-row .list-subject a", has_text="2026年度部门预算绩效自评总结报告").first.click()
	expect(page.locator(".page-title", has_text="2026年度部门预算绩效自评总结报告")).to_be_visible()
	form = page.locator(".form-layout")
	for label in ("一、基本情况", "二、组织实施", "四、发现的问题及原因", "五、改进措施", "六、结果应用建议"):
		expect(form.locator(".control-label, .like-disabled-input", has_text=label).first).to_be_visible()
	# the preview is the document's outline with its tables
	form.locator(".section-head", has_text="预览").click()
	preview = form.locator(".perf-report-preview")
	expect(preview.locator("h4", has_text="三、自评结果")).to_be_visible()
	expect(preview.locator("table th", has_text="项目数（个）").first).to_be_visible()
	data = download(page, lambda: page.locator(".page-actions button", has_text="下载Word").click())
	doc = Document(io.BytesIO(data))
	assert doc.paragraphs[0].text == "2026年度部门预算绩效自评总结报告"
	assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == HEADINGS
	grades = [[cell.text for cell in row.cells] for row in doc.tables[0].rows]
	assert grades[0] == ["等级", "项目数（个）", "占比"]
	assert [row[0] for row in grades[1:]] == ["优", "良", "中", "差", "合计"]
	assert grades[-1][2] == "100.00%"
	assert sum(int(row[1]) for row in grades[1:-1]) == int(grades[-1][1]) > 0
