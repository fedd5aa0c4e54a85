#!/usr/bin/env bash
# The API fuzzer in one command: a fresh database `noaber_fuzz`, the server with the demo city on it,
# bench/fuzz/fuzz.py against it, then the server stopped and the database dropped (also on failure or Ctrl-C).
#
#   bash bench/fuzz/run.sh                      # everything (about 4 minutes on 2 cores)
#   bash bench/fuzz/run.sh ops --only /api/matches --roles resident
#                                               # arguments go to fuzz.py (python3 bench/fuzz/fuzz.py -h)
# Environment:
#   NOABER_JAR  a built jar to run; without it the backend is built (mvn -q -B -DskipTests package)
#   FUZZ_PORT   the server's port (default 8099, or a free one when 8099 is taken)
#   FUZZ_WORK   where findings.jsonl, summary.json, fuzz.log and server.log go (default a new /tmp/noaber-fuzz.*)
# Exit code: the fuzzer's (0 no findings, 1 findings, 2 the run broke); others when the setup failed.
set -euo pipefail
[[ -n "${NOABER_JAR:-}" ]] && NOABER_JAR=$(readlink -f "$NOABER_JAR")
[[ -n "${FUZZ_WORK:-}" ]] && FUZZ_WORK=$(readlink -m "$FUZZ_WORK")
cd "$(dirname "$0")/../.."
source scripts/lib.sh

DB=noaber_fuzz
WORK=${FUZZ_WORK:-$(mktemp -d /tmp/noaber-fuzz.XXXXXX)}
mkdir -p "$WORK"
SERVER=""

cleanup() {
  if [[ -n "$SERVER" ]]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  psql_admin -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 \
    || log "could not drop database $DB"
  log "results in $WORK"
}
trap cleanup EXIT

# 1. PostgreSQL with PostGIS (idempotent), Python and Java.
bash scripts/ensure-db.sh
# Python 3 with PyYAML, which reads the OpenAPI document: the one on the PATH if it has it, else Debian's.
PYTHON=python3
if ! python3 -c 'import yaml' 2>/dev/null; then
  /usr/bin/python3 -c 'import yaml' 2>/dev/null || apt_install python3 python3-yaml
  PYTHON=/usr/bin/python3
fi
command -v curl >/dev/null || apt_install curl

# 2. A fresh database, owned by the app's role, with the extensions the app role cannot create.
app_db "$DB" --fresh

# 3. The jar.
if [[ -n "${NOABER_JAR:-}" ]]; then
  JAR=$NOABER_JAR
  [[ -f "$JAR" ]] || { log "NOABER_JAR=$JAR does not exist"; exit 3; }
  command -v java >/dev/null || ensure_java_toolchain
else
  ensure_java_toolchain
  log "building the backend (tests skipped)"
  mvn -q -B -DskipTests package
  JAR=backend/target/noaber-backend.jar
fi

# 4. The server with the demo city, as scripts/start.sh starts it, on a free port.
port_free() { "$PYTHON" -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
PORT=${FUZZ_PORT:-8099}
if [[ -z "${FUZZ_PORT:-}" ]] && ! port_free "$PORT"; then
  PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
log "starting $JAR on port $PORT (log: $WORK/server.log)"
NOABER_PORT=$PORT NOABER_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  java -Xmx512m -Dmicronaut.environments=demo -jar "$JAR" >"$WORK/server.log" 2>&1 &
SERVER=$!
await_backend "$SERVER" "$PORT" "$WORK/server.log" || exit 3

# 5. The fuzzer.
set +e
"$PYTHON" bench/fuzz/fuzz.py --base-url "http://127.0.0.1:$PORT" --work "$WORK" --server-log "$WORK/server.log" "$@" \
  2>&1 | tee "$WORK/fuzz.log"
CODE=${PIPESTATUS[0]}
set -e
exit "$CODE"
