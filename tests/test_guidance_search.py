"""Search within the guidance: stems, phrases, synonyms, suggestions, highlighting."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.data.guidance import load_sections
from desktop.data.guidance_search import GuidanceIndex
from desktop.data.search_terms import load_terms
from tests.conftest import RESOURCES

SECTIONS = load_sections(RESOURCES / "guidance", "2026-12-01")
INDEX = GuidanceIndex(SECTIONS, load_terms(RESOURCES / "synonyms.toml"))
BY_ID = {s.id: s for s in SECTIONS}


def found(text: str) -> list[str]:
    return [s.id for s in INDEX.search(text)]


def test_annual_review_finds_the_timescales_first() -> None:
    assert found("annual review")[0] == "ehc-timescales"
    assert found("Annual Reviews")[0] == "ehc-timescales"


def test_refused_to_assess_finds_refusal_and_will_not_assess() -> None:
    """Issue 13: 'refused to assess' found nothing. Stems give 'refusal to assess'; the
    synonym list gives 'will not carry out an EHC needs assessment'."""
    ids = found("refused to assess")
    assert {"tribunal-procedure", "health-and-social-care", "tribunal-appeals"} <= set(ids)
    assert "will not carry out an EHC needs assessment" in BY_ID["tribunal-appeals"].body


def test_ehcp_finds_sections_that_say_ehc_plan() -> None:
    ids = set(found("EHCP"))
    spelled = {s.id for s in SECTIONS if re.search(r"EHC plan", s.body, re.I)}
    assert spelled and spelled <= ids
    assert not any("EHCP" in BY_ID[i].body for i in spelled)  # the guidance never says EHCP


def test_stems_and_phrases() -> None:
    assert set(found("assessments")) == set(found("assessment"))
    phrase = found('"working days"')
    words = found("working days")
    assert phrase and set(phrase) < set(words)  # side by side is narrower than both words
    for section_id in phrase:
        section = BY_ID[section_id]
        text = " ".join(re.findall(r"\w+", f"{section.body} {section.sources}".lower()))
        assert re.search(r"working days?", text), section_id


def test_no_words_lists_every_section_in_order() -> None:
    assert found("") == found("  *- ") == [s.id for s in SECTIONS]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("anual reveiw", "annual review"), ("tribnal", "tribunal"), ("medaition", "mediation")],
)
def test_did_you_mean_from_the_guidance_words(typed: str, meant: str) -> None:
    assert found(typed) == []
    suggestion = INDEX.suggest(typed, 0)
    assert suggestion is not None and suggestion.text == meant
    assert found(suggestion.text)
    assert INDEX.suggest(typed, 10) is None  # only when the search finds little


def test_no_suggestion_that_would_find_nothing() -> None:
    """'autsim' is one swap from 'autism', a word on the synonym list, but the guidance
    does not mention autism: offering it would only lead to another empty page."""
    assert found("autism") == []
    assert INDEX.suggest("autsim", 0) is None


def test_highlight_marks_phrases_and_stems_not_every_small_word() -> None:
    body = BY_ID["health-and-social-care"].body
    marked = [body[a:b] for a, b in INDEX.spans(body, "refused to assess")]
    assert any(m.lower() == "refusal to assess" for m in marked)
    assert "to" not in [m.lower() for m in marked]
    plan = next(s.body for s in SECTIONS if "EHC plan" in s.body)
    assert "EHC plan" in [plan[a:b] for a, b in INDEX.spans(plan, "EHCP")]
    # The word being typed is a prefix: 'certif' marks 'certificate'.
    cert = BY_ID["mediation-certificate"].body
    assert any(cert[a:b].lower().startswith("certificate") for a, b in INDEX.spans(cert, "certif"))
    assert INDEX.spans(cert, "") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_safe(text: str) -> None:
    rows = INDEX.search(text)
    INDEX.suggest(text, len(rows))
    INDEX.spans(SECTIONS[0].body + text, text)
