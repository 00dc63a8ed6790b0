#!/usr/bin/env bash
# Redis and PostgreSQL for local runs and tests, with their data in .run/ (run) or .run/test/ (test).
#   infra.sh start  PROFILE [--fresh]           start whatever is not running yet (idempotent);
#                                               --fresh wipes the profile's data folder first
#   infra.sh stop   PROFILE [redis|postgres]    stop (idempotent)
#   infra.sh status PROFILE [redis|postgres]    print state; exit 0 only when all named are running
#   infra.sh env    PROFILE                     print `export …` lines for REDIS_URL, DATABASE_URL, …
# PROFILE is run or test; ports and folders per profile are in common.sh.
set -euo pipefail
TAG=infra
# shellcheck source=Deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

usage() { die "usage: infra.sh start|stop|status|env run|test [--fresh | redis | postgres]"; }

# ---------------------------------------------------------------- Redis

redis_pid() {
    local pid
    [ -f "$P_REDIS_PIDFILE" ] || return 1
    read -r pid <"$P_REDIS_PIDFILE" || true
    proc_alive "${pid:-}" || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis* ]] || return 1
    printf '%s\n' "$pid"
}

redis_ping() {
    [ "$(timeout 2 "$(redis_cli_bin)" -h 127.0.0.1 -p "$P_REDIS_PORT" ping 2>/dev/null)" = PONG ]
}

redis_start() {
    local server pid i
    if pid=$(redis_pid); then
        say "redis ($P_PROFILE) already running, pid $pid, port $P_REDIS_PORT"
        return 0
    fi
    server=$(redis_server_bin) || die "redis-server not found (run Deploy/local/deps.sh)"
    redis_cli_bin >/dev/null || die "redis-cli not found (run Deploy/local/deps.sh)"
    if port_open "$P_REDIS_PORT"; then
        die "port $P_REDIS_PORT is in use by a process not started from $P_RUN_DIR (set $([ "$P_PROFILE" = test ] && echo TEST_)REDIS_PORT to use another port)"
    fi
    mkdir -p "$P_REDIS_DIR"
    rm -f "$P_REDIS_PIDFILE"
    local args=(--port "$P_REDIS_PORT" --bind 127.0.0.1 --dir "$P_REDIS_DIR" --daemonize yes
        --pidfile "$P_REDIS_PIDFILE" --logfile "$P_REDIS_LOG")
    if [ "$P_FAST" = 1 ]; then
        args+=(--save "" --appendonly no)
    else
        # Data survives restarts: append-only file plus the usual snapshots.
        args+=(--appendonly yes)
    fi
    "$server" "${args[@]}" >/dev/null || {
        tail -n 20 "$P_REDIS_LOG" >&2 2>/dev/null || true
        die "redis-server failed to start"
    }
    for ((i = 0; i < 100; i++)); do
        redis_ping && break
        sleep 0.1
    done
    if ! redis_ping; then
        tail -n 20 "$P_REDIS_LOG" >&2 2>/dev/null || true
        die "redis ($P_PROFILE) did not answer PING on port $P_REDIS_PORT within 10 s (log: $P_REDIS_LOG)"
    fi
    say "redis ($P_PROFILE) started, pid $(redis_pid || echo '?'), port $P_REDIS_PORT, data $P_REDIS_DIR"
}

redis_stop() {
    local pid i mode=save
    if ! pid=$(redis_pid); then
        rm -f "$P_REDIS_PIDFILE"
        return 0
    fi
    [ "$P_FAST" = 1 ] && mode=nosave
    timeout 5 "$(redis_cli_bin)" -h 127.0.0.1 -p "$P_REDIS_PORT" shutdown "$mode" >/dev/null 2>&1 || true
    for ((i = 0; i < 50; i++)); do
        proc_alive "$pid" || break
        sleep 0.1
    done
    if proc_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do
            proc_alive "$pid" || break
            sleep 0.1
        done
    fi
    if proc_alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        warn "redis ($P_PROFILE) did not stop in time, killed"
    fi
    rm -f "$P_REDIS_PIDFILE"
    say "redis ($P_PROFILE) stopped"
}

# ---------------------------------------------------------------- PostgreSQL

pg_pid() {
    local pid
    [ -f "$P_PG_DIR/postmaster.pid" ] || return 1
    read -r pid <"$P_PG_DIR/postmaster.pid" 2>/dev/null || true
    proc_alive "${pid:-}" || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres* ]] || return 1
    printf '%s\n' "$pid"
}

# User postgres must be able to reach the data folder: o+x on every ancestor that lacks it.
pg_make_reachable() {
    local d path=/ part
    local -a parts
    IFS=/ read -r -a parts <<<"${P_PG_DIR#/}"
    for part in "${parts[@]}"; do
        [ -n "$part" ] || continue
        d="${path%/}/$part"
        path=$d
        [ "$d" = "$P_PG_DIR" ] && break
        if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
            chmod o+x "$d"
            say "made $d traversable (o+x) for user postgres"
        fi
    done
}

pg_ensure_db() {
    local bin=$1 exists
    [[ "$P_PG_DB" =~ ^[A-Za-z0-9_]+$ ]] || die "database name '$P_PG_DB' must be letters, digits, underscores"
    exists=$("$bin/psql" -X -h 127.0.0.1 -p "$P_PG_PORT" -U postgres -d postgres -tAc \
        "select 1 from pg_database where datname = '$P_PG_DB'") ||
        die "cannot query postgres on port $P_PG_PORT"
    if [ "$exists" != 1 ]; then
        "$bin/createdb" -h 127.0.0.1 -p "$P_PG_PORT" -U postgres "$P_PG_DB"
        say "database $P_PG_DB created"
    fi
}

