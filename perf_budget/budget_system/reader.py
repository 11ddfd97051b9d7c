"""The budget system's export read by a column mapping. Plain Python on openpyxl, no Frappe.

The export comes as .xlsx, CSV, or one of the older "Excel" files such systems
write (a 97–2003 .xls, an HTML table named .xls, an Excel 2003 XML
spreadsheet: legacy_formats); each is read into the same grid of cells first.

A 预算管理一体化 export has one line per budget indicator: several lines per
project code and fund source, title rows above the header (单位：元,
截止日期：…), often a two-row header, 合计/小计 rows and footnotes. The
reader finds the header by the mapping's titles, sums every project's lines
by fund category (the mapping's fund sources) into exact 万元 and refuses a
file with every problem it finds, each naming the line, the column, the value
and what to fix. Nothing is guessed: a unit the file does not state, a fund
source the mapping does not know, a 合计 that does not add up are refused.

Messages are (English msgid with {0}…, args) pairs; the Frappe side shows
``_(msgid).format(*args)`` (zh.po translates every msgid in MESSAGES).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from perf_budget.budget_system import legacy_formats
from perf_budget.budget_system.targets import (
	ADJUSTED,
	CARRYOVER,
	CATEGORIES,
	EXECUTED,
	FIGURES,
	FISCAL,
	INITIAL,
	OTHER,
)
from perf_budget.excel import upload
from perf_budget.excel.layout import CellError, as_text, compact, fold, is_blank, quote_value, read_date
from perf_budget.excel.values import MAX_AMOUNT, is_empty
from perf_budget.rules.numbers import THOUSANDS

KEYS = ("code", "name", "unit", "source", INITIAL, ADJUSTED, EXECUTED, "as_of")
REQUIRED = ("code", "source", ADJUSTED, EXECUTED)
AMOUNT_KEYS = FIGURES
# The Chinese name of each column, in messages (the titles a mapping accepts vary).
KEY_LABELS = {
	"code": "项目编码",
	"name": "项目名称",
	"unit": "单位名称",
	"source": "资金性质/来源",
	INITIAL: "年初预算数",
	ADJUSTED: "调整后预算数",
	EXECUTED: "支付数/执行数",
	"as_of": "截止日期",
}
CATEGORY_LABELS = {FISCAL: "当年财政拨款", CARRYOVER: "上年结转", OTHER: "其他资金"}

# Amount units (the Select values of Budget Import Mapping.amount_unit).
YUAN, WAN, FILE_SAYS = "Yuan", "10k Yuan", "As the File Says"
UNIT_WORDS = {YUAN: "元", WAN: "万元"}
TEN_THOUSAND_EXPONENT = -4  # 元 -> 万元, exact: Decimal.scaleb(-4)

Message = tuple[str, tuple]

# Files whose name says web page: read when they hold a table.
MARKUP_EXTENSIONS = ("htm", "html")
# The names an export may have (what it holds is told by its bytes).
FILE_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".tsv", ".htm", ".html", ".xml")
# The header is looked for in the first rows of each sheet (title rows come first).
HEADER_ROWS = 30
# A file full of mistakes is reported up to this many problems, not in thousands of lines.
MAX_PROBLEMS = 50
# the import's tables (security.values.BUILT_TABLE_ROWS) and the records' code field
MAX_PROJECTS, MAX_CODE_CHARACTERS = 10_000, 140
# Line numbers quoted in one message.
MAX_LINES_QUOTED = 10
# Excel keeps 15 significant digits of a number: a longer code typed as a number has lost digits,
# and a binary cell's digits beyond them are the float's, not the figure's (0.1+0.2 = 0.30000000000000004).
EXACT_DIGITS = 15
SHOWN_IN_FULL = Decimal("1e18")


@dataclass
class Mapping:
	"""Which column titles mean which key, the amount unit, and fund source -> category."""

	titles: dict[str, list[str]]
	amount_unit: str = FILE_SAYS
	fund_sources: dict[str, str] = field(default_factory=dict)


DEFAULT_MAPPING_NAME = "预算管理一体化（通用）"
DEFAULT_MAPPING = Mapping(
	titles={
		"code": ["项目编码", "项目代码", "项目编号"],
		"name": ["项目名称"],
		"unit": ["单位名称", "预算单位", "预算单位名称"],
		"source": ["资金性质", "资金来源", "资金性质/来源", "资金来源/性质"],
		INITIAL: ["年初预算数", "年初批复数", "年初预算"],
		ADJUSTED: ["调整后预算数", "全年预算数", "调整预算数", "调整后预算"],
		EXECUTED: ["支付数", "执行数", "实际支出数", "实际支付数", "累计支付数"],
		"as_of": ["截止日期", "统计截止日期", "数据截止日期"],
	},
	amount_unit=FILE_SAYS,
	fund_sources={
		**dict.fromkeys(
			(
				"一般公共预算",
				"一般公共预算资金",
				"一般公共预算拨款",
				"一般公共预算财政拨款",
				"当年财政拨款",
				"本年财政拨款",
				"财政拨款",
				"政府性基金",
				"政府性基金预算",
				"政府性基金预算资金",
				"政府性基金预算拨款",
				"国有资本经营预算",
				"国有资本经营预算资金",
				"国有资本经营预算拨款",
			),
			FISCAL,
		),
		**dict.fromkeys(
			(
				"上年结转",
				"上年结转资金",
				"上年财政拨款结转",
				"上年结转结余",
				"财政拨款结转结余",
				"一般公共预算结转",
				"政府性基金结转",
			),
			CARRYOVER,
		),
		**dict.fromkeys(
			(
				"其他资金",
				"财政专户",
				"财政专户管理资金",
				"单位资金",
				"单位自有资金",
				"事业收入",
				"事业单位经营收入",
				"经营收入",
				"上级补助收入",
				"附属单位上缴收入",
				"其他收入",
				"自筹资金",
			),
			OTHER,
		),
	},
)


@dataclass
class ProjectFigures:
	"""One project code's lines summed: figure -> category -> exact 万元 (the file's figures only,
	each with all three categories, 0 where no line)."""

	code: str
	name: str | None
	unit_name: str | None
	lines: list[int]
	figures: dict[str, dict[str, Decimal]]


@dataclass
class BudgetFile:
	projects: list[ProjectFigures]
	as_of: datetime.date | None
	amount_unit: str
	unit_basis: Message
	has: tuple[str, ...]
	line_count: int
	notes: list[Message]


class BudgetFileRefused(ValueError):
	"""Every problem found in a file (``messages``), none of its figures used."""

	def __init__(self, messages: list[Message]) -> None:
		super().__init__("; ".join(msgid.format(*args) for msgid, args in messages))
		self.messages = messages


# ---------------------------------------------------------------- messages

NOT_BUDGET_FILE = (
	"The file {0} is neither an Excel workbook (.xlsx, .xls) nor a CSV file; export the figures "
	"from the budget system as .xlsx, .xls or .csv and upload that"
)
UNKNOWN_ENCODING = (
	'The CSV file is neither UTF-8 nor GBK/GB18030 text; save it in Excel as "CSV UTF-8" and upload it again'
)
NO_HEADER = (
	"No header row was found in the first {0} rows of any sheet: the columns {1} are missing; "
	"the mapping accepts these titles: {2}"
)
COLUMN_MISSING = (
	"{0}, header in row {1}: no column for {2}; the mapping accepts the titles {3}: "
	"rename the column or add its title to the mapping"
)
TITLE_TWICE = (
	"{0}, header in row {1}: column {2} ({3}) and column {4} ({5}) both stand for {6}; "
	"delete one of them or rename it so that the mapping matches only one"
)
TWO_SHEETS = (
	"Sheets {0} each hold a table of budget figures; upload one export per file: "
	"delete the other sheets or upload them one by one"
)
NO_LINES = "{0}: the table under the header in row {1} has no line with a project code"
LINE_WITHOUT_CODE = "Line {0} has amounts but no project code; fill in {1} or delete the line"
NOT_AN_AMOUNT = (
	"Line {0}, {1}: {2} is not an amount; type a number such as 1234567.89 (a dash or a blank means none)"
)
EXCEL_ERROR = "Line {0}, {1}: Excel shows the error {2}; correct the formula in Excel, save the file and upload it again"
FORMULA_NOT_COMPUTED = (
	"Line {0}, {1} holds a formula whose value the file does not store; "
	"open the file in Excel, save it and upload it again"
)
AMOUNT_TOO_LARGE = (
	"Line {0}, {1}: {2} is more than {3} 万元, larger than any budget; check the amount and the file's unit"
)
NOT_TEXT = "Line {0}, {1}: {2} must be text or a number"
CODE_DECIMALS = (
	"Line {0}, {1}: the project code {2} is a number with decimals; "
	"format the code column as text in Excel and type the code again"
)
CODE_TOO_LONG = (
	"Line {0}, {1}: the project code {2} is a number longer than the 15 digits Excel keeps; "
	"format the code column as text in Excel and type the code again"
)
CODE_SCIENTIFIC = (
	"Line {0}, {1}: the project code {2} is written in scientific notation and has lost digits; "
	"format the code column as text in Excel, type the code again and save"
)
CODE_TOO_MANY_CHARACTERS = (
	"Line {0}, {1}: the project code has {2} characters, more than the {3} a project code may have; "
	"check that this column holds the project codes"
)
TOO_MANY_PROJECTS = "The file has {0} project codes; one import takes at most {1}: split the export by unit and import each part"
NO_SOURCE = "Line {0} has no fund source in {1}; fill it in"
UNKNOWN_SOURCE = (
	"The fund source {0} (lines {1}) is not in the mapping; add it to the mapping's fund sources "
	"with its category, then read the file again"
)
TWO_NAMES = (
	"Project {0} has two names: {1} (lines {2}) and {3} (lines {4}); "
	"one project code is one project, correct the file"
)
TWO_UNITS = (
	"Project {0} has two units: {1} (lines {2}) and {3} (lines {4}); "
	"one project code belongs to one unit, correct the file"
)
NOT_A_DATE = "Line {0}, {1}: {2} is not a date; write it as 2026-06-30"
TITLE_DATE_UNREADABLE = "Line {0}: the as-of date in {1} cannot be read; write it as 截止日期：2026-06-30"
DATES_DIFFER = (
	"The as-of dates differ: {0} (lines {1}) and {2} (lines {3}); "
	"an import holds the figures of one date, split the file by date"
)
DATE_OUTSIDE_YEAR = (
	"The as-of date {0} (line {1}) is not in {2}, the year of the import; choose the right year or file"
)
TITLE_YEAR_DIFFERS = (
	"The file's title {0} (line {1}) is not for {2}, the year of the import; choose the right year or file"
)
TOTAL_DIFFERS = (
	"Line {0} ({1}), {2}: the total is {3}, but the lines add up to {4}; correct the total or the lines"
)
NEGATIVE_PROJECT = (
	"Project {0}: {1} ({2}) adds up to {3} 万元 over lines {4}; "
	"a project's figure cannot be below zero, correct the lines"
)
UNIT_UNCLEAR = (
	"The file does not say whether its amounts are in 元 or 万元 (no line such as 单位：元 above "
	"the table, no unit in the column titles); choose the amount unit in the mapping"
)
UNIT_CONFLICT = (
	"The file states two amount units: 元 in {0} and 万元 in {1}; "
	"correct the file or choose the amount unit in the mapping"
)
ROWS_NOT_LIST = "The rows must be a JSON list of objects, one object per line of the budget system's export"
ROW_NOT_OBJECT = "Row {0} is not an object of keys and values; send every line as one"
UNKNOWN_KEY = "Row {0}: the key {1} is neither one of {2} nor a title of the mapping; rename or remove it"
KEY_TWICE = "The keys {0} and {1} both stand for {2}; send only one of them"
KEY_MISSING = "No row has a key for {0}; send {1} or one of the mapping's titles {2}"
MAPPING_NO_TITLE = "The mapping has no column title for {0}; type at least one"
MAPPING_TITLE_TWICE = "The mapping lists the title {0} for both {1} and {2}; keep it for one of them"
MAPPING_BAD_CATEGORY = "The mapping's fund source {0} has the category {1}; choose one of {2}"
MAPPING_BAD_UNIT = "The mapping's amount unit {0} is not one of {1}"
TOO_MANY_PROBLEMS = "… and {0} more problems; correct these first and read the file again"
# Disclosures shown with the preview: what was read and what was left out.
BASIS_FILE = "{0}, as the file says: {1}"
BASIS_MAPPING = "{0}, as the mapping sets"
NOTE_SHEET = "{0}: header in row {1}, {2} lines of figures read"
NOTE_TOTALS = "Lines {0}: totals (合计, 小计, 总计), not projects: not read as figures"
NOTE_NOT_LINES = "Lines {0}: no project code and no amount (headings, notes, signatures): not read"
NOTE_UNIT_OVERRIDDEN = "The file says {0} ({1}), but the mapping reads every amount in {2}"
MESSAGES = (
	*upload.MESSAGES,
	*legacy_formats.MESSAGES,
	NOT_BUDGET_FILE,
	UNKNOWN_ENCODING,
	NO_HEADER,
	COLUMN_MISSING,
	TITLE_TWICE,
	TWO_SHEETS,
	NO_LINES,
	LINE_WITHOUT_CODE,
	NOT_AN_AMOUNT,
	EXCEL_ERROR,
	FORMULA_NOT_COMPUTED,
	AMOUNT_TOO_LARGE,
	NOT_TEXT,
	CODE_DECIMALS,
	CODE_TOO_LONG,
	CODE_SCIENTIFIC,
	CODE_TOO_MANY_CHARACTERS,
	TOO_MANY_PROJECTS,
	NO_SOURCE,
	UNKNOWN_SOURCE,
	TWO_NAMES,
	TWO_UNITS,
	NOT_A_DATE,
	TITLE_DATE_UNREADABLE,
	DATES_DIFFER,
	DATE_OUTSIDE_YEAR,
	TITLE_YEAR_DIFFERS,
	TOTAL_DIFFERS,
	NEGATIVE_PROJECT,
	UNIT_UNCLEAR,
	UNIT_CONFLICT,
	ROWS_NOT_LIST,
	ROW_NOT_OBJECT,
	UNKNOWN_KEY,
	KEY_TWICE,
	KEY_MISSING,
	MAPPING_NO_TITLE,
	MAPPING_TITLE_TWICE,
	MAPPING_BAD_CATEGORY,
	MAPPING_BAD_UNIT,
	TOO_MANY_PROBLEMS,
	BASIS_FILE,
	BASIS_MAPPING,
	NOTE_SHEET,
	NOTE_TOTALS,
	NOTE_NOT_LINES,
	NOTE_UNIT_OVERRIDDEN,
)

# ---------------------------------------------------------------- words of the file

# "支付数（元）", "年初预算数(万元)", "预算数（单位：万元）": the unit in a column title.
UNIT_IN_TITLE = re.compile(r"[(（]\s*(?:金额)?(?:单位\s*[:：]\s*)?(?:人民币)?\s*(万元|元)\s*[)）]")
# "单位：元", "金额单位：万元", "单位:人民币元", "单位（万元）" in a title line (or a footnote).
UNIT_IN_LINE = re.compile(r"单位\s*[:：(（]\s*(?:人民币)?\s*(万元|元)")
_DATE_TEXT = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}"
# "截止日期：2026年6月30日", "截至2026-06-30", "（统计截止日期:20260630）".
DATE_IN_LINE = re.compile(rf"截[止至](?:日期|时间)?\s*[:：]?\s*({_DATE_TEXT})")
DATE_WORD = re.compile(r"截[止至](?:日期|时间)")
YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度")
# 合计 / 总计 (the whole table, checked) and 小计 or "…合计" (a part, skipped).
GRAND_TOTAL = re.compile(r"(?:总)?(?:合计|总计|共计)(?:[:：(（].*)?")
SUBTOTAL = re.compile(
	r"(?:本页|[一二三四五六七八九十\d]+[、.])?(?:小计|合计|总计)(?:[:：(（].*)?|.{1,40}(?:小计|合计)"
)
# Lines below the table that are not figures.
FOOTNOTE = re.compile(
	r"(?:注|说明|备注|附注|制表人?|制表日期|审核人?|复核人?|填报人?|填报日期|填表人?|单位负责人|财务负责人|负责人"
	r"|数据来源|打印日期|打印时间)\s*(?:[:：、.．]|\d)"
)
# The row of column numbers under a statement's header: 栏次 | 甲 | 乙 | 1 | 2 | 3.
COLUMN_NUMBER = re.compile(r"栏次|序号|[甲乙丙丁戊己庚辛壬癸]|\d{1,2}")
EXCEL_ERRORS = re.compile(r"#(?:VALUE!|REF!|DIV/0!|NAME\?|N/A|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")


class _Uncomputed:
	"""A formula cell whose value the workbook does not store (saved by a program, not Excel)."""

	def __repr__(self) -> str:
		return "<formula>"


UNCOMPUTED = _Uncomputed()


class _Bad(Exception):
	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message)
		self.message = message
		self.args_ = args


# ---------------------------------------------------------------- the mapping


def mapping_from_text(
	titles: dict[str, str | None], amount_unit: str | None, fund_sources: Iterable[tuple[str, str]]
) -> Mapping:
	"""A Mapping from the setting's fields: key -> titles typed one per line, the unit, (source, category) pairs."""
	return Mapping(
		titles={
			key: [line.strip() for line in (text or "").splitlines() if line.strip()]
			for key, text in titles.items()
		},
		amount_unit=amount_unit or FILE_SAYS,
		fund_sources={
			source.strip(): category for source, category in fund_sources if source and source.strip()
		},
	)


