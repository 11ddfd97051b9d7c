"""Renders the results-application print formats without Frappe: the
rectification notice with the unit's report (整改通知及整改情况报告) and the
interview record (约谈记录). User text is escaped by the template (| e)."""

import pytest
from print_formats import (
	ENVIRONMENTS,
	FakeDoc,
	load_print_format,
	renderer,
)


def rectification(**overrides):
	values = dict(
		name="RECT-2026-00001",
		performance_year="2026",
		budget_unit="规划科",
		project_name="国土空间规划<数据库>",
		source_doctype="Performance Monitoring",
		source_name="PM-2026-7-00001",
		source_description=None,
		problem="执行进度滞后\n数据采集未完成",
		requirement="说明原因并提出措施",
		notice_date="2026-08-20",
		due_date="2026-09-19",
		measures="已调整采购计划 & 增派人员",
		submitted_on="2026-09-15",
		review_result="Partly Rectified",
		review_opinion="进度仍偏慢",
		bureau_feedback=None,
	)
	values.update(overrides)
	return FakeDoc(**values)


def interview(**overrides):
	values = dict(
		name="PI-2026-00001",
		performance_year="2026",
		budget_unit="城市管理综合执法队",
		interview_date="2026-11-10",
		interview_form="Individual",
		location="局财务科会议室",
		reason="Poor Grade",
		reason_details="自评等级为差",
		interviewers=[FakeDoc(participant_name="李科长", position="财务科科长")],
		interviewees=[
			FakeDoc(participant_name="赵大队长", position="大队长"),
			FakeDoc(participant_name="钱会计", position=None),
		],
		matters="项目绩效较差<script>",
		minutes="<p>单位承认问题</p>",
		commitments=[
			FakeDoc(commitment="重新编制采购计划", due_date="2026-12-10", rectification="RECT-2026-00009"),
			FakeDoc(commitment="建立资金台账", due_date="2026-12-31", rectification=None),
		],
		follow_up_result=None,
	)
	values.update(overrides)
	return FakeDoc(**values)


@pytest.fixture(params=list(ENVIRONMENTS))
def environment(request):
	return request.param


def test_rectification_notice_shows_requirement_report_and_review(environment):
	html = renderer(load_print_format("预算绩效整改通知及整改情况报告"), environment)(rectification())
	assert "预算绩效整改通知及整改情况报告" in html
	assert "绩效运行监控（PM-2026-7-00001）" in html
	assert "执行进度滞后<br>数据采集未完成" in html
	assert "2026-09-19" in html and "2026-09-15" in html
	assert "部分整改" in html
	assert "国土空间规划&lt;数据库&gt;" in html  # escaped
	assert "已调整采购计划 &amp; 增派人员" in html
	assert "整改单位负责人（签字）" in html


def test_rectification_by_hand_shows_where_it_came_from(environment):
	doc = rectification(
		source_doctype=None, source_name=None, source_description="市财政局反馈意见", review_result=None
	)
	html = renderer(load_print_format("预算绩效整改通知及整改情况报告"), environment)(doc)
	assert "市财政局反馈意见" in html
	assert "已整改" not in html and "未整改" not in html


def test_interview_record_lists_people_and_commitments(environment):
	html = renderer(load_print_format("预算绩效约谈记录"), environment)(interview())
	assert "预算绩效约谈记录" in html
	assert "个别约谈" in html and "绩效评价等级为差：自评等级为差" in html
	assert "赵大队长（大队长）、钱会计" in html
	assert "项目绩效较差&lt;script&gt;" in html
	assert "<p>单位承认问题</p>" in html  # the minutes are the editor's (sanitised) HTML
	assert html.count("重新编制采购计划") == 1 and "RECT-2026-00009" in html
	assert "约谈人（签字）" in html


def test_empty_interview_renders(environment):
	doc = interview(
		interviewers=[], interviewees=[], commitments=[], minutes=None, reason=None, interview_form=None
	)
	html = renderer(load_print_format("预算绩效约谈记录"), environment)(doc)
	assert "预算绩效约谈记录" in html and "None" not in html
