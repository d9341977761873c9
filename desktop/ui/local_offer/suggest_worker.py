"""A "Did you mean…?" for the Local Offer, off the GUI thread.

The first suggestion reads the index's whole vocabulary (0.6 s at 100,000 services), so a
worker in its own QThread, with its own read-only Store, answers ``Store.suggest``. Each
request has a generation number; only the newest request's answer is passed on, so a
suggestion always belongs to what is in the search box now. ``stop()`` closes the worker's
connection in its own thread, ends the thread and waits (before a file swap, on close).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.data.schema import SchemaError
from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.store import Store, StoreError

log = logging.getLogger(__name__)


class SuggestWorker(QObject):
    finished = Signal(int, str)  # generation, suggested text ('' for none)
    failed = Signal(int, str)

    def __init__(self, path: Path, terms: SearchTerms) -> None:
        super().__init__()
        self._path, self._terms = path, terms
        self._store: Store | None = None
        self._lock = threading.Lock()
        self._latest = 0

    def supersede(self, generation: int) -> None:  # GUI thread
        with self._lock:
            self._latest = generation

    def _is_stale(self, generation: int) -> bool:
        with self._lock:
            return generation != self._latest

    @Slot(int, str, object)
    def compute(self, generation: int, text: str, filters: dict[str, Any]) -> None:
        if self._is_stale(generation):
            return
        try:
            if self._store is None:
                self._store = Store.open(self._path, read_only=True).use_terms(self._terms)
            found = self._store.suggest(text, **filters)
        # SchemaError: the file's format changed under the window (a newer app wrote it).
        except (StoreError, SchemaError, sqlite3.Error, ValueError) as exc:
            self.failed.emit(generation, str(exc))
            return
        if not self._is_stale(generation):
            self.finished.emit(generation, found.text if found else "")

    @Slot()
    def shutdown(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            store.close()
        thread = self.thread()
        if thread is not None:
            thread.quit()


class SuggestTask(QObject):
    """The GUI side: ``request`` a suggestion, ``ready`` gives it (text, '' for none)."""

    ready = Signal(str, str)  # the search it is for, the suggestion
    _request = Signal(int, str, object)
    _shutdown = Signal()

    def __init__(
        self, path: Path, parent: QObject | None = None, terms: SearchTerms = NO_TERMS
    ) -> None:
        super().__init__(parent)
        self._generation = 0
        self._texts: dict[int, str] = {}
        self._stopped = False
        self.worker = SuggestWorker(path, terms)
        self._thread = QThread()
        self._thread.setObjectName("suggest")
        self.worker.moveToThread(self._thread)
        self._request.connect(self.worker.compute)
        self._shutdown.connect(self.worker.shutdown)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self.worker.deleteLater)
        self._thread.start()

    def request(self, text: str, filters: dict[str, Any]) -> None:
        if self._stopped:
            return
        self._generation += 1
        self._texts = {self._generation: text}
        self.worker.supersede(self._generation)
        self._request.emit(self._generation, text, dict(filters))

    def cancel(self) -> None:
        """Drop any answer still to come (the search box changed to a search that needs none)."""
        self._generation += 1
        self.worker.supersede(self._generation)

    def _on_finished(self, generation: int, suggestion: str) -> None:
        if generation == self._generation and not self._stopped:
            self.ready.emit(self._texts.get(generation, ""), suggestion)

    def _on_failed(self, generation: int, message: str) -> None:
        log.warning("spelling suggestion failed: %s", message)  # logged on the GUI thread

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.cancel()
        self._shutdown.emit()
        self._thread.wait()
