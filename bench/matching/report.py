#!/usr/bin/env python3
"""Renders docs/benchmarks/matching.json as the matching section of docs/benchmarks.md
(between the markers <!-- matching:start --> and <!-- matching:end -->)."""
import json
import re
import sys

doc = json.load(open(sys.argv[1]))
m = doc["machine"]
r, h, p = doc["java_ranking"], doc["http_ranking"], doc["java_plan"]
q1 = doc.get("sql_ranking", {}).get("one_client")
q8 = doc.get("sql_ranking", {}).get("eight_clients")
ok = lambda b: "yes" if b else "no"
lines = [
    f"Measured {doc['date']} on {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB; {m['postgres']} "
    f"(shared_buffers {m['shared_buffers']}); {m['java']}. Command: `{doc['command']}`. "
    f"{doc['helpers']:,} helpers, {doc['listings']:,} listings.",
    "",
    "| layer | figure | target | met |",
    "|---|---|---|---|",
    *([f"| SQL (bare database): one ranking's statements under pgbench, 1 client p50 / p99 | "
       f"{q1['p50_ms']:.2f} / {q1['p99_ms']:.2f} ms; 8 clients: {q8['tps']:,.0f} rankings/s, p99 {q8['p99_ms']:.1f} ms "
       f"| the limit for the rows below | – |"] if q1 else []),
    f"| Java: top 20 helpers, p50 / p99 | {r['p50_ms']:.2f} / {r['p99_ms']:.2f} ms (mean {r['meanCandidates']:.1f} candidates shown) "
    f"| ≤ 3 / ≤ 15 ms | {ok(r['p50_ms'] <= 3 and r['p99_ms'] <= 15)} |",
    f"| HTTP under wrk (8 connections) | {h['rps']:,.0f} req/s, p50 {h['p50_ms']:.1f} / p99 {h['p99_ms']:.1f} ms, "
    f"{h['non2xx'] + h['errors']} errors, RSS {doc['http_rss_mb']} MB"
    + (f" (the median of {len(h['runs_rps'])} runs: {', '.join(f'{x:,.0f}' for x in h['runs_rps'])} req/s)" if 'runs_rps' in h else "")
    + f" | ≥ 1,000 req/s, p99 ≤ 50 ms at -Xmx512m "
    f"| {ok(h['rps'] >= 1000 and h['p99_ms'] <= 50 and h['non2xx'] + h['errors'] == 0)} |",
    f"| city-wide plan: {p['waitingRequests']} waiting requests, {p['helpersConsidered']:,} helpers | "
    f"median {p['p50_ms'] / 1000:.2f} s, max {p['max_ms'] / 1000:.2f} s; {p['matched']} matched, "
    f"mean distance {p['meanDistanceMetres']:.0f} m | ≤ 2 s | {ok(p['max_ms'] <= 2000)} |",
]
table = "\n".join(lines)
md = open(sys.argv[2]).read()
block = "<!-- matching:start -->\n" + table + "\n<!-- matching:end -->"
if "<!-- matching:start -->" in md:
    md = re.sub(r"<!-- matching:start -->.*?<!-- matching:end -->", block, md, flags=re.S)
else:
    md = md.rstrip("\n") + "\n\n## Matching\n\nThe ranking of helpers for one request and the city-wide plan " \
         "(issue 10), from `bash bench/matching/run.sh`.\n\n### Latest figures\n\n" + block + "\n"
open(sys.argv[2], "w").write(md)
print("updated", sys.argv[2])
