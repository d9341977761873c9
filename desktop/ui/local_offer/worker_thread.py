"""What the Local Offer's two background workers (filter counts, "Did you mean") share: a
worker QObject with its own read-only Store, opened and closed in its own QThread, that
answers only the newest request; and the GUI-side task that owns the worker and the thread.

SQLite connections belong to the thread that opened them, so the worker opens its Store on
first use (in its thread) and closes it in ``shutdown`` (run in its thread through a queued
signal). Every request has a generation number; ``supersede`` marks every older one stale.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.store import Store


class StoreWorker(QObject):
    """Lives in its own thread; subclasses add ``finished`` and a ``compute`` slot."""

    failed = Signal(int, str)  # generation, message
    INTERRUPTS = False  # whether a newer request interrupts the query in flight

    def __init__(self, path: Path, terms: SearchTerms = NO_TERMS) -> None:
        super().__init__()
        self._path = path
        self._terms = terms  # the same synonym list as the tab's searches, or answers differ
        self._store: Store | None = None
        self._lock = threading.Lock()  # guards _store and _latest between the two threads
        self._latest = 0

    # -- called from the GUI thread --------------------------------------------------------
    def supersede(self, generation: int) -> None:
        """A newer request is coming: older ones are stale (and, if INTERRUPTS, the query in
        flight is aborted)."""
        with self._lock:
            self._latest = generation
            if self.INTERRUPTS and self._store is not None:
                self._store.interrupt()  # allowed from another thread

    def _is_stale(self, generation: int) -> bool:
        with self._lock:
            return generation != self._latest

    # -- run in the worker thread ----------------------------------------------------------
    def _opened(self) -> Store:
        """The worker's own read-only Store, opened in this thread on first use."""
        if self._store is None:
            store = Store.open(self._path, read_only=True).use_terms(self._terms)
            with self._lock:
                self._store = store
        return self._store

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


class WorkerTask(QObject):
    """The GUI side: owns the worker and its started thread; ``stop()`` ends both and waits.

    Subclasses define ``_request`` (the signal whose arguments reach the worker's
    ``compute``), ``_on_finished`` and ``_on_failed``, and count ``_generation`` up for each
    request they send.
    """

    _shutdown = Signal()
    _request: Signal  # each subclass's own, with its compute's arguments

    def __init__(self, worker: StoreWorker, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._stopped = False
        self.worker = worker
        self._thread = QThread()
        self._thread.setObjectName(name)
        worker.moveToThread(self._thread)
        # Queued across threads: the slots run in the worker's thread, in request order.
        self._request.connect(worker.compute)  # type: ignore[attr-defined]  # each subclass's slot
        self._shutdown.connect(worker.shutdown)
        worker.finished.connect(self._on_finished)  # type: ignore[attr-defined]  # likewise
        worker.failed.connect(self._on_failed)
        self._thread.finished.connect(worker.deleteLater)
        self._thread.start()

    def _on_finished(self, generation: int, answer: Any) -> None:  # pragma: no cover
        raise NotImplementedError

    def _on_failed(self, generation: int, message: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def running(self) -> bool:
        return self._thread.isRunning()

    def stop(self) -> None:
        """Drop any answer still to come, close the worker's connection in its own thread,
        end the thread and wait for it (before a file swap, when the tab goes)."""
        if self._stopped:
            return
        self._stopped = True
        self._generation += 1
        self.worker.supersede(self._generation)  # stale: queued requests return at once
        self._shutdown.emit()
        self._thread.wait()
