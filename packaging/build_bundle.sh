#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle into packaging/out/dist/kds (Linux; see windows/ and macos/
# BUILD.md for the other platforms, which run the same spec).
#   packaging/build_bundle.sh            uses .venv (or $VENV), installing '.[package]' into it if needed
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
OUT=${KDS_PACKAGING_OUT:-packaging/out}  # tests point this at a temporary folder

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import PyInstaller, kds" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q -e '.[package]'
fi

start=$(date +%s%N)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/build" packaging/kds.spec
end=$(date +%s%N)

size=$(du -sm "$OUT/dist/kds" | cut -f1)
tenths=$(( (end - start) / 100000000 ))
echo "bundle: $OUT/dist/kds  ${size} MB  built in $((tenths / 10)).$((tenths % 10)) s"
