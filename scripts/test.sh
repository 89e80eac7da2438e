#!/usr/bin/env bash
# Every test of the project: unit tests (*Test, surefire) and integration tests (*IT, failsafe)
# against real servers on loopback: a bcoin regtest node, redis-server, PostgreSQL and
# nats-server -js, plus promtool for the alerting rules. scripts/install-{bcoin,redis,postgres,
# nats,promtool}.sh install them (once; Debian packages via apt-get, bcoin via npm into .cache) and
# print where they are; the tests start and stop their own server processes in temp directories.
# Extra arguments go to Maven (e.g. -o, -pl tbg-pool -am). Exit status: non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Per-module counts from the XML reports of this run.
summary() {
  local kind dir module tests failures errors skipped
  echo
  echo "== test summary =="
  printf '%-14s %-12s %6s %9s %7s %8s\n' module kind tests failures errors skipped
  for dir in */target/surefire-reports */target/failsafe-reports; do
    [[ -d $dir ]] || continue
    module="${dir%%/*}"
    kind="unit"; [[ $dir == *failsafe* ]] && kind="integration"
    read -r tests failures errors skipped < <(
      cat "$dir"/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*' | awk '
        { for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/"/, "", kv[2]); v[kv[1]] += kv[2] } }
        END { printf "%d %d %d %d\n", v["tests"], v["failures"], v["errors"], v["skipped"] }')
    printf '%-14s %-12s %6d %9d %7d %8d\n' "$module" "$kind" "$tests" "$failures" "$errors" "$skipped"
  done
}

installer="scripts/install-bcoin.sh"
if [[ ! -f $installer ]]; then
  # Unit tests still run, so the rest of the change can be judged; the run fails all the same.
  echo "test.sh: $installer is missing, so there is no bcoin node: running unit tests only" >&2
  rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports
  mvn -B -ntp test "$@" || true
  summary
  echo "test.sh: FAILED: integration tests did not run ($installer is missing)" >&2
  exit 1
fi

echo "== installing the bcoin test node ($installer) =="
install_log="$(mktemp)"
trap 'rm -f "$install_log"' EXIT
bash "$installer" </dev/null | tee "$install_log" || { echo "test.sh: $installer failed" >&2; exit 1; }
bcoin_dir="$(tail -n 1 "$install_log")"
if [[ ! -d $bcoin_dir ]]; then
  echo "test.sh: $installer did not end with the bcoin install directory (got: '$bcoin_dir')" >&2
  exit 1
fi

# Runs an installer whose last output line names what it installed; prints that line.
install_tool() {
  local what=$1 script=$2 out
  echo "== installing $what ($script) ==" >&2
  out="$(bash "$script" </dev/null)" || { echo "test.sh: $script failed" >&2; return 1; }
  echo "$out" >&2
  tail -n 1 <<<"$out"
}

redis_server="$(install_tool "the redis test server" scripts/install-redis.sh)" || exit 1
[[ -x $redis_server ]] || { echo "test.sh: scripts/install-redis.sh did not end with the redis-server path (got: '$redis_server')" >&2; exit 1; }
pg_bin="$(install_tool "the PostgreSQL test server" scripts/install-postgres.sh)" || exit 1
[[ -x $pg_bin/initdb && -x $pg_bin/postgres ]] || { echo "test.sh: scripts/install-postgres.sh did not end with the PostgreSQL bin dir (got: '$pg_bin')" >&2; exit 1; }
nats_server="$(install_tool "the NATS test server" scripts/install-nats.sh)" || exit 1
[[ -x $nats_server ]] || { echo "test.sh: scripts/install-nats.sh did not end with the nats-server path (got: '$nats_server')" >&2; exit 1; }
promtool="$(install_tool "promtool" scripts/install-promtool.sh)" || exit 1
[[ -x $promtool ]] || { echo "test.sh: scripts/install-promtool.sh did not end with the promtool path (got: '$promtool')" >&2; exit 1; }

echo "== mvn verify (bcoin at $bcoin_dir, redis-server at $redis_server, PostgreSQL in $pg_bin, nats-server at $nats_server, promtool at $promtool) =="
rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports
status=0
mvn -B -ntp verify -Dtbg.bcoin.dir="$bcoin_dir" -Dtbg.redis.server="$redis_server" -Dtbg.pg.bin="$pg_bin" \
  -Dtbg.nats.server="$nats_server" -Dtbg.promtool="$promtool" -Dsurefire.printSummary=true "$@" || status=$?
summary
if (( status != 0 )); then
  echo "test.sh: FAILED (mvn exit $status)" >&2
  exit "$status"
fi
echo "test.sh: all tests passed"
