#!/usr/bin/env bash
# Hook overhead of a commit: wfc's hooks against pre-commit and prek running an equivalent no-op
# hook (pre-commit and commit-msg stages), measured with hyperfine on release builds.
#
#   bash bench/hooks.sh            # needs python3 (venv + pip) and hyperfine
#
# Scenarios, each in its own throwaway repository:
#   empty   `git commit --allow-empty`: nothing to review (wfc: nothing staged; the tree is HEAD's,
#           reviewed before, so commit-msg finds the grant)
#   small   one line appended to src/lib.rs and staged before every run (wfc: a real review by the
#           five built-in reviewers, a job row, reports, then the trailer)
#   msg     the commit-msg hook alone, run as git runs it, on a reviewed staged tree (target: well
#           under 15 ms for wfc)
# Overhead = time with the hooks - time of the same commit without hooks. Ratios compare wfc's
# overhead with each tool's (> 1 means wfc is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
TOOLS=${BENCH_TOOLS:-$ROOT/target/bench-tools}

echo "== building release wfc"
cargo build --release --locked --quiet
WFC=$ROOT/target/release/wfc

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "== installing hyperfine"
  apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y hyperfine >/dev/null; }
fi
if [ ! -x "$TOOLS/bin/pre-commit" ] || [ ! -x "$TOOLS/bin/prek" ]; then
  echo "== installing pre-commit and prek from PyPI into $TOOLS"
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit prek
fi
PRE_COMMIT=$TOOLS/bin/pre-commit
PREK=$TOOLS/bin/prek
echo "wfc $("$WFC" --version | cut -d' ' -f2), $("$PRE_COMMIT" --version), $("$PREK" --version), $(git --version), $(hyperfine --version)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-hooks.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home WFC_HOME=$WORK/wfc-home PRE_COMMIT_HOME=$WORK/pre-commit-home PREK_HOME=$WORK/prek-home
export GIT_CONFIG_GLOBAL=$HOME/.gitconfig GIT_CONFIG_NOSYSTEM=1 DO_NOT_TRACK=1 NO_COLOR=1
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email "bench@example.com"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

NOOP_CONFIG='default_install_hook_types: [pre-commit, commit-msg]
repos:
  - repo: local
    hooks:
      - id: noop
        name: noop
        entry: "true"
        language: system
        pass_filenames: false
        always_run: true
        stages: [pre-commit]
      - id: noop-msg
        name: noop-msg
        entry: "true"
        language: system
        pass_filenames: false
        always_run: true
        stages: [commit-msg]
'

# new_repo NAME KIND: a repository with src/lib.rs committed; KIND = none | wfc | pre-commit | prek
new_repo() {
  local dir=$WORK/$1 kind=$2
  git init -q "$dir"
  mkdir -p "$dir/src"
  printf 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n' >"$dir/src/lib.rs"
  case $kind in
    pre-commit | prek) printf '%s' "$NOOP_CONFIG" >"$dir/.pre-commit-config.yaml" ;;
  esac
  git -C "$dir" add -A
  case $kind in
    none) git -C "$dir" commit -q -m init ;;
    wfc)
      "$WFC" -C "$dir" -q hook install >/dev/null
      git -C "$dir" commit -q -m init 2>/dev/null
      ;;
    pre-commit) (cd "$dir" && "$PRE_COMMIT" install >/dev/null && git commit -q -m init >/dev/null 2>&1) ;;
    prek) (cd "$dir" && "$PREK" install >/dev/null && git commit -q -m init >/dev/null 2>&1) ;;
  esac
  echo "$dir"
}

KINDS="none wfc pre-commit prek"
for kind in $KINDS; do
  new_repo "empty-$kind" "$kind" >/dev/null
  new_repo "small-$kind" "$kind" >/dev/null
done
# wfc with signed attestations: its own state home, holding a `wfc gate keygen` key.
SIGNED_HOME=$WORK/wfc-home-signed
WFC_HOME=$SIGNED_HOME "$WFC" -q gate keygen >/dev/null
WFC_HOME=$SIGNED_HOME new_repo "small-wfc-signed" wfc >/dev/null
# Sanity: the wfc repositories really gate (a trailer on the first commit), and sign.
git -C "$WORK/empty-wfc" log -1 --format=%B | grep -q '^Review-Hash: v2:passed:' \
  || { echo "wfc hooks did not add a Review-Hash" >&2; exit 1; }
git -C "$WORK/small-wfc-signed" log -1 --format=%B | grep -q '^Review-Signature: U1NIU0lH' \
  || { echo "wfc hooks did not sign" >&2; exit 1; }

hf() { # hf NAME CMD... -> $WORK/NAME.json
  local name=$1; shift
  hyperfine --style none --warmup "$WARMUP" --runs "$RUNS" -N --export-json "$WORK/$name.json" "$@" \
    >"$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log" >&2; echo "hyperfine failed: $name" >&2; exit 1; }
}

