"""The app icon ships as an SVG source plus every PNG size and a multi-size ICO."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from kds.platform.resources import resource_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    """(size, embedded image) for each ICO directory entry; 0 in the header means 256."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1), "not an icon file"
    entries = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index: 22 + 16 * index])
        assert width == height
        entries.append((width or 256, data[offset:offset + length]))
    return entries


def test_every_png_icon_size_exists_with_its_exact_pixel_size() -> None:
    for size in PNG_SIZES:
        path = resource_path("icons", f"kds-{size}.png")
        assert png_size(path.read_bytes()) == (size, size), path.name


def test_windows_icon_holds_each_size_up_to_256_as_matching_png() -> None:
    entries = ico_entries(resource_path("icons", "kds.ico").read_bytes())
    assert [size for size, _ in entries] == [16, 32, 48, 64, 128, 256]
    for size, image in entries:
        assert png_size(image) == (size, size)


def test_svg_source_is_a_square_svg_document() -> None:
    root = ET.parse(resource_path("icons", "kds.svg")).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height > 0


def test_icon_script_writes_the_sizes_the_tests_expect(tmp_path: Path, monkeypatch, qapp) -> None:
    # qapp first: the script would otherwise create a bare QGuiApplication, which later
    # widget tests in the same process cannot use.
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "kds.svg").write_bytes(resource_path("icons", "kds.svg").read_bytes())
    monkeypatch.setattr(module, "ICON_DIR", tmp_path)

    assert module.main() == 0

    for size in PNG_SIZES:
        assert png_size((tmp_path / f"kds-{size}.png").read_bytes()) == (size, size)
    ico_sizes = [size for size, _ in ico_entries((tmp_path / "kds.ico").read_bytes())]
    assert ico_sizes == list(module.ICO_SIZES)
