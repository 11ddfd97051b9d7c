"""部门整体支出绩效目标申报表 (财预〔2015〕88号 附2, with the funds picture the
city asks for): the department-wide goal of a Budget Unit (or the bureau).

Printed: title and （ 年度）; 部门（单位）名称; 部门职能职责概述; 编制人数 |
实有人数; 部门预算资金（万元） by nature (人员经费, 公用经费, 基本支出, 项目支出,
资金总额) beside by source (一般公共预算, 政府性基金预算, 国有资本经营预算,
财政专户管理资金, 其他资金); 年度主要任务 (任务名称 | 主要内容 | 预算金额 |
财政拨款 | 其他资金, then 合计); 年度总体目标; 年度绩效指标 (一级指标 | 二级指标
| 三级指标 | 指标值 | 分值 | 评(扣)分标准). Right of the print area: 绩效年度 and
the record's stamps.

Sums typed on the form (基本支出, 资金总额, each task's 预算金额, 合计) are
checked against their parts and reported at their cell, never corrected.
"""

from collections.abc import Mapping
from typing import Any

from perf_budget.excel import department, official, upload
from perf_budget.excel import values as read
from perf_budget.excel.department import amount, score, write_pair
from perf_budget.excel.layout import REQUIRED, FormError, as_text
from perf_budget.excel.official import GridColumn, Reading, find_title
from perf_budget.excel.sheet import SheetIndex, caption
from perf_budget.rules.indicators import GOAL_INDICATOR_KEYS, format_target_with_unit
from perf_budget.rules.numbers import round_half_up

TITLE = "部门整体支出绩效目标申报表"
TITLES = caption(TITLE, "部门整体绩效目标申报表", "部门整体支出绩效目标表")
SOURCES_NOT_TOTAL = "The funds by source add up to {0}, but 资金总额 is {1}; they must be equal"
MESSAGES = (
	*official.MESSAGES,
	*upload.MESSAGES,
	*read.MESSAGES,
	*department.MESSAGES,
	SOURCES_NOT_TOTAL,
)

FUNCTIONS = caption("部门职能职责概述", "职能概述", "部门职能概述", "部门职能职责")
AUTHORIZED = caption("编制人数", "核定编制人数", "编制数")
ACTUAL = caption("实有人数", "在职人数", "实有在职人数")
MONEY = caption("部门预算资金（万元）", "部门预算资金", prefix=True)
# by nature (left) and by source (right): key -> caption
NATURE = {
	"personnel_expenditure": caption("人员经费"),
	"public_expenditure": caption("公用经费"),
	"basic_expenditure": caption("基本支出", "基本支出合计"),
	"project_expenditure": caption("项目支出"),
	"total_budget": caption("资金总额", "预算总额", "部门预算总额"),
}
PARTS = ("personnel_expenditure", "public_expenditure", "project_expenditure")
SOURCES = {
	"source_general_budget": caption("一般公共预算", "一般公共预算资金", "一般公共预算拨款"),
	"source_government_fund": caption("政府性基金预算", "政府性基金"),
	"source_state_capital": caption("国有资本经营预算"),
	"source_special_account": caption("财政专户管理资金", "财政专户资金"),
	"source_other": caption("其他资金"),
}
TASKS = caption("年度主要任务")
TASK_GRID = (
	GridColumn("task_name", caption("任务名称"), True),
	GridColumn("task_content", caption("主要内容"), False),
	GridColumn("total_amount", caption("预算金额", "预算金额（万元）", "金额"), True),
	GridColumn("fiscal_amount", caption("财政拨款"), False),
	GridColumn("other_amount", caption("其他资金"), False),
)
TASK_KEYS = tuple(column.key for column in TASK_GRID)
TASK_AMOUNTS = (("total_amount", "预算金额"), ("fiscal_amount", "财政拨款"), ("other_amount", "其他资金"))
ANNUAL_GOAL = caption("年度总体目标", "总体目标")
INDICATORS = caption("年度绩效指标", "绩效指标")
LEVEL1 = caption("一级指标")
GRID = (
	GridColumn("level1", LEVEL1, True),
	GridColumn("level2", caption("二级指标"), True),
	GridColumn("indicator_name", caption("三级指标"), True),
	GridColumn("target", caption("指标值", "年度指标值"), True),
	GridColumn("weight", caption("分值", "权重"), False),
	GridColumn("evaluation_standard", caption("评(扣)分标准", "评分标准", "评（扣）分标准"), False),
)
ALL_CAPTIONS = official.any_caption(
	department.UNIT,
	FUNCTIONS,
	AUTHORIZED,
	ACTUAL,
	MONEY,
	*NATURE.values(),
	*SOURCES.values(),
	TASKS,
	ANNUAL_GOAL,
	INDICATORS,
	*(column.caption for column in (*TASK_GRID, *GRID)),
)
RECORD_KEYS = (
	"performance_year",
	"budget_unit",
	"functions_overview",
	"authorized_staff",
	"actual_staff",
	*NATURE,
	*SOURCES,
	"annual_goal",
)
INDICATOR_KEYS = GOAL_INDICATOR_KEYS

