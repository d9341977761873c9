"""Keyboard only: the main flows without a mouse, and no mnemonic letter claimed twice.

Keys go to whatever widget has the focus (as a real keyboard's would), never to a widget
picked by the test, except the first key after the window opens.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from desktop.ui.main_window import MainWindow
from tests.qt_helpers import Catcher

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


# -- helpers ---------------------------------------------------------------------------------
def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def test_mnemonic_reads_the_letter_after_a_single_ampersand() -> None:
    assert mnemonic("Secti&ons") == "o"
    assert mnemonic("Tom && Jerry") is None
    assert mnemonic("Tom && &Jerry") == "j"
    assert mnemonic("plain") is None


def claims(top: QWidget) -> dict[str, list[str]]:
    """Every mnemonic letter the visible widgets of ``top`` claim, with who claims it."""
    found: dict[str, list[str]] = defaultdict(list)

    def claim(text: str, what: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(f"{what} {text!r}")

    if hasattr(top, "menuBar"):
        for action in top.menuBar().actions():
            if action.isVisible():
                claim(action.text(), "menu")
    for w in top.findChildren(QWidget):
        if not w.isVisible() or isinstance(w, QMenu):
            continue
        if isinstance(w, QAbstractButton):
            claim(w.text(), type(w).__name__)
        elif isinstance(w, QLabel) and w.buddy() is not None:
            claim(w.text(), "label")
        elif isinstance(w, QGroupBox):
            claim(w.title(), "group")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    claim(w.tabText(i), "tab")
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in claims(top).items() if len(v) > 1}


def settle(qtbot) -> None:
    qtbot.wait(0)  # run posted events (layout, show) without sleeping


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    """One key to the widget that has the keyboard focus."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def focus(qtbot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def tab_until(qtbot, widget: QWidget, most: int = 30) -> int:
    """Press Tab until ``widget`` has the focus; how many presses it took."""
    for n in range(1, most + 1):
        press(qtbot, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is widget:
            return n
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


@pytest.fixture
def active(window: MainWindow, qtbot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.setFocus()
    return window


# -- no letter claimed twice ---------------------------------------------------------------
def test_no_duplicate_mnemonics_on_any_tab_or_sub_tab(active: MainWindow, qtbot) -> None:
    window = active
    seen = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        pages = window.guidance.pages if index == 0 else None
        for sub in range(pages.count()) if pages else [None]:
            if pages is not None:
                pages.setCurrentIndex(sub)
            settle(qtbot)
            where = window.tabs.tabText(index) + (f" / {pages.tabText(sub)}" if pages else "")
            assert not clashes(window), where
            seen += len(claims(window))
    assert seen > 40  # the walk really found the buttons, labels, tabs and menus


def test_route_finder_and_calculator_letters_are_their_own(active: MainWindow, qtbot) -> None:
    """The sub-pages' own controls each have a letter (and do not reuse a tab's)."""
    routes, calc = active.guidance.routes, active.guidance.calculator
    for button in (routes.template_button, routes.print_button, routes.pdf_button, calc.copy):
        assert mnemonic(button.text()), button.text()
    routes.choose("council", "refused-plan")
    for label in (routes.date_label, routes.dated_label, routes.certificate_label):
        assert mnemonic(label.text()), label.text()
    for label, _field in calc.optional.values():
        assert mnemonic(label.text()), label.text()


def test_providers_notice_button_does_not_take_a_letter_in_use(
    active: MainWindow, qtbot, data_dir: Path
) -> None:
    """With a broken organisation list the 'what was skipped' button shows: still no clash."""
    imported = data_dir / "providers"
    imported.mkdir(parents=True, exist_ok=True)
    (imported / "imported.toml").write_text(
        '[[provider]]\nid = "broken"\nname = "Broken"\nkind = "mediation"\n'
        'phones = ["call us"]\nsource = "leaflet"\nchecked_on = 2026-11-20\n',
        encoding="utf-8",
    )
    tab = active.providers
    tab.reload()
    active.tabs.setCurrentWidget(tab)
    settle(qtbot)
    if not tab.notice_details.isVisible():
        pytest.fail(f"the broken list was not read from {imported}: {tab.problems}")
    assert not clashes(active)


def test_menus_have_no_duplicate_letters(active: MainWindow) -> None:
    for top in active.menuBar().actions():
        letters = [mnemonic(a.text()) for a in top.menu().actions() if not a.isSeparator()]
        letters = [x for x in letters if x]
        assert len(letters) == len(set(letters)), (top.text(), letters)
        assert letters, top.text()


def test_refresh_dialog_has_no_duplicate_letters(active: MainWindow, qtbot) -> None:
    from desktop.ui.refresh_menu import open_refresh_dialog

    dialog = open_refresh_dialog(active, active.session, active.settings.policy)
    qtbot.waitExposed(dialog)
    try:
        assert not clashes(dialog)
        assert len(claims(dialog)) >= 4
    finally:
        dialog.close()


# -- the flows -----------------------------------------------------------------------------
def test_ctrl_numbers_and_ctrl_f_from_the_focused_widget(active: MainWindow, qtbot) -> None:
    window = active
    for n, tab in enumerate((window.guidance, window.providers, window.local_offer), 1):
        press(qtbot, Qt.Key.Key_0 + n, CTRL)
        assert window.tabs.currentWidget() is tab
        press(qtbot, Qt.Key.Key_F, CTRL)
        focus(qtbot, tab.search)


def test_local_offer_type_down_enter_ctrl_d(active: MainWindow, qtbot) -> None:
    window = active
    tab = window.local_offer
    press(qtbot, Qt.Key.Key_3, CTRL)
    press(qtbot, Qt.Key.Key_F, CTRL)
    focus(qtbot, tab.search)
    qtbot.keyClicks(tab.search, "speech")
    press(qtbot, Qt.Key.Key_Down)
    focus(qtbot, tab.results)
    assert tab.model.total >= 2
    press(qtbot, Qt.Key.Key_Down)
    wanted = tab.current_service_id()
    assert wanted == tab.model.row_object(1).id
    press(qtbot, Qt.Key.Key_Return)
    focus(qtbot, tab.details)
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert [s.id for s in tab.shortlist.services()] == [wanted]
    assert not tab.add_button.isEnabled()  # already on it
    # Alt+A is the add button's mnemonic: on the next service it adds that one too.
    tab.results.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: len(tab.shortlist.services()) == 2, timeout=2000)


def test_local_offer_filters_by_mnemonic(active: MainWindow, qtbot) -> None:
    tab = active.local_offer
    press(qtbot, Qt.Key.Key_3, CTRL)
    press(qtbot, Qt.Key.Key_G, ALT)
    focus(qtbot, tab.filters.age)
    before = tab.model.total
    press(qtbot, Qt.Key.Key_Up)  # "Any age" → 0 years
    press(qtbot, Qt.Key.Key_Up)
    assert tab.filters.filters()["age"] == 1
    press(qtbot, Qt.Key.Key_O, ALT)  # Free only
    qtbot.waitUntil(tab.filters.free.isChecked, timeout=2000)
    assert tab.model.total < before


def test_providers_filter_then_call_email_copy(active: MainWindow, caught: Catcher, qtbot) -> None:
    window = active
    tab = window.providers
    press(qtbot, Qt.Key.Key_2, CTRL)
    press(qtbot, Qt.Key.Key_F, CTRL)
    focus(qtbot, tab.search)
    qtbot.keyClicks(tab.search, "kids")
    assert tab.current() is not None and tab.current().id == "kids-sen-mediation"
    # Tab from the filter box reaches the Call button (the card's text is in the way).
    assert tab_until(qtbot, tab.call) <= 10
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(caught.urls) == 1, timeout=2000)
    assert caught.urls[0].startswith("tel:")
    # The mnemonics work from anywhere on the tab.
    tab.search.setFocus()
    press(qtbot, Qt.Key.Key_E, ALT)  # Email has a menu of templates: Alt+E opens it
    menu = tab.email.menu()
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    qtbot.keyClick(menu, Qt.Key.Key_B)  # &Blank e-mail
    qtbot.waitUntil(lambda: len(caught.urls) == 2, timeout=2000)
    assert caught.urls[1].startswith("mailto:")
    QApplication.clipboard().clear()
    press(qtbot, Qt.Key.Key_Y, ALT)  # Cop&y
    menu = tab.copy.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    qtbot.keyClick(menu, Qt.Key.Key_1)  # &1  Copy the first number
    qtbot.waitUntil(lambda: bool(QApplication.clipboard().text()), timeout=2000)
    assert QApplication.clipboard().text() == tab.current().phones[0]


