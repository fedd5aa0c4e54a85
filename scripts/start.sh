#!/usr/bin/env bash
# Starts the whole product on http://localhost:8080 with a demo city (Haarlem), database included.
# Ctrl-C stops it. Set NOABER_DB_URL to use another database, NOABER_PORT for another port.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_java_toolchain
bash scripts/ensure-db.sh

log "building the backend (tests skipped; scripts/test.sh runs them)"
mvn -q -B -DskipTests package

log "starting Noaber on http://localhost:${NOABER_PORT:-8080} (demo logins: README.md)"
exec java -Xmx512m -Dmicronaut.environments=demo -jar backend/target/noaber-backend.jar
