# DevMentor — local run, tests and infrastructure. The work is done by Deploy/local/*.sh.
#
#   make run         install what is missing, build, start Redis + Postgres + the six services,
#                    wait for health, stream all logs (Ctrl-C stops everything)
#   make test        the same on test ports with fresh data, swift test, then smoke.sh and the browser tests on the fleet
#   make fuzz        schemathesis against /openapi.json of a fleet on the test ports (bounded: FUZZ_SECONDS)
#   make bench       release build, benchmarks against redis-benchmark / nginx, report in .run/bench/report.md
#   make help        every target
#
# Environment (every one optional; `VAR=value make run` or `make run VAR=value`):
#   make run / start / infra / smoke (data in .run/):
#     HOST            bind address of the services               127.0.0.1
#     LOG_LEVEL       services' log level                        info
#     REDIS_PORT      Redis                                      6390
#     PG_PORT         PostgreSQL                                 5439
#     PG_DB           database                                   devmentor
#     GATEWAY_PORT    gateway                                    8080
#     AUTH_PORT  PROJECTS_PORT  AI_GATEWAY_PORT  LEARNING_PORT  MEMORY_PORT    8081 8082 8083 8084 8085
#     REDIS_URL       what the services use                      redis://127.0.0.1:$(REDIS_PORT)
#     DATABASE_URL                                               postgres://postgres@127.0.0.1:$(PG_PORT)/$(PG_DB)
#     AUTH_URL  PROJECTS_URL  AI_GATEWAY_URL  LEARNING_URL  MEMORY_URL         http://127.0.0.1:<port>
#     GATEWAY_URL     printed, and the target of `make smoke`    http://127.0.0.1:$(GATEWAY_PORT)
#     JWT_KEY_DIR     auth's signing keys                        .run/keys
#     DEVMENTOR_RUN_DIR  data, logs, pid files                   .run
#   make test (data in .run/test/, recreated each run; same names with TEST_ in front):
#     TEST_HOST TEST_LOG_LEVEL                                   127.0.0.1 info
#     TEST_REDIS_PORT TEST_PG_PORT TEST_PG_DB                    6391 5440 devmentor_test
#     TEST_GATEWAY_PORT                                          18080
#     TEST_AUTH_PORT TEST_PROJECTS_PORT TEST_AI_GATEWAY_PORT TEST_LEARNING_PORT TEST_MEMORY_PORT  18081..18085
#     TEST_REDIS_URL TEST_DATABASE_URL TEST_GATEWAY_URL TEST_AUTH_URL TEST_PROJECTS_URL
#     TEST_AI_GATEWAY_URL TEST_LEARNING_URL TEST_MEMORY_URL TEST_JWT_KEY_DIR  (derived as above)
#     DEVMENTOR_TEST_RUN_DIR                                     .run/test
#     SWIFT_BUILD_FLAGS SWIFT_TEST_FLAGS  extra arguments, e.g. SWIFT_TEST_FLAGS="--filter AuthTests"
#     SWIFT_TEST_WIDTH  how many tests run at once (Swift Testing's parallelization width)  8
#     E2E_FLAGS       extra pytest arguments of the browser tests, e.g. E2E_FLAGS="-k collaborative" (docs/console.md)
#     E2E_VENV        their venv (selenium, pytest from pip)       .run/venv-e2e
#     TEST_TIMEOUT    seconds before a hung swift test is stopped; the unfinished tests are listed   900
#   make bench (data in .run/bench/, recreated each run; the report is .run/bench/report.md):
#     BENCH_REDIS_PORT BENCH_PG_PORT BENCH_PG_DB                 6392 5441 devmentor_bench
#     BENCH_GATEWAY_PORT BENCH_AUTH_PORT BENCH_PROJECTS_PORT BENCH_NGINX_PORT  28080 28081 28082 28090
#     BENCH_MEMORY_PORT BENCH_MEMORY_VECTORS BENCH_MEMORY_DIMENSION  28085 100000 384 (search: docs/memory.md)
#     BENCH_LEARNING_PORT BENCH_LEARNING_EVENTS                  28084 5000 (events the learning listener absorbs)
#     BENCH_HTTP_SECONDS BENCH_CONNECTIONS BENCH_REDIS_SECONDS   10 64 5   (the rest: Benchmarks/lib/config.sh)
#     BENCH_SCRATCH_PATH  release build folder, apart from .build  .build-bench
#     BENCH_SKIP_BUILD    1 reuses the last release build        0
#     BENCH_RUN_DIR                                              .run/bench
#   Passed through to the services unchanged: JWT_PRIVATE_KEY_FILE, DEVMENTOR_ADMIN_EMAILS, BCRYPT_COST.
#   Tooling:
#     BIN_DIR         where the executables are                  .build/debug
#     HEALTH_TIMEOUT  seconds to wait for every /health          90
#     STOP_TIMEOUT    seconds between SIGTERM and SIGKILL        5
#     SWIFT_BIN_DIR   toolchain used when swift is not on PATH   /opt/swift/usr/bin
#     PG_BIN          PostgreSQL binaries                        newest /usr/lib/postgresql/*/bin
#     PG_MAX_CONNECTIONS  Postgres max_connections (every pool may open 20)   600
#     NO_COLOR        set to disable coloured log prefixes

