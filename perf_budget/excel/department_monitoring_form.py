"""部门整体支出绩效监控表: a unit's whole expenditure in a monitoring round, laid
out like the project 监控表 (财预〔2019〕136号) with the unit in place of a project.

Printed: title and （2026年1—7月）; 部门（单位）名称; 预算执行情况（万元）: 年度预算数
| 1-7月执行数 | 执行率 | 时序进度执行率 | 预警; 年度总体目标 | 目标完成进度; 重点任务进展;
绩效指标: 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 1-7月执行情况 | 全年预计完成值
| 完成目标可能性 | 偏差原因分析 | 纠偏措施. The rates and lights are the system's:
printed, never read back (the rules compute them from the figures).
"""

from collections.abc import Mapping
from typing import Any

from perf_budget.excel import department, official, upload
from perf_budget.excel import values as read
from perf_budget.excel import vocabulary as words
from perf_budget.excel.department import amount, write_pair
from perf_budget.excel.layout import FormError, as_text
from perf_budget.excel.official import GridColumn, Reading, find_title
from perf_budget.excel.sheet import SheetIndex, caption
from perf_budget.rules.indicators import TARGET_KEYS, format_target_with_unit, plain_number
from perf_budget.rules.numbers import parse_number, round_half_up

TITLE = "部门整体支出绩效监控表"
TITLES = caption(TITLE, "部门整体支出绩效运行监控表", "部门整体绩效监控表", "部门整体支出绩效目标执行监控表")
MONTH_MISSING = "The months of the round were not found: write them under the title, e.g. （2026年1—7月）"
MESSAGES = (*official.MESSAGES, *upload.MESSAGES, *read.MESSAGES, *department.MESSAGES, MONTH_MISSING)

_MONTHS = r"1[-—–~～至到](\d{1,2})月"
MONEY = caption("预算执行情况（万元）", "预算执行情况", prefix=True)
BUDGET = caption("年度预算数", "全年预算数", "调整后预算数")
EXECUTED = caption("执行数", "截至当月执行数", pattern=_MONTHS + "执行数")
RATE = caption("执行率", "预算执行率")
TIME_RATE = caption("时序进度执行率")
LIGHT = caption("预警")
GOAL = caption("年度总体目标")
PROGRESS = caption("目标完成进度", pattern=_MONTHS + "目标完成进度|目标完成情况")
TASKS = caption("重点任务进展", "年度主要任务进展")
LEVEL1 = caption("一级指标")
GRID = (
	GridColumn("level1", LEVEL1, True),
	GridColumn("level2", caption("二级指标"), True),
	GridColumn("indicator_name", caption("三级指标"), True),
	GridColumn("target", caption("年度指标值", "指标值"), True),
	GridColumn("actual", caption("执行情况", "截至当月执行情况", pattern=_MONTHS + "执行情况"), True),
	GridColumn("expected", caption("全年预计完成值", "全年预计完成情况"), False),
	GridColumn("likelihood", caption("完成目标可能性"), False),
	GridColumn("reason_other", caption("偏差原因分析", "偏差原因"), False),
	GridColumn("corrective_measure", caption("纠偏措施", "改进措施"), False),
)
LIGHTS = {"Green": "绿灯", "Yellow": "黄灯", "Red": "红灯"}
ALL_CAPTIONS = official.any_caption(
	department.UNIT,
	MONEY,
	BUDGET,
	EXECUTED,
	RATE,
	TIME_RATE,
	LIGHT,
	GOAL,
	PROGRESS,
	TASKS,
	*(column.caption for column in GRID),
)
RECORD_KEYS = (
	"performance_year",
	"period_end_month",
	"budget_unit",
	"annual_budget",
	"executed_amount",
	"execution_rate",
	"time_adjusted_rate",
	"execution_light",
	"annual_goal",
	"goal_progress",
	"task_progress",
)
INDICATOR_KEYS = (
	*TARGET_KEYS,
	"actual_to_date",
	"actual_text",
	"qualitative_progress",
	"expected_completion",
	"likelihood",
	"reason_other",
	"corrective_measure",
)

