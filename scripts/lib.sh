# Shared helpers for the project's scripts (sourced, not run).
log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# psql as PostgreSQL's superuser over the local socket; ensure-db.sh sets PG_PORT when the cluster
# listens elsewhere.
psql_admin() {
  as_root runuser -u postgres -- psql ${PG_PORT:+-p "$PG_PORT"} -X -q -v ON_ERROR_STOP=1 "$@"
}

# Waits until the local PostgreSQL answers, for up to 30 s (after it is started or restarted); fails
# when it does not.
await_postgres() {
  local i
  for i in $(seq 1 30); do
    psql_admin -d postgres -c 'select 1' >/dev/null 2>&1 && return 0
    sleep 1
  done
  log "PostgreSQL does not answer after 30 s"
  return 1
}

# The database $1, owned by the app's role `noaber`, with the extensions that role may not create
# itself (PostGIS, btree_gist); with --fresh it is dropped first, so that it starts empty.
app_db() {
  local db=$1
  if [[ "${2:-}" == --fresh ]]; then
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if ! psql_admin -d postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    log "creating database $db"
    psql_admin -d postgres -c "CREATE DATABASE $db OWNER noaber"
  fi
  psql_admin -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist;'
}

# Waits until the backend started as process $1 answers /health on port $2, for up to 300 s; when
# it dies first or never answers, shows its log $3 and fails.
await_backend() {
  local pid=$1 port=$2 server_log=$3 i
  for i in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$port/health" >/dev/null; then
      log "backend up on port $port after ${i}s"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  cat "$server_log" >&2
  log "the backend did not start (log above)"
  return 1
}

_apt_updated=""
apt_install() {
  if [[ -z "$_apt_updated" ]]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    _apt_updated=1
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# A JDK of at least 17 and Maven, from Debian's packages when they are missing. Maven uses
# JAVA_HOME when it is set, the javac on the PATH otherwise; an older JDK there gets a JDK 17 beside
# it, which this script's Maven then uses.
ensure_java_toolchain() {
  local javac_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}javac" major=0
  if command -v "$javac_cmd" >/dev/null 2>&1; then
    major=$("$javac_cmd" -version 2>&1 | sed -nE 's/^javac (1\.)?([0-9]+).*/\2/p')
  fi
  if [[ "${major:-0}" -lt 17 ]]; then
    apt_install openjdk-17-jdk-headless
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f /usr/lib/jvm/java-17-openjdk-*/bin/javac)")")
    export JAVA_HOME
    log "using the JDK in $JAVA_HOME"
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    apt_install maven
  fi
}
