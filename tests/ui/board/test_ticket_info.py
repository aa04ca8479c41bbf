"""What a HubRise kitchen needs on a ticket (issue 14): the channel, paid or not, the rider, the
address, the charges. Each test checks the text actually painted, with default settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyleOptionViewItem

from kds.ui.board.model import TicketModel
from kds.ui.board.ticket import TicketView
from tests.ui.paint_probe import Drawn, RecordingPainter
from tests.ui.board.test_ticket_whole import delegate_for, raw_order, texts, ticket_of


def paint(ticket: TicketView, width: int = 300, height: int = 900) -> tuple[list[Drawn], QImage]:
    """Paint one ticket as the board does; the image too, to look at colours."""
    delegate = delegate_for(width, height)
    model = TicketModel()
    model.reset([ticket])
    index = model.index(0, 0)
    option = QStyleOptionViewItem()
    hint = delegate.sizeHint(option, index)
    option.rect = QRect(0, 0, hint.width(), hint.height())
    image = QImage(hint.width() + 2, hint.height() + 2, QImage.Format.Format_ARGB32)
    image.fill(QColor("#000000"))
    painter = RecordingPainter(image)
    try:
        delegate.paint(painter, option, index)
    finally:
        painter.end()
    return painter.drawn, image


def drawn_with(drawn: list[Drawn], fragment: str) -> Drawn:
    return next(d for d in drawn if fragment in d.plain)


# -- 1. the channel -------------------------------------------------------------------------------
def test_channel_badge_names_the_platform_in_words_on_its_colour(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(created_by="uber-eats-bridge",
                                 service_type_ref="Delivery by Uber Eats"))
    drawn, image = paint(ticket)
    badge = drawn_with(drawn, "Uber Eats")
    assert badge.plain == "Uber Eats"   # the words, not a colour alone
    # The pill behind the words is Uber Eats' green.
    pixel = image.pixelColor(badge.rect.left() - 4, badge.rect.center().y())
    assert pixel.name() == "#06c167"


def test_an_unknown_client_is_shown_by_its_own_name_with_the_brand(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(created_by="pizza-app-42",
                                 service_type_ref="BURGER_CLUB_COLLECTION"))
    assert "pizza-app-42 · Burger Club" in texts(paint(ticket)[0])


# -- 2. paid or not --------------------------------------------------------------------------------
def test_an_unpaid_collection_order_says_to_pay_big_in_words(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(total="23.50 EUR"))   # seed 001: no payment = unpaid
    drawn, image = paint(ticket)
    badge = drawn_with(drawn, "TO PAY")
    assert badge.plain == "✖ TO PAY €23.50"
    item = drawn_with(drawn, "Margherita")
    assert badge.pixel_size > item.pixel_size and badge.bold   # bigger than the items
    pixel = image.pixelColor(badge.rect.left() - 2, badge.rect.top() + 3)
    assert pixel.name() == "#c62828"


def test_a_paid_order_names_the_total_and_the_payment(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(service_type="eat_in", total="23.50 EUR", payments=[
        {"name": "PayPal", "ref": "PP", "amount": "23.50 EUR"}]))
    drawn, _ = paint(ticket)
    assert "✔ PAID €23.50 · PayPal" in texts(drawn)
    assert not any("TO PAY" in text for text in texts(drawn))


# -- 3. the rider ----------------------------------------------------------------------------------
RIDER = {"status": "pickup_enroute", "carrier": "Deliveroo",
         "estimated_pickup_at": "2026-11-24T12:20:00Z", "driver_name": "Marco",
         "driver_phone": "+33 6 11 22 33 44", "driver_phone_access_code": "8812"}


def delivery_order(**delivery: Any) -> dict[str, Any]:
    return raw_order(service_type="delivery", created_by="deliveroo",
                     expected_time="2026-11-24T12:50:00Z", delivery={**RIDER, **delivery})


def test_a_delivery_ticket_says_when_the_rider_comes_and_is_due_then(qtbot: Any) -> None:
    ticket = ticket_of(delivery_order())
    drawn = texts(paint(ticket)[0])
    assert any(text.startswith("Rider at 12:20 · Marco · on the way") for text in drawn)
    assert "☎ +33 6 11 22 33 44 · code 8812" in drawn
    # The customer wants it at 12:50, but the rider takes it at 12:20: due in 20 min, not 50.
    assert "● due in 20 min" in drawn


def test_a_cancelled_rider_no_longer_drives_the_due_time(qtbot: Any) -> None:
    ticket = ticket_of(delivery_order(status="cancelled"))
    drawn = texts(paint(ticket)[0])
    assert "● due in 50 min" in drawn
    assert any("rider cancelled" in text for text in drawn)


# -- 4. the address and the delivery notes -------------------------------------------------------
CUSTOMER = {"first_name": "Léa", "last_name": "Martin", "phone": "+33 6 12 34 56 78",
            "address_1": "12 rue Oberkampf", "address_2": "Bât B, 3e étage",
            "postal_code": "75011", "city": "Paris", "delivery_notes": "Digicode 4521"}


def test_a_delivery_by_the_restaurant_shows_the_address_and_notes(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(service_type="delivery", created_by="woocommerce",
                                 customer=CUSTOMER))
    drawn = texts(paint(ticket)[0])
    assert "Address: 12 rue Oberkampf, Bât B, 3e étage, 75011 Paris" in drawn
    assert "Delivery: Digicode 4521" in drawn


def test_a_platform_courier_delivery_leaves_the_address_out(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(service_type="delivery", created_by="uber-eats",
                                 service_type_ref="Delivery by Uber Eats", customer=CUSTOMER))
    assert not any(text.startswith("Address:") for text in texts(paint(ticket)[0]))


def test_uber_eats_hotline_and_access_code_are_shown_together(qtbot: Any) -> None:
    customer = {**CUSTOMER, "phone": "+33 1 70 00 00 00",
                "delivery_notes": "Access code: 123 45 678. Leave at the door"}
    ticket = ticket_of(raw_order(service_type="delivery", created_by="uber-eats",
                                 service_type_ref="Delivery by the restaurant", customer=customer))
    drawn = texts(paint(ticket)[0])
    assert "Léa Martin  ☎ +33 1 70 00 00 00 · code 123 45 678" in drawn
    assert any(text.startswith("Address: 12 rue Oberkampf") for text in drawn)


# -- 5. charges the kitchen acts on --------------------------------------------------------------
def test_cutlery_and_extra_sauce_are_painted_with_the_items_fees_are_not(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(charges=[
        {"name": "Delivery < 15 km", "ref": "DEL", "price": "1.50 EUR"},
        {"name": "Cutlery", "price": "0.00 EUR"}, {"name": "Extra sauce", "price": "0.50 EUR"}]))
    drawn = paint(ticket)[0]
    item = drawn_with(drawn, "Margherita")
    cutlery = next(d for d in drawn if d.plain == "Cutlery")
    sauce = next(d for d in drawn if d.plain == "Extra sauce")
    assert item.rect.bottom() < cutlery.rect.top() < sauce.rect.top()   # under the items
    assert cutlery.rect.left() == item.rect.left()                      # in the item column
    assert "+" in texts(drawn)
    assert not any("Delivery < 15 km" in text for text in texts(drawn))


def test_a_channel_badge_on_a_line_of_its_own_is_never_broken(qtbot: Any) -> None:
    # A narrow card: "Uber Eats" cannot sit beside "Delivery · for 12:50", so it gets its line.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetrics

    from kds.ui.board.layout import font_for

    ticket = ticket_of(raw_order(service_type="delivery", created_by="uber-eats",
                                 expected_time="2026-11-24T12:50:00Z"))
    metrics = QFontMetrics(font_for("channel"))
    for width in (240, 260, 300, 330):
        badge = drawn_with(paint(ticket, width=width)[0], "Uber Eats")
        wrapped = metrics.boundingRect(QRect(0, 0, badge.rect.width(), 1000),
                                       int(Qt.TextFlag.TextWordWrap), badge.text)
        assert wrapped.height() < 2 * metrics.lineSpacing(), f"'Uber Eats' broken at {width}"


# -- who took it, and the HubRise id ---------------------------------------------------------------
def test_the_hubrise_id_is_shown_small_exactly_as_written_with_who_took_it(qtbot: Any) -> None:
    ticket = ticket_of(raw_order(collection_code="B12", custom_fields={
        "restaurant": {"staff": {"name": "Julie", "id": "42"}}}))
    drawn = paint(ticket)[0]
    ids = drawn_with(drawn, "HubRise id")
    assert ids.plain == "Taken by Julie · HubRise id ord77abc"   # not upper-cased, not cut
    reference = next(d for d in drawn if d.plain == "B12")
    assert ids.pixel_size < reference.pixel_size / 1.5           # the code big, the id small


def test_the_whole_order_view_names_the_channel_rider_payment_and_charges(qtbot: Any) -> None:
    from datetime import timezone

    from kds.ui.board.order_view import OrderView
    from tests.ui.board.test_ticket_whole import NOW
    from tests.ui.paint_probe import paint_order_view

    raw = {**delivery_order(), "charges": [{"name": "Cutlery", "price": "0.00 EUR"}],
           "total": "12.00 EUR"}
    view = OrderView(ticket_of(raw), now=NOW, tz=timezone.utc)
    qtbot.addWidget(view)
    lines = [drawn.plain for drawn in paint_order_view(view)]
    assert "Deliveroo" in lines and any(line.startswith("Delivery") for line in lines)
    assert "Rider at 12:20 · Marco · on the way" in lines
    assert "Cutlery" in " ".join(lines) and "✖ TO PAY €12.00" in lines
    assert any("HubRise id ord77abc" in line for line in lines)


def test_a_rider_waiting_at_the_pass_is_said_in_words_on_amber(qtbot: Any) -> None:
    ticket = ticket_of(delivery_order(status="pickup_waiting"))
    drawn, image = paint(ticket)
    rider = drawn_with(drawn, "Rider at")
    assert rider.plain == "Rider at 12:20 · Marco · WAITING AT THE PASS"
    assert image.pixelColor(rider.rect.left() - 2, rider.rect.top() + 3).name() == "#b9770e"


def test_the_id_footnote_never_opens_a_column_of_its_own(qtbot: Any) -> None:
    from kds.ui.board.continuation import split_body
    from kds.ui.board.layout import Block
    blocks = [Block("item", "Margherita", 0, 30, item=0), Block("ids", "HubRise id x", 36, 20)]
    assert [b.kind for part in split_body(blocks, 40, 400) for b in part.blocks] == ["item"]
    assert [b.kind for part in split_body(blocks, 80, 400) for b in part.blocks] == ["item",
                                                                                     "ids"]
