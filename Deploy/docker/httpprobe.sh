#!/bin/bash
# httpprobe PORT [PATH] — exit 0 when http://127.0.0.1:PORT/PATH answers with status 200, else exit 1.
#
# The container health check of the DevMentor image (Deploy/docker/compose.yaml). debian:bookworm-slim has no curl
# or wget; rather than install curl (≈ 5 MB with libcurl and its TLS/HTTP2 libraries, plus their CVE stream) into
# every service container, this speaks just enough HTTP/1.1 through bash's /dev/tcp. bash is part of every Debian
# image. It checks the status line only, so it needs no parsing of headers or body.
# Kubernetes does not use it: kubelet's httpGet probes need nothing in the image.
set -euo pipefail

port="${1:?usage: httpprobe PORT [PATH]}"
path="${2:-/health}"
timeout="${HTTPPROBE_TIMEOUT:-3}"   # seconds to wait for the status line

# Connecting to a closed port fails at once (connection refused), so only the read needs a timeout.
# The braces keep bash's own "Connection refused" lines off stderr without redirecting the rest of the script.
if ! { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null; then
    echo "httpprobe: nothing listens on port ${port}" >&2
    exit 1
fi
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUser-Agent: httpprobe\r\nConnection: close\r\n\r\n' \
    "${path}" "${port}" >&3

status=""
IFS= read -r -t "${timeout}" status <&3 || true
exec 3>&-

case "${status}" in
    "HTTP/1."[01]" 200 "*) exit 0 ;;
esac
echo "httpprobe: GET ${path} on port ${port} answered: ${status%$'\r'}" >&2
exit 1
