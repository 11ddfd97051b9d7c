"""The demo's budget system (预算管理一体化): its monthly export of the demo
projects, as the city's system writes it, and the finance officer's import of
it, applied to the 1–7月 monitoring round.

The export is what a finance officer downloads from the budget system: a
title, the compiling bureau, the as-of date and "单位：元" above a two-row
header (预算数 over 年初预算数 and 调整后预算数), one line per project code and
fund source with amounts in 元 to the fen, a 合计 row and the system's
footnote. Like a real export it is not a copy of the goals: one project code
has no performance goal (a small project below the filing threshold) and one
goal has no line (its payments had not been booked by the as-of date).
"""

import io
from datetime import date, timedelta
from decimal import Decimal

import frappe
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from perf_budget.demo.bureau import BUREAU
from perf_budget.demo.goals import PROJECTS, unit_name
from perf_budget.demo.monitoring import MONTH, YEAR
from perf_budget.demo.steps import OFFICER
from perf_budget.workflow.actions import acting_as

TITLE = "{0}年度项目支出预算执行情况表"
# project code -> (fund source, 年初预算数, 调整后预算数, 支付数 to the as-of date), in 元.
# 建设管理科's project carries funds over from last year; 市政设施服务中心's budget was
# raised in the year (调整后 ≠ 年初: the self-evaluation's 全年预算数 will take it, the
# monitoring record the 年初预算数 as its 监控表 prints it); the payments differ a little
# from what the units typed in their monitoring records, as booked payments do.
LINES = {
	"BGS-01": [("一般公共预算", "865000.00", "865000.00", "503268.40")],
	"GHK-01": [
		("一般公共预算", "3200000.00", "3200000.00", "1986450.00"),
		("财政专户管理资金", "800000.00", "800000.00", "493210.56"),
	],
	"JSK-01": [
		("一般公共预算", "11000000.00", "11000000.00", "6012345.67"),
		("上年结转", "1500000.00", "1500000.00", "1500000.00"),
		("单位资金", "3000000.00", "3000000.00", "1013208.90"),
	],
	"SZZX-01": [("一般公共预算", "6800000.00", "7056000.00", "3102876.44")],
	"XXZX-01": [("一般公共预算", "2100000.00", "2100000.00", "801236.18")],
	"PXZX-01": [
		("一般公共预算", "480000.00", "480000.00", "196540.00"),
		("事业收入", "120000.00", "120000.00", "45230.25"),
	],
}
# a project of the budget system with no performance goal
UNMATCHED = (
	"JSK-02",
	"JSK",
	"城市建设档案数字化整理",
	[("一般公共预算", "350000.00", "350000.00", "120000.00")],
)
# the demo goal the export leaves out
LEFT_OUT = "ZFD-01"
# under review with its unit head: finance chose to overwrite it (the unit typed 306.00 万元 paid,
# the budget system has booked 310.29)
OVERWRITTEN = "SZZX-01"
IMPORT = "Budget Execution Import"
# said on the demo import's timeline: what the file is and what to look at
ABOUT = (
	"演示数据：本文件模拟预算管理一体化系统导出的《{0}年度项目支出预算执行情况表》（截至{1}），"
	"按项目编码和资金性质分行列示年初预算数、调整后预算数和支付数（单位：元）。"
	"{2}没有绩效目标，列在未匹配中；{3}不在表中，列为文件中没有的绩效目标；"
	"市政设施服务中心的监控表正由单位负责人审核，财务科勾选了覆盖；建设管理科的在财务科审核中，未覆盖。"
)
FOOTNOTE = (
	"注：1.本表数据来源于预算管理一体化系统，支付数为截至统计日的国库集中支付和单位自有资金支付数；"
	"2.执行进度＝支付数÷调整后预算数；3.上年结转资金单列。"
)
FILENAME = "{0}年度项目支出预算执行情况表（截至{1}月末）.xlsx"
HEADER = (
	"序号",
	"项目编码",
	"项目名称",
	"单位名称",
	"资金性质",
	"预算数",
	None,
	"支付数",
	"执行进度",
	"备注",
)
SUBHEADER = (None, None, None, None, None, "年初预算数", "调整后预算数", None, None, None)
MONEY = "#,##0.00"


def as_of(year: int | str) -> date:
	"""The last day of the demo monitoring round's month: the export's 截止日期."""
	month_end = date(int(year), MONTH + 1, 1) if MONTH < 12 else date(int(year) + 1, 1, 1)
	return date.fromordinal(month_end.toordinal() - 1)


