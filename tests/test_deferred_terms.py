"""The app's synonym list is read at the first search, not at start-up (issue 16), and
searches with it exactly as the list read up front does."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from desktop.data.search_terms import NO_TERMS, DeferredTerms, SearchTerms, load_terms
from desktop.ui import main_window
from tests.conftest import RESOURCES

TEXTS = [
    "",
    "asd",
    "speech and language therapy",
    '"ehc plan" respite',
    "autism club saturday",
    "mental health",
    'unclosed "quote',
]


def test_nothing_is_read_until_the_first_use() -> None:
    calls: list[int] = []

    def load() -> SearchTerms:
        calls.append(1)
        return load_terms(RESOURCES / "synonyms.toml")

    terms = DeferredTerms(load)
    assert not terms.loaded and calls == []
    terms.fts_query("asd")
    assert terms.loaded and calls == [1]
    terms.parse("speech")
    len(terms)
    assert calls == [1]


@pytest.mark.parametrize("text", TEXTS)
def test_it_searches_as_the_list_read_up_front(text: str) -> None:
    eager = load_terms(RESOURCES / "synonyms.toml")
    deferred = DeferredTerms(lambda: load_terms(RESOURCES / "synonyms.toml"))
    assert deferred.parse(text) == eager.parse(text)
    assert deferred.fts_query(text) == eager.fts_query(text)
    assert deferred.groups == eager.groups and len(deferred) == len(eager) > 0
    assert deferred.group_of("autism") == eager.group_of("autism") is not None


def test_threads_that_search_at_once_read_the_list_once() -> None:
    calls: list[int] = []

    def slow_load() -> SearchTerms:
        calls.append(1)
        time.sleep(0.05)
        return load_terms(RESOURCES / "synonyms.toml")

    terms = DeferredTerms(slow_load)
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(terms.fts_query("asd"))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1]
    assert len(set(results)) == 1 and "autism" in results[0].lower()


def test_an_unusable_file_is_logged_at_the_first_search_and_searches_without_synonyms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "synonyms.toml"
    bad.write_text("[[group]\nwords = 3", encoding="utf-8")
    monkeypatch.setattr(main_window, "resource", lambda name: bad)
    terms = DeferredTerms(main_window._read_terms)
    with caplog.at_level(logging.WARNING):
        assert caplog.records == []
        query = terms.fts_query("asd")
    assert query == NO_TERMS.fts_query("asd")
    assert "not valid TOML" in caplog.text and "Searching without synonyms" in caplog.text


def test_a_missing_attribute_is_still_an_attribute_error() -> None:
    terms = DeferredTerms(lambda: NO_TERMS)
    with pytest.raises(AttributeError):
        terms.no_such_thing  # noqa: B018
    assert terms.loaded and len(terms) == 0


def test_a_loader_that_fails_unexpectedly_leaves_no_synonyms_and_is_not_retried(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    def broken() -> SearchTerms:
        calls.append(1)
        raise AttributeError("a bug in the loader")  # must not look like a missing attribute

    terms = DeferredTerms(broken)
    with caplog.at_level(logging.ERROR):
        assert terms.fts_query("asd") == NO_TERMS.fts_query("asd")
        assert terms.fts_query("asd") == NO_TERMS.fts_query("asd")
    assert calls == [1] and len(terms) == 0
    assert "synonym list could not be read" in caplog.text
