#!/usr/bin/env bash
# Creating 50 task worktrees: `git worktree add -b` against `wfc worktree create`, one after the
# other and all at once, on the same throwaway repository (a fresh copy per scenario).
#
#   bash bench/worktrees.sh [N] [FILES]     defaults: 50 worktrees, a repository of 3000 files
#
# Most of the time goes into the kernel creating files, for both tools. The throwaway folder is
# made under $TMPDIR (default /tmp); a disk file system whose inode allocator is busy with files
# deleted moments ago (e.g. by an earlier run) makes the run noisy; TMPDIR=/dev/shm measures the
# tools without that noise.
#
# Prints the time of each scenario, the wfc/git ratios, and how many worktrees and orphan
# branches (a branch no worktree has checked out) each left behind.
# Targets: wfc in parallel leaves N/N worktrees and no orphan branch; wfc's sequential time is
# no worse than 1.2x git's.
set -euo pipefail

N="${1:-50}"
FILES="${2:-3000}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

echo "== building wfc (release)" >&2
cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
WFC="$ROOT/target/release/wfc"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-worktrees.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Isolated git and wfc state: no user hooks, aliases or global config in the way.
export HOME="$WORK/home"
export GIT_CONFIG_NOSYSTEM=1
export GIT_CONFIG_GLOBAL="$HOME/.gitconfig"
mkdir -p "$HOME"
git config --global user.name "Bench"
git config --global user.email "bench@example.com"
git config --global init.defaultBranch main
unset WFC_PROJECT_ID WFC_DEVELOPER_ID WFC_CONFIG

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }

echo "== making a repository of $FILES files" >&2
BASE="$WORK/base"
git init -q "$BASE"
(
  cd "$BASE"
  dirs=$((FILES / 50))
  for d in $(seq 1 "$dirs"); do
    mkdir -p "src/mod$d"
    for f in $(seq 1 50); do
      printf 'fn f%s_%s() -> u32 {\n    %s\n}\n%s\n' "$d" "$f" "$((d * f))" \
        "$(head -c 3000 /dev/zero | tr '\0' 'x')" >"src/mod$d/file$f.rs"
    done
  done
  printf '# bench\n' >README.md
  git add -A
  git commit -q -m "initial"
)
du -sh "$BASE" | awk '{ print "   repository size: " $1 }' >&2
echo "   in $WORK ($(stat -f -c %T "$WORK") file system; TMPDIR chooses another place)" >&2

fresh() { # a fresh copy of the base repository for one scenario, with its own wfc state
  rm -rf "$WORK/$1" "$WORK/$1.home"
  cp -a "$BASE" "$WORK/$1"
}

# worktrees (besides the main one) and orphan branches (under PREFIX, checked out nowhere)
count() {
  local repo="$1" prefix="$2" wts branches used orphans
  wts=$(git -C "$repo" worktree list --porcelain | grep -c '^worktree ' || true)
  branches=$(git -C "$repo" for-each-ref --format='%(refname)' "refs/heads/$prefix" | sort)
  used=$(git -C "$repo" worktree list --porcelain | sed -n 's/^branch //p' | sort)
  orphans=$(comm -23 <(printf '%s\n' "$branches" | sed '/^$/d') <(printf '%s\n' "$used" | sed '/^$/d') | wc -l)
  echo "$((wts - 1)) $orphans"
}

# create task I in scenario S (run inside its repository)
# git's worktrees go where wfc puts its own, so both tools fill the same folder layout.
git_add() { git -C "$WORK/$1" worktree add -q -b "task/t$2" "$WORK/$1/.worktrees/bench/wfc-t$2"; }
wfc_create() {
  WFC_HOME="$WORK/$1.home" "$WFC" -q -C "$WORK/$1" --project-id bench --developer-id "agent$2" \
    worktree create "t$2"
}