LAST = "H"
WIDTHS = (8, 14, 14, 22, 14, 12, 12, 24)
EXTRA_COLUMN = 10


# ---------------------------------------------------------------- export


def export_goals(goals: list[Mapping]) -> bytes:
	"""One form sheet per department goal, as .xlsx bytes; none gives a blank form."""
	return department.workbook_of(goals, write_goal, "部门目标")


def write_goal(ws, goal: Mapping) -> None:
	department.write_header(ws, goal, TITLE, LAST, WIDTHS, official.year_line(goal.get("performance_year")))
	write_pair(ws, "A4:B4", FUNCTIONS.printed, "C4:H4", as_text(goal.get("functions_overview")))
	write_pair(ws, "A5:B5", AUTHORIZED.printed, "C5:D5", goal.get("authorized_staff"), "0")
	write_pair(ws, "E5:F5", ACTUAL.printed, "G5:H5", goal.get("actual_staff"), "0")
	official.write_caption(ws, "A6:A11", MONEY.printed, bold=True)
	official.write_caption(ws, "B6:D6", "按支出性质", bold=True)
	official.write_caption(ws, "E6:H6", "按资金来源", bold=True)
	for row, (nature, source) in enumerate(zip(NATURE.items(), SOURCES.items(), strict=True), 7):
		write_pair(ws, f"B{row}:C{row}", nature[1].printed, f"D{row}", amount(goal.get(nature[0])), "0.00")
		write_pair(ws, f"E{row}:G{row}", source[1].printed, f"H{row}", amount(goal.get(source[0])), "0.00")
	row = _write_tasks(ws, goal.get("key_tasks") or [], 12)
	official.write_caption(ws, f"A{row}:B{row}", ANNUAL_GOAL.printed, bold=True)
	official.write_value(ws, f"C{row}:H{row}", as_text(goal.get("annual_goal")), horizontal="left", top=True)
	goal_row, header = row, row + 1
	for letter, column in zip("BCDFGH", GRID, strict=True):
		where = "D{0}:E{0}" if letter == "D" else f"{letter}{{0}}"
		official.write_caption(ws, where.format(header), column.caption.printed, bold=True)
	last = department.write_level_rows(ws, header + 1, goal.get("indicators") or [], _write_indicator) - 1
	official.write_caption(ws, f"A{header}:A{last}", INDICATORS.printed, bold=True)
	official.write_extras(ws, EXTRA_COLUMN, 3, department.extras(goal))
	official.fit_rows(ws, 3, last, paragraphs=(4, goal_row))
	official.page_setup(ws, 8, last, f"{header}:{header}", landscape=False)


