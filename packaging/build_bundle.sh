#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle into packaging/out/dist/kds (Linux; see windows/ and macos/
# BUILD.md for the other platforms, which run the same spec).
#   packaging/build_bundle.sh      builds in its own venv made from requirements/build.txt (the lock)
#   VENV=path packaging/build_bundle.sh   another build venv (made/refreshed from the lock the same way)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${KDS_PACKAGING_OUT:-packaging/out}  # tests point this at a temporary folder
VENV=${VENV:-packaging/build-venv}
LOCK=requirements/build.txt

# The build venv holds the lock and nothing else, so the bundle contains exactly the locked
# versions: when the lock changes, the venv is made again from scratch (never patched up).
lock_sum=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ "$(cat "$VENV/.kds-lock" 2>/dev/null)" != "$lock_sum" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --require-hashes -r "$LOCK"
  echo "$lock_sum" > "$VENV/.kds-lock"
fi
"$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .

start=$(date +%s%N)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/kds.spec
end=$(date +%s%N)

size=$(du -sm "$OUT/dist/kds" | cut -f1)
tenths=$(( (end - start) / 100000000 ))
echo "bundle: $OUT/dist/kds  ${size} MB  built in $((tenths / 10)).$((tenths % 10)) s"
