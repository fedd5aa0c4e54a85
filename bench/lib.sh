# Shared by the benchmark scripts (source after scripts/lib.sh, with DB, URL and PORT set):
# provisions the benchmark database, gives PostgreSQL BENCH_SHARED_BUFFERS (default 6GB; "keep"
# leaves the server as it is) for the run and sets it back on exit, builds the app, and starts and
# stops the backend at -Xmx512m. Run the scripts under `flock -o`: they restart PostgreSQL, which
# must not inherit a lock.

WORK=$(mktemp -d)
SHARED_BUFFERS=${BENCH_SHARED_BUFFERS:-6GB}
SERVER=""
PG_VERSION=""
restore_db() {
  if [[ "$SHARED_BUFFERS" != keep && -n "$PG_VERSION" ]]; then
    psql_admin -d postgres -c "ALTER SYSTEM RESET shared_buffers" >/dev/null 2>&1 || true
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart >/dev/null 2>&1 || true
  fi
}
trap 'kill $SERVER 2>/dev/null || true; restore_db; rm -rf "$WORK"' EXIT

# Tools, the server with the run's shared buffers, and the database $DB with its extensions.
bench_provision() {
  ensure_java_toolchain
  bash scripts/ensure-db.sh
  command -v wrk >/dev/null || apt_install wrk
  command -v python3 >/dev/null || apt_install python3
  if [[ "$SHARED_BUFFERS" != keep ]]; then
    PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    log "shared_buffers = $SHARED_BUFFERS for the run"
    psql_admin -d postgres -c "ALTER SYSTEM SET shared_buffers = '$SHARED_BUFFERS'"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
    await_postgres
  fi
  app_db "$DB"
  export PGPASSWORD=noaber
  PSQL=(psql -h 127.0.0.1 -U noaber -d "$DB" -X -q -v ON_ERROR_STOP=1)
  log "building"
  mvn -q -B -DskipTests package
  CP="backend/target/noaber-backend.jar:backend/target/test-classes"
}

start_server() {
  NOABER_DB_URL="$URL" NOABER_PORT=$PORT java -Xmx512m -jar backend/target/noaber-backend.jar >"$WORK/server.log" 2>&1 &
  SERVER=$!
  await_backend "$SERVER" "$PORT" "$WORK/server.log"
}
stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
