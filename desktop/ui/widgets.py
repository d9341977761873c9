"""Small shared widget helpers (search boxes, list views) so every tab looks and behaves alike."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget


def search_box(placeholder: str, name: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(name)
    box.setObjectName("search")
    return box


def list_view(name: str, parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setAccessibleName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSpacing(2)
    return view
