"""The DocTypes the app's hooks act on, named once: ``hooks.py`` imports them
(unit isolation, the closed-year guard, the value checks) and so does
``perf_budget/security``. Plain data: importing it runs nothing of Frappe."""

import functools
import json
from pathlib import Path

# Records that belong to one Budget Unit (their ``budget_unit`` field).
UNIT_DOCTYPES = (
	"Performance Goal",
	"Performance Monitoring",
	"Performance Evaluation",
	"Rectification",
	"Performance Interview",
	"Budget Advice",
	"Accountability Referral",
	"Satisfaction Survey",
	"External Evaluation",
	"Expert Score Sheet",
	"Department Performance Goal",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Ex-ante Assessment",
)
# What the unit rule (perf_budget.permissions) judges: Budget Unit and its records.
BOUND = ("Budget Unit", *UNIT_DOCTYPES)
# Unit records that go through a review chain (a Workflow shipped in perf_budget/workflow).
CHAINED_DOCTYPES = (
	"Performance Goal",
	"Performance Monitoring",
	"Performance Evaluation",
	"Rectification",
	"Department Performance Goal",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Ex-ante Assessment",
)
# Finance's own records with a review chain: the finance officer writes, the finance head
# approves (the written reports of arts. 17 and 23); no unit takes part in them.
FINANCE_CHAINED_DOCTYPES = ("Performance Report",)
# Finance's own records of the budget system's imports: no unit role reads them. Their rows
# name units and records (Budget Execution Import Row's budget_unit) but belong to the import,
# not to a unit: they are reached only through it.
FINANCE_DOCTYPES = ("Budget Import Mapping", "Budget Execution Import")
FINANCE_CHILD_DOCTYPES = {
	"Budget Fund Source": ("Budget Import Mapping",),
	"Budget Execution Import Row": ("Budget Execution Import",),
	"Budget Import Missing Goal": ("Budget Execution Import",),
}
# Child tables of unit records (and of Budget Unit), with the DocTypes they are rows of.
CHILD_DOCTYPES = {
	"Goal Indicator": ("Performance Goal", "Department Performance Goal"),
	"Department Key Task": ("Department Performance Goal",),
	"Goal Medium Term Indicator": ("Performance Goal",),
	"Policy Document": ("Performance Goal",),
	"Monitoring Indicator": ("Performance Monitoring", "Department Performance Monitoring"),
	"Evaluation Indicator": ("Performance Evaluation", "Department Performance Evaluation"),
	"Evaluation Expert": ("Performance Evaluation",),
	"Evaluation Checklist Item": ("Performance Evaluation",),
	"Evaluation Site Visit": ("Performance Evaluation",),
	"Survey Question": ("Satisfaction Survey",),
	"Survey Response": ("Satisfaction Survey",),
	"Expert Score Row": ("Expert Score Sheet",),
	"Interview Participant": ("Performance Interview",),
	"Interview Commitment": ("Performance Interview",),
	"Budget Unit Member": ("Budget Unit",),
	"External Evaluation Finding": ("External Evaluation",),
	"Ex-ante Dimension Score": ("Ex-ante Assessment",),
	"Ex-ante Evidence": ("Ex-ante Assessment",),
}
# Unit records a unit reads only once finance has submitted them (a result
# received from the city finance bureau, not a draft of it).
SUBMITTED_ONLY_FOR_UNITS = ("External Evaluation",)

# Frappe DocTypes that point at a document: (doctype column, name column).
POINTERS = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"DocShare": ("share_doctype", "share_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Activity Log": ("reference_doctype", "reference_name"),
	"View Log": ("reference_doctype", "reference_name"),
	"Energy Point Log": ("reference_doctype", "reference_name"),
	"Document Share Key": ("reference_doctype", "reference_docname"),
	"Notification Log": ("document_type", "document_name"),
}


@functools.cache
def app_doctypes() -> tuple[str, ...]:
	"""Every DocType of the app, child tables included, read from its JSON (so
	a DocType added later is checked without a word here)."""
	names = []
	for path in sorted((Path(__file__).parent / "perf_budget" / "doctype").glob("*/*.json")):
		meta = json.loads(path.read_text(encoding="utf-8")) if path.stem == path.parent.name else {}
		if meta.get("doctype") == "DocType":
			names.append(meta["name"])
	return tuple(names)
