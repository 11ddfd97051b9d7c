"""One test per class of hole the hostile-user probe found (issue: isolation),
each the way the probe went at it, over HTTP where it used HTTP. The door
matrix (test_door_matrix) tries every method; these pin the figures."""

import io
import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase, make_request

from perf_budget.exchange.goals import goal_workbook
from perf_budget.tests.factories import make_goal, make_user, make_year, session_for
from perf_budget.tests.hostile import MARK, TAG, make_victim, remove_victim
from perf_budget.tests.workbooks import edited

YEAR = "2093"


class TestHostileUnitUser(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.v = make_victim(YEAR, "cls")
		cls.sids = {user: session_for(user) for user in (cls.v.attacker, cls.v.victim, cls.v.victim_head)}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		remove_victim(cls.v)
		super().tearDownClass()

	def call(self, method, who=None, http="POST", **args):
		"""(status, message) of a whitelisted method over HTTP as ``who`` (the attacker)."""
		args = {k: frappe.as_json(v) if isinstance(v, dict | list) else v for k, v in args.items()}
		args["sid"] = self.sids[who or self.v.attacker]
		client = self.TEST_CLIENT
		if http == "GET":
			response = make_request(
				target=client.get, args=(f"/api/method/{method}",), kwargs={"query_string": args}
			)
		else:
			response = make_request(
				target=client.post, args=(f"/api/method/{method}",), kwargs={"data": args}
			)
		return response.status_code, (response.json or {}).get("message")

	def rest(self, verb, path, user=None, **args):
		args["sid"] = self.sids[user or self.v.attacker]
		client = self.TEST_CLIENT
		if verb == "GET":
			response = make_request(target=client.get, args=(path,), kwargs={"query_string": args})
		else:
			fn = {"PUT": client.put, "POST": client.post, "DELETE": client.delete}[verb]
			response = make_request(
				target=fn,
				args=(path,),
				kwargs={"data": json.dumps(args), "headers": {"Content-Type": "application/json"}},
			)
		return response.status_code, response.get_data().decode("utf-8", "replace")

	def upload(self, goal, **form):
		"""The desk's uploader (``upload_file``) as the attacker, attaching to ``goal``."""
		data = {"sid": self.sids[self.v.attacker], "doctype": "Performance Goal", "docname": goal, **form}
		data["file"] = (io.BytesIO(b"report"), "report.txt")
		return make_request(
			target=self.TEST_CLIENT.post, args=("/api/method/upload_file",), kwargs={"data": data}
		)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	# 1 ------------------------------------------------------------------------
	def test_search_with_ignore_user_permissions_finds_only_own_goals(self):
		status, rows = self.call(
			"frappe.desk.search.search_widget",
			doctype="Performance Goal",
			txt="",
			ignore_user_permissions=1,
			filter_fields=["budget_unit", "project_name"],
			as_dict=1,
			page_length=500,
		)
		self.assertEqual(status, 200)
		self.assertEqual(
			{r["name"] for r in rows if r.get("budget_unit") in (self.v.unit_a, self.v.unit_b)},
			{self.v.own_goal},
		)
		status, rows = self.call(
			"frappe.desk.search.search_link",
			doctype="Goal Indicator",
			txt="",
			ignore_user_permissions=1,
			reference_doctype="Performance Goal",
		)
		self.assertNotIn(MARK, json.dumps(rows, ensure_ascii=False))

	# 2 ------------------------------------------------------------------------
	def test_child_rows_are_read_only_with_their_record(self):
		status, rows = self.call(
			"frappe.client.get_list",
			doctype="Goal Indicator",
			parent="Performance Goal",
			fields=["parent", "indicator_name"],
			limit_page_length=0,
		)
		self.assertEqual(status, 200)
		self.assertEqual({r["parent"] for r in rows}, {self.v.own_goal})  # the attacker's own goal only
		row = self.v.rows["Goal Indicator"][0]
		self.assertEqual(self.rest("GET", f"/api/resource/Goal Indicator/{row}")[0], 403)
		self.assertEqual(
			self.call(
				"frappe.client.get",
				doctype="Goal Indicator",
				filters={"parent": self.v.goal},
				parent="Performance Goal",
			)[0],
			403,
		)
		self.assertFalse(
			self.call(
				"frappe.client.get_value",
				doctype="Evaluation Expert",
				fieldname="expert_name",
				filters={"parent": self.v.evaluation},
				parent="Performance Evaluation",
			)[1]
		)
		member = self.v.rows["Budget Unit Member"][0]
		self.assertEqual(self.rest("GET", f"/api/resource/Budget Unit Member/{member}")[0], 403)

	# 3 ------------------------------------------------------------------------
	def test_counts_of_other_units_versions_and_comments_are_zero(self):
		filters = [["docname", "=", self.v.goal], ["data", "like", f"%{MARK}Good%"]]
		answers = {
			doctype: self.call("frappe.client.get_count", doctype=doctype, filters=where)
			for doctype, where in (
				("Version", filters),
				("Comment", {"reference_name": self.v.goal}),
				("Communication", {"reference_name": self.v.goal}),
			)
		}
		self.assertEqual(answers, {"Version": (403, None), "Comment": (403, None), "Communication": (200, 0)})
		self.assertEqual(
			self.call("frappe.client.get_count", doctype="ToDo", filters={"reference_name": self.v.draft}),
			(200, 0),
		)
		# the victim's own user counts their assignment: the count works, it is only kept apart
		self.assertEqual(
			self.call(
				"frappe.client.get_count",
				self.v.victim_head,
				doctype="ToDo",
				filters={"reference_name": self.v.draft},
			),
			(200, 1),
		)

	# 4 ------------------------------------------------------------------------
	def test_group_by_counts_check_permission(self):
		status, _ = self.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Accountability Referral",
			field="assigned_to",
			current_filters=[["facts", "like", f"%{MARK}%"]],
		)
		self.assertEqual(status, 403)
		status, counts = self.call(
			"frappe.desk.listview.get_group_by_count",
			doctype="Performance Goal",
			field="assigned_to",
			current_filters=[["name", "=", self.v.draft]],
		)
		self.assertEqual((status, counts), (200, []))

	def test_a_chart_request_without_a_chart_is_refused_in_words(self):
		# the door matrix's list of 500s: no chart named or a definition that is not JSON
		for args in ({}, {"chart": "not json"}, {"chart": "[1, 2]"}):
			status, _ = self.call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", **args)
			self.assertEqual(status, 417, args)

	# 5 ------------------------------------------------------------------------
	def test_workflow_actions_of_other_units_are_not_listed(self):
		def listed(user):
			_status, body = self.rest(
				"GET",
				"/api/resource/Workflow Action",
				user,
				fields=json.dumps(["reference_name"]),
				limit_page_length=500,
			)
			return {r["reference_name"] for r in json.loads(body)["data"]}

		self.assertNotIn(self.v.draft, listed(self.v.attacker))
		self.assertIn(self.v.draft, listed(self.v.victim_head))

	# 6, 7 -----------------------------------------------------------------------
	def test_private_files_stay_with_their_record(self):
		status, body = self.rest(
			"GET", "/api/resource/File", fields=json.dumps(["file_url"]), limit_page_length=500
		)
		self.assertNotIn(self.v.file_url, body)
		copy = {
			"doctype": "File",
			"file_url": self.v.file_url,
			"attached_to_doctype": "Performance Goal",
			"attached_to_name": self.v.own_goal,
			"is_private": 1,
		}
		self.assertEqual(self.call("frappe.client.insert", doc=copy)[0], 403)
		self.assertEqual(frappe.db.count("File", {"file_url": self.v.file_url}), 1)
		status, body = self.rest("GET", self.v.file_url)
		self.assertEqual(status, 403)
		self.assertNotIn(MARK, body)

	def test_attachments_of_unit_records_are_private(self):
		self.assertEqual(self.v.file.is_private, 1)
		public = {
			"doctype": "File",
			"file_name": "公开.txt",
			"content": "x",
			"attached_to_doctype": "Performance Goal",
			"attached_to_name": self.v.own_goal,
			"is_private": 0,
		}
		self.assertEqual(self.call("frappe.client.insert", doc=public)[0], 403)
		response = self.upload(self.v.own_goal, is_private=0)
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		self.assertEqual(response.json["message"]["is_private"], 1)
		self.assertTrue(response.json["message"]["file_url"].startswith("/private/files/"))

	def test_the_budget_system_export_is_kept_private(self):
		"""Finance's upload of the budget system's export (issue 16: every unit's figures)
		is private even with the uploader's 私有 unticked."""
		officer = "cls.officer@perf.test"
		make_user(officer, roles=("Perf Finance Officer",))
		frappe.db.commit()
		data = {
			"sid": session_for(officer),
			"doctype": "Budget Execution Import",
			"docname": "new-budget-execution-import-1",  # the desk's attach control on a new import
			"fieldname": "source_file",
			"is_private": 0,
			"file": (io.BytesIO("项目编码,支付数\nX-1,1".encode()), "一体化导出.csv"),
		}
		response = make_request(
			target=self.TEST_CLIENT.post, args=("/api/method/upload_file",), kwargs={"data": data}
		)
		frappe.delete_doc("User", officer, force=True)
		frappe.db.commit()
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		file = response.json["message"]
		frappe.delete_doc("File", file["name"], force=True)
		frappe.db.commit()
		self.assertEqual(file["is_private"], 1)
		self.assertTrue(file["file_url"].startswith("/private/files/"))

	# 8 ------------------------------------------------------------------------
	def test_tags_do_not_name_other_units_records(self):
		self.assertEqual(
			self.call("frappe.desk.doctype.tag.tag.get_documents_for_tag", tag=f"#{TAG}"), (200, [])
		)
		self.assertEqual(
			self.call(
				"frappe.desk.doctype.tag.tag.get_tagged_docs", doctype="Performance Goal", tag=f"%{TAG}%"
			),
			(200, []),
		)
		self.assertEqual(
			self.call(
				"frappe.desk.doctype.tag.tag.add_tag", tag="甲科", dt="Performance Goal", dn=self.v.goal
			)[0],
			403,
		)

	# 9 ------------------------------------------------------------------------
	def test_a_project_code_of_another_unit_brings_nothing_of_it(self):
		make_year(str(int(YEAR) + 1))
		frappe.set_user(self.v.attacker)
		borrowed = make_goal(self.v.unit_a, year=str(int(YEAR) + 1), project_code="cls-B1")
		# nothing of the other unit's project: no last year at all (the score is the 0
		# Frappe stores for an empty number, hidden while there is no evaluated year)
		self.assertEqual(
			(
				borrowed.last_year_goal,
				borrowed.last_evaluated_year,
				borrowed.last_score,
				borrowed.last_grade,
				borrowed.last_budget_advice,
			),
			(None, None, 0, None, None),
		)

	# 10, 18 -------------------------------------------------------------------
	def test_own_draft_cannot_point_at_another_units_goal(self):
		status, _ = self.call(
			"frappe.client.set_value",
			doctype="Performance Goal",
			name=self.v.own_goal,
			fieldname="previous_version",
			value=self.v.goal,
		)
		self.assertEqual(status, 403)
		self.assertIsNone(frappe.db.get_value("Performance Goal", self.v.own_goal, "previous_version"))
		self.assertEqual(frappe.db.get_value("Performance Goal", self.v.goal, "is_current"), 1)

	# 11 -----------------------------------------------------------------------
	def test_shares_and_assignments_stay_inside_the_unit(self):
		share = {"doctype": "Performance Goal", "name": self.v.goal, "user": self.v.attacker, "read": 1}
		self.assertEqual(self.call("frappe.share.add", self.v.victim_head, **share)[0], 403)
		assign = {"doctype": "Performance Goal", "name": self.v.draft, "assign_to": [self.v.attacker]}
		self.call("frappe.desk.form.assign_to.add", self.v.victim_head, **assign)
		self.assertEqual(
			frappe.db.count(
				"DocShare", {"share_name": ["in", [self.v.goal, self.v.draft]], "user": self.v.attacker}
			),
			0,
		)
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_name": self.v.draft, "allocated_to": self.v.attacker}), 0
		)
		self.assertEqual(self.rest("GET", f"/api/resource/Performance Goal/{self.v.draft}")[0], 403)
		everyone = {"doctype": "Performance Goal", "name": self.v.goal, "everyone": 1, "read": 1}
		self.assertEqual(self.call("frappe.share.add", self.v.victim_head, **everyone)[0], 403)

	# 12 -----------------------------------------------------------------------
	def test_no_oracle_tells_whether_another_units_record_exists(self):
		exists = self.call("frappe.client.validate_link", doctype="Performance Goal", docname=self.v.goal)
		missing = self.call(
			"frappe.client.validate_link", doctype="Performance Goal", docname="PG-0000-00000"
		)
		self.assertEqual(exists, missing)
		self.assertEqual(
			self.call(
				"frappe.desk.form.linked_with.get_submitted_linked_docs",
				doctype="Budget Unit",
				name=self.v.unit_b,
			)[0],
			403,
		)
		self.assertEqual(
			self.call("frappe.desk.search.get_link_title", doctype="Performance Goal", docname=self.v.goal)[
				0
			],
			403,
		)

	# 13 -----------------------------------------------------------------------
	def test_an_import_never_reaches_another_units_goal(self):
		from perf_budget.exchange.goals import import_goals

		draft_code = frappe.db.get_value("Performance Goal", self.v.draft, "project_code")
		before = frappe.db.get_value(
			"Performance Goal", self.v.draft, ["budget_unit", "modified", "project_name"]
		)
		form = edited(goal_workbook([self.v.own_goal]), lambda f: {f.right_of("项目编码"): draft_code})
		frappe.set_user(self.v.attacker)
		result = import_goals(form, "goal.xlsx")
		frappe.set_user("Administrator")
		self.assertEqual(len(result["created"]), 1)  # a new goal of the importer's own unit
		self.assertEqual(result["sheets"][0]["record"], result["created"][0])
		self.assertEqual(
			frappe.db.get_value("Performance Goal", result["created"][0], "budget_unit"), self.v.unit_a
		)
		self.assertEqual(
			frappe.db.get_value(
				"Performance Goal", self.v.draft, ["budget_unit", "modified", "project_name"]
			),
			before,
		)

	# 14 -----------------------------------------------------------------------
	def test_rows_of_another_unit_cannot_be_changed_added_or_moved(self):
		row = self.v.rows["Goal Indicator"][0]
		before = frappe.db.get_value("Goal Indicator", row, ["parent", "indicator_name", "weight"])
		self.assertEqual(
			self.rest("PUT", f"/api/resource/Goal Indicator/{row}", indicator_name="HACK")[0], 403
		)
		self.assertEqual(
			self.rest("PUT", f"/api/resource/Goal Indicator/{row}", parent=self.v.own_goal)[0], 403
		)
		self.assertIn(
			self.rest(
				"POST",
				"/api/resource/Goal Indicator",
				parent=self.v.draft,
				parenttype="Performance Goal",
				parentfield="indicators",
				indicator_name="HACK",
			)[0],
			(403, 417),
		)
		# a row of the victim sent by name inside one's own goal
		own = frappe.get_doc("Performance Goal", self.v.own_goal).as_dict()
		own["indicators"][0]["name"] = row
		self.assertEqual(self.call("frappe.client.save", doc=own)[0], 403)
		self.assertEqual(
			frappe.db.get_value("Goal Indicator", row, ["parent", "indicator_name", "weight"]), before
		)

	# 15 -----------------------------------------------------------------------
	def test_no_write_to_another_units_record_by_file_like_or_follow(self):
		status, _ = self.call(
			"frappe.desk.like.toggle_like", doctype="Performance Goal", name=self.v.goal, add="Yes"
		)
		self.assertEqual(status, 403)
		status, _ = self.call(
			"frappe.desk.form.document_follow.follow_document",
			doctype="Performance Goal",
			doc_name=self.v.goal,
			user=self.v.attacker,
		)
		self.assertEqual(status, 403)
		self.assertEqual(
			frappe.db.count("Document Follow", {"ref_docname": self.v.goal, "user": self.v.attacker}), 0
		)
		self.assertNotIn(
			self.v.attacker, frappe.db.get_value("Performance Goal", self.v.goal, "_liked_by") or ""
		)
		response = self.upload(self.v.goal)
		self.assertEqual(response.status_code, 403)
		self.assertEqual(frappe.db.count("File", {"attached_to_name": self.v.goal}), 0)

	# 20 -----------------------------------------------------------------------
	def test_a_closed_years_draft_cannot_move_to_an_open_year(self):
		closed, open_year = make_year("2079"), make_year("2078")
		goal = make_goal(self.v.unit_a, year=closed.name, project_code="cls-C")
		frappe.db.set_value("Performance Year", closed.name, "status", "Closed")
		frappe.set_user(self.v.attacker)
		doc = frappe.get_doc("Performance Goal", goal.name)
		doc.performance_year = open_year.name
		self.assertRaises(frappe.ValidationError, doc.save)
