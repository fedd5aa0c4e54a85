#!/usr/bin/env python3
"""Latency percentiles (ms) from pgbench --log files: the third column is the latency in µs."""
import json
import math
import sys

latencies = []
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2].isdigit():
                latencies.append(int(parts[2]) / 1000.0)
latencies.sort()


def pct(p):
    if not latencies:
        return None
    return round(latencies[max(0, math.ceil(p / 100 * len(latencies)) - 1)], 3)


print(json.dumps({
    "queries": len(latencies),
    "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99),
    "max_ms": round(latencies[-1], 3) if latencies else None,
    "mean_ms": round(sum(latencies) / len(latencies), 3) if latencies else None,
}))
