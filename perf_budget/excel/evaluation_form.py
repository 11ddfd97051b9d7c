"""项目支出绩效自评表 (财预〔2020〕10号 附1): the self-evaluation form.

Printed as the Ministry's attachment: title and （ 年度）; 项目名称;
主管部门 | 实施单位; 项目资金（万元） with 年初预算数 | 全年预算数 | 全年执行数 |
分值 | 执行率 | 得分 and the rows 年度资金总额 / 其中：当年财政拨款 / 上年结转资金
/ 其他资金; 年度总体目标 with 预期目标 | 实际完成情况; the indicator table
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
偏差原因分析及改进措施; 总分 with 100 under 分值. Right of the print area:
项目编码, 评价等级, 执行率低于90%原因 and the record's id.

The scores a file states (each 得分, the execution score, 总分) are
returned as typed, after checking that they add up; the caller scores with
the rules (perf_budget.rules) and shows where the file differs.
"""

import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from perf_budget.excel import official, upload
from perf_budget.excel import values as read
from perf_budget.excel import vocabulary as words
from perf_budget.excel.goal_form import level_blocks
from perf_budget.excel.layout import FormError, as_text, put, sheet_titles
from perf_budget.excel.official import GridColumn, Reading, find_title
from perf_budget.excel.sheet import SheetIndex, caption
from perf_budget.rules.indicators import TARGET_KEYS, format_target_with_unit, plain_number
from perf_budget.rules.numbers import parse_number, round_half_up

__all__ = [
	"INDICATOR_KEYS",
	"MESSAGES",
	"RECORD_KEYS",
	"TITLES",
	"export_evaluations",
	"format_actual",
	"import_evaluations",
	"read_evaluation",
]

TITLE = "项目支出绩效自评表"
TITLES = caption(TITLE, "项目绩效自评表", "绩效自评表")

PARTS_MISMATCH = "{0} {1} must equal fiscal appropriation plus carry-over plus other funds, {2}"
RATE_ABOVE_100 = "{0} {1}% is above 100%: 全年执行数 cannot exceed 全年预算数; check the amounts"
RATE_MISMATCH = "{0} {1}% does not match 全年执行数 ÷ 全年预算数 = {2}%"
NOT_THE_SUM = "{0} {1} is not the sum of the figures above it, {2}"
MESSAGES = (
	*official.MESSAGES,
	*upload.MESSAGES,
	*read.MESSAGES,
	PARTS_MISMATCH,
	RATE_ABOVE_100,
	RATE_MISMATCH,
	NOT_THE_SUM,
)

# ---------------------------------------------------------------- captions

PROJECT_NAME = caption("项目名称")
DEPARTMENT = caption("主管部门", "主管部门及代码")
UNIT = caption("实施单位")
MONEY = caption("项目资金（万元）", "项目资金", prefix=True)
MONEY_COLUMNS = {
	"initial": caption("年初预算数"),
	"annual": caption("全年预算数", "调整后预算数"),
	"executed": caption("全年执行数"),
	"weight": caption("分值"),
	"rate": caption("执行率"),
	"score": caption("得分"),
}
MONEY_ROWS = {
	"total": caption("年度资金总额"),
	"fiscal": caption(
		"其中：当年财政拨款",
		"其中：本年财政拨款",
		"当年财政拨款",
		"本年财政拨款",
		"其中：财政拨款",
		"财政拨款",
	),
	"carryover": caption("上年结转资金", "上年结转"),
	"other": caption("其他资金"),
}
# Record keys of the money block: (row, column) -> key.
MONEY_KEYS = {
	("total", "initial"): "initial_budget",
	("total", "annual"): "annual_budget",
	("total", "executed"): "executed_amount",
	**{
		(part, column): f"{column}_{part}"
		for part in ("fiscal", "carryover", "other")
		for column in ("initial", "annual", "executed")
	},
}
GOALS = caption("年度总体目标", "总体目标")
EXPECTED_GOAL = caption("预期目标")
ACTUAL_GOAL = caption("实际完成情况")
LEVEL1 = caption("一级指标")
GRID = (
	GridColumn("level1", LEVEL1, True),
	GridColumn("level2", caption("二级指标"), True),
	GridColumn("indicator_name", caption("三级指标"), True),
	GridColumn("target", caption("年度指标值", "指标值"), True),
	GridColumn("actual", caption("实际完成值"), True),
	GridColumn("weight", caption("分值"), True),
	GridColumn("score", caption("得分"), True),
	GridColumn("deviation_analysis", caption("偏差原因分析及改进措施", "偏差原因分析", prefix=True), True),
)
EXTRAS = (
	("performance_year", caption("绩效年度"), lambda raw: as_text(raw), "0"),
	("project_code", caption("项目编码", "项目代码"), read.read_text, "@"),
	(
		"grade",
		caption("评价等级", "自评等级"),
		lambda raw: read.read_choice(raw, words.GRADES, words.GRADE_ALIASES),
		"@",
	),
	("execution_reason", caption("执行率低于90%原因"), read.read_text, "@"),
	("record_name", caption("记录编号"), read.read_text, "@"),
	("exported_modified", caption("导出时版本"), read.read_text, "@"),
)
ALL_CAPTIONS = official.any_caption(
	PROJECT_NAME,
	DEPARTMENT,
	UNIT,
	MONEY,
	GOALS,
	EXPECTED_GOAL,
	ACTUAL_GOAL,
	*MONEY_COLUMNS.values(),
	*MONEY_ROWS.values(),
	*(column.caption for column in GRID),
	*(wanted for _, wanted, _, _ in EXTRAS),
)

