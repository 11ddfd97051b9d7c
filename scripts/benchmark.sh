#!/usr/bin/env bash
# The city-scale benchmark (benchmarks/city.py, not part of the app package):
# five performance years of 100 units × 50 projects × 15 indicators (goals,
# monitoring records, self-evaluations, rectifications, budget advice, applied
# budget-system imports, department-wide records, ex-ante assessments); every
# report, number card and dashboard chart against one hand-written SQL
# statement of the same figures (time, value for value, queries), with the
# EXPLAIN of the slowest statement; the writes of benchmarks/writes.py.
#
#   sudo bash scripts/benchmark.sh                     # 5 years up to this year, 100 × 50 × 15
#   sudo bash scripts/benchmark.sh --years 1 --units 10   # any option of benchmarks/city.py (--help)
#   sudo bash scripts/benchmark.sh --generate-only     # make the years and stop
#   sudo bash scripts/benchmark.sh --only budget_execution writes   # only these measurements
#
# It runs on a scratch site of its own, never on the demo or the test site:
# the generated years stay there (a second run with the same size skips the
# generation, and adds to a year only the kinds it lacks; about 90 s a year on
# 2 busy cores). Needs the bench of
# scripts/setup.sh. Exits non-zero when a figure differs from its SQL's.
# Variables (all optional, besides those of scripts/lib.sh):
#   BENCH_SITE     scratch site        (default: perf-bench.localhost)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

BENCH_SITE="${BENCH_SITE:-perf-bench.localhost}"

[ "$(id -u)" = 0 ] || exec sudo -E bash "$0" "$@"

# The benchmark fills its site with thousands of records: never a site with
# someone's demo data or the test site.
case "$BENCH_SITE" in
"$SITE" | "$TEST_SITE") die "$BENCH_SITE is not a scratch site; choose another BENCH_SITE" ;;
esac
[ -d "$BENCH_DIR/apps/frappe" ] || die "no bench at $BENCH_DIR; run scripts/setup.sh first"

installed_on_site() {
	as_bench_in bench --site "$1" list-apps 2>/dev/null | grep -qw perf_budget
}

step "MariaDB and Redis"
start_mariadb
start_redis

step "App perf_budget from $APP_SRC"
install_app_into_bench

step "Scratch site $BENCH_SITE"
ensure_site "$BENCH_SITE"
installed_on_site "$BENCH_SITE" || as_bench_in bench --site "$BENCH_SITE" install-app perf_budget
# the flag benchmarks/city.py insists on before it writes anything
as_bench_in bench --site "$BENCH_SITE" set-config perf_budget_benchmark 1
as_bench_in bench --site "$BENCH_SITE" migrate >/dev/null

step "Benchmark $*"
# a standalone script with the bench's Python, from the sites directory (where
# frappe.init finds the site); the app's copy in the bench was just synced
(cd "$BENCH_DIR/sites" && as_bench ../env/bin/python ../apps/perf_budget/benchmarks/city.py \
	--site "$BENCH_SITE" "$@")
