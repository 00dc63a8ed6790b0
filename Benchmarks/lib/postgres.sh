# shellcheck shell=bash
# Issue 8: Postgres' own peer. pgbench on the bench's Postgres, in a database of its own (`pgbench_peer`, scale
# $B_PGBENCH_SCALE), before the fleet starts: `-S` (one primary-key SELECT per transaction) is the yardstick for
# the Postgres CPU of one `/me`, `-N` (the TPC-B-like write without the hot branch/teller updates: three writes
# and a SELECT per transaction) for claim + release pairs. Same clients as the HTTP runs ($B_CONNECTIONS),
# default query mode (simple protocol: what an application without prepared statements pays).

bench_pgbench() {
    local bin db=pgbench_peer
    bin=$(pg_bin_dir) || {
        step_failed pgbench.S "no PostgreSQL binaries found (pgbench)"
        return 0
    }
    local -a conn=(-h 127.0.0.1 -p "$B_PG_PORT" -U postgres)
    say "postgres: pgbench -S and -N (scale $B_PGBENCH_SCALE, $B_CONNECTIONS clients, ${B_HTTP_SECONDS}s each)"
    "$bin/createdb" "${conn[@]}" "$db" >"$B_LOG_DIR/pgbench-init.txt" 2>&1 &&
        "$bin/pgbench" "${conn[@]}" -i -q -s "$B_PGBENCH_SCALE" "$db" >>"$B_LOG_DIR/pgbench-init.txt" 2>&1 || {
        step_failed pgbench.S "pgbench -i failed: $(tail -n 3 "$B_LOG_DIR/pgbench-init.txt" | tr '\n' ' ')"
        return 0
    }
    pgbench_run pgbench.S "pgbench -S (select only)" "$bin" "$db" -S
    pgbench_run pgbench.N "pgbench -N (simple update)" "$bin" "$db" -N
}

# pgbench_run ID LABEL BIN DB PGBENCH-ARGUMENTS... — one measured run after a 2 s warm-up; CPU per transaction by
# process group (Postgres' backends are the postmaster's children).
pgbench_run() {
    local id=$1 label=$2 bin=$3 db=$4 out count tps latency cpu cpu_file="$B_LOG_DIR/$1.cpu"
    shift 4
    local mode="$*"
    local -a args=(-h 127.0.0.1 -p "$B_PG_PORT" -U postgres -n "$@" -c "$B_CONNECTIONS" -j "$B_WRK_THREADS")
    "$bin/pgbench" "${args[@]}" -T 2 "$db" >/dev/null 2>&1 || true
    sleep 0.5 # the warm-up's backends exit and are reaped before the first snapshot
    cpu_begin
    out=$(timed "$cpu_file" "$bin/pgbench" "${args[@]}" -T "$B_HTTP_SECONDS" "$db" 2>&1) || {
        step_failed "$id" "pgbench $mode: $(printf '%s\n' "$out" | tail -n 3 | tr '\n' ' ')"
        return 0
    }
    printf '%s\n' "$out" >"$B_LOG_DIR/$id.txt"
    count=$(printf '%s\n' "$out" | awk -F': ' '/number of transactions actually processed/ { split($2, a, "/"); print a[1] }')
    tps=$(printf '%s\n' "$out" | awk '/^tps = / { print $3; exit }')
    latency=$(printf '%s\n' "$out" | awk '/^latency average = / { print $4 }')
    if [ -z "$count" ] || [ -z "$tps" ]; then
        step_failed "$id" "could not read pgbench's output: $out"
        return 0
    fi
    cpu=$(cpu_end "$count" 0 "$(timed_seconds "$cpu_file")")
    result "$(jq -nc --arg id "$id" --arg what "$label" --argjson count "$count" --argjson seconds "$B_HTTP_SECONDS" \
        --argjson rate "$tps" --argjson avg "${latency:-null}" --argjson cpu "$cpu" \
        --arg command "pgbench -n ${mode%% -D*} -c $B_CONNECTIONS -j $B_WRK_THREADS -T $B_HTTP_SECONDS" '
        {id: $id, label: $what, count: $count, seconds: $seconds, rate: $rate, unit: "tps", errors: 0,
         cpuMicrosPerOp: $cpu.cpu, machineBusyPercent: $cpu.busy,
         parameters: {command: $command, latencyAverageMs: ($avg | tostring)}}')" "$id"
}

# The database work of one `/me` (auth's access check with the user's row, AuthStatements.AccessCheck) replayed by
# pgbench for the bench user, unprepared (`-M extended`: parse + plan + execute per statement, what a plain
# postgres-nio query costs) and prepared (`-M prepared`: what auth does since issue 8) — the before and after of
# preparing them, in one run, on the database side alone.
bench_pgbench_me() {
    local bin script="$B_RUN_DIR/pgbench-me.sql" sid mode
    bin=$(pg_bin_dir) || return 0
    sid=$("$bin/psql" -h 127.0.0.1 -p "$B_PG_PORT" -U postgres -d "$B_PG_DB" -Atc \
        "SELECT id FROM auth.sessions WHERE user_id = '$USER_ID' ORDER BY created_at DESC LIMIT 1" 2>/dev/null || true)
    if [ -z "$sid" ]; then
        step_failed pgbench.me.extended "no session of the bench user found in auth.sessions"
        return 0
    fi
    cat >"$script" <<SQL
SELECT EXISTS (SELECT 1 FROM auth.revoked_tokens WHERE jti = :jti), NOT EXISTS (SELECT 1 FROM auth.sessions WHERE id = :sid AND revoked_at IS NULL AND expires_at > now()), u.id, u.email, u.display_name, u.password_hash, u.created_at FROM (SELECT 1) AS one LEFT JOIN auth.users u ON u.id = :uid;
SQL
    say "postgres: /me's statement through pgbench, unprepared and prepared"
    for mode in extended prepared; do
        pgbench_run "pgbench.me.$mode" "/me's statement, pgbench -M $mode" "$bin" "$B_PG_DB" -M "$mode" \
            -f "$script" -D "jti=$(cat /proc/sys/kernel/random/uuid)" -D "sid=$sid" -D "uid=$USER_ID"
    done
}
