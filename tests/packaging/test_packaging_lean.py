"""The lean bundle: packaging/lean.py drops what KDS never loads and keeps what it does,
on the file paths PyInstaller really produces (Linux, and the Windows/macOS layouts)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

LEAN_PATH = Path(__file__).resolve().parents[2] / "packaging" / "lean.py"
_spec = importlib.util.spec_from_file_location("kds_packaging_lean", LEAN_PATH)
assert _spec and _spec.loader
lean = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = lean
_spec.loader.exec_module(lean)

QT = "PySide6/Qt"

KEPT = [
    f"{QT}/lib/libQt6Core.so.6", f"{QT}/lib/libQt6Gui.so.6", f"{QT}/lib/libQt6Widgets.so.6",
    f"{QT}/lib/libQt6Svg.so.6", f"{QT}/lib/libQt6Network.so.6",
    f"{QT}/lib/libQt6Multimedia.so.6",  # the alert sound (QSoundEffect)
    f"{QT}/lib/libQt6XcbQpa.so.6", f"{QT}/lib/libQt6WaylandClient.so.6",
    f"{QT}/lib/libicudata.so.73", f"{QT}/plugins/platforms/libqxcb.so",
    f"{QT}/plugins/platforms/libqwayland.so", f"{QT}/plugins/platforms/libqoffscreen.so",
    f"{QT}/plugins/imageformats/libqsvg.so", f"{QT}/plugins/iconengines/libqsvgicon.so",
    f"{QT}/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    f"{QT}/plugins/wayland-shell-integration/libxdg-shell.so",
    f"{QT}/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/QtMultimedia.abi3.so", "libpython3.11.so.1.0", "libglib-2.0.so.0",
    "libsqlite3.so.0", "click-8.5.1.dist-info/licenses/LICENSE.txt",  # licenses travel along
    "platformdirs-4.14.9.dist-info/METADATA",  # read by kds --version --verbose
    "resources/sounds/new_order.wav", "kds/ui/board/board.py",
    "resources/translations/kds_fr.qm", r"resources\translations\kds_fr.qm",  # the app's own
    r"PySide6\plugins\platforms\qwindows.dll", r"PySide6\Qt6Core.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
]
DROPPED = [
    f"{QT}/plugins/multimedia/libffmpegmediaplugin.so", f"{QT}/lib/libavcodec.so.61",
    f"{QT}/lib/libavformat.so.61", f"{QT}/lib/libswscale.so.8",
    f"{QT}/lib/libQt6FFmpegStub-va-drm.so.2", f"{QT}/lib/libQt6Quick.so.6",
    f"{QT}/lib/libQt6Qml.so.6", f"{QT}/lib/libQt6QmlModels.so.6", f"{QT}/lib/libQt6Pdf.so.6",
    f"{QT}/lib/libQt6EglFSDeviceIntegration.so.6",
    f"{QT}/translations/qtbase_de.qm", f"{QT}/plugins/platforms/libqvnc.so",
    f"{QT}/plugins/platforms/libqeglfs.so", f"{QT}/plugins/platforms/libqlinuxfb.so",
    f"{QT}/plugins/imageformats/libqjpeg.so", f"{QT}/plugins/imageformats/libqpdf.so",
    f"{QT}/plugins/tls/libqopensslbackend.so", f"{QT}/plugins/generic/libqevdevtouchplugin.so",
    f"{QT}/plugins/platformthemes/libqgtk3.so",
    f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    r"PySide6\plugins\multimedia\ffmpegmediaplugin.dll", r"PySide6\avcodec-61.dll",
    r"PySide6\Qt6Quick.dll", r"PySide6\opengl32sw.dll", r"PySide6\translations\qt_fr.qm",
    "libpulse.so.0",  # the .deb depends on libpulse0: the system's copy is loaded
    # Taken from the system, each by a Depends of the .deb (test_packaging_deb.py): OpenSSL for
    # security updates; libstdc++/libgcc_s/expat built for glibc 2.36 (Ubuntu 22.04 has 2.35).
    "libssl.so.3", "libcrypto.so.3", "libstdc++.so.6", "libgcc_s.so.1", "libexpat.so.1",
    "libdbus-1.so.3", "libsystemd.so.0", "libgcrypt.so.20",
    "platformdirs-4.14.9.dist-info/sboms/platformdirs.cdx.json",  # a bill of materials
]


@pytest.mark.parametrize("dest", KEPT)
def test_what_kds_loads_stays(dest: str) -> None:
    assert not lean.dropped(dest)


@pytest.mark.parametrize("dest", DROPPED)
def test_what_kds_never_loads_goes(dest: str) -> None:
    assert lean.dropped(dest)


def test_libraries_only_a_dropped_plugin_needed_go_too() -> None:
    needs = {
        "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
        "/src/libQt6XcbQpa.so.6": ["libX11-xcb.so.1"],
        "/src/libX11-xcb.so.1": [],
        "/src/libcairo.so.2": ["libpixman-1.so.0"],  # was there for the GTK3 theme only
        "/src/libpixman-1.so.0": [],
        "/src/libpython3.11.so.1.0": [],  # dlopened by the bootloader
    }
    binaries = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so"),
                ("libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6"),
                ("libX11-xcb.so.1", "/src/libX11-xcb.so.1"),
                ("libcairo.so.2", "/src/libcairo.so.2"),
                ("libpixman-1.so.0", "/src/libpixman-1.so.0"),
                ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0")]
    orphans = lean.orphan_libraries(binaries, lambda src: needs[src])
    assert orphans == {"libcairo.so.2", "libpixman-1.so.0"}


def test_spec_applies_the_rules_and_strips_on_linux() -> None:
    spec = (LEAN_PATH.parent / "kds.spec").read_text(encoding="utf-8")
    assert "from lean import dropped" in spec and "orphan_libraries" in spec
    assert "strip=STRIP" in spec and 'STRIP = sys.platform.startswith("linux")' in spec
