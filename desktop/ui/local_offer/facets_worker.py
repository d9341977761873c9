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
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.data.records import ServiceQuery
from desktop.data.schema import SchemaError
from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.store import DatabaseError, Store, StoreError, StoreInterrupted

log = logging.getLogger(__name__)
Facets = dict[str, dict[str, int]]


class FacetsWorker(QObject):
    """Lives in the facets thread; computes ``Store.facets`` on request."""

    finished = Signal(int, object)  # generation, facets dict
    failed = Signal(int, str)  # generation, message

    def __init__(self, path: Path, terms: SearchTerms = NO_TERMS) -> None:
        super().__init__()
        self._path = path
        self._terms = terms  # the same synonym list as the tab's searches, or counts differ
        self._store: Store | None = None
        self._lock = threading.Lock()  # guards _store and _latest between the two threads
        self._latest = 0

    # -- called from the GUI thread --------------------------------------------------------
    def supersede(self, generation: int) -> None:
        """A newer request is coming: abort the query in flight (it is now stale)."""
        with self._lock:
            self._latest = generation
            if self._store is not None:
                self._store.interrupt()  # allowed from another thread

    def _is_stale(self, generation: int) -> bool:
        with self._lock:
            return generation != self._latest

    # -- run in the worker thread ----------------------------------------------------------
    @Slot(int, object)
    def compute(self, generation: int, query: ServiceQuery) -> None:
        if self._is_stale(generation):
            return  # a newer request is queued behind this one
        try:
            if self._store is None:
                store = Store.open(self._path, read_only=True).use_terms(self._terms)
                with self._lock:
                    self._store = store
            # An interrupt aimed at the query before this one can land on this one: retry
            # while the request is still the newest.
            for _attempt in range(3):
                try:
                    result = self._store.facets(query)
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

    @Slot()
    def shutdown(self) -> None:
        """Close the connection in the thread that opened it, then end the thread."""
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()
        thread = self.thread()
        if thread is not None:
            thread.quit()


class FacetsTask(QObject):
    """Owns the worker and its thread, on the GUI side. ``ready`` gives the newest counts."""

    ready = Signal(object)  # facets dict for the newest request
    failed = Signal(str)
    _request = Signal(int, object)
    _shutdown = Signal()

    def __init__(
        self, path: Path, parent: QObject | None = None, terms: SearchTerms = NO_TERMS
    ) -> None:
        super().__init__(parent)
        self._generation = 0
        self._stopped = False
        self.worker = FacetsWorker(path, terms)
        self._thread = QThread()
        self._thread.setObjectName("facets")
        self.worker.moveToThread(self._thread)
        # Queued across threads: the slots run in the facets thread, in request order.
        self._request.connect(self.worker.compute)
        self._shutdown.connect(self.worker.shutdown)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self.worker.deleteLater)
        self._thread.start()

    @property
    def generation(self) -> int:
        return self._generation

    def running(self) -> bool:
        return self._thread.isRunning()

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

    def stop(self) -> None:
        """Abort what is running, close the worker's connection, end the thread and wait."""
        if self._stopped:
            return
        self._stopped = True
        self._generation += 1
        self.worker.supersede(self._generation)  # stale: queued requests return at once
        self._shutdown.emit()
        self._thread.wait()


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
