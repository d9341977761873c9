"""Filter counts (facets) off the GUI thread: a worker QObject in its own QThread.

The worker opens its own read-only connection inside its thread (SQLite connections belong
to the thread that opened them). Every request carries a generation number; a newer request
interrupts the query in flight, and any result that is not for the newest request is
dropped, so the counts shown always belong to what is in the search box and filters now.
``FacetsTask.stop()`` interrupts, closes the connection in the worker's thread, quits the
thread and waits for it: call it before the database file is swapped and when the tab goes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from desktop.data.records import ServiceQuery
from desktop.data.schema import SchemaError
from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.store import DatabaseError, Store, StoreError, StoreInterrupted
from desktop.ui.local_offer.worker_thread import StoreWorker, WorkerTask

log = logging.getLogger(__name__)
Facets = dict[str, dict[str, int]]


class FacetsWorker(StoreWorker):
    """Lives in the facets thread; computes ``Store.facets`` on request."""

    finished = Signal(int, object)  # generation, facets dict
    INTERRUPTS = True  # a count is quick to start again; a stale one is not worth finishing

    # -- run in the worker thread ----------------------------------------------------------
    @Slot(int, object)
    def compute(self, generation: int, query: ServiceQuery) -> None:
        if self._is_stale(generation):
            return  # a newer request is queued behind this one
        try:
            store = self._opened()
            # An interrupt aimed at the query before this one can land on this one: retry
            # while the request is still the newest.
            for _attempt in range(3):
                try:
                    result = store.facets(query)
                except StoreInterrupted:
                    if self._is_stale(generation):
                        return
                    continue
                break
            else:  # interrupted three times while still the newest: count on the GUI thread
                self.failed.emit(generation, "the filter counts were interrupted")
                return
        except (StoreError, SchemaError) as exc:  # incl. a format changed under the window
            self.failed.emit(generation, str(exc))
            return
        except DatabaseError as exc:  # a damaged or vanished file: the tab counts itself
            if not self._is_stale(generation):
                self.failed.emit(generation, str(exc))
            return
        if not self._is_stale(generation):
            self.finished.emit(generation, result)


class FacetsTask(WorkerTask):
    """Owns the worker and its thread, on the GUI side. ``ready`` gives the newest counts."""

    ready = Signal(object)  # facets dict for the newest request
    failed = Signal(str)
    _request = Signal(int, object)

    def __init__(
        self, path: Path, parent: QObject | None = None, terms: SearchTerms = NO_TERMS
    ) -> None:
        super().__init__(FacetsWorker(path, terms), "facets", parent)

    @property
    def generation(self) -> int:
        return self._generation

    def request(self, query: ServiceQuery | str, filters: dict[str, object] | None = None) -> int:
        """Ask for counts of ``query`` (or words and design §3's keyword filters); returns
        the request's generation. Older requests are dropped."""
        if isinstance(query, str):
            query = ServiceQuery.of(query, **(filters or {}))
        elif filters:
            raise TypeError("give a ServiceQuery or words with keyword filters, not both")
        if self._stopped:
            return self._generation
        self._generation += 1
        self.worker.supersede(self._generation)
        self._request.emit(self._generation, query)
        return self._generation

    def _on_finished(self, generation: int, facets: Facets) -> None:
        if generation == self._generation and not self._stopped:
            self.ready.emit(facets)

    def _on_failed(self, generation: int, message: str) -> None:
        # Logged here, in the GUI thread: logging from a QThread would leave a Python
        # "dummy" thread record behind that can never be joined.
        log.warning("filter counts failed: %s", message)
        if generation == self._generation and not self._stopped:
            self.failed.emit(message)


def count_here(store: Store, query: ServiceQuery) -> tuple[dict[str, dict[str, int]] | None, str]:
    """The counts on the calling thread's own Store, after the worker could not make them;
    (None, a sentence for the status bar) when this fails too.

    A damaged page the first queries did not meet (the counts read other tables) is told as
    damage: the results stay, the counts stay as they were, and the next start checks the
    file and sets it aside, as for any damage met while the app runs.
    """
    try:
        return store.facets(query), ""
    except DatabaseError as exc:
        from desktop import logs
        from desktop.data import dberrors

        log.error("the filter counts could not be read: %s", exc)
        if dberrors.is_corrupt(exc):
            logs.note_damage(exc)
            return None, (
                "The filter counts could not be read: the data file is damaged. Restart the "
                "app and it will be set aside and replaced by the bundled data."
            )
        return None, "The filter counts could not be read just now; the results are still right."
