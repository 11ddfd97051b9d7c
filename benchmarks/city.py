# Copyright (c) 2026, perf_budget contributors
# License: MIT. See license.txt
"""City-scale benchmark of perf_budget (a command, not a timed test; not part
of the app package). Run with the bench's Python from the bench's sites
directory, or through ``scripts/benchmark.sh``, which prepares the scratch site:

	cd ~/perf-bench/sites && ../env/bin/python ../apps/perf_budget/benchmarks/city.py \\
		--site perf-bench.localhost --units 10

Only on a site whose site_config.json has ``"perf_budget_benchmark": 1`` and
that holds no budget unit it did not make (it writes thousands of records),
it generates ``units × projects`` confirmed goals and self-evaluations of
``indicators`` rows each in one performance year (generate.py), then prints
one table (measure.py):

* the time of each report next to one hand-written SQL statement of the same
  figures from the same rows (target ≤ 2×), and whether the figures are the
  same value for value (same_figures.py, compare.py): a difference fails the
  run (exit status 1) and prints the differing rows;
* the SQL queries each report issues, for the whole year and for one unit's
  share of it (target: the same number);
* an evaluation save with scoring against the same save with scoring bypassed
  (target: ≤ 15% more), rolled back afterwards;
* the Excel export of ``--exports`` self-evaluation forms (forms per second).

Each timed thing runs three times; the table shows the median.
"""

import argparse
import json
import os
import sys

import frappe
from compare import describe
from generate import ROOT_UNIT, UNIT_PREFIX, ensure_data
from measure import REPEAT, measure_export, measure_reports, measure_saves

SITE_FLAG = "perf_budget_benchmark"
REPORT_TARGET = 2.0  # report time ÷ the same figures by hand-written SQL
SAVE_TARGET = 15.0  # % a save may cost more because it scores


class Refused(Exception):
	pass


def main(argv=None) -> int:
	parser = argparse.ArgumentParser(description="perf_budget city-scale benchmark (on a scratch site)")
	parser.add_argument("--site", required=True)
	parser.add_argument("--units", type=int, default=100)
	parser.add_argument("--projects", type=int, default=50, help="per unit")
	parser.add_argument("--indicators", type=int, default=15, help="per goal and evaluation (at least 3)")
	parser.add_argument("--year", default="2031")
	parser.add_argument("--saves", type=int, default=50, help="draft evaluations saved")
	parser.add_argument("--exports", type=int, default=500, help="self-evaluation forms exported")
	args = parser.parse_args(argv)
	if args.units < 1 or args.projects < 1 or args.indicators < 3:
		parser.error("need at least 1 unit, 1 project and 3 indicators (one per level)")
	if not os.path.isfile(os.path.join(args.site, "site_config.json")):
		parser.error(f"no site {args.site} here: run from the bench's sites directory")
	frappe.init(site=args.site, sites_path=".")
	try:
		frappe.connect()
		frappe.set_user("Administrator")
		refuse_unless_scratch_site()
		results = run(args)
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


def run(args) -> dict:
	year = str(args.year)
	generation = ensure_data(args.units, args.projects, args.indicators, year)
	return {
		"site": frappe.local.site,
		"year": year,
		"units": args.units,
		"projects_per_unit": args.projects,
		"indicators_per_evaluation": args.indicators,
		"evaluations": args.units * args.projects,
		"indicator_rows": args.units * args.projects * args.indicators,
		"generation": generation,
		"reports": measure_reports(year),
		"save": measure_saves(year, args.saves),
		"excel": measure_export(year, args.exports),
	}


def print_table(r: dict) -> None:
	lines = []

	def row(what, measured, target="", result=""):
		lines.append(f"{what:<38} {measured:<40} {target:<10} {result}")

	def verdict(ok: bool, fail: str = "MISS") -> str:
		return "PASS" if ok else fail

	generation = r["generation"]
	lines.append(
		f"perf_budget benchmark — site {r['site']}, year {r['year']}: {r['units']} units × "
		f"{r['projects_per_unit']} projects × {r['indicators_per_evaluation']} indicators = "
		f"{r['evaluations']:,} evaluations, {r['indicator_rows']:,} indicator rows; median of {REPEAT} runs"
	)
	lines.append(
		"Data: generation skipped (already there)"
		if generation["skipped"]
		else f"Data: generated in {generation['seconds']:.1f} s"
	)
	row("What", "Measured", "Target", "Result")
	row("-" * 38, "-" * 40, "-" * 10, "------")
	reports = r["reports"].values()
	lines.append("Report time vs one hand-written SQL statement")
	for rep in reports:
		row(
			f"  {rep['label']}",
			f"{rep['report_ms']:.1f} ms vs {rep['sql_ms']:.1f} ms = {rep['ratio']:.2f}×",
			f"≤ {REPORT_TARGET:g}×",
			verdict(rep["ratio"] <= REPORT_TARGET),
		)
	lines.append("Report figures vs the SQL's, value for value")
	for rep in reports:
		differing = f"{len(rep['only_report'])} report / {len(rep['only_sql'])} SQL rows differ"
		same = not (rep["only_report"] or rep["only_sql"])
		row(
			f"  {rep['label']}",
			f"{rep['rows']:,} rows, " + ("all equal" if same else differing),
			"equal",
			verdict(same, "FAIL"),
		)
	first = next(iter(reports))
	lines.append(
		f"SQL queries per report ({first['queries_rows']:,} rows vs {first['queries_subset_rows']:,} rows of one unit)"
	)
	for rep in reports:
		row(
			f"  {rep['label']}",
			f"{rep['queries']} vs {rep['queries_subset']}",
			"constant",
			verdict(rep["queries"] == rep["queries_subset"]),
		)
	save = r["save"]
	lines.append(f"Evaluation save ({save['saves']} drafts, rolled back)")
	overhead = save["overhead_percent"]
	row(
		"  with scoring vs scoring bypassed",
		f"{save['with_scoring_ms']:.1f} vs {save['bypassed_ms']:.1f} ms/save = {overhead:+.1f}%"
		if overhead is not None
		else "no draft to save",
		f"≤ +{SAVE_TARGET:g}%",
		verdict(overhead is not None and overhead <= SAVE_TARGET),
	)
	excel = r["excel"]
	lines.append(f"Excel export ({excel['forms']} self-evaluation forms)")
	row(
		"  evaluation_workbook",
		f"{excel['forms_per_second']:.1f} forms/s ({excel['seconds']:.1f} s, {excel['bytes'] / 1e6:.1f} MB)",
		"report",
		"INFO",
	)
	lines.append(
		f"Scores after a save with scoring equal the generated ones: {save['scores_unchanged']} evaluations."
	)
	print("\n" + "\n".join(lines), flush=True)


def print_differences(r: dict) -> bool:
	"""Prints each report whose figures differ from its SQL's; True if any does."""
	failed = [rep for rep in r["reports"].values() if rep["only_report"] or rep["only_sql"]]
	for rep in failed:
		print("\n" + describe(rep["label"], rep["only_report"], rep["only_sql"]), file=sys.stderr)
	if failed:
		print(f"\nFAILED: {len(failed)} report(s) differ from their SQL.", file=sys.stderr)
	return bool(failed)


if __name__ == "__main__":
	sys.exit(main())
