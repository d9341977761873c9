"""The Providers tab as a user drives it: filters, origin on cards, import, keyboard, offline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog

from desktop.config import load_settings
from desktop.data.livedb import open_live
from desktop.data.store import Store
from desktop.ui import provider_import
from desktop.ui.main_window import MainWindow
from desktop.ui.providers import ProvidersTab
from tests.qt_helpers import Catcher
from tests.test_providers import GOOD, MIXED


def ids(tab: ProvidersTab) -> list[str]:
    return [tab.model.row_object(i).id for i in range(tab.model.rowCount())]


def test_filter_by_text_and_by_kind(window: MainWindow, qtbot) -> None:
    tab = window.providers
    assert ids(tab) == ["coventry-start", "kids-sen-mediation"]
    assert [tab.kind.itemText(i) for i in range(tab.kind.count())] == [
        "All kinds",
        "Mediation",
        "Council SEND team",
    ]
    tab.kind.setCurrentIndex(tab.kind.findData("mediation"))
    assert ids(tab) == ["kids-sen-mediation"]
    qtbot.keyClicks(tab.search, "coventry")  # KIDS serves Coventry too
    assert ids(tab) == ["kids-sen-mediation"]
    tab.kind.setCurrentIndex(0)
    assert ids(tab) == ["coventry-start", "kids-sen-mediation"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "statutory assessment")
    assert ids(tab) == ["coventry-start"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "zzqq")
    assert ids(tab) == []
    assert "No provider matches" in tab.card.toPlainText()
    assert not tab.call.isEnabled() and not tab.copy.isEnabled()


def test_the_two_real_contacts_produce_these_urls(window: MainWindow, caught: Catcher) -> None:
    tab = window.providers
    tab.show_provider("kids-sen-mediation")
    tab.call.click()
    email = tab.card.buttons.menu_actions(tab.email)
    email[0].trigger()  # blank
    email[2].trigger()  # ask for a mediation certificate
    assert not tab.website.isEnabled()  # no website in the source
    tab.show_provider("coventry-start")
    tab.call.click()
    assert not tab.email.isEnabled()
    assert caught.urls[:2] == ["tel:+443330062835", "mailto:senmediation@kids.org.uk"]
    assert caught.urls[2].startswith(
        "mailto:senmediation@kids.org.uk?subject=Mediation%20certificate%20needed%3A%20"
    )
    assert caught.urls[3] == "tel:+442476831614"


def test_links_in_the_card_go_through_the_allow_list(window: MainWindow, caught: Catcher) -> None:
    tab = window.providers
    tab.show_provider("kids-sen-mediation")
    assert 'href="tel:+443330062835"' in tab.card.text.toHtml()
    tab.card.text.anchorClicked.emit(QUrl("tel:+443330062835"))
    tab.card.text.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert caught.urls == ["tel:+443330062835"]


def test_keyboard_mnemonic_calls(window: MainWindow, caught: Catcher, qtbot) -> None:
    tab = window.providers
    window.tabs.setCurrentWidget(tab)
    tab.show_provider("coventry-start")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(caught.urls), timeout=2000)  # a mnemonic animates the click
    assert caught.urls == ["tel:+442476831614"]
    for button in (tab.call, tab.email, tab.website, tab.copy):
        assert "&" in button.text() and button.accessibleDescription()
    tab.show_provider("kids-sen-mediation")
    for button in (tab.email, tab.copy):
        for action in tab.card.buttons.menu_actions(button):
            assert "&" in action.text(), action.text()
    assert tab.card.text.accessibleDescription().startswith("KIDS SEN Mediation\nMediation")


def _use_policy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> Path:
    share = tmp_path / "share" / "providers.toml"
    share.parent.mkdir(exist_ok=True)
    share.write_text(text, encoding="utf-8")
    ini = tmp_path / "policy.ini"
    ini.write_text(f"[General]\nProvidersFile={share}\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(ini))
    return share


def test_policy_list_shows_with_its_origin_and_problems(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_policy(monkeypatch, tmp_path, MIXED)
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        win = MainWindow(opened.store, settings)
        qtbot.addWidget(win)
        tab = win.providers
        assert "brookvale-mediation" in ids(tab) and "kids-sen-mediation" in ids(tab)
        tab.show_provider("brookvale-mediation")
        assert tab.card.origin.text() == (
            "This card comes from your organisation's list (providers.toml)."
        )
        assert "from your organisation's list (providers.toml)" in tab.card.toPlainText()
        tab.show_provider("kids-sen-mediation")
        assert tab.card.origin.isHidden()
        assert "bundled with the app" in tab.card.toPlainText()
        assert len(tab.problems) == 6 and not tab.notice.isHidden()
        assert "6 problems" in tab.notice.text()
    finally:
        opened.store.close()


def test_import_from_the_file_menu_survives_restart_and_refresh(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import providers…" in menu_texts
    source = tmp_path / "brookvale.toml"
    source.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(
        provider_import.QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), "")
    )
    shown: list[provider_import.ImportReportDialog] = []

    def accept(self: provider_import.ImportReportDialog) -> int:
        shown.append(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(provider_import.ImportReportDialog, "exec", accept)
    window.menu_actions.providers.import_action.trigger()
    assert "1 provider ready to import" in shown[0].summary.text()
    assert "brookvale-sendiass" in ids(window.providers)
    assert window.menu_actions.providers.remove_action.isEnabled()
    source.unlink()

    # A refresh swaps in a new database; the imported list does not live in it.
    settings = load_settings()
    refreshed = tmp_path / "refreshed.sqlite"
    shutil.copyfile(settings.bundled_db, refreshed)
    refreshed.chmod(0o644)
    with Store.open(refreshed) as store:
        tab = ProvidersTab(store, settings=settings)
        qtbot.addWidget(tab)
        assert "brookvale-sendiass" in ids(tab)
        tab.show_provider("brookvale-sendiass")
        assert "your imported list (brookvale.toml" in tab.card.origin.text()
        assert "0121 496 0123 ext. 12" in tab.card.toPlainText()


def test_a_file_with_nothing_good_is_refused_and_reported(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[provider]]\nid = "x"\n', encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(provider_import.plain, "warn", lambda _p, _t, text: warnings.append(text))
    assert provider_import.import_path(window, bad, window.settings.data_dir) is False
    assert "Nothing can be imported from bad.toml" in warnings[0]
    assert "name is missing" in warnings[0]
    window.providers.reload()
    assert ids(window.providers) == ["coventry-start", "kids-sen-mediation"]


def test_the_tab_works_with_sockets_blocked(
    window: MainWindow, caught: Catcher, no_network: list[object]
) -> None:
    tab = window.providers
    tab.reload()
    tab.show_provider("kids-sen-mediation")
    tab.call.click()
    tab.card.buttons.menu_actions(tab.copy)[-1].trigger()
    assert caught.urls == ["tel:+443330062835"]
    assert no_network == []


def test_reloading_the_data_keeps_the_organisation_list_and_menu(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a refresh or restore the window rebuilds its tabs: nothing may be lost."""
    _use_policy(monkeypatch, tmp_path, MIXED)
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        win = MainWindow(opened.store, settings)
        qtbot.addWidget(win)
        win.reload_store()
        assert "brookvale-mediation" in ids(win.providers)
        menu = win.menuBar().actions()[0].menu().actions()
        assert win.menu_actions.providers.import_action in menu and win.menu_actions.providers.remove_action in menu
        assert [a.text() for a in menu].count("&Import providers…") == 1
        win.show_provider("kids-sen-mediation")
        assert win.tabs.currentWidget() is win.providers
        win.store.close()
    finally:
        opened.store.close()