RECORD_KEYS = (
	"performance_year",
	"project_name",
	"competent_department",
	"budget_unit",
	*MONEY_KEYS.values(),
	"execution_weight",
	"execution_rate",
	"execution_score",
	"annual_goal",
	"actual_completion",
	"total_score",
	*(key for key, _, _, _ in EXTRAS if key != "performance_year"),
)
INDICATOR_KEYS = (
	*TARGET_KEYS,
	"weight",
	"actual_value",
	"actual_text",
	"qualitative_result",
	"score",
	"deviation_analysis",
)

# Print columns A–I; the app's own header fields from K.
LAST_COLUMN = 9
WIDTHS = (6, 10, 12, 24, 14, 16, 9, 9, 28)
EXTRA_HEADER_COLUMN = 11
GRID_HEADER_ROW = 12


# ---------------------------------------------------------------- export


def score_format(decimals: int = 2) -> str:
	"""Excel's format of 分值 and 得分 at the settings' precision: 50 reads "50.00" beside "86.50"."""
	return f"0.{'0' * decimals}" if decimals else "0"


def export_evaluations(evaluations: list[Mapping], score_decimals: int = 2) -> bytes:
	"""One form sheet per evaluation, as .xlsx bytes; none gives a blank form to fill in."""
	workbook = Workbook()
	workbook.remove(workbook.active)
	evaluations = list(evaluations) or [{}]
	for evaluation, title in zip(evaluations, sheet_titles(evaluations, "自评"), strict=True):
		write_evaluation(workbook.create_sheet(title), evaluation, score_format(score_decimals))
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def write_evaluation(ws, record: Mapping, scores: str = "0.00") -> None:
	for number, width in enumerate(WIDTHS, 1):
		ws.column_dimensions[chr(64 + number)].width = width
	official.write_title(ws, "A1:I1", official.form_title(TITLE, record.get("expenditure_type")))
	put(ws, "A2:I2", official.year_line(record.get("performance_year")), border=official.NO_BORDER)
	official.write_caption(ws, "A3:B3", PROJECT_NAME.printed)
	official.write_value(ws, "C3:I3", as_text(record.get("project_name")), horizontal="left")
	official.write_caption(ws, "A4:B4", DEPARTMENT.printed)
	official.write_value(ws, "C4:E4", as_text(record.get("competent_department")), horizontal="left")
	official.write_caption(ws, "F4:G4", UNIT.printed)
	official.write_value(ws, "H4:I4", as_text(record.get("budget_unit")), horizontal="left")
	_write_money(ws, record, scores)
	official.write_caption(ws, "A10:A11", GOALS.printed, bold=True)
	official.write_caption(ws, "B10:E10", EXPECTED_GOAL.printed, bold=True)
	official.write_caption(ws, "F10:I10", ACTUAL_GOAL.printed, bold=True)
	official.write_value(ws, "B11:E11", as_text(record.get("annual_goal")), horizontal="left", top=True)
	official.write_value(ws, "F11:I11", as_text(record.get("actual_completion")), horizontal="left", top=True)
	last = _write_indicators(ws, record, scores)
	official.write_extras(ws, EXTRA_HEADER_COLUMN, 3, _extra_values(record))
	official.fit_rows(ws, 3, last, paragraphs=(11,))
	official.page_setup(ws, LAST_COLUMN, last, f"{GRID_HEADER_ROW}:{GRID_HEADER_ROW}")


