#!/usr/bin/env bash
# The matching quality evaluation of issue 10: a synthetic Haarlem (about 3,000 participants around
# its real postcode areas and neighbourhoods, 40% offline) replays twelve weeks of requests against
# the real services and database, once per strategy (nearest-first, the ranking's top candidate, the
# city-wide plan, and the weekly optimum: least distance each week); each week a waiting request gets up to three proposals one
# after another, and a helper who is not free at the asked time declines. Writes
# docs/benchmarks/matching-evaluation.json and the table between the evaluation markers in docs/matching.md.
#
# The database noaber_eval is dropped and created again on every run, so a run starts from nothing
# and, with the same seed, gives the same figures.
#
#   bash bench/matching/evaluate.sh                       # as in docs/matching.md (seed 2026, three variants)
#   bash bench/matching/evaluate.sh --seed 7              # another city, no variants
#   bash bench/matching/evaluate.sh --variant p600:plan-load-penalty-metres=600   # other noaber.matching.* settings
#   bash bench/matching/evaluate.sh --busy-factor 0       # the issue's city only
#   bash bench/matching/evaluate.sh --proposals-per-week 6   # more proposals a week before a request waits
#   bash bench/matching/evaluate.sh --seeds 1,2,3,4,5,6,2026  # the issue's city drawn anew per seed, the plan at
#       load penalties 150, 300, 375 (default), 450 and 600 m: docs/benchmarks/matching-seeds.json and the seeds table
#
# The whole run holds /tmp/mvn.lock (as every build and benchmark on a shared machine does), so it
# never overlaps another one. MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${NOABER_EVAL_LOCKED:-}" ]]; then
  exec env NOABER_EVAL_LOCKED=1 flock -o /tmp/mvn.lock bash "$0" "$@"
fi
source scripts/lib.sh

DB=noaber_eval
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
OUT=docs/benchmarks/matching-evaluation.json

ensure_java_toolchain
bash scripts/ensure-db.sh
command -v python3 >/dev/null || apt_install python3

# A run starts from nothing: the database is dropped and created again.
fresh_db() {
  log "database $DB (created again)"
  app_db "$DB" --fresh
  # A throw-away database: commits need not wait for the disk.
  psql_admin -d postgres -c "ALTER DATABASE $DB SET synchronous_commit = off"
}

log "building"
mvn -q -B ${MVN_FLAGS:-} -DskipTests package
CP="backend/target/noaber-backend.jar:backend/target/test-classes"
# Flyway migrates and the reference loader loads Haarlem's neighbourhoods and the PC4 centroids
# when the evaluation's application context starts on the empty database.
evaluate() { java -Xmx1g -cp "$CP" nl.noaber.bench.MatchingEvaluation --url "$URL" "$@"; }

if [[ "${1:-}" == --seeds ]]; then
  [[ $# -ge 2 ]] || { echo "--seeds needs a list, e.g. --seeds 1,2,3" >&2; exit 2; }
  IFS=, read -ra SEEDS <<<"$2"
  shift 2
  ARGS=("$@")
  if [[ ${#ARGS[@]} -eq 0 ]]; then
    ARGS=(--variant p150:plan-load-penalty-metres=150 --variant p300:plan-load-penalty-metres=300 --variant p450:plan-load-penalty-metres=450
          --variant p600:plan-load-penalty-metres=600)
  fi
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  for seed in "${SEEDS[@]}"; do
    fresh_db
    log "evaluating seed $seed"
    evaluate --out "$WORK/seed-$seed.json" --seed "$seed" --busy-factor 0 "${ARGS[@]}" >"$WORK/seed-$seed.log" 2>&1 \
      || { tail -n 40 "$WORK/seed-$seed.log" >&2; exit 1; }
  done
  python3 bench/matching/seeds.py docs/benchmarks/matching-seeds.json docs/matching.md \
    "bash bench/matching/evaluate.sh --seeds $(IFS=,; echo "${SEEDS[*]}")${*:+ $*}" "$WORK"/seed-*.json
  exit 0
fi

fresh_db
# Without arguments: the documented run, with three variants of the settings (the evaluation's own
# configuration; the production defaults stay as they are): no spreading, more spreading, a shorter memory.
ARGS=("$@")
if [[ ${#ARGS[@]} -eq 0 ]]; then
  ARGS=(--variant no-spreading:plan-load-penalty-metres=0 --variant more-spreading:plan-load-penalty-metres=450
        --variant short-memory:fairness-memory=28d)
fi
log "evaluating"
start=$(date +%s)
evaluate --out "$OUT" "${ARGS[@]}"
log "evaluation took $(( $(date +%s) - start )) s"

python3 bench/matching/render.py "$OUT" docs/matching.md "bash bench/matching/evaluate.sh${*:+ $*}"