def mapping_problems(mapping: Mapping) -> list[Message]:
	"""What makes a mapping unusable: a required column without a title, a title under two keys, a bad category."""
	problems: list[Message] = []
	for key in REQUIRED:
		if not any(_title_norm(t)[0] for t in mapping.titles.get(key) or []):
			problems.append((MAPPING_NO_TITLE, (KEY_LABELS[key],)))
	owner: dict[str, str] = {}
	for key in KEYS:
		for title in mapping.titles.get(key) or []:
			norm = _title_norm(title)[0]
			if norm and owner.setdefault(norm, key) != key:
				problems.append((MAPPING_TITLE_TWICE, (title, KEY_LABELS[owner[norm]], KEY_LABELS[key])))
	for source, category in mapping.fund_sources.items():
		if category not in CATEGORIES:
			problems.append((MAPPING_BAD_CATEGORY, (source, category, "、".join(CATEGORY_LABELS.values()))))
	if mapping.amount_unit not in (FILE_SAYS, YUAN, WAN):
		problems.append((MAPPING_BAD_UNIT, (mapping.amount_unit, "、".join((FILE_SAYS, YUAN, WAN)))))
	return problems


def _title_norm(text: Any) -> tuple[str, str | None]:
	"""A column title compared without spaces, width, case and its unit: ("支付数", WAN) for "支付数（万元）"."""
	folded = fold(as_text(text) or "")
	found = UNIT_IN_TITLE.search(folded)
	unit = (WAN if found.group(1) == "万元" else YUAN) if found else None
	if found:
		folded = folded[: found.start()] + folded[found.end() :]
	return compact(folded).strip(":：*"), unit  # "*项目编码" marks a required column


