"""The main window's menus: File, Settings and Help, with their shortcuts.

Every keyboard shortcut on a menu is set here, and Help → Keyboard shortcuts reads them
back from the actions (``shortcuts_dialog``), so the list cannot drift from the keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from desktop.config import Preferences
from desktop.ui import actions

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot: object, *keys: QKeySequence | str) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    return action


def build_menus(window: MainWindow) -> None:
    """File, Settings and Help; the actions other code needs are set on ``window``."""
    from desktop.ui.refresh_menu import add_refresh_actions

    bar = window.menuBar()
    file_menu = window.file_menu = bar.addMenu("&File")
    window.refresh_action, window.restore_action = add_refresh_actions(window, file_menu)
    file_menu.addAction(window.providers.import_action)
    file_menu.addAction(window.providers.remove_action)
    file_menu.addSeparator()
    # Ctrl+Q asks first when the shortlist would be lost (MainWindow.request_quit). Spelt
    # out: the standard Quit key is empty on Windows and offscreen, so Ctrl+Q did nothing.
    window.quit_action = _action(
        window, "&Quit", window.request_quit, "Ctrl+Q"
    )
    file_menu.addAction(window.quit_action)

    settings_menu = bar.addMenu("&Settings")
    window.no_phone_action = actions.no_phone_action(window)
    settings_menu.addAction(window.no_phone_action)
    settings_menu.addSeparator()
    # Ctrl+= as well as Ctrl++: on UK and US keyboards "+" needs Shift.
    window.larger_text_action = _action(
        window, "&Larger text", lambda: window.step_text_scale(1), "Ctrl++", "Ctrl+="
    )
    window.smaller_text_action = _action(
        window, "S&maller text", lambda: window.step_text_scale(-1), "Ctrl+-"
    )
    window.normal_text_action = _action(
        window, "&Normal text size", lambda: window.set_text_scale(100), "Ctrl+0"
    )
    window.high_contrast_action = QAction("&High-contrast colours", window)
    window.high_contrast_action.setCheckable(True)
    window.high_contrast_action.setChecked(Preferences().contrast == "high")
    window.high_contrast_action.triggered.connect(
        lambda on: window.set_contrast("high" if on else "system")
    )
    window.settings_action = _action(window, "&All settings…", window.open_settings)
    for action in (
        window.larger_text_action,
        window.smaller_text_action,
        window.normal_text_action,
        window.high_contrast_action,
    ):
        settings_menu.addAction(action)
    settings_menu.addSeparator()
    settings_menu.addAction(window.settings_action)

    help_menu = bar.addMenu("&Help")
    window.shortcuts_action = _action(window, "&Keyboard shortcuts", lambda: _shortcuts(window), "F1")
    window.about_action = _action(window, "&About SEND Adviser Desk", window.show_about)
    help_menu.addAction(window.shortcuts_action)
    help_menu.addAction(window.about_action)


def _shortcuts(window: MainWindow) -> None:
    from desktop.ui.shortcuts_dialog import open_shortcuts  # loaded when first used

    open_shortcuts(window)
