"""The main window and its three tabs, driven as a user would (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.config import load_settings
from desktop.data.livedb import open_live
from desktop.ui import actions
from desktop.ui.main_window import MainWindow
from desktop.ui.models import ROW_ROLE


def test_guidance_tab_shows_sections(window: MainWindow) -> None:
    tab = window.guidance
    titles = [tab.model.index(i).data() for i in range(tab.model.rowCount())]
    assert len(titles) >= 3
    assert tab.current_section() is not None
    shown = tab.text.toPlainText()
    assert tab.current_section().title in shown
    assert "Sources" in shown


def test_guidance_search_filters_sections(window: MainWindow, qtbot) -> None:
    tab = window.guidance
    total = tab.model.rowCount()
    qtbot.keyClicks(tab.search, "certificate")
    assert 0 < tab.model.rowCount() < total
    tab.search.clear()
    qtbot.keyClicks(tab.search, "zzzzqqq")
    assert tab.model.rowCount() == 0
    assert "No guidance mentions" in tab.text.toPlainText()


def test_provider_link_in_guidance_opens_the_card(window: MainWindow) -> None:
    window.guidance.text.anchorClicked.emit(QUrl("provider:kids-sen-mediation"))
    assert window.tabs.currentWidget() is window.providers
    assert window.providers.current().id == "kids-sen-mediation"


def test_providers_tab_shows_real_contacts(window: MainWindow, qtbot) -> None:
    tab = window.providers
    names = [tab.model.index(i).data(ROW_ROLE).name for i in range(tab.model.rowCount())]
    assert len(names) >= 2
    tab.show_provider("kids-sen-mediation")
    card = tab.card.toPlainText()
    assert "0333 006 2835" in card and "senmediation@kids.org.uk" in card
    assert "Source:" in card and "2026-11-28" in card
    assert tab.call.isEnabled() and tab.email.isEnabled()
    qtbot.keyClicks(tab.search, "START")
    assert tab.model.rowCount() == 1
    assert tab.current().id == "coventry-start"


def test_copy_puts_provider_details_on_the_clipboard(window: MainWindow, qtbot) -> None:
    tab = window.providers
    tab.show_provider("coventry-start")
    all_details = tab.copy.menu().actions()[-1]  # Copy offers number, address or all details
    all_details.trigger()
    assert "024 7683 1614" in QGuiApplication.clipboard().text()


def test_local_offer_lists_services_and_typing_narrows(window: MainWindow, qtbot) -> None:
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    total = tab.model.total
    assert total >= 60
    assert tab.demo_banner.isVisible()
    assert f"{total} services" in tab.count.text()
    assert "Demo data" in tab.details.toPlainText()
    qtbot.keyClicks(tab.search, "speech")
    qtbot.waitUntil(lambda: 0 < tab.model.total < total, timeout=2000)
    for i in range(tab.model.rowCount()):
        d = window.store.service(tab.model.row_object(i).id)
        searchable = " ".join(
            [d.name, d.organisation, d.description, *d.needs, *d.categories, d.area]
        )
        assert "speech" in searchable.lower(), d.name
    tab.search.clear()
    qtbot.keyClicks(tab.search, "qqqzzz")
    qtbot.waitUntil(lambda: tab.model.total == 0, timeout=2000)
    assert "No services match" in tab.count.text()


def test_local_offer_details_follow_selection(window: MainWindow) -> None:
    tab = window.local_offer
    tab.results.setCurrentIndex(tab.model.index(3))
    name = tab.model.row_object(3).name
    assert tab.details.toPlainText().startswith(name)
    assert tab.current_service_id() == tab.model.row_object(3).id


def test_status_bar_shows_provenance_and_demo(window: MainWindow) -> None:
    assert window.status_bar.demo_label.isVisible()
    assert "Data as of 2026" in window.status_bar.as_of_label.text()
    assert "services" in window.status_bar.count_label.text()
    assert "demo" in window.status_bar.source_label.text().lower()


def test_keyboard_shortcuts_switch_tabs_and_focus_search(window: MainWindow, qtbot) -> None:
    for n, tab in enumerate((window.guidance, window.providers, window.local_offer), 1):
        qtbot.keyClick(window, Qt.Key.Key_0 + n, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentWidget() is tab
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda tab=tab: QApplication.focusWidget() is tab.search, timeout=1000)


def test_last_tab_and_size_are_remembered(qtbot, data_dir: Path) -> None:
    QSettings().clear()
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        first = MainWindow(opened.store, settings)
        qtbot.addWidget(first)
        first.resize(700, 500)
        first.tabs.setCurrentIndex(2)
        first.close()
        second = MainWindow(opened.store, settings)
        qtbot.addWidget(second)
        assert second.tabs.currentIndex() == 2
        assert (second.width(), second.height()) == (700, 500)
    finally:
        opened.store.close()


def test_controls_have_accessible_names(window: MainWindow) -> None:
    for tab in (window.guidance, window.providers, window.local_offer):
        assert tab.search.accessibleName()
    for button in (
        window.providers.call,
        window.providers.email,
        window.providers.website,
        window.providers.copy,
    ):
        assert button.accessibleDescription() and "&" in button.text()
    assert window.local_offer.results.accessibleName()
    assert window.local_offer.details.accessibleName()


def test_tel_and_mailto_urls() -> None:
    assert actions.tel_url("03330 062 835").toString() == "tel:+443330062835"
    assert actions.tel_url("024 7683 1614").toString() == "tel:+442476831614"
    assert actions.tel_url("not a number") is None
    url = actions.mailto_url("a@example.org", "Request mediation", "Hello there\nLine two + more")
    text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    assert text == (
        "mailto:a@example.org?subject=Request%20mediation"
        "&body=Hello%20there%0D%0ALine%20two%20%2B%20more"
    )


def test_only_allowed_schemes_open(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        actions.QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    for bad in ("file:///etc/passwd", "javascript:alert(1)", "https://good.example.org@evil.example/", "provider:x"):
        assert actions.open_url(QUrl(bad)) is False
    assert opened == []
    assert actions.open_url(QUrl("https://example.org/x")) is True
    assert opened == ["https://example.org/x"]


def test_no_handler_shows_and_copies_the_number(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions.QDesktopServices, "openUrl", lambda url: False)
    shown: list[actions.FallbackDialog] = []
    monkeypatch.setattr(actions.FallbackDialog, "open", lambda self: shown.append(self))
    assert actions.open_url(actions.tel_url("024 7683 1614")) is True
    assert QGuiApplication.clipboard().text() == "024 7683 1614"
    assert shown and shown[0].text == "024 7683 1614"
    assert "copied" in shown[0].windowTitle()


def test_organisation_name_from_policy_is_in_the_title(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.qt_helpers import open_main_window

    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nOrganisationName = Brookvale SENDIASS\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    try:
        assert win.windowTitle() == "SEND Adviser Desk — Brookvale SENDIASS"
    finally:
        win.close()
        win.store.close()
    monkeypatch.delenv("SEND_DESK_POLICY")
    plain = open_main_window(qtbot)
    try:
        assert plain.windowTitle() == "SEND Adviser Desk"
    finally:
        plain.close()
        plain.store.close()


def test_the_about_box_dates_the_guidance_from_its_sections(window) -> None:
    """The About box gives the guidance's own checked-on dates, and promises no update check
    (the app has none)."""
    from desktop.ui.about import guidance_as_of

    dates = {s.checked_on for s in window.store.guidance_sections()}
    sentence = guidance_as_of(window.store)
    assert any(d in sentence for d in dates)
    assert "check for updates" not in sentence.lower()
    assert "Changes ahead" in sentence