def _title_index(mapping: Mapping) -> dict[str, str]:
	return {
		_title_norm(title)[0]: key
		for key in KEYS
		for title in mapping.titles.get(key) or []
		if _title_norm(title)[0]
	}


def _accepted(mapping: Mapping, key: str) -> str:
	return " / ".join(mapping.titles.get(key) or []) or "—"


# ---------------------------------------------------------------- a table, whatever it came from


@dataclass
class _Column:
	key: str
	title: str
	letter: str
	index: int
	unit: str | None


@dataclass
class _Line:
	number: int
	cells: dict[str, Any]
	texts: list[str]


@dataclass
class _Table:
	place: str
	header_row: int | None
	columns: dict[str, _Column]
	lines: list[_Line]
	# (unit, what says so), (date, line), (year, title, line) from the lines above the header
	units: list[tuple[str, str]] = field(default_factory=list)
	dates: list[tuple[datetime.date, int]] = field(default_factory=list)
	years: list[tuple[int, str, int]] = field(default_factory=list)
	unreadable_dates: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Grid:
	"""A sheet's cells: rows of values, merged ranges' value at every cell, formula cells without a value."""

	name: str
	rows: list[list[Any]]
	merged: dict[tuple[int, int], Any] = field(default_factory=dict)
	is_formula: Callable[[int, int], bool] = lambda row, column: False

	def value(self, row: int, column: int, filled: bool = True) -> Any:
		cells = self.rows[row] if row < len(self.rows) else []
		value = cells[column] if column < len(cells) else None
		if value is None and filled:
			value = self.merged.get((row, column))
		return value


