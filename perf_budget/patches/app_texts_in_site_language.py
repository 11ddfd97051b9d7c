"""Texts the app wrote into records in English before it wrote them in the
site's language (749ba2b): rectification problems, budget-advice reasons and
the comments of a return, an exclusion or a publication, rewritten in the
site's language.

Only a line that is exactly one of the app's own English sentences is
rewritten (its placeholders keep their values); anything a person typed is
left as it is."""

import re

import frappe
from frappe import _

from perf_budget.notify import language
from perf_budget.rules.advice import _ADVICE_BY_GRADE, UNRECTIFIED_REASON

# the app's sentences that were stored in English, as its msgids
SENTENCES = (
	"Monitoring {0} needs rectification",
	"Self-evaluation {0} needs rectification",
	"{0}: target {1}, actual to date {2}",
	"Budget execution {0}% (time-adjusted {1}%)",
	"{0}: target {1}, actual {2}, score {3} of {4}",
	"Excluded from the budget: not filed again by the goal deadline (art. 11).",
	"Published on {0}",
	UNRECTIFIED_REASON,
	*(reason for _action, reason in _ADVICE_BY_GRADE.values()),
)
# "Returned: <reason>" / "Revision Required: <reason>": the state is a word of the app, the reason typed
STATE_COMMENT = re.compile(r"^(Returned|Revision Required): (.*)$", re.S)
APP_DOCTYPES = (
	"Performance Goal",
	"Performance Monitoring",
	"Performance Evaluation",
	"Rectification",
	"Budget Advice",
)


def execute():
	lang = frappe.db.get_default("lang") or "en"
	if lang.startswith("en"):
		return
	with language(lang):
		patterns = [(pattern_of(sentence), sentence) for sentence in SENTENCES]
		rewrite_field("Rectification", "problem", patterns)
		rewrite_field("Rectification", "title", patterns)
		rewrite_field("Budget Advice", "recommendation_reasons", patterns)
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": ["in", APP_DOCTYPES], "comment_type": ["in", ["Comment", "Info"]]},
			fields=["name", "content"],
		)
		for comment in comments:
			text = in_site_language(comment.content or "", patterns)
			if text != comment.content:
				frappe.db.set_value("Comment", comment.name, "content", text, update_modified=False)


def rewrite_field(doctype: str, fieldname: str, patterns) -> None:
	for record in frappe.get_all(doctype, fields=["name", fieldname]):
		text = record[fieldname] or ""
		new = in_site_language(text, patterns)
		if new != text:
			frappe.db.set_value(doctype, record.name, fieldname, new, update_modified=False)


def pattern_of(sentence: str) -> re.Pattern:
	parts = re.split(r"\{\d\}", sentence)
	return re.compile("^" + "(.+?)".join(re.escape(part) for part in parts) + "$")


def in_site_language(text: str, patterns) -> str:
	state = STATE_COMMENT.match(text.strip())
	if state:
		return _("{0}: {1}").format(_(state.group(1)), state.group(2))
	return "\n".join(line_in_site_language(line, patterns) for line in text.split("\n"))


def line_in_site_language(line: str, patterns) -> str:
	for pattern, sentence in patterns:
		found = pattern.match(line)
		if found:
			return _(sentence).format(*found.groups())
	return line
