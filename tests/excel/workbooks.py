"""Records, workbooks and edits shared by the form tests (openpyxl only, no Frappe).

The three official forms are found by their captions, so the tests edit an
exported workbook the way a person finds a place on the printed form: the
cell right of 项目名称, the 其他资金 row under 全年执行数, the 分值 of the
indicator 路面优良率. No test names a fixed cell of the layout; a test that
checks the layout itself asks for the captions in order.
"""

import copy
import datetime
import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

# ---------------------------------------------------------------- realistic records


def goal_indicator(level1, level2, name, operator, value, text, unit, weight=None, standard=None):
	return {
		"level1": level1,
		"level2": level2,
		"indicator_name": name,
		"operator": operator,
		"target_value": None if value is None else float(value),
		"target_text": text,
		"unit": unit,
		"weight": None if weight is None else float(weight),
		"evaluation_standard": standard,
	}


def medium_indicator(level1, level2, name, operator, value, text, unit):
	indicator = goal_indicator(level1, level2, name, operator, value, text, unit)
	for key in ("weight", "evaluation_standard"):
		indicator.pop(key)
	return indicator


def goal_record(code="XM-2026-001", **changes) -> dict:
	"""A three-year road maintenance project's 申报表 as the desk exports it."""
	goal = {
		"performance_year": "2026",
		"expenditure_type": "Project Expenditure",
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局 201001",
		"budget_unit": "市公路养护中心",
		"project_attribute": "Continuing Project",
		"project_period": "3年",
		"medium_term_start_year": 2025,
		"medium_term_end_year": 2027,
		"medium_term_total": 3600.0,
		"medium_term_fiscal": 3000.0,
		"medium_term_other": 600.0,
		"total_amount": 1234.56,
		"fiscal_amount": 1000.5,
		"other_amount": 234.06,
		"long_term_goal": "三年完成全市360公里道路养护，路面优良率稳定在92%以上。",
		"annual_goal": "完成120公里道路养护，优良率≥92%；\n坑槽修补及时率100%。",
		"project_code": code,
		"budget_type": "Annual",
		"is_key_project": True,
		"period_start": datetime.date(2025, 1, 1),
		"period_end": datetime.date(2027, 12, 31),
		"contact_person": "张三",
		"contact_phone": "0571-88888888",
		"basis": "《公路法》第三十五条；\n市政府2025年第12次常务会议纪要。",
		"implementation_plan": "分三个标段公开招标，监理全程旁站。",
		"schedule": "1-3月招标，4-10月施工，11-12月验收。",
		"record_name": "PG-2026-00001",
		"exported_modified": "2026-03-01 10:00:00.000000",
		"indicators": [
			goal_indicator(
				"Output", "Quantity", "养护道路里程", ">=", 120, None, "公里", 20, "每少1公里扣1分"
			),
			goal_indicator("Output", "Quantity", "修补坑槽面积", ">", 5000.5, None, "平方米", 10),
			goal_indicator("Output", "Quality", "工程验收合格率", "=", 100, None, "%", 10, "不合格不得分"),
			goal_indicator(
				"Output", "Timeliness", "完工时间", "Qualitative", None, "2026年11月底前", None, 5
			),
			goal_indicator("Output", "Cost", "每公里养护成本", "<=", 8.5, None, "万元/公里", 5),
			goal_indicator("Effect", "Social", "道路通行效率", "Qualitative", None, "明显提升", None, 15),
			goal_indicator("Effect", "Sustainable", "路况优良率", ">=", 92, None, "%", 15),
			goal_indicator("Satisfaction", "Service Recipient", "市民满意度", ">=", 90, None, "%", 10),
			goal_indicator("Cost", "Economic Cost", "单位成本", "<", 9, None, "万元", 0),
		],
		"medium_term_indicators": [
			medium_indicator("Output", "Quantity", "养护道路里程", ">=", 360, None, "公里"),
			medium_indicator("Output", "Quality", "工程验收合格率", "=", 100, None, "%"),
			medium_indicator("Effect", "Social", "道路通行条件", "Qualitative", None, "明显改善", None),
			medium_indicator("Satisfaction", "Service Recipient", "市民满意度", ">=", 90, None, "%"),
		],
	}
	goal.update(changes)
	return goal


