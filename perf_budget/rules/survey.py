"""The satisfaction questionnaire (问卷调查) of art. 22 (二): reading the answers
as people type them, which responses count, and the satisfaction they give.

* An answer is a word of its question's scale (非常满意 … 非常不满意), or the
  scale's number (5 … 1, as text or as an Excel number); blank = not answered.
  Anything else (a typo, 6, 4.5) is not an answer.
* A response (one respondent) is valid when it answers at least one question,
  every answer it gives is an answer, and its respondent number is not one an
  earlier response already used. An invalid response keeps its reasons and
  counts for nothing.
* A question's satisfaction = its 满意 or better answers ÷ its answers among the
  valid responses, in percent, half-up to 2 decimals (SPEC 4.4 rounding).
* A respondent is satisfied when at least half of the questions they answered
  are answered 满意 or better. The overall satisfaction = satisfied ÷ valid
  respondents (SPEC 4.4: the evaluation's own formula, so the two agree).
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from perf_budget.rules.numbers import parse_number, round_half_up

FIVE_LEVELS = "Five Levels"
THREE_LEVELS = "Three Levels"
SCALES = (FIVE_LEVELS, THREE_LEVELS)
# Questions a survey can have: one fixed answer column each on a response row.
MAX_QUESTIONS = 20
HUNDRED = Decimal(100)

# The words of each scale (and the ones people write for them) -> the number.
WORDS = {
	FIVE_LEVELS: {
		"非常满意": 5,
		"很满意": 5,
		"满意": 4,
		"比较满意": 4,
		"较满意": 4,
		"一般": 3,
		"基本满意": 3,
		"不满意": 2,
		"不太满意": 2,
		"较不满意": 2,
		"非常不满意": 1,
		"很不满意": 1,
	},
	THREE_LEVELS: {"满意": 3, "一般": 2, "基本满意": 2, "不满意": 1},
}
# The lowest answer that counts as satisfied (满意).
SATISFIED_FROM = {FIVE_LEVELS: 4, THREE_LEVELS: 3}
# How each scale is shown in a message and on the template.
SCALE_HINTS = {
	FIVE_LEVELS: "非常满意/满意/一般/不满意/非常不满意 或 5/4/3/2/1",
	THREE_LEVELS: "满意/一般/不满意 或 3/2/1",
}

# Reasons a response is invalid (English keys; the desk shows their translation).
NOTHING_ANSWERED_REASON = "No question answered"
NOT_AN_ANSWER = 'Question {0}: "{1}" is not an answer ({2})'
SAME_RESPONDENT = "Same respondent number as response {0}"
MESSAGES = (NOTHING_ANSWERED_REASON, NOT_AN_ANSWER, SAME_RESPONDENT)

Reason = tuple[str, tuple]


class NotAnAnswer(ValueError):
	pass


def parse_answer(value: object, scale: str = FIVE_LEVELS) -> int | None:
	"""The number of an answer on ``scale`` (5 … 1, or 3 … 1), None when blank.

	Raises NotAnAnswer for anything else: "满竟", "6", "4.5", "0".
	"""
	if value is None:
		return None
	if isinstance(value, bool):
		raise NotAnAnswer(value)
	# full-width digits and blanks (５, "满 意") as people type them
	text = "".join(unicodedata.normalize("NFKC", str(value)).split())
	if not text:
		return None
	words = WORDS[scale]
	if text in words:
		return words[text]
	number = parse_number(text)
	top = max(words.values())
	if number is None or number != number.to_integral_value() or not 1 <= number <= top:
		raise NotAnAnswer(value)
	return int(number)


@dataclass(frozen=True)
class Response:
	answers: tuple[int | None, ...]
	reasons: tuple[Reason, ...]

	@property
	def valid(self) -> bool:
		return not self.reasons


def check_response(raw: Sequence[object], scales: Sequence[str]) -> Response:
	"""One respondent's answers (one per question, in order) read on their scales."""
	answers, reasons = [], []
	for number, (value, scale) in enumerate(zip(raw, scales, strict=True), start=1):
		try:
			answers.append(parse_answer(value, scale))
		except NotAnAnswer:
			answers.append(None)
			reasons.append((NOT_AN_ANSWER, (number, str(value).strip(), SCALE_HINTS[scale])))
	if not reasons and all(answer is None for answer in answers):
		reasons.append((NOTHING_ANSWERED_REASON, ()))
	return Response(tuple(answers), tuple(reasons))


@dataclass(frozen=True)
class QuestionResult:
	answered: int
	satisfied: int

	@property
	def rate(self) -> float | None:
		return percent(self.satisfied, self.answered)


@dataclass(frozen=True)
class SurveyResult:
	responses: tuple[Response, ...]
	questions: tuple[QuestionResult, ...]
	valid: int
	satisfied_respondents: int

	@property
	def invalid(self) -> int:
		return len(self.responses) - self.valid

	@property
	def overall(self) -> float | None:
		return percent(self.satisfied_respondents, self.valid)

	def rate_of(self, question_indexes: Sequence[int]) -> float | None:
		"""The satisfaction of several questions pooled (an indicator fed by
		more than one): their satisfied answers ÷ their answers."""
		picked = [self.questions[i] for i in question_indexes]
		return percent(sum(q.satisfied for q in picked), sum(q.answered for q in picked))


def tally(rows: Sequence[tuple[str | None, Sequence[object]]], scales: Sequence[str]) -> SurveyResult:
	"""The survey's result from its responses: (respondent number, answers) each."""
	first_row_of: dict[str, int] = {}
	responses = []
	for number, (respondent, raw) in enumerate(rows, start=1):
		response = check_response(raw, scales)
		key = "".join(unicodedata.normalize("NFKC", str(respondent or "")).split())
		if key and key in first_row_of:
			response = Response(
				response.answers, (*response.reasons, (SAME_RESPONDENT, (first_row_of[key],)))
			)
		elif key:
			first_row_of[key] = number
		responses.append(response)
	valid = [r for r in responses if r.valid]
	thresholds = [SATISFIED_FROM[scale] for scale in scales]
	questions = []
	for i, threshold in enumerate(thresholds):
		given = [r.answers[i] for r in valid if r.answers[i] is not None]
		questions.append(QuestionResult(len(given), sum(1 for a in given if a >= threshold)))
	satisfied = 0
	for response in valid:
		given = [(a, t) for a, t in zip(response.answers, thresholds, strict=True) if a is not None]
		if 2 * sum(1 for a, t in given if a >= t) >= len(given):
			satisfied += 1
	return SurveyResult(tuple(responses), tuple(questions), len(valid), satisfied)


def percent(part: int, whole: int) -> float | None:
	"""part ÷ whole in percent, half-up 2 decimals; None when there is nothing to divide."""
	if not whole:
		return None
	return round_half_up(Decimal(part) / Decimal(whole) * HUNDRED, 2)
