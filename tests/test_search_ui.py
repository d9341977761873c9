"""Searching in advisers' words, driven through the tabs with qtbot (demo data).

Did you mean (Local Offer and guidance), a postcode that widens, and Nearest first with its
distances carried into the shortlist's text, CSV and PDF.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from desktop.data.search_terms import load_terms
from desktop.data.store import Store
from desktop.ui.guidance import GuidanceTab
from desktop.ui.local_offer import LocalOfferTab
from tests.conftest import RESOURCES

TERMS = load_terms(RESOURCES / "synonyms.toml")


@pytest.fixture
def tab(qtbot, store: Store) -> LocalOfferTab:
    widget = LocalOfferTab(store.use_terms(TERMS))
    qtbot.addWidget(widget)  # closed afterwards: both worker threads stop
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def guidance(qtbot, store: Store) -> GuidanceTab:
    widget = GuidanceTab(store.use_terms(TERMS))
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    return widget


def search(tab: LocalOfferTab, text: str) -> None:
    tab.search.setText(text)
    tab.run_search()


# -- Did you mean (Local Offer) ---------------------------------------------------------------
def test_a_typo_gets_a_suggestion_that_enter_applies(tab: LocalOfferTab, qtbot) -> None:
    """Issue 13: 'speach therapy' found nothing; now the tab offers 'speech therapy', and
    from the search box Down reaches the offer and Enter searches for it."""
    assert not tab.suggestion.isVisible()
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "speach therapy")
    tab.run_search()  # what the debounce timer does after the pause
    assert tab.model.total == 0
    qtbot.waitUntil(tab.suggestion.isVisible, timeout=5000)
    button = tab.suggestion.button
    assert button.text() == "speech therapy?"
    assert button.accessibleName() == "Search for speech therapy instead"
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert tab.search.text() == "speech therapy" and tab.search.hasFocus()
    assert tab.model.total > 0 and not tab.suggestion.isVisible()


def test_no_suggestion_when_the_search_finds_plenty(tab: LocalOfferTab, qtbot) -> None:
    search(tab, "autsim")
    qtbot.waitUntil(tab.suggestion.isVisible, timeout=5000)
    assert tab.suggestion.text == "autism"
    tab.suggestion.button.click()
    assert tab.model.total > 2 and not tab.suggestion.isVisible()
    search(tab, "therapy")
    assert not tab.suggestion.isVisible()


def test_an_old_answer_never_shows_for_a_new_search(tab: LocalOfferTab, qtbot) -> None:
    search(tab, "speach")
    search(tab, "zzqxv")  # a newer search with nothing to suggest
    with qtbot.waitSignal(tab._suggest.ready, timeout=5000) as ready:
        pass
    assert ready.args == ["zzqxv", ""]
    assert not tab.suggestion.isVisible()


# -- postcodes -------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["area", "search"])
def test_a_postcode_with_no_services_shows_its_district(
    tab: LocalOfferTab, qtbot, where: str
) -> None:
    if where == "area":
        tab.filters.area.lineEdit().setFocus()
        tab.filters.area.lineEdit().selectAll()
        qtbot.keyClicks(tab.filters.area.lineEdit(), "bv3 1aa")
        qtbot.keyClick(tab.filters.area.lineEdit(), Qt.Key.Key_Return)
    else:
        search(tab, "BV3 1AA")
    assert tab.model.total == 12
    text = tab.count.text()
    assert text.startswith("12 services.") and "wider BV3 area" in text
    assert text in tab.count.accessibleName()


def test_the_area_box_takes_a_sector(tab: LocalOfferTab, qtbot) -> None:
    from desktop.ui.local_offer.filters import area_value

    assert area_value("bv3  6") == "BV3 6"
    tab.filters.area.lineEdit().setFocus()
    tab.filters.area.lineEdit().selectAll()
    qtbot.keyClicks(tab.filters.area.lineEdit(), "bv3 6")
    qtbot.keyClick(tab.filters.area.lineEdit(), Qt.Key.Key_Return)
    assert 0 < tab.model.total < 12


# -- Nearest first ---------------------------------------------------------------------------
def turn_on_nearest(tab: LocalOfferTab, qtbot, postcode: str) -> None:
    row = tab.nearest
    row.postcode.setFocus()
    qtbot.keyClicks(row.postcode, postcode)
    qtbot.keyClick(row.postcode, Qt.Key.Key_Return)  # Enter turns Nearest first on


def test_nearest_first_orders_by_estimated_distance(tab: LocalOfferTab, qtbot) -> None:
    usual = [tab.model.row_object(i).id for i in range(tab.model.rowCount())]
    turn_on_nearest(tab, qtbot, "BV1 4QT")
    assert tab.nearest.check.isChecked() and tab.nearest.origin is not None
    assert tab.count.text() == f"{tab.model.total} services, nearest first."
    assert "estimates" in tab.nearest.note.text() and "BV1 4QT" in tab.nearest.note.text()
    lines = [tab.model.index(i).data() for i in range(tab.model.rowCount())]
    assert "away (estimate)" in lines[0] and "under half a mile" in lines[0]
    miles = [tab.model.miles(i) for i in range(tab.model.rowCount())]
    known = [m for m in miles if m is not None]
    assert known == sorted(known) and "distance not known" in lines[-1]
    ids = [tab.model.row_object(i).id for i in range(tab.model.rowCount())]
    assert sorted(ids) == sorted(usual) and ids != usual
    tab.nearest.check.setChecked(False)
    assert [tab.model.row_object(i).id for i in range(tab.model.rowCount())] == usual
    assert "away" not in tab.model.index(0).data()


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Type the family's postcode"),
        ("Riverside", "is not a postcode"),
        ("BV9 1AA", "cannot be"),
    ],
)
def test_nearest_first_says_why_it_cannot_order(tab: LocalOfferTab, qtbot, typed, says) -> None:
    usual = [tab.model.row_object(i).id for i in range(tab.model.rowCount())]
    tab.nearest.postcode.setText(typed)
    tab.nearest.check.setChecked(True)
    assert says in tab.nearest.note.text() and tab.nearest.origin is None
    assert [tab.model.row_object(i).id for i in range(tab.model.rowCount())] == usual


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_distances_go_into_the_shortlist_exports(tab: LocalOfferTab, qtbot, tmp_path) -> None:
    turn_on_nearest(tab, qtbot, "BV1 4ZZ")  # no service there: placed by its sector, BV1 4
    tab.results.setFocus()
    tab.open_details()
    qtbot.keyClick(tab.results, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    tab.nearest.check.setChecked(False)  # a service added without Nearest first: no distance
    tab.results.setCurrentIndex(tab.model.index(3))
    tab.add_current()
    first, _second = tab.shortlist.services()
    line = "under half a mile from BV1 4 (an estimate)"
    assert tab.shortlist.shortlist.distances() == {first.id: line}
    text = tab.shortlist.text()
    assert f"Distance: {line}" in text and "BV1 4ZZ" not in text  # never the whole postcode
    out = tmp_path / "list.csv"
    tab.shortlist.save_csv(out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][-1] == "Distance (estimate)"
    assert rows[1][-1] == line and rows[2][-1] == ""
    pdf = tmp_path / "list.pdf"
    tab.shortlist.save_pdf(pdf)
    assert f"Distance: {line}" in _pdf_text(pdf)


def test_the_new_controls_have_names_and_labels(tab: LocalOfferTab) -> None:
    row = tab.nearest
    assert row.check.accessibleName() == "Nearest first"
    assert row.postcode.accessibleName() == "Postcode to measure distances from"
    labels = [w for w in row.findChildren(type(row.note)) if w.buddy() is row.postcode]
    assert labels and "&b" in labels[0].text()
    assert tab.suggestion.accessibleName() == "Spelling suggestion for the Local Offer search"
    assert tab.suggestion.label.buddy() is tab.suggestion.button


# -- the guidance ----------------------------------------------------------------------------
def test_guidance_finds_and_highlights_refused_to_assess(guidance: GuidanceTab, qtbot) -> None:
    qtbot.keyClicks(guidance.search, "refused to assess")
    ids = [guidance.model.row_object(i).id for i in range(guidance.model.rowCount())]
    assert "health-and-social-care" in ids and "tribunal-appeals" in ids
    guidance.select_section("health-and-social-care")
    marked = [s.cursor.selectedText().lower() for s in guidance.text.extraSelections()]
    assert "refusal to assess" in marked and "to" not in marked
    assert "highlighted" in guidance.matches.text()


def test_guidance_annual_review_and_ehcp(guidance: GuidanceTab, qtbot) -> None:
    qtbot.keyClicks(guidance.search, "annual review")
    assert guidance.current_section().id == "ehc-timescales"
    guidance.search.clear()
    qtbot.keyClicks(guidance.search, "EHCP")
    marked = {s.cursor.selectedText() for s in guidance.text.extraSelections()}
    assert marked & {"EHC plan", "EHC plans", "education, health and care plan"}


def test_guidance_did_you_mean(guidance: GuidanceTab, qtbot) -> None:
    qtbot.keyClicks(guidance.search, "anual reveiw")
    assert guidance.model.rowCount() == 0
    assert guidance.suggestion.isVisible() and guidance.suggestion.text == "annual review"
    guidance.suggestion.button.setFocus()
    qtbot.keyClick(guidance.suggestion.button, Qt.Key.Key_Space)
    assert guidance.search.text() == "annual review" and guidance.search.hasFocus()
    assert guidance.model.rowCount() > 0 and not guidance.suggestion.isVisible()


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=30), st.text(max_size=12))
def test_any_text_in_the_boxes_is_safe(tab: LocalOfferTab, text: str, postcode: str) -> None:
    """Whatever is typed in the search and the postcode box: results or a sentence."""
    tab.nearest.postcode.setText(postcode)
    tab.nearest.check.setChecked(True)
    tab.nearest._update()
    search(tab, text)
    assert tab.count.text()
    tab.nearest.check.setChecked(False)
