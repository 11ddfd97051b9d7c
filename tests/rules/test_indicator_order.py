"""A goal's indicators are listed level 1 → level 2 in the national order, each
level pair keeping the unit's own order (issue 12: 产出指标 was split in two)."""

from perf_budget.rules.indicator_order import sort_by_level


def row(level1, level2, name):
	return {"level1": level1, "level2": level2, "indicator_name": name}


def names(rows):
	return [r["indicator_name"] for r in rows]


def test_shuffled_rows_come_back_in_the_national_order_keeping_the_order_within_a_pair():
	shuffled = [
		row("Satisfaction", "Service Recipient", "群众满意度"),
		row("Output", "Quality", "验收合格率"),
		row("Effect", "Social", "群众出行改善"),
		row("Output", "Quantity", "维修道路长度"),
		row("Cost", "Economic Cost", "单位造价"),
		row("Output", "Timeliness", "按期完工率"),
		row("Effect", "Economic", "节约维护费用"),
		row("Output", "Quantity", "更换路灯数量"),
		row("Output", "Cost", "项目总成本"),
		row("Effect", "Sustainable", "设施使用年限"),
		row("Output", "Quantity", "清理边沟长度"),
		row("Effect", "Ecological", "扬尘减少"),
	]
	assert names(sort_by_level(shuffled)) == [
		"维修道路长度",
		"更换路灯数量",
		"清理边沟长度",
		"验收合格率",
		"按期完工率",
		"项目总成本",
		"节约维护费用",
		"群众出行改善",
		"扬尘减少",
		"设施使用年限",
		"群众满意度",
		"单位造价",
	]


def test_rows_without_a_known_level_go_last_in_their_own_order():
	rows = [
		row(None, None, "未分级甲"),
		row("Output", "Unknown", "产出未知二级"),
		row("Effect", "Social", "社会效益"),
		row("Output", "Quantity", "数量"),
		row("Other", "Quantity", "未分级乙"),
	]
	assert names(sort_by_level(rows)) == ["数量", "产出未知二级", "社会效益", "未分级甲", "未分级乙"]


def test_an_ordered_table_is_left_as_it_is():
	rows = [row("Output", "Quantity", "甲"), row("Output", "Quantity", "乙"), row("Effect", "Social", "丙")]
	assert sort_by_level(rows) == rows
