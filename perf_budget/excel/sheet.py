"""Finding a form on a worksheet by its captions, wherever a person put them.

The finance bureau's templates are filled in Excel by people: a "附件1" line
above the title, a year in the title, a column inserted on the left, merges
that differ, blank rows between indicators. So the readers never look at a
fixed cell; they ask a ``SheetIndex`` where a caption is and read the value
next to it (right of it, or under it for the paragraph blocks).

Only cells that hold something are indexed (a sheet formatted down a million
rows holds no values there), and a merged range answers with its top-left
value wherever it is asked.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from perf_budget.excel.layout import as_text, compact, is_blank

# How far right of a caption its value may sit (captions centred across empty cells).
RIGHT_SCAN = 8
# Punctuation people add to captions or leave out: "项目名称：", "项目资金(万元)".
_CAPTION_NOISE = re.compile(r"[\s:：*＊]")


def caption_key(value: Any) -> str:
	"""A caption as compared: folded (NFKC), no whitespace, colons or asterisks, lower case."""
	return _CAPTION_NOISE.sub("", compact(value)) if isinstance(value, str) else ""


@dataclass(frozen=True)
class Caption:
	"""The words that name one cell of a form: its printed caption first, then variants.

	``prefix`` captions match any cell that starts with them, e.g. 中期目标
	matches "中期目标（2025—2027年）". ``pattern`` (on the caption key)
	matches captions that carry a value, e.g. "1-7月执行数".
	"""

	words: tuple[str, ...]
	prefix: bool = False
	pattern: str | None = None

	@property
	def printed(self) -> str:
		return self.words[0]

	def matches(self, key: str) -> bool:
		if not key:
			return False
		if self.pattern and re.fullmatch(self.pattern, key):
			return True
		keys = [caption_key(word) for word in self.words]
		return any(key.startswith(word) if self.prefix else key == word for word in keys)


def caption(*words: str, prefix: bool = False, pattern: str | None = None) -> Caption:
	return Caption(tuple(words), prefix, pattern)


@dataclass(frozen=True)
class Box:
	"""A cell, or the merged range holding it: rows and columns (1-based, inclusive)."""

	top: int
	left: int
	bottom: int
	right: int


class SheetIndex:
	"""The non-empty cells of a worksheet and its merged ranges, for caption lookups."""

	def __init__(self, ws: Worksheet) -> None:
		self.ws = ws
		self.title = ws.title
		# ws._cells holds only the cells the file wrote; iterating it avoids the
		# empty grid that ws.iter_rows would walk up to max_row × max_column.
		self.values: dict[tuple[int, int], Any] = {
			position: cell.value for position, cell in ws._cells.items() if not is_blank(cell.value)
		}
		self.formats: dict[tuple[int, int], str] = {
			position: ws._cells[position].number_format for position in self.values
		}
		self.boxes: dict[tuple[int, int], Box] = {}
		for merged in ws.merged_cells.ranges:
			box = Box(merged.min_row, merged.min_col, merged.max_row, merged.max_col)
			self.boxes[(box.top, box.left)] = box
		self._origin: dict[tuple[int, int], tuple[int, int]] = {}
		for box in self.boxes.values():
			# Merges are bounded by the upload checks (MAX_MERGED_CELLS).
			for row in range(box.top, box.bottom + 1):
				for column in range(box.left, box.right + 1):
					self._origin[(row, column)] = (box.top, box.left)
		self.keys = {position: caption_key(value) for position, value in self.values.items()}
		self.max_row = max((row for row, _ in self.values), default=0)

	# ------------------------------------------------------------ cells

	def origin(self, row: int, column: int) -> tuple[int, int]:
		"""The top-left cell of the merged range holding (row, column), or the cell itself."""
		return self._origin.get((row, column), (row, column))

	def box(self, row: int, column: int) -> Box:
		top, left = self.origin(row, column)
		return self.boxes.get((top, left), Box(top, left, top, left))

	def value(self, row: int, column: int) -> Any:
		return self.values.get(self.origin(row, column))

	def number_format(self, row: int, column: int) -> str:
		return self.formats.get(self.origin(row, column), "General")

	def is_percent_cell(self, row: int, column: int) -> bool:
		"""Excel shows this number as a percentage: the value is the fraction (0.93 for 93%)."""
		return "%" in self.number_format(row, column) and isinstance(self.value(row, column), int | float)

	def text(self, row: int, column: int) -> str | None:
		return as_text(self.value(row, column))

	def key(self, row: int, column: int) -> str:
		return self.keys.get(self.origin(row, column), "")

	# ------------------------------------------------------------ captions

	def find(self, wanted: Caption, rows: range | None = None, columns: range | None = None) -> list[Box]:
		"""Every (top-left) cell whose text is ``wanted``, top to bottom, left to right."""
		found = []
		for (row, column), key in sorted(self.keys.items()):
			if rows is not None and row not in rows:
				continue
			if columns is not None and column not in columns:
				continue
			if wanted.matches(key):
				found.append(self.box(row, column))
		return found

	def first(self, wanted: Caption, rows: range | None = None, columns: range | None = None) -> Box | None:
		found = self.find(wanted, rows, columns)
		return found[0] if found else None

	def row_cells(self, row: int) -> list[tuple[int, Any]]:
		"""(column, value) of the cells of ``row`` that hold something, left to right (merged origins only)."""
		return sorted((column, value) for (r, column), value in self.values.items() if r == row)

	def right_of(self, box: Box, known: Callable[[str], bool] | None = None) -> tuple[int, int] | None:
		"""The value cell right of a caption: the first filled cell after its merged range.

		People centre a caption across cells instead of merging (跨列居中), so
		empty cells between caption and value are skipped. A filled cell that
		is itself a caption (``known``) means the value was left blank: the
		first cell after the caption is returned, for the message to point at.
		"""
		first = self.origin(box.top, box.right + 1)
		column = box.right + 1
		while column <= box.right + RIGHT_SCAN:
			row, left = self.origin(box.top, column)
			if (row, left) in self.values:
				if known is not None and known(self.keys[(row, left)]):
					return first
				return row, left
			column = self.box(box.top, column).right + 1
		return first

	def below(self, box: Box) -> tuple[int, int]:
		"""The cell under a caption's merged range (the paragraph blocks: caption above, text below)."""
		return self.origin(box.bottom + 1, box.left)
