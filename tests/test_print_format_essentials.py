"""What every print format of the app shares: a standard Chinese Jinja
format named as the form is titled (the print view's picker shows the name),
the default of its DocType, an A4 page in the official form's orientation,
the printed-government-form CSS, and a template that uses only ``doc`` and
the app's figure filters (no frappe.* or _() calls)."""

import json

import pytest
from print_formats import (
	CSS_NEEDLES,
	PRINT_FORMAT_DIR,
	expected_essentials,
	load_print_format,
	uses_frappe_globals,
)

DOCTYPES = PRINT_FORMAT_DIR.parent / "doctype"

# name (= folder) -> (DocType, the CSS class its page hangs from, orientation of the official form)
PRINT_FORMATS = {
	"项目支出绩效目标申报表": ("Performance Goal", ".pg-form", "portrait"),  # 财预〔2015〕88号
	"项目支出绩效自评表": ("Performance Evaluation", ".pe-form", "landscape"),  # 财预〔2020〕10号
	"预算绩效整改通知及整改情况报告": ("Rectification", ".pe-form", "portrait"),
	"预算绩效约谈记录": ("Performance Interview", ".pe-form", "portrait"),
	"事前绩效评估报告": ("Ex-ante Assessment", ".pe-form", "portrait"),  # 事前绩效评估报告（参考格式）
	"部门整体支出绩效目标申报表": ("Department Performance Goal", ".pg-form", "portrait"),
	"部门整体支出绩效监控表": ("Department Performance Monitoring", ".pe-form", "landscape"),
	# 财预〔2020〕10号 附2
	"部门整体支出绩效自评表": ("Department Performance Evaluation", ".pe-form", "landscape"),
}


def test_every_print_format_is_checked_here():
	assert {path.name for path in PRINT_FORMAT_DIR.iterdir() if path.is_dir()} == set(PRINT_FORMATS)


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_the_default_of_its_doctype(folder):
	doctype = PRINT_FORMATS[folder][0]
	folder_name = doctype.lower().replace(" ", "_").replace("-", "_")  # Frappe's scrub
	path = DOCTYPES / folder_name / f"{folder_name}.json"
	assert json.loads(path.read_text(encoding="utf-8"))["default_print_format"] == folder


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_an_a4_page_in_the_forms_orientation(folder):
	css = load_print_format(folder)["css"]
	orientation = PRINT_FORMATS[folder][2]
	# the browser's print (@page) and wkhtmltopdf's PDF (options read from .print-format)
	assert f"size: A4 {orientation};" in css
	assert f"orientation: {orientation.title()};" in css and "page-size: A4;" in css


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_json_essentials(folder):
	print_format = load_print_format(folder)
	doctype, root, _ = PRINT_FORMATS[folder]
	expected = expected_essentials(folder, doctype)
	assert {k: print_format.get(k) for k in expected} == expected
	for needle in (*CSS_NEEDLES, root):
		assert needle in print_format["css"]


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_template_uses_no_frappe_globals(folder):
	assert not uses_frappe_globals(load_print_format(folder)["html"])
