#!/usr/bin/env bash
# The console's browser tests (Tests/e2e, docs/console.md) against a running gateway:
#   e2e.sh GATEWAY_URL
# Installs what is missing first: Debian's chromium and chromium-driver (apt-get; sudo when not root), and a Python
# venv with selenium and pytest from pip ($E2E_VENV, default .run/venv-e2e). Then pytest runs Tests/e2e; a failing
# test leaves a screenshot of each of its browsers in $E2E_SCREENSHOT_DIR (default .run/test/screenshots).
#   E2E_FLAGS   extra pytest arguments, e.g. E2E_FLAGS="-k collaborative"
#   PYTHON      the interpreter the venv is made from (python3)
set -euo pipefail
TAG=e2e
# shellcheck source=Deploy/local/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 1 ] || die "usage: e2e.sh GATEWAY_URL"
GATEWAY=$1
VENV=${E2E_VENV:-$ROOT/.run/venv-e2e}
SHOTS=${E2E_SCREENSHOT_DIR:-$ROOT/.run/test/screenshots}
PYTHON=${PYTHON:-python3}

pkg_installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and there is no apt-get here: install them by hand"
    sudo=()
    if ! is_root; then
        command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root, install sudo, or install them by hand"
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if ! "$VENV/bin/python" -c 'import selenium, pytest' >/dev/null 2>&1; then
    say "making the test venv $VENV (selenium, pytest)"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'selenium>=4.23,<5' 'pytest>=7,<9'
fi

rm -rf -- "$SHOTS"
mkdir -p "$SHOTS"
read -r -a flags <<<"${E2E_FLAGS:-}"
say "pytest Tests/e2e against $GATEWAY (screenshots of failures: $SHOTS)"
cd "$ROOT"
# SE_OFFLINE: Selenium Manager must not look for a driver online; the Debian one is named explicitly.
rc=0
env PYTHONDONTWRITEBYTECODE=1 E2E_GATEWAY_URL="$GATEWAY" E2E_SCREENSHOT_DIR="$SHOTS" SE_OFFLINE=true \
    CHROMIUM_BIN="$(command -v chromium)" CHROMEDRIVER_BIN="$(command -v chromedriver)" \
    "$VENV/bin/python" -m pytest -p no:cacheprovider -rs Tests/e2e "${flags[@]}" || rc=$?
if [ "$rc" != 0 ] && compgen -G "$SHOTS/*.png" >/dev/null; then
    say "screenshots of the failures:"
    ls -1 "$SHOTS"/*.png | sed 's/^/    /' >&2
fi
exit "$rc"
