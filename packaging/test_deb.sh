#!/usr/bin/env bash
# Build the .deb, install it with apt, run the installed app, remove it, check nothing is left.
# Needs root (or sudo) and apt. 3 min here on 2 cores (7 min when other jobs load them), about
# half of it the upgrade check (packaging/test_upgrade.sh builds the previous release).
#   packaging/test_deb.sh            full run
#   SKIP_BUNDLE=1 packaging/test_deb.sh   reuse packaging/out/dist/kds
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
BUILD_VENV=${VENV:-packaging/build-venv}  # made by build_bundle.sh from requirements/build.txt

ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
secs_since() { local d=$(( $(ms_now) - $1 )); echo "$((d / 1000)).$(( (d % 1000) / 100 ))"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

t=$(ms_now)
deb=$(packaging/build_deb.sh | tail -n 1)
build_s=$(secs_since "$t")
[ -f "$deb" ] || fail "build_deb.sh made no .deb"
version=$(dpkg-deb -f "$deb" Version)

# The previous release, installed with orders, then upgraded to this .deb (skips without a ref).
packaging/test_upgrade.sh "$deb"

# Whatever happens below, do not leave the package installed.
installed() { dpkg-query -W -f='${Status}' kds 2>/dev/null | grep -q "ok installed"; }
cleanup() { installed && $sudo apt-get purge -y -qq kds >/dev/null 2>&1 || true; }
trap cleanup EXIT

t=$(ms_now)
$sudo apt-get install -y -qq "./$deb" >/dev/null
install_s=$(secs_since "$t")
[ -x /opt/kds/kds ] || fail "/opt/kds/kds missing after install"
[ -x /usr/bin/kds ] || fail "/usr/bin/kds missing after install"
[ -f /usr/share/applications/kds.desktop ] || fail "desktop entry missing"
[ -f /usr/share/icons/hicolor/256x256/apps/kds.png ] || fail "icon missing"

got=$(kds --version)
[ "$got" = "kds $version" ] || fail "kds --version printed '$got', expected 'kds $version'"
echo "ok: kds --version -> $got"

# The installed copy names exactly the versions of the lock it was built from.
locked() { grep -i "^$1==" requirements/build.txt | sed 's/^[^=]*==\([^ ]*\).*/\1/'; }
checked=0
while read -r name ver; do
  case "$name" in kds|Python|Qt|HubRise) continue ;; esac
  want=$(locked "$(echo "$name" | tr 'A-Z_.' 'a-z--')")
  [ "$ver" = "$want" ] || fail "kds --version --verbose: $name $ver, the lock says '$want'"
  checked=$((checked + 1))
done < <(kds --version --verbose)
[ "$checked" -ge 5 ] || fail "kds --version --verbose listed only $checked libraries"
echo "ok: kds --version --verbose -> $checked libraries, each at its locked version"
# The OAuth client the build environment named (KDS_BUILD_OAUTH_CLIENT_ID/SECRET), or none.
client=$(HOME=$(mktemp -d) kds --version --verbose | sed -n 's/^HubRise OAuth client: //p')
[ "$client" = "${KDS_BUILD_OAUTH_CLIENT_ID:-none (sign in with a token)}" ] \
  || fail "the installed app's OAuth client is '$client'"
echo "ok: OAuth client in the installed app: $client"

# The self-test writes its database under a throw-away HOME, never the real user's data.
scratch=$(mktemp -d)
t=$(ms_now)
if ! summary=$(HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
    QT_QPA_PLATFORM=offscreen timeout 120 kds --demo --self-test 2>"$scratch/stderr"); then
  tail -n 20 "$scratch/stderr" >&2
  fail "kds --demo --self-test failed: $summary"
fi
selftest_s=$(secs_since "$t")
echo "ok: self-test -> $(echo "$summary" | tail -n 1)"

# The lean bundle (packaging/lean.py) still holds every library its modules and plugins load.
missing=$(find /opt/kds -type f \( -name '*.so' -o -name '*.so.*' \) -exec ldd {} + 2>/dev/null \
  | grep "not found" | sort -u || true)
[ -z "$missing" ] || fail "libraries missing from the installed bundle: $missing"
echo "ok: every bundled library finds what it links"
# The trimmed ICU data (packaging/icu_data.py) answers every kind of call Qt makes (collation,
# time-zone names, case mapping, converters) as the full data of the PySide6 it came from.
icu_line=$("$BUILD_VENV/bin/python" packaging/icu_data.py check \
  "$("$BUILD_VENV/bin/python" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt" / "lib")')" \
  /opt/kds/_internal/PySide6/Qt/lib) || fail "the bundle's ICU answers differently: $icu_line"
