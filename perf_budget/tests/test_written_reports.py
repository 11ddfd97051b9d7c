"""The written reports of arts. 17 and 23 on a real site: a finance officer's
绩效自评总结报告 and 监控情况报告 generated from two units' records, opened
with python-docx and read back (counts, amounts in 万元, the execution rate,
the grade distribution adding up to 100.00 %, finance's own text); the chain
officer → finance head → sent with a return and its reason, held over REST;
the figures kept as they were when taken; no unit user reaches a report.
Who must act is told (system notification, e-mail through the queue) and
counts it on 待我审核: both finance heads when a report awaits them, only its
writer when it is returned, with the reason; no report for a closed year.

	unit 甲: 报告项目一 budget 100,    executed 90,   score 92.5 优
	         报告项目二 budget 50.25,  executed 40.1, score 81   良
	unit 乙: 报告项目三 budget 200,    executed 150,  score 65   中
	         报告项目四 a draft self-evaluation (not counted)

	执行率 Σ 280.10 ÷ Σ 350.25 = 79.971… % → 79.97; 平均得分 238.5 ÷ 3 = 79.50
	甲 130.10 ÷ 150.25 = 86.589… % → 86.59, (92.5 + 81) ÷ 2 = 86.75; 乙 75.00, 65.00

Monitoring, months 1–7: 报告项目一 red (budget 100, executed 30, 2 red
indicators, one row with a funding reason, accepted), 报告项目二 green
(50.25, 30.15, a draft), 三 and 四 without a record: 60.15 ÷ 150.25 = 40.03 %.
"""

import io
import json
from unittest.mock import patch

import frappe
from docx import Document
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.exchange.written_reports import refresh_figures, word_document
from perf_budget.tests.factories import (
	committed,
	make_evaluated_goal,
	make_unit,
	make_user,
	make_year,
	remove_committed,
	session_for,
)
from perf_budget.workflow.actions import act_as
from perf_budget.workflow.owners import actionable

YEAR = "2048"
OFFICER, HEAD, LEADER, UNIT_USER = (
	"wr.officer@perf.test",
	"wr.head@perf.test",
	"wr.leader@perf.test",
	"wr.user@perf.test",
)
OFFICER2, HEAD2 = "wr.officer2@perf.test", "wr.head2@perf.test"
PEOPLE = (OFFICER, HEAD, LEADER, UNIT_USER, OFFICER2, HEAD2)
FINANCE_PEOPLE = (OFFICER, OFFICER2, HEAD, HEAD2)  # they read their notifications in Chinese
EVALUATIONS = (  # unit, code, project, budget, executed, rate, score, grade, accepted
	("甲", "WR-1", "报告项目一", 100, 90, 90, 92.5, "Excellent", True),
	("甲", "WR-2", "报告项目二", 50.25, 40.1, 79.8, 81, "Good", True),
	("乙", "WR-3", "报告项目三", 200, 150, 75, 65, "Fair", True),
	("乙", "WR-4", "报告项目四", 999, 999, 100, 99, "Excellent", False),
)
MONITORINGS = (  # code, budget, executed, rate, light, red indicators, accepted
	("WR-1", 100, 30, 30, "Red", 2, True),
	("WR-2", 50.25, 30.15, 60, "Green", 0, False),
)
SELF_HEADINGS = [
	"一、基本情况",
	"二、组织实施",
	"三、自评结果",
	"四、发现的问题及原因",
	"五、改进措施",
	"六、结果应用建议",
]
REPORT = "Performance Report"
DOWNLOAD = "/api/method/perf_budget.exchange.written_reports.download_word"


def read_docx(data: bytes) -> Document:
	return Document(io.BytesIO(data))


def texts(doc) -> list[str]:
	return [p.text for p in doc.paragraphs if p.text]


def cells(table) -> list[list[str]]:
	return [[cell.text for cell in row.cells] for row in table.rows]


def table_after(doc, caption: str) -> list[list[str]]:
	"""The table printed under ``caption`` (each table follows its caption)."""
	captions = [p.text for p in doc.paragraphs if p.text and p.runs and p.runs[0].bold]
	tables = [c for c in captions if c in TABLE_CAPTIONS]
	return cells(doc.tables[tables.index(caption)])


