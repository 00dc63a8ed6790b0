# shellcheck shell=bash
# The processes `make bench` starts itself — gateway, auth, projects from the release build, and nginx — each
# in its own session (setsid) so a terminal's Ctrl-C reaches only run.sh, which then stops them in order.
# fleet.sh is not reused: it starts all six services from one folder and waits for the gateway's aggregated
# /health, while the bench builds and runs only these three (their /ready is what is waited for).

declare -A STARTED=() # name → pid, of processes this run started

# start_process NAME LOGFILE COMMAND... — runs COMMAND in the background in a session of its own.
start_process() {
    local name=$1 log=$2
    shift 2
    mkdir -p "$B_LOG_DIR" "$B_PID_DIR"
    (cd "$ROOT" && exec setsid "$@" >>"$log" 2>&1 </dev/null) &
    STARTED[$name]=$!
    printf '%s %s\n' "$!" "$(proc_starttime "$!" || true)" >"$B_PID_DIR/$name.pid"
    cpu_track "$name" "$!"
}

# start_service NAME PORT [VAR=value...] — a release executable with the bench's environment.
start_service() {
    local name=$1 port=$2
    shift 2
    local -a envs=(
        HOST=127.0.0.1 "PORT=$port" "LOG_LEVEL=$B_LOG_LEVEL" "REDIS_URL=$B_REDIS_URL" "DATABASE_URL=$B_DATABASE_URL"
        "AUTH_URL=$B_AUTH_URL" "PROJECTS_URL=$B_PROJECTS_URL" "GATEWAY_URL=$B_GATEWAY_URL"
        "AI_GATEWAY_URL=$B_AI_URL" "LEARNING_URL=$B_LEARNING_URL"
        "MEMORY_URL=$B_MEMORY_URL" "JWT_KEY_DIR=$B_RUN_DIR/keys"
    )
    port_open "$port" && die "port $port for $name is in use (set BENCH_${name^^}_PORT)"
    [ -x "$BIN_DIR/$name" ] || die "$BIN_DIR/$name was not built"
    start_process "$name" "$B_LOG_DIR/$name.log" env "${envs[@]}" "$@" "$BIN_DIR/$name"
}

# wait_ready NAME URL — until URL answers 200, the process dies, or HEALTH_TIMEOUT passes.
wait_ready() {
    local name=$1 url=$2 deadline=$((SECONDS + B_HEALTH_TIMEOUT))
    while [ "$SECONDS" -lt "$deadline" ]; do
        proc_alive "${STARTED[$name]}" || {
            tail -n 30 "$B_LOG_DIR/$name.log" >&2 || true
            return 1
        }
        [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)" = 200 ] && return 0
        sleep 0.3
    done
    tail -n 30 "$B_LOG_DIR/$name.log" >&2 || true
    return 1
}

start_nginx() {
    local prefix="$B_RUN_DIR/nginx"
    port_open "$B_NGINX_PORT" && die "port $B_NGINX_PORT for nginx is in use (set BENCH_NGINX_PORT)"
    mkdir -p "$prefix/conf" "$prefix/logs" "$prefix/tmp"
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$B_NGINX_PORT|g" -e "s|@UPSTREAM_PORT@|$B_AUTH_PORT|g" \
        "$BENCH_DIR/nginx/nginx.conf" >"$prefix/conf/nginx.conf"
    start_process nginx "$prefix/logs/stderr.log" nginx -p "$prefix/" -c conf/nginx.conf -e "$prefix/logs/error.log"
    local i
    for ((i = 0; i < 50; i++)); do
        port_open "$B_NGINX_PORT" && return 0
        proc_alive "${STARTED[nginx]}" || break
        sleep 0.1
    done
    cat "$prefix/logs/error.log" "$prefix/logs/stderr.log" >&2 2>/dev/null || true
    die "nginx did not start"
}

# stop_process NAME — SIGTERM to its session's process group, SIGKILL after STOP_TIMEOUT.
stop_process() {
    local name=$1 pid i
    pid=${STARTED[$name]:-}
    [ -n "$pid" ] || return 0
    if proc_alive "$pid"; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < B_STOP_TIMEOUT * 10; i++)); do
            proc_alive "$pid" || break
            sleep 0.1
        done
        if proc_alive "$pid"; then
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            warn "$name did not stop within ${B_STOP_TIMEOUT}s, killed"
        fi
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$B_PID_DIR/$name.pid"
    unset "STARTED[$name]"
}

stop_all_processes() {
    local name
    # The gateway first, so it never sees its upstreams vanish under load.
    for name in gateway nginx projects auth; do stop_process "$name"; done
    for name in "${!STARTED[@]}"; do stop_process "$name"; done
}
