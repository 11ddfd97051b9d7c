#!/usr/bin/env bash
# Serve one site of the bench the way Frappe runs in production: the pieces
# `bench setup production` has supervisor (and nginx) run, started and
# stopped by this script instead.
#
#   bash scripts/serve-production.sh start  --site SITE --port PORT
#   bash scripts/serve-production.sh status --site SITE   # exits 0 only when every piece runs
#   bash scripts/serve-production.sh stop   --site SITE
#
# Run as root (or as the bench user); the pieces run as the bench user:
#   web       gunicorn frappe.app:application --preload, `gunicorn_workers`
#             processes (default 2 × CPUs + 1, as bench), `http_timeout`
#             (120 s), max-requests 5000 with 10 % jitter (bench's defaults)
#   worker-*  `bench worker`: `background_workers` (default 1) consuming
#             short,default and as many consuming long,default,short, as
#             bench's supervisor template does for Frappe > 14.18; one set
#             per queue named under `workers` ({"queue": {"timeout": s,
#             "background_workers": n}}), Frappe's custom queues
#   schedule  `bench schedule` (the site's scheduler is enabled at start)
#   socketio  `bench socketio` (node apps/frappe/socketio.js), realtime
#   nginx     bench's own nginx server block for a site on a port
#             (bench/config/templates/nginx.conf): static files from disk,
#             /socket.io proxied with the site's name, the rest to gunicorn
# Sizes are read from sites/common_site_config.json, the keys bench reads.
# Everything listens on 127.0.0.1 only: PORT is nginx; gunicorn and socketio
# take free private ports (socketio_port is one per bench; FRAPPE_SOCKETIO_PORT
# is Frappe's own override of it), so two sites can be served side by side.
# Each site served runs its own set of pieces; a deployment runs one set per
# bench. Pid files, ports and logs: $BENCH_DIR/logs/production-SITE/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/lib.sh
source "$HERE/lib.sh"

usage() { die "usage: $0 start --site SITE --port PORT | stop --site SITE | status --site SITE"; }

ACTION="${1:-}"
shift || true
SERVE_SITE="" PORT=""
while [ $# -gt 0 ]; do
	case "$1" in
		--site) SERVE_SITE="${2:-}"; shift 2 ;;
		--port) PORT="${2:-}"; shift 2 ;;
		*) usage ;;
	esac
done
[ -n "$SERVE_SITE" ] || usage
RUN="$BENCH_DIR/logs/production-$SERVE_SITE"

