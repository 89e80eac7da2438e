#!/usr/bin/env python3
"""One measured load run: a fresh `tbg demo` (embedded devnet + pool, no built-in miner), then
`tbg loadtest` against it, while RSS and CPU of both processes and of the whole machine are
sampled from /proc and the pool's /metrics are read at the start and the end of the measuring
window. Writes DIR/result.json (every figure of the run) and prints one summary line.

The measuring window is [warm-up + 1 s, duration] after the generator started: every miner is
connected (the ramp must end within the warm-up) and both JVMs have compiled their hot paths.
Client latencies come from the generator (it leaves out submits sent during the warm-up);
server latencies are the delta of ckpool_share_processing_seconds over the window, with
quantiles interpolated inside the histogram's buckets as Prometheus' histogram_quantile does.

Standard library only; Linux only (/proc). Loopback only: the demo listens on 0.0.0.0 but the
generator connects to 127.0.0.1 (and the --source-addresses given).

Example:
  ops/perf/loadrun.py --miners 10000 --rate 6 --duration 90 --ramp 20 --warmup 40 \
      --pool-java-opts "-Xmx1g" --out /tmp/tbg-perf/10k-1k
"""
import argparse
import json
import os
import resource
import shlex
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOADTEST_ADDRESS = "bcrt1q04y39zxaqxxhvu78a73jrhl5nq4j90dx3z29ur"  # tbg loadtest's default username address
IDLE_SECONDS = 10  # the pool with no miners: its own background work (template polling, status line, metrics)
PAGE = os.sysconf("SC_PAGE_SIZE")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--miners", type=int, required=True)
    p.add_argument("--rate", type=float, required=True, help="submits per miner per minute")
    p.add_argument("--duration", type=float, required=True, help="seconds of submitting")
    p.add_argument("--ramp", type=float, required=True, help="seconds over which the connections open")
    p.add_argument("--warmup", type=float, required=True, help="seconds left out of the figures; >= ramp")
    p.add_argument("--source-addresses", default=None, help="passed to tbg loadtest (e.g. 127.0.0.2-127.0.0.9)")
    p.add_argument("--io-threads", type=int, default=0, help="generator event loop threads (0: one per core)")
    p.add_argument("--pool-java-opts", default="-Xmx1g", help="JVM flags of the pool process")
    p.add_argument("--bcoin", metavar="DIR", default=None,
                   help="instead of `tbg demo`, run `tbg pool -c` against a bcoin regtest node installed in DIR "
                        "(scripts/install-bcoin.sh puts it in .cache/bcoin): the pool alone in its process, "
                        "without the demo's embedded chain")
    p.add_argument("--loadgen-java-opts", default="-Xmx1g", help="JVM flags of the load generator")
    p.add_argument("--max-clients", type=int, default=0, help="the demo's --max-clients (0: miners + 1000)")
    p.add_argument("--pool-log-level", default="info", help="the demo's -l (info is what an operator runs)")
    p.add_argument("--port", type=int, default=3333)
    p.add_argument("--metrics-port", type=int, default=9100)
    p.add_argument("--live-heap", action="store_true",
                   help="after the window, force a full GC in the pool (jcmd GC.run) and record the live heap; "
                        "also done on the idle pool for the baseline")
    p.add_argument("--jar", default=str(ROOT / "tbg-app/target/tbg.jar"),
                   help="the tbg.jar to run; use a copy when others may rebuild the original during the run")
    p.add_argument("--quiet-cores", type=float, default=0.25,
                   help="before starting, wait until the machine's other work uses fewer cores than this (3 s average)")
    p.add_argument("--quiet-wait", type=float, default=900, help="longest wait for a quiet machine, seconds")
    p.add_argument("--max-other-cores", type=float, default=0.25,
                   help="a run during which other work used more cores than this is marked disturbed and repeated")
    p.add_argument("--attempts", type=int, default=3, help="runs at most; result.json keeps the least disturbed")
    p.add_argument("--out", required=True, help="directory for the attempts' logs and result.json")
    a = p.parse_args()
    if a.warmup < a.ramp or a.warmup + 5 > a.duration:
        p.error("need ramp <= warmup and warmup + 5 <= duration")
    return a


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 1_048_576
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    except (ValueError, OSError):
        pass
    return resource.getrlimit(resource.RLIMIT_NOFILE)


