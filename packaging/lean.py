"""What the bundle leaves out of PySide6: the rules packaging/kds.spec applies to every file.

KDS is a Qt Widgets app: Core, Gui, Widgets, Svg (icons), Network (the single-instance local
socket) and Multimedia for the alert sound, which QSoundEffect plays with Qt's own WAV decoder
and the system's audio (PulseAudio/PipeWire) without any multimedia backend plugin. So the FFmpeg
backend and everything it drags in (the FFmpeg libraries and QtQuick/QtQml, which the plugin
links) go, with the plugins and translations nothing loads. Checked on Linux by playing the alert
into a PulseAudio null sink with and without the plugin (docs/INSTALL.md).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable

# Plugin folders nothing in KDS loads: the multimedia backends (FFmpeg, GStreamer, Windows Media
# Foundation, Darwin), eglfs device integrations, evdev/tuio input (only for eglfs/linuxfb),
# network reachability and the TLS backends (HTTPS goes through Python's ssl, not QtNetwork),
# the QML virtual keyboard, the SQL drivers, the Qt Designer and QML tooling plugins.
DROP_PLUGIN_DIRS = (
    "multimedia", "egldeviceintegrations", "generic", "networkinformation", "tls",
    "virtualkeyboard", "sqldrivers", "designer", "qmltooling", "position", "sensors",
    "renderers", "scenegraph", "webview", "texttospeech", "canbus", "help", "printsupport",
)
# Platform plugins for devices a kitchen PC is not: framebuffer, KMS, VNC, bare Vulkan, minimal.
# Kept: xcb (X11), wayland, offscreen (self-test and CI), windows, cocoa.
DROP_PLATFORMS = ("eglfs", "linuxfb", "minimal", "minimalegl", "vkkhrdisplay", "vnc", "direct2d")
# Image formats: PNG is built into QtGui; SVG (icons) is the only plugin KDS needs.
KEEP_IMAGE_FORMATS = ("svg",)
# Platform themes: the GTK3 one needs GTK (not in the Depends) and KDS draws its own dark theme.
DROP_THEMES = ("gtk3",)

# Libraries only the dropped parts link: FFmpeg and its stubs, QtQuick/QtQml (linked by the
# FFmpeg plugin), QtPdf (image plugin), eglfs support, and Windows' software OpenGL (Widgets
# do not render through OpenGL).
DROP_LIBRARIES = re.compile(
    r"(^|/)(lib)?("
    r"Qt6?(Quick|QuickWidgets|Qml|QmlMeta|QmlModels|QmlWorkerScript|QmlCore|Pdf|"
    r"EglFSDeviceIntegration|EglFsKmsSupport|FFmpegStub-[\w-]+|VirtualKeyboard\w*)"
    r"|avcodec|avformat|avutil|avfilter|avdevice|swresample|swscale|opengl32sw"
    r")([.-]|\.framework|$)",
    re.IGNORECASE,
)
# System libraries loaded from the PC (Linux), each with the Debian package in the .deb's Depends
# that installs it (tests/packaging/test_packaging_deb.py checks the pairing; None: no kept part
# needs it, it only must never be bundled):
# - PulseAudio's client keeps in step with the PC's sound server (PulseAudio or PipeWire), and its
#   own chain (sndfile, FLAC, vorbis, opus...) leaves the bundle with it;
# - OpenSSL (Python's ssl and hashlib; HTTPS to HubRise) then gets the distribution's security
#   updates instead of staying frozen at the build day's;
# - the C++ runtime and expat: the build host's copies need glibc 2.36 (Debian 12), so bundled
#   they would stop the app on Ubuntu 22.04 (glibc 2.35), and a bundled libstdc++ older than the
#   PC's breaks the PC's own GL drivers that Qt loads into the process;
# - D-Bus's client, with the libsystemd and libgcrypt it links: part of every systemd desktop.
FROM_SYSTEM: dict[str, str | None] = {
    "libpulse.so.0": "libpulse0", "libpulse-simple.so.0": "libpulse0",
    "libpulse-mainloop-glib.so.0": None,
    "libssl.so.3": "libssl3 | libssl3t64", "libcrypto.so.3": "libssl3 | libssl3t64",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1", "libexpat.so.1": "libexpat1",
    "libdbus-1.so.3": "libdbus-1-3", "libsystemd.so.0": "libsystemd0",
    "libgcrypt.so.20": "libgcrypt20",
}
# Package metadata nothing reads at run time (platformdirs ships a 0.5 MB software bill of
# materials; `kds --version --verbose` reads only METADATA). The licenses stay: they must travel
# with the copies.
DROP_METADATA = re.compile(r"\.dist-info/sboms/")
# Qt's own translations (standard dialog buttons) are never loaded; KDS's own (resources/
# translations/kds_*.qm, kds.ui.i18n) sit outside PySide6 and stay.
DROP_DIRS = ("translations", "qml", "resources/qtwebengine", "metatypes", "typesystems",
             "include", "glue", "scripts", "examples", "doc")


def _plugin(parts: list[str]) -> tuple[str, str] | None:
    """(plugin folder, file name) when the path is inside PySide6's plugins folder."""
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) > i + 2:
            return parts[i + 1], parts[-1]
    return None


