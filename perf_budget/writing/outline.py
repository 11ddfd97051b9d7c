"""The outline of the two written reports, as plain data (no Frappe).

* 绩效自评总结报告 (art. 23): 一、基本情况 二、组织实施 三、自评结果 (the
  figures, the grade distribution, the scores by unit and by project)
  四、发现的问题及原因 五、改进措施 六、结果应用建议; 自评结果 also holds the
  department-wide self-evaluations (部门整体支出绩效, apart from the project
  totals) and the year's ex-ante assessments by conclusion;
* 监控情况报告 (art. 17, 财预〔2019〕136号): 一、监控总体情况 二、预算执行情况
  三、绩效目标完成情况 (the red and yellow warnings, the department-wide
  monitoring's lights) 四、偏差原因及纠偏措施
  五、下一步工作.

The document is the bureau's official Chinese text, so its headings and
captions are Chinese here, like the Excel forms' (``excel/vocabulary.py``).
``figures`` is the snapshot the record keeps (exchange/written_reports.py):
English select values, amounts in 万元, rates in percent; ``texts`` maps a
section's key to what finance wrote for it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from perf_budget.excel.department_summary import ADVICE_ZH, SOURCE_ZH
from perf_budget.excel.vocabulary import GRADES as GRADE_ZH
from perf_budget.rules import figures as shown

SELF_EVALUATION = "Self-Evaluation Summary Report"
MONITORING = "Monitoring Report"
GRADES = ("Excellent", "Good", "Fair", "Poor")
LIGHTS = ("Red", "Yellow", "Green")
LIGHT_ZH = {"Red": "红灯", "Yellow": "黄灯", "Green": "绿灯"}
# an ex-ante assessment's conclusion (Ex-ante Assessment.conclusion)
CONCLUSIONS = ("Support", "Support after Adjustment", "Do Not Support")
CONCLUSION_ZH = {
	"Support": "予以支持",
	"Support after Adjustment": "调整后支持",
	"Do Not Support": "不予支持",
}
REASON_ZH = {
	"reason_funding": "资金原因",
	"reason_rules": "制度原因",
	"reason_staffing": "人员原因",
	"reason_conditions": "硬件条件原因",
	"reason_other": "其他原因",
}
NUMERALS = "一二三四五六七八九十"

# (key of the record's text field, heading), in the document's order
SELF_EVALUATION_SECTIONS = (
	("basic_situation", "基本情况"),
	("organization", "组织实施"),
	("results_narrative", "自评结果"),
	("problems_and_causes", "发现的问题及原因"),
	("improvement_measures", "改进措施"),
	("results_application", "结果应用建议"),
)
MONITORING_SECTIONS = (
	("monitoring_overview", "监控总体情况"),
	("budget_execution", "预算执行情况"),
	("goal_completion", "绩效目标完成情况"),
	("deviation_and_correction", "偏差原因及纠偏措施"),
	("next_steps", "下一步工作"),
)
NOT_WRITTEN = "（未填写）"


@dataclass(frozen=True)
class Heading:
	text: str
	level: int  # 1: 一、…  2: （一）…


@dataclass(frozen=True)
class Paragraph:
	text: str


@dataclass(frozen=True)
class Table:
	caption: str
	header: tuple[str, ...]
	rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Document:
	title: str
	blocks: tuple


def outline(kind: str, title: str, figures: dict, texts: dict) -> Document:
	build = {SELF_EVALUATION: self_evaluation, MONITORING: monitoring}[kind]
	return Document(title, tuple(build(figures, texts)))


def shares(counts: list[int]) -> list[Decimal | None]:
	"""Each count's share in percent, to 2 decimals, adding up to exactly
	100.00 (largest remainder: the hundredths lost to rounding down go to the
	largest remainders, the first one on a tie); None without a total."""
	total = sum(counts)
	if not total:
		return [None] * len(counts)
	exact = [Decimal(c) * 10000 / total for c in counts]
	floors = [e.to_integral_value(rounding=ROUND_FLOOR) for e in exact]
	left = 10000 - int(sum(floors))
	order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
	for i in order[:left]:
		floors[i] += 1
	return [f / 100 for f in floors]


def paragraphs(text: str | None) -> list[Paragraph]:
	"""What finance wrote, one paragraph a line; a section left empty says so."""
	lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
	return [Paragraph(line) for line in lines] or [Paragraph(NOT_WRITTEN)]


def section(number: int, heading: str) -> Heading:
	return Heading(f"{NUMERALS[number - 1]}、{heading}", 1)


def sub(number: int, heading: str) -> Heading:
	return Heading(f"（{NUMERALS[number - 1]}）{heading}", 2)


# ---------------------------------------------------------------- art. 23


def self_evaluation(figures: dict, texts: dict) -> list:
	blocks = []
	for number, (key, heading) in enumerate(SELF_EVALUATION_SECTIONS, 1):
		blocks.append(section(number, heading))
		if key == "results_narrative":
			blocks += self_evaluation_results(figures, texts.get(key))
		elif key == "results_application":
			blocks += paragraphs(texts.get(key))
			if figures.get("advice"):
				blocks.append(advice_table(figures["advice"], precision(figures)))
		else:
			blocks += paragraphs(texts.get(key))
	return blocks


def precision(figures: dict) -> int:
	return int(figures.get("score_precision", 2))


def self_evaluation_results(figures: dict, text: str | None) -> list:
	totals = figures.get("totals") or {}
	year = figures.get("performance_year", "")
	counts = [int((figures.get("grades") or {}).get(g, 0)) for g in GRADES]
	if totals:
		overall = (
			f"{year}年度共对{totals['projects']}个项目开展绩效自评，全年预算数{shown.amount(totals['annual_budget'])}万元，"
			f"全年执行数{shown.amount(totals['executed_amount'])}万元，预算执行率{shown.rate(totals['execution_rate'])}，"
			f"平均得分{shown.average(totals['average_score'])}分。"
			+ "，".join(f"评价等级为“{GRADE_ZH[g]}”的{c}个" for g, c in zip(GRADES, counts, strict=True))
			+ "。"
		)
	else:
		overall = f"{year}年度尚无已审核通过的项目自评。"
	blocks = [sub(1, "总体情况"), Paragraph(overall)]
	if text and text.strip():
		blocks += paragraphs(text)
	blocks += [sub(2, "评价等级分布"), grade_table(counts)]
	if figures.get("units"):
		blocks += [sub(3, "分单位自评情况"), unit_table(figures["units"], totals)]
	if figures.get("projects"):
		blocks += [sub(4, "项目自评得分"), project_table(figures["projects"], precision(figures))]
	# snapshots taken before issue 15 hold neither: their documents stay as they were
	number = sum(1 for block in blocks if isinstance(block, Heading))
	if "departments" in figures:
		number += 1
		blocks += [sub(number, "部门整体支出绩效自评情况"), *department_results(figures)]
	if "exante" in figures:
		number += 1
		blocks += [sub(number, "事前绩效评估情况"), *exante_results(figures)]
	return blocks


def unit_name(row: dict) -> str:
	"""The unit as the text names it; the bureau's own record is the whole bureau's."""
	return f"{row['budget_unit']}（全局）" if row.get("is_bureau") else row["budget_unit"]


def department_results(figures: dict) -> list:
	"""Each unit's (and the bureau's) department-wide self-evaluation: a sentence
	and a row each, apart from the projects — a department's whole budget holds
	its projects' and the bureau's holds its units', so nothing here is summed."""
	rows, score_precision = figures["departments"], precision(figures)
	if not rows:
		return [Paragraph(f"{figures.get('performance_year', '')}年度尚无已审核通过的部门整体支出绩效自评。")]
	blocks = [
		Paragraph(
			f"{len(rows)}个单位开展了部门整体支出绩效自评，其预算为部门整体预算，单独列示，不计入上述项目合计。"
		)
	]
	blocks += [
		Paragraph(
			f"{unit_name(r)}部门整体支出全年预算数{shown.amount(r['annual_budget'])}万元，"
			f"全年执行数{shown.amount(r['executed_amount'])}万元，预算执行率{shown.rate(r['execution_rate'])}，"
			f"自评得分{shown.score(r['total_score'], score_precision)}分，"
			f"评价等级为“{GRADE_ZH.get(r['grade'], shown.MISSING)}”。"
		)
		for r in rows
	]
	table = tuple(
		(
			unit_name(r),
			shown.amount(r["annual_budget"]),
			shown.amount(r["executed_amount"]),
			shown.rate(r["execution_rate"]),
			shown.score(r["total_score"], score_precision),
			GRADE_ZH.get(r["grade"], shown.MISSING),
		)
		for r in rows
	)
	header = ("单位", "全年预算数（万元）", "全年执行数（万元）", "执行率", "自评得分", "等级")
	return [*blocks, Table("部门整体支出绩效自评情况", header, table)]