# ---------------------------------------------------------------- entry points


def read_file(data: bytes, filename: str, mapping: Mapping, year: int | None = None) -> BudgetFile:
	"""The figures of an uploaded export (.xlsx, .xls, .csv, …); raises BudgetFileRefused with every problem."""
	problems = mapping_problems(mapping)
	if problems:
		raise BudgetFileRefused(problems)
	if isinstance(data, str):  # Frappe hands a text file over as text
		data = data.encode("utf-8")
	if not data:
		raise BudgetFileRefused([(upload.EMPTY_FILE, ())])
	if len(data) > upload.MAX_IMPORT_BYTES:
		raise BudgetFileRefused(
			[
				(
					upload.FILE_TOO_LARGE,
					(upload._megabytes(len(data)), upload._megabytes(upload.MAX_IMPORT_BYTES)),
				)
			]
		)
	grids = _grids(data, filename or "")
	return _read_table(_table_from_grids(grids, mapping), mapping, year)


def read_rows(rows: Any, mapping: Mapping, year: int | None = None) -> BudgetFile:
	"""The figures of a machine push: a list of objects keyed by the canonical KEYS or the file's titles."""
	problems = mapping_problems(mapping)
	if problems:
		raise BudgetFileRefused(problems)
	return _read_table(_table_from_rows(rows, mapping), mapping, year)


# ---------------------------------------------------------------- files -> grids


def _grids(data: bytes, filename: str) -> list[_Grid]:
	"""The file's sheets, by what its bytes are: the extension a system gives an export says little
	(an HTML page or tab-separated text is often named .xls)."""
	name = filename.lower()
	extension = name.rsplit(".", 1)[-1] if "." in name else ""
	try:
		if data.startswith(upload.OLE2_SIGNATURE):
			return [_grid(sheet) for sheet in legacy_formats.xls_sheets(data, filename)]
		markup = legacy_formats.kind_of(data)
		if markup == "html" and extension in (*MARKUP_EXTENSIONS, "xls", ""):
			return [_grid(legacy_formats.html_sheet(data, filename))]
		if markup == "xml" and extension in ("xml", "xls", ""):
			return [_grid(sheet) for sheet in legacy_formats.xml_sheets(data, filename)]
	except legacy_formats.Unreadable as unreadable:
		raise BudgetFileRefused([(unreadable.message, unreadable.args_)]) from None
	if data.startswith(upload.ZIP_SIGNATURE) or extension in ("xlsx", "xlsm"):
		return _workbook_grids(data, filename)
	if data.startswith(b"%PDF") or markup or extension not in ("csv", "txt", "tsv", "xls", ""):
		raise BudgetFileRefused([(NOT_BUDGET_FILE, (filename or "—",))])
	if extension == "xls" and not _is_text(data):
		raise BudgetFileRefused([(legacy_formats.XLS_UNREADABLE, (filename or "—",))])
	return [_csv_grid(data, filename)]  # text saved as .xls: Excel opens it as tab-separated


def _grid(sheet: legacy_formats.Sheet) -> _Grid:
	return _Grid(sheet.name, sheet.rows, sheet.merged)


def _is_text(data: bytes) -> bool:
	try:
		_decode(data)
	except BudgetFileRefused:
		return False
	return True


def _workbook_grids(data: bytes, filename: str) -> list[_Grid]:
	workbook, errors = upload.open_workbook(data, filename)
	if errors:
		raise BudgetFileRefused([(error.message, error.args) for error in errors])
	formulas: list = []

	def formula_check(title: str) -> Callable[[int, int], bool]:
		def is_formula(row: int, column: int) -> bool:
			if not formulas:  # the formulas themselves, read only when a key cell has no value
				formulas.append(load_workbook(io.BytesIO(data)))
			cell = formulas[0][title].cell(row=row + 1, column=column + 1)
			return cell.data_type == "f"

		return is_formula

	grids = []
	for ws in workbook.worksheets:
		merged = {}
		for cells in ws.merged_cells.ranges:
			value = ws.cell(row=cells.min_row, column=cells.min_col).value
			for row in range(cells.min_row, cells.max_row + 1):
				for column in range(cells.min_col, cells.max_col + 1):
					merged[(row - 1, column - 1)] = value
		rows = [list(row) for row in ws.iter_rows(values_only=True)]
		grids.append(_Grid(ws.title, rows, merged, formula_check(ws.title)))
	return grids


