#!/usr/bin/env bash
# Makes sure promtool is installed, to check the Prometheus alerting rules in the tests
# (`promtool check rules`).
#
# Usage: scripts/install-promtool.sh
# The last line printed is the absolute path of promtool; pass it to Maven as -Dtbg.promtool=...
# Idempotent: when promtool is already installed nothing is installed. Otherwise it runs
# `apt-get update` and `apt-get install -y --no-install-recommends prometheus` (Debian's package
# ships promtool with the server; needs root or sudo). Only promtool is wanted: the Prometheus
# service the package may start is stopped and disabled.
set -euo pipefail

log() { echo "install-promtool: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

find_promtool() {
    command -v promtool 2>/dev/null && return 0
    [[ -x /usr/bin/promtool ]] && { echo /usr/bin/promtool; return 0; }
    return 1
}

version() { "$1" --version 2>&1 | head -n 1; }

if tool="$(find_promtool)"; then
    log "promtool already installed: $(version "$tool")"
    echo "$tool"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "promtool is not installed and apt-get is missing; install Prometheus's promtool by hand"
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    die "promtool is not installed and installing it needs root (or sudo)"
fi

log "installing prometheus (for promtool) with apt-get"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get may hold the dpkg lock for a while: wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=300)
"${as_root[@]}" apt-get "${apt_opts[@]}" update >&2 || die "apt-get update failed"
"${as_root[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends prometheus >&2 \
    || die "apt-get install prometheus failed"

# The package starts the server (:9090) through systemd or its init script unless policy-rc.d
# forbids it (as in containers). Stop and disable it either way: the tests only run promtool.
if [[ -d /run/systemd/system ]]; then
    "${as_root[@]}" systemctl disable --now prometheus.service >&2 || log "could not stop prometheus.service"
elif [[ -x /etc/init.d/prometheus ]]; then
    "${as_root[@]}" /etc/init.d/prometheus stop >&2 || log "could not stop the prometheus init service"
    if command -v update-rc.d >/dev/null 2>&1; then
        "${as_root[@]}" update-rc.d prometheus disable >/dev/null 2>&1 || true
    fi
fi
if pids="$(pgrep -u prometheus -x prometheus)"; then
    log "WARNING: the packaged Prometheus server is still running (pid $(echo $pids)); stop it by hand"
fi

tool="$(find_promtool)" || die "promtool still not found after apt-get install"
log "installed $(version "$tool")"
echo "$tool"