SHELL := /bin/bash
.DEFAULT_GOAL := help
LOCAL := Deploy/local

SWIFT_BIN_DIR ?= /opt/swift/usr/bin
# Appended, so a swift already on PATH wins.
export PATH := $(PATH):$(SWIFT_BIN_DIR)

HOST ?= 127.0.0.1
LOG_LEVEL ?= info
REDIS_PORT ?= 6390
PG_PORT ?= 5439
PG_DB ?= devmentor
GATEWAY_PORT ?= 8080
AUTH_PORT ?= 8081
PROJECTS_PORT ?= 8082
AI_GATEWAY_PORT ?= 8083
LEARNING_PORT ?= 8084
MEMORY_PORT ?= 8085
REDIS_URL ?= redis://127.0.0.1:$(REDIS_PORT)
DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PG_PORT)/$(PG_DB)
GATEWAY_URL ?= http://127.0.0.1:$(GATEWAY_PORT)
AUTH_URL ?= http://127.0.0.1:$(AUTH_PORT)
PROJECTS_URL ?= http://127.0.0.1:$(PROJECTS_PORT)
AI_GATEWAY_URL ?= http://127.0.0.1:$(AI_GATEWAY_PORT)
LEARNING_URL ?= http://127.0.0.1:$(LEARNING_PORT)
MEMORY_URL ?= http://127.0.0.1:$(MEMORY_PORT)
JWT_KEY_DIR ?= $(DEVMENTOR_RUN_DIR)/keys
DEVMENTOR_RUN_DIR ?= .run

TEST_HOST ?= 127.0.0.1
TEST_LOG_LEVEL ?= info
TEST_REDIS_PORT ?= 6391
TEST_PG_PORT ?= 5440
TEST_PG_DB ?= devmentor_test
TEST_GATEWAY_PORT ?= 18080
TEST_AUTH_PORT ?= 18081
TEST_PROJECTS_PORT ?= 18082
TEST_AI_GATEWAY_PORT ?= 18083
TEST_LEARNING_PORT ?= 18084
TEST_MEMORY_PORT ?= 18085
TEST_REDIS_URL ?= redis://127.0.0.1:$(TEST_REDIS_PORT)
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(TEST_PG_PORT)/$(TEST_PG_DB)
TEST_GATEWAY_URL ?= http://127.0.0.1:$(TEST_GATEWAY_PORT)
TEST_AUTH_URL ?= http://127.0.0.1:$(TEST_AUTH_PORT)
TEST_PROJECTS_URL ?= http://127.0.0.1:$(TEST_PROJECTS_PORT)
TEST_AI_GATEWAY_URL ?= http://127.0.0.1:$(TEST_AI_GATEWAY_PORT)
TEST_LEARNING_URL ?= http://127.0.0.1:$(TEST_LEARNING_PORT)
TEST_MEMORY_URL ?= http://127.0.0.1:$(TEST_MEMORY_PORT)
TEST_JWT_KEY_DIR ?= $(DEVMENTOR_TEST_RUN_DIR)/keys
DEVMENTOR_TEST_RUN_DIR ?= .run/test

BENCH_REDIS_PORT ?= 6392
BENCH_PG_PORT ?= 5441
BENCH_PG_DB ?= devmentor_bench
BENCH_GATEWAY_PORT ?= 28080
BENCH_AUTH_PORT ?= 28081
BENCH_PROJECTS_PORT ?= 28082
BENCH_NGINX_PORT ?= 28090
BENCH_MEMORY_PORT ?= 28085
BENCH_MEMORY_VECTORS ?= 100000
BENCH_MEMORY_DIMENSION ?= 384
BENCH_LEARNING_PORT ?= 28084
BENCH_LEARNING_EVENTS ?= 5000
BENCH_HTTP_SECONDS ?= 10
BENCH_CONNECTIONS ?= 64
BENCH_REDIS_SECONDS ?= 5
BENCH_SCRATCH_PATH ?= .build-bench
BENCH_SKIP_BUILD ?= 0
BENCH_RUN_DIR ?= .run/bench

