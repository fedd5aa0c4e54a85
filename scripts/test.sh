#!/usr/bin/env bash
# Runs every test of every module against a real PostgreSQL + PostGIS: a Testcontainers
# container where a Docker engine runs, otherwise the local server provisioned here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_java_toolchain
if [[ -z "${NOABER_TEST_DB_URL:-}" ]]; then
  # A fresh local test database each run: the same start on every machine and in CI. The tests
  # never use the app's NOABER_DB_URL, so it must not keep ensure-db.sh from making their database.
  NOABER_DB_URL= NOABER_FRESH_TEST_DB=1 bash scripts/ensure-db.sh
fi

mvn -B -ntp verify "$@"
