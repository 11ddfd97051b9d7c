#!/usr/bin/env bash
# Command 2 of the README: run every test.
#
#   bash scripts/test.sh
#
# Tier 1 (always): pytest tests/ — the rules, the Excel form layouts and the
#   static checks of every DocType / Report / Workflow JSON. No Frappe needed.
# Tier 2 (when a bench exists where scripts/setup.sh puts it): copies THIS
#   checkout into the bench, migrates a test site that holds no demo data and
#   runs `bench --site perf-test.localhost run-tests --app perf_budget` on it
#   (each test makes what it needs), then migrates the demo site, loads the
#   demo bureau and runs the browser tests (Debian's Chromium through
#   Playwright) against it served on a free local port. MariaDB and Redis are
#   started if needed.
# Tier 2 load (after tier 2): scripts/load-test.sh, 10 desk users for 30 s on
#   its own site perf-load.localhost (made once, kept): 0 errors, no lost write.
# Tier 2 replica (as root): a read replica of the test site (scripts/replica.sh,
#   a second MariaDB on port 3307) and test_read_replica alone on it; stopped after.
# Ends with one line "N passed, N failed" over all tiers; exits non-zero on
# any failure, and when a tier collected no test at all.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

RESULTS="$(mktemp -d /tmp/perf-budget-tests.XXXXXX)"
chmod 777 "$RESULTS"
TIERS_RUN=()
TIERS_SKIPPED=()
TOTAL_PASSED=0
TOTAL_FAILED=0
PROBLEMS=()

# Adds a junit file's counts to the totals; a file with no test counts as a failure.
count_junit() {
	local label="$1" file="$2" python="$3" counts
	if [ ! -s "$file" ]; then
		PROBLEMS+=("$label: no test report was written")
		TOTAL_FAILED=$((TOTAL_FAILED + 1))
		return
	fi
	counts="$("$python" - "$file" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
s = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - s, f, s)
PY
)"
	read -r p f s <<<"$counts"
	echo "$label: $p passed, $f failed, $s skipped"
	if [ "$((p + f))" -eq 0 ]; then
		PROBLEMS+=("$label: ran no test")
		TOTAL_FAILED=$((TOTAL_FAILED + 1))
	fi
	TOTAL_PASSED=$((TOTAL_PASSED + p))
	TOTAL_FAILED=$((TOTAL_FAILED + f))
}

