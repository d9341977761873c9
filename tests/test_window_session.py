"""The thin window's parts: tabs built on first view, the data session, the menus and the
status bar (code review c.5, issue 16.3)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from desktop import cli
from desktop.app import app_icon_path, smoke_problems
from desktop.config import load_settings
from desktop.data.livedb import open_live
from desktop.preferences import Preferences
from desktop.ui.data_session import REOPEN_FAILED
from desktop.ui.guidance import GuidanceTab
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.main_window import MainWindow, Searchable
from desktop.ui.providers import ProvidersTab
from desktop.ui.shortcuts_dialog import ShortcutsDialog
from desktop.ui.status_bar import StatusBar
from desktop.ui.view_settings import ViewSettings
from desktop.ui.window_menus import build_menus

OLD_DATA = {"source": "A council", "data_as_of": "2020-01-01", "is_demo": "0", "service_count": "9"}


# -- tabs built on first view ---------------------------------------------------------------------
def built(window: MainWindow) -> list[str]:
    """The real tabs in the tab widget now (a placeholder is a bare QWidget)."""
    kinds = (GuidanceTab, ProvidersTab, LocalOfferTab)
    return [
        kind.__name__
        for index, kind in enumerate(kinds)
        if isinstance(window.tabs.widget(index), kind)
    ]


def test_start_builds_only_the_tab_the_window_opens_on(window: MainWindow) -> None:
    assert built(window) == ["GuidanceTab"]
    guidance = window.tabs.widget(0)
    assert isinstance(guidance, GuidanceTab)
    assert not guidance.has_page("routes") and not guidance.has_page("calculator")
    assert window.tabs.widget(2).accessibleName() == "Local Offer"  # the placeholder's name
    window.tabs.setCurrentIndex(2)  # as Ctrl+3 or a click does
    assert built(window) == ["GuidanceTab", "LocalOfferTab"]
    assert window.tabs.currentWidget() is window.local_offer
    assert window.local_offer.model.total > 0
    guidance.pages.setCurrentIndex(1)  # the route finder, built as it is shown
    assert guidance.has_page("routes") and guidance.routes.who.count() > 0


def test_the_tab_remembered_from_last_time_is_the_one_built(qtbot, data_dir: Path) -> None:
    QSettings().clear()
    Preferences().last_tab = 2
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        win = MainWindow(opened.store, settings)
        qtbot.addWidget(win)
        assert built(win) == ["LocalOfferTab"]
        assert win.tabs.currentIndex() == 2
        win.close()
    finally:
        opened.store.close()


def test_ctrl_f_goes_to_the_search_box_of_every_tab(qtbot, window: MainWindow) -> None:
    for index, search in ((0, "guidance"), (1, "providers"), (2, "local_offer")):
        window.tabs.setCurrentIndex(index)
        tab = getattr(window, search)
        assert isinstance(tab, Searchable)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda tab=tab: tab.search.hasFocus())


def test_smoke_checks_build_show_and_check_every_tab_and_sub_tab(window: MainWindow) -> None:
    window.setWindowIcon(QIcon(str(app_icon_path())))  # as make_application does
    assert smoke_problems(window) == []
    assert built(window) == ["GuidanceTab", "ProvidersTab", "LocalOfferTab"]
    assert window.guidance.has_page("routes") and window.guidance.has_page("calculator")
    assert window.tabs.currentIndex() == 0  # back where it started (remembered at quit)


def test_a_tab_that_cannot_be_built_is_a_smoke_failure(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.setWindowIcon(QIcon(str(app_icon_path())))
    monkeypatch.setattr(ProvidersTab, "__init__", _no_providers, raising=True)
    with qtbot.captureExceptions() as raised:  # (the app's hook counts it: run_gui)
        problems = smoke_problems(window)
    assert problems == ["the ProvidersTab was not built and shown"]
    assert [str(error) for _kind, error, _trace in raised] == ["no providers tab"]


def _no_providers(self: ProvidersTab, *args: object, **kwargs: object) -> None:
    raise RuntimeError("no providers tab")


def test_help_lists_the_shortcuts_of_tabs_not_yet_shown(qtbot, window: MainWindow) -> None:
    assert built(window) == ["GuidanceTab"]
    window.menu_actions.shortcuts.trigger()  # F1
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    keys = {row.keys for row in dialog.rows}
    assert "Ctrl+D" in keys  # the Local Offer's, built for the list
    dialog.reject()


def test_the_window_start_reads_its_options_as_the_full_parser_does() -> None:
    for argv in ([], ["--smoke"]):
        assert vars(cli.parse_args(argv)) == vars(cli.build_parser().parse_args(argv))
    assert cli.parse_args(["info"]).command == "info"  # anything else: the full parser


# -- the data session -----------------------------------------------------------------------------
def test_a_swap_runs_with_the_store_closed_and_announces_the_new_one(
    qtbot, window: MainWindow
) -> None:
    old = window.store
    seen: list[bool] = []

    def swap() -> None:
        with pytest.raises(sqlite3.ProgrammingError):
            old.meta()  # closed: Windows cannot replace a file that is open
        seen.append(True)

    with qtbot.waitSignal(window.session.store_replaced) as replaced:
        assert window.session.replace(swap)
    assert seen == [True]
    assert replaced.args[0] is window.store and window.store is not old
    assert window.store.meta()["is_demo"] == "1"


def test_a_file_that_cannot_be_opened_after_a_swap_is_said_and_try_again_recovers(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    live = window.store.path
    kept = tmp_path / "kept.sqlite"

    def swap_in_a_broken_file() -> None:
        shutil.move(live, kept)
        live.write_text("not a database", encoding="utf-8")

    with qtbot.waitSignal(window.session.open_failed) as failed:
        assert window.session.replace(swap_in_a_broken_file) is False  # raises nothing
    sentence, reason = failed.args
    assert sentence == REOPEN_FAILED and str(live) in reason
    assert not window.tabs.isEnabled()  # nothing reads the closed Store
    assert window.status_bar.notice_label.text() == REOPEN_FAILED
    box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
    assert box.text() == REOPEN_FAILED and box.textFormat() == Qt.TextFormat.PlainText

    live.unlink()
    shutil.move(kept, live)  # the other program let go of it
    again = next(b for b in box.buttons() if b.text() == "&Try again")
    with qtbot.waitSignal(window.session.store_replaced):
        again.click()
    assert window.tabs.isEnabled()
    assert window.store.meta()["is_demo"] == "1"
    assert window.status_bar.notice_label.text() == ""


# -- the menus --------------------------------------------------------------------------------------
def test_a_reload_leaves_the_file_menu_and_its_provider_actions_alone(window: MainWindow) -> None:
    menu = window.menu_actions.file_menu
    before = list(menu.actions())
    window.providers  # built, so it is rebuilt by the reload  # noqa: B018
    assert window.reload_store()
    assert list(menu.actions()) == before
    assert window.menu_actions.providers.import_action in before


def test_the_menus_need_only_what_they_are_given(qtbot, window: MainWindow) -> None:
    """Built on a bare QMainWindow: nothing in them reaches for the app's window."""
    bare = QMainWindow()
    qtbot.addWidget(bare)
    quits: list[bool] = []
    view = ViewSettings(QAction("calls", bare), bare)
    made = build_menus(
        bare,
        session=window.session,
        settings=window.settings,
        view=view,
        quit=lambda: quits.append(True),
        shortcuts=lambda: None,
    )
    made.quit.trigger()
    assert quits == [True]
    titles = [a.text() for a in bare.menuBar().actions()]
    assert titles == ["&File", "&Settings", "&Help"]
    assert made.refresh.text().startswith("&Refresh Local Offer")


