"""The three official forms laid out cell by cell, as a clerk fills the Ministry's blank template.

Nothing here comes from ``perf_budget.excel``' writers: every caption, merge
and value is placed by hand with openpyxl, so the tests read workbooks the
app never wrote. A form is described by a plain dict of what the person
typed (strings stay strings: "1234.56万元", "≥500人", "√"), built from the
``*_FORM`` defaults with ``dict(GOAL_FORM, **changes)``. The builders know
the printed layouts of 财预〔2015〕88号 附1, 财预〔2019〕136号 and
财预〔2020〕10号 附1 and return the bytes plus where each part landed, so
tests can name the sheet row of an error.

Style switches every builder takes:
  annex        "附件1" on a line above the title (None: no such line)
  title        the title as typed (a year may be in it)
  year_line    "（2026年度）" (None: left out)
  top, left    rows / columns of empty margin above and left of the form
  merge        False: nothing merged (captions and values in the top-left cell only)
  post         callable(ws, at) run after building, to damage or retouch cells
"""

import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Fmt:
	"""A number cell with an Excel number format: Fmt(0.93, "0.00%") is what typing 93.00% stores."""

	value: object
	number_format: str


def pct(value: float, number_format: str = "0.00%") -> Fmt:
	return Fmt(value, number_format)


@dataclass
class Built:
	"""A finished sheet: ``at`` maps part names to sheet rows ("name", "grid_header", ("row", i) …)."""

	title: str
	at: dict = field(default_factory=dict)
	cols: dict = field(default_factory=dict)


class Canvas:
	"""Places values at form coordinates (1-based, before the margin) on a worksheet."""

	def __init__(self, ws, top: int = 0, left: int = 0, merge: bool = True):
		self.ws, self.top, self.left, self.merge_on = ws, top, left, merge

	def row(self, r: int) -> int:
		return r + self.top

	def letter(self, c: int) -> str:
		return get_column_letter(c + self.left)

	def put(self, r: int, c: int, value, to: tuple[int, int] | None = None, border: bool = True):
		cell = self.ws.cell(row=r + self.top, column=c + self.left)
		if isinstance(value, Fmt):
			cell.value = value.value
			cell.number_format = value.number_format
		else:
			cell.value = value
		cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
		if border:
			cell.border = BOX
		if to and self.merge_on and to != (r, c):
			self.ws.merge_cells(
				start_row=r + self.top,
				start_column=c + self.left,
				end_row=to[0] + self.top,
				end_column=to[1] + self.left,
			)
		return cell


def _head(cv: Canvas, form: dict, width: int) -> int:
	"""附件 line, title and （2026年度）; returns the next free form row."""
	r = 1
	if form.get("annex"):
		cv.put(r, 1, form["annex"], border=False)
		r += 1
	cv.put(r, 1, form["title"], to=(r, width), border=False)
	r += 1
	if form.get("year_line"):
		cv.put(r, 1, form["year_line"], to=(r, width), border=False)
		r += 1
	if form.get("unit_line"):
		cv.put(r, width, form["unit_line"], border=False)
		r += 1
	return r


def _extras(cv: Canvas, r: int, c: int, pairs: dict | None) -> None:
	"""Caption cells with their value in the next cell to the right, one per row from ``r``."""
	for offset, (caption, value) in enumerate((pairs or {}).items()):
		cv.put(r + offset, c, caption)
		cv.put(r + offset, c + 1, value)


def _level1_cells(cv: Canvas, rows: list, first: int, column: int, at: dict) -> None:
	"""一级指标 merged over its rows: a row whose level 1 is None continues the cell above."""
	start = None
	for i, row in enumerate(rows):
		r = first + i
		if row is None:
			continue
		at[("row", i)] = cv.row(r)
		if row[0] is not None:
			if start is not None:
				cv.put(start[0], column, start[1], to=(start[2], column))
			start = [r, row[0], r]
		elif start is not None:
			start[2] = r
	if start is not None:
		cv.put(start[0], column, start[1], to=(start[2], column))


# ---------------------------------------------------------------- 申报表 (财预〔2015〕88号 附1)

