"""Each demo role lands on its own home page after login (issue 12, item 4):
the page's Chinese title, a sidebar with that page only (none of Frappe's
用户 / 网站 / 工具 / 集成 / Build), and on the leader's page the year's
charts, each light, grade and ex-ante conclusion in its own colour on
whole-number axes."""

import re

import pytest
from playwright.sync_api import expect

# issue 15: the department-wide self-evaluations and the ex-ante assessments
DEPARTMENT_WIDE_CARDS = ("部门整体自评平均分", "待财务科审核的事前评估")
LEADER_CHARTS = [
	"各单位评价等级",
	"各单位预警情况",
	"预算建议分布",
	"评价等级分布",
	"部门整体目标审核状态",
	"事前评估结论",
]
HOMES = {
	"bgs.user@perf.local": (
		"unit-filing",
		"单位填报",
		("待我审核", "红色预警", "逾期整改事项", "自评平均分"),
	),
	"bgs.head@perf.local": (
		"unit-review",
		"单位审核",
		("待我审核", "红色预警", "逾期整改事项", "自评平均分"),
	),
	"finance.officer@perf.local": (
		"finance-review",
		"财务科审核",
		("待我审核", "红色预警", "逾期整改事项", "自评平均分", *DEPARTMENT_WIDE_CARDS),
	),
	"finance.head@perf.local": (
		"finance-review",
		"财务科审核",
		("待我审核", "红色预警", "逾期整改事项", "自评平均分", *DEPARTMENT_WIDE_CARDS),
	),
	"leader@perf.local": (
		"performance-overview",
		"绩效总览",
		("红色预警", "逾期整改事项", "自评平均分", "已确认下年度预算（万元）", *DEPARTMENT_WIDE_CARDS),
	),
}
LATIN = re.compile(r"[A-Za-z]")
ALLOWED_WORDS = ("Excel",)  # the file format's name


def sidebar_labels(page) -> list[str]:
	labels = page.locator(".desk-sidebar .sidebar-item-label")
	expect(labels.first).to_be_visible()
	return [label.strip() for label in labels.all_inner_texts()]


@pytest.mark.parametrize("user", HOMES)
def test_each_role_lands_on_its_own_page(page, login, user):
	route, title, cards = HOMES[user]
	login(user)
	page.wait_for_url(re.compile(rf".*/app/{route}$"))
	expect(page.locator(".page-title .title-text").first).to_have_text(title)
	expect(page.locator(".desk-sidebar .sidebar-item-label")).to_have_text([title])
	# each card's title, then its figure (cards fill in one by one)
	expect(page.locator(".number-widget-box .widget-title")).to_have_text(list(cards))
	expect(page.locator(".number-widget-box .number")).to_have_count(len(cards))
	words = " ".join(page.locator(".layout-main-section .widget-title").all_inner_texts())
	for allowed in ALLOWED_WORDS:
		words = words.replace(allowed, "")
	assert not LATIN.search(words), words


def test_a_system_manager_keeps_frappe_admin_pages(page, login):
	login("sysadmin@perf.local")
	labels = sidebar_labels(page)
	assert {"预算绩效", "单位填报", "单位审核", "财务科审核", "绩效总览", "用户"} <= set(labels), labels


def chart_box(page, title: str):
	box = page.locator(".dashboard-widget-box", has=page.locator(".widget-title", has_text=title))
	expect(box.locator("rect.bar").first).to_be_attached()
	return box


def dataset_colours(box) -> list[str]:
	"""The fill of each dataset's bars, in dataset order (frappe-charts styles every bar)."""
	return box.evaluate(
		"""box => [...box.querySelectorAll('g.dataset-bars')].map(
			(g) => g.querySelector('rect.bar').style.fill)"""
	)


def test_the_leader_sees_the_years_picture(page, login):
	login("leader@perf.local")
	page.wait_for_url(re.compile(r".*/app/performance-overview$"))
	expect(page.locator(".dashboard-widget-box .widget-title")).to_have_text(LEADER_CHARTS)
	lights = chart_box(page, "各单位预警情况")
	assert dataset_colours(lights) == ["rgb(226, 76, 76)", "rgb(245, 184, 46)", "rgb(54, 179, 126)"]
	assert all(light in lights.text_content() for light in ("红灯", "黄灯", "绿灯"))
	grades = chart_box(page, "各单位评价等级")
	assert dataset_colours(grades) == [
		"rgb(54, 179, 126)",
		"rgb(94, 100, 255)",
		"rgb(245, 184, 46)",
		"rgb(226, 76, 76)",
	]
	conclusions = chart_box(page, "事前评估结论")  # 予以支持, 调整后支持, 不予支持, 评估中
	assert dataset_colours(conclusions) == [
		"rgb(54, 179, 126)",
		"rgb(245, 184, 46)",
		"rgb(226, 76, 76)",
		"rgb(184, 194, 204)",
	]
	for title in LEADER_CHARTS:
		ticks = chart_box(page, title).locator("g.y.axis text").all_text_contents()
		assert ticks and all(re.fullmatch(r"\d+", tick) for tick in ticks), (title, ticks)
	# drill-down: a card opens its list or report
	page.locator(
		".number-widget-box", has=page.locator(".widget-title", has_text=re.compile("^自评平均分$"))
	).locator(".widget-content").click()
	page.wait_for_url(re.compile(r".*/app/query-report/Self-Evaluation%20Scores.*"))
