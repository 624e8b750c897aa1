#!/usr/bin/env bash
# Store throughput: audit appends/s and review-job records/s (a job started, then finished with
# one reviewer run and its audit row) through the store trait, for 1 process and for 16 processes
# writing at once, on the embedded SQLite store and on PostgreSQL, printed side by side.
#
# Usage: bench/store.sh
#
# Each figure is rows / wall time on a fresh store: a new SQLite file, or a new database on the
# PostgreSQL server in WFC_TEST_DATABASE_URL (else a throwaway one from tests/pg/server.sh, stopped
# at the end). The 16 processes connect first, then start on one signal (a shared start time), and
# each is its own host. "postgres" is wfc's setting (synchronous_commit off, as SQLite's
# synchronous=NORMAL); "postgres, durable" asks for synchronous_commit=on in the connection string.
#
# Settings (environment):
#   BENCH_STORE_ROWS=1600   rows per measurement (split between the processes)
#   BENCH_STORE_BIN=PATH    the store_bench example to run (default: build the release one)
# Target: PostgreSQL with 16 processes >= 1,000 audit appends/s (printed as MET or MISSED).
# Always exits 0 once the measurements ran.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${BENCH_STORE_ROWS:-1600}
TARGET=1000

if [ -n "${BENCH_STORE_BIN:-}" ]; then
  BIN=$BENCH_STORE_BIN
else
  cargo build --locked --release --quiet --example store_bench
  BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/store_bench
fi

work=$(mktemp -d)
server=""
BASE=""
cleanup() {
  if [ -n "$server" ]; then
    tests/pg/server.sh stop "$server"
  elif [ -n "$BASE" ]; then
    for db in $(psql "$BASE" -qAtc "SELECT datname FROM pg_database WHERE datname LIKE 'bench_store_$$\_%'"); do
      psql "$BASE" -qAtc "DROP DATABASE $db WITH (FORCE)" >/dev/null || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${WFC_TEST_DATABASE_URL:-}" ]; then
  BASE=$WFC_TEST_DATABASE_URL
else
  server=$(tests/pg/server.sh start)
  BASE=$(tests/pg/server.sh url "$server")
fi
BASE=${BASE%%\?*}
SERVER_URL=${BASE%/*}

fresh() { # fresh BACKEND NAME -> a location
  local n=$2
  case $1 in
    sqlite) echo "$work/store$n.db" ;;
    postgres | durable)
      psql "$BASE" -qAtc "CREATE DATABASE bench_store_$$_$n" >/dev/null || exit 1
      if [ "$1" = durable ]; then
        echo "$SERVER_URL/bench_store_$$_$n?options=-c%20synchronous_commit%3Don"
      else
        echo "$SERVER_URL/bench_store_$$_$n"
      fi
      ;;
  esac
}

# rate BACKEND WHAT PROCS -> rows per second
rate() {
  local loc procs=$3 per start i
  local -a pids=()
  loc=$(fresh "$1" "${1}_${2}_$procs")
  per=$((ROWS / procs))
  # Create the schema before the clock starts.
  "$BIN" "$loc" warmup 0 "$2" >/dev/null
  start=$(python3 -c 'import time; print(f"{time.time() + 2.0:.3f}")')
  for i in $(seq 1 "$procs"); do
    "$BIN" "$loc" "host-$i" "$per" "$2" "$start" >"$work/out.$i" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  # Each prints `ok ROWS SECONDS` (from the common start to its last commit).
  cat "$work"/out.* | python3 -c '
import sys
rows = secs = 0
for line in sys.stdin:
    _, n, t = line.split()
    rows += int(n)
    secs = max(secs, float(t))
print(round(rows / secs))'
  rm -f "$work"/out.*
}

printf '%-20s %-6s %14s %14s %8s\n' "store" "what" "1 process" "16 processes" "16 / 1"
declare -A result
for what in audit jobs; do
  for backend in sqlite postgres durable; do
    one=$(rate "$backend" "$what" 1)
    many=$(rate "$backend" "$what" 16)
    result[$backend.$what]=$many
    label=$backend
    [ "$backend" = durable ] && label="postgres, durable"
    printf '%-20s %-6s %12s/s %12s/s %8s\n' "$label" "$what" "$one" "$many" \
      "$(python3 -c "print(f'{$many / $one:.2f}')")"
  done
done
pg16=${result[postgres.audit]}
if [ "$pg16" -ge "$TARGET" ]; then verdict=MET; else verdict=MISSED; fi
echo "target: postgres audit appends with 16 processes >= $TARGET/s: $pg16/s $verdict"
