# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from perf_budget.perf_budget.report.suggested_interviews.suggested_interviews import execute
from perf_budget.rounds import create_records
from perf_budget.tests.factories import (
	committed,
	make_goal,
	make_rectification,
	make_unit,
	make_user,
	make_year,
	remove_committed,
)

YEAR = "2087"
USER_A, OFFICER, LEADER = "si.a@perf.test", "si.officer@perf.test", "si.leader@perf.test"


def evaluation(unit: str, code: str, grade: str) -> str:
	goal = make_goal(unit, year=YEAR, project_code=code).name
	frappe.db.set_value(
		"Performance Goal", goal, {"docstatus": 1, "is_current": 1, "workflow_state": "Confirmed"}
	)
	(name,) = create_records("Performance Evaluation", [goal])
	frappe.db.set_value(
		"Performance Evaluation", name, {"grade": grade, "docstatus": 1, "workflow_state": "Accepted"}
	)
	return name


def overdue_rectification(unit: str) -> str:
	stored = {"workflow_state": "Sent to Unit", "status": "Overdue", "due_date": add_days(nowdate(), -2)}
	return make_rectification(unit, YEAR, stored).name


class TestSuggestedInterviews(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()

		def fixtures():
			make_year(YEAR)
			make_user(OFFICER, roles=("Perf Finance Officer",))
			make_user(LEADER, roles=("Perf Leader",))
			cls.poor = make_unit("约谈甲科").name  # a Poor project, already interviewed
			cls.overdue = make_unit("约谈乙科").name  # an overdue rectification
			cls.both = make_unit("约谈丙科").name  # both
			cls.fine = make_unit("约谈丁科").name  # Fair only: no interview suggested
			make_user(USER_A, unit=cls.poor)
			evaluation(cls.poor, "SI-1", "Poor")
			evaluation(cls.poor, "SI-2", "Poor")
			overdue_rectification(cls.overdue)
			evaluation(cls.both, "SI-3", "Poor")
			overdue_rectification(cls.both)
			evaluation(cls.fine, "SI-4", "Fair")
			frappe.get_doc(
				{
					"doctype": "Performance Interview",
					"performance_year": YEAR,
					"budget_unit": cls.poor,
					"reason": "Poor Grade",
					"interview_date": add_days(nowdate(), -1),
					"interview_form": "Individual",
					"interviewers": [{"participant_name": "李科长"}],
					"interviewees": [{"participant_name": "甲科科长"}],
					"matters": "SI-1、SI-2 自评为差",
				}
			).insert()

		# made once and committed: the tests only read them
		committed(fixtures)

	@classmethod
	def tearDownClass(cls):
		remove_committed(
			users=(OFFICER, LEADER, USER_A),
			units=(cls.poor, cls.overdue, cls.both, cls.fine),
			years=(YEAR,),
			records=("Performance Interview", "Rectification"),
		)
		super().tearDownClass()

	def setUp(self):
		frappe.set_user(OFFICER)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def report(self):
		columns, rows, _message, _chart, summary = execute({"performance_year": YEAR})
		self.columns, self.summary = columns, summary
		return {row["budget_unit"]: row for row in rows}

	def test_units_with_a_poor_grade_or_overdue_rectifications(self):
		rows = self.report()
		self.assertEqual(set(rows), {self.poor, self.overdue, self.both})
		poor, overdue, both = rows[self.poor], rows[self.overdue], rows[self.both]
		self.assertEqual((poor["poor_projects"], poor["overdue_rectifications"]), (2, 0))
		self.assertEqual((overdue["poor_projects"], overdue["overdue_rectifications"]), (0, 1))
		self.assertEqual(poor["reasons"], _("Poor Grade"))
		self.assertEqual(both["reasons"], _(", ").join([_("Poor Grade"), _("Overdue Rectification")]))
		self.assertEqual(getdate(poor["last_interview"]), getdate(add_days(nowdate(), -1)))
		self.assertIsNone(overdue["last_interview"])
		# each Poor project with what its grade rests on: here the self-evaluation (no external one)
		self.assertEqual(poor["basis"].count(_("Self-Score") + " 0.00"), 2)
		self.assertEqual(overdue["basis"], "")
		self.assertEqual(
			[column["fieldname"] for column in self.columns],
			["budget_unit", "poor_projects", "overdue_rectifications", "reasons", "basis", "last_interview"],
		)
		# three units to talk to; the overdue one and "both" have had no interview
		self.assertEqual(
			[(item["label"], item["value"]) for item in self.summary],
			[(_("Units to Interview"), 3), (_("Not Interviewed Yet"), 2)],
		)

	def test_leaders_see_it_and_a_unit_user_only_their_unit(self):
		frappe.set_user(LEADER)
		self.assertEqual(set(self.report()), {self.poor, self.overdue, self.both})
		frappe.set_user(USER_A)
		_columns, rows, *_rest = execute({"performance_year": YEAR})
		self.assertEqual({row["budget_unit"] for row in rows}, {self.poor})

	def test_a_year_is_required(self):
		_columns, rows, message, *_rest = execute({})
		self.assertEqual((rows, message), ([], _("Choose a performance year.")))