# -- the status bar ---------------------------------------------------------------------------------
def test_old_data_is_warned_about_but_demo_data_is_not(qtbot) -> None:
    bar = StatusBar(stale_after_days=30)
    qtbot.addWidget(bar)
    bar.show_data(OLD_DATA)
    assert "days old: refresh it when you can" in bar.notice_label.text()
    assert bar.count_label.text() == "9 services" and bar.demo_label.isHidden()
    bar.show_data({**OLD_DATA, "is_demo": "1"})
    assert bar.notice_label.text() == "" and not bar.demo_label.isHidden()


def test_at_960_px_a_notice_keeps_its_line_and_the_source_gives_way(
    qtbot, window: MainWindow
) -> None:
    window.resize(960, 700)
    bar = window.status_bar
    source = "Bundled demo Local Offer (fictional Brookvale City Council) " * 2
    bar.show_data({**window.store.meta(), "source": source})
    bar.set_notice("The Local Offer data is 400 days old: refresh it when you can.")
    qtbot.waitUntil(lambda: bar.notice_label.width() > 0)
    QApplication.processEvents()
    notice = bar.notice_label
    assert notice.fontMetrics().horizontalAdvance(notice.text()) <= notice.contentsRect().width()
    assert bar.source_label.is_elided()  # the source gave way (full text in its tooltip)
    assert notice.height() < 2 * notice.fontMetrics().lineSpacing()  # one line, not wrapped
    assert bar.width() <= window.width()
