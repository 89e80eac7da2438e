#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs are installed for the integration tests
# (org.tbg.testkit.PostgresServer).
#
# Usage: scripts/install-postgres.sh
# The last line printed is the bin dir holding initdb, pg_ctl and postgres; pass it to Maven as
# -Dtbg.pg.bin=DIR. Idempotent: when Debian's /usr/lib/postgresql/<version>/bin holds them nothing
# is installed. Otherwise it runs `apt-get update` and `apt-get install -y --no-install-recommends
# postgresql` (Debian; needs root or sudo). The tests run their own clusters (initdb) on loopback;
# the package's own cluster is not used. As root, the tests run the server as the `postgres`
# system user the package creates (initdb and postgres refuse to run as root).
set -euo pipefail

log() { echo "install-postgres: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The newest Debian version dir with all three programs.
find_bin_dir() {
    local dir
    while read -r dir; do
        [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] && { echo "$dir"; return 0; }
    done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -rn)
    return 1
}

check_user() {
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root, the tests need the 'postgres' system user to run the server; reinstall the postgresql package"
    fi
}

if bin_dir="$(find_bin_dir)"; then
    check_user
    log "PostgreSQL already installed: $("$bin_dir/postgres" --version)"
    echo "$bin_dir"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is missing; install PostgreSQL 13+ by hand"
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
else
    die "PostgreSQL is not installed and installing it needs root (or sudo)"
fi

log "installing postgresql with apt-get"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get may hold the dpkg lock for a while: wait for it rather than fail.
apt_opts=(-o DPkg::Lock::Timeout=300)
"${as_root[@]}" apt-get "${apt_opts[@]}" update >&2 || die "apt-get update failed"
"${as_root[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends postgresql >&2 \
    || die "apt-get install postgresql failed"

# The package may create and start a "main" cluster on :5432; the tests never use it, so it is
# left alone (as install-redis.sh leaves the packaged redis-server).
bin_dir="$(find_bin_dir)" || die "initdb/pg_ctl/postgres still not found under /usr/lib/postgresql after apt-get install"
check_user
log "installed $("$bin_dir/postgres" --version)"
echo "$bin_dir"
