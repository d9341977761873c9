"""Provider directory tab: a list filtered by text and kind, and a card with the actions.

The File menu's Import and Remove actions change the lists on disk (``provider_actions``);
the tab follows the directory they reload.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Settings
from desktop.data.directory import ProviderDirectory
from desktop.data.records import KINDS, Provider
from desktop.data.store import Store
from desktop.ui import plain
from desktop.ui.models import ROW_ROLE, ProviderModel
from desktop.ui.provider_card import ProviderCard, provider_html, provider_text
from desktop.ui.widgets import list_view, search_box

__all__ = ["ProvidersTab", "provider_html", "provider_text"]


def matches(p: Provider, words: list[str], kind: str) -> bool:
    if kind and p.kind != kind:
        return False
    text = provider_text(p).lower()
    return all(w in text for w in words)


class ProvidersTab(QWidget):
    status_message = Signal(str)  # a confirmation for the status bar (copy, call, e-mail)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        directory: ProviderDirectory | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Providers")
        self._data_dir: Path | None = settings.data_dir if settings else None
        # The one merged list (code review §c.1): shown here, merged in the data layer.
        self.directory = directory or ProviderDirectory(
            store.providers(),
            data_dir=self._data_dir,
            policy_file=settings.policy.providers_file if settings else "",
        )
        self._all: list[Provider] = list(self.directory.providers)
        self.problems: list[str] = []

        self.search = search_box("Filter providers (Ctrl+F)", "Filter providers", self)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of provider")
        kind_label = QLabel("&Kind:", self)
        kind_label.setBuddy(self.kind)
        self.model = ProviderModel(self._all, self)
        self.list = list_view("Providers", self)
        self.list.setModel(self.model)
        self.card = ProviderCard(self)
        self.card.buttons.message.connect(self.status_message)
        buttons = self.card.buttons
        self.call, self.email, self.website, self.copy = (
            buttons.call,
            buttons.email,
            buttons.website,
            buttons.copy,
        )
        self.notice = plain.label(QLabel(self))
        self.notice.setObjectName("providersNotice")
        self.notice.setWordWrap(True)
        self.notice_details = QPushButton("Sh&ow what was skipped", self)
        self.notice_details.clicked.connect(self.show_problems)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        kind_row = QHBoxLayout()
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.kind, 1)
        column.addLayout(kind_row)
        column.addWidget(self.list)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([360, 720])
        outer = QVBoxLayout(self)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notice_details)
        outer.addLayout(notice_row)
        outer.addWidget(splitter, 1)

        self.list.selectionModel().currentChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.search.textChanged.connect(self._filter)
        self.kind.currentIndexChanged.connect(self._filter)
        self.directory.subscribe(self._show_directory)
        self.destroyed.connect(lambda *_: self.directory.unsubscribe(self._show_directory))
        self._show_directory()

    # -- data ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the imported and organisation lists again (every tab sees the new list)."""
        self.directory.reload()

    def _show_directory(self) -> None:
        self._all, self.problems = list(self.directory.providers), list(self.directory.problems)
        current = self.kind.currentData() or ""
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("All kinds", "")
        for key, label in KINDS.items():
            if any(p.kind == key for p in self._all):
                self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.kind.blockSignals(False)
        n = len(self.problems)
        self.notice.setText(
            f"{n} problem{'s' * (n != 1)} with your organisation's providers lists: "
            "the entries affected are not shown."
            if n
            else ""
        )
        self.notice.setAccessibleName(self.notice.text() or "No problems with provider lists")
        self.notice.setVisible(bool(n))
        self.notice_details.setVisible(bool(n))
        self._filter()

    def providers(self) -> list[Provider]:
        return list(self._all)

    # -- navigation ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current(self) -> Provider | None:
        return self.list.currentIndex().data(ROW_ROLE)

    def _filter(self, *_: object) -> None:
        words = self.search.text().lower().split()
        kind = self.kind.currentData() or ""
        rows = [p for p in self._all if matches(p, words, kind)]
        keep = self.current()
        self.model.set_rows(rows)
        row = self.model.find(lambda p: keep is not None and p.id == keep.id)
        if rows:
            self.list.setCurrentIndex(self.model.index(max(row, 0)))
        else:
            self._show(-1)

    def show_provider(self, provider_id: str) -> bool:
        if self.model.find(lambda p: p.id == provider_id) < 0:
            self.search.clear()
            self.kind.setCurrentIndex(0)
        row = self.model.find(lambda p: p.id == provider_id)
        if row < 0:
            return False
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def _show(self, row: int) -> None:
        self.card.show_provider(self.model.row_object(row))

    # -- organisation lists --------------------------------------------------------------------------
    def show_problems(self) -> QMessageBox:
        """The skipped entries, as plain text: an entry's id can hold markup (review F4)."""
        box = plain.box(
            self,
            QMessageBox.Icon.Information,
            "Providers lists: what was skipped",
            "These entries were skipped. Ask whoever keeps the list to fix them:",
            informative="\n".join(self.problems[:5]) + ("\n…" if len(self.problems) > 5 else ""),
            detailed="\n".join(self.problems),
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
