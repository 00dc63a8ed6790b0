# shellcheck shell=bash disable=SC2034 # PROJECTS_STATUS is read by run.sh
# Issue 5: claim + release pairs and the list of a user with many projects, through the gateway. Runs only
# when the projects service answers its list route (it is being written; until then the report says so).

projects_available() {
    [ "${PROJECTS_BUILT:-1}" = 1 ] || {
        PROJECTS_STATUS="the projects service did not build"
        return 1
    }
    local code
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        "$B_PROJECTS_URL/api/v1/projects?limit=1" || true)
    [ "$code" = 200 ] && return 0
    PROJECTS_STATUS="GET /api/v1/projects at the projects service answered ${code:-nothing} (its routes are not there yet)"
    return 1
}

# Inserts the bench user's projects with plain SQL matching the projects migration. No outbox rows: the relay
# would otherwise publish thousands of events while the list is measured.
seed_projects() {
    local bin
    bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
    [[ "$USER_ID" =~ ^[0-9a-fA-F-]{36}$ ]] || die "bench user id '$USER_ID' is not a UUID"
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -v owner="$USER_ID" -v n="$B_PROJECTS_SEED" \
        -h 127.0.0.1 -p "$B_PG_PORT" -U postgres -d "$B_PG_DB" <<'SQL'
INSERT INTO projects.projects (id, name, description, owner_id, status, version, created_at, updated_at, fencing_token)
SELECT gen_random_uuid(), 'bench project ' || g, '', :'owner'::uuid, 'active', 1, t, t, 0
FROM generate_series(1, :n) AS g,
     LATERAL (SELECT date_trunc('second', now()) - (:n - g) * interval '1 second' AS t) AS times;
ANALYZE projects.projects;
SQL
}

bench_projects() {
    local auth=(-H "Authorization: Bearer $TOKEN") list="/api/v1/projects?limit=20"
    if ! seed_projects; then
        meta projects_status "seeding $B_PROJECTS_SEED projects with SQL failed (has the projects schema changed?)"
        return 0
    fi
    meta projects_seeded "$B_PROJECTS_SEED"
    say "projects: lists and claims through the gateway"
    # Lists first. Measured after the claims, they shared the machine with the work the claims leave behind (the
    # outbox relay and the learning service on thousands of events): waiting for the machine to be under 20 % busy
    # did not remove it (docs/benchmarks.md, 2026-12-07 23:00). The lists only read, so they leave nothing for the
    # claims after them.
    wait_until_quiet projects.list.c1
    wrk_run projects.list.c1 "GET /projects?limit=20, 1 connection" 1 1 "$B_GATEWAY_URL$list" "${auth[@]}"
    wrk_run projects.list.c64 "GET /projects?limit=20, $B_CONNECTIONS connections" "$B_CONNECTIONS" "$B_WRK_THREADS" \
        "$B_GATEWAY_URL$list" "${auth[@]}"
    measure projects.claims "$BIN_DIR/devmentor-bench" http-claims --base-url "$B_GATEWAY_URL" --token "$TOKEN" \
        --concurrency "$B_CONNECTIONS" --duration "$B_HTTP_SECONDS"
}
