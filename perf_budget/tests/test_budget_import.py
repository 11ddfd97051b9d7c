"""The budget system's import (issue 16) on a real site: finance saves the
export (the preview: nothing outside the import written), then applies it —
everything or nothing. Files are built by hand the way the budget system
writes them (title rows, 单位：元, a line per fund source, 合计, a GBK CSV),
never by the app's code."""

import base64
import csv
import hashlib
import io
import json
from decimal import Decimal
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from perf_budget.budget_system import api, records
from perf_budget.budget_system.reader import DEFAULT_MAPPING_NAME
from perf_budget.notify import language
from perf_budget.security.doors import overridden
from perf_budget.tests.factories import (
	as_user,
	committed,
	make_goal,
	make_unit,
	make_unit_people,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2086"
IMPORT, ROW = "Budget Execution Import", "Budget Execution Import Row"
USER_A, HEAD_A, USER_B, OFFICER, FINANCE_HEAD = (
	"bi.user.a@perf.test",
	"bi.head.a@perf.test",
	"bi.user.b@perf.test",
	"bi.officer@perf.test",
	"bi.finance.head@perf.test",
)
RECORDS = ("Performance Goal", "Performance Monitoring", "Performance Evaluation")

HEAD = ["项目编码", "项目名称", "单位名称", "资金性质", "年初预算数", "调整后预算数", "支付数"]
A, B = "测试导入甲科", "测试导入乙科"
# The July export in 元: BI-01 in four lines (two fiscal sources, carry-over, 财政专户);
# BI-04's line names the other unit; BI-09 is a code of both units; BI-99 of none.
JULY = [
	["BI-01", "培训项目一", A, "一般公共预算", "1,000,000.00", 1200000, 654321],
	["BI-01", "培训项目一", A, "政府性基金", 200000, 234567.89, 100000],
	["BI-01", "培训项目一", A, "上年结转", 50000, 50000, 20000],
	["BI-01", "培训项目一", A, "财政专户", 12345.67, 12345.67, 5000.05],
	["BI-02", "培训项目二", A, "一般公共预算", 500000, 480000, 240000],
	["BI-03", "培训项目三", A, "一般公共预算", 300000, 300000, 150000],
	["BI-04", "培训项目四", B, "一般公共预算", 800000, 800000, 0],
	["BI-09", "培训项目九", A, "一般公共预算", 100000, 100000, 50000],
	["BI-99", "未立项项目", A, "一般公共预算", 10000, 10000, 1000],
]
DECEMBER = [
	["BI-01", "培训项目一", A, "一般公共预算", 1200000, 1434567.89, 1398765.43],
	["BI-01", "培训项目一", A, "上年结转", 50000, 50000, 50000],
	["BI-01", "培训项目一", A, "单位资金", 12345.67, 12345.67, 12000],
]


def export_xlsx(lines: list[list], as_of: str | None = f"{YEAR}-07-31", unit: str = "单位：元") -> bytes:
	"""The 一体化 export as it comes: title, as-of date and unit above a header, a
	line per project code and fund source, 合计 (Excel's SUM), a footnote."""
	book = Workbook()
	sheet = book.active
	sheet.title = "项目支出执行明细"
	sheet.append([f"{YEAR}年度项目支出预算执行情况表"])
	sheet.merge_cells("A1:G1")
	sheet.append([f"截止日期：{as_of}" if as_of else None, None, None, None, None, None, unit])
	sheet.append(HEAD)
	for line in lines:
		sheet.append(line)
	sums = [sum(Decimal(str(line[i]).replace(",", "")) for line in lines) for i in (4, 5, 6)]
	sheet.append(["合计", None, None, None, *(float(s) for s in sums)])
	sheet.append(["注：本表数据来源于预算管理一体化系统。"])
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def other_system_csv() -> bytes:
	"""Another system's export: its own titles, amounts in 万元, GBK, the date in a column."""
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow([f"{YEAR}年项目资金支付进度表"])
	writer.writerow(["金额单位：万元"])
	writer.writerow(["项目标识码", "资金渠道", "批复金额", "调整金额", "已支付金额", "数据日期"])
	writer.writerow(["BI-01", "本级财力", "120.5", "130.2534", "60.1234", f"{YEAR}/7/31"])
	writer.writerow(["BI-01", "自有资金", "2", "2.5", "1.25", f"{YEAR}/7/31"])
	writer.writerow(["BI-02", "本级财力", "50", "48", "24.5", f"{YEAR}/7/31"])
	return out.getvalue().encode("gbk")


def upload(content: bytes, file_name: str, user: str = OFFICER) -> str:
	"""The export uploaded by ``user`` as the desk's uploader does it (private)."""
	return as_user(
		user,
		lambda: (
			frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})
			.insert()
			.file_url
		),
	)