pg_start() {
    local bin pid opts sockdir
    bin=$(pg_bin_dir) || die "PostgreSQL not found under /usr/lib/postgresql (run Deploy/local/deps.sh)"
    if pid=$(pg_pid); then
        say "postgres ($P_PROFILE) already running, pid $pid, port $P_PG_PORT"
        pg_ensure_db "$bin"
        return 0
    fi
    if port_open "$P_PG_PORT"; then
        die "port $P_PG_PORT is in use by a process not started from $P_RUN_DIR (set $([ "$P_PROFILE" = test ] && echo TEST_)PG_PORT to use another port)"
    fi
    if is_root; then
        id postgres >/dev/null 2>&1 || die "PostgreSQL refuses to run as root and there is no user postgres"
    fi
    mkdir -p "$P_PG_DIR"
    chmod 700 "$P_PG_DIR"
    touch "$P_PG_LOG"
    if is_root; then
        chown postgres: "$P_PG_DIR" "$P_PG_LOG"
        pg_make_reachable
    fi
    if [ ! -f "$P_PG_DIR/PG_VERSION" ]; then
        # A folder without PG_VERSION holds no database: a half-done initdb at worst.
        find "$P_PG_DIR" -mindepth 1 -delete
        as_pg_user "$bin/initdb" -D "$P_PG_DIR" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null ||
            die "initdb failed for $P_PG_DIR"
        say "postgres ($P_PROFILE) data folder initialised: $P_PG_DIR"
    fi
    # The Unix socket lives in the data folder unless its path would exceed the ~107-byte limit;
    # then there is none (everything here connects over TCP).
    sockdir=$P_PG_DIR
    [ "${#sockdir}" -lt 90 ] || sockdir=
    # Every service (and, in `make test`, every test fixture running in parallel) holds a pool of up to 20
    # connections; Postgres' default of 100 ran out once the suite had five services' worth of fixtures (53300).
    opts="-c listen_addresses=127.0.0.1 -p $P_PG_PORT -c unix_socket_directories='$sockdir' -c max_connections=${PG_MAX_CONNECTIONS:-600}"
    [ "$P_FAST" = 1 ] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! as_pg_user "$bin/pg_ctl" -D "$P_PG_DIR" -l "$P_PG_LOG" -o "$opts" -w -t 30 start >/dev/null; then
        tail -n 20 "$P_PG_LOG" >&2 || true
        die "postgres ($P_PROFILE) failed to start (log: $P_PG_LOG)"
    fi
    say "postgres ($P_PROFILE) started, pid $(pg_pid || echo '?'), port $P_PG_PORT, data $P_PG_DIR"
    pg_ensure_db "$bin"
}

pg_stop() {
    local bin pid i
    pid=$(pg_pid) || return 0
    bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
    if ! as_pg_user "$bin/pg_ctl" -D "$P_PG_DIR" -m fast -w -t 8 stop >/dev/null 2>&1; then
        as_pg_user "$bin/pg_ctl" -D "$P_PG_DIR" -m immediate -w -t 3 stop >/dev/null 2>&1 || true
    fi
    for ((i = 0; i < 20; i++)); do
        proc_alive "$pid" || break
        sleep 0.1
    done
    if proc_alive "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
        warn "postgres ($P_PROFILE) did not stop in time, killed"
    fi
    say "postgres ($P_PROFILE) stopped"
}

# ---------------------------------------------------------------- commands

status() {
    local which=${1:-all} rc=0 pid
    if [ "$which" = all ] || [ "$which" = redis ]; then
        if pid=$(redis_pid); then
            printf 'redis    (%s): running, pid %s, %s\n' "$P_PROFILE" "$pid" "$P_REDIS_URL"
        else
            printf 'redis    (%s): stopped\n' "$P_PROFILE"
            rc=1
        fi
    fi
    if [ "$which" = all ] || [ "$which" = postgres ]; then
        if pid=$(pg_pid); then
            printf 'postgres (%s): running, pid %s, %s\n' "$P_PROFILE" "$pid" "$P_DATABASE_URL"
        else
            printf 'postgres (%s): stopped\n' "$P_PROFILE"
            rc=1
        fi
    fi
    return "$rc"
}

print_env() {
    local server
    server=$(redis_server_bin || true)
    printf 'export REDIS_URL=%q\n' "$P_REDIS_URL"
    printf 'export DATABASE_URL=%q\n' "$P_DATABASE_URL"
    [ -z "$server" ] || printf 'export REDIS_SERVER_BIN=%q\n' "$server"
}

cmd=${1:-}
[ $# -ge 2 ] || usage
load_profile "$2"
arg=${3:-}
case "$cmd" in
start)
    case "$arg" in
    '') ;;
    --fresh)
        # Nothing may keep running on top of the folder we are about to delete.
        bash "$LOCAL_DIR/fleet.sh" stop "$P_PROFILE"
        redis_stop
        pg_stop
        if [ -d "$P_RUN_DIR" ]; then
            safe_rm_rf "$P_RUN_DIR"
            say "removed $P_RUN_DIR"
        fi
        ;;
    *) usage ;;
    esac
    mkdir -p "$P_RUN_DIR"
    redis_start
    pg_start
    ;;
stop)
    case "$arg" in
    '')
        redis_stop
        pg_stop
        ;;
    redis) redis_stop ;;
    postgres) pg_stop ;;
    *) usage ;;
    esac
    ;;
status)
    case "$arg" in '' | redis | postgres) ;; *) usage ;; esac
    status "${arg:-all}"
    ;;
env) print_env ;;
*) usage ;;
esac