def exante_results(figures: dict) -> list:
	"""The year's ex-ante assessments: concluded ones by conclusion, the others as in progress."""
	counts = figures["exante"]
	concluded = [int(counts.get(c, 0)) for c in CONCLUSIONS]
	open_ = int(counts.get("in_progress", 0))
	year = figures.get("performance_year", "")
	if not sum(concluded) + open_:
		return [Paragraph(f"{year}年度未开展事前绩效评估。")]
	text = (
		f"{year}年度共开展事前绩效评估{sum(concluded) + open_}个，已形成评估结论{sum(concluded)}个，其中"
		+ "，".join(f"{CONCLUSION_ZH[c]}{n}个" for c, n in zip(CONCLUSIONS, concluded, strict=True))
		+ f"；尚在评估中{open_}个。"
	)
	parts = shares(concluded)
	rows = [
		(CONCLUSION_ZH[c], str(n), shown.rate(p))
		for c, n, p in zip(CONCLUSIONS, concluded, parts, strict=True)
	]
	rows.append(("合计", str(sum(concluded)), shown.rate(100 if sum(concluded) else None)))
	return [Paragraph(text), Table("事前绩效评估结论", ("评估结论", "项目数（个）", "占比"), tuple(rows))]


def grade_table(counts: list[int]) -> Table:
	parts = shares(counts)
	rows = [(GRADE_ZH[g], str(c), shown.rate(p)) for g, c, p in zip(GRADES, counts, parts, strict=True)]
	rows.append(("合计", str(sum(counts)), shown.rate(100 if sum(counts) else None)))
	return Table("评价等级分布", ("等级", "项目数（个）", "占比"), tuple(rows))


