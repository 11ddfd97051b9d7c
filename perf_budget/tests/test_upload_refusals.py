"""Uploads the desk's imports refuse (issue 11, item 5), over HTTP as the
desk sends them: upload_file, then the import with the File's URL. An empty
upload never falls back to an older file of the same name (the user's own,
or another user's private one), and a text file — however named — is told
it is not an Excel workbook (417), never answered with a 500."""

import io
import json
import time

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.excel.upload import NOT_XLSX
from perf_budget.exchange.goals import goal_workbook
from perf_budget.tests.factories import PREFIX, make_goal, make_unit, make_user, make_year, session_for

YEAR = "2066"
USER, OTHER = "upload.user@perf.test", "upload.other@perf.test"
UNITS = ("上传科", "上传乙科")
EARLIER, OTHERS = "目标申报表.xlsx", "乙科目标申报表.xlsx"
IMPORTS = (
	"perf_budget.exchange.goals.import_goal_file",
	"perf_budget.exchange.monitoring.import_monitoring_file",
	"perf_budget.exchange.evaluations.import_evaluation_file",
)
EMPTY = "The uploaded file is empty; choose the filled form and upload it again."
DESK_GOAL = "桌面上刚改过的年度目标"


def private_file(owner: str, file_name: str, content: bytes) -> str:
	frappe.set_user(owner)
	try:
		return (
			frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})
			.insert()
			.file_url
		)
	finally:
		frappe.set_user("Administrator")


def remove_test_data():
	"""Everything the tests committed; again a moment later when another test
	on the shared site holds the same rows (Budget Unit is a tree: adding any
	unit locks its neighbours)."""
	frappe.set_user("Administrator")
	for attempt in range(5):
		frappe.db.rollback()
		try:
			remove_records()
			frappe.db.commit()
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			if attempt == 4:
				raise
			time.sleep(2)


def remove_records():
	for user in (USER, OTHER):
		for name in frappe.get_all("File", filters={"owner": user}, pluck="name"):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Performance Goal", filters={"performance_year": YEAR}, pluck="name"):
		frappe.delete_doc("Performance Goal", name, force=True, ignore_permissions=True)
	for user in (USER, OTHER):
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for unit in UNITS:
		if frappe.db.exists("Budget Unit", f"{PREFIX}{unit}"):
			frappe.delete_doc("Budget Unit", f"{PREFIX}{unit}", force=True, ignore_permissions=True)
	if frappe.db.exists("Performance Year", YEAR):
		frappe.delete_doc("Performance Year", YEAR, force=True, ignore_permissions=True)


class TestUploadRefusals(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_test_data()  # what an interrupted run left
		make_year(YEAR)
		cls.unit, cls.other_unit = (make_unit(unit).name for unit in UNITS)
		make_user(USER, unit=cls.unit)
		make_user(OTHER, unit=cls.other_unit)
		frappe.set_user(USER)
		cls.goal = make_goal(cls.unit, year=YEAR, project_code="UP-1").name
		frappe.set_user(OTHER)
		other_goal = make_goal(cls.other_unit, year=YEAR, project_code="UP-2").name
		frappe.set_user("Administrator")
		# files already on the server under the names the empty uploads take:
		# the user's own earlier export of the goal, and another unit's form
		cls.earlier_url = private_file(USER, EARLIER, goal_workbook([cls.goal]))
		cls.others_url = private_file(OTHER, OTHERS, goal_workbook([other_goal]))
		cls.sid = session_for(USER)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_test_data()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def upload(self, file_name: str, content: bytes):
		"""The desk's uploader: a private File, no record attached (the import reads it)."""
		data = {"sid": self.sid, "is_private": 1, "folder": "Home", "file": (io.BytesIO(content), file_name)}
		return make_request(
			target=self.TEST_CLIENT.post, args=("/api/method/upload_file",), kwargs={"data": data}
		)

	def post(self, method: str, **data):
		response = make_request(
			target=self.TEST_CLIENT.post,
			args=(f"/api/method/{method}",),
			kwargs={"data": {**data, "sid": self.sid}},
		)
		body = response.json or {}
		messages = [json.loads(m)["message"] for m in json.loads(body.get("_server_messages") or "[]")]
		return response.status_code, body.get("exc_type"), messages

	def goal_now(self) -> tuple:
		frappe.db.rollback()  # a fresh snapshot: what the requests committed
		return frappe.db.get_value("Performance Goal", self.goal, ["annual_goal", "modified"])

	def test_an_empty_upload_never_reads_an_older_file_of_its_name(self):
		frappe.db.set_value("Performance Goal", self.goal, "annual_goal", DESK_GOAL)
		frappe.db.commit()
		before = self.goal_now()
		for file_name in (EARLIER, OTHERS):
			uploaded = self.upload(file_name, b"")
			file_url = ((uploaded.json or {}).get("message") or {}).get("file_url") or ""
			for method in IMPORTS:
				self.assertEqual(self.post(method, file_url=file_url), (417, "ValidationError", [EMPTY]))
		self.assertEqual(self.goal_now(), before)
		self.assertEqual(before[0], DESK_GOAL)

	def test_another_users_upload_is_not_found_by_its_url(self):
		status, exc_type, messages = self.post(IMPORTS[0], file_url=self.others_url)
		self.assertEqual(
			(status, exc_type, messages),
			(403, "PermissionError", [f"The uploaded file {self.others_url} was not found."]),
		)

	def test_text_files_are_told_they_are_not_excel_workbooks(self):
		before = self.goal_now()
		for file_name, content in (
			("目标.txt", "项目名称,年度目标\n".encode()),
			("目标.html", b"<html><body><table><tr><td>1</td></tr></table></body></html>"),
			("目标.csv", "项目名称,年度目标\n培训,完成\n".encode()),
			("目标另存.xlsx", "项目名称,年度目标\n培训,完成\n".encode()),
			("目标gbk.xlsx", "项目名称,年度目标\n".encode("gbk")),
		):
			uploaded = self.upload(file_name, content)
			self.assertEqual(uploaded.status_code, 200, uploaded.json)
			file_url = uploaded.json["message"]["file_url"]
			for method in IMPORTS:
				status, _exc_type, messages = self.post(method, file_url=file_url)
				self.assertEqual((status, len(messages)), (417, 1), (file_name, method, messages))
				self.assertIn(NOT_XLSX, messages[0], (file_name, method))
		self.assertEqual(self.goal_now(), before)
