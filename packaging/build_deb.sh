#!/usr/bin/env bash
# Build packaging/out/kds_<version>_<arch>.deb from the PyInstaller bundle (Debian/Ubuntu, amd64/arm64).
#   packaging/build_deb.sh                 bundle + .deb, zstd level 9 (52 MB in ~3 s here)
#   DEB_LEVEL=19 packaging/build_deb.sh    smaller .deb (45 MB) but ~50 s to pack on 2 cores
#   DEB_COMPRESSION=xz packaging/build_deb.sh   xz instead (slower still; older dpkg without zstd)
#   SKIP_BUNDLE=1 packaging/build_deb.sh   reuse packaging/out/dist/kds from an earlier build
# The script prints the path of the .deb on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022  # files in the package must be world-readable whatever the builder's umask
VENV=${VENV:-packaging/build-venv}  # the build venv of build_bundle.sh (reads the version)
OUT=${KDS_PACKAGING_OUT:-packaging/out}  # tests point this at a temporary folder
BUNDLE=${KDS_BUNDLE:-$OUT/dist/kds}
COMPRESSION=${DEB_COMPRESSION:-zstd}
LEVEL=${DEB_LEVEL:-9}  # zstd 3 (dpkg's default) 56 MB / 9: 52 MB in 3 s / 19: 45 MB in 50 s

if [ "${SKIP_BUNDLE:-0}" != 1 ] || [ ! -x "$BUNDLE/kds" ]; then
  packaging/build_bundle.sh >&2
fi

# From pyproject.toml itself: installed metadata can be a stale kds.egg-info left in the tree.
version=$("$VENV/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
root=$OUT/deb/kds_${version}_${arch}
deb=$OUT/kds_${version}_${arch}.deb
rm -rf "$root" "$deb"

# The application: the whole bundle, unchanged, under /opt/kds.
mkdir -p "$root/opt"
cp -a "$BUNDLE" "$root/opt/kds"

# A launcher on PATH. A script rather than a symlink so `ps` shows a clear path and
# kiosk set-ups can add environment variables here in one place.
install -d "$root/usr/bin"
printf '#!/bin/sh\nexec /opt/kds/kds "$@"\n' > "$root/usr/bin/kds"
chmod 0755 "$root/usr/bin/kds"

# Menu entry and icons (hicolor theme: one PNG per size, plus the SVG).
install -D -m 0644 packaging/linux/kds.desktop "$root/usr/share/applications/kds.desktop"
for size in 16 32 48 64 128 256 512; do
  install -D -m 0644 "resources/icons/kds-$size.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/kds.png"
done
install -D -m 0644 resources/icons/kds.svg "$root/usr/share/icons/hicolor/scalable/apps/kds.svg"

# Autostart for kiosk PCs: shipped, never enabled by the package (see README.autostart).
install -D -m 0644 packaging/linux/kds-autostart.desktop "$root/usr/share/kds/kds-autostart.desktop"
# A PC with no desktop: a systemd unit running KDS alone under the cage kiosk compositor.
install -D -m 0644 packaging/linux/kds-kiosk.service "$root/usr/share/kds/kiosk/kds-kiosk.service"
cat > "$root/usr/share/kds/README.autostart" <<'TXT'
Start KDS when the kitchen PC logs in (kiosk PCs)

For every user of this PC:
    sudo cp /usr/share/kds/kds-autostart.desktop /etc/xdg/autostart/kds.desktop
For one user only:
    mkdir -p ~/.config/autostart && cp /usr/share/kds/kds-autostart.desktop ~/.config/autostart/kds.desktop

To stop it, delete the copied file. Removing the package also removes /etc/xdg/autostart/kds.desktop
if it is still identical to this template.

A PC with no desktop at all (KDS is the whole session, on tty1, as the user "kitchen"):
    sudo apt-get install cage xwayland
    sudo adduser --disabled-password --gecos Kitchen kitchen
    sudo cp /usr/share/kds/kiosk/kds-kiosk.service /etc/systemd/system/
    sudo systemctl disable getty@tty1.service
    sudo systemctl enable --now kds-kiosk.service
The unit restarts KDS if it ever exits. To stop: sudo systemctl disable --now kds-kiosk.service
TXT

install -d "$root/DEBIAN"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# Everything else (Qt, X/xkb, fontconfig, ICU) is inside the bundle; the libraries packaging/lean.py
# takes from the system (FROM_SYSTEM) are here, each by its package. glibc 2.35: the bundled
# libpython needs GLIBC_2.35 (Ubuntu 22.04 has it); see docs/INSTALL.md for how this was checked.
cat > "$root/DEBIAN/control" <<CTL
Package: kds
Version: $version
Architecture: $arch
Maintainer: KDS developers <kds@example.com>
Installed-Size: $installed_kb
Depends: libc6 (>= 2.35), libgl1, libegl1, libxcb1, libdrm2, libwayland-client0, libwayland-cursor0, libwayland-egl1, libfontconfig1, fonts-dejavu-core, libpulse0, libssl3 | libssl3t64, libstdc++6, libgcc-s1, libexpat1, libdbus-1-3, libsystemd0, libgcrypt20, tzdata
Recommends: fonts-noto-color-emoji
Section: misc
Priority: optional
Homepage: https://www.hubrise.com/
Description: Kitchen display system for HubRise restaurants
 Shows the orders a restaurant receives through HubRise on a kitchen screen,
 lets staff bump them through their statuses and controls order acceptance.
 Includes a built-in simulator: run "kds --demo" to try it without an account.
CTL

cat > "$root/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
# Refresh menus and icon caches when the tools exist (a kiosk image may lack them).
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
SH
cat > "$root/DEBIAN/prerm" <<'SH'
#!/bin/sh
set -e
# An admin may have enabled autostart by copying the template; take that copy away with the
# package, but only while it is unmodified (a customised one is the admin's file).
if [ "$1" = remove ] && cmp -s /etc/xdg/autostart/kds.desktop /usr/share/kds/kds-autostart.desktop; then
  rm -f /etc/xdg/autostart/kds.desktop
fi
exit 0
SH
cat > "$root/DEBIAN/postrm" <<'SH'
#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
# Per-user data is the kitchen's, not the package's: never deleted, but said where it is.
if [ "$1" = purge ]; then
  echo "kds: each user's KDS data was kept: orders cache, settings and logs in"
  echo "kds:   ~/.local/share/kds (\$XDG_DATA_HOME/kds when set), and the HubRise connection"
  echo "kds:   token in that user's keyring or in that folder. Delete them by hand to remove them."
fi
exit 0
SH
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm" "$root/DEBIAN/postrm"

start=$(date +%s%N)
dpkg-deb --root-owner-group "-Z$COMPRESSION" "-z$LEVEL" --build "$root" "$deb" >&2
end=$(date +%s%N)
tenths=$(( (end - start) / 100000000 ))
echo "deb: $(du -m "$deb" | cut -f1) MB ($COMPRESSION -$LEVEL) packed in $((tenths / 10)).$((tenths % 10)) s" >&2
echo "$deb"
