# Shared helpers for the project's scripts (sourced, not run).
log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
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

# JDK 17 and Maven from Debian's packages when they are missing.
ensure_java_toolchain() {
  if ! command -v javac >/dev/null 2>&1; then
    apt_install openjdk-17-jdk-headless
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    apt_install maven
  fi
}
