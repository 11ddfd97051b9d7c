# Shared helpers of scripts/setup.sh and scripts/test.sh (sourced, not run).
# Paths and names here are the contract between the two commands: the test
# command finds the bench exactly where the setup command puts it.
APP_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_USER="${BENCH_USER:-frappe}"
BENCH_HOME="$(getent passwd "$BENCH_USER" | cut -d: -f6 || true)"
BENCH_HOME="${BENCH_HOME:-/home/$BENCH_USER}"
BENCH_DIR="${BENCH_DIR:-$BENCH_HOME/perf-bench}"
SITE="${SITE:-perf.localhost}"
TEST_SITE="${TEST_SITE:-perf-test.localhost}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-perf_budget_root}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
BENCH_CLI="${BENCH_CLI:-/opt/perf-budget/bench-cli}"
FRAPPE_STAGE="$BENCH_HOME/.cache/perf-budget/frappe-src"

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Run a command as the bench user with the bench CLI (and its uv) first on PATH.
as_bench() {
	if [ "$(id -un)" = "$BENCH_USER" ]; then
		env PATH="$BENCH_CLI/bin:$PATH" "$@"
	else
		runuser -u "$BENCH_USER" -- env HOME="$BENCH_HOME" \
			PATH="$BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@"
	fi
}
as_bench_in() { (cd "$BENCH_DIR" && as_bench "$@"); }

install_system_packages() {
	local pkgs=(git curl rsync sudo procps build-essential pkg-config libffi-dev libssl-dev
		python3 python3-venv python3-dev python3-pip libmariadb-dev
		mariadb-server mariadb-client redis-server nginx-light chromium fonts-noto-cjk cron
		wkhtmltopdf xvfb poppler-utils)
	local missing=()
	for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
	command -v node >/dev/null || missing+=(nodejs npm)
	if [ "${#missing[@]}" -gt 0 ]; then
		apt-get update -q
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
	fi
	command -v yarn >/dev/null || npm install -g yarn
}

configure_mariadb() {
	local cnf=/etc/mysql/mariadb.conf.d/99-perf-budget.cnf
	[ -f "$cnf" ] && [ -f "$PRIMARY_CNF" ] && return 0
	[ -f "$cnf" ] || cat >"$cnf" <<'CNF'
# Frappe needs utf8mb4 everywhere (written by perf_budget scripts/setup.sh)
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
CNF
	configure_primary_binlog
	if mysqladmin ping >/dev/null 2>&1; then service mariadb restart || true; fi
}

# The binary log a read replica follows (scripts/replica.sh); read at MariaDB's next start.
PRIMARY_CNF=/etc/mysql/mariadb.conf.d/98-perf-budget-primary.cnf
configure_primary_binlog() {
	[ -f "$PRIMARY_CNF" ] && return 0
	cat >"$PRIMARY_CNF" <<'CNF'
# This server is the primary a read replica follows (written by perf_budget scripts/lib.sh)
[mysqld]
server_id = 1
log_bin = perf-budget-bin
binlog_format = ROW
expire_logs_days = 2
CNF
}

db_up() { mysqladmin --connect-timeout=2 ping >/dev/null 2>&1 || mysqladmin -uroot -p"$DB_ROOT_PASSWORD" --connect-timeout=2 ping >/dev/null 2>&1; }

start_mariadb() {
	if ! db_up; then
		[ "$(id -u)" = 0 ] || die "MariaDB is not running and only root can start it"
		service mariadb start >/dev/null 2>&1 || (setsid mysqld_safe >/dev/null 2>&1 &)
		for _ in $(seq 60); do db_up && break; sleep 1; done
		db_up || die "MariaDB did not start"
	fi
	# root keeps socket login and gains a password the bench user can use
	# (checked over TCP: over the socket, OS root gets in without a password)
	if ! mysql --protocol=TCP -h127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" -e 'select 1' >/dev/null 2>&1; then
		mysql -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket; FLUSH PRIVILEGES;"
	fi
}

ensure_bench_user() {
	id "$BENCH_USER" >/dev/null 2>&1 || useradd -m -s /bin/bash "$BENCH_USER"
	BENCH_HOME="$(getent passwd "$BENCH_USER" | cut -d: -f6)"
	chmod 755 "$BENCH_HOME"
	as_bench git config --global --get safe.directory >/dev/null || as_bench git config --global --add safe.directory '*'
}

install_bench_cli() {
	if [ ! -x "$BENCH_CLI/bin/bench" ]; then
		/usr/bin/python3 -m venv "$BENCH_CLI"
		"$BENCH_CLI/bin/pip" install -q frappe-bench uv
	fi
}

