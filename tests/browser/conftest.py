"""Browser tests: Playwright driving Debian's Chromium against a served site.

scripts/test.sh serves the test site on a free port, loads the demo bureau
into it and sets PERF_BASE_URL. Run alone, these tests fail (not skip): a
browser test that silently does nothing proves nothing.
"""

import json
import os
import re

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from perf_budget.demo.bureau import DEMO_PASSWORD

CHROMIUM = "/usr/bin/chromium"
# The first desk load after a migrate builds caches on a 2-core machine:
# give assertions the same 20 s as actions, not Playwright's default 5 s.
expect.set_options(timeout=20_000)

CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def base_url() -> str:
	url = os.environ.get("PERF_BASE_URL")
	if not url:
		pytest.fail("PERF_BASE_URL is not set; run the browser tests through scripts/test.sh")
	return url


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def page(browser, base_url, request):
	context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 1400, "height": 900})
	context.set_default_timeout(20_000)
	page = context.new_page()
	yield page
	if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
		os.makedirs("test-results", exist_ok=True)
		page.screenshot(path=f"test-results/{request.node.name}.png", full_page=True)
	context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	report = outcome.get_result()
	setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def login(page: Page):
	"""Log in through the login form, as a person would."""

	def _login(user: str, password: str = DEMO_PASSWORD) -> Page:
		_fill_login_form(page, user, password)
		return page

	return _login


def _fill_login_form(page: Page, user: str, password: str) -> None:
	page.goto("/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(re.compile(r".*/app(/.*)?$"))
	expect(page.locator(".navbar")).to_be_visible()


@pytest.fixture
def returned_if_pending(browser, base_url):
	"""Setup through the REST API: an interrupted earlier run may have left the
	demo record with the unit head; the head sends it back first, so the test
	can fill it again."""

	def _return(doctype: str, project_code: str, head: str) -> None:
		context = browser.new_context(base_url=base_url)
		api = context.request
		api.post("/api/method/login", data={"usr": head, "pwd": DEMO_PASSWORD})
		filters = json.dumps(
			[["workflow_state", "=", "Pending Unit Head"], ["project_code", "=", project_code]]
		)
		for found in api.get(f"/api/resource/{doctype}?filters={filters}").json()["data"]:
			api.put(
				f"/api/resource/{doctype}/{found['name']}", data=json.dumps({"return_reason": "重新填写"})
			)
			doc = api.get(f"/api/resource/{doctype}/{found['name']}").json()["data"]
			api.post(
				"/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": json.dumps(doc), "action": "Return"},
			)
		context.close()

	return _return
