"""The budget system's exports that are not .xlsx, read into sheets of cell values.

A 预算管理一体化 system "exports to Excel" in one of three ways besides .xlsx:
a genuine Excel 97–2003 workbook (BIFF in an OLE2 file, read with xlrd, which
Frappe ships), an HTML table saved with the .xls extension (what Java and web
systems write; Excel opens it as one sheet), or Excel 2003's XML Spreadsheet.
Each becomes a Sheet like the one the .xlsx path reads, so every rule of the
reader applies unchanged. Nothing is executed or fetched: scripts and styles
are skipped, an XML file with a DOCTYPE (where entities live) is refused, and
cells, merged cells and spans are counted against the .xlsx path's limits
before they are laid out.
"""

import datetime
import html
import io
import re
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

import xlrd

from perf_budget.excel import upload

XLS_UNREADABLE = (
	"The file {0} is not a readable Excel 97–2003 workbook (.xls): it is damaged, encrypted or "
	"not a workbook; open it in Excel, save it as .xlsx and upload that"
)
MARKUP_ENCODING = (
	"The file {0} is a web page or XML file whose text is neither UTF-8 nor GBK/GB18030; "
	"open it in Excel, save it as .xlsx and upload that"
)
HTML_NO_TABLE = (
	"The file {0} is a web page without a table; export the figures from the budget system "
	"as an Excel table and upload that"
)
XML_UNREADABLE = (
	"The file {0} is not a readable Excel 2003 XML spreadsheet; open it in Excel, save it as .xlsx "
	"and upload that"
)
XML_DTD = (
	"The file {0} declares a DOCTYPE or entities, which an Excel XML spreadsheet never does; "
	"it is not read. Open it in Excel, save it as .xlsx and upload that"
)
MESSAGES = (XLS_UNREADABLE, MARKUP_ENCODING, HTML_NO_TABLE, XML_UNREADABLE, XML_DTD)

SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
# HTML's own limits on spans (colspan above 1000 is read as 1000); the cells they cover are
# counted against upload.MAX_CELLS before they are laid out.
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534
# Excel's sheet: an XML Spreadsheet's ss:Index beyond it is not a sheet Excel wrote.
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384


class Unreadable(ValueError):
	"""The file is not what its first bytes promise: (msgid, args), shown translated."""

	def __init__(self, message: str, *args: Any) -> None:
		super().__init__(message.format(*args))
		self.message = message
		self.args_ = args


@dataclass
class Sheet:
	"""A sheet's values by row, and every cell of a merged range mapped to the range's value."""

	name: str
	rows: list[list[Any]]
	merged: dict[tuple[int, int], Any] = field(default_factory=dict)


def kind_of(data: bytes) -> str | None:
	""" "html" or "xml" (an Excel 2003 XML Spreadsheet) when the file is markup, else None."""
	head = _text_head(data)
	if not head.startswith("<"):
		return None
	if SPREADSHEET_NS in head and "<html" not in head:
		return "xml"
	if head.startswith("<?xml") and "<html" not in head:
		return None  # some other XML: not a table
	return "html"


def _text_head(data: bytes) -> str:
	"""The file's first characters, lower case, without BOM and leading blanks (the tags are ASCII)."""
	head = data[:8192]
	if head.startswith((b"\xff\xfe", b"\xfe\xff")):
		text = head.decode("utf-16", errors="ignore")
	else:
		text = head.decode("latin-1")
	return text.removeprefix("\ufeff").removeprefix("\xef\xbb\xbf").lstrip().lower()


# ---------------------------------------------------------------- Excel 97–2003 (.xls)


