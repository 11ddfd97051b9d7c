#!/usr/bin/env bash
# A read replica of one site's database on this machine: a second MariaDB
# (port 3307, server_id 2, read_only) that follows the primary (port 3306) by
# GTID replication, and the site's config pointing Frappe's read-only paths at
# it (read_from_replica, replica_host, replica_db_port: see frappe.connect_replica).
#
#   sudo bash scripts/replica.sh start --site SITE   # seed from a dump, replicate, point SITE at it
#   sudo bash scripts/replica.sh status              # exit 0 while both replication threads run
#   sudo bash scripts/replica.sh stop [--site SITE]  # SITE reads from the primary again; instance stopped
#
# Every start seeds the replica afresh from a consistent dump of the site's
# database (mariadb-dump --single-transaction --master-data --gtid), so a site
# reinstalled since the last start is followed correctly. One site at a time.
# The primary needs its binary log: scripts/setup.sh writes it in
# $PRIMARY_CNF (configure_mariadb), which takes effect at MariaDB's next restart.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

REPLICA_PORT="${REPLICA_PORT:-3307}"
REPLICA_HOST=127.0.0.1
REPLICA_BASE="${REPLICA_BASE:-/var/lib/mysql-perf-replica}"
DATA="$REPLICA_BASE/data"
SOCK="$REPLICA_BASE/mysqld.sock"
PIDFILE="$REPLICA_BASE/mysqld.pid"
ERRLOG="$REPLICA_BASE/mysqld.err"
CNF="$REPLICA_BASE/my.cnf"
FOLLOWED="$REPLICA_BASE/site"             # the site whose database the replica holds
REPL_USER=perf_replica
REPL_SECRET="$REPLICA_BASE/repl-password" # root only, made on first start

usage() { sed -n '7,9p' "$0" | sed 's/^# *//' >&2; exit 2; }

on_primary() { mysql -uroot -N -B "$@"; }
on_replica() { mysql -S "$SOCK" -uroot -N -B "$@"; }
replica_up() { [ -S "$SOCK" ] && mysqladmin -S "$SOCK" -uroot --connect-timeout=2 ping >/dev/null 2>&1; }

site_value() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
		"$BENCH_DIR/sites/$1/site_config.json" "$2"
}

# A replica only follows a primary that writes a binary log; turning it on
# needs a restart of the MariaDB every site uses, which is not this script's to do.
require_primary_binlog() {
	db_up || die "the primary MariaDB (port 3306) is not running"
	[ "$(on_primary -e 'select @@log_bin')" = 1 ] && return 0
	configure_primary_binlog
	die "the primary MariaDB has no binary log (log_bin is OFF). $PRIMARY_CNF holds the settings; restart MariaDB (service mariadb restart) when no one is using it, then run this again."
}

write_cnf() {
	cat >"$CNF" <<CNF
# The read replica of perf_budget (scripts/replica.sh); read instead of /etc/mysql.
[mysqld]
datadir = $DATA
socket = $SOCK
pid-file = $PIDFILE
log-error = $ERRLOG
port = $REPLICA_PORT
bind-address = $REPLICA_HOST
server_id = 2
read_only = 1
skip-log-bin
relay_log = perf-replica-relay
relay_log_recovery = 1
# only the followed site's database (its tables, whatever database a statement was issued from)
replicate_wild_do_table = $1.%
innodb_buffer_pool_size = 256M
performance_schema = OFF
# Frappe needs utf8mb4 everywhere (as /etc/mysql/mariadb.conf.d/99-perf-budget.cnf)
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
CNF
}

start_instance() {
	(setsid mariadbd --defaults-file="$CNF" --user=mysql >/dev/null 2>&1 </dev/null &)
	for _ in $(seq 60); do replica_up && return 0; sleep 0.5; done
	tail -20 "$ERRLOG" >&2
	die "the replica did not start; see $ERRLOG"
}

stop_instance() {
	replica_up || return 0
	local pid
	pid="$(cat "$PIDFILE" 2>/dev/null || true)"
	mysqladmin -S "$SOCK" -uroot shutdown
	for _ in $(seq 60); do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
	die "the replica (pid $pid) did not stop"
}

# The replica's own accounts: root as on the primary (socket, or the bench's
# root password over TCP: the replica test stops and starts replication), and
# the site's database user copied from the primary with its password and grants.
copy_accounts() {
	local db="$1" host statements
	on_replica <<<"ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD') OR unix_socket"
	for host in $(on_primary -e "select host from mysql.user where user = '$db'"); do
		statements="$(on_primary -e "show create user '$db'@'$host'"); $(on_primary -e "show grants for '$db'@'$host'" | sed 's/$/;/')"
		on_replica <<<"$statements"
	done
}

replication_user() {
	if [ ! -s "$REPL_SECRET" ]; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$REPL_SECRET")
	fi
	local password
	password="$(cat "$REPL_SECRET")"
	# passwords go through stdin, not the command line (ps)
	on_primary <<SQL
CREATE USER IF NOT EXISTS '$REPL_USER'@'$REPLICA_HOST' IDENTIFIED BY '$password';
ALTER USER '$REPL_USER'@'$REPLICA_HOST' IDENTIFIED BY '$password';
GRANT REPLICATION SLAVE ON *.* TO '$REPL_USER'@'$REPLICA_HOST';
SQL
}