def monitoring_indicator(**values) -> dict:
	from perf_budget.excel.monitoring_form import INDICATOR_KEYS

	indicator = dict.fromkeys(INDICATOR_KEYS)
	indicator.update(values)
	return indicator


def monitoring_record(code="XM-2026-001", **changes) -> dict:
	"""The same project's 监控表 for months 1-7, as the desk exports it."""
	row = monitoring_indicator
	monitoring = {
		"performance_year": "2026",
		"expenditure_type": "Project Expenditure",
		"period_end_month": 7,
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局 201001",
		"budget_unit": "市公路养护中心",
		"annual_budget": 800.0,
		"executed_amount": 450.0,
		"expected_full_year": 780.0,
		"budget_fiscal": 700.0,
		"executed_fiscal": 400.0,
		"expected_fiscal": 690.0,
		"budget_other": 100.0,
		"executed_other": 50.0,
		"expected_other": 90.0,
		"execution_rate": 56.25,
		"money_deviation_reason": "部分工程款待验收后支付",
		"money_likelihood": "Certain",
		"money_remarks": "第三季度集中支付",
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"goal_progress": "已完成70公里养护，优良率93%；\n雨季影响两段施工。",
		"project_code": code,
		"record_name": "PM-2026-00001",
		"exported_modified": "2026-08-05 09:30:00.000000",
		"indicators": [
			row(
				level1="Output",
				level2="Quantity",
				indicator_name="养护道路里程",
				operator=">=",
				target_value=120.0,
				unit="公里",
				actual_to_date=70.0,
				expected_completion=120.0,
				likelihood="Certain",
			),
			row(
				level1="Output",
				level2="Quality",
				indicator_name="工程验收合格率",
				operator="=",
				target_value=100.0,
				unit="%",
				actual_to_date=98.5,
				expected_completion=99.0,
				likelihood="Possible",
				reason_rules="验收标准调整",
				corrective_measure="加强巡查",
			),
			row(
				level1="Output",
				level2="Timeliness",
				indicator_name="完工时间",
				operator="Qualitative",
				target_text="2026年11月底前",
				qualitative_progress="Partly",
				actual_text="完成60%",
				likelihood="Possible",
				reason_other="雨季影响进度",
				corrective_measure="增加夜间施工班组",
				remarks="已报主管部门",
			),
			row(
				level1="Effect",
				level2="Social",
				indicator_name="道路通行效率",
				operator="Qualitative",
				target_text="明显提升",
				qualitative_progress="Not Achieved",
				likelihood="Impossible",
				reason_funding="资金拨付滞后",
				reason_rules="审批流程长",
				reason_staffing="人手不足",
				reason_conditions="设备老化",
				reason_other="雨季\n影响",
				corrective_measure="调整交通组织",
				remarks="已上报",
			),
			row(
				level1="Effect",
				level2="Sustainable",
				indicator_name="路况优良率",
				operator=">=",
				target_value=92.0,
				unit="%",
				actual_to_date=93.0,
				expected_completion=93.0,
				likelihood="Certain",
			),
			row(
				level1="Satisfaction",
				level2="Service Recipient",
				indicator_name="市民满意度",
				operator=">=",
				target_value=90.0,
				unit="%",
				remarks="年底调查",
			),
			row(
				level1="Cost",
				level2="Economic Cost",
				indicator_name="单位成本",
				operator="<",
				target_value=9.0,
				unit="万元",
				actual_to_date=4.0,
				expected_completion=8.8,
				likelihood="Certain",
			),
		],
	}
	monitoring.update(changes)
	return monitoring


