"""Public tables for disclosure (arts. 15 and 25): only the columns a bureau
publishes, each row with the date it was published. Plain openpyxl; the
caller chooses the records."""

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from perf_budget.excel import vocabulary as words
from perf_budget.excel.cells import write_row
from perf_budget.rules.indicators import format_target

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# (key, caption, width): the public goal table, one row per indicator
PUBLIC_GOAL_COLUMNS = (
	("project_name", "项目名称", 28),
	("budget_unit", "实施单位", 20),
	("total_amount", "资金总额（万元）", 14),
	("annual_goal", "年度目标", 40),
	("level1", "一级指标", 12),
	("level2", "二级指标", 16),
	("indicator_name", "三级指标", 24),
	("target", "指标值", 14),
	("published_on", "公开日期", 12),
)
# the public self-evaluation results, one row per project
PUBLIC_RESULT_COLUMNS = (
	("project_name", "项目名称", 28),
	("budget_unit", "实施单位", 20),
	("annual_budget", "全年预算数（万元）", 14),
	("executed_amount", "全年执行数（万元）", 14),
	("execution_rate", "预算执行率（%）", 12),
	("total_score", "自评得分", 10),
	("grade", "评价等级", 10),
	("published_on", "公开日期", 12),
)


def disclosure_workbook(year: str, goals: list[Mapping], results: list[Mapping]) -> bytes:
	"""The year's disclosure package: key projects' goals (published with the
	budget, art. 15) and the self-evaluation results (art. 25)."""
	workbook = Workbook()
	goal_rows = [
		{
			**{
				key: goal.get(key)
				for key in ("project_name", "budget_unit", "total_amount", "annual_goal", "published_on")
			},
			"level1": words.LEVEL1.get(indicator["level1"], indicator["level1"]),
			"level2": words.LEVEL2.get(indicator["level2"], indicator["level2"]),
			"indicator_name": indicator["indicator_name"],
			"target": _target(indicator),
		}
		for goal in goals
		for indicator in goal["indicators"]
	]
	_table(
		workbook.active, "重点项目绩效目标", f"{year}年度重点项目绩效目标表", PUBLIC_GOAL_COLUMNS, goal_rows
	)
	result_rows = [
		{**result, "grade": words.GRADES.get(result.get("grade"), result.get("grade"))} for result in results
	]
	_table(
		workbook.create_sheet(),
		"项目绩效自评结果",
		f"{year}年度项目支出绩效自评结果表",
		PUBLIC_RESULT_COLUMNS,
		result_rows,
	)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _table(sheet, name: str, title: str, columns, rows: list[Mapping]) -> None:
	sheet.title = name
	write_row(sheet, 1, [title])
	sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
	sheet["A1"].font = Font(bold=True, size=14)
	sheet["A1"].alignment = Alignment(horizontal="center")
	write_row(sheet, 2, [caption for _key, caption, _width in columns])
	for number, row in enumerate(rows, start=3):
		write_row(sheet, number, [_cell(row.get(key)) for key, _caption, _width in columns])
	for index, (_key, _caption, width) in enumerate(columns, start=1):
		sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = width
	for row in sheet.iter_rows(min_row=2):
		for cell in row:
			cell.border = BORDER
			cell.alignment = Alignment(wrap_text=True, vertical="center")
	for cell in sheet[2]:
		cell.font = Font(bold=True)


def _cell(value):
	"""Dates as 2026-03-01 text (a published date is read, not computed with)."""
	return value.isoformat() if hasattr(value, "isoformat") else value


def _target(indicator: Mapping) -> str:
	"""≥500人次 for a quantitative target, the text itself for a qualitative one."""
	if indicator.get("operator") == words.QUALITATIVE:
		return indicator.get("target_text") or ""
	text = (
		format_target(indicator.get("operator"), indicator.get("target_value"), indicator.get("target_text"))
		or ""
	)
	return f"{text}{indicator.get('unit') or ''}"