TABLE_CAPTIONS = (
	"评价等级分布",
	"分单位自评情况",
	"项目自评得分",
	"结果应用建议",
	"项目预算执行情况",
	"预警分布",
	"红灯、黄灯预警项目",
	"偏差原因分类",
)


def new_report(kind: str = "Self-Evaluation Summary Report", **values):
	frappe.set_user(OFFICER)
	try:
		return frappe.get_doc(
			{"doctype": REPORT, "report_kind": kind, "performance_year": YEAR, **values}
		).insert()
	finally:
		frappe.set_user("Administrator")


def remove_reports():
	for name in frappe.get_all(REPORT, filters={"performance_year": YEAR}, pluck="name"):
		for file in frappe.get_all(
			"File", filters={"attached_to_doctype": REPORT, "attached_to_name": name}, pluck="name"
		):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		frappe.db.set_value(REPORT, name, "docstatus", 0, update_modified=False)
		frappe.delete_doc(REPORT, name, force=True, ignore_permissions=True)


class TestWrittenReports(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def setup():
			make_year(YEAR)
			units = {"甲": make_unit("报告甲科").name, "乙": make_unit("报告乙科").name}
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(OFFICER2, roles=("Perf Finance Officer",))
			make_user(HEAD, roles=("Perf Finance Head",))
			make_user(HEAD2, roles=("Perf Finance Head",))
			for user in FINANCE_PEOPLE:
				frappe.db.set_value("User", user, "language", "zh")
			make_user(LEADER, roles=("Perf Leader",))
			make_user(UNIT_USER, unit=units["甲"])
			goals = {}
			for unit, code, project, budget, executed, rate, score, grade, accepted in EVALUATIONS:
				figures = {
					"annual_budget": budget,
					"executed_amount": executed,
					"execution_rate": rate,
					"total_score": score,
					"grade": grade,
				}
				goal, _evaluation = make_evaluated_goal(
					units[unit], YEAR, code, figures, accepted=accepted, project_name=project
				)
				goals[code] = goal.name
			for code, budget, executed, rate, light, red, accepted in MONITORINGS:
				record = frappe.get_doc(
					{
						"doctype": "Performance Monitoring",
						"performance_goal": goals[code],
						"period_end_month": 7,
					}
				).insert(ignore_permissions=True)
				record.db_set(
					{
						"docstatus": 1 if accepted else 0,
						"workflow_state": "Accepted" if accepted else "Draft",
						"annual_budget": budget,
						"executed_amount": executed,
						"execution_rate": rate,
						"execution_light": light,
						"warning_level": light,
						"red_indicators": red,
					}
				)
				if red:
					frappe.db.set_value(
						"Monitoring Indicator", record.indicators[0].name, "reason_funding", "资金未及时拨付"
					)
			return units

		cls.units = committed(setup)
		for user in FINANCE_PEOPLE:
			frappe.clear_document_cache("User", user)
		cls.sid = {user: session_for(user) for user in PEOPLE}

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		committed(remove_reports)
		remove_committed(users=PEOPLE, units=tuple(cls.units.values()), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		committed(remove_reports)

	def get(self, path: str, user: str, **query):
		return make_request(
			target=self.TEST_CLIENT.get,
			args=(path,),
			kwargs={"query_string": {"sid": self.sid[user], **query}},
		)

	def test_the_self_evaluation_summary_holds_the_figures_and_finances_text(self):
		report = new_report(basic_situation="本局下设两个预算单位，均已开展项目支出绩效自评。")
		frappe.db.commit()
		self.assertEqual(report.title, f"{YEAR}年度部门预算绩效自评总结报告")
		self.assertEqual(report.version, 1)
		# 结果应用建议 starts from the budget advice, for finance to edit
		self.assertEqual(
			report.results_application,
			"根据自评结果和整改情况，对下年度预算安排提出以下建议：\n"
			"建议优先安排的项目1个：报告项目一。\n"
			"建议按需安排的项目1个：报告项目二。\n"
			"建议调减预算的项目1个：报告项目三。",
		)
		response = self.get(DOWNLOAD, OFFICER, name=report.name)
		self.assertEqual(response.status_code, 200, response.get_data()[:300])
		self.assertIn(".docx", response.headers["Content-Disposition"])
		doc = read_docx(response.get_data())
		shown = texts(doc)
		self.assertEqual(shown[0], report.title)
		self.assertEqual([p.text for p in doc.paragraphs if p.style.name == "Heading 1"], SELF_HEADINGS)
		basic = shown.index("一、基本情况")
		self.assertEqual(shown[basic + 1], "本局下设两个预算单位，均已开展项目支出绩效自评。")
		self.assertIn(
			f"{YEAR}年度共对3个项目开展绩效自评，全年预算数350.25万元，全年执行数280.10万元，预算执行率79.97%，"
			"平均得分79.50分。评价等级为“优”的1个，评价等级为“良”的1个，评价等级为“中”的1个，评价等级为“差”的0个。",
			shown,
		)
		grades = table_after(doc, "评价等级分布")
		self.assertEqual(
			grades,
			[
				["等级", "项目数（个）", "占比"],
				["优", "1", "33.34%"],
				["良", "1", "33.33%"],
				["中", "1", "33.33%"],
				["差", "0", "0.00%"],
				["合计", "3", "100.00%"],
			],
		)
		self.assertEqual(sum(float(row[2].rstrip("%")) for row in grades[1:-1]), 100.0)
		a, b = self.units["甲"], self.units["乙"]
		self.assertEqual(
			table_after(doc, "分单位自评情况")[1:],
			[
				[a, "2", "150.25", "130.10", "86.59%", "86.75", "1", "1", "0", "0"],
				[b, "1", "200.00", "150.00", "75.00%", "65.00", "0", "0", "1", "0"],
				["合计", "3", "350.25", "280.10", "79.97%", "79.50", "1", "1", "1", "0"],
			],
		)
		projects = table_after(doc, "项目自评得分")
		self.assertEqual(
			sorted(row[1:] for row in projects[1:]),
			[
				["报告项目一", a, "100.00", "90.00", "90.00%", "92.50", "优"],
				["报告项目三", b, "200.00", "150.00", "75.00%", "65.00", "中"],
				["报告项目二", a, "50.25", "40.10", "79.80%", "81.00", "良"],
			],
		)
		self.assertEqual(
			table_after(doc, "结果应用建议")[1:],
			[
				["报告项目一", a, "92.50", "优", "优先安排", "0.00%", "建议"],
				["报告项目二", a, "81.00", "良", "按需安排", "0.00%", "建议"],
				["报告项目三", b, "65.00", "中", "调减预算", "10.00%", "建议"],
			],
		)
		# the leader reads it too
		self.assertEqual(self.get(DOWNLOAD, LEADER, name=report.name).status_code, 200)

	def test_the_monitoring_report_lists_the_round_and_its_warnings(self):
		report = new_report("Monitoring Report", period_end_month=7, next_steps="督促红灯项目限期纠偏。")
		doc = read_docx(word_document(report))
		shown = texts(doc)
		self.assertEqual(shown[0], f"{YEAR}年1—7月预算绩效运行监控情况报告")
		self.assertEqual(
			[p.text for p in doc.paragraphs if p.style.name == "Heading 1"],
			[
				"一、监控总体情况",
				"二、预算执行情况",
				"三、绩效目标完成情况",
				"四、偏差原因及纠偏措施",
				"五、下一步工作",
			],
		)
		self.assertIn(
			f"本轮监控期间为{YEAR}年1—7月，应开展监控的项目4个，已报送1个，未报送1个，未填报2个。", shown
		)
		self.assertIn(
			"纳入监控的2个项目全年预算数150.25万元，截至7月底执行60.15万元，预算执行率40.03%。", shown
		)
		self.assertEqual(shown[-1], "督促红灯项目限期纠偏。")
		self.assertEqual(
			table_after(doc, "预警分布")[1:],
			[
				["红灯", "1", "50.00%"],
				["黄灯", "0", "0.00%"],
				["绿灯", "1", "50.00%"],
				["合计", "2", "100.00%"],
			],
		)
		self.assertEqual(
			table_after(doc, "红灯、黄灯预警项目")[1:],
			[["报告项目一", self.units["甲"], "红灯", "30.00%", "2"]],
		)
		self.assertEqual(
			table_after(doc, "偏差原因分类")[1:],
			[
				["资金原因", "1"],
				["制度原因", "0"],
				["人员原因", "0"],
				["硬件条件原因", "0"],
				["其他原因", "0"],
			],
		)

	def test_a_monitoring_report_names_its_round(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			new_report("Monitoring Report", period_end_month=13)
		self.assertIn(frappe._("Monitoring Round: Months 1 to"), str(refused.exception))

	def test_the_figures_stay_as_taken_until_refreshed(self):
		report = new_report()
		evaluation = frappe.get_value(
			"Performance Evaluation", {"project_code": "WR-3", "performance_year": YEAR}
		)
		frappe.db.set_value("Performance Evaluation", evaluation, "total_score", 70)
		projects = table_after(read_docx(word_document(report)), "项目自评得分")
		self.assertIn("65.00", [row[6] for row in projects])
		frappe.set_user(OFFICER)
		refresh_figures(report.name)
		frappe.set_user("Administrator")
		report.reload()
		projects = table_after(read_docx(word_document(report)), "项目自评得分")
		self.assertIn("70.00", [row[6] for row in projects])
		self.assertNotIn("65.00", [row[6] for row in projects])

	def test_the_chain_officer_head_sent_with_a_return(self):
		report = new_report(problems_and_causes="个别项目执行进度偏慢。")
		frappe.db.commit()
		# the officer cannot send it on over REST, nor submit it
		for change in ({"workflow_state": "Sent to Finance Bureau"}, {"docstatus": 1}):
			response = make_request(
				target=self.TEST_CLIENT.put,
				args=(f"/api/resource/{REPORT}/{report.name}",),
				kwargs={"query_string": {"sid": self.sid[OFFICER]}, "json": change},
			)
			self.assertEqual(response.status_code, 403, (change, response.get_data()[:300]))
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value(REPORT, report.name, ["workflow_state", "docstatus"]), ("Draft", 0)
		)
		act_as(OFFICER, REPORT, report.name, "Submit to Finance Head")
		# nor approve it in the desk: the step is the finance head's
		with self.assertRaises(WorkflowTransitionError):
			act_as(OFFICER, REPORT, report.name, "Approve and Send")
		# a return needs its reason
		with self.assertRaises(frappe.ValidationError):
			act_as(HEAD, REPORT, report.name, "Return")
		returned = act_as(HEAD, REPORT, report.name, "Return", return_reason="问题原因分析不够具体。")
		self.assertEqual((returned.workflow_state, returned.version), ("Returned", 1))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": REPORT, "reference_name": report.name, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertTrue(any("问题原因分析不够具体。" in c for c in comments), comments)
		# edited again after the return: version 2, and only once until the head sees it
		frappe.set_user(OFFICER)
		doc = frappe.get_doc(REPORT, report.name)
		doc.problems_and_causes = "个别项目执行进度偏慢，主要因资金拨付滞后。"
		doc.save()
		doc.improvement_measures = "加快资金拨付。"
		doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(doc.version, 2)
		act_as(OFFICER, REPORT, report.name, "Submit to Finance Head")
		sent = act_as(HEAD, REPORT, report.name, "Approve and Send")
		self.assertEqual(
			(sent.workflow_state, sent.docstatus, sent.version), ("Sent to Finance Bureau", 1, 2)
		)
		# the Word file of what was sent is kept on the record
		file = frappe.get_doc("File", {"attached_to_doctype": REPORT, "attached_to_name": report.name})
		self.assertEqual(file.file_url, sent.sent_file)
		self.assertTrue(file.is_private)
		self.assertTrue(file.file_name.endswith("（第2版）.docx"), file.file_name)
		kept = texts(read_docx(file.get_content()))
		self.assertIn("个别项目执行进度偏慢，主要因资金拨付滞后。", kept)
		self.assertIn("加快资金拨付。", kept)
		# a sent report keeps its figures
		frappe.set_user(OFFICER)
		with self.assertRaises(frappe.ValidationError):
			refresh_figures(report.name)
		frappe.set_user("Administrator")

	def step(self, user: str, name: str, action: str, **values) -> dict[str, str]:
		"""Take the step as ``user``; the notifications it sent: recipient → subject."""
		earlier = frappe.get_all(
			"Notification Log", filters={"document_type": REPORT, "document_name": name}, pluck="name"
		)
		act_as(user, REPORT, name, action, **values)
		rows = frappe.get_all(
			"Notification Log",
			filters={"document_type": REPORT, "document_name": name, "name": ["not in", earlier or [""]]},
			fields=["for_user", "subject"],
		)
		self.assertEqual(len(rows), len({row.for_user for row in rows}), "somebody was told twice")
		return {row.for_user: row.subject for row in rows}

	def awaiting(self, user: str) -> list[str]:
		"""The reports the card 待我审核 counts for ``user``."""
		frappe.set_user(user)
		try:
			return actionable(user).get(REPORT, [])
		finally:
			frappe.set_user("Administrator")

	def test_the_finance_heads_are_told_and_a_return_tells_its_writer(self):
		report = new_report()
		title = f"{YEAR}年度部门预算绩效自评总结报告"
		# a draft is its writer's work: on their card, not the other officer's
		self.assertEqual((self.awaiting(OFFICER), self.awaiting(OFFICER2)), ([report.name], []))
		with patch.dict(frappe.conf, {"mail_server": "smtp.example.test"}):
			told = self.step(OFFICER, report.name, "Submit to Finance Head")
		self.assertEqual(told, {HEAD: f"绩效报告《{title}》待您审核", HEAD2: f"绩效报告《{title}》待您审核"})
		queue, recipient = frappe.qb.DocType("Email Queue"), frappe.qb.DocType("Email Queue Recipient")
		mailed = (
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(recipient.recipient)
			.where((queue.reference_doctype == REPORT) & (queue.reference_name == report.name))
		).run(pluck=True)
		self.assertEqual(sorted(mailed), sorted([HEAD, HEAD2]))
		self.assertEqual(
			[self.awaiting(user) for user in (HEAD, HEAD2, OFFICER, LEADER)],
			[[report.name], [report.name], [], []],
		)

		told = self.step(HEAD, report.name, "Return", return_reason="问题原因分析不够具体。")
		self.assertEqual(told, {OFFICER: f"绩效报告《{title}》已退回：问题原因分析不够具体。"})
		self.assertEqual([self.awaiting(user) for user in (OFFICER, OFFICER2, HEAD)], [[report.name], [], []])

		self.assertEqual(set(self.step(OFFICER, report.name, "Submit to Finance Head")), {HEAD, HEAD2})
		self.assertEqual(self.step(HEAD2, report.name, "Approve and Send"), {})

	def test_no_report_is_written_for_a_closed_year(self):
		frappe.db.set_value("Performance Year", YEAR, "status", "Closed")
		with self.assertRaises(frappe.ValidationError) as refused:
			new_report()
		self.assertIn(
			frappe._("Performance year {0} is closed; its records cannot be changed.").format(YEAR),
			str(refused.exception),
		)
		self.assertFalse(frappe.db.exists(REPORT, {"performance_year": YEAR}))

	def test_a_unit_user_reaches_no_report(self):
		report = new_report(title="仅财务科可见的报告", basic_situation="仅财务科可见。")
		frappe.db.commit()
		for path, query in (
			(f"/api/resource/{REPORT}/{report.name}", {}),
			(f"/api/resource/{REPORT}", {"fields": json.dumps(["name", "basic_situation"])}),
			(DOWNLOAD, {"name": report.name}),
			# Frappe answers a link's title without a permission check: refused at the door
			("/api/method/frappe.desk.search.get_link_title", {"doctype": REPORT, "docname": report.name}),
		):
			response = self.get(path, UNIT_USER, **query)
			self.assertEqual(response.status_code, 403, (path, response.get_data()[:300]))
			self.assertNotIn("仅财务科可见", response.get_data(as_text=True))