# Waits until the replica has applied everything the primary logged so far.
catch_up() {
	local position
	position="$(on_primary -e 'select @@gtid_binlog_pos')"
	[ "$(on_replica -e "select master_gtid_wait('$position', 60)")" = 0 ] ||
		die "the replica did not reach the primary's position $position within 60 s; see: bash $0 status"
}

set_site_keys() {
	local site="$1"
	as_bench_in bench --site "$site" set-config read_from_replica 1 >/dev/null
	as_bench_in bench --site "$site" set-config replica_host "$REPLICA_HOST" >/dev/null
	as_bench_in bench --site "$site" set-config --parse replica_db_port "$REPLICA_PORT" >/dev/null
}

# Frappe's update_site_config removes a key whose value is "None".
remove_site_keys() {
	local site="$1" key
	[ -f "$BENCH_DIR/sites/$site/site_config.json" ] || return 0
	for key in read_from_replica replica_host replica_db_port; do
		as_bench_in bench --site "$site" set-config "$key" None >/dev/null
	done
}

start() {
	local site="$1" db began
	[ -f "$BENCH_DIR/sites/$site/site_config.json" ] || die "no site $site in $BENCH_DIR"
	if [ -s "$FOLLOWED" ] && [ "$(cat "$FOLLOWED")" != "$site" ] && replica_up; then
		die "the replica follows $(cat "$FOLLOWED"); run: bash $0 stop --site $(cat "$FOLLOWED")"
	fi
	require_primary_binlog
	db="$(site_value "$site" db_name)"
	began=$SECONDS
	step "Read replica of $site (database $db) on port $REPLICA_PORT"
	stop_instance
	rm -rf "$DATA"
	mkdir -p "$DATA"
	chown mysql:mysql "$REPLICA_BASE" "$DATA"
	chmod 750 "$REPLICA_BASE"
	write_cnf "$db"
	mariadb-install-db --defaults-file="$CNF" --user=mysql --skip-test-db \
		--auth-root-authentication-method=socket >"$REPLICA_BASE/install.log" 2>&1 ||
		{ cat "$REPLICA_BASE/install.log" >&2; die "mariadb-install-db failed"; }
	start_instance
	echo "$site" >"$FOLLOWED"
	copy_accounts "$db"
	replication_user
	# one consistent snapshot; the dump ends with the primary's GTID position for the replica
	mariadb-dump -uroot --single-transaction --master-data=1 --gtid --quick \
		--default-character-set=utf8mb4 --databases "$db" | mysql -S "$SOCK" -uroot
	on_replica <<SQL
CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3306, MASTER_USER='$REPL_USER',
	MASTER_PASSWORD='$(cat "$REPL_SECRET")', MASTER_USE_GTID=slave_pos;
START SLAVE;
SQL
	catch_up
	set_site_keys "$site"
	echo "replica of $db on $REPLICA_HOST:$REPLICA_PORT replicating (seeded in $((SECONDS - began)) s); $site reads from it"
}

stop() {
	local site="$1"
	[ -n "$site" ] || site="$(cat "$FOLLOWED" 2>/dev/null || true)"
	[ -n "$site" ] && remove_site_keys "$site" && echo "$site reads from the primary again"
	stop_instance
	# every start seeds afresh: the copy is of no further use
	rm -rf "$DATA" "$FOLLOWED"
	# no standing replication account on the primary (start makes it again)
	db_up && on_primary -e "DROP USER IF EXISTS '$REPL_USER'@'$REPLICA_HOST'"
	echo "replica stopped"
}

status() {
	if ! replica_up; then
		echo "replica: not running"
		return 1
	fi
	local report io sql
	report="$(mysql -S "$SOCK" -uroot -e 'SHOW SLAVE STATUS\G')"
	io="$(sed -n 's/^ *Slave_IO_Running: //p' <<<"$report")"
	sql="$(sed -n 's/^ *Slave_SQL_Running: //p' <<<"$report")"
	echo "replica: running on $REPLICA_HOST:$REPLICA_PORT, follows $(cat "$FOLLOWED" 2>/dev/null || echo '?')"
	echo "IO thread: ${io:-none}, SQL thread: ${sql:-none}, behind: $(sed -n 's/^ *Seconds_Behind_Master: //p' <<<"$report") s"
	echo "primary at $(on_primary -e 'select @@gtid_binlog_pos'), replica at $(on_replica -e 'select @@gtid_slave_pos')"
	sed -n 's/^ *Last_\(IO\|SQL\)_Error: \(..*\)/\1 error: \2/p' <<<"$report"
	[ "$io" = Yes ] && [ "$sql" = Yes ]
}

[ "$(id -u)" = 0 ] || exec sudo -E bash "$0" "$@"
command="${1:-}"
shift || true
SITE_ARG=""
while [ $# -gt 0 ]; do
	case "$1" in
	--site) SITE_ARG="${2:-}"; shift 2 ;;
	*) usage ;;
	esac
done
case "$command" in
start) [ -n "$SITE_ARG" ] || usage; start "$SITE_ARG" ;;
stop) stop "$SITE_ARG" ;;
status) status ;;
*) usage ;;
esac
