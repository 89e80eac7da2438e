#!/usr/bin/env bash
# Every test of the project: unit tests (*Test, surefire) and integration tests (*IT, failsafe)
# against a real bcoin regtest node and a real redis-server, which scripts/install-bcoin.sh and
# scripts/install-redis.sh install (once, then cached).
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

echo "== installing the redis test server (scripts/install-redis.sh) =="
redis_log="$(mktemp)"
trap 'rm -f "$install_log" "$redis_log"' EXIT
bash scripts/install-redis.sh </dev/null | tee "$redis_log" || { echo "test.sh: scripts/install-redis.sh failed" >&2; exit 1; }
redis_server="$(tail -n 1 "$redis_log")"
if [[ ! -x $redis_server ]]; then
  echo "test.sh: scripts/install-redis.sh did not end with the redis-server path (got: '$redis_server')" >&2
  exit 1
fi

echo "== mvn verify (bcoin at $bcoin_dir, redis-server at $redis_server) =="
rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports
status=0
mvn -B -ntp verify -Dtbg.bcoin.dir="$bcoin_dir" -Dtbg.redis.server="$redis_server" -Dsurefire.printSummary=true "$@" || status=$?
summary
if (( status != 0 )); then
  echo "test.sh: FAILED (mvn exit $status)" >&2
  exit "$status"
fi
echo "test.sh: all tests passed"
