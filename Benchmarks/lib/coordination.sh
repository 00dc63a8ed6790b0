# shellcheck shell=bash
# Issue 3: the Redis primitives beside redis-benchmark on the same server. Needs Redis only.

bench_coordination() {
    local -a bench=("$BIN_DIR/devmentor-bench")
    local redis=(--redis-url "$B_REDIS_URL")
    say "coordination: redis-benchmark SET and XADD, then lock, publish, latency"
    redis_bench redis.set "redis-benchmark SET, 50 clients" -t set -n "$B_REDIS_REQUESTS" -c 50
    redis_bench redis.set.p16 "redis-benchmark SET, 50 clients, pipeline 16" -t set -n "$((B_REDIS_REQUESTS * 5))" -c 50 -P 16
    redis_bench redis.xadd "redis-benchmark XADD, 50 clients" -n "$B_REDIS_REQUESTS" -c 50 \
        XADD bench:stream MAXLEN '~' 100000 '*' f v
    redis-cli -p "$B_REDIS_PORT" del bench:stream >/dev/null

    measure lock "${bench[@]}" lock "${redis[@]}" --concurrency "$B_LOCK_CONCURRENCY" --duration "$B_REDIS_SECONDS"
    # The same at a lighter and a heavier load: throughput against latency, so no single concurrency tells the story.
    measure lock.c16 "${bench[@]}" lock "${redis[@]}" --id lock.c16 --concurrency 16 --duration "$B_REDIS_SECONDS"
    measure lock.c64 "${bench[@]}" lock "${redis[@]}" --id lock.c64 --concurrency 64 --duration "$B_REDIS_SECONDS"
    measure publish.batch "${bench[@]}" publish "${redis[@]}" --id publish.batch --batch "$B_PUBLISH_BATCH" \
        --concurrency "$B_PUBLISH_CONCURRENCY" --duration "$B_REDIS_SECONDS"
    measure publish.single "${bench[@]}" publish "${redis[@]}" --id publish.single --batch 1 --concurrency 50 \
        --duration "$B_REDIS_SECONDS"
    measure latency "${bench[@]}" latency "${redis[@]}" --rate "$B_LATENCY_RATE" --duration "$B_REDIS_SECONDS"
}
