"""The evaluation procedure of art. 22 on a real site: the data checklist, site
visits, a questionnaire of 200 responses imported from Excel as people type
them, and the steps the settings require before a self-evaluation leaves the unit."""

import io
import time
from decimal import ROUND_HALF_UP, Decimal

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from perf_budget.exchange.surveys import import_responses
from perf_budget.rounds import create_records
from perf_budget.rules.procedure import DEFAULT_CHECKLIST
from perf_budget.settings import clear_rules_cache
from perf_budget.tests.factories import (
	attach_file,
	committed,
	goal_indicators,
	make_confirmed_goal,
	make_unit_people,
	make_year,
	remove_committed,
)
from perf_budget.workflow.actions import act_as

YEAR = "2071"
USER, HEAD, OFFICER = "proc.user@perf.test", "proc.head@perf.test", "proc.officer@perf.test"
QUESTIONS = 10
# What people typed, and whether it is 满意 or better (None: not answered).
TYPED = [
	("非常满意", True),
	(5, True),
	("满意", True),
	("4", True),
	("一般", False),
	(" 满意 ", True),
	("不满意", False),
	("", None),
	("５", True),
	("比较满意", True),
	("非常不满意", False),
	("5.0", True),
	(2, False),
]
SATISFIED = {str(typed).strip(): flag for typed, flag in TYPED}


def scored_expert(evaluation: str, name: str, score: float) -> None:
	"""An expert row with its score, as the expert review (its score sheet) leaves it."""
	row = frappe.get_doc("Performance Evaluation", evaluation).append(
		"experts", {"expert_name": name, "expert_score": score}
	)
	row.db_insert()


