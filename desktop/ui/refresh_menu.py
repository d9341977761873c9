"""The File menu's Refresh Local Offer… and Restore previous data.

Kept apart from the dialog so that start-up, which only builds the menu, does not load
the refresh machinery (sqlite-utils, urllib, ssl: ~65 ms); it loads on first use. The
actions get what they use: the window (only as the dialogs' parent), the data session
(the Store's path, and ``replace`` to swap the file with the Store closed) and the policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.config import REFRESH_MANAGED as MANAGED  # the CLI's words too
from desktop.config import Policy
from desktop.ui.data_session import DataSession

if TYPE_CHECKING:
    from desktop.data.feeds.kept import KeptInfo
    from desktop.ui.refresh_dialog import RefreshDialog


def add_refresh_actions(
    window: QWidget, menu: QMenu, session: DataSession, policy: Policy
) -> tuple[QAction, QAction]:
    """File → Refresh Local Offer… and File → Restore previous data, honouring the policy.

    *Restore previous data* is enabled only when there is something to restore; its state
    is brought up to date each time the File menu opens.
    """
    refresh_action = QAction("&Refresh Local Offer…", window)
    restore_action = QAction("Restore &previous data…", window)
    restore_action.setStatusTip("Go back to the data from before the last change, or a kept copy")
    refresh_action.triggered.connect(lambda: open_refresh_dialog(window, session, policy))
    restore_action.triggered.connect(lambda: restore_previous(window, session))
    disabled = policy.refresh_disabled or session.store.read_only
    for action in (refresh_action, restore_action):
        menu.addAction(action)
        action.setEnabled(not disabled)
        if policy.refresh_disabled:
            action.setText(action.text().rstrip("…") + " (managed by your organisation)")
            action.setStatusTip(MANAGED)
            action.setToolTip(MANAGED)
    update_restore_action(session, policy, restore_action)
    menu.aboutToShow.connect(lambda: update_restore_action(session, policy, restore_action))
    menu.addSeparator()
    return refresh_action, restore_action


def update_restore_action(session: DataSession, policy: Policy, action: QAction) -> None:
    """Enabled only when a copy to go back to exists (and policy and the data allow it)."""
    from desktop.data import livefiles

    allowed = not (policy.refresh_disabled or session.store.read_only)
    action.setEnabled(allowed and bool(livefiles.kept_copies(session.store.path)))


def open_refresh_dialog(window: QWidget, session: DataSession, policy: Policy) -> RefreshDialog:
    from desktop.ui.refresh_dialog import RefreshDialog

    dialog = RefreshDialog(session.store.path, policy, session.replace, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def restore_previous(window: QWidget, session: DataSession) -> bool:
    from PySide6.QtWidgets import QMessageBox  # its class and enums load when first asked

    from desktop.data.feeds import kept, refresh

    live = session.store.path
    copies = kept.list_kept(live)
    if not copies:
        QMessageBox.information(
            window, "Restore previous data", "There is no previous data to go back to."
        )
        return False
    go, name = _choose(window, copies)
    if not go:
        return False
    try:
        session.replace(lambda: refresh.restore_previous(live, name))
    except refresh.RefreshError as exc:
        from desktop.ui import plain

        plain.warn(window, "Restore previous data", str(exc))  # may name a file (review F4)
        return False
    return True


def _choose(window: QWidget, copies: list[KeptInfo]) -> tuple[bool, str | None]:
    """(go ahead?, the kept copy's name, or None for ``.bak``)."""
    from PySide6.QtWidgets import QMessageBox

    if len(copies) == 1 and copies[0].reason == "bak" and copies[0].usable:
        answer = QMessageBox.question(
            window,
            "Restore previous data",
            "Go back to the data you had before the last refresh? You can switch back the "
            "same way.",
        )
        return answer == QMessageBox.StandardButton.Yes, None
    from desktop.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(copies, window)
    accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
    return accepted and dialog.chosen() is not None, dialog.chosen()
