#!/usr/bin/env bash
# Peak memory and wall time of `wfc review` when an external reviewer answers with a flood:
# 300,000 findings (about 30 MB of wfc-json), one of them with a 10 MB description.
# wfc must keep review.max_findings (1000) of them, cut text to 4 KiB, and stay small.
#
#   target: peak RSS under 300 MB and wall time under 5 s
#
# Usage: bench/answer.sh            (from any directory)
#
# Settings (environment):
#   BENCH_FINDINGS=300000   findings in the answer
#   BENCH_BIG_TEXT=10000000 bytes of the one long description (0: none)
#   BENCH_RUNS=3            runs; the figures are the worst of them
#   BENCH_WFC=path          measure this wfc binary instead of building target/release/wfc
#
# Peak RSS is read from /usr/bin/time -v (installed with apt-get when missing and possible).
# Everything lives in a temporary directory removed on exit. Exits 0 once the measurements ran;
# a missed target is printed as MISSED.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
FINDINGS=${BENCH_FINDINGS:-300000}
BIG_TEXT=${BENCH_BIG_TEXT:-10000000}
RUNS=${BENCH_RUNS:-3}
RSS_TARGET_MB=300
WALL_TARGET_S=5

say() { printf '%s\n' "bench: $*" >&2; }
die() {
	printf '%s\n' "bench: error: $*" >&2
	exit 1
}

if [ ! -x /usr/bin/time ]; then
	if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
	fi
	[ -x /usr/bin/time ] || die "needs /usr/bin/time (GNU time) for peak memory"
fi

if [ -n "${BENCH_WFC:-}" ]; then
	WFC=$(realpath "$BENCH_WFC")
else
	say "building release wfc (cargo build --release --locked)"
	cargo build --release --locked --quiet
	WFC=$TARGET_DIR/release/wfc
fi
[ -x "$WFC" ] || die "no wfc binary at $WFC"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-answer.XXXXXX")
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$WORK"' EXIT

say "writing an answer of $FINDINGS findings"
awk -v n="$FINDINGS" -v big="$BIG_TEXT" 'BEGIN {
	printf "[";
	for (i = 0; i < n; i++) {
		if (i > 0) printf ",";
		if (i == int(n / 2) && big > 0) {
			printf "{\"file\":\"src/app.py\",\"line\":%d,\"category\":\"security\",\"severity\":9,\"confidence\":9,\"description\":\"", i + 1;
			chunk = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
			for (j = 0; j < big; j += 64) printf "%s", chunk;
			printf "\",\"remediation\":\"fix it\"}";
		} else {
			printf "{\"file\":\"m%d.py\",\"line\":%d,\"category\":\"style\",\"severity\":%d,\"confidence\":5,\"description\":\"flood %d\"}", i % 97, i + 1, i % 7, i;
		}
	}
	printf "]\n";
}' >"$WORK/answer.json"
ANSWER_BYTES=$(wc -c <"$WORK/answer.json")

mkdir -p "$WORK/home" "$WORK/scripts"
cat >"$WORK/scripts/reviewer.sh" <<EOF
#!/bin/sh
cat >/dev/null
exec cat "$WORK/answer.json"
EOF
chmod +x "$WORK/scripts/reviewer.sh"
cat >"$WORK/config.toml" <<EOF
[[review.reviewer]]
id = "flood"
command = "$WORK/scripts/reviewer.sh"
format = "wfc-json"
timeout = "5m"
EOF

REPO=$WORK/repo
git init -q -b main "$REPO"
git -C "$REPO" -c user.name=b -c user.email=b@example.com commit -q --allow-empty -m init
printf 'print("hello")\n' >"$REPO/app.py"
git -C "$REPO" add app.py

run_env() {
	env -i PATH="$PATH" HOME="$WORK/home" WFC_HOME="$WORK/wfc-home" WFC_CONFIG="$WORK/config.toml" \
		GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C NO_COLOR=1 "$@"
}

worst_kb=0
worst_s=0
code=0
for i in $(seq 1 "$RUNS"); do
	rm -rf "$WORK/wfc-home" "$REPO/.wfc/output"
	set +e
	(cd "$REPO" && run_env /usr/bin/time -v -o "$WORK/time.txt" "$WFC" review --json --no-learn >"$WORK/out.json" 2>"$WORK/err.txt")
	code=$?
	set -e
	kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$WORK/time.txt")
	wall=$(awk '/Elapsed \(wall clock\)/ { print $NF }' "$WORK/time.txt")
	s=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }')
	say "run $i: exit $code, peak RSS $((kb / 1024)) MB, wall ${s} s"
	[ "$kb" -gt "$worst_kb" ] && worst_kb=$kb
	worst_s=$(awk -v a="$worst_s" -v b="$s" 'BEGIN { print (b > a ? b : a) }')
done

kept=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); r=[x for x in v["reviewers"] if x["id"]=="flood"][0]; print(r["status"], r["findings"], "|", r["error"])' "$WORK/out.json" 2>/dev/null || echo "?")
report_bytes=$({ find "$REPO/.wfc/output" -type f -exec cat {} + 2>/dev/null || true; } | wc -c)
db_bytes=$({ du -cb "$WORK"/wfc-home/wfc.db* 2>/dev/null || true; } | awk 'END { print $1 + 0 }')

mb=$((worst_kb / 1024))
printf '\n'
printf 'answer            %d findings, %d bytes\n' "$FINDINGS" "$ANSWER_BYTES"
printf 'wfc exit          %d\n' "$code"
printf 'reviewer          %s\n' "$kept"
printf 'reports           %d bytes (.wfc/output)\n' "$report_bytes"
printf 'database          %d bytes\n' "$db_bytes"
printf 'peak RSS          %d MB (target < %d MB) %s\n' "$mb" "$RSS_TARGET_MB" "$([ "$mb" -lt "$RSS_TARGET_MB" ] && echo ok || echo MISSED)"
printf 'wall time         %s s (target < %d s) %s\n' "$worst_s" "$WALL_TARGET_S" "$(awk -v s="$worst_s" -v t="$WALL_TARGET_S" 'BEGIN { print (s < t ? "ok" : "MISSED") }')"
printf 'load at end       %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
