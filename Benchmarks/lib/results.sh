# shellcheck shell=bash
# Appending to results.jsonl: the shape is BenchResult's (Benchmarks/DevMentorBench/Support/BenchResult.swift).
# Before the run folder exists (it is wiped by infra.sh --fresh) meta lines wait in PENDING_META.

PENDING_META=()
FAILED_STEPS=()

# meta KEY VALUE — one `meta.<key>` line (free text).
meta() {
    local line
    line=$(jq -nc --arg id "meta.$1" --arg value "$2" '{id: $id, value: $value}')
    if [ -n "${RESULTS_READY:-}" ]; then
        printf '%s\n' "$line" >>"$B_RESULTS"
    else
        PENDING_META+=("$line")
    fi
}

# Called once the run folder exists: writes what was noted before.
results_open() {
    mkdir -p "$B_RUN_DIR" "$B_LOG_DIR"
    : >"$B_RESULTS"
    RESULTS_READY=1
    local line
    for line in "${PENDING_META[@]}"; do printf '%s\n' "$line" >>"$B_RESULTS"; done
    PENDING_META=()
}

# result JSON [ID] — appends one line produced by the bench executable or by jq, and echoes it for the log.
result() {
    if [ -z "$1" ]; then
        step_failed "${2:-unknown}" "no JSON result was produced"
        return 0
    fi
    printf '%s\n' "$1" >>"$B_RESULTS"
    say "result: $1"
}

# step_failed ID MESSAGE — a step that produced no number: recorded (the report lists it) and the run goes on;
# run.sh exits non-zero at the end.
step_failed() {
    FAILED_STEPS+=("$1")
    warn "$1 failed: $2"
    jq -nc --arg id "$1" --arg note "failed: $2" '{id: $id, note: $note}' >>"$B_RESULTS"
}

# measure ID COMMAND... — runs a devmentor-bench subcommand and records its JSON line (stderr in the logs),
# with the CPU each process group and the bench process spent per operation while it ran (the command's
# window holds its warm-up too, so only the measured seconds' share is counted).
measure() {
    local id=$1 out rc=0 cpu cpu_file="$B_LOG_DIR/$1.cpu"
    shift
    cpu_begin
    out=$(timed "$cpu_file" "$@" 2>"$B_LOG_DIR/$id.stderr") || rc=$?
    if [ "$rc" != 0 ] || [ -z "$out" ]; then
        step_failed "$id" "exit status $rc: $(tail -n 3 "$B_LOG_DIR/$id.stderr" | tr '\n' ' ')"
        return 0
    fi
    cpu=$(cpu_end "$(printf '%s\n' "$out" | jq '.count // 0')" "$(printf '%s\n' "$out" | jq '.seconds // 0')" \
        "$(timed_seconds "$cpu_file")")
    result "$(printf '%s\n' "$out" | jq -c --argjson cpu "$cpu" '. + {cpuMicrosPerOp: $cpu.cpu, machineBusyPercent: $cpu.busy}')" "$id"
}
