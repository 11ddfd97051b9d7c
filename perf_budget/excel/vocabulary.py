"""Chinese words of the official forms and the English values the app stores.

Records store English select values (SPEC §3); the forms the bureau
exchanges show Chinese. Every form (goal, monitoring, self-evaluation)
takes its words from here so that one indicator name is spelt the same way
in all three and a reader accepts the same variants everywhere.
"""

from perf_budget.rules.goal_quality import LEVEL2_BY_LEVEL1
from perf_budget.rules.indicators import OPERATOR_SIGNS, QUALITATIVE_PREFIX
from perf_budget.rules.scoring import QUALITATIVE

# Re-exported: the level-1 → level-2 hierarchy and the printed 指标值 live with
# the rules so the form reader, the goal checks and the desk never disagree.
__all__ = [
	"BUDGET_TYPES",
	"EXPENDITURE_TYPES",
	"GRADES",
	"GRADE_ALIASES",
	"LEVEL1",
	"LEVEL1_ALIASES",
	"LEVEL2",
	"LEVEL2_ALIASES",
	"LEVEL2_BY_LEVEL1",
	"LIKELIHOODS",
	"LIKELIHOOD_ALIASES",
	"OPERATOR_ALIASES",
	"OPERATOR_SIGNS",
	"PROJECT_ATTRIBUTES",
	"PROJECT_ATTRIBUTE_ALIASES",
	"QUALITATIVE",
	"QUALITATIVE_PREFIX",
	"QUALITATIVE_PROGRESS",
	"QUALITATIVE_PROGRESS_ALIASES",
	"QUALITATIVE_RESULTS",
	"QUALITATIVE_RESULT_ALIASES",
	"RESULT_SYNONYMS",
	"YES_NO",
]

LEVEL1 = {
	"Output": "产出指标",
	"Effect": "效益指标",
	"Satisfaction": "满意度指标",
	"Cost": "成本指标",
}

LEVEL2 = {
	"Quantity": "数量指标",
	"Quality": "质量指标",
	"Timeliness": "时效指标",
	"Cost": "成本指标",
	"Economic": "经济效益指标",
	"Social": "社会效益指标",
	"Ecological": "生态效益指标",
	"Sustainable": "可持续影响指标",
	"Service Recipient": "服务对象满意度指标",
	"Economic Cost": "经济成本指标",
	"Social Cost": "社会成本指标",
	"Ecological Cost": "生态环境成本指标",
}


def _without_suffix(mapping: dict[str, str], suffix: str = "指标") -> dict[str, str]:
	"""Shown word minus its suffix -> stored value: published forms write 产出 as often as 产出指标."""
	return {shown.removesuffix(suffix): stored for stored, shown in mapping.items() if shown.endswith(suffix)}


LEVEL1_ALIASES = _without_suffix(LEVEL1)
LEVEL2_ALIASES = _without_suffix(LEVEL2)

# Every sign a person may type -> stored operator. Longest first, so that
# ">=" is not read as ">" followed by "=500". Full-width signs (＞＝) are
# folded to these by NFKC before matching.
OPERATOR_ALIASES = {
	">=": ">=",
	"<=": "<=",
	"≥": ">=",
	"≧": ">=",
	"≤": "<=",
	"≦": "<=",
	">": ">",
	"<": "<",
	"=": "=",
}
# Art. 19: the kind of expenditure, as a form's title and the department summary's subtotals name it.
EXPENDITURE_TYPES = {
	"Project Expenditure": "项目支出",
	"Policy Expenditure": "政策支出",
	"Special Fund": "专项资金",
}

