"""Record → writer → Store.service → the details pane: every field an adviser uses is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from desktop.data.detail_records import ServiceDetail
from desktop.data.feeds.record import Link, Location
from desktop.data.store import Store
from desktop.ui import actions
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.local_offer.details import SEND_HEADING, service_html, tel_href
from tests.feed_records import ABROAD, OFFICE, YOUTH_LINE, build_db, plain_record, rich_record


@pytest.fixture
def rich_db(tmp_path: Path) -> Path:
    hostile = plain_record(
        9,
        name="<script>alert(1)</script> & Co",
        description="<b>not bold</b>\nSecond paragraph",
        links=[Link("Odd", "javascript:alert(1)")],
        alerts=["<i>Shut</i> today"],
    )
    return build_db(tmp_path / "rich.sqlite", [rich_record(), hostile])


@pytest.fixture
def detail(rich_db: Path) -> ServiceDetail:
    with Store.open(rich_db) as store:
        found = store.service("outpost-101")
    assert found is not None
    return found


def _text(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def test_every_field_is_shown(qapp, detail: ServiceDetail) -> None:
    text = _text(service_html(detail, demo=False))
    for expected in (
        "Little Acorns Nursery",
        "Little Acorns Ltd",
        "Important: Closed for refurbishment until 4 January.",
        "Each child has a key person who plans play",
        SEND_HEADING,
        "Our SENCO meets every family",
        "How do you support children with SEND?",
        "Yes, with a ramp at the side door.",
        "The provider’s SEND page",
        "Broad areas of need: Communication and interaction; Sensory and/or physical needs",
        "As the publisher names them: Autism, Hearing",
        "Ages 0–4 · £83.50 per day (0–4s); £52.80 per half day",
        "Youth line: 020 7946 0123",
        "Florida office: 305-555-0142",
        "Jo Bloggs · SENCO · Office: 0121 496 0303 ext. 303 · senco@example.org",
        "hello@example.org",
        "Website: http://example.org/little-acorns (not a secure site)",
        "Facebook",
        "Acorn Hall, 3 Oak Lane, Brookvale, BV3 6TE",
        "Home visits, Riverside, BV7 (exact address not published)",
        "Monday to Friday: 8am to 6pm",
        "Saturday: 9am to 12pm",
        "Call the office to book a visit. No referral needed.",
        "For: Parents and carers",
        "Wheelchair accessible, Accessible toilet",
        "English, Polish",
        "Categories: Childcare and early years, Education, Early years",
        "Area: Northgate",
        "Last updated by the publisher on 14 September 2026.",
        "Checked by a person on 1 October 2026.",
    ):
        assert expected in text, expected
    assert "Demo data" not in text


def test_reading_order_alerts_first_then_the_send_statement(qapp, detail: ServiceDetail) -> None:
    text = _text(service_html(detail, demo=True))
    order = [
        text.index(x)
        for x in ("Demo data", "Important:", "Little Acorns Ltd", "Each child", SEND_HEADING)
    ]
    assert order == sorted(order)
    html = service_html(detail, demo=False)
    assert "#fff3cd" in html.split("Important:")[0]  # the alert sits in the highlighted box


def test_links_dial_with_extensions_and_never_guess_a_foreign_number(
    qapp, detail: ServiceDetail
) -> None:
    html = service_html(detail, demo=False)
    assert tel_href(OFFICE) == "tel:+441214960303;ext=303"
    assert f'href="{tel_href(OFFICE)}"' in html
    assert f'href="{tel_href(YOUTH_LINE)}"' in html
    assert tel_href(ABROAD) == "" and "305-555-0142</a>" not in html
    assert 'href="http://example.org/little-acorns"' in html
    assert 'href="https://example.org/facebook/little-acorns"' in html
    assert 'href="mailto:senco@example.org"' in html


def test_feed_text_is_escaped_and_odd_links_are_text(qapp, rich_db: Path) -> None:
    with Store.open(rich_db) as store:
        hostile = store.service("plain-9")
    assert hostile is not None
    html = service_html(hostile, demo=False)
    assert "<script>" not in html and "<b>not bold</b>" not in html and "<i>Shut" not in html
    text = _text(html)
    assert "<script>alert(1)</script> & Co" in text
    assert "<b>not bold</b>" in text and "Second paragraph" in text
    assert "Important: <i>Shut</i> today" in text
    assert "javascript:" not in html.replace("Odd", "")  # shown by its label, never linked
    assert "Odd" in text


def test_a_thin_record_shows_no_empty_headings(qapp, tmp_path: Path) -> None:
    with Store.open(build_db(tmp_path / "thin.sqlite", [plain_record(1)])) as store:
        thin = store.service("plain-1")
    assert thin is not None
    text = _text(service_html(thin, demo=False))
    for heading in (SEND_HEADING, "Needs it supports", "Contact", "Where", "Accessibility"):
        assert heading not in text
    assert "Ages not given · Cost not given" in text


def test_masked_only_location_says_the_address_is_not_published(qapp, tmp_path: Path) -> None:
    record = plain_record(2, locations=[Location("", "", "Riverside", "BV7", masked=True)])
    with Store.open(build_db(tmp_path / "masked.sqlite", [record])) as store:
        masked = store.service("plain-2")
    assert masked is not None
    assert "Riverside, BV7 (exact address not published)" in _text(service_html(masked, False))


@pytest.fixture
def tab(qtbot, rich_db: Path):
    store = Store.open(rich_db)
    widget = LocalOfferTab(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.stop_workers()
    store.close()


def test_the_tab_shows_a_rich_service_and_routes_its_links_through_actions(
    tab: LocalOfferTab, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.search.setText("autism")
    tab.run_search()
    assert tab.current_service_id() == "outpost-101"
    shown = tab.details.toPlainText()
    assert SEND_HEADING in shown and "Florida office: 305-555-0142" in shown
    # Call and Copy get every number, each with its extension.
    assert "0121 496 0303 ext. 303" in tab.contact.callable_numbers()
    assert tab.contact.phones == ("020 7946 0123", "305-555-0142", "0121 496 0303 ext. 303")
    opened: list[str] = []
    monkeypatch.setattr(
        actions, "open_url", lambda url, parent=None, **kw: opened.append(url.toString())
    )
    tab.details.anchorClicked.emit(QUrl("http://example.org/little-acorns"))
    assert opened == ["http://example.org/little-acorns"]


def test_the_need_filter_lists_broad_areas_first_with_counts(tab: LocalOfferTab, qtbot) -> None:
    box = tab.filters.need
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    items = [box.itemText(i) for i in range(box.count())]
    assert items[:5] == [
        "All needs",
        "Communication and interaction (1)",
        "Cognition and learning (0)",
        "Social, emotional and mental health (0)",
        "Sensory and/or physical needs (1)",
    ]
    assert items[5] == ""  # the separator between the broad areas and the feed's own needs
    assert items[6:] == ["Autism (1)", "Hearing (1)"]
    box.setCurrentIndex(box.findData("need-area:communication"))
    assert tab.model.total == 1 and tab.current_service_id() == "outpost-101"
    assert "Communication and interaction" in tab.filters.active()
    box.setCurrentIndex(box.findData("need-area:semh"))
    assert tab.model.total == 0


def test_shortlist_model_passes_the_qt_model_tester(qtmodeltester, detail: ServiceDetail) -> None:
    from desktop.ui.local_offer.shortlist import ShortlistModel

    model = ShortlistModel()
    model.set_rows([detail])
    qtmodeltester.check(model)
    assert model.rowCount() == 1
