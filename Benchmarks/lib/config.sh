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
B_LEARNING_PORT=${BENCH_LEARNING_PORT:-28084}
B_AI_PORT=${BENCH_AI_PORT:-28083}
B_NGINX_PORT=${BENCH_NGINX_PORT:-28090}
B_MEMORY_PORT=${BENCH_MEMORY_PORT:-28085}

B_REDIS_URL="redis://127.0.0.1:$B_REDIS_PORT"
B_DATABASE_URL="postgres://postgres@127.0.0.1:$B_PG_PORT/$B_PG_DB"
B_GATEWAY_URL="http://127.0.0.1:$B_GATEWAY_PORT"
B_AUTH_URL="http://127.0.0.1:$B_AUTH_PORT"
B_PROJECTS_URL="http://127.0.0.1:$B_PROJECTS_PORT"
B_LEARNING_URL="http://127.0.0.1:$B_LEARNING_PORT"
B_AI_URL="http://127.0.0.1:$B_AI_PORT"
B_NGINX_URL="http://127.0.0.1:$B_NGINX_PORT"
B_MEMORY_URL="http://127.0.0.1:$B_MEMORY_PORT"

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
B_MEMORY_VECTORS=${BENCH_MEMORY_VECTORS:-100000}   # the bench user's embeddings (in process and in Postgres)
B_MEMORY_DIMENSION=${BENCH_MEMORY_DIMENSION:-384}
B_MEMORY_QUERIES=${BENCH_MEMORY_QUERIES:-200}      # timed single queries in process (numpy, faiss: the same)
B_VENV=${BENCH_VENV:-$ROOT/.run/venv}              # numpy + faiss-cpu for the search peers
B_LEARNING_EVENTS=${BENCH_LEARNING_EVENTS:-5000}
B_AI_ITERATIONS=${BENCH_AI_ITERATIONS:-2000}          # analyses per mode (in process, through the gateway)
B_AI_LIZARD_ITERATIONS=${BENCH_AI_LIZARD_ITERATIONS:-200} # lizard.analyze_file calls on the same file
B_AI_ROUNDS=${BENCH_AI_ROUNDS:-3}                       # alternating rounds of library vs lizard; each keeps its fastest
B_FEED_RATE=${BENCH_FEED_RATE:-200}            # events/s published to the feed client (WebSocket, then SSE)
B_FEED_SECONDS=${BENCH_FEED_SECONDS:-5}
B_PGBENCH_SCALE=${BENCH_PGBENCH_SCALE:-10}     # pgbench -i -s: 1 000 000 accounts (~150 MB)

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
