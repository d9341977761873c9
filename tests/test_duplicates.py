"""One implementation of each piece the code review found twice (c.10): the progress
words, the 'managed by your organisation' sentence, and one print/PDF path."""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.config import REFRESH_MANAGED, Policy
from desktop.data.feeds.sources import Progress
from desktop.refresh_cli import TextProgress
from desktop.ui import printing


def test_progress_is_described_once_for_the_dialog_and_the_terminal(
    qtbot, tmp_path: Path
) -> None:
    from desktop.ui.refresh_dialog import RefreshDialog

    p = Progress(pages_done=3, pages_total=10, services=1234, details_done=4, details_total=5)
    p.bytes_read = 1258291
    assert p.describe() == "Page 3 of 10: 1,234 services read; details 4 of 5; 1.2 MB"
    assert Progress(services=7).describe() == "7 services read"
    out = io.StringIO()
    TextProgress(out)(p)
    assert out.getvalue() == f"[#########                     ] {p.describe()}\n"
    dialog = RefreshDialog(tmp_path / "send-desk.sqlite", Policy(), lambda action: action())
    qtbot.addWidget(dialog)
    dialog.on_progress(p)
    assert dialog.status.text() == p.describe()


def test_managed_refresh_has_one_wording() -> None:
    from desktop import refresh_cli
    from desktop.ui import refresh_menu

    assert refresh_cli.MANAGED == refresh_menu.MANAGED == REFRESH_MANAGED
    assert "managed by your organisation" in REFRESH_MANAGED


class _PdfPrinter(QPrinter):
    """Stands in for the printer: the same page set-up, printed into a PDF file."""

    made: ClassVar[list[QPrinter]] = []
    out: ClassVar[Path]

    def __init__(self, mode: QPrinter.PrinterMode) -> None:
        super().__init__(mode)
        self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setOutputFileName(str(self.out))
        self.made.append(self)


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Print dialogs answer OK at once, and what is printed lands in a PDF file."""
    from PySide6.QtWidgets import QDialog

    _PdfPrinter.out = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrinter", _PdfPrinter)
    monkeypatch.setattr(
        printing.QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    return _PdfPrinter.out


def test_the_shortlist_prints_and_saves_through_the_handouts_page_set_up(
    qtbot, store, printed: Path, tmp_path: Path
) -> None:
    from desktop.ui.local_offer.shortlist import ShortlistPanel

    panel = ShortlistPanel(demo=True)
    qtbot.addWidget(panel)
    for summary in store.search_services("", limit=3):
        panel.add(store.service(summary.id))
    with qtbot.waitSignal(panel.status_message) as said:
        panel.print_dialog()
    assert said.args == ["Sent the shortlist to the printer."]
    margins = _PdfPrinter.made[-1].pageLayout().margins(printing._layout().units())
    assert margins == printing._layout().margins()  # 12 mm all round, as the handout
    saved = tmp_path / "saved.pdf"
    panel.save_pdf(saved)
    for pdf in (printed, saved):
        page = pypdf.PdfReader(str(pdf)).pages[0]
        assert len(pypdf.PdfReader(str(pdf)).pages) == 1
        assert round(float(page.mediabox.width)) == 595  # A4 in points
        assert "Services to contact" in str(pypdf.PdfReader(str(pdf)).metadata.title)
