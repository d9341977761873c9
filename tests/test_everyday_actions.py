"""Saves, copies, calls and quitting on an ordinary council laptop (issue 13 §7, actions).

Save dialogs start in Documents (then the last folder used) with a dated name; every save,
copy, export and call says so in the status bar; quitting with a shortlist asks first.
Dialogs are answered by the test itself (a zero timer clicks the button once it shows).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.preferences import Preferences
from desktop.ui import save_dialog
from desktop.ui.main_window import MainWindow
from tests.qt_helpers import Catcher

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch):
    """Stands in for the save dialog: records what it suggested, answers with ``answer[0]``."""
    asked: list[str] = []
    answer: list[str] = [""]

    def dialog(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return answer[0], ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked, answer


def dated(stem: str, suffix: str) -> set[str]:
    """Today's name (and tomorrow's, should the test run across midnight)."""
    today = dt.date.today()
    return {f"{stem}-{d.isoformat()}{suffix}" for d in (today, today + dt.timedelta(days=1))}


def shortlisted(window: MainWindow, n: int = 2):
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    for row in range(n):
        tab.results.setCurrentIndex(tab.model.index(row))
        tab.add_current()
    assert len(tab.shortlist.services()) == n
    return tab


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# -- save dialogs -----------------------------------------------------------------------------
def test_first_save_starts_in_documents_with_a_dated_name_then_remembers(
    window: MainWindow, save_as, tmp_path: Path
) -> None:
    asked, answer = save_as
    tab = shortlisted(window)
    answer[0] = str(tmp_path / "for-the-family")  # no .pdf typed: it is added
    saved = tab.shortlist.save_pdf_dialog()
    suggested = Path(asked[0])
    assert suggested.parent == save_dialog.documents_folder()
    assert suggested.name in dated("shortlist", ".pdf")
    assert saved == tmp_path / "for-the-family.pdf" and saved.stat().st_size > 0
    assert status(window) == f"Saved the shortlist as for-the-family.pdf in {tmp_path}."
    assert Preferences().save_folder == str(tmp_path)
    answer[0] = str(tmp_path / "list.csv")
    tab.shortlist.save_csv_dialog()
    assert Path(asked[1]).parent == tmp_path  # the folder used last time
    assert Path(asked[1]).name in dated("shortlist", ".csv")
    assert "Saved the shortlist spreadsheet as list.csv" in status(window)


def test_a_failed_save_is_not_remembered_and_says_so(
    window: MainWindow, save_as, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _asked, answer = save_as
    tab = shortlisted(window, 1)
    warned: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.local_offer.shortlist.QMessageBox.warning", lambda _p, _t, text: warned.append(text)
    )
    answer[0] = str(tmp_path / "no-such-folder" / "list.pdf")
    assert tab.shortlist.save_pdf_dialog() is None
    assert warned and "could not be saved" in warned[0]
    assert Preferences().save_folder != str(tmp_path / "no-such-folder")
    assert "Saved" not in status(window)
    assert len(tab.shortlist.services()) == 1  # nothing lost


def test_cancelling_a_save_does_nothing(window: MainWindow, save_as) -> None:
    _asked, answer = save_as
    tab = shortlisted(window, 1)
    answer[0] = ""
    assert tab.shortlist.save_csv_dialog() is None
    assert status(window).startswith("Added ")  # still the last thing done


def test_the_handout_is_saved_as_family_handout_with_the_date(
    window: MainWindow, save_as, tmp_path: Path
) -> None:
    asked, answer = save_as
    routes = window.guidance.routes
    routes.choose("council", "refused-plan")
    answer[0] = str(tmp_path / "handout.pdf")
    routes.save_handout()
    assert Path(asked[0]).name in dated("family-handout", ".pdf")
    assert (tmp_path / "handout.pdf").stat().st_size > 0
    assert status(window) == f"Saved the handout as handout.pdf in {tmp_path}."


def test_a_saved_folder_that_has_gone_falls_back_to_documents(qapp, tmp_path: Path) -> None:
    prefs = Preferences()
    prefs.save_folder = str(tmp_path / "usb-stick-removed")
    assert save_dialog.start_folder(prefs) == save_dialog.documents_folder()
    prefs.save_folder = str(tmp_path)
    assert save_dialog.start_folder(prefs) == tmp_path
    assert save_dialog.dated_name("family-handout", ".pdf", dt.date(2026, 12, 3)) == (
        "family-handout-2026-12-03.pdf"
    )


# -- confirmations -------------------------------------------------------------------------------
def test_copies_and_calls_are_confirmed_in_the_status_bar(
    window: MainWindow, caught: Catcher
) -> None:
    tab = shortlisted(window, 1)
    tab.shortlist.copy()
    assert status(window) == "Copied the shortlist (1 service) as text: paste it into an e-mail."
    tab.copy_contact()
    assert status(window).startswith("Copied the contact details of ")
    number = tab.contact.callable_numbers()[0]
    tab.contact.dial(number)
    assert caught.urls and status(window) == f"Asked this computer to call {number}."
    calc = window.guidance.calculator
    calc.start.set_date(dt.date(2026, 11, 20))  # the date field starts empty: nothing to copy
    calc.update_result()
    calc.copy_result()
    assert status(window) == "Copied the deadline, its rule and citation."
    window.providers.show_provider("kids-sen-mediation")
    providers = window.providers.card.buttons
    providers.copy_to_clipboard(providers.phones[0])
    assert status(window) == f"Copied {providers.phones[0]}."


def test_adding_to_the_shortlist_is_confirmed(window: MainWindow) -> None:
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    tab.results.setCurrentIndex(tab.model.index(0))
    tab.add_current()
    assert status(window).startswith("Added ") and status(window).endswith("(1 service).")


def test_confirmations_are_read_out_by_screen_readers(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAccessible

    said: list[str] = []
    monkeypatch.setattr(
        QAccessible, "updateAccessibility", lambda event: said.append(event.message())
    )
    window.show_status("Saved the shortlist.")
    assert said == ["Saved the shortlist."]


# -- quitting ------------------------------------------------------------------------------------
def answer_next_dialog(button: str) -> list[str]:
    """Click ``button`` in the next modal dialog; returns what the dialog said."""
    said: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)  # not shown yet
            return
        said.append(box.text())
        for b in box.buttons():
            if b.text().replace("&", "") == button:
                b.click()
                return
        raise AssertionError(f"no button {button!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, answer)
    return said


def ctrl_q(qtbot, window: MainWindow) -> None:
    """Ctrl+Q to whatever has the focus (the window itself if nothing does)."""
    focus = QApplication.focusWidget()
    target = focus if focus is not None and focus.window() is window else window
    qtbot.keyClick(target, Qt.Key.Key_Q, CTRL)


@pytest.fixture
def active(window: MainWindow, qtbot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.setFocus()
    return window


def test_ctrl_q_with_a_shortlist_asks_and_can_keep_the_app_open(active: MainWindow, qtbot) -> None:
    tab = shortlisted(active, 2)
    said = answer_next_dialog("Keep the app open")
    ctrl_q(qtbot, active)
    assert said and "The shortlist has 2 services" in said[0]
    assert active.isVisible() and len(tab.shortlist.services()) == 2
    active.activateWindow()  # as the window manager does once the question has gone
    qtbot.waitUntil(active.isActiveWindow, timeout=2000)
    said = answer_next_dialog("Quit")
    ctrl_q(qtbot, active)
    assert said
    qtbot.waitUntil(lambda: not active.isVisible(), timeout=2000)


def test_ctrl_q_with_an_empty_shortlist_quits_without_asking(active: MainWindow, qtbot) -> None:
    ctrl_q(qtbot, active)
    qtbot.waitUntil(lambda: not active.isVisible(), timeout=2000)
    assert QApplication.activeModalWidget() is None


class TitleBarClose(QCloseEvent):
    """The close event a window manager sends for the title bar's X (Qt marks it spontaneous;
    a close from code, even QWindow.close(), is not, and no test can send a real one)."""

    def spontaneous(self) -> bool:
        return True


def test_the_title_bar_close_asks_too(active: MainWindow, qtbot) -> None:
    shortlisted(active, 1)
    said = answer_next_dialog("Keep the app open")
    event = TitleBarClose()
    active.closeEvent(event)
    assert said and "The shortlist has 1 service." in said[0]
    assert not event.isAccepted() and active.isVisible()
    said = answer_next_dialog("Quit")
    event = TitleBarClose()
    active.closeEvent(event)
    assert said and event.isAccepted()


def test_a_close_from_code_never_waits_for_an_answer(window: MainWindow, qtbot) -> None:
    """The smoke test and a session ending close the window without a dialog."""
    shortlisted(window, 1)
    window.close()
    assert not window.isVisible() and QApplication.activeModalWidget() is None
