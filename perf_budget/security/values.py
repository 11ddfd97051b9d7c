"""No value is changed silently (issue 11): a number field given something
that is not a finite number, a figure beyond its column or its stated limit,
a text longer than its limit, a table with too many rows, a date that is not
a date or dates out of order are refused with a message naming the field —
whatever the door (desk, REST, ``frappe.client``, imports, rounds).

Why ``before_validate``: Frappe keeps the values of a request as they came
(``BaseDocument.set`` stores them untouched) until ``get_valid_dict`` casts
them with ``flt``/``cint`` on the way to the database, where "NaN", "一百万"
or a list become 0 and 1e20 overflows the column (DataError, a 500). It is
the first hook every save and submit runs, after Frappe has only built the
document and checked its links, so it still sees the raw values, and the
controllers then compute from numbers that were checked. The same check runs
on ``before_save``/``before_submit``, on what the controllers computed (the
execution rate of a tiny budget can outgrow its column), and on
``before_update_after_submit``. A request's documents are checked for their
shape (tables as lists of rows, rows per table) by the request guard, before
Frappe builds them.
"""

import datetime
import functools
import json
from decimal import Decimal

import frappe
from frappe import _
from frappe.model import table_fields
from frappe.model.base_document import max_positive_value

from perf_budget.doctypes import app_doctypes
from perf_budget.rules.numbers import NOT_A_NUMBER, NOT_WHOLE, NumberRefused, RuleError, checked_number

# Limits of what a person may enter (the column may hold more).
MAX_ROWS = 200  # rows of any table of a record; a real goal has 10–40 indicators
# Tables the server builds from a file rather than rows typed one by one: the budget
# system's export holds a line per project code of every unit of the bureau.
BUILT_TABLE_ROWS = {"Budget Execution Import": 10_000}
PARAGRAPH_CHARS = 10_000  # Small Text / Text (the column holds 65,535 bytes)
LONG_TEXT_CHARS = 100_000  # Long Text / Text Editor (minutes, lists of changes)
AMOUNT_LIMIT = 10**9  # Float / Currency: amounts in 万元 (10^9 万元 = 10^13 yuan), indicator values
PERCENT_LIMIT = 1000  # Percent
POINTS_LIMIT = 100  # fields of scores and weights: points out of 100 (art. 21)
COUNT_LIMIT = 10**9  # Int
NUMBER_TYPES = ("Float", "Currency", "Percent", "Int")
PARAGRAPH_TYPES = ("Small Text", "Text")
LONG_TEXT_TYPES = ("Long Text", "Text Editor", "Markdown Editor", "HTML Editor", "Code")
DATE_TYPES = ("Date", "Datetime")
TEXT_COLUMN_BYTES = 65_535  # MariaDB ``text``, the column of Small Text and Text
SHOWN_PROBLEMS = 20

# Dates of one record that may not come before another of its dates: (earlier, later).
DATE_ORDER = {
	"Performance Goal": (("period_start", "period_end"),),
	"Performance Year": (
		("goal_deadline", "evaluation_deadline"),
		("evaluation_deadline", "summary_deadline"),
	),
	"Performance Interview": (("interview_date", "follow_up_date"),),
	"Rectification": (("result_date", "due_date"),),
	"Accountability Referral": (("referral_date", "outcome_date"),),
}

# -- the document hook ----------------------------------------------------------


def check_values(doc, method=None):
	"""doc_events of every DocType of the app (hooks.py), first in line."""
	check_rows(doc)
	problems = [*field_problems(doc), *date_order_problems(doc)]
	if problems:
		shown = problems[:SHOWN_PROBLEMS]
		if len(problems) > SHOWN_PROBLEMS:
			shown.append(_("… and {0} more.").format(len(problems) - SHOWN_PROBLEMS))
		frappe.throw("<br>".join(shown), title=_("Values that cannot be saved"))
	if method != "before_validate":
		store_empty_as_stored(doc)


