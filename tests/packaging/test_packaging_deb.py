"""build_deb.sh turns a bundle into a .deb with the launcher, menu entry, icons and Depends.

A tiny stand-in bundle replaces the 200 MB PyInstaller one, so this runs in about a second;
packaging/test_deb.sh installs the real thing with apt.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kds.platform.resources import resource_path

pytestmark = pytest.mark.slow  # builds a .deb with dpkg-deb

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


@pytest.fixture(scope="module")
def built_deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkgout")
    bundle = out / "dist" / "kds"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "kds").write_text("#!/bin/sh\necho kds-stand-in\n")
    (bundle / "kds").chmod(0o755)
    env = dict(os.environ, KDS_PACKAGING_OUT=str(out), SKIP_BUNDLE="1",
               DEB_COMPRESSION="gzip", VENV=sys.prefix)
    done = subprocess.run([str(PACKAGING / "build_deb.sh")], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    deb = Path(done.stdout.strip().splitlines()[-1])
    return deb if deb.is_absolute() else REPO / deb


def deb_files(deb: Path) -> dict[str, str]:
    """Path inside the package → its mode string, from `dpkg-deb -c`."""
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    files = {}
    for line in listing.splitlines():
        fields = line.split()
        files[fields[5].removeprefix(".")] = fields[0]
    return files


def control_field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_deb_puts_the_bundle_under_opt_and_a_launcher_on_path(built_deb: Path) -> None:
    files = deb_files(built_deb)
    assert files["/opt/kds/kds"].startswith("-rwxr-xr-x")
    assert files["/usr/bin/kds"].startswith("-rwxr-xr-x")
    launcher = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(built_deb)], capture_output=True,
                              check=True).stdout
    assert b'exec /opt/kds/kds "$@"' in launcher


def test_deb_installs_menu_entry_and_every_icon_size(built_deb: Path) -> None:
    files = deb_files(built_deb)
    assert "/usr/share/applications/kds.desktop" in files
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/kds.png" in files
        assert resource_path("icons", f"kds-{size}.png").is_file()
    assert "/usr/share/icons/hicolor/scalable/apps/kds.svg" in files


def test_deb_ships_autostart_without_enabling_it(built_deb: Path) -> None:
    files = deb_files(built_deb)
    assert "/usr/share/kds/kds-autostart.desktop" in files
    assert "/usr/share/kds/README.autostart" in files
    assert not any(path.startswith("/etc/xdg/autostart") for path in files)


def test_deb_declares_the_system_libraries_the_bundle_needs(built_deb: Path) -> None:
    depends = {dep.split()[0] for dep in control_field(built_deb, "Depends").split(",")}
    for library in ("libc6", "libgl1", "libegl1", "libxcb1", "libfontconfig1", "libpulse0",
                    "libwayland-client0", "fonts-dejavu-core"):
        assert library in depends
    assert control_field(built_deb, "Package") == "kds"
    # Customers write emoji in notes ("🌶️ extra hot"): without a colour emoji font they are boxes.
    assert control_field(built_deb, "Recommends") == "fonts-noto-color-emoji"
    assert int(control_field(built_deb, "Installed-Size")) > 0


def test_every_library_the_bundle_takes_from_the_system_is_a_dependency(built_deb: Path) -> None:
    lean = load_lean()
    depends = {dep.strip() for dep in control_field(built_deb, "Depends").split(",")}
    wanted = {package for package in lean.FROM_SYSTEM.values() if package}
    assert "libssl3 | libssl3t64" in wanted and "libstdc++6" in wanted
    assert wanted <= depends, wanted - depends


def test_deb_asks_for_the_glibc_the_bundled_python_needs(built_deb: Path) -> None:
    # The bundled libpython uses GLIBC_2.35 symbols: with 2.34, apt would install it where it
    # cannot start.
    assert "libc6 (>= 2.35)" in control_field(built_deb, "Depends").split(", ")


def load_lean():  # the packaging module, loaded from its file
    import importlib.util
    spec = importlib.util.spec_from_file_location("kds_packaging_lean_deb", PACKAGING / "lean.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_deb_version_comes_from_pyproject(built_deb: Path) -> None:
    """From pyproject.toml itself: installed metadata can be a stale kds.egg-info (a .deb once
    said 0.1.0 after the bump to 0.2.0)."""
    import tomllib

    with (PACKAGING.parent / "pyproject.toml").open("rb") as file:
        version = tomllib.load(file)["project"]["version"]
    assert control_field(built_deb, "Version") == version
    assert built_deb.name == f"kds_{version}_{control_field(built_deb, 'Architecture')}.deb"


def test_purge_keeps_user_data_and_says_where_it_lives(built_deb: Path) -> None:
    postrm = subprocess.run(["dpkg-deb", "-I", str(built_deb), "postrm"], capture_output=True,
                            text=True, check=True).stdout
    purge = postrm[postrm.index('"$1" = purge ]; then\n  echo'):]
    assert "~/.local/share/kds" in purge and "keyring" in purge
    assert "rm " not in postrm.replace("rm -f /etc", "")  # nothing of the users' is deleted


def test_deb_ships_a_kiosk_unit_for_a_pc_without_desktop(built_deb: Path) -> None:
    files = deb_files(built_deb)
    assert "/usr/share/kds/kiosk/kds-kiosk.service" in files
    unit = (PACKAGING / "linux" / "kds-kiosk.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/cage -d -- /usr/bin/kds --kiosk" in unit
    assert "Restart=always" in unit and "PAMName=login" in unit and "TTYPath=/dev/tty1" in unit
    assert "Conflicts=getty@tty1.service" in unit
