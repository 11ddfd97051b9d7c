"""部门绩效自评总结 (art. 23) as a workbook: by unit, low scorers with their
problems and measures, the results-application advice per project, the
external evaluations and, on a sheet of its own, 部门整体支出绩效 (each unit's
and the bureau's department-wide self-evaluation, never in the project totals).
Plain openpyxl; the numbers come from the report's ``summarise``."""

import io
from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from perf_budget.excel import vocabulary as words
from perf_budget.excel.cells import write_row

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
ADVICE_ZH = {
	"Fund with Priority": "优先安排",
	"Fund as Needed": "按需安排",
	"Cut Budget": "调减预算",
	"Cancel or Suspend": "取消或暂停",
}
# where the advice shown comes from: the finance head's confirmed decision, or the rules' recommendation
SOURCE_ZH = {"Confirmed": "已确认", "Recommended": "建议"}
# the result an advice rests on: the latest external evaluation received, else the self-evaluation
BASIS_ZH = {
	"Self-Evaluation": "自评",
	"Finance Evaluation": "财政评价",
	"Key Evaluation": "重点评价",
	"Review of Self-Evaluation": "复核",
	"Spot Check": "抽查",
	"Third-Party Evaluation": "第三方机构评价",
}
SOURCE_NOTE = (
	"来源：“已确认”为财务科负责人已确认的安排；“建议”为按评价等级和未整改到位事项测算的建议安排，尚待确认。"
)
TWO_DECIMALS = {"annual_budget", "executed_amount", "execution_rate", "average_score"}
TWO_DECIMALS_DEPARTMENT = ("annual_budget", "executed_amount", "execution_rate", "total_score")
# (sheet title, [(key, caption, width)])
UNIT_SHEET = (
	"按单位汇总",
	[
		("budget_unit", "单位", 22),
		("projects", "项目数", 8),
		("annual_budget", "全年预算数（万元）", 16),
		("executed_amount", "全年执行数（万元）", 16),
		("execution_rate", "执行率（%）", 10),
		("average_score", "平均得分", 10),
		("excellent", "优", 6),
		("good", "良", 6),
		("fair", "中", 6),
		("poor", "差", 6),
	],
)
LOW_SHEET = (
	"低分项目",
	[
		("project_code", "项目编码", 12),
		("project_name", "项目名称", 26),
		("budget_unit", "单位", 20),
		("total_score", "总分", 8),
		("grade", "等级", 6),
		("problems", "存在的问题", 36),
		("improvements", "改进措施", 36),
	],
)
ADVICE_SHEET = (
	"结果应用建议",
	[
		("project_code", "项目编码", 12),
		("project_name", "项目名称", 26),
		("budget_unit", "单位", 20),
		("total_score", "总分", 8),
		("grade", "等级", 6),
		("basis", "依据", 14),
		("unresolved_rectifications", "未整改到位事项", 10),
		("advice", "下年度预算安排建议", 18),
		("cut_percent", "调减比例（%）", 12),
		("source", "来源", 8),
	],
)


EXTERNAL_SHEET = (
	"外部评价与自评差异",
	[
		("project_code", "项目编码", 12),
		("project_name", "项目名称", 26),
		("budget_unit", "单位", 20),
		("total_score", "自评得分", 10),
		("external_kind", "评价类型", 14),
		("external_score", "评价得分", 10),
		("external_grade", "评价等级", 8),
		("score_gap", "差异（自评－评价）", 12),
		("external_evaluation", "评价记录", 16),
	],
)
DEPARTMENT_SHEET = (
	"部门整体支出绩效",
	[
		("budget_unit", "单位", 24),
		("annual_budget", "全年预算数（万元）", 16),
		("executed_amount", "全年执行数（万元）", 16),
		("execution_rate", "执行率（%）", 10),
		("total_score", "自评得分", 10),
		("grade", "等级", 8),
	],
)
DEPARTMENT_NOTE = "部门整体支出绩效自评结果（全局及各单位）；部门整体预算单独列示，不计入项目合计，也不相加。"
EXTERNAL_NOTE = "财政部门或第三方机构评价结果（每个项目最近收到的一次）；差异为自评得分减评价得分。"


