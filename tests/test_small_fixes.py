"""Small fixes others found (issue 15's harness list), each driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from desktop.data.store import Store
from desktop.preferences import Preferences
from desktop.ui import provider_import
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.save_dialog import documents_folder


def test_clicking_into_the_area_box_and_typing_replaces_all_areas(qtbot, store: Store) -> None:
    tab = LocalOfferTab(store)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitActive(tab)
    edit = tab.filters.area.lineEdit()
    assert edit.text() == "All areas"
    tab.search.setFocus()
    qtbot.waitUntil(tab.search.hasFocus)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 5, 5))
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "bv3 1aa")
    assert edit.text() == "bv3 1aa"
    # A second click places the cursor as usual: the text is not selected again.
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not edit.hasSelectedText()


@pytest.fixture
def opened_in(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder each open dialog starts in (the dialog itself answers Cancel)."""
    folders: list[str] = []

    def get_open(parent: QWidget, title: str, folder: str = "", *rest: object):
        folders.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    return folders


def test_the_provider_import_starts_in_documents_then_the_last_folder(
    qtbot, tmp_path: Path, opened_in: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    QVBoxLayout(parent)
    Preferences().save_folder = ""
    assert provider_import.choose_and_import(parent, tmp_path / "data") is False
    Preferences().save_folder = str(tmp_path)
    provider_import.choose_and_import(parent, tmp_path / "data")
    assert opened_in == [str(documents_folder()), str(tmp_path)]
