"""The department-wide forms (部门整体支出绩效目标申报表, 监控表, 自评表): each
written as printed and read back exactly; sheets built cell by cell the way a
clerk fills the city's template (a 附件 line, the year in the title, full-width
digits, "1,234.50", 万元 in the cell, spaces, merged level cells, a blank row);
wrong figures refused at their cell, in words the desk translates; another
form is never taken for this one."""

import pytest
from openpyxl import Workbook

from perf_budget.excel import (
	department,
	department_evaluation_form,
	department_goal_form,
	department_monitoring_form,
	evaluation_form,
	goal_form,
	official,
	read_form,
	upload,
)
from perf_budget.excel.layout import NEGATIVE, REQUIRED
from perf_budget.excel.values import NOT_AN_AMOUNT
from tests.excel.workbooks import Form, evaluation_record, only_error, saved, where

UNIT = "市城市规划科"


def indicators() -> list[dict]:
	return [
		{
			"level1": "Output",
			"level2": "Management Efficiency",
			"indicator_name": "部门预算执行率",
			"operator": ">=",
			"target_value": 95.0,
			"target_text": None,
			"unit": "%",
			"weight": 25.0,
			"evaluation_standard": "每低1个百分点扣1分",
		},
		{
			"level1": "Effect",
			"level2": "Development Sustainability",
			"indicator_name": "长效管理制度健全性",
			"operator": "Qualitative",
			"target_value": None,
			"target_text": "预算、资产制度健全",
			"unit": None,
			"weight": 15.0,
			"evaluation_standard": None,
		},
		{
			"level1": "Satisfaction",
			"level2": "Service Recipient",
			"indicator_name": "服务对象综合满意度",
			"operator": ">=",
			"target_value": 90.0,
			"target_text": None,
			"unit": "%",
			"weight": 10.0,
			"evaluation_standard": None,
		},
		{
			"level1": "Cost",
			"level2": "Operating Cost",
			"indicator_name": "“三公”经费控制率",
			"operator": "<=",
			"target_value": 100.0,
			"target_text": None,
			"unit": "%",
			"weight": 0.0,
			"evaluation_standard": None,
		},
	]


def goal(**changes) -> dict:
	record = {
		"performance_year": "2026",
		"budget_unit": UNIT,
		"functions_overview": "负责全市城市规划编制与实施监督。\n承担规划许可审批。",
		"authorized_staff": 30,
		"actual_staff": 28,
		"personnel_expenditure": 600.0,
		"public_expenditure": 150.25,
		"basic_expenditure": 750.25,
		"project_expenditure": 1249.75,
		"total_budget": 2000.0,
		"source_general_budget": 1800.0,
		"source_government_fund": 150.0,
		"source_state_capital": 0.0,
		"source_special_account": 0.0,
		"source_other": 50.0,
		"key_tasks": [
			{
				"task_name": "国土空间规划编制",
				"task_content": "完成分区规划",
				"total_amount": 850.0,
				"fiscal_amount": 800.0,
				"other_amount": 50.0,
			},
			{
				"task_name": "信息化建设",
				"task_content": None,
				"total_amount": 399.75,
				"fiscal_amount": 399.75,
				"other_amount": 0.0,
			},
		],
		"annual_goal": "全面完成年度规划编制任务，提升审批效率。",
		"indicators": indicators(),
		"record_name": "DPG-2026-00001",
		"exported_modified": "2026-03-01 10:00:00.000000",
	}
	return record | changes


def read_goal(data: bytes) -> dict:
	records, errors = department_goal_form.import_goals(data)
	assert errors == []
	assert len(records) == 1
	return records[0]


def refused(reader, data: bytes) -> list:
	records, errors = reader(data)
	assert records == []
	assert errors
	return errors


# ---------------------------------------------------------------- goal: round trip


def test_goal_reads_back_as_written():
	record = read_goal(department_goal_form.export_goals([goal()]))
	expected = goal()
	for key in department_goal_form.RECORD_KEYS:
		assert record[key] == expected[key], key
	assert record["key_tasks"] == expected["key_tasks"]
	read_rows = [
		{key: row[key] for key in department_goal_form.INDICATOR_KEYS} for row in record["indicators"]
	]
	assert read_rows == expected["indicators"]
	assert (record["record_name"], record["exported_modified"]) == (
		"DPG-2026-00001",
		"2026-03-01 10:00:00.000000",
	)