def _write_money(ws, record: Mapping, scores: str) -> None:
	official.write_caption(ws, "A5:A9", MONEY.printed, bold=True)
	official.write_caption(ws, "B5:C5", "")
	for letter, wanted in zip("DEFGHI", MONEY_COLUMNS.values(), strict=True):
		official.write_caption(ws, f"{letter}5", wanted.printed, bold=True)
	shown = official.shown_amounts(record, MONEY_KEYS, ("fiscal", "carryover", "other"))
	for row, (part, wanted) in enumerate(MONEY_ROWS.items(), 6):
		official.write_caption(ws, f"B{row}:C{row}", wanted.printed)
		for letter, column in zip("DEF", ("initial", "annual", "executed"), strict=True):
			official.write_value(ws, f"{letter}{row}", amount(shown[(part, column)]), "0.00", "right")
		if part == "total":
			official.write_value(ws, "G6", score(record.get("execution_weight")), scores, "right")
			rate = parse_number(record.get("execution_rate"))
			official.write_value(ws, "H6", None if rate is None else float(rate / 100), "0.00%", "right")
			official.write_value(ws, "I6", score(record.get("execution_score")), scores, "right")
		else:
			for letter in "GHI":
				official.write_value(ws, f"{letter}{row}", "—")


def _write_indicators(ws, record: Mapping, scores: str) -> int:
	for offset, column in enumerate(GRID):
		official.write_caption(ws, f"{chr(66 + offset)}{GRID_HEADER_ROW}", column.caption.printed, bold=True)
	row = GRID_HEADER_ROW + 1
	blocks = level_blocks([], record.get("indicators") or [])
	if not blocks:
		blocks = [(level1, [], []) for level1 in words.LEVEL1 if level1 != "Cost"]
	for level1, _, indicators in blocks:
		height = max(len(indicators), 1)
		official.write_value(
			ws, f"B{row}:B{row + height - 1}" if height > 1 else f"B{row}", words.LEVEL1.get(level1, level1)
		)
		for offset in range(height):
			_write_row(ws, row + offset, indicators[offset] if offset < len(indicators) else {}, scores)
		row += height
	official.write_caption(ws, f"A{GRID_HEADER_ROW}:A{row - 1}", "绩效指标", bold=True)
	official.write_caption(ws, f"A{row}:F{row}", "总分", bold=True)
	# 总分 under 分值: the record's weights added up; the blank form prints the 100 of the paper form
	weights = [record.get("execution_weight")] + [row.get("weight") for row in record.get("indicators") or []]
	numbers = [parse_number(weight) for weight in weights if weight is not None]
	total_weight = sum(numbers) if numbers else None
	official.write_value(ws, f"G{row}", score(total_weight) if record else 100, scores, "right")
	official.write_value(ws, f"H{row}", score(record.get("total_score")), scores, "right")
	official.write_value(ws, f"I{row}", None)
	return row


def _write_row(ws, row: int, indicator: Mapping, scores: str) -> None:
	level2 = indicator.get("level2")
	shown = (
		words.LEVEL2.get(level2, level2),
		as_text(indicator.get("indicator_name")),
		format_target_with_unit(indicator) if indicator else None,
		format_actual(indicator) if indicator else None,
		score(indicator.get("weight")),
		score(indicator.get("score")),
		as_text(indicator.get("deviation_analysis")),
	)
	for letter, value in zip("CDEFGHI", shown, strict=True):
		official.write_value(
			ws,
			f"{letter}{row}",
			value,
			scores if letter in "GH" else "@",
			"left" if letter in "DI" else "center",
		)


def format_actual(indicator: Mapping) -> Any:
	"""实际完成值 as printed: "480人次", or "达成年度指标：description" for a qualitative indicator."""
	if indicator.get("operator") == words.QUALITATIVE:
		result = indicator.get("qualitative_result")
		parts = (words.QUALITATIVE_RESULTS.get(result, result), as_text(indicator.get("actual_text")))
		return "：".join(part for part in parts if part) or None
	number = parse_number(indicator.get("actual_value"))
	if number is None:
		return None
	return plain_number(number) + (as_text(indicator.get("unit")) or "")


def _extra_values(record: Mapping) -> list[tuple[str, Any, str]]:
	shown = []
	for key, wanted, _, number_format in EXTRAS:
		value = record.get(key)
		if key == "grade":
			value = words.GRADES.get(value, value)
		elif key == "performance_year":
			value = int(value) if as_text(value) and as_text(value).isdigit() else as_text(value)
		shown.append((wanted.printed, value, number_format))
	return shown


def amount(value: Any) -> float | None:
	number = parse_number(value)
	return None if number is None else round_half_up(number, 2)


