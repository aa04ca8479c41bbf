"""resource_path finds resources/ from a source checkout and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from kds.platform.resources import resource_path, resources_root


def test_resources_are_found_from_the_source_tree() -> None:
    repo = Path(__file__).resolve().parents[3]
    assert resources_root() == repo / "resources"
    assert resource_path("icons", "kds.svg").is_file()


def test_resources_are_found_inside_a_pyinstaller_bundle(tmp_path: Path, monkeypatch) -> None:
    bundled = tmp_path / "resources" / "icons" / "kds.svg"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("<svg/>")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resource_path("icons", "kds.svg") == bundled