def test_goal_form_is_printed_with_its_title_unit_and_whole_unit_groups():
	sheet = Form(department_goal_form.export_goals([goal()]))
	assert sheet.ws.title == UNIT
	assert sheet.value(sheet.find("部门整体支出绩效目标申报表")) == "部门整体支出绩效目标申报表"
	assert sheet.value(sheet.below("部门整体支出绩效目标申报表")) == "（2026年度）"
	assert sheet.value(sheet.right_of("部门（单位）名称")) == UNIT
	for word in ("管理效率", "可持续发展能力", "运行成本", "服务对象满意度指标"):
		assert sheet.all(word), word
	# 合计 of the key tasks under 预算金额: 850 + 399.75
	total_row = sheet.row_of("合计")
	assert sheet.value((total_row, sheet.column_of("预算金额"))) == 1249.75
	assert sheet.ws.print_area == "'市城市规划科'!$A$1:$H$" + str(sheet.ws.max_row)


def test_a_text_like_a_formula_stays_text():
	data = department_goal_form.export_goals([goal(functions_overview='=HYPERLINK("http://x","y")')])
	assert read_goal(data)["functions_overview"] == '=HYPERLINK("http://x","y")'


def test_blank_goal_form_is_printed_and_reading_it_asks_for_what_is_required():
	data = department_goal_form.export_goals([])
	sheet = Form(data)
	assert sheet.find("部门整体支出绩效目标申报表")
	errors = refused(department_goal_form.import_goals, data)
	assert {error.message for error in errors} >= {REQUIRED, official.YEAR_MISSING}


# ---------------------------------------------------------------- goal: as a clerk fills it


def clerk_goal(**edits) -> Workbook:
	"""The city's template typed by hand: a 附件 line, the year in the title, captions
	with colons, amounts as people type them, a blank task row, merged level cells."""
	book = Workbook()
	ws = book.active
	ws.title = "部门整体目标"
	rows = [
		["附件2"],
		["2026年度部门整体支出绩效目标申报表"],
		["部门（单位）名称：", None, f" {UNIT} "],
		["部门职能职责概述", None, "负责全市城市规划编制与实施监督。"],
		["编制人数", None, "３０人", None, "实有人数", None, " 28 "],
		["部门预算资金（万元）", "按支出性质", None, None, "按资金来源"],
		[None, "人员经费", None, "600万元", "一般公共预算", None, None, "1,800.00"],
		[None, "公用经费", None, "１５０．２５", "政府性基金预算", None, None, "150"],
		[None, "基本支出", None, "750.25", "国有资本经营预算", None, None, "—"],
		[None, "项目支出", None, " 1,249.75 ", "财政专户管理资金", None, None, None],
		[None, "资金总额", None, "2000", "其他资金", None, None, "50万元"],
		["年度主要任务", "任务名称", "主要内容", None, None, "预算金额", "财政拨款", "其他资金"],
		[None, "国土空间规划编制", "完成分区规划", None, None, "850", "800", "50"],
		[None, None, None, None, None, None, None, None],
		[None, "信息化建设", None, None, None, "399.75", "399.75", None],
		[None, "合计", None, None, None, "1249.75", "1199.75", "50"],
		["年度总体目标", None, "全面完成年度规划编制任务，提升审批效率。"],
		["年度绩效指标", "一级指标", "二级指标", "三级指标", None, "指标值", "分值", "评(扣)分标准"],
		[None, "产出指标", "管理效率指标", "部门预算执行率", None, "≥95%", "25", "每低1个百分点扣1分"],
		[None, "效益指标", "可持续发展能力", "长效管理制度健全性", None, "定性：预算、资产制度健全", "15分"],
		[None, "满意度指标", "服务对象满意度", "服务对象综合满意度", None, "≥90%", "１０"],
		[None, "成本指标", "运行成本", "“三公”经费控制率", None, "≤100%", "0"],
	]
	for row in rows:
		ws.append(row)
	ws.merge_cells("A6:A11")
	ws.merge_cells("A12:A16")
	ws.merge_cells("A18:A22")
	for cell, value in edits.items():
		ws[cell] = value
	return book


