#!/usr/bin/env bash
# Starts, watches and stops the six DevMentor executables (gateway, auth, projects, ai-gateway,
# learning, memory) from $BIN_DIR (default .build/debug) with the environment of a profile.
#   fleet.sh run    PROFILE  foreground: Redis + Postgres + services, waits for health, streams every
#                            log line prefixed with its process name; Ctrl-C / SIGTERM / SIGHUP stops
#                            services (SIGTERM, SIGKILL after $STOP_TIMEOUT s), then the Redis and
#                            Postgres it started
#   fleet.sh start  PROFILE  background: the same, returns once healthy (stop with `fleet.sh stop`)
#   fleet.sh stop   PROFILE  stops the services recorded in the profile's pid files
#   fleet.sh status PROFILE  pid and /health of each service
#   fleet.sh logs   PROFILE  follows the services' log files, prefixed (Ctrl-C to leave)
#   fleet.sh test            the `make test` pipeline: fresh test Redis + Postgres, swift build
#                            --build-tests, swift test --skip-build, the fleet on test ports, smoke.sh,
#                            the browser tests (e2e.sh), then everything stopped (also on failure or interrupt); non-zero if any
#                            step failed
# Logs: <data dir>/logs/<name>.log (the previous run's as <name>.log.1); pids: <data dir>/pids/.
set -euo pipefail
TAG=fleet
# shellcheck source=Deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}
# The whole swift test run normally takes under a minute; a hang must end the run with a diagnosis, not eat CI's time.
# (stdbuf: line-buffered output, so a killed test process leaves its last lines in the log, not in a lost buffer.)
TEST_TIMEOUT=${TEST_TIMEOUT:-900}
STOP_TIMEOUT=${STOP_TIMEOUT:-5}

COLOR=0
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ] && [ "${TERM:-dumb}" != dumb ]; then COLOR=1; fi

declare -A PIDS=()       # services started by this process: name → pid
declare -A REPORTED=()   # services whose exit was already reported
INFRA_STARTED=()         # redis / postgres components this process started
STREAMER_PID=""
CLEANED=0

usage() { die "usage: fleet.sh run|start|stop|status|logs run|test   or   fleet.sh test"; }

# Aligned, optionally coloured line on stdout, in the same shape as the streamed log lines.
note() {
    if [ "$COLOR" = 1 ]; then
        printf '\033[1m%-*s\033[0m%s\n' "$PREFIX_WIDTH" "[$TAG]" "$*"
    else
        printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" "$*"
    fi
}

log_file() { printf '%s/%s.log\n' "$P_LOG_DIR" "$1"; }
pid_file() { printf '%s/%s.pid\n' "$P_PID_DIR" "$1"; }

# Last lines of a service's log, indented, on stderr.
show_tail() {
    local name=$1 lines=${2:-30} f
    f=$(log_file "$name")
    if [ -s "$f" ]; then
        printf '%-*s--- last %s lines of %s ---\n' "$PREFIX_WIDTH" "[$TAG]" "$lines" "$f" >&2
        tail -n "$lines" "$f" | sed 's/^/    /' >&2
    else
        printf '%-*s(%s is empty)\n' "$PREFIX_WIDTH" "[$TAG]" "$f" >&2
    fi
}

# ---------------------------------------------------------------- log streaming

