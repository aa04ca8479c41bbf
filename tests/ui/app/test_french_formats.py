"""In French the money, the printed ticket and the start-up notices are French too (issue 16):
`12,50 €` painted on the ticket, a printed ticket's bytes, a notice in the strip."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kds.hubrise.order_model import parse_order
from kds.kitchen import formats
from kds.kitchen.print_ticket import ticket_lines
from kds.printing.escpos import ticket_bytes
from kds.ui.i18n import formats_for
from tests.ui.board.test_ticket_info import drawn_with, paint
from tests.ui.board.test_ticket_whole import raw_order, ticket_of
from tests.unit.kitchen.test_formats import FRENCH
from tests.unit.kitchen.test_print_ticket import PARIS, order_payload

NBSP = "\u00a0"


def test_qt_says_what_the_kitchen_rule_writes_for_each_language(qapp: Any) -> None:
    french, english = formats_for("fr"), formats_for("en")
    assert (french.decimal_point, french.group_separator, french.sign_first, french.sign_space) \
        == (FRENCH.decimal_point, FRENCH.group_separator, False, NBSP)
    assert (english.decimal_point, english.group_separator, english.sign_first,
            english.sign_space) == (".", ",", True, "")
    day = datetime(2026, 11, 24, tzinfo=UTC).date()
    assert french.date_text(day) == "mardi 24 novembre 2026"
    assert english.date_text(day) == "Tuesday 24 November 2026"


def test_a_french_ticket_paints_12_50_euros_the_french_way(qtbot: Any, language: Any) -> None:
    language("fr")
    drawn, _ = paint(ticket_of(raw_order(total="12.50 EUR")))
    assert drawn_with(drawn, "PAYER").plain == f"✖ À PAYER 12,50{NBSP}€"
    drawn, _ = paint(ticket_of(raw_order(service_type="eat_in", total="1234.50 EUR", payments=[
        {"name": "Carte", "amount": "1234.50 EUR"}])))
    assert f"✔ PAYÉ 1\u202f234,50{NBSP}€ · Carte" in [d.plain for d in drawn]


def test_english_keeps_the_sign_first(qtbot: Any, language: Any) -> None:
    language("en")
    drawn, _ = paint(ticket_of(raw_order(total="12.50 EUR")))
    assert drawn_with(drawn, "TO PAY").plain == "✖ TO PAY €12.50"


def _printed(payload: dict[str, Any]) -> bytes:
    due = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)   # 18:30 in Paris
    return ticket_bytes(ticket_lines(parse_order(payload), paper_mm=80, due_at=due, tz=PARIS))


def test_a_french_printed_ticket_in_its_code_page(qtbot: Any, language: Any) -> None:
    """The printed ticket follows the app's language; é, è, à, ç, ô and € print as themselves
    (PC858, ESC t 19), the amount as French writes it."""
    language("fr")
    job = _printed(order_payload(
        total="23.50 EUR", seller_notes="crème brûlée, façon côté à part",
        items=[{"product_name": "Crêpe", "quantity": "1",
                "options": [{"name": "Oignons", "removed": True}]}]))
    assert job.startswith(b"\x1b@\x1bt\x13")                 # initialise, code page PC858
    assert "LIVRAISON".encode("cp858") in job and b"UBER EATS \xfa LIVRAISON" in job
    assert b"POUR 18:30" in job and "Commandé à 18:02".encode("cp858") in job
    assert b"Command\x82 \x85 18:02" in job                   # é = 0x82, à = 0x85
    assert b"SANS Oignons" in job and b"Cr\x88pe" in job     # ê = 0x88
    assert b"Cuisine : cr\x8ame br\x96l\x82e, fa\x87on c\x93t\x82 \x85 part" in job
    assert b"\xb7 PAYER 23,50\xff\xd5" in job                # À = 0xB7, nbsp = 0xFF, € = 0xD5
    assert b"Livreur : Paul" in job and b"Client : Amira Haddad" in job
    assert b"DELIVERY" not in job and b"DUE" not in job and b"EUR" not in job


def test_an_english_printed_ticket_prints_the_euro_sign(qtbot: Any, language: Any) -> None:
    language("en")
    job = _printed(order_payload(total="23.50 EUR"))
    assert b"TO PAY \xd523.50" in job and b"DUE 18:30" in job


def test_a_french_start_up_notice(qtbot: Any, language: Any, tmp_path: Path) -> None:
    """Notices gathered before the language is installed (the token file is checked first)
    are still said in it: the words are chosen when the strip shows them."""
    from kds.app.notices import token_file_notices
    from kds.app.start import show_notices
    from kds.clock import FakeClock
    from kds.store.store import Store
    from tests.ui.app.test_startup_notices import _controller

    token_file = tmp_path / "token.txt"
    token_file.write_text("tok-abcdef-123456")
    token_file.chmod(0o644)
    early = token_file_notices(token_file)   # before the language, as kds.app.start does
    language("fr")
    store = Store.open(tmp_path / "data" / "kds.sqlite3", FakeClock())
    controller = _controller(qtbot, tmp_path / "data", store)
    show_notices(controller, early)
    text = controller.window.notices.texts()["token-file-readable"]
    assert text.startswith(f"Le fichier du jeton {token_file} est lisible par les autres")
    assert "(mode 0644)" in text and "Rendez-le privé" in text


def test_formats_go_back_to_english_with_the_language(qapp: Any, language: Any) -> None:
    language("fr")
    assert formats.current().decimal_point == ","
    from kds.ui.i18n import remove_language

    remove_language(qapp, None)
    assert formats.current() is formats.ENGLISH


def test_the_figures_screen_in_french(qtbot: Any, language: Any) -> None:
    """Titles, periods, groups and the decimal comma: no English left on the Figures screen."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.screens.all_screens import _figures_page

    language("fr")
    page = _figures_page()
    qtbot.addWidget(page)
    page.show_period("today")
    shown = [w.text() for kind in (QLabel, QAbstractButton) for w in page.findChildren(kind)]
    assert {"Chiffres", "Aujourd'hui", "Hier", "7 derniers jours", "Par service", "Fermer",
            "Exporter CSV", "En retard"} <= set(shown)
    service = page.values["service"].text()
    assert "Livraison : " in service and " en retard · " in service and "delivery" not in service
    english = {"Figures", "Today", "Close", "Late", "By service", "Slowest products"}
    assert not english & set(shown)
    channels = page.values["channel"].text()
    assert "Site web : 2" in channels and "Caisse : 1" in channels and "Till" not in channels


