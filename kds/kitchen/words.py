"""The kitchen's on-screen words, translatable without Qt.

Kitchen code says `translate("Due", "due in {minutes} min").format(minutes=n)`: English is the
source text, so nothing changes until the app points the hook at Qt's translator at start-up
(kds.ui.i18n.install_language). Qt's lupdate finds `translate(context, text)` and
`QT_TRANSLATE_NOOP(context, text)` calls in this code by name, so keep those names.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _english(context: str, text: str) -> str:
    return text


_hook: Translator = _english


def set_translator(hook: Translator | None) -> None:
    """Point the kitchen's words at a translator (None: back to English source text)."""
    global _hook
    _hook = hook or _english


def translate(context: str, text: str) -> str:
    """`text` in the screen's language; `context` groups the words as lupdate lists them."""
    return _hook(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark a constant for lupdate; translate it where it is shown (translate(context, value))."""
    return text
