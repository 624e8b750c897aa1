#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests and bench/store.sh, from the Debian packages
# (postgresql-15): nothing to install beyond them, no container.
#
#   dir=$(tests/pg/server.sh start)         # prints the server's folder on stdout
#   export WFC_TEST_DATABASE_URL=$(tests/pg/server.sh url "$dir")
#   cargo test --test it store_backends
#   tests/pg/server.sh stop "$dir"          # stops the server and removes the folder
#
# The server listens on a free loopback port, keeps its socket in its own folder (so it never
# clashes with a system PostgreSQL or another run's), trusts local connections, and has one
# database, `wfc`. initdb and postgres refuse to run as root: as root the folder belongs to the
# `postgres` user and both run as that user. Settings for a throwaway server go in
# WFC_PG_SETTINGS (extra `-c name=value` words for postgres), e.g. "-c synchronous_commit=off".
set -euo pipefail

bin="${WFC_PG_BIN:-/usr/lib/postgresql/15/bin}"

die() {
  echo "tests/pg/server.sh: $*" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] \
    || die "no PostgreSQL server programs in $bin (apt-get install postgresql-15, or set WFC_PG_BIN)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root needs the postgres user (the postgresql-15 package creates it)"
  fi
  local dir parent=${TMPDIR:-/tmp}
  # As root, the server's folder must be reachable by the postgres user.
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$parent"; then
    parent=/tmp
  fi
  dir=$(mktemp -d "$parent/wfc-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
  # A port found free may be taken before the server binds it: try a few.
  local port tries=0
  while :; do
    port=$(free_port)
    # shellcheck disable=SC2086 # WFC_PG_SETTINGS is a list of words on purpose
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=400 ${WFC_PG_SETTINGS:-}" \
      >"$dir/pg_ctl.log" 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then
      cat "$dir/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null || true
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
      rm -rf "$dir"
      die "the server did not start"
    fi
  done
  echo "$port" >"$dir/port"
  "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt -c "CREATE DATABASE wfc" >/dev/null \
    || { stop "$dir"; die "cannot create the database wfc"; }
  echo "$dir"
}

url() {
  local dir=$1
  [ -f "$dir/port" ] || die "no server in $dir"
  echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/wfc"
}

stop() {
  local dir=$1
  [ -d "$dir/data" ] || die "no server in $dir"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  url) [ $# -eq 2 ] || die "usage: $0 url DIR"; url "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start | url DIR | stop DIR" ;;
esac
