"""The city finance bureau's own evaluations of a project (arts. 5(四), 13, 24):
a finance evaluation, a key evaluation, a review (复核) of the unit's
self-evaluation, a spot check or a third-party institution's evaluation.
Its score is graded by the self-evaluation's thresholds; the latest one
received is the project's result for budget advice and interviews, and its
gap to the self-score is shown beside it ("自评 92.50 / 复核 81.00 / 差 11.50").
"""

import re
from dataclasses import dataclass
from datetime import date

from perf_budget.rules import figures
from perf_budget.rules.numbers import RuleError, parse_number, round_half_up, to_decimal
from perf_budget.rules.parameters import DEFAULT_RULES, Rules
from perf_budget.rules.scoring import HUNDRED, ZERO, grade_for

KINDS = (
	"Finance Evaluation",
	"Key Evaluation",
	"Review of Self-Evaluation",
	"Spot Check",
	"Third-Party Evaluation",
)
CITY_FINANCE_BUREAU = "City Finance Bureau"
THIRD_PARTY = "Third-Party Institution"
EVALUATORS = (CITY_FINANCE_BUREAU, THIRD_PARTY)
SELF = "Self-Evaluation"  # the source of a result when no external one exists

# GB 32100-2015: 18 characters, digits and capital letters without I, O, S, V, Z.
_CODE_CHAR = "[0-9A-HJ-NPQRTUWXY]"
CREDIT_CODE = re.compile(_CODE_CHAR * 2 + r"\d" * 6 + _CODE_CHAR * 10)


class ExternalError(RuleError):
	"""Bad input of an external evaluation; ``message`` is an English key."""

	# spelled out so that scripts/app_strings.py finds the ``message`` keys to translate
	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message, *args)


def checked_score(value: object, rules: Rules | None = None) -> float:
	"""The score as given, 0–100 with at most the settings' decimals; never
	rounded (a score of 81.005 at 2 decimals is refused, not made 81.01)."""
	rules = rules or DEFAULT_RULES
	number = parse_number(value)
	if number is None:
		raise ExternalError("The score must be a number from 0 to 100, not “{0}”", value)
	if not ZERO <= number <= HUNDRED:
		raise ExternalError("The score must be from 0 to 100, not {0}", value)
	if number != number.quantize(to_decimal(1).scaleb(-rules.score_precision)):
		raise ExternalError(
			"The score {0} has more than {1} decimals; enter it as the report gives it, at {1} decimals",
			value,
			rules.score_precision,
		)
	return float(number)


def grade(score: object, rules: Rules | None = None) -> str:
	"""The grade of an external score by the settings' thresholds (as a self-evaluation's)."""
	return grade_for(checked_score(score, rules), rules)


def check_evaluator(kind: str, evaluator: str, institution: str | None) -> None:
	"""A third-party evaluation is made by a named institution; the city finance
	bureau's own names none."""
	if kind not in KINDS:
		raise ExternalError("Unknown kind of evaluation {0}", kind)
	if evaluator not in EVALUATORS:
		raise ExternalError("Unknown evaluator {0}", evaluator)
	if kind == "Third-Party Evaluation" and evaluator != THIRD_PARTY:
		raise ExternalError("A third-party evaluation is made by a third-party institution; choose it")
	if evaluator == THIRD_PARTY and not institution:
		raise ExternalError("Choose the third-party institution that evaluated the project")
	if evaluator == CITY_FINANCE_BUREAU and institution:
		raise ExternalError("The city finance bureau evaluated the project itself; clear the institution")


def credit_code_problem(code: str | None) -> str | None:
	"""Why a unified social credit code is not one (None when it is)."""
	if not CREDIT_CODE.fullmatch((code or "").strip()):
		return "The unified social credit code must be 18 digits and capital letters (no I, O, S, V or Z), not “{0}”"
	return None


def score_gap(self_score: object, external_score: object) -> float:
	"""Self-score less the external score, exact: 92.5 and 81 give 11.5 (the
	self-evaluation scored itself 11.5 points higher); negative when lower."""
	return round_half_up(to_decimal(self_score) - to_decimal(external_score), 2)


@dataclass(frozen=True)
class Received:
	name: str
	kind: str
	score: float
	grade: str
	date_received: date
	received_at: str  # creation time: the later of two received the same day wins


def latest(received: list[Received]) -> Received | None:
	"""The external result that stands: the one received last."""
	return max(received, key=lambda r: (r.date_received, r.received_at, r.name), default=None)


@dataclass(frozen=True)
class Result:
	"""The result that decides a project's advice and interviews."""

	source: str  # SELF or a kind of external evaluation
	score: float
	grade: str
	external_evaluation: str | None = None


def deciding_result(
	self_score: object, self_grade: str | None, kind: str | None, score: object, grade_: str | None, name=None
) -> Result | None:
	"""An external result wins over the self-evaluation wherever there is one;
	None when neither has a grade yet."""
	if kind and grade_:
		return Result(kind, float(to_decimal(score)), grade_, name)
	if self_grade:
		return Result(SELF, float(to_decimal(self_score or 0)), self_grade)
	return None


def basis(source_label: str, score: object, precision: int) -> str:
	"""What an advice rests on, as shown: "复核 58.00"."""
	return f"{source_label} {figures.score(score, precision)}"


def comparison(
	self_score: object, kind_label: str, external_score: object, gap: object, precision: int
) -> tuple[str, str, str]:
	"""The three figures of "自评 92.50 / 复核 81.00 / 差 11.50", each at the
	settings' precision; the caller writes them into its translated pattern."""
	return (
		figures.score(self_score, precision),
		f"{kind_label} {figures.score(external_score, precision)}",
		figures.score(gap, precision),
	)
