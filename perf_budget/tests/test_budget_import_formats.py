"""The budget system's older "Excel" exports through a Budget Execution Import on a real
site (issue 16): a genuine 97–2003 .xls and an HTML table named .xls give the preview
the same exact figures as the same export as .xlsx; uploaded from the desk they stay
private; a damaged .xls is answered in Chinese, not with a server error. The files are
written the way the systems write them (xlwt cell by cell, the HTML page by hand)."""

import base64
import datetime
import io
import json

import frappe
import xlwt
from frappe.tests.test_api import FrappeAPITestCase, make_request
from openpyxl import Workbook
from openpyxl.utils import range_boundaries

from perf_budget.budget_system import api
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_goal,
	make_unit_people,
	make_year,
	remove_committed,
	session_for,
)

YEAR = "2087"
IMPORT = "Budget Execution Import"
USER, HEAD, OFFICER = "bf.user@perf.test", "bf.head@perf.test", "bf.officer@perf.test"
ROAD, PARK = "330100870001", "330100870002"
AS_OF = datetime.date(2087, 7, 31)
# Title merged across, 单位：元, a two-row header (预算数 over 年初预算数 | 调整后预算数, the
# other titles merged down), 合计 merged across the text columns, a footnote.
MERGES = ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:G4", "H3:H4", "A10:D10"]
# The road's codes are number cells, the amounts floats as the system computes them
# (0.1 + 0.2 元 paid from the carry-over is the float 0.30000000000000004).
LINES = [
	[
		float(ROAD),
		"城市道路养护项目",
		"市公路养护中心",
		"一般公共预算",
		1234567.89,
		1234567.89,
		500000.0,
		AS_OF,
	],
	[float(ROAD), "城市道路养护项目", "市公路养护中心", "一般公共预算", 100000.0, 150000.0, 20000.5, AS_OF],
	[float(ROAD), "城市道路养护项目", "市公路养护中心", "上年结转", None, 80000.0, 0.1 + 0.2, AS_OF],
	[float(ROAD), "城市道路养护项目", "市公路养护中心", "财政专户管理资金", 50000.0, 50000.0, None, AS_OF],
	[PARK, "公园绿化提升工程", "市园林绿化管理处", "政府性基金预算", 2000000.0, 1800000.0, 900000.0, AS_OF],
]
ROWS = [
	[f"{YEAR}年度项目支出预算执行情况表"],
	["单位：元"],
	["项目编码", "项目名称", "单位名称", "资金性质", "预算数", None, "支付数", "截止日期"],
	[None, None, None, None, "年初预算数", "调整后预算数", None, None],
	*LINES,
	["合计", None, None, None, *(sum(line[i] or 0.0 for line in LINES) for i in (4, 5, 6))],
	[],
	["注：本表数据来源于预算管理一体化系统。"],
]
# Per project: 年初 / 调整后 / 支付 × (当年财政拨款, 上年结转, 其他资金, 合计), in 万元.
FIGURES = {
	ROAD: (
		(133.456789, 0.0, 5.0, 138.456789),
		(138.456789, 8.0, 5.0, 151.456789),
		(52.00005, 0.00003, 0.0, 52.00008),
	),
	PARK: ((200.0, 0.0, 0.0, 200.0), (180.0, 0.0, 0.0, 180.0), (90.0, 0.0, 0.0, 90.0)),
}
DAMAGED = (
	"文件 执行情况.xls 不是可读取的 Excel 97–2003 工作簿（.xls）：文件已损坏、已加密或不是工作簿；"
	"请在 Excel 中打开，另存为 .xlsx 后上传"
)


def spans():
	"""(row, column) of each merged range's first cell -> (columns, rows); the cells it covers."""
	first, covered = {}, set()
	for cells in MERGES:
		min_col, min_row, max_col, max_row = range_boundaries(cells)
		first[(min_row - 1, min_col - 1)] = (max_col - min_col + 1, max_row - min_row + 1)
		covered |= {(r, c) for r in range(min_row - 1, max_row) for c in range(min_col - 1, max_col)}
	return first, covered


def export_xlsx() -> bytes:
	book = Workbook()
	sheet = book.active
	sheet.title = "项目支出执行明细"
	for row in ROWS:
		sheet.append(row)
	for cells in MERGES:
		sheet.merge_cells(cells)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def export_xls() -> bytes:
	"""The report engine's Excel 97–2003 file: numbers, date-formatted serials, merged ranges."""
	book = xlwt.Workbook(encoding="utf-8")
	sheet = book.add_sheet("项目支出执行明细")
	styles = {
		datetime.date: xlwt.easyxf(num_format_str="YYYY-MM-DD"),
		float: xlwt.easyxf(num_format_str="#,##0.00"),
	}
	first, covered = spans()
	for r, row in enumerate(ROWS):
		for c, value in enumerate(row):
			if (r, c) in first:
				columns, rows = first[(r, c)]
				sheet.write_merge(r, r + rows - 1, c, c + columns - 1, value or "")
			elif value is not None and (r, c) not in covered:
				sheet.write(r, c, value, styles.get(type(value), xlwt.Style.default_style))
	sheet2 = book.add_sheet("填报说明")
	sheet2.write(0, 0, "金额单位为元，每个指标一行。")
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def export_html(encoding: str, charset: str) -> bytes:
	"""A web system's "Excel" export: an HTML table named .xls, each value as displayed."""

	def shown(value) -> str:
		if value is None:
			return "&nbsp;"
		if isinstance(value, float):
			return str(int(value)) if value > 1e10 else f"{value:,.2f}"
		return value.isoformat() if isinstance(value, datetime.date) else value

	first, covered = spans()
	lines = []
	for r, row in enumerate(ROWS[:-2]):
		cells = []
		for c, value in enumerate(row):
			if (r, c) in covered and (r, c) not in first:
				continue
			columns, rows = first.get((r, c), (1, 1))
			span = (f' colspan="{columns}"' if columns > 1 else "") + (
				f' rowspan="{rows}"' if rows > 1 else ""
			)
			cells.append(f"<td{span} style=\"mso-number-format:'\\@'\">{shown(value)}</td>")
		lines.append("<tr>" + "".join(cells) + "</tr>")
	return (
		f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
		"<script>alert('导出完成')</script></head><body><table border=1>\n"
		+ "\n".join(lines)
		+ f"\n</table><p>{ROWS[-1][0]}</p></body></html>"
	).encode(encoding)