def test_guidance_route_finder_and_calculator_by_mnemonic(active: MainWindow, qtbot) -> None:
    window = active
    tab = window.guidance
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.routes, timeout=1000)
    routes = tab.routes
    press(qtbot, Qt.Key.Key_W, ALT)  # Who is the disagreement with?
    focus(qtbot, routes.who)
    press(qtbot, Qt.Key.Key_E, ALT)  # Dat&e the council's decision letter was sent:
    focus(qtbot, routes.date.edit)
    for ch in "01/10/2026":
        press(qtbot, Qt.Key(ord(ch)))
    assert routes.date.date() == dt.date(2026, 10, 1)
    assert "Deadlines for the dates entered" in routes.result.toPlainText()

    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: tab.pages.currentWidget() is tab.calculator, timeout=1000)
    calc = tab.calculator
    press(qtbot, Qt.Key.Key_E, ALT)  # D&eadline:
    focus(qtbot, calc.rule)
    index = calc.rule.findData("appeal")
    press(qtbot, Qt.Key.Key_Down)  # a closed list box opens on the arrows (widgets.ComboGuard)
    view = calc.rule.view()
    qtbot.waitUntil(view.isVisible, timeout=1000)
    while view.currentIndex().row() != index:
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < index else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=1000)
    assert calc.rule.currentIndex() == index
    focus(qtbot, calc.rule)
    press(qtbot, Qt.Key.Key_Tab)
    focus(qtbot, calc.start.edit)  # the date is one Tab stop after the rule
    for ch in "25/10/2026":
        press(qtbot, Qt.Key(ord(ch)))
    assert calc.start.date() == dt.date(2026, 10, 25)
    assert "Monday 4 January 2027" in calc.result.toPlainText()
    press(qtbot, Qt.Key.Key_M, ALT)  # &Mediation certificate issued on (if any):
    focus(qtbot, calc.certificate.edit)


# -- text that scales ------------------------------------------------------------------------
def test_window_fits_1280_wide_with_the_system_font_at_150_percent(
    qtbot, qapp, data_dir: Path
) -> None:
    """A larger font must not push the window past a 1280-pixel screen (it did: 1359)."""
    from tests.qt_helpers import open_main_window

    normal = qapp.font()
    big = qapp.font()
    big.setPointSizeF(normal.pointSizeF() * 1.5)
    qapp.setFont(big)
    try:
        win = open_main_window(qtbot)
        try:
            win.resize(1280, 800)
            win.tabs.setCurrentWidget(win.local_offer)
            qtbot.waitExposed(win)
            settle(qtbot)
            assert win.minimumSizeHint().width() <= 1280
            banner = win.local_offer.demo_banner
            one_line = banner.fontMetrics().height()
            assert banner.height() < 2.5 * one_line + 20  # wraps to its text, no spare lines
        finally:
            win.close()
            win.store.close()
    finally:
        qapp.setFont(normal)
