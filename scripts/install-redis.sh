#!/usr/bin/env bash
# Makes sure a Redis server is installed for the integration tests (*IT in tbg-pool's state package).
#
# Usage: scripts/install-redis.sh
# The last line printed is the absolute path of redis-server; pass it to Maven as -Dtbg.redis.server=...
# Idempotent: when redis-server is already on PATH nothing is installed. Otherwise it runs
# `apt-get update` once and `apt-get install -y redis-server` (Debian; needs root or sudo).
# The tests start their own redis-server processes on loopback; the system service is not used.
set -euo pipefail

log() { echo "install-redis: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Debian puts redis-server in /usr/bin, but a PATH without sbin-style dirs should still find it.
find_redis() {
    command -v redis-server 2>/dev/null && return 0
    [[ -x /usr/bin/redis-server ]] && { echo /usr/bin/redis-server; return 0; }
    return 1
}

if server="$(find_redis)"; then
    log "redis-server already installed: $("$server" --version)"
    echo "$server"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "redis-server is not on PATH and apt-get is missing; install Redis 6+ by hand"
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    die "redis-server is not on PATH and installing it needs root (or sudo)"
fi

log "installing redis-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update >&2 || die "apt-get update failed"
"${as_root[@]}" apt-get install -y --no-install-recommends redis-server >&2 || die "apt-get install redis-server failed"

# The package may start a system service on :6379; the tests never use it, so it is left alone.
server="$(find_redis)" || die "redis-server still not found after apt-get install"
log "installed $("$server" --version)"
echo "$server"