def _csv_grid(data: bytes, filename: str) -> _Grid:
	text = _decode(data)
	if not text.strip():
		raise BudgetFileRefused([(upload.EMPTY_FILE, ())])
	lines = [line for line in text.splitlines()[: HEADER_ROWS + 10] if line.strip()]
	tab_lines = sum("\t" in line for line in lines)
	comma_lines = sum("," in line for line in lines)
	delimiter = "\t" if tab_lines and tab_lines >= comma_lines else ","
	try:
		rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
	except csv.Error:  # a field of over 128k characters: not a table
		raise BudgetFileRefused([(NOT_BUDGET_FILE, (filename or "—",))]) from None
	return _Grid(filename or "CSV", rows)


def _decode(data: bytes) -> str:
	"""UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else GBK/GB18030."""
	if data.startswith((b"\xff\xfe", b"\xfe\xff")):
		encodings = ("utf-16",)
	else:
		encodings = ("utf-8-sig", "gb18030")
	for encoding in encodings:
		try:
			text = data.decode(encoding)
		except UnicodeDecodeError:
			continue
		if "\x00" not in text:
			return text
	raise BudgetFileRefused([(UNKNOWN_ENCODING, ())])


# ---------------------------------------------------------------- grids -> the table


@dataclass
class _Header:
	grid: _Grid
	row: int
	depth: int
	columns: dict[str, list[_Column]]

	def found(self) -> set[str]:
		return set(self.columns)


def _table_from_grids(grids: list[_Grid], mapping: Mapping) -> _Table:
	index = _title_index(mapping)
	complete: list[_Header] = []
	best: _Header | None = None
	for grid in grids:
		header = _find_header(grid, index)
		if header is None:
			continue
		if set(REQUIRED) <= header.found():
			complete.append(header)
		elif best is None or len(header.found()) > len(best.found()):
			best = header
	if len(complete) > 1:
		raise BudgetFileRefused([(TWO_SHEETS, ("、".join(h.grid.name for h in complete),))])
	if not complete:
		if best is not None and len(best.found()) >= 2:
			raise BudgetFileRefused(
				[
					(COLUMN_MISSING, (best.grid.name, best.row + 1, KEY_LABELS[key], _accepted(mapping, key)))
					for key in REQUIRED
					if key not in best.columns
				]
			)
		missing = [key for key in REQUIRED if best is None or key not in best.columns]
		raise BudgetFileRefused(
			[
				(
					NO_HEADER,
					(
						HEADER_ROWS,
						"、".join(KEY_LABELS[key] for key in missing),
						"；".join(f"{KEY_LABELS[key]}: {_accepted(mapping, key)}" for key in missing),
					),
				)
			]
		)
	header = complete[0]
	problems = [
		(TITLE_TWICE, (header.grid.name, header.row + 1, *_two(columns), KEY_LABELS[key]))
		for key, columns in header.columns.items()
		if len(columns) > 1
	]
	if problems:
		raise BudgetFileRefused(problems)
	return _grid_table(header)


def _two(columns: list[_Column]) -> tuple[str, str, str, str]:
	first, second = columns[:2]
	return first.letter, first.title, second.letter, second.title


def _find_header(grid: _Grid, index: dict[str, str]) -> _Header | None:
	"""The first row (or pair of rows) under which the required columns stand; else the best partial one."""
	best: _Header | None = None
	for row in range(min(len(grid.rows), HEADER_ROWS)):
		one, two = _header_at(grid, row, 1, index), _header_at(grid, row, 2, index)
		# two rows only under a row that titles a column itself (not under 单位：元)
		header = two if one.columns and len(two.found()) > len(one.found()) else one
		if set(REQUIRED) <= header.found():
			return header
		if header.columns and (best is None or len(header.found()) > len(best.found())):
			best = header
	return best


def _header_at(grid: _Grid, row: int, depth: int, index: dict[str, str]) -> _Header:
	"""Columns titled in ``row`` (depth 1) or in ``row`` and the row below (a parent title over its children)."""
	width = max((len(r) for r in grid.rows[row : row + depth]), default=0)
	columns: dict[str, list[_Column]] = {}
	for column in range(width):
		candidates = [grid.value(row + depth - 1, column)]
		if depth == 2:
			candidates.append(grid.value(row, column))
		units = [_title_norm(c)[1] for c in candidates if not is_blank(c)]
		for candidate in candidates:
			# "截止日期：" is the label of a value beside it (a title line's date), not a column's title
			if is_blank(candidate) or not isinstance(candidate, str) or fold(candidate).endswith((":", "：")):
				continue
			key = index.get(_title_norm(candidate)[0])
			if key:
				unit = next((u for u in units if u), None)
				title = as_text(candidate) or ""
				columns.setdefault(key, []).append(
					_Column(key, title, get_column_letter(column + 1), column, unit)
				)
				break
	return _Header(grid, row, depth, columns)


def _grid_table(header: _Header) -> _Table:
	grid = header.grid
	columns = {key: found[0] for key, found in header.columns.items()}
	table = _Table(grid.name, header.row + 1, columns, [])
	for row in range(header.row):
		texts = [text for text in (as_text(value) for value in grid.rows[row]) if text]
		for number, text in enumerate(texts, 1):
			# "截止日期：" in one cell, its date (a date cell, as an .xls writes it) in the next
			if number < len(texts) and DATE_WORD.search(fold(text)) and not DATE_IN_LINE.search(fold(text)):
				text += texts[number]
			_title_words(table, text, row + 1, title=True)
	for row in range(header.row + header.depth, len(grid.rows)):
		cells = {}
		for key, column in columns.items():
			# A merged code or unit cell stands for every line it spans; a merged amount only once.
			value = grid.value(row, column.index, filled=key not in AMOUNT_KEYS)
			if value is None and grid.is_formula(row, column.index):
				value = UNCOMPUTED
			cells[key] = value
		texts = [t for t in (as_text(v) for v in grid.rows[row]) if t]
		table.lines.append(_Line(row + 1, cells, texts))
	return table