def test_channels_named_by_kind_are_french_on_the_badge(qtbot: Any, language: Any) -> None:
    from kds.kitchen.channels import channel_of

    language("fr")
    assert channel_of("pos-caisse-1", None).label == "Caisse"          # type: ignore[union-attr]
    assert channel_of("website", "Burger Club").label == "Site web · Burger Club"  # type: ignore[union-attr]
    assert channel_of("uber-eats", None).label == "Uber Eats"          # type: ignore[union-attr]


def test_a_cut_note_says_so_in_french(qtbot: Any, language: Any) -> None:
    from kds.ui.board.layout import clip_note

    language("fr")
    cut = clip_note("Sonner deux fois, bébé qui dort. " * 40, "cnote", 280)
    assert cut.endswith(" … (touchez la note pour tout lire)")


def test_the_rider_line_in_french(qtbot: Any, language: Any) -> None:
    from tests.screens.ticket_info_screenshot import info_orders

    language("fr")
    now = datetime(2026, 11, 24, 18, 34, tzinfo=UTC)
    drawn, _ = paint(ticket_of(info_orders(now)[0]))
    assert "Livreur à 18:42 · Marco · en route" in [d.plain for d in drawn]
    assert not [d.plain for d in drawn if "Rider" in d.plain or "on the way" in d.plain]


def test_a_printed_ticket_names_the_channel_as_the_badge_does(qtbot: Any,
                                                              language: Any) -> None:
    language("fr")
    job = _printed(order_payload(created_by="website", service_type="collection"))
    assert "SITE WEB · À EMPORTER".encode("cp858") in job


def test_find_an_order_and_the_problems_list_in_french(qtbot: Any, language: Any) -> None:
    from PySide6.QtWidgets import QPushButton

    from kds.ui.board.problems import ProblemsDialog
    from kds.ui.board.search import SearchDialog, result_text

    language("fr")
    assert result_text("active", ticket_of(raw_order())).endswith(" · À emporter · En cours")
    search = SearchDialog(list)
    qtbot.addWidget(search)
    assert "Fermer" in [b.text() for b in search.findChildren(QPushButton)]
    problems = ProblemsDialog("● En ligne", [], [])
    qtbot.addWidget(problems)
    assert problems.windowTitle() == "À traiter"
    assert [b.text() for b in problems.findChildren(QPushButton)] == ["Fermer"]


def test_a_pre_order_for_tomorrow_says_which_day_in_french(qtbot: Any, language: Any) -> None:
    """On the ticket and on the printed ticket: "pour 12:30" alone would read as today."""
    from dataclasses import replace

    from kds.ui.board.ticket import Thresholds, ticket_timing

    language("fr")
    now = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
    tomorrow = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)          # 12:30 in Paris
    ticket = replace(ticket_of(raw_order()), due_at=tomorrow)
    assert "mer. 25 nov. 12:30" in ticket_timing(ticket, now, Thresholds(), PARIS).due_text
    lines = ticket_lines(parse_order(order_payload()), paper_mm=80, due_at=tomorrow, tz=PARIS,
                         now=now)
    assert "POUR mer. 25 nov. 12:30" in [line.text for line in lines]


def test_the_figures_say_which_days_in_french(qtbot: Any, language: Any) -> None:
    from tests.screens.all_screens import _figures_page

    language("fr")
    page = _figures_page()
    qtbot.addWidget(page)
    page.show_period("today")
    assert page.days_label.text() == "mardi 24 novembre 2026"
    page.show_period("week")
    assert page.days_label.text() == "mer. 18 nov. – mar. 24 nov."


def test_quantities_take_the_french_decimal_comma(qtbot: Any, language: Any) -> None:
    from decimal import Decimal

    from kds.kitchen.text import format_quantity

    language("fr")
    assert [format_quantity(Decimal(q)) for q in ("1.50", "2", "1000", "0.333")] == \
        ["1,5", "2", "1000", "0,333"]
    job = _printed(order_payload())
    assert b"0,333 x Olive oil" in job


def test_the_header_figures_line_in_french(qtbot: Any, language: Any, tmp_path: Path) -> None:
    """"avg prep 11 min · 2 late" was English on a French screen (kds/kitchen/figures.py)."""
    from kds.kitchen.figures import header_line
    from tests.figures_seed import NOW, open_day_store

    store = open_day_store(tmp_path / "kds.sqlite")
    try:
        figures = store.figures("today", NOW)
        assert header_line(figures) == "avg prep 11 min · 2 late"
        language("fr")
        assert header_line(figures) == "prépa moy. 11 min · 2 en retard"
    finally:
        store.close()
