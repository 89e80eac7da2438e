#!/usr/bin/env bash
# Makes sure a NATS server (JetStream capable, 2.9+) is installed for the integration tests
# (org.tbg.testkit.NatsServer).
#
# Usage: scripts/install-nats.sh
# The last line printed is the absolute path of nats-server; pass it to Maven as -Dtbg.nats.server=...
# Idempotent: when nats-server is already installed nothing is installed. Otherwise it runs
# `apt-get update` and `apt-get install -y --no-install-recommends nats-server` (Debian; needs root
# or sudo). The tests start their own nats-server processes on loopback; the system service that
# the package enables under systemd is stopped and disabled.
set -euo pipefail

log() { echo "install-nats: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Debian installs it as /usr/sbin/nats-server, which is not on every user's PATH.
find_nats() {
    command -v nats-server 2>/dev/null && return 0
    [[ -x /usr/sbin/nats-server ]] && { echo /usr/sbin/nats-server; return 0; }
    [[ -x /usr/bin/nats-server ]] && { echo /usr/bin/nats-server; return 0; }
    return 1
}

if server="$(find_nats)"; then
    log "nats-server already installed: $("$server" --version)"
    echo "$server"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "nats-server is not installed and apt-get is missing; install nats-server 2.9+ by hand"
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    die "nats-server is not installed and installing it needs root (or sudo)"
fi

log "installing nats-server with apt-get"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get may hold the dpkg lock for a while: wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=300)
"${as_root[@]}" apt-get "${apt_opts[@]}" update >&2 || die "apt-get update failed"
"${as_root[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends nats-server >&2 \
    || die "apt-get install nats-server failed"

# Under systemd the package starts a server on :4222 at once; the tests never use it.
if [[ -d /run/systemd/system ]]; then
    "${as_root[@]}" systemctl disable --now nats-server.service >&2 || log "could not stop nats-server.service; stop it by hand"
fi

server="$(find_nats)" || die "nats-server still not found after apt-get install"
log "installed $("$server" --version)"
echo "$server"
