# shellcheck shell=bash
# Issue 4: the same authenticated GET directly at auth, through the gateway, and through nginx; then a public
# route directly and through the gateway, to split proxying from JWT + rate limiting.

bench_gateway() {
    local auth=(-H "Authorization: Bearer $TOKEN") me=/api/v1/auth/me jwks=/.well-known/jwks.json
    local c=$B_CONNECTIONS t=$B_WRK_THREADS
    say "gateway: wrk -t$t -c$c -d${B_HTTP_SECONDS}s against auth, the gateway and nginx"
    wrk_run http.me.direct "GET /me at auth" "$c" "$t" "$B_AUTH_URL$me" "${auth[@]}"
    wrk_run http.me.gateway "GET /me through the gateway" "$c" "$t" "$B_GATEWAY_URL$me" "${auth[@]}"
    wrk_run http.me.nginx "GET /me through nginx" "$c" "$t" "$B_NGINX_URL$me" "${auth[@]}"
    wrk_run http.jwks.direct "GET /.well-known/jwks.json at auth" "$c" "$t" "$B_AUTH_URL$jwks"
    wrk_run http.jwks.gateway "GET /.well-known/jwks.json through the gateway" "$c" "$t" "$B_GATEWAY_URL$jwks"
    # One connection: service time without queueing, for the latency the gateway adds (issue 8: p50 < 0.3 ms).
    wrk_run http.me.direct.c1 "GET /me at auth, 1 connection" 1 1 "$B_AUTH_URL$me" "${auth[@]}"
    wrk_run http.me.gateway.c1 "GET /me through the gateway, 1 connection" 1 1 "$B_GATEWAY_URL$me" "${auth[@]}"
    perf_gateway "$B_GATEWAY_URL$me" "${auth[@]}" || warn "perf of the gateway failed; the report goes without it"
}

# Issue 12: event publish → a WebSocket client and → an SSE client of the gateway (devmentor-bench feed-latency).
bench_feed() {
    say "gateway: event publish → WebSocket client and → SSE client, $B_FEED_RATE events/s for ${B_FEED_SECONDS}s each"
    local transport
    for transport in websocket sse; do
        measure "feed.$transport" "$BIN_DIR/devmentor-bench" feed-latency --redis-url "$B_REDIS_URL" --gateway-url "$B_GATEWAY_URL" \
            --token "$TOKEN" --transport "$transport" --rate "$B_FEED_RATE" --duration "$B_FEED_SECONDS"
    done
}

# perf stat and perf record (cpu-clock sampling, no call graphs) of the gateway during an extra, unrecorded run
# of (b) — separate so perf's own cost never touches the numbers above. Skipped quietly when perf is missing
# or not permitted here. The summary (counters, time by library, hottest symbols) goes into the report.
perf_gateway() {
    local url=$1 stat_pid record_pid stat_out="$B_RUN_DIR/perf-stat.txt" data="$B_RUN_DIR/perf-gateway.data"
    shift
    command -v perf >/dev/null 2>&1 || return 0
    perf stat -e task-clock,context-switches,cpu-migrations,page-faults \
        -p "${STARTED[gateway]}" -o "$stat_out" -- sleep "$B_HTTP_SECONDS" >/dev/null 2>&1 &
    stat_pid=$!
    perf record -q -e cpu-clock -F 999 -p "${STARTED[gateway]}" -o "$data" -- sleep "$B_HTTP_SECONDS" >/dev/null 2>&1 &
    record_pid=$!
    wrk -t "$B_WRK_THREADS" -c "$B_CONNECTIONS" -d "${B_HTTP_SECONDS}s" "$@" "$url" >"$B_LOG_DIR/wrk-perf.txt" 2>&1 || true
    wait "$stat_pid" 2>/dev/null || rm -f "$stat_out"
    wait "$record_pid" 2>/dev/null || rm -f "$data"
    [ -s "$stat_out" ] || return 0
    local by_dso="$B_RUN_DIR/perf-dso.txt" by_symbol="$B_RUN_DIR/perf-symbols.txt"
    if [ -s "$data" ]; then
        perf report -i "$data" --no-children --sort dso --stdio -g none >"$by_dso" 2>/dev/null || true
        perf report -i "$data" --no-children --sort symbol --stdio -g none >"$by_symbol" 2>/dev/null || true
    fi
    # awk rather than head: a reader that stops early would SIGPIPE the writer, which pipefail reports.
    {
        echo "separate run of (b): $(awk '/requests in/ { sub(/,$/, "", $4); print $1, "requests in", $4 }' "$B_LOG_DIR/wrk-perf.txt")"
        grep -E '^\s+[0-9<]' "$stat_out" || true
        if [ -s "$by_symbol" ]; then
            echo
            echo "gateway CPU samples by library (perf record -e cpu-clock):"
            awk '/%/ && n++ < 8' "$by_dso"
            echo
            echo "hottest symbols:"
            awk '/%/ && n++ < 15 { print substr($0, 1, 110) }' "$by_symbol"
            echo
            # BoringSSL's Ed25519 arithmetic (fe_*, ge_*, sc_*, ED25519_*): verifying access tokens' signatures.
            awk '$3 ~ /^(fe_|ge_|sc_|x25519|CCryptoBoringSSL_ED25519)/ { sub(/%/, "", $1); s += $1 }
                 END { printf "Ed25519 signature verification (fe_/ge_/sc_/ED25519 symbols): %.1f%% of samples\n", s }' "$by_symbol"
        fi
    } >"$B_PERF_FILE"
}
