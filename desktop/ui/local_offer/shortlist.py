"""The shortlist panel: services chosen for the family; print, save as PDF, copy, export CSV.

Saves start in the last folder used (Documents at first) with a dated name, and every
save, copy, export or print says so through ``status_message`` (the window shows it in
the status bar).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data import shortlist as sl
from desktop.data.detail_records import ServiceDetail
from desktop.ui import actions
from desktop.ui.models import RowListModel
from desktop.ui.save_dialog import ask_save_path, remember_folder, saved_message
from desktop.ui.widgets import FlowLayout, list_view, shortcut

log = logging.getLogger(__name__)


class ShortlistModel(RowListModel[ServiceDetail]):
    def display(self, row: ServiceDetail) -> str:
        return f"{row.name}\n{row.organisation}" if row.organisation else row.name


PAGE_TITLE = "Services to contact"


def page_document(
    services: list[ServiceDetail], demo: bool, distances: dict[str, str] | None = None
) -> QTextDocument:
    """The family's pages as they print (``desktop.ui.printing``): on one page when the
    text still reads at 8 pt or more, else over more pages at the normal size."""
    from desktop.ui import printing  # loads QtPrintSupport: only when a page is made

    html = sl.to_html(services, demo=demo, distances=distances)
    return printing.fitted_document(html, PAGE_TITLE, 1)


def write_pdf(
    path: str | Path,
    services: list[ServiceDetail],
    demo: bool,
    distances: dict[str, str] | None = None,
) -> None:
    """Save the family's page as an A4 PDF, as the handout is saved. OSError if not."""
    from desktop.ui import printing

    html = sl.to_html(services, demo=demo, distances=distances)
    printing.write_pdf(html, Path(path), PAGE_TITLE, fit_pages=1)


class ShortlistPanel(QWidget):
    """Shows the shortlist; every action works from the keyboard (Delete removes)."""

    changed = Signal()
    service_activated = Signal(str)
    status_message = Signal(str)  # one sentence after a save, copy, export or print

    def __init__(self, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Shortlist for the family")
        self.demo = demo
        self.shortlist = sl.Shortlist()
        self.heading = QLabel(self)
        self.heading.setAccessibleName("Shortlist")
        self.heading.setWordWrap(True)  # empty, the panel is a narrow bar with this text
        self.model = ShortlistModel(parent=self)
        self.view = list_view("Shortlisted services", self)
        self.view.setModel(self.model)
        self.view.activated.connect(self._activated)
        shortcut(
            QKeySequence.StandardKey.Delete,
            self.view,
            self.remove_current,
            "Take the selected service off the shortlist (in the shortlist)",
            Qt.ShortcutContext.WidgetShortcut,
        )

        def button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.setAccessibleDescription(tip)
            b.clicked.connect(slot)
            return b

        self.remove_button = button(
            "Re&move", "Take the selected service off the shortlist (Delete)", self.remove_current
        )
        self.copy_button = button(
            "Copy as text", "Copy the shortlist as text, to paste into an e-mail", self.copy
        )
        self.print_button = button("Pr&int…", "Print one page for the family", self.print_dialog)
        self.pdf_button = button(
            "Sa&ve as PDF…", "Save the family's page as a PDF file", self.save_pdf_dialog
        )
        self.csv_button = button(
            "E&xport CSV…", "Save the shortlist as a spreadsheet (CSV) file", self.save_csv_dialog
        )
        # The buttons wrap onto more lines rather than set a minimum width for the pane.
        self.buttons = QWidget(self)
        flow = FlowLayout(self.buttons)
        for b in self._buttons():
            flow.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self._refresh()

    # -- contents --------------------------------------------------------------------------
    def add(self, service: ServiceDetail, distance: str = "") -> bool:
        added = self.shortlist.add(service, distance)
        self._refresh()
        return added

    def remove(self, service_id: str) -> bool:
        removed = self.shortlist.remove(service_id)
        self._refresh()
        return removed

    def remove_current(self) -> None:
        row = self.model.row_object(self.view.currentIndex().row())
        if row is not None:
            at = self.view.currentIndex().row()
            self.remove(row.id)
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(min(at, self.model.rowCount() - 1)))

    def services(self) -> list[ServiceDetail]:
        return self.shortlist.items()

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.remove_button,
            self.copy_button,
            self.print_button,
            self.pdf_button,
            self.csv_button,
        )

    def _refresh(self) -> None:
        self.model.set_rows(self.shortlist.items())
        n = len(self.shortlist)
        self.heading.setText(
            f"<b>Shortlist</b> ({n} service{'s' if n != 1 else ''})"
            if n
            else "<b>Shortlist</b>: empty. Press Ctrl+D on a service to add it."
        )
        self.heading.setAccessibleName(self.heading.text().replace("<b>", "").replace("</b>", ""))
        for b in self._buttons():
            b.setEnabled(n > 0)
        # Empty, it is only the heading: a narrow bar, and no Tab stop on an empty list.
        self.view.setVisible(n > 0)
        self.buttons.setVisible(n > 0)
        self.changed.emit()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_object(self.view.currentIndex().row())
        if row is not None:
            self.service_activated.emit(row.id)

    # -- output ------------------------------------------------------------------------------
    def text(self) -> str:
        return sl.to_text(self.services(), demo=self.demo, distances=self.shortlist.distances())

    def copy(self) -> None:
        actions.copy_text(self.text())
        n = len(self.shortlist)
        self.status_message.emit(
            f"Copied the shortlist ({n} service{'s' if n != 1 else ''}) as text: "
            "paste it into an e-mail."
        )

    def save_csv(self, path: str | Path) -> None:
        text = sl.to_csv(self.services(), demo=self.demo, distances=self.shortlist.distances())
        Path(path).write_text(text, encoding="utf-8-sig", newline="")

    def save_pdf(self, path: str | Path) -> None:
        write_pdf(path, self.services(), self.demo, self.shortlist.distances())

    def save_csv_dialog(self) -> Path | None:
        path = ask_save_path(self, "Export shortlist as CSV", "shortlist", ".csv", "CSV files (*.csv)")
        return self._write(self.save_csv, path, "the shortlist spreadsheet") if path else None

    def save_pdf_dialog(self) -> Path | None:
        path = ask_save_path(self, "Save shortlist as PDF", "shortlist", ".pdf", "PDF files (*.pdf)")
        return self._write(self.save_pdf, path, "the shortlist") if path else None

    def _write(
        self, save: Callable[[Path], None], path: str | Path, what: str = "the shortlist"
    ) -> Path | None:
        path = Path(path)
        try:
            save(path)
        except OSError as exc:
            log.warning("could not save shortlist to %s: %s", path, exc)
            QMessageBox.warning(
                self,
                "Shortlist not saved",
                f"The shortlist could not be saved to {path} ({exc.strerror or exc}). "
                "Choose another folder, for example Documents; the shortlist is still here.",
            )
            return None
        remember_folder(path)
        self.status_message.emit(saved_message(what, path))
        return path

    def print_dialog(self) -> None:
        from desktop.ui import printing

        html = sl.to_html(self.services(), demo=self.demo, distances=self.shortlist.distances())
        if printing.print_dialog(
            html, PAGE_TITLE, self, fit_pages=1, dialog_title="Print the shortlist"
        ):
            self.status_message.emit("Sent the shortlist to the printer.")