def proc_cpu_seconds(pid):
    """utime + stime of a process (all threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_rss_bytes(pid):
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE


def machine_cpu():
    """(busy, total) jiffies of all cores since boot; busy leaves out idle, iowait and steal."""
    v = cpu_fields()
    total = sum(v[:8])
    return total - v[3] - v[4] - v[7], total


def cpu_fields():
    """user nice system idle iowait irq softirq steal, jiffies of all cores since boot (/proc/stat)."""
    with open("/proc/stat") as f:
        return [int(x) for x in f.readline().split()[1:9]]


def tcp_sockstat():
    """TCP sockets in use (IPv4 + IPv6: Java opens IPv6 sockets, v4-mapped, on a dual-stack host) and the
    pages of TCP buffer memory, from /proc/net/sockstat{,6}."""
    out = {"inuse": 0, "mem": 0}
    for path, tag in (("/proc/net/sockstat", "TCP:"), ("/proc/net/sockstat6", "TCP6:")):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(tag + " "):
                        parts = line.split()[1:]
                        values = {parts[i]: int(parts[i + 1]) for i in range(0, len(parts), 2)}
                        out["inuse"] += values.get("inuse", 0)
                        out["mem"] += values.get("mem", 0)
        except OSError:
            pass
    return out


def scrape(port):
    """The pool's /metrics as {series: value}; series keep their labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, value = line.rpartition(" ")
        try:
            out[name] = float(value)
        except ValueError:
            pass
    return out


def buckets(metrics, name):
    """Cumulative histogram buckets [(upper_bound, count)] sorted by bound."""
    out = []
    prefix = name + '_bucket{le="'
    for k, v in metrics.items():
        if k.startswith(prefix):
            le = k[len(prefix):-2]
            out.append((float("inf") if le == "+Inf" else float(le), v))
    return sorted(out)


def histogram_quantile(q, cumulative):
    """Prometheus' histogram_quantile: linear inside the bucket that holds the q-th observation."""
    if not cumulative or cumulative[-1][1] <= 0:
        return None
    rank = q * cumulative[-1][1]
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in cumulative:
        if count >= rank:
            if bound == float("inf"):
                return lower_bound  # beyond the last finite bucket: its bound is all we know
            if count == lower_count:
                return bound
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / (count - lower_count)
        lower_bound, lower_count = bound, count
    return None


def delta_buckets(before, after):
    b = dict(before)
    return [(bound, count - b.get(bound, 0)) for bound, count in after]