def test_a_goal_typed_by_a_clerk_is_read_with_exact_figures():
	record = read_goal(saved(clerk_goal()))
	assert record["performance_year"] == "2026"
	assert record["budget_unit"] == UNIT
	assert (record["authorized_staff"], record["actual_staff"]) == (30, 28)
	assert [record[key] for key in department_goal_form.NATURE] == [600.0, 150.25, 750.25, 1249.75, 2000.0]
	assert [record[key] for key in department_goal_form.SOURCES] == [1800.0, 150.0, None, None, 50.0]
	assert [
		(task["task_name"], task["total_amount"], task["fiscal_amount"], task["other_amount"])
		for task in record["key_tasks"]
	] == [
		("国土空间规划编制", 850.0, 800.0, 50.0),
		("信息化建设", 399.75, 399.75, None),
	]
	assert [
		(
			row["level1"],
			row["level2"],
			row["indicator_name"],
			row["operator"],
			row["target_value"],
			row["target_text"],
			row["unit"],
			row["weight"],
		)
		for row in record["indicators"]
	] == [
		("Output", "Management Efficiency", "部门预算执行率", ">=", 95.0, None, "%", 25.0),
		(
			"Effect",
			"Development Sustainability",
			"长效管理制度健全性",
			"Qualitative",
			None,
			"预算、资产制度健全",
			None,
			15.0,
		),
		("Satisfaction", "Service Recipient", "服务对象综合满意度", ">=", 90.0, None, "%", 10.0),
		("Cost", "Operating Cost", "“三公”经费控制率", "<=", 100.0, None, "%", 0.0),
	]
	# a hand-filled template carries no stamps: nothing to compare with a stored version
	assert record["extras_found"] == ()


def test_sources_that_do_not_add_up_are_refused_at_the_first_source():
	book = clerk_goal(H7="1,700.00")
	error = only_error(refused(department_goal_form.import_goals, saved(book)))
	assert where(error) == (7, "H", department_goal_form.SOURCES_NOT_TOTAL)
	assert error.args == ("1900.00", "2000.00")


def test_a_typed_sum_that_is_not_its_parts_is_refused_at_the_sum():
	error = only_error(refused(department_goal_form.import_goals, saved(clerk_goal(D9="760"))))
	assert where(error) == (9, "D", department.PARTS_NOT_TOTAL)
	assert error.args == ("基本支出", "760.00", "人员经费 + 公用经费", "750.25")


def test_words_for_staff_and_amounts_are_refused_naming_the_cell():
	errors = refused(department_goal_form.import_goals, saved(clerk_goal(C5="三十人", D7="六百万", H8="-5")))
	assert sorted(where(error) for error in errors) == [
		(5, "C", department.NOT_A_COUNT),
		(7, "D", NOT_AN_AMOUNT),
		(8, "H", NEGATIVE),
	]


def test_a_task_total_that_is_not_fiscal_plus_other_is_refused():
	error = only_error(
		refused(department_goal_form.import_goals, saved(clerk_goal(F13="900", F16="1299.75")))
	)
	assert where(error) == (13, "F", department.PARTS_NOT_TOTAL)


def test_a_task_total_without_its_parts_is_refused_rather_than_lost():
	error = only_error(refused(department_goal_form.import_goals, saved(clerk_goal(G15=None))))
	assert where(error) == (15, "G", REQUIRED)


def test_the_key_tasks_total_row_is_checked():
	error = only_error(refused(department_goal_form.import_goals, saved(clerk_goal(F16="1250"))))
	assert where(error) == (16, "F", department.PARTS_NOT_TOTAL)


def test_a_whole_unit_group_under_the_wrong_level1_is_refused():
	error = only_error(refused(department_goal_form.import_goals, saved(clerk_goal(B19="效益指标"))))
	assert where(error) == (19, "C", official.LEVEL2_NOT_UNDER_LEVEL1)


def test_parts_of_the_funds_are_required():
	error = only_error(refused(department_goal_form.import_goals, saved(clerk_goal(D10=None, D11=None))))
	# the caption's row, the first cell after it (the value was left blank)
	assert (error.row, error.message, error.args) == (10, REQUIRED, ("项目支出",))


# ---------------------------------------------------------------- wrong form