tier1() {
	step "Tier 1: rules, form layouts, static JSON checks (pytest, no Frappe)"
	local venv="${TIER1_VENV:-$HOME/.cache/perf_budget/tier1-venv}"
	# reinstall when tests/requirements.txt changed since the venv was made
	if ! cmp -s "$APP_SRC/tests/requirements.txt" "$venv/requirements.txt"; then
		python3 -m venv "$venv" && "$venv/bin/pip" install -q -r "$APP_SRC/tests/requirements.txt" &&
			cp "$APP_SRC/tests/requirements.txt" "$venv/requirements.txt"
	fi
	(cd "$APP_SRC" && "$venv/bin/python" -m pytest tests --ignore=tests/browser -q \
		--junitxml="$RESULTS/tier1.xml")
	local rc=$?
	[ "$rc" -eq 5 ] && PROBLEMS+=("tier 1: pytest collected no test")
	TIERS_RUN+=("tier 1 (pytest tests/)")
	count_junit "tier 1" "$RESULTS/tier1.xml" "$venv/bin/python"
	[ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && { PROBLEMS+=("tier 1: pytest exited $rc"); TOTAL_FAILED=$((TOTAL_FAILED + 1)); }
}

# The JavaScript before-commit checks at the revisions .pre-commit-config.yaml
# pins, installed from the npm registry into a cache (never committed).
pinned_rev() { awk -v repo="$1" '$0 ~ repo {found=1} found && /rev:/ {sub(/.*rev: *v?/, ""); print; exit}' "$APP_SRC/.pre-commit-config.yaml"; }

js_lint() {
	step "Tier 1: JavaScript before-commit checks (prettier, eslint)"
	if ! command -v npm >/dev/null 2>&1; then
		TIERS_SKIPPED+=("tier 1 JS checks: no npm on this machine (scripts/setup.sh installs Node)")
		return
	fi
	local dir="${JS_TOOLS_DIR:-$HOME/.cache/perf_budget/js-tools}"
	local tools="prettier@$(pinned_rev mirrors-prettier) eslint@$(pinned_rev mirrors-eslint)"
	if [ "$(cat "$dir/tools" 2>/dev/null)" != "$tools" ]; then
		mkdir -p "$dir" && npm install --prefix "$dir" --no-audit --no-fund --silent $tools >/dev/null &&
			echo "$tools" >"$dir/tools" ||
			{ PROBLEMS+=("tier 1 JS checks: npm could not install $tools"); TOTAL_FAILED=$((TOTAL_FAILED + 1)); return; }
	fi
	local files
	mapfile -t files < <(cd "$APP_SRC" && find perf_budget -name '*.js' -not -path '*/node_modules/*' | sort)
	local check
	for check in "prettier --check" "eslint --quiet"; do
		if (cd "$APP_SRC" && "$dir/node_modules/.bin/"$check "${files[@]}"); then
			echo "$check: ${#files[@]} files pass"
			TOTAL_PASSED=$((TOTAL_PASSED + 1))
		else
			PROBLEMS+=("tier 1 JS checks: $check failed")
			TOTAL_FAILED=$((TOTAL_FAILED + 1))
		fi
	done
	TIERS_RUN+=("tier 1 JS checks ($tools)")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

tier2() {
	step "Tier 2: Frappe integration tests on $TEST_SITE (bench at $BENCH_DIR)"
	start_mariadb || return 1
	start_redis
	install_app_into_bench
	ensure_test_tools
	# the integration tests run on a site holding only what they make: a test
	# site that still holds the demo bureau (older runs loaded it there) is made again
	ensure_site "$TEST_SITE"
	if [ "$(site_holds_demo "$TEST_SITE")" = yes ]; then
		echo "$TEST_SITE holds demo data: reinstalling it empty"
		as_bench_in bench --site "$TEST_SITE" reinstall --yes --admin-password "$ADMIN_PASSWORD" \
			--db-root-password "$DB_ROOT_PASSWORD" >"$RESULTS/reinstall.log" 2>&1 ||
			{ cat "$RESULTS/reinstall.log"; PROBLEMS+=("tier 2: reinstalling $TEST_SITE failed"); TOTAL_FAILED=$((TOTAL_FAILED + 1)); return 1; }
	fi
	as_bench_in bench --site "$TEST_SITE" set-config allow_tests true >/dev/null
	prepare_app_site "$TEST_SITE" en || return 1
	as_bench_in bench --site "$TEST_SITE" run-tests --app perf_budget --junit-xml-output "$RESULTS/tier2.xml"
	TIERS_RUN+=("tier 2 (bench run-tests --app perf_budget on $TEST_SITE, no demo data)")
	count_junit "tier 2" "$RESULTS/tier2.xml" python3

	step "Tier 2: browser tests on the demo site $SITE (Playwright + /usr/bin/chromium)"
	ensure_site "$SITE"
	prepare_app_site "$SITE" zh || return 1
	# the demo is brought up to date on every run: a step that cannot run again is a failure
	as_bench_in bench --site "$SITE" execute perf_budget.demo.make >/dev/null ||
		{ PROBLEMS+=("tier 2: bringing the demo bureau up to date (perf_budget.demo.make) failed"); TOTAL_FAILED=$((TOTAL_FAILED + 1)); }
	local port
	port="$(free_port)"
	serve_site "$SITE" "$port" "$RESULTS/serve.log"
	(cd "$APP_SRC" && PERF_BASE_URL="http://127.0.0.1:$port" "$BENCH_DIR/env/bin/python" -m pytest tests/browser -q \
		-o addopts="-p no:cacheprovider" --junitxml="$RESULTS/browser.xml")
	stop_served_site "$SITE" >/dev/null
	TIERS_RUN+=("tier 2 browser (pytest tests/browser on $SITE, the demo bureau)")
	count_junit "browser" "$RESULTS/browser.xml" python3
}

# The read paths once more, on a read replica: a second MariaDB following the
# test site (scripts/replica.sh) serves test_read_replica alone and is stopped
# again, so no other test ever reads from a replica. That module runs its tests
# only with PERF_REPLICA_TEST=1 and skips them elsewhere; skipped here, they
# count as a failure (count_junit: no test ran).
tier2_replica() {
	step "Tier 2: the reports on a read replica of $TEST_SITE (scripts/replica.sh, port 3307)"
	trap 'bash "$HERE/replica.sh" stop --site "$TEST_SITE" >/dev/null 2>&1; exit 130' INT TERM
	if bash "$HERE/replica.sh" start --site "$TEST_SITE" >"$RESULTS/replica.log" 2>&1; then
		tail -1 "$RESULTS/replica.log"
		PERF_REPLICA_TEST=1 DB_ROOT_PASSWORD="$DB_ROOT_PASSWORD" as_bench_in bench --site "$TEST_SITE" \
			run-tests --module perf_budget.tests.test_read_replica --junit-xml-output "$RESULTS/replica.xml"
	else
		cat "$RESULTS/replica.log"
		PROBLEMS+=("tier 2 replica: scripts/replica.sh start --site $TEST_SITE failed")
	fi
	bash "$HERE/replica.sh" stop --site "$TEST_SITE" >>"$RESULTS/replica.log" 2>&1 ||
		PROBLEMS+=("tier 2 replica: scripts/replica.sh stop failed; see $RESULTS/replica.log")
	trap - INT TERM
	TIERS_RUN+=("tier 2 replica (test_read_replica on $TEST_SITE, read paths on a second MariaDB)")
	count_junit "replica" "$RESULTS/replica.xml" python3
}

# A short load test (scripts/load-test.sh) on its own site, perf-load.localhost,
# made once with the demo bureau and kept: 10 desk users for 30 s, 0 errors and
# no lost write. About 2 minutes (the first run makes the site: 3–4 minutes more).
tier2_load() {
	step "Tier 2: a short load test (scripts/load-test.sh, 10 users × 30 s on perf-load.localhost)"
	if bash "$HERE/load-test.sh" --users 10 --duration 30; then
		TOTAL_PASSED=$((TOTAL_PASSED + 1))
	else
		PROBLEMS+=("tier 2 load: a request failed or a write was lost (scripts/load-test.sh)")
		TOTAL_FAILED=$((TOTAL_FAILED + 1))
	fi
	TIERS_RUN+=("tier 2 load (scripts/load-test.sh: 10 users × 30 s on perf-load.localhost)")
}

# The app installed and migrated on a site, in the given language.
prepare_app_site() {
	local site="$1" language="$2"
	if ! as_bench_in bench --site "$site" list-apps | grep -q perf_budget; then
		as_bench_in bench --site "$site" install-app perf_budget
	fi
	as_bench_in bench --site "$site" migrate >"$RESULTS/migrate-$site.log" 2>&1 ||
		{ cat "$RESULTS/migrate-$site.log"; PROBLEMS+=("tier 2: migrate of $site failed"); TOTAL_FAILED=$((TOTAL_FAILED + 1)); return 1; }
	as_bench_in bench --site "$site" execute perf_budget.setup.site.prepare_site --kwargs "{\"language\": \"$language\"}" >/dev/null
}

site_holds_demo() {
	as_bench_in bench --site "$1" execute frappe.db.exists --args '["User", "finance.head@perf.local"]' 2>/dev/null |
		grep -q 'finance.head@perf.local' && echo yes || echo no
}

tier1
js_lint
if [ -d "$BENCH_DIR/apps/frappe" ]; then
	if [ "$(id -u)" = 0 ] || [ "$(id -un)" = "$BENCH_USER" ]; then
		tier2 || true
		tier2_load
		if [ "$(id -u)" = 0 ]; then
			tier2_replica
		else
			TIERS_SKIPPED+=("tier 2 replica: run as root to start a second MariaDB (scripts/replica.sh)")
		fi
	else
		TIERS_SKIPPED+=("tier 2: run as root or as $BENCH_USER to use the bench at $BENCH_DIR")
	fi
else
	TIERS_SKIPPED+=("tier 2: no bench at $BENCH_DIR (scripts/setup.sh makes one)")
fi

echo
echo "==================== summary ===================="
for t in "${TIERS_RUN[@]}"; do echo "ran:     $t"; done
for t in "${TIERS_SKIPPED[@]}"; do echo "skipped: $t"; done
for p in "${PROBLEMS[@]}"; do echo "problem: $p"; done
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ] && [ "${#PROBLEMS[@]}" -eq 0 ]
