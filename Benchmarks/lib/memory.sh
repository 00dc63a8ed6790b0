# shellcheck shell=bash disable=SC2034 # MEMORY_STATUS is read by run.sh
# Issue 11: the memory service's exact vector search in process beside numpy and faiss-cpu (one query at a time,
# the same N × D), search and KV GET (cache hit and cache off) through the gateway.

# The Python peers live in a venv under .run/ (never in the product).
ensure_python_peers() {
    if [ ! -x "$B_VENV/bin/python" ]; then
        say "creating the peers' venv in ${B_VENV#"$ROOT"/}"
        python3 -m venv "$B_VENV" || return 1
    fi
    "$B_VENV/bin/python" -c 'import numpy, faiss' 2>/dev/null && return 0
    say "pip install numpy faiss-cpu (into ${B_VENV#"$ROOT"/})"
    "$B_VENV/bin/pip" install -q numpy faiss-cpu || return 1
}

bench_memory_search_in_process() {
    local shape=(--count "$B_MEMORY_VECTORS" --dimension "$B_MEMORY_DIMENSION" --limit 10 --queries "$B_MEMORY_QUERIES")
    say "memory: in-process search, ${B_MEMORY_VECTORS} × ${B_MEMORY_DIMENSION}, top 10"
    measure memory.search.inprocess "$BIN_DIR/devmentor-bench" vector-search "${shape[@]}"
    if ensure_python_peers; then
        meta numpy_faiss_versions "$("$B_VENV/bin/python" -c 'import numpy, faiss; print("numpy", numpy.__version__, "faiss-cpu", faiss.__version__)')"
        measure memory.search.numpy "$B_VENV/bin/python" "$BENCH_DIR/peers/vector_search.py" --peer numpy "${shape[@]}"
        measure memory.search.faiss "$B_VENV/bin/python" "$BENCH_DIR/peers/vector_search.py" --peer faiss "${shape[@]}"
    else
        step_failed memory.search.numpy "could not set up the venv with numpy and faiss-cpu"
    fi
}

# The bench user's embeddings with plain SQL matching the memory migration: random float4 elements in network byte
# order (float4send), as the service stores them.
seed_embeddings() {
    local bin
    bin=$(pg_bin_dir) || die "PostgreSQL binaries not found"
    [[ "$USER_ID" =~ ^[0-9a-fA-F-]{36}$ ]] || die "bench user id '$USER_ID' is not a UUID"
    "$bin/psql" -X -q -v ON_ERROR_STOP=1 -v owner="$USER_ID" -v n="$B_MEMORY_VECTORS" -v dim="$B_MEMORY_DIMENSION" \
        -h 127.0.0.1 -p "$B_PG_PORT" -U postgres -d "$B_PG_DB" <<'SQL'
INSERT INTO memory.embedding_owners (user_id, dimension, vector_count) VALUES (:'owner', :dim, :n);
INSERT INTO memory.embeddings (user_id, id, dimension, vector, metadata, revision)
SELECT :'owner'::uuid, gen_random_uuid(), :dim,
       (SELECT string_agg(float4send((random() * 2 - 1)::float4), ''::bytea) FROM generate_series(1, :dim) AS d WHERE g > 0),
       NULL, nextval('memory.embedding_revisions')
FROM generate_series(1, :n) AS g;
SQL
}

# A wrk script that POSTs one search body.
search_script() {
    local script="$B_RUN_DIR/search.lua" vector
    vector=$(awk -v d="$B_MEMORY_DIMENSION" 'BEGIN { srand(11); for (i = 1; i <= d; i++) printf "%s%.6f", (i > 1 ? "," : ""), rand() * 2 - 1 }')
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[{"vector":[%s],"limit":10}]]\n' "$vector" >"$script"
    printf '{"vector":[%s],"limit":10}' "$vector" >"$B_RUN_DIR/search.json"
    printf '%s\n' "$script"
}

bench_memory_http() {
    local auth=(-H "Authorization: Bearer $TOKEN") script code
    if ! seed_embeddings; then
        meta memory_status "seeding $B_MEMORY_VECTORS embeddings with SQL failed (has the memory schema changed?)"
        return 0
    fi
    meta memory_seeded "$B_MEMORY_VECTORS × $B_MEMORY_DIMENSION"
    script=$(search_script)
    # The first search loads the user's index from Postgres; it is not part of what is measured.
    code=$(curl -s -o /dev/null -m 300 -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${auth[@]}" \
        --data-binary "@$B_RUN_DIR/search.json" "$B_GATEWAY_URL/api/v1/memory/embeddings/search" || true)
    if [ "$code" = 200 ]; then
        say "memory: search through the gateway"
        WRK_CHECK=post-json WRK_BODY_FILE="$B_RUN_DIR/search.json" \
            wrk_run memory.search.gateway "POST /embeddings/search (top 10 of $B_MEMORY_VECTORS × $B_MEMORY_DIMENSION), 1 connection" 1 1 \
            "$B_GATEWAY_URL/api/v1/memory/embeddings/search" "${auth[@]}" -s "$script"
    else
        step_failed memory.search.gateway "the first search answered ${code:-nothing}"
    fi

    curl -s -o /dev/null -m 10 -X PUT -H 'Content-Type: application/json' "${auth[@]}" \
        --data-binary '{"data":{"profile":"bench","answers":[1,2,3]}}' "$B_GATEWAY_URL/api/v1/memory/kv/bench:hot"
    say "memory: KV GET through the gateway, cache on"
    wrk_run memory.kv.hit.gateway "GET /kv/{key}, hot key, $B_CONNECTIONS connections" "$B_CONNECTIONS" "$B_WRK_THREADS" \
        "$B_GATEWAY_URL/api/v1/memory/kv/bench:hot" "${auth[@]}"
    # The same reads with the in-process cache off: each one is a Redis round trip.
    stop_process memory
    start_service memory "$B_MEMORY_PORT" MEMORY_HOT_CACHE_BYTES=0
    if wait_ready memory "$B_MEMORY_URL/ready"; then
        say "memory: KV GET through the gateway, cache off"
        wrk_run memory.kv.miss.gateway "GET /kv/{key}, cache off, $B_CONNECTIONS connections" "$B_CONNECTIONS" "$B_WRK_THREADS" \
            "$B_GATEWAY_URL/api/v1/memory/kv/bench:hot" "${auth[@]}"
    else
        step_failed memory.kv.miss.gateway "memory did not come back with the cache off (log: $B_LOG_DIR/memory.log)"
    fi
}
