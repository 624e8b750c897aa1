#!/usr/bin/env bash
# The review gate as a CI step: every commit between the target branch and the change under test
# must pass the target branch's gate policy, checked without trusting the machine that made it.
#
#   contrib/ci/wfc-gate.sh BASE [HEAD]     # e.g. origin/main HEAD
#
# - The policy is `[gate]` of .wfc/config.toml as committed in BASE, never as the change has it.
# - Each commit's change (a merge's: its difference from the automatic merge of its parents) is
#   re-reviewed by the policy's built-in reviewers (`--rerun`): deterministic, needs no key.
# - When BASE has an allowed-signers file (.wfc/allowed_signers, or $WFC_ALLOWED_SIGNERS), every
#   commit must also carry a Review-Signature from a key listed there; the file is read from BASE,
#   so a change cannot add its own key.
# - Bypassed reviews fail unless WFC_ALLOW_BYPASSED=1.
#
# wfc is taken from $WFC_BIN, else from PATH, else installed with `cargo install --locked`
# ($WFC_INSTALL_ARGS, default `wfc`). Needs the full history of the range (fetch-depth 0).
# Exit codes are wfc's: 0 every commit passes, 1 an offender (listed), 2 a usage error.
set -euo pipefail

base=${1:?usage: wfc-gate.sh BASE [HEAD]}
head=${2:-HEAD}

wfc=${WFC_BIN:-}
if [ -z "$wfc" ]; then
  if command -v wfc >/dev/null 2>&1; then
    wfc=$(command -v wfc)
  else
    echo "wfc-gate: installing wfc with cargo install --locked ${WFC_INSTALL_ARGS:-wfc}" >&2
    # shellcheck disable=SC2086
    cargo install --locked ${WFC_INSTALL_ARGS:-wfc} >&2
    wfc=$(command -v wfc || echo "${CARGO_HOME:-$HOME/.cargo}/bin/wfc")
  fi
fi

base_commit=$(git rev-parse --verify --quiet "$base^{commit}") || {
  echo "wfc-gate: cannot resolve the target branch $base (fetch it first, with its history)" >&2
  exit 2
}

args=(gate verify "$base_commit..$head" --policy-from "$base_commit" --rerun)
if [ "${WFC_ALLOW_BYPASSED:-0}" = 1 ]; then
  args+=(--allow-bypassed)
fi

signers_path=${WFC_ALLOWED_SIGNERS:-.wfc/allowed_signers}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if git cat-file -e "$base_commit:$signers_path" 2>/dev/null; then
  git show "$base_commit:$signers_path" >"$tmp/allowed_signers"
  args+=(--allowed-signers "$tmp/allowed_signers")
  echo "wfc-gate: signatures required by $signers_path of $base" >&2
fi

"$wfc" "${args[@]}"