BIN_DIR ?= .build/debug
HEALTH_TIMEOUT ?= 90
STOP_TIMEOUT ?= 5

export HOST LOG_LEVEL REDIS_PORT PG_PORT PG_DB GATEWAY_PORT AUTH_PORT PROJECTS_PORT AI_GATEWAY_PORT \
	LEARNING_PORT MEMORY_PORT REDIS_URL DATABASE_URL GATEWAY_URL AUTH_URL PROJECTS_URL AI_GATEWAY_URL \
	LEARNING_URL MEMORY_URL JWT_KEY_DIR DEVMENTOR_RUN_DIR \
	TEST_HOST TEST_LOG_LEVEL TEST_REDIS_PORT TEST_PG_PORT TEST_PG_DB TEST_GATEWAY_PORT TEST_AUTH_PORT \
	TEST_PROJECTS_PORT TEST_AI_GATEWAY_PORT TEST_LEARNING_PORT TEST_MEMORY_PORT TEST_REDIS_URL \
	TEST_DATABASE_URL TEST_GATEWAY_URL TEST_AUTH_URL TEST_PROJECTS_URL TEST_AI_GATEWAY_URL \
	TEST_LEARNING_URL TEST_MEMORY_URL TEST_JWT_KEY_DIR DEVMENTOR_TEST_RUN_DIR \
	BENCH_REDIS_PORT BENCH_PG_PORT BENCH_PG_DB BENCH_GATEWAY_PORT BENCH_AUTH_PORT BENCH_PROJECTS_PORT BENCH_NGINX_PORT \
	BENCH_MEMORY_PORT BENCH_MEMORY_VECTORS BENCH_MEMORY_DIMENSION \
	BENCH_LEARNING_PORT BENCH_LEARNING_EVENTS \
	BENCH_HTTP_SECONDS BENCH_CONNECTIONS BENCH_REDIS_SECONDS BENCH_SCRATCH_PATH BENCH_SKIP_BUILD BENCH_RUN_DIR \
	BIN_DIR HEALTH_TIMEOUT STOP_TIMEOUT

.PHONY: help deps build run start test fuzz bench infra stop status logs smoke clean-data

help: ## show the targets
	@echo "DevMentor — make targets (environment variables: see the top of the Makefile)"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20

deps: ## install the missing Debian packages (redis-server, libhiredis-dev, postgresql, curl, jq)
	@bash $(LOCAL)/deps.sh

build: deps ## swift build (debug)
	swift build

run: build ## build, start Redis + Postgres + all services, wait for health, stream logs; Ctrl-C stops all
	@exec bash $(LOCAL)/fleet.sh run run

start: build ## like run, but in the background: returns once healthy (make logs, make stop)
	@exec bash $(LOCAL)/fleet.sh start run

test: deps ## fresh test Redis + Postgres, build with tests, swift test, fleet on test ports + smoke.sh + browser tests (e2e.sh)
	@exec bash $(LOCAL)/fleet.sh test

fuzz: build ## schemathesis --checks all (stateful too) against /openapi.json of a fleet on test ports, FUZZ_SECONDS (300)
	@exec bash $(LOCAL)/fuzz.sh

bench: deps ## release build, Redis/lock/event + gateway/nginx/projects/memory benchmarks → .run/bench/report.md
	@exec bash Benchmarks/run.sh

infra: deps ## start only Redis + Postgres (background) and print the variables to export
	@bash $(LOCAL)/infra.sh start run
	@bash $(LOCAL)/infra.sh env run

stop: ## stop everything started from .run/ (services, Redis, Postgres; run and test profiles)
	@bash $(LOCAL)/fleet.sh stop run
	@bash $(LOCAL)/fleet.sh stop test
	@bash $(LOCAL)/infra.sh stop run
	@bash $(LOCAL)/infra.sh stop test

status: ## what is running, per profile
	@bash $(LOCAL)/infra.sh status run || true
	@bash $(LOCAL)/fleet.sh status run || true
	@bash $(LOCAL)/infra.sh status test || true
	@bash $(LOCAL)/fleet.sh status test || true

logs: ## follow the logs of a fleet started with make start
	@exec bash $(LOCAL)/fleet.sh logs run

smoke: ## run the end-to-end smoke test against GATEWAY_URL
	@bash $(LOCAL)/smoke.sh $(GATEWAY_URL)

clean-data: stop ## stop everything, then delete .run/ (databases, Redis data, keys, logs)
	rm -rf -- "$(DEVMENTOR_RUN_DIR)" "$(DEVMENTOR_TEST_RUN_DIR)"
