#!/usr/bin/env bash
# `make bench`: one run of every benchmark, written to .run/bench/report.md and printed.
#
#   1. tools: Deploy/local/deps.sh, plus wrk and nginx (apt-get) when missing
#   2. release build of devmentor-bench, gateway, auth, projects (timed; scratch folder .build-bench)
#   3. Redis 6392 + Postgres 5441 with fresh data in .run/bench/ (Deploy/local/infra.sh, test profile)
#   4. coordination: redis-benchmark SET/XADD, then lock, publish, publish → handled latency
#   4b. postgres: pgbench -S and -N on the bench's Postgres (the peers of /me's and claims' database work)
#   5. auth, projects, learning, gateway (ports 28081, 28082, 28084, 28080) and nginx (28090) started from the release build
#   6. gateway: wrk on /me directly, through the gateway, through nginx; JWKS directly and through the gateway;
#      /me directly and through the gateway with 1 connection
#   6b. live events: publish → WebSocket client and → SSE client of the gateway (devmentor-bench feed-latency)
#   7. projects (when its routes exist): claim + release pairs, list of 10 000 projects
#   7b. learning: recommendations p99 through the gateway, ai.analysis_completed events/s the listener absorbs
#   8. memory: in-process top-10 search over 100 000 × 384 beside numpy and faiss-cpu (venv in .run/venv) and a
#      memcpy; search and KV GET (cache on and off) through the gateway (memory on 28085)
#   8b. ai: POST /api/v1/ai/analyze of a ~500-line file in process and through the gateway (ai-gateway on 28083),
#      beside lizard on the same file (venv in .run/venv)
#   9. report; everything stopped — also on failure, Ctrl-C or SIGTERM
#
# Numbers never fail the run: it exits non-zero only when something could not be set up or measured.
# Settings: see Benchmarks/lib/config.sh (BENCH_* variables) and docs/benchmarks.md.
set -euo pipefail
TAG=bench
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=Deploy/local/common.sh
. "$BENCH_DIR/../Deploy/local/common.sh"
# shellcheck source=Benchmarks/lib/config.sh
. "$BENCH_DIR/lib/config.sh"
# shellcheck source=Benchmarks/lib/results.sh
. "$BENCH_DIR/lib/results.sh"
# shellcheck source=Benchmarks/lib/cpu.sh
. "$BENCH_DIR/lib/cpu.sh"
# shellcheck source=Benchmarks/lib/processes.sh
. "$BENCH_DIR/lib/processes.sh"
# shellcheck source=Benchmarks/lib/peers.sh
. "$BENCH_DIR/lib/peers.sh"
# shellcheck source=Benchmarks/lib/setup.sh
. "$BENCH_DIR/lib/setup.sh"
# shellcheck source=Benchmarks/lib/coordination.sh
. "$BENCH_DIR/lib/coordination.sh"
# shellcheck source=Benchmarks/lib/postgres.sh
. "$BENCH_DIR/lib/postgres.sh"
# shellcheck source=Benchmarks/lib/gateway.sh
. "$BENCH_DIR/lib/gateway.sh"
# shellcheck source=Benchmarks/lib/projects.sh
. "$BENCH_DIR/lib/projects.sh"
# shellcheck source=Benchmarks/lib/memory.sh
. "$BENCH_DIR/lib/memory.sh"
# shellcheck source=Benchmarks/lib/learning.sh
. "$BENCH_DIR/lib/learning.sh"
# shellcheck source=Benchmarks/lib/ai.sh
. "$BENCH_DIR/lib/ai.sh"

BIN_DIR=""
CLEANED=0
REPORTED=0