# Clone Frappe into a staging copy the bench is initialised from. The GitHub
# dependency air-datepicker is pinned to the npm registry's identical 2.2.3 so
# that yarn needs nothing but the registry.
stage_frappe() {
	local repo="$1" branch="$2"
	rm -rf "$FRAPPE_STAGE"
	as_bench mkdir -p "$(dirname "$FRAPPE_STAGE")"
	git clone -q --depth 1 --branch "$branch" "$( [ -d "$repo" ] && echo "file://$repo" || echo "$repo")" "$FRAPPE_STAGE"
	if grep -q '"air-datepicker": "github:' "$FRAPPE_STAGE/package.json"; then
		sed -i 's#"air-datepicker": "github:[^"]*"#"air-datepicker": "2.2.3"#' "$FRAPPE_STAGE/package.json"
		git -C "$FRAPPE_STAGE" -c user.name=setup -c user.email=setup@localhost \
			commit -q -am "Take air-datepicker 2.2.3 from the npm registry"
	fi
	chown -R "$BENCH_USER": "$FRAPPE_STAGE"
}

redis_port() { sed -n 's#.*redis://[^:]*:\([0-9]*\).*#\1#p' <<<"$(grep "\"$1\"" "$BENCH_DIR/sites/common_site_config.json")"; }

start_redis() {
	local name port
	for name in redis_cache redis_queue; do
		port="$(redis_port "$name")"
		[ -n "$port" ] || continue
		redis-cli -p "$port" ping >/dev/null 2>&1 && continue
		(cd "$BENCH_DIR" && as_bench redis-server "config/$name.conf" --daemonize yes >/dev/null)
		for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
	done
}

stop_redis() {
	local name port
	for name in redis_cache redis_queue; do
		port="$(redis_port "$name")"
		[ -n "$port" ] && redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
	done
}

# The bench's copy of the app always holds the code of this checkout (a CI
# clone is not the developer's working copy); first time through bench get-app.
install_app_into_bench() {
	if [ ! -d "$BENCH_DIR/apps/perf_budget" ]; then
		as_bench_in bench get-app --skip-assets "$APP_SRC"
	fi
	rsync -a --delete --exclude .git --exclude '__pycache__' --exclude '*.pyc' --exclude node_modules \
		--exclude '.venv*' --chown="$BENCH_USER:$BENCH_USER" "$APP_SRC/" "$BENCH_DIR/apps/perf_budget/"
	if ! as_bench "$BENCH_DIR/env/bin/python" -c 'import perf_budget, openpyxl, docx' >/dev/null 2>&1; then
		as_bench "$BENCH_DIR/env/bin/python" -m pip install -q -e "$BENCH_DIR/apps/perf_budget"
	fi
	grep -qx perf_budget "$BENCH_DIR/sites/apps.txt" || echo perf_budget >>"$BENCH_DIR/sites/apps.txt"
	# the desk serves perf_budget/public as /assets/perf_budget (what bench build links)
	[ -e "$BENCH_DIR/sites/assets/perf_budget" ] ||
		as_bench ln -s "$BENCH_DIR/apps/perf_budget/perf_budget/public" "$BENCH_DIR/sites/assets/perf_budget"
	# the desk reads translations from compiled .mo files
	as_bench_in bench compile-po-to-mo --app perf_budget --force >/dev/null
}

ensure_site() {
	local site="$1"
	# a site whose database answers is kept; a half-made one is made again
	if [ -f "$BENCH_DIR/sites/$site/site_config.json" ] &&
		as_bench_in bench --site "$site" list-apps >/dev/null 2>&1; then
		return 0
	fi
	as_bench_in bench new-site "$site" --force --db-root-password "$DB_ROOT_PASSWORD" \
		--admin-password "$ADMIN_PASSWORD"
}

start_desk() {
	if curl -s -o /dev/null "http://localhost:8000"; then
		echo "A desk is already answering on port 8000."
		return 0
	fi
	stop_redis # bench start runs its own redis processes
	(cd "$BENCH_DIR" && as_bench setsid nohup bench start >"$BENCH_DIR/logs/desk.log" 2>&1 &)
	for _ in $(seq 90); do curl -s -o /dev/null "http://localhost:8000" && return 0; sleep 1; done
	die "the desk did not answer on port 8000; see $BENCH_DIR/logs/desk.log"
}

# What tier 2 needs in the bench's virtualenv beside Frappe itself.
ensure_test_tools() {
	# xlwt writes the budget system's 97–2003 .xls exports of test_budget_import_formats
	as_bench "$BENCH_DIR/env/bin/python" -c 'import xmlrunner, pytest, playwright, freezegun, xlwt' 2>/dev/null ||
		as_bench "$BENCH_DIR/env/bin/python" -m pip install -q unittest-xml-reporting pytest playwright freezegun xlwt "setuptools<70"
}

# Serve one site on a local port as production serves it, for the browser
# tests: scripts/serve-production.sh's pieces (gunicorn workers, RQ workers,
# scheduler, socketio, nginx); its output goes to the log when one is given.
serve_site() {
	local site="$1" port="$2" log="${3:-/dev/stdout}"
	bash "$APP_SRC/scripts/serve-production.sh" start --site "$site" --port "$port" >"$log" 2>&1 ||
		{ echo "the site did not answer on port $port; see $log" >&2; return 1; }
}

stop_served_site() { bash "$APP_SRC/scripts/serve-production.sh" stop --site "$1"; }
