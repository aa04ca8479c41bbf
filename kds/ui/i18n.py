"""The screen's language: Qt's translator for our .qm files, and the UI's `translate` call.

English is the source text everywhere; French comes from resources/translations/kds_fr.qm
(scripts/translations builds it). The language is read once at start, like the text size.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator

from kds.kitchen import formats, words

log = logging.getLogger(__name__)

LANGUAGES = ("auto", "en", "fr")
TRANSLATED = ("fr",)   # the languages with a .qm file; English needs none


def translate(context: str, text: str) -> str:
    """`text` in the screen's language (lupdate finds calls to this name)."""
    return QCoreApplication.translate(context, text)


def resolve_language(setting: str, locale: QLocale | None = None) -> str:
    """"auto" follows the OS locale (fr_FR, fr_BE… → "fr"); anything untranslated is English."""
    if setting in TRANSLATED or setting == "en":
        return setting
    name = (locale or QLocale.system()).name()   # e.g. "fr_FR"
    code = name.split("_")[0].lower()
    return code if code in TRANSLATED else "en"


# The locale whose writing each screen language follows (English: the UK look, 24 h clock).
LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def formats_for(language: str) -> formats.Formats:
    """What QLocale says about writing numbers, money and dates in `language`, for the kitchen
    layer's one formatting rule (kds.kitchen.formats). The amount itself never goes through Qt:
    toCurrencyString takes a double, so only the place of the sign is read from it."""
    locale = QLocale(LOCALES.get(language, "en_GB"))
    probe = locale.toCurrencyString(1.0, "¤")   # "¤1.00" / "1,00\u00a0¤"
    first = probe.startswith("¤")
    space = probe[1:].split("1")[0] if first else probe.rsplit("0", 1)[1][:-1]

    def date_text(day: date) -> str:
        return locale.toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")

    def short_date_text(day: date) -> str:
        return locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM")

    return formats.Formats(decimal_point=locale.decimalPoint(),
                           group_separator=locale.groupSeparator(), sign_first=first,
                           sign_space=space, date_text=date_text,
                           short_date_text=short_date_text)


def install_language(app: QCoreApplication, setting: str, folder: Path,
                     locale: QLocale | None = None) -> QTranslator | None:
    """Install the translator for `setting` on `app` (before building windows); return it.

    `folder` holds kds_LANG.qm (resources/translations: kds.platform.resources finds it).
    Keep the returned translator alive as long as the app (Qt does not own it).
    """
    language = resolve_language(setting, locale)
    words.set_translator(translate)
    formats.set_formats(formats_for(language))
    if language == "en":
        return None
    translator = QTranslator(app)
    path = folder / f"kds_{language}.qm"
    if not translator.load(str(path)):
        log.warning("no translation file %s; the screen stays in English", path)
        return None
    app.installTranslator(translator)
    return translator


def remove_language(app: QCoreApplication, translator: QTranslator | None) -> None:
    """Undo install_language (tests switch languages within one process)."""
    if translator is not None:
        app.removeTranslator(translator)
    words.set_translator(None)
    formats.set_formats(None)
