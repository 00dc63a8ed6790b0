# shellcheck shell=bash
# The peers' numbers: redis-benchmark and wrk, run and parsed into results.jsonl lines.

# redis_bench ID LABEL redis-benchmark-arguments... — one test, read from --csv output
# ("test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms").
redis_bench() {
    local id=$1 label=$2 out line
    shift 2
    out=$(redis-benchmark -h 127.0.0.1 -p "$B_REDIS_PORT" --csv "$@" 2>&1) || {
        step_failed "$id" "redis-benchmark $*: $out"
        return 0
    }
    line=$(printf '%s\n' "$out" | tr -d '\r' | grep -v '^"test"' | grep '^"' | tail -n 1 || true)
    if [ -z "$line" ]; then
        step_failed "$id" "redis-benchmark $* printed no CSV result: $out"
        return 0
    fi
    result "$(printf '%s\n' "$line" | jq -Rc --arg id "$id" --arg what "$label" --arg args "$*" '
        [splits(",") | ltrimstr("\"") | rtrimstr("\"")] as $f
        | {id: $id, label: $what, rate: ($f[1] | tonumber), unit: "ops/s", p50Ms: ($f[4] | tonumber),
           p99Ms: ($f[6] | tonumber), maxMs: ($f[7] | tonumber), errors: 0,
           parameters: {command: ("redis-benchmark " + $args)}}')" "$id"
}

# wrk's latencies come as 812.00us, 1.23ms or 1.02s; prints milliseconds.
wrk_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.4f\n", n }'
}

# wrk_run ID LABEL CONNECTIONS THREADS URL [-H header]... — checks the URL answers 200 with those headers, runs
# wrk once to warm up (not recorded), then the measured run with CPU accounting; non-2xx answers and socket
# errors are counted as errors.
wrk_run() {
    local id=$1 label=$2 connections=$3 threads=$4 url=$5 out requests non2xx socket p50 p90 p99 rate seconds cpu
    local cpu_file="$B_LOG_DIR/wrk-$1.cpu"
    shift 5
    # `-s script` is wrk's alone; the check before the run sends the same request (WRK_CHECK=post-json posts
    # WRK_BODY_FILE, as the script does).
    local -a extra=("$@") curl_args=() args
    while [ $# -gt 0 ]; do
        if [ "$1" = -s ]; then shift 2; continue; fi
        curl_args+=("$1")
        shift
    done
    [ "${WRK_CHECK:-}" = post-json ] && curl_args+=(-X POST -H 'Content-Type: application/json' --data-binary "@$WRK_BODY_FILE")
    expect_200 "$id" "$url" "${curl_args[@]}" || return 0
    args=(-t "$threads" -c "$connections" --latency "${extra[@]}" "$url")
    [ "$B_HTTP_WARMUP" -gt 0 ] && wrk -d "${B_HTTP_WARMUP}s" "${args[@]}" >/dev/null 2>&1
    cpu_begin
    out=$(timed "$cpu_file" wrk -d "${B_HTTP_SECONDS}s" "${args[@]}" 2>&1) || {
        step_failed "$id" "wrk against $url: $out"
        return 0
    }
    printf '%s\n' "$out" >"$B_LOG_DIR/wrk-$id.txt"
    read -r requests seconds < <(printf '%s\n' "$out" | awk '/requests in/ { r = $1; s = $4; sub(/s,?$/, "", s); print r, s }')
    rate=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { print $2 }')
    p50=$(wrk_ms "$(printf '%s\n' "$out" | awk '$1 == "50%" { print $2 }')")
    p90=$(wrk_ms "$(printf '%s\n' "$out" | awk '$1 == "90%" { print $2 }')")
    p99=$(wrk_ms "$(printf '%s\n' "$out" | awk '$1 == "99%" { print $2 }')")
    non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx or 3xx responses:/ { print $NF }')
    socket=$(printf '%s\n' "$out" | awk -F'[ ,]+' '/Socket errors:/ { print $5 + $7 + $9 + $11 }')
    if [ -z "$requests" ] || [ -z "$rate" ]; then
        step_failed "$id" "could not read wrk's output: $out"
        return 0
    fi
    cpu=$(cpu_end "$requests" 0 "$(timed_seconds "$cpu_file")")
    result "$(jq -nc --arg id "$id" --arg what "$label" --argjson count "$requests" --argjson seconds "$seconds" \
        --argjson rate "$rate" --argjson p50 "$p50" --argjson p90 "$p90" --argjson p99 "$p99" \
        --argjson errors "$((${non2xx:-0} + ${socket:-0}))" --argjson cpu "$cpu" \
        --arg command "wrk -t$threads -c$connections -d${B_HTTP_SECONDS}s --latency" --arg url "$url" '
        {id: $id, label: $what, count: $count, seconds: $seconds, rate: $rate, unit: "req/s", p50Ms: $p50,
         p90Ms: $p90, p99Ms: $p99, errors: $errors, cpuMicrosPerOp: $cpu.cpu, machineBusyPercent: $cpu.busy,
         parameters: {command: $command, url: $url}}')" "$id"
}

# expect_200 ID URL [-H header]... — a benchmark of 401s would mean nothing.
expect_200() {
    local id=$1 url=$2 code
    shift 2
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" "$url" || true)
    [ "$code" = 200 ] && return 0
    step_failed "$id" "GET $url answered ${code:-nothing} before the run, expected 200"
    return 1
}