def score(value: Any) -> float | None:
	number = parse_number(value)
	return None if number is None else float(number)


# ---------------------------------------------------------------- import


def import_evaluations(
	data: bytes, filename: str = "", synonyms: Mapping | None = None
) -> tuple[list[dict], list[FormError]]:
	"""Evaluations read from an uploaded workbook, and every error; none at all when there is any error."""
	return upload.read_sheets(data, filename, TITLES, lambda ws: read_evaluation(ws, synonyms))


def read_evaluation(ws, synonyms: Mapping | None = None) -> tuple[dict, list[FormError]]:
	"""One evaluation from a form sheet, with every error on it."""
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	title = find_title(index, TITLES)
	year, _ = official.read_year(reading, title, EXTRAS[0][1])
	record: dict[str, Any] = {"performance_year": year, "sheet": ws.title}
	record["expenditure_type"] = official.title_type(index, title)
	official.read_project(reading, record, (PROJECT_NAME, DEPARTMENT, UNIT), ALL_CAPTIONS)
	grid_box = index.first(LEVEL1)
	grid_row = grid_box.top if grid_box else index.max_row + 1
	_read_money(reading, record, grid_row)
	record["annual_goal"] = reading.read(
		official.below_cell(reading, EXPECTED_GOAL), "预期目标", read.read_text, True
	)
	record["actual_completion"] = reading.read(
		official.below_cell(reading, ACTUAL_GOAL, False), "实际完成情况", read.read_text
	)
	record["extras_found"] = official.read_extras(reading, record, EXTRAS[1:])
	_read_indicators(reading, record, synonyms)
	return record, reading.errors


def _read_money(reading: Reading, record: dict, grid_row: int) -> None:
	table = official.find_table(
		reading, MONEY_ROWS, MONEY_COLUMNS, tuple(MONEY_ROWS), tuple(MONEY_COLUMNS), above=grid_row - 1
	)
	amounts: dict[tuple[str, str], Decimal | None] = {}
	for part, column in MONEY_KEYS:
		label = money_label(column, part)
		value = reading.read(table.at(part, column), label, read.read_amount, required=part == "total")
		amounts[(part, column)] = value
	for column in ("initial", "annual", "executed"):
		parts = [amounts[(part, column)] for part in ("fiscal", "carryover", "other")]
		filled = any(value is not None for value in parts)
		parts = [value or Decimal(0) for value in parts]
		total = amounts[("total", column)]
		cells = [table.at(part, column) for part in MONEY_ROWS]
		if (
			total is not None
			and filled
			and reading.all_read(*cells)
			and abs(total - sum(parts)) > Decimal("0.005")
		):
			reading.error(
				*table.at("total", column),
				PARTS_MISMATCH,
				money_label(column, "total"),
				f"{total:.2f}",
				f"{sum(parts):.2f}",
			)
		for part, value in zip(("fiscal", "carryover", "other"), parts, strict=True):
			amounts[(part, column)] = value
	for (part, column), key in MONEY_KEYS.items():
		value = amounts[(part, column)]
		record[key] = None if value is None else round_half_up(value, 2)
	weight = reading.read(table.at("total", "weight"), money_label("weight", "total"), read.read_score)
	record["execution_weight"] = None if weight is None else float(weight)
	execution = reading.read(table.at("total", "score"), money_label("score", "total"), read.read_score)
	record["execution_score"] = None if execution is None else float(execution)
	rate_at = table.at("total", "rate")
	percent_cell = bool(rate_at) and reading.index.is_percent_cell(*rate_at)
	rate = reading.read(
		rate_at, money_label("rate", "total"), lambda raw: read.read_percent(raw, percent_cell)
	)
	record["execution_rate"] = None if rate is None else round_half_up(rate, 2)
	if rate is not None:
		check_rate(
			reading,
			rate_at,
			money_label("rate", "total"),
			rate,
			amounts[("total", "annual")],
			amounts[("total", "executed")],
		)


def check_rate(
	reading: Reading, where, label: str, rate: Decimal, budget: Decimal | None, executed: Decimal | None
) -> None:
	"""A typed rate above 100 % or far from the amounts' own rate is reported, never kept."""
	if rate > 100:
		reading.error(*where, RATE_ABOVE_100, label, f"{rate:.2f}")
		return
	if budget and executed is not None:
		computed = executed / budget * 100
		# Rates are typed rounded (93%, 93.5%): half a point is rounding, more is a slip.
		if abs(computed - rate) > Decimal("0.5"):
			reading.error(*where, RATE_MISMATCH, label, f"{rate:.2f}", f"{computed:.2f}")


