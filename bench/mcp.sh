#!/usr/bin/env bash
# `wfc mcp` latency, measured with hyperfine on a release build.
#
#   bash bench/mcp.sh            # needs hyperfine (installed from Debian when missing)
#
# Scenarios:
#   list     start the server, `initialize`, `tools/list`, read the answer, end (stdin closed):
#            start-to-first-tools/list. Target: under 20 ms.
#   review   the `review` tool on a small staged change (one line of src/lib.rs, staged before
#            every run), against `wfc review --json` on the same change. Target: within 5 ms.
#   modern   the same `tools/list` in the stateless 2026-07-28 revision (`server/discover` first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}

echo "== building release wfc"
cargo build --release --locked --quiet
WFC=$ROOT/target/release/wfc

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "== installing hyperfine"
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y hyperfine >/dev/null; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-mcp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home WFC_HOME=$WORK/wfc-home
export GIT_CONFIG_GLOBAL=$HOME/.gitconfig GIT_CONFIG_NOSYSTEM=1 DO_NOT_TRACK=1 NO_COLOR=1
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email "bench@example.com"
git config --global init.defaultBranch main

REPO=$WORK/repo
git init -q "$REPO"
mkdir -p "$REPO/src"
printf 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n' >"$REPO/src/lib.rs"
git -C "$REPO" add -A
git -C "$REPO" commit -q -m init
"$WFC" -C "$REPO" -q init >/dev/null

INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'
META='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'
printf '%s\n%s\n%s\n' "$INIT" "$INITIALIZED" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >"$WORK/list.jsonl"
printf '%s\n%s\n' "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{$META}}" \
  "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{$META}}" >"$WORK/modern.jsonl"
printf '%s\n%s\n%s\n' "$INIT" "$INITIALIZED" \
  '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"review","arguments":{"no_learn":true}}}' \
  >"$WORK/review.jsonl"

# Sanity: each script gets the answers it asks for.
"$WFC" -C "$REPO" mcp <"$WORK/list.jsonl" | grep -q '"name":"review_finalize"' \
  || { echo "tools/list did not answer" >&2; exit 1; }
"$WFC" -C "$REPO" mcp <"$WORK/modern.jsonl" | grep -q '"supportedVersions":\["2026-07-28"\]' \
  || { echo "server/discover did not answer" >&2; exit 1; }
echo "// staged" >>"$REPO/src/lib.rs" && git -C "$REPO" add src/lib.rs
"$WFC" -C "$REPO" mcp <"$WORK/review.jsonl" | grep -q '"status":"passed"' \
  || { echo "the review tool did not pass a harmless change" >&2; exit 1; }

hf() { # hf NAME CMD... -> $WORK/NAME.json
  local name=$1; shift
  hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/$name.json" "$@" \
    >"$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log" >&2; echo "hyperfine failed: $name" >&2; exit 1; }
}
STAGE="sh -c 'echo \"// \$(date +%s%N)\" >> $REPO/src/lib.rs && git -C $REPO add src/lib.rs'"

echo "== start to first tools/list (2025-11-25 handshake)"
hf list "$WFC -C $REPO mcp < $WORK/list.jsonl"
echo "== start to first tools/list (2026-07-28, server/discover)"
hf modern "$WFC -C $REPO mcp < $WORK/modern.jsonl"
echo "== the review tool against wfc review --json, small staged change"
hf review-mcp --prepare "$STAGE" "$WFC -C $REPO mcp < $WORK/review.jsonl"
hf review-cli --prepare "$STAGE" "$WFC -C $REPO --json review --no-learn"

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
def mean(name):
    with open(os.path.join(work, name + ".json")) as f:
        r = json.load(f)["results"][0]
    return r["mean"] * 1000, r["stddev"] * 1000
print("\nresults (mean ± stddev, ms)")
for name, title in (("list", "start to tools/list, handshake"), ("modern", "start to tools/list, 2026-07-28"),
                    ("review-mcp", "review tool (server start included)"), ("review-cli", "wfc review --json")):
    m, s = mean(name)
    print(f"  {title:<40} {m:7.2f} ± {s:5.2f}")
l = max(mean("list")[0], mean("modern")[0])
print(f"\ntarget: start to first tools/list under 20 ms: {'MET' if l < 20 else 'MISSED'} ({l:.2f} ms, slower revision)")
d = mean("review-mcp")[0] - mean("review-cli")[0]
print(f"target: review tool within 5 ms of wfc review --json: {'MET' if d <= 5 else 'MISSED'} ({d:+.2f} ms)")
PY