def unit_table(units: list[dict], totals: dict) -> Table:
	rows = [
		(
			u["budget_unit"],
			str(u["projects"]),
			shown.amount(u["annual_budget"]),
			shown.amount(u["executed_amount"]),
			shown.rate(u["execution_rate"]),
			shown.average(u["average_score"]),
			*(str(u[g.lower()]) for g in GRADES),
		)
		for u in units
	]
	grades = [sum(int(u[g.lower()]) for u in units) for g in GRADES]
	rows.append(
		(
			"合计",
			str(totals["projects"]),
			shown.amount(totals["annual_budget"]),
			shown.amount(totals["executed_amount"]),
			shown.rate(totals["execution_rate"]),
			shown.average(totals["average_score"]),
			*(str(c) for c in grades),
		)
	)
	header = (
		"单位",
		"项目数",
		"全年预算数（万元）",
		"全年执行数（万元）",
		"执行率",
		"平均得分",
		*GRADE_ZH.values(),
	)
	return Table("分单位自评情况", header, tuple(rows))


def project_table(projects: list[dict], score_precision: int) -> Table:
	rows = tuple(
		(
			str(i),
			p["project_name"],
			p["budget_unit"],
			shown.amount(p["annual_budget"]),
			shown.amount(p["executed_amount"]),
			shown.rate(p["execution_rate"]),
			shown.score(p["total_score"], score_precision),
			GRADE_ZH.get(p["grade"], shown.MISSING),
		)
		for i, p in enumerate(projects, 1)
	)
	header = (
		"序号",
		"项目名称",
		"单位",
		"全年预算数（万元）",
		"全年执行数（万元）",
		"执行率",
		"自评得分",
		"等级",
	)
	return Table("项目自评得分", header, rows)


def advice_table(advice: list[dict], score_precision: int) -> Table:
	rows = tuple(
		(
			a["project_name"],
			a["budget_unit"],
			shown.score(a["total_score"], score_precision),
			GRADE_ZH.get(a["grade"], shown.MISSING),
			ADVICE_ZH.get(a["advice"], shown.MISSING),
			shown.rate(a["cut_percent"]),
			SOURCE_ZH[a["source"]],
		)
		for a in advice
	)
	header = ("项目名称", "单位", "自评得分", "等级", "下年度预算安排建议", "调减比例", "来源")
	return Table("结果应用建议", header, rows)


def advice_text(advice: list[dict]) -> str:
	"""The 结果应用建议 finance starts from: the projects by advised treatment."""
	lines = []
	for action, words in ADVICE_ZH.items():
		names = [a["project_name"] for a in advice if a["advice"] == action]
		if names:
			lines.append(f"建议{words}的项目{len(names)}个：{'、'.join(names)}。")
	if not lines:
		return ""
	return "\n".join(["根据自评结果和整改情况，对下年度预算安排提出以下建议：", *lines])


# ---------------------------------------------------------------- art. 17


def monitoring(figures: dict, texts: dict) -> list:
	blocks = []
	for number, (key, heading) in enumerate(MONITORING_SECTIONS, 1):
		blocks.append(section(number, heading))
		blocks += {
			"monitoring_overview": monitoring_overview,
			"budget_execution": budget_execution,
			"goal_completion": goal_completion,
			"deviation_and_correction": deviation_reasons,
		}.get(key, lambda _figures: [])(figures)
		blocks += paragraphs(texts.get(key))
	return blocks


def period(figures: dict) -> str:
	return f"{figures.get('performance_year', '')}年1—{figures.get('period_end_month', '')}月"


