"""The shortlist: text, CSV and PDF outputs, and saving where it cannot be saved."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from desktop.data import shortlist as sl
from desktop.data.detail_records import ServiceDetail
from desktop.data.service_text import detail_lines, places_of
from desktop.data.store import Store
from desktop.ui.local_offer import shortlist as ui_shortlist
from desktop.ui.local_offer.shortlist import ShortlistPanel


@pytest.fixture
def services(store: Store) -> list[ServiceDetail]:
    rows = store.search_services("speech", limit=3)
    return [store.service(r.id) for r in rows]


def test_shortlist_keeps_order_and_ignores_duplicates(services: list[ServiceDetail]) -> None:
    lst = sl.Shortlist()
    assert lst.add(services[1]) and lst.add(services[0])
    assert not lst.add(services[1])
    assert [s.id for s in lst] == [services[1].id, services[0].id]
    assert lst.remove(services[1].id) and not lst.remove("nope")
    assert len(lst) == 1 and services[0].id in lst


def test_csv_has_a_row_per_service(services: list[ServiceDetail]) -> None:
    rows = list(csv.reader(io.StringIO(sl.to_csv(services))))
    assert tuple(rows[0]) == sl.CSV_COLUMNS
    assert len(rows) == 1 + len(services)
    first = dict(zip(rows[0], rows[1], strict=True))
    s = services[0]
    assert first["Name"] == s.name and first["Address"] == "; ".join(places_of(s))
    assert first["Phone"] == "; ".join(p.text for p in s.all_phones)
    assert first["Last updated"] == s.last_modified[:10]


def test_text_and_copied_details_carry_the_same_lines(
    services: list[ServiceDetail],
) -> None:
    from desktop.ui.local_offer.details import contact_text

    s = dataclasses.replace(services[0], url="https://example.org/service")
    phones = sl.phones_of(s)
    assert phones and sl.email_of(s)
    lines = detail_lines(s)
    expected = [
        *(f"Phone: {p.text}" for p in s.all_phones),
        *(f"Email: {address}" for address in s.all_emails),
        "Website: https://example.org/service",
        *(f"Address: {a}" for a in places_of(s)),
    ]
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected
    assert contact_text(s).splitlines() == [s.name, *lines]
    text = sl.to_text([s], demo=False).splitlines()
    start = text.index(f"1. {s.name}") + 1
    assert text[start : start + len(lines)] == [f"   {line}" for line in lines]


def test_csv_cells_cannot_become_formulas(services: list[ServiceDetail]) -> None:
    hostile = dataclasses.replace(services[0], name="=HYPERLINK(1)", organisation="+1", url="")
    row = list(csv.reader(io.StringIO(sl.to_csv([hostile]))))[1]
    assert row[0] == "'=HYPERLINK(1)" and row[1] == "'+1"


def test_text_says_demo_only_for_demo_data(services: list[ServiceDetail]) -> None:
    demo = sl.to_text(services, demo=True)
    assert sl.DEMO_LINE in demo
    assert sl.DEMO_LINE not in sl.to_text(services, demo=False)
    for n, s in enumerate(services, 1):
        assert f"{n}. {s.name}" in demo


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text).replace("ﬁ", "fi")


def test_pdf_is_one_page_for_the_family(qtbot, services, tmp_path: Path) -> None:
    panel = ShortlistPanel(demo=True)
    qtbot.addWidget(panel)
    for s in services:
        panel.add(s)
    out = tmp_path / "list.pdf"
    panel.save_pdf(out)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    text = _pdf_text(out)
    assert "Demo data: these services are fictional" in text
    for s in services:
        assert s.name in text
        assert sl.phones_of(s)[0] in text


def test_panel_exports_csv_and_copies_text(qtbot, services, tmp_path: Path) -> None:
    panel = ShortlistPanel(demo=False)
    qtbot.addWidget(panel)
    assert not panel.csv_button.isEnabled()
    panel.add(services[0])
    assert panel.csv_button.isEnabled() and "1 service" in panel.heading.text()
    out = tmp_path / "list.csv"
    panel.save_csv(out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == services[0].name
    panel.copy()
    assert QGuiApplication.clipboard().text().startswith("Shortlist")
    assert services[0].name in QGuiApplication.clipboard().text()


def test_save_to_a_folder_that_cannot_be_written_says_so(
    qtbot, services, tmp_path: Path, monkeypatch
) -> None:
    panel = ShortlistPanel(demo=True)
    qtbot.addWidget(panel)
    panel.add(services[0])
    warned: list[str] = []
    monkeypatch.setattr(
        ui_shortlist.QMessageBox, "warning", lambda _p, _t, text: warned.append(text)
    )
    missing = tmp_path / "no-such-folder" / "list.pdf"
    panel._write(panel.save_pdf, str(missing))
    panel._write(panel.save_csv, str(tmp_path / "no-such-folder" / "list.csv"))
    assert len(warned) == 2 and "could not be saved" in warned[0]
    assert len(panel.services()) == 1  # nothing lost
