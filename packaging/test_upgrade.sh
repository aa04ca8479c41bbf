#!/usr/bin/env bash
# Upgrade from the previous release keeps the kitchen's data (called by test_deb.sh; root or sudo).
#   packaging/test_upgrade.sh NEW.deb
#   KDS_PREVIOUS_REF=v0.1.0 packaging/test_upgrade.sh NEW.deb   the release to upgrade from
# Builds the previous release's .deb from its git ref with that release's own recipe, installs
# it, lets it fetch orders from a local simulator into the real per-user store, upgrades to
# NEW.deb, and checks that the store (orders, settings, schema migrated) and every file of the
# data folder are still there once the new version has run. The release: KDS_PREVIOUS_REF, else
# the newest v* tag, else the commit named in packaging/previous-release (a clone without tags;
# packaging/previous_release.sh decides); with none of them the check is skipped with a line
# saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
new_deb=$1
case "$new_deb" in /*) ;; *) new_deb="$PWD/$new_deb" ;; esac  # apt needs a path, not a name
BUILD_VENV=${VENV:-packaging/build-venv}
PY="$BUILD_VENV/bin/python"
fail() { echo "FAIL: upgrade: $*" >&2; exit 1; }

ref=$(packaging/previous_release.sh 2>/dev/null) || true
if [ -z "$ref" ]; then
  echo "skip: upgrade from the previous release not tested:" \
    "$(packaging/previous_release.sh 2>&1 >/dev/null || true)" \
    "(tag releases v<version> and name the last in packaging/previous-release," \
    "or set KDS_PREVIOUS_REF=<tag or commit>)"
  exit 0
fi

work=$(mktemp -d)
sim=""
cleanup() {
  [ -z "$sim" ] || kill "$sim" 2>/dev/null || true
  dpkg-query -W -f='${Status}' kds 2>/dev/null | grep -q "ok installed" \
    && $sudo apt-get purge -y -qq kds >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The previous release, built by its own scripts from its own tree.
mkdir "$work/src"
git archive "$ref" | tar -x -C "$work/src"
[ -x "$work/src/packaging/build_deb.sh" ] || fail "$ref has no packaging/build_deb.sh"
if [ ! -f "$work/src/requirements/build.txt" ]; then
  # A release from before the lock installs whatever PyPI has that day; build it with today's
  # locked tools and libraries instead (its own scripts then find them ready), so this check
  # does not depend on the day's PyPI. Its pyproject dependencies must match the lock's names.
  python3 -m venv "$work/src/.venv"
  "$work/src/.venv/bin/python" -m pip install -q --require-hashes -r requirements/build.txt
  "$work/src/.venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$work/src" \
    2>/dev/null
fi
echo "upgrade: building the previous release ($ref)..."
old_deb=$(cd "$work/src" && KDS_PACKAGING_OUT="$work/out" packaging/build_deb.sh 2>"$work/build.log" \
  | tail -n 1) || { tail -n 20 "$work/build.log" >&2; fail "building $ref failed"; }
case "$old_deb" in /*) ;; *) old_deb="$work/src/$old_deb" ;; esac
old_version=$(dpkg-deb -f "$old_deb" Version)
new_version=$(dpkg-deb -f "$new_deb" Version)
$sudo apt-get install -y -qq "$old_deb" >/dev/null
[ "$(kds --version)" = "kds $old_version" ] || fail "the previous release did not install"

# 2. The old version takes orders into the real store (~/.local/share/kds of a scratch user).
home="$work/home"; mkdir -p "$home"
"$BUILD_VENV/bin/kds-sim" --port 0 --no-rate-limits --generate-every 0.5 --seed 17 \
  >"$work/sim.log" 2>&1 & sim=$!
for _ in $(seq 50); do grep -q "http://" "$work/sim.log" && break; sleep 0.2; done
api=$(grep -o 'http://[^ ]*/v1' "$work/sim.log") || fail "the simulator did not start"
run_kds() {  # run_kds API_URL MS: the installed kds as the scratch user, offscreen
  HOME="$home" KDS_ACCESS_TOKEN=demo-kds-token QT_QPA_PLATFORM=offscreen \
    timeout 120 kds --api-url "$1" --exit-after-ms "$2" >>"$work/app.log" 2>&1
}
run_kds "$api" 6000 || { tail -n 20 "$work/app.log" >&2; fail "kds $old_version did not run"; }
kill "$sim"; sim=""
data="$home/.local/share/kds"
snapshot() {  # order ids, settings rows and schema version of the store, then the folder's files
  "$PY" - "$data/kds.sqlite3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print("orders", *sorted(r[0] for r in db.execute("SELECT id FROM orders")))
print("settings", *sorted(f"{k}={v}" for k, v in db.execute("SELECT key, value FROM settings")))
print("schema", db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
PY
}
before=$(snapshot)
files_before=$(cd "$data" && find . -path ./logs -prune -o -type f -print | sort)
orders=$(echo "$before" | grep '^orders' | wc -w)
[ "$orders" -gt 1 ] || fail "kds $old_version stored no orders"

# 3. Upgrade (a rebuild of the same version is reinstalled), then run the new version, offline.
if dpkg --compare-versions "$new_version" gt "$old_version"; then
  $sudo apt-get install -y -qq "$new_deb" >/dev/null
else
  $sudo apt-get install -y -qq --reinstall "$new_deb" >/dev/null
fi
[ "$(kds --version)" = "kds $new_version" ] || fail "the upgrade did not install $new_version"
run_kds "http://127.0.0.1:9/v1" 1500 || { tail -n 20 "$work/app.log" >&2; fail "kds $new_version did not start on the old data"; }
after=$(snapshot)
want_schema=$("$PY" -c 'from kds.store.migrations import MIGRATIONS; print(len(MIGRATIONS))')
[ "$(echo "$after" | grep '^orders')" = "$(echo "$before" | grep '^orders')" ] \
  || fail "orders changed across the upgrade"
[ "$(echo "$after" | grep '^settings')" = "$(echo "$before" | grep '^settings')" ] \
  || fail "settings changed across the upgrade"
[ "$(echo "$after" | grep '^schema')" = "schema $want_schema" ] || fail "store not migrated: $after"
for f in $files_before; do [ -e "$data/$f" ] || fail "$f is gone after the upgrade"; done
echo "ok: upgrade $ref ($old_version) -> $new_version kept $((orders - 1)) order(s), the settings" \
  "and every file of the data folder; store at schema $want_schema"

# 4. Removing the package leaves the user's data alone.
$sudo apt-get remove -y -qq kds >/dev/null
[ "$(snapshot)" = "$after" ] || fail "apt-get remove touched the user's store"
echo "ok: apt-get remove kept the user's data"

# 5. A downgrade: the previous release installed again over data a newer KDS wrote (here: the
# store marked as written by a schema the old version does not know) refuses, exit 3, with its
# message, and leaves the file byte for byte as it was.
$sudo apt-get install -y -qq --allow-downgrades "$old_deb" >/dev/null
[ "$(kds --version)" = "kds $old_version" ] || fail "the downgrade did not install $old_version"
"$PY" - "$data/kds.sqlite3" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 100 WHERE key = 'schema_version'")
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
sum_before=$(sha256sum "$data/kds.sqlite3" | cut -d' ' -f1)
: >"$work/app.log"
rc=0; run_kds "http://127.0.0.1:9/v1" 1500 || rc=$?
[ "$rc" = 3 ] || { tail -n 20 "$work/app.log" >&2; fail "kds $old_version on a newer store exited $rc, not 3"; }
grep -q "a newer KDS wrote it" "$work/app.log" || fail "the downgrade refusal did not say why"
[ "$(sha256sum "$data/kds.sqlite3" | cut -d' ' -f1)" = "$sum_before" ] \
  || fail "kds $old_version changed a newer store"
echo "ok: downgrade to $old_version on a newer store refused (exit 3, 'a newer KDS wrote it'), file untouched"