def evaluation_indicator(**values) -> dict:
	from perf_budget.excel.evaluation_form import INDICATOR_KEYS

	indicator = dict.fromkeys(INDICATOR_KEYS)
	indicator.update(values)
	return indicator


def evaluation_record(code="XM-2025-001", **changes) -> dict:
	"""Last year's 自评表 of the project, scores adding up to its 总分 93.44."""
	row = evaluation_indicator
	evaluation = {
		"performance_year": "2025",
		"expenditure_type": "Project Expenditure",
		"project_name": "城市道路养护项目",
		"competent_department": "市交通运输局",
		"budget_unit": "市公路养护中心",
		"initial_budget": 1234.56,
		"annual_budget": 1334.56,
		"executed_amount": 1260.25,
		"initial_fiscal": 1000.0,
		"annual_fiscal": 1100.0,
		"executed_fiscal": 1050.25,
		"initial_carryover": 200.0,
		"annual_carryover": 200.0,
		"executed_carryover": 180.0,
		"initial_other": 34.56,
		"annual_other": 34.56,
		"executed_other": 30.0,
		"execution_weight": 10.0,
		"execution_rate": 94.43,
		"execution_score": 9.44,
		"annual_goal": "完成120公里道路养护，优良率≥92%。",
		"actual_completion": "完成125公里道路养护，优良率93%；\n两段返工已整改。",
		"total_score": 93.44,
		"project_code": code,
		"grade": "Excellent",
		"execution_reason": None,
		"record_name": "PE-2025-00001",
		"exported_modified": "2026-02-10 16:00:00.000000",
		"indicators": [
			row(
				level1="Output",
				level2="Quantity",
				indicator_name="养护道路里程",
				operator=">=",
				target_value=120.0,
				unit="公里",
				weight=20.0,
				actual_value=125.0,
				score=20.0,
			),
			row(
				level1="Output",
				level2="Quality",
				indicator_name="工程验收合格率",
				operator="=",
				target_value=100.0,
				unit="%",
				weight=10.0,
				actual_value=98.5,
				score=9.85,
				deviation_analysis="两段返工",
			),
			row(
				level1="Output",
				level2="Timeliness",
				indicator_name="完工时间",
				operator="Qualitative",
				target_text="2025年11月底前",
				weight=5.0,
				qualitative_result="Achieved",
				actual_text="11月20日完工",
				score=5.0,
			),
			row(
				level1="Output",
				level2="Cost",
				indicator_name="每公里养护成本",
				operator="<=",
				target_value=8.5,
				unit="万元/公里",
				weight=15.0,
				actual_value=8.2,
				score=15.0,
			),
			row(
				level1="Effect",
				level2="Social",
				indicator_name="道路通行效率",
				operator="Qualitative",
				target_text="明显提升",
				weight=25.0,
				qualitative_result="Partly",
				score=19.37,
				deviation_analysis="高峰仍拥堵",
			),
			row(
				level1="Effect",
				level2="Ecological",
				indicator_name="扬尘控制",
				operator="Qualitative",
				target_text="达标",
				weight=0.0,
				qualitative_result="Not Achieved",
				actual_text="两次超标：已整改",
				score=0.0,
			),
			row(
				level1="Effect",
				level2="Sustainable",
				indicator_name="路况优良率",
				operator=">=",
				target_value=92.0,
				unit="%",
				weight=5.0,
				actual_value=93.0,
				score=5.0,
			),
			row(
				level1="Satisfaction",
				level2="Service Recipient",
				indicator_name="市民满意度",
				operator=">=",
				target_value=90.0,
				unit="%",
				weight=10.0,
				actual_value=88.0,
				score=9.78,
			),
			row(
				level1="Cost",
				level2="Economic Cost",
				indicator_name="单位成本",
				operator="<",
				target_value=9.0,
				unit="万元",
				weight=0.0,
				actual_value=8.0,
				score=0.0,
			),
		],
	}
	evaluation.update(changes)
	return evaluation


