"""Ex-ante performance assessment (事前绩效评估) of new and major projects and
policies before they get a budget (中共中央 国务院《关于全面实施预算绩效管理的
意见》, 2018: 新出台重大政策、项目开展事前绩效评估; local 事前绩效评估管理办法:
评估结果作为申请预算的必备要件 — no supported assessment, no budget).

Which goals need one, the score of an assessment, the conclusion it suggests
and the settings' own checks; no Frappe here.

* A goal needs an assessment when it is a new project (新增), a project
  renewed after its term expired (到期延续), a new or renewed policy or
  special fund (its own switch), or its total amount reaches the major
  amount (重大项目, 万元; 0 turns it off) — each switchable in the settings.
* Each dimension (必要性, 可行性 …) is scored 0 to its weight with at most the
  settings' decimals, never rounded; the weights add up to 100 and the total
  is the sum of the scores.
* The total suggests 予以支持 from ``support_min``, 调整后支持 from
  ``adjust_min``, else 不予支持; finance concludes, and only the first two
  let the goal go on to finance.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perf_budget.rules.numbers import RuleError, parse_number, to_decimal
from perf_budget.rules.policy import TERMED_TYPES

NEW = "New Project"
RENEWED = "Renewed after Expiry"

SUPPORT = "Support"
SUPPORT_ADJUSTED = "Support after Adjustment"
DO_NOT_SUPPORT = "Do Not Support"
CONCLUSIONS = (SUPPORT, SUPPORT_ADJUSTED, DO_NOT_SUPPORT)
# The conclusions that let a goal leave the unit.
SUPPORTED = (SUPPORT, SUPPORT_ADJUSTED)

# The default scoring table: the five dimensions named by the issue, weighted
# equally as in the published 事前绩效评估评分指标体系 (each first-level dimension
# 20 of 100), each with its scoring guide.
DEFAULT_DIMENSIONS = (
	(
		"必要性",
		20,
		"立项依据充分，符合国家、省、市相关规划和政策要求，与部门职能密切相关；"
		"需求真实迫切，与其他项目不重复交叉。",
	),
	(
		"可行性",
		20,
		"实施方案完整可行，组织、制度和人员保障到位，经过可行性研究、专家论证、"
		"风险评估和集体决策等必要程序。",
	),
	(
		"经济性",
		20,
		"预算测算依据充分，符合定额和支出标准，预算细化明确，遵循勤俭办事、量力而为的原则。",
	),
	(
		"效益性",
		20,
		"绩效目标明确、细化、量化，与项目内容和预算相匹配，预期经济、社会、生态效益可实现、可持续。",
	),
	(
		"筹资合规性",
		20,
		"资金来源渠道合法合规，财政资金支持方式恰当，其他资金落实可靠，不新增隐性债务。",
	),
)


class ExanteError(RuleError):
	"""Bad input of an assessment; ``message`` is an English key."""

	# spelled out so that scripts/app_strings.py finds the ``message`` keys to translate
	def __init__(self, message: str, *args: object) -> None:
		super().__init__(message, *args)


@dataclass(frozen=True)
class ExanteSettings:
	# 重大项目 from this total amount (万元); 0 turns the amount rule off. Above
	# every amount the demo bureau and the tests file for continuing projects
	# (1,909.50 at most), so only new, renewed and policy goals need one there.
	major_amount: float = 2000.0
	for_new: bool = True
	for_renewed: bool = True
	for_policies: bool = True
	# The scoring table of the suggested conclusion.
	support_min: float = 80.0
	adjust_min: float = 60.0

	@classmethod
	def from_mapping(cls, values: Mapping) -> "ExanteSettings":
		"""From the settings' exante_* fields; an empty value keeps the default."""
		known = {}
		for name, default in cls.__dataclass_fields__.items():
			value = values.get(f"exante_{name}")
			if value is None or value == "":
				continue
			known[name] = bool(int(value)) if isinstance(default.default, bool) else float(to_decimal(value))
		return cls(**known)


@dataclass(frozen=True)
class Reason:
	"""``_(message).format(*args)`` is what the user reads."""

	message: str
	args: tuple = ()


def reasons(goal: Mapping, settings: ExanteSettings) -> list[Reason]:
	"""Why ``goal`` (project_attribute, expenditure_type, total_amount) needs an
	ex-ante assessment; empty when it needs none."""
	attribute = goal.get("project_attribute")
	found = []
	if goal.get("expenditure_type") in TERMED_TYPES:
		# a policy's or special fund's own switch, whether it is new or renewed
		if settings.for_policies and attribute in (NEW, RENEWED):
			found.append(Reason("New or renewed policy or special fund"))
	elif settings.for_new and attribute == NEW:
		found.append(Reason("New project"))
	elif settings.for_renewed and attribute == RENEWED:
		found.append(Reason("Project renewed after its term expired"))
	amount = parse_number(goal.get("total_amount")) or Decimal(0)
	major = to_decimal(settings.major_amount)
	if major > 0 and amount >= major:
		found.append(
			Reason("Major amount: {0} 10k yuan, at or above {1} 10k yuan", (float(amount), float(major)))
		)
	return found


