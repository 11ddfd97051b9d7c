"""Expert review of a self-evaluation (bureau measures art. 22 (二): 组织专家现场评价和综合评价).

Each expert scores every indicator of the evaluation up to its points; the
panel's score is the experts' scores combined as the settings say — the
arithmetic mean, or the mean after dropping one highest and one lowest score
(the usual rule of 综合评价 panels) — per indicator and for the total,
rounded half-up at the settings' score precision like every other score.

The panel's score stands beside the formula score of 财预〔2020〕10号; it
never replaces it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from perf_budget.rules.numbers import RuleError, parse_number, round_half_up

MEAN = "Mean"
TRIMMED_MEAN = "Mean without Highest and Lowest"
COMBINATIONS = (MEAN, TRIMMED_MEAN)
# Dropping one highest and one lowest score leaves something to average only from three scores on.
TRIMMED_MINIMUM = 3


class PanelError(RuleError):
	"""Bad panel input; the Frappe side shows ``_(error.message).format(*error.args_)``."""

	# spelled out so that scripts/app_strings.py finds the ``message`` keys to translate
	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message, *args)


@dataclass(frozen=True)
class PanelScore:
	indicators: dict[str, float]  # the panel's score of each indicator, by the sheets' keys
	total: float  # the experts' totals combined
	experts: int


def checked_score(value: object, max_points: object, precision: int) -> Decimal:
	"""An expert's score of one indicator: a number from 0 to the indicator's
	points, with no more decimals than the settings' score precision."""
	score, full = parse_number(value), parse_number(max_points)
	if score is None:
		raise PanelError("The score must be a number, not {0}", value)
	if score < 0:
		raise PanelError("The score cannot be negative, it is {0}", _shown(score))
	if full is not None and score > full:
		raise PanelError("The score {0} is more than the indicator's {1} points", _shown(score), _shown(full))
	if score != score.quantize(Decimal(1).scaleb(-precision)):
		raise PanelError("The score {0} has more than {1} decimals", _shown(score), precision)
	return score


def sheet_total(scores: Sequence[object]) -> float:
	"""An expert's total: the sum of their (checked) indicator scores."""
	return float(sum((parse_number(score) or Decimal(0) for score in scores), Decimal(0)))


def combine(scores: Sequence[object], method: str, precision: int) -> float | None:
	"""The scores combined by ``method``; None when no expert has scored.

	With the trimmed mean, one instance of the highest and one of the lowest
	score are dropped (ties leave their twins in), so it needs at least three
	scores: with fewer it is refused rather than silently averaged another way.
	"""
	values = [_number(score) for score in scores]
	if not values:
		return None
	if method == TRIMMED_MEAN:
		if len(values) < TRIMMED_MINIMUM:
			raise PanelError(
				"The mean without the highest and lowest score needs at least {0} experts' scores, there are {1}",
				TRIMMED_MINIMUM,
				len(values),
			)
		values = sorted(values)[1:-1]
	elif method != MEAN:
		raise PanelError(
			"Choose how experts' scores are combined ({0}), not {1}", ", ".join(COMBINATIONS), method
		)
	return round_half_up(sum(values, Decimal(0)) / len(values), precision)


def has_panel_score(experts: int, method: str) -> bool:
	"""Whether ``experts`` scores give the panel a score under ``method`` (reports
	show — where they do not, rather than 0)."""
	return experts >= (TRIMMED_MINIMUM if method == TRIMMED_MEAN else 1)


def combine_sheets(
	sheets: Sequence[Mapping[str, object]], totals: Sequence[object], method: str, precision: int
):
	"""The panel's score of each indicator and of the total, or None without sheets.

	``sheets`` holds one mapping of indicator key → score per expert, ``totals``
	each expert's total; an indicator one sheet lacks is combined over the
	sheets that have it.
	"""
	if not sheets:
		return None
	keys = list(dict.fromkeys(key for sheet in sheets for key in sheet))
	indicators = {key: combine([s[key] for s in sheets if key in s], method, precision) for key in keys}
	return PanelScore(indicators=indicators, total=combine(totals, method, precision), experts=len(sheets))


def _number(value: object) -> Decimal:
	number = parse_number(value)
	if number is None:
		raise PanelError("The score must be a number, not {0}", value)
	return number


def _shown(number: Decimal) -> str:
	"""20.0 -> "20", 12.50 -> "12.5": a figure as a person writes it."""
	return f"{number.normalize():f}"