def _title_words(table: _Table, text: str, line: int, title: bool = False) -> None:
	"""What a title line (or a footnote) says: the unit, the as-of date; a title line also the year
	(a footnote may well speak of 2025年度 funds)."""
	folded = fold(text)
	for found in UNIT_IN_LINE.finditer(folded):
		table.units.append((WAN if found.group(1) == "万元" else YUAN, text))
	for found in DATE_IN_LINE.finditer(folded):
		try:
			table.dates.append((read_date(found.group(1)), line))
		except CellError:
			table.unreadable_dates.append((line, text))
	if title and DATE_WORD.search(folded) and not DATE_IN_LINE.search(folded):
		table.unreadable_dates.append((line, text))
	for found in YEAR_IN_TITLE.finditer(folded) if title else ():
		table.years.append((int(found.group(1)), text, line))


# ---------------------------------------------------------------- JSON rows -> the table


def _table_from_rows(rows: Any, mapping: Mapping) -> _Table:
	if not isinstance(rows, list) or not rows:
		raise BudgetFileRefused([(ROWS_NOT_LIST, ())])
	index = _title_index(mapping)
	problems: list[Message] = []
	keys: dict[str, str | None] = {}  # the rows' keys -> the canonical key (None: unknown)
	units: list[tuple[str, str]] = []
	titles: dict[str, str] = {}  # canonical key -> the first key standing for it
	for number, row in enumerate(rows, 1):
		if not isinstance(row, dict):
			problems.append((ROW_NOT_OBJECT, (number,)))
			continue
		seen: dict[str, str] = {}
		for raw_key in row:
			if raw_key not in keys:
				norm, unit = _title_norm(raw_key)
				keys[raw_key] = raw_key if raw_key in KEYS else index.get(norm)
				if keys[raw_key] is None:
					problems.append((UNKNOWN_KEY, (number, raw_key, ", ".join(KEYS))))
				elif unit and keys[raw_key] in AMOUNT_KEYS:
					units.append((unit, str(raw_key)))
			key = keys[raw_key]
			if key is None:
				continue
			titles.setdefault(key, str(raw_key))
			if seen.setdefault(key, raw_key) != raw_key:
				problems.append((KEY_TWICE, (seen[key], raw_key, KEY_LABELS[key])))
	for key in REQUIRED:
		if key not in titles:
			problems.append((KEY_MISSING, (KEY_LABELS[key], key, _accepted(mapping, key))))
	if problems:
		raise BudgetFileRefused(_capped(problems))
	columns = {
		key: _Column(key, title, title, position, None)
		for position, (key, title) in enumerate(titles.items())
	}
	table = _Table("JSON", None, columns, [], units)
	for number, row in enumerate(rows, 1):
		cells = {}
		for raw_key, value in row.items():
			key = keys[raw_key]
			if value is not None and (
				isinstance(value, bool) or not isinstance(value, str | int | float | Decimal)
			):
				problems.append((NOT_TEXT, (number, raw_key, quote_value(str(value)))))
				value = None
			cells[key] = value
		texts = [t for t in (as_text(v) for v in cells.values()) if t]
		table.lines.append(_Line(number, cells, texts))
	if problems:
		raise BudgetFileRefused(_capped(problems))
	return table


# ---------------------------------------------------------------- the table -> the figures


@dataclass
class _Read:
	"""One line of figures: the project code, its texts, the amounts in the file's unit."""

	number: int
	code: str
	name: str | None
	unit_name: str | None
	source: str | None
	amounts: dict[str, Decimal | None]
	as_of: datetime.date | None


def _read_table(table: _Table, mapping: Mapping, year: int | str | None) -> BudgetFile:
	year = int(year) if year else None  # the import's performance_year is a Link name, "2026"
	problems: list[Message] = []
	unreadable: set[str] = set()  # amount columns with a value that is not an amount: no 合计 check
	columns = table.columns
	has = tuple(key for key in AMOUNT_KEYS if key in columns)
	reads: list[_Read] = []
	totals: list[tuple[_Line, str, dict[str, Decimal | None]]] = []
	total_lines: list[int] = []
	other_lines: list[int] = []

	def title(key: str) -> str:
		return columns[key].title if key in columns else KEY_LABELS[key]

	for line in table.lines:
		for key, value in line.cells.items():
			if value is UNCOMPUTED:
				problems.append((FORMULA_NOT_COMPUTED, (line.number, title(key))))
				line.cells[key] = None
				unreadable.add(key)
		code_cell = line.cells.get("code")
		first = fold(line.texts[0]) if line.texts else ""
		if not line.texts and all(is_blank(v) for v in line.cells.values()):
			continue
		if len(line.texts) >= 3 and all(COLUMN_NUMBER.fullmatch(compact(text)) for text in line.texts):
			other_lines.append(line.number)
			continue
		code_text = as_text(code_cell)
		if FOOTNOTE.match(first) and (is_blank(code_cell) or fold(code_text or "") == first):
			other_lines.append(line.number)
			for text in line.texts:
				_title_words(table, text, line.number)
			continue
		amounts: dict[str, Decimal | None] = {}
		for key in has:
			try:
				amounts[key] = _amount(line.cells.get(key))
			except _Bad as bad:
				problems.append((bad.message, (line.number, title(key), *bad.args_)))
				amounts[key] = None
				unreadable.add(key)
		kind = _total_kind(line, code_text)
		if kind:
			total_lines.append(line.number)
			if kind == "grand":
				unit_name = as_text(line.cells.get("unit")) or ""
				# a 合计 merged across the code, name and unit columns is the whole table's
				totals.append((line, "" if _is_total_word(unit_name) else unit_name, amounts))
			continue
		try:
			code = _code(code_cell)
		except _Bad as bad:
			problems.append((bad.message, (line.number, title("code"), *bad.args_)))
			continue
		if code is None:
			if "code" in unreadable and is_blank(code_cell):
				continue  # its formula is named already
			if any(amount is not None for amount in amounts.values()):
				problems.append((LINE_WITHOUT_CODE, (line.number, title("code"))))
			else:
				other_lines.append(line.number)
			continue
		as_of = None
		if "as_of" in columns:
			try:
				as_of = _date(line.cells.get("as_of"))
			except _Bad as bad:
				problems.append((bad.message, (line.number, title("as_of"), *bad.args_)))
		texts = {
			key: None if is_empty(line.cells.get(key)) else as_text(line.cells.get(key))
			for key in ("name", "unit", "source")
		}
		if texts["source"] is None and all(amount is None for amount in amounts.values()):
			other_lines.append(line.number)  # a heading (一、市交通运输局) or an empty line: it adds nothing
			continue
		reads.append(_Read(line.number, code, texts["name"], texts["unit"], texts["source"], amounts, as_of))

	unit, basis, notes = _unit(table, mapping, problems)
	factor = _to_wan(unit)

	for read in reads:
		for key, amount in read.amounts.items():
			if amount is not None and abs(factor(amount)) > MAX_AMOUNT:
				problems.append(
					(AMOUNT_TOO_LARGE, (read.number, title(key), _shown(amount), f"{MAX_AMOUNT:,.0f}"))
				)
	categories = _categories(reads, mapping, title, problems)
	_check_totals(totals, reads, [key for key in has if key not in unreadable], title, problems)
	problems += [(TITLE_DATE_UNREADABLE, (number, text)) for number, text in table.unreadable_dates]
	as_of = _as_of(table, reads, year, problems)
	for found_year, text, number in table.years:
		if year and found_year != year:
			problems.append((TITLE_YEAR_DIFFERS, (text, number, year)))
	projects = _projects(reads, categories, has, factor, problems)
	if len(projects) > MAX_PROJECTS:
		problems.append((TOO_MANY_PROJECTS, (len(projects), MAX_PROJECTS)))
	if not reads and not problems:
		problems.append((NO_LINES, (table.place, table.header_row or 1)))
	if problems:
		raise BudgetFileRefused(_capped(problems))
	if table.header_row is not None:
		notes.insert(0, (NOTE_SHEET, (table.place, table.header_row, len(reads))))
	if total_lines:
		notes.append((NOTE_TOTALS, (_numbers(total_lines),)))
	if other_lines:
		notes.append((NOTE_NOT_LINES, (_numbers(other_lines),)))
	return BudgetFile(
		projects=projects,
		as_of=as_of,
		amount_unit=unit,
		unit_basis=basis,
		has=has,
		line_count=len(reads),
		notes=notes,
	)


