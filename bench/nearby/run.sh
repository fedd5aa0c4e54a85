#!/usr/bin/env bash
# The nearby-browsing benchmark, every layer in one run, at each size given (default 100k 1M 10M):
#   sql    — the repository's query in the database alone (pgbench, prepared, 1 client): the limit
#   sqltps — the same with 8 clients: the database's own throughput on this machine
#   java   — the same query from Java through NearbyRepository (1 thread)
#   http   — GET /api/requests/nearby under wrk (8 connections, 2 threads), backend at -Xmx512m
#   naive  — ORDER BY ST_Distance with no index (pgbench, 1 client)
# each without and with a category filter. Writes docs/benchmarks/nearby.json.
#
# The database is given BENCH_SHARED_BUFFERS (default 6GB, a quarter of this machine's memory,
# as a deployment would be tuned) for the run and set back afterwards; BENCH_SHARED_BUFFERS=keep
# leaves the server as it is (Debian ships 128MB).
#
#   bash bench/nearby/run.sh                  # 100000 1000000 10000000
#   bash bench/nearby/run.sh 100000 1000000   # some sizes only
#   BENCH_OUT=docs/benchmarks/x.json bash bench/nearby/run.sh 1000000   # elsewhere, table left alone
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(100000 1000000 10000000)
DB=noaber_bench
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
PORT=18080
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
WARMUP_SECONDS=${BENCH_WARMUP:-60}
PACED_RPS=${BENCH_PACED_RPS:-1500}
OUT=${BENCH_OUT:-docs/benchmarks/nearby.json}
source bench/lib.sh
bench_provision
command -v pgbench >/dev/null || apt_install postgresql-contrib
DB_SETTINGS=$(psql_admin -d postgres -tAc "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ') from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather')")

# The schema and reference data come from the app itself (Flyway, reference loader).
start_server
stop_server

java -cp "$CP" nl.noaber.bench.NearbyBench --sql - >"$WORK/nearby.sql"
java -cp "$CP" nl.noaber.bench.NearbyBench --sql SHOPPING >"$WORK/nearby-category.sql"
LANE=$("${PSQL[@]}" -tAc "select lane from category where code = 'SHOPPING'")
for f in nearby nearby-category; do
  { echo '\set lat 52345000 + random(0, 70000)'; echo '\set lon 4600000 + random(0, 90000)'; echo "\\set lane $LANE";
    sed -e 's/:lat/(:lat \/ 1000000.0)/g; s/:lon/(:lon \/ 1000000.0)/g' "$WORK/$f.sql"; echo ';'; } >"$WORK/$f.pgb"
done
# The naive way: the same result computed by measuring every open request.
for cat in "" "AND category_code = 'SHOPPING'"; do
  name=naive${cat:+-category}
  cat >"$WORK/$name.pgb" <<SQL
\set lat 52345000 + random(0, 70000)
\set lon 4600000 + random(0, 90000)
SELECT id, ST_Distance(public_place, CAST(ST_SetSRID(ST_MakePoint(:lon / 1000000.0, :lat / 1000000.0), 4326) AS geography)) AS d
  FROM listing WHERE kind = 'REQUEST' AND status = 'OPEN' $cat
   AND ST_Distance(public_place, CAST(ST_SetSRID(ST_MakePoint(:lon / 1000000.0, :lat / 1000000.0), 4326) AS geography)) <= 5000
 ORDER BY d LIMIT 21;
SQL
done

pgbench_run() { # name clients seconds script
  rm -f "$WORK"/pgbench_log.*
  (cd "$WORK" && pgbench -h 127.0.0.1 -U noaber -n -M prepared -c "$2" -j "$2" -T "$3" -l -f "$4" "$DB" >"$WORK/$1.out" 2>&1)
  python3 bench/nearby/pct.py "$WORK"/pgbench_log.* | python3 -c "
import json, sys, re
d = json.load(sys.stdin)
out = open('$WORK/$1.out').read()
m = re.search(r'tps = ([0-9.]+)', out)
d['tps'] = float(m.group(1)) if m else None
print(json.dumps(d))"
}

RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for N in "${SIZES[@]}"; do
  log "loading $N listings"
  start=$(date +%s)
  "${PSQL[@]}" -v rows="$N" -f bench/nearby/load.sql >"$WORK/load.out"
  load_s=$(( $(date +%s) - start ))
  open_requests=$("${PSQL[@]}" -tAc "select count(*) from listing where status = 'OPEN' and kind = 'REQUEST'")
  "${PSQL[@]}" -c "SELECT pg_prewarm('listing')" >/dev/null 2>&1 || true

  for variant in plain category; do
    suffix=""; category="-"; wrkcat=""
    if [[ $variant == category ]]; then suffix="-category"; category=SHOPPING; wrkcat=SHOPPING; fi
    log "$N rows, $variant: sql"
    sql=$(pgbench_run "sql$suffix" 1 "$SECONDS_PER_RUN" "$WORK/nearby$suffix.pgb")
    log "$N rows, $variant: sql with 8 clients"
    sqltps=$(pgbench_run "sqltps$suffix" 8 "$SECONDS_PER_RUN" "$WORK/nearby$suffix.pgb")
    log "$N rows, $variant: java"
    java=$(java -Xmx512m -cp "$CP" nl.noaber.bench.NearbyBench "$URL" 20000 "$category" 2>"$WORK/java.err" | tail -n 1)
    log "$N rows, $variant: naive"
    naive=$(pgbench_run "naive$suffix" 1 "$SECONDS_PER_RUN" "$WORK/naive$suffix.pgb")
    log "$N rows, $variant: http"
    start_server
    email="bench-$RANDOM$RANDOM@bench.noaber.nl"
    curl -sf -XPOST "localhost:$PORT/api/register" -H 'content-type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"Bench-Wachtwoord-2026\",\"displayName\":\"Bench\"}" >/dev/null
    token=$(curl -sf -XPOST "localhost:$PORT/api/auth/login" -H 'content-type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"Bench-Wachtwoord-2026\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    # Warm-up until the JIT has compiled the request path (it keeps compiling for about 40 s here).
    WRK_TOKEN=$token WRK_CATEGORY=$wrkcat wrk -t2 -c8 -d"${WARMUP_SECONDS}s" -s bench/nearby/nearby.lua "http://localhost:$PORT" >/dev/null
    http=$(WRK_TOKEN=$token WRK_CATEGORY=$wrkcat wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" -s bench/nearby/nearby.lua "http://localhost:$PORT" | tail -n 1)
    # The same at a paced rate of PACED_RPS: each connection waits between requests, the wait
    # calibrated in short runs until the achieved rate is within 3% of the target.
    delay=$(python3 -c "print(max(0.0, 8000 / $PACED_RPS - $(echo "$http" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p50_ms"])')))")
    for _ in 1 2 3 4; do
      probe=$(WRK_DELAY_MS=$delay WRK_TOKEN=$token WRK_CATEGORY=$wrkcat wrk -t2 -c8 -d5s -s bench/nearby/nearby.lua "http://localhost:$PORT" | tail -n 1)
      delay=$(echo "$probe" | python3 -c "
import json, sys
rate = json.load(sys.stdin)['rps']
d = $delay + 8000 / $PACED_RPS - 8000 / max(rate, 1)
print(round(max(0.0, d), 3))")
    done
    paced=$(WRK_DELAY_MS=$delay WRK_TOKEN=$token WRK_CATEGORY=$wrkcat wrk -t2 -c8 -d"${SECONDS_PER_RUN}s" -s bench/nearby/nearby.lua "http://localhost:$PORT" | tail -n 1)
    paced=$(echo "$paced" | python3 -c "import json,sys; d=json.load(sys.stdin); d['delay_ms']=$delay; print(json.dumps(d))")
    rss_kb=$(ps -o rss= -p "$SERVER" | tr -d ' ')
    stop_server
    printf '{"rows": %s, "open_requests": %s, "load_s": %s, "variant": "%s", "sql": %s, "sql_8_clients": %s, "java": %s, "http": %s, "http_paced": %s, "http_rss_mb": %s, "naive": %s}\n' \
      "$N" "$open_requests" "$load_s" "$variant" "$sql" "$sqltps" "$java" "$http" "$paced" "$(( rss_kb / 1024 ))" "$naive" >>"$RESULTS"
    tail -n 1 "$RESULTS" >&2
  done
done

DB_SETTINGS="$DB_SETTINGS" python3 - "$RESULTS" "$OUT" <<'PY'
import json, os, platform, subprocess, sys, datetime
rows = [json.loads(l) for l in open(sys.argv[1])]
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
mem = subprocess.run(["sh", "-c", "free -g | awk '/Mem:/ {print $2}'"], capture_output=True, text=True).stdout.strip()
pg = subprocess.run(["sh", "-c", "psql --version"], capture_output=True, text=True).stdout.strip()
java = subprocess.run(["sh", "-c", "java -version 2>&1 | head -n 1"], capture_output=True, text=True).stdout.strip()
doc = {
    "benchmark": "nearby open requests: the 20 nearest within 5 km of random points in Haarlem",
    "command": "bash bench/nearby/run.sh " + " ".join(str(r) for r in dict.fromkeys(x["rows"] for x in rows)),
    "date": datetime.date.today().isoformat(),
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "os": platform.platform(),
                "postgres": pg, "postgres_settings": os.environ.get("DB_SETTINGS", ""), "java": java},
    "results": rows,
}
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
json.dump(doc, open(sys.argv[2], "w"), indent=2)
print("wrote", sys.argv[2])
PY
if [[ "$OUT" == docs/benchmarks/nearby.json ]]; then python3 bench/nearby/report.py "$OUT" docs/benchmarks.md; fi
