#!/usr/bin/env bash
# Makes a usable PostgreSQL + PostGIS for Noaber wherever it runs.
#
# - If NOABER_DB_URL is set (a JDBC URL, with NOABER_DB_USER / NOABER_DB_PASSWORD), that database
#   is used as it is and nothing is installed.
# - Otherwise the local server is used: PostgreSQL and PostGIS are installed from Debian's packages
#   when missing, the cluster is created or started when it is not running, and the role `noaber`
#   with the databases `noaber` (the app) and `noaber_test` (the tests) are created.
# Safe to run again: every step checks before it acts.
# With NOABER_FRESH_TEST_DB=1 (scripts/test.sh) the database `noaber_test` is dropped first, so that
# every test run starts from an empty database (tests never clean up after themselves, and a server
# without autovacuum would otherwise carry every earlier run's dead rows).
set -euo pipefail

source "$(dirname "$0")/lib.sh"

if [[ -n "${NOABER_DB_URL:-}" ]]; then
  log "NOABER_DB_URL is set; using $NOABER_DB_URL as it is"
  exit 0
fi

# 1. The server itself.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt_install postgresql postgresql-contrib
fi
PG_VERSION=$(ls /usr/lib/postgresql | sort -n | tail -n 1)

# 2. PostGIS for that server.
if ! ls /usr/share/postgresql/"$PG_VERSION"/extension/postgis.control >/dev/null 2>&1; then
  apt_install "postgresql-$PG_VERSION-postgis-3"
fi

# 3. A running cluster.
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $PG_VERSION/main"
  as_root pg_createcluster "$PG_VERSION" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  log "starting cluster $PG_VERSION/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
fi
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')
if [[ "$PG_PORT" != "5432" ]]; then
  log "note: cluster listens on port $PG_PORT; set NOABER_DB_URL accordingly"
fi

await_postgres

# 4. The role and the databases, each with PostGIS (created here because the app role is no superuser).
psql_admin -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'noaber') THEN
    CREATE ROLE noaber LOGIN PASSWORD 'noaber';
  END IF;
END $$;
SQL
app_db noaber
if [[ "${NOABER_FRESH_TEST_DB:-}" == 1 ]]; then
  log "dropping database noaber_test (a fresh one for this test run)"
  app_db noaber_test --fresh
else
  app_db noaber_test
fi
log "PostgreSQL $PG_VERSION with PostGIS ready on 127.0.0.1:$PG_PORT (databases noaber, noaber_test)"
