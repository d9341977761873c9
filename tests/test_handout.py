"""The family handout: one A4 PDF page that says exactly what was counted, when it was
prepared, the days left, the adviser's own service and contacts labelled with their area."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.data.dates import long_date
from desktop.data.deadlines import SAFETY_NOTE
from desktop.data.directory import FIND_SENDIASS, ProviderDirectory
from desktop.data.providers import parse_providers
from desktop.data.routes import TOPICS, WHO, find_routes
from desktop.ui import printing
from desktop.ui.guidance.handout import HANDOUT_TITLE, handout_html, one_page_handout
from tests.conftest import RESOURCES

D = dt.date
TODAY = D(2026, 12, 1)
PROVIDERS = parse_providers(
    (RESOURCES / "providers.toml").read_text(encoding="utf-8"), "bundled"
).providers
BUNDLED = ProviderDirectory(PROVIDERS)
OWN = """
[[provider]]
id = "brookvale-sendiass"
name = "Brookvale SENDIASS"
kind = "sendiass"
own = true
phones = ["0121 496 0123"]
email = "sendiass@example.org"
source = "Our own details"
checked_on = 2026-11-20

[[provider]]
id = "brookvale-send-team"
name = "Brookvale Council SEND team"
kind = "council-send-team"
phones = ["0121 496 0456"]
source = "Our own details"
checked_on = 2026-11-20
"""


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = text.replace("\ufb01", "fi").replace("\ufb00", "ff")  # the PDF's ligatures
    return len(reader.pages), re.sub(r"\s+", " ", text)


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def handout(advice, directory: ProviderDirectory = BUNDLED, who: str = "council") -> str:
    return handout_html(advice, directory, WHO[who], prepared=TODAY, law_checked="2026-11-28")


def org_directory(tmp_path: Path, text: str) -> ProviderDirectory:
    policy = tmp_path / "org.toml"
    policy.write_text(text, encoding="utf-8")
    return ProviderDirectory(
        PROVIDERS,
        data_dir=tmp_path / "data",
        policy_file=str(policy),
        organisation_name="Brookvale SENDIASS",
    )


def test_handout_counted_from_a_certificate_says_so_in_the_pdf(qapp, tmp_path: Path) -> None:
    """Issue 12: the handout printed 'Counted from [letter date]' when the deadline came from
    the certificate; a parent recounting got the wrong date."""
    advice = find_routes("refused-plan", D(2026, 10, 1), certificate=D(2026, 12, 4), today=TODAY)
    out = tmp_path / "handout.pdf"
    pages = printing.write_pdf(handout(advice), out, HANDOUT_TITLE, fit_pages=1)
    count, text = pdf_text(out)
    assert pages == count == 1
    assert "Prepared on Tuesday 1 December 2026" in text
    assert "1 month from the mediation certificate issued on Friday 4 December 2026" in text
    assert "Monday 4 January 2027" in text and "34 days left" in text
    assert "2 months from the decision letter sent on Thursday 1 October 2026" in text  # contact
    assert "Today is the last day" in text  # the adviser contact: 1 December 2026
    assert "mediation certificate issued: Friday 4 December 2026" in text
    assert SAFETY_NOTE in text and "r.20(1)(c)" in text
    assert PdfReader(str(out)).metadata.title == HANDOUT_TITLE
    box = PdfReader(str(out)).pages[0].mediabox  # A4 is 595 x 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_handout_pdf_has_deadlines_and_labelled_contacts(qapp, tmp_path: Path) -> None:
    advice = find_routes("refused-plan", D(2026, 12, 31), certificate=D(2027, 1, 20))
    out = tmp_path / "handout.pdf"
    printing.write_pdf(handout(advice), out, HANDOUT_TITLE, fit_pages=1)
    _count, text = pdf_text(out)
    assert "Monday 1 March 2027" in text  # appeal, moved from Sunday 28 Feb
    assert "Sunday 28 February 2027" in text  # mediation adviser contact, does not move
    digits = text.replace(" ", "")
    assert "03330062835" in digits and "senmediation@kids.org.uk" in text
    assert "02476831614" in digits
    assert "Coventry City Council START team — for Coventry" in text
    assert "covers only that area" in text


def test_handout_without_own_service_says_how_to_find_sendiass(qapp) -> None:
    html = handout(find_routes("council-handling"))
    assert FIND_SENDIASS in html
    assert "Your adviser" not in html
    assert "Your dates" not in html and "Ombudsman" in html


def test_handout_names_the_advisers_own_service(qapp, tmp_path: Path) -> None:
    directory = org_directory(tmp_path, OWN)
    assert directory.own_service is not None
    html = words(handout(find_routes("refused-plan", D(2026, 10, 1)), directory))
    assert "Your adviser: Brookvale SENDIASS: 0121 496 0123, sendiass@example.org" in html
    assert "Prepared by Brookvale SENDIASS on Tuesday 1 December 2026" in html
    assert "0121 496 0123" in html and "sendiass@example.org" in html
    assert FIND_SENDIASS not in html
    # The organisation's own council team replaces the bundled Coventry one.
    assert "Brookvale Council SEND team" in html
    assert "Coventry City Council START team" not in html


def test_an_organisation_file_that_corrects_a_number_reaches_the_handout(
    qapp, tmp_path: Path
) -> None:
    """Code review §c.1: the corrected number showed on the Providers tab but the handout
    kept the bundled one."""
    correction = """
[[provider]]
id = "kids-sen-mediation"
name = "KIDS SEN Mediation"
kind = "mediation"
phones = ["0121 496 0999"]
email = "senmediation@kids.org.uk"
source = "Our check with KIDS"
checked_on = 2026-11-30
"""
    directory = org_directory(tmp_path, correction)
    advice = find_routes("refused-plan", D(2026, 10, 1))
    out = tmp_path / "handout.pdf"
    printing.write_pdf(handout(advice, directory), out, HANDOUT_TITLE, fit_pages=1)
    _count, text = pdf_text(out)
    digits = text.replace(" ", "")
    assert "01214960999" in digits
    assert "03330062835" not in digits


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_fits_one_page_with_every_date_given(qapp, topic: str) -> None:
    """The longest case: the date printed on the letter as well, and a certificate."""
    t = TOPICS[topic]
    advice = find_routes(
        topic,
        D(2026, 10, 26),
        dated=D(2026, 10, 24) if t.is_letter else None,
        certificate=D(2026, 12, 4) if "appeal" in t.date_rules else None,
        today=TODAY,
    )
    html = one_page_handout(advice, BUNDLED, WHO[t.who], prepared=TODAY, law_checked="2026-11-28")
    size = printing.fitting_point_size(html, 1)
    assert size >= printing.SMALLEST_POINT_SIZE
    assert printing.page_count(html, "", size) == 1
    for d in advice.deadlines:  # compact or not, every date and what it was counted from
        assert long_date(d.deadline) in html and d.basis in html


def test_the_full_handout_is_used_whenever_it_fits(qapp) -> None:
    advice = find_routes("council-handling", D(2026, 10, 1), today=TODAY)
    full = handout(advice)
    assert (
        one_page_handout(advice, BUNDLED, WHO["council"], prepared=TODAY, law_checked="2026-11-28")
        == full
    )
    assert "Time limit:" in full


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


def test_handout_marks_an_estimate_and_says_why(qapp) -> None:
    html = words(handout(find_routes("exclusions", D(2026, 12, 18), today=TODAY), who="school"))
    assert "Wednesday 13 January 2027 (an estimate)" in html
    assert "which the app cannot know" in html and "term dates" in html
