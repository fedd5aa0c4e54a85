#!/usr/bin/env bash
# The matching benchmark: 100,000 helpers and 1,000,000 listings (bench/nearby/load.sql for the
# listings, bench/matching/load.sql for helpers, match history and the plan's area), then
#   java   — the top 20 helpers with explanations for random open requests in Haarlem (RankingService)
#   http   — GET /api/requests/{id}/helpers under wrk (8 connections), backend at -Xmx512m
#   plan   — the city-wide suggestion for 600 waiting requests and 2,400 helpers (PlanService)
# Writes docs/benchmarks/matching.json and the matching table in docs/benchmarks.md.
#   bash bench/matching/run.sh            # HELPERS=100000 LISTINGS=1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

HELPERS=${HELPERS:-100000}
LISTINGS=${LISTINGS:-1000000}
DB=noaber_bench
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
PORT=18081
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
WARMUP_SECONDS=${BENCH_WARMUP:-60}
OUT=docs/benchmarks/matching.json
source bench/lib.sh
bench_provision

start_server   # migrations and reference data
stop_server

log "loading $LISTINGS listings"
"${PSQL[@]}" -v rows="$LISTINGS" -f bench/nearby/load.sql >"$WORK/load.out"
log "loading $HELPERS helpers, match history and the plan's area"
start=$(date +%s)
"${PSQL[@]}" -v helpers="$HELPERS" -f bench/matching/load.sql | tail -n 3
load_s=$(( $(date +%s) - start ))
"${PSQL[@]}" -c "SELECT pg_prewarm('listing'), pg_prewarm('participant'), pg_prewarm('helper_skill'), pg_prewarm('match')" >/dev/null 2>&1 || true

log "java: ranking"
java_rank=$(java -Xmx512m -cp "$CP" nl.noaber.bench.MatchingBench ranking "$URL" 5000 2>"$WORK/java.err" | tail -n 1)
echo "$java_rank" >&2
log "java: city-wide plan"
java_plan=$(java -Xmx512m -cp "$CP" nl.noaber.bench.MatchingBench plan "$URL" 10 2>"$WORK/plan.err" | tail -n 1)
echo "$java_plan" >&2

log "http: ranking under wrk"
start_server
email="bench-rank-$RANDOM$RANDOM@bench.noaber.nl"
registered=$(curl -sf -XPOST "localhost:$PORT/api/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Bench-Wachtwoord-2026\",\"displayName\":\"Bench\"}")
pid=$(echo "$registered" | python3 -c 'import json,sys; print(json.load(sys.stdin)["participantId"])')
# The resident owns 5,000 open requests in Haarlem, so they may rank helpers for them.
"${PSQL[@]}" -tAc "
  UPDATE listing SET participant_id = $pid WHERE id IN (
    SELECT id FROM listing WHERE kind = 'REQUEST' AND status = 'OPEN'
       AND ST_Y(CAST(place AS geometry)) BETWEEN 52.345 AND 52.415 AND ST_X(CAST(place AS geometry)) BETWEEN 4.600 AND 4.690
     ORDER BY id LIMIT 5000) RETURNING id" >"$WORK/ids.txt"
token=$(curl -sf -XPOST "localhost:$PORT/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Bench-Wachtwoord-2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
WRK_TOKEN=$token WRK_IDS="$WORK/ids.txt" wrk -t2 -c8 -d"${WARMUP_SECONDS}s" -s bench/matching/helpers.lua "http://localhost:$PORT" >/dev/null
http=$(WRK_TOKEN=$token WRK_IDS="$WORK/ids.txt" wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" -s bench/matching/helpers.lua "http://localhost:$PORT" | tail -n 1)
rss_kb=$(ps -o rss= -p "$SERVER" | tr -d ' ')
stop_server
echo "$http" >&2

python3 - "$OUT" <<PY
import json, os, platform, subprocess, sys, datetime
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
mem = subprocess.run(["sh", "-c", "free -g | awk '/Mem:/ {print \$2}'"], capture_output=True, text=True).stdout.strip()
pg = subprocess.run(["sh", "-c", "psql --version"], capture_output=True, text=True).stdout.strip()
java = subprocess.run(["sh", "-c", "java -version 2>&1 | head -n 1"], capture_output=True, text=True).stdout.strip()
doc = {
    "benchmark": "matching: top 20 helpers for a request, and the city-wide plan",
    "command": "bash bench/matching/run.sh",
    "date": datetime.date.today().isoformat(),
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "os": platform.platform(), "postgres": pg, "java": java,
                "shared_buffers": "$SHARED_BUFFERS"},
    "helpers": $HELPERS, "listings": $LISTINGS, "load_s": $load_s,
    "java_ranking": $java_rank, "http_ranking": $http, "http_rss_mb": $(( rss_kb / 1024 )), "java_plan": $java_plan,
}
json.dump(doc, open(sys.argv[1], "w"), indent=2)
print("wrote", sys.argv[1])
PY
python3 bench/matching/report.py "$OUT" docs/benchmarks.md