declare -A TIME OK WT ORPH
usec() { local t="${EPOCHREALTIME/./}"; echo "${t#0}"; }

# Sequential: git and wfc alternate call by call (ABBA order), each on its own copy, so that a
# machine whose load changes during the run slows both alike.
echo "== $N worktrees, one after the other (git and wfc interleaved)" >&2
fresh git-seq
fresh wfc-seq
declare -A SUM=([git-seq]=0 [wfc-seq]=0) GOOD=([git-seq]=0 [wfc-seq]=0)
one() { # scenario, function, i
  local t0 t1
  t0=$(usec)
  if "$2" "$1" "$3" >/dev/null 2>>"$WORK/$1.err"; then GOOD[$1]=$((GOOD[$1] + 1)); fi
  t1=$(usec)
  SUM[$1]=$((SUM[$1] + t1 - t0))
}
for i in $(seq 1 "$N"); do
  if [ $((i % 2)) = 1 ]; then
    one git-seq git_add "$i"
    one wfc-seq wfc_create "$i"
  else
    one wfc-seq wfc_create "$i"
    one git-seq git_add "$i"
  fi
done
for s in git-seq wfc-seq; do
  TIME[$s]=$(awk -v u="${SUM[$s]}" 'BEGIN { printf "%.3f", u / 1e6 }')
  OK[$s]=${GOOD[$s]}
done
read -r WT[git-seq] ORPH[git-seq] < <(count "$WORK/git-seq" task/)
read -r WT[wfc-seq] ORPH[wfc-seq] < <(count "$WORK/wfc-seq" wfc/bench/)

# Parallel: N processes started at once.
parallel() { # scenario, function, branch prefix
  local s="$1" fn="$2" start end ok=0 pids=() i p
  fresh "$s"
  start=$(usec)
  for i in $(seq 1 "$N"); do
    "$fn" "$s" "$i" >/dev/null 2>>"$WORK/$s.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do
    if wait "$p"; then ok=$((ok + 1)); fi
  done
  end=$(usec)
  TIME[$s]=$(awk -v u="$((end - start))" 'BEGIN { printf "%.3f", u / 1e6 }')
  OK[$s]=$ok
  read -r WT[$s] ORPH[$s] < <(count "$WORK/$s" "$3")
}
echo "== $N worktrees, all at once" >&2
parallel git-par git_add task/
parallel wfc-par wfc_create wfc/bench/

printf '\n%-26s %9s %10s %10s %16s\n' "scenario ($N worktrees)" "time (s)" "succeeded" "worktrees" "orphan branches"
for s in git-seq wfc-seq git-par wfc-par; do
  case $s in
    git-seq) label="git worktree add, seq" ;;
    wfc-seq) label="wfc worktree create, seq" ;;
    git-par) label="git worktree add, par" ;;
    wfc-par) label="wfc worktree create, par" ;;
  esac
  printf '%-26s %9s %10s %10s %16s\n' "$label" "${TIME[$s]}" "${OK[$s]}/$N" "${WT[$s]}/$N" "${ORPH[$s]}"
done
echo
echo "sequential time, wfc / git: $(ratio "${TIME[wfc-seq]}" "${TIME[git-seq]}")   (target <= 1.20x)"
echo "parallel time,   wfc / git: $(ratio "${TIME[wfc-par]}" "${TIME[git-par]}")"
verdict=ok
[ "${WT[wfc-par]}" = "$N" ] && [ "${ORPH[wfc-par]}" = 0 ] || verdict=MISSED
awk -v a="${TIME[wfc-seq]}" -v b="${TIME[git-seq]}" 'BEGIN { exit !(a <= 1.2 * b) }' || verdict=MISSED
echo "targets: $verdict"
for s in git-par wfc-par; do
  if [ -s "$WORK/$s.err" ]; then
    echo "first errors of $s:"
    sort "$WORK/$s.err" | uniq -c | sort -rn | head -3
  fi
done