def chinese_date(day: date) -> str:
	return f"{day.year}年{day.month}月{day.day}日"


def export_lines() -> list[tuple[str, str, str, tuple]]:
	"""(code, unit name, project name, line) in the system's order: by unit, then code."""
	projects = {p[0]: (unit_name(p[1]), p[2]) for p in PROJECTS if p[0] in LINES}
	code, unit_code, name, lines = UNMATCHED
	projects[code] = (unit_name(unit_code), name)
	every = {**LINES, code: lines}
	order = sorted(every, key=lambda c: (c.split("-")[0], c))
	return [(c, *projects[c], line) for c in order for line in every[c]]


def export_workbook(year: int | str) -> bytes:
	"""The budget system's export of the demo projects for ``year`` (.xlsx)."""
	cutoff = as_of(year)
	wb = Workbook()
	ws = wb.active
	ws.title = "项目支出执行"
	thin = Side(style="thin")
	border = Border(left=thin, right=thin, top=thin, bottom=thin)
	ws.append([TITLE.format(year)])
	ws.merge_cells("A1:J1")
	ws["A1"].font = Font(size=16, bold=True)
	ws["A1"].alignment = Alignment(horizontal="center")
	ws.append([f"编制单位：{BUREAU}", None, None, None, None, None, None, None, None, "单位：元"])
	ws.append([f"截止日期：{chinese_date(cutoff)}"])
	ws.append(list(HEADER))
	ws.append(list(SUBHEADER))
	for column in "ABCDEHIJ":
		ws.merge_cells(f"{column}4:{column}5")
	ws.merge_cells("F4:G4")
	sums = [Decimal(0)] * 3
	for number, (code, unit, name, (source, *amounts)) in enumerate(export_lines(), start=1):
		initial, adjusted, executed = (Decimal(a) for a in amounts)
		sums = [s + a for s, a in zip(sums, (initial, adjusted, executed), strict=True)]
		progress = f"{executed / adjusted * 100:.2f}%" if adjusted else ""
		ws.append(
			[number, code, name, unit, source, float(initial), float(adjusted), float(executed), progress]
		)
	total_row = ws.max_row + 1
	ws.append(["合计", None, None, None, None, *(float(s) for s in sums), f"{sums[2] / sums[1] * 100:.2f}%"])
	ws.merge_cells(f"A{total_row}:E{total_row}")
	for row in ws.iter_rows(min_row=4, max_row=total_row, max_col=len(HEADER)):
		for cell in row:
			cell.border = border
			if cell.row <= 5 or cell.row == total_row:
				cell.font = Font(bold=True)
				cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
			if 6 <= cell.column <= 8 and cell.row > 5:
				cell.number_format = MONEY
	ws.append([FOOTNOTE])
	ws.merge_cells(f"A{ws.max_row}:J{ws.max_row}")
	ws.append([f"导出时间：{cutoff + timedelta(days=3)} 09:15:26"])
	for column, width in zip("ABCDEFGHIJ", (6, 12, 30, 20, 18, 16, 16, 16, 10, 10), strict=True):
		ws.column_dimensions[column].width = width
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def make():
	"""The officer's import of the export, applied as of the round's month end:
	the monitoring records still with their units take the 年初预算数 and 支付数, 市政设施服务中心's
	(with its unit head) too by finance's choice; 建设管理科's, at finance, is left
	for finance to decide, 规划科's (accepted) and the confirmed goals are never
	written. Made once: an applied import of that date is left alone."""
	cutoff = as_of(YEAR)
	if frappe.db.exists(IMPORT, {"performance_year": YEAR, "as_of_date": cutoff, "docstatus": 1}):
		return
	with acting_as(OFFICER):
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": FILENAME.format(YEAR, MONTH),
					"content": export_workbook(YEAR),
					"is_private": 1,
				}
			)
			.insert()
			.file_url
		)
		doc = frappe.get_doc(
			{"doctype": IMPORT, "performance_year": YEAR, "source": "Upload", "source_file": file_url}
		).insert()
		for row in doc.projects:
			row.overwrite = int(row.project_code == OVERWRITTEN)
		doc.submit()
		doc.add_comment("Comment", ABOUT.format(YEAR, chinese_date(cutoff), UNMATCHED[0], LEFT_OUT))
