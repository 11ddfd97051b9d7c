"""A hostile unit's view of the site, for the isolation tests: another unit's
records of every kind, with everything Frappe keeps around them (rows,
versions, comments, files, shares, assignments, tags, follows, likes,
workflow actions), each carrying a marker the attacker never sends.

``make_victim`` builds it (as Administrator) and returns the names;
``fingerprint`` reads back everything an attack could change.
"""

import hashlib
import json

import frappe
from frappe.desk.doctype.tag.tag import DocTags

from perf_budget.doctypes import CHILD_DOCTYPES, FINANCE_CHILD_DOCTYPES, POINTERS, UNIT_DOCTYPES
from perf_budget.experts import make_score_sheet
from perf_budget.rounds import create_records
from perf_budget.tests.department_goals import make_department_goal
from perf_budget.tests.factories import goal_indicators, make_goal, make_unit, make_user, make_year

MARK = "VMARK"  # in every text of the victim; the attacker never sends it
TAG = "乙科标签"
BUDGET_IMPORT = "Budget Execution Import"
# the rows of the victim's records and of finance's imports naming the victim's project
ROW_DOCTYPES = {**CHILD_DOCTYPES, **FINANCE_CHILD_DOCTYPES}


def marked_indicators():
	rows = goal_indicators()
	for row in rows:
		row["indicator_name"] = f"{MARK}{row['indicator_name']}"
	return rows


def marked_medium_term_indicators():
	"""The 申报表's medium-term half: a child table of its own, reached through every door too."""
	keys = ("level1", "level2", "indicator_name", "operator", "target_value", "target_text", "unit")
	return [{key: row.get(key) for key in keys} for row in marked_indicators()]


