# shellcheck shell=bash
# CPU accounting, to say where the time of a run went: utime + stime of each process group from /proc (a root
# process and its direct children: nginx's workers, Postgres' backends), of the load generator (bash's `times`,
# since it has exited by the time we look), and of the whole machine; "others" is what is left: other sessions.
# Ticks are USER_HZ (getconf CLK_TCK, 100 on Linux): 10 ms resolution, ample over a 10 s run.

declare -A CPU_ROOTS=() # group name → root pid
declare -A CPU_BEFORE=()
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

cpu_track() { CPU_ROOTS[$1]=$2; }

# Busy ticks of the whole machine (every CPU): total minus idle and iowait, from the first line of /proc/stat.
machine_busy_ticks() {
    local steal
    read -r _ _ _ _ _ _ _ _ steal _ </proc/stat
    printf '%s\n' $(($(own_busy_ticks) + steal))
}

# Prints "name ticks" per tracked group, then "machine ticks".
cpu_snapshot() {
    local f stat rest pid ppid ticks name
    local -A by_pid=() by_parent=() reaped=()
    for f in /proc/[0-9]*/stat; do
        # A process may exit between the glob and the read.
        { stat=$(<"$f"); } 2>/dev/null || continue
        pid=${f#/proc/}
        pid=${pid%/stat}
        rest=${stat##*) }
        # shellcheck disable=SC2086 # word splitting wanted: the fields after the command name
        set -- $rest
        # A process caught while exiting can show a short line; under set -u it would end the snapshot.
        [ $# -ge 15 ] || continue
        # Anything odd (a process caught mid-exit) is skipped rather than ending the snapshot with an arithmetic error.
        case "${12}${13}${14}${15}" in *[!0-9]*) continue ;; esac
        ppid=$2
        ticks=$((${12} + ${13}))
        by_pid[$pid]=$ticks
        # cutime + cstime: children that exited and were reaped (Postgres' backends of short-lived clients, such as
        # pgbench's) — without them a group's CPU would vanish with its children before the second snapshot.
        reaped[$pid]=$((${14} + ${15}))
        by_parent[$ppid]=$((${by_parent[$ppid]:-0} + ticks))
    done
    for name in "${!CPU_ROOTS[@]}"; do
        pid=${CPU_ROOTS[$name]}
        printf '%s %s\n' "$name" $((${by_pid[$pid]:-0} + ${reaped[$pid]:-0} + ${by_parent[$pid]:-0}))
    done
    printf 'machine %s\n' "$(machine_busy_ticks)"
}

cpu_begin() {
    local name ticks
    CPU_BEFORE=()
    CPU_BEGAN_NS=$(date +%s%N)
    while read -r name ticks; do CPU_BEFORE[$name]=$ticks; done < <(cpu_snapshot)
}

# timed FILE COMMAND... — runs COMMAND (its output passes through) and writes the CPU it and its children used
# to FILE: the second line of `times`, the subshell's children ("0m1.234s 0m0.567s": user, system). `times` must
# not be piped, or it runs in a forked subshell of its own that has no children.
timed() {
    local file=$1
    shift
    (
        rc=0
        "$@" || rc=$?
        times >"$file"
        exit "$rc"
    )
}

# Seconds of CPU in a file written by `timed` (0 when it is missing).
timed_seconds() {
    [ -s "$1" ] || {
        echo 0
        return 0
    }
    awk 'NR == 2 { n = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); n += p[1] * 60 + p[2] } printf "%.3f\n", n }' "$1"
}

# cpu_end OPERATIONS [MEASURED_SECONDS] [LOADGEN_SECONDS] — prints a JSON object:
# {"cpu": {group: µs per operation, ..., "loadgen": …, "others": …}, "busy": percent}. With MEASURED_SECONDS,
# only that share of the window's CPU is counted: a bench whose window also holds its warm-up and start-up is
# assumed to load the machine evenly throughout.
cpu_end() {
    local ops=$1 measured=${2:-0} loadgen_ticks name ticks delta sum=0 machine=0 elapsed_ns cpus
    loadgen_ticks=$(awk -v s="${3:-0}" -v hz="$CLK_TCK" 'BEGIN { printf "%d\n", s * hz }')
    local -a pairs=()
    elapsed_ns=$(($(date +%s%N) - CPU_BEGAN_NS))
    cpus=$(nproc)
    while read -r name ticks; do
        delta=$((ticks - ${CPU_BEFORE[$name]:-$ticks}))
        if [ "$name" = machine ]; then
            machine=$delta
        else
            sum=$((sum + delta))
            pairs+=("$name $delta")
        fi
    done < <(cpu_snapshot)
    sum=$((sum + loadgen_ticks))
    pairs+=("loadgen $loadgen_ticks" "others $((machine > sum ? machine - sum : 0))")
    # µs per operation = ticks · (10^6 / CLK_TCK) / ops; busy % = ticks / (elapsed · CLK_TCK · cpus).
    printf '%s\n' "${pairs[@]}" | jq -Rsc --argjson ops "$ops" --argjson hz "$CLK_TCK" --argjson machine "$machine" \
        --argjson ns "$elapsed_ns" --argjson cpus "$cpus" --argjson measured "$measured" '
        (if $measured > 0 and $measured * 1e9 < $ns then $measured * 1e9 / $ns else 1 end) as $share
        | split("\n") | map(select(length > 0) | split(" "))
        | map({(.[0]): (if $ops > 0 then ((.[1] | tonumber) * $share * 1000000 / $hz / $ops) else null end)}) | add as $cpu
        | {cpu: $cpu, busy: ($machine / ($ns / 1e9 * $hz * $cpus) * 100)}'
}

# wait_until_quiet NAME [LIMIT] — waits, at most LIMIT seconds (30), until the machine spent under 20 % of its CPUs
# over one second (user, nice, system, irq, softirq; steal and idle not counted), and records the wait as meta
# NAME_settle. For a service-time figure measured right after a load run: the fleet is still working off what that
# run left behind (the learning listener's unlocks for every project.claimed, the outbox relay), and a 1-connection
# latency taken meanwhile measures that work, not the request.
wait_until_quiet() {
    local name=$1 limit=${2:-30} start=$SECONDS cores before after
    cores=$(nproc 2>/dev/null || echo 1)
    while [ $((SECONDS - start)) -lt "$limit" ]; do
        before=$(own_busy_ticks)
        sleep 1
        after=$(own_busy_ticks)
        [ $(((after - before) * 100)) -lt $((20 * CLK_TCK * cores)) ] && break
    done
    meta "${name}_settle" "$((SECONDS - start)) s until the machine was under 20 % busy (at most ${limit} s)"
}

# Busy ticks of the machine without steal (time the hypervisor gave to other guests).
own_busy_ticks() {
    local user nice system irq softirq
    read -r _ user nice system _ _ irq softirq _ </proc/stat
    printf '%s\n' $((user + nice + system + irq + softirq))
}
