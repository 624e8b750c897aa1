#!/usr/bin/env bash
# worktree-manager.sh: a drop-in replacement for the old worktree manager script.
#
# It keeps the old command line and hands every command to `wfc`, which must be on PATH
# (or named by WFC_BIN). Old scripts and agent prompts keep working; what runs is wfc:
# namespaced worktrees, per-worktree developer attribution, a creation lock, orphan cleanup.
#
#   worktree-manager.sh [--project-id ID] [--developer-id ID] <command> [args]
#
#   create <name> [base]    wfc worktree create --exist-ok [--base BASE] <name>
#   list | ls               wfc worktree list
#   switch | go <name>      wfc worktree path <name>        (cd "$(worktree-manager.sh go T)")
#   status [name]           wfc worktree status [name]
#   copy-env | env [name]   wfc worktree copy-env <name>    (name defaults to the worktree you are in)
#   cleanup | clean         wfc cleanup
#   help                    this text
#
# Differences from the old script: the default base is the current HEAD (not `develop`);
# the path is printed on stdout and messages go to stderr; cleanup removes only orphaned
# worktrees (no live owner, idle longer than worktree.orphan_after) and never a dirty one.
set -euo pipefail

wfc_bin="${WFC_BIN:-wfc}"
prog="$(basename "$0")"
global=()

usage() {
  sed -n '4,16s/^# \{0,1\}//p' "$0" | sed "s/worktree-manager.sh/$prog/"
}

die_usage() {
  printf 'error: %s\n' "$1" >&2
  printf "hint: run '%s help' for the commands\n" "$prog" >&2
  exit 2
}

run_wfc() {
  exec "$wfc_bin" ${global[@]+"${global[@]}"} "$@"
}

project_given=0
while [ $# -gt 0 ]; do
  case "$1" in
    --project-id | --developer-id)
      [ $# -ge 2 ] || die_usage "$1 needs a value"
      [ "$1" = --project-id ] && project_given=1
      global+=("$1=$2")
      shift 2
      ;;
    --project-id=* | --developer-id=*)
      case "$1" in --project-id=*) project_given=1 ;; esac
      global+=("$1")
      shift
      ;;
    --help | -h)
      usage
      exit 0
      ;;
    --)
      shift
      break
      ;;
    -*) die_usage "unknown option: $1" ;;
    *) break ;;
  esac
done

command="${1:-help}"
[ $# -gt 0 ] && shift

case "$command" in
  create)
    [ $# -ge 1 ] && [ -n "$1" ] || die_usage "usage: $prog create <name> [base]"
    name="$1"
    if [ $# -ge 2 ] && [ -n "$2" ]; then
      run_wfc worktree create --exist-ok --base "$2" -- "$name"
    fi
    run_wfc worktree create --exist-ok -- "$name"
    ;;
  list | ls)
    run_wfc worktree list
    ;;
  switch | go)
    [ $# -ge 1 ] && [ -n "$1" ] || die_usage "usage: $prog $command <name>"
    run_wfc worktree path -- "$1"
    ;;
  status)
    if [ $# -ge 1 ] && [ -n "$1" ]; then
      run_wfc worktree status -- "$1"
    fi
    run_wfc worktree status
    ;;
  copy-env | env)
    if [ $# -ge 1 ] && [ -n "$1" ]; then
      run_wfc worktree copy-env -- "$1"
    fi
    # No name: the worktree we are in, `<main>/.worktrees/<project>/wfc-<task>`.
    top="$(git rev-parse --show-toplevel 2>/dev/null)" || die_usage "usage: $prog $command <name>"
    case "$top" in
      */.worktrees/*/wfc-*)
        task="${top##*/wfc-}"
        project="$(basename "$(dirname "$top")")"
        [ "$project_given" = 1 ] || global+=("--project-id=$project")
        run_wfc worktree copy-env -- "$task"
        ;;
      *) die_usage "usage: $prog $command <name> (or run it inside a task worktree)" ;;
    esac
    ;;
  cleanup | clean)
    run_wfc cleanup
    ;;
  help)
    usage
    ;;
  *)
    printf 'error: unknown command: %s\n' "$command" >&2
    usage >&2
    exit 2
    ;;
esac
