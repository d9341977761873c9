"""Synonyms and the FTS5 query built from what people type (desktop/data/search_terms.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data import schema
from desktop.data.search_terms import (
    MAX_WORDS,
    NO_TERMS,
    SearchTerms,
    SynonymsError,
    load_terms,
    norm,
    parse_terms,
    tokens,
)
from tests.conftest import RESOURCES

TOKENIZER = "porter unicode61 remove_diacritics 2"
TERMS = load_terms(RESOURCES / "synonyms.toml")

# What issue 13 and the task name, each pair of which must be one group.
REQUIRED = [
    ("EHCP", "EHC plan", "education health and care plan"),
    ("SALT", "SLT", "speech and language therapy", "speech therapy"),
    ("ASD", "ASC", "autism", "autistic"),
    ("ADHD", "attention deficit hyperactivity disorder"),
    ("SEMH", "social emotional mental health"),
    ("OT", "occupational therapy"),
    ("CAMHS", "mental health"),
    ("SENCO", "SENCo"),
    ("short breaks", "respite"),
    ("IPSEA", "Independent Provider of Special Education Advice"),
    ("SENDIASS", "IASS"),
    ("EOTAS", "education otherwise than at school"),
    ("PfA", "preparing for adulthood"),
    ("PMLD", "profound and multiple learning difficulties"),
    ("SLD", "severe learning difficulties"),
    ("MLD", "moderate learning difficulties"),
    ("VI", "visual impairment"),
    ("HI", "hearing impairment", "deaf"),
    ("DCD", "dyspraxia"),
    ("dyslexia", "dyslexic"),
    ("Down syndrome", "Down's syndrome", "Downs syndrome"),
    ("wheelchair", "wheelchair user"),
    ("sensory", "sensory processing"),
]


def test_the_shipped_list_fits_the_index_tokenizer() -> None:
    """These tests index with the app's tokenizer; if the schema changes it, so must they."""
    assert f"tokenize = '{TOKENIZER}'" in schema.FTS_DDL


@pytest.mark.parametrize("words", REQUIRED, ids=lambda w: w[0])
def test_required_groups_are_on_the_list(words: tuple[str, ...]) -> None:
    groups = {TERMS.group_of(w) for w in words}
    assert None not in groups, [w for w in words if TERMS.group_of(w) is None]
    assert len(groups) == 1, f"{words} are split over {[g.name for g in groups if g]}"


def test_every_word_is_in_one_group_only() -> None:
    seen: dict[tuple[str, ...], str] = {}
    clashes = []
    for group in TERMS.groups:
        for word in group.words:
            key = tuple(norm(t) for t in tokens(word))
            if key in seen:
                clashes.append(f"{word!r} in {group.name!r} and {seen[key]!r}")
            seen[key] = group.name
    assert not clashes
    assert len({g.name for g in TERMS.groups}) == len(TERMS.groups) >= 40


def _index(rows: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '{TOKENIZER}')")
    conn.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", enumerate(rows, 1))
    return conn


def _found(conn: sqlite3.Connection, terms: SearchTerms, text: str) -> set[int]:
    match = terms.fts_query(text)
    if not match:
        return set()
    return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [match])}


def _group_rows() -> Iterator[tuple[str, list[str]]]:
    for group in TERMS.groups:
        yield group.name, list(group.words)


@pytest.mark.parametrize(("name", "words"), list(_group_rows()), ids=[g.name for g in TERMS.groups])
def test_each_group_finds_every_other_way_of_saying_it(name: str, words: list[str]) -> None:
    """A text that uses only one of a group's words is found by searching any other."""
    rows = [f"Our team offers {w} for families." for w in words]
    rows.append("An unrelated swimming club on Saturdays.")
    conn = _index(rows)
    everyone = set(range(1, len(words) + 1))
    for word in words:
        found = _found(conn, TERMS, word)
        assert everyone <= found, f"{word!r} misses {sorted(everyone - found)}"
        assert len(rows) not in found


