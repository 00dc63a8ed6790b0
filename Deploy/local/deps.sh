#!/usr/bin/env bash
# Installs the Debian packages the local run and the tests need, and only those that are missing.
#   deps.sh          install what is missing (apt-get; sudo when not root)
#   deps.sh --check  list what is missing, exit 1 if anything is
set -euo pipefail
TAG=deps
# shellcheck source=Deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_only=0
case "${1:-}" in
--check) check_only=1 ;;
'') ;;
*) die "usage: deps.sh [--check]" ;;
esac

pkg_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }

missing=()
command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing+=(redis-server)
if ! pkg_installed libhiredis-dev && ! [ -f /usr/include/hiredis/hiredis.h ]; then
    missing+=(libhiredis-dev)
fi
pg_bin_dir >/dev/null 2>&1 || missing+=(postgresql)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq) # smoke.sh reads JSON with it

if [ ${#missing[@]} -eq 0 ]; then
    [ "$check_only" -eq 1 ] && say "nothing missing"
    exit 0
fi
if [ "$check_only" -eq 1 ]; then
    say "missing: ${missing[*]}"
    exit 1
fi

command -v apt-get >/dev/null 2>&1 ||
    die "missing ${missing[*]} and there is no apt-get here: install them by hand"
sudo=()
if ! is_root; then
    command -v sudo >/dev/null 2>&1 ||
        die "missing ${missing[*]}: run as root, install sudo, or install them by hand"
    sudo=(sudo)
fi
say "installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"

# The postgresql package's own cluster (port 5432) is not used; ours lives in .run/.
pg_bin_dir >/dev/null 2>&1 || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
