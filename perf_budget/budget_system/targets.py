"""Which imported figure fills which field of which record. Plain data and
Decimal arithmetic: no Frappe.

The budget system gives, per project code, three figures (年初预算数,
调整后预算数, 支付数) in three fund categories. The records hold them in
万元 with two decimals; each part is rounded half up from the exact sum of
the file's lines, and a record's total is the sum of its rounded parts (the
controllers compute it), so the total always adds up on the form.
"""

from decimal import ROUND_HALF_UP, Decimal

# Fund categories a fund source (资金性质/来源) of the file is mapped to.
FISCAL, CARRYOVER, OTHER = "Fiscal", "Carryover", "Other"
CATEGORIES = (FISCAL, CARRYOVER, OTHER)
# The file's three figures.
INITIAL, ADJUSTED, EXECUTED = "initial", "adjusted", "executed"
FIGURES = (INITIAL, ADJUSTED, EXECUTED)

CENT = Decimal("0.01")  # 0.01 万元 = 100 元, the records' precision

# doctype -> field -> (figure, categories summed into it). The monitoring form and
# the goal have no carry-over row: carried-over funds are fiscal appropriation there.
# The monitoring record's budget is the 年初预算数, as its 监控表 prints it (1-N月执行率 =
# 执行数 ÷ 年初预算数); the adjusted budget is the self-evaluation's 全年预算数.
FIELDS = {
	"Performance Goal": {
		"fiscal_amount": (INITIAL, (FISCAL, CARRYOVER)),
		"other_amount": (INITIAL, (OTHER,)),
	},
	"Performance Monitoring": {
		"budget_fiscal": (INITIAL, (FISCAL, CARRYOVER)),
		"budget_other": (INITIAL, (OTHER,)),
		"executed_fiscal": (EXECUTED, (FISCAL, CARRYOVER)),
		"executed_other": (EXECUTED, (OTHER,)),
	},
	"Performance Evaluation": {
		"initial_fiscal": (INITIAL, (FISCAL,)),
		"initial_carryover": (INITIAL, (CARRYOVER,)),
		"initial_other": (INITIAL, (OTHER,)),
		"annual_fiscal": (ADJUSTED, (FISCAL,)),
		"annual_carryover": (ADJUSTED, (CARRYOVER,)),
		"annual_other": (ADJUSTED, (OTHER,)),
		"executed_fiscal": (EXECUTED, (FISCAL,)),
		"executed_carryover": (EXECUTED, (CARRYOVER,)),
		"executed_other": (EXECUTED, (OTHER,)),
	},
}
# The totals the controllers compute from the parts above: field -> its parts.
TOTALS = {
	"Performance Goal": {"total_amount": ("fiscal_amount", "other_amount")},
	"Performance Monitoring": {
		"annual_budget": ("budget_fiscal", "budget_other"),
		"executed_amount": ("executed_fiscal", "executed_other"),
	},
	"Performance Evaluation": {
		"initial_budget": ("initial_fiscal", "initial_carryover", "initial_other"),
		"annual_budget": ("annual_fiscal", "annual_carryover", "annual_other"),
		"executed_amount": ("executed_fiscal", "executed_carryover", "executed_other"),
	},
}


def figure_of(doctype: str, total: str) -> str:
	"""The file's figure a record's total is filled from: ("Performance Monitoring", "annual_budget") -> INITIAL."""
	return FIELDS[doctype][TOTALS[doctype][total][0]][0]


def to_cent(value: Decimal) -> Decimal:
	return value.quantize(CENT, rounding=ROUND_HALF_UP)


def exact_values(doctype: str, figures: dict[str, dict[str, Decimal | None]]) -> dict[str, Decimal]:
	"""The exact (unrounded) 万元 each field of ``doctype`` gets from ``figures``
	(figure -> category -> amount; None where the file has no such column).
	A field whose figure the file does not give is left out: it is not filled."""
	values = {}
	for field, (figure, categories) in FIELDS[doctype].items():
		by_category = figures.get(figure)
		if by_category is None:
			continue
		values[field] = sum((by_category.get(c) or Decimal(0) for c in categories), Decimal(0))
	return values


def record_values(doctype: str, figures: dict[str, dict[str, Decimal | None]]) -> dict[str, Decimal]:
	"""The values written into the record: each part rounded half up to 0.01 万元."""
	return {field: to_cent(value) for field, value in exact_values(doctype, figures).items()}


def totals(doctype: str, values: dict[str, Decimal]) -> dict[str, Decimal]:
	"""The record's totals of ``values`` (only totals all of whose parts are given)."""
	return {
		total: sum((values[p] for p in parts), Decimal(0))
		for total, parts in TOTALS[doctype].items()
		if all(p in values for p in parts)
	}


def rounded_fields(doctype: str, figures) -> list[str]:
	"""Fields whose file figure is finer than 0.01 万元 (shown in the preview: never silent)."""
	exact = exact_values(doctype, figures)
	return [field for field, value in exact.items() if to_cent(value) != value]