echo "== empty commit (nothing to review)"
for kind in $KINDS; do
  hf "empty-$kind" --command-name "$kind" "git -C $WORK/empty-$kind commit -q --allow-empty -m bench"
done

echo "== commit of a small staged change"
for kind in $KINDS; do
  hf "small-$kind" --command-name "$kind" \
    --prepare "sh -c 'echo \"// \$(date +%s%N)\" >> $WORK/small-$kind/src/lib.rs && git -C $WORK/small-$kind add src/lib.rs'" \
    "git -C $WORK/small-$kind commit -q -m bench"
done

hf "small-wfc-signed" --command-name "wfc-signed" \
  --prepare "sh -c 'echo \"// \$(date +%s%N)\" >> $WORK/small-wfc-signed/src/lib.rs && git -C $WORK/small-wfc-signed add src/lib.rs'" \
  "env WFC_HOME=$SIGNED_HOME git -C $WORK/small-wfc-signed commit -q -m bench"

echo "== the commit-msg hook alone, as git runs it, on a reviewed staged change"
for kind in wfc pre-commit prek; do
  dir=$WORK/empty-$kind
  echo "// staged" >>"$dir/src/lib.rs"
  git -C "$dir" add src/lib.rs
  [ "$kind" = wfc ] && "$WFC" -C "$dir" -q review --staged --no-learn >/dev/null
  printf 'bench\n' >"$dir/.git/COMMIT_EDITMSG"
  hf "msg-$kind" --command-name "$kind" \
    "sh -c 'cd $dir && GIT_INDEX_FILE=.git/index exec .git/hooks/commit-msg .git/COMMIT_EDITMSG'"
done
grep -q '^Review-Hash: v2:passed:' "$WORK/empty-wfc/.git/COMMIT_EDITMSG" \
  || { echo "wfc's commit-msg hook did not add a Review-Hash" >&2; exit 1; }

echo "== the pre-commit hook alone, nothing staged"
for kind in wfc pre-commit prek; do
  dir=$WORK/empty-$kind
  git -C "$dir" checkout -q -- . && git -C "$dir" reset -q --hard
  hf "pre-$kind" --command-name "$kind" \
    "sh -c 'cd $dir && GIT_INDEX_FILE=.git/index exec .git/hooks/pre-commit'"
done

python3 - "$WORK" <<'PY'
import json, sys, os
work = sys.argv[1]
def mean(name):
    with open(os.path.join(work, name + ".json")) as f:
        r = json.load(f)["results"][0]
    return r["mean"] * 1000, r["stddev"] * 1000
print()
print("results (mean ± stddev, ms)")
for scen, title in (("empty", "empty commit, whole `git commit`"), ("small", "small staged change, whole `git commit`")):
    base, _ = mean(f"{scen}-none")
    print(f"\n{title}: git without hooks {base:.1f} ms")
    over = {}
    for kind in ("wfc", "pre-commit", "prek"):
        m, s = mean(f"{scen}-{kind}")
        over[kind] = max(m - base, 0.01)
        print(f"  {kind:<11} {m:7.1f} ± {s:5.1f}   hook overhead {m - base:7.1f}")
    for kind in ("pre-commit", "prek"):
        print(f"  ratio {kind} overhead / wfc overhead: {over[kind] / over['wfc']:.2f}x")
    if scen == "small":
        m, s = mean("small-wfc-signed")
        print(f"  wfc-signed  {m:7.1f} ± {s:5.1f}   hook overhead {m - base:7.1f}  (with Review-Signature)")
for scen, title in (("msg", "commit-msg hook alone"), ("pre", "pre-commit hook alone, nothing staged")):
    print(f"\n{title}:")
    ms = {k: mean(f"{scen}-{k}") for k in ("wfc", "pre-commit", "prek")}
    for k, (m, s) in ms.items():
        print(f"  {k:<11} {m:7.1f} ± {s:5.1f}")
    for k in ("pre-commit", "prek"):
        print(f"  ratio {k} / wfc: {ms[k][0] / ms['wfc'][0]:.2f}x")
m, _ = mean("msg-wfc")
print(f"\ntarget: wfc commit-msg under 15 ms: {'met' if m < 15 else 'NOT met'} ({m:.1f} ms)")
w = mean("small-wfc")[0] - mean("small-none")[0]
p = mean("small-prek")[0] - mean("small-none")[0]
print(f"target: wfc pre-commit + commit-msg (review of a small change) faster than prek's no-op: "
      f"{'met' if w < p else 'NOT met'} ({w:.1f} ms vs {p:.1f} ms of overhead)")
ws = mean("small-wfc-signed")[0] - mean("small-none")[0]
print(f"target: the same with signing faster than prek's no-op: "
      f"{'met' if ws < p else 'NOT met'} ({ws:.1f} ms vs {p:.1f} ms of overhead)")
PY
