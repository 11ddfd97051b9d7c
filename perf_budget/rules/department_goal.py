"""The funds picture of a department-wide goal (部门整体支出绩效目标), in 万元.

The published 部门整体支出绩效目标申报表 shows the year's whole budget twice:
by kind — 基本支出 (人员经费 + 公用经费) and 项目支出 — and by source (一般公共预算,
政府性基金预算, 国有资本经营预算, 财政专户管理资金, 其他资金). Both must describe the
same money, so the sources add up to the total to the fen; each key task's
资金总额 is its fiscal part plus its other part. No Frappe here: every figure
is worked out in ``Decimal`` from the text typed, rounded half-up to 2 decimals.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perf_budget.rules.numbers import parse_number

CENT = Decimal("0.01")
# 基本支出 = 人员经费 + 公用经费; 总预算 = 基本支出 + 项目支出.
BASIC_PARTS = ("personnel_expenditure", "public_expenditure")
TYPED_AMOUNTS = (*BASIC_PARTS, "project_expenditure")
SOURCE_FIELDS = (
	"source_general_budget",
	"source_government_fund",
	"source_state_capital",
	"source_special_account",
	"source_other",
)
TASK_PARTS = ("fiscal_amount", "other_amount")


@dataclass(frozen=True)
class FundsProblem:
	"""``_(message).format(*args)`` is what the user reads, with ``args[0]`` (the
	name of ``field``) shown as that field's label when ``field`` is set; ``row``
	is the key task's row number, if any."""

	message: str
	args: tuple = ()
	field: str | None = None
	row: int | None = None


@dataclass(frozen=True)
class Funds:
	"""The worked-out picture: what the record stores in its read-only fields."""

	basic_expenditure: Decimal
	total_budget: Decimal
	sources_total: Decimal
	task_totals: tuple[Decimal, ...]


def amount(value: object) -> Decimal | None:
	"""An amount as typed: empty is 0, a finite number is rounded to the fen,
	anything else (NaN, Infinity, words) is None — refused, never read as 0."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return Decimal(0)
	number = parse_number(value)
	return None if number is None else number.quantize(CENT, rounding=ROUND_HALF_UP)


def check_funds(goal: Mapping, tasks: Sequence[Mapping] = ()) -> tuple[Funds | None, list[FundsProblem]]:
	"""The funds picture of ``goal`` (its amount fields) and its key ``tasks``
	(rows with idx, fiscal_amount, other_amount), or the problems that stop it."""
	problems: list[FundsProblem] = []
	values = {
		field: _read(goal.get(field), field, None, problems) for field in (*TYPED_AMOUNTS, *SOURCE_FIELDS)
	}
	task_parts = [
		{part: _read(task.get(part), part, task.get("idx"), problems) for part in TASK_PARTS}
		for task in tasks
	]
	if problems:
		return None, problems
	basic = values["personnel_expenditure"] + values["public_expenditure"]
	total = basic + values["project_expenditure"]
	sources = sum((values[field] for field in SOURCE_FIELDS), Decimal(0))
	if sources != total:
		problems.append(
			FundsProblem(
				"The funds by source add up to {0} (10k yuan), the total budget is {1}: they must be equal",
				(_shown(sources), _shown(total)),
			)
		)
	task_totals = tuple(parts["fiscal_amount"] + parts["other_amount"] for parts in task_parts)
	return Funds(basic, total, sources, task_totals), problems


def _read(value: object, field: str, row: int | None, problems: list[FundsProblem]) -> Decimal:
	number = amount(value)
	if number is None:
		problems.append(
			_problem(
				"{0} must be a number in 10k yuan, not {1}",
				"Key task row {2}: {0} must be a number in 10k yuan, not {1}",
				field,
				row,
				value,
			)
		)
		return Decimal(0)
	if number < 0:
		problems.append(
			_problem(
				"{0} cannot be negative ({1})",
				"Key task row {2}: {0} cannot be negative ({1})",
				field,
				row,
				_shown(number),
			)
		)
	return number


def _problem(message: str, row_message: str, field: str, row: int | None, value: object) -> FundsProblem:
	"""The problem of an amount of the goal (``message``) or of a key task's row (``row_message``)."""
	if row is None:
		return FundsProblem(message, (field, value), field)
	return FundsProblem(row_message, (field, value, row), field, row)


def _shown(number: Decimal) -> str:
	return f"{number:,.2f}"
