"""The benchmark's budget-system figures (benchmarks/import_figures.py), without
Frappe: what an import gives a record it fills rounds back to the record's own
figures (so the generated apply changes no figure, score or light), and only
records no import fills may differ from the budget system."""

import random
from decimal import Decimal

from benchmarks.import_figures import month_figures, project_plan
from perf_budget.budget_system import matching, targets

FILING = {doctype: ("Draft", "Returned") for doctype in matching.RECORD_DOCTYPES}


class Row(dict):
	"""A database row as frappe.db.sql(as_dict=True) gives it: keys and attributes."""

	__getattr__ = dict.get


def goal(**values) -> Row:
	defaults = {"name": "PG-1", "docstatus": 1, "workflow_state": "Confirmed", "modified": ""}
	return Row(defaults, fiscal_amount=1234.56, other_amount=0, **values)


def monitoring(state: str = "Draft", docstatus: int = 0) -> Row:
	return Row(
		name="PM-1",
		docstatus=docstatus,
		workflow_state=state,
		modified="",
		budget_fiscal=1234.56,
		budget_other=0,
		executed_fiscal=600.01,
		executed_other=0,
		annual_budget=1234.56,
		executed_amount=600.01,
	)


def evaluation(state: str = "Draft", docstatus: int = 0) -> Row:
	return Row(
		name="PE-1",
		docstatus=docstatus,
		workflow_state=state,
		modified="",
		initial_fiscal=1234.56,
		initial_carryover=0,
		initial_other=0,
		annual_fiscal=1234.56,
		annual_carryover=0,
		annual_other=0,
		executed_fiscal=1100.5,
		executed_carryover=0,
		executed_other=0,
		initial_budget=1234.56,
		annual_budget=1234.56,
		executed_amount=1100.5,
	)


def written(doctype: str, figures: dict) -> dict:
	"""What records.fill writes: each part rounded half up to 0.01 万元, totals their sum."""
	values = targets.record_values(doctype, figures)
	return values | targets.totals(doctype, values)


def held(record: Row, doctype: str) -> dict:
	return {
		field: Decimal(str(record[field])).quantize(targets.CENT)
		for field in (*targets.FIELDS[doctype], *targets.TOTALS[doctype])
	}


def plans(count: int = 300):
	rng = random.Random("tier-1")
	return [project_plan(rng) for _ in range(count)]


def test_a_record_in_its_units_step_gets_back_exactly_what_it_holds():
	"""Whatever the plan (carry-over split, a different budget, other payments),
	the July import gives a filed monitoring record its own figures."""
	record = monitoring()
	basis = {
		matching.GOAL: goal(),
		matching.MONITORING: record,
		matching.EVALUATION: evaluation("Accepted", 1),
	}
	for plan in plans():
		figures = month_figures(plan | {"initial_differs": True, "executed_differs": True}, basis, 7, FILING)
		assert written(matching.MONITORING, figures) == held(record, matching.MONITORING)


def test_a_filed_self_evaluation_gets_back_each_of_its_parts_in_december():
	record = evaluation()
	basis = {
		matching.GOAL: goal(),
		matching.MONITORING: monitoring("Accepted", 1),
		matching.EVALUATION: record,
	}
	for plan in plans():
		figures = month_figures(plan | {"carryover": True, "adjustment": 0.1}, basis, 12, FILING)
		assert written(matching.EVALUATION, figures) == held(record, matching.EVALUATION)


def test_confirmed_records_differ_only_where_the_plan_says():
	basis = {
		matching.GOAL: goal(),
		matching.MONITORING: monitoring("Accepted", 1),
		matching.EVALUATION: evaluation("Accepted", 1),
	}
	same = {"initial_differs": False, "executed_differs": False}
	for plan in plans(100):
		figures = month_figures(plan | same, basis, 7, FILING)
		assert written(matching.GOAL, figures) == {
			"fiscal_amount": Decimal("1234.56"),
			"other_amount": Decimal("0.00"),
			"total_amount": Decimal("1234.56"),
		}
		other_budget = month_figures(plan | same | {"initial_differs": True}, basis, 7, FILING)
		assert written(matching.GOAL, other_budget)["fiscal_amount"] != Decimal("1234.56")


def test_the_file_is_exact_to_the_fen_and_splits_carry_over_off_the_fiscal_money():
	basis = {
		matching.GOAL: goal(),
		matching.MONITORING: monitoring("Accepted", 1),
		matching.EVALUATION: evaluation("Accepted", 1),
	}
	plan = project_plan(random.Random("carry")) | {
		"carryover": True,
		"carry_share": 0.25,
		"initial_differs": False,
	}
	figures = month_figures(plan, basis, 7, FILING)
	initial = figures[targets.INITIAL]
	assert initial[targets.CARRYOVER] > 0 and initial[targets.OTHER] == 0  # no money made of nothing
	assert abs(initial[targets.FISCAL] + initial[targets.CARRYOVER] - Decimal("1234.56")) < Decimal("0.005")
	for by_category in figures.values():
		assert all(value == value.quantize(Decimal("0.000001")) for value in by_category.values())


def test_payments_grow_month_by_month_up_to_the_round():
	basis = {
		matching.GOAL: goal(),
		matching.MONITORING: monitoring("Accepted", 1),
		matching.EVALUATION: evaluation("Accepted", 1),
	}
	plan = project_plan(random.Random("pace")) | {"executed_differs": False, "pace": [1.0] * 7}
	paid = [
		sum(month_figures(plan, basis, month, FILING)[targets.EXECUTED].values()) for month in range(1, 8)
	]
	assert paid == sorted(paid)
	assert abs(paid[-1] - Decimal("600.01")) < Decimal("0.005")
