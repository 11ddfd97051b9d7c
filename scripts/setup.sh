#!/usr/bin/env bash
# Command 1 of the README: set up everything on a fresh Debian 12 machine and
# start the desk on http://localhost:8000.
#
#   sudo bash scripts/setup.sh
#
# Safe to re-run: every step checks what is already there.
# Variables (all optional):
#   FRAPPE_REPO    where to clone Frappe from   (default: upstream GitHub)
#   FRAPPE_BRANCH  which branch                 (default: version-15)
#   BENCH_USER     unprivileged bench owner     (default: frappe)
#   BENCH_DIR      bench location               (default: /home/$BENCH_USER/perf-bench)
#   SITE           demo site                    (default: perf.localhost)
#   DB_ROOT_PASSWORD  MariaDB root password to set/use (default: perf_budget_root)
#   ADMIN_PASSWORD    site Administrator password      (default: admin)
#   NO_START=1     set up, but do not start the desk
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

FRAPPE_REPO="${FRAPPE_REPO:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"

[ "$(id -u)" = 0 ] || exec sudo -E bash "$0" "$@"

step "System packages"
install_system_packages

step "MariaDB (utf8mb4) and the bench user"
configure_mariadb
start_mariadb
ensure_bench_user
install_bench_cli

step "Bench at $BENCH_DIR (Frappe $FRAPPE_BRANCH)"
if [ ! -d "$BENCH_DIR/apps/frappe" ]; then
	stage_frappe "$FRAPPE_REPO" "$FRAPPE_BRANCH"
	as_bench bench init "$BENCH_DIR" --frappe-path "$FRAPPE_STAGE" --frappe-branch "$FRAPPE_BRANCH" \
		--python /usr/bin/python3 --skip-assets --no-backups
	ensure_test_tools
	as_bench_in bench build --app frappe
fi
start_redis

step "App perf_budget from $APP_SRC"
install_app_into_bench

step "Site $SITE"
ensure_site "$SITE"
as_bench_in bench --site "$SITE" install-app perf_budget
as_bench_in bench --site "$SITE" migrate
as_bench_in bench --site "$SITE" execute perf_budget.setup.site.prepare_site
as_bench_in bench --site "$SITE" execute perf_budget.demo.make
as_bench_in bench use "$SITE"
# PDF prints: wkhtmltopdf fetches the print's styles from the site by its name
grep -qw "$SITE" /etc/hosts || echo "127.0.0.1 $SITE" >>/etc/hosts
as_bench_in bench --site "$SITE" set-config host_name "http://$SITE:8000"

if [ "${NO_START:-0}" = 1 ]; then
	echo "Set up. Start the desk with: sudo -u $BENCH_USER bash -lc 'cd $BENCH_DIR && bench start'"
	exit 0
fi
step "Starting the desk"
start_desk
echo
echo "Desk: http://localhost:8000   (site $SITE; users and passwords: README.md)"
