"""部门整体支出绩效自评表 (财预〔2020〕10号 附2, laid out like the project 自评表):
a unit's year-end self-evaluation of its whole expenditure.

Printed: title and （ 年度）; 部门（单位）名称; 预算执行情况（万元）: 年度预算数 |
全年执行数 | 分值 | 执行率 | 得分; 执行率低于90%原因; 年度总体目标: 预期目标 |
实际完成情况; 年度绩效指标: 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值
| 分值 | 得分 | 偏差原因分析及改进措施, then 总分; 自评等级 | 有效问卷 | 满意问卷;
存在的主要问题; 改进措施. Right of the print area: 绩效年度 and the record's stamps.

The scores a file states are returned as typed; the caller scores with the
rules and shows where the file differs (as the project 自评表).
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perf_budget.excel import department, official, upload
from perf_budget.excel import values as read
from perf_budget.excel import vocabulary as words
from perf_budget.excel.department import amount, score, write_pair
from perf_budget.excel.evaluation_form import check_rate, format_actual, read_actual_and_score, score_format
from perf_budget.excel.layout import FormError, as_text
from perf_budget.excel.official import GridColumn, Reading, find_title
from perf_budget.excel.sheet import SheetIndex, caption
from perf_budget.rules.indicators import TARGET_KEYS, format_target_with_unit, plain_number
from perf_budget.rules.numbers import round_half_up

TITLE = "部门整体支出绩效自评表"
TITLES = caption(TITLE, "部门整体绩效自评表", "部门整体支出绩效自评情况表")
NOT_THE_SUM = "{0} {1} is not the sum of the figures above it, {2}"
MESSAGES = (*official.MESSAGES, *upload.MESSAGES, *read.MESSAGES, *department.MESSAGES, NOT_THE_SUM)

MONEY = caption("预算执行情况（万元）", "预算执行情况", prefix=True)
MONEY_COLUMNS = {
	"annual_budget": caption("年度预算数", "全年预算数", "调整后预算数"),
	"executed_amount": caption("全年执行数", "预算执行数"),
	"execution_weight": caption("分值", "权重"),
	"execution_rate": caption("执行率", "预算执行率"),
	"execution_score": caption("得分"),
}
REASON = caption("执行率低于90%原因", "执行率未达到90%原因", "原因")
GOALS = caption("年度总体目标", "总体目标")
EXPECTED = caption("预期目标")
ACTUAL = caption("实际完成情况")
LEVEL1 = caption("一级指标")
GRID = (
	GridColumn("level1", LEVEL1, True),
	GridColumn("level2", caption("二级指标"), True),
	GridColumn("indicator_name", caption("三级指标"), True),
	GridColumn("target", caption("年度指标值", "指标值"), True),
	GridColumn("actual", caption("实际完成值", "完成值"), True),
	GridColumn("weight", caption("分值", "权重"), True),
	GridColumn("score", caption("得分"), True),
	GridColumn("deviation_analysis", caption("偏差原因分析及改进措施", "偏差原因分析", prefix=True), False),
)
GRADE = caption("自评等级", "评价等级")
VALID = caption("有效问卷（份）", "有效问卷", "有效样本", prefix=True)
SATISFIED = caption("满意问卷（份）", "满意问卷", "满意样本", prefix=True)
PROBLEMS = caption("存在的主要问题", "存在问题", "主要问题")
IMPROVEMENTS = caption("改进措施", "改进意见")
AFTER_GRID = (GRADE, VALID, SATISFIED, PROBLEMS, IMPROVEMENTS)
ALL_CAPTIONS = official.any_caption(
	department.UNIT,
	MONEY,
	*MONEY_COLUMNS.values(),
	REASON,
	GOALS,
	EXPECTED,
	ACTUAL,
	*(column.caption for column in GRID),
	*AFTER_GRID,
)
RECORD_KEYS = (
	"performance_year",
	"budget_unit",
	*MONEY_COLUMNS,
	"execution_reason",
	"annual_goal",
	"actual_completion",
	"total_score",
	"grade",
	"valid_respondents",
	"satisfied_respondents",
	"problems",
	"improvements",
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

LAST = "I"
WIDTHS = (8, 10, 14, 24, 14, 16, 9, 9, 28)
EXTRA_COLUMN = 11


# ---------------------------------------------------------------- export


def export_evaluations(evaluations: list[Mapping], score_decimals: int = 2) -> bytes:
	"""One form sheet per department self-evaluation, as .xlsx bytes; none gives a blank form."""
	scores = score_format(score_decimals)
	return department.workbook_of(
		evaluations, lambda ws, record: write_evaluation(ws, record, scores), "部门自评"
	)


def write_evaluation(ws, record: Mapping, scores: str = "0.00") -> None:
	department.write_header(
		ws, record, TITLE, LAST, WIDTHS, official.year_line(record.get("performance_year"))
	)
	official.write_caption(ws, "A4:A5", MONEY.printed, bold=True)
	money = zip(
		("B4:C4", "D4:E4", "F4", "G4", "H4:I4"),
		("B5:C5", "D5:E5", "F5", "G5", "H5:I5"),
		MONEY_COLUMNS,
		strict=True,
	)
	for caption_at, value_at, key in money:
		official.write_caption(ws, caption_at, MONEY_COLUMNS[key].printed, bold=True)
		if key == "execution_rate":
			rate = department.score(record.get(key))
			official.write_value(ws, value_at, None if rate is None else rate / 100, "0.00%", "right")
		elif key in ("annual_budget", "executed_amount"):
			official.write_value(ws, value_at, amount(record.get(key)), "0.00", "right")
		else:
			official.write_value(ws, value_at, score(record.get(key)), scores, "right")
	write_pair(ws, "A6:B6", REASON.printed, "C6:I6", as_text(record.get("execution_reason")))
	official.write_caption(ws, "A7:A8", GOALS.printed, bold=True)
	official.write_caption(ws, "B7:E7", EXPECTED.printed, bold=True)
	official.write_caption(ws, "F7:I7", ACTUAL.printed, bold=True)
	official.write_value(ws, "B8:E8", as_text(record.get("annual_goal")), horizontal="left", top=True)
	official.write_value(ws, "F8:I8", as_text(record.get("actual_completion")), horizontal="left", top=True)
	header = 9
	for offset, column in enumerate(GRID):
		official.write_caption(ws, f"{chr(66 + offset)}{header}", column.caption.printed, bold=True)
	indicators = record.get("indicators") or []
	row = department.write_level_rows(
		ws, header + 1, indicators, lambda ws, at, indicator: _write_row(ws, at, indicator, scores)
	)
	official.write_caption(ws, f"A{header}:A{row - 1}", "年度绩效指标", bold=True)
	official.write_caption(ws, f"A{row}:F{row}", "总分", bold=True)
	weights = [record.get("execution_weight")] + [line.get("weight") for line in indicators]
	figures = [score(weight) for weight in weights if score(weight) is not None]
	total_weight = round(sum(figures), 2) if figures else None
	official.write_value(ws, f"G{row}", total_weight if record else 100, scores, "right")
	official.write_value(ws, f"H{row}", score(record.get("total_score")), scores, "right")
	official.write_value(ws, f"I{row}", None)
	after = row + 1
	grade = words.GRADES.get(record.get("grade"), record.get("grade"))
	write_pair(ws, f"A{after}:B{after}", GRADE.printed, f"C{after}:D{after}", grade)
	write_pair(ws, f"E{after}:F{after}", VALID.printed, f"G{after}", record.get("valid_respondents"), "0")
	write_pair(ws, f"H{after}", SATISFIED.printed, f"I{after}", record.get("satisfied_respondents"), "0")
	write_pair(
		ws,
		f"A{after + 1}:B{after + 1}",
		PROBLEMS.printed,
		f"C{after + 1}:I{after + 1}",
		as_text(record.get("problems")),
	)
	write_pair(
		ws,
		f"A{after + 2}:B{after + 2}",
		IMPROVEMENTS.printed,
		f"C{after + 2}:I{after + 2}",
		as_text(record.get("improvements")),
	)
	last = after + 2
	official.write_extras(ws, EXTRA_COLUMN, 3, department.extras(record))
	official.fit_rows(ws, 3, last, paragraphs=(8, after + 1, after + 2))
	official.page_setup(ws, 9, last, f"{header}:{header}")


def _write_row(ws, row: int, indicator: Mapping, scores: str) -> None:
	shown = (
		department.level2_word(indicator),
		as_text(indicator.get("indicator_name")),
		format_target_with_unit(indicator) if indicator else None,
		format_actual(indicator) if indicator else None,
		score(indicator.get("weight")),
		score(indicator.get("score")),
		as_text(indicator.get("deviation_analysis")),
	)
	for letter, value in zip("CDEFGHI", shown, strict=True):
		number_format = scores if letter in "GH" else "@"
		official.write_value(
			ws, f"{letter}{row}", value, number_format, "left" if letter in "DI" else "center"
		)


# ---------------------------------------------------------------- import


def import_evaluations(data: bytes, filename: str = "", synonyms: Mapping | None = None):
	"""Department self-evaluations read from an uploaded workbook, and every error; none when there is any."""
	return upload.read_sheets(data, filename, TITLES, lambda ws: read_evaluation(ws, synonyms))


def read_evaluation(ws, synonyms: Mapping | None = None) -> tuple[dict, list[FormError]]:
	index = SheetIndex(ws)
	reading = Reading(index, TITLE)
	record: dict[str, Any] = {"sheet": ws.title}
	department.read_header(reading, record, find_title(index, TITLES), ALL_CAPTIONS)
	grid_box = index.first(LEVEL1)
	grid_row = grid_box.top if grid_box else index.max_row + 1
	_read_money(reading, record, grid_row)
	reason = official.header_cell(reading, REASON, ALL_CAPTIONS, required=False)
	record["execution_reason"] = reading.read(reason, REASON.printed, read.read_text)
	record["extras_found"] += ("execution_reason",) if reason else ()
	record["annual_goal"] = reading.read(
		official.below_cell(reading, EXPECTED), EXPECTED.printed, read.read_text
	)
	record["actual_completion"] = reading.read(
		official.below_cell(reading, ACTUAL, False), ACTUAL.printed, read.read_text
	)
	after = [box.top for wanted in AFTER_GRID for box in index.find(wanted) if box.top > grid_row]
	_read_indicators(reading, record, synonyms, min(after) - 1 if after else None)
	_read_after(reading, record)
	return record, reading.errors


def _read_money(reading: Reading, record: dict, grid_row: int) -> None:
	table = official.find_table(reading, {}, MONEY_COLUMNS, (), tuple(MONEY_COLUMNS), above=grid_row - 1)
	if table.caption_row is None:
		return
	index = reading.index
	values_row = index.box(table.caption_row, min(table.columns.values())).bottom + 1
	places = {key: index.origin(values_row, column) for key, column in table.columns.items()}
	readers = {
		"annual_budget": read.read_amount,
		"executed_amount": read.read_amount,
		"execution_weight": read.read_score,
		"execution_score": read.read_score,
	}
	for key, reader in readers.items():
		figure = reading.read(places.get(key), MONEY_COLUMNS[key].printed, reader, key == "executed_amount")
		record[key] = None if figure is None else round_half_up(figure, 2)
	rate_at = places.get("execution_rate")
	percent_cell = bool(rate_at) and index.is_percent_cell(*rate_at)
	rate = reading.read(rate_at, "执行率", lambda raw: read.read_percent(raw, percent_cell))
	record["execution_rate"] = None if rate is None else round_half_up(rate, 2)
	if rate is not None and reading.all_read(places.get("annual_budget"), places.get("executed_amount")):
		budget, executed = (
			None if record[key] is None else Decimal(str(record[key]))
			for key in ("annual_budget", "executed_amount")
		)
		check_rate(reading, rate_at, "执行率", rate, budget, executed)


def _read_indicators(reading: Reading, record: dict, synonyms: Mapping | None, last_row: int | None) -> None:
	record["indicators"] = []
	record["total_score"] = None
	place = official.find_grid(reading, LEVEL1, GRID)
	if place is None or place.lacks_required(GRID):
		return
	rows, footer, level1, level2 = department.indicator_rows(reading, place, last_row)
	results = {
		**words.QUALITATIVE_RESULT_ALIASES,
		**(words.RESULT_SYNONYMS if synonyms is None else synonyms),
	}
	for row in rows:
		indicator = department.read_indicator(reading, row, (level1[row.row], level2[row.row]))
		if indicator is None:
			continue
		read_actual_and_score(reading, row.cells, indicator, results)
		record["indicators"].append(indicator)
	if footer is not None:
		_read_total(reading, record, place, footer)


def _read_total(reading: Reading, record: dict, place, footer: int) -> None:
	"""总分: the weights' sum under 分值 and the total under 得分, each checked against the rows."""
	index = reading.index
	for key, label in (("weight", "总分（分值）"), ("score", "总分（得分）")):
		at = index.origin(footer, place.columns[key])
		if at[1] != place.columns[key]:
			continue
		figure = reading.read(at, label, read.read_score)
		if key == "score":
			record["total_score"] = None if figure is None else round_half_up(figure, 2)
		execution = record.get("execution_weight" if key == "weight" else "execution_score")
		parts = [indicator.get(key) for indicator in record["indicators"]]
		if figure is None or execution is None or None in parts:
			continue
		expected = Decimal(str(execution)) + sum(Decimal(str(part)) for part in parts)
		if abs(expected - figure) > Decimal("0.005"):
			reading.error(*at, NOT_THE_SUM, label, plain_number(figure), plain_number(expected))


def _read_after(reading: Reading, record: dict) -> None:
	"""自评等级, the survey's counts, the problems and the measures under the table."""
	cell = lambda wanted: official.header_cell(reading, wanted, ALL_CAPTIONS, required=False)  # noqa: E731
	record["grade"] = reading.read(
		cell(GRADE), GRADE.printed, lambda raw: read.read_choice(raw, words.GRADES, words.GRADE_ALIASES)
	)
	record["valid_respondents"] = reading.read(cell(VALID), VALID.printed, department.read_count)
	record["satisfied_respondents"] = reading.read(cell(SATISFIED), SATISFIED.printed, department.read_count)
	record["problems"] = reading.read(cell(PROBLEMS), PROBLEMS.printed, read.read_text)
	record["improvements"] = reading.read(cell(IMPROVEMENTS), IMPROVEMENTS.printed, read.read_text)