def xls_sheets(data: bytes, filename: str) -> list[Sheet]:
	"""Every sheet of a BIFF workbook: numbers as floats, date cells as datetimes (the book's
	1900/1904 date system), errors as Excel shows them (#REF!), merged ranges where kept."""
	book = _open_xls(data, filename)
	sheets, cells, merged_cells = [], 0, 0
	for ws in book.sheets():
		for first_row, end_row, first_column, end_column in ws.merged_cells:
			merged_cells += (end_row - first_row) * (end_column - first_column)
		cells += sum(ws.row_len(row) for row in range(ws.nrows))
	# the ranges are counted before a cell of them is laid out: one range can span a whole sheet
	if merged_cells > upload.MAX_MERGED_CELLS:
		raise Unreadable(upload.TOO_MANY_MERGED, merged_cells)
	if cells > upload.MAX_CELLS:
		raise Unreadable(upload.TOO_MANY_CELLS, cells)
	for ws in book.sheets():
		rows = [
			[
				_xls_value(ctype, value, book.datemode)
				for ctype, value in zip(ws.row_types(row), ws.row_values(row), strict=True)
			]
			for row in range(ws.nrows)
		]
		merged = {}
		for first_row, end_row, first_column, end_column in ws.merged_cells:
			first = rows[first_row] if first_row < len(rows) else []
			value = first[first_column] if first_column < len(first) else None
			for row in range(first_row, end_row):
				for column in range(first_column, end_column):
					merged[(row, column)] = value
		sheets.append(Sheet(ws.name, rows, merged))
	return sheets


def _open_xls(data: bytes, filename: str) -> xlrd.book.Book:
	# xlrd reads merged ranges only with formatting_info, which a few writers' files fail on:
	# then the cells are read without them (a merged code then stands on its first line only).
	for formatting_info in (True, False):
		try:
			return xlrd.open_workbook(
				file_contents=data,
				formatting_info=formatting_info,
				ragged_rows=True,  # a row holds its cells only, not the widest row's width
				logfile=io.StringIO(),
			)
		except Exception:  # xlrd fails on a damaged file with any error (struct, index, assertion…)
			continue
	raise Unreadable(XLS_UNREADABLE, filename or "—")


def _xls_value(ctype: int, value: Any, datemode: int) -> Any:
	if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
		return None
	if ctype == xlrd.XL_CELL_DATE:
		try:
			return xlrd.xldate.xldate_as_datetime(value, datemode)
		except (xlrd.xldate.XLDateError, ValueError, OverflowError):
			return value  # a serial no calendar has: read as the number it is
	if ctype == xlrd.XL_CELL_BOOLEAN:
		return bool(value)
	if ctype == xlrd.XL_CELL_ERROR:
		return xlrd.biffh.error_text_from_code.get(value, "#N/A")
	return value if value != "" else None


# ---------------------------------------------------------------- an HTML table saved as .xls


def html_sheet(data: bytes, filename: str) -> Sheet:
	"""The page as Excel opens it: one sheet, a row per line of text outside the tables (the title,
	单位：元, notes) and per table row; colspan/rowspan as merged cells; every cell as its text."""
	parser = _TableParser()
	parser.feed(_decode_markup(data, filename))
	parser.finish()
	if not parser.cells:
		raise Unreadable(HTML_NO_TABLE, filename or "—")
	return Sheet(filename or "HTML", parser.rows, parser.merged)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
# GBK and GB2312 pages use characters of their superset GB18030 (Windows writes them so).
_GB = {"gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"}


def _decode_markup(data: bytes, filename: str) -> str:
	"""A BOM, else the charset the page declares, else UTF-8, else GB18030."""
	if data.startswith((b"\xff\xfe", b"\xfe\xff")):
		encodings = ["utf-16"]
	elif data.startswith(b"\xef\xbb\xbf"):
		encodings = ["utf-8-sig"]
	else:
		declared = _CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:256])
		name = declared.group(1).decode("ascii").lower() if declared else ""
		encodings = ["gb18030" if name in _GB else name] if name else []
		encodings += ["utf-8", "gb18030"]
	for encoding in encodings:
		try:
			return data.decode(encoding)
		except (UnicodeDecodeError, LookupError):
			continue
	raise Unreadable(MARKUP_ENCODING, filename or "—")