echo "ok: $icu_line"

# The installed app paints its board: offscreen, and on X (xcb) when xvfb-run is here.
paints() {  # paints PLATFORM [wrapper...]: a screenshot of the demo board, as a PNG
  local platform=$1; shift
  rm -rf "$scratch/home"; mkdir -p "$scratch/home"
  HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/data" XDG_CONFIG_HOME="$scratch/home/config" \
    timeout 120 "$@" env QT_QPA_PLATFORM="$platform" kds --demo \
    --screenshot "$scratch/board-$platform.png" --after 2 >"$scratch/paint.log" 2>&1 \
    || { tail -n 20 "$scratch/paint.log" >&2; fail "kds --demo --screenshot ($platform) failed"; }
  [ "$(head -c 4 "$scratch/board-$platform.png" | tail -c 3)" = PNG ] \
    || fail "no board screenshot ($platform)"
  echo "ok: the installed app paints its board ($platform)"
}
paints offscreen
if command -v xvfb-run >/dev/null; then paints xcb xvfb-run -a -s '-screen 0 1280x800x24'; fi

# The alert sound: the demo's new orders ring into a PulseAudio null sink, recorded from its
# monitor. Needs `apt-get install pulseaudio pulseaudio-utils` (not pulled in by default).
if command -v pulseaudio >/dev/null && command -v parecord >/dev/null; then
  export XDG_RUNTIME_DIR="$scratch/run"; mkdir -p -m 700 "$XDG_RUNTIME_DIR"
  pulseaudio -D -n --exit-idle-time=-1 --load="module-null-sink sink_name=kdstest" \
    --load=module-native-protocol-unix 2>/dev/null
  parecord -d kdstest.monitor --file-format=wav "$scratch/heard.wav" & rec=$!
  paints offscreen >/dev/null
  kill "$rec"; wait "$rec" 2>/dev/null || true
  pulseaudio --kill 2>/dev/null || true
  peak=$("$BUILD_VENV/bin/python" -c 'import array, sys, wave
w = wave.open(sys.argv[1]); a = array.array("h", w.readframes(w.getnframes()))
print(max(map(abs, a), default=0))' "$scratch/heard.wav")
  [ "$peak" -gt 1000 ] || fail "the alert sound was not heard (peak $peak)"
  echo "ok: the installed app rings its alert (peak $peak)"
  unset XDG_RUNTIME_DIR
else
  echo "skip: alert sound not checked (apt-get install pulseaudio pulseaudio-utils to check it)"
fi

# Cold start of the installed app to its first painted board, with 100,000 orders in the cache.
start_line=$("$BUILD_VENV/bin/python" packaging/start_time.py --history "${START_HISTORY:-100000}" \
  -- /usr/bin/kds) || fail "the installed app did not start"
echo "ok: installed $start_line"

t=$(ms_now)
$sudo apt-get remove -y -qq kds >/dev/null
remove_s=$(secs_since "$t")
trap - EXIT
[ ! -e /opt/kds ] || fail "/opt/kds still there after removal"
[ ! -e /usr/bin/kds ] || fail "/usr/bin/kds still there after removal"
[ ! -e /usr/share/applications/kds.desktop ] || fail "desktop entry still there after removal"
[ -f "$scratch/home/data/kds/kds.sqlite3" ] || fail "apt-get remove deleted the user's data"
# apt-get remove keeps the package's record (state "rc") for purge; purge leaves nothing of the
# package, keeps the users' data and says where it is.
purged=$($sudo dpkg --purge kds 2>&1)
! dpkg-query -W kds >/dev/null 2>&1 || fail "dpkg still knows kds after purge"
[[ "$purged" == *"~/.local/share/kds"* ]] || fail "purge did not say where user data lives: $purged"
[ -f "$scratch/home/data/kds/kds.sqlite3" ] || fail "purge deleted the user's data"
rm -rf "$scratch"
echo "ok: removed and purged cleanly; user data kept and its place named"

echo "largest parts of the bundle (MB):"
# awk reads the whole list (a `head` closing the pipe early kills sort with SIGPIPE under pipefail)
find packaging/out/dist/kds -type f -printf '%s %P\n' | sort -rn \
  | awk 'NR <= 10 { printf "  %5.1f  %s\n", $1 / 1048576, $2 }'
echo "figures: bundle $(du -sm packaging/out/dist/kds | cut -f1) MB, .deb $(du -m "$deb" | cut -f1) MB," \
  "build ${build_s} s, install ${install_s} s, self-test ${selftest_s} s, remove ${remove_s} s," \
  "installed ${start_line%% (median*}"
