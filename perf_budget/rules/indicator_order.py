"""The order a goal's indicators are listed, printed and exported in: level 1,
then level 2, each in the national order of the three-level system
(产出 → 效益 → 满意度 → 成本; 数量 → 质量 → 时效 → 成本, …, see
``goal_quality.ALL_LEVEL2_BY_LEVEL1``, the whole-unit groups after the
project ones). Within one level pair the rows keep the
order the unit gave them."""

from collections.abc import Iterable, Mapping
from typing import TypeVar

from perf_budget.rules.goal_quality import ALL_LEVEL2_BY_LEVEL1

Row = TypeVar("Row", bound=Mapping)
LEVEL1_ORDER = tuple(ALL_LEVEL2_BY_LEVEL1)


def level_rank(row: Mapping) -> tuple[int, int]:
	"""Where a row's level pair stands; an unknown level goes after the known ones."""
	level1, level2 = row.get("level1"), row.get("level2")
	if level1 not in ALL_LEVEL2_BY_LEVEL1:
		return (len(LEVEL1_ORDER), 0)
	level2s = ALL_LEVEL2_BY_LEVEL1[level1]
	return (LEVEL1_ORDER.index(level1), level2s.index(level2) if level2 in level2s else len(level2s))


def sort_by_level(rows: Iterable[Row]) -> list[Row]:
	"""Rows ordered level 1 → level 2; a stable sort, so each pair keeps its own order."""
	return sorted(rows, key=level_rank)