def preview(content: bytes | None = None, file_name="预算执行明细.xlsx", user=OFFICER, **values):
	"""The draft import saved by ``user``: the preview."""
	url = upload(content if content is not None else export_xlsx(JULY), file_name, user)

	def save():
		return frappe.get_doc(
			{"doctype": IMPORT, "performance_year": YEAR, "source_file": url, **values}
		).insert()

	return as_user(user, save)


def snapshot(unit_names: tuple[str, ...]) -> dict:
	"""Every column of every goal, monitoring record and self-evaluation of the units."""
	return {
		doctype: frappe.db.sql(
			f"select * from `tab{doctype}` where budget_unit in %(units)s order by name",
			{"units": unit_names},
			as_dict=True,
		)
		for doctype in RECORDS
	}


def actions(doc) -> dict:
	return {
		row.project_code: (row.goal_action, row.monitoring_action, row.evaluation_action or "")
		for row in doc.projects
	}


class TestBudgetImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit_a = make_unit_people("导入甲科", USER_A, HEAD_A, OFFICER, FINANCE_HEAD)
			unit_b = make_unit("导入乙科").name
			make_user(USER_B, unit=unit_b)
			made = {}

			def goal(unit, user, code, confirmed=True):
				doc = as_user(
					user, make_goal, unit, year=YEAR, project_code=code, project_name=f"培训项目{code}"
				)
				if confirmed:
					doc.db_set({"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"})
				made[(unit, code)] = doc.name
				return doc

			for code in ("BI-01", "BI-02", "BI-03", "BI-09"):
				goal(unit_a, USER_A, code)
			goal(unit_a, USER_A, "BI-04", confirmed=False)  # a draft in the unit's step
			goal(unit_b, USER_B, "BI-09")
			goal(unit_b, USER_B, "BI-05")
			for code, state in (("BI-01", None), ("BI-02", "Pending Unit Head"), ("BI-03", "Accepted")):
				monitoring = frappe.get_doc(
					{
						"doctype": "Performance Monitoring",
						"performance_goal": made[(unit_a, code)],
						"period_end_month": 7,
					}
				).insert(ignore_permissions=True)
				made[("monitoring", code)] = monitoring.name
				if state:
					# past the unit's step its red indicators were explained (art. 18)
					for row in monitoring.indicators:
						row.update({"reason_other": "进度滞后", "corrective_measure": "加快实施"})
					monitoring.save(ignore_permissions=True)
					monitoring.db_set({"workflow_state": state, "docstatus": int(state == "Accepted")})
			made[("evaluation", "BI-01")] = (
				frappe.get_doc(
					{"doctype": "Performance Evaluation", "performance_goal": made[(unit_a, "BI-01")]}
				)
				.insert(ignore_permissions=True)
				.name
			)
			return unit_a, unit_b, made

		# committed once (other sessions test on the same site; the unit tree is one
		# nested set); every test rolls back what it did
		cls.unit_a, cls.unit_b, cls.made = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		remove_committed(
			users=(USER_A, HEAD_A, USER_B, OFFICER, FINANCE_HEAD),
			units=(cls.unit_a, cls.unit_b),
			years=(YEAR,),
		)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def goal(self, code, unit=None):
		return self.made[(unit or self.unit_a, code)]

	def test_the_preview_matches_codes_sums_fund_sources_and_writes_nothing(self):
		before = snapshot((self.unit_a, self.unit_b))
		content = export_xlsx(JULY)
		doc = preview(content)

		self.assertEqual(doc.import_mapping, DEFAULT_MAPPING_NAME)  # the installed default
		self.assertEqual(
			(str(doc.as_of_date), doc.amount_unit, doc.file_lines, doc.has_initial, doc.docstatus),
			(f"{YEAR}-07-31", "Yuan", 9, 1, 0),
		)
		self.assertEqual(
			actions(doc),
			{
				"BI-01": ("Confirmed, Not Written", "Fill", ""),
				"BI-02": ("Confirmed, Not Written", "Needs Your Choice", ""),
				"BI-03": ("Confirmed, Not Written", "Confirmed, Not Written", ""),
				"BI-04": ("Fill", "No Record", ""),
			},
		)
		first = doc.projects[0]
		# four lines of BI-01 summed by category, exact in 万元: 1,200,000 + 234,567.89 元
		# fiscal, 50,000 carried over, 12,345.67 of 财政专户
		self.assertEqual(
			[first.get(f"adjusted_{c}") for c in ("fiscal", "carryover", "other", "total")],
			[143.456789, 5.0, 1.234567, 149.691356],
		)
		self.assertEqual(
			[first.get(f"executed_{c}") for c in ("fiscal", "carryover", "other", "total")],
			[75.4321, 2.0, 0.500005, 77.932105],
		)
		self.assertEqual((first.initial_total, first.source_lines), (126.234567, "4-7"))
		self.assertEqual(
			(first.performance_goal, first.performance_monitoring, first.budget_unit),
			(self.goal("BI-01"), self.made[("monitoring", "BI-01")], self.unit_a),
		)
		# what the records hold now (the factory's goal: 80 + 20), and the file against the monitoring record
		# (the round copied the goal's 100.00 as the monitoring's budget, nothing executed yet): its
		# budget is the 年初预算数 126.234567, not the adjusted 149.691356
		self.assertEqual(
			(first.goal_total_now, first.monitoring_budget_now, first.monitoring_executed_now),
			(100.0, 100.0, 0.0),
		)
		self.assertEqual((first.budget_difference, first.executed_difference), (26.234567, 77.932105))
		# the monitoring form has no carry-over row: 年初 120 + 5 = 125.00, exact; the other funds'
		# 1.234567 and the payments to the fen are rounded, and named
		self.assertEqual(
			first.rounding_note.splitlines(),
			[
				"Performance Monitoring Budget: Other Funds: 1.234567 → 1.23",
				"Performance Monitoring Executed: Fiscal Appropriation: 77.4321 → 77.43",
				"Performance Monitoring Executed: Other Funds: 0.500005 → 0.50",
			],
		)
		self.assertIn(A, doc.projects[3].note)  # BI-04's line names unit B: a note, matched by the code
		self.assertEqual(
			[(row.project_code, row.note) for row in doc.unmatched],
			[
				(
					"BI-09",
					"Goals of several units have this code "
					f"({self.unit_b} {self.goal('BI-09', self.unit_b)}, {self.unit_a} {self.goal('BI-09')}): "
					"nothing is filled; correct the codes or fill the figures by hand.",
				),
				("BI-99", f"No goal of {YEAR} has this project code."),
			],
		)
		self.assertEqual(
			[(row.project_code, row.performance_goal) for row in doc.missing_goals],
			[("BI-05", self.goal("BI-05", self.unit_b))],
		)
		self.assertEqual(
			[
				doc.get(f)
				for f in (
					"projects_matched",
					"codes_unmatched",
					"goals_without_rows",
					"records_to_fill",
					"records_needing_choice",
					"records_not_written",
				)
			],
			[4, 2, 1, 2, 1, 5],
		)
		self.assertEqual(doc.file_hash, hashlib.sha256(content).hexdigest())
		self.assertEqual(snapshot((self.unit_a, self.unit_b)), before)  # nothing outside the import

	def test_a_saved_mapping_reads_another_systems_file_in_10k_yuan(self):
		content = other_system_csv()
		with language("zh"), self.assertRaises(frappe.ValidationError) as refused:
			preview(content, "支付进度.csv")
		self.assertIn("项目编码", str(refused.exception))  # the default mapping finds no 项目编码 column
		frappe.db.rollback()

		mapping = as_user(
			OFFICER,
			lambda: frappe.get_doc(
				{
					"doctype": "Budget Import Mapping",
					"mapping_name": "某区财政系统",
					"amount_unit": "10k Yuan",
					"code_titles": "项目标识码",
					"source_titles": "资金渠道",
					"initial_titles": "批复金额",
					"adjusted_titles": "调整金额",
					"executed_titles": "已支付金额",
					"as_of_titles": "数据日期",
					"fund_sources": [
						{"source_name": "本级财力", "category": "Fiscal"},
						{"source_name": "自有资金", "category": "Other"},
					],
				}
			).insert(),
		)
		doc = preview(content, "支付进度.csv", import_mapping=mapping.name)
		self.assertEqual((doc.amount_unit, str(doc.as_of_date)), ("10k Yuan", f"{YEAR}-07-31"))
		first = doc.projects[0]
		self.assertEqual(
			[first.get(f) for f in ("initial_fiscal", "initial_other", "adjusted_total", "executed_total")],
			[120.5, 2.0, 132.7534, 61.3734],
		)
		self.assertEqual(actions(doc)["BI-02"], ("Confirmed, Not Written", "Needs Your Choice", ""))

	def test_apply_writes_what_the_preview_says_and_the_choice_is_finances(self):
		doc = preview()
		row = next(r for r in doc.projects if r.project_code == "BI-02")
		row.overwrite = 1
		as_user(OFFICER, doc.save)  # previewed again: the tick stays with its project code
		self.assertEqual(
			[(r.project_code, r.overwrite) for r in doc.projects],
			[("BI-01", 0), ("BI-02", 1), ("BI-03", 0), ("BI-04", 0)],
		)
		self.assertEqual(
			(doc.records_to_fill, doc.records_needing_choice, doc.records_not_written), (3, 1, 4)
		)
		confirmed = snapshot((self.unit_a,))
		summary = doc.get_onload().preview_summary  # what the form shows above the tables
		self.assertIn("Written on applying: 3 records", summary)
		self.assertIn("Needing your choice: 0 records under review", summary)
		self.assertIn("Not written: 4 confirmed records", summary)

		as_user(OFFICER, doc.submit)

		doc.reload()
		self.assertEqual((doc.docstatus, doc.applied_by), (1, OFFICER))
		doc.run_method("onload")
		self.assertIn("Written: 3 records", doc.get_onload().preview_summary)
		self.assertTrue(doc.applied_on)
		monitoring = frappe.get_doc("Performance Monitoring", self.made[("monitoring", "BI-01")])
		self.assertEqual(
			[
				monitoring.get(f)
				for f in (
					"budget_fiscal",
					"budget_other",
					"annual_budget",
					"executed_fiscal",
					"executed_other",
					"executed_amount",
				)
			],
			[125.0, 1.23, 126.23, 77.43, 0.5, 77.93],
		)  # the 年初预算数 (120 + 5 carried over; 1.234567), not the adjusted 148.46 + 1.23
		self.assertEqual(
			(monitoring.budget_import, str(monitoring.budget_as_of)), (doc.name, f"{YEAR}-07-31")
		)
		ticked = frappe.get_doc("Performance Monitoring", self.made[("monitoring", "BI-02")])
		self.assertEqual(
			(ticked.annual_budget, ticked.executed_amount, ticked.workflow_state),
			(50.0, 24.0, "Pending Unit Head"),
		)  # BI-02's 年初 500,000 元, not its adjusted 480,000
		draft_goal = frappe.get_doc("Performance Goal", self.goal("BI-04"))
		self.assertEqual(
			(draft_goal.fiscal_amount, draft_goal.other_amount, draft_goal.total_amount), (80.0, 0.0, 80.0)
		)
		# confirmed records are never written: BI-01–03's goals and BI-03's monitoring as they
		# were, field by field; only the reviewer is shown the gap to the budget system
		after = snapshot((self.unit_a,))
		for doctype, names in (
			("Performance Goal", {self.goal(c) for c in ("BI-01", "BI-02", "BI-03", "BI-09")}),
			("Performance Monitoring", {self.made[("monitoring", "BI-03")]}),
			("Performance Evaluation", {self.made[("evaluation", "BI-01")]}),  # July: not the evaluation's
		):
			self.assertEqual(
				[{**r, "budget_gap": None} for r in after[doctype] if r.name in names],
				[{**r, "budget_gap": None} for r in confirmed[doctype] if r.name in names],
			)
		gap = frappe.db.get_value("Performance Goal", self.goal("BI-01"), "budget_gap")
		self.assertIn(
			f"Total Amount: typed 100.00 10k yuan, budget system 126.23 10k yuan (as of {YEAR}-07-31, {doc.name})",
			gap,
		)
		# the unit was told
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": USER_A, "document_type": "Performance Monitoring"}
			)
		)
		self.assertFalse(frappe.db.exists("Notification Log", {"for_user": USER_B}))  # B's records untouched

	def test_the_unit_is_told_when_its_figures_change_not_at_every_import(self):
		"""The same export applied again (next week's push with nothing booked since) writes
		the same figures: the records' timelines say so, the unit's people get nothing new."""
		told = {"for_user": ["in", [USER_A, HEAD_A]], "document_type": "Performance Monitoring"}
		as_user(OFFICER, preview().submit)
		first = frappe.db.count("Notification Log", told)
		self.assertTrue(first)
		again = preview()
		as_user(OFFICER, again.submit)
		self.assertEqual(frappe.db.count("Notification Log", told), first)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": self.made[("monitoring", "BI-01")],
					"content": ["like", f"%{again.name}%"],
				},
			)
		)  # the timeline still names the import
		changed = preview(export_xlsx([[*JULY[0][:6], 700000], *JULY[1:]]))
		as_user(OFFICER, changed.submit)
		self.assertGreater(frappe.db.count("Notification Log", told), first)

	def test_a_record_under_review_is_not_written_without_the_tick(self):
		doc = preview()
		as_user(OFFICER, doc.submit)
		ticked = frappe.get_doc("Performance Monitoring", self.made[("monitoring", "BI-02")])
		self.assertEqual((ticked.annual_budget, ticked.budget_import), (100.0, None))
		self.assertEqual(
			frappe.db.get_value(
				"Performance Monitoring", self.made[("monitoring", "BI-01")], "annual_budget"
			),
			126.23,
		)

	def test_a_target_saved_after_the_preview_refuses_the_whole_apply(self):
		doc = preview()
		doc.projects[1].overwrite = 1
		as_user(OFFICER, doc.save)
		monitoring = self.made[("monitoring", "BI-01")]
		as_user(USER_A, lambda: frappe.get_doc("Performance Monitoring", monitoring).save())
		before = snapshot((self.unit_a, self.unit_b))

		with self.assertRaises(frappe.ValidationError) as refused:
			as_user(OFFICER, frappe.get_doc(IMPORT, doc.name).submit)

		self.assertIn(monitoring, str(refused.exception))
		self.assertEqual(snapshot((self.unit_a, self.unit_b)), before)
		self.assertEqual(frappe.db.get_value(IMPORT, doc.name, ["docstatus", "applied_by"]), (0, None))

	def test_an_apply_sent_with_other_figures_or_date_than_the_preview_writes_nothing(self):
		"""A submit crafted over HTTP (savedocs) with the saved preview's fields changed: without
		the payments (has_executed 0) or stamped with another as-of date, it would have written
		other figures, or the right ones marked with a wrong date, than finance saw."""
		doc = preview()
		before = snapshot((self.unit_a, self.unit_b))
		for change, label in (
			({"has_executed": 0}, "Has Payments"),
			({"has_initial": 0, "has_adjusted": 0}, "Has Initial Budget, Has Adjusted Budget"),
			({"as_of_date": f"{YEAR}-07-01"}, "Figures as of"),
			({"amount_unit": "10k Yuan"}, "File Amounts In"),
		):
			sent = frappe.get_doc(IMPORT, doc.name)
			sent.update(change)
			with self.assertRaises(frappe.ValidationError) as refused:
				as_user(OFFICER, sent.submit)
			self.assertIn(f"Changed after the preview: {label}.", str(refused.exception))
			self.assertEqual(snapshot((self.unit_a, self.unit_b)), before)
			self.assertEqual(frappe.db.get_value(IMPORT, doc.name, "docstatus"), 0)
		as_user(OFFICER, frappe.get_doc(IMPORT, doc.name).submit)  # as saved, it applies

	def test_a_tick_of_overwrite_is_kept_only_where_a_record_is_under_review(self):
		"""覆盖 ticked on every row, saved and then sent with the apply: it stays on BI-02
		(its monitoring record is with the unit head) and nowhere else, and only BI-02's
		record under review is written besides the ones to fill."""
		doc = preview()
		for row in doc.projects:
			row.overwrite = 1
		as_user(OFFICER, doc.save)
		self.assertEqual(
			[(r.project_code, r.overwrite) for r in doc.projects],
			[("BI-01", 0), ("BI-02", 1), ("BI-03", 0), ("BI-04", 0)],
		)
		confirmed = frappe.db.get_value(
			"Performance Monitoring", self.made[("monitoring", "BI-03")], "*", as_dict=True
		)
		sent = frappe.get_doc(IMPORT, doc.name)
		for row in sent.projects:
			row.overwrite = 1  # as a crafted submit sends them
		as_user(OFFICER, sent.submit)
		self.assertEqual(
			list(
				frappe.get_all(
					ROW,
					{"parent": doc.name, "parentfield": "projects"},
					["project_code", "overwrite"],
					order_by="idx",
					as_list=True,
				)
			),
			[("BI-01", 0), ("BI-02", 1), ("BI-03", 0), ("BI-04", 0)],
		)
		self.assertEqual(
			frappe.db.get_value(IMPORT, doc.name, ["records_to_fill", "records_not_written"]), (3, 4)
		)
		after = frappe.db.get_value(
			"Performance Monitoring", self.made[("monitoring", "BI-03")], "*", as_dict=True
		)
		self.assertEqual(
			{**after, "budget_gap": None}, {**confirmed, "budget_gap": None}
		)  # only the gap shown

	def test_an_applied_import_is_not_amended(self):
		doc = preview()
		as_user(OFFICER, doc.submit)
		amended = frappe.copy_doc(doc)
		amended.amended_from = doc.name
		with self.assertRaisesRegex(frappe.ValidationError, "An applied import is not amended"):
			as_user(OFFICER, amended.insert)
		self.assertFalse(frappe.db.exists(IMPORT, {"amended_from": doc.name}))

	def test_a_refusal_while_writing_leaves_every_record_as_it_was(self):
		doc = preview()
		doc.projects[1].overwrite = 1
		as_user(OFFICER, doc.save)
		before = snapshot((self.unit_a, self.unit_b))
		written, real_fill = [], records.fill

		def fill_then_refuse(record, figures, import_doc):
			if written:
				frappe.throw("第二条记录保存失败")
			written.append(record.name)
			return real_fill(record, figures, import_doc)

		with (
			patch.object(records, "fill", side_effect=fill_then_refuse),
			self.assertRaises(frappe.ValidationError),
		):
			as_user(OFFICER, frappe.get_doc(IMPORT, doc.name).submit)

		self.assertEqual(len(written), 1)  # one record was written, then taken back with the import
		self.assertEqual(snapshot((self.unit_a, self.unit_b)), before)
		self.assertEqual(frappe.db.get_value(IMPORT, doc.name, "docstatus"), 0)

	def test_the_december_figures_fill_the_self_evaluation(self):
		doc = preview(export_xlsx(DECEMBER, as_of=f"{YEAR}-12-31"))
		self.assertEqual(actions(doc), {"BI-01": ("Confirmed, Not Written", "No Record", "Fill")})
		as_user(OFFICER, doc.submit)
		evaluation = frappe.get_doc("Performance Evaluation", self.made[("evaluation", "BI-01")])
		self.assertEqual(
			[
				evaluation.get(f"{column}_{part}")
				for column in ("initial", "annual", "executed")
				for part in ("fiscal", "carryover", "other")
			],
			[120.0, 5.0, 1.23, 143.46, 5.0, 1.23, 139.88, 5.0, 1.2],
		)

	def test_the_as_of_date_finance_types_and_a_file_swapped_after_the_preview(self):
		# no 截止日期 in the file: the date finance types, in the year
		doc = preview(export_xlsx(JULY, as_of=None), as_of_date=f"{YEAR}-06-30")
		self.assertEqual(
			(str(doc.as_of_date), actions(doc)["BI-01"]),
			(f"{YEAR}-06-30", ("Confirmed, Not Written", "No Record", "")),
		)  # no round ends in June
		with language("zh"), self.assertRaises(frappe.ValidationError) as outside:
			preview(export_xlsx(JULY, as_of=None), as_of_date="2085-12-31")
		self.assertEqual(str(outside.exception), f"数据截止日期 2085-12-31 不在绩效年度 {YEAR} 内。")
		frappe.db.rollback()

		doc = preview()
		before = snapshot((self.unit_a, self.unit_b))
		doc.db_set("source_file", upload(export_xlsx(JULY[:4]), "另一份.xlsx"))
		with self.assertRaisesRegex(frappe.ValidationError, "The file changed after the preview"):
			as_user(OFFICER, frappe.get_doc(IMPORT, doc.name).submit)
		self.assertEqual(snapshot((self.unit_a, self.unit_b)), before)

	def test_refusals_are_in_chinese(self):
		with language("zh"):
			with self.assertRaises(frappe.ValidationError) as no_date:
				preview(export_xlsx(JULY, as_of=None))
			self.assertEqual(
				str(no_date.exception), "文件没有“截止日期”：请在“数据截止日期”中填写文件数据的截止日期。"
			)
			frappe.db.rollback()
			bad_source = [["BI-01", "培训项目一", A, "专项债券", 1, 1, 1]]
			with self.assertRaises(frappe.ValidationError) as unknown:
				preview(export_xlsx(bad_source))
			self.assertIn("专项债券", str(unknown.exception))
			self.assertNotRegex(str(unknown.exception), "[A-Za-z]{4}")

	def test_rest_push_of_rows_and_of_a_file_then_apply(self):
		rows = [
			{
				"项目编码": line[0],
				"资金性质": line[3],
				"调整后预算数（元）": line[5],
				"支付数（元）": line[6],
				"截止日期": f"{YEAR}-07-31",
			}
			for line in JULY
		]
		frappe.set_user(OFFICER)
		pushed = api.push(YEAR, rows=json.dumps(rows, ensure_ascii=False))
		self.assertEqual(
			[pushed[k] for k in ("records_to_fill", "records_needing_choice", "records_not_written")],
			[1, 1, 2],
		)
		self.assertEqual(
			[
				(p["project_code"], p.get("goal_action"), p.get("monitoring_action"))
				for p in pushed["projects"]
			],
			[
				("BI-01", None, "Fill"),
				("BI-02", None, "Needs Your Choice"),
				("BI-03", None, "Confirmed, Not Written"),
				("BI-04", None, "No Record"),
			],
		)  # no 年初预算数 in the push: the goals are not concerned, the monitoring's budget not written
		applied = api.apply(pushed["name"], overwrite=json.dumps(["BI-02"]))
		self.assertEqual(
			[(w["project_code"], w["doctype"]) for w in applied["written"]],
			[("BI-01", "Performance Monitoring"), ("BI-02", "Performance Monitoring")],
		)
		self.assertEqual(
			frappe.db.get_value(IMPORT, pushed["name"], ["source", "docstatus"]), ("Budget System Push", 1)
		)
		with self.assertRaisesRegex(frappe.ValidationError, "applied already"):
			api.apply(pushed["name"])
		# arguments as a careless or hostile client sends them: refused in words (no 500), nothing made
		before = frappe.db.count(IMPORT)
		for bad, message in (
			("[{'项目编码': 1", "rows is not valid JSON"),
			('{"项目编码": "BI-01"}', "must be a JSON list of objects"),
			("[1, 2]", "Row 1 is not an object"),
		):
			with self.assertRaisesRegex(frappe.ValidationError, message):
				api.push(YEAR, rows=bad)
		with self.assertRaisesRegex(frappe.ValidationError, "not base64"):
			api.push(YEAR, file="%%%", filename="导出.xlsx")
		with self.assertRaisesRegex(frappe.ValidationError, "either rows or file"):
			api.push(YEAR)
		self.assertEqual(frappe.db.count(IMPORT), before)
		draft = api.push(YEAR, rows=json.dumps(rows, ensure_ascii=False))["name"]
		for bad, message in (
			("BI-02", "not valid JSON"),
			('{"BI-02": 1}', "is a JSON list of project codes"),
		):
			with self.assertRaisesRegex(frappe.ValidationError, message):
				api.apply(draft, overwrite=bad)
		self.assertEqual(frappe.db.get_value(IMPORT, draft, "docstatus"), 0)

		content = export_xlsx(JULY)
		pushed = api.push(YEAR, file=base64.b64encode(content).decode(), filename="一体化导出.xlsx")
		frappe.set_user("Administrator")
		doc = frappe.get_doc(IMPORT, pushed["name"])
		self.assertEqual((doc.file_hash, doc.records_to_fill), (hashlib.sha256(content).hexdigest(), 2))
		self.assertEqual(
			frappe.db.get_value("File", {"file_url": doc.source_file}, ["is_private", "attached_to_name"]),
			(1, doc.name),
		)

	def test_unit_people_can_neither_import_nor_see_an_import(self):
		doc = preview()
		for user in (USER_A, HEAD_A):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError):
				api.push(YEAR, rows="[]")
			with self.assertRaises(frappe.PermissionError):
				api.apply(doc.name)
			for doctype, extra in (
				(IMPORT, {}),
				(ROW, {"parent_doctype": IMPORT}),
				("Budget Import Mapping", {}),
			):
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list(doctype, fields=["name"], **extra)
			with self.assertRaises(frappe.PermissionError):
				frappe.call(overridden("frappe.client.get_count"), doctype=IMPORT)
			with self.assertRaises(frappe.PermissionError):
				frappe.call(overridden("frappe.client.get"), doctype=IMPORT, name=doc.name)
			file_name = frappe.db.get_value("File", {"file_url": doc.source_file}, "name")
			self.assertFalse(frappe.has_permission("File", doc=file_name))
		frappe.set_user(FINANCE_HEAD)  # finance sees it (a site may hold other imports too)
		self.assertIn(doc.name, frappe.get_list(IMPORT, pluck="name"))

	def test_mappings_are_finances_setting(self):
		from perf_budget.budget_system.importing import install_default_mapping

		frappe.set_user(OFFICER)
		default = frappe.get_doc("Budget Import Mapping", DEFAULT_MAPPING_NAME)
		default.executed_titles += "\n本期累计支付数"
		default.save()
		frappe.set_user("Administrator")
		install_default_mapping()  # every migrate: created when missing, never overwritten
		self.assertTrue(
			frappe.get_doc("Budget Import Mapping", DEFAULT_MAPPING_NAME).executed_titles.endswith(
				"\n本期累计支付数"
			)
		)

		frappe.set_user(OFFICER)
		mapping = frappe.get_doc(
			{
				"doctype": "Budget Import Mapping",
				"mapping_name": "两处同名",
				"amount_unit": "Yuan",
				"code_titles": "项目编码",
				"name_titles": "项目编码",
				"source_titles": "资金性质",
				"adjusted_titles": "调整后预算数",
				"executed_titles": "支付数",
				"fund_sources": [{"source_name": "一般公共预算", "category": "Fiscal"}],
			}
		)
		with language("zh"), self.assertRaises(frappe.ValidationError) as refused:
			mapping.insert()
		self.assertEqual(
			str(refused.exception),
			"列映射把标题 项目编码 同时列在「项目编码」和「项目名称」下；请只保留在其中一处",
		)
		mapping.name_titles, mapping.is_default = "项目名称", 1
		mapping.insert()
		# one default: the new one replaces the installed one
		self.assertEqual(
			frappe.get_all("Budget Import Mapping", {"is_default": 1}, pluck="name"), ["两处同名"]
		)

	def test_a_whole_bureaus_export_is_more_than_a_typed_table(self):
		# 260 project codes (more than the 200 rows a person may type into a table): read,
		# previewed and previewed again; none of them is this year's goal
		lines = [[f"QT-{n:03}", f"其他项目{n}", A, "一般公共预算", 1000, 1000, 500] for n in range(260)]
		doc = preview(export_xlsx(lines))
		self.assertEqual((doc.codes_unmatched, len(doc.unmatched), doc.file_lines), (260, 260, 260))
		as_user(OFFICER, doc.save)
		self.assertEqual(frappe.db.count(ROW, {"parent": doc.name, "parentfield": "unmatched"}), 260)
