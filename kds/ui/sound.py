"""Alert sounds: an abstract player, a QtMultimedia backend and a silent one for tests.

A sound failure (no audio device, missing file, missing QtMultimedia) is logged once and never
raised: the visual alert must keep working in a kitchen whose speaker is unplugged.
"""

from __future__ import annotations

import abc
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sounds"
# order_ready: the customer display's chime (kds.ui.customer), unlike the kitchen's alerts.
SOUND_NAMES = ("new_order", "order_changed", "order_ready")


class SoundPlayer(abc.ABC):
    """Plays named alert sounds ("new_order", "order_changed")."""

    def play(self, name: str) -> None:
        try:
            self._play(name)
        except Exception:  # a broken speaker must not take the board down
            log.exception("could not play sound %s", name)

    @abc.abstractmethod
    def _play(self, name: str) -> None: ...

    def set_volume(self, volume: float) -> None:
        """0.0–1.0; backends without volume ignore it."""


class NullSoundPlayer(SoundPlayer):
    """Plays nothing; remembers what it was asked to play (tests, --mute)."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def _play(self, name: str) -> None:
        self.played.append(name)


class QtSoundPlayer(SoundPlayer):
    """QSoundEffect per WAV file in resources/sounds/."""

    def __init__(self, directory: Path = SOUNDS_DIR, volume: float = 1.0) -> None:
        self._directory = directory
        self._volume = volume
        self._effects: dict[str, Any] = {}

    def _effect(self, name: str) -> Any:
        if name not in self._effects:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            path = self._directory / f"{name}.wav"
            if not path.is_file():
                raise FileNotFoundError(path)
            effect = QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self._volume)
            self._effects[name] = effect
        return self._effects[name]

    def _play(self, name: str) -> None:
        self._effect(name).play()

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        for effect in self._effects.values():
            effect.setVolume(self._volume)


def default_player() -> SoundPlayer:
    """The Qt backend when QtMultimedia loads, otherwise a silent player."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except Exception:
        log.warning("QtMultimedia unavailable; alerts will be visual only")
        return NullSoundPlayer()
    return QtSoundPlayer()
