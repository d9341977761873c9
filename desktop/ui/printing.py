"""Print or save as PDF any HTML page the app makes for a family (handouts, shortlists).

Generic on purpose: give it HTML and a title. Pages are A4 with 12 mm margins; the text is
laid out by ``QTextDocument``, so what prints is what the HTML says, and a long word (a
web address) breaks anywhere rather than run off the page. The handout and the
shortlist both print and save through here, with the same page set-up. Nothing is
stored: the page exists only in the PDF file or on the printer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)

MARGIN_MM = 12.0
BASE_POINT_SIZE = 10.5
SMALLEST_POINT_SIZE = 8.0


def _layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def make_document(html: str, title: str, point_size: float = BASE_POINT_SIZE) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    option = doc.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    return doc


def page_count(html: str, title: str = "", point_size: float = BASE_POINT_SIZE) -> int:
    """How many A4 pages the HTML fills (laid out in points, as print_ does)."""
    doc = make_document(html, title, point_size)
    rect = _layout().paintRectPoints()
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    return doc.pageCount()


def fitting_point_size(html: str, pages: int = 1) -> float:
    """The largest text size (down to 8 pt) at which the HTML fits on ``pages`` pages."""
    size = BASE_POINT_SIZE
    while size > SMALLEST_POINT_SIZE and page_count(html, "", size) > pages:
        size -= 0.5
    return size


def fitted_document(html: str, title: str, pages: int | None) -> QTextDocument:
    """The page at the largest size that fits ``pages`` pages; when even 8 pt does not fit,
    at the normal size over more pages (small print helps nobody once it runs over)."""
    size = fitting_point_size(html, pages) if pages else BASE_POINT_SIZE
    if pages and page_count(html, title, size) > pages:
        size = BASE_POINT_SIZE
    return make_document(html, title, size)


def write_pdf(html: str, path: Path, title: str, *, fit_pages: int | None = None) -> int:
    """Write the HTML to an A4 PDF at ``path``; returns the number of pages.

    With ``fit_pages`` the text is made smaller (not below 8 pt) until it fits that many
    pages. OSError (with the system's reason) when the file cannot be written.
    """
    Path(path).open("wb").close()  # QPdfWriter fails silently: find out first, with a reason
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("SEND Adviser Desk")
    writer.setResolution(300)
    writer.setPageLayout(_layout())
    doc = fitted_document(html, title, fit_pages)
    doc.print_(writer)
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"the PDF could not be written to {path}")
    rect = _layout().paintRectPoints()
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    return doc.pageCount()


def save_pdf_dialog(
    html: str, title: str, suggested_name: str, parent: QWidget, *, fit_pages: int | None = None
) -> Path | None:
    """Ask where to save, write the PDF, and say clearly if it failed. None if cancelled.

    The dialog starts in the last folder saved to (Documents at first) and suggests
    ``suggested_name`` with today's date: ``family-handout.pdf`` → ``family-handout-2026-12-03.pdf``.
    """
    from desktop.ui.save_dialog import ask_save_path, remember_folder

    path = ask_save_path(
        parent, f"Save {title} as PDF", Path(suggested_name).stem, ".pdf", "PDF files (*.pdf)"
    )
    if path is None:
        return None
    try:
        write_pdf(html, path, title, fit_pages=fit_pages)
    except OSError as exc:
        log.warning("could not save PDF: %s", exc)
        QMessageBox.warning(
            parent,
            "Could not save the PDF",
            f"The PDF could not be saved ({exc}). Try another folder, such as Documents.",
        )
        return None
    remember_folder(path)
    return path


def print_dialog(
    html: str,
    title: str,
    parent: QWidget,
    *,
    fit_pages: int | None = None,
    dialog_title: str = "",
) -> bool:
    """Show the system print dialog and print the page on A4. False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_layout())
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(dialog_title or f"Print {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    fitted_document(html, title, fit_pages).print_(printer)
    return True
