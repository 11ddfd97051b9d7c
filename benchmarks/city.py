# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""City-scale benchmark of perf_budget (a command, not a timed test; not part
of the app package). Run with the bench's Python from the bench's sites
directory, or through ``scripts/benchmark.sh``, which prepares the scratch site:

	cd ~/perf-bench/sites && ../env/bin/python ../apps/perf_budget/benchmarks/city.py \\
		--site perf-bench.localhost --units 10

Only on a site whose site_config.json has ``"perf_budget_benchmark": 1`` and
that holds no budget unit it did not make (it writes thousands of records),
it generates ``--years`` performance years up to ``--year`` (generate.py; a
year already there at this size is kept), each of ``units × projects``
confirmed goals, monitoring records and self-evaluations of ``indicators``
rows each with their rectifications and budget advice, applied budget-system
imports, department-wide records and ex-ante assessments (a year already
there gets the kinds it lacks), then prints one table (``--only`` names the
measurements to make, e.g. ``--only budget_execution writes``):

* the time of every report, number card and dashboard chart (same_figures.py)
  on the latest year and, where a report's year filter may stay empty, over
  all the years, next to one hand-written SQL statement of the same figures
  (target ≤ 1.5×; a main report ≤ 300 ms on the latest year), and whether the
  figures are the same value for value (compare.py): a difference fails the
  run (exit status 1) and prints the differing rows;
* the SQL statements each issues, for all units and for one unit's share of
  the data (target: the same number), and the EXPLAIN of the slowest one;
* the writes of benchmarks/writes.py: a scored save against a plain one, the
  Excel export against a bare openpyxl floor, a round of records opened in
  the background.