def make_victim(year: str, prefix: str) -> frappe._dict:
	"""Units A (the attacker's) and B (the victim's), their people, and B's
	records of every kind. Committed: the REST client runs on its own connection."""
	frappe.set_user("Administrator")
	make_year(year)
	v = frappe._dict(year=year)
	v.unit_a = make_unit(f"{prefix}甲科").name
	v.unit_b = make_unit(f"{prefix}乙科").name
	v.attacker, v.attacker_head = f"{prefix}.a@perf.test", f"{prefix}.ahead@perf.test"
	v.victim, v.victim_head = f"{prefix}.b@perf.test", f"{prefix}.bhead@perf.test"
	make_user(v.attacker, unit=v.unit_a)
	make_user(v.attacker_head, unit=v.unit_a, unit_role="Perf Unit Head")
	make_user(v.victim, unit=v.unit_b)
	make_user(v.victim_head, unit=v.unit_b, unit_role="Perf Unit Head")

	goal = make_goal(
		v.unit_b,
		year=year,
		project_code=f"{prefix}-B1",
		project_name=f"{MARK}乙科项目",
		annual_goal=f"{MARK}年度目标",
		indicators=marked_indicators(),
		medium_term_indicators=marked_medium_term_indicators(),
		# a policy (art. 19): its documents are rows of the goal too
		expenditure_type="Policy Expenditure",
		policy_documents=[{"document_title": f"{MARK}依据文件", "document_number": f"{MARK}文号"}],
		policy_term_start=f"{year}-01-01",
		policy_term_end=f"{year}-12-31",
	)
	frappe.db.set_value(
		"Performance Goal", goal.name, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
	)
	draft = make_goal(
		v.unit_b,
		year=year,
		project_code=f"{prefix}-B2",
		project_name=f"{MARK}乙科草稿",
		indicators=marked_indicators(),
	)
	v.goal, v.draft = goal.name, draft.name
	v.own_goal = make_goal(
		v.unit_a, year=year, project_code=f"{prefix}-A1", project_name="甲科自己的项目"
	).name
	monitoring = create_records("Performance Monitoring", [goal.name], {"period_end_month": 7})[0]
	evaluation = create_records("Performance Evaluation", [goal.name])[0]
	ev = frappe.get_doc("Performance Evaluation", evaluation)
	ev.append("experts", {"expert_name": f"{MARK}专家", "opinion": f"{MARK}意见"})
	ev.flags.ignore_permissions = True
	ev.save()
	ev.append("site_visits", {"visit_date": "2026-06-01", "place": f"{MARK}现场", "findings": f"{MARK}所见"})
	ev.append("checklist", {"item": f"{MARK}资料", "note": f"{MARK}备注"})
	ev.save()
	v.survey = (
		frappe.get_doc(
			{
				"doctype": "Satisfaction Survey",
				"performance_evaluation": evaluation,
				"survey_title": f"{MARK}问卷",
				"questions": [{"question": f"{MARK}题目"}],
				"responses": [{"respondent": f"{MARK}答卷", "q1": "满意"}],
			}
		)
		.insert()
		.name
	)
	v.expert = (
		frappe.get_doc(
			{
				"doctype": "Performance Expert",
				"expert_name": f"{prefix}专家",
				"speciality": "绩效评价",
				"organization": "市财经大学",
			}
		)
		.insert()
		.name
	)
	sheet = frappe.get_doc("Expert Score Sheet", make_score_sheet(evaluation, v.expert))
	sheet.opinion = f"{MARK}专家意见"
	sheet.scores[0].remark = f"{MARK}评分说明"
	v.sheet = sheet.save().name
	frappe.db.set_value("Performance Evaluation", evaluation, {"docstatus": 1, "workflow_state": "Accepted"})
	frappe.db.set_value("Performance Monitoring", monitoring, "review_opinion", f"{MARK}监控意见")
	v.monitoring, v.evaluation = monitoring, evaluation
	v.advice = (
		frappe.get_doc({"doctype": "Budget Advice", "performance_evaluation": evaluation}).insert().name
	)
	rect = frappe.get_doc(
		{
			"doctype": "Rectification",
			"source_description": f"{MARK}来源",
			"performance_year": year,
			"budget_unit": v.unit_b,
			"performance_goal": goal.name,
			"problem": f"{MARK}问题",
			"requirement": f"{MARK}整改要求",
		}
	).insert()
	v.rectification = rect.name
	# received from the city finance bureau (submitted: a unit reads only those), with a finding;
	# the institution register is finance-only and names the unit among its conflicts
	# its name is no secret (a unit reads it on the evaluations it receives): the marker is in the rest
	v.institution = f"{prefix}评价机构"
	if not frappe.db.exists("Evaluation Institution", v.institution):
		frappe.get_doc(
			{
				"doctype": "Evaluation Institution",
				"institution_name": v.institution,
				"contact_person": f"{MARK}联系人",
				"address": f"{MARK}地址",
				"unified_social_credit_code": "91110000"
				+ hashlib.md5(prefix.encode()).hexdigest()[:10].upper(),
				"conflicts": [{"conflict_unit": v.unit_b, "reason": f"{MARK}回避理由"}],
			}
		).insert()
	external = frappe.get_doc(
		{
			"doctype": "External Evaluation",
			"kind": "Review of Self-Evaluation",
			"evaluator": "City Finance Bureau",
			"performance_goal": goal.name,
			"performance_evaluation": evaluation,
			"date_received": f"{year}-09-01",
			"score": 81,
			"conclusion": f"{MARK}复核结论",
			"findings": [
				{"finding": f"{MARK}复核问题", "requirement": f"{MARK}复核要求", "due_date": f"{year}-12-31"}
			],
		}
	).insert()
	external.submit()
	v.external_evaluation = external.name
	v.file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "乙科整改报告.txt",  # the URL is sent in attacks; the content is the secret
			"content": f"{MARK}整改报告正文",
			"attached_to_doctype": "Rectification",
			"attached_to_name": rect.name,
			"is_private": 1,
		}
	).insert()
	v.file_url = v.file.file_url
	interview = frappe.get_doc(
		{
			"doctype": "Performance Interview",
			"performance_year": year,
			"budget_unit": v.unit_b,
			"reason": "Other",
			"interview_date": f"{year}-06-01",
			"interview_form": "Individual",
			"matters": f"{MARK}约谈事项",
			"interviewers": [{"participant_name": f"{MARK}约谈人"}],
			"interviewees": [{"participant_name": f"{MARK}被约谈人"}],
			"commitments": [
				{"commitment": f"{MARK}承诺", "due_date": f"{year}-07-01", "performance_goal": goal.name}
			],
		}
	).insert()
	v.interview = interview.name
	v.referral = (
		frappe.get_doc(
			{
				"doctype": "Accountability Referral",
				"performance_year": year,
				"budget_unit": v.unit_b,
				"referral_date": f"{year}-08-01",
				"referred_to": f"{MARK}纪检部门",
				"legal_basis": "Other",
				"facts": f"{MARK}事实",
			}
		)
		.insert()
		.name
	)
	# an ex-ante assessment of the goal: its scores and evidence are rows of it
	exante = frappe.get_doc(
		{
			"doctype": "Ex-ante Assessment",
			"performance_goal": goal.name,
			"background": f"{MARK}立项背景",
			"evidence": [{"title": f"{MARK}评估依据", "description": f"{MARK}依据说明"}],
		}
	).insert()
	exante.dimensions[0].finding = f"{MARK}评估发现"
	v.exante = exante.save().name

	# the unit's department-wide goal (部门整体): its key tasks and indicators are rows too
	v.department_goal = make_department_goal(v.unit_b, year, marker=MARK).name
	# its monitoring and self-evaluation, made by the rounds from the confirmed goal
	frappe.db.set_value(
		"Department Performance Goal", v.department_goal, {"docstatus": 1, "workflow_state": "Confirmed"}
	)
	for doctype, values, text in (
		("Department Performance Monitoring", {"period_end_month": 7}, "task_progress"),
		("Department Performance Evaluation", {}, "problems"),
	):
		record = frappe.get_doc(doctype, create_records(doctype, [v.department_goal], values)[0])
		record.set(text, f"{MARK}部门整体进展")
		record.flags.ignore_permissions = True
		v[frappe.scrub(doctype)] = record.save().name

	# finance's own record (a written report): no unit user may reach it either
	v.report = (
		frappe.get_doc(
			{
				"doctype": "Performance Report",
				"report_kind": "Self-Evaluation Summary Report",
				"performance_year": year,
				"title": f"{MARK}总结报告",
				"basic_situation": f"{MARK}基本情况",
			}
		)
		.insert()
		.name
	)

	make_budget_imports(v, prefix)

	goal_doc = frappe.get_doc("Performance Goal", goal.name)
	v.comment = goal_doc.add_comment("Comment", f"{MARK}评审意见").name
	v.version = (
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Performance Goal",
				"docname": goal.name,
				"data": json.dumps({"changed": [["review_rating", "", f"{MARK}Good"]]}),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	v.todo = (
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": v.victim_head,
				"reference_type": "Performance Goal",
				"reference_name": draft.name,
				"description": f"{MARK}请审核",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	DocTags("Performance Goal").add(goal.name, TAG)
	v.tag_link = frappe.db.get_value("Tag Link", {"document_name": goal.name}, "name")
	v.share = (
		frappe.get_doc(
			{
				"doctype": "DocShare",
				"share_doctype": "Performance Goal",
				"share_name": draft.name,
				"user": v.victim_head,
				"read": 1,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	v.workflow_action = (
		frappe.get_doc(
			{
				"doctype": "Workflow Action",
				"reference_doctype": "Performance Goal",
				"reference_name": draft.name,
				"workflow_state": "Pending Unit Head",
				"status": "Open",
				"user": v.victim_head,
				"permitted_roles": [{"role": "Perf Unit Head"}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	v.communication = (
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Comment",
				"comment_type": "Comment",
				"reference_doctype": "Performance Goal",
				"reference_name": goal.name,
				"subject": f"{MARK}主题",
				"content": f"{MARK}内容",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	v.follow = (
		frappe.get_doc(
			{
				"doctype": "Document Follow",
				"ref_doctype": "Performance Goal",
				"ref_docname": goal.name,
				"user": v.victim,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	frappe.db.set_value(
		"Performance Goal", goal.name, "_liked_by", json.dumps([v.victim]), update_modified=False
	)
	frappe.db.commit()
	v.rows = {
		# oldest first: the first row is one of the child's first parent DocType (targets)
		child: frappe.get_all(
			child, filters={"parent": ["in", victim_records(v)]}, pluck="name", order_by="creation"
		)
		for child in ROW_DOCTYPES
		if child != "Budget Unit Member"
	}
	v.rows["Budget Unit Member"] = frappe.get_all(
		"Budget Unit Member", filters={"parent": v.unit_b}, pluck="name"
	)
	return v


def budget_file(v, prefix: str) -> str:
	"""The budget system's export naming the victim's project (and a code of its with no
	goal), as finance received it: a CSV whose every text carries the marker. Its 年初预算数
	differs from the confirmed goal's (85 万元 fiscal against 80): the reconciliation shows it."""
	code, unit = f"{prefix}-B1", v.unit_b
	return "\n".join(
		[
			f"{MARK}项目支出预算执行情况表",
			"单位：元",
			"项目编码,项目名称,单位名称,资金性质,年初预算数,调整后预算数,支付数",
			f"{code},{MARK}乙科项目,{unit},一般公共预算,850000.00,850000.00,412345.67",
			f"{code},{MARK}乙科项目,{unit},单位资金,200000.00,200000.00,50000.00",
			f"{prefix}-B9,{MARK}乙科未立项项目,{unit},一般公共预算,10000.00,10000.00,0.00",
		]
	)


def make_budget_imports(v, prefix: str) -> None:
	"""Finance's imports of that file (issue 16), finance-only: one applied (it filled
	the victim's 1–7月 monitoring record), one still a preview that an apply by the
	attacker would write (test_door_matrix tries); each with its file attached."""
	for key, apply, file_name in (
		("budget_import", True, "乙科预算执行（已应用）.csv"),
		("budget_import_draft", False, "乙科预算执行（预览）.csv"),
	):
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"content": budget_file(v, prefix),
					"is_private": 1,
				}
			)
			.insert()
			.file_url
		)
		doc = frappe.get_doc(
			{
				"doctype": BUDGET_IMPORT,
				"performance_year": v.year,
				"source": "Upload",
				"source_file": file_url,
				"as_of_date": f"{v.year}-07-31",
			}
		).insert()
		if apply:
			doc.submit()
		v[key] = doc.name
		v[f"{key}_file"] = frappe.db.get_value(
			"File", {"attached_to_doctype": BUDGET_IMPORT, "attached_to_name": doc.name}, "name"
		)
		v[f"{key}_file_url"] = file_url


def victim_records(v) -> list[str]:
	return [
		v.goal,
		v.draft,
		v.monitoring,
		v.evaluation,
		v.advice,
		v.rectification,
		v.interview,
		v.referral,
		v.survey,
		v.sheet,
		v.report,
		v.external_evaluation,
		v.institution,
		v.department_goal,
		v.department_performance_monitoring,
		v.department_performance_evaluation,
		v.budget_import,
		v.budget_import_draft,
	]


def targets(v) -> list[tuple[str, str, str | None]]:
	"""(DocType, name, parent DocType) of one victim record of each kind, row and pointer."""
	found = [
		("Performance Goal", v.goal, None),
		("Performance Goal", v.draft, None),
		("Performance Monitoring", v.monitoring, None),
		("Performance Evaluation", v.evaluation, None),
		("Budget Advice", v.advice, None),
		("Rectification", v.rectification, None),
		("Performance Interview", v.interview, None),
		("Accountability Referral", v.referral, None),
		("Satisfaction Survey", v.survey, None),
		("Expert Score Sheet", v.sheet, None),
		("Performance Report", v.report, None),
		("External Evaluation", v.external_evaluation, None),
		("Evaluation Institution", v.institution, None),
		("Department Performance Goal", v.department_goal, None),
		("Department Performance Monitoring", v.department_performance_monitoring, None),
		("Department Performance Evaluation", v.department_performance_evaluation, None),
		("Budget Unit", v.unit_b, None),
		(BUDGET_IMPORT, v.budget_import, None),
		("File", v.budget_import_file, None),  # the export attached to the import
	]
	for child, parents in ROW_DOCTYPES.items():
		if v.rows.get(child):
			found.append((child, v.rows[child][0], parents[0]))
	pointers = {
		"Comment": v.comment,
		"Version": v.version,
		"ToDo": v.todo,
		"File": v.file.name,
		"DocShare": v.share,
		"Workflow Action": v.workflow_action,
		"Tag Link": v.tag_link,
		"Communication": v.communication,
		"Document Follow": v.follow,
	}
	found += [(doctype, name, None) for doctype, name in pointers.items() if name]
	return found


def secret_names(v) -> set[str]:
	"""Names the attacker does not know unless told: record, row and pointer names."""
	names = {name for _dt, name, _p in targets(v)} - {v.unit_b}
	names |= {row for rows in v.rows.values() for row in rows}
	names.add(v.file_url)
	names.add(v.budget_import_file_url)
	return names


def fingerprint(v) -> dict:
	"""Everything of the victim an attack could change, as plain values."""
	state = {}
	for doctype in UNIT_DOCTYPES:
		for name in frappe.get_all(doctype, filters={"budget_unit": v.unit_b}, pluck="name"):
			state[f"{doctype} {name}"] = frappe.db.get_value(doctype, name, "*", as_dict=True)
	state["Performance Report"] = frappe.db.get_value("Performance Report", v.report, "*", as_dict=True)
	state["Evaluation Institution"] = frappe.get_doc("Evaluation Institution", v.institution).as_dict()
	for name in (v.budget_import, v.budget_import_draft):
		state[f"{BUDGET_IMPORT} {name}"] = frappe.db.get_value(BUDGET_IMPORT, name, "*", as_dict=True)
	for child in ROW_DOCTYPES:
		rows = frappe.get_all(
			child, filters={"parent": ["in", [*victim_records(v), v.unit_b]]}, fields=["*"], order_by="name"
		)
		state[child] = [{k: val for k, val in row.items()} for row in rows]
	for pointer, (dt_col, name_col) in POINTERS.items():
		state[pointer] = frappe.get_all(
			pointer,
			filters={name_col: ["in", [*victim_records(v), v.unit_b, *secret_names(v)]]},
			fields=[
				"name",
				"modified",
				"owner",
				dt_col,
				name_col,
				*(["comment_type", "content"] if pointer == "Comment" else []),
			],
			order_by="name",
		)
	state["files of the report"] = frappe.get_all(
		"File",
		filters={"file_url": v.file_url},
		fields=["name", "is_private", "attached_to_name"],
		order_by="name",
	)
	state["members"] = sorted(
		frappe.get_all(
			"User Permission", filters={"allow": "Budget Unit", "for_value": v.unit_b}, pluck="user"
		)
	)
	return frappe.parse_json(frappe.as_json(state, indent=None).replace("\n", ""))


def remove_victim(v) -> None:
	"""Delete everything make_victim made (and what attacks may have added)."""
	frappe.set_user("Administrator")
	names = [*victim_records(v), v.own_goal]
	for pointer, (_dt_col, name_col) in POINTERS.items():
		frappe.db.delete(pointer, {name_col: ["in", names]})
	for doctype in UNIT_DOCTYPES:
		for unit in (v.unit_a, v.unit_b):
			for name in frappe.get_all(doctype, filters={"budget_unit": unit}, pluck="name"):
				frappe.db.set_value(doctype, name, "docstatus", 0, update_modified=False)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("Performance Expert", v.expert, force=True, ignore_permissions=True)
	frappe.delete_doc("Evaluation Institution", v.institution, force=True, ignore_permissions=True)
	for user in (v.attacker, v.attacker_head, v.victim, v.victim_head):
		frappe.db.delete("DocShare", {"user": user})
		frappe.db.delete("ToDo", {"allocated_to": user})
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for name in (v.budget_import, v.budget_import_draft):
		frappe.db.set_value(BUDGET_IMPORT, name, "docstatus", 0, update_modified=False)
		frappe.delete_doc(BUDGET_IMPORT, name, force=True, ignore_permissions=True)
	frappe.db.set_value("Performance Report", v.report, "docstatus", 0, update_modified=False)
	frappe.delete_doc("Performance Report", v.report, force=True, ignore_permissions=True)
	for unit in (v.unit_a, v.unit_b):
		frappe.delete_doc("Budget Unit", unit, force=True, ignore_permissions=True)
	frappe.delete_doc("Performance Year", v.year, force=True, ignore_permissions=True)
	frappe.db.commit()
