"""The finance bureau's evaluations in the desk (arts. 5(四), 13, 24): the
finance officer opens the list and the demo review (复核) of 规划科's project
with its findings made rectifications; the unit reads the gap on its own
self-evaluation ("自评 … / 复核 86.00 / 差 …") and cannot open the register
of institutions. Read only: nothing is changed."""

import json

from desk import log_out
from playwright.sync_api import Page, expect

OFFICER = "finance.officer@perf.local"
UNIT_USER = "ghk.user@perf.local"  # 规划科


def review_of_ghk(page: Page) -> dict:
	filters = json.dumps([["kind", "=", "Review of Self-Evaluation"], ["docstatus", "=", 1]])
	fields = json.dumps(["name", "performance_evaluation", "score", "score_gap"])
	found = page.request.get(f"/api/resource/External Evaluation?filters={filters}&fields={fields}").json()[
		"data"
	]
	assert found, "the demo should hold the city finance bureau's review of 规划科's GHK-01"
	return found[0]


def test_finance_opens_the_review_with_its_findings(page, login):
	login(OFFICER)
	page_errors = []
	page.on("pageerror", lambda error: page_errors.append(str(error)))
	page.goto("/app/external-evaluation")
	expect(page.locator(".list-row-container").first).to_be_visible()
	expect(page.locator(".list-row-container", has_text="第三方机构评价").first).to_be_visible()
	review = review_of_ghk(page)
	page.goto(f"/app/external-evaluation/{review['name']}")
	expect(page.locator('[data-fieldname="kind"]').get_by_text("复核")).to_be_visible()
	expect(page.locator('[data-fieldname="evaluator"]').get_by_text("市财政局")).to_be_visible()
	expect(page.locator('[data-fieldname="grade"]').get_by_text("良")).to_be_visible()
	findings = page.locator('[data-fieldname="findings"]')
	expect(findings.get_by_text("效益指标缺少佐证材料")).to_be_visible()
	expect(findings.get_by_text("满意度调查样本偏少")).to_be_visible()
	doc = page.request.get(f"/api/resource/External Evaluation/{review['name']}").json()["data"]
	assert all(row["rectification"] for row in doc["findings"]), "the demo made both findings rectifications"
	# nothing left to make: no button
	expect(page.get_by_role("button", name="生成整改事项")).to_have_count(0)
	assert page_errors == []


def test_the_unit_reads_the_gap_on_its_self_evaluation(page, login):
	login(OFFICER)
	review = review_of_ghk(page)
	log_out(page)
	login(UNIT_USER)
	page.goto(f"/app/performance-evaluation/{review['performance_evaluation']}")
	gap = f"{review['score_gap']:.2f}"
	headline = page.locator(".form-dashboard .form-headline, .form-message").filter(has_text="复核 86.00")
	expect(headline.first).to_contain_text(f"/ 复核 86.00 / 差 {gap}")
	expect(headline.first).to_contain_text("自评 ")
	# the unit reads the received review, never edits it, and cannot open the register
	page.goto(f"/app/external-evaluation/{review['name']}")
	expect(page.locator('[data-fieldname="score"]').get_by_text("86.00")).to_be_visible()
	expect(page.locator('[data-fieldname="score"] input')).to_have_count(0)
	answer = page.request.get("/api/resource/Evaluation Institution")
	assert answer.status == 403, answer.status
