"""Workbooks for the integration tests of the Excel exchange.

``Form`` opens a workbook and finds its cells by their captions, as the
imports do (perf_budget.excel reads every form by its captions, so a test
that edits a fixed cell such as F8 tests a layout nobody prints). The
``*_by_hand`` builders lay out the Ministry's official forms cell by cell
with openpyxl, as a clerk fills the blank template; nothing here calls the
app's own writers.
"""

import io
from collections.abc import Callable

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell

# ---------------------------------------------------------------- reading and editing by caption


class Form:
	"""One sheet of a workbook (the first by default), read and edited by its captions."""

	def __init__(self, data: bytes, sheet: int = 0):
		self.book = load_workbook(io.BytesIO(data))
		self.ws = self.book.worksheets[sheet]

	@property
	def title(self) -> str:
		return self.ws.title

	def cells(self, text: str) -> list[Cell]:
		"""Every cell that reads exactly ``text`` (blanks around it ignored), top to bottom."""
		return [
			cell
			for row in self.ws.iter_rows()
			for cell in row
			if isinstance(cell.value, str) and cell.value.strip() == text
		]

	def find(self, text: str, nth: int = 0) -> Cell:
		found = self.cells(text)
		assert len(found) > nth, f"{text!r} is not on sheet {self.title} ({len(found)} found)"
		return found[nth]

	def box(self, cell: Cell) -> tuple[int, int, int, int]:
		"""(top, left, bottom, right) of the merged range holding ``cell``, or of the cell alone."""
		for merged in self.ws.merged_cells.ranges:
			if cell.coordinate in merged:
				return merged.min_row, merged.min_col, merged.max_row, merged.max_col
		return cell.row, cell.column, cell.row, cell.column

	def next_to(self, cell: Cell) -> Cell:
		top, _left, _bottom, right = self.box(cell)
		return self.ws.cell(top, right + 1)

	def right_of(self, caption: str, nth: int = 0) -> Cell:
		"""The value cell right of a caption (项目名称, 实施单位, 项目编码…)."""
		return self.next_to(self.find(caption, nth))

	def below(self, caption: str, nth: int = 0) -> Cell:
		"""The cell under a caption (年度目标, 预期目标…)."""
		_top, left, bottom, _right = self.box(self.find(caption, nth))
		return self.ws.cell(bottom + 1, left)

	def money(self, total: str, part: str | None = None) -> Cell:
		"""申报表: the amount of ``part`` (其中：财政拨款, 其他资金) in the block of
		``total`` (中期资金总额, 年度资金总额), or the total itself."""
		anchor = self.find(total)
		if part is None:
			return self.next_to(anchor)
		for cell in self.cells(part):
			if cell.column == anchor.column and cell.row > anchor.row:
				return self.next_to(cell)
		raise AssertionError(f"{part!r} is not under {total!r} on sheet {self.title}")

	def at(self, row_caption: str, column_caption: str) -> Cell:
		"""The cell on the row of ``row_caption`` (an indicator's name, a money row's label)
		in the column captioned ``column_caption`` in the nearest header above it."""
		label = self.find(row_caption)
		headers = [
			cell for cell in self.cells(column_caption) if cell.row < label.row and cell.column > label.column
		]
		assert headers, f"no {column_caption!r} above and right of {row_caption!r} on sheet {self.title}"
		nearest = max(cell.row for cell in headers)
		column = min(cell.column for cell in headers if cell.row == nearest)
		return self.ws.cell(label.row, column)

	def values(self) -> list[list]:
		"""Every cell value of every sheet, the content a person sees."""
		return [[[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in self.book.worksheets]

	def data(self) -> bytes:
		out = io.BytesIO()
		self.book.save(out)
		return out.getvalue()


def edited(data: bytes, change: Callable[[Form], dict]) -> bytes:
	"""The workbook with cells changed; ``change`` maps cells found by caption to new values,
	e.g. edited(data, lambda form: {form.right_of("实施单位"): "乙科"})."""
	form = Form(data)
	for cell, value in change(form).items():
		cell.value = value
	return form.data()


# ---------------------------------------------------------------- official forms by hand


class Canvas:
	"""Places values on a worksheet at (row, column), merged over ``to`` when given."""

	def __init__(self, ws):
		self.ws = ws

	def put(self, row: int, column: int, value, to: tuple[int, int] | None = None, number_format=None):
		cell = self.ws.cell(row=row, column=column)
		cell.value = value
		if number_format:
			cell.number_format = number_format
		if to and to != (row, column):
			self.ws.merge_cells(start_row=row, start_column=column, end_row=to[0], end_column=to[1])
		return cell

	def level1(self, rows: list, first: int, column: int) -> None:
		"""一级指标 merged down its rows: a row whose level 1 is None continues the cell above
		(blank rows included), a None row is a blank line."""
		start = None
		for offset, row in enumerate(rows):
			if row is not None and row[0] is not None:
				if start:
					self.put(start[0], column, start[1], to=(start[2], column))
				start = [first + offset, row[0], first + offset]
			elif start:
				start[2] = first + offset
		if start:
			self.put(start[0], column, start[1], to=(start[2], column))


def _book(build: Callable, *args, sheet: str = "Sheet1", **kwargs) -> bytes:
	book = Workbook()
	ws = book.active
	ws.title = sheet
	build(Canvas(ws), *args, **kwargs)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def _extras(cv: Canvas, row: int, column: int, extras: dict | None) -> None:
	"""The app's own fields right of the print area: caption | value, one per row."""
	for offset, (caption, value) in enumerate((extras or {}).items()):
		cv.put(row + offset, column, caption)
		cv.put(row + offset, column + 1, value)


def goal_by_hand(form: dict, sheet: str = "Sheet1") -> bytes:
	"""项目支出绩效目标申报表 as 财预〔2015〕88号 附1 prints it (columns A–H).

	``form``: annex, title, year_line, project_name, department, unit,
	attribute, period, money ({"中期资金总额": (total, fiscal, other),
	"年度资金总额": (…)}), medium_caption, long_goal, annual_goal, rows
	(一级 | 中期 二级 | 三级 | 指标值 | 年度 二级 | 三级 | 指标值; None as 一级
	continues the merged cell above, a None row is a blank line), and
	optionally extras (caption -> value right of the print area) and
	grid_extras (captions of the app's columns right of the table, with a
	value per row in rows[i][7:]).
	"""
	return _book(_goal, form, sheet=sheet)


def _goal(cv: Canvas, form: dict) -> None:
	row = 1
	if form.get("annex"):
		cv.put(row, 1, form["annex"])
		row += 1
	cv.put(row, 1, form["title"], to=(row, 8))
	row += 1
	if form.get("year_line"):
		cv.put(row, 1, form["year_line"], to=(row, 8))
		row += 1
	cv.put(row, 1, "项目名称", to=(row, 2))
	cv.put(row, 3, form["project_name"], to=(row, 8))
	_extras(cv, row, 10, form.get("extras"))
	row += 1
	cv.put(row, 1, "主管部门及代码", to=(row, 2))
	cv.put(row, 3, form["department"], to=(row, 4))
	cv.put(row, 5, "实施单位", to=(row, 6))
	cv.put(row, 7, form["unit"], to=(row, 8))
	row += 1
	cv.put(row, 1, "项目属性", to=(row, 2))
	cv.put(row, 3, form["attribute"], to=(row, 4))
	cv.put(row, 5, "项目期", to=(row, 6))
	cv.put(row, 7, form["period"], to=(row, 8))
	row += 1
	cv.put(row, 1, "项目资金（万元）", to=(row + 2, 1))
	medium, annual = form["money"]["中期资金总额"], form["money"]["年度资金总额"]
	for offset, caption in enumerate(("中期资金总额", "其中：财政拨款", "其他资金")):
		cv.put(row + offset, 2, caption, to=(row + offset, 3))
		cv.put(row + offset, 4, medium[offset], to=(row + offset, 5))
		cv.put(row + offset, 6, "年度资金总额" if offset == 0 else caption, to=(row + offset, 7))
		cv.put(row + offset, 8, annual[offset])
	row += 3
	cv.put(row, 1, "总体目标", to=(row + 1, 1))
	cv.put(row, 2, form["medium_caption"], to=(row, 5))
	cv.put(row, 6, "年度目标", to=(row, 8))
	cv.put(row + 1, 2, form["long_goal"], to=(row + 1, 5))
	cv.put(row + 1, 6, form["annual_goal"], to=(row + 1, 8))
	row += 2
	header = ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
	for offset, caption in enumerate(header):
		cv.put(row, 2 + offset, caption)
	for offset, caption in enumerate(form.get("grid_extras") or ()):
		cv.put(row, 10 + offset, caption)
	rows = form["rows"]
	cv.put(row, 1, "绩效指标", to=(row + len(rows), 1))
	for offset, line in enumerate(rows, 1):
		if line is None:
			continue
		for column, value in enumerate(line[1:7], 3):
			cv.put(row + offset, column, value)
		for column, value in enumerate(line[7:], 10):
			cv.put(row + offset, column, value)
	cv.level1(rows, row + 1, 2)


REASONS = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")


def monitoring_by_hand(form: dict, sheet: str = "Sheet1") -> bytes:
	"""项目支出绩效目标执行监控表 as 财预〔2019〕136号 prints it (columns A–O).

	``form``: title, year_line, month ("1-7月"), project_name, department,
	unit, money ({row label: (年初预算数, 执行数, 执行率, 全年预计执行数,
	偏差原因分析, 完成目标可能性, 备注)}), annual_goal, goal_progress, rows
	(一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 全年预计完成值 | 5 reasons |
	3 likelihood marks | 备注), optionally extras.
	"""
	return _book(_monitoring, form, sheet=sheet)


def _monitoring(cv: Canvas, form: dict) -> None:
	month = form["month"]
	row = 1
	if form.get("annex"):
		cv.put(row, 1, form["annex"])
		row += 1
	cv.put(row, 1, form["title"], to=(row, 15))
	row += 1
	if form.get("year_line"):
		cv.put(row, 1, form["year_line"], to=(row, 15))
		row += 1
	cv.put(row, 1, "项目名称", to=(row, 2))
	cv.put(row, 3, form["project_name"], to=(row, 15))
	_extras(cv, row, 17, form.get("extras"))
	row += 1
	cv.put(row, 1, "主管部门及代码", to=(row, 2))
	cv.put(row, 3, form["department"], to=(row, 7))
	cv.put(row, 8, "实施单位", to=(row, 9))
	cv.put(row, 10, form["unit"], to=(row, 15))
	row += 1
	money = form["money"]
	cv.put(row, 1, "项目资金（万元）", to=(row + len(money), 2))
	cv.put(row, 3, None, to=(row, 4))
	spans = ((5, 6), (7, 8), (9, 9), (10, 10), (11, 12), (13, 14), (15, 15))
	captions = (
		"年初预算数",
		f"{month}执行数",
		f"{month}执行率",
		"全年预计执行数",
		"偏差原因分析",
		"完成目标可能性",
		"备注",
	)
	for (left, right), caption in zip(spans, captions, strict=True):
		cv.put(row, left, caption, to=(row, right))
	for offset, (label, values) in enumerate(money.items(), 1):
		cv.put(row + offset, 3, label, to=(row + offset, 4))
		for (left, right), value in zip(spans, values, strict=True):
			cv.put(row + offset, left, value, to=(row + offset, right))
	row += len(money) + 1
	cv.put(row, 1, "年度总体目标", to=(row + 1, 2))
	cv.put(row, 3, "年初设定目标", to=(row, 8))
	cv.put(row, 9, f"{month}实际完成情况", to=(row, 15))
	cv.put(row + 1, 3, form["annual_goal"], to=(row + 1, 8))
	cv.put(row + 1, 9, form["goal_progress"], to=(row + 1, 15))
	row += 2
	single = ("一级指标", "二级指标", "三级指标", "年度指标值", f"{month}实际完成值", "全年预计完成值")
	for offset, caption in enumerate(single):
		cv.put(row, 1 + offset, caption, to=(row + 1, 1 + offset))
	cv.put(row, 7, "偏差原因分析", to=(row, 11))
	cv.put(row, 12, "完成目标可能性", to=(row, 14))
	cv.put(row, 15, "备注", to=(row + 1, 15))
	for offset, caption in enumerate(REASONS + LIKELIHOODS):
		cv.put(row + 1, 7 + offset, caption)
	row += 2
	for offset, line in enumerate(form["rows"]):
		if line is None:
			continue
		_level1, level2, name, target, actual, expected, reasons, marks, remarks = line
		values = (level2, name, target, actual, expected, *reasons, *marks, remarks)
		for column, value in enumerate(values, 2):
			cv.put(row + offset, column, value)
	cv.level1(form["rows"], row, 1)


def evaluation_by_hand(form: dict, sheet: str = "Sheet1") -> bytes:
	"""项目支出绩效自评表 as 财预〔2020〕10号 附1 prints it (columns A–J).

	``form``: annex, title, year_line, project_name, department, unit,
	money ({row label: (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)}),
	annual_goal, actual_completion, rows (一级 | 二级 | 三级 | 年度指标值 |
	实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施), footer (总分, 分值, 得分),
	optionally extras.
	"""
	return _book(_evaluation, form, sheet=sheet)


def _evaluation(cv: Canvas, form: dict) -> None:
	row = 1
	if form.get("annex"):
		cv.put(row, 1, form["annex"])
		row += 1
	cv.put(row, 1, form["title"], to=(row, 10))
	row += 1
	if form.get("year_line"):
		cv.put(row, 1, form["year_line"], to=(row, 10))
		row += 1
	cv.put(row, 1, "项目名称", to=(row, 2))
	cv.put(row, 3, form["project_name"], to=(row, 10))
	_extras(cv, row, 12, form.get("extras"))
	row += 1
	cv.put(row, 1, "主管部门", to=(row, 2))
	cv.put(row, 3, form["department"], to=(row, 6))
	cv.put(row, 7, "实施单位")
	cv.put(row, 8, form["unit"], to=(row, 10))
	row += 1
	money = form["money"]
	cv.put(row, 1, "项目资金（万元）", to=(row + len(money), 2))
	cv.put(row, 3, None, to=(row, 4))
	for column, caption in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), 5):
		cv.put(row, column, caption)
	for offset, (label, values) in enumerate(money.items(), 1):
		cv.put(row + offset, 3, label, to=(row + offset, 4))
		for column, value in enumerate(values, 5):
			cv.put(row + offset, column, value)
	row += len(money) + 1
	cv.put(row, 1, "年度总体目标", to=(row + 1, 2))
	cv.put(row, 3, "预期目标", to=(row, 6))
	cv.put(row, 7, "实际完成情况", to=(row, 10))
	cv.put(row + 1, 3, form["annual_goal"], to=(row + 1, 6))
	cv.put(row + 1, 7, form["actual_completion"], to=(row + 1, 10))
	row += 2
	header = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
	for column, caption in enumerate(header, 2):
		cv.put(row, column, caption)
	cv.put(row, 9, "偏差原因分析及改进措施", to=(row, 10))
	rows = form["rows"]
	cv.put(row, 1, "绩效指标", to=(row + len(rows), 1))
	for offset, line in enumerate(rows, 1):
		if line is None:
			continue
		for column, value in enumerate(line[1:7], 3):
			cv.put(row + offset, column, value)
		cv.put(row + offset, 9, line[7], to=(row + offset, 10))
	cv.level1(rows, row + 1, 2)
	row += len(rows) + 1
	if form.get("footer"):
		label, weight, total = form["footer"]
		cv.put(row, 1, label, to=(row, 6))
		cv.put(row, 7, weight)
		cv.put(row, 8, total)
		cv.put(row, 9, None, to=(row, 10))
