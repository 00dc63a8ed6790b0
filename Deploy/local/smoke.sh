#!/usr/bin/env bash
# End-to-end tour of the public auth API (and a round of the learning API) through the gateway, with curl and jq.
#   smoke.sh [GATEWAY_URL]     (default $GATEWAY_URL, else http://127.0.0.1:8080)
# One line per check, `ok - …` or `FAIL - … (got …)`, then `N passed, M failed`; exit 1 on any failure.
# Registers one new user per run (unique e-mail), so it can run again and again against the same data.
# shellcheck disable=SC2016 # $e, $ENV… in single quotes are jq's, not the shell's
set -euo pipefail

BASE=${1:-${GATEWAY_URL:-http://127.0.0.1:8080}}
BASE=${BASE%/}
TIMEOUT=${SMOKE_TIMEOUT:-10}

for tool in curl jq; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "smoke.sh needs $tool (Deploy/local/deps.sh installs it)" >&2
        exit 2
    }
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

PASSED=0
FAILED=0
RESPONSES=0
NO_REQUEST_ID=()
STATUS=""
BODY=""
REQUEST_ID=""

# request METHOD PATH BODY [HEADER...] — BODY "" sends none. Sets STATUS (000 = no answer), BODY,
# REQUEST_ID (the response's X-Request-ID, "" when absent).
request() {
    local method=$1 path=$2 body=$3 h
    shift 3
    local -a args=(-s -m "$TIMEOUT" -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}')
    for h in "$@"; do args+=(-H "$h"); done
    [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
    : >"$TMP/body"
    : >"$TMP/headers"
    STATUS=$(curl "${args[@]}" "$BASE$path" 2>/dev/null) || true
    [ -n "$STATUS" ] || STATUS=000
    BODY=$(cat "$TMP/body")
    REQUEST_ID=$(tr -d '\r' <"$TMP/headers" | sed -n 's/^[Xx]-[Rr][Ee][Qq][Uu][Ee][Ss][Tt]-[Ii][Dd]:[[:space:]]*//p' | tail -n 1)
    if [ "$STATUS" != 000 ]; then
        RESPONSES=$((RESPONSES + 1))
        [ -n "$REQUEST_ID" ] || NO_REQUEST_ID+=("$method $path")
    fi
}

pass() {
    PASSED=$((PASSED + 1))
    printf 'ok - %s\n' "$1"
}

fail() {
    FAILED=$((FAILED + 1))
    printf 'FAIL - %s (got %s)\n' "$1" "$2"
}

# What the last response was, for FAIL lines.
got() {
    local b
    b=$(printf '%s' "$BODY" | tr -d '\n' | cut -c1-300)
    printf 'HTTP %s%s' "$STATUS" "${b:+ $b}"
}

# expect DESCRIPTION STATUS [JQ_CONDITION...] — the last response has STATUS (or any, with "-")
# and every jq condition is true of its body. Conditions may read $ENV.SMOKE_*.
expect() {
    local desc=$1 want=$2 cond
    shift 2
    if [ "$want" != - ] && [ "$STATUS" != "$want" ]; then
        fail "$desc" "$(got)"
        return 0
    fi
    # (jq -e on an empty input succeeds, hence the explicit emptiness test.)
    if [ $# -gt 0 ] && { [ -z "${BODY//[[:space:]]/}" ] ||
        ! printf '%s' "$BODY" | jq -e 'type == "object" or type == "array"' >/dev/null 2>&1; }; then
        fail "$desc" "$(got); wanted a JSON body"
        return 0
    fi
    for cond in "$@"; do
        if ! printf '%s' "$BODY" | jq -e "$cond" >/dev/null 2>&1; then
            fail "$desc" "$(got); wanted $cond"
            return 0
        fi
    done
    pass "$desc"
}

# A string field of the last response's body, "" when absent or not JSON.
field() { printf '%s' "$BODY" | jq -r "$1 // empty" 2>/dev/null || true; }

json() { jq -nc "$@"; }

NONEMPTY='type == "string" and length > 0'
SMOKE_EMAIL="smoke-$(date +%s%N)-$$-$RANDOM@example.com"
export SMOKE_EMAIL
PASSWORD="smoke-Passw0rd-$RANDOM"
AUTH=/api/v1/auth

echo "# smoke test against $BASE as $SMOKE_EMAIL"

# ---- health
request GET /health ""
expect "GET /health is 200" 200

# ---- register
request POST "$AUTH/register" "$(json --arg e "$SMOKE_EMAIL" --arg p "$PASSWORD" '{email: $e, password: $p, displayName: "Smoke Test"}')"
expect "register a new user: 201 with user.id" 201 ".user.id | $NONEMPTY" '.user.email == $ENV.SMOKE_EMAIL'

request POST "$AUTH/register" "$(json --arg e "$SMOKE_EMAIL" --arg p "$PASSWORD" '{email: $e, password: $p, displayName: "Smoke Test"}')"
expect "register the same e-mail again: 409 EMAIL_TAKEN" 409 '.error.code == "EMAIL_TAKEN"'
expect "error body carries message and requestId" 409 ".error.message | $NONEMPTY" ".error.requestId | $NONEMPTY"

request POST "$AUTH/register" "$(json --arg p "$PASSWORD" '{email: "not-an-email", password: $p, displayName: "Smoke Test"}')"
expect "register with a bad e-mail: 400 VALIDATION_FAILED on field email" 400 \
    '.error.code == "VALIDATION_FAILED"' '.error.details.field == "email"'

request POST "$AUTH/register" '{"email": "broken@example.com", "password": '
expect "register with malformed JSON: 400 VALIDATION_FAILED" 400 '.error.code == "VALIDATION_FAILED"'

# ---- login
LOGIN_BODY=$(json --arg e "$SMOKE_EMAIL" --arg p "$PASSWORD" '{email: $e, password: $p}')
request POST "$AUTH/login" "$LOGIN_BODY"
expect "login: 200 with accessToken, refreshToken, tokenType Bearer, expiresIn, sessionId" 200 \
    ".accessToken | $NONEMPTY" ".refreshToken | $NONEMPTY" '.tokenType == "Bearer"' \
    '.expiresIn | type == "number"' ".sessionId | $NONEMPTY"
ACCESS1=$(field .accessToken)
REFRESH1=$(field .refreshToken)

request POST "$AUTH/login" "$(json --arg e "$SMOKE_EMAIL" '{email: $e, password: "wrong-password-123"}')"
expect "login with a wrong password: 401 INVALID_CREDENTIALS" 401 '.error.code == "INVALID_CREDENTIALS"'

# ---- me
request GET "$AUTH/me" "" "Authorization: Bearer $ACCESS1"
expect "GET /me with the access token: 200 with the e-mail" 200 '.email == $ENV.SMOKE_EMAIL'

request GET "$AUTH/me" ""
expect "GET /me without a token: 401 UNAUTHORIZED" 401 '.error.code == "UNAUTHORIZED"'

# ---- learning (docs/learning.md)
LEARN=/api/v1/learning
# With the first session's token, before the refresh-token reuse below ends that session.
BEARER="Authorization: Bearer $ACCESS1"
request GET "$LEARN/path" "" "$BEARER"
expect "learning path: 200 with modules, the first available" 200 '.modules | length >= 10' '.modules[0].status == "available"'
MODULE=$(field '.modules[0].id')
request PUT "$LEARN/progress" "$(json --arg m "$MODULE" '{moduleId: $m, progress: 40}')" "$BEARER"
expect "PUT /learning/progress 40: 204" 204
request PUT "$LEARN/progress" "$(json --arg m "$MODULE" '{moduleId: $m, progress: 101}')" "$BEARER"
expect "PUT /learning/progress 101: 400 VALIDATION_FAILED on progress" 400 '.error.details.field == "progress"'
request GET "$LEARN/quizzes" "" "$BEARER"
expect "learning quizzes: 200, at least 10" 200 'length >= 10'
QUIZ=$(field '.[0].id')
request GET "$LEARN/quizzes/$QUIZ" "" "$BEARER"
expect "a quiz: 200 with 5+ questions and no answers" 200 '.questions | length >= 5' '[.. | objects | has("answer")] | any | not'
request GET "$LEARN/recommendations" "" "$BEARER"
expect "recommendations: 200, at most 10, each with a reason" 200 'length >= 1 and length <= 10' "all(.[]; .reason | $NONEMPTY)"
request GET "$LEARN/agents/status" "" "$BEARER"
expect "learning agents: 200, the four actors" 200 'map(.name) == ["progress-tracker", "quiz-grader", "recommender", "event-listener"]'

# ---- refresh rotation and reuse detection
request POST "$AUTH/refresh" "$(json --arg r "$REFRESH1" '{refreshToken: $r}')"
export SMOKE_REFRESH1=$REFRESH1
expect "refresh: 200 with a new token pair" 200 ".accessToken | $NONEMPTY" ".refreshToken | $NONEMPTY" \
    '.refreshToken != $ENV.SMOKE_REFRESH1'
REFRESH2=$(field .refreshToken)

request POST "$AUTH/refresh" "$(json --arg r "$REFRESH1" '{refreshToken: $r}')"
expect "refresh with the spent refresh token: 401 TOKEN_REVOKED" 401 '.error.code == "TOKEN_REVOKED"'

request POST "$AUTH/refresh" "$(json --arg r "$REFRESH2" '{refreshToken: $r}')"
expect "refresh with the new refresh token after reuse (family revoked): 401" 401

# ---- revoke
request POST "$AUTH/login" "$LOGIN_BODY"
expect "login again: 200" 200 ".accessToken | $NONEMPTY"
ACCESS3=$(field .accessToken)

request POST "$AUTH/revoke" "$(json --arg t "$ACCESS3" '{token: $t}')" "Authorization: Bearer $ACCESS3"
expect "revoke the access token: 204" 204

request GET "$AUTH/me" "" "Authorization: Bearer $ACCESS3"
expect "GET /me with the revoked token: 401" 401

# ---- memory: a value with a TTL, the key list, an embedding search, invalidate, flush
MEM=/api/v1/memory
request POST "$AUTH/login" "$LOGIN_BODY"
MEMTOKEN=$(field .accessToken)
request PUT "$MEM/kv/smoke%3Aprofile" '{"data":{"theme":"dark"},"ttlSeconds":600}' "Authorization: Bearer $MEMTOKEN"
expect "PUT $MEM/kv/smoke:profile: 204" 204
request GET "$MEM/kv/smoke%3Aprofile" "" "Authorization: Bearer $MEMTOKEN"
expect "GET $MEM/kv/smoke:profile: 200 with data and expiresAt" 200 '.key == "smoke:profile"' '.data.theme == "dark"' ".expiresAt | $NONEMPTY"
# The list is a SCAN walk: a page may be short while nextCursor is set (a big keyspace), so follow it to the end.
LISTED='[]'
CURSOR=''
for _ in $(seq 1 200); do
    request GET "$MEM/kv?pattern=smoke:*&limit=10${CURSOR:+&cursor=$CURSOR}" "" "Authorization: Bearer $MEMTOKEN"
    [ "$STATUS" = 200 ] || break
    LISTED=$(jq -c --argjson page "$BODY" '. + $page.items' <<<"$LISTED")
    CURSOR=$(field .nextCursor)
    [ -n "$CURSOR" ] || break
done
[ "$STATUS" != 200 ] || BODY=$(jq -c --arg cursor "$CURSOR" '{items: ., nextCursor: (if $cursor == "" then null else $cursor end)}' <<<"$LISTED")
expect "GET $MEM/kv?pattern=smoke:* (every page): the key with its expiry" 200 '[.items[].key] | unique == ["smoke:profile"]' \
    ".items[0].expiresAt | $NONEMPTY" '.nextCursor == null'
request PUT "$MEM/embeddings/6f9619ff-8b86-4011-b42d-00c04fc96401" '{"vector":[1,0,0],"metadata":{"n":1}}' "Authorization: Bearer $MEMTOKEN"
expect "PUT $MEM/embeddings/{id}: 204" 204
request POST "$MEM/embeddings/search" '{"vector":[0.9,0.1,0],"limit":1}' "Authorization: Bearer $MEMTOKEN"
expect "POST $MEM/embeddings/search: the stored vector, best first" 200 'length == 1' '.[0].metadata.n == 1'
request POST "$MEM/embeddings/search" '{"vector":[1,0]}' "Authorization: Bearer $MEMTOKEN"
expect "POST $MEM/embeddings/search with another length: 400 DIMENSION_MISMATCH" 400 '.error.code == "DIMENSION_MISMATCH"'
request POST "$MEM/invalidate" '{"pattern":"smoke:*"}' "Authorization: Bearer $MEMTOKEN"
expect "POST $MEM/invalidate smoke:*: deleted 1" 200 '.deleted == 1'
request POST "$MEM/flush" "" "Authorization: Bearer $MEMTOKEN"
expect "POST $MEM/flush: 204" 204
request POST "$MEM/embeddings/search" '{"vector":[1,0]}' "Authorization: Bearer $MEMTOKEN"
expect "search after flush: nothing, any length" 200 'length == 0'

# ---- JWKS
request GET /.well-known/jwks.json ""
expect "GET /.well-known/jwks.json: 200 with keys[0].kid" 200 ".keys[0].kid | $NONEMPTY"

# ---- request ids
request GET /health "" "X-Request-ID: smoke-123"
if [ "$REQUEST_ID" = smoke-123 ]; then
    pass "X-Request-ID smoke-123 echoed by the gateway (/health)"
else
    fail "X-Request-ID smoke-123 echoed by the gateway (/health)" "X-Request-ID '${REQUEST_ID}', HTTP $STATUS"
fi

request GET "$AUTH/me" "" "X-Request-ID: smoke-123" "Authorization: Bearer $ACCESS1"
if [ "$REQUEST_ID" = smoke-123 ]; then
    pass "X-Request-ID smoke-123 echoed through the proxy (/api/v1/auth/me)"
else
    fail "X-Request-ID smoke-123 echoed through the proxy (/api/v1/auth/me)" "X-Request-ID '${REQUEST_ID}', HTTP $STATUS"
fi

if [ "$RESPONSES" -gt 0 ] && [ ${#NO_REQUEST_ID[@]} -eq 0 ]; then
    pass "every response carried X-Request-ID ($RESPONSES responses)"
else
    fail "every response carried X-Request-ID" "$RESPONSES responses, missing on: ${NO_REQUEST_ID[*]:-none (no responses at all)}"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
