"""The File menu's Refresh Local Offer… and Restore previous data.

Kept apart from the dialog so that start-up, which only builds the menu, does not load
the refresh machinery (sqlite-utils, urllib, ssl: ~65 ms); it loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop.ui import plain

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.refresh_dialog import RefreshDialog

MANAGED = "Refreshing is managed by your organisation."


def add_refresh_actions(window: MainWindow, menu: QMenu) -> tuple[QAction, QAction]:
    """File → Refresh Local Offer… and File → Restore previous data, honouring the policy."""
    refresh_action = QAction("&Refresh Local Offer…", window)
    restore_action = QAction("Restore &previous data", window)
    refresh_action.triggered.connect(lambda: open_refresh_dialog(window))
    restore_action.triggered.connect(lambda: restore_previous(window))
    disabled = window.settings.policy.refresh_disabled or window.store.read_only
    for action in (refresh_action, restore_action):
        menu.addAction(action)
        action.setEnabled(not disabled)
        if window.settings.policy.refresh_disabled:
            action.setText(action.text().rstrip("…") + " (managed by your organisation)")
            action.setStatusTip(MANAGED)
            action.setToolTip(MANAGED)
    menu.addSeparator()
    return refresh_action, restore_action


def open_refresh_dialog(window: MainWindow) -> RefreshDialog:
    from desktop.ui.refresh_dialog import RefreshDialog

    dialog = RefreshDialog(window.store.path, window.settings.policy, window.replace_data, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def restore_previous(window: MainWindow) -> bool:
    from desktop.data.feeds import refresh

    live = window.store.path
    if not refresh.has_previous(live):
        QMessageBox.information(
            window, "Restore previous data", "There is no previous data to go back to."
        )
        return False
    answer = QMessageBox.question(
        window,
        "Restore previous data",
        "Go back to the data you had before the last refresh? You can switch back the same way.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        window.replace_data(lambda: refresh.restore_previous(live))
    except refresh.RefreshError as exc:
        plain.warn(window, "Restore previous data", str(exc))  # may name a file (review F4)
        return False
    return True
