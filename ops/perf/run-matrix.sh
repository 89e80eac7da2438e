#!/usr/bin/env bash
# The runs behind docs/performance-load.md, one after the other (about 45 min on a quiet machine,
# longer when other work forces repeats).
#   ops/perf/run-matrix.sh [OUT_DIR] [RUN_NAME...]
# Builds tbg.jar (offline, tests skipped; never `mvn install`), copies it to OUT_DIR so a rebuild by
# someone else cannot change it mid-run, records the machine, then runs ops/perf/loadrun.py per
# configuration. Each run starts a fresh `tbg demo --threads 0` (devnet + pool), waits for the machine
# to be quiet and repeats a run that other work disturbed (see loadrun.py --help). Every figure lands in
# OUT_DIR/<run>/result.json; ops/perf/summarize.py OUT_DIR prints the table.
# Give run names to run only those (e.g. `run-matrix.sh /tmp/p hold-10k rate-10k`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-/tmp/tbg-perf/$(date +%Y%m%d-%H%M%S)}"
shift || true
mkdir -p "$out"

# Both processes inherit this; a container may cap the hard limit below what we ask for.
ulimit -n "$(ulimit -Hn)"

if [[ ! -f "$out/tbg.jar" ]]; then
  (cd "$root" && mvn -q -B -o -pl tbg-app -am -DskipTests package)
  cp "$root/tbg-app/target/tbg.jar" "$out/tbg.jar"
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "git: $(git -C "$root" rev-parse --short HEAD) ($(git -C "$root" status --porcelain | wc -l) changed files)"
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|Hypervisor vendor|CPU\(s\)|Thread|Core)'
  free -m | head -2
  java -version 2>&1 | head -2
  echo "ulimit -n: soft $(ulimit -n) hard $(ulimit -Hn)"
  sysctl fs.file-max fs.nr_open net.ipv4.ip_local_port_range net.core.somaxconn 2>/dev/null
  uname -r
} > "$out/machine.txt"

run() { # NAME loadrun.py-args...
  local name=$1
  shift
  if [[ ${#selected[@]} -gt 0 && ! " ${selected[*]} " =~ " $name " ]]; then
    return
  fi
  echo "== $name: $*"
  python3 "$root/ops/perf/loadrun.py" --jar "$out/tbg.jar" --out "$out/$name" "$@" || echo "!! $name failed"
}
selected=("$@")

POOL="-Xms256m -Xmx1g"        # the pool's JVM: G1 (default), heap up to 1 GB
SMALL="-Xms16m -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -Xss512k -XX:MaxMetaspaceSize=64m"
LG="-Xmx1g"                   # the load generator's JVM

# Connections held (RSS and live heap per connection), 1 share/min per miner.
run hold-1k      --miners 1000  --rate 1 --duration 60  --ramp 10 --warmup 30 --live-heap --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
run hold-10k     --miners 10000 --rate 1 --duration 90  --ramp 30 --warmup 50 --live-heap --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
run hold-max     --miners 19500 --rate 1 --duration 120 --ramp 60 --warmup 80 --live-heap --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
# The same from four loopback source addresses (what a run past ~28k connections per address needs).
run hold-max-4src --miners 19500 --rate 1 --duration 120 --ramp 60 --warmup 80 --source-addresses 127.0.0.2-127.0.0.5 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"

# The latency target: 10k miners, 1,000 shares/s in total (6 per miner per minute).
run rate-1k-10k  --miners 10000 --rate 6 --duration 120 --ramp 30 --warmup 60 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
run rate-1k-19k  --miners 19500 --rate 3.08 --duration 120 --ramp 50 --warmup 70 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"

# Throughput: 2,000 miners, rising rates (shares/s = 2000 x rate / 60).
for r in 150 300 450 600 750 900; do
  run "rate-$((r * 2000 / 60))" --miners 2000 --rate "$r" --duration 60 --ramp 5 --warmup 30 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
done

# The memory target: 1k miners at the stress profile's 20 shares/min, pool on a small JVM.
run small-1k     --miners 1000 --rate 20 --duration 60 --ramp 10 --warmup 30 --pool-java-opts="$SMALL" --loadgen-java-opts="$LG"
run default-1k   --miners 1000 --rate 20 --duration 60 --ramp 10 --warmup 30 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"

# The pool alone in its process (tbg pool -c against a bcoin regtest node), when bcoin is installed
# (./tbg test installs it into .cache/bcoin): the demo's embedded chain is not in these figures.
bcoin="${TBG_CACHE_DIR:-$root/.cache}/bcoin"
if [[ -d $bcoin/node_modules/bcoin ]]; then
  run pool-small-1k   --bcoin "$bcoin" --miners 1000  --rate 20 --duration 60  --ramp 10 --warmup 30 --live-heap --pool-java-opts="$SMALL" --loadgen-java-opts="$LG"
  run pool-default-1k --bcoin "$bcoin" --miners 1000  --rate 20 --duration 60  --ramp 10 --warmup 30 --live-heap --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
  run pool-rate-1k-10k --bcoin "$bcoin" --miners 10000 --rate 6 --duration 120 --ramp 30 --warmup 60 --pool-java-opts="$POOL" --loadgen-java-opts="$LG"
else
  echo "no bcoin in $bcoin: skipping the standalone-pool runs (scripts/install-bcoin.sh installs it)"
fi

python3 "$root/ops/perf/summarize.py" "$out" | tee "$out/summary.md"