def without_rows(record: dict) -> dict:
	"""The business fields only: no sheet name, sheet rows or what the reader notes about the sheet."""
	record = copy.deepcopy(record)
	for key in ("sheet", "extras_found", "has_weights"):
		record.pop(key, None)
	for key in ("indicators", "medium_term_indicators"):
		for indicator in record.get(key) or []:
			indicator.pop("row", None)
	return record


# ---------------------------------------------------------------- bytes and sheets


def saved(workbook) -> bytes:
	buffer = io.BytesIO()
	workbook.save(buffer)
	return buffer.getvalue()


def opened(data: bytes):
	return load_workbook(io.BytesIO(data))


def first_sheet(data: bytes):
	return opened(data).worksheets[0]


def sheet_rows(data: bytes) -> dict[str, list[list]]:
	"""Every cell value of every sheet, by sheet title."""
	return {
		ws.title: [[cell.value for cell in row] for row in ws.iter_rows()] for ws in opened(data).worksheets
	}


def cell_values(data: bytes) -> dict[str, tuple[list[list], list[str]]]:
	"""Every cell value and every merged range of every sheet, by sheet title."""
	return {
		ws.title: (
			[[cell.value for cell in row] for row in ws.iter_rows()],
			sorted(str(merged) for merged in ws.merged_cells.ranges),
		)
		for ws in opened(data).worksheets
	}


def print_area(ws) -> tuple[int, int, int, int]:
	"""(first column, first row, last column, last row) of the sheet's print area."""
	area = ws.print_area
	area = area if isinstance(area, str) else area[0]
	return range_boundaries(area.split("!")[-1].replace("$", ""))


def texts(ws, row: int, columns: range | None = None) -> list:
	"""The values of a row's filled cells, left to right (merged ranges once, at their top-left)."""
	columns = columns or range(1, ws.max_column + 1)
	return [ws.cell(row, column).value for column in columns if ws.cell(row, column).value is not None]


def merges(ws) -> set[str]:
	return {str(merged) for merged in ws.merged_cells.ranges}


# ---------------------------------------------------------------- places found by caption


def letter(where: tuple[int, int]) -> tuple[int, str]:
	"""(row, column) -> (row, column letter), as a FormError names a cell."""
	return where[0], get_column_letter(where[1])


