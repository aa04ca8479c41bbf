"""The kitchen's dark, high-contrast look: colours for painted tickets and the widget style sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

STYLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"
FONT_FAMILY = "DejaVu Sans"
TOUCH = 64          # px: the smallest button a gloved finger hits reliably


@dataclass(frozen=True)
class Palette:
    background: str = "#101214"
    card: str = "#1d2126"
    card_selected: str = "#2a3340"
    card_done: str = "#17191c"
    text: str = "#f2f4f5"
    muted: str = "#a6adb4"
    header_normal: str = "#2f6f4f"      # green: on time
    header_warning: str = "#b9770e"     # amber: due soon
    header_late: str = "#c0392b"        # red: late
    header_done: str = "#3b4148"
    new_glow: str = "#35a7ff"           # blue ring: new, not touched yet
    remote: str = "#e84393"             # magenta: changed/cancelled by HubRise
    removed: str = "#ff7675"
    option_list: str = "#8fb8de"
    note_bg: str = "#f5d547"            # customer notes stand out: black on yellow
    note_text: str = "#111111"
    button: str = "#3a7bd5"
    button_text: str = "#ffffff"
    menu_button: str = "#2c3138"
    badge_pending: str = "#6c7a89"
    badge_failed: str = "#c0392b"
    problem: str = "#f39c12"
    done_item: str = "#5d656e"          # an item ticked off by the cook
    rush: str = "#ffffff"               # the ⚑ RUSH strip: dark on light, under any band colour
    rush_text: str = "#111111"


PALETTE = Palette()


def color(name: str) -> QColor:
    return QColor(getattr(PALETTE, name))


def font(pixel_size: int, bold: bool = False) -> QFont:
    result = QFont(FONT_FAMILY)
    result.setPixelSize(pixel_size)
    result.setBold(bold)
    return result


def load_stylesheet(name: str = "dark.qss") -> str:
    path = STYLES_DIR / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def apply_theme(app: QApplication) -> None:
    app.setFont(font(20))
    app.setStyleSheet(load_stylesheet())
