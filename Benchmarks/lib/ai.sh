# shellcheck shell=bash disable=SC2034 # AI_STATUS is read by run.sh
# Issue 9: POST /api/v1/ai/analyze of a ~500-line file (Python's textwrap.py, 491 lines, on this machine's
# python3) in process and through the gateway, one analysis at a time, beside lizard on the same file in the same
# run. Targets: p99 through the gateway < 20 ms; at least 20× lizard's analyses per second — measured like for like
# (the analysis library alone vs lizard.analyze_file), and shown for the whole in-process analyze too.

ai_available() {
    [ "${AI_BUILT:-1}" = 1 ] || {
        AI_STATUS="the AI gateway did not build or become ready"
        return 1
    }
    B_AI_FILE=${BENCH_AI_FILE:-$(python3 -c 'import textwrap; print(textwrap.__file__)' 2>/dev/null || true)}
    [ -f "$B_AI_FILE" ] || {
        AI_STATUS="no file to analyze (set BENCH_AI_FILE)"
        return 1
    }
    local code
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d '{"code": "def f(x):\n    return x\n", "language": "python"}' "$B_GATEWAY_URL/api/v1/ai/analyze" || true)
    [ "$code" = 200 ] && return 0
    AI_STATUS="POST /api/v1/ai/analyze through the gateway answered ${code:-nothing}"
    return 1
}

bench_ai() {
    say "ai: analyze $(basename "$B_AI_FILE") ($(wc -l <"$B_AI_FILE") lines) in process, through the gateway, and lizard"
    # The like-for-like pair (library alone vs lizard) runs in alternating rounds and each side keeps its fastest:
    # this VM's speed moves by a third from one minute to the next, and one run of each, a minute apart, measured
    # that drift as often as the two tools (the same binaries gave 15.9x and 23x within half an hour).
    local round have_lizard=1
    ensure_lizard || {
        have_lizard=0
        step_failed ai.analyze.lizard "could not install lizard into the venv"
    }
    for round in $(seq 1 "$B_AI_ROUNDS"); do
        measure ai.analyze.library "$BIN_DIR/devmentor-bench" analyze --file "$B_AI_FILE" --language python --library \
            --iterations "$B_AI_ITERATIONS" --id ai.analyze.library \
            --label "the static analysis library alone (tokens, structure, the five agents' rules; no board)"
        [ "$have_lizard" = 1 ] && measure ai.analyze.lizard "$B_VENV/bin/python" "$BENCH_DIR/peers/lizard_timing.py" \
            --file "$B_AI_FILE" --iterations "$B_AI_LIZARD_ITERATIONS"
    done
    keep_fastest ai.analyze.library "$B_AI_ROUNDS"
    [ "$have_lizard" = 1 ] && keep_fastest ai.analyze.lizard "$B_AI_ROUNDS"
    measure ai.analyze.inprocess "$BIN_DIR/devmentor-bench" analyze --file "$B_AI_FILE" --language python \
        --redis-url "$B_REDIS_URL" --iterations "$B_AI_ITERATIONS" --id ai.analyze.inprocess \
        --label "analyze in process (board in Redis, 5 agents, synthesis, event)"
    measure ai.analyze.gateway "$BIN_DIR/devmentor-bench" analyze --file "$B_AI_FILE" --language python \
        --base-url "$B_GATEWAY_URL" --token "$TOKEN" --iterations "$B_AI_ITERATIONS" --id ai.analyze.gateway \
        --label "POST /api/v1/ai/analyze through the gateway, 1 connection"
    return 0
}

# keep_fastest ID ROUNDS — appends the fastest of the results recorded under ID once more, marked with the number of
# rounds: the report keeps the last line of an id.
keep_fastest() {
    local fastest
    fastest=$(jq -c --arg id "$1" 'select(.id == $id)' "$B_RESULTS" |
        jq -s -c --arg rounds "$2" 'if length == 0 then empty else max_by(.rate) | .parameters.rounds = ("fastest of " + $rounds) end')
    [ -n "$fastest" ] && printf '%s\n' "$fastest" >>"$B_RESULTS"
    return 0
}

# lizard in the peers' venv (.run/venv), installed with pip when missing.
ensure_lizard() {
    [ -x "$B_VENV/bin/python" ] || python3 -m venv "$B_VENV" || return 1
    "$B_VENV/bin/python" -c 'import lizard' 2>/dev/null && return 0
    "$B_VENV/bin/pip" install --quiet lizard >"$B_LOG_DIR/pip-lizard.log" 2>&1
}