def money_label(column: str, part: str) -> str:
	"""How a money cell is named in messages: 全年执行数（当年财政拨款）."""
	return f"{MONEY_COLUMNS[column].printed}（{MONEY_ROWS[part].printed.removeprefix('其中：')}）"


def _read_indicators(reading: Reading, record: dict, synonyms: Mapping | None) -> None:
	index = reading.index
	place = official.find_grid(reading, LEVEL1, GRID)
	record["indicators"] = []
	record["total_score"] = None
	if place is None or place.lacks_required(GRID):
		return
	rows, footer = official.grid_rows(reading, place)
	level1 = official.fill_down(rows, index, "level1")
	level2 = official.fill_down(rows, index, "level2", "level1")
	results = {
		**words.QUALITATIVE_RESULT_ALIASES,
		**(words.RESULT_SYNONYMS if synonyms is None else synonyms),
	}
	for row in rows:
		indicator = _indicator(reading, row, level1[row.row], level2[row.row], results)
		if indicator:
			record["indicators"].append(indicator)
	_read_footer(reading, record, place, footer)


def _indicator(reading: Reading, row, level1: tuple, level2: tuple, results: Mapping) -> dict | None:
	index = reading.index
	cells = row.cells
	name = reading.read(
		cells["indicator_name"], "三级指标", lambda raw: official.data_text(official.indicator_name(raw))
	)
	if name is None and all(
		read.is_empty(index.value(*cells[key])) for key in ("target", "actual", "weight", "score")
	):
		return None
	target_at = cells["target"]
	fields = {"name": cells["indicator_name"], "target": target_at}
	indicator = official.read_indicator(reading, row.row, name, fields, (level1, level2), None, "年度指标值")
	read_actual_and_score(reading, cells, indicator, results)
	return indicator


def _read_footer(reading: Reading, record: dict, place, footer: int | None) -> None:
	"""总分: 100 (or the weights' sum) under 分值 and the total under 得分, each checked against the rows."""
	if footer is None:
		return
	index = reading.index
	weight_at = index.origin(footer, place.columns["weight"])
	score_at = index.origin(footer, place.columns["score"])
	# A footer merged across 分值 (总分 over A:F) has no figure of its own there.
	own = lambda where: where[1] >= place.columns["weight"]  # noqa: E731
	total_weight = reading.read(weight_at, "总分（分值）", read.read_score) if own(weight_at) else None
	total = reading.read(score_at, "总分（得分）", read.read_score) if own(score_at) else None
	record["total_score"] = None if total is None else round_half_up(total, 2)
	indicators = record["indicators"]
	for figure, where, key, execution in (
		(total_weight, weight_at, "weight", record.get("execution_weight")),
		(total, score_at, "score", record.get("execution_score")),
	):
		parts = [indicator.get(key) for indicator in indicators]
		if figure is None or execution is None or None in parts:
			continue
		expected = Decimal(str(execution)) + sum(Decimal(str(part)) for part in parts)
		if abs(expected - figure) > Decimal("0.005"):
			label = "总分（分值）" if key == "weight" else "总分（得分）"
			reading.error(*where, NOT_THE_SUM, label, plain_number(figure), plain_number(expected))


def read_actual_and_score(reading: Reading, cells: Mapping, indicator: dict, results: Mapping) -> None:
	"""实际完成值, 分值, 得分 and 偏差原因 of one indicator row, read into ``indicator``
	(a project's or a department's 自评表)."""
	index = reading.index
	operator, target, unit = indicator["operator"], indicator["target_value"], indicator["unit"]
	indicator.update(actual_value=None, actual_text=None, qualitative_result=None)
	actual_at = cells["actual"]
	if operator == words.QUALITATIVE:
		found = reading.read(
			actual_at, "实际完成值", lambda raw: read.read_result(raw, words.QUALITATIVE_RESULTS, results)
		)
		if found:
			indicator["qualitative_result"], indicator["actual_text"] = found
	elif operator:
		percent = index.is_percent_cell(*actual_at)
		indicator["actual_value"] = reading.read(
			actual_at, "实际完成值", lambda raw: read.read_quantity(raw, unit, target, percent)
		)
	weight = reading.read(cells["weight"], "分值", read.read_score, True)
	indicator["weight"] = None if weight is None else round_half_up(weight, 2)
	given = reading.read(cells["score"], "得分", read.read_score)
	indicator["score"] = None if given is None else round_half_up(given, 2)
	deviation = cells.get("deviation_analysis")
	indicator["deviation_analysis"] = read.read_text(index.value(*deviation)) if deviation else None