LAST = "J"
WIDTHS = (8, 10, 12, 22, 14, 14, 12, 12, 22, 22)
EXTRA_COLUMN = 12


# ---------------------------------------------------------------- export


def export_monitorings(records: list[Mapping]) -> bytes:
	"""One form sheet per department monitoring record, as .xlsx bytes; none gives a blank form."""
	return department.workbook_of(records, write_monitoring, "部门监控")


def months(month: Any) -> str:
	return f"1-{int(month)}月" if month else "1-  月"


def write_monitoring(ws, record: Mapping) -> None:
	year, month = as_text(record.get("performance_year")) or "    ", record.get("period_end_month")
	line = f"（{year}年1—{int(month)}月）" if month else f"（{year}年1—  月）"
	department.write_header(ws, record, TITLE, LAST, WIDTHS, line)
	official.write_caption(ws, "A4:A5", MONEY.printed, bold=True)
	rate, time_rate = (parse_number(record.get(key)) for key in ("execution_rate", "time_adjusted_rate"))
	cells = (
		("B4:C4", BUDGET.printed, "B5:C5", amount(record.get("annual_budget")), "0.00"),
		("D4:E4", months(month) + "执行数", "D5:E5", amount(record.get("executed_amount")), "0.00"),
		("F4:G4", RATE.printed, "F5:G5", None if rate is None else float(rate) / 100, "0.00%"),
		("H4:I4", TIME_RATE.printed, "H5:I5", None if time_rate is None else float(time_rate) / 100, "0.00%"),
		("J4", LIGHT.printed, "J5", LIGHTS.get(record.get("execution_light")), "@"),
	)
	for caption_at, text, value_at, value, number_format in cells:
		official.write_caption(ws, caption_at, text, bold=True)
		official.write_value(
			ws, value_at, value, number_format, "center" if number_format == "@" else "right"
		)
	official.write_caption(ws, "A6:A7", "年度总体目标完成情况", bold=True)
	official.write_caption(ws, "B6:E6", GOAL.printed, bold=True)
	official.write_caption(ws, "F6:J6", months(month) + "目标完成进度", bold=True)
	official.write_value(ws, "B7:E7", as_text(record.get("annual_goal")), horizontal="left", top=True)
	official.write_value(ws, "F7:J7", as_text(record.get("goal_progress")), horizontal="left", top=True)
	write_pair(ws, "A8:B8", TASKS.printed, "C8:J8", as_text(record.get("task_progress")))
	header = 9
	for offset, column in enumerate(GRID):
		text = months(month) + "执行情况" if column.key == "actual" else column.caption.printed
		official.write_caption(ws, f"{chr(66 + offset)}{header}", text, bold=True)
	last = department.write_level_rows(ws, header + 1, record.get("indicators") or [], _write_row) - 1
	official.write_caption(ws, f"A{header}:A{last}", "绩效指标", bold=True)
	official.write_extras(ws, EXTRA_COLUMN, 3, department.extras(record))
	official.fit_rows(ws, 3, last, paragraphs=(7, 8))
	official.page_setup(ws, 10, last, f"{header}:{header}")


def _write_row(ws, row: int, indicator: Mapping) -> None:
	likelihood = indicator.get("likelihood")
	shown = (
		department.level2_word(indicator),
		as_text(indicator.get("indicator_name")),
		format_target_with_unit(indicator) if indicator else None,
		_actual(indicator, "actual_to_date") if indicator else None,
		_actual(indicator, "expected_completion") if indicator else None,
		words.LIKELIHOODS.get(likelihood, likelihood),
		as_text(indicator.get("reason_other")),
		as_text(indicator.get("corrective_measure")),
	)
	for letter, value in zip("CDEFGHIJ", shown, strict=True):
		official.write_value(ws, f"{letter}{row}", value, horizontal="left" if letter in "DIJ" else "center")


