#!/usr/bin/env bash
# Knowledge appends: `wfc knowledge append` against the shell baseline users would write instead,
# `printf ... | flock FILE.lock cat >> FILE`, on the same kind of file.
#
# Measures appends per second from 1 process (sequential) and from 16 processes at once, and
# counts lost entries (must be 0). wfc does more per append than the baseline: it re-reads the
# file, de-duplicates within the section, inserts in the right section, writes a temp file,
# fsyncs and renames it, and records an audit row and a telemetry event in SQLite.
#
# Usage: bench/knowledge.sh            (SEQ=200 PROCS=16 PER=25 to change the sizes)
set -euo pipefail
cd "$(dirname "$0")/.."

SEQ=${SEQ:-200}
PROCS=${PROCS:-16}
PER=${PER:-25}

echo "building release wfc..." >&2
cargo build --release --locked --quiet
WFC=$PWD/target/release/wfc

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/run" "$work/home"
cd "$work/run"
export HOME=$work/home WFC_DEVELOPER_ID=bench NO_COLOR=1
unset WFC_PROJECT_ID WFC_CONFIG DO_NOT_TRACK

now_ns() { date +%s%N; }

# wfc_writer HOME_DIR TAG COUNT
wfc_writer() {
  local j
  for ((j = 0; j < $3; j++)); do
    WFC_HOME=$1 "$WFC" -q knowledge append --reviewer security --section patterns_found \
      --text "lesson $2 number $j" --source bench >/dev/null
  done
}

# flock_writer FILE TAG COUNT
flock_writer() {
  local j
  for ((j = 0; j < $3; j++)); do
    printf -- '- [%s] lesson %s number %s (Source: bench)\n' "$(date +%F)" "$2" "$j" |
      flock "$1.lock" cat >>"$1"
  done
}

wfc_entries() {
  local f=$1/knowledge/global/reviewers/security/KNOWLEDGE.md
  if [[ -f $f ]]; then grep -c '^- \[' "$f" || true; else echo 0; fi
}
flock_entries() { if [[ -f $1 ]]; then grep -c '^- \[' "$1" || true; else echo 0; fi; }

rate() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.1f", n * 1e9 / ns }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# --- 1 process ---
h=$work/seq-wfc
t0=$(now_ns); wfc_writer "$h" seq "$SEQ"; t1=$(now_ns)
wfc_seq=$(rate "$SEQ" $((t1 - t0))); wfc_seq_lost=$((SEQ - $(wfc_entries "$h")))

f=$work/seq-flock.md
t0=$(now_ns); flock_writer "$f" seq "$SEQ"; t1=$(now_ns)
fl_seq=$(rate "$SEQ" $((t1 - t0))); fl_seq_lost=$((SEQ - $(flock_entries "$f")))

# --- PROCS processes at once ---
total=$((PROCS * PER))
h=$work/par-wfc
pids=()
t0=$(now_ns)
for ((i = 0; i < PROCS; i++)); do wfc_writer "$h" "p$i" "$PER" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
t1=$(now_ns)
wfc_par=$(rate "$total" $((t1 - t0))); wfc_par_lost=$((total - $(wfc_entries "$h")))

f=$work/par-flock.md
pids=()
t0=$(now_ns)
for ((i = 0; i < PROCS; i++)); do flock_writer "$f" "p$i" "$PER" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
t1=$(now_ns)
fl_par=$(rate "$total" $((t1 - t0))); fl_par_lost=$((total - $(flock_entries "$f")))

echo
echo "knowledge appends on $(nproc) cores ($SEQ sequential; $PROCS processes x $PER at once)"
printf '%-26s %14s %16s %22s\n' "" "wfc" "flock + cat >>" "ratio wfc/baseline"
printf '%-26s %14s %16s %22s\n' "appends/s, 1 process" "$wfc_seq" "$fl_seq" "$(ratio "$wfc_seq" "$fl_seq")"
printf '%-26s %14s %16s %22s\n' "appends/s, $PROCS processes" "$wfc_par" "$fl_par" "$(ratio "$wfc_par" "$fl_par")"
printf '%-26s %14s %16s\n' "lost entries, 1 process" "$wfc_seq_lost" "$fl_seq_lost"
printf '%-26s %14s %16s\n' "lost entries, $PROCS procs" "$wfc_par_lost" "$fl_par_lost"

if ((wfc_seq_lost != 0 || wfc_par_lost != 0)); then
  echo "FAIL: wfc lost entries" >&2
  exit 1
fi