BUDGET_TYPES = {"Annual": "年初预算", "Supplementary": "追加预算"}
# 项目属性 of the 申报表 (财预〔2015〕88号 附1).
PROJECT_ATTRIBUTES = {
	"New Project": "新增项目",
	"Continuing Project": "延续项目",
	# a project whose term ended and that is filed again (事前绩效评估 applies to it)
	"Renewed after Expiry": "到期延续项目",
}
PROJECT_ATTRIBUTE_ALIASES = {
	"新增": "New Project",
	"新设": "New Project",
	"新设项目": "New Project",
	"延续": "Continuing Project",
	"延续性项目": "Continuing Project",
	"经常性项目": "Continuing Project",
	"到期延续": "Renewed after Expiry",
	"到期续期项目": "Renewed after Expiry",
}
YES_NO = {True: "是", False: "否"}

# For the self-evaluation form (SPEC §4.4): grade and qualitative result.
GRADES = {"Excellent": "优", "Good": "良", "Fair": "中", "Poor": "差"}
# The wording of 财预〔2020〕10号 附1.
QUALITATIVE_RESULTS = {
	"Achieved": "达成年度指标",
	"Partly": "部分达成年度指标并具有一定效果",
	"Not Achieved": "未达成年度指标且效果较差",
}
# Everyday words evaluators write for the same three results; the default of
# the setting "qualitative synonyms" (Perf Budget Settings), which a bureau may change.
RESULT_SYNONYMS = {"好": "Achieved", "较好": "Achieved", "一般": "Partly", "差": "Not Achieved"}
# Words published forms also use for the same grade and result.
GRADE_ALIASES = {"优秀": "Excellent", "良好": "Good", "中等": "Fair", "较差": "Poor"}
QUALITATIVE_RESULT_ALIASES = {
	"达成": "Achieved",
	"已达成": "Achieved",
	"完成": "Achieved",
	"已完成": "Achieved",
	"部分达成并具有一定效果": "Partly",
	"部分达成": "Partly",
	"部分完成": "Partly",
	"未达成且效果较差": "Not Achieved",
	"未达成": "Not Achieved",
	"未完成": "Not Achieved",
}

# For the monitoring form (SPEC §4.3): 完成目标可能性 and the progress of a
# qualitative indicator so far (stored values as perf_budget.rules.warnings).
LIKELIHOODS = {"Certain": "确定能", "Possible": "有可能", "Impossible": "完全不可能"}
LIKELIHOOD_ALIASES = {
	"确定能完成目标": "Certain",
	"有可能完成目标": "Possible",
	"完全不可能完成目标": "Impossible",
	"确定": "Certain",
	"确定能完成": "Certain",
	"能": "Certain",
	"可能": "Possible",
	"有可能完成": "Possible",
	"不可能": "Impossible",
	"完全不可能完成": "Impossible",
}
QUALITATIVE_PROGRESS = {"Achieved": "已达成", "Partly": "部分达成", "Not Achieved": "未达成"}
# The self-evaluation's result words mean the same progress.
QUALITATIVE_PROGRESS_ALIASES = {
	**QUALITATIVE_RESULT_ALIASES,
	**{shown: stored for stored, shown in QUALITATIVE_RESULTS.items()},
}


SYNONYM_NOT_UNDERSTOOD = (
	"Line {0} of the everyday words must read word=result with a result among {1}, not {2}"
)


def parse_synonyms(text: str | None) -> tuple[dict[str, str], list[tuple[str, tuple]]]:
	"""The setting "好=达成年度指标" (one per line) -> ({"好": "Achieved"}, problems).

	A result may be written as the form's words, their short forms or the stored value.
	"""
	known = {shown: stored for stored, shown in QUALITATIVE_RESULTS.items()}
	known |= {stored: stored for stored in QUALITATIVE_RESULTS} | QUALITATIVE_RESULT_ALIASES
	synonyms: dict[str, str] = {}
	problems: list[tuple[str, tuple]] = []
	for number, line in enumerate((text or "").splitlines(), 1):
		if not line.strip():
			continue
		word, _, result = (part.strip() for part in line.replace("＝", "=").partition("="))
		if not word or result not in known:
			problems.append(
				(SYNONYM_NOT_UNDERSTOOD, (number, "、".join(QUALITATIVE_RESULTS.values()), line.strip()))
			)
			continue
		synonyms[word] = known[result]
	return synonyms, problems