class Form:
	"""One sheet of a workbook, opened to find places by caption and change them.

	``where`` arguments and results are (row, column), 1-based. Several
	``Form`` objects may share one workbook (``other``), and ``data()``
	saves the whole workbook.
	"""

	def __init__(self, data: bytes | None = None, sheet: int | str = 0, workbook=None):
		self.workbook = workbook if workbook is not None else opened(data)
		self.ws = self.workbook.worksheets[sheet] if isinstance(sheet, int) else self.workbook[sheet]

	def other(self, sheet: int | str) -> "Form":
		return Form(sheet=sheet, workbook=self.workbook)

	# ------------------------------------------------------------ finding

	def all(self, text: str) -> list[tuple[int, int]]:
		"""Every cell reading exactly ``text`` (stripped), top to bottom, left to right."""
		return [
			(cell.row, cell.column)
			for row in self.ws.iter_rows()
			for cell in row
			if isinstance(cell.value, str) and cell.value.strip() == text
		]

	def find(self, text: str, nth: int = 0) -> tuple[int, int]:
		found = self.all(text)
		assert len(found) > nth, f"{text!r} is not on sheet {self.ws.title} ({len(found)} found)"
		return found[nth]

	def box(self, where: tuple[int, int]) -> tuple[int, int, int, int]:
		"""(top, left, bottom, right) of the merged range holding ``where``, or the cell itself."""
		row, column = where
		for merged in self.ws.merged_cells.ranges:
			if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
				return merged.min_row, merged.min_col, merged.max_row, merged.max_col
		return row, column, row, column

	def right_of(self, text: str, nth: int = 0) -> tuple[int, int]:
		"""The value cell right of a caption (the cell after the caption's merged range)."""
		top, _, _, right = self.box(self.find(text, nth))
		return top, right + 1

	def below(self, text: str, nth: int = 0) -> tuple[int, int]:
		"""The cell under a caption (the paragraph blocks and the sub-captions)."""
		_, left, bottom, _ = self.box(self.find(text, nth))
		return bottom + 1, left

	def row_of(self, text: str, nth: int = 0) -> int:
		return self.find(text, nth)[0]

	def column_of(self, text: str, nth: int = 0) -> int:
		return self.find(text, nth)[1]

	def at(self, row_text: str, column_text: str, row_nth: int = 0, column_nth: int = 0) -> tuple[int, int]:
		"""The cell on the row of ``row_text`` (a money row label, an indicator name) under ``column_text``."""
		return self.row_of(row_text, row_nth), self.column_of(column_text, column_nth)

	def header_column(self, text: str, nth: int = 0) -> int:
		"""The column of a caption of the indicator table: on the row of 一级指标 or the sub-caption row
		under it (inside the merged 一级指标). A caption printed in both halves of the 申报表's table is found ``nth`` (0: 中期, 1: 年度)."""
		top, _, bottom, _ = self.box(self.find("一级指标"))
		found = [column for row, column in self.all(text) if top <= row <= bottom]
		assert found, f"{text!r} is not a caption of the indicator table"
		return found[nth] if len(found) > nth else found[0]

	def indicator(self, name: str, caption: str, half: int = 0) -> tuple[int, int]:
		"""The cell under ``caption`` on the row of the indicator ``name`` (``half``: see header_column)."""
		names = self.header_column("三级指标", half)
		rows = [row for row, column in self.all(name) if column == names]
		assert rows, f"no indicator {name!r} on sheet {self.ws.title}"
		return rows[0], self.header_column(caption, half)

	def value(self, where: tuple[int, int]):
		return self.ws.cell(*where).value

	# ------------------------------------------------------------ changing

	def set(self, where: tuple[int, int], value, number_format: str | None = None) -> "Form":
		cell = self.ws.cell(*where)
		cell.value = value
		if number_format is not None:
			cell.number_format = number_format
		return self

	def replace(self, text: str, new, nth: int = 0) -> "Form":
		"""The caption or value reading ``text`` now reads ``new`` (None: emptied)."""
		return self.set(self.find(text, nth), new)

	def clear_row(self, row: int) -> "Form":
		"""Every cell of ``row`` emptied (merged ranges over it are left as they are)."""
		for cell in self.ws[row]:
			if type(cell).__name__ != "MergedCell":
				cell.value = None
		return self

	def unmerge(self, where: tuple[int, int]) -> "Form":
		"""The merged range holding ``where`` split into its cells (the value stays top-left)."""
		top, left, bottom, right = self.box(where)
		self.ws.unmerge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
		return self

	def insert_row(self, row: int) -> "Form":
		"""A blank row inserted before ``row`` as Excel does it: merges below move down, merges over it grow."""
		ranges = [
			(merged.min_row, merged.min_col, merged.max_row, merged.max_col)
			for merged in self.ws.merged_cells.ranges
		]
		for top, left, bottom, right in ranges:
			self.ws.unmerge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
		self.ws.insert_rows(row)
		for top, left, bottom, right in ranges:
			if top >= row:
				top, bottom = top + 1, bottom + 1
			elif bottom >= row:
				bottom += 1
			self.ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
		return self

	def data(self) -> bytes:
		return saved(self.workbook)


# ---------------------------------------------------------------- errors


def only_error(errors):
	assert len(errors) == 1, errors
	return errors[0]


def where(error) -> tuple:
	"""(row, column letter, message key) of a FormError."""
	return (error.row, error.column, error.message)


def at(where_: tuple[int, int], message: str) -> tuple:
	"""The ``where(error)`` of an error at a cell found by caption."""
	return (*letter(where_), message)