def _plugin_name(file_name: str, prefix: str) -> str:
    """'libqxcb.so' / 'qxcb.dll' / 'libqxcb.dylib' -> 'xcb' (for prefix 'q')."""
    stem = re.sub(r"\.(so|dll|dylib)(\..*)?$", "", file_name)
    stem = stem.removeprefix("lib")
    return stem.removeprefix(prefix)


def dropped(dest: str) -> bool:
    """True when the bundle file at `dest` (relative path, any OS) is left out."""
    path = dest.replace("\\", "/")
    parts = path.split("/")
    if path in FROM_SYSTEM or DROP_METADATA.search(path):
        return True
    if "PySide6" not in parts and not DROP_LIBRARIES.search(path):
        return False
    if DROP_LIBRARIES.search(parts[-1]):
        return True
    if any(f"/{d}/" in f"/{path}" for d in DROP_DIRS):
        return True
    plugin = _plugin(parts)
    if plugin is None:
        return False
    folder, name = plugin
    if folder in DROP_PLUGIN_DIRS:
        return True
    if folder == "platforms":
        return _plugin_name(name, "q") in DROP_PLATFORMS
    if folder == "imageformats":
        return _plugin_name(name, "q") not in KEEP_IMAGE_FORMATS
    if folder == "platformthemes":
        return _plugin_name(name, "q") in DROP_THEMES
    return False


# Files at the bundle's top level that are loaded without a NEEDED entry: the interpreter (the
# bootloader dlopens it) and Python extension modules (imported by name).
_LOADED_BY_NAME = re.compile(r"^(libpython\d|.*\.cpython-\d+.*\.so$|.*\.abi3\.so$)")


def orphan_libraries(binaries: list[tuple[str, str]],
                     needed: Callable[[str], list[str]]) -> set[str]:
    """Top-level shared libraries (dest names) that no kept binary needs any more.

    PyInstaller gathers each plugin's system libraries before the spec drops the plugin (the
    GTK3 theme alone brings cairo, pango, gdk-pixbuf...): those are orphans once it is gone.
    `binaries` are (dest, source) pairs; `needed(source)` lists its DT_NEEDED sonames.
    """
    top = {dest: src for dest, src in binaries if "/" not in dest.replace("\\", "/")}
    candidates = {d for d in top if d.startswith("lib") and not _LOADED_BY_NAME.match(d)}
    reached: set[str] = set()
    stack = [src for dest, src in binaries if dest not in candidates]
    while stack:
        for soname in needed(stack.pop()):
            if soname in candidates and soname not in reached:
                reached.add(soname)
                stack.append(top[soname])
    return candidates - reached


def elf_needed(path: str) -> list[str]:
    """DT_NEEDED entries of an ELF file (binutils' readelf; PyInstaller needs binutils anyway)."""
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True,
                         check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)
