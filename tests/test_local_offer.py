"""The Local Offer tab driven from the keyboard and its filters; the results model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.data.store import Store
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.models import ServiceListModel


@pytest.fixture
def tab(qtbot, store: Store) -> LocalOfferTab:
    widget = LocalOfferTab(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_model_passes_the_qt_model_tester(qtmodeltester, store: Store) -> None:
    model = ServiceListModel(store)
    model.set_query("therapy", age=7)
    qtmodeltester.check(model)


def test_model_fetches_more_a_page_at_a_time(store: Store, monkeypatch) -> None:
    monkeypatch.setattr(ServiceListModel, "PAGE", 10)
    model = ServiceListModel(store)
    model.set_query("")
    assert model.total == store.count_services("") > 10
    assert model.rowCount() == 10 and model.canFetchMore(model.index(-1))
    while model.canFetchMore(model.index(-1)):
        model.fetchMore(model.index(-1))
    ids = [model.row_object(i).id for i in range(model.rowCount())]
    assert ids == [r.id for r in store.search_services("", limit=1000)]


def test_filters_narrow_and_show_counts(tab: LocalOfferTab, store: Store, qtbot) -> None:
    total = tab.model.total
    bar = tab.filters
    bar.category.setCurrentIndex(bar.category.findData("health"))
    health = store.count_services("", category="health")
    assert tab.model.total == health < total
    assert f"{health} services" in tab.count.text()
    bar.free.setChecked(True)
    both = store.count_services("", category="health", free_only=True)
    assert tab.model.total == both <= health
    bar.age.setValue(7)
    assert tab.model.total == store.count_services("", category="health", free_only=True, age=7)
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    # Each category shows what it would give with the other filters kept.
    education = store.count_services("", category="education", free_only=True, age=7)
    index = bar.category.findData("education")
    assert bar.category.itemText(index) == f"Education ({education})"
    bar.clear()
    assert tab.model.total == total


def test_no_results_suggests_removing_a_filter(tab: LocalOfferTab, qtbot) -> None:
    bar = tab.filters
    bar.area.setCurrentIndex(bar.area.findData("Riverside"))
    bar.need.setCurrentIndex(bar.need.findData("need:visual-impairment"))
    bar.age.setValue(25)
    tab.search.setText("trampolining")
    tab.run_search()
    assert tab.model.total == 0
    text = tab.count.text()
    assert "removing a filter" in text and "Riverside" in text and "age 25" in text
    assert tab.details.toPlainText() == ""
    assert not tab.add_button.isEnabled()


def test_keyboard_type_down_enter_add(tab: LocalOfferTab, qtbot) -> None:
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "speech")
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)  # runs the pending search, then moves
    assert QApplication.focusWidget() is tab.results
    first = tab.model.row_object(0)
    assert "speech" in first.name.lower()
    qtbot.keyClick(tab.results, Qt.Key.Key_Down)
    second = tab.model.row_object(1)
    qtbot.keyClick(tab.results, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is tab.details
    assert tab.details.toPlainText().startswith(second.name)
    qtbot.keyClick(tab.details, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in tab.shortlist.services()] == [second.id]
    assert not tab.add_button.isEnabled() and "On the shortlist" in tab.add_button.text()
    assert "Ctrl+D" in tab.add_button.toolTip()
    # Adding again does nothing; Delete in the shortlist removes it.
    qtbot.keyClick(tab.details, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(tab.shortlist.services()) == 1
    tab.shortlist.view.setFocus()
    tab.shortlist.view.setCurrentIndex(tab.shortlist.model.index(0))
    qtbot.keyClick(tab.shortlist.view, Qt.Key.Key_Delete)
    assert tab.shortlist.services() == []


def test_typing_is_debounced(tab: LocalOfferTab, qtbot) -> None:
    total = tab.model.total
    qtbot.keyClicks(tab.search, "swim")
    assert tab.model.total == total  # nothing ran yet: one search after the pause
    qtbot.waitUntil(lambda: tab.model.total < total, timeout=2000)


def test_details_show_contacts_and_copy(tab: LocalOfferTab, store: Store) -> None:
    tab.search.setText("speech")
    tab.run_search()
    detail = store.service(tab.current_service_id())
    shown = tab.details.toPlainText()
    for text in (detail.name, "Contact", "Last updated", "Demo data"):
        assert text in shown
    phone = next(c.phone for c in detail.contacts if c.phone)
    assert phone in shown
    html = tab.details.toHtml()
    assert "tel:+44" in html
    tab.copy_contact()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(detail.name) and phone in copied
    # The shared contact buttons (as on the Providers tab) act on this service.
    assert tab.contact.call.isEnabled() and phone in tab.contact.phones
    assert tab.contact.details == copied


def test_controls_have_accessible_names(tab: LocalOfferTab) -> None:
    bar = tab.filters
    for widget in (bar.category, bar.need, bar.area, bar.age, bar.free, tab.count, tab.shortlist):
        assert widget.accessibleName()
    for button in (tab.add_button, tab.contact.call, tab.contact.copy, tab.shortlist.pdf_button):
        assert button.accessibleDescription()


def test_area_box_takes_a_typed_postcode_district(tab: LocalOfferTab, store: Store, qtbot) -> None:
    area = tab.filters.area
    assert area.isEditable() and area.lineEdit().accessibleName()
    area.setFocus()
    area.lineEdit().selectAll()
    qtbot.keyClicks(area.lineEdit(), "bv3")
    qtbot.keyClick(area.lineEdit(), Qt.Key.Key_Return)
    expected = store.count_services("", area="BV3")
    assert 0 < tab.model.total == expected < store.count_services("")
    assert tab.filters.filters()["area"] == "BV3" and "BV3" in tab.filters.active()
    # Counts arriving afterwards leave the typed text alone.
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    assert area.currentText() == "BV3"
    # A district name typed in any case picks its item; Clear filters empties the box.
    area.lineEdit().selectAll()
    qtbot.keyClicks(area.lineEdit(), "riverside")
    qtbot.keyClick(area.lineEdit(), Qt.Key.Key_Return)
    assert area.currentData() == "Riverside"
    assert tab.model.total == store.count_services("", area="Riverside")
    tab.filters.clear()
    assert tab.filters.filters()["area"] is None and area.currentText() == "All areas"


def test_area_value_reads_districts_postcodes_and_names() -> None:
    from desktop.ui.local_offer.filters import area_value

    assert area_value(" bv3 ") == "BV3"
    assert area_value("bv36te") == "BV3 6TE"
    assert area_value("BV3  6TE") == "BV3 6TE"
    assert area_value("Tile Green (1,204)") == "Tile Green"
    assert area_value("All areas") is None and area_value("  ") is None
