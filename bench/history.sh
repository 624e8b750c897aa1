#!/usr/bin/env bash
# False alarms and speed of `wfc review` on real history: each of the last N non-merge commits of
# real repositories is reviewed alone, as a pre-merge check would review it
# (`wfc --json review --range C^..C --no-learn -q`, built-in reviewers, a throwaway WFC_HOME per
# repository). Every commit was merged by its maintainers, so a blocked commit is either a real
# problem in it or a false alarm: the script lists each one with its findings so a reader can tell.
#
# Usage: bench/history.sh [REPO...]
#   REPO: a path to a git repository (bare or with a work tree) or a URL git can clone. Each is
#   cloned into a temporary directory first; the source is only read.
#   Without REPO: BENCH_HISTORY_REPOS (space-separated), else the default public repositories
#   (requests, flask, express, sinatra, cobra, ripgrep) found as bare mirrors under
#   BENCH_HISTORY_MIRROR (default /work/.mirror, laid out as <owner>+<name>/repo), else this
#   repository's own history.
#
# Prints, per repository: commits reviewed, blocked (failed) and incomplete counts, findings per
# commit, p50/p95 wall time per commit and the target (p50 <= 20 ms) as MET or MISSED; then every
# blocked commit with its findings (rule, file:line, R), and the findings per rule.
#
# Settings (environment):
#   BENCH_HISTORY_COMMITS=500   the last N non-merge commits (root commits are skipped)
#   BENCH_WFC=PATH              the wfc binary to run (default: build the release one)
#   BENCH_HISTORY_MIRROR=DIR    where the default repositories are looked for
#   BENCH_HISTORY_SHOW=20       blocked commits listed per repository (0: all)
#   BENCH_HISTORY_PICKAXE=RE    only the commits whose diff adds or removes a line matching the
#                               (extended) regular expression RE (`git log -G`): a deeper look at
#                               a few rules over a long history, e.g. 'shell=True|dbg!|debugger'.
#                               The timings then describe those commits only.
# Always exits 0 once the measurements ran; a missed target is printed as MISSED.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
COMMITS=${BENCH_HISTORY_COMMITS:-500}
MIRROR=${BENCH_HISTORY_MIRROR:-/work/.mirror}
SHOW=${BENCH_HISTORY_SHOW:-20}
TARGET_P50_MS=20
DEFAULT_REPOS="psf/requests pallets/flask expressjs/express sinatra/sinatra spf13/cobra BurntSushi/ripgrep"

say() { printf '%s\n' "bench: $*" >&2; }
die() {
	printf '%s\n' "bench: error: $*" >&2
	exit 1
}

case $COMMITS in '' | *[!0-9]*) die "BENCH_HISTORY_COMMITS must be a number, not '$COMMITS'" ;; esac
case $SHOW in '' | *[!0-9]*) die "BENCH_HISTORY_SHOW must be a number, not '$SHOW'" ;; esac
PYTHON=$(command -v python3 || true)
[ -n "$PYTHON" ] || die "python3 is needed to read the JSON results"

if [ -n "${BENCH_WFC:-}" ]; then
	WFC=$BENCH_WFC
	[ -x "$WFC" ] || die "BENCH_WFC=$WFC is not an executable"
else
	say "building release wfc (cargo build --release --locked)"
	cargo build --release --locked --quiet
	WFC=$TARGET_DIR/release/wfc
fi
WFC=$(cd "$(dirname "$WFC")" && pwd)/$(basename "$WFC")

