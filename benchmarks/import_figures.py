# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The figures of the benchmark's budget-system imports (budget_imports.py),
without Frappe (tested in tier 1): a project's figures as of a month, each
exact to the fen in 万元 as the file gives them. A project whose record an
import fills is given that record's own figures a few yuan off, which round
back to them (so applying changes no figure, score or light); the others'
differ from what the units typed as the project's plan says."""

from decimal import Decimal

from perf_budget.budget_system import matching, targets

FEN = Decimal("0.000001")  # one fen in 万元
DIFFERING = 0.08  # share of projects whose typed figures differ from the budget system's


def project_plan(rng) -> dict:
	"""How a project's figures stand in the budget system: a share of its fiscal
	money carried over from last year, an adjustment from 4月 on, a payment pace,
	and whether units typed other figures than the system's."""
	return {
		"carryover": rng.random() < 0.25,
		"carry_share": rng.uniform(0.1, 0.4),
		"adjustment": rng.uniform(-0.15, 0.2) if rng.random() < 0.1 else 0.0,
		"pace": [rng.uniform(0.85, 1.0) for _month in range(7)],
		"initial_differs": rng.random() < DIFFERING,
		"executed_differs": rng.random() < DIFFERING * 1.5,
		"noise": [rng.randint(-40, 40) for _i in range(9)],  # yuan: within half a fen of 万元
		"budget_change": rng.uniform(0.05, 0.2) * rng.choice((-1, 1)),
		"payment_change": rng.uniform(0.02, 0.1) * rng.choice((-1, 1)),
	}


def exact(value) -> Decimal:
	return Decimal(str(value or 0)).quantize(FEN)


def jitter(value: Decimal, yuan: int) -> Decimal:
	"""A few yuan off an amount (never off nothing): the file's fen, which round back to it."""
	return value + Decimal(yuan) / 10000 if value else value


def split(total: Decimal, plan: dict, carry: bool, offset: int) -> tuple[Decimal, Decimal]:
	"""(财政拨款, 上年结转) of a fiscal amount, each a few yuan off (together within half a fen)."""
	first, second = plan["noise"][offset], plan["noise"][offset + 1]
	if not carry or not total:
		return jitter(total, first), Decimal(0)
	carried = (total * Decimal(str(plan["carry_share"]))).quantize(FEN)
	return jitter(total - carried, first // 2), jitter(carried, second // 2)


def month_figures(plan: dict, basis: dict, month: int, filing: dict) -> dict:
	"""figure -> category -> exact 万元 of a project as of ``month``. A project
	whose record an import fills (one in its unit's step) is given its records'
	own figures; the others may differ as the plan says."""
	goal, monitoring, evaluation = (basis[d] for d in matching.RECORD_DOCTYPES)
	filled = {
		doctype: bool(record) and action(record, filing, doctype) == matching.FILL
		for doctype, record in basis.items()
	}
	differs = not any(filled.values())
	fiscal, other = exact(goal.fiscal_amount), exact(goal.other_amount)
	if differs and plan["initial_differs"]:
		fiscal = exact(fiscal * (1 + Decimal(str(plan["budget_change"]))))
	# a self-evaluation's parts are each compared: one the December import fills has no carry-over
	carry = plan["carryover"] and not filled[matching.EVALUATION]
	initial_fiscal, initial_carry = split(fiscal, plan, carry, 0)
	initial = {
		targets.FISCAL: initial_fiscal,
		targets.CARRYOVER: initial_carry,
		targets.OTHER: jitter(other, plan["noise"][2]),
	}
	factor = Decimal(str(1 + plan["adjustment"])) if month >= 4 and differs else Decimal(1)
	adjusted = {c: (v * factor).quantize(FEN) for c, v in initial.items()}
	if month == 12:
		paid_fiscal, paid_other = exact(evaluation.executed_fiscal), exact(evaluation.executed_other)
	else:
		paid_fiscal, paid_other = exact(monitoring.executed_fiscal), exact(monitoring.executed_other)
		if month < 7:
			pace = Decimal(str(plan["pace"][month - 1])) * month / 7
			paid_fiscal, paid_other = (paid_fiscal * pace).quantize(FEN), (paid_other * pace).quantize(FEN)
	if differs and plan["executed_differs"]:
		paid_fiscal = exact(paid_fiscal * (1 + Decimal(str(plan["payment_change"]))))
	executed_fiscal, executed_carry = split(paid_fiscal, plan, carry, 3)
	executed = {
		targets.FISCAL: executed_fiscal,
		targets.CARRYOVER: executed_carry,
		targets.OTHER: jitter(paid_other, plan["noise"][5]),
	}
	return {targets.INITIAL: initial, targets.ADJUSTED: adjusted, targets.EXECUTED: executed}


def action(record, filing: dict, doctype: str) -> str:
	return matching.action(
		matching.Record(
			doctype,
			record.name,
			"",
			"",
			int(record.docstatus or 0),
			record.workflow_state,
			str(record.modified),
		),
		filing,
	)
