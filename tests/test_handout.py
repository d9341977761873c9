"""The family handout: one A4 PDF page whose text has the deadlines and the contacts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.data.deadlines import SAFETY_NOTE
from desktop.data.providers import parse_providers
from desktop.data.routes import TOPICS, WHO, find_routes
from desktop.ui import printing
from desktop.ui.guidance_handout import HANDOUT_TITLE, handout_html
from tests.conftest import RESOURCES

PROVIDERS = parse_providers(
    (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
).providers


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def test_handout_pdf_has_deadlines_and_contacts(qapp, tmp_path: Path) -> None:
    advice = find_routes("refused-plan", dt.date(2026, 12, 31), certificate=dt.date(2027, 1, 20))
    html = handout_html(advice, PROVIDERS, WHO["council"])
    out = tmp_path / "handout.pdf"
    pages = printing.write_pdf(html, out, HANDOUT_TITLE, fit_pages=1)
    count, text = pdf_text(out)
    assert pages == count == 1
    assert "Monday 1 March 2027" in text  # appeal, moved from Sunday 28 Feb
    assert "Sunday 28 February 2027" in text  # mediation adviser contact, does not move
    digits = text.replace(" ", "")
    assert "03330062835" in digits and "senmediation@kids.org.uk" in text
    assert "02476831614" in digits
    assert SAFETY_NOTE in text
    assert "r.20(1)(c)" in text
    assert PdfReader(str(out)).metadata.title == HANDOUT_TITLE
    box = PdfReader(str(out)).pages[0].mediabox  # A4 is 595 x 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_fits_one_page_at_a_readable_size(qapp, topic: str) -> None:
    advice = find_routes(topic, dt.date(2026, 10, 1), certificate=dt.date(2026, 11, 20))
    html = handout_html(advice, PROVIDERS, WHO[TOPICS[topic].who])
    size = printing.fitting_point_size(html, 1)
    assert size >= 8.5
    assert printing.page_count(html, "", size) == 1


def test_handout_without_dates_has_no_dates_table(qapp) -> None:
    html = handout_html(find_routes("council-handling"), PROVIDERS, WHO["council"])
    assert "Your dates" not in html
    assert "Ombudsman" in html


def test_save_dialog_writes_the_pdf(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "family"  # no .pdf: the helper adds it
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    parent = QWidget()
    saved = printing.save_pdf_dialog("<p>Hello</p>", "Test", "x.pdf", parent)
    assert saved == tmp_path / "family.pdf"
    assert "Hello" in pdf_text(saved)[1]


def test_save_dialog_failure_says_so_and_loses_nothing(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing-folder" / "family.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: warnings.append(text))
    assert printing.save_pdf_dialog("<p>Hello</p>", "Test", "x.pdf", QWidget()) is None
    assert warnings and "could not be saved" in warnings[0]


def test_cancelled_save_does_nothing(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert printing.save_pdf_dialog("<p>Hello</p>", "Test", "x.pdf", QWidget()) is None