def test_query_shape() -> None:
    terms = SearchTerms(parse_terms('[[group]]\nwords = ["EHCP", "EHC plan"]').groups)
    assert terms.fts_query("ehcp") == '("ehcp" OR "EHC plan")'
    # What was typed stays a search of its own words; the last plain word is a prefix.
    assert terms.fts_query("EHC plans sup") == '(("EHC" AND "plans") OR "EHCP") AND "sup"*'
    assert terms.fts_query('"annual review') == '"annual review"*'  # unclosed: still typing
    assert terms.fts_query('"annual review"') == '"annual review"'
    assert terms.fts_query('"EHC plan" review') == '("EHC plan" OR "EHCP") AND "review"*'
    assert terms.fts_query("") == terms.fts_query(' "" *:- ') == ""


def test_without_a_list_the_query_is_as_before() -> None:
    assert NO_TERMS.fts_query("autism sup") == '"autism" AND "sup"*'
    assert NO_TERMS.fts_query("NEAR(") == '"NEAR"*'
    assert NO_TERMS.fts_query("carer's") == '"carer" AND "s"*'


def test_long_text_is_cut_to_a_search_box_worth_of_words() -> None:
    query = TERMS.parse(" ".join(f"w{n}" for n in range(500)))
    assert sum(len(p.typed) for p in query.pieces) == MAX_WORDS


def test_plain_words_are_the_ones_a_suggestion_may_correct() -> None:
    query = TERMS.parse("speach EHCP therap")
    assert [(w, prefix) for w, _span, prefix in query.plain_words()] == [
        ("speach", False),
        ("therap", True),
    ]
    text = query.text
    assert [text[a:b] for _w, (a, b), _p in query.plain_words()] == ["speach", "therap"]


def test_bad_lists_say_what_is_wrong() -> None:
    with pytest.raises(SynonymsError, match="not valid TOML"):
        parse_terms("[[group]\nwords = 3")
    with pytest.raises(SynonymsError, match="group 1 needs words"):
        parse_terms("[[group]]\nwords = 'EHCP'")
    with pytest.raises(SynonymsError, match="no letters"):
        parse_terms('[[group]]\nwords = ["EHCP", "--"]')
    with pytest.raises(SynonymsError, match="cannot be read"):
        load_terms(RESOURCES / "no-such-synonyms.toml")
    with pytest.raises(SynonymsError, match="group must be a list"):
        parse_terms("group = 3")


def test_a_list_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "synonyms.toml"
    bad.write_bytes('[[group]]\nwords = ["caf\u00e9", "coffee"]\n'.encode("latin-1"))
    with pytest.raises(SynonymsError, match="not UTF-8"):
        load_terms(bad)


SMALL = _index(["speech and language therapy for autistic children", "EHC plan advice"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_gives_a_query_fts5_accepts(text: str) -> None:
    _found(SMALL, TERMS, text)


WORDS = ["autism", "asd", "speech", "therapy", "plan", "ehc", "respite", "club", "mental", "health"]


FIVE = _index(
    [
        "Speech and language therapy for autistic children",
        "An EHC plan clinic",
        "Respite and short breaks club",
        "CAMHS: mental health support",
        "ASD parent group therapy",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_synonyms_never_lose_a_result(words: list[str]) -> None:
    text = " ".join(words)
    assert _found(FIVE, NO_TERMS, text) <= _found(FIVE, TERMS, text)


def test_groups_are_in_file_order_and_adjacent_words_do_not_merge() -> None:
    names = [g.name for g in TERMS.groups]
    assert names[0] == "EHC plan"
    # Two group words side by side stay two pieces, each with its own alternatives.
    query = TERMS.parse("autism respite")
    assert [p.group for p in query.pieces] == ["Autism", "Short breaks"]
    assert all(a != b for a, b in pairwise(query.pieces))
