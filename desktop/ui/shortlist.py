"""The shortlist panel: services chosen for the family; print, save as PDF, copy, export CSV."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPdfWriter, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data import shortlist as sl
from desktop.data.records import ServiceDetail
from desktop.ui import actions
from desktop.ui.models import RowListModel
from desktop.ui.widgets import list_view

log = logging.getLogger(__name__)


class ShortlistModel(RowListModel[ServiceDetail]):
    def display(self, row: ServiceDetail) -> str:
        return f"{row.name}\n{row.organisation}" if row.organisation else row.name


def page_document(
    services: list[ServiceDetail], demo: bool, distances: dict[str, str] | None = None
) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(sl.to_html(services, demo=demo, distances=distances))
    return doc


def write_pdf(
    path: str | Path,
    services: list[ServiceDetail],
    demo: bool,
    distances: dict[str, str] | None = None,
) -> None:
    """Save the family's page as an A4 PDF (QPdfWriter: no printer needed). OSError if not."""
    Path(path).open("wb").close()  # QPdfWriter fails silently: find out first, with a reason
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setTitle("Services to contact")
    writer.setCreator("SEND Adviser Desk")
    page_document(services, demo, distances).print_(writer)
    del writer  # the file is complete once the writer is gone
    if Path(path).stat().st_size == 0:
        raise OSError(f"nothing was written to {path}")


class ShortlistPanel(QWidget):
    """Shows the shortlist; every action works from the keyboard (Delete removes)."""

    changed = Signal()
    service_activated = Signal(str)

    def __init__(self, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Shortlist for the family")
        self.demo = demo
        self.shortlist = sl.Shortlist()
        self.heading = QLabel(self)
        self.heading.setAccessibleName("Shortlist")
        self.model = ShortlistModel(parent=self)
        self.view = list_view("Shortlisted services", self)
        self.view.setModel(self.model)
        self.view.activated.connect(self._activated)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.view,
            self.remove_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        def button(text: str, tip: str, slot: object) -> QPushButton:
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.setAccessibleDescription(tip)
            b.clicked.connect(slot)
            return b

        self.remove_button = button(
            "Re&move", "Take the selected service off the shortlist (Delete)", self.remove_current
        )
        self.print_button = button("Pr&int…", "Print one page for the family", self.print_dialog)
        self.pdf_button = button(
            "Sa&ve as PDF…", "Save the family's page as a PDF file", self.save_pdf_dialog
        )
        self.copy_button = button(
            "Copy as text", "Copy the shortlist as text, to paste into an e-mail", self.copy
        )
        self.csv_button = button(
            "E&xport CSV…", "Save the shortlist as a spreadsheet (CSV) file", self.save_csv_dialog
        )
        grid = QGridLayout()
        for n, b in enumerate(
            (self.remove_button, self.copy_button, self.print_button, self.pdf_button)
        ):
            grid.addWidget(b, n // 2, n % 2)
        grid.addWidget(self.csv_button, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(grid)
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

    def _refresh(self) -> None:
        self.model.set_rows(self.shortlist.items())
        n = len(self.shortlist)
        self.heading.setText(
            f"<b>Shortlist</b> ({n} service{'s' if n != 1 else ''})"
            if n
            else "<b>Shortlist</b>: empty. Press Ctrl+D on a service to add it."
        )
        self.heading.setAccessibleName(self.heading.text().replace("<b>", "").replace("</b>", ""))
        for b in (
            self.remove_button,
            self.print_button,
            self.pdf_button,
            self.copy_button,
            self.csv_button,
        ):
            b.setEnabled(n > 0)
        self.changed.emit()

    def _activated(self, index: object) -> None:
        row = self.model.row_object(self.view.currentIndex().row())
        if row is not None:
            self.service_activated.emit(row.id)

    # -- output ------------------------------------------------------------------------------
    def text(self) -> str:
        return sl.to_text(self.services(), demo=self.demo, distances=self.shortlist.distances())

    def copy(self) -> None:
        actions.copy_text(self.text())

    def save_csv(self, path: str | Path) -> None:
        text = sl.to_csv(self.services(), self.shortlist.distances())
        Path(path).write_text(text, encoding="utf-8-sig", newline="")

    def save_pdf(self, path: str | Path) -> None:
        write_pdf(path, self.services(), self.demo, self.shortlist.distances())

    def _ask_path(self, title: str, suggested: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, kind)
        return path

    def save_csv_dialog(self) -> None:
        path = self._ask_path("Export shortlist as CSV", "shortlist.csv", "CSV files (*.csv)")
        if path:
            self._write(self.save_csv, path)

    def save_pdf_dialog(self) -> None:
        path = self._ask_path("Save shortlist as PDF", "shortlist.pdf", "PDF files (*.pdf)")
        if path:
            self._write(self.save_pdf, path)

    def _write(self, save: object, path: str) -> None:
        try:
            save(path)  # type: ignore[operator]
        except OSError as exc:
            log.warning("could not save shortlist to %s: %s", path, exc)
            QMessageBox.warning(
                self,
                "Shortlist not saved",
                f"The shortlist could not be saved to {path} ({exc.strerror or exc}). "
                "Choose another folder, for example Documents; the shortlist is still here.",
            )

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the shortlist")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            page_document(self.services(), self.demo, self.shortlist.distances()).print_(printer)
