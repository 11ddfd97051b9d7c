"""Steps in the desk every browser test takes the same way."""

from playwright.sync_api import Page, expect


def workflow_action(page: Page, action: str) -> None:
	"""Pick a workflow action from the form's 操作 menu."""
	page.locator(".actions-btn-group button", has_text="操作").click()
	page.locator(".dropdown-menu:visible .dropdown-item", has_text=action).click()


def return_with_reason(page: Page, reason: str) -> None:
	"""退回, answering the reason prompt the app shows first."""
	workflow_action(page, "退回")
	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("textarea").fill(reason)
	dialog.locator(".btn-primary", has_text="确认").click()
	expect(page.locator(".indicator-pill", has_text="已退回")).to_be_visible()


def log_out(page: Page) -> None:
	page.goto("about:blank")  # no request of the old session may set its cookie again
	page.context.clear_cookies()
