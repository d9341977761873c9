"""File → Restore previous data, when there is more than one copy to choose from.

Lists ``.bak`` (the data from before the last change) and every set-aside copy, newest
first, each with what it holds; a copy that cannot be used is listed, greyed, with why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.data.feeds.kept import KeptInfo

NAME_ROLE = Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    def __init__(self, copies: list[KeptInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore previous data")
        self.setAccessibleName("Restore previous data: choose a copy")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "&Choose the data to go back to. The data you have now is kept as the previous "
            "data, so you can switch back the same way.",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Copies that can be restored")
        self.list.setWordWrap(True)
        intro.setBuddy(self.list)
        for copy in copies:
            item = QListWidgetItem(f"{copy.label()} [{copy.name}]")
            item.setData(NAME_ROLE, copy.name)
            item.setToolTip(copy.summary)
            if not copy.usable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_: self._update())
        first = next(
            (i for i in range(self.list.count()) if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled),
            None,
        )
        if first is not None:
            self.list.setCurrentRow(first)
        self._update()
        self.resize(640, 320)

    def _update(self) -> None:
        item = self.list.currentItem()
        usable = item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
        self.restore_button.setEnabled(usable)

    def chosen(self) -> str | None:
        """The name of the copy chosen (``send-desk.sqlite.corrupt-1``…), or None."""
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return str(item.data(NAME_ROLE))