def _total_kind(line: _Line, code_text: str | None) -> str | None:
	""" "grand" for 合计/总计 (checked against the lines), "sub" for 小计 (skipped), None for a line."""
	if code_text and not _is_total_word(code_text):
		return None
	words = [compact(text) for text in line.texts]
	if any(GRAND_TOTAL.fullmatch(word) for word in words):
		return "grand"
	if any(SUBTOTAL.fullmatch(word) for word in words):
		return "sub"
	return None


def _is_total_word(text: str) -> bool:
	word = compact(text)
	return bool(GRAND_TOTAL.fullmatch(word) or SUBTOTAL.fullmatch(word))


def _amount(raw: Any) -> Decimal | None:
	"""An amount as the file types it (numbers, "1,234,567.89", "１２３４", "(1,000.00)"), in the file's unit."""
	if is_empty(raw):
		return None
	if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
		raise _Bad(NOT_AN_AMOUNT, quote_value(raw))
	if isinstance(raw, int | float | Decimal):
		number = Decimal(f"{raw:.{EXACT_DIGITS}g}") if isinstance(raw, float) else Decimal(raw)
		if not number.is_finite():
			raise _Bad(NOT_AN_AMOUNT, quote_value(raw))
		return number
	text = re.sub(r"\s+", "", fold(raw))
	if EXCEL_ERRORS.fullmatch(text.upper()):
		raise _Bad(EXCEL_ERROR, text)
	negative = text.startswith("(") and text.endswith(")")  # accounting style (1,000.00)
	text = text[1:-1] if negative else text
	text = text.removeprefix("¥")
	if THOUSANDS.fullmatch(text):
		text = text.replace(",", "")
	if not _PLAIN_NUMBER.fullmatch(text):
		raise _Bad(NOT_AN_AMOUNT, quote_value(raw))
	try:
		number = Decimal(text)
	except InvalidOperation:
		raise _Bad(NOT_AN_AMOUNT, quote_value(raw)) from None
	return -number if negative else number


def _code(raw: Any) -> str | None:
	"""The project code as text: 330100260001 typed as a number, " 0123 " with its zeros, ="0123" from a CSV."""
	if is_empty(raw):
		return None
	if isinstance(raw, float | Decimal) and not isinstance(raw, bool):
		number = Decimal(str(raw)) if isinstance(raw, float) else raw
		if not number.is_finite() or number != number.to_integral_value():
			raise _Bad(CODE_DECIMALS, quote_value(raw))
		raw = int(number)
	if isinstance(raw, int) and not isinstance(raw, bool):
		if len(str(abs(raw))) > EXACT_DIGITS:
			raise _Bad(CODE_TOO_LONG, raw)
		return str(raw)
	if not isinstance(raw, str):
		raise _Bad(NOT_TEXT, quote_value(raw))
	text = re.sub(r"\s+", "", fold(raw))
	text = re.sub(r'^="(.*)"$', r"\1", text).removeprefix("'")
	if _SCIENTIFIC.fullmatch(text):
		raise _Bad(CODE_SCIENTIFIC, text)
	if len(text) > MAX_CODE_CHARACTERS:
		raise _Bad(CODE_TOO_MANY_CHARACTERS, len(text), MAX_CODE_CHARACTERS)
	return text or None


def _date(raw: Any) -> datetime.date | None:
	if is_empty(raw):
		return None
	if isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer():
		raw = str(int(raw))  # 20260630 typed as a number
	if isinstance(raw, str):
		# "2026-06-30 00:00:00", "2026-06-30T00:00:00+08:00"
		raw = re.sub(r"[\sT]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$", "", raw.strip())
	try:
		found = read_date(raw)
	except CellError:
		raise _Bad(NOT_A_DATE, quote_value(raw)) from None
	return found