def store_empty_as_stored(doc) -> None:
	"""An empty value is set as Frappe stores it (a number or check 0, a date
	NULL), once the controllers have validated (they may tell empty from 0).
	The version Frappe writes after the save compares the record with the one
	read back from the database: a figure a controller left empty (no
	evaluation last year) read "from 0 to null" on every save, and the form
	then sent that null back; an empty date the form sent as "" read as a
	change from null."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if value is None and df.fieldtype in (*NUMBER_TYPES, "Check"):
				row.set(df.fieldname, 0 if df.fieldtype in ("Int", "Check") else 0.0)
			elif value == "" and df.fieldtype in (*DATE_TYPES, "Time"):
				row.set(df.fieldname, None)


def check_rows(doc) -> None:
	"""Before anything else looks at the rows (scoring 10,000 rows takes seconds)."""
	for df in doc.meta.get_table_fields():
		count = len(doc.get(df.fieldname) or [])
		if count > row_limit(doc.doctype):
			frappe.throw(too_many_rows(df, count), title=_("Values that cannot be saved"))


def row_limit(doctype: str) -> int:
	return BUILT_TABLE_ROWS.get(doctype, MAX_ROWS)


def too_many_rows(df, count: int) -> str:
	return _("{0} can have at most {1} rows, not {2}.").format(_(df.label), row_limit(df.parent), count)


def field_problems(doc) -> list[str]:
	problems = list(row_problems(doc))
	for df in doc.meta.get_table_fields():
		for row in doc.get(df.fieldname) or []:
			problems += [
				_("{0} row {1}: {2}").format(_(df.label), row.idx, problem) for problem in row_problems(row)
			]
	return problems


def row_problems(row):
	"""Problems of one document or row; numbers and dates it keeps are set as
	the number or date they stand for, so Frappe's casts cannot change them."""
	for df in row.meta.fields:
		value = row.get(df.fieldname)
		if value is None or df.fieldtype in table_fields:
			continue
		if df.fieldtype in NUMBER_TYPES:
			yield from number_problems(row, df, value)
		elif isinstance(value, list | tuple | set | dict) and df.fieldtype != "JSON":
			yield _("{0} must be a single value, not “{1}”.").format(_(df.label), shown(value))
		elif df.fieldtype in DATE_TYPES:
			yield from date_problems(row, df, value)
		elif df.fieldtype in ("Data", *PARAGRAPH_TYPES, *LONG_TEXT_TYPES):
			yield from text_problems(df, value)


def number_problems(row, df, value):
	whole = df.fieldtype == "Int"
	low, high = number_range(df)
	try:
		number = checked_number(value, low, high, whole=whole)
	except NumberRefused as refused:
		if refused.reason == NOT_A_NUMBER:
			yield _("{0} must be a number, not “{1}”.").format(_(df.label), shown(value))
		elif refused.reason == NOT_WHOLE:
			yield _("{0} must be a whole number, not “{1}”.").format(_(df.label), shown(value))
		elif df.read_only:
			yield _(
				"{0} works out at {1}, more than can be stored; check the figures it is computed from."
			).format(_(df.label), shown(value))
		else:
			yield _("{0} must be between {1} and {2}, not {3}.").format(
				_(df.label), figure(low), figure(high), shown(value)
			)
		return
	if number is not None and not isinstance(value, int | float):
		row.set(df.fieldname, int(number) if whole else float(number))
	elif whole and isinstance(value, float):
		row.set(df.fieldname, int(value))


def number_range(df) -> tuple[Decimal, Decimal]:
	"""What the column holds for a field the server fills; the stated limit of
	its kind for a field a person enters."""
	column = column_limit(df)
	if df.read_only:
		return -column, column
	if "score" in df.fieldname or "weight" in df.fieldname:
		return Decimal(0), Decimal(POINTS_LIMIT)
	limit = {"Percent": PERCENT_LIMIT, "Int": COUNT_LIMIT}.get(df.fieldtype, AMOUNT_LIMIT)
	high = min(Decimal(limit), column)
	return (Decimal(0) if df.non_negative else -high), high


def column_limit(df) -> Decimal:
	"""The largest number the field's column holds: decimal(21,9) or int(11)."""
	column_type, size = frappe.db.type_map[df.fieldtype]
	if column_type in max_positive_value:
		if int(df.get("length") or 0) > 11:
			column_type = "bigint"  # as Frappe makes the column
		return Decimal(max_positive_value[column_type])
	precision, scale = (int(part) for part in size.split(","))
	return Decimal(10) ** (precision - scale) - Decimal(10) ** -scale