# Where markup starts (a "<" before anything else is text), and a tag's start: "<td", "</TR",
# "<x:ExcelWorkbook" (its attributes run to the next ">").
_MARKUP = re.compile(r"<[a-zA-Z!?/]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
# Elements whose content is text up to their end tag, never cells: skipped whole.
_RAW_TEXT = {
	name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "title", "textarea")
}


class _TableParser:
	"""Rows of text, cell by cell; what is not shown (scripts, styles, comments, Excel's XML
	islands) skipped. A tokenizer of its own, each character looked at once: html.parser
	rescans an unclosed comment or tag from each "<" (minutes for a hostile 5 MB page)."""

	SKIPPED = frozenset(("xml", "template", "noscript", "object", "iframe", "svg"))
	# tags that end a line of text outside a table (a title in <h3>, 单位：元 in <p>)
	BLOCKS = frozenset(
		("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "caption", "tr", "table", "hr")
	)

	def __init__(self) -> None:
		self.rows: list[list[Any]] = []
		self.merged: dict[tuple[int, int], Any] = {}
		self.depth = 0  # tables open (a table inside a cell is read as that cell's text)
		self.skipping: tuple[str, int] | None = None  # the skipped element, and how deep in it
		self.text: list[str] = []  # the text outside a table, or of the open cell
		self.row: list[Any] | None = None
		self.row_number = -1
		self.cell: tuple[int, int] | None = None  # (colspan, rowspan) of the open cell
		self.taken: set[tuple[int, int]] = set()  # grid positions covered by a span from above
		self.cells = self.merged_cells = 0  # laid out, counted before they are

	def feed(self, text: str) -> None:
		position, size = 0, len(text)
		while position < size:
			markup = _MARKUP.search(text, position)
			start = markup.start() if markup else size
			if start > position:
				self.handle_data(html.unescape(text[position:start]))
			if start == size:
				break
			tag = _TAG.match(text, start)
			if tag is None or text.startswith("<!--", start):
				# a comment (Excel's conditional ones hold its XML), <!DOCTYPE>, <?xml?>, "</ >"
				closing = "-->" if text.startswith("<!--", start) else ">"
				end = text.find(closing, start + 2)
				position = size if end < 0 else end + len(closing)
				continue
			end = text.find(">", tag.end())
			if end < 0:
				break  # a tag cut off by the end of the file
			name = tag.group(2).lower()
			position = end + 1
			if tag.group(1):
				self.handle_endtag(name)
				continue
			attributes = text[tag.end() : end]
			self.handle_starttag(name, attributes if name in ("td", "th") else "")
			if name in _RAW_TEXT:
				self.handle_endtag(name)
				closed = _RAW_TEXT[name].search(text, position)
				position = size if closed is None else closed.end()

	def handle_starttag(self, tag: str, attributes: str) -> None:
		if self.skipping:
			name, depth = self.skipping
			self.skipping = (name, depth + 1) if tag == name else self.skipping
			return
		if tag in self.SKIPPED:
			self.skipping = (tag, 1)
			return
		if tag == "table":
			self.depth += 1
			if self.depth == 1:
				self.end_line()
			else:
				self.text.append(" ")
		elif self.depth > 1:
			if tag in ("td", "th", "tr", "br", "p", "div"):
				self.text.append(" ")
		elif self.depth == 1:
			if tag in ("tr", "caption"):
				self.end_row()
				self.row, self.row_number = [], len(self.rows)
				self.rows.append(self.row)
			if tag in ("td", "th", "caption"):
				self.end_cell()
				if self.row is None:  # a cell without its <tr>: browsers open one
					self.handle_starttag("tr", "")
				found = {
					match.group(1).lower(): (match.group(2) or "").strip("\"'")
					for match in _ATTRIBUTE.finditer(attributes)
				}
				self.cell = (
					_span(found.get("colspan"), MAX_COLSPAN),
					_span(found.get("rowspan"), MAX_ROWSPAN),
				)
				self.text = []
			elif tag in ("br", "p", "div") and self.cell:
				self.text.append("\n")
		elif tag in self.BLOCKS:
			self.end_line()

	def handle_endtag(self, tag: str) -> None:
		if self.skipping:
			name, depth = self.skipping
			if tag == name:
				self.skipping = (name, depth - 1) if depth > 1 else None
			return
		if tag == "table" and self.depth:
			self.depth -= 1
			if not self.depth:
				self.end_row()
				# a rowspan ends with its table, as in a browser: the lines below are not under it
				self.merged = {cell: value for cell, value in self.merged.items() if cell[0] < len(self.rows)}
				self.taken.clear()
			return
		if self.depth == 1:
			if tag in ("td", "th"):
				self.end_cell()
			elif tag in ("tr", "caption"):
				self.end_row()
			return
		if not self.depth and tag in self.BLOCKS:
			self.end_line()

	def handle_data(self, data: str) -> None:
		if not self.skipping and (self.depth != 1 or self.cell):
			self.text.append(data)

	def finish(self) -> None:
		"""The end of the file closes what it left open (a browser shows a table cut off there)."""
		self.end_row()
		self.depth, self.skipping = 0, None
		self.end_line()

	def end_line(self) -> None:
		"""A line of text outside the tables becomes a row of one cell."""
		if self.depth:
			return
		text = _cell_text(self.text)
		self.text = []
		if text is not None:
			self.rows.append([text])

	def end_row(self) -> None:
		self.end_cell()
		self.row = None

	def end_cell(self) -> None:
		if self.cell is None or self.row is None:
			return
		colspan, rowspan = self.cell
		self.cell = None
		value = _cell_text(self.text)
		self.text = []
		row, column = self.row_number, len(self.row)
		while (row, column) in self.taken:
			column += 1
		self.cells += colspan * rowspan
		if self.cells > upload.MAX_CELLS:
			raise Unreadable(upload.TOO_MANY_CELLS, self.cells)
		if colspan > 1 or rowspan > 1:
			self.merged_cells += colspan * rowspan
			if self.merged_cells > upload.MAX_MERGED_CELLS:
				raise Unreadable(upload.TOO_MANY_MERGED, self.merged_cells)
		self.row.extend([None] * (column - len(self.row)))
		self.row.append(value)
		self.row.extend([None] * (colspan - 1))
		for r in range(row, row + rowspan):
			for c in range(column, column + colspan):
				if r > row:
					self.taken.add((r, c))
				if colspan > 1 or rowspan > 1:
					self.merged[(r, c)] = value


def _span(value: str | None, most: int) -> int:
	"""colspan/rowspan as browsers read them: a bad or zero value is 1, a huge one is capped."""
	try:
		number = int((value or "1").strip())
	except ValueError:
		return 1
	return min(max(number, 1), most)


def _cell_text(parts: list[str]) -> str | None:
	"""A cell's text as shown: &nbsp; a space, runs of blanks one space, <br> a line break."""
	lines = "".join(parts).replace("\xa0", " ").split("\n")
	text = "\n".join(" ".join(line.split()) for line in lines).strip()
	return text or None


# ---------------------------------------------------------------- Excel 2003 XML Spreadsheet


def xml_sheets(data: bytes, filename: str) -> list[Sheet]:
	"""Every Worksheet of a SpreadsheetML file: ss:Index skips, ss:MergeAcross/MergeDown merged,
	Number as float, DateTime as datetime. A DOCTYPE (entities) is refused before anything is read."""
	reader = _SpreadsheetML(filename)
	parser = expat.ParserCreate(namespace_separator=" ")
	parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
	parser.StartDoctypeDeclHandler = reader.doctype
	parser.EntityDeclHandler = reader.doctype
	parser.StartElementHandler = reader.start
	parser.EndElementHandler = reader.end
	parser.CharacterDataHandler = reader.data
	try:
		parser.Parse(data, True)
	except expat.ExpatError:
		raise Unreadable(XML_UNREADABLE, filename or "—") from None
	if not reader.sheets:
		raise Unreadable(XML_UNREADABLE, filename or "—")
	return reader.sheets


class _SpreadsheetML:
	def __init__(self, filename: str) -> None:
		self.filename = filename or "—"
		self.sheets: list[Sheet] = []
		self.sheet: Sheet | None = None
		self.row = -1
		self.column = -1
		self.cell: dict | None = None
		self.text: list[str] | None = None
		self.cells = self.merged_cells = 0

	def doctype(self, *args: Any) -> None:
		raise Unreadable(XML_DTD, self.filename)

	def start(self, name: str, attrs: dict[str, str]) -> None:
		namespace, _, tag = name.rpartition(" ")
		if namespace != SPREADSHEET_NS:
			return
		index = _index(attrs.get(f"{SPREADSHEET_NS} Index"))
		if tag == "Worksheet":
			self.sheet = Sheet(attrs.get(f"{SPREADSHEET_NS} Name") or f"Sheet{len(self.sheets) + 1}", [])
			self.sheets.append(self.sheet)
			self.row = -1
		elif tag == "Row" and self.sheet is not None:
			self.row = index - 1 if index else self.row + 1
			if self.row >= MAX_ROWS:
				raise Unreadable(XML_UNREADABLE, self.filename)
			self.sheet.rows.extend([] for _ in range(self.row + 1 - len(self.sheet.rows)))
			self.column = -1
		elif tag == "Cell" and self.sheet is not None and self.row >= 0:
			self.column = index - 1 if index else self.column + 1
			across = _index(attrs.get(f"{SPREADSHEET_NS} MergeAcross")) or 0
			down = _index(attrs.get(f"{SPREADSHEET_NS} MergeDown")) or 0
			if self.column + across >= MAX_COLUMNS or self.row + down >= MAX_ROWS:
				raise Unreadable(XML_UNREADABLE, self.filename)
			self.cell = {"across": across, "down": down, "value": None}
		elif tag == "Data" and self.cell is not None:
			self.cell["type"] = attrs.get(f"{SPREADSHEET_NS} Type")
			self.text = []

	def data(self, text: str) -> None:
		if self.text is not None:
			self.text.append(text)

	def end(self, name: str) -> None:
		namespace, _, tag = name.rpartition(" ")
		if namespace != SPREADSHEET_NS:
			return
		if tag == "Data" and self.cell is not None and self.text is not None:
			self.cell["value"] = _xml_value(self.cell.get("type"), "".join(self.text))
			self.text = None
		elif tag == "Cell" and self.cell is not None:
			self.place(self.cell)
			self.column += self.cell["across"]
			self.cell = None

	def place(self, cell: dict) -> None:
		row = self.sheet.rows[self.row]
		self.cells += self.column + 1 - len(row) if self.column >= len(row) else 0
		self.merged_cells += (
			(cell["across"] + 1) * (cell["down"] + 1) if cell["across"] or cell["down"] else 0
		)
		if self.cells > upload.MAX_CELLS:
			raise Unreadable(upload.TOO_MANY_CELLS, self.cells)
		if self.merged_cells > upload.MAX_MERGED_CELLS:
			raise Unreadable(upload.TOO_MANY_MERGED, self.merged_cells)
		row.extend([None] * (self.column + 1 - len(row)))
		row[self.column] = cell["value"]
		if cell["across"] or cell["down"]:
			for r in range(self.row, self.row + cell["down"] + 1):
				for c in range(self.column, self.column + cell["across"] + 1):
					self.sheet.merged[(r, c)] = cell["value"]


def _index(value: str | None) -> int | None:
	try:
		number = int(value) if value else None
	except ValueError:
		return None
	return number if number is None or number >= 0 else None


def _xml_value(kind: str | None, text: str) -> Any:
	if kind == "Number":
		try:
			return float(text)
		except ValueError:
			return text
	if kind == "DateTime":
		try:
			return datetime.datetime.fromisoformat(text.strip()[:19])
		except ValueError:
			return text
	if kind == "Boolean":
		return text.strip() == "1"
	return text if text.strip() else None
