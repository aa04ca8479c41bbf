#!/usr/bin/env bash
# The git ref of the release packaging/test_upgrade.sh upgrades from, on stdout; nothing (and
# the reason on stderr) when this checkout holds none. Run from the repository root.
#   KDS_PREVIOUS_REF=<tag or commit>   wins when set
#   the newest v* tag                  when the checkout has tags
#   packaging/previous-release         "<tag> <commit>": its commit, for a clone without tags
set -euo pipefail
file=${1:-packaging/previous-release}
is_commit() { git rev-parse -q --verify "$1^{commit}" >/dev/null 2>&1; }

if [ -n "${KDS_PREVIOUS_REF:-}" ]; then
  is_commit "$KDS_PREVIOUS_REF" && { echo "$KDS_PREVIOUS_REF"; exit 0; }
  echo "KDS_PREVIOUS_REF=$KDS_PREVIOUS_REF is not in this checkout" >&2; exit 0
fi
tag=$(git tag --list 'v*' --sort=-v:refname 2>/dev/null | sed -n 1p)
if [ -n "$tag" ]; then echo "$tag"; exit 0; fi
read -r name commit < <(grep -v '^#' "$file" 2>/dev/null || true) || true
if [ -n "${commit:-}" ] && is_commit "$commit"; then echo "$commit"; exit 0; fi
echo "no v* tag, and ${file}'s ${name:-release} ${commit:-(none)} is not in this checkout" >&2