start_fleet() {
    say "starting auth, projects, memory, gateway (release) and nginx"
    start_service auth "$B_AUTH_PORT" JWT_ACCESS_TTL_SECONDS=3600
    wait_ready auth "$B_AUTH_URL/ready" || die "auth did not become ready (log: $B_LOG_DIR/auth.log)"
    if [ "${PROJECTS_BUILT:-1}" = 1 ]; then
        start_service projects "$B_PROJECTS_PORT"
        if ! wait_ready projects "$B_PROJECTS_URL/ready"; then
            warn "projects did not become ready; its section is skipped (log: $B_LOG_DIR/projects.log)"
            PROJECTS_BUILT=0
            PROJECTS_STATUS="the projects service did not become ready"
            stop_process projects
        fi
    fi
    if [ "${MEMORY_BUILT:-1}" = 1 ]; then
        start_service memory "$B_MEMORY_PORT"
        if ! wait_ready memory "$B_MEMORY_URL/ready"; then
            warn "memory did not become ready; its HTTP part is skipped (log: $B_LOG_DIR/memory.log)"
            MEMORY_BUILT=0
            stop_process memory
        fi
    fi
    if [ "${LEARNING_BUILT:-1}" = 1 ]; then
        start_service learning "$B_LEARNING_PORT"
        if ! wait_ready learning "$B_LEARNING_URL/ready"; then
            warn "learning did not become ready; its section is skipped (log: $B_LOG_DIR/learning.log)"
            LEARNING_BUILT=0
            stop_process learning
        fi
    fi
    if [ "${AI_BUILT:-1}" = 1 ]; then
        start_service ai-gateway "$B_AI_PORT"
        if ! wait_ready ai-gateway "$B_AI_URL/ready"; then
            warn "ai-gateway did not become ready; its section is skipped (log: $B_LOG_DIR/ai-gateway.log)"
            AI_BUILT=0
            stop_process ai-gateway
        fi
    fi
    # The per-user limit stays on but cannot trip: 10^6 per second is the largest the gateway accepts.
    start_service gateway "$B_GATEWAY_PORT" RATE_LIMIT_USER=1000000/1/1000000 RATE_LIMIT_IP=1000000/1/1000000
    wait_ready gateway "$B_GATEWAY_URL/ready" || die "the gateway did not become ready (log: $B_LOG_DIR/gateway.log)"
    start_nginx
    meta services "auth, projects, learning, gateway from the release build with LOG_LEVEL=$B_LOG_LEVEL (no per-request access log); nginx worker_processes 2, access_log off; Redis without persistence, Postgres with fsync off (infra.sh test profile)"
}

render_report() {
    [ "$REPORTED" = 0 ] && [ -n "${RESULTS_READY:-}" ] && [ -x "$BIN_DIR/devmentor-bench" ] || return 0
    REPORTED=1
    meta finished "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    meta load_after "$(uptime)"
    local -a perf=()
    [ -s "$B_PERF_FILE" ] && perf=(--perf "$B_PERF_FILE")
    "$BIN_DIR/devmentor-bench" report --results "$B_RESULTS" --out "$B_REPORT" "${perf[@]}" || {
        warn "could not render the report; raw results in $B_RESULTS"
        return 0
    }
    cat "$B_REPORT"
    say "report: $B_REPORT (raw results: $B_RESULTS, logs: $B_LOG_DIR)"
}

cleanup() {
    local rc=$?
    [ "$CLEANED" = 0 ] || return 0
    CLEANED=1
    trap '' INT TERM HUP
    stop_long
    stop_all_processes
    # After a failure, whatever was measured is still worth a (partial) report.
    [ "$rc" = 0 ] || render_report
    stop_infra
    if [ "$rc" = 0 ]; then say "done; nothing left running"; else say "bench FAILED (status $rc); everything stopped"; fi
    exit "$rc"
}

main() {
    trap cleanup EXIT
    trap 'say "interrupted"; exit 130' INT
    trap 'say "terminated"; exit 143' TERM
    trap 'exit 129' HUP
    cd "$ROOT"
    note_machine
    ensure_bench_tools
    note_versions
    build_release
    start_infra
    bench_coordination
    bench_pgbench
    start_fleet
    make_bench_user
    bench_pgbench_me
    bench_gateway
    bench_feed
    if projects_available; then
        bench_projects
    else
        meta projects_status "$PROJECTS_STATUS"
        say "projects: skipped ($PROJECTS_STATUS)"
    fi
    bench_memory_search_in_process
    if [ "${MEMORY_BUILT:-1}" = 1 ]; then
        bench_memory_http
    else
        meta memory_status "the memory service did not build or start"
    fi
    if learning_available; then
        bench_learning
    else
        meta learning_status "$LEARNING_STATUS"
        say "learning: skipped ($LEARNING_STATUS)"
    fi
    if ai_available; then
        bench_ai
    else
        meta ai_status "$AI_STATUS"
        say "ai: skipped ($AI_STATUS)"
    fi
    stop_all_processes
    render_report
    if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
        warn "steps without a result: ${FAILED_STEPS[*]} (see the report and $B_LOG_DIR)"
        exit 1
    fi
}

main "$@"