def monitoring_overview(figures: dict) -> list:
	c = figures.get("completeness") or {}
	due = sum(int(c.get(k, 0)) for k in ("submitted", "not_submitted", "missing"))
	return [
		Paragraph(
			f"本轮监控期间为{period(figures)}，应开展监控的项目{due}个，已报送{c.get('submitted', 0)}个，"
			f"未报送{c.get('not_submitted', 0)}个，未填报{c.get('missing', 0)}个。"
		)
	]


def budget_execution(figures: dict) -> list:
	totals = figures.get("totals") or {}
	if not totals.get("projects"):
		return [Paragraph("本轮尚无监控记录。")]
	blocks = [
		Paragraph(
			f"纳入监控的{totals['projects']}个项目全年预算数{shown.amount(totals['annual_budget'])}万元，"
			f"截至{figures.get('period_end_month', '')}月底执行{shown.amount(totals['executed_amount'])}万元，"
			f"预算执行率{shown.rate(totals['execution_rate'])}。"
		)
	]
	rows = tuple(
		(
			str(i),
			p["project_name"],
			p["budget_unit"],
			shown.amount(p["annual_budget"]),
			shown.amount(p["executed_amount"]),
			shown.rate(p["execution_rate"]),
			LIGHT_ZH.get(p["execution_light"], shown.MISSING),
		)
		for i, p in enumerate(figures.get("projects") or [], 1)
	)
	header = ("序号", "项目名称", "单位", "全年预算数（万元）", "已执行数（万元）", "执行率", "执行进度预警")
	blocks.append(Table("项目预算执行情况", header, rows))
	return blocks


def goal_completion(figures: dict) -> list:
	lights = figures.get("lights") or {}
	counts = [int(lights.get(light, 0)) for light in LIGHTS]
	parts = shares(counts)
	blocks = [
		Paragraph(
			"本轮监控"
			+ "，".join(f"{LIGHT_ZH[light]}项目{c}个" for light, c in zip(LIGHTS, counts, strict=True))
			+ "。"
		),
		Table(
			"预警分布",
			("预警等级", "项目数（个）", "占比"),
			(
				*(
					(LIGHT_ZH[light], str(c), shown.rate(p))
					for light, c, p in zip(LIGHTS, counts, parts, strict=True)
				),
				("合计", str(sum(counts)), shown.rate(100 if sum(counts) else None)),
			),
		),
	]
	warned = [p for p in figures.get("projects") or [] if p["warning_level"] in ("Red", "Yellow")]
	if warned:
		rows = tuple(
			(
				p["project_name"],
				p["budget_unit"],
				LIGHT_ZH[p["warning_level"]],
				shown.rate(p["execution_rate"]),
				str(p["red_indicators"] or 0),
			)
			for p in warned
		)
		blocks.append(
			Table("红灯、黄灯预警项目", ("项目名称", "单位", "预警等级", "执行率", "红灯指标数"), rows)
		)
	if "departments" in figures:  # not in snapshots taken before issue 15
		blocks += department_lights(figures["departments"])
	return blocks


def department_lights(rows: list[dict]) -> list:
	"""The round's department-wide monitoring, each unit with its lights, apart from the projects."""
	if not rows:
		return [Paragraph("本轮尚无部门整体支出绩效监控记录。")]
	counts = [sum(1 for r in rows if r["warning_level"] == light) for light in LIGHTS]
	text = (
		f"部门整体支出绩效监控{len(rows)}个单位，"
		+ "，".join(f"{LIGHT_ZH[light]}{c}个" for light, c in zip(LIGHTS, counts, strict=True))
		+ "。"
	)
	table = tuple(
		(
			unit_name(r),
			shown.amount(r["annual_budget"]),
			shown.amount(r["executed_amount"]),
			shown.rate(r["execution_rate"]),
			LIGHT_ZH.get(r["execution_light"], shown.MISSING),
			LIGHT_ZH.get(r["warning_level"], shown.MISSING),
			str(r["red_indicators"] or 0),
		)
		for r in rows
	)
	header = (
		"单位",
		"全年预算数（万元）",
		"已执行数（万元）",
		"执行率",
		"执行进度预警",
		"预警等级",
		"红灯指标数",
	)
	return [Paragraph(text), Table("部门整体支出绩效监控情况", header, table)]


def deviation_reasons(figures: dict) -> list:
	reasons = figures.get("reasons") or {}
	if not any(reasons.values()):
		return []
	rows = tuple((REASON_ZH[k], str(reasons.get(k, 0))) for k in REASON_ZH)
	return [Table("偏差原因分类", ("偏差原因", "涉及指标数（个）"), rows)]


def default_title(kind: str, year: str, month: int | None = None) -> str:
	if kind == MONITORING:
		return f"{year}年1—{month}月预算绩效运行监控情况报告"
	return f"{year}年度部门预算绩效自评总结报告"
