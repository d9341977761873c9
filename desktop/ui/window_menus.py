"""The main window's menus: File, Settings and Help, with their shortcuts.

Every keyboard shortcut on a menu is set here, and Help → Keyboard shortcuts reads them
back from the actions (``shortcuts_dialog``), so the list cannot drift from the keys.
The menus get what their actions use, never the whole window: the data session, the
settings (policy, data folder), the view settings, and the window's quit and shortcuts
list as callables; the window itself is only the menu bar's owner and the dialogs' parent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.config import Settings
from desktop.preferences import Preferences
from desktop.ui.data_session import DataSession
from desktop.ui.provider_actions import ProviderActions
from desktop.ui.view_settings import ViewSettings


@dataclass
class WindowActions:
    """The menus' actions other code (and the tests) reach for."""

    file_menu: QMenu
    refresh: QAction
    restore: QAction
    providers: ProviderActions
    quit: QAction
    no_phone: QAction
    larger_text: QAction
    smaller_text: QAction
    normal_text: QAction
    high_contrast: QAction
    settings: QAction
    shortcuts: QAction
    about: QAction


def _action(
    window: QMainWindow, text: str, slot: Callable[[], object], *keys: QKeySequence | str
) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    return action


def build_menus(
    window: QMainWindow,
    *,
    session: DataSession,
    settings: Settings,
    view: ViewSettings,
    quit: Callable[[], object],
    shortcuts: Callable[[], object],
) -> WindowActions:
    """File, Settings and Help on ``window``'s menu bar."""
    from desktop.ui.refresh_menu import add_refresh_actions

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    refresh, restore = add_refresh_actions(window, file_menu, session, settings.policy)
    providers = ProviderActions(window, session, settings.data_dir)
    file_menu.addAction(providers.import_action)
    file_menu.addAction(providers.remove_action)
    file_menu.aboutToShow.connect(providers.update)
    file_menu.addSeparator()
    # Ctrl+Q asks first when the shortlist would be lost (MainWindow.request_quit). Spelt
    # out: the standard Quit key is empty on Windows and offscreen, so Ctrl+Q did nothing.
    quit_action = _action(window, "&Quit", quit, "Ctrl+Q")
    file_menu.addAction(quit_action)

    settings_menu = bar.addMenu("&Settings")
    no_phone = view.no_phone
    settings_menu.addAction(no_phone)
    settings_menu.addSeparator()
    # Ctrl+= as well as Ctrl++: on UK and US keyboards "+" needs Shift.
    larger = _action(window, "&Larger text", lambda: view.step_text_scale(1), "Ctrl++", "Ctrl+=")
    smaller = _action(window, "S&maller text", lambda: view.step_text_scale(-1), "Ctrl+-")
    normal = _action(window, "&Normal text size", lambda: view.set_text_scale(100), "Ctrl+0")
    high_contrast = QAction("&High-contrast colours", window)
    high_contrast.setCheckable(True)
    high_contrast.setChecked(Preferences().contrast == "high")
    high_contrast.triggered.connect(lambda on: view.set_contrast("high" if on else "system"))
    view.contrast_changed.connect(lambda contrast: high_contrast.setChecked(contrast == "high"))
    all_settings = _action(window, "&All settings…", lambda: view.open_settings(window))
    for action in (larger, smaller, normal, high_contrast):
        settings_menu.addAction(action)
    settings_menu.addSeparator()
    settings_menu.addAction(all_settings)

    help_menu = bar.addMenu("&Help")
    shortcuts_action = _action(window, "&Keyboard shortcuts", shortcuts, "F1")
    about = _action(
        window, "&About SEND Adviser Desk", lambda: _about(window, session, settings)
    )
    help_menu.addAction(shortcuts_action)
    help_menu.addAction(about)
    return WindowActions(
        file_menu, refresh, restore, providers, quit_action, no_phone, larger, smaller,
        normal, high_contrast, all_settings, shortcuts_action, about,
    )  # fmt: skip


def _about(window: QMainWindow, session: DataSession, settings: Settings) -> None:
    from desktop.ui.about import show_about  # loaded when first used

    show_about(window, session.store, settings.policy)
