# shellcheck shell=bash disable=SC2034 # the B_* variables are read by run.sh and the other lib files
# Settings of `make bench`, every one overridable from the environment (the Makefile lists them).
# Sourced after Deploy/local/common.sh, which defines ROOT.

B_RUN_DIR=${BENCH_RUN_DIR:-$ROOT/.run/bench}
case "$B_RUN_DIR" in /*) ;; *) B_RUN_DIR="$ROOT/$B_RUN_DIR" ;; esac
B_REDIS_PORT=${BENCH_REDIS_PORT:-6392}
B_PG_PORT=${BENCH_PG_PORT:-5441}
B_PG_DB=${BENCH_PG_DB:-devmentor_bench}
B_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-28080}
B_AUTH_PORT=${BENCH_AUTH_PORT:-28081}
B_PROJECTS_PORT=${BENCH_PROJECTS_PORT:-28082}
B_NGINX_PORT=${BENCH_NGINX_PORT:-28090}
# Upstreams the gateway knows but the bench never starts or calls.
B_UNUSED_PORTS=(28083 28084 28085)

B_REDIS_URL="redis://127.0.0.1:$B_REDIS_PORT"
B_DATABASE_URL="postgres://postgres@127.0.0.1:$B_PG_PORT/$B_PG_DB"
B_GATEWAY_URL="http://127.0.0.1:$B_GATEWAY_PORT"
B_AUTH_URL="http://127.0.0.1:$B_AUTH_PORT"
B_PROJECTS_URL="http://127.0.0.1:$B_PROJECTS_PORT"
B_NGINX_URL="http://127.0.0.1:$B_NGINX_PORT"

# Load shape.
B_HTTP_SECONDS=${BENCH_HTTP_SECONDS:-10}       # each measured wrk run
B_HTTP_WARMUP=${BENCH_HTTP_WARMUP:-2}          # unmeasured wrk run before it
B_CONNECTIONS=${BENCH_CONNECTIONS:-64}
B_WRK_THREADS=${BENCH_WRK_THREADS:-2}
B_REDIS_SECONDS=${BENCH_REDIS_SECONDS:-5}      # lock, publish
B_REDIS_REQUESTS=${BENCH_REDIS_REQUESTS:-200000} # redis-benchmark -n
B_LOCK_CONCURRENCY=${BENCH_LOCK_CONCURRENCY:-50}   # redis-benchmark's 50 clients: like for like
B_PUBLISH_BATCH=${BENCH_PUBLISH_BATCH:-64}
B_PUBLISH_CONCURRENCY=${BENCH_PUBLISH_CONCURRENCY:-8}
B_LATENCY_RATE=${BENCH_LATENCY_RATE:-2000}
B_PROJECTS_SEED=${BENCH_PROJECTS:-10000}

# Build and processes.
B_SCRATCH=${BENCH_SCRATCH_PATH:-$ROOT/.build-bench}
case "$B_SCRATCH" in /*) ;; *) B_SCRATCH="$ROOT/$B_SCRATCH" ;; esac
B_SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
B_LOG_LEVEL=${BENCH_LOG_LEVEL:-warning}
B_HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}
B_STOP_TIMEOUT=${STOP_TIMEOUT:-5}

B_RESULTS="$B_RUN_DIR/results.jsonl"
B_REPORT="$B_RUN_DIR/report.md"
B_LOG_DIR="$B_RUN_DIR/logs"
B_PID_DIR="$B_RUN_DIR/pids"
B_PERF_FILE="$B_RUN_DIR/perf-gateway.txt"
