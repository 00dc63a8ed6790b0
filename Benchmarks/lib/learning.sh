# shellcheck shell=bash disable=SC2034 # LEARNING_STATUS is read by run.sh
# Issue 10: recommendations through the gateway (wrk), and the ai.analysis_completed events per second the
# learning service's event listener absorbs (devmentor-bench learning-events, polling its agents' status).

learning_available() {
    [ "${LEARNING_BUILT:-1}" = 1 ] || {
        LEARNING_STATUS="the learning service did not build or become ready"
        return 1
    }
    local code
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "$B_LEARNING_URL/api/v1/learning/recommendations" || true)
    [ "$code" = 200 ] && return 0
    LEARNING_STATUS="GET /api/v1/learning/recommendations at the learning service answered ${code:-nothing}"
    return 1
}

bench_learning() {
    local auth=(-H "Authorization: Bearer $TOKEN") path="/api/v1/learning/recommendations"
    say "learning: recommendations through the gateway, then events absorbed by the listener"
    wrk_run learning.recommendations.c1 "GET /learning/recommendations, 1 connection" 1 1 "$B_GATEWAY_URL$path" "${auth[@]}"
    wrk_run learning.recommendations.c64 "GET /learning/recommendations, $B_CONNECTIONS connections" "$B_CONNECTIONS" \
        "$B_WRK_THREADS" "$B_GATEWAY_URL$path" "${auth[@]}"
    measure learning.events "$BIN_DIR/devmentor-bench" learning-events --redis-url "$B_REDIS_URL" \
        --base-url "$B_LEARNING_URL" --token "$TOKEN" --events "$B_LEARNING_EVENTS"
}