# Follows files and prints each complete line prefixed with its tag. Polls (no inotify needed),
# survives truncation and replacement, ignores SIGINT so the services' shutdown lines still show
# after Ctrl-C, and drains once more on SIGTERM. Arguments: colour(0|1) width name=MODE=path...
# where MODE is start (whole file), end (new lines only) or lastN (the last N lines, then new ones).
read -r -d '' STREAMER <<'PERL' || true
use strict; use warnings;
my ($color, $width, @specs) = @ARGV;
$| = 1;
my $stop = 0;
$SIG{INT} = 'IGNORE'; $SIG{HUP} = 'IGNORE';
$SIG{TERM} = sub { $stop = 1 };
my @palette = (36, 32, 33, 35, 34, 96, 91, 94, 93);
my @files;
my $i = 0;
for my $spec (@specs) {
    my ($name, $mode, $path) = split /=/, $spec, 3;
    my ($pos, $ino) = (0, -1);
    if (my @st = stat $path) {
        $ino = $st[1];
        $pos = $st[7] if $mode eq 'end';
        my ($want) = $mode =~ /^last(\d+)$/;
        if ($want && open(my $fh, '<', $path)) {
            # Start at the last N lines (looked for in the last 256 KiB).
            my $from = $st[7] > 262144 ? $st[7] - 262144 : 0;
            seek($fh, $from, 0);
            local $/;
            my $tail = <$fh> // '';
            close $fh;
            my @nl;
            while ($tail =~ /\n/g) { push @nl, pos($tail); }
            pop @nl if @nl && $nl[-1] == length $tail;
            $pos = $from + (@nl >= $want ? $nl[-$want] : 0);
        }
    }
    my $tag = sprintf('%-*s', $width, "[$name]");
    $tag = "\e[" . $palette[$i++ % @palette] . "m$tag\e[0m" if $color;
    push @files, { path => $path, pos => $pos, ino => $ino, buf => '', tag => $tag };
}
while (1) {
    my $last = $stop;
    my $busy = 0;
    for my $f (@files) {
        my @st = stat $f->{path} or next;
        if ($f->{ino} != -1 && $st[1] != $f->{ino}) { $f->{pos} = 0; $f->{buf} = ''; }
        $f->{ino} = $st[1];
        $f->{pos} = 0 if $st[7] < $f->{pos};
        next if $st[7] == $f->{pos};
        open(my $fh, '<', $f->{path}) or next;
        seek($fh, $f->{pos}, 0);
        my $n = read($fh, my $data, 1 << 20);
        close $fh;
        next unless $n;
        $f->{pos} += $n;
        $busy = 1;
        my @lines = split /\n/, $f->{buf} . $data, -1;
        $f->{buf} = pop @lines;
        print $f->{tag}, $_, "\n" for @lines;
    }
    last if $last;
    select(undef, undef, undef, $busy ? 0.02 : 0.1);
}
for my $f (@files) { print $f->{tag}, $f->{buf}, "\n" if length $f->{buf}; }
PERL

# start_streamer SPEC... (name=MODE=path)
start_streamer() {
    perl - "$COLOR" "$PREFIX_WIDTH" "$@" <<<"$STREAMER" &
    STREAMER_PID=$!
}

stop_streamer() {
    [ -n "$STREAMER_PID" ] || return 0
    sleep 0.3 # let the last lines land
    kill -TERM "$STREAMER_PID" 2>/dev/null || true
    wait "$STREAMER_PID" 2>/dev/null || true
    STREAMER_PID=""
}

# ---------------------------------------------------------------- services

start_one() {
    local name=$1 port bin log
    port=$(service_port "$name")
    bin="$P_BIN_DIR/$name"
    log=$(log_file "$name")
    [ -f "$log" ] && mv -f "$log" "$log.1"
    : >"$log"
    # Every process gets the whole set: services call each other (projects → ai-gateway) and fetch
    # the JWKS from auth. JWT_PRIVATE_KEY_FILE, DEVMENTOR_ADMIN_EMAILS, BCRYPT_COST pass through.
    local -a envs=(
        "HOST=$P_HOST" "PORT=$port" "LOG_LEVEL=$P_LOG_LEVEL"
        "REDIS_URL=$P_REDIS_URL" "DATABASE_URL=$P_DATABASE_URL"
        "AUTH_URL=$P_AUTH_URL" "PROJECTS_URL=$P_PROJECTS_URL" "AI_GATEWAY_URL=$P_AI_GATEWAY_URL"
        "LEARNING_URL=$P_LEARNING_URL" "MEMORY_URL=$P_MEMORY_URL" "GATEWAY_URL=$P_GATEWAY_URL"
        "JWT_KEY_DIR=$P_JWT_KEY_DIR"
    )
    # Line-buffered stdout even when it is a file (Swift's print goes through C stdio).
    local -a wrap=()
    command -v stdbuf >/dev/null 2>&1 && wrap=(stdbuf -oL -eL)
    # setsid: the service leads its own process group, so a terminal's Ctrl-C reaches only us and
    # we stop the services in order; the pid is the executable's own (setsid and env exec).
    (cd "$ROOT" && exec setsid env "${envs[@]}" "${wrap[@]}" "$bin" >>"$log" 2>&1 </dev/null) &
    local pid=$!
    PIDS[$name]=$pid
    printf '%s %s\n' "$pid" "$(proc_starttime "$pid" || true)" >"$(pid_file "$name")"
}