Each report, card and chart and its SQL run five times, taking turns; the
table shows the fastest run of each (other work on the machine only adds time).
"""

import argparse
import json
import os
import sys
from datetime import date

import frappe
import writes
from compare import describe
from generate import KINDS, ROOT_UNIT, UNIT_PREFIX, ensure_data
from measure import RUNS, measure_figures
from same_figures import SPECS
from table import ABSOLUTE_MS, SCOPES, figure_rows, generation_line, miss_lines, plan_lines

SITE_FLAG = "perf_budget_benchmark"
WRITES = "writes"  # --only's name for benchmarks/writes.py's measurements
NAMES = (*(spec.key for spec in SPECS), WRITES)


class Refused(Exception):
	pass


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description="perf_budget city-scale benchmark (on a scratch site)")
	parser.add_argument("--site", required=True)
	parser.add_argument("--units", type=int, default=100)
	parser.add_argument("--projects", type=int, default=50, help="per unit")
	parser.add_argument("--indicators", type=int, default=15, help="per goal and evaluation (at least 3)")
	parser.add_argument(
		"--year", default=str(date.today().year), help="the latest performance year (default: this year)"
	)
	parser.add_argument("--years", type=int, default=5, help="performance years, the latest one last")
	parser.add_argument(
		"--generate-only", action="store_true", help="make the years' data and stop (no measurement)"
	)
	parser.add_argument("--saves", type=int, default=50, help="draft evaluations saved")
	parser.add_argument("--exports", type=int, default=500, help="self-evaluation forms exported")
	parser.add_argument(
		"--only",
		nargs="+",
		default=(),
		metavar="NAME",
		help=f"measure only these (default: everything): {', '.join(NAMES)}",
	)
	args = parser.parse_args(argv)
	unknown = sorted(set(args.only) - set(NAMES))
	if unknown:
		parser.error(f"no measurement named {', '.join(unknown)}; the names: {', '.join(NAMES)}")
	if args.units < 1 or args.projects < 1 or args.indicators < 3 or args.years < 1:
		parser.error("need at least 1 year, 1 unit, 1 project and 3 indicators (one per level)")
	if not os.path.isfile(os.path.join(args.site, "site_config.json")):
		parser.error(f"no site {args.site} here: run from the bench's sites directory")
	frappe.init(site=args.site, sites_path=".")
	try:
		frappe.connect()
		frappe.set_user("Administrator")
		refuse_unless_scratch_site()
		results = run(args)
		if results is None:
			return 0
	except Refused as refused:
		print(f"Refusing to run: {refused}", file=sys.stderr)
		return 2
	finally:
		if frappe.db:
			frappe.db.rollback()
		frappe.destroy()
	print_table(results)
	return 1 if print_differences(results) else 0


def refuse_unless_scratch_site() -> None:
	"""The flag in the site's own config (not common_site_config, which every
	site reads), and no budget unit the benchmark did not make."""
	with open(frappe.get_site_path("site_config.json"), encoding="utf-8") as f:
		if not json.load(f).get(SITE_FLAG):
			raise Refused(
				f"the benchmark writes thousands of goals and evaluations, so it only runs on a scratch "
				f'site whose site_config.json has "{SITE_FLAG}": 1, and {frappe.local.site} has not. '
				f"Use scripts/benchmark.sh (site perf-bench.localhost), or mark a scratch site with "
				f"`bench --site SITE set-config {SITE_FLAG} 1`."
			)
	others = frappe.get_all(
		"Budget Unit",
		filters={"name": ["not like", f"{UNIT_PREFIX}%"], "unit_name": ["!=", ROOT_UNIT]},
		pluck="name",
		limit=3,
	)
	if others:
		raise Refused(
			f"{frappe.local.site} holds budget units the benchmark did not make ({', '.join(others)} …): "
			f"it looks like a demo or test site. Use a site of its own (scripts/benchmark.sh)."
		)


def run(args) -> dict | None:
	year = str(args.year)
	years = [str(int(year) - back) for back in reversed(range(args.years))]
	generation = ensure_data(args.units, args.projects, args.indicators, years)
	if args.generate_only:
		return None
	per_year = args.units * args.projects
	return {
		"site": frappe.local.site,
		"years": years,
		"units": args.units,
		"projects_per_unit": args.projects,
		"indicators_per_evaluation": args.indicators,
		"records": per_year,
		"indicator_rows": per_year * args.indicators,
		"counts": record_counts(years),
		"generation": generation,
		"load": os.getloadavg(),
		"figures": measure_figures(years, tuple(n for n in args.only if n != WRITES)),
		"writes": writes.table_rows(
			{
				"save": writes.measure_saves(year, args.saves),
				"export": writes.measure_export(year, args.exports),
				"round": writes.measure_round(year, per_year),
			}
		)
		if not args.only or WRITES in args.only
		else [],
		"load_after": os.getloadavg(),
	}


def record_counts(years: list[str]) -> dict:
	"""Records of every kind the reports read, over the years."""
	return {
		doctype: frappe.db.count(doctype, {"performance_year": ["in", years]})
		for doctype in (*(parent for parent, _child in KINDS), "Rectification", "Budget Advice")
	} | {
		child: frappe.db.sql(
			f"""select count(*) from `tab{child}` c join `tab{parent}` p on p.name = c.parent
			where p.performance_year in %(years)s and c.parenttype = %(parent)s""",
			{"years": years, "parent": parent},
		)[0][0]
		for parent, child in KINDS
	}


SECTIONS = {
	"time": "Time vs one hand-written SQL statement of the same figures (main reports on the latest year also ≤ {ms:g} ms)",
	"figures": "Figures vs the SQL's, value for value",
	"queries": "SQL statements per run, all units ({whole:,} evaluations a year) vs one unit ({part:,})",
}


def print_table(r: dict) -> None:
	lines = []

	def row(what, measured, target="", result=""):
		lines.append(f"{what:<64} {measured:<44} {target:<18} {result}")

	counts = r["counts"]
	lines.append(
		f"perf_budget benchmark — site {r['site']}, years {r['years'][0]}–{r['years'][-1]} "
		f"(latest {r['years'][-1]}): a year is {r['units']} units × {r['projects_per_unit']} projects × "
		f"{r['indicators_per_evaluation']} indicators = {r['records']:,} goals, monitoring records and "
		f"evaluations, {r['indicator_rows']:,} indicator rows each; the fastest of {RUNS} runs each side"
	)
	lines.append("Data over the years: " + ", ".join(f"{n:,} {doctype}" for doctype, n in counts.items()))
	lines.append(generation_line(r["generation"]))
	lines.append(
		"Load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}; {} CPUs".format(
			*r["load"], *r["load_after"], os.cpu_count()
		)
	)
	row("What", "Measured", "Target", "Result")
	row("-" * 64, "-" * 44, "-" * 18, "------")
	runs = r["figures"]["runs"]
	first = next(iter(runs.values()), None)
	rows = figure_rows(runs)
	for section, title in SECTIONS.items() if first else ():
		lines.append(
			title.format(ms=ABSOLUTE_MS, whole=first["queries_rows"], part=first["queries_subset_rows"])
		)
		for kind, *cells in rows:
			if kind == section:
				row(*cells)
	if r["writes"]:
		lines.append("Writes (benchmarks/writes.py)")
	for what, measured, target, result in r["writes"]:
		row(f"  {what}", measured, target, result)
	missed = miss_lines(runs)
	if missed:
		lines.append(
			"\nThe timing misses, each with its own statements' share and its slowest statement's plan:"
		)
		lines += missed
	slowest = r["figures"]["slowest_query"]
	if slowest:
		lines.append(f"\nThe slowest statement of any report, card or chart ({slowest['ms']:.1f} ms):")
		lines.append("  " + " ".join(slowest["query"].split()))
		lines.append("EXPLAIN:")
		lines += ["  " + line for line in plan_lines(slowest["plan"])]
	print("\n" + "\n".join(lines), flush=True)


def print_differences(r: dict) -> bool:
	"""Prints each run whose figures differ from its SQL's; True if any does."""
	failed = [rep for rep in r["figures"]["runs"].values() if rep["only_report"] or rep["only_sql"]]
	for rep in failed:
		label = rep["label"] + SCOPES[rep["scope"]]
		print("\n" + describe(label, rep["only_report"], rep["only_sql"]), file=sys.stderr)
	if failed:
		print(f"\nFAILED: {len(failed)} run(s) differ from their SQL.", file=sys.stderr)
	return bool(failed)


if __name__ == "__main__":
	sys.exit(main())