def _write_tasks(ws, tasks: list[Mapping], header: int) -> int:
	"""年度主要任务 with its 合计; returns the next free row."""
	for letter, column in zip("BCFGH", TASK_GRID, strict=True):
		where = f"C{header}:E{header}" if letter == "C" else f"{letter}{header}"
		official.write_caption(ws, where, column.caption.printed, bold=True)
	row = header + 1
	for task in tasks or [{}]:
		official.write_value(ws, f"B{row}", as_text(task.get("task_name")), horizontal="left")
		official.write_value(ws, f"C{row}:E{row}", as_text(task.get("task_content")), horizontal="left")
		for letter, key in zip("FGH", TASK_KEYS[2:], strict=True):
			official.write_value(ws, f"{letter}{row}", amount(task.get(key)), "0.00", "right")
		row += 1
	official.write_caption(ws, f"B{row}:E{row}", "合计", bold=True)
	for letter, key in zip("FGH", TASK_KEYS[2:], strict=True):
		figures = [amount(task.get(key)) for task in tasks if amount(task.get(key)) is not None]
		official.write_value(
			ws, f"{letter}{row}", round(sum(figures), 2) if figures else None, "0.00", "right"
		)
	official.write_caption(ws, f"A{header}:A{row}", TASKS.printed, bold=True)
	return row + 1


def _write_indicator(ws, row: int, indicator: Mapping) -> None:
	shown = (
		("C", department.level2_word(indicator), "@"),
		("D", as_text(indicator.get("indicator_name")), "@"),
		("F", format_target_with_unit(indicator) if indicator else None, "@"),
		("G", score(indicator.get("weight")), "General"),
		("H", as_text(indicator.get("evaluation_standard")), "@"),
	)
	for letter, value, number_format in shown:
		where = f"D{row}:E{row}" if letter == "D" else f"{letter}{row}"
		official.write_value(ws, where, value, number_format, "left" if letter in "DH" else "center")


# ---------------------------------------------------------------- import


def import_goals(data: bytes, filename: str = "", synonyms: Mapping | None = None):
	"""Department goals read from an uploaded workbook, and every error; none at all when there is any."""
	return upload.read_sheets(data, filename, TITLES, read_goal)


def read_goal(ws) -> tuple[dict, list[FormError]]:
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	record: dict[str, Any] = {"sheet": ws.title}
	department.read_header(reading, record, find_title(index, TITLES), ALL_CAPTIONS)
	record["functions_overview"] = _text(reading, FUNCTIONS, True)
	for key, wanted in (("authorized_staff", AUTHORIZED), ("actual_staff", ACTUAL)):
		at = official.header_cell(reading, wanted, ALL_CAPTIONS)
		record[key] = reading.read(at, wanted.printed, department.read_count)
	tasks_box = index.first(TASK_GRID[0].caption)
	goal_box = index.first(ANNUAL_GOAL)
	grid_box = index.first(LEVEL1)
	money_end = (tasks_box or goal_box or grid_box).top - 1 if (tasks_box or goal_box or grid_box) else None
	_read_money(reading, record, money_end)
	record["key_tasks"] = _read_tasks(reading, goal_box.top - 1 if goal_box else None)
	record["annual_goal"] = _text(reading, ANNUAL_GOAL, True)
	_read_indicators(reading, record)
	return record, reading.errors


def _text(reading: Reading, wanted, required: bool = False) -> str | None:
	at = official.header_cell(reading, wanted, ALL_CAPTIONS, required)
	return reading.read(at, wanted.printed, read.read_text, required)