def wait_healthy(port, proc, timeout):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the demo exited with {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the demo was not healthy within {timeout} s")


def wait_quiet(cores, longest):
    """Waits until the machine's busy cores (3 s average) drop below `cores`; returns the last average."""
    end = time.time() + longest
    while True:
        b0, _ = machine_cpu()
        time.sleep(3)
        b1, _ = machine_cpu()
        busy = (b1 - b0) / CLK_TCK / 3
        if busy < cores or time.time() > end:
            return busy


def live_heap(pid, metrics_port):
    subprocess.run(["jcmd", str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    time.sleep(0.5)
    return scrape(metrics_port).get('jvm_memory_used_bytes{area="heap"}')


class Sampler(threading.Thread):
    """Once a second: RSS and CPU seconds of both processes and the machine's busy jiffies, to samples.csv."""

    def __init__(self, pool_pid, path):
        super().__init__(daemon=True)
        self.pool_pid = pool_pid
        self.loadgen_pid = None
        self.path = path
        self.stopped = threading.Event()
        self.peak_pool_rss = 0
        self.peak_loadgen_rss = 0

    def run(self):
        t0 = time.time()
        with open(self.path, "w") as f:
            f.write("t,pool_rss_mb,pool_cpu_s,loadgen_rss_mb,loadgen_cpu_s,machine_busy_jiffies,machine_total_jiffies\n")
            while not self.stopped.wait(1.0):
                try:
                    prss, pcpu = proc_rss_bytes(self.pool_pid), proc_cpu_seconds(self.pool_pid)
                except OSError:
                    return
                lrss = lcpu = ""
                if self.loadgen_pid:
                    try:
                        lrss, lcpu = proc_rss_bytes(self.loadgen_pid), proc_cpu_seconds(self.loadgen_pid)
                        self.peak_loadgen_rss = max(self.peak_loadgen_rss, lrss)
                        lrss = f"{lrss / 2**20:.1f}"
                    except OSError:
                        lrss = lcpu = ""
                self.peak_pool_rss = max(self.peak_pool_rss, prss)
                busy, total = machine_cpu()
                f.write(f"{time.time() - t0:.1f},{prss / 2**20:.1f},{pcpu:.2f},{lrss},{lcpu},{busy},{total}\n")
                f.flush()


def snapshot(pool_pid, loadgen_pid, metrics_port):
    busy, total = machine_cpu()
    return {
        "time": time.time(),
        "metrics": scrape(metrics_port),
        "pool_cpu": proc_cpu_seconds(pool_pid),
        "pool_rss": proc_rss_bytes(pool_pid),
        "loadgen_cpu": proc_cpu_seconds(loadgen_pid),
        "loadgen_rss": proc_rss_bytes(loadgen_pid),
        "machine_busy": busy,
        "machine_total": total,
        "machine_fields": cpu_fields(),
        "sockstat": tcp_sockstat(),
    }


def main():
    a = parse_args()
    soft, hard = raise_fd_limit()
    best = None
    for attempt in range(1, a.attempts + 1):
        out = Path(a.out) / f"attempt-{attempt}"
        result = run_once(a, out, soft, hard)
        result["attempt"] = attempt
        disturbed = result["other_cpu_cores"] > a.max_other_cores
        result["disturbed"] = disturbed
        (out / "result.json").write_text(json.dumps(result, indent=2) + "\n")
        print(("DISTURBED " if disturbed else "") + summary(a, result), flush=True)
        if best is None or result["other_cpu_cores"] < best["other_cpu_cores"]:
            best = result
        if not disturbed:
            break
    (Path(a.out) / "result.json").write_text(json.dumps(best, indent=2) + "\n")


def summary(a, r):
    c, lat, srv = r["client"], r["client_latency_ms"], r["server_latency_ms"]
    return (f"{a.miners} miners x {a.rate}/min: conns {r['pool_connections']:.0f} (ok {c['connects_ok']} failed "
            f"{c['connects_failed']}) steady {c['steady_shares_per_s']}/s server {r['server_shares_per_s']}/s | client p50 "
            f"{lat.get('p50')} p95 {lat.get('p95')} p99 {lat.get('p99')} ms | server p50 {srv['p50']} p99 {srv['p99']} ms | "
            f"pool RSS {r['pool_rss_mb']} MB ({r['pool_rss_per_connection_kb']} KB/conn) CPU {r['pool_cpu_pct']}% | "
            f"loadgen CPU {r['loadgen_cpu_pct']}% | other {r['other_cpu_cores']} cores | exit {r['loadgen_exit']}")


def run_once(a, out, soft, hard):
    out.mkdir(parents=True, exist_ok=True)
    max_clients = a.max_clients or a.miners + 1000
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()

    pool_java = ["java"] + shlex.split(a.pool_java_opts) + [gc_flag(out / "pool-gc.log"), "-jar", a.jar]
    node = None
    if a.bcoin:
        node, rpc_port, api_key = start_bcoin(Path(a.bcoin), out)
        config = out / "pool.conf"
        config.write_text(json.dumps(pool_config(a, rpc_port, api_key, max_clients, out), indent=2) + "\n")
        pool_cmd = pool_java + ["pool", "-c", str(config), "-l", a.pool_log_level]
    else:
        pool_cmd = pool_java + ["demo", "--threads", "0", "--port", str(a.port), "--metrics-port", str(a.metrics_port),
                                "--block-time", "600", "--max-clients", str(max_clients), "--log-dir", str(out / "demo-logs"),
                                "-l", a.pool_log_level]
    loadgen_cmd = (["java"] + shlex.split(a.loadgen_java_opts) + [gc_flag(out / "loadgen-gc.log")] + ["-jar", a.jar, "loadtest",
                   "--miners", str(a.miners), "--rate", str(a.rate), "--duration", str(a.duration),
                   "--ramp", str(a.ramp), "--warmup", str(a.warmup), "--io-threads", str(a.io_threads),
                   "--port", str(a.port), "--json", str(out / "loadtest.json")])
    if a.source_addresses:
        loadgen_cmd += ["--source-addresses", a.source_addresses]

    busy_before = wait_quiet(a.quiet_cores, a.quiet_wait)
    pool_log = open(out / "pool.out", "w")
    pool_start_time = time.time()
    pool = subprocess.Popen(pool_cmd, stdout=pool_log, stderr=subprocess.STDOUT, start_new_session=True)
    result = {"args": vars(a), "pool_cmd": shlex.join(pool_cmd), "loadgen_cmd": shlex.join(loadgen_cmd),
              "nofile_limit": [soft, hard], "java": java_version, "nproc": os.cpu_count(),
              "machine_busy_cores_before": round(busy_before, 2)}
    try:
        wait_healthy(a.metrics_port, pool, 120)
        time.sleep(3)  # the first template's jobs and the metrics server settle
        cpu0 = proc_cpu_seconds(pool.pid)
        time.sleep(IDLE_SECONDS)
        result["pool_idle_cpu_pct"] = round(100 * (proc_cpu_seconds(pool.pid) - cpu0) / IDLE_SECONDS, 1)
        idle_rss = proc_rss_bytes(pool.pid)
        result["pool_idle_rss_mb"] = idle_rss / 2**20
        if a.live_heap:
            result["pool_idle_live_heap_mb"] = live_heap(pool.pid, a.metrics_port) / 2**20
            idle_rss = proc_rss_bytes(pool.pid)
            result["pool_idle_rss_after_gc_mb"] = idle_rss / 2**20
        idle_sock = tcp_sockstat()

        sampler = Sampler(pool.pid, out / "samples.csv")
        sampler.start()
        lg_log = open(out / "loadtest.out", "w")
        t0 = time.time()
        pool_uptime_offset = t0 - pool_start_time
        loadgen = subprocess.Popen(loadgen_cmd, stdout=lg_log, stderr=subprocess.STDOUT, start_new_session=True)
        sampler.loadgen_pid = loadgen.pid

        time.sleep(max(0.0, t0 + a.warmup + 1 - time.time()))
        node_cpu0 = proc_cpu_seconds(node.pid) if node else 0.0
        start = snapshot(pool.pid, loadgen.pid, a.metrics_port)
        time.sleep(max(0.0, t0 + a.duration - time.time()))
        end = snapshot(pool.pid, loadgen.pid, a.metrics_port)
        node_cpu = (proc_cpu_seconds(node.pid) - node_cpu0) / (end["time"] - start["time"]) if node else 0.0
        result["node_cpu_pct"] = round(100 * node_cpu, 1)
        result["node_rss_mb"] = round(proc_rss_bytes(node.pid) / 2**20, 1) if node else None
        if a.live_heap:
            result["pool_live_heap_mb"] = live_heap(pool.pid, a.metrics_port) / 2**20
            result["pool_rss_after_gc_mb"] = proc_rss_bytes(pool.pid) / 2**20
        try:
            loadgen.wait(timeout=a.duration + 60)
        except subprocess.TimeoutExpired:
            loadgen.kill()
            loadgen.wait()
        sampler.stopped.set()
        sampler.join(5)
        result["loadgen_exit"] = loadgen.returncode
        result["pool_peak_rss_mb"] = sampler.peak_pool_rss / 2**20
        result["loadgen_peak_rss_mb"] = sampler.peak_loadgen_rss / 2**20
    finally:
        for proc in (pool, node):
            if proc is None:
                continue
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    window = end["time"] - start["time"]
    m0, m1 = start["metrics"], end["metrics"]
    hist = delta_buckets(buckets(m0, "ckpool_share_processing_seconds"), buckets(m1, "ckpool_share_processing_seconds"))
    server_shares = m1["ckpool_share_processing_seconds_count"] - m0["ckpool_share_processing_seconds_count"]
    server_rate = server_shares / window
    pool_cpu = (end["pool_cpu"] - start["pool_cpu"]) / window
    lg_cpu = (end["loadgen_cpu"] - start["loadgen_cpu"]) / window
    machine_cores = (end["machine_busy"] - start["machine_busy"]) / CLK_TCK / window
    connections = m1.get("ckpool_connections", 0)

    def gc(metrics):
        n = sum(v for k, v in metrics.items() if k.startswith("jvm_gc_collection_seconds_count"))
        s = sum(v for k, v in metrics.items() if k.startswith("jvm_gc_collection_seconds_sum"))
        return n, s

    gc0, gc1 = gc(m0), gc(m1)
    window_from, window_to = start["time"] - t0, end["time"] - t0
    result["pool_gc_pauses"] = gc_pauses(out / "pool-gc.log", window_from + pool_uptime_offset, window_to + pool_uptime_offset)
    result["loadgen_gc_pauses"] = gc_pauses(out / "loadgen-gc.log", window_from, window_to)
    report = json.loads((out / "loadtest.json").read_text()) if (out / "loadtest.json").exists() else {}
    lat = report.get("latency_ms", {})
    sock = end["sockstat"]
    result.update({
        "window_s": round(window, 1),
        "pool_connections": connections,
        "pool_authorized": m1.get("ckpool_connected_miners", 0),
        "client": {k: report.get(k) for k in ("connects_ok", "connects_failed", "peak_concurrent", "submitted",
                                               "accepted", "rejected", "shares_per_s", "steady_shares_per_s",
                                               "errors", "reconnects", "latency_samples")},
        "client_latency_ms": lat,
        "server_shares_per_s": round(server_rate, 1),
        "server_latency_ms": {
            "p50": none_or(histogram_quantile(0.50, hist), 1000),
            "p99": none_or(histogram_quantile(0.99, hist), 1000),
            "p999": none_or(histogram_quantile(0.999, hist), 1000),
            "mean": round(1000 * (m1["ckpool_share_processing_seconds_sum"] - m0["ckpool_share_processing_seconds_sum"])
                          / server_shares, 4) if server_shares else None,
        },
        "pool_rss_mb": round(end["pool_rss"] / 2**20, 1),
        "pool_rss_per_connection_kb": round((end["pool_rss"] - idle_rss) / connections / 1024, 1) if connections else None,
        "pool_cpu_pct": round(100 * pool_cpu, 1),
        "pool_cpu_pct_per_1k_shares_s": round(100 * pool_cpu / (server_rate / 1000), 2) if server_rate else None,
        "pool_cpu_us_per_share": round(1e6 * pool_cpu / server_rate, 1) if server_rate else None,
        "pool_gc_in_window": {"collections": gc1[0] - gc0[0], "seconds": round(gc1[1] - gc0[1], 3)},
        "pool_heap_used_mb": round(m1.get('jvm_memory_used_bytes{area="heap"}', 0) / 2**20, 1),
        "pool_threads": m1.get("jvm_threads_current"),
        "loadgen_cpu_pct": round(100 * lg_cpu, 1),
        "loadgen_rss_mb": round(end["loadgen_rss"] / 2**20, 1),
        "machine_cpu_cores_busy": round(machine_cores, 2),
        "other_cpu_cores": round(machine_cores - pool_cpu - lg_cpu - node_cpu, 2),
        "machine_cores_by_kind": {name: round((e - b) / CLK_TCK / window, 2) for name, b, e in
                                  zip(("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"),
                                      start["machine_fields"], end["machine_fields"])},
        "kernel_tcp": {"inuse": sock.get("inuse"), "mem_pages": sock.get("mem"),
                       "idle_mem_pages": idle_sock.get("mem")},
    })
    return result


def start_bcoin(install_dir, out):
    """A bcoin regtest node (in memory, no wallet, RPC on loopback) as the pool's node; returns (process, port, key)."""
    with socket_on_loopback() as s:
        port = s.getsockname()[1]
    key = os.urandom(12).hex()
    launcher = install_dir / "node_modules/bcoin/bin/node"
    cmd = ["node", str(launcher), "--network=regtest", "--memory=true", "--no-wallet", "--listen=false",
           "--http-host=127.0.0.1", f"--http-port={port}", f"--api-key={key}", "--workers=false",
           f"--prefix={out / 'bcoin'}", "--log-level=warning"]
    (out / "bcoin").mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(cmd, cwd=install_dir, stdout=open(out / "bcoin.out", "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    end = time.time() + 60
    while time.time() < end:
        try:
            rpc(port, key, "getblockchaininfo")
            return proc, port, key
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"bcoin exited with {proc.returncode}; see {out / 'bcoin.out'}")
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("bcoin did not answer within 60 s")


def socket_on_loopback():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    return s


def rpc(port, key, method, *params):
    import base64
    body = json.dumps({"jsonrpc": "1.0", "id": 1, "method": method, "params": list(params)}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST", headers={
        "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(f"x:{key}".encode()).decode()})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["result"]


def pool_config(a, rpc_port, api_key, max_clients, out):
    """The standalone pool's ckpool.conf: the node above, the demo's difficulty and refresh settings."""
    return {
        "btcd": [{"url": f"127.0.0.1:{rpc_port}", "auth": "x", "pass": api_key}],
        "btcaddress": LOADTEST_ADDRESS,
        "btcsig": "/TBG-perf/",
        "blockpoll": 100,
        "update_interval": 30,
        "serverurl": [f"0.0.0.0:{a.port}"],
        "mindiff": 0.0001,
        "startdiff": 1,
        "maxclients": max_clients,
        "logdir": str(out / "pool-logs"),
        "metrics_port": a.metrics_port,
    }


def gc_flag(path):
    """Unified JVM logging of every GC pause with the JVM's uptime, so pauses can be put on the run's clock."""
    return f"-Xlog:gc:file={path}:uptime"


def gc_pauses(log, since, until):
    """Stop-the-world GC pauses in a -Xlog:gc log (uptime decorations) between two uptimes, in seconds."""
    pauses = []
    try:
        lines = log.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        # [12.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 50M->10M(256M) 3.456ms
        if "Pause" not in line or not line.endswith("ms") or not line.startswith("["):
            continue
        try:
            uptime = float(line[1:line.index("s]")])
            ms = float(line.rsplit(" ", 1)[1][:-2])
        except ValueError:
            continue
        if since <= uptime <= until:
            pauses.append(ms)
    return {"count": len(pauses), "total_ms": round(sum(pauses), 1), "max_ms": round(max(pauses), 1) if pauses else 0}


def none_or(v, scale):
    return None if v is None else round(v * scale, 4)


if __name__ == "__main__":
    main()