# A: section labels (项目名称 … 绩效指标); B 一级指标; C-E 中期 二级|三级|指标值; F-H 年度 二级|三级|指标值;
# I-K the app's extra columns 计量单位 | 分值 | 评(扣)分标准 when present.
GOAL_FORM = {
	"annex": "附件1",
	"title": "项目支出绩效目标申报表",
	"year_line": "（2026年度）",
	"unit_line": None,
	"project_name": "城市道路养护项目",
	"department": "市交通运输局 201001",
	"unit": "市公路养护中心",
	"attribute": "延续项目",
	"period": "3年",
	"mid_total_caption": "中期资金总额",
	"annual_total_caption": "年度资金总额",
	"fiscal_caption": "其中：财政拨款",
	"other_caption": "其他资金",
	"mid_total": 3600,
	"mid_fiscal": 3000,
	"mid_other": 600,
	"total": 1234.56,
	"fiscal": 1000.5,
	"other": 234.06,
	"mid_caption": "中期目标（2025—2027年）",
	"annual_caption": "年度目标",
	"long_goal": "目标1：三年完成全市360公里道路养护。\n目标2：路面优良率稳定在92%以上。",
	"annual_goal": "目标1：完成120公里道路养护。\n目标2：优良率≥92%。",
	"indicator_caption_row": False,
	# 一级 | 中期 二级 | 三级 | 指标值 | 年度 二级 | 三级 | 指标值 [| 计量单位 | 分值 | 评(扣)分标准]
	# None as 一级: continues the merged cell above; a None row: a blank line.
	"rows": [
		("产出指标", "数量指标", "养护道路里程", "≥360公里", "数量指标", "养护道路里程", "≥120公里"),
		(None, "质量指标", "路面优良率", "≥92%", "质量指标", "路面优良率", "≥92%"),
		(
			None,
			"时效指标",
			"养护任务完成时间",
			"2027年12月底前",
			"时效指标",
			"养护任务完成时间",
			"2026年12月底前",
		),
		(
			"效益指标",
			"社会效益指标",
			"道路通行条件",
			"明显改善",
			"社会效益指标",
			"群众出行时间节省",
			"≥5分钟",
		),
		(
			"满意度指标",
			"服务对象满意度指标",
			"沿线群众满意度",
			"≥90%",
			"服务对象满意度指标",
			"沿线群众满意度",
			"≥90%",
		),
	],
	"extra_columns": False,
	"extra_header": None,
	"top": 0,
	"left": 0,
	"merge": True,
	"post": None,
}


