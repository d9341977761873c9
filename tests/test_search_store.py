"""The Local Offer searched in advisers' words: synonyms through Store (demo data)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.data.search_terms import load_terms
from desktop.data.store import Store
from tests.conftest import RESOURCES

TERMS = load_terms(RESOURCES / "synonyms.toml")


@pytest.fixture
def worded(store: Store) -> Store:
    return store.use_terms(TERMS)


def ids(store: Store, text: str, **filters: object) -> set[str]:
    return {r.id for r in store.search_services(text, limit=1000, **filters)}


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("EHCP", "education health and care"),
        ("SALT", "speech and language"),
        ("asd", "autism"),
        ("CAMHS", "mental health"),
        ("respite", "short breaks"),
        ("SENCo", "SENCO"),
    ],
)
def test_short_forms_find_what_the_long_forms_find(worded: Store, short: str, long: str) -> None:
    """Issue 13: EHCP, SALT and asd found nothing; now they find the services that spell
    them out, and the count and the list agree."""
    found = ids(worded, short)
    assert found, short
    assert ids(worded, f'"{long}"') <= found
    assert worded.count_services(short) == len(found)


def test_without_the_list_short_forms_find_nothing(store: Store) -> None:
    """The demo data never says EHCP, SALT or ASD: the list is what finds them."""
    for short in ("EHCP", "SALT", "asd"):
        assert store.count_services(short) == 0


def test_synonyms_combine_with_filters_and_other_words(worded: Store) -> None:
    free = ids(worded, "autism", free_only=True)
    assert free and free <= ids(worded, "autism")
    both = ids(worded, "asd parent")
    assert both and both <= ids(worded, "asd")
    facets = worded.facets("asd")
    for code, n in facets["category"].items():
        assert worded.count_services("asd", category=code) == n


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_safe_with_synonyms(worded: Store, text: str) -> None:
    worded.search_services(text)
    worded.count_services(text, free_only=True)


def test_the_app_ships_and_uses_the_list(qtbot, data_dir) -> None:
    """The synonym list is a resource the frozen app carries, and the window searches with
    it, in the tab and in the facets thread alike."""
    from desktop.config import resource, source_root
    from desktop.data.search_terms import SYNONYMS_FILE
    from tests.qt_helpers import open_main_window

    assert resource(SYNONYMS_FILE).is_file()
    spec = (source_root() / "build_installer.spec").read_text(encoding="utf-8")
    assert '"synonyms.toml"' in spec
    win = open_main_window(qtbot)
    try:
        assert len(win.store.terms) == len(TERMS)
        tab = win.local_offer
        with qtbot.waitSignal(tab.facets_shown, timeout=5000):
            tab.search.setText("SALT")
            tab.run_search()
            tab.update_facets()
        assert tab.model.total > 0
        counts = tab.filters.free.text()
        assert f"({win.store.count_services('SALT', free_only=True):,})" in counts
        win.reload_store()  # after a refresh or restore: the reopened Store keeps the list
        assert len(win.store.terms) == len(TERMS)
        assert win.local_offer.search.text() == "SALT"  # the adviser's search is kept
        assert win.local_offer.model.total == win.store.count_services("SALT") > 0
    finally:
        win.close()
        win.store.close()


def test_the_command_line_searches_in_advisers_words(data_dir, capsys) -> None:
    """send-desk search: synonyms, a widened postcode and "Did you mean" as in the tab."""
    import json

    from desktop.cli import main

    assert main(["search", "SALT", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0
    assert main(["search", "BV3", "1AA"]) == 0
    out = capsys.readouterr().out
    assert "12 services found" in out and "wider BV3 area" in out
    assert main(["search", "speach", "therapy"]) == 0
    out = capsys.readouterr().out
    assert "0 services found" in out and "Did you mean: speech therapy?" in out
