"""Shortlist exports (text, CSV, PDF) and the copied details carry what a family needs, uncut."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QSizeF

from desktop.data import shortlist as sl
from desktop.data.detail_records import ServiceDetail
from desktop.data.service_text import MORE, sentences, summary
from desktop.data.store import Store
from desktop.ui.local_offer.details import contact_text
from desktop.ui.local_offer.shortlist import page_document, write_pdf
from tests.feed_records import build_db, plain_record, rich_record

LONG_URL = "https://example.org/brookvale/" + "a-very-long-page-name-" * 8 + "index.html"


@pytest.fixture
def rich(tmp_path: Path) -> list[ServiceDetail]:
    records = [rich_record(), plain_record(3, url=LONG_URL, description="Short. Clear.")]
    with Store.open(build_db(tmp_path / "x.sqlite", records)) as store:
        return [store.service("outpost-101"), store.service("plain-3")]  # type: ignore[list-item]


FAMILY_FACTS = (
    "Autism, Hearing (Communication and interaction; Sensory and/or physical needs)",
    "We welcome children with special educational needs.",
    "£83.50 per day (0–4s); £52.80 per half day",
    "Youth line: 020 7946 0123",
    "Florida office: 305-555-0142",
    "Office: 0121 496 0303 ext. 303",
    "Acorn Hall, 3 Oak Lane, Brookvale, BV3 6TE",
    "Home visits, Riverside, BV7 (exact address not published)",
    "Monday to Friday: 8am to 6pm; Saturday: 9am to 12pm",
    "Closed for refurbishment until 4 January.",
)


# -- summaries stop at a sentence end -----------------------------------------------------------
def test_a_long_paragraph_stops_after_its_last_whole_sentence() -> None:
    text = "First sentence here. Second one is a little longer. Third never fits in."
    assert summary(text, 55) == "First sentence here. Second one is a little longer." + MORE
    assert summary(text, 20) == "First sentence here." + MORE
    assert summary(text, 500) == text


def test_a_first_sentence_longer_than_the_limit_is_kept_whole() -> None:
    text = "word " * 100 + "end. Next."
    assert summary(text, 50) == ("word " * 100 + "end.") + MORE


def test_only_the_first_paragraph_with_a_mark_that_more_follows() -> None:
    assert summary("One paragraph.\nAnother.") == "One paragraph." + MORE
    assert summary("") == "" and summary("\n\n") == ""


def test_abbreviations_and_lower_case_do_not_end_a_sentence() -> None:
    text = "Ask Dr. Patel at St. Mary's, e.g. on Monday. Then call."
    assert sentences(text) == ["Ask Dr. Patel at St. Mary's, e.g. on Monday.", "Then call."]


_SENTENCE = st.from_regex(r"[A-Z][a-z]{1,12}( [a-z]{1,12}){0,12}[.!?]", fullmatch=True)


@given(st.lists(_SENTENCE, min_size=1, max_size=12), st.integers(10, 300))
def test_any_summary_is_whole_sentences_from_the_start(parts: list[str], limit: int) -> None:
    text = " ".join(parts)
    out = summary(text, limit)
    kept = out.removesuffix(MORE)
    assert text.startswith(kept) and kept[-1] in ".!?"
    assert kept in {" ".join(parts[:n]) for n in range(1, len(parts) + 1)}
    assert out.endswith(MORE) == (kept != text)


# -- the text, the copied details, the CSV and the PDF --------------------------------------------
def test_text_and_copied_details_carry_the_family_facts(rich: list[ServiceDetail]) -> None:
    text = sl.to_text(rich, demo=False)
    copied = contact_text(rich[0])
    for fact in FAMILY_FACTS:
        assert fact in text, fact
        assert fact in copied, fact
    assert "How to access: Call the office to book a visit. No referral needed." in text
    assert LONG_URL in text  # a web address is never cut


def test_csv_carries_the_new_columns(rich: list[ServiceDetail]) -> None:
    rows = list(csv.reader(io.StringIO(sl.to_csv(rich))))
    assert rows[0][0] == "Name" and sl.DEMO_COLUMN not in rows[0]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Needs"] == FAMILY_FACTS[0]
    assert first["SEND support"].startswith(FAMILY_FACTS[1])
    assert first["Cost"] == FAMILY_FACTS[2]
    assert first["Phone"] == (
        "Youth line: 020 7946 0123; Florida office: 305-555-0142; Office: 0121 496 0303 ext. 303"
    )
    assert first["Address"] == f"{FAMILY_FACTS[6]}; {FAMILY_FACTS[7]}"
    assert first["Opening times"] == FAMILY_FACTS[8]
    assert first["Checked by a person"] == "2026-10-01"
    assert first["What it is"].endswith(". …")  # a whole sentence, then the mark
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["Website"] == LONG_URL and second["What it is"] == "Short. Clear."


def test_csv_of_demo_data_marks_every_row(rich: list[ServiceDetail]) -> None:
    rows = list(csv.reader(io.StringIO(sl.to_csv(rich, demo=True))))
    assert tuple(rows[0]) == (sl.DEMO_COLUMN, *sl.CSV_COLUMNS)
    assert [r[0] for r in rows[1:]] == [sl.DEMO_CELL] * len(rich)


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_pdf_carries_opening_times_needs_costs_and_every_phone(
    qapp, rich: list[ServiceDetail], tmp_path: Path
) -> None:
    out = tmp_path / "family.pdf"
    write_pdf(out, rich, demo=False)
    text = unicodedata.normalize("NFKC", _pdf_text(out))  # ligatures ('ﬃ') back to letters
    for fact in FAMILY_FACTS:
        assert fact in text, fact
    assert "Opening times:" in text and "Needs:" in text and "SEND support:" in text


def test_pdf_wraps_long_web_addresses_inside_the_page(qapp, rich: list[ServiceDetail]) -> None:
    doc = page_document(rich, demo=False)
    doc.setPageSize(QSizeF(400, 800))
    assert doc.idealWidth() <= 400
    assert LONG_URL in doc.toPlainText().replace("\u2028", "").replace("\n", " ")


def test_a_long_shortlist_keeps_readable_text_over_several_pages(
    qapp, rich: list[ServiceDetail], tmp_path: Path
) -> None:
    many = [rich[0]] * 12
    out = tmp_path / "long.pdf"
    write_pdf(out, many, demo=True)
    assert len(pypdf.PdfReader(str(out)).pages) > 1
    assert page_document(many, demo=True).defaultFont().pointSizeF() >= 10
    assert page_document(rich[:1], demo=True).defaultFont().pointSizeF() >= 8
