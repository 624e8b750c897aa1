#!/usr/bin/env bash
# Other scanners' own rule test samples, replayed through `wfc review --range`: how many of the
# true samples wfc reports and how many would fail a review alone (R >= 8.5), and how many of the
# false samples it reports or blocks. The samples come from source checkouts of the scanners:
#
#   gitleaks, betterleaks   cmd/generate/config/rules/*.go (tps/fps of every rule; generated
#                           values are drawn again from the same regexes, see bench/rule_samples.py)
#   kingfisher              data/rules/*.yml (examples, negative_examples)
#
# Each sample is a file of its own, all added by one commit, reviewed once per extension (the
# extension decides which rules look at a file: `.txt` is documentation, where the generic
# credential rules do not run).
#
# Usage: bench/rule-samples.sh <checkout>...     e.g. bench/rule-samples.sh ~/src/gitleaks
# Settings (environment):
#   BENCH_EXTS="sh txt"   extensions to review the samples under
#   BENCH_MISSES=25       rules listed with their samples that do not block
#   BENCH_KEEP=1          keep the work directory (printed at the end)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
EXTS=${BENCH_EXTS:-sh txt}
MISSES=${BENCH_MISSES:-25}

die() {
	printf '%s\n' "bench: error: $*" >&2
	exit 1
}
[ $# -ge 1 ] || die "usage: bench/rule-samples.sh <gitleaks, betterleaks or kingfisher checkout>..."
command -v python3 >/dev/null || die "python3 is needed"

cargo build --release --locked -q
WFC=$TARGET_DIR/release/wfc

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-rule-samples.XXXXXX")
if [ "${BENCH_KEEP:-}" != 1 ]; then
	trap 'rm -rf "$WORK"' EXIT
fi
export HOME=$WORK/home WFC_HOME=$WORK/wfc-home GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
	WFC_DEVELOPER_ID=bench NO_COLOR=1
mkdir -p "$HOME"

n=0
for src in "$@"; do
	n=$((n + 1))
	name=$(basename "$src")
	samples=$WORK/$n.json
	if [ -d "$src/cmd/generate/config/rules" ]; then
		python3 bench/rule_samples.py go "$src"/cmd/generate/config/rules/*.go --out "$samples"
	elif [ -d "$src/data/rules" ]; then
		python3 bench/rule_samples.py yaml "$src/data/rules" --out "$samples"
	else
		die "$src: neither cmd/generate/config/rules (gitleaks, betterleaks) nor data/rules (kingfisher)"
	fi
	for ext in $EXTS; do
		repo=$WORK/$n-$ext
		python3 bench/rule_samples.py repo "$samples" "$repo" "$ext"
		(cd "$repo" && "$WFC" --json review --range base..HEAD --no-learn -q >"$repo.json" 2>"$repo.err") || true
		[ -s "$repo.json" ] || die "wfc gave no JSON for $name: $(head -c 400 "$repo.err")"
		printf '%s, samples as .%s files:\n' "$name" "$ext"
		python3 bench/rule_samples.py score "$repo" "$repo.json" --misses "$MISSES"
	done
done
if [ "${BENCH_KEEP:-}" = 1 ]; then
	printf 'work directory: %s\n' "$WORK"
fi