def date_problems(row, df, value):
	if isinstance(value, datetime.date):
		return
	text = str(value).strip()
	if not text:
		return
	try:
		moment = datetime.datetime.fromisoformat(text)
	except ValueError:
		yield _("{0} must be a date such as 2026-06-30, not “{1}”.").format(_(df.label), shown(value))
		return
	row.set(df.fieldname, moment.date().isoformat() if df.fieldtype == "Date" else str(moment))


def text_problems(df, value):
	text = value if isinstance(value, str) else str(value)
	if df.fieldtype == "Data":
		limit = int(df.get("length") or 0) or frappe.db.VARCHAR_LEN
	elif df.read_only:
		# filled by the server: only what the column holds
		if df.fieldtype in PARAGRAPH_TYPES and len(text.encode("utf-8")) > TEXT_COLUMN_BYTES:
			yield _("{0} is too long to be stored ({1} characters).").format(_(df.label), len(text))
		return
	else:
		limit = PARAGRAPH_CHARS if df.fieldtype in PARAGRAPH_TYPES else LONG_TEXT_CHARS
	if len(text) > limit:
		yield _("{0} has {1} characters; at most {2} are allowed.").format(
			_(df.label), figure(len(text)), figure(limit)
		)


def date_order_problems(doc) -> list[str]:
	problems = []
	for earlier, later in DATE_ORDER.get(doc.doctype, ()):
		first, then = doc.get(earlier), doc.get(later)
		if not (first and then):
			continue
		try:
			first, then = frappe.utils.getdate(first), frappe.utils.getdate(then)
		except frappe.ValidationError:
			continue  # refused as not a date already
		if then < first:
			problems.append(
				_("{0} ({1}) cannot be before {2} ({3}).").format(
					_(doc.meta.get_label(later)), then, _(doc.meta.get_label(earlier)), first
				)
			)
	return problems


def shown(value) -> str:
	"""A refused value as the message quotes it (JSON spellings of NaN and Infinity)."""
	if isinstance(value, float) and value != value:
		text = "NaN"
	elif isinstance(value, float) and value in (float("inf"), float("-inf")):
		text = "Infinity" if value > 0 else "-Infinity"
	elif isinstance(value, list | tuple | set | dict):
		text = json.dumps(value, ensure_ascii=False, default=str)
	else:
		text = str(value)
	return text if len(text) <= 40 else text[:40] + "…"


def figure(number) -> str:
	"""1000000000 -> 1,000,000,000 (limits in messages)."""
	number = Decimal(number)
	return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,}"


# -- a request's documents, before Frappe builds them ----------------------------


def check_sent_document(doctype: str | None, values) -> None:
	"""Tables of a document a request sends: lists of rows, at most MAX_ROWS each.
	Building 10,000 rows alone takes a third of a second; a string where rows
	belong makes Frappe fail with a TypeError (a 500)."""
	if doctype not in app_doctypes() or not isinstance(values, dict):
		return
	for df in frappe.get_meta(doctype).get_table_fields():
		rows = values.get(df.fieldname)
		if rows is None:
			continue
		if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
			frappe.throw(
				_("{0} must be a list of rows.").format(_(df.label)), title=_("Values that cannot be saved")
			)
		if len(rows) > row_limit(doctype):
			frappe.throw(too_many_rows(df, len(rows)), title=_("Values that cannot be saved"))


# -- rule errors at the controller boundary --------------------------------------


def refuse_rule_errors(step):
	"""For a controller step that calls perf_budget/rules: a rule's refusal (a
	negative amount, an unknown likelihood) is the user's to fix, so it is
	answered as a translated message, never as a 500."""

	@functools.wraps(step)
	def checked(*args, **kwargs):
		try:
			return step(*args, **kwargs)
		except RuleError as error:
			words = (_(arg) if isinstance(arg, str) else arg for arg in error.args_)
			frappe.throw(_(error.message).format(*words), title=_("Please check the figures"))

	return checked