def _read_money(reading: Reading, record: dict, last_row: int | None) -> None:
	index = reading.index
	rows = range(1, (last_row or index.max_row) + 1)
	places = {}
	for key, wanted in (*NATURE.items(), *SOURCES.items()):
		box = index.first(wanted, rows=rows)
		if box is None:
			reading.missing(wanted)
			continue
		places[key] = index.right_of(box, ALL_CAPTIONS)
		# the sums are the system's: a form with only 资金总额 would lose it, so the parts are required
		figure = reading.read(places[key], wanted.printed, read.read_amount, key in PARTS)
		record[key] = None if figure is None else round_half_up(figure, 2)
	if not reading.all_read(*places.values()) or len(places) < len(NATURE) + len(SOURCES):
		return
	total = record["total_budget"]
	department.check_sum(
		reading,
		places["basic_expenditure"],
		"基本支出",
		record["basic_expenditure"],
		[record["personnel_expenditure"], record["public_expenditure"]],
		"人员经费 + 公用经费",
	)
	department.check_sum(
		reading,
		places["total_budget"],
		"资金总额",
		total,
		# the parts' own sum: a wrong 基本支出 is reported once, above
		[record["personnel_expenditure"], record["public_expenditure"], record["project_expenditure"]],
		"基本支出 + 项目支出",
	)
	sources = [record[key] for key in SOURCES]
	if total is not None and any(part is not None for part in sources):
		added = round(sum(part or 0 for part in sources), 2)
		if abs(added - total) > 0.005:
			reading.error(*places["source_general_budget"], SOURCES_NOT_TOTAL, f"{added:.2f}", f"{total:.2f}")


def _read_tasks(reading: Reading, last_row: int | None) -> list[dict]:
	place = official.find_grid(reading, TASK_GRID[0].caption, TASK_GRID)
	if place is None or place.lacks_required(TASK_GRID):
		return []
	rows, footer = official.grid_rows(reading, place, last_row=last_row)
	tasks, all_read = [], True
	for row in rows:
		cells = row.cells
		task = {"task_name": reading.read(cells["task_name"], "任务名称", official.data_text, True)}
		content = cells.get("task_content")
		task["task_content"] = reading.read(content, "主要内容", read.read_text) if content else None
		for key, label in TASK_AMOUNTS:
			figure = reading.read(
				cells.get(key), f"{label}（{task['task_name'] or row.row}）", read.read_amount
			)
			task[key] = None if figure is None else round_half_up(figure, 2)
		if (
			task["total_amount"] is not None
			and task["fiscal_amount"] is None
			and task["other_amount"] is None
		):
			# 预算金额 is the system's sum of the two: without them it would become 0
			reading.error(*cells.get("fiscal_amount", cells["total_amount"]), REQUIRED, "财政拨款")
			all_read = False
		elif reading.all_read(*cells.values()):
			department.check_sum(
				reading,
				cells["total_amount"],
				"预算金额",
				task["total_amount"],
				[task["fiscal_amount"], task["other_amount"]],
				"财政拨款 + 其他资金",
			)
		else:
			all_read = False
		tasks.append(task)
	if footer is not None and all_read:
		_check_task_total(reading, place, footer, tasks)
	return tasks


def _check_task_total(reading: Reading, place, footer: int, tasks: list[dict]) -> None:
	"""合计 under each amount column, when typed there, is the tasks' sum."""
	for key, label in TASK_AMOUNTS:
		if key not in place.columns:
			continue
		at = reading.index.origin(footer, place.columns[key])
		if at[1] != place.columns[key]:
			continue  # 合计 merged across the column: no figure of its own
		total = reading.read(at, f"合计（{label}）", read.read_amount)
		department.check_sum(
			reading, at, f"合计（{label}）", total, [task[key] for task in tasks], "各项任务"
		)


def _read_indicators(reading: Reading, record: dict) -> None:
	record["indicators"] = []
	place = official.find_grid(reading, LEVEL1, GRID)
	if place is None or place.lacks_required(GRID):
		return
	rows, _, level1, level2 = department.indicator_rows(reading, place)
	for row in rows:
		indicator = department.read_indicator(reading, row, (level1[row.row], level2[row.row]), "指标值")
		if indicator is None:
			continue
		cells = row.cells
		weight = reading.read(cells.get("weight"), "分值", read.read_score)
		indicator["weight"] = None if weight is None else float(weight)
		standard = cells.get("evaluation_standard")
		indicator["evaluation_standard"] = (
			read.read_text(reading.index.value(*standard)) if standard else None
		)
		record["indicators"].append(indicator)