def _unit(table: _Table, mapping: Mapping, problems: list[Message]) -> tuple[str, Message, list[Message]]:
	"""The amount unit (YUAN or WAN), why, and a note when the mapping overrides what the file says."""
	said = list(table.units) + [
		(column.unit, column.title)
		for key, column in table.columns.items()
		if key in AMOUNT_KEYS and column.unit
	]
	if mapping.amount_unit in (YUAN, WAN):
		unit = mapping.amount_unit
		notes = [
			(NOTE_UNIT_OVERRIDDEN, (UNIT_WORDS[other], where, UNIT_WORDS[unit]))
			for other, where in said[:1]
			if other != unit
		]
		return unit, (BASIS_MAPPING, (UNIT_WORDS[unit],)), notes
	by_unit: dict[str, str] = {}
	for unit, where in said:
		by_unit.setdefault(unit, where)
	if len(by_unit) > 1:
		problems.append((UNIT_CONFLICT, (by_unit[YUAN], by_unit[WAN])))
		return YUAN, (BASIS_MAPPING, (UNIT_WORDS[YUAN],)), []
	if not by_unit:
		problems.append((UNIT_UNCLEAR, ()))
		return YUAN, (BASIS_MAPPING, (UNIT_WORDS[YUAN],)), []
	unit, where = next(iter(by_unit.items()))
	return unit, (BASIS_FILE, (UNIT_WORDS[unit], where)), []


def _to_wan(unit: str) -> Callable[[Decimal], Decimal]:
	if unit == YUAN:
		return lambda amount: amount.scaleb(TEN_THOUSAND_EXPONENT)
	return lambda amount: amount


def _categories(reads: list[_Read], mapping: Mapping, title, problems: list[Message]) -> dict[int, str]:
	"""line -> the fund category of its source; unknown sources named once with their lines."""
	known = {compact(source): category for source, category in mapping.fund_sources.items()}
	found: dict[int, str] = {}
	unknown: dict[str, tuple[str, list[int]]] = {}
	for read in reads:
		if read.source is None:
			problems.append((NO_SOURCE, (read.number, title("source"))))
			continue
		category = known.get(compact(read.source))
		if category is None:
			unknown.setdefault(compact(read.source), (read.source, []))[1].append(read.number)
			continue
		found[read.number] = category
	for source, lines in unknown.values():
		problems.append((UNKNOWN_SOURCE, (source, _numbers(lines))))
	return found


def _check_totals(totals, reads: list[_Read], has, title, problems: list[Message]) -> None:
	"""A 合计 row must equal the sum of the lines (of its unit, when it names one)."""
	for line, unit_name, amounts in totals:
		for key in has:
			total = amounts.get(key)
			if total is None:
				continue
			summed = sum(
				(
					r.amounts.get(key) or Decimal(0)
					for r in reads
					if not unit_name or compact(r.unit_name or "") == compact(unit_name)
				),
				Decimal(0),
			)
			if summed != total:
				label = next((t for t in line.texts if _is_total_word(t)), line.texts[0])
				problems.append(
					(TOTAL_DIFFERS, (line.number, label, title(key), _shown(total), _shown(summed)))
				)


def _as_of(
	table: _Table, reads: list[_Read], year: int | None, problems: list[Message]
) -> datetime.date | None:
	"""The one as-of date of the lines and title lines; None when the file gives none."""
	lines_by_date: dict[datetime.date, list[int]] = {}
	for found, number in table.dates:
		lines_by_date.setdefault(found, []).append(number)
	for read in reads:
		if read.as_of:
			lines_by_date.setdefault(read.as_of, []).append(read.number)
	if len(lines_by_date) > 1:
		(first, first_lines), (second, second_lines) = list(lines_by_date.items())[:2]
		problems.append(
			(
				DATES_DIFFER,
				(first.isoformat(), _numbers(first_lines), second.isoformat(), _numbers(second_lines)),
			)
		)
		return None
	if not lines_by_date:
		return None
	as_of, lines = next(iter(lines_by_date.items()))
	if year and as_of.year != year:
		problems.append((DATE_OUTSIDE_YEAR, (as_of.isoformat(), lines[0], year)))
	return as_of


def _projects(reads, categories, has, factor, problems: list[Message]) -> list[ProjectFigures]:
	by_code: dict[str, list[_Read]] = {}
	for read in reads:
		by_code.setdefault(read.code, []).append(read)
	projects = []
	for code, lines in by_code.items():
		name = _one_text(code, [(r.name, r.number) for r in lines], TWO_NAMES, problems)
		unit_name = _one_text(code, [(r.unit_name, r.number) for r in lines], TWO_UNITS, problems)
		figures = {key: dict.fromkeys(CATEGORIES, Decimal(0)) for key in has}
		for read in lines:
			category = categories.get(read.number)
			if category is None:
				continue
			for key in has:
				amount = read.amounts.get(key)
				if amount is not None:
					figures[key][category] += factor(amount)
		for key in has:
			for category, amount in figures[key].items():
				if amount < 0:
					problems.append(
						(
							NEGATIVE_PROJECT,
							(
								code,
								KEY_LABELS[key],
								CATEGORY_LABELS[category],
								_shown(amount.normalize()),
								_numbers([r.number for r in lines if categories.get(r.number) == category]),
							),
						)
					)
		projects.append(ProjectFigures(code, name, unit_name, [r.number for r in lines], figures))
	return projects


def _one_text(
	code: str, texts: list[tuple[str | None, int]], message: str, problems: list[Message]
) -> str | None:
	"""The project's name (or unit): the same on every line that gives one."""
	values: dict[str, tuple[str, list[int]]] = {}
	for text, number in texts:
		if text:
			values.setdefault(compact(text), (text, []))[1].append(number)
	if len(values) > 1:
		(first, first_lines), (second, second_lines) = list(values.values())[:2]
		problems.append((message, (code, first, _numbers(first_lines), second, _numbers(second_lines))))
	return next(iter(values.values()))[0] if values else None


def _shown(amount: Decimal) -> str:
	"""An amount as people read it: 1,234,567.89 (a typing slip of 300 digits shortened: 1.2346E+299)."""
	return f"{amount:,f}" if abs(amount) < SHOWN_IN_FULL else f"{amount:.4E}"


def _numbers(numbers: list[int]) -> str:
	shown = ", ".join(str(n) for n in numbers[:MAX_LINES_QUOTED])
	return shown + ("…" if len(numbers) > MAX_LINES_QUOTED else "")


def _capped(problems: list[Message]) -> list[Message]:
	if len(problems) <= MAX_PROBLEMS:
		return problems
	return [*problems[:MAX_PROBLEMS], (TOO_MANY_PROBLEMS, (len(problems) - MAX_PROBLEMS,))]