start_services() {
    local name port pidst
    for name in "${SERVICES[@]}"; do
        [ -x "$P_BIN_DIR/$name" ] || die "$P_BIN_DIR/$name not found or not executable (run make build)"
    done
    for name in "${SERVICES[@]}"; do
        # shellcheck disable=SC2086 # "pid starttime"
        if pidst=$(read_pidfile "$(pid_file "$name")") && proc_alive $pidst; then
            die "$name ($P_PROFILE) is already running (pid ${pidst%% *}); stop it with: make stop"
        fi
    done
    for name in "${SERVICES[@]}"; do
        port=$(service_port "$name")
        if port_open "$port" "$P_CONNECT_HOST"; then
            die "port $port for $name is already in use (override it, see the top of the Makefile)"
        fi
    done
    mkdir -p "$P_LOG_DIR" "$P_PID_DIR" "$P_JWT_KEY_DIR"
    for name in "${SERVICES[@]}"; do
        start_one "$name"
    done
    say "started ${SERVICES[*]} ($P_PROFILE) from $P_BIN_DIR; logs in $P_LOG_DIR"
}

# Waits until every /health answers 200 (the gateway's last: it is 200 only when all are ok).
wait_healthy() {
    local deadline=$((SECONDS + HEALTH_TIMEOUT)) name port code st
    local -a pending=("${SERVICES[@]}") still
    while :; do
        still=()
        for name in "${pending[@]}"; do
            if [ -n "${PIDS[$name]:-}" ] && ! proc_alive "${PIDS[$name]}"; then
                st=0
                wait "${PIDS[$name]}" 2>/dev/null || st=$?
                REPORTED[$name]=1
                printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" "error: $name exited with status $st during start-up" >&2
                show_tail "$name"
                return 1
            fi
            port=$(service_port "$name")
            code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$P_CONNECT_HOST:$port/health" 2>/dev/null || true)
            [ "$code" = 200 ] || still+=("$name:$code")
        done
        [ ${#still[@]} -gt 0 ] || return 0
        pending=("${still[@]%%:*}")
        if [ "$SECONDS" -ge "$deadline" ]; then
            printf '%-*s%s\n' "$PREFIX_WIDTH" "[$TAG]" \
                "error: not healthy after ${HEALTH_TIMEOUT}s (HEALTH_TIMEOUT): ${still[*]} (name:last HTTP status of /health, 000 = no answer)" >&2
            for name in "${pending[@]}"; do show_tail "$name"; done
            return 1
        fi
        sleep 0.3
    done
}

# Stops the services recorded in the pid files: SIGTERM to each process group, SIGKILL after
# STOP_TIMEOUT seconds. `stop_services all` stops every one (also those of an earlier `start`);
# `stop_services own` only those this process started (a failed start must not stop a running fleet).
stop_services() {
    local scope=${1:-all} name pidst pid st i f
    local -A targets=()
    for name in "${SERVICES[@]}"; do
        [ "$scope" = all ] || [ -n "${PIDS[$name]:-}" ] || continue
        f=$(pid_file "$name")
        pidst=$(read_pidfile "$f") || continue
        read -r pid st <<<"$pidst"
        if proc_alive "$pid" "$st"; then
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
            targets[$name]="$pid $st"
        else
            rm -f "$f"
        fi
    done
    [ ${#targets[@]} -gt 0 ] || return 0
    say "stopping ${!targets[*]} ($P_PROFILE)"
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        local alive=0
        for name in "${!targets[@]}"; do
            # shellcheck disable=SC2086 # "pid starttime"
            proc_alive ${targets[$name]} && alive=1
        done
        [ "$alive" = 1 ] || break
        sleep 0.1
    done
    for name in "${!targets[@]}"; do
        read -r pid st <<<"${targets[$name]}"
        if proc_alive "$pid" "$st"; then
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            warn "$name did not stop within ${STOP_TIMEOUT}s, killed"
        fi
        if [ -n "${PIDS[$name]:-}" ]; then
            wait "${PIDS[$name]}" 2>/dev/null || true
            REPORTED[$name]=1
        fi
        rm -f "$(pid_file "$name")"
    done
    say "services ($P_PROFILE) stopped"
}

# ---------------------------------------------------------------- infrastructure

# Starts Redis and Postgres, remembering which of them this process started.
start_infra() {
    local c rc=0
    local -a before=()
    for c in redis postgres; do
        if bash "$LOCAL_DIR/infra.sh" status "$P_PROFILE" "$c" >/dev/null 2>&1; then before+=("$c"); fi
    done
    bash "$LOCAL_DIR/infra.sh" start "$P_PROFILE" || rc=$?
    # Also after a failed start: whatever came up because of us is ours to stop.
    for c in redis postgres; do
        [[ " ${before[*]} " == *" $c "* ]] && continue
        if bash "$LOCAL_DIR/infra.sh" status "$P_PROFILE" "$c" >/dev/null 2>&1; then INFRA_STARTED+=("$c"); fi
    done
    return "$rc"
}

stop_infra() {
    local c
    for c in "${INFRA_STARTED[@]}"; do
        bash "$LOCAL_DIR/infra.sh" stop "$P_PROFILE" "$c" || true
    done
    INFRA_STARTED=()
}

# ---------------------------------------------------------------- commands

banner() {
    local url=$P_GATEWAY_URL
    if [ "$COLOR" = 1 ]; then
        note $'\033[1;32m'"DevMentor is up: $url"$'\033[0m'"  — try: curl -s $url/health   ($1)"
    else
        note "DevMentor is up: $url  — try: curl -s $url/health   ($1)"
    fi
    note "the web console: $url/   (docs/console.md)"
}

cleanup_run() {
    [ "$CLEANED" = 0 ] || return 0
    CLEANED=1
    trap '' INT TERM HUP
    stop_services own
    stop_infra
    stop_streamer
}

cmd_run() {
    trap 'cleanup_run' EXIT
    trap 'note "stopping (signal received)"; exit 0' INT TERM HUP
    start_infra || exit 1
    start_services
    # After start_services: it moves the previous run's logs aside; each new log is read from its start.
    local name
    local -a specs=()
    for name in "${SERVICES[@]}"; do specs+=("$name=start=$(log_file "$name")"); done
    specs+=("redis=end=$P_REDIS_LOG" "postgres=end=$P_PG_LOG")
    start_streamer "${specs[@]}"
    wait_healthy || exit 1
    banner "Ctrl-C stops everything"
    local -a live
    local pid st
    while :; do
        live=()
        for name in "${SERVICES[@]}"; do
            pid=${PIDS[$name]}
            if proc_alive "$pid"; then
                live+=("$pid")
            elif [ -z "${REPORTED[$name]:-}" ]; then
                st=0
                wait "$pid" 2>/dev/null || st=$?
                REPORTED[$name]=1
                rm -f "$(pid_file "$name")"
                warn "$name exited with status $st (the others keep running; Ctrl-C stops everything)"
            fi
        done
        if [ ${#live[@]} -eq 0 ]; then
            warn "every service has exited"
            exit 1
        fi
        wait -n "${live[@]}" 2>/dev/null || true
    done
}

cmd_start() {
    trap '[ "$CLEANED" = 1 ] || { stop_services own; stop_infra; }' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_infra || exit 1
    start_services
    wait_healthy || exit 1
    CLEANED=1 # healthy: leave it running
    banner "stop with: make stop; logs: make logs"
}

cmd_status() {
    local name pidst port code rc=0
    for name in "${SERVICES[@]}"; do
        port=$(service_port "$name")
        # shellcheck disable=SC2086 # "pid starttime"
        if pidst=$(read_pidfile "$(pid_file "$name")") && proc_alive $pidst; then
            code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://$P_CONNECT_HOST:$port/health" 2>/dev/null || true)
            printf '%-11s (%s): running, pid %s, port %s, /health %s\n' "$name" "$P_PROFILE" "${pidst%% *}" "$port" "$code"
        else
            printf '%-11s (%s): stopped\n' "$name" "$P_PROFILE"
            rc=1
        fi
    done
    return "$rc"
}

cmd_logs() {
    local name
    local -a specs=()
    for name in "${SERVICES[@]}"; do specs+=("$name=last10=$(log_file "$name")"); done
    specs+=("redis=end=$P_REDIS_LOG" "postgres=end=$P_PG_LOG")
    trap 'stop_streamer; exit 0' INT TERM HUP
    start_streamer "${specs[@]}"
    wait "$STREAMER_PID"
}

# ---------------------------------------------------------------- make test

declare -A RESULT=()
STEPS=(infra build "swift test" fleet smoke e2e)
CHILD=""

# Runs a long step (swift build, swift test) so that a signal to this script is acted on at once:
# bash runs traps only between foreground commands, so the step runs in the background, in its own
# session and process group, and is waited for (interruptibly). On Ctrl-C or SIGTERM the trap's
# cleanup stops that whole group (the step and whatever it started, e.g. the test runner).
run_long() {
    setsid "$@" &
    CHILD=$!
    local rc=0
    wait "$CHILD" || rc=$?
    CHILD=""
    return "$rc"
}

stop_child() {
    local i
    [ -n "$CHILD" ] || return 0
    kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        proc_alive "$CHILD" || break
        sleep 0.1
    done
    # Also whatever of the group outlived its leader.
    kill -KILL -- "-$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
    CHILD=""
}

test_summary() {
    local s line="" rc=0
    for s in "${STEPS[@]}"; do
        line+="$s: ${RESULT[$s]:-skipped}, "
        [ "${RESULT[$s]:-skipped}" = ok ] || rc=1
    done
    say "summary: ${line%, }"
    failed_tests
    return "$rc"
}

# Repeats the failing tests' lines from the swift test log at the end of the output, so whoever reads
# only the tail of a CI log (or of a terminal) sees which tests failed and why.
failed_tests() {
    local log="$P_RUN_DIR/logs/swift-test.log"
    [ -s "$log" ] || return 0
    if grep -qE '✘|: error:' "$log"; then
        say "failing tests (full output: $log):"
        grep -E '✘|: error:' "$log" | grep -vE '^✘ Test run with' | head -40 | sed 's/^/    /'
    fi
    if ! grep -qE '^(✔|✘) Test run with' "$log"; then
        say "tests that started and never finished (full output: $log):"
        unfinished_tests "$log" | head -40 | sed 's/^/    /'
    fi
}

# Swift Testing prints "◇ Test NAME started." and, at the end, "✔/✘ Test NAME passed/failed after …" (parameterised
# ones: "NAME with N test cases passed …"); the names without an end line are the ones still running.
unfinished_tests() {
    awk '
        /^◇ Test / && / started\.$/ { name = $0; sub(/^◇ Test /, "", name); sub(/ started\.$/, "", name); if (name !~ /^case / && name != "run") started[name] = 1 }
        /^(✔|✘) Test / && /(passed|failed|skipped)/ {
            name = $0; sub(/^(✔|✘) Test /, "", name)
            sub(/ (with [0-9]+ test cases? )?(passed|failed|skipped) after [0-9.]+ seconds?.*$/, "", name)
            finished[name] = 1
        }
        END { for (name in started) if (!(name in finished)) print name }
    ' "$1" | sort
}

cleanup_test() {
    local rc=$?
    [ "$CLEANED" = 0 ] || return 0
    CLEANED=1
    trap '' INT TERM HUP
    stop_child
    stop_services own
    bash "$LOCAL_DIR/infra.sh" stop test || true
    stop_streamer
    if test_summary && [ "$rc" = 0 ]; then
        say "make test passed"
    else
        say "make test FAILED (logs and data kept in $P_RUN_DIR until the next run)"
        [ "$rc" != 0 ] || rc=1
    fi
    exit "$rc"
}

cmd_test() {
    local swift rc=0
    local -a build_flags test_flags
    read -r -a build_flags <<<"${SWIFT_BUILD_FLAGS:-}"
    read -r -a test_flags <<<"${SWIFT_TEST_FLAGS:-}"
    # How many tests run at once. Unbounded, all ~580 start together on two cores and the tests with TTLs of seconds
    # (locks, rate limits, redelivery) see their clocks jump. 24 was too many on a slower machine (2026-12-02: a lock
    # watchdog renewed late, 10 000 events missed their 120 s); 8 took as long in all (137 s vs 143 s) and passed.
    SWIFT_TEST_WIDTH=${SWIFT_TEST_WIDTH:-8}
    trap 'cleanup_test' EXIT
    trap 'say "interrupted"; exit 130' INT
    trap 'say "terminated"; exit 143' TERM
    trap 'exit 129' HUP

    RESULT[infra]=FAILED
    bash "$LOCAL_DIR/infra.sh" start test --fresh
    RESULT[infra]=ok

    cd "$ROOT"
    swift=$(find_swift) || die "swift not found (not on PATH, not in /opt/swift/usr/bin)"
    RESULT[build]=FAILED
    say "$swift build --build-tests ${build_flags[*]}"
    run_long "$swift" build --build-tests "${build_flags[@]}"
    RESULT[build]=ok

    say "$swift test --skip-build ${test_flags[*]}  (REDIS_URL=$P_REDIS_URL DATABASE_URL=$P_DATABASE_URL)"
    rc=0
    RESULT["swift test"]=FAILED
    mkdir -p "$P_RUN_DIR/logs"
    : >"$P_RUN_DIR/logs/swift-test.log"
    run_long env "TEST_LOG=$P_RUN_DIR/logs/swift-test.log" \
        "REDIS_URL=$P_REDIS_URL" "DATABASE_URL=$P_DATABASE_URL" \
        "REDIS_SERVER_BIN=$(redis_server_bin || true)" "REDIS_CLI_BIN=$(redis_cli_bin || true)" \
        DEVMENTOR_TEST_FLEET=1 "DEVMENTOR_BIN_DIR=$P_BIN_DIR" "DEVMENTOR_REPO_ROOT=$ROOT" \
        "DEVMENTOR_TEST_RUN_DIR=$P_RUN_DIR" \
        "TEST_TIMEOUT=$TEST_TIMEOUT" \
        "SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$SWIFT_TEST_WIDTH" \
        bash -c 'set -o pipefail; timeout --kill-after=10 "$TEST_TIMEOUT" stdbuf -oL -eL "$@" 2>&1 | tee "$TEST_LOG"' swift-test \
        "$swift" test --skip-build "${test_flags[@]}" || rc=$?
    case "$rc" in
        0) RESULT["swift test"]=ok ;;
        124 | 137) RESULT["swift test"]="TIMED OUT after ${TEST_TIMEOUT} s (a hang: see the unfinished tests below)" ;;
        *) RESULT["swift test"]="FAILED (status $rc)" ;;
    esac

    RESULT[fleet]=FAILED
    # smoke.sh and the browser tests sign dozens of users in from 127.0.0.1 within a minute: roomy limits for this
    # fleet (the limiter has tests of its own; a value set by the caller wins).
    export RATE_LIMIT_CREDENTIALS=${RATE_LIMIT_CREDENTIALS:-100000/60/100000} RATE_LIMIT_IP=${RATE_LIMIT_IP:-100000/60/100000}
    export RATE_LIMIT_FAILED_AUTH=${RATE_LIMIT_FAILED_AUTH:-100000/60/100000}
    start_services
    if wait_healthy; then
        RESULT[fleet]=ok
        say "fleet healthy at $P_GATEWAY_URL; running smoke.sh"
        rc=0
        RESULT[smoke]=FAILED
        bash "$LOCAL_DIR/smoke.sh" "$P_GATEWAY_URL" || rc=$?
        if [ "$rc" = 0 ]; then
            RESULT[smoke]=ok
        else
            RESULT[smoke]="FAILED (status $rc)"
            for name in "${SERVICES[@]}"; do show_tail "$name" 40; done
        fi
        # The console in headless Chromium (Tests/e2e), on the same fleet; installs Chromium and the venv if missing.
        say "running the browser tests (Deploy/local/e2e.sh)"
        rc=0
        RESULT[e2e]=FAILED
        run_long env "E2E_SCREENSHOT_DIR=$P_RUN_DIR/screenshots" bash "$LOCAL_DIR/e2e.sh" "$P_GATEWAY_URL" || rc=$?
        if [ "$rc" = 0 ]; then
            RESULT[e2e]=ok
        else
            RESULT[e2e]="FAILED (status $rc; screenshots in $P_RUN_DIR/screenshots)"
            show_tail gateway 40
        fi
    fi
}

# ---------------------------------------------------------------- main

cmd=${1:-}
case "$cmd" in
test)
    [ $# -eq 1 ] || usage
    load_profile test
    cmd_test
    ;;
run | start | stop | status | logs)
    [ $# -eq 2 ] || usage
    load_profile "$2"
    case "$cmd" in
    run) cmd_run ;;
    start) cmd_start ;;
    stop) stop_services all ;;
    status) cmd_status ;;
    logs) cmd_logs ;;
    esac
    ;;
*) usage ;;
esac
