"""Filter counts are computed in their own thread, on their own connection; stale ones drop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.data.store import Store
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.local_offer.facets_worker import FacetsTask


@pytest.fixture
def task(qtbot, db_copy: Path):
    t = FacetsTask(db_copy)
    yield t
    t.stop()


def test_worker_counts_match_the_store(task: FacetsTask, store: Store, qtbot) -> None:
    filters = {"category": "health", "free_only": True, "age": None, "area": None, "need": None}
    with qtbot.waitSignal(task.ready, timeout=5000) as blocker:
        task.request("therapy", filters)
    assert blocker.args[0] == store.facets("therapy", **filters)


def test_stale_results_are_dropped(task: FacetsTask, store: Store, qtbot) -> None:
    shown: list[dict] = []
    task.ready.connect(shown.append)
    task.request("swim", {})
    task.request("speech", {"age": 7})
    with qtbot.waitSignal(task.ready, timeout=5000):
        pass
    # Results arrive in request order, so a result for "swim" would have come first.
    assert shown == [store.facets("speech", age=7)]
    assert task.generation == 2


def test_stop_ends_the_thread_and_ignores_later_requests(task: FacetsTask, qtbot) -> None:
    with qtbot.waitSignal(task.ready, timeout=5000):
        task.request("", {})
    assert task.running()
    task.stop()
    assert not task.running()
    with qtbot.assertNotEmitted(task.ready, wait=50):
        task.request("speech", {})
    task.stop()  # twice is harmless


def test_unreadable_file_reports_failure(tmp_path: Path, qtbot) -> None:
    missing = tmp_path / "gone.sqlite"
    t = FacetsTask(missing)
    try:
        with qtbot.waitSignal(t.failed, timeout=5000) as blocker:
            t.request("speech", {})
        assert "No database" in blocker.args[0]
    finally:
        t.stop()


def test_typing_never_counts_on_the_gui_thread(qtbot, store: Store, monkeypatch) -> None:
    tab = LocalOfferTab(store)
    qtbot.addWidget(tab)
    gui = threading.current_thread()

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError(f"facets counted on {gui.name}")

    monkeypatch.setattr(store, "facets", refuse)
    tab.search.setText("speech")
    tab.filters.age.setValue(7)  # runs the search at once
    assert tab.model.total == store.count_services("speech", age=7)
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    bar = tab.filters
    expected = Store.open(store.path, read_only=True)
    try:
        health = expected.count_services("speech", category="health", age=7)
    finally:
        expected.close()
    assert bar.category.itemText(bar.category.findData("health")) == f"Health ({health})"


def test_closing_the_tab_stops_its_thread(qtbot, store: Store) -> None:
    tab = LocalOfferTab(store)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    assert tab._facets.running()
    tab.close()
    assert not tab._facets.running()


def test_main_window_close_stops_the_facets_thread(window) -> None:
    facets = window.local_offer._facets
    assert facets.running()
    window.close()
    assert not facets.running()


def test_file_swap_runs_with_no_facets_connection_open(window, qtbot) -> None:
    old = window.local_offer._facets
    seen: list[bool] = []
    window.replace_data(lambda: seen.append(old.running()))
    assert seen == [False]  # the old thread (and its connection) ended before the swap
    new = window.local_offer._facets
    assert new is not old and new.running()
    with qtbot.waitSignal(window.local_offer.facets_shown, timeout=5000):
        window.local_offer.update_facets()
