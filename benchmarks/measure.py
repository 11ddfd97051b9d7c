# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""The measurements: each report against the SQL of the same figures (time,
and the figures value for value), the queries each report issues, a save
with and without scoring, the Excel export of self-evaluation forms."""

import statistics
import time
from contextlib import contextmanager
from types import SimpleNamespace

import frappe
from compare import differences
from frappe.utils import flt
from same_figures import REPORTS, params

from perf_budget.exchange.evaluations import evaluation_workbook
from perf_budget.perf_budget.doctype.performance_evaluation.performance_evaluation import (
	PerformanceEvaluation,
)
from perf_budget.workflow.chains import chain

REPEAT = 3


def timed(*fns, repeat: int = REPEAT) -> list[tuple[float, object]]:
	"""(median seconds, last result) of each function, run ``repeat`` times
	taking turns, so that a busy moment of the machine falls on both sides of
	a comparison rather than on one."""
	times, results = [[] for _ in fns], [None] * len(fns)
	for _ in range(repeat):
		for i, fn in enumerate(fns):
			started = time.perf_counter()
			results[i] = fn()
			times[i].append(time.perf_counter() - started)
	return [(statistics.median(t), r) for t, r in zip(times, results, strict=True)]


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
	and frappe.db's helpers do too) inside the block."""
	counter = SimpleNamespace(queries=0)
	sql = frappe.db.sql

	def counted(*args, **kwargs):
		counter.queries += 1
		return sql(*args, **kwargs)

	with replaced(frappe.db, "sql", counted):
		yield counter


def measure_reports(year: str) -> dict:
	out = {}
	for spec in REPORTS:
		filters = {"performance_year": year, **spec.filters}
		(report_seconds, result), (sql_seconds, expected) = timed(
			lambda spec=spec, filters=filters: spec.module.execute(filters),
			lambda spec=spec: frappe.db.sql(spec.sql, params(year)),
		)
		only_report, only_sql = differences(spec.report_rows(result[1]), spec.sql_rows(expected))
		out[spec.key] = {
			"label": spec.label,
			"rows": len(result[1]),
			"report_ms": round(report_seconds * 1000, 1),
			"sql_ms": round(sql_seconds * 1000, 1),
			"ratio": round(report_seconds / sql_seconds, 2),
			"only_report": only_report,
			"only_sql": only_sql,
		}
	whole = frappe.db.count("Performance Evaluation", {"performance_year": year, "docstatus": ["<", 2]})
	counts_whole = {spec.key: count_queries(spec, year) for spec in REPORTS}
	# The same reports over one unit's share of the year: the other units' rows
	# are deleted inside a savepoint that is rolled back right after.
	unit = frappe.db.get_value(
		"Performance Evaluation", {"performance_year": year}, "budget_unit", order_by="name"
	)
	frappe.db.savepoint("benchmark_subset")
	try:
		frappe.db.sql(
			"delete from `tabPerformance Evaluation` where performance_year = %s and budget_unit != %s",
			(year, unit),
		)
		part = frappe.db.count("Performance Evaluation", {"performance_year": year, "docstatus": ["<", 2]})
		counts_part = {spec.key: count_queries(spec, year) for spec in REPORTS}
	finally:
		frappe.db.rollback(save_point="benchmark_subset")
	for key in out:
		out[key].update(
			queries_rows=whole,
			queries=counts_whole[key],
			queries_subset_rows=part,
			queries_subset=counts_part[key],
		)
	return out


def count_queries(spec, year: str) -> int:
	filters = {"performance_year": year, **spec.filters}
	spec.module.execute(filters)  # warm: caches filled by the first run are not the report's queries
	with counting_queries() as counter:
		spec.module.execute(filters)
	return counter.queries


def measure_saves(year: str, saves: int) -> dict:
	names = frappe.get_all(
		"Performance Evaluation",
		filters={
			"performance_year": year,
			"docstatus": 0,
			"workflow_state": chain("Performance Evaluation").initial,
		},
		pluck="name",
		order_by="name",
		limit=saves,
	)
	stored = dict(
		frappe.get_all(
			"Performance Evaluation",
			filters={"name": ["in", names]},
			fields=["name", "total_score"],
			as_list=True,
		)
	)
	consistent = 0

	def save_once(name: str, bypass: bool) -> float:
		"""One save in a transaction of its own, rolled back (untimed) after:
		a second update of the same rows in one transaction is cheaper and
		would favour whichever mode goes second."""
		nonlocal consistent
		doc = frappe.get_doc("Performance Evaluation", name)
		started = time.perf_counter()
		if bypass:
			with replaced(PerformanceEvaluation, "score", lambda self: None):
				doc.save()
		else:
			doc.save()
		seconds = time.perf_counter() - started
		if not bypass and flt(doc.total_score, 2) == flt(stored[name], 2):
			consistent += 1
		frappe.db.rollback()  # the data stays as generated
		return seconds

	if names:
		save_once(names[0], False)  # warm: settings and metadata are loaded once per process
		consistent = 0
	scored, bypassed = [], []
	for round_ in range(REPEAT):
		totals = {False: 0.0, True: 0.0}
		for i, name in enumerate(names):
			# the two modes take turns going first, evaluation by evaluation
			for bypass in (False, True) if (i + round_) % 2 == 0 else (True, False):
				totals[bypass] += save_once(name, bypass)
		scored.append(totals[False])
		bypassed.append(totals[True])
	with_scoring, without = statistics.median(scored), statistics.median(bypassed)
	return {
		"saves": len(names),
		"with_scoring_ms": round(with_scoring / max(len(names), 1) * 1000, 2),
		"bypassed_ms": round(without / max(len(names), 1) * 1000, 2),
		"overhead_percent": round((with_scoring - without) / without * 100, 1) if without else None,
		"scores_unchanged": f"{consistent // REPEAT}/{len(names)}",
	}


def measure_export(year: str, exports: int) -> dict:
	names = frappe.get_all(
		"Performance Evaluation",
		filters={"performance_year": year, "docstatus": ["<", 2]},
		pluck="name",
		order_by="budget_unit, project_code",
		limit=exports,
	)
	[(seconds, data)] = timed(lambda: evaluation_workbook(names))
	return {
		"forms": len(names),
		"seconds": round(seconds, 2),
		"forms_per_second": round(len(names) / seconds, 1),
		"bytes": len(data),
	}