def goal_sheet(ws, form: dict) -> Built:
	cv = Canvas(ws, form["top"], form["left"], form["merge"])
	built = Built(ws.title)
	for number, width in enumerate((16, 14, 14, 22, 14, 14, 22, 14), 1):
		ws.column_dimensions[cv.letter(number)].width = width
	r = _head(cv, form, 8)
	built.at["name"] = cv.row(r)
	cv.put(r, 1, "项目名称")
	cv.put(r, 2, form["project_name"], to=(r, 8))
	_extras(cv, r, 10 if form["extra_columns"] else 9, form["extra_header"])
	r += 1
	built.at["department"] = cv.row(r)
	cv.put(r, 1, "主管部门及代码")
	cv.put(r, 2, form["department"], to=(r, 4))
	cv.put(r, 5, "实施单位")
	cv.put(r, 6, form["unit"], to=(r, 8))
	r += 1
	built.at["attribute"] = cv.row(r)
	cv.put(r, 1, "项目属性")
	cv.put(r, 2, form["attribute"], to=(r, 4))
	cv.put(r, 5, "项目期")
	cv.put(r, 6, form["period"], to=(r, 8))
	r += 1
	built.at["money"] = cv.row(r)
	cv.put(r, 1, "项目资金（万元）", to=(r + 2, 1))
	for offset, (caption, mid, annual) in enumerate(
		(
			((form["mid_total_caption"]), "mid_total", "total"),
			(form["fiscal_caption"], "mid_fiscal", "fiscal"),
			(form["other_caption"], "mid_other", "other"),
		)
	):
		annual_caption = form["annual_total_caption"] if offset == 0 else caption
		cv.put(r + offset, 2, caption)
		cv.put(r + offset, 3, form[mid], to=(r + offset, 4))
		cv.put(r + offset, 5, annual_caption)
		cv.put(r + offset, 6, form[annual], to=(r + offset, 8))
	r += 3
	built.at["goal"] = cv.row(r)
	cv.put(r, 1, "总体目标", to=(r + 1, 1))
	cv.put(r, 2, form["mid_caption"], to=(r, 4))
	cv.put(r, 5, form["annual_caption"], to=(r, 8))
	cv.put(r + 1, 2, form["long_goal"], to=(r + 1, 4))
	cv.put(r + 1, 5, form["annual_goal"], to=(r + 1, 8))
	ws.row_dimensions[cv.row(r + 1)].height = 60
	r += 2
	rows = form["rows"]
	first_grid = r
	if form["indicator_caption_row"]:
		cv.put(r, 2, "一级指标", to=(r + 1, 2))
		cv.put(r, 3, "中期指标", to=(r, 5))
		cv.put(r, 6, "年度指标", to=(r, 8))
		r += 1
		header = ("二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
		for offset, caption in enumerate(header):
			cv.put(r, 3 + offset, caption)
	else:
		header = ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值")
		for offset, caption in enumerate(header):
			cv.put(r, 2 + offset, caption)
	if form["extra_columns"]:
		for offset, caption in enumerate(("计量单位", "分值", "评(扣)分标准")):
			cv.put(r, 9 + offset, caption)
	built.at["grid_header"] = cv.row(r)
	r += 1
	cv.put(first_grid, 1, "绩效指标", to=(r + len(rows) - 1, 1))
	for i, row in enumerate(rows):
		if row is None:
			continue
		for offset, value in enumerate(row[1:]):
			cv.put(r + i, 3 + offset, value)
	_level1_cells(cv, rows, r, 2, built.at)
	built.cols = {
		name: cv.letter(c) for name, c in (("level1", 2), ("mid_target", 5), ("target", 8), ("weight", 10))
	}
	if form["post"]:
		form["post"](ws, built)
	return built


# ---------------------------------------------------------------- 监控表 (财预〔2019〕136号)

# A 一级 | B 二级 | C 三级 | D 年度指标值 | E 1-7月实际完成值 | F 全年预计完成值 | G-K 偏差原因分析
# (经费保障 制度保障 人员保障 硬件条件保障 其他) | L-N 完成目标可能性 (确定能 有可能 完全不可能) | O 备注;
# P 纠偏措施 (the app's extra column) when present.
REASONS = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOOD_WORDS = ("确定能", "有可能", "完全不可能")
NO_REASON = (None, None, None, None, None)

MONITORING_FORM = {
	"annex": None,
	"title": "项目支出绩效目标执行监控表",
	"year_line": "（2026年度）",
	"unit_line": None,
	"month": "1-7月",
	"project_name": "城市道路养护项目",
	"department": "市交通运输局 201001",
	"unit": "市公路养护中心",
	# 年初预算数 | 执行数 | 执行率 | 全年预计执行数 | 偏差原因分析 | 完成目标可能性 | 备注
	"money": {
		"年度资金总额": (800, 450, "56.25%", 780, "部分工程款待验收后支付", "确定能", None),
		"其中：财政拨款": (700, 400, "57.14%", 690, None, None, None),
		"其他资金": (100, 50, "50.00%", 90, None, None, None),
	},
	"goal_captions": ("年初设定目标", "{month}实际完成情况"),
	"annual_goal": "完成120公里道路养护，优良率≥92%。",
	"goal_progress": "已完成70公里养护，优良率93%。",
	"expected_caption": "全年预计完成值",
	# 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 全年预计 | 5 reasons | 3 likelihood marks | 备注 [| 纠偏措施]
	"rows": [
		(
			"产出指标",
			"数量指标",
			"养护道路里程",
			"≥120公里",
			70,
			120,
			NO_REASON,
			("√", None, None),
			None,
		),
		(None, "质量指标", "路面优良率", "≥92%", pct(0.93), 93, NO_REASON, ("√", None, None), None),
		(
			None,
			"时效指标",
			"养护任务完成时间",
			"2026年12月底前",
			"部分达成",
			None,
			(None, None, None, "√", None),
			(None, "√", None),
			"雨季影响进度",
		),
		(
			"效益指标",
			"社会效益指标",
			"群众出行时间节省",
			"≥5分钟",
			3,
			5,
			("资金未到位", None, None, None, None),
			(None, "√", None),
			None,
		),
		(
			"满意度指标",
			"服务对象满意度指标",
			"沿线群众满意度",
			"≥90%",
			"91%",
			91,
			NO_REASON,
			("√", None, None),
			None,
		),
	],
	"measure_column": False,
	"extra_header": None,
	"label_column": False,
	"top": 0,
	"left": 0,
	"merge": True,
	"post": None,
}


def monitoring_sheet(ws, form: dict) -> Built:
	cv = Canvas(ws, form["top"], form["left"], form["merge"])
	built = Built(ws.title)
	month = form["month"]
	r = _head(cv, form, 15)
	built.at["name"] = cv.row(r)
	cv.put(r, 1, "项目名称", to=(r, 2))
	cv.put(r, 3, form["project_name"], to=(r, 15))
	_extras(cv, r, 17 if form["measure_column"] else 16, form["extra_header"])
	r += 1
	cv.put(r, 1, "主管部门及代码", to=(r, 2))
	cv.put(r, 3, form["department"], to=(r, 7))
	cv.put(r, 8, "实施单位", to=(r, 9))
	cv.put(r, 10, form["unit"], to=(r, 15))
	r += 1
	built.at["money_header"] = cv.row(r)
	money = form["money"]
	cv.put(r, 1, "项目资金（万元）", to=(r + len(money), 2))
	cv.put(r, 3, None, to=(r, 4))
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
	for (c1, c2), caption in zip(spans, captions, strict=True):
		cv.put(r, c1, caption, to=(r, c2))
	for offset, (label, values) in enumerate(money.items(), 1):
		built.at[("money", label)] = cv.row(r + offset)
		cv.put(r + offset, 3, label, to=(r + offset, 4))
		for (c1, c2), value in zip(spans, values, strict=True):
			cv.put(r + offset, c1, value, to=(r + offset, c2))
	built.cols.update(
		{
			name: cv.letter(c1)
			for name, (c1, _) in zip(("budget", "executed", "rate", "expected"), spans[:4], strict=True)
		}
	)
	r += len(money) + 1
	built.at["goal"] = cv.row(r)
	set_caption, done_caption = (caption.format(month=month) for caption in form["goal_captions"])
	cv.put(r, 1, "年度总体目标", to=(r + 1, 2))
	cv.put(r, 3, set_caption, to=(r, 8))
	cv.put(r, 9, done_caption, to=(r, 15))
	cv.put(r + 1, 3, form["annual_goal"], to=(r + 1, 8))
	cv.put(r + 1, 9, form["goal_progress"], to=(r + 1, 15))
	r += 2
	rows = form["rows"]
	first = 1
	if form["label_column"]:
		# Some templates keep the 88号 habit of a vertical 绩效指标 label left of the grid.
		cv.put(r, 1, "绩效指标", to=(r + 1 + len(rows), 1))
		first = 2
	single = (
		"一级指标",
		"二级指标",
		"三级指标",
		"年度指标值",
		f"{month}实际完成值",
		form["expected_caption"],
	)
	for offset, caption in enumerate(single):
		cv.put(r, first + offset, caption, to=(r + 1, first + offset))
	cv.put(r, first + 6, "偏差原因分析", to=(r, first + 10))
	cv.put(r, first + 11, "完成目标可能性", to=(r, first + 13))
	cv.put(r, first + 14, "备注", to=(r + 1, first + 14))
	if form["measure_column"]:
		cv.put(r, first + 15, "纠偏措施", to=(r + 1, first + 15))
	for offset, caption in enumerate(REASONS + LIKELIHOOD_WORDS):
		cv.put(r + 1, first + 6 + offset, caption)
	built.at["grid_header"] = cv.row(r)
	r += 2
	for i, row in enumerate(rows):
		if row is None:
			continue
		_, level2, name, target, actual, expected, reasons, marks, remarks, *measure = row
		values = (level2, name, target, actual, expected, *reasons, *marks, remarks, *measure)
		for offset, value in enumerate(values):
			cv.put(r + i, first + 1 + offset, value)
	_level1_cells(cv, rows, r, first, built.at)
	built.cols.update(
		{
			"target": cv.letter(first + 3),
			"actual": cv.letter(first + 4),
			"expected": cv.letter(first + 5),
			"certain": cv.letter(first + 11),
			"level1": cv.letter(first),
			"level2": cv.letter(first + 1),
		}
	)
	if form["post"]:
		form["post"](ws, built)
	return built


# ---------------------------------------------------------------- 自评表 (财预〔2020〕10号 附1)

# A 绩效指标 (vertical label) | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 |
# I-J 偏差原因分析及改进措施. Money block: C-D row labels, E 年初预算数 | F 全年预算数 | G 全年执行数 |
# H 分值 | I 执行率 | J 得分.
EVALUATION_FORM = {
	"annex": "附件1",
	"title": "项目支出绩效自评表",
	"year_line": "（2025年度）",
	"unit_line": None,
	"project_name": "城市道路养护项目",
	"department": "市交通运输局",
	"unit": "市公路养护中心",
	# 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
	"money": {
		"年度资金总额": (1234.56, 1334.56, 1260.25, 10, "94.43%", 9.44),
		"其中：当年财政拨款": (1000, 1100, 1050.25, "—", "—", "—"),
		"上年结转资金": (200, 200, 180, "—", "—", "—"),
		"其他资金": (34.56, 34.56, 30, "—", "—", "—"),
	},
	"goal_captions": ("预期目标", "实际完成情况"),
	"annual_goal": "完成120公里道路养护，优良率≥92%。",
	"actual_completion": "完成125公里道路养护，优良率93%。",
	# 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
	"rows": [
		("产出指标", "数量指标", "养护道路里程", "≥120公里", 125, 20, 20, None),
		(None, "质量指标", "路面优良率", "≥92%", pct(0.93), 15, 15, None),
		(None, "时效指标", "养护任务完成时间", "2025年12月底前", "达成年度指标", 15, 14, "个别路段延期一周"),
		(
			"效益指标",
			"社会效益指标",
			"群众出行时间节省",
			"≥5分钟",
			4,
			30,
			24,
			"部分路段仍在施工，下年度优化工期",
		),
		("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "91%", 10, 10, None),
	],
	"footer": ("总分", 100, 92.44),
	"after_footer": [],
	"extra_header": None,
	"top": 0,
	"left": 0,
	"merge": True,
	"post": None,
}


def evaluation_sheet(ws, form: dict) -> Built:
	cv = Canvas(ws, form["top"], form["left"], form["merge"])
	built = Built(ws.title)
	r = _head(cv, form, 10)
	built.at["name"] = cv.row(r)
	cv.put(r, 1, "项目名称", to=(r, 2))
	cv.put(r, 3, form["project_name"], to=(r, 10))
	_extras(cv, r, 12, form["extra_header"])
	r += 1
	cv.put(r, 1, "主管部门", to=(r, 2))
	cv.put(r, 3, form["department"], to=(r, 6))
	cv.put(r, 7, "实施单位")
	cv.put(r, 8, form["unit"], to=(r, 10))
	r += 1
	built.at["money_header"] = cv.row(r)
	money = form["money"]
	cv.put(r, 1, "项目资金（万元）", to=(r + len(money), 2))
	cv.put(r, 3, None, to=(r, 4))
	for offset, caption in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
		cv.put(r, 5 + offset, caption)
	for offset, (label, values) in enumerate(money.items(), 1):
		built.at[("money", label)] = cv.row(r + offset)
		cv.put(r + offset, 3, label, to=(r + offset, 4))
		for column, value in enumerate(values, 5):
			cv.put(r + offset, column, value)
	r += len(money) + 1
	built.at["goal"] = cv.row(r)
	cv.put(r, 1, "年度总体目标", to=(r + 1, 2))
	cv.put(r, 3, form["goal_captions"][0], to=(r, 6))
	cv.put(r, 7, form["goal_captions"][1], to=(r, 10))
	cv.put(r + 1, 3, form["annual_goal"], to=(r + 1, 6))
	cv.put(r + 1, 7, form["actual_completion"], to=(r + 1, 10))
	r += 2
	rows = form["rows"]
	built.at["grid_header"] = cv.row(r)
	header = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
	for offset, caption in enumerate(header):
		cv.put(r, 2 + offset, caption)
	cv.put(r, 9, "偏差原因分析及改进措施", to=(r, 10))
	r += 1
	for i, row in enumerate(rows):
		if row is None:
			continue
		for offset, value in enumerate(row[1:7]):
			cv.put(r + i, 3 + offset, value)
		cv.put(r + i, 9, row[7], to=(r + i, 10))
	_level1_cells(cv, rows, r, 2, built.at)
	cv.put(r - 1, 1, "绩效指标", to=(r + len(rows) - 1, 1))
	r += len(rows)
	if form["footer"]:
		label, weight, total = form["footer"]
		built.at["footer"] = cv.row(r)
		cv.put(r, 1, label, to=(r, 6))
		cv.put(r, 7, weight)
		cv.put(r, 8, total)
		cv.put(r, 9, None, to=(r, 10))
		r += 1
	for i, row in enumerate(form["after_footer"]):
		built.at[("after", i)] = cv.row(r + i)
		cv.put(r + i, 2, row[0])
		for offset, value in enumerate(row[1:7]):
			cv.put(r + i, 3 + offset, value)
	built.cols = {
		name: cv.letter(c)
		for name, c in (
			("level1", 2),
			("level2", 3),
			("target", 5),
			("actual", 6),
			("weight", 7),
			("score", 8),
			("initial", 5),
			("annual", 6),
			("executed", 7),
			("rate", 9),
		)
	}
	if form["post"]:
		form["post"](ws, built)
	return built


# ---------------------------------------------------------------- workbooks

BUILDERS = {"goal": goal_sheet, "monitoring": monitoring_sheet, "evaluation": evaluation_sheet}
DEFAULTS = {"goal": GOAL_FORM, "monitoring": MONITORING_FORM, "evaluation": EVALUATION_FORM}


def form(kind: str, **changes) -> dict:
	"""The default filled form of ``kind`` with some entries changed."""
	unknown = set(changes) - set(DEFAULTS[kind])
	assert not unknown, unknown
	return {**DEFAULTS[kind], **changes}


def workbook(kind: str, *sheets, extra_sheets: dict | None = None) -> tuple[bytes, list[Built]]:
	"""A workbook of form sheets; each sheet is a form dict or (title, form dict).

	``extra_sheets`` maps title -> list of rows to put on sheets that are not forms.
	"""
	book = Workbook()
	book.remove(book.active)
	built = []
	for number, sheet in enumerate(sheets or (form(kind),), 1):
		title, filled = sheet if isinstance(sheet, tuple) else (f"Sheet{number}", sheet)
		built.append(BUILDERS[kind](book.create_sheet(title), filled))
	for title, rows in (extra_sheets or {}).items():
		ws = book.create_sheet(title)
		for row in rows:
			ws.append(row)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue(), built


def one(kind: str, **changes) -> tuple[bytes, Built]:
	"""The bytes of a one-sheet workbook holding the default form with ``changes``, and where its parts are."""
	data, built = workbook(kind, form(kind, **changes))
	return data, built[0]


def replace_text(old: str, new):
	"""A ``post`` step: every cell reading exactly ``old`` now reads ``new`` (None: emptied)."""

	def step(ws, built):
		for row in ws.iter_rows():
			for cell in row:
				if cell.value == old and not type(cell).__name__ == "MergedCell":
					cell.value = new

	return step


def steps(*posts):
	def step(ws, built):
		for post in posts:
			post(ws, built)

	return step


# ---------------------------------------------------------------- what the reader must answer

# Each kind of refusal the contract names -> where the reader keeps its
# message key (module.NAME in perf_budget.excel). Tests compare
# error.message with the key, never with the wording.
REFUSALS = {
	"not_a_workbook": "upload.NOT_XLSX",
	"not_the_form": "upload.NO_FORM_SHEET",
	"missing_caption": "official.CAPTION_MISSING",
	"required": "layout.REQUIRED",
	"not_an_amount": "values.NOT_AN_AMOUNT",
	"not_a_number": "layout.NOT_A_NUMBER",
	"not_a_score": "values.NOT_A_SCORE",
	"not_a_percent": "values.NOT_A_PERCENT",
	"negative": "layout.NEGATIVE",
	"not_a_choice": "layout.NOT_A_CHOICE",
	"rate_above_100": "evaluation_form.RATE_ABOVE_100",
	# 年度资金总额 ≠ its parts: the 10号 and 136号 forms share one key, the 申报表 has its own.
	"parts_mismatch": "evaluation_form.PARTS_MISMATCH",
	"goal_parts_mismatch": "goal_form.TOTAL_MISMATCH",
	"total_score_mismatch": "evaluation_form.NOT_THE_SUM",
	"row_below_total": "official.ROW_BELOW_TOTAL",
	"level2_not_under_level1": "official.LEVEL2_NOT_UNDER_LEVEL1",
	"unreadable_target": "values.TARGET_NOT_A_NUMBER",
	"two_likelihoods": "monitoring_form.TWO_MARKS",
	"unknown_result": "values.RESULT_UNKNOWN",
	"months_differ": "monitoring_form.MONTHS_DIFFER",
}


def refusal_key(kind: str) -> str:
	"""The reader's message key for a refusal kind named in REFUSALS."""
	import importlib

	module, name = REFUSALS[kind].split(".")
	return getattr(importlib.import_module(f"perf_budget.excel.{module}"), name)


def read(kind: str, data: bytes, filename: str = "填报表.xlsx"):
	from perf_budget.excel import read_form

	return read_form(kind, data, filename)


def _said(errors) -> list[str]:
	from perf_budget.excel.layout import render

	return [f"{error.sheet}!{error.column}{error.row} {error.message} | {render(error)}" for error in errors]


def accepted(kind: str, data: bytes) -> list[dict]:
	"""The records of a workbook the reader must accept."""
	records, errors = read(kind, data)
	assert errors == [], _said(errors)
	return records


def only_record(kind: str, data: bytes) -> dict:
	records = accepted(kind, data)
	assert len(records) == 1, records
	return records[0]


def refused(kind: str, data: bytes, *expected) -> list:
	"""Refused with exactly these kinds of error; each expected item is a refusal kind or (kind, row, column).

	A located item asks for an error of that key at that sheet row and column
	letter (None: any column). Returns the errors for further checks.
	"""
	records, errors = read(kind, data)
	assert records == [], "nothing may be returned when any error is found"
	assert errors, "the workbook must be refused"
	wanted = {refusal_key(item if isinstance(item, str) else item[0]) for item in expected}
	assert {error.message for error in errors} == wanted, _said(errors)
	for item in expected:
		if isinstance(item, str):
			continue
		key, row, column = refusal_key(item[0]), item[1], item[2]
		assert any(
			error.message == key and error.row == row and (column is None or error.column == column)
			for error in errors
		), (item, _said(errors))
	return errors


def fields(record: dict, *keys) -> dict:
	return {key: record.get(key) for key in keys}


def rows(record: dict, key: str, *columns) -> list[tuple]:
	return [tuple(row.get(column) for column in columns) for row in record[key]]


def plain_workbook(sheets: dict) -> bytes:
	"""A workbook that is no form: title -> list of rows."""
	book = Workbook()
	book.remove(book.active)
	for title, rows in sheets.items():
		ws = book.create_sheet(title)
		for row in rows:
			ws.append(row)
	buffer = io.BytesIO()
	book.save(buffer)
	return buffer.getvalue()


def put_cell(column: str, part, value, offset: int = 0):
	"""A ``post`` step: the cell in column ``column`` (a key of built.cols) on the row of ``part`` (a key of built.at)."""

	def step(ws, built):
		ws[f"{built.cols[column]}{built.at[part] + offset}"] = value

	return step
