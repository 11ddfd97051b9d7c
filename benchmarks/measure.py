# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The measurements: each report, number card and dashboard chart against
the SQL of the same figures (time, and the figures value for value), on the
latest year and across the years, the queries each issues, and the EXPLAIN of
the slowest statement (the writes are benchmarks/writes.py's)."""

import time
from contextlib import contextmanager
from types import SimpleNamespace

import frappe
from compare import differences
from same_figures import SPECS, params
from table import time_missed

REPEAT = 3  # the writes' rounds (benchmarks/writes.py)
RUNS = 5  # each report, card or chart and its SQL


def timed(*fns, repeat: int = RUNS) -> list[tuple[float, object]]:
	"""(fastest seconds, last result) of each function, run ``repeat`` times
	taking turns. Other work on a shared machine only ever adds time, and
	lands on one side of a comparison or the other at random: the fastest run
	of each side is the nearest to its own cost."""
	times, results = [[] for _ in fns], [None] * len(fns)
	for _ in range(repeat):
		for i, fn in enumerate(fns):
			started = time.perf_counter()
			results[i] = fn()
			times[i].append(time.perf_counter() - started)
	return [(min(t), r) for t, r in zip(times, results, strict=True)]


@contextmanager
def replaced(owner, name: str, value):
	"""``owner.name`` is ``value`` inside the block and what it was after it."""
	own = name in vars(owner)  # an instance attribute, or one inherited from the class
	original = getattr(owner, name)
	setattr(owner, name, value)
	try:
		yield
	finally:
		if own:
			setattr(owner, name, original)
		else:
			delattr(owner, name)


@contextmanager
def counting_queries():
	"""Counts every statement that goes through frappe.db.sql (frappe.qb's run()
	and frappe.db's helpers do too) inside the block, and keeps each one with
	its time (the slowest is EXPLAINed)."""
	counter = SimpleNamespace(queries=0, timed=[])
	sql = frappe.db.sql

	def counted(query, values=(), *args, **kwargs):
		counter.queries += 1
		started = time.perf_counter()
		result = sql(query, values, *args, **kwargs)
		counter.timed.append((time.perf_counter() - started, str(query), values))
		return result

	with replaced(frappe.db, "sql", counted):
		yield counter


# the tables a unit's share of the data is cut from (the queries-per-report check)
UNIT_TABLES = (
	"Performance Goal",
	"Performance Monitoring",
	"Performance Evaluation",
	"Rectification",
	"Budget Advice",
	"Budget Execution Import Row",
	"Department Performance Goal",
	"Department Performance Monitoring",
	"Department Performance Evaluation",
	"Ex-ante Assessment",
)


def scope_years(scope: str, years: list[str]) -> tuple[str, tuple]:
	"""(the year the filters name, the years the SQL reads) of a scope; "all"
	leaves the report's year filter empty, so the SQL reads every year of the
	site (an older year the window has left behind too)."""
	if scope == "previous":
		return years[-2], (years[-2],)
	if scope == "all":
		return years[-1], tuple(frappe.get_all("Performance Year", pluck="name")) or ("",)
	return years[-1], (years[-1],)


def runs(years: list[str], only: tuple = ()):
	"""(key, spec, scope, filters, SQL parameters) of every measurement (of the
	specs named in ``only`` when it names any)."""
	for spec in SPECS:
		if only and spec.key not in only:
			continue
		for scope in spec.scopes:
			if scope == "previous" and len(years) < 2:
				continue
			year, in_scope = scope_years(scope, years)
			filters = {**spec.filters_of(year), **({} if scope == "all" else {"performance_year": year})}
			values = params(year, in_scope) | (spec.values(year) if spec.values else {})
			yield f"{spec.key}/{scope}", spec, scope, filters, values


def measure_figures(years: list[str], only: tuple = ()) -> dict:
	"""Every report, card and chart (those ``only`` names, if any) against its
	SQL: time, figures, queries."""
	out, slowest = {}, (0.0, "", ())
	for key, spec, scope, filters, values in runs(years, only):
		(seconds, result), (sql_seconds, expected) = timed(
			lambda spec=spec, filters=filters: spec.run(dict(filters)),
			lambda spec=spec, values=values: frappe.db.sql(spec.sql, values),
		)
		with counting_queries() as counter:
			spec.run(dict(filters))
		slowest = max([slowest, *counter.timed], key=lambda q: q[0])
		figures = spec.report_rows(result)
		only_report, only_sql = differences(figures, spec.sql_rows(expected))
		out[key] = rep = {
			"label": spec.label,
			"kind": spec.kind,
			"scope": scope,
			"main": spec.main and scope == "year",
			"rows": len(figures),
			"report_ms": round(seconds * 1000, 1),
			"sql_ms": round(sql_seconds * 1000, 1),
			"ratio": round(seconds / sql_seconds, 2) if sql_seconds else None,
			"only_report": only_report,
			"only_sql": only_sql,
			"queries": counter.queries,
			"statements_ms": round(sum(q[0] for q in counter.timed) * 1000, 1),
		}
		if time_missed(rep) and counter.timed:  # a miss is shown with its slowest statement's plan
			rep["slowest"] = explain(*max(counter.timed, key=lambda q: q[0]))
	subset_queries(years, out, only)
	return {"runs": out, "slowest_query": explain(*slowest)}


def subset_queries(years: list[str], out: dict, only: tuple = ()) -> None:
	"""The queries of each run again over one unit's share of the data: the
	other units' records are deleted inside a savepoint rolled back right after."""
	unit = frappe.db.get_value("Performance Evaluation", {"performance_year": years[-1]}, "budget_unit")
	whole = frappe.db.count("Performance Evaluation", {"performance_year": years[-1]})
	frappe.db.savepoint("benchmark_subset")
	try:
		for doctype in UNIT_TABLES:
			frappe.db.sql(f"delete from `tab{doctype}` where budget_unit != %s", unit)
		part = frappe.db.count("Performance Evaluation", {"performance_year": years[-1]})
		for key, spec, _scope, filters, _values in runs(years, only):
			spec.run(dict(filters))  # warm, as the whole data's count ran after the timed runs
			with counting_queries() as counter:
				spec.run(dict(filters))
			out[key].update(queries_subset=counter.queries, queries_rows=whole, queries_subset_rows=part)
	finally:
		frappe.db.rollback(save_point="benchmark_subset")


def explain(seconds: float, query: str, values) -> dict:
	"""The slowest single statement any report, card or chart issued, with
	MariaDB's plan for it."""
	if not query:
		return {}
	plan = frappe.db.sql(f"explain {query}", values, as_dict=True)
	return {"ms": round(seconds * 1000, 1), "query": query, "plan": plan}
