"""Settings people expect (issue 13 §8): text size app-wide and remembered, Ctrl+Plus /
Ctrl+Minus / Ctrl+0, the system's colours or high contrast, a small Settings dialog, and
Help → Keyboard shortcuts generated from the window's own actions and shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QApplication

from desktop.preferences import Preferences
from desktop.ui import style
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import Choices
from desktop.ui.shortcuts_dialog import EVERYWHERE, open_shortcuts, shortcuts

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def restore_appearance(qapp):
    yield
    style.apply_appearance(qapp, 100, "system")
    prefs = Preferences()
    prefs.text_scale, prefs.contrast = 100, "system"


@pytest.fixture
def active(window: MainWindow, qtbot, restore_appearance) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.local_offer.search.setFocus()  # keys typed while in a text box still work
    return window


def point_size() -> float:
    return QApplication.font().pointSizeF()


def key(qtbot, window: MainWindow, sequence: str) -> None:
    combo = QKeySequence(sequence)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def test_ctrl_plus_minus_and_zero_change_every_widgets_text(active: MainWindow, qtbot) -> None:
    base = point_size()
    details = active.local_offer.details
    key(qtbot, active, "Ctrl+=")  # Ctrl+Plus without Shift
    assert Preferences().text_scale == 110
    assert point_size() == pytest.approx(base * 1.1, abs=0.06)
    # App-wide: every widget follows (Qt posts the change to them).
    qtbot.waitUntil(lambda: details.font().pointSizeF() == pytest.approx(point_size()))
    assert active.statusBar().currentMessage() == "Text size 110%."
    key(qtbot, active, "Ctrl++")
    assert Preferences().text_scale == 125
    # Widgets with a style sheet of their own follow too (Qt skips them by itself).
    for styled in (active.local_offer.demo_banner, active.status_bar.demo_label):
        qtbot.waitUntil(lambda w=styled: w.font().pointSizeF() == pytest.approx(point_size()))
    key(qtbot, active, "Ctrl+-")
    key(qtbot, active, "Ctrl+-")
    key(qtbot, active, "Ctrl+-")
    assert Preferences().text_scale == 90
    assert point_size() == pytest.approx(base * 0.9, abs=0.06)
    key(qtbot, active, "Ctrl+0")
    assert Preferences().text_scale == 100 and point_size() == pytest.approx(base)


def test_text_size_stops_at_the_ends(active: MainWindow) -> None:
    for _ in range(12):
        active.view.step_text_scale(1)
    assert Preferences().text_scale == 200
    for _ in range(12):
        active.view.step_text_scale(-1)
    assert Preferences().text_scale == 80


@pytest.mark.usefixtures("restore_appearance")
def test_the_text_size_is_remembered_for_the_next_start(qtbot, data_dir: Path, qapp) -> None:
    from desktop.config import load_settings
    from desktop.data.livedb import open_live

    base = style.system_font(qapp).pointSizeF()
    Preferences().text_scale = 150
    Preferences().contrast = "high"
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        win = MainWindow(opened.store, settings)
        qtbot.addWidget(win)
        assert point_size() == pytest.approx(base * 1.5, abs=0.06)
        assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("black")
        assert win.menu_actions.high_contrast.isChecked()
        win.close()
    finally:
        opened.store.close()


def test_high_contrast_from_the_menu_and_back_to_the_system(active: MainWindow) -> None:
    system = QApplication.palette().color(QPalette.ColorRole.Window)
    active.menu_actions.high_contrast.trigger()
    assert Preferences().contrast == "high"
    pal = QApplication.palette()
    assert pal.color(QPalette.ColorRole.Window) == QColor("black")
    assert pal.color(QPalette.ColorRole.WindowText) == QColor("white")
    assert style.ring_colours()[0] == style.HIGH_CONTRAST_RING
    active.menu_actions.high_contrast.trigger()
    assert Preferences().contrast == "system"
    assert QApplication.palette().color(QPalette.ColorRole.Window) == system


def test_the_settings_dialog_shows_and_applies_every_choice(active: MainWindow, qtbot) -> None:
    dialog = active.view.open_settings(active)
    qtbot.waitExposed(dialog)
    assert dialog.choices() == Choices(100, "system", False)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(125))
    dialog.high_contrast.setChecked(True)
    dialog.no_phone.setChecked(True)
    dialog.accept()
    prefs = Preferences()
    assert (prefs.text_scale, prefs.contrast, prefs.no_phone_handler) == (125, "high", True)
    assert active.menu_actions.no_phone.isChecked()
    assert QApplication.palette().color(QPalette.ColorRole.Window) == QColor("black")
    again = active.view.open_settings(active)
    assert again.choices() == Choices(125, "high", True)
    again.reject()
    active.menu_actions.no_phone.setChecked(False)


def test_a_cancelled_settings_dialog_changes_nothing(active: MainWindow) -> None:
    dialog = active.view.open_settings(active)
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(200))
    dialog.reject()
    assert Preferences().text_scale == 100


def test_calls_set_by_it_policy_are_shown_locked_in_the_dialog(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caught
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.actions import FallbackDialog
    from tests.qt_helpers import open_main_window

    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nNoPhoneHandler = 1\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    try:
        dialog = win.view.open_settings(win)
        assert dialog.no_phone.isChecked() and not dialog.no_phone.isEnabled()
        assert "IT team" in dialog.no_phone.toolTip()
        dialog.reject()
        # The window was given the policy once: Call on a provider card never reaches a
        # phone app, it shows the number to dial.
        assert win.providers.show_provider("kids-sen-mediation")
        win.providers.card.buttons.call.click()
        assert caught.urls == []
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, FallbackDialog)]
        assert [d.text for d in shown if d.isVisible()] == ["0333 006 2835"]
        for d in shown:
            d.close()
    finally:
        win.close()
        win.store.close()


# -- Help → Keyboard shortcuts ---------------------------------------------------------------------
def test_every_shortcut_in_the_window_is_listed(window: MainWindow) -> None:
    window.build_every_tab()  # as Help → Keyboard shortcuts does first: tabs build when shown
    settings = window.view.open_settings(window)  # an open dialog's own letters are not the window's
    rows = shortcuts(window)
    settings.reject()
    listed = {(r.keys, r.what) for r in rows}
    keys = {r.keys for r in rows}
    native = QKeySequence.SequenceFormat.NativeText
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            assert any(sequence.toString(native) in r.keys for r in rows), action.text()
    for shortcut in window.findChildren(QShortcut):
        assert shortcut.whatsThis(), f"{shortcut.key().toString()} has no description"
        assert (shortcut.key().toString(native), shortcut.whatsThis()) in listed
    for expected in ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+F", "Ctrl+D", "Ctrl+Q", "Ctrl+0", "F1"):
        assert any(expected in k for k in keys), expected
    by_what = {r.what: r for r in rows}
    assert by_what["the Route finder tab"].keys == "Alt+R"
    assert by_what["the Route finder tab"].group == "Disagreement guidance"
    assert by_what["Who is the disagreement with?"].group == "Disagreement guidance — Route finder"
    assert by_what["Add the service shown to the family's shortlist"].group == "Local Offer"
    assert by_what["File → Quit"].group == EVERYWHERE
    assert "Text size" not in by_what  # the Settings dialog's Alt+T
    assert [r.keys for r in rows].count("Alt+H") == 1  # Help menu only
    assert rows[0].group == EVERYWHERE


def test_f1_opens_the_list(window: MainWindow, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tabs.setFocus()
    key(qtbot, window, "F1")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None, timeout=2000)
    dialog = QApplication.activeModalWidget()
    assert dialog.windowTitle() == "Keyboard shortcuts"
    text = dialog.text.toPlainText()
    assert "Ctrl+D" in text and "Alt+R" in text and "Go to the Local Offer tab" in text
    dialog.reject()
    assert open_shortcuts(window).rows == shortcuts(window)
