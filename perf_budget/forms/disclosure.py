"""Public tables for disclosure (arts. 15 and 25): only the columns a bureau
publishes. Plain openpyxl; the caller chooses the records."""

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from perf_budget.forms import vocabulary as words
from perf_budget.forms.goal_form import format_target

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
)


def public_goal_workbook(year: str, goals: list[Mapping]) -> bytes:
	"""The key projects' goals of ``year`` as published with the budget."""
	workbook = Workbook()
	sheet = workbook.active
	sheet.title = "重点项目绩效目标"
	title = f"{year}年度重点项目绩效目标表"
	sheet.append([title])
	sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(PUBLIC_GOAL_COLUMNS))
	sheet["A1"].font = Font(bold=True, size=14)
	sheet["A1"].alignment = Alignment(horizontal="center")
	sheet.append([caption for _key, caption, _width in PUBLIC_GOAL_COLUMNS])
	for goal in goals:
		for indicator in goal["indicators"]:
			values = {
				**{
					key: goal.get(key)
					for key in ("project_name", "budget_unit", "total_amount", "annual_goal")
				},
				"level1": words.LEVEL1.get(indicator["level1"], indicator["level1"]),
				"level2": words.LEVEL2.get(indicator["level2"], indicator["level2"]),
				"indicator_name": indicator["indicator_name"],
				"target": _target(indicator),
			}
			sheet.append([values[key] for key, _caption, _width in PUBLIC_GOAL_COLUMNS])
	for index, (_key, _caption, width) in enumerate(PUBLIC_GOAL_COLUMNS, start=1):
		sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = width
	for row in sheet.iter_rows(min_row=2):
		for cell in row:
			cell.border = BORDER
			cell.alignment = Alignment(wrap_text=True, vertical="center")
	for cell in sheet[2]:
		cell.font = Font(bold=True)
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _target(indicator: Mapping) -> str:
	"""≥500人次 for a quantitative target, the text itself for a qualitative one."""
	if indicator.get("operator") == words.QUALITATIVE:
		return indicator.get("target_text") or ""
	text = (
		format_target(indicator.get("operator"), indicator.get("target_value"), indicator.get("target_text"))
		or ""
	)
	return f"{text}{indicator.get('unit') or ''}"