def preview(content: bytes, file_name: str):
	"""The draft import finance saves with the export attached (the preview)."""

	def save():
		url = (
			frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})
			.insert()
			.file_url
		)
		return frappe.get_doc({"doctype": IMPORT, "performance_year": YEAR, "source_file": url}).insert()

	return as_user(OFFICER, save)


def figures(projects) -> dict:
	return {
		row["project_code"]: tuple(
			tuple(row[f"{figure}_{category}"] for category in ("fiscal", "carryover", "other", "total"))
			for figure in ("initial", "adjusted", "executed")
		)
		for row in projects
	}


class TestBudgetImportFormats(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("格式导入科", USER, HEAD, OFFICER)
			for code in (ROAD, PARK):
				as_user(USER, make_goal, unit, year=YEAR, project_code=code)
			frappe.db.set_value("User", OFFICER, "language", "zh")
			frappe.cache.hdel("lang", OFFICER)
			return unit

		cls.unit = committed(fixtures)
		cls.sid = session_for(OFFICER)

	@classmethod
	def tearDownClass(cls):
		def imports():
			for name in frappe.get_all(IMPORT, filters={"performance_year": YEAR}, pluck="name"):
				frappe.delete_doc(IMPORT, name, force=True, ignore_permissions=True)

		frappe.db.rollback()
		committed(imports)
		remove_committed(users=(USER, HEAD, OFFICER), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_an_xls_and_html_tables_named_xls_preview_the_figures_of_the_same_xlsx(self):
		xlsx = preview(export_xlsx(), "预算执行明细.xlsx")
		expected = figures(row.as_dict() for row in xlsx.projects)
		self.assertEqual(expected, FIGURES)
		for content, file_name in (
			(export_xls(), "预算执行明细.xls"),
			(export_html("utf-8", "utf-8"), "预算执行明细.xls"),
			(export_html("gbk", "GB2312"), "预算执行明细.xls"),
		):
			with self.subTest(file_name=file_name, start=content[:12]):
				doc = preview(content, file_name)
				self.assertEqual(figures(row.as_dict() for row in doc.projects), expected)
				self.assertEqual(
					(str(doc.as_of_date), doc.amount_unit, doc.file_lines, doc.projects_matched),
					(str(AS_OF), "Yuan", 5, 2),
				)

	def upload(self, content: bytes, file_name: str) -> str:
		"""The desk's uploader on the import's Attach field, Public ticked: the file stays private."""
		data = {
			"sid": self.sid,
			"is_private": 0,
			"doctype": IMPORT,
			"docname": "new-budget-execution-import-1",  # the desk's name of the unsaved import
			"fieldname": "source_file",
			"folder": "Home",
			"file": (io.BytesIO(content), file_name),
		}
		response = make_request(
			target=self.TEST_CLIENT.post, args=("/api/method/upload_file",), kwargs={"data": data}
		)
		self.assertEqual(response.status_code, 200, response.get_data()[:300])
		self.assertEqual(response.json["message"]["is_private"], 1)
		return response.json["message"]["file_url"]

	def save_import(self, file_url: str):
		return make_request(
			target=self.TEST_CLIENT.post,
			args=(f"/api/resource/{IMPORT}",),
			kwargs={
				"data": {
					"sid": self.sid,
					"data": json.dumps({"performance_year": YEAR, "source_file": file_url}),
				}
			},
		)

	def test_the_desk_uploads_an_xls_privately_and_a_damaged_one_is_refused_in_chinese(self):
		response = self.save_import(self.upload(export_xls(), "预算执行明细.xls"))
		self.assertEqual(response.status_code, 200, response.get_data()[:300])
		self.assertEqual(figures(response.json["data"]["projects"]), FIGURES)

		damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024
		response = self.save_import(self.upload(damaged, "执行情况.xls"))
		self.assertEqual((response.status_code, response.json.get("exc_type")), (417, "ValidationError"))
		(message,) = [json.loads(m) for m in json.loads(response.json["_server_messages"])]
		self.assertEqual((message["title"], message["message"]), ("文件未能读取，未做任何改动", DAMAGED))

	def test_a_machine_push_of_an_html_xls_previews_the_same_figures(self):
		content = base64.b64encode(export_html("gbk", "gbk")).decode()
		answer = as_user(OFFICER, api.push, YEAR, file=content, filename="预算执行明细.xls")
		doc = frappe.get_doc(IMPORT, answer["name"])
		self.assertEqual(figures(row.as_dict() for row in doc.projects), FIGURES)
		self.assertEqual(frappe.db.get_value("File", {"file_url": doc.source_file}, "is_private"), 1)
