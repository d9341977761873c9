"""Filter counts are computed in their own thread, on their own connection; stale ones drop."""

from __future__ import annotations

import sqlite3
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


def _sqlite_error(name: str) -> sqlite3.DatabaseError:
    exc = sqlite3.DatabaseError("database disk image is malformed")
    exc.sqlite_errorname = name  # type: ignore[attr-defined]  # as SQLite sets it
    return exc


@pytest.mark.parametrize(
    ("error", "said", "marked"),
    [("SQLITE_CORRUPT", "the data file is damaged", True), ("SQLITE_IOERR", "just now", False)],
)
def test_counts_that_fail_on_both_threads_leave_a_sentence_not_an_error(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch, error: str, said: str, marked: bool
) -> None:
    """A damaged page the first queries did not meet: the worker fails, and so does the
    count on the GUI thread. The results stay, the counts stay, the status bar says why, and
    for damage the next start is asked to check the file (found by a changed page layout)."""
    from desktop import logs
    from desktop.data import livefiles

    tab = LocalOfferTab(store)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.facets_shown, timeout=5000):
        tab.update_facets()
    before = [tab.filters.category.itemText(i) for i in range(tab.filters.category.count())]
    shown = tab.model.total

    def broken(*_a: object, **_k: object) -> None:
        raise _sqlite_error(error)

    monkeypatch.setattr(store, "facets", broken)
    monkeypatch.setattr(logs, "_damaged_paths", [store.path])
    with qtbot.waitSignal(tab.status_message, timeout=2000) as told:
        tab._facets.failed.emit("the worker could not read the file")
    assert said in told.args[0]
    assert [tab.filters.category.itemText(i) for i in range(tab.filters.category.count())] == before
    assert tab.model.total == shown
    assert livefiles.check_marker(store.path).exists() is marked


def test_workers_report_a_file_whose_format_changed_under_the_window(
    qtbot, db_copy: Path
) -> None:
    """Found by review: SchemaError is a UserError, not a StoreError, and escaped both
    workers' threads when they opened their own Store on a file a newer app had written."""
    from desktop.data.records import ServiceQuery
    from desktop.data.search_terms import NO_TERMS
    from desktop.ui.local_offer.facets_worker import FacetsWorker
    from desktop.ui.local_offer.suggest_worker import SuggestWorker

    with sqlite3.connect(db_copy) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    facets, suggest = FacetsWorker(db_copy), SuggestWorker(db_copy, NO_TERMS)
    facets.supersede(1)  # as the task does before it asks: request 1 is the newest
    suggest.supersede(1)
    with qtbot.waitSignal(facets.failed, timeout=2000) as told:
        facets.compute(1, ServiceQuery("speech"))
    assert "newer version" in told.args[1]
    with qtbot.waitSignal(suggest.failed, timeout=2000) as told:
        suggest.compute(1, "speeh", {})
    assert "newer version" in told.args[1]


def test_counts_interrupted_three_times_are_counted_on_the_gui_thread(
    qtbot, db_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review: three interrupts in a row while the request was still the newest
    gave up without a word, leaving the last search's counts on the filters."""
    from desktop.data.records import ServiceQuery
    from desktop.data.store import StoreInterrupted
    from desktop.ui.local_offer.facets_worker import FacetsWorker

    def interrupted(*_a: object, **_k: object) -> None:
        raise StoreInterrupted("interrupted")

    monkeypatch.setattr(Store, "facets", interrupted)
    worker = FacetsWorker(db_copy)
    worker.supersede(1)
    with qtbot.waitSignal(worker.failed, timeout=2000) as told:
        worker.compute(1, ServiceQuery("speech"))
    assert told.args[0] == 1
    if worker._store is not None:  # the worker's own connection (its thread would close it)
        worker._store.close()
