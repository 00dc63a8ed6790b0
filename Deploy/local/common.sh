# shellcheck shell=bash disable=SC2034 # the P_* variables are read by the scripts that source this
# Shared by deps.sh, infra.sh and fleet.sh (sourced, never run).
#
# Two profiles, each with its own ports and its own data folder, so both can run side by side:
#   run   Redis 6390, Postgres 5439 (database devmentor),      services 8080-8085,   data in .run/
#   test  Redis 6391, Postgres 5440 (database devmentor_test), services 18080-18085, data in .run/test/ (fresh each run)
# Every value is overridable from the environment; the names are listed in load_profile and at the
# top of the Makefile. The run profile uses the names the services themselves read (REDIS_URL, ...),
# the test profile the same names prefixed with TEST_ so an exported dev setting never leaks into tests.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOCAL_DIR="$ROOT/Deploy/local"

# The six executables, in start order (the gateway last: its /health aggregates the others).
SERVICES=(auth projects ai-gateway learning memory gateway)

TAG=${TAG:-devmentor}

# Messages go to stderr, tagged and aligned with the fleet's log prefixes ("[ai-gateway] " is the widest).
PREFIX_WIDTH=13
say() { printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" "$*" >&2; }
warn() { printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" "warning: $*" >&2; }
die() {
    printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" "error: $*" >&2
    exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root),
# as ourselves otherwise. Runs from / so postgres is never left in a folder it cannot read.
as_pg_user() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# Newest /usr/lib/postgresql/*/bin that has initdb, unless PG_BIN says otherwise.
pg_bin_dir() {
    if [ -n "${PG_BIN:-}" ]; then
        printf '%s\n' "$PG_BIN"
        return 0
    fi
    local d best=""
    while IFS= read -r d; do
        [ -x "$d/initdb" ] && best=$d
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
    [ -n "$best" ] || return 1
    printf '%s\n' "$best"
}

redis_server_bin() { command -v "${REDIS_SERVER:-redis-server}" 2>/dev/null; }
redis_cli_bin() { command -v "${REDIS_CLI:-redis-cli}" 2>/dev/null; }

# swift on PATH, else the toolchain at /opt/swift (SWIFT overrides both).
find_swift() {
    if [ -n "${SWIFT:-}" ]; then
        printf '%s\n' "$SWIFT"
    elif command -v swift >/dev/null 2>&1; then
        command -v swift
    elif [ -x /opt/swift/usr/bin/swift ]; then
        printf '%s\n' /opt/swift/usr/bin/swift
    else
        return 1
    fi
}

# load_profile run|test — sets the P_* variables used by the scripts.
load_profile() {
    local profile=${1:-}
    case "$profile" in
    run)
        P_RUN_DIR=${DEVMENTOR_RUN_DIR:-$ROOT/.run}
        P_HOST=${HOST:-127.0.0.1}
        P_LOG_LEVEL=${LOG_LEVEL:-info}
        P_REDIS_PORT=${REDIS_PORT:-6390}
        P_PG_PORT=${PG_PORT:-5439}
        P_PG_DB=${PG_DB:-devmentor}
        P_GATEWAY_PORT=${GATEWAY_PORT:-8080}
        P_AUTH_PORT=${AUTH_PORT:-8081}
        P_PROJECTS_PORT=${PROJECTS_PORT:-8082}
        P_AI_GATEWAY_PORT=${AI_GATEWAY_PORT:-8083}
        P_LEARNING_PORT=${LEARNING_PORT:-8084}
        P_MEMORY_PORT=${MEMORY_PORT:-8085}
        P_FAST=0
        ;;
    test)
        P_RUN_DIR=${DEVMENTOR_TEST_RUN_DIR:-$ROOT/.run/test}
        P_HOST=${TEST_HOST:-127.0.0.1}
        P_LOG_LEVEL=${TEST_LOG_LEVEL:-info}
        P_REDIS_PORT=${TEST_REDIS_PORT:-6391}
        P_PG_PORT=${TEST_PG_PORT:-5440}
        P_PG_DB=${TEST_PG_DB:-devmentor_test}
        P_GATEWAY_PORT=${TEST_GATEWAY_PORT:-18080}
        P_AUTH_PORT=${TEST_AUTH_PORT:-18081}
        P_PROJECTS_PORT=${TEST_PROJECTS_PORT:-18082}
        P_AI_GATEWAY_PORT=${TEST_AI_GATEWAY_PORT:-18083}
        P_LEARNING_PORT=${TEST_LEARNING_PORT:-18084}
        P_MEMORY_PORT=${TEST_MEMORY_PORT:-18085}
        P_FAST=1
        ;;
    *) die "unknown profile '${profile}' (expected run or test)" ;;
    esac
    P_PROFILE=$profile
    # Where clients connect: the bind address, unless it is a wildcard.
    case "$P_HOST" in
    0.0.0.0 | :: | '[::]' | '') P_CONNECT_HOST=127.0.0.1 ;;
    *) P_CONNECT_HOST=$P_HOST ;;
    esac
    local h=$P_CONNECT_HOST
    if [ "$profile" = run ]; then
        P_REDIS_URL=${REDIS_URL:-redis://127.0.0.1:$P_REDIS_PORT}
        P_DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:$P_PG_PORT/$P_PG_DB}
        P_GATEWAY_URL=${GATEWAY_URL:-http://$h:$P_GATEWAY_PORT}
        P_AUTH_URL=${AUTH_URL:-http://$h:$P_AUTH_PORT}
        P_PROJECTS_URL=${PROJECTS_URL:-http://$h:$P_PROJECTS_PORT}
        P_AI_GATEWAY_URL=${AI_GATEWAY_URL:-http://$h:$P_AI_GATEWAY_PORT}
        P_LEARNING_URL=${LEARNING_URL:-http://$h:$P_LEARNING_PORT}
        P_MEMORY_URL=${MEMORY_URL:-http://$h:$P_MEMORY_PORT}
        P_JWT_KEY_DIR=${JWT_KEY_DIR:-$P_RUN_DIR/keys}
    else
        P_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:$P_REDIS_PORT}
        P_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:$P_PG_PORT/$P_PG_DB}
        P_GATEWAY_URL=${TEST_GATEWAY_URL:-http://$h:$P_GATEWAY_PORT}
        P_AUTH_URL=${TEST_AUTH_URL:-http://$h:$P_AUTH_PORT}
        P_PROJECTS_URL=${TEST_PROJECTS_URL:-http://$h:$P_PROJECTS_PORT}
        P_AI_GATEWAY_URL=${TEST_AI_GATEWAY_URL:-http://$h:$P_AI_GATEWAY_PORT}
        P_LEARNING_URL=${TEST_LEARNING_URL:-http://$h:$P_LEARNING_PORT}
        P_MEMORY_URL=${TEST_MEMORY_URL:-http://$h:$P_MEMORY_PORT}
        P_JWT_KEY_DIR=${TEST_JWT_KEY_DIR:-$P_RUN_DIR/keys}
    fi
    # Relative paths are relative to the repository root (make and the services run there).
    case "$P_RUN_DIR" in /*) ;; *) P_RUN_DIR="$ROOT/$P_RUN_DIR" ;; esac
    case "$P_JWT_KEY_DIR" in /*) ;; *) P_JWT_KEY_DIR="$ROOT/$P_JWT_KEY_DIR" ;; esac
    P_REDIS_DIR="$P_RUN_DIR/redis"
    P_REDIS_PIDFILE="$P_RUN_DIR/redis.pid"
    P_REDIS_LOG="$P_RUN_DIR/redis.log"
    P_PG_DIR="$P_RUN_DIR/postgres"
    P_PG_LOG="$P_RUN_DIR/postgres.log"
    P_LOG_DIR="$P_RUN_DIR/logs"
    P_PID_DIR="$P_RUN_DIR/pids"
    P_BIN_DIR=${BIN_DIR:-.build/debug}
    case "$P_BIN_DIR" in /*) ;; *) P_BIN_DIR="$ROOT/$P_BIN_DIR" ;; esac
}

# The port a service listens on in the loaded profile.
service_port() {
    case "$1" in
    gateway) printf '%s\n' "$P_GATEWAY_PORT" ;;
    auth) printf '%s\n' "$P_AUTH_PORT" ;;
    projects) printf '%s\n' "$P_PROJECTS_PORT" ;;
    ai-gateway) printf '%s\n' "$P_AI_GATEWAY_PORT" ;;
    learning) printf '%s\n' "$P_LEARNING_PORT" ;;
    memory) printf '%s\n' "$P_MEMORY_PORT" ;;
    *) die "unknown service '$1'" ;;
    esac
}

# Process start time (clock ticks since boot, field 22 of /proc/PID/stat): a pid plus its start
# time names one process for good, so a recycled pid is never mistaken for ours.
proc_starttime() {
    local stat rest
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    rest=${stat##*) }
    # shellcheck disable=SC2086 # word splitting wanted
    set -- $rest
    printf '%s\n' "${20}"
}

# True when PID is a live process (not a zombie) and, if given, started at STARTTIME.
proc_alive() {
    local pid=$1 want=${2:-} stat rest
    [ -n "$pid" ] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    rest=${stat##*) }
    # shellcheck disable=SC2086 # word splitting wanted
    set -- $rest
    [ "$1" != Z ] && [ "$1" != X ] || return 1
    [ -z "$want" ] || [ "${20}" = "$want" ]
}

# Something accepts TCP connections on 127.0.0.1:PORT (or HOST:PORT).
port_open() {
    local port=$1 host=${2:-127.0.0.1}
    timeout 1 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# "pid starttime" of a pid file, or nothing.
read_pidfile() {
    local f=$1 pid st
    [ -f "$f" ] || return 1
    read -r pid st <"$f" || true
    [ -n "${pid:-}" ] || return 1
    printf '%s %s\n' "$pid" "${st:-}"
}

# Refuses to remove anything that is not plainly a data folder of ours.
safe_rm_rf() {
    local d=$1
    case "$d" in
    '' | / | "$ROOT" | "$ROOT/" | "${HOME:-/}" | /root | /home | /tmp | /var | /usr | /etc) die "refusing to remove '$d'" ;;
    esac
    rm -rf -- "$d"
}