def _actual(indicator: Mapping, key: str) -> str | None:
	"""执行情况 as printed: "480人次"; a qualitative indicator's progress word and description."""
	if indicator.get("operator") == words.QUALITATIVE:
		if key != "actual_to_date":
			return None
		progress = indicator.get("qualitative_progress")
		parts = (words.QUALITATIVE_PROGRESS.get(progress, progress), as_text(indicator.get("actual_text")))
		return "：".join(part for part in parts if part) or None
	number = parse_number(indicator.get(key))
	return None if number is None else plain_number(number) + (as_text(indicator.get("unit")) or "")


# ---------------------------------------------------------------- import


def import_monitorings(data: bytes, filename: str = "", synonyms: Mapping | None = None):
	"""Department monitoring records read from an uploaded workbook, and every error; none when there is any."""
	return upload.read_sheets(data, filename, TITLES, read_monitoring)


def read_monitoring(ws) -> tuple[dict, list[FormError]]:
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	record: dict[str, Any] = {"sheet": ws.title}
	title = find_title(index, TITLES)
	department.read_header(reading, record, title, ALL_CAPTIONS)
	if record["period_end_month"] is None and title is not None:
		reading.error(title.top, title.left, MONTH_MISSING)
	grid_box = index.first(LEVEL1)
	above = range(1, (grid_box.top if grid_box else index.max_row + 1))
	for key, wanted, required in (("annual_budget", BUDGET, False), ("executed_amount", EXECUTED, True)):
		box = index.first(wanted, rows=above)
		if box is None:
			reading.missing(wanted)
			continue
		figure = reading.read(index.below(box), wanted.printed, read.read_amount, required)
		record[key] = None if figure is None else round_half_up(figure, 2)
	for key, wanted in (("annual_goal", GOAL), ("goal_progress", PROGRESS)):
		box = index.first(wanted, rows=above)
		record[key] = reading.read(index.below(box), wanted.printed, read.read_text) if box else None
	tasks = official.header_cell(reading, TASKS, ALL_CAPTIONS, required=False)
	record["task_progress"] = reading.read(tasks, TASKS.printed, read.read_text)
	_read_indicators(reading, record)
	return record, reading.errors


def _read_indicators(reading: Reading, record: dict) -> None:
	record["indicators"] = []
	place = official.find_grid(reading, LEVEL1, GRID)
	if place is None or place.lacks_required(GRID):
		return
	rows, _, level1, level2 = department.indicator_rows(reading, place)
	progress = words.QUALITATIVE_PROGRESS_ALIASES
	index = reading.index
	for row in rows:
		indicator = department.read_indicator(reading, row, (level1[row.row], level2[row.row]))
		if indicator is None:
			continue
		cells = row.cells
		operator, target, unit = indicator["operator"], indicator["target_value"], indicator["unit"]
		indicator.update(
			actual_to_date=None, actual_text=None, qualitative_progress=None, expected_completion=None
		)
		if operator == words.QUALITATIVE:
			found = reading.read(
				cells["actual"],
				"执行情况",
				lambda raw: read.read_result(raw, words.QUALITATIVE_PROGRESS, progress),
			)
			if found:
				indicator["qualitative_progress"], indicator["actual_text"] = found
		elif operator:
			for key, label in (("actual_to_date", "actual"), ("expected_completion", "expected")):
				at = cells.get(label)
				percent = bool(at) and index.is_percent_cell(*at)
				indicator[key] = reading.read(
					at,
					"执行情况" if key == "actual_to_date" else "全年预计完成值",
					lambda raw, unit=unit, target=target, percent=percent: read.read_quantity(
						raw, unit, target, percent
					),
				)
		indicator["likelihood"] = reading.read(
			cells.get("likelihood"),
			"完成目标可能性",
			lambda raw: read.read_choice(raw, words.LIKELIHOODS, words.LIKELIHOOD_ALIASES),
		)
		for key in ("reason_other", "corrective_measure"):
			at = cells.get(key)
			indicator[key] = read.read_text(index.value(*at)) if at else None
		record["indicators"].append(indicator)
