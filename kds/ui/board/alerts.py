"""New-order and changed-order alarms: repeat a sound until staff acknowledge (no Qt here).

The board calls `update()` after each refresh with the tickets that need attention and `tick()`
about once a second; repeats are driven by the injected clock so tests never sleep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kds.clock import Clock
from kds.ui.sound import SoundPlayer


@dataclass
class AlertState:
    unseen: set[str] = field(default_factory=set)      # new orders nobody has touched
    changed: set[str] = field(default_factory=set)     # changed/cancelled by HubRise, not dismissed


class Alerter:
    def __init__(self, clock: Clock, player: SoundPlayer, repeat_seconds: float = 10.0) -> None:
        self._clock = clock
        self._player = player
        self.repeat_seconds = repeat_seconds
        self.state = AlertState()
        self._last_play: float | None = None
        self._silenced_until: float = float("-inf")

    def set_player(self, player: SoundPlayer) -> None:
        """Sound settings changed: play through the new player from now on."""
        self._player = player

    @property
    def active(self) -> bool:
        return bool(self.state.unseen or self.state.changed)

    @property
    def silenced(self) -> bool:
        return self._clock.monotonic() < self._silenced_until

    def update(self, unseen: Iterable[str], changed: Iterable[str]) -> None:
        """New ids sound at once; ids that went away stop counting."""
        unseen_now, changed_now = set(unseen), set(changed)
        fresh_new = unseen_now - self.state.unseen
        fresh_change = changed_now - self.state.changed
        self.state = AlertState(unseen_now, changed_now)
        if fresh_change:
            self._sound("order_changed")
        elif fresh_new:
            self._sound("new_order")

    def acknowledge(self, order_id: str) -> None:
        """A touched ticket stops the new-order sound for that order."""
        self.state.unseen.discard(order_id)

    def silence_left(self) -> float:
        return max(0.0, self._silenced_until - self._clock.monotonic())

    def silence(self, seconds: float) -> None:
        self._silenced_until = self._clock.monotonic() + seconds

    def tick(self) -> None:
        if not self.active or self._last_play is None:
            return
        if self._clock.monotonic() - self._last_play >= self.repeat_seconds:
            self._sound("order_changed" if self.state.changed else "new_order")

    def _sound(self, name: str) -> None:
        self._last_play = self._clock.monotonic()
        if not self.silenced:
            self._player.play(name)
