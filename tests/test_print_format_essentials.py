"""What every print format of the app shares: a standard Chinese Jinja
format of its DocType, the printed-government-form CSS, and a template that
uses only ``doc`` (no frappe.* or _() calls)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from print_formats import (
	CSS_NEEDLES,
	PRINT_FORMAT_DIR,
	expected_essentials,
	load_print_format,
	uses_frappe_globals,
)

# folder -> (print format name, DocType, the CSS class its page hangs from)
PRINT_FORMATS = {
	"performance_goal_form": ("Performance Goal Form", "Performance Goal", ".pg-form"),
	"performance_evaluation_form": ("Performance Evaluation Form", "Performance Evaluation", ".pe-form"),
	"rectification_notice": ("Rectification Notice", "Rectification", ".pe-form"),
	"performance_interview_record": ("Performance Interview Record", "Performance Interview", ".pe-form"),
}


def test_every_print_format_is_checked_here():
	assert {path.name for path in PRINT_FORMAT_DIR.iterdir() if path.is_dir()} == set(PRINT_FORMATS)


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_json_essentials(folder):
	print_format = load_print_format(folder)
	name, doctype, root = PRINT_FORMATS[folder]
	expected = expected_essentials(name, doctype)
	assert {k: print_format.get(k) for k in expected} == expected
	for needle in (*CSS_NEEDLES, root):
		assert needle in print_format["css"]


@pytest.mark.parametrize("folder", list(PRINT_FORMATS))
def test_template_uses_no_frappe_globals(folder):
	assert not uses_frappe_globals(load_print_format(folder)["html"])
