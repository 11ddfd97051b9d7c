#!/usr/bin/env bash
# The load test (benchmarks/load.py): concurrent desk users walking the daily
# journeys over HTTP against the site served as production serves it, then a
# check that every write the server acknowledged is there.
#
#   sudo bash scripts/load-test.sh                          # 50 users for 180 s
#   sudo bash scripts/load-test.sh --users 10 --duration 30 # any option of benchmarks/load.py (--help)
#
# It runs on a site of its own, perf-load.localhost (LOAD_SITE), made once with
# the demo bureau and kept: later runs reuse it and the records the client made.
# Loopback only; the server is stopped when the client ends, whatever happens.
# Exits non-zero when a request failed or a write was lost.
# Variables (all optional, besides those of scripts/lib.sh):
#   LOAD_SITE   the site  (default: perf-load.localhost)
#   LOAD_PORT   the port  (default: a free local port)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

LOAD_SITE="${LOAD_SITE:-perf-load.localhost}"
# set in the site's config once the demo bureau is complete (a half-made site is made again)
SITE_FLAG=perf_budget_load_site

[ "$(id -u)" = 0 ] || [ "$(id -un)" = "$BENCH_USER" ] || exec sudo -E bash "$0" "$@"
case "$LOAD_SITE" in
"$SITE" | "$TEST_SITE") die "$LOAD_SITE is not the load test's own site; choose another LOAD_SITE" ;;
esac
[ -d "$BENCH_DIR/apps/frappe" ] || die "no bench at $BENCH_DIR; run scripts/setup.sh first"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
LOAD_PORT="${LOAD_PORT:-$(free_port)}"

step "MariaDB and Redis"
start_mariadb
start_redis

step "App perf_budget from $APP_SRC"
install_app_into_bench

# A bench command with its output (progress bars) kept in a log shown only when it fails.
LOG="$(mktemp /tmp/perf-load-site.XXXXXX)"
trap 'rm -f "$LOG"' EXIT
quiet() { as_bench_in "$@" >"$LOG" 2>&1 || { tail -40 "$LOG"; die "failed: $*"; }; }

step "Site $LOAD_SITE"
if python3 -c "import json, sys; sys.exit(json.load(open(sys.argv[1])).get('$SITE_FLAG') != 1)" \
	"$BENCH_DIR/sites/$LOAD_SITE/site_config.json" 2>/dev/null; then
	quiet bench --site "$LOAD_SITE" migrate
	echo "kept from an earlier run, migrated"
else
	started=$SECONDS
	ensure_site "$LOAD_SITE" >"$LOG" 2>&1 || { tail -40 "$LOG"; die "could not make $LOAD_SITE"; }
	as_bench_in bench --site "$LOAD_SITE" list-apps | grep -qw perf_budget || quiet bench --site "$LOAD_SITE" install-app perf_budget
	quiet bench --site "$LOAD_SITE" migrate
	quiet bench --site "$LOAD_SITE" execute perf_budget.setup.site.prepare_site --kwargs '{"language": "zh"}'
	quiet bench --site "$LOAD_SITE" execute perf_budget.demo.make
	quiet bench --site "$LOAD_SITE" set-config "$SITE_FLAG" 1
	echo "made with the demo bureau in $((SECONDS - started)) s"
fi

step "Serving $LOAD_SITE on 127.0.0.1:$LOAD_PORT"
# gunicorn, RQ workers, the scheduler and realtime, as scripts/serve-production.sh runs them
trap 'bash "$HERE/serve-production.sh" stop --site "$LOAD_SITE" >/dev/null; rm -f "$LOG"' EXIT
bash "$HERE/serve-production.sh" start --site "$LOAD_SITE" --port "$LOAD_PORT"

step "Load: benchmarks/load.py $*"
# bounded whatever the options: the client stops its users at --duration; this
# is the hard stop if a request hangs past its own timeout
(cd "$BENCH_DIR/sites" && as_bench timeout --kill-after=10 1800 ../env/bin/python \
	../apps/perf_budget/benchmarks/load.py --url "http://127.0.0.1:$LOAD_PORT" \
	--admin-password "$ADMIN_PASSWORD" "$@")
