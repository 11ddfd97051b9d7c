"""The written reports as Word documents (perf_budget/writing/docx.py), read
back with python-docx: A4, the title, the headings in order, finance's
paragraphs, tables with their header rows, and Chinese fonts set for East
Asian text (w:eastAsia)."""

import io

from docx import Document
from docx.oxml.ns import qn
from test_report_outline import MONITORING_FIGURES, SELF_FIGURES

from perf_budget.writing.docx import write_docx
from perf_budget.writing.outline import MONITORING, SELF_EVALUATION, outline


def read(kind, figures, texts, title="2026年度部门预算绩效自评总结报告"):
	return Document(io.BytesIO(write_docx(outline(kind, title, figures, texts))))


def cells(table) -> list[list[str]]:
	return [[cell.text for cell in row.cells] for row in table.rows]


def east_asian_font(element) -> str | None:
	fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
	return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_self_evaluation_report_reads_back():
	texts = {
		"basic_situation": "我局共有7个预算单位。\n项目均已批复。",
		"problems_and_causes": "个别项目进度偏慢。",
	}
	doc = read(SELF_EVALUATION, SELF_FIGURES, texts)
	paragraphs = [p for p in doc.paragraphs if p.text]
	assert paragraphs[0].text == "2026年度部门预算绩效自评总结报告"
	assert paragraphs[0].style.name == "Title"
	assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == [
		"一、基本情况",
		"二、组织实施",
		"三、自评结果",
		"四、发现的问题及原因",
		"五、改进措施",
		"六、结果应用建议",
	]
	assert [p.text for p in paragraphs if p.style.name == "Heading 2"] == [
		"（一）总体情况",
		"（二）评价等级分布",
		"（三）分单位自评情况",
		"（四）项目自评得分",
	]
	texts_shown = [p.text for p in paragraphs]
	start = texts_shown.index("一、基本情况")
	assert texts_shown[start + 1 : start + 3] == ["我局共有7个预算单位。", "项目均已批复。"]
	assert "个别项目进度偏慢。" in texts_shown
	# four tables, each caption above it
	assert len(doc.tables) == 4
	grades = cells(doc.tables[0])
	assert grades == [
		["等级", "项目数（个）", "占比"],
		["优", "1", "33.34%"],
		["良", "1", "33.33%"],
		["中", "1", "33.33%"],
		["差", "0", "0.00%"],
		["合计", "3", "100.00%"],
	]
	assert cells(doc.tables[1])[-1] == [
		"合计",
		"3",
		"1,909.50",
		"1,500.25",
		"78.57%",
		"79.50",
		"1",
		"1",
		"1",
		"0",
	]
	assert cells(doc.tables[3])[0] == [
		"项目名称",
		"单位",
		"自评得分",
		"等级",
		"下年度预算安排建议",
		"调减比例",
		"来源",
	]


def test_a4_chinese_fonts_and_repeated_header_rows():
	doc = read(SELF_EVALUATION, SELF_FIGURES, {})
	section = doc.sections[0]
	assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
	assert east_asian_font(doc.styles["Normal"].element) == "仿宋"
	assert east_asian_font(doc.styles["Title"].element) == "宋体"
	assert east_asian_font(doc.styles["Heading 1"].element) == "黑体"
	assert east_asian_font(doc.styles["Heading 2"].element) == "楷体"
	for table in doc.tables:
		header = table.rows[0]
		assert header._tr.trPr.find(qn("w:tblHeader")) is not None
		assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
		assert east_asian_font(table.rows[-1].cells[0].paragraphs[0].runs[0]._element) == "仿宋"


def test_the_monitoring_report_reads_back():
	doc = read(
		MONITORING,
		MONITORING_FIGURES,
		{"next_steps": "督促红灯项目整改。"},
		"2026年1—7月预算绩效运行监控情况报告",
	)
	paragraphs = [p.text for p in doc.paragraphs if p.text]
	assert paragraphs[0] == "2026年1—7月预算绩效运行监控情况报告"
	assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [
		"一、监控总体情况",
		"二、预算执行情况",
		"三、绩效目标完成情况",
		"四、偏差原因及纠偏措施",
		"五、下一步工作",
	]
	assert paragraphs[-1] == "督促红灯项目整改。"
	captions = [
		p for p in paragraphs if p in ("项目预算执行情况", "预警分布", "红灯、黄灯预警项目", "偏差原因分类")
	]
	assert captions == ["项目预算执行情况", "预警分布", "红灯、黄灯预警项目", "偏差原因分类"]
	assert cells(doc.tables[2]) == [
		["项目名称", "单位", "预警等级", "执行率", "红灯指标数"],
		["道路维修", "建设管理科", "红灯", "10.00%", "2"],
		["绿化养护", "市政设施服务中心", "黄灯", "50.30%", "0"],
	]
