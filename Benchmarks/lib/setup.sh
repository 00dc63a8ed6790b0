# shellcheck shell=bash disable=SC2034 # BIN_DIR, PROJECTS_BUILT, INFRA_STARTED are read by run.sh
# Preparing a bench run: the tools, the release build, Redis + Postgres on the bench ports, the bench user.

# Debian packages beyond what Deploy/local/deps.sh installs: wrk and nginx (redis-benchmark comes with
# redis-server's redis-tools). perf is optional and never installed.
ensure_bench_tools() {
    bash "$LOCAL_DIR/deps.sh"
    local -a missing=()
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v nginx >/dev/null 2>&1 || missing+=(nginx)
    command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get here: install them by hand"
    local -a sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root, install sudo, or install them by hand"
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

# Runs a long step in a session of its own and waits interruptibly, so SIGTERM to run.sh acts at once
# (bash runs traps only between foreground commands); cleanup stops the step's whole group.
run_long() {
    setsid "$@" &
    LONG_PID=$!
    local rc=0
    wait "$LONG_PID" || rc=$?
    LONG_PID=""
    return "$rc"
}

stop_long() {
    [ -n "${LONG_PID:-}" ] || return 0
    kill -TERM -- "-$LONG_PID" 2>/dev/null || kill -TERM "$LONG_PID" 2>/dev/null || true
    wait "$LONG_PID" 2>/dev/null || true
    LONG_PID=""
}

# Release build of the four products, one --product at a time so nothing else is compiled, in a scratch
# folder of its own: a release build in the shared .build would hold SwiftPM's lock for minutes and stall
# everyone's debug builds (and theirs would stall this one).
build_release() {
    local swift product started=$SECONDS rc=0
    swift=$(find_swift) || die "swift not found (not on PATH, not in /opt/swift/usr/bin)"
    meta swift_version "$("$swift" --version 2>/dev/null | head -n 1)"
    BIN_DIR=$("$swift" build -c release --scratch-path "$B_SCRATCH" --show-bin-path)
    if [ "$B_SKIP_BUILD" = 1 ]; then
        meta build_seconds 0
        meta build_status "skipped (BENCH_SKIP_BUILD=1), binaries from an earlier build"
        meta build_command "none"
        return 0
    fi
    PROJECTS_BUILT=1
    MEMORY_BUILT=1
    LEARNING_BUILT=1
    AI_BUILT=1
    local kind="incremental (the scratch folder held an earlier release build)"
    [ -d "$B_SCRATCH/release" ] || kind="cold (no earlier release build in the scratch folder)"
    for product in devmentor-bench gateway auth projects memory learning ai-gateway; do
        say "swift build -c release --product $product"
        rc=0
        run_long "$swift" build -c release --scratch-path "$B_SCRATCH" --product "$product" || rc=$?
        if [ "$rc" != 0 ]; then
            # A service that does not build loses its own section only.
            case "$product" in
            projects) PROJECTS_BUILT=0 ;;
            memory) MEMORY_BUILT=0 ;;
            learning) LEARNING_BUILT=0 ;;
            ai-gateway) AI_BUILT=0 ;;
            *) die "release build of $product failed" ;;
            esac
            warn "release build of $product failed; its section is skipped"
        fi
    done
    meta build_seconds "$((SECONDS - started))"
    meta build_command "swift build -c release --scratch-path ${B_SCRATCH#"$ROOT"/} --product P, for P in devmentor-bench gateway auth projects memory learning ai-gateway"
    local status=ok
    [ "$PROJECTS_BUILT" = 1 ] || status="projects failed to build"
    [ "$LEARNING_BUILT" = 1 ] || status="$status; learning failed to build"
    [ "$MEMORY_BUILT" = 1 ] || status="$status; memory failed to build"
    [ "$AI_BUILT" = 1 ] || status="$status; ai-gateway failed to build"
    meta build_status "$status, $kind"
}

# infra.sh's test profile pointed at the bench ports and folder: fresh data, no persistence (Redis without
# AOF or snapshots, Postgres with fsync off), exactly as `make test` runs it.
bench_infra() {
    env TAG=infra "TEST_HOST=127.0.0.1" "TEST_REDIS_PORT=$B_REDIS_PORT" "TEST_PG_PORT=$B_PG_PORT" "TEST_PG_DB=$B_PG_DB" \
        "TEST_REDIS_URL=$B_REDIS_URL" "TEST_DATABASE_URL=$B_DATABASE_URL" "DEVMENTOR_TEST_RUN_DIR=$B_RUN_DIR" \
        "TEST_JWT_KEY_DIR=$B_RUN_DIR/keys" bash "$LOCAL_DIR/infra.sh" "$1" test "${@:2}"
}

start_infra() {
    bench_infra start --fresh
    INFRA_STARTED=1
    results_open
    local pid
    read -r pid <"$B_RUN_DIR/redis.pid"
    cpu_track redis "$pid"
    read -r pid <"$B_RUN_DIR/postgres/postmaster.pid"
    cpu_track postgres "$pid"
}

stop_infra() {
    [ "${INFRA_STARTED:-0}" = 1 ] || return 0
    bench_infra stop || true
    INFRA_STARTED=0
}

# Registers and logs in a user of its own directly at auth; sets TOKEN and USER_ID.
make_bench_user() {
    local email password body
    email="bench-$(date +%s%N)@example.com"
    password="bench-Passw0rd-$RANDOM"
    body=$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p, displayName: "Bench"}')
    USER_ID=$(curl -s -m 10 -X POST -H 'Content-Type: application/json' --data-binary "$body" \
        "$B_AUTH_URL/api/v1/auth/register" | jq -r '.user.id // empty')
    [ -n "$USER_ID" ] || die "could not register the bench user at $B_AUTH_URL"
    body=$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')
    TOKEN=$(curl -s -m 10 -X POST -H 'Content-Type: application/json' --data-binary "$body" \
        "$B_AUTH_URL/api/v1/auth/login" | jq -r '.accessToken // empty')
    [ -n "$TOKEN" ] || die "could not log the bench user in"
    say "bench user $email ($USER_ID)"
}

# What the machine is and how busy it is, for the report's header.
note_machine() {
    meta host "$(hostname)"
    meta cpus "$(nproc)"
    meta cpu_model "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    meta memory "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
    meta kernel "Linux $(uname -r)"
    meta load_before "$(uptime)"
    # shellcheck disable=SC2009 # pgrep refuses an alternation longer than 15 characters (a command name's limit)
    meta other_builds "$(ps -eo comm= | grep -cE '^(swift-frontend|swift-build|swift-test|clang|ld|ld.gold|ld.lld)$' || true) (swift-frontend, swift-build, swift-test, clang, ld processes)"
    meta started "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
}

note_versions() {
    local bin
    bin=$(pg_bin_dir || true)
    meta redis_version "$(redis-server --version | awk '{ print $1, $2, $3 }')"
    meta wrk_version "$(wrk --version 2>&1 | head -n 1 | awk '{ print $1, $2 }')"
    meta nginx_version "$(nginx -v 2>&1 | sed 's/^nginx version: //')"
    [ -z "$bin" ] || meta postgres_version "$("$bin/postgres" --version)"
}