def test_another_form_is_not_this_one():
	project_evaluation = evaluation_form.export_evaluations([evaluation_record()])
	department_evaluation = department_evaluation_form.export_evaluations([evaluation()])
	department_goal = department_goal_form.export_goals([goal()])
	for reader, data, title in (
		(department_evaluation_form.import_evaluations, project_evaluation, department_evaluation_form.TITLE),
		(department_evaluation_form.import_evaluations, department_goal, department_evaluation_form.TITLE),
		(department_goal_form.import_goals, goal_form.export_goals([]), department_goal_form.TITLE),
		(
			department_monitoring_form.import_monitorings,
			department_evaluation,
			department_monitoring_form.TITLE,
		),
		# 部门整体支出绩效自评表 holds 绩效自评表, the project form's short title
		(evaluation_form.import_evaluations, department_evaluation, evaluation_form.TITLE),
		(goal_form.import_goals, department_goal, goal_form.TITLE),
	):
		error = only_error(refused(reader, data))
		assert (error.sheet, error.message, error.args) == (None, upload.NO_FORM_SHEET, (title,))


def test_read_form_knows_the_department_kinds():
	records, errors = read_form("department_goal", department_goal_form.export_goals([goal()]))
	assert (errors, records[0]["budget_unit"]) == ([], UNIT)


# ---------------------------------------------------------------- self-evaluation


def evaluation(**changes) -> dict:
	rows = []
	results = (
		{"actual_value": 96.5, "score": 25.0, "deviation_analysis": None},
		{
			"qualitative_result": "Partly",
			"actual_text": "采购制度待修订",
			"score": 10.0,
			"deviation_analysis": "制度修订滞后，年内完成",
		},
		{"actual_value": 92.0, "score": 10.0, "deviation_analysis": None},
		{"actual_value": 98.0, "score": 0.0, "deviation_analysis": None},
	)
	for target, result in zip(indicators(), results, strict=True):
		row = {key: target[key] for key in department_evaluation_form.INDICATOR_KEYS if key in target}
		rows.append({"actual_value": None, "actual_text": None, "qualitative_result": None, **row, **result})
	record = {
		"performance_year": "2026",
		"budget_unit": UNIT,
		"annual_budget": 2000.0,
		"executed_amount": 1900.5,
		"execution_rate": 95.03,
		"execution_weight": 10.0,
		"execution_score": 9.5,
		"execution_reason": None,
		"annual_goal": "全面完成年度规划编制任务。",
		"actual_completion": "完成分区规划三项。",
		"total_score": 54.5,
		"grade": "Poor",
		"valid_respondents": 120,
		"satisfied_respondents": 110,
		"problems": "制度修订滞后。",
		"improvements": "年内修订采购制度。",
		"indicators": rows,
		"record_name": "DPE-2026-00001",
		"exported_modified": "2026-12-01 10:00:00.000000",
	}
	return record | changes


def test_evaluation_reads_back_as_written():
	records, errors = department_evaluation_form.import_evaluations(
		department_evaluation_form.export_evaluations([evaluation()])
	)
	assert errors == []
	expected = evaluation()
	for key in department_evaluation_form.RECORD_KEYS:
		assert records[0][key] == expected[key], key
	got = [
		{key: row[key] for key in department_evaluation_form.INDICATOR_KEYS}
		for row in records[0]["indicators"]
	]
	assert got == [
		{key: row[key] for key in department_evaluation_form.INDICATOR_KEYS} for row in expected["indicators"]
	]


def test_evaluation_total_is_the_execution_score_plus_the_rows():
	sheet = Form(department_evaluation_form.export_evaluations([evaluation()]))
	row = sheet.row_of("总分")
	# 分值: 10 + 25 + 15 + 10 + 0; 得分 as stored
	assert sheet.value((row, sheet.column_of("分值", 1))) == 60.0
	assert sheet.value((row, sheet.column_of("得分", 1))) == 54.5
	sheet.set((row, sheet.column_of("得分", 1)), "60分")
	error = only_error(refused(department_evaluation_form.import_evaluations, sheet.data()))
	assert where(error) == (row, "H", department_evaluation_form.NOT_THE_SUM)
	assert error.args == ("总分（得分）", "60", "54.5")


