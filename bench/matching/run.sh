#!/usr/bin/env bash
# The matching benchmark: 100,000 helpers and 1,000,000 listings (bench/nearby/load.sql for the
# listings, bench/matching/load.sql for helpers, match history and the plan's area), then
#   sql    — the statements of one ranking under pgbench (the bare database, for comparison)
#   java   — the top 20 helpers with explanations for random open requests in Haarlem (RankingService)
#   http   — GET /api/requests/{id}/helpers under wrk (8 connections), backend at -Xmx512m; the median of 3 runs
#   plan   — the city-wide suggestion for 600 waiting requests and 2,400 helpers (PlanService)
# Writes docs/benchmarks/matching.json and the matching table in docs/benchmarks.md.
#   bash bench/matching/run.sh            # HELPERS=100000 LISTINGS=1000000
#   BENCH_POOL_STUDY=only bash bench/matching/run.sh   # the candidate pool's effect on the top 20 only
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
psql_admin -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" >/dev/null
"${PSQL[@]}" -c "SELECT sum(pg_prewarm(CAST(c.oid AS regclass))) FROM pg_class c
                  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')
                    AND c.relname ~ '^(listing|participant|helper_lane|match|account|category|participant_block)'" >/dev/null

# The requests the layers rank: open requests in Haarlem (the same 20,000 as MatchingBench's).
"${PSQL[@]}" -c "
  DROP TABLE IF EXISTS bench_ranking_request;
  CREATE TABLE bench_ranking_request AS
  SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM (
    SELECT id FROM listing WHERE kind = 'REQUEST' AND status = 'OPEN'
       AND ST_Y(CAST(place AS geometry)) BETWEEN 52.345 AND 52.415 AND ST_X(CAST(place AS geometry)) BETWEEN 4.600 AND 4.690
     ORDER BY id LIMIT 20000) s;
  ALTER TABLE bench_ranking_request ADD PRIMARY KEY (n);
  ANALYZE bench_ranking_request;" >/dev/null
requests=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_ranking_request")

# BENCH_POOL_STUDY=1 (or "only"): how the candidate pool changes the top 20 and the time, written
# to docs/benchmarks/matching-pool.json ("only" stops after it).
if [[ -n "${BENCH_POOL_STUDY:-}" ]]; then
  log "pool study: the top 20 with each candidate pool against a pool of 2,000"
  java -Xmx512m -cp "$CP" nl.noaber.bench.MatchingBench pool "$URL" "${BENCH_POOL_REQUESTS:-1000}" 2>"$WORK/pool.err" \
    | sed -n '/^\[/,/\]$/p' >docs/benchmarks/matching-pool.json
  cat docs/benchmarks/matching-pool.json >&2
  [[ "$BENCH_POOL_STUDY" != only ]] || exit 0
fi

# The bare database: the two statements one ranking sends (the request by primary key, then
# CandidateRepository's candidates statement, its text printed by MatchingBench), under pgbench
# with prepared statements: one client for the latency, eight (as wrk) for the ceiling.
log "sql: the ranking's statements under pgbench"
java -cp "$CP" nl.noaber.bench.MatchingBench pgbench "$URL" 2>"$WORK/pgbench.err" | grep -v '^[0-9][0-9]:' >"$WORK/ranking.pgbench"
pgb() { (cd "$WORK" && PGPASSWORD=noaber pgbench -h 127.0.0.1 -U noaber -n -M prepared -D requests="$requests" \
           -f ranking.pgbench "$@" "$DB"); }
pgb -c 1 -T 10 >/dev/null
pgb -c 1 -T "$SECONDS_PER_RUN" -l --log-prefix=one >"$WORK/pgbench-one.out"
pgb -c 8 -j 2 -T "$SECONDS_PER_RUN" -l --log-prefix=eight >"$WORK/pgbench-eight.out"
sql_rank=$(python3 - "$WORK" <<'PY'
import glob, json, re, sys
def run(prefix):
    lat = sorted(int(line.split()[2]) for f in glob.glob(f"{sys.argv[1]}/{prefix}.*") for line in open(f))
    out = open(f"{sys.argv[1]}/pgbench-{prefix}.out").read()
    pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p / 100))] / 1000
    return {"transactions": len(lat), "tps": float(re.search(r"tps = ([0-9.]+)", out).group(1)),
            "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": lat[-1] / 1000}
print(json.dumps({"one_client": run("one"), "eight_clients": run("eight")}))
PY
)
echo "$sql_rank" >&2

log "java: ranking"
java_rank=$(java -Xmx512m -cp "$CP" nl.noaber.bench.MatchingBench ranking "$URL" 5000 2>"$WORK/java.err" | grep '^{' | tail -n 1)
echo "$java_rank" >&2
log "java: city-wide plan"
java_plan=$(java -Xmx512m -cp "$CP" nl.noaber.bench.MatchingBench plan "$URL" 10 2>"$WORK/plan.err" | grep '^{' | tail -n 1)
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
# Three measured runs; the one with the median throughput is reported (runs on this machine vary).
for run in 1 2 3; do
  WRK_TOKEN=$token WRK_IDS="$WORK/ids.txt" wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" -s bench/matching/helpers.lua \
    "http://localhost:$PORT" | tail -n 1 >>"$WORK/http-runs.jsonl"
done
http=$(python3 - "$WORK/http-runs.jsonl" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
median = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
median["runs_rps"] = [r["rps"] for r in runs]
print(json.dumps(median))
PY
)
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
    "sql_ranking": $sql_rank, "java_ranking": $java_rank, "http_ranking": $http, "http_rss_mb": $(( rss_kb / 1024 )), "java_plan": $java_plan,
}
json.dump(doc, open(sys.argv[1], "w"), indent=2)
print("wrote", sys.argv[1])
PY
python3 bench/matching/report.py "$OUT" docs/benchmarks.md
