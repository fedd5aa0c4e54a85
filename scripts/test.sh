#!/usr/bin/env bash
# Runs every test of every module against a real PostgreSQL + PostGIS: a Testcontainers
# container where a Docker engine runs, otherwise the local server provisioned here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_java_toolchain
if [[ -z "${NOABER_TEST_DB_URL:-}" ]]; then
  bash scripts/ensure-db.sh
fi

mvn -B -ntp verify "$@"