# The repositories: arguments, else the setting, else the default mirrors, else this one.
REPOS=()
if [ $# -gt 0 ]; then
	REPOS=("$@")
elif [ -n "${BENCH_HISTORY_REPOS:-}" ]; then
	read -r -a REPOS <<<"$BENCH_HISTORY_REPOS"
else
	for r in $DEFAULT_REPOS; do
		dir=$MIRROR/${r/\//+}/repo
		if [ -d "$dir" ]; then
			REPOS+=("$dir")
		else
			say "skipping $r: no mirror at $dir"
		fi
	done
	if [ ${#REPOS[@]} -eq 0 ]; then
		say "no default repository found under $MIRROR: reviewing this repository's own history"
		REPOS=("$ROOT")
	fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wfc-bench-history.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# An isolated environment: no user config, no user state, no hook variables.
while IFS= read -r var; do
	unset "$var"
done < <(compgen -e | grep -E '^(WFC_|GIT_)' || true)
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null GIT_CONFIG_NOSYSTEM=1
export WFC_DEVELOPER_ID=bench NO_COLOR=1 DO_NOT_TRACK=1 LC_ALL=C
mkdir -p "$HOME"

# A short name for a repository source: owner+name/repo -> name, /x/y.git -> y.
repo_name() {
	local s=${1%/}
	s=${s%/repo}
	s=${s%.git}
	s=${s##*/}
	s=${s##*+}
	printf '%s\n' "${s:-repo}" | tr -c 'A-Za-z0-9._\n-' '_'
}

i=0
for src in "${REPOS[@]}"; do
	i=$((i + 1))
	name=$(repo_name "$src")
	dir=$WORK/$i-$name
	mkdir -p "$dir/results"
	say "[$name] cloning $src"
	if ! git clone --quiet --no-hardlinks -- "$src" "$dir/clone" 2>"$dir/clone.err"; then
		say "[$name] cannot clone $src: $(head -n 3 "$dir/clone.err")"
		continue
	fi
	printf '%s\n' "$name" >"$dir/name"
	printf '%s\n' "$src" >"$dir/source"
	git -C "$dir/clone" log -1 --format='%h %cs' >"$dir/head"
	# "<commit> <parent>..." per line; a root commit has no parent to review against.
	if [ -n "${BENCH_HISTORY_PICKAXE:-}" ]; then
		git -C "$dir/clone" log --no-merges --format='%H %P' --max-count="$COMMITS" \
			--extended-regexp -G"$BENCH_HISTORY_PICKAXE" HEAD >"$dir/commits"
	else
		git -C "$dir/clone" rev-list --no-merges --parents --max-count="$COMMITS" HEAD >"$dir/commits"
	fi
	total=$(wc -l <"$dir/commits")
	say "[$name] reviewing $total commits"
	export WFC_HOME=$dir/wfc-home
	mkdir -p "$WFC_HOME"
	: >"$dir/times"
	n=0
	(
		cd "$dir/clone"
		while read -r c parents; do
			[ -n "$parents" ] || continue
			n=$((n + 1))
			t0=$EPOCHREALTIME
			rc=0
			"$WFC" --json review --range "$c^..$c" --no-learn -q \
				>"$dir/results/$n.json" 2>"$dir/results/$n.err" || rc=$?
			t1=$EPOCHREALTIME
			printf '%s %s %s %s\n' "$n" "$c" "$rc" $((${t1/./} - ${t0/./})) >>"$dir/times"
			if [ $((n % 100)) = 0 ]; then say "[$name] $n/$total"; fi
		done <"$dir/commits"
	)
done
unset WFC_HOME

echo
echo "wfc review over real history, one commit at a time"
echo "  wfc:      $("$WFC" --version 2>/dev/null || echo wfc) ($WFC)"
echo "  command:  wfc --json review --range C^..C --no-learn -q (built-in reviewers), last $COMMITS non-merge commits"
[ -z "${BENCH_HISTORY_PICKAXE:-}" ] || echo "  commits:  only those adding or removing a line that matches /$BENCH_HISTORY_PICKAXE/"
echo "  machine:  $(nproc) cores; load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at the end"
echo
"$PYTHON" - "$WORK" "$TARGET_P50_MS" "$SHOW" <<'PY'
import collections, json, os, subprocess, sys

work, target, show = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])

def pct(sorted_ms, p):
    # Nearest rank.
    if not sorted_ms:
        return float("nan")
    k = max(1, -(-len(sorted_ms) * p // 100))
    return sorted_ms[int(k) - 1]

def verdict(p50):
    if p50 != p50:  # no commit was reviewed
        return "-"
    return "MET" if p50 <= target else "MISSED"

def ms_text(v):
    return "-" if v != v else "%.1f" % v

def subject(clone, commit):
    out = subprocess.run(["git", "-C", clone, "log", "-1", "--format=%s", commit],
                         capture_output=True, text=True, errors="replace").stdout
    return out.strip()[:72]

rows, details, all_ms = [], [], []
def order(entry):
    head = entry.split("-", 1)[0]
    return (int(head) if head.isdigit() else 0, entry)

for entry in sorted(os.listdir(work), key=order):
    d = os.path.join(work, entry)
    if not os.path.isfile(os.path.join(d, "times")):
        continue
    name = open(os.path.join(d, "name")).read().strip()
    head = open(os.path.join(d, "head")).read().strip()
    ms, blocked, incomplete, errors, findings = [], [], 0, [], 0
    per_rule = collections.Counter()
    for line in open(os.path.join(d, "times")):
        n, commit, rc, us = line.split()
        ms.append(int(us) / 1000.0)
        try:
            with open(os.path.join(d, "results", n + ".json")) as f:
                doc = json.load(f)
        except (OSError, ValueError):
            doc = None
        if not isinstance(doc, dict) or "status" not in doc:
            err = open(os.path.join(d, "results", n + ".err"), errors="replace").read().strip()
            errors.append((commit, rc, err.splitlines()[:3]))
            continue
        fs = doc.get("findings") or []
        findings += len(fs)
        for f in fs:
            for r in f.get("rules") or ["(no rule)"]:
                per_rule[r] += 1
        status = doc.get("status")
        if status == "incomplete":
            incomplete += 1
        if status == "failed":
            blocked.append((commit, doc))
    reviewed = len(ms)
    ms.sort()
    all_ms += ms
    p50, p95 = pct(ms, 50), pct(ms, 95)
    rows.append((name, head, reviewed, len(blocked), incomplete, len(errors),
                 findings / reviewed if reviewed else 0.0, p50, p95,
                 verdict(p50)))
    details.append((name, d, blocked, errors, per_rule))

hdr = ("repository", "head", "commits", "blocked", "incomplete", "errors", "findings/commit",
       "p50 ms", "p95 ms", "p50 <= %g ms" % target)
table = [hdr] + [(r[0], r[1], str(r[2]), str(r[3]), str(r[4]), str(r[5]), "%.2f" % r[6],
                  ms_text(r[7]), ms_text(r[8]), r[9]) for r in rows]
if len(rows) > 1:
    all_ms.sort()
    tot = lambda i: sum(r[i] for r in rows)
    commits = tot(2)
    fpc = sum(r[6] * r[2] for r in rows) / commits if commits else 0.0
    p50 = pct(all_ms, 50)
    table.append(("all", "", str(commits), str(tot(3)), str(tot(4)), str(tot(5)), "%.2f" % fpc,
                  ms_text(p50), ms_text(pct(all_ms, 95)), verdict(p50)))
widths = [max(len(row[c]) for row in table) for c in range(len(hdr))]
for row in table:
    print("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip())

for name, d, blocked, errors, per_rule in details:
    clone = os.path.join(d, "clone")
    print()
    print("%s: %d blocked" % (name, len(blocked)))
    listed = blocked if show == 0 else blocked[:show]
    for commit, doc in listed:
        print("  %s  CS %.3f %s  %s" % (commit[:12], doc.get("cs", 0), doc.get("tier", ""),
                                        subject(clone, commit)))
        for f in sorted(doc.get("findings") or [], key=lambda f: -f.get("r", 0))[:8]:
            desc = (f.get("descriptions") or [""])[0]
            print("      %-28s %s:%s  R %.2f  %s" % (",".join(f.get("rules") or ["-"]),
                                                    f.get("file"), f.get("line_start"),
                                                    f.get("r", 0), desc[:90]))
    if len(listed) < len(blocked):
        print("  ... and %d more (BENCH_HISTORY_SHOW=0 lists all)" % (len(blocked) - len(listed)))
    for commit, rc, err in errors:
        print("  ERROR %s exit %s: %s" % (commit[:12], rc, " / ".join(err)))
    if per_rule:
        print("  findings per rule: " + ", ".join("%s %d" % kv for kv in per_rule.most_common()))
PY
exit 0
