#!/usr/bin/env python3
"""The table of docs/performance-load.md from a run-matrix directory: one row per OUT_DIR/<run>/result.json.
  ops/perf/summarize.py OUT_DIR
"""
import json
import sys
from pathlib import Path

def live_heap_per_connection(name, r):
    if "pool_live_heap_mb" not in r or not r["pool_connections"]:
        return "–"
    return f"{(r['pool_live_heap_mb'] - r['pool_idle_live_heap_mb']) * 1024 / r['pool_connections']:.1f}"


def conn_errors(r):
    c = r["client"]
    errors = {k: v for k, v in (c.get("errors") or {}).items() if v}
    text = str(c["connects_failed"])
    if errors:
        text += " (" + ", ".join(f"{k} {v}" for k, v in errors.items()) + ")"
    return text


def fmt(v):
    if v is None:
        return "–"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


COLUMNS = [
    ("run", lambda n, r: n),
    ("miners", lambda n, r: f"{r['args']['miners']:,}"),
    ("held", lambda n, r: f"{r['pool_connections']:,.0f}"),
    ("rate/miner/min", lambda n, r: f"{r['args']['rate']:g}"),
    ("s (window)", lambda n, r: f"{r['args']['duration']:g} ({r['window_s']:g})"),
    ("shares/s client", lambda n, r: f"{r['client']['steady_shares_per_s']:,.0f}"),
    ("shares/s pool", lambda n, r: f"{r['server_shares_per_s']:,.0f}"),
    ("client p50/p95/p99 ms", lambda n, r: "/".join(fmt(r["client_latency_ms"].get(k)) for k in ("p50", "p95", "p99"))),
    ("client max ms", lambda n, r: fmt(r["client_latency_ms"].get("max"))),
    ("pool p50/p99 ms", lambda n, r: "/".join(fmt(r["server_latency_ms"].get(k)) for k in ("p50", "p99"))),
    ("pool RSS MB (idle)", lambda n, r: f"{r['pool_rss_mb']:.0f} ({r['pool_idle_rss_mb']:.0f})"),
    ("RSS KB/conn", lambda n, r: fmt(r["pool_rss_per_connection_kb"])),
    ("live heap KB/conn", live_heap_per_connection),
    ("pool CPU % (idle)", lambda n, r: f"{r['pool_cpu_pct']:.0f} ({fmt(r.get('pool_idle_cpu_pct'))})"),
    ("pool CPU % per 1k/s", lambda n, r: fmt(r["pool_cpu_pct_per_1k_shares_s"])),
    ("pool µs CPU/share", lambda n, r: fmt(r["pool_cpu_us_per_share"])),
    ("loadgen CPU %", lambda n, r: f"{r['loadgen_cpu_pct']:.0f}"),
    ("other cores", lambda n, r: f"{r['other_cpu_cores']:.2f}" + (" (disturbed)" if r.get("disturbed") else "")),
    ("GC in window", lambda n, r: f"{r['pool_gc_in_window']['collections']:.0f} / {1000 * r['pool_gc_in_window']['seconds']:.0f} ms"),
    ("conn errors", lambda n, r: conn_errors(r)),
]



def main():
    root = Path(sys.argv[1])
    rows = []
    for result in sorted(root.glob("*/result.json"), key=lambda p: p.stat().st_mtime):
        r = json.loads(result.read_text())
        rows.append([f(result.parent.name, r) for _, f in COLUMNS])
    print("| " + " | ".join(c for c, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