# A key of the bench's common_site_config.json (empty when unset).
conf() {
	python3 -c 'import json, sys; v = json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else json.dumps(v) if isinstance(v, dict) else v)' \
		"$BENCH_DIR/sites/common_site_config.json" "$1"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The bench user's command, started in its own process group (its leader's pid
# in RUN/NAME.pid) with stdout and stderr in RUN/NAME.log. setpriv, not
# runuser: runuser's parent would kill a gracefully stopping child after 2 s.
launch() {
	local name="$1" dir="$2"
	shift 2
	local as_user=()
	if [ "$(id -un)" != "$BENCH_USER" ]; then
		as_user=(setpriv --reuid="$BENCH_USER" --regid="$BENCH_USER" --init-groups)
	fi
	setsid bash -c 'echo $$ >"$1"; cd "$2" || exit 1; shift 2; exec "$@"' _ "$RUN/$name.pid" "$dir" \
		"${as_user[@]}" env HOME="$BENCH_HOME" PATH="$BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin" LANG=C.UTF-8 \
		"$@" >>"$RUN/$name.log" 2>&1 </dev/null &
}

pieces() { [ -d "$RUN" ] && find "$RUN" -maxdepth 1 -name '*.pid' ! -name 'nginx.own.pid' -printf '%f\n' | sed 's/\.pid$//' | sort; }
pid_of() { cat "$RUN/$1.pid" 2>/dev/null; }
group_alive() { [ -n "$1" ] && kill -0 -- -"$1" 2>/dev/null; }

ping_ok() { [ "$(curl -s --max-time 5 "http://127.0.0.1:$1/api/method/ping")" = '{"message":"pong"}' ]; }
# engine.io's handshake through nginx: the realtime server answers on /socket.io
socketio_ok() { curl -s --max-time 5 "http://127.0.0.1:$1/socket.io/?EIO=4&transport=polling" | grep -q '^0{"sid":'; }

# The RQ workers registered in Redis whose pid is among the given ones.
registered_workers() {
	local port key
	port="$(redis_port redis_queue)"
	for key in $(redis-cli -p "$port" smembers rq:workers); do
		redis-cli -p "$port" hget "$key" pid
	done | grep -cxF -f <(printf '%s\n' "$@") || true
}

gunicorn_workers() { pgrep -P "$(pid_of web)" | wc -l; }

status() {
	[ -d "$RUN" ] && [ -n "$(pieces)" ] || { echo "$SERVE_SITE: not served (no pid files in $RUN)"; return 1; }
	local port web_port socketio_port expected_web all=0 name pid worker_pids=()
	port="$(cat "$RUN/port")" web_port="$(cat "$RUN/web.port")" socketio_port="$(cat "$RUN/socketio.port")"
	expected_web="$(cat "$RUN/web.workers")"
	for name in $(pieces); do
		pid="$(pid_of "$name")"
		if ! group_alive "$pid"; then
			printf '%-22s stopped (pid %s)\n' "$name" "$pid"
			all=1
			continue
		fi
		case "$name" in
			web)
				printf '%-22s gunicorn pid %s on 127.0.0.1:%s, %s of %s workers\n' "$name" "$pid" "$web_port" "$(gunicorn_workers)" "$expected_web"
				[ "$(gunicorn_workers)" -eq "$expected_web" ] || all=1 ;;
			socketio) printf '%-22s node pid %s on 127.0.0.1:%s\n' "$name" "$pid" "$socketio_port" ;;
			nginx) printf '%-22s nginx pid %s on 127.0.0.1:%s\n' "$name" "$pid" "$port" ;;
			schedule) printf '%-22s bench schedule pid %s\n' "$name" "$pid" ;;
			worker-*)
				printf '%-22s bench worker --queue %s pid %s\n' "$name" "$(cat "$RUN/$name.queues")" "$pid"
				worker_pids+=("$pid") ;;
		esac
	done
	if [ "${#worker_pids[@]}" -gt 0 ]; then
		local registered
		registered="$(registered_workers "${worker_pids[@]}")"
		echo "RQ workers registered in Redis: $registered of ${#worker_pids[@]}"
		[ "$registered" -eq "${#worker_pids[@]}" ] || all=1
	fi
	if ping_ok "$port"; then echo "http://127.0.0.1:$port/api/method/ping answers"; else echo "http://127.0.0.1:$port/api/method/ping does not answer"; all=1; fi
	if socketio_ok "$port"; then echo "http://127.0.0.1:$port/socket.io answers"; else echo "http://127.0.0.1:$port/socket.io does not answer"; all=1; fi
	return "$all"
}

# The graceful stop each piece's manager would send (gunicorn and RQ finish
# their requests and jobs), then the whole group once 60 s have passed.
stop() {
	local name pid
	[ -d "$RUN" ] || { echo "$SERVE_SITE: not served"; return 0; }
	for name in nginx web schedule $(pieces | grep '^worker-') socketio; do
		pid="$(pid_of "$name")"
		group_alive "$pid" && kill -TERM "$pid" 2>/dev/null || true
	done
	for name in $(pieces); do
		pid="$(pid_of "$name")"
		for _ in $(seq 120); do group_alive "$pid" || break; sleep 0.5; done
		if group_alive "$pid"; then
			echo "$name (pid $pid) did not stop in 60 s: killed"
			kill -KILL -- -"$pid" 2>/dev/null || true
		fi
		rm -f "$RUN/$name.pid"
	done
	echo "$SERVE_SITE: stopped"
}

nginx_conf() {
	local upstream="production-${SERVE_SITE//[^A-Za-z0-9]/-}"
	mkdir -p "$RUN/nginx"
	# bench's own server block for a site served on a port, on loopback only
	"$BENCH_CLI/bin/python" - "$SERVE_SITE" "$PORT" "$upstream" "$BENCH_DIR/sites" "$(cat "$RUN/web.port")" \
		"$(cat "$RUN/socketio.port")" "$(conf http_timeout)" >"$RUN/nginx/site.conf" <<-'PY'
		import sys
		import bench.config
		site, port, upstream, sites_path, web_port, socketio_port, timeout = sys.argv[1:]
		conf = bench.config.env().get_template("nginx.conf").render(
			sites={"that_use_port": [{"name": site, "port": port}]},
			bench_name=upstream,
			sites_path=sites_path,
			webserver_port=web_port,
			socketio_port=socketio_port,
			http_timeout=timeout or 120,
			error_pages={},
			allow_rate_limiting=False,
			logging=None,
		)
		conf = conf.replace(f"listen [::]:{port};", "").replace(f"listen {port};", f"listen 127.0.0.1:{port};")
		print(conf)
	PY
	cat >"$RUN/nginx/nginx.conf" <<-CONF
		# written by scripts/serve-production.sh for $SERVE_SITE
		worker_processes auto;
		pid $RUN/nginx.own.pid;
		error_log $RUN/nginx.error.log;
		events { worker_connections 1024; }
		http {
			include /etc/nginx/mime.types;
			default_type application/octet-stream;
			access_log $RUN/nginx.access.log;
			client_body_temp_path $RUN/nginx/body;
			proxy_temp_path $RUN/nginx/proxy;
			fastcgi_temp_path $RUN/nginx/fastcgi;
			uwsgi_temp_path $RUN/nginx/uwsgi;
			scgi_temp_path $RUN/nginx/scgi;
			include $RUN/nginx/site.conf;
		}
	CONF
}