def checked_score(value: object, weight: object, dimension: str, precision: int) -> Decimal:
	"""A dimension's score as given: a number from 0 to the dimension's weight
	with at most ``precision`` decimals, never rounded."""
	number = parse_number(value)
	if number is None:
		raise ExanteError("The score of {0} must be a number, not “{1}”", dimension, value)
	limit = to_decimal(weight)
	if not 0 <= number <= limit:
		raise ExanteError("The score of {0} must be from 0 to {1}, not {2}", dimension, float(limit), value)
	if number != number.quantize(Decimal(1).scaleb(-precision)):
		raise ExanteError(
			"The score of {0} ({1}) has more than {2} decimals; enter it at {2} decimals",
			dimension,
			value,
			precision,
		)
	return number


def total_score(rows: Iterable[Mapping], precision: int) -> float:
	"""The sum of the dimensions' scores (rows: dimension, weight, score); each
	score is checked. An empty score is 0, as Frappe stores it."""
	total = Decimal(0)
	for row in rows:
		score = row.get("score")
		if score is not None and score != "":
			total += checked_score(score, row.get("weight"), row.get("dimension"), precision)
	return float(total)


def unassessed(rows: Iterable[Mapping]) -> list[str]:
	"""The dimensions without a written finding: a score of 0 is a finding too,
	so what shows a dimension assessed is its finding (every one before the unit
	head sees it)."""
	return [row.get("dimension") for row in rows if not (row.get("finding") or "").strip()]


def suggested_conclusion(total: object, settings: ExanteSettings) -> str | None:
	"""The conclusion the total suggests by the settings' scoring table."""
	number = parse_number(total)
	if number is None:
		return None
	if number >= to_decimal(settings.support_min):
		return SUPPORT
	if number >= to_decimal(settings.adjust_min):
		return SUPPORT_ADJUSTED
	return DO_NOT_SUPPORT


def is_supported(conclusion: str | None) -> bool:
	return conclusion in SUPPORTED


def covers(assessed_amount: object, goal_amount: object) -> bool:
	"""A supported assessment covers the amount it assessed, to the fen: a goal
	raised above it after the conclusion needs a new assessment (a lower one
	stays covered)."""
	assessed, asked = parse_number(assessed_amount), parse_number(goal_amount)
	if assessed is None or asked is None:
		return False
	fen = Decimal("0.01")
	return asked.quantize(fen, ROUND_HALF_UP) <= assessed.quantize(fen, ROUND_HALF_UP)


def dimension_problems(rows: Iterable[Mapping]) -> list[tuple[str, tuple]]:
	"""What is wrong with a table of dimensions (dimension, weight): at least
	one, each named once with a weight above 0, the weights adding up to 100."""
	rows = list(rows)
	if not rows:
		return [("Add the ex-ante assessment dimensions; their weights add up to 100", ())]
	problems, seen, total = [], set(), Decimal(0)
	for index, row in enumerate(rows, 1):
		name = (row.get("dimension") or "").strip()
		weight = parse_number(row.get("weight"))
		if not name:
			problems.append(("Row {0} of the ex-ante assessment dimensions has no name", (index,)))
		elif name in seen:
			problems.append(("The ex-ante assessment dimension {0} is listed twice", (name,)))
		seen.add(name)
		if weight is None or not 0 < weight <= 100:
			problems.append(
				(
					"The weight of the ex-ante assessment dimension {0} must be above 0 and at most 100, it is {1}",
					(name or index, row.get("weight")),
				)
			)
		else:
			total += weight
	if not problems and total != 100:
		problems.append(
			(
				"The ex-ante assessment dimensions' weights must add up to 100, they add up to {0}",
				(float(total),),
			)
		)
	return problems


def setting_problems(values: Mapping, rows: Iterable[Mapping]) -> list[tuple[str, tuple]]:
	"""The settings' ex-ante part: the major amount, the scoring table and the dimensions."""
	problems = []
	major = parse_number(values.get("exante_major_amount"))
	if major is not None and major < 0:
		problems.append(("{0} cannot be negative, it is {1}", ("exante_major_amount", float(major))))
	settings = ExanteSettings.from_mapping(values)
	if not 0 <= settings.adjust_min < settings.support_min <= 100:
		problems.append(
			(
				"The ex-ante scoring table needs 0 ≤ {0} {1} < {2} {3} ≤ 100",
				("exante_adjust_min", settings.adjust_min, "exante_support_min", settings.support_min),
			)
		)
	return problems + dimension_problems(rows)
