#!/usr/bin/env bash
# `make fuzz`: schemathesis (pip, in a venv under .run/) against /openapi.json of a fleet on the test ports, with every
# check (`[checks] enabled = true` in schemathesis.toml: `--checks all` on the command line would outrank its per-operation exceptions), the stateful phase over the document's links, a time budget, and the settings in
# schemathesis.toml. The fleet gets roomy rate limits so the fuzzer tests the routes rather than the limiter (which has
# tests of its own), and a signed-in user whose token every request carries.
#   FUZZ_SECONDS   time budget of the run                                   300
#   FUZZ_OPERATIONS  which routes (schemathesis --include-tag-regex)       gateway|auth|projects|ai|learning|memory
# Leaves its report in $DEVMENTOR_TEST_RUN_DIR/fuzz/; non-zero if schemathesis found anything.
set -euo pipefail
TAG=fuzz
# shellcheck source=Deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
load_profile test

FUZZ_SECONDS=${FUZZ_SECONDS:-300}
FUZZ_OPERATIONS=${FUZZ_OPERATIONS:-gateway|auth|projects|ai|learning|memory}
VENV="$ROOT/.run/venv-fuzz"
OUT="$P_RUN_DIR/fuzz"

if [ ! -x "$VENV/bin/schemathesis" ]; then
    say "installing schemathesis into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check schemathesis
fi

export RATE_LIMIT_USER=1000000/60/1000000 RATE_LIMIT_IP=1000000/60/1000000
export RATE_LIMIT_CREDENTIALS=1000000/60/1000000 RATE_LIMIT_FAILED_AUTH=1000000/60/1000000
bash "$LOCAL_DIR/infra.sh" start test --fresh
trap 'bash "$LOCAL_DIR/fleet.sh" stop test >/dev/null 2>&1 || true; bash "$LOCAL_DIR/infra.sh" stop test >/dev/null 2>&1 || true' EXIT
bash "$LOCAL_DIR/fleet.sh" start test

email="fuzz-$RANDOM$RANDOM@example.com"
curl -fsS -X POST "$P_GATEWAY_URL/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"fuzz-password\",\"displayName\":\"Fuzz\"}" >/dev/null
token=$(curl -fsS -X POST "$P_GATEWAY_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"fuzz-password\"}" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "could not sign the fuzzing user in"

mkdir -p "$OUT"
say "schemathesis, every check (schemathesis.toml), on '$FUZZ_OPERATIONS' for ${FUZZ_SECONDS} s (report: $OUT)"
rc=0
(cd "$ROOT" && "$VENV/bin/schemathesis" run "$P_GATEWAY_URL/openapi.json" \
    --include-tag-regex "$FUZZ_OPERATIONS" \
    -H "Authorization: Bearer $token" --workers 1 --max-time "$FUZZ_SECONDS" \
    --report junit,json --report-dir "$OUT") || rc=$?
[ "$rc" = 0 ] && say "schemathesis found nothing" || say "schemathesis found failures (exit $rc); see above and $OUT"
exit "$rc"