def percent(part: int, whole: int) -> float:
	return float((Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def two_satisfaction_indicators():
	rows = [row for row in goal_indicators() if row["level1"] != "Satisfaction"]
	for name in ("参训人员满意度", "用人单位满意度"):
		rows.append(
			{
				"level1": "Satisfaction",
				"level2": "Service Recipient",
				"indicator_name": name,
				"operator": ">=",
				"target_value": 90,
				"unit": "%",
				"weight": 5,
			}
		)
	return rows


def answer_sheet(rows: list[list]) -> bytes:
	"""The template's layout, filled the way a person does."""
	workbook = Workbook()
	sheet = workbook.active
	sheet.title = "答卷"
	sheet.append(["满意度调查答卷"])
	sheet.append(["答卷编号", *(f"第{i}题 问题{i}" for i in range(1, QUESTIONS + 1))])
	for row in rows:
		sheet.append(row)
	output = io.BytesIO()
	workbook.save(output)
	return output.getvalue()


def responses_200() -> list[list]:
	"""10 whole-blank, 5 with a typo, 2 reusing a respondent number, 183 valid."""
	rows = []
	for i in range(200):
		respondent = f"R{i + 1:03d}"
		if i < 10:
			rows.append([respondent] + [None] * QUESTIONS)
			continue
		answers = [TYPED[(i * 3 + q) % len(TYPED)][0] for q in range(QUESTIONS)]
		if i < 15:
			answers[2] = "满竟"
		if i in (15, 16):
			respondent = "R012"
		rows.append([respondent, *answers])
	return rows


def expected(rows: list[list]) -> dict:
	"""The figures the rules of the survey give, counted here from what was typed."""
	valid = [row[1:] for row in rows[17:]]
	answered, satisfied = [0] * QUESTIONS, [0] * QUESTIONS
	satisfied_people = 0
	for answers in valid:
		flags = [SATISFIED[str(a).strip() if a is not None else ""] for a in answers]
		for q, flag in enumerate(flags):
			if flag is not None:
				answered[q] += 1
				satisfied[q] += flag
		given = [f for f in flags if f is not None]
		satisfied_people += 2 * sum(given) >= len(given)
	return {
		"valid": len(valid),
		"answered": answered,
		"satisfied": satisfied,
		"satisfied_people": satisfied_people,
		"questions": [percent(s, a) for s, a in zip(satisfied, answered, strict=True)],
		"overall": percent(satisfied_people, len(valid)),
		"q1_q2": percent(satisfied[0] + satisfied[1], answered[0] + answered[1]),
	}


class TestEvaluationProcedure(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			unit = make_unit_people("评价程序科", USER, HEAD, OFFICER)
			goal = make_confirmed_goal(
				unit, USER, HEAD, OFFICER, YEAR, "PROC-1", indicators=two_satisfaction_indicators()
			)
			evaluation = create_records("Performance Evaluation", [goal.name])[0]
			frappe.db.set_value("Performance Evaluation", evaluation, "owner", USER)
			return unit, evaluation

		# made once and committed: what each test adds is rolled back
		cls.unit, cls.evaluation = committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(users=(USER, HEAD, OFFICER), units=(cls.unit,), years=(YEAR,))
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		frappe.clear_document_cache("Perf Budget Settings", "Perf Budget Settings")
		clear_rules_cache()

	# -- helpers ---------------------------------------------------------------
	def fill(self, **values):
		"""The figures a unit enters: budget 100 万元, all spent, every target met."""
		frappe.set_user(USER)
		doc = frappe.get_doc("Performance Evaluation", self.evaluation)
		doc.update({"annual_fiscal": 80, "annual_other": 20, "executed_fiscal": 80, "executed_other": 20})
		for row in doc.indicators:
			if row.operator == "Qualitative":
				row.qualitative_result, row.entered_score = "Achieved", 30
			else:
				row.actual_value = row.target_value
		doc.update(values)
		doc.save()
		frappe.set_user("Administrator")
		return doc

	def make_survey(self, questions, responses=()):
		frappe.set_user(USER)
		try:
			return frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"performance_evaluation": self.evaluation,
					"survey_title": "参训人员满意度调查",
					"questions": questions,
					"responses": list(responses),
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def settings(self, **values):
		settings = frappe.get_single("Perf Budget Settings")
		settings.update(values)
		settings.save()

	# -- the questionnaire -----------------------------------------------------
	def test_200_imported_responses_give_the_satisfaction(self):
		self.fill(valid_respondents=40, satisfied_respondents=30)
		questions = [
			{"question": f"问题{i}", "indicator": "参训人员满意度" if i <= 2 else None}
			for i in range(1, QUESTIONS + 1)
		]
		survey = self.make_survey(questions)
		rows = responses_200()
		want = expected(rows)

		frappe.set_user(USER)
		started = time.monotonic()
		answer = import_responses(survey.name, answer_sheet(rows), "答卷.xlsx")
		elapsed = time.monotonic() - started
		frappe.set_user("Administrator")

		self.assertLess(elapsed, 10, "200 × 10 answers import, count and score within seconds")
		self.assertEqual((answer["responses"], answer["valid"], answer["invalid"]), (200, 183, 17))
		survey.reload()
		self.assertEqual(survey.overall_satisfaction, want["overall"])
		self.assertEqual(survey.satisfied_respondents, want["satisfied_people"])
		self.assertEqual([q.satisfaction for q in survey.questions], want["questions"])
		self.assertEqual([q.answered for q in survey.questions], want["answered"])
		# the reasons stay on the invalid rows; a valid row keeps the answers as typed
		reasons = {r.idx: r.invalid_reason for r in survey.responses if not r.valid}
		self.assertEqual(reasons[1], _("No question answered"))
		self.assertIn("满竟", reasons[11])
		self.assertEqual(reasons[16], _("Same respondent number as response {0}").format(12))
		self.assertEqual(sorted(reasons), [*range(1, 18)])
		self.assertEqual(survey.responses[17].q1, str(rows[17][1]).strip())

		evaluation = frappe.get_doc("Performance Evaluation", self.evaluation)
		self.assertEqual(evaluation.satisfaction_survey, survey.name)
		self.assertEqual(
			(evaluation.valid_respondents, evaluation.satisfied_respondents), (183, want["satisfied_people"])
		)
		actual = {r.indicator_name: r for r in evaluation.indicators if r.level1 == "Satisfaction"}
		self.assertEqual(actual["参训人员满意度"].actual_value, want["q1_q2"])  # fed by questions 1 and 2
		self.assertEqual(actual["用人单位满意度"].actual_value, want["overall"])  # no question: the overall
		points = [float(min(Decimal(str(rate)) / 90, 1) * 5) for rate in (want["q1_q2"], want["overall"])]
		scores = [float((Decimal(str(p))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) for p in points]
		self.assertEqual([actual["参训人员满意度"].score, actual["用人单位满意度"].score], scores)
		self.assertAlmostEqual(evaluation.satisfaction_score, sum(scores), places=2)
		# everything else met: 10 + 50 + 30 + the satisfaction points
		self.assertAlmostEqual(evaluation.total_score, 90 + sum(scores), places=2)

	def test_no_survey_keeps_the_typed_counts_and_deleting_one_unlinks_it(self):
		doc = self.fill(valid_respondents=40, satisfied_respondents=30)
		self.assertEqual([r.actual_value for r in doc.indicators if r.level1 == "Satisfaction"], [75.0, 75.0])
		survey = self.make_survey([{"question": "总体满意吗"}], [{"respondent": "1", "q1": "满意"}])
		self.assertEqual(
			frappe.db.get_value(
				"Performance Evaluation", self.evaluation, ["valid_respondents", "satisfied_respondents"]
			),
			(1, 1),
		)
		frappe.set_user(USER)
		frappe.delete_doc("Satisfaction Survey", survey.name)
		frappe.set_user("Administrator")
		self.assertIsNone(
			frappe.db.get_value("Performance Evaluation", self.evaluation, "satisfaction_survey")
		)

	def test_a_wrong_file_is_refused_and_nothing_changes(self):
		survey = self.make_survey(
			[{"question": f"问题{i}"} for i in range(1, 4)], [{"respondent": "1", "q1": "满意"}]
		)
		frappe.set_user(USER)
		for data, words in (
			(
				b"not a workbook",
				_("The file is not an Excel .xlsx workbook; save it as .xlsx and upload it again"),
			),
			(  # 10 questions' captions for a survey of 3
				answer_sheet([["1", "满意"]]),
				_("The survey has {0} questions; this column is one too many: delete it").format(3),
			),
		):
			with self.assertRaises(frappe.ValidationError) as refused:
				import_responses(survey.name, data, "答卷.xlsx")
			self.assertIn(words, str(refused.exception))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Survey Response", {"parent": survey.name}), 1)

	def test_a_question_feeds_only_a_satisfaction_indicator_of_the_evaluation(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.make_survey([{"question": "问题", "indicator": "培训人次"}])
		self.assertIn("参训人员满意度、用人单位满意度", str(refused.exception))

	# -- checklist and site visits --------------------------------------------
	def test_checklist_starts_with_the_default_list_and_a_tick_needs_a_file_or_note(self):
		file_url = attach_file("Performance Evaluation", self.evaluation, "绩效目标批复.txt")
		doc = frappe.get_doc("Performance Evaluation", self.evaluation)
		self.assertEqual(
			[(r.item, r.required) for r in doc.checklist],
			[
				(item.removesuffix("（选填）"), int(not item.endswith("（选填）")))
				for item in DEFAULT_CHECKLIST
			],
		)
		frappe.set_user(USER)
		doc.checklist[1].done = 1
		with self.assertRaises(frappe.ValidationError) as refused:
			doc.save()
		self.assertEqual(
			str(refused.exception),
			_(
				'Checklist row {0} "{1}" is ticked without a file: attach it, or write in the note where the data is'
			).format(2, doc.checklist[1].item),
		)
		doc = frappe.get_doc("Performance Evaluation", self.evaluation)  # as the desk reloads it
		doc.checklist[1].done = 1
		doc.checklist[1].note = "见本表预算执行部分"
		doc.checklist[0].file = file_url
		doc.append(
			"site_visits", {"visit_date": "2071-10-12", "place": "培训基地", "people": "王会计、张科长"}
		)
		doc.save()
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual([r.done for r in doc.checklist][:3], [1, 1, 0])  # the file ticks its item
		self.assertEqual(
			[(v.place, str(v.visit_date)) for v in doc.site_visits], [("培训基地", "2071-10-12")]
		)

	# -- the gate ------------------------------------------------------------------
	def test_the_gate_lists_the_missing_steps_and_passes_once_done(self):
		self.settings(
			require_checklist=1,
			require_site_visit=1,
			site_visit_from=100,
			require_survey=1,
			survey_from=100,
			require_expert_review=1,
			expert_review_from=100.01,
			min_scoring_experts=2,
			require_summary=1,
		)
		self.fill()
		with self.assertRaises(frappe.ValidationError) as refused:
			act_as(USER, "Performance Evaluation", self.evaluation, "Submit to Unit Head")
		unticked = "、".join(i for i in DEFAULT_CHECKLIST if not i.endswith("（选填）"))
		labels = "、".join(_(label) for label in ("Problems Found", "Causes", "Improvements and Suggestions"))
		self.assertEqual(
			str(refused.exception),
			"<br>".join(
				[
					_("Checklist: tick the required items {0}").format(unticked),
					_("Site visit: record at least one site visit"),
					_("Questionnaire survey: link a satisfaction survey with at least one valid response"),
					_("Summary: fill in {0}").format(labels),
				]
			),
		)  # the expert review starts above 100 万元: not asked of this project
		self.assertEqual(
			frappe.db.get_value("Performance Evaluation", self.evaluation, "workflow_state"), "Draft"
		)

		self.settings(expert_review_from=100)
		files = [
			attach_file("Performance Evaluation", self.evaluation, f"{item}.txt")
			for item in DEFAULT_CHECKLIST
		]
		doc = frappe.get_doc("Performance Evaluation", self.evaluation)
		frappe.set_user(USER)
		for row, file_url in zip(doc.checklist, files, strict=True):
			if row.required:
				row.file = file_url
		doc.append("site_visits", {"visit_date": "2071-10-12", "place": "培训基地"})
		doc.update({"problems": "进度偏慢", "causes": "采购延迟", "improvements": "提前采购"})
		doc.save()
		frappe.set_user("Administrator")
		scored_expert(self.evaluation, "赵专家", 88)
		with self.assertRaises(frappe.ValidationError) as refused:
			act_as(USER, "Performance Evaluation", self.evaluation, "Submit to Unit Head")
		self.assertEqual(
			str(refused.exception),
			"<br>".join(
				[
					_("Questionnaire survey: link a satisfaction survey with at least one valid response"),
					_("Expert review: at least {0} experts must have given a score (now {1})").format(2, 1),
				]
			),
		)

		self.make_survey([{"question": "满意吗"}], [{"respondent": "1", "q1": "非常满意"}])
		scored_expert(self.evaluation, "钱专家", 90)
		act_as(USER, "Performance Evaluation", self.evaluation, "Submit to Unit Head")
		self.assertEqual(
			frappe.db.get_value("Performance Evaluation", self.evaluation, "workflow_state"),
			"Pending Unit Head",
		)

	def test_nothing_required_by_default(self):
		self.fill()
		act_as(USER, "Performance Evaluation", self.evaluation, "Submit to Unit Head")
		self.assertEqual(
			frappe.db.get_value("Performance Evaluation", self.evaluation, "workflow_state"),
			"Pending Unit Head",
		)
