#!/usr/bin/env python3
"""Renders docs/benchmarks/nearby.json as the nearby section of docs/benchmarks.md
(between the markers <!-- nearby:start --> and <!-- nearby:end -->)."""
import json
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "docs/benchmarks/nearby.json"
doc_path = sys.argv[2] if len(sys.argv) > 2 else "docs/benchmarks.md"
data = json.load(open(src))


def fmt(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def size(n):
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def paced(r):
    p = r.get("http_paced")
    return "–" if not p else f"{p['rps']:.0f}, {p['p50_ms']:.2f} / {p['p99_ms']:.2f}"


lines = []
m = data["machine"]
lines.append(f"Measured {data['date']} on {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}; "
             f"{m['postgres']} ({m.get('postgres_settings', '')}); {m['java']}. Command: `{data['command']}`.")
lines.append("")
lines.append("Latencies in ms (p50 / p99), one client unless said; HTTP under wrk with 8 connections, backend at -Xmx512m; "
             "'× SQL' is the layer's p50 over the bare query's p50. 'HTTP at 1,500/s' is the same endpoint with the load paced "
             "to about 1,500 requests per second (each connection waits between requests), the rate the target names.")
lines.append("")
lines.append("| rows | filter | SQL p50 / p99 | SQL tps (8 clients) | Java p50 / p99 | × SQL | HTTP req/s | HTTP p50 / p99 | HTTP at 1,500/s: req/s, p50 / p99 | backend RSS MB | naive p50 | naive ÷ SQL |")
lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in data["results"]:
    sql, java, http, naive, tps = r["sql"], r["java"], r["http"], r["naive"], r["sql_8_clients"]
    ratio = java["p50_ms"] / sql["p50_ms"] if sql["p50_ms"] else None
    speedup = naive["p50_ms"] / sql["p50_ms"] if sql["p50_ms"] and naive["p50_ms"] else None
    lines.append(
        f"| {size(r['rows'])} | {'category' if r['variant'] == 'category' else 'none'} "
        f"| {fmt(sql['p50_ms'], 3)} / {fmt(sql['p99_ms'], 3)} | {fmt(tps['tps'], 0)} "
        f"| {fmt(java['p50_ms'], 3)} / {fmt(java['p99_ms'], 3)} | {fmt(ratio)} "
        f"| {fmt(http['rps'], 0)} | {fmt(http['p50_ms'])} / {fmt(http['p99_ms'])} "
        f"| {paced(r)} | {r['http_rss_mb']} "
        f"| {fmt(naive['p50_ms'], 1)} | {fmt(speedup, 0)}× |")

section = "\n".join(lines)
doc = open(doc_path).read()
new = re.sub(r"<!-- nearby:start -->.*?<!-- nearby:end -->",
             lambda mm: "<!-- nearby:start -->\n" + section + "\n<!-- nearby:end -->", doc, flags=re.S)
open(doc_path, "w").write(new)
print(section)
