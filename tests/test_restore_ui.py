"""File → Restore previous data: greyed out with nothing to restore; lists set-aside copies
(issue 13 item 8, review F2: data set aside earlier can be brought back from the app)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.data import livefiles
from desktop.data.feeds import kept, refresh
from desktop.data.feeds.sources import Source
from desktop.ui.main_window import MainWindow
from desktop.ui.refresh_menu import restore_previous
from desktop.ui.restore_dialog import RestoreDialog
from tests.attack_helpers import DB_NAME, digest


def refresh_to(window: MainWindow, tmp_path: Path, n: int) -> None:
    path = tmp_path / f"feed{n}.json"
    path.write_text(json.dumps([{"id": f"r{i}", "name": f"Refreshed {i}"} for i in range(n)]))
    window.replace_data(lambda: refresh.refresh(window.store.path, Source(str(path))))


def test_restore_is_disabled_until_there_is_something_to_restore(
    window: MainWindow, tmp_path: Path
) -> None:
    assert not window.menu_actions.restore.isEnabled()
    refresh_to(window, tmp_path, 7)
    window.menu_actions.file_menu.aboutToShow.emit()
    assert window.menu_actions.restore.isEnabled()


def test_the_list_offers_set_aside_copies_and_restores_the_chosen_one(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = window.store.path
    refresh_to(window, tmp_path, 7)  # .bak = demo
    aside = livefiles.sibling(live, ".corrupt-1")
    shutil.copyfile(live, aside)  # 7 services, as if set aside earlier
    refresh_to(window, tmp_path, 4)
    livefiles.sibling(live, ".old-1").write_text("unusable")
    wanted = digest(aside)
    shown: list[RestoreDialog] = []

    def choose(dialog: RestoreDialog) -> int:
        shown.append(dialog)
        names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
        assert names[0] == f"{DB_NAME}.bak" and set(names[1:]) == {aside.name, f"{DB_NAME}.old-1"}
        unusable = dialog.list.item(names.index(f"{DB_NAME}.old-1"))
        assert not unusable.flags() & Qt.ItemFlag.ItemIsEnabled
        assert "cannot be used: it is not a database" in unusable.text()
        dialog.list.setCurrentRow(names.index(aside.name))
        assert dialog.restore_button.isEnabled()
        return RestoreDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", choose)
    assert restore_previous(window, window.session)
    assert shown and window.local_offer.model.total == 7
    assert digest(live) == wanted
    assert {c.name for c in kept.list_kept(live)} >= {f"{DB_NAME}.bak", f"{DB_NAME}.bak-1"}


def test_cancelling_the_list_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = window.store.path
    refresh_to(window, tmp_path, 7)
    livefiles.sibling(live, ".corrupt-1").write_bytes(livefiles.bak_path(live).read_bytes())
    before = digest(live)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: RestoreDialog.DialogCode.Rejected)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("no question"))
    assert not restore_previous(window, window.session)
    assert digest(live) == before


def test_the_dialog_is_keyboard_usable_and_named(qtbot, tmp_path: Path) -> None:
    copies = [
        kept.KeptInfo(tmp_path / "a.bak", "bak", True, "3 services", 0.0),
        kept.KeptInfo(tmp_path / "a.old-1", "old", False, "cannot be used: it is empty", 0.0),
    ]
    dialog = RestoreDialog(copies)
    qtbot.addWidget(dialog)
    assert dialog.list.accessibleName() == "Copies that can be restored"
    assert dialog.chosen() == "a.bak" and dialog.restore_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert dialog.chosen() is None and not dialog.restore_button.isEnabled()