def clerk_evaluation(**edits) -> Workbook:
	book = Workbook()
	ws = book.active
	ws.title = "自评"
	rows = [
		["部门整体支出绩效自评表"],
		["（2026年度）"],
		["部门（单位）名称", None, UNIT],
		["预算执行情况（万元）", "年度预算数", None, "全年执行数", None, "分值", "执行率", "得分"],
		[None, "2,000.00", None, "１９００．５万元", None, "10", "95.03%", "9.5分"],
		["执行率低于90%原因", None, "—"],
		["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
		[None, "全面完成年度规划编制任务。", None, None, None, "完成分区规划三项。"],
		[
			"年度绩效指标",
			"一级指标",
			"二级指标",
			"三级指标",
			"年度指标值",
			"实际完成值",
			"分值",
			"得分",
			"偏差原因分析及改进措施",
		],
		[None, "产出指标", "管理效率", "部门预算执行率", "≥95%", "96.5%", "25", "25", None],
		[None, None, None, None, None, None, None, None, None],
		[
			None,
			"效益指标",
			"可持续发展能力",
			"长效管理制度健全性",
			"定性：预算、资产制度健全",
			"部分达成：采购制度待修订",
			"15",
			"10",
			"制度修订滞后",
		],
		[None, "满意度指标", "服务对象满意度指标", "服务对象综合满意度", "≥90%", "92%", "10", "10"],
		[None, "成本指标", "运行成本", "“三公”经费控制率", "≤100%", "98%", "0", "0"],
		["总分", None, None, None, None, None, "60", "54.5"],
		["自评等级", None, "差", None, "有效问卷（份）", None, "120", "满意问卷（份）", "110"],
		["存在的主要问题", None, "制度修订滞后。"],
		["改进措施", None, "年内修订采购制度。"],
	]
	for row in rows:
		ws.append(row)
	ws.merge_cells("A4:A5")
	ws.merge_cells("A15:F15")
	for cell, value in edits.items():
		ws[cell] = value
	return book


def test_an_evaluation_typed_by_a_clerk_is_read_with_exact_figures():
	records, errors = department_evaluation_form.import_evaluations(saved(clerk_evaluation()))
	assert errors == []
	record = records[0]
	assert (record["annual_budget"], record["executed_amount"], record["execution_rate"]) == (
		2000.0,
		1900.5,
		95.03,
	)
	assert (record["execution_weight"], record["execution_score"], record["total_score"]) == (10.0, 9.5, 54.5)
	assert (record["grade"], record["valid_respondents"], record["satisfied_respondents"]) == (
		"Poor",
		120,
		110,
	)
	assert record["execution_reason"] is None
	assert [
		(
			row["indicator_name"],
			row["actual_value"],
			row["qualitative_result"],
			row["actual_text"],
			row["weight"],
			row["score"],
		)
		for row in record["indicators"]
	] == [
		("部门预算执行率", 96.5, None, None, 25.0, 25.0),
		("长效管理制度健全性", None, "Partly", "采购制度待修订", 15.0, 10.0),
		("服务对象综合满意度", 92.0, None, None, 10.0, 10.0),
		("“三公”经费控制率", 98.0, None, None, 0.0, 0.0),
	]
	assert (record["problems"], record["improvements"]) == ("制度修订滞后。", "年内修订采购制度。")


def test_a_rate_that_is_not_the_amounts_is_refused():
	error = only_error(
		refused(department_evaluation_form.import_evaluations, saved(clerk_evaluation(G5="90%")))
	)
	assert where(error) == (5, "G", evaluation_form.RATE_MISMATCH)


def test_an_unknown_grade_is_refused_at_its_cell():
	error = only_error(
		refused(department_evaluation_form.import_evaluations, saved(clerk_evaluation(C16="甲")))
	)
	assert where(error)[:2] == (16, "C")


# ---------------------------------------------------------------- monitoring


def monitoring(**changes) -> dict:
	rows = []
	progress = (
		{
			"actual_to_date": 60.0,
			"expected_completion": 96.0,
			"likelihood": "Possible",
			"reason_other": "审批滞后",
			"corrective_measure": "加快支付",
		},
		{"qualitative_progress": "Partly", "actual_text": "资产制度已修订", "likelihood": "Certain"},
		{"actual_to_date": 91.0, "expected_completion": 92.0, "likelihood": "Certain"},
		{"actual_to_date": 55.0, "expected_completion": 98.0, "likelihood": "Certain"},
	)
	empty = dict.fromkeys(department_monitoring_form.INDICATOR_KEYS)
	for target, values in zip(indicators(), progress, strict=True):
		rows.append({**empty, **{key: target[key] for key in empty if key in target}, **values})
	record = {
		"performance_year": "2026",
		"period_end_month": 7,
		"budget_unit": UNIT,
		"annual_budget": 2000.0,
		"executed_amount": 1100.4,
		"execution_rate": 55.02,
		"time_adjusted_rate": 94.32,
		"execution_light": "Yellow",
		"annual_goal": "全面完成年度规划编制任务。",
		"goal_progress": "分区规划完成两项。",
		"task_progress": "国土空间规划编制完成60%。",
		"indicators": rows,
		"record_name": "DPM-2026-7-00001",
		"exported_modified": "2026-08-01 10:00:00.000000",
	}
	return record | changes


def test_monitoring_reads_back_as_written():
	data = department_monitoring_form.export_monitorings([monitoring()])
	records, errors = department_monitoring_form.import_monitorings(data)
	assert errors == []
	expected = monitoring()
	for key in (
		"performance_year",
		"period_end_month",
		"budget_unit",
		"annual_budget",
		"executed_amount",
		"annual_goal",
		"goal_progress",
		"task_progress",
	):
		assert records[0][key] == expected[key], key
	keys = department_monitoring_form.INDICATOR_KEYS
	assert [{key: row[key] for key in keys} for row in records[0]["indicators"]] == [
		{key: row[key] for key in keys} for row in expected["indicators"]
	]
	sheet = Form(data)
	assert sheet.value(sheet.below("部门整体支出绩效监控表")) == "（2026年1—7月）"
	assert sheet.all("1-7月执行数") and sheet.all("1-7月执行情况")
	assert sheet.value(sheet.below("预警")) == "黄灯"


def test_a_monitoring_sheet_without_its_months_is_refused():
	sheet = Form(department_monitoring_form.export_monitorings([monitoring()]))
	sheet.replace("（2026年1—7月）", "（2026年度）")
	error = only_error(refused(department_monitoring_form.import_monitorings, sheet.data()))
	assert error.message == department_monitoring_form.MONTH_MISSING


def test_a_monitoring_typed_by_a_clerk_is_read():
	book = Workbook()
	ws = book.active
	for row in (
		["2026年部门整体支出绩效监控表"],
		["（2026年1-7月）"],
		["部门（单位）名称", None, UNIT],
		["预算执行情况（万元）", "年度预算数", None, "1—7月执行数"],
		[None, "2000", None, "1,100.40"],
		["年度总体目标完成情况", "年度总体目标", None, None, None, "1-7月目标完成进度"],
		[None, "全面完成年度规划编制任务。", None, None, None, "分区规划完成两项。"],
		["重点任务进展", None, "国土空间规划编制完成60%。"],
		[
			"绩效指标",
			"一级指标",
			"二级指标",
			"三级指标",
			"年度指标值",
			"1-7月执行情况",
			"全年预计完成值",
			"完成目标可能性",
			"偏差原因分析",
			"纠偏措施",
		],
		[
			None,
			"产出指标",
			"管理效率",
			"部门预算执行率",
			"≥95%",
			"60%",
			"96%",
			"有可能",
			"审批滞后",
			"加快支付",
		],
		[
			None,
			"效益指标",
			"可持续发展能力",
			"长效管理制度健全性",
			"定性：预算、资产制度健全",
			"部分达成：资产制度已修订",
			None,
			"确定能",
		],
	):
		ws.append(row)
	records, errors = department_monitoring_form.import_monitorings(saved(book))
	assert errors == []
	record = records[0]
	assert (record["period_end_month"], record["executed_amount"], record["annual_budget"]) == (
		7,
		1100.4,
		2000.0,
	)
	assert [
		(
			row["indicator_name"],
			row["actual_to_date"],
			row["expected_completion"],
			row["qualitative_progress"],
			row["likelihood"],
		)
		for row in record["indicators"]
	] == [
		("部门预算执行率", 60.0, 96.0, None, "Possible"),
		("长效管理制度健全性", None, None, "Partly", "Certain"),
	]


@pytest.mark.parametrize(
	"module", [department_goal_form, department_monitoring_form, department_evaluation_form]
)
def test_every_message_is_a_key_with_placeholders(module):
	assert all(isinstance(message, str) and message for message in module.MESSAGES)
