"""The Linux menu and autostart entries are valid desktop files that start the installed app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
REQUIRED = {"Type", "Name", "Exec", "Icon"}
KEY = re.compile(r"^[A-Za-z0-9-]+(\[[A-Za-z_@.]+\])?$")


def parse_desktop_entry(text: str) -> dict[str, str]:
    """Parse per the freedesktop spec's basic rules; raise ValueError on what it forbids."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines or lines[0] != "[Desktop Entry]":
        raise ValueError("the first group must be [Desktop Entry]")
    entry: dict[str, str] = {}
    for line in lines[1:]:
        if line.startswith("["):
            break
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not KEY.match(key):
            raise ValueError(f"bad line: {line!r}")
        if key in entry:
            raise ValueError(f"duplicate key {key}")
        entry[key] = value.strip()
    return entry


@pytest.mark.parametrize("name", ["kds.desktop", "kds-autostart.desktop"])
def test_desktop_entry_launches_kds_with_its_icon(name: str) -> None:
    entry = parse_desktop_entry((LINUX / name).read_text(encoding="utf-8"))
    assert REQUIRED <= entry.keys()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "kds"  # /usr/bin/kds from the .deb
    assert entry["Icon"] == "kds"             # hicolor/<size>/apps/kds.png from the .deb
    assert entry.get("Terminal", "false") == "false"
    # desktop-file-validate on Debian 12 rejects versions it does not know (1.5 included)
    assert entry.get("Version", "1.0") in {"1.0", "1.1", "1.2", "1.3", "1.4"}


def test_menu_entry_lists_its_categories_in_spec_form() -> None:
    entry = parse_desktop_entry((LINUX / "kds.desktop").read_text(encoding="utf-8"))
    assert entry["Categories"].endswith(";")


def test_desktop_parser_rejects_a_broken_entry() -> None:
    with pytest.raises(ValueError):
        parse_desktop_entry("[Desktop Entry]\nName KDS\n")