def department_summary_workbook(year: str, summary: Mapping) -> bytes:
	workbook = Workbook()
	workbook.remove(workbook.active)
	totals = summary.get("totals") or {}
	intro = (
		f"{year}年度共自评项目{totals.get('projects', 0)}个，全年预算{_figure(totals.get('annual_budget', 0))}万元，"
		f"执行{_figure(totals.get('executed_amount', 0))}万元，执行率{_figure(totals.get('execution_rate'), '%')}，"
		f"平均得分{_figure(totals.get('average_score'), '分')}。"
	)
	grades = summary.get("grades") or {}
	grade_line = "评价等级：" + "，".join(f"{words.GRADES[g]}{grades.get(g, 0)}个" for g in words.GRADES)
	units = list(summary.get("units", []))
	# under the units: 项目支出小计 / 政策支出小计 / 专项资金小计 (art. 19), then 合计
	bold = (
		[_subtotal_row(row) for row in summary.get("types", [])] + [_total_row(totals, grades)]
		if units
		else []
	)
	sheet = _table(workbook, f"{year}年度部门绩效自评总结", UNIT_SHEET, units + bold, [intro, grade_line])
	keys = [key for key, _caption, _width in UNIT_SHEET[1]]
	for line in sheet.iter_rows(min_row=sheet.max_row - len(units) - len(bold) + 1):
		for key, cell in zip(keys, line, strict=False):
			if key in TWO_DECIMALS and isinstance(cell.value, int | float):
				cell.number_format = "0.00"
	for line in sheet.iter_rows(min_row=sheet.max_row - len(bold) + 1):
		for cell in line:
			cell.font = Font(bold=True)
	low = [
		{**row, "grade": words.GRADES.get(row["grade"], row["grade"])}
		for row in summary.get("low_scorers", [])
	]
	_table(workbook, "评价等级为中、差的项目", LOW_SHEET, low)
	advice = [
		{
			**row,
			"grade": words.GRADES.get(row["grade"], row["grade"]),
			"advice": ADVICE_ZH.get(row["advice"], row["advice"]),
			"source": SOURCE_ZH[row["source"]],
			"basis": f"{BASIS_ZH[row['basis_source']]} {row['basis_score']}"
			if row.get("basis_source")
			else None,
		}
		for row in summary.get("advice", [])
	]
	_table(workbook, "绩效评价结果应用建议", ADVICE_SHEET, advice, [SOURCE_NOTE])
	external = [
		{
			**row,
			"external_kind": BASIS_ZH[row["external_kind"]],
			"external_grade": words.GRADES.get(row["external_grade"], row["external_grade"]),
		}
		for row in summary.get("external", [])
	]
	sheet = _table(workbook, f"{year}年度外部评价结果与自评差异", EXTERNAL_SHEET, external, [EXTERNAL_NOTE])
	for line in sheet.iter_rows(min_row=4):
		for cell in line:
			if isinstance(cell.value, int | float):
				cell.number_format = "0.00"  # scores and gaps as figures: 81.00, 11.50
	departments = [
		{
			**row,
			"budget_unit": f"{row['budget_unit']}（全局）" if row.get("is_bureau") else row["budget_unit"],
			"grade": words.GRADES.get(row["grade"], "—"),
			**{key: "—" if row.get(key) is None else row[key] for key in TWO_DECIMALS_DEPARTMENT},
		}
		for row in summary.get("departments", [])
	]
	sheet = _table(
		workbook, f"{year}年度部门整体支出绩效自评情况", DEPARTMENT_SHEET, departments, [DEPARTMENT_NOTE]
	)
	for line in sheet.iter_rows(min_row=4):
		for cell in line:
			if isinstance(cell.value, int | float):
				cell.number_format = "0.00"
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def _figure(value, unit: str = "") -> str:
	"""A 2-decimal figure with its unit for the intro; a missing one is —, never 0."""
	return "—" if value is None else f"{value:.2f}{unit}"


def _subtotal_row(row: Mapping) -> dict:
	"""One expenditure type's subtotal, a missing figure —."""
	shown = {key: row.get(key) for key, _caption, _width in UNIT_SHEET[1]}
	shown["budget_unit"] = f"{words.EXPENDITURE_TYPES[row['expenditure_type']]}小计"
	return {key: "—" if value is None else value for key, value in shown.items()}


def _total_row(totals: Mapping, grades: Mapping) -> dict:
	"""The 合计 row: the report's totals (Σ执行 ÷ Σ预算, the mean over projects), a missing figure —."""
	row = {key: totals.get(key) for key, _caption, _width in UNIT_SHEET[1]}
	row.update({g.lower(): grades.get(g, 0) for g in words.GRADES})
	row["budget_unit"] = "合计"
	return {key: "—" if value is None else value for key, value in row.items()}


def _table(workbook: Workbook, title: str, layout, rows: list[Mapping], notes: list[str] = ()) -> Worksheet:
	sheet_title, columns = layout
	sheet = workbook.create_sheet(sheet_title)
	write_row(sheet, 1, [title])
	sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
	sheet["A1"].font = Font(bold=True, size=14)
	sheet["A1"].alignment = Alignment(horizontal="center")
	for number, note in enumerate(notes, start=2):
		write_row(sheet, number, [note])
		sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(columns))
	header_row = len(notes) + 2
	write_row(sheet, header_row, [caption for _key, caption, _width in columns])
	for number, row in enumerate(rows, start=header_row + 1):
		write_row(sheet, number, [row.get(key) for key, _caption, _width in columns])
	for index, (_key, _caption, width) in enumerate(columns, start=1):
		sheet.column_dimensions[sheet.cell(row=header_row, column=index).column_letter].width = width
	for line in sheet.iter_rows(min_row=header_row):
		for cell in line:
			cell.border = BORDER
			cell.alignment = Alignment(wrap_text=True, vertical="center")
	for cell in sheet[header_row]:
		cell.font = Font(bold=True)
	return sheet