start() {
	[ -n "$PORT" ] || usage
	if [ -d "$RUN" ] && [ -n "$(pieces)" ]; then
		if [ "$(cat "$RUN/port" 2>/dev/null)" != "$PORT" ]; then
			die "$SERVE_SITE is already served on port $(cat "$RUN/port" 2>/dev/null); stop it first"
		fi
		if status; then
			echo "$SERVE_SITE is already served on port $PORT"
			return 0
		fi
		echo "$SERVE_SITE: not every piece runs; starting them all again"
		stop
	fi
	[ -f "$BENCH_DIR/sites/$SERVE_SITE/site_config.json" ] || die "no site $SERVE_SITE in $BENCH_DIR"
	curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT" && die "port $PORT is taken"
	command -v nginx >/dev/null || install_system_packages
	start_mariadb
	start_redis

	local workers background timeout max_requests count name i
	local -a queues=()
	workers="$(conf gunicorn_workers)"
	workers="${workers:-$(($(nproc) * 2 + 1))}"
	background="$(conf background_workers)"
	background="${background:-1}"
	[ "$background" -ge 1 ] || background=1
	timeout="$(conf http_timeout)"
	max_requests="$(conf gunicorn_max_requests)"
	if [ -z "$max_requests" ]; then
		max_requests=5000
		[ "$workers" -le 1 ] && max_requests=0
	fi

	rm -rf "$RUN"
	mkdir -p "$RUN"
	echo "$PORT" >"$RUN/port"
	echo "$workers" >"$RUN/web.workers"
	free_port >"$RUN/web.port"
	free_port >"$RUN/socketio.port"
	nginx_conf
	chown -R "$BENCH_USER": "$RUN"

	# what the site's own scheduler switch must say for `bench schedule` to tick it
	as_bench_in bench --site "$SERVE_SITE" scheduler enable
	as_bench_in bench --site "$SERVE_SITE" scheduler resume

	launch web "$BENCH_DIR/sites" "$BENCH_DIR/env/bin/gunicorn" -b "127.0.0.1:$(cat "$RUN/web.port")" -w "$workers" \
		--max-requests "$max_requests" --max-requests-jitter "$((max_requests / 10))" -t "${timeout:-120}" \
		--graceful-timeout 30 --access-logfile "$RUN/web.access.log" \
		--access-logformat '%(p)s %(t)s "%(r)s" %(s)s %(M)sms' frappe.app:application --preload
	launch socketio "$BENCH_DIR" env FRAPPE_SOCKETIO_PORT="$(cat "$RUN/socketio.port")" bench socketio
	# the custom queues of `workers`, each with its own count, then short and long
	while read -r name count; do
		queues+=("$name:$name:${count:-$background}")
	done < <(python3 -c 'import json, sys
for name, queue in json.load(open(sys.argv[1])).get("workers", {}).items():
	print(name, queue.get("background_workers") or "")' "$BENCH_DIR/sites/common_site_config.json")
	queues+=("short:short,default:$background" "long:long,default,short:$background")
	local entry label
	for entry in "${queues[@]}"; do
		IFS=: read -r label name count <<<"$entry"
		for i in $(seq "$count"); do
			echo "$name" >"$RUN/worker-$label-$i.queues"
			launch "worker-$label-$i" "$BENCH_DIR" bench worker --queue "$name"
		done
	done
	launch schedule "$BENCH_DIR" bench schedule
	launch nginx "$RUN/nginx" "$(command -v nginx)" -p "$RUN/nginx" -e "$RUN/nginx.error.log" -c "$RUN/nginx/nginx.conf" -g 'daemon off;'

	for _ in $(seq 120); do
		ping_ok "$PORT" && socketio_ok "$PORT" && [ "$(gunicorn_workers)" -eq "$workers" ] && break
		sleep 1
	done
	# the workers register in Redis once Frappe is imported: a few seconds
	for _ in $(seq 60); do status >/dev/null 2>&1 && break; sleep 1; done
	if ! status; then
		echo "$SERVE_SITE did not come up on port $PORT; logs in $RUN" >&2
		return 1
	fi
	echo "$SERVE_SITE served on http://127.0.0.1:$PORT (logs and pid files in $RUN)"
}

case "$ACTION" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	*) usage ;;
esac
