# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The load test's figures (benchmarks/load.py), without HTTP or Frappe (tested
in tier 1): who the virtual users are and which journey each takes next, what
an answer counts as, the table of percentiles, and the check after the run
that every write the server acknowledged is there."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

UNIT_USER, UNIT_HEAD, FINANCE, LEADER = "unit user", "unit head", "finance", "leader"
# Ten virtual users in a row: five unit users, two unit heads, two of the
# finance section and one leader; a larger crowd repeats the pattern.
ROLE_CYCLE = (
	UNIT_USER,
	UNIT_HEAD,
	UNIT_USER,
	FINANCE,
	UNIT_USER,
	UNIT_HEAD,
	UNIT_USER,
	FINANCE,
	UNIT_USER,
	LEADER,
)
# Each role's day: how often it takes each journey (weights, not shares).
MIX = {
	UNIT_USER: {"home": 2, "list": 4, "form": 4, "save": 4, "submit": 2, "report": 1, "excel": 1},
	UNIT_HEAD: {"home": 2, "list": 3, "form": 3, "review": 3, "report": 2, "excel": 1},
	FINANCE: {"home": 2, "list": 3, "form": 3, "review": 2, "conflict": 2, "report": 2, "excel": 1},
	LEADER: {"home": 3, "list": 2, "form": 2, "report": 3, "excel": 1},
}
JOURNEYS = ("login", "home", "list", "form", "save", "submit", "review", "conflict", "report", "excel")
OK, CONFLICT, ERROR = "ok", "conflict", "error"
# Frappe answers a ValidationError, TimestampMismatchError included, with 417 (frappe/exceptions.py).
REFUSED_STATUS = 417


def assign(users: int, logins: dict[str, list[str]]) -> list[tuple[str, str]]:
	"""(role, login) of each virtual user: roles in the order of ROLE_CYCLE, the
	k-th user of a role logged in as that role's k-th login, round the list."""
	seen: dict[str, int] = defaultdict(int)
	crowd = []
	for n in range(users):
		role = ROLE_CYCLE[n % len(ROLE_CYCLE)]
		crowd.append((role, logins[role][seen[role] % len(logins[role])]))
		seen[role] += 1
	return crowd


def pick(mix: dict[str, int], r: float) -> str:
	"""The journey a draw r in [0, 1) lands on, each taking its weight's share."""
	point = r * sum(mix.values())
	for journey, weight in mix.items():
		if point < weight:
			return journey
		point -= weight
	return journey  # r rounded up to the very end


def verdict(status: int, exc_type: str | None, expected: tuple[str, ...] = ()) -> str:
	"""What an answer counts as: ok (2xx), an expected conflict (a refusal of
	one of the ``expected`` kinds, e.g. TimestampMismatchError), else an error."""
	if 200 <= status < 300:
		return OK
	if status == REFUSED_STATUS and exc_type in expected:
		return CONFLICT
	return ERROR


def pair_problem(first: str, second: str) -> str | None:
	"""Two users saved the same record from the same version at the same time:
	exactly one is accepted, the other refused as modified after it was opened."""
	if {first, second} == {OK, CONFLICT}:
		return None
	if first == second == OK:
		return "both saves from the same version were accepted (a lost update)"
	return f"one save accepted and one refused as modified was expected, not {first} and {second}"


def percentile(values: list[float], p: float) -> float:
	"""Nearest rank: the smallest value with at least p % of the values at or below it."""
	ordered = sorted(values)
	return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


@dataclass(frozen=True)
class Sample:
	journey: str
	ms: float
	outcome: str


def table(samples: list[Sample], runs: dict[str, int]) -> list[tuple]:
	"""One row per journey taken (in JOURNEYS' order) and one for all:
	(journey, runs, requests, p50, p95, p99, conflicts, errors), times in ms."""
	by_journey = defaultdict(list)
	for sample in samples:
		by_journey[sample.journey].append(sample)
	rows = [
		row(journey, runs.get(journey, 0), by_journey[journey]) for journey in JOURNEYS if by_journey[journey]
	]
	rows.append(row("all", sum(runs.values()), samples))
	return rows


def row(journey: str, runs: int, samples: list[Sample]) -> tuple:
	times = [sample.ms for sample in samples]
	outcomes = [sample.outcome for sample in samples]
	return (
		journey,
		runs,
		len(samples),
		*(percentile(times, p) for p in (50, 95, 99)),
		outcomes.count(CONFLICT),
		outcomes.count(ERROR),
	)


def shown_table(rows: list[tuple]) -> str:
	lines = [
		"| journey | runs | requests | p50 ms | p95 ms | p99 ms | conflicts | errors |",
		"|---|---:|---:|---:|---:|---:|---:|---:|",
	]
	for journey, runs, requests, p50, p95, p99, conflicts, errors in rows:
		lines.append(
			f"| {journey} | {runs:,} | {requests:,} | {p50:,.0f} | {p95:,.0f} | {p99:,.0f} | {conflicts:,} | {errors:,} |"
		)
	return "\n".join(lines)


@dataclass(frozen=True)
class Write:
	"""A write the server acknowledged: ``field`` of a record set to ``value``,
	answered with version ``modified``; ``base`` is the version the user had
	opened (None for a workflow action, which Frappe applies to the stored version)."""

	doctype: str
	name: str
	field: str
	value: str
	modified: str
	base: str | None = None


def stamp(modified: str) -> datetime:
	return datetime.fromisoformat(str(modified))


def lost_writes(writes: list[Write], stored: dict[tuple[str, str], dict]) -> list[str]:
	"""What is wrong after the run, given every acknowledged write and each
	written record as stored now ({field: value, "modified": version}):

	* a record's acknowledged versions form one line: each save was made from
	  the version acknowledged just before it (two saves from the same version
	  both accepted is a lost update, whatever is stored in the end);
	* each written field holds the value of its last acknowledged write;
	* the stored version is not older than the last acknowledged one."""
	problems = []
	by_record = defaultdict(list)
	for write in writes:
		by_record[write.doctype, write.name].append(write)
	for (doctype, name), record_writes in by_record.items():
		record_writes.sort(key=lambda write: stamp(write.modified))
		row = stored.get((doctype, name))
		if row is None:
			problems.append(f"{doctype} {name}: not found after the run")
			continue
		for before, write in pairwise(record_writes):
			if stamp(write.modified) == stamp(before.modified):
				problems.append(
					f"{doctype} {name}: two writes acknowledged as the same version {write.modified}"
				)
			elif write.base is not None and stamp(write.base) != stamp(before.modified):
				problems.append(
					f"{doctype} {name}: {write.field} = {write.value!r} was saved from version {write.base},"
					f" but {before.field} = {before.value!r} had been acknowledged as {before.modified}"
					" (a lost update)"
				)
		last = {write.field: write for write in record_writes}
		for field, write in last.items():
			if row.get(field) != write.value:
				problems.append(
					f"{doctype} {name}: {field} is {row.get(field)!r}, not {write.value!r}"
					f" acknowledged as {write.modified}"
				)
		if stamp(row["modified"]) < stamp(record_writes[-1].modified):
			problems.append(
				f"{doctype} {name}: stored version {row['modified']} is older than"
				f" the acknowledged {record_writes[-1].modified}"
			)
	return problems
