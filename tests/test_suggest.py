"""A "Did you mean…?" from the index's own words (desktop/data/suggest.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.data.search_terms import NO_TERMS, load_terms
from desktop.data.store import Store
from desktop.data.suggest import TOKENIZE, Stemmer, Vocabulary, max_edits
from tests.conftest import RESOURCES

TERMS = load_terms(RESOURCES / "synonyms.toml")


@pytest.fixture
def worded(bundled_db: Path):
    """The demo data as the app opens a bundled copy: read-only and immutable."""
    s = Store.open(bundled_db, read_only=True, immutable=True).use_terms(TERMS)
    yield s
    s.close()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("speach therapy", "speech therapy"),  # issue 13
        ("autsim", "autism"),  # two letters swapped: one edit
        ("Speach", "Speech"),  # the typed capitals are kept
        ("ocupational therapy", "occupational therapy"),
        ("wheelchiar", "wheelchair"),
        ("swiming lessons", "swimming lessons"),
        ("theraphies", "therapy"),  # compared by stem, shown as the data writes it
        ("kamhs", "CAMHS"),  # a word from the synonym list, though the data never says it
    ],
)
def test_typos_get_the_word_the_data_holds(worded: Store, typed: str, meant: str) -> None:
    assert worded.count_services(typed) == 0
    suggestion = worded.suggest(typed)
    assert suggestion is not None and suggestion.text == meant
    assert worded.count_services(suggestion.text) > 0


@pytest.mark.parametrize(
    "typed",
    [
        "speech therapy",  # nothing wrong
        "speech thera",  # still being typed: words start like this
        "xqzzyv",  # nothing near
        "clb",  # under 4 letters: too short to guess
        "counseling",  # 'council' is near the stem 'counsel' only: not offered
        "BV3 1AA",
        "",
    ],
)
def test_no_suggestion_when_there_is_nothing_good_to_offer(worded: Store, typed: str) -> None:
    assert worded.suggest(typed) is None


def test_edit_distance_grows_with_the_word() -> None:
    assert [max_edits(w) for w in ("ehcp", "autsm", "autsim", "occupational")] == [1, 1, 2, 2]


def test_the_stemmer_is_the_index_tokenizer() -> None:
    stems = Stemmer().stems(["refused", "refusal", "therapies", "therapy", "two words", "--"])
    assert stems["refused"] == stems["refusal"] == "refus"
    assert stems["therapies"] == stems["therapy"] == "therapi"
    assert stems["two words"] == stems["--"] == ""


def _small(rows: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize = '{TOKENIZE}')")
    conn.executemany("INSERT INTO t (body) VALUES (?)", [(r,) for r in rows])
    return conn


def test_a_rare_misspelling_in_the_data_still_gets_the_common_word() -> None:
    """A feed's own typo ('speach' once) makes the word known, but the search finds
    very little: the word that is in ten times as many rows is offered."""
    conn = _small(["Speach therapy drop-in"] + [f"Speech clinic {n}" for n in range(12)])
    vocab = Vocabulary(conn, "t")
    suggestion = vocab.suggest(NO_TERMS.parse("speach"))
    assert suggestion is not None and suggestion.text == "speech"
    # ... but not when the neighbour is about as common.
    conn2 = _small(["Speach A", "Speach B", "Speech C", "Speech D"])
    assert Vocabulary(conn2, "t").suggest(NO_TERMS.parse("speach")) is None


def test_vocabulary_refuses_a_bad_table_name() -> None:
    with pytest.raises(ValueError, match="not an FTS table"):
        Vocabulary(sqlite3.connect(":memory:"), "t; DROP TABLE x")


VOCAB = Vocabulary(_small(["Speech and language therapy", "Autism support group", "Café"]), "t")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_safe(text: str) -> None:
    suggestion = VOCAB.suggest(TERMS.parse(text), extra=["CAMHS", "EHCP"])
    assert suggestion is None or isinstance(suggestion.text, str)


def test_start_up_does_not_load_the_edit_distance_library(data_dir) -> None:
    """rapidfuzz (11 ms to import) loads when a search first finds little, not at start."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\nfrom desktop.cli import main\nassert main(['--smoke']) == 0\n"
        "print('rapidfuzz' in sys.modules)"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"
